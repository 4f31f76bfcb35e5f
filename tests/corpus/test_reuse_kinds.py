import datetime as dt

import pytest

from presslens.corpus.reuse_kinds import ArticleFacts, classify, dateline, quoted_share, wire_credits

NOTE = "Editor's note: Donald Trump regularly incites political violence and is a serial liar."
BODY = "The senator spoke to reporters in the Capitol on Tuesday about the budget deal and the vote."
QUOTE = "“We will not accept a budget that cuts the programs working families rely on every day,” she said."


def _pair(a, b, a_text, b_text, passage):
    start_a, start_b = a_text.index(passage), b_text.index(passage)
    return {"a": a, "b": b, "share_a": len(passage) / len(a_text), "share_b": len(passage) / len(b_text), "passages": [{"a_start": start_a, "a_end": start_a + len(passage),
                                          "b_start": start_b, "b_end": start_b + len(passage)}]}


def _facts(text, outlet, day):
    return ArticleFacts(text, outlet, dt.date(2016, 5, day))


@pytest.fixture(scope="module")
def boilerplate_pairs():
    texts = {f"h{i}": f"Story {i} about something else entirely. {NOTE}" for i in range(5)}
    articles = {i: _facts(t, "HuffPost", 1 + n) for n, (i, t) in enumerate(texts.items())}
    records = [_pair(a, b, texts[a], texts[b], NOTE) for a in texts for b in texts if a < b]
    classify(records, articles)
    return records


def test_a_passage_in_many_articles_of_one_outlet_is_boilerplate(boilerplate_pairs):
    assert {r["kind"] for r in boilerplate_pairs} == {"boilerplate"}


def test_a_passage_in_two_articles_of_one_outlet_is_not_boilerplate():
    texts = {"x": "One. " + BODY, "y": "Two. " + BODY}
    records = [_pair("x", "y", texts["x"], texts["y"], BODY)]
    classify(records, {"x": _facts(texts["x"], "HuffPost", 1), "y": _facts(texts["y"], "HuffPost", 2)})
    assert records[0]["kind"] == "republication"


def test_a_small_shared_footer_of_one_outlet_is_boilerplate():
    footer = "Zach Carter is a co-host of the HuffPost Politics podcast."
    texts = {"x": BODY * 6 + footer, "y": QUOTE * 6 + footer}
    records = [_pair("x", "y", texts["x"], texts["y"], footer)]
    classify(records, {"x": _facts(texts["x"], "HuffPost", 1), "y": _facts(texts["y"], "HuffPost", 2)})
    assert records[0]["kind"] == "boilerplate"


def test_a_stock_sentence_of_one_outlet_in_the_middle_of_long_articles_is_boilerplate():
    plug = "This story is part of USA TODAY's One Nation initiative, a series of forums across the country."
    texts = {"x": BODY * 30 + plug + BODY * 30, "y": QUOTE * 30 + plug + QUOTE * 30}
    records = [_pair("x", "y", texts["x"], texts["y"], plug)]
    classify(records, {"x": _facts(texts["x"], "USA Today", 1), "y": _facts(texts["y"], "USA Today", 2)})
    assert records[0]["kind"] == "boilerplate"


def test_a_passage_inside_quotation_marks_is_a_shared_quote():
    texts = {"x": "Outlet one. " + QUOTE, "y": "Outlet two reports. " + QUOTE}
    records = [_pair("x", "y", texts["x"], texts["y"], QUOTE[:-9])]
    classify(records, {"x": _facts(texts["x"], "Politico", 1), "y": _facts(texts["y"], "USA Today", 2)})
    assert records[0]["kind"] == "shared_quote"


@pytest.fixture(scope="module")
def wire_pair():
    texts = {"x": "WASHINGTON (AP) — " + BODY, "y": "Breaking. WASHINGTON — " + BODY + " (AP)"}
    records = [_pair("y", "x", texts["y"], texts["x"], BODY)]
    classify(records, {"x": _facts(texts["x"], "Associated Press", 3), "y": _facts(texts["y"], "Politico", 3)})
    return records[0]


def test_a_wire_credit_makes_syndication(wire_pair):
    assert (wire_pair["kind"], wire_pair["credit"]) == ("syndication", "Associated Press")


def test_on_the_same_date_the_credited_wire_is_the_source(wire_pair):
    assert wire_pair["source"] == "x"


def test_the_earlier_article_is_the_source():
    texts = {"x": "Later. " + BODY, "y": "Earlier. " + BODY}
    records = [_pair("x", "y", texts["x"], texts["y"], BODY)]
    classify(records, {"x": _facts(texts["x"], "Politico", 9), "y": _facts(texts["y"], "USA Today", 2)})
    assert records[0]["source"] == "y"


@pytest.mark.parametrize("text, wire", [("Moscow said so (Reuters).", "Reuters"), ("NATO denied it. — TASS", "TASS"),
                                        ("Source: TASS", "TASS"),
                                        ("The Associated Press contributed to this report.", "Associated Press")])
def test_wire_credits(text, wire):
    assert wire_credits(text) == [wire]


def test_dateline_at_the_start_of_a_line():
    assert dateline("Title line\n\nWASHINGTON (AP) — The senator said") == "WASHINGTON"


def test_quoted_share_of_a_passage_inside_quotes():
    assert quoted_share(QUOTE, 1, 40) == 1.0
