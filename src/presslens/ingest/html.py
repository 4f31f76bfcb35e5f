"""HTML pages: main text and metadata through trafilatura, comments left out."""

from __future__ import annotations

import datetime as dt
import re

from ..article import Article
from ..errors import MalformedHTMLError
from .plaintext import parse_plain_text

_WORD = re.compile(r"[^\W\d_]{2,}")
_HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta|article|div|p)\b", re.IGNORECASE | re.DOTALL)


def looks_like_html(data: bytes) -> bool:
    return bool(_HTML_START.match(data[:4096]))


def _as_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def parse_html(html: str, *, url: str | None = None, raw: bool = False, source: str | None = None) -> Article:
    """Extract the article from an HTML page.

    The analysed text is trafilatura's main text, with the page title on the
    first line if the extracted text does not already start with it (the
    layout PTC uses). HTML metadata wins over what the text itself suggests.
    """
    import trafilatura

    document = trafilatura.bare_extraction(html, url=url, include_comments=False, with_metadata=True)
    if document is None or not _WORD.search(document.text or ""):
        raise MalformedHTMLError(
            "no article text could be extracted from this HTML (malformed, empty or not an article page)",
            source=source,
        )
    body = document.text.strip()
    title = (document.title or "").strip() or None
    text = body if title is None or body.startswith(title) else f"{title}\n\n{body}"
    from_text = parse_plain_text(text, raw=raw, source=source)

    fields = {
        "title": title,
        "outlet": (document.sitename or "").strip() or None,
        "url": document.url or url,
        "published": _as_date(document.date),
        "byline": (document.author or "").strip() or None,
    }
    field_sources = dict(from_text.field_sources)
    changes = {}
    for name, value in fields.items():
        if value:
            changes[name] = value
            field_sources[name] = "HTML metadata (trafilatura)"
    return from_text.with_fields(input_format="html", field_sources=field_sources, **changes)
