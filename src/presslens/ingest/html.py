"""HTML pages: main text, its blocks and metadata through trafilatura, comments left out.

The text is rebuilt from trafilatura's XML tree, one block per element:
``<head>`` is a heading (the first one, before any paragraph, is the title
when it is the page's title or an ``h1``), ``<item>`` a list item,
``<quote>`` a blockquote, ``<table>`` a table, and a ``<p>`` a paragraph
unless it is a figure caption of the page (a ``<figcaption>`` or an element
whose class or id names a caption), a byline (a "By" line, or a short line
opening with the page's author), a credit line or boilerplate.
Other text from inside a ``<figure>`` (an embedded post, a story card) is
taken out, as trafilatura's own cleaning does without images.
Blocks are separated by a blank line. Boilerplate blocks are taken out and
listed in ``Article.removed`` with offsets into the text as it reads before
removal. HTML metadata wins over what the text itself suggests.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Any, Iterator

from ..article import Article
from ..errors import MalformedHTMLError
from .blocks import Piece, assemble
from .metadata import AUTHOR_SEPARATOR, clean_byline, registry_outlet
from .plaintext import (
    FINAL_PUNCTUATION, SIGN_OFF_LINES, RelatedHeadlines, boilerplate_reason, dateline_match, is_metadata_line,
    is_sign_off, is_timestamp, line_kind, normalize_text, text_metadata,
)

_WORD = re.compile(r"[^\W\d_]{2,}")
_HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta|article|div|p)\b", re.IGNORECASE | re.DOTALL)
_SPACES = re.compile(r"[^\S\n]+")
#: Elements of the page whose text is a figure caption.
CAPTION_XPATH = "//figcaption | //*[contains(@class, 'caption') or contains(@id, 'caption')]"
#: A paragraph is part of a caption element only if the element holds at most this much more (a credit
#: line); a longer one is a wrapper whose class happens to name captions.
CAPTION_SLACK_CHARS = 80
#: Figures whose text trafilatura's default cleaning drops (it keeps figures holding a table).
FIGURE_XPATH = "//figure[not(.//table)]"
#: A piece that is not a whole element of a figure must have this many words to be matched inside one.
MIN_FIGURE_MATCH_WORDS = 8
#: trafilatura's inline elements: their text runs on with the text around them.
INLINE_TAGS = frozenset({"hi", "ref", "span", "del", "sub", "sup", "abbr"})
#: Elements of a ``<quote>`` that are blocks of their own.
QUOTE_BLOCK_TAGS = frozenset({"p", "list", "table", "head", "quote", "code"})
#: A ``<p>`` with such a class, right under the title, is the standfirst.
STANDFIRST_CLASS = re.compile(r"standfirst|subtitle|subhead|dek|summary|lede|excerpt|intro", re.IGNORECASE)
#: A paragraph in bold with at most this many words is a subheading.
MAX_BOLD_HEADING_WORDS = 12
#: A line naming the page's author is its byline when it has at most this many words.
MAX_BYLINE_WORDS = 12
#: A piece above the title with at most this many words is a section label.
MAX_LABEL_WORDS = 6
#: trafilatura's options: the peer's (no comments), plus images so that figure captions are kept and
#: formatting so that a paragraph that is all bold can be told as a subheading.
EXTRACTION_OPTIONS = {"include_comments": False, "include_images": True, "include_formatting": True,
                      "with_metadata": True}


def looks_like_html(data: bytes) -> bool:
    return bool(_HTML_START.match(data[:4096]))


def _as_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _clean(text: str) -> str:
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n")).strip()


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def _element_text(element) -> str:
    """The text of an XML element, ``<lb/>`` as a line break, table rows as lines of ``|``-separated cells."""
    if element.tag == "table":
        rows = (" | ".join(_element_text(cell) for cell in row.iter("cell")) for row in element.iter("row"))
        return "\n".join(row for row in rows if row.strip())
    parts = [element.text or ""]
    for child in element:
        if child.tag == "lb":
            parts.append("\n")
        elif child.tag in INLINE_TAGS:
            parts.append(_element_text(child))
        elif child.tag not in ("graphic", "list"):
            parts.append(f" {_element_text(child)} ")
        parts.append(child.tail or "")
    return _clean("".join(parts))


def _elements(body) -> Iterator[tuple[str, Any]]:
    """``(kind, element)`` for each block of trafilatura's tree (or of some of its elements), in order;
    ``graphic`` for images."""
    for element in body:
        if element.tag == "head" or _is_bold_line(element):
            yield "heading", element
        elif element.tag == "list":
            for item in element.iter("item"):
                yield "list_item", item
        elif element.tag == "quote":
            inner = [child for child in element if child.tag in QUOTE_BLOCK_TAGS]
            if not inner:
                yield "blockquote", element
            for kind, child in _elements(inner):
                yield ("blockquote" if kind in ("paragraph", "list_item") else kind), child
        elif element.tag == "table":
            yield "table", element
        elif element.tag == "graphic":
            yield "graphic", element
        else:
            yield "paragraph", element


def _is_bold_line(element) -> bool:
    """A ``<p>`` that is one short bold run and nothing else: a subheading set in bold."""
    children = list(element)
    if element.tag != "p" or len(children) != 1 or children[0].tag != "hi" or "#b" not in children[0].get("rend", ""):
        return False
    text = _element_text(element)
    outside = (element.text or "") + (children[0].tail or "")
    return not outside.strip() and 0 < len(text.split()) <= MAX_BOLD_HEADING_WORDS and not text.endswith(
        FINAL_PUNCTUATION)


@dataclass(frozen=True)
class PageFigures:
    """The folded texts of a page's figure captions, and of its figures (less those holding a table)."""

    captions: frozenset[str]
    figures: tuple[str, ...]
    figure_elements: frozenset[str]

    @classmethod
    def of(cls, tree) -> "PageFigures":
        figures = tree.xpath(FIGURE_XPATH)
        return cls(frozenset(_folded(e.text_content()) for e in tree.xpath(CAPTION_XPATH)) - {""},
                   tuple(_folded(e.text_content()) for e in figures),
                   frozenset(_folded(e.text_content()) for figure in figures for e in figure.iter()) - {""})

    def is_caption(self, text: str, after_graphic: bool) -> bool:
        folded = _folded(text)
        return folded in self.captions or after_graphic and any(
            folded in caption and len(caption) <= len(folded) + CAPTION_SLACK_CHARS for caption in self.captions)

    def in_figure(self, text: str) -> bool:
        """Whether ``text`` is an element of a figure, or a long enough stretch of one to tell."""
        folded = _folded(text)
        return folded in self.figure_elements or len(folded.split()) >= MIN_FIGURE_MATCH_WORDS and any(
            folded in figure for figure in self.figures)


def _pieces(body, title: str | None, author: str | None, figures: PageFigures) -> list[Piece]:
    """Typed pieces of trafilatura's tree; see the module docstring for the rules."""
    raw = [(kind, element, _element_text(element)) for kind, element in _elements(body)]
    raw = [item for item in raw if item[0] == "graphic" or item[2]]
    texts = [index for index, item in enumerate(raw) if item[0] != "graphic"]
    tail = set(texts[-SIGN_OFF_LINES:])
    related = RelatedHeadlines()
    pieces: list[Piece] = []
    seen_prose = False
    after_graphic = False
    for index, (kind, element, text) in enumerate(raw):
        if kind == "graphic":
            after_graphic = True
            continue
        reason = related.reason(text) or boilerplate_reason(text)
        if reason is None and index in tail and is_sign_off(text):
            reason = "author sign-off"
        if reason is None and kind == "paragraph" and is_timestamp(text):
            reason = "timestamp"
        caption = kind == "paragraph" and figures.is_caption(text, after_graphic)
        if reason is None and not caption and figures.in_figure(text):
            reason = "embedded in a figure"
        if reason:
            pieces.append(Piece(kind, text, removed=reason))
        elif caption:
            pieces.append(Piece("caption", text))
        elif not seen_prose and not any(piece.kind == "title" for piece in pieces) and (
                kind == "heading" and element.get("rend") == "h1" or title and _folded(text) == _folded(title)):
            pieces[:] = [_as_label(piece) for piece in pieces]
            pieces.append(Piece("title", text))
        elif kind in ("heading", "paragraph") and not seen_prose and pieces and pieces[-1].kind == "title" and (
                kind == "heading" or STANDFIRST_CLASS.search(element.get("class", ""))):
            pieces.append(Piece("standfirst", text))
        elif kind == "paragraph" and is_metadata_line(text):
            pieces.append(Piece(line_kind(text), text))
        elif kind == "paragraph" and _names_author(text, author):
            pieces.append(Piece("byline", text))
        elif kind == "paragraph" and not seen_prose and dateline_match(text):
            end = dateline_match(text).end()
            pieces.extend([Piece("dateline", text[:end].rstrip()), Piece("paragraph", text[end:], glue=" ")])
            seen_prose = True
        else:
            pieces.append(Piece(kind, text))
            seen_prose = seen_prose or kind == "paragraph" and len(text.split()) > MAX_LABEL_WORDS
        after_graphic = False
    return pieces


def _names_author(text: str, author: str | None) -> bool:
    """A short line that opens with the page's first author (a name of two words or more), or "By" and the name:
    "Jane Doe | Staff writer"."""
    if not author or len(text.split()) > MAX_BYLINE_WORDS:
        return False
    first = _folded(AUTHOR_SEPARATOR.split(author)[0])
    folded = _folded(text)
    return len(first.split()) >= 2 and (folded.startswith(first) or folded.startswith(f"by {first}"))


def _as_label(piece: Piece) -> Piece:
    """A short piece above the title is a section label or kicker ("Long read"), not article text."""
    if piece.removed or len(piece.text.split()) > MAX_LABEL_WORDS or piece.text.endswith("."):
        return piece
    return Piece(piece.kind, piece.text, removed="section label")


def _json_ld(tree) -> Iterator[dict]:
    """Every JSON-LD object of the page, nested ones included; unreadable scripts are skipped."""
    stack: list[Any] = []
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            stack.append(json.loads(script.text_content()))
        except ValueError:
            continue
    while stack:
        value = stack.pop()
        if isinstance(value, list):
            stack.extend(reversed(value))
        elif isinstance(value, dict):
            yield value
            stack.extend(item for key, item in value.items() if key == "@graph" or isinstance(item, (dict, list)))


def _name(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name")
    return value.strip() if isinstance(value, str) and value.strip() else None


def claim_review(tree) -> dict[str, str] | None:
    """What a fact-check page's schema.org ClaimReview says: the claim, its verdict, the fact-checker, the claimant."""
    for item in _json_ld(tree):
        types = item.get("@type")
        if "ClaimReview" not in (types if isinstance(types, list) else [types]):
            continue
        rating = item.get("reviewRating") if isinstance(item.get("reviewRating"), dict) else {}
        reviewed = item.get("itemReviewed") if isinstance(item.get("itemReviewed"), dict) else {}
        found = {
            "claim": item.get("claimReviewed"),
            "verdict": rating.get("alternateName") or rating.get("name") or rating.get("ratingValue"),
            "author": _name(item.get("author")),
            "claimant": _name(reviewed.get("author")),
        }
        return {key: str(value).strip() for key, value in found.items() if value not in (None, "")}
    return None


def parse_html(html: str, *, url: str | None = None, raw: bool = False, source: str | None = None) -> Article:
    """Extract the article, its blocks and metadata from an HTML page.

    The page title is the first block: the heading trafilatura kept, or the
    metadata title put on the first line when the text does not start with it
    (the layout PTC uses). With ``raw`` nothing is taken out as boilerplate and
    nothing normalised (the text is still rebuilt from the page).
    """
    import trafilatura
    from trafilatura.utils import load_html

    document = trafilatura.bare_extraction(html, url=url, **EXTRACTION_OPTIONS)
    if document is None or document.body is None or not _WORD.search(document.text or ""):
        raise MalformedHTMLError(
            "no article text could be extracted from this HTML (malformed, empty or not an article page)",
            source=source,
        )
    tree = load_html(html)
    title = (document.title or "").strip() or None
    pieces = _pieces(document.body, title, document.author, PageFigures.of(tree))
    kept = [piece for piece in pieces if not piece.removed]
    if title and not (kept and (kept[0].kind == "title" or kept[0].text.startswith(title))):
        pieces.insert(0, Piece("title", title))
    if raw:
        pieces = [Piece(piece.kind, piece.text, None, piece.glue) for piece in pieces]
    else:
        pieces = [Piece(piece.kind, normalize_text(piece.text), piece.removed, piece.glue) for piece in pieces]
    text, blocks, removed = assemble(pieces)
    if not _WORD.search(text):
        raise MalformedHTMLError("the page's only text is boilerplate", source=source)

    fields, field_sources, extra = text_metadata(text)
    if source:
        extra["input"] = source
    review = claim_review(tree)
    if review:
        extra["claim_review"] = review
    page_url = document.url or url
    sitename = (document.sitename or "").strip()
    page_author = (document.author or "").strip()
    author = clean_byline(page_author)
    author_is_outlet = bool(page_author) and author is None
    if author_is_outlet:
        field_sources["byline"] = f"HTML author {page_author!r} names an outlet, not an author"
    elif author and review and _folded(author) in {_folded(review.get(key, "")) for key in ("author", "claimant")}:
        author = None
        field_sources["byline"] = f"HTML author {page_author!r} is the fact-check's reviewer or claimant, not a byline"
    # An outlet named as author is the story's source; it names the article's outlet only if the page does not.
    outlet_names = [sitename, page_url or ""] if sitename or page_url else [page_author if author_is_outlet else ""]
    named = next((name for name in outlet_names if name and registry_outlet(name)), None)
    outlet = registry_outlet(named) if named else None
    from_page = {"title": title, "url": page_url, "published": _as_date(document.date),
                 "outlet": outlet or sitename, "byline": author}
    for name, value in from_page.items():
        if value:
            fields[name] = value
            field_sources[name] = "HTML metadata (trafilatura)"
    if outlet and outlet != sitename:
        field_sources["outlet"] = f"HTML metadata (trafilatura) {named!r}, named as in the outlet registry"
    return Article(text=text, input_format="html", field_sources=field_sources, removed=removed, extra=extra,
                   blocks=blocks, **fields)
