import datetime as dt
import sqlite3

import pytest

from presslens.article import Article, Span
from presslens.corpus.migrations import MIGRATIONS, migrate, schema_version
from presslens.corpus.store import Store, default_article_id, snippet_parts
from presslens.errors import (ArticleConflictError, ArticleNotFoundError, QuerySyntaxError, SchemaVersionError,
                              StoreError)
from presslens.report import Report

from render.reports import technique

TEXT = 'Moscow said on Monday that the drills were "a provocation", TASS reported. NATO denied it.'


def make_article(article_id="a1", text=TEXT, outlet="TASS", published="2021-12-29"):
    return Article(text=text, id=article_id, title="Drills", outlet=outlet,
                   published=dt.date.fromisoformat(published), language="en")


def make_report(article):
    text = article.text
    quote_start = text.index("a provocation")
    speaker = Span(0, 6, "PERSON", attrs={"name": "Maria Zakharova", "role": "spokeswoman"})
    cue = Span(7, 11, "CUE")
    quote = Span(quote_start, quote_start + len("a provocation"), "QUOTE",
                 attrs={"kind": "direct", "cue": cue, "speaker": speaker, "outlet": "TASS"})
    tass = text.index("TASS")
    source = Span(tass, tass + 4, "OUTLET", attrs={"name": "TASS", "state_affiliated": True, "country": "RU",
                                                   "typology": "news agency", "typology_label": "state news agency",
                                                   "editorial_independence": False, "cue": None,
                                                   "kind": "attribution"})
    labeling = technique(text, "a provocation", "Name_Calling,Labeling", 0.8)
    return Report(article=article, layers={"quotes": [quote], "sources": [source], "techniques": [labeling]},
                  summary={"publisher": {"name": "TASS", "state_affiliated": True, "country": "RU"}},
                  analyzers=["quotes", "sources", "techniques"])


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "corpus.db") as store:
        yield store


def test_article_round_trip_keeps_id_and_metadata(store):
    article = make_article()
    assert store.add_article(article) == ("a1", True)
    assert store.get_article("a1") == article


def test_adding_the_same_article_twice_inserts_once(store):
    store.add_article(make_article())
    assert store.add_article(make_article()) == ("a1", False)
    assert store.stats()["articles"] == 1


def test_exact_copy_under_another_id_is_kept_as_a_duplicate(store):
    store.add_article(make_article("a1"))
    assert store.add_article(make_article("copy", outlet="Proxy")) == ("copy", True)
    stats = store.stats()
    assert (stats["articles"], stats["unique_texts"], stats["status"]["duplicate"]) == (2, 1, 1)
    assert store.duplicates() == [("a1", "copy")]
    assert store.get_article("copy").outlet == "Proxy"


def test_same_id_with_other_text_is_a_conflict(store):
    store.add_article(make_article())
    with pytest.raises(ArticleConflictError, match="a1"):
        store.add_article(make_article(text="Another text entirely."))


def test_article_without_id_gets_its_hash(store):
    article_id, _ = store.add_article(Article(text="No id here."))
    assert article_id == default_article_id("No id here.")


def test_missing_article_raises_a_clear_error(store):
    with pytest.raises(ArticleNotFoundError, match="nope"):
        store.get_article("nope")


def test_report_round_trip(store):
    article = make_article()
    store.add_article(article)
    report = make_report(article)
    store.save_report(report)
    assert store.get_report("a1").to_dict() == report.to_dict()
    assert store.count("done") == 1


def test_duplicate_gets_the_original_findings_with_its_own_metadata(store):
    article = make_article()
    store.add_article(article)
    store.add_article(make_article("copy", outlet="Proxy"))
    store.save_report(make_report(article))
    copy = store.get_report("copy")
    assert copy.article.outlet == "Proxy"
    assert copy.spans("quotes")[0].attrs["speaker"].attrs["name"] == "Maria Zakharova"


def test_report_of_unanalysed_article_raises(store):
    store.add_article(make_article())
    with pytest.raises(ArticleNotFoundError, match="not been analysed"):
        store.get_report("a1")


def test_literal_brackets_in_a_snippet_are_escaped_not_markers(store):
    store.add_article(make_article("b2", text="The [redacted] report on the drills was leaked."))
    assert store.search("drills")[0]["snippet"] == "The \\[redacted\\] report on the [drills] was leaked."


def test_snippet_parts_undo_the_escapes():
    assert list(snippet_parts("a \\[b\\] [c]")) == [("a ", False), ("[", False), ("b", False), ("]", False),
                                                      (" ", False), ("c", True)]


def test_full_text_search_finds_words_and_phrases(store):
    store.add_article(make_article())
    store.add_article(make_article("b1", text="A quiet day at the harbour in Riga.", outlet="LSM"))
    assert [hit["id"] for hit in store.search("provocation")] == ["a1"]
    assert [hit["id"] for hit in store.search('"quiet day"')] == ["b1"]
    assert "[provocation]" in store.search("provocation")[0]["snippet"]
    with pytest.raises(QuerySyntaxError, match="a OR b"):
        store.search("AND OR")


def test_list_articles_filters(store):
    first = make_article()
    store.add_article(first)
    store.add_article(make_article("b1", text="Riga harbour news.", outlet="LSM", published="2022-01-05"))
    store.save_report(make_report(first))
    assert [a["id"] for a in store.list_articles()] == ["b1", "a1"]
    assert [a["id"] for a in store.list_articles(outlet="tass")] == ["a1"]
    assert [a["id"] for a in store.list_articles(date_from="2022-01-01")] == ["b1"]
    assert [a["id"] for a in store.list_articles(technique="Name_Calling,Labeling")] == ["a1"]
    assert [a["id"] for a in store.list_articles(speaker="Maria Zakharova")] == ["a1"]
    assert [a["id"] for a in store.list_articles(state_affiliated=True)] == ["a1"]
    assert [a["id"] for a in store.list_articles(limit=1, offset=1)] == ["a1"]


def test_outlets_and_speakers(store):
    article = make_article()
    store.add_article(article)
    store.save_report(make_report(article))
    tass = store.outlet("TASS")
    assert (tass["articles"], tass["mentions"], tass["state_affiliated"]) == (1, 0, True)  # citing itself
    assert [o["name"] for o in store.outlets()] == ["TASS"]
    assert store.speakers()[0]["name"] == "Maria Zakharova"
    assert store.speaker("maria zakharova")["quotes_list"][0]["text"] == "a provocation"
    with pytest.raises(ArticleNotFoundError, match="RT"):
        store.outlet("RT")


def test_reuse_pairs_round_trip(store):
    store.add_article(make_article("a"))
    store.add_article(make_article("b", text="Other text."))
    pair = {"a": "a", "b": "b", "share_a": 0.5, "share_b": 1.0,
            "passages": [{"a_start": 0, "a_end": 5, "b_start": 0, "b_end": 5}], "origin": "a"}
    assert store.save_reuse([{**pair, "kind": "republication", "source": "a"}]) == 1
    assert store.reuse_pairs() == [{**pair, "kind": "republication", "source": "a", "a_outlet": "TASS",
                                    "a_published": "2021-12-29", "b_outlet": "TASS", "b_published": "2021-12-29"}]


def test_reuse_pairs_hide_a_kind(store):
    store.add_article(make_article("a"))
    store.add_article(make_article("b", text="Other text."))
    store.save_reuse([{"a": "a", "b": "b", "share_a": 0.5, "share_b": 1.0, "passages": [], "kind": "boilerplate"}])
    assert store.reuse_pairs(hide_kinds=["boilerplate"]) == []


def test_reading_an_older_schema_says_how_to_upgrade(tmp_path):
    connection = sqlite3.connect(tmp_path / "old.db", isolation_level=None)
    migrate(connection, source="old.db", migrations=MIGRATIONS[:1])
    connection.close()
    with pytest.raises(StoreError, match="corpus init"):
        Store(tmp_path / "old.db", read_only=True)


def test_migrations_apply_once_in_order(tmp_path):
    connection = sqlite3.connect(tmp_path / "m.db", isolation_level=None)
    extra = MIGRATIONS + ("ALTER TABLE articles ADD COLUMN note TEXT;",)
    assert migrate(connection, source="m.db") == len(MIGRATIONS)
    assert migrate(connection, source="m.db", migrations=extra) == 1
    assert schema_version(connection) == len(extra)
    assert migrate(connection, source="m.db", migrations=extra) == 0
    with pytest.raises(SchemaVersionError, match="newer"):
        migrate(connection, source="m.db")


def test_reopening_keeps_data(tmp_path):
    with Store(tmp_path / "c.db") as store:
        store.add_article(make_article())
    with Store(tmp_path / "c.db", read_only=True) as store:
        assert store.get_article("a1").title == "Drills"
        assert store.schema_version == len(MIGRATIONS)
