"""What one analysis may take: the checks an article passes before it is analysed.

Every entry point (the library, the CLI, the web app, ``corpus analyze``)
analyses through :class:`presslens.pipeline.Pipeline`, which calls
:func:`check_article` first, so an article that cannot be analysed is refused
with a coded error instead of crashing or stalling a parser.
"""

from __future__ import annotations

from .article import Article
from .ingest.decode import check_text
from .settings import Settings


def check_article(article: Article, settings: Settings) -> None:
    """Raise an :class:`~presslens.errors.InputError` if ``article`` is not one presslens can analyse."""
    source = article.id or article.extra.get("input")
    check_text(article.text, source=source)
