import datetime as dt

import pytest

from presslens.article import Article, Block, RemovedText, Span
from presslens.errors import SpanBoundsError


def test_span_rejects_reversed_range():
    with pytest.raises(SpanBoundsError):
        Span(5, 2, "x")


def test_span_rejects_negative_start():
    with pytest.raises(SpanBoundsError):
        Span(-1, 2, "x")


def test_check_bounds_covers_nested_spans():
    span = Span(0, 3, "quote", attrs={"cue": Span(4, 99, "cue")})
    with pytest.raises(SpanBoundsError, match="ends past the article text"):
        span.check_bounds(10)


def test_check_bounds_accepts_span_at_text_end():
    Span(7, 10, "x").check_bounds(10)


def test_span_text_in():
    assert Span(4, 9, "x").text_in("The quick fox") == "quick"


def test_with_attrs_keeps_existing():
    span = Span(0, 1, "x", attrs={"a": 1}).with_attrs(b=2)
    assert dict(span.attrs) == {"a": 1, "b": 2}


def test_article_dict_round_trip():
    article = Article(
        text="Body", id="7", title="T", published=dt.date(2021, 12, 29), field_sources={"title": "first line"},
        removed=(RemovedText("Leave a Reply", "web boilerplate", 10, 23),), extra={"credited_source": "TASS"},
    )
    assert Article.from_dict(article.to_dict()) == article


CAPTIONED = Article(
    text="Lavrov in Geneva.\n\nThe minister spoke.\n\nBy Anna Petrova",
    blocks=(Block("caption", 0, 17), Block("paragraph", 19, 38), Block("byline", 40, 55)),
)


def test_barriers_are_the_non_prose_blocks():
    assert CAPTIONED.barriers == ((0, 17), (40, 55))


def test_context_starts_after_the_last_barrier_before_the_offset():
    assert CAPTIONED.context_start(25) == 17


def test_context_starts_at_the_text_start_without_blocks():
    assert Article(text=CAPTIONED.text).context_start(25) == 0


BLOCKED = Article(
    text="By Anna Petrova\n\nTroops moved in. More followed.\n\nOfficials said the move was planned.",
    blocks=(Block("byline", 0, 15), Block("paragraph", 17, 48), Block("paragraph", 50, 86)),
)


def test_statement_range_inside_a_paragraph_is_unchanged():
    assert BLOCKED.statement_range(17, 33) == (17, 33)


def test_statement_range_in_a_byline_is_none():
    assert BLOCKED.statement_range(3, 15) is None


def test_statement_range_across_blocks_is_cut_to_the_block_holding_most_of_it():
    assert BLOCKED.statement_range(34, 60) == (34, 48)


def test_statement_range_between_blocks_is_none():
    assert BLOCKED.statement_range(48, 50) is None


def test_statement_range_without_blocks_is_unchanged():
    assert Article(text=BLOCKED.text).statement_range(3, 15) == (3, 15)
