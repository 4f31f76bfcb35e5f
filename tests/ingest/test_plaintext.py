"""One input line, one assertion: how plain-text lines are recognised."""

import datetime as dt

import pytest

from presslens.ingest.plaintext import (
    boilerplate_reason, extract_byline, extract_dateline, is_boilerplate, is_timestamp, looks_like_title, parse_date,
    parse_plain_text, _split_lines,
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


@pytest.mark.parametrize("line,reason", [
    ("Share this story!", "share line"),
    ("Think your friends would be interested? Share this story!", "share line"),
    ("Like this story? Share it with a friend!", "share line"),
    ("Also on rt.com NATO expansion is a threat, Lavrov says", "related-story link"),
    ("Also on sputniknews.com: Lavrov speaks", "related-story link"),
    ("READ MORE: US forced EU to follow through on sanctions", "related-story link"),
    ("Related:", "related-story link"),
    ("Subscribe to RT newsletter to get stories the mainstream media won't tell you.", "subscription promo"),
    ("Sign up for our daily newsletter", "subscription promo"),
    ("Join our Telegram channel for the latest news", "subscription promo"),
    ("Support independent journalism: donate today", "subscription promo"),
    ("Already a subscriber? Log in", "subscription promo"),
    ("Photo: Reuters/Jonathan Ernst", "photo credit"),
    ("(Photo by Jane Roe/AFP via Getty Images)", "photo credit"),
    ("Image credit: NASA", "photo credit"),
    ("Leave a Reply", "comment form"),
])
def test_boilerplate_reasons(line, reason):
    assert boilerplate_reason(line) == reason


@pytest.mark.parametrize("line", [
    "Lavrov said the West must share responsibility.",
    "Advertisement revenue fell by 10 per cent, the company said.",
    "Readers were asked to leave a reply in the comments.",
    "Join the protest, the organisers urged in a Telegram channel post on Sunday night.",
    "Photographers were kept away from the summit.",
    "Sharing intelligence with allies was vital, he said.",
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


@pytest.mark.parametrize("line,outlet", [
    ("Voice of America, Dec 29, 2021", "Voice of America"),
    ("The Moscow Times, 2021-12-29", "The Moscow Times"),
    ("He said it was fine, 29.12.2021", None),
    ("Laura Loomer on Monday, September 3, 2018", None),
])
def test_signature_outlet_is_a_name_not_a_sentence(line, outlet):
    assert parse_plain_text(f"Title\n\nBody text here.\n\n{line}").outlet == outlet


def test_posted_by_line_gives_author_and_date_not_an_outlet():
    article = parse_plain_text("Title\n\nBody text here.\n\nPosted by Laura Loomer on Monday, September 3, 2018")
    assert (article.outlet, article.byline, article.published) == (None, "Laura Loomer", dt.date(2018, 9, 3))


def test_posted_by_line_is_a_byline_block():
    article = parse_plain_text("Title\n\nBody text here.\n\nPosted by Laura Loomer on Monday, September 3, 2018")
    assert article.blocks[-1].kind == "byline"


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


def removed_reasons(text):
    return [(r.text, r.reason) for r in parse_plain_text(text).removed]


def test_headlines_under_read_more_are_removed():
    assert removed_reasons("Title\n\nBody.\n\nRead more:\nPutin meets Biden\nLavrov warns NATO\n\nMore body.") == [
        ("Read more:", "related-story link"), ("Putin meets Biden", "related-story headline"),
        ("Lavrov warns NATO", "related-story headline")]


def test_prose_under_read_more_is_kept():
    assert "The talks went on." in parse_plain_text("Title\n\nRead more:\nThe talks went on.").text


@pytest.mark.parametrize("line", [
    "— Jane Smith",
    "Written by Jane Smith",
    "Follow Jane Smith on Twitter @jsmith",
    "Finian Cunningham is a former editor and writer for major news media organizations.",
    "The statements, views and opinions expressed in this column are solely those of the author.",
])
def test_author_sign_offs_at_the_end_are_removed(line):
    assert removed_reasons(f"Title\n\nThe body of the article.\n\n{line}") == [(line, "author sign-off")]


def test_sign_off_pattern_in_the_middle_is_kept():
    text = "Title\n\nJohn Smith is a journalist who was arrested in Moscow.\n\nOne.\n\nTwo.\n\nThree.\n\nFour."
    assert parse_plain_text(text).removed == ()


@pytest.mark.parametrize("line,expected", [
    ("Published 12 March 2024, 10:15 GMT", True),
    ("2022-11-08 18:02 GMT", True),
    ("Updated: Mar 3, 2024", True),
    ("The 2021 budget", False),
    ("In 2021 we won", False),
])
def test_is_timestamp(line, expected):
    assert is_timestamp(line) is expected


def test_byline_drops_a_glued_outlet():
    assert parse_plain_text("Title\n\nBy Jane Smith and John Doe, Reuters\n\nBody.").byline == "Jane Smith and John Doe"
