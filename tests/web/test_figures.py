"""The figures behind the corpus charts, on the hand-built corpus."""

from __future__ import annotations

import pytest

from presslens.corpus import views
from presslens.corpus.store import Store
from presslens.web import figures

from .corpus import PESKOV_QUOTE


@pytest.fixture
def store(corpus_db):
    with Store(corpus_db) as opened:
        yield opened


def test_month():
    assert figures.month("2021-12-29") == "2021-12"
    assert figures.month(None) is None


def test_trace_phrase():
    assert figures.trace_phrase("They talk about dialogue, but they are preparing for war") == \
        '"They talk about dialogue but they are preparing for war"'
    assert figures.trace_phrase("with great concern") is None
    assert figures.trace_phrase('He said "no" OR "yes" NEAR the end') == '"He said no OR yes NEAR the end"'


def test_technique_rates_per_thousand_words(store):
    rates = views.technique_rates(store, "Baltic Watch")
    words = len(store.get_article("baltic-drills").text.split())
    assert rates["articles"] == 1 and rates["skipped"] == 0 and rates["analysed"]
    assert rates["series"]["all techniques"] == {"2023-03": pytest.approx(4 * 1000 / words)}
    assert rates["series"]["Loaded_Language"] == {"2023-03": pytest.approx(2 * 1000 / words)}
    assert list(rates["series"])[:2] == ["all techniques", "Loaded_Language"]


def test_technique_rates_leave_out_unanalysed_articles(store):
    from presslens.article import Article
    import datetime as dt

    store.add_article(Article(text="Not analysed yet.", id="later", outlet="TASS", published=dt.date(2023, 5, 1)))
    rates = views.technique_rates(store, "TASS")
    assert (rates["articles"], rates["skipped"]) == (1, 1)


def test_reuse_flows_follow_the_origin(store):
    [flow] = figures.reuse_flows(store)
    assert (flow["source"], flow["target"]) == ("baltic-drills", "echo-1")
    assert (flow["source_outlet"], flow["target_outlet"]) == ("Baltic Watch", "Echo Daily")
    assert flow["direction"] == "known" and flow["share"] == 0.61
    assert figures.reuse_flows(store, outlet="tass") == []


def test_reuse_flow_without_origin(store):
    store.save_reuse([{"a": "echo-1", "b": "tass-1", "share_a": 0.3, "share_b": 0.2, "passages": []}])
    [flow] = figures.reuse_flows(store)
    assert (flow["source"], flow["target"], flow["direction"]) == ("echo-1", "tass-1", "unknown")


def test_outlet_graph(store):
    nodes, edges = figures.outlet_graph(store, figures.reuse_flows(store))
    assert [node["name"] for node in nodes] == ["Baltic Watch", "Echo Daily"]
    assert edges == [("Baltic Watch", "Echo Daily", 1)]


def test_quotes_by_month():
    quotes = [{"outlet": "A", "published": "2023-01-05"}, {"outlet": "A", "published": "2023-01-20"},
              {"outlet": None, "published": "2023-02-01"}, {"outlet": "B", "published": None}]
    assert figures.quotes_by_month(quotes) == {"A": {"2023-01": 2}, "unknown outlet": {"2023-02": 1}}


def test_quotes_by_month_groups_small_outlets(monkeypatch):
    monkeypatch.setattr(figures, "TOP_OUTLETS", 1)
    quotes = [{"outlet": "A", "published": "2023-01-05"}, {"outlet": "A", "published": "2023-01-06"},
              {"outlet": "B", "published": "2023-01-07"}]
    assert figures.quotes_by_month(quotes) == {"A": {"2023-01": 2}, "other outlets": {"2023-01": 1}}


def test_republished(store):
    traced = figures.republished(store, store.speaker("Dmitry Peskov")["quotes_list"])
    assert [item["quote"]["text"] for item in traced] == [PESKOV_QUOTE]
    assert [hit["id"] for hit in traced[0]["articles"]] == ["echo-1"]
