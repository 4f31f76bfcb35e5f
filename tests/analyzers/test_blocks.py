"""Analyzers respect blocks: nothing in a title, heading, caption, byline or credit is attribution
context, and no technique or claim span falls in a label block. Articles are built by hand with blocks."""

from __future__ import annotations

import re

from presslens.analyzers.claims import ClaimsAnalyzer
from presslens.analyzers.quotes import QuoteAnalyzer
from presslens.analyzers.techniques import TechniqueAnalyzer
from presslens.article import Article, Block, Span
from presslens.context import Context

_PARAGRAPH = re.compile(r"[^\n]+")


def article(text: str, *kinds: str) -> Article:
    """``text`` with one block per line, of the given kinds in order."""
    lines = list(_PARAGRAPH.finditer(text))
    assert len(lines) == len(kinds), "one kind per line"
    blocks = tuple(Block(kind, line.start(), line.end()) for kind, line in zip(kinds, lines))
    return Article(text=text, language="en", blocks=blocks)


def quotes(art: Article) -> list[Span]:
    return QuoteAnalyzer().analyze(art, Context(art))


def speakers(art: Article) -> list[str | None]:
    return [s.attrs["speaker"].attrs["name"] if s.attrs["speaker"] else None for s in quotes(art)]


def block_of(art: Article, kind: str) -> Block:
    return next(block for block in art.blocks if block.kind == kind)


HEADLINE = article(
    "Mueller: ‘US forced EU to follow through on sanctions’\n\n"
    "The outlet’s guest, analyst John Mueller, said the sanctions were costly.",
    "title", "paragraph",
)
SURNAME_UNDER_HEADING = article(
    "The Gordon problem\n\nTaylor testified that the aid was frozen until the investigations were announced.",
    "heading", "paragraph",
)
CAPITALISED_HEADING = article("OBAMA FOCUSED\n\nHe said the country needed a new start.", "heading", "paragraph")
CAPTION = article(
    "Vladimir Putin speaks in Moscow on Tuesday.\n\n“We will not retreat from our positions,” he said.",
    "caption", "paragraph",
)
CONTINUED_ACROSS_CAPTION = article(
    "“We will win this war,” Defence Minister Anna Berg said.\nPhoto: Reuters\n“The price is too high for anyone to pay.”",
    "paragraph", "caption", "paragraph",
)
DESCRIPTION_AFTER_CAPTION = article(
    "Foreign Minister Sergey Lavrov arrives in Geneva on Monday.\n\nThe minister said that the talks would fail.",
    "caption", "paragraph",
)
BYLINE = article(
    "By John Smith, who has reported on the war for 20 years and will keep reporting it\n\n"
    "The army lost 3,000 soldiers in 2022, twice as many as in 2021, the ministry said.",
    "byline", "paragraph",
)
LOADED_HEADING = article(
    "Corrupt traitors and criminal thugs destroy our glorious nation\n\n"
    "The corrupt regime of criminal thugs is destroying our glorious nation, a disgrace to humanity.",
    "heading", "paragraph",
)
LOADED_CREDIT = article(
    "The talks ended on Monday without a deal.\n\nSource: TASS, mouthpiece of the corrupt and criminal regime of thugs",
    "paragraph", "credit",
)


def test_attributed_headline_is_not_a_quote_of_the_article():
    assert [s for s in quotes(HEADLINE) if s.start < block_of(HEADLINE, "title").end] == []


def test_attributed_headline_leaves_the_body_quote_to_its_speaker():
    assert speakers(HEADLINE) == ["John Mueller"]


def test_heading_does_not_make_its_name_the_speaker_of_the_paragraph_under_it():
    assert speakers(SURNAME_UNDER_HEADING) == ["Taylor"]


def test_capitalised_heading_is_no_speaker():
    assert speakers(CAPITALISED_HEADING) == [None]


def test_name_in_a_caption_is_an_entity():
    entities = Context(CAPTION).spans("entities")
    assert [s.text_in(CAPTION.text) for s in entities if s.label == "PERSON"] == ["Vladimir Putin"]


def test_name_in_a_caption_is_never_a_speaker():
    assert speakers(CAPTION) == [None]


def test_quotation_does_not_continue_across_a_caption():
    assert speakers(CONTINUED_ACROSS_CAPTION) == ["Anna Berg", None]


def test_without_blocks_a_quotation_continues_as_before():
    assert speakers(Article(text=CONTINUED_ACROSS_CAPTION.text, language="en")) == ["Anna Berg", "Anna Berg"]


def test_no_claim_in_a_byline():
    claims = ClaimsAnalyzer(min_score=0.0).analyze(BYLINE, Context(BYLINE))
    assert [c for c in claims if c.start < block_of(BYLINE, "byline").end] == []


def test_no_technique_in_a_heading():
    spans = TechniqueAnalyzer(threshold=0.05).analyze(LOADED_HEADING, Context(LOADED_HEADING))
    assert [s for s in spans if s.start < block_of(LOADED_HEADING, "heading").end] == []


def test_no_technique_in_a_credit():
    spans = TechniqueAnalyzer(threshold=0.05).analyze(LOADED_CREDIT, Context(LOADED_CREDIT))
    assert [s for s in spans if s.end > block_of(LOADED_CREDIT, "credit").start] == []


def test_description_never_refers_back_to_a_person_named_in_a_caption():
    assert speakers(DESCRIPTION_AFTER_CAPTION) == [None]
