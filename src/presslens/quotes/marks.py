"""Pairing quotation marks: where the quoted stretches of a text begin and end.

News text mixes mark styles (“ ” " « » ‘ ’ „ ‹ ›), uses ’ as an apostrophe,
leaves marks unbalanced, and runs a quotation over several paragraphs by
opening every paragraph and closing only the last. :func:`find_quoted` pairs
marks paragraph by paragraph with a small stack and three rules:

* a mark opens or closes depending on what is on either side of it
  (``don’t`` and ``D’Souza`` are apostrophes, not marks);
* a paragraph left open continues into the next paragraph only if that one
  starts with an opening mark (the journalistic convention); otherwise the
  quotation ends with its paragraph, or is dropped when that would make it
  longer than :data:`MAX_UNCLOSED_CHARS`;
* no quotation runs over more than :data:`MAX_QUOTE_PARAGRAPHS` paragraphs or
  :data:`MAX_QUOTE_CHARS` characters, so an unmatched mark can never swallow
  half an article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Opening mark -> the marks that may close it.
PAIRS = {
    "“": "”“",  # “English” and „German“ closers
    "„": "“”",
    "«": "»",
    "»": "«",  # »Danish/German« style
    "‹": "›",
    "‘": "’",
    "‚": "‘’",
    '"': '"',
    "'": "'",  # 'tabloid single quotes'
    "”": "”",  # a closing mark typed where an opening one belongs
}
#: Every character that may be a quotation mark.
MARKS = frozenset("“”„«»‹›‘’‚\"'")
#: Marks that are often apostrophes and only count when clearly opening/closing.
SINGLE_MARKS = frozenset("‘’‚‹›'")

#: Longest quotation kept when its closing mark is missing at the end of its paragraph.
MAX_UNCLOSED_CHARS = 600
#: Longest quotation kept at all, in paragraphs and characters.
MAX_QUOTE_PARAGRAPHS = 12
MAX_QUOTE_CHARS = 8000

_PARAGRAPH = re.compile(r"[^\n]+")
_OPEN_BEFORE = frozenset(" \t\n([{—–-/:;")


@dataclass(frozen=True)
class Quoted:
    """A quoted stretch: ``start`` is the opening mark, ``end`` is just past the closing mark.

    ``closed`` is False when the closing mark was missing and the stretch
    was ended at the end of its paragraph.
    """

    start: int
    end: int
    closed: bool = True

    @property
    def inner(self) -> tuple[int, int]:
        return self.start + 1, self.end - (1 if self.closed else 0)


def _can_open(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if after.isspace() and text[i] != "«":  # « French » marks take inner spaces
        return False
    if text[i] in "‘’'" and before.isalnum():
        return False
    return before in _OPEN_BEFORE or before in MARKS or not before.isalnum() and before not in ".,!?"


def _can_close(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isspace() and (text[i] not in "»”" or after.isalnum()):
        return False  # a curly closer after a space ("end. ”") still closes when nothing follows it
    if text[i] in "’‘'" and after.isalpha():
        return False  # don’t, D’Souza, rock ’n’ roll
    return not after.isalnum()


def _paragraphs(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text) if m.group().strip()]


def _opener_at_start(text: str, start: int, end: int) -> int | None:
    """Position of the opening mark that starts the paragraph [start, end), if any."""
    position = start + len(text[start:end]) - len(text[start:end].lstrip())
    if position < end and text[position] in PAIRS and text[position] not in SINGLE_MARKS:
        if _can_open(text, position):
            return position
    return None


def _pair_paragraph(text: str, start: int, end: int, carried: tuple[str, int] | None):
    """Pair the marks of one paragraph. Returns (closed spans, the outermost opener left open).

    ``carried`` is a quotation continued from the previous paragraph; the
    opening mark that starts this paragraph re-opens it rather than nesting.
    """
    stack: list[tuple[str, int]] = [carried] if carried else []
    skip = _opener_at_start(text, start, end) if carried else None
    spans: list[Quoted] = []
    for i in range(start, end):
        char = text[i]
        if char not in MARKS or i == skip:
            continue
        if stack and char in PAIRS.get(stack[-1][0], "") and _can_close(text, i):
            _, position = stack.pop()
            if not stack:
                spans.append(Quoted(position, i + 1))
            continue
        if char in PAIRS and _can_open(text, i) and len(stack) < 3:
            if char in SINGLE_MARKS and not stack and char not in "‘'":
                continue
            stack.append((char, i))
    return spans, (stack[0] if stack else None)


def find_quoted(text: str) -> list[Quoted]:
    """The outermost quoted stretches of ``text``, in order, never overlapping."""
    paragraphs = _paragraphs(text)
    spans: list[Quoted] = []
    carried: tuple[str, int] | None = None
    carried_paragraphs = 0
    for index, (start, end) in enumerate(paragraphs):
        closed, left_open = _pair_paragraph(text, start, end, carried)
        spans.extend(closed)
        carried = None
        if left_open is None:
            carried_paragraphs = 0
            continue
        opener, position = left_open
        following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
        continues = following is not None and _opener_at_start(text, *following) is not None
        carried_paragraphs += 1
        too_long = carried_paragraphs >= MAX_QUOTE_PARAGRAPHS or end - position > MAX_QUOTE_CHARS
        if continues and not too_long:
            carried = left_open
            continue
        carried_paragraphs = 0
        if opener in SINGLE_MARKS:
            continue
        if position < start or end - position <= MAX_UNCLOSED_CHARS:
            spans.append(Quoted(position, end, closed=False))
    return spans
