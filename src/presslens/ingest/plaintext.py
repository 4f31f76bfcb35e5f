"""Plain-text articles: title, signature, source, byline and dateline lines, web boilerplate.

Lines are recognised by the patterns below, one small function per field,
each trying its patterns in a fixed order. Metadata lines that carry content a
reader would want (``Source: TASS``) stay in the analysed text; web
boilerplate (``Leave a Reply``) is taken out and listed in
``Article.removed`` with its offsets in the input.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from ..article import Article, RemovedText

#: Whole lines that are website furniture rather than article text.
BOILERPLATE_LINE_PATTERNS = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        r"related (posts|articles|stories|news|content)\s*:?",
        r"(you may|you might) also like\s*:?",
        r"read (more|also|next)\s*:?.{0,120}",
        r"leave a (reply|comment)( cancel reply)?",
        r"(\d+ )?comments?\s*(\(\d+\))?",
        r"your email address will not be published\.?.{0,80}",
        r"required fields are marked \*?",
        r"(share|share this( article| story)?|share on \w+|tweet|email|print|pin it|whatsapp)\s*:?"
        r"(\s*(facebook|twitter|x|telegram|vk|linkedin|whatsapp|reddit|email|print)[,|]?)*",
        r"click to (share|print|email).{0,80}",
        r"like this:?",
        r"loading\.{0,3}",
        r"advertisement|sponsored( content)?",
        r"(subscribe|sign up)( to| for)? (our|the) (newsletter|channel|telegram channel|mailing list).{0,80}",
        r"follow us on .{0,80}",
        r"(posted|filed) (in|under):? .{0,120}",
        r"tags?:.{0,200}",
        r"all rights reserved\.?.{0,80}|©.{0,120}|copyright ©?.{0,120}",
    )
)

#: "Ru-Main, 29.12.2021": an outlet name and a date alone on a line.
SIGNATURE_LINE = re.compile(
    r"^(?P<outlet>[A-Z][\w&'’. -]{1,40}?),\s*(?P<date>\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2}"
    r"|[A-Z][a-z]{2,8}\.? \d{1,2},? \d{4}|\d{1,2} [A-Z][a-z]{2,8}\.? \d{4})\s*$"
)

#: "Source: TASS", "Source: RT, Sputnik".
SOURCE_LINE = re.compile(r"^(?:Source|Sources|Via|Originally published (?:by|at|in))\s*:?\s*(?P<source>\S.{0,80}?)\s*$")

#: "By Jane Smith", "By Jane Smith and John Doe, Reuters".
BYLINE = re.compile(
    r"^By\s+(?P<byline>[A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|de|da|di|du|la|le|van|von|der|den|al|bin|ibn|and|&))*(?:\s*,\s*[A-Z][\w.'’ -]+)?)\s*$"
)

#: "MOSCOW, Dec 29 (Reuters) -", "Washington (AFP) –", "KYIV, Ukraine —" at the start of a paragraph.
DATELINE = re.compile(
    r"^(?P<dateline>(?P<place>[A-Z][A-Za-z.'’ -]{1,40}?)(?:,\s*(?P<region>[A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?))?"
    r"(?:,\s*(?P<date>[A-Z][a-z]{2,8}\.? \d{1,2}(?:,? \d{4})?))?\s*(?:\((?P<agency>[A-Za-z][\w .&-]{0,30})\))?)"
    r"\s*[-–—]{1,2}\s"
)

_MONTHS = {
    month.lower(): number
    for number, names in enumerate(
        (
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
            ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
            ("oct", "october"), ("nov", "november"), ("dec", "december"),
        ),
        start=1,
    )
    for month in names
}

MAX_TITLE_CHARS = 200
MAX_TITLE_WORDS = 30


@dataclass(frozen=True)
class _Line:
    text: str
    start: int
    end: int  # offset just past the line's newline, if any

    @property
    def stripped(self) -> str:
        return self.text.strip()


def _split_lines(text: str) -> list[_Line]:
    lines = []
    position = 0
    for raw in text.splitlines(keepends=True):
        lines.append(_Line(raw.rstrip("\r\n"), position, position + len(raw)))
        position += len(raw)
    return lines


def normalize_text(text: str) -> str:
    """Unify line endings and Unicode composition; never used with ``--raw``."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n")).lstrip("\ufeff")


def parse_date(value: str) -> dt.date | None:
    """Dates as news sites print them: 29.12.2021, 2021-12-29, Dec 29, 2021, 29 December 2021."""
    value = value.strip().rstrip(".")
    numeric = re.fullmatch(r"(\d{1,4})([./-])(\d{1,2})\2(\d{1,4})", value)
    try:
        if numeric:
            first, separator, middle, last = numeric.groups()
            if len(first) == 4:
                return dt.date(int(first), int(middle), int(last))
            year = int(last) + (2000 if len(last) == 2 else 0)
            day, month = int(first), int(middle)
            # Slashes are month-first in the US unless the first number cannot be a month.
            if separator == "/" and day <= 12:
                day, month = month, day
            return dt.date(year, month, day)
        words = re.fullmatch(r"([A-Za-z]+)\.? (\d{1,2}),? (\d{4})|(\d{1,2}) ([A-Za-z]+)\.? (\d{4})", value)
        if words:
            if words.group(1):
                month_name, day, year = words.group(1), words.group(2), words.group(3)
            else:
                day, month_name, year = words.group(4), words.group(5), words.group(6)
            month = _MONTHS.get(month_name.lower())
            return dt.date(int(year), month, int(day)) if month else None
    except ValueError:
        return None
    return None


def is_boilerplate(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and any(pattern.fullmatch(stripped) for pattern in BOILERPLATE_LINE_PATTERNS)


def looks_like_title(line: str) -> bool:
    stripped = line.strip()
    if not stripped or len(stripped) > MAX_TITLE_CHARS or len(stripped.split()) > MAX_TITLE_WORDS:
        return False
    if stripped.endswith((".", ",", ";", ":")) and not stripped.endswith("..."):
        return False
    return not (BYLINE.match(stripped) or SIGNATURE_LINE.match(stripped) or SOURCE_LINE.match(stripped))


def _remove_boilerplate(text: str) -> tuple[str, tuple[RemovedText, ...]]:
    kept: list[str] = []
    removed: list[RemovedText] = []
    for line in _split_lines(text):
        if is_boilerplate(line.text):
            removed.append(RemovedText(line.stripped, "web boilerplate", line.start, line.start + len(line.text)))
        else:
            kept.append(text[line.start : line.end])
    return "".join(kept).rstrip(), tuple(removed)


def extract_title(lines: list[_Line]) -> str | None:
    first = next((line for line in lines if line.stripped), None)
    return first.stripped if first is not None and looks_like_title(first.text) else None


def extract_signature(lines: list[_Line]) -> tuple[str, dt.date | None, str] | None:
    """The last "Outlet, date" line: proxy sites sign their copy this way at the end."""
    for line in reversed(lines):
        match = SIGNATURE_LINE.match(line.stripped)
        if match:
            return match.group("outlet").strip(), parse_date(match.group("date")), line.stripped
    return None


def extract_credited_source(lines: list[_Line]) -> tuple[str, str] | None:
    for line in lines:
        match = SOURCE_LINE.match(line.stripped)
        if match:
            return match.group("source"), line.stripped
    return None


def extract_byline(lines: list[_Line]) -> tuple[str, str] | None:
    for line in lines[:8]:
        match = BYLINE.match(line.stripped)
        if match:
            return match.group("byline").strip(), line.stripped
    return None


def extract_dateline(lines: list[_Line]) -> tuple[str, str | None] | None:
    """The dateline opening the first paragraphs, and the agency it credits, if any."""
    for line in lines[:8]:
        match = DATELINE.match(line.stripped)
        if match and (match.group("place").isupper() or match.group("agency")):
            return match.group("dateline").strip(), match.group("agency")
    return None


def parse_plain_text(text: str, *, raw: bool = False, source: str | None = None) -> Article:
    """Build an :class:`Article` from plain text.

    With ``raw`` the text is kept byte for byte (only metadata is read from
    it), so that offsets are offsets into the input.
    """
    removed: tuple[RemovedText, ...] = ()
    if not raw:
        text, removed = _remove_boilerplate(normalize_text(text))
    lines = _split_lines(text)
    fields: dict = {}
    field_sources: dict[str, str] = {}
    extra: dict = {}

    title = extract_title(lines)
    if title:
        fields["title"] = title
        field_sources["title"] = "first line of the text"
    signature = extract_signature(lines)
    if signature:
        outlet, published, line = signature
        fields["outlet"] = outlet
        field_sources["outlet"] = f"signature line {line!r}"
        if published:
            fields["published"] = published
            field_sources["published"] = f"signature line {line!r}"
    credited = extract_credited_source(lines)
    if credited:
        extra["credited_source"] = credited[0]
        field_sources["credited_source"] = f"source line {credited[1]!r}"
    byline = extract_byline(lines)
    if byline:
        fields["byline"] = byline[0]
        field_sources["byline"] = f"byline {byline[1]!r}"
    dateline = extract_dateline(lines)
    if dateline:
        fields["dateline"] = dateline[0]
        field_sources["dateline"] = "dateline at the start of the text"
        if dateline[1]:
            extra["dateline_agency"] = dateline[1]
    if source:
        extra["input"] = source
    return Article(text=text, field_sources=field_sources, removed=removed, extra=extra, input_format="text", **fields)
