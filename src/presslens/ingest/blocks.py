"""An article's blocks: building the text from typed pieces, paragraphs of kept text, blocks given with the input.

Readers that rebuild the text (HTML, plain text) describe it as a list of
:class:`Piece` objects and :func:`assemble` joins them, so that every block's
offsets are right by construction. Readers that keep the text as it is
(``--raw``, PTC) get :func:`paragraph_blocks`. Blocks that come with a JSONL
record are checked by :func:`checked_blocks`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Sequence

from ..article import BLOCK_KINDS, Block, RemovedText
from ..errors import MalformedRecordError

#: What goes between two pieces unless a piece says otherwise: blocks are blank-line separated.
PARAGRAPH_BREAK = "\n\n"


@dataclass(frozen=True)
class Piece:
    """One block-to-be: its kind and text, or the reason it is taken out as boilerplate.

    ``glue`` is what joins the piece to the one before it (a dateline and the
    rest of its paragraph are joined by a space).
    """

    kind: str
    text: str
    removed: str | None = None
    glue: str = PARAGRAPH_BREAK


def assemble(pieces: Iterable[Piece]) -> tuple[str, tuple[Block, ...], tuple[RemovedText, ...]]:
    """Join the kept pieces into ``(text, blocks, removed)``.

    A removed piece's ``input_start``/``input_end`` are its offsets in the text
    as it would read with nothing removed (the extracted text).
    """
    parts: list[str] = []
    blocks: list[Block] = []
    removed: list[RemovedText] = []
    length = 0
    full_length = 0
    for piece in pieces:
        text = piece.text.strip()
        if not text:
            continue
        full_length += len(piece.glue) if full_length else 0
        if piece.removed:
            removed.append(RemovedText(text, piece.removed, full_length, full_length + len(text)))
        else:
            if parts:
                parts.append(piece.glue)
                length += len(piece.glue)
            parts.append(text)
            blocks.append(Block(piece.kind, length, length + len(text)))
            length += len(text)
        full_length += len(text)
    return "".join(parts), tuple(blocks), tuple(removed)


def paragraph_blocks(text: str, start: int = 0, end: int | None = None) -> tuple[Block, ...]:
    """Blank-line paragraphs of ``text[start:end]`` as they stand, offsets exact, whitespace outside."""
    end = len(text) if end is None else end
    blocks: list[Block] = []
    block_start = block_end = None
    position = start
    for line in text[start:end].splitlines(keepends=True):
        content = line.strip()
        if content:
            line_start = position + len(line) - len(line.lstrip())
            if block_start is None:
                block_start = line_start
            block_end = position + len(line.rstrip())
        elif block_start is not None:
            blocks.append(Block("paragraph", block_start, block_end))
            block_start = None
        position += len(line)
    if block_start is not None:
        blocks.append(Block("paragraph", block_start, block_end))
    return tuple(blocks)


def checked_blocks(text: str, given: Any, *, source: str | None = None) -> tuple[Block, ...]:
    """The blocks a JSONL record gives for its ``text``, checked; stretches they leave out become paragraphs.

    Each block must be an object ``{"kind", "start", "end"}`` with a known
    kind and integer offsets inside the text, in order and not overlapping.
    """
    if not isinstance(given, Sequence) or isinstance(given, (str, bytes)):
        raise MalformedRecordError("'blocks' must be a list of {\"kind\", \"start\", \"end\"} objects", source=source)
    blocks: list[Block] = []
    previous_end = 0
    for number, item in enumerate(given):
        where = f"'blocks'[{number}]"
        if not isinstance(item, dict) or set(item) != {"kind", "start", "end"}:
            raise MalformedRecordError(f"{where} must be an object with exactly 'kind', 'start' and 'end'",
                                       source=source)
        kind, start, end = item["kind"], item["start"], item["end"]
        if kind not in BLOCK_KINDS:
            raise MalformedRecordError(f"{where} has unknown kind {kind!r}; valid kinds: {', '.join(BLOCK_KINDS)}",
                                       source=source)
        if not (type(start) is int and type(end) is int and 0 <= start <= end <= len(text)):
            raise MalformedRecordError(
                f"{where} [{start!r}, {end!r}) is not a range of integer offsets inside the text "
                f"({len(text)} characters)", source=source)
        if start < previous_end:
            raise MalformedRecordError(f"{where} starts at {start}, inside the block before it (ends at "
                                       f"{previous_end}); blocks must be in order and must not overlap",
                                       source=source)
        blocks.extend(paragraph_blocks(text, previous_end, start))
        blocks.append(Block(kind, start, end))
        previous_end = end
    blocks.extend(paragraph_blocks(text, previous_end))
    return tuple(blocks)
