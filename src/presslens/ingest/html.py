"""HTML pages: main text and metadata through trafilatura, comments left out."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser

from lxml import etree

from ..article import Article
from ..errors import MalformedHTMLError
from .plaintext import parse_plain_text

_WORD = re.compile(r"[^\W\d_]{2,}")
_NAME = re.compile(r"[A-Za-z_][\w.-]*")
#: Characters XML (and so lxml) cannot hold.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta|article|div|p)\b", re.IGNORECASE | re.DOTALL)


def looks_like_html(data: bytes) -> bool:
    return bool(_HTML_START.match(data[:4096]))


#: Nesting kept by :func:`capped_tree`: below libxml2's limit of 255, above any real page's.
MAX_HTML_DEPTH = 200

#: Elements that never hold content (and have no end tag).
_VOID_ELEMENTS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                            "source", "track", "wbr"})


class _CappedTreeBuilder(HTMLParser):
    """Build an lxml tree (serialised for trafilatura, which reads a plain tree badly) from tags as Python's parser reads them, with elements deeper than
    :data:`MAX_HTML_DEPTH` attached to their ancestor at that depth instead of dropped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = etree.Element("html")
        self.stack = [self.root]
        self.depth = 1  # open elements, counting those not built because they were too deep
        self.capped = False

    def handle_starttag(self, tag, attrs) -> None:
        if tag == "html":
            return
        if len(self.stack) >= MAX_HTML_DEPTH:
            self.depth += tag not in _VOID_ELEMENTS
            self.capped = True
            return
        try:
            element = etree.SubElement(self.stack[-1], tag,
                                       {k: _NOT_XML.sub("", v or "") for k, v in attrs if _NAME.fullmatch(k)})
        except ValueError:  # a tag name lxml refuses
            return
        if tag not in _VOID_ELEMENTS:
            self.stack.append(element)
            self.depth += 1

    def handle_endtag(self, tag) -> None:
        if self.depth > len(self.stack):
            self.depth -= 1
            return
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                self.depth = len(self.stack)
                return

    def handle_data(self, data) -> None:
        data = _NOT_XML.sub("", data)
        parent = self.stack[-1]
        if len(parent):
            parent[-1].tail = (parent[-1].tail or "") + data
        else:
            parent.text = (parent.text or "") + data


def capped_html(html: str) -> str | None:
    """The page with its nesting capped at :data:`MAX_HTML_DEPTH` and all its text kept, or ``None``
    when it is not nested that deep (there is nothing to recover)."""
    builder = _CappedTreeBuilder()
    builder.feed(html)
    builder.close()
    return etree.tostring(builder.root, encoding="unicode", method="html") if builder.capped else None


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
        # libxml2 drops everything nested deeper than 255 elements: read a page that deep again with
        # its nesting capped, which keeps its text.
        capped = capped_html(html)
        if capped is not None:
            document = trafilatura.bare_extraction(capped, url=url, include_comments=False, with_metadata=True)
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
