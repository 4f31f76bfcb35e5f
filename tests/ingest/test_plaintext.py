"""One input line, one assertion: how plain-text lines are recognised."""

import datetime as dt

import pytest

from presslens.ingest.plaintext import (
    extract_byline, extract_dateline, is_boilerplate, looks_like_title, parse_date, parse_plain_text, _split_lines,
)


@pytest.mark.parametrize("line", [
    "Related Posts", "Leave a Reply", "Leave a Comment", "Your email address will not be published.",
    "Your email address will not be published. Required fields are marked *", "Share this:",
    "Share on Facebook", "Subscribe to our newsletter for daily updates", "Follow us on Telegram",
    "Like this:", "Loading...", "Advertisement", "Tags: NATO, Russia", "3 Comments", "Posted in World News",
    "Click to share on Twitter (Opens in new window)", "You may also like", "Read more: Putin speaks",
    "© 2021 Ru-Main. All rights reserved.",
])
def test_boilerplate_lines(line):
    assert is_boilerplate(line)


@pytest.mark.parametrize("line", [
    "Lavrov said the West must share responsibility.",
    "Advertisement revenue fell by 10 per cent, the company said.",
    "Readers were asked to leave a reply in the comments.",
    "",
])
def test_article_lines_are_not_boilerplate(line):
    assert not is_boilerplate(line)


@pytest.mark.parametrize("value,expected", [
    ("29.12.2021", dt.date(2021, 12, 29)),
    ("2021-12-29", dt.date(2021, 12, 29)),
    ("12/29/2021", dt.date(2021, 12, 29)),
    ("29/12/2021", dt.date(2021, 12, 29)),
    ("Dec 29, 2021", dt.date(2021, 12, 29)),
    ("December 29 2021", dt.date(2021, 12, 29)),
    ("29 December 2021", dt.date(2021, 12, 29)),
    ("31.02.2021", None),
    ("Smarch 3, 2021", None),
])
def test_parse_date(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("line,expected", [
    ("Russia Revealed NATO’s True Mission", True),
    ("Is NATO Expanding Again?", True),
    ("NATO’s goal is to fill a void left over from the fall of the USSR.", False),
    ("By Anna Petrova", False),
    ("Ru-Main, 29.12.2021", False),
    ("x " * 40, False),
])
def test_looks_like_title(line, expected):
    assert looks_like_title(line) is expected


@pytest.mark.parametrize("line,expected", [
    ("By Anna Petrova", "Anna Petrova"),
    ("By Jane Smith and John Doe", "Jane Smith and John Doe"),
    ("By Jean de la Fontaine, Reuters", "Jean de la Fontaine, Reuters"),
    ("By the way, this is not a byline.", None),
])
def test_byline(line, expected):
    found = extract_byline(_split_lines(line))
    assert (found[0] if found else None) == expected


@pytest.mark.parametrize("line,dateline,agency", [
    ("MOSCOW, Dec 29 (Reuters) - Russia said on Wednesday", "MOSCOW, Dec 29 (Reuters)", "Reuters"),
    ("Washington (AFP) – The White House said", "Washington (AFP)", "AFP"),
    ("KYIV, Ukraine — Officials said", "KYIV, Ukraine", None),
    ("Moscow - a city of contrasts - is", None, None),
])
def test_dateline(line, dateline, agency):
    found = extract_dateline(_split_lines(line))
    assert (found if found else (None, None)) == (dateline, agency)


def test_signature_line_gives_outlet_and_date():
    article = parse_plain_text("Title\n\nBody text here.\n\nRu-Main, 29.12.2021\nSource: TASS")
    assert (article.outlet, article.published, article.extra["credited_source"]) == (
        "Ru-Main", dt.date(2021, 12, 29), "TASS")


def test_boilerplate_is_removed_and_listed_with_input_offsets():
    text = "Title\n\nBody.\n\nRelated Posts\n\nLeave a Reply\n"
    article = parse_plain_text(text)
    assert article.text == "Title\n\nBody."
    assert [(r.text, text[r.input_start:r.input_end]) for r in article.removed] == [
        ("Related Posts", "Related Posts"), ("Leave a Reply", "Leave a Reply")]


def test_raw_keeps_text_byte_for_byte():
    text = "Title\r\n\r\nBody.\r\nLeave a Reply\r\n"
    assert parse_plain_text(text, raw=True).text == text


def test_title_stays_in_the_text():
    article = parse_plain_text("A Headline\n\nThe body.")
    assert article.text.startswith("A Headline") and article.title == "A Headline"


def test_field_sources_say_where_metadata_came_from():
    article = parse_plain_text("A Headline\n\nBy Anna Petrova\n\nThe body.")
    assert article.field_sources["byline"] == "byline 'By Anna Petrova'"


def test_unbalanced_quotes_and_odd_characters_do_not_break_ingestion():
    article = parse_plain_text("“Unclosed quote, he said.\n\n« guillemets » and „low” marks")
    assert "guillemets" in article.text
