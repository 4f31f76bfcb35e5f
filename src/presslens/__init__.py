"""presslens: take news articles apart: quotes and speakers, cited media, claims, persuasion techniques."""

from __future__ import annotations

from .article import Article, RemovedText, Span
from .context import Context
from .ingest import finish_article
from .ingest.decode import check_text
from .ingest.plaintext import parse_plain_text
from .pipeline import Pipeline
from .registry import register_analyzer
from .report import Report
from .settings import Settings

__version__ = "0.1.0"


def analyze(text: str, **metadata) -> Report:
    """Analyse one article given as plain text with the default analyzers.

    >>> report = presslens.analyze(open("article.txt").read(), outlet="Ru-Main")

    A text that is not valid Unicode (a lone surrogate such as ``"\\ud800"``) is refused with a
    :class:`~presslens.errors.DecodingError` (PL104) rather than repaired, so that no offset moves.
    """
    check_text(text, source="<text>")
    article = finish_article(parse_plain_text(text).with_fields(**metadata))
    return Pipeline().analyze(article)


__all__ = ["Article", "Context", "Pipeline", "RemovedText", "Report", "Settings", "Span", "analyze",
           "register_analyzer", "__version__"]
