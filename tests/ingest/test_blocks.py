"""Blocks from plain text, --raw, PTC and JSONL input: one input, one assertion."""

import json

import pytest
from conftest import requires_reference

from presslens.errors import MalformedRecordError
from presslens.ingest import article_from_record
from presslens.ingest.blocks import Piece, assemble, checked_blocks, paragraph_blocks
from presslens.ingest.plaintext import extract_title, looks_like_heading, parse_plain_text, _split_lines
from presslens.ingest.ptc import parse_ptc_article
from presslens.settings import Settings

ARTICLE = """Kremlin Rejects Talks

By Anna Petrova

MOSCOW, Dec 29 (Reuters) - The Kremlin on Wednesday rejected a proposal for new talks,
its spokesman said.

The Gordon Problem

Gordon said the talks had failed. "We see no basis," Peskov said.

OBAMA FOCUSED

- First point of the list
- Second point of the list

> A quoted passage from the speech.

the short lower-case line

Reporting by Anna Petrova; Editing by John Roe
Source: TASS
Ru-Main, 29.12.2021
"""


def kind_of(fragment: str, text: str = ARTICLE) -> str:
    article = parse_plain_text(text)
    return article.block_at(article.text.index(fragment)).kind


@pytest.mark.parametrize("fragment,kind", [
    ("Kremlin Rejects Talks", "title"),
    ("By Anna Petrova", "byline"),
    ("MOSCOW, Dec 29", "dateline"),
    ("The Kremlin on Wednesday", "paragraph"),
    ("The Gordon Problem", "heading"),
    ("OBAMA FOCUSED", "heading"),
    ("Gordon said", "paragraph"),
    ("First point", "list_item"),
    ("> A quoted", "blockquote"),
    ("the short lower-case line", "paragraph"),
    ("Reporting by", "credit"),
    ("Source: TASS", "credit"),
    ("Ru-Main, 29.12.2021", "credit"),
])
def test_text_block_kinds(fragment, kind):
    assert kind_of(fragment) == kind


def test_dateline_block_ends_with_its_dash():
    article = parse_plain_text(ARTICLE)
    assert [article.text[b.start:b.end] for b in article.blocks if b.kind == "dateline"] == ["MOSCOW, Dec 29 (Reuters) -"]


def test_hard_wrapped_lines_make_one_paragraph():
    article = parse_plain_text(ARTICLE)
    assert article.block_at(article.text.index("its spokesman")).start == article.text.index("The Kremlin on")


def test_text_blocks_cover_every_non_space_character():
    article = parse_plain_text(ARTICLE)
    covered = {i for b in article.blocks for i in range(b.start, b.end)}
    assert all(c.isspace() for i, c in enumerate(article.text) if i not in covered)


def test_text_blocks_are_ordered_and_disjoint():
    blocks = parse_plain_text(ARTICLE).blocks
    assert all(a.end <= b.start for a, b in zip(blocks, blocks[1:]))


def test_heading_needs_a_paragraph_after_it():
    assert kind_of("Closing Words", "Title\n\nA paragraph of text.\n\nClosing Words") == "paragraph"


@pytest.mark.parametrize("line,expected", [
    ("The Gordon Problem", True),
    ("OBAMA FOCUSED", True),
    ("Talks in Geneva and the Road to Minsk", True),
    ("The Gordon problem", False),
    ("He said no.", False),
    ("Is NATO Expanding?", False),
    ("'All Bets Are Off.'", True),
    ('"(CROSSTALK.)', False),
    ("Source: TASS", False),
])
def test_looks_like_heading(line, expected):
    assert looks_like_heading(line) is expected


@pytest.mark.parametrize("text,title", [
    ("Trump Says He Will Sign The Spending Bill.\n\nThe president said on Friday.", "Trump Says He Will Sign The Spending Bill."),
    ("Lawmakers reach a deal on the budget.\n\nThe deal was reached late on Monday.", "Lawmakers reach a deal on the budget."),
    ("A short sentence opens the text.\nThe paragraph goes on here.", None),
    ("Only one short sentence here.", None),
    ("31 Latinos Share Their Thoughts On Trump.\n\nThe body.", "31 Latinos Share Their Thoughts On Trump."),
    ("This first sentence is far too long to be a headline, because it runs on and on and on for well over twenty words in all.\n\nBody.", None),
    ("Hillary Clinton’s Claim That Donald Trump Is In ISIS Recruiting Videos Isn’t True. Not Yet, At Least.\n\nBody.",
     "Hillary Clinton’s Claim That Donald Trump Is In ISIS Recruiting Videos Isn’t True. Not Yet, At Least."),
    ("‘Missing’ White Voters Might Help Trump.\n\nBody.", "‘Missing’ White Voters Might Help Trump."),
    ("Momentum builds to tax consumption more in U.S.; \nThe Upshot.\n\nBody.", "Momentum builds to tax consumption more in U.S."),
    ("A Headline Without A Stop\nBody follows at once.", "A Headline Without A Stop"),
    ("Lawmaker urges retaliation on Russia; \nMember of House panel says so.\n\nBody.", "Lawmaker urges retaliation on Russia"),
    ("Mueller: 'US forced EU to follow through on sanctions'\n\nBody.", "Mueller: 'US forced EU to follow through on sanctions'"),
])
def test_title_rules(text, title):
    assert extract_title(_split_lines(text)) == title


def test_stop_title_becomes_a_title_block():
    assert kind_of("Lawmakers reach", "Lawmakers reach a deal on the budget.\n\nThe deal was reached late on Monday.") == "title"


def test_subtitle_under_a_semicolon_headline_is_a_standfirst():
    assert kind_of("Member of", "Lawmaker urges retaliation on Russia; \nMember of House panel says so.\n\nBody.") == "standfirst"


def test_attributed_headline_is_a_title_block():
    assert kind_of("Mueller:", "Mueller: 'US forced EU to follow through on sanctions'\n\nThe guest said so.") == "title"


def test_quoted_heading_is_a_heading():
    assert kind_of("'All Bets", "Title\n\nFirst paragraph.\n\n'All Bets Are Off.'\n\nSecond paragraph.") == "heading"


def test_raw_text_gets_paragraph_blocks_only():
    text = "Title\r\n\r\nBy Anna Petrova\r\nBody.\r\n"
    assert {b.kind for b in parse_plain_text(text, raw=True).blocks} == {"paragraph"}


def test_raw_paragraph_offsets_are_offsets_into_the_input():
    text = "  Title  \r\n\r\nBody line one.\r\nBody line two.\r\n"
    assert [text[b.start:b.end] for b in parse_plain_text(text, raw=True).blocks] == [
        "Title", "Body line one.\r\nBody line two."]


def test_ptc_article_gets_paragraph_blocks_with_exact_offsets():
    text = "Title line\n\nBody with  double  spaces.\r\nLeave a Reply\n"
    article = parse_ptc_article(text, "1")
    assert [(b.kind, text[b.start:b.end]) for b in article.blocks] == [
        ("paragraph", "Title line"), ("paragraph", "Body with  double  spaces.\r\nLeave a Reply")]


def test_paragraph_blocks_of_a_stretch():
    assert paragraph_blocks("aa\n\nbb\n\ncc", 3, 7) == paragraph_blocks("aa\n\nbb\n\ncc")[1:2]


def test_assemble_lists_removed_pieces_with_offsets_into_the_extracted_text():
    _, _, removed = assemble([Piece("paragraph", "Body."), Piece("paragraph", "Share", removed="share line")])
    assert (removed[0].input_start, removed[0].input_end) == (7, 12)


def test_assemble_glues_a_dateline_to_its_paragraph():
    text, _, _ = assemble([Piece("dateline", "MOSCOW -"), Piece("paragraph", "Rain fell.", glue=" ")])
    assert text == "MOSCOW - Rain fell."


def record(**fields):
    return article_from_record({"id": "r1", **fields}, source="batch.jsonl:1", settings=Settings())


def test_jsonl_record_blocks_are_used():
    article = record(text="A Title\n\nBody text.", blocks=[{"kind": "title", "start": 0, "end": 7}])
    assert [(b.kind, b.start, b.end) for b in article.blocks] == [("title", 0, 7), ("paragraph", 9, 19)]


def test_jsonl_record_with_blocks_keeps_its_text_exactly():
    text = "A Title\r\n\r\nShare this story!\r\nBody."
    assert record(text=text, blocks=[]).text == text


def test_jsonl_record_without_blocks_gets_text_blocks():
    assert record(text="A Title\n\nBody text.").blocks[0].kind == "title"


@pytest.mark.parametrize("blocks,message", [
    ([{"kind": "sidebar", "start": 0, "end": 3}], "unknown kind 'sidebar'"),
    ([{"kind": "title", "start": 0, "end": 99}], "inside the text"),
    ([{"kind": "title", "start": 0, "end": 5}, {"kind": "paragraph", "start": 3, "end": 9}], "must not overlap"),
    ([{"kind": "title", "start": "0", "end": 5}], "integer offsets"),
    ([{"kind": "title", "start": 0}], "exactly 'kind', 'start' and 'end'"),
    ({"kind": "title"}, "must be a list"),
])
def test_bad_jsonl_blocks_are_refused_with_the_reason(blocks, message):
    with pytest.raises(MalformedRecordError, match=message):
        checked_blocks("A Title\n\nBody.", blocks)


def test_jsonl_blocks_with_html_are_refused():
    with pytest.raises(MalformedRecordError, match="cannot give them"):
        record(html="<html><body><p>Body text.</p></body></html>", blocks=[])


def test_bad_blocks_error_names_the_record():
    with pytest.raises(MalformedRecordError) as caught:
        record(text="Body.", blocks=[{"kind": "x", "start": 0, "end": 1}])
    assert "batch.jsonl:1" in str(caught.value)


def test_blocks_survive_the_json_round_trip():
    article = parse_plain_text(ARTICLE)
    assert type(article).from_dict(json.loads(json.dumps(article.to_dict()))).blocks == article.blocks


def test_bundled_example_has_title_byline_dateline_and_credit_blocks(example_text):
    assert {"title", "byline", "dateline", "credit"} <= {b.kind for b in parse_plain_text(example_text).blocks}


@requires_reference
def test_reference_article_has_a_title_and_credit_blocks(reference_text):
    assert [b.kind for b in parse_plain_text(reference_text).blocks if b.kind != "paragraph"] == ["title", "credit", "credit"]
