import pytest

from presslens.corpus import views
from presslens.corpus.store import Store

from .test_store import make_article, make_report


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "views.db") as opened:
        article = make_article()
        opened.add_article(article)
        opened.save_report(make_report(article))
        yield opened


@pytest.mark.parametrize("name", ["loaded language", "LOADED_LANGUAGE", "Loaded-Language"])
def test_technique_key_ignores_case_and_spacing(name):
    assert views.technique_key(name) == "loaded_language"


def test_articles_per_outlet(store):
    assert views.articles_per_outlet(store) == [{"outlet": "TASS", "articles": 1, "first": "2021-12-29",
                                                 "last": "2021-12-29"}]


def test_technique_rates_over_the_whole_corpus(store):
    assert list(views.technique_rates(store)["series"]) == ["all techniques", "Name_Calling,Labeling"]


def test_techniques_not_run_are_not_analysed(tmp_path):
    with Store(tmp_path / "none.db") as empty:
        assert views.technique_rates(empty) == {"series": {}, "articles": 0, "analysed": False, "skipped": 0}


def test_reuse_summary_counts_kinds(store):
    store.add_article(make_article("b", text="Other text."))
    store.save_reuse([{"a": "a1", "b": "b", "share_a": 0.5, "share_b": 1.0, "passages": [], "kind": "boilerplate"}])
    assert views.reuse_summary(store) == {"kinds": {"boilerplate": 1}, "flows": []}
