"""What one analysis may take: the checks an article passes before it is analysed, and its time budget.

Every entry point (the library, the CLI, the web app, ``corpus analyze``)
analyses through :class:`presslens.pipeline.Pipeline`, which calls
:func:`check_article` first and then runs under a :class:`Deadline`, so an
article that would crash or stall a parser is refused with a coded error.
The limits live in :class:`presslens.settings.Settings`.
"""

from __future__ import annotations

import re
import time

from .article import Article
from .errors import AnalysisLimitError, AnalysisTimeoutError
from .ingest.decode import check_text
from .settings import Settings

#: What ends a sentence for the sentence-length limit: cheap to find, and a superset of what the parser uses.
SENTENCE_END = re.compile(r"[.!?;:\n\u3002]")
#: What spaCy would make a token of, roughly: a word, a punctuation mark, a line break.
TOKEN_ESTIMATE = re.compile(r"\w+|[^\w\s]|\n")
#: Double quotation marks, straight and curly, as the quote finder reads them.
QUOTE_MARKS = ('"', "\u201c", "\u201d", "\u201e", "\u201f", "\u00ab", "\u00bb")


def check_article(article: Article, settings: Settings) -> None:
    """Raise an :class:`~presslens.errors.InputError` if ``article`` is not one presslens can analyse."""
    source = article.id or article.extra.get("input")
    text = article.text
    check_text(text, source=source)
    if len(text) > settings.max_article_chars:
        raise AnalysisLimitError(
            f"article has {len(text):,} characters, over the limit of {settings.max_article_chars:,}; split it, or "
            "raise the limit with PRESSLENS_MAX_ARTICLE_CHARS", source=source)
    tokens = estimated_tokens(text)
    if tokens > settings.max_article_tokens:
        raise AnalysisLimitError(
            f"article has about {tokens:,} tokens (words, marks, line breaks), over the limit of "
            f"{settings.max_article_tokens:,}; split it", source=source)
    longest = longest_sentence(text)
    if longest > settings.max_sentence_chars:
        raise AnalysisLimitError(
            f"article has a sentence of {longest:,} characters, over the limit of {settings.max_sentence_chars:,}: "
            "a table or a list without full stops is not prose", source=source)
    marks = most_quote_marks(text)
    if marks > settings.max_quote_marks_per_paragraph:
        raise AnalysisLimitError(
            f"article has a paragraph with {marks:,} quotation marks, over the limit of "
            f"{settings.max_quote_marks_per_paragraph:,}", source=source)


def estimated_tokens(text: str) -> int:
    """About how many tokens spaCy makes of ``text`` (an upper bound: a run of marks counts each mark)."""
    return sum(1 for _ in TOKEN_ESTIMATE.finditer(text))


def longest_sentence(text: str) -> int:
    """The length of the longest stretch of ``text`` without a sentence end (a cheap upper bound)."""
    longest, previous = 0, 0
    for match in SENTENCE_END.finditer(text):
        longest = max(longest, match.start() - previous)
        previous = match.end()
    return max(longest, len(text) - previous)


def most_quote_marks(text: str) -> int:
    """The most double quotation marks in one paragraph (one line) of ``text``."""
    return max((sum(line.count(mark) for mark in QUOTE_MARKS) for line in text.split("\n")), default=0)


class Deadline:
    """The wall-clock budget of one analysis: :meth:`check` raises once it has run out."""

    def __init__(self, seconds: float, *, source: str | None) -> None:
        self.seconds = seconds
        self.source = source
        self.ends = time.monotonic() + seconds

    def check(self, stage: str) -> None:
        if time.monotonic() > self.ends:
            raise AnalysisTimeoutError(
                f"analysis stopped after {stage}: it ran past its budget of {self.seconds:g} s", source=self.source)
