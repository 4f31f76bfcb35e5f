"""The data model: an article, and the spans that analyzers find in it.

An :class:`Article` is immutable. Analyzers never change it; they return
:class:`Span` objects whose ``start`` and ``end`` are Python string offsets
into ``Article.text`` (end exclusive), and the pipeline collects them into a
:class:`presslens.report.Report`.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
from dataclasses import dataclass, field, replace
from typing import Any, Mapping

from .errors import SpanAttributeError, SpanBoundsError

#: Metadata fields of an article whose origin is recorded in ``Article.field_sources``.
METADATA_FIELDS = ("title", "outlet", "url", "published", "byline", "language", "dateline")

#: Keys every span has in the JSON report; no attribute may take one of these names.
SPAN_KEYS = ("start", "end", "text", "label", "score", "explanation")
_SPAN_KEY_SET = frozenset(SPAN_KEYS)

#: The kinds of :class:`Block` an article's text is divided into.
BLOCK_KINDS = (
    "title", "standfirst", "heading", "paragraph", "list_item", "blockquote",
    "caption", "byline", "dateline", "credit", "table",
)

#: Block kinds that are never prose: no attribution context, no technique or claim span inside them.
NON_PROSE_KINDS = frozenset({"title", "heading", "caption", "byline", "dateline", "credit", "table"})

#: Block kinds that label, sign or tabulate the text rather than state anything: no technique or claim span in them.
LABEL_KINDS = frozenset({"heading", "byline", "dateline", "credit", "table"})


@dataclass(frozen=True)
class Span:
    """A finding: a stretch of article text with a label and the reason it was flagged.

    ``attrs`` holds typed, analyzer-specific values (a quote's speaker, a
    source's country). A value in ``attrs`` may itself be a :class:`Span`
    (a quote's cue, a speaker mention); it is serialised with its text and
    bounds-checked like the outer span.
    """

    start: int
    end: int
    label: str
    score: float | None = None
    explanation: str = ""
    attrs: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not (isinstance(self.start, int) and isinstance(self.end, int)):
            raise SpanBoundsError(f"span offsets must be integers, got {self.start!r}, {self.end!r}")
        if self.start < 0 or self.end < self.start:
            raise SpanBoundsError(f"span [{self.start}, {self.end}) is not a valid range")
        if self.attrs and not _SPAN_KEY_SET.isdisjoint(self.attrs):
            clash = ", ".join(sorted(_SPAN_KEY_SET.intersection(self.attrs)))
            raise SpanAttributeError(f"span {self.label!r} has attributes named {clash}, which would overwrite "
                                     f"the span's own keys ({', '.join(SPAN_KEYS)})")

    def text_in(self, text: str) -> str:
        return text[self.start : self.end]

    def check_bounds(self, text_length: int) -> None:
        """Raise :class:`SpanBoundsError` if this span or a nested one leaves the text."""
        if self.end > text_length:
            raise SpanBoundsError(
                f"span {self.label!r} [{self.start}, {self.end}) ends past the article text ({text_length} chars)"
            )
        for value in self.attrs.values():
            for nested in _nested_spans(value):
                nested.check_bounds(text_length)

    def with_attrs(self, **attrs: Any) -> "Span":
        return replace(self, attrs={**self.attrs, **attrs})

    def overlaps(self, other: "Span") -> bool:
        return self.start < other.end and other.start < self.end


def _nested_spans(value: Any):
    if isinstance(value, Span):
        yield value
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _nested_spans(item)


@dataclass(frozen=True)
class Block:
    """A structural unit of the article text: ``article.text[start:end]`` is one heading, paragraph...

    Blocks are ordered and never overlap; text between blocks is only whitespace.
    """

    kind: str
    start: int
    end: int

    def __post_init__(self) -> None:
        if self.kind not in BLOCK_KINDS:
            raise ValueError(f"unknown block kind {self.kind!r}; valid kinds: {', '.join(BLOCK_KINDS)}")
        if not (0 <= self.start <= self.end):
            raise SpanBoundsError(f"block [{self.start}, {self.end}) is not a valid range")

    @property
    def is_prose(self) -> bool:
        return self.kind not in NON_PROSE_KINDS

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class RemovedText:
    """A stretch of the input that ingestion took out of the analysed text, and why."""

    text: str
    reason: str
    input_start: int
    input_end: int


@dataclass(frozen=True)
class Article:
    """One news article: the text analysed, and what is known about it.

    ``field_sources`` says where each metadata field came from, for example
    ``{"outlet": "signature line 'Ru-Main, 29.12.2021'"}``, so that a reader
    can tell a value read from HTML metadata from one guessed from the text.
    """

    text: str
    id: str | None = None
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: dt.date | None = None
    byline: str | None = None
    language: str | None = None
    dateline: str | None = None
    input_format: str = "text"
    field_sources: Mapping[str, str] = field(default_factory=dict)
    removed: tuple[RemovedText, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict)
    blocks: tuple[Block, ...] = ()

    def with_fields(self, **changes: Any) -> "Article":
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "title": self.title,
            "outlet": self.outlet,
            "url": self.url,
            "published": self.published.isoformat() if self.published else None,
            "byline": self.byline,
            "language": self.language,
            "dateline": self.dateline,
            "input_format": self.input_format,
            "field_sources": dict(self.field_sources),
            "removed": [
                {"text": r.text, "reason": r.reason, "input_start": r.input_start, "input_end": r.input_end}
                for r in self.removed
            ],
            "extra": dict(self.extra),
            "blocks": [block.to_dict() for block in self.blocks],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Article":
        published = data.get("published")
        return cls(
            text=data["text"],
            id=data.get("id"),
            title=data.get("title"),
            outlet=data.get("outlet"),
            url=data.get("url"),
            published=dt.date.fromisoformat(published) if published else None,
            byline=data.get("byline"),
            language=data.get("language"),
            dateline=data.get("dateline"),
            input_format=data.get("input_format", "text"),
            field_sources=dict(data.get("field_sources") or {}),
            removed=tuple(RemovedText(**r) for r in data.get("removed") or ()),
            extra=dict(data.get("extra") or {}),
            blocks=tuple(Block(**b) for b in data.get("blocks") or ()),
        )

    @functools.cached_property
    def barriers(self) -> tuple[tuple[int, int], ...]:
        """Character ranges of the blocks that are never attribution context (:data:`NON_PROSE_KINDS`)."""
        return tuple((block.start, block.end) for block in self.blocks if not block.is_prose)

    @functools.cached_property
    def _block_starts(self) -> list[int]:
        return [block.start for block in self.blocks]

    @functools.cached_property
    def _barrier_ends(self) -> list[int]:
        return [end for _, end in self.barriers]  # ordered: blocks are ordered and never overlap

    def context_start(self, offset: int) -> int:
        """Where the attribution context of ``offset`` begins: the end of the last barrier before it, else 0.

        A pronoun or a description at ``offset`` refers to no one mentioned before that.
        """
        index = bisect.bisect_right(self._barrier_ends, offset)
        return self._barrier_ends[index - 1] if index else 0

    def statement_range(self, start: int, end: int) -> tuple[int, int] | None:
        """[start, end) cut to the one block holding most of it, or None when that block is a label
        (:data:`LABEL_KINDS`) or no block holds any of it; unchanged when the article has no blocks.

        Technique and claim spans go through here, so that none falls in a byline
        or a section heading, or runs from one block into the next.
        """
        if not self.blocks:
            return start, end
        overlaps = [(min(end, b.end) - max(start, b.start), b) for b in self.blocks if b.start < end and start < b.end]
        if not overlaps:
            return None
        _, block = max(overlaps, key=lambda pair: pair[0])
        if block.kind in LABEL_KINDS:
            return None
        return max(start, block.start), min(end, block.end)

    def block_at(self, offset: int) -> Block | None:
        """The block holding character ``offset``, or None between blocks (or when there are none)."""
        index = bisect.bisect_right(self._block_starts, offset) - 1
        if index >= 0 and offset < self.blocks[index].end:
            return self.blocks[index]
        return None
