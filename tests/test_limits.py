"""What one analysis may take: articles refused before analysis with a coded error."""

from __future__ import annotations

import pytest

import presslens
from presslens.article import Article
from presslens.errors import AnalysisLimitError, AnalysisTimeoutError, DecodingError
from presslens.limits import check_article, longest_sentence
from presslens.pipeline import Pipeline
from presslens.settings import Settings


def test_analyze_refuses_a_lone_surrogate():
    with pytest.raises(DecodingError, match="U\\+D800 at offset 7"):
        presslens.analyze("Troops \ud800 arrived in Vilnius on Monday.")


def test_pipeline_refuses_an_article_with_a_lone_surrogate():
    with pytest.raises(DecodingError):
        Pipeline().analyze(Article(text="Troops \udc00 arrived."))


def _refusal(text: str, **limits) -> str:
    with pytest.raises(AnalysisLimitError) as caught:
        check_article(Article(text=text), Settings(**limits))
    return caught.value.message


def test_an_article_over_the_character_limit_is_refused():
    assert "over the limit of 1,000" in _refusal("Troops arrived. " * 100, max_article_chars=1_000)


def test_a_sentence_over_the_limit_is_refused():
    assert "sentence of 5,000 characters" in _refusal("word " * 1_000, max_sentence_chars=4_000)


def test_a_paragraph_with_too_many_quote_marks_is_refused():
    assert "1,000 quotation marks" in _refusal("He said “yes”. " * 500, max_quote_marks_per_paragraph=200)


def test_quote_marks_are_counted_per_paragraph():
    check_article(Article(text="He said “yes”.\n" * 500), Settings(max_quote_marks_per_paragraph=2))


def test_the_longest_sentence_ends_at_a_full_stop_or_a_line_break():
    assert longest_sentence("One two. Three four five\nsix") == len(" Three four five")


def test_an_analysis_past_its_budget_stops_with_a_coded_error():
    with pytest.raises(AnalysisTimeoutError, match="budget of 0 s"):
        Pipeline(Settings(analyzers=("entities",), time_budget_s=0)).analyze(Article(text="Putin met Biden."))


def test_an_article_of_too_many_tokens_is_refused():
    assert "about 2,000 tokens" in _refusal("a\n" * 1_000, max_article_tokens=1_500)
