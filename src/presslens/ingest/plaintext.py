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

from ..article import Article, Block, RemovedText
from .blocks import paragraph_blocks
from .metadata import clean_byline

#: Whole lines that are website furniture rather than article text, by the reason they are taken out.
BOILERPLATE_LINE_PATTERNS: dict[str, tuple[re.Pattern[str], ...]] = {
    reason: tuple(re.compile(pattern, re.IGNORECASE) for pattern in patterns)
    for reason, patterns in {
        "share line": (
            r"(share|share this( article| story| post| page)?|share on \w+|tweet|email|print|pin it|whatsapp)"
            r"\s*[:!.]?(\s*(facebook|twitter|x|telegram|vk|linkedin|whatsapp|reddit|email|print)[,|]?)*",
            r"think your friends would be interested\?\s*share this (story|article)!?",
            r"(like|liked|enjoy|enjoyed) this (story|article)\?\s*share it.{0,60}",
            r"click to (share|print|email).{0,80}",
        ),
        "related-story link": (
            r"(related|related (posts|articles|stories|news|content|coverage)|see also|more on this( story| topic)?"
            r"|recommended( for you| reading)?|most read|trending( now)?)\s*:?",
            r"(you may|you might) also like\s*:?",
            r"read (more|also|next)\s*:?.{0,120}",
            r"(related( (posts|articles|stories|news|content|coverage))?|see also)\s*:\s*.{1,120}",
            r"(also on|more from) [a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}\b.{0,200}",
        ),
        "subscription promo": (
            r"(subscribe|sign up)\b(?=.{0,150}\b(newsletters?|channel|inbox|updates|alerts|podcast"
            r"|mailing list|telegram|subscription|free|email)\b).{0,160}",
            r"join (us|our) .{0,40}\b(telegram|channel|newsletter|community|mailing list)\b.{0,80}",
            r"get (the|our) .{0,60}(newsletter|in your inbox|delivered to your inbox).{0,80}",
            r"(please )?(support|fund) (our|independent|quality) (journalism|reporting|work)\b.{0,120}",
            r"become an? (member|subscriber|patron|supporter)\b.{0,120}",
            r"(already a subscriber\??|subscribe (now|today)|log in to (continue|keep) reading).{0,80}",
        ),
        "photo credit": (
            r"\(?(photo|image|picture|photograph|illustration|video|graphic)s?( credit)?\s*(:|by\b|©)\s*.{1,120}",
        ),
        "comment form": (
            r"leave a (reply|comment)( cancel reply)?",
            r"(\d+ )?comments?\s*(\(\d+\))?",
            r"your email address will not be published\.?.{0,80}",
            r"required fields are marked \*?",
        ),
        "web boilerplate": (
            r"like this:?",
            r"loading\.{0,3}",
            r"advertisement|sponsored( content)?",
            r"(continue reading|story continues)( (below|after|the (main )?story))?( (the )?(advertisement|ad))?\.?",
            r"follow us on .{0,80}",
            r"(posted|filed) (in|under):? .{0,120}",
            r"tags?:.{0,200}",
            r"all rights reserved\.?.{0,80}|©.{0,120}|copyright ©?.{0,120}",
        ),
    }.items()
}

#: The patterns above as one regular expression, tried in the same order: a line is the reason of the first
#: alternative that matches it whole (one call per line instead of one per pattern).
_BOILERPLATE_REASONS = tuple(BOILERPLATE_LINE_PATTERNS)
BOILERPLATE_LINE = re.compile(
    "|".join(f"(?P<r{number}>" + "|".join(f"(?:{pattern.pattern})" for pattern in patterns) + ")"
             for number, patterns in enumerate(BOILERPLATE_LINE_PATTERNS.values())),
    re.IGNORECASE,
)

#: A line that announces links to other stories: the headlines under it are taken out too.
RELATED_HEADER = re.compile(
    r"(read (more|also|next)|related( (posts|articles|stories|news|content|coverage))?|see also"
    r"|more on this( story| topic)?|(you may|you might) also like|recommended( for you| reading)?)\s*:?",
    re.IGNORECASE,
)

#: Author sign-offs, recognised only among the last :data:`SIGN_OFF_LINES` lines of the text.
SIGN_OFF_PATTERNS = tuple(
    re.compile(pattern)
    for pattern in (
        r"[—–-]{1,2}\s*[A-Z][\w.'’-]+(\s+[A-Z][\w.'’-]+){0,3}",
        r"(Written|Words) by [A-Z].{0,80}",
        r"(?i:follow) ([A-Z][\w.'’-]+( [A-Z][\w.'’-]+){0,2}|him|her|them|me) (?i:on) (?i:twitter|x|facebook|"
        r"instagram|telegram|substack|linkedin)\b.{0,60}",
        r"[A-Z][\w.'’-]+( [A-Z][\w.'’-]+){1,3} is an? .{0,150}\b(journalist|writer|columnist|correspondent|analyst"
        r"|commentator|reporter|editor|author|contributor)\b.{0,200}",
        r"(?i:the (statements, views and opinions|views|opinions|views and opinions) expressed).{0,240}",
    )
)
SIGN_OFF_LINES = 3

#: A date as a signature or "posted by" line prints it: 29.12.2021, 2021-12-29, Dec 29, 2021, 29 December 2021.
DATE_PATTERN = (r"(?P<date>\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2}"
                r"|[A-Z][a-z]{2,8}\.? \d{1,2},? \d{4}|\d{1,2} [A-Z][a-z]{2,8}\.? \d{4})")

#: "Ru-Main, 29.12.2021": an outlet name and a date alone on a line. The name is capitalised words
#: with the small words of outlet names between them ("Voice of America"), never a sentence.
SIGNATURE_LINE = re.compile(
    r"^(?P<outlet>(?=.{2,41},)[A-Z][\w&'’.-]*(?: (?:[A-Z0-9&][\w&'’.-]*|of|the|and|de|du|la|el|al))*),\s*"
    + DATE_PATTERN + r"\s*$"
)

#: "Posted by Laura Loomer on Monday, September 3, 2018": an author and a date, not an outlet.
POSTED_LINE = re.compile(
    r"^(?:Posted|Published|Written|Submitted) by (?P<byline>[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3})"
    r"(?: on| at)? (?:[A-Z][a-z]+day,? )?" + DATE_PATTERN + r"\s*$"
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

#: Words besides month names that a date or time line may hold.
TIMESTAMP_WORDS = frozenset(
    """published updated posted modified last on at am pm gmt utc bst cet cest est edt pst pdt msk ist st nd rd th
    mon tue wed thu fri sat sun monday tuesday wednesday thursday friday saturday sunday""".split()
)
TIMESTAMP_TOKEN = re.compile(r"[^\W\d_]+|\d+")
MAX_TIMESTAMP_TOKENS = 12
MAX_TIMESTAMP_CHARS = 80

MAX_TITLE_CHARS = 200
MAX_TITLE_WORDS = 30
#: A first line ending in a full stop is still the title when this short and followed by a blank line.
MAX_STOP_TITLE_WORDS = 20
#: Marks a headline's first word may open with: quotes, brackets, a hashtag.
OPENING_MARKS = "\"'“‘«([#"
MAX_HEADING_WORDS = 10
MAX_HEADING_CHARS = 90
#: Words a title-case heading may leave in lower case.
HEADING_SMALL_WORDS = frozenset(
    "a an the and or but nor of in on at to for by with from as vs via into over per than about after".split()
)
#: A line ending in one of these is a sentence, not a heading (a quoted heading, 'All Bets Are Off.', is one).
FINAL_PUNCTUATION = tuple(".,;:!?…")

#: "Reporting by Jane Doe; Editing by John Roe": who made the story, kept as a credit.
CREDIT_LINE = re.compile(
    r"^\(?(?:additional )?(?:reporting|writing|editing|research|translation|translated|compiled)\s+by\b.{1,200}$",
    re.IGNORECASE,
)
#: Bylines and datelines are looked for in this many first lines.
DATELINE_LINES = 8
LIST_ITEM_LINE = re.compile(r"^(?:[-*•·–]|\d{1,2}[.)])\s+\S")
BLOCKQUOTE_LINE = re.compile(r"^>\s*\S")


class _Line:
    """A line of the text, its offsets, and the line stripped (computed once: every pass reads it)."""

    __slots__ = ("text", "start", "end", "stripped")

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text = text
        self.start = start
        self.end = end  # offset just past the line's newline, if any
        self.stripped = text.strip()


def _split_lines(text: str) -> list[_Line]:
    lines = []
    position = 0
    for raw in text.splitlines(keepends=True):
        end = position + len(raw)
        lines.append(_Line(raw.rstrip("\r\n"), position, end))
        position = end
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


def boilerplate_reason(line: str) -> str | None:
    """Why a whole line is web boilerplate ("share line", "subscription promo"...), or None if it is not."""
    stripped = line.strip()
    match = BOILERPLATE_LINE.fullmatch(stripped) if stripped else None
    return _BOILERPLATE_REASONS[int(match.lastgroup[1:])] if match else None


def is_boilerplate(line: str) -> bool:
    return boilerplate_reason(line) is not None


def is_timestamp(line: str) -> bool:
    """A line that is only a date or time as pages print them ("Published 2023-10-22 10:15 GMT")."""
    tokens = TIMESTAMP_TOKEN.findall(line.strip())
    if not tokens or len(tokens) > MAX_TIMESTAMP_TOKENS or len(line.strip()) > MAX_TIMESTAMP_CHARS:
        return False
    words = [token.lower() for token in tokens if token.isalpha()]
    has_year = any(token.isdigit() and len(token) == 4 for token in tokens)
    has_month = any(word in _MONTHS for word in words)
    return (has_year or has_month and any(t.isdigit() for t in tokens)) and all(
        word in _MONTHS or word in TIMESTAMP_WORDS for word in words)


def is_sign_off(line: str) -> bool:
    """An author's sign-off or disclaimer ("— Jane Doe", "The views expressed..."); only meaningful at the end."""
    return any(pattern.fullmatch(line.strip()) for pattern in SIGN_OFF_PATTERNS)


def looks_like_title(line: str) -> bool:
    stripped = line.strip()
    if not stripped or len(stripped) > MAX_TITLE_CHARS or len(stripped.split()) > MAX_TITLE_WORDS:
        return False
    if stripped.endswith((".", ",", ";", ":")) and not stripped.endswith("..."):
        return False
    return not is_metadata_line(stripped)


def is_metadata_line(line: str) -> bool:
    """A byline, signature or credit line: never a title or heading."""
    return line_kind(line) in ("byline", "credit")


def looks_like_stop_title(line: str) -> bool:
    """A short headline ending in a full stop, as HuffPost and Politico texts start; longer if in title case."""
    stripped = line.strip()
    initial = stripped.lstrip(OPENING_MARKS)[:1]
    words = len(stripped.split())
    return (stripped.endswith(".") and not stripped.endswith("..") and (initial.isupper() or initial.isdigit())
            and (words <= MAX_STOP_TITLE_WORDS or _is_title_case(stripped[:-1]))
            and looks_like_title(stripped[:-1]))


def _is_title_case(line: str) -> bool:
    """Every word capitalised but the small ones ("of", "the"), and the first capitalised too."""
    bare = [word.lstrip(OPENING_MARKS) for word in line.split()]
    return bool(bare) and bare[0][:1].isupper() and all(
        word[:1].isupper() or word[:1].isdigit() or word.lower() in HEADING_SMALL_WORDS for word in bare if word)


def looks_like_heading(line: str) -> bool:
    """A short line without final punctuation, in title case or capitals; a bracketed stage direction is not one."""
    stripped = line.strip()
    if len(stripped) > MAX_HEADING_CHARS:
        return False
    words = stripped.split()
    if not words or len(words) > MAX_HEADING_WORDS:
        return False
    if stripped.endswith(FINAL_PUNCTUATION) or is_metadata_line(stripped) or is_boilerplate(stripped):
        return False
    if sum(character.isalpha() for character in stripped) < 2 or stripped.lstrip("\"'“‘«").startswith(("(", "[")):
        return False
    if stripped.isupper():
        return True
    return _is_title_case(stripped)


class RelatedHeadlines:
    """Follows a "Read more:" line: the headline-like lines right under it are links to other stories.

    The run of headlines ends at the first line that is not one, or at a
    blank line after at least one headline.
    """

    def __init__(self) -> None:
        self.after_header = False
        self.in_headlines = False

    def reason(self, line: str) -> str | None:
        stripped = line.strip()
        if RELATED_HEADER.fullmatch(stripped):
            self.after_header, self.in_headlines = True, False
            return "related-story link"
        if not stripped:
            self.after_header = self.after_header and not self.in_headlines
            return None
        if self.after_header and looks_like_title(stripped) and not is_boilerplate(stripped):
            self.in_headlines = True
            return "related-story headline"
        self.after_header = self.in_headlines = False
        return None


def _remove_boilerplate(text: str) -> tuple[str, tuple[RemovedText, ...]]:
    """Take out boilerplate lines, the headlines listed under a "Read more:" line, and sign-offs at the end."""
    lines = _split_lines(text)
    content = [index for index, line in enumerate(lines) if line.stripped]
    tail = set(content[-SIGN_OFF_LINES:])
    kept: list[str] = []
    removed: list[RemovedText] = []
    related = RelatedHeadlines()
    for index, line in enumerate(lines):
        reason = related.reason(line.stripped) or boilerplate_reason(line.stripped)
        if reason is None and index in tail and is_sign_off(line.stripped):
            reason = "author sign-off"
        if reason:
            removed.append(RemovedText(line.stripped, reason, line.start, line.start + len(line.text)))
        else:
            kept.append(text[line.start : line.end])
    return "".join(kept).rstrip(), tuple(removed)


def _title_line(lines: list[_Line]) -> _Line | None:
    """The first line when it is a title: no final full stop, a short sentence followed by a blank line, or a
    headline ending in a semicolon over its subtitle."""
    content = [index for index, line in enumerate(lines) if line.stripped]
    if not content:
        return None
    first = lines[content[0]]
    if looks_like_title(first.text):
        return first
    followed_by_blank = content[0] + 1 < len(lines) and not lines[content[0] + 1].stripped
    if followed_by_blank and len(content) > 1 and looks_like_stop_title(first.text):
        return first
    if _standfirst_line(lines, first) is not None:
        return first
    return None


def _standfirst_line(lines: list[_Line], title: _Line) -> _Line | None:
    """"Headline;" then the subtitle on the next line, then a blank line (the USA Today layout)."""
    index = lines.index(title)
    headline = title.stripped[:-1].rstrip()
    if not title.stripped.endswith(";") or index + 2 >= len(lines) or not (
            looks_like_title(headline) or looks_like_stop_title(headline)):
        return None
    following = lines[index + 1]
    if following.stripped and not lines[index + 2].stripped and len(following.stripped.split()) <= MAX_TITLE_WORDS:
        return following
    return None


def extract_title(lines: list[_Line]) -> str | None:
    first = _title_line(lines)
    return first.stripped.rstrip(";").rstrip() if first is not None else None


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
    for line in lines[:DATELINE_LINES]:
        match = BYLINE.match(line.stripped)
        if match:
            return match.group("byline").strip(), line.stripped
    return None


def extract_posted_line(lines: list[_Line]) -> tuple[str, dt.date | None, str] | None:
    """The author and date of a "Posted by NAME on DATE" line."""
    for line in lines:
        match = POSTED_LINE.match(line.stripped)
        if match:
            return match.group("byline"), parse_date(match.group("date")), line.stripped
    return None


def dateline_match(text: str) -> re.Match[str] | None:
    """A dateline opening ``text``: a place in capitals, or any place with an agency in brackets."""
    match = DATELINE.match(text)
    return match if match and (match.group("place").isupper() or match.group("agency")) else None


def extract_dateline(lines: list[_Line]) -> tuple[str, str | None] | None:
    """The dateline opening the first paragraphs, and the agency it credits, if any."""
    for line in lines[:DATELINE_LINES]:
        match = dateline_match(line.stripped)
        if match:
            return match.group("dateline").strip(), match.group("agency")
    return None


def _line_bounds(line: _Line) -> tuple[int, int]:
    """Where a line that is not blank starts and ends in the text, without its surrounding whitespace."""
    lead = len(line.text) - len(line.text.lstrip()) if line.text[:1].isspace() else 0
    return line.start + lead, line.start + lead + len(line.stripped)


def _line_block(line: _Line, kind: str) -> Block:
    return Block(kind, *_line_bounds(line))


def line_kind(line: str) -> str | None:
    """The block kind a line has on its own (byline, credit, list item, quoted line), or None for prose."""
    return _stripped_line_kind(line.strip())


def _stripped_line_kind(stripped: str) -> str | None:
    if BYLINE.match(stripped) or POSTED_LINE.match(stripped):
        return "byline"
    if SOURCE_LINE.match(stripped) or SIGNATURE_LINE.match(stripped) or CREDIT_LINE.match(stripped):
        return "credit"
    if LIST_ITEM_LINE.match(stripped):
        return "list_item"
    if BLOCKQUOTE_LINE.match(stripped):
        return "blockquote"
    return None


def _split_dateline(block: Block, text: str) -> list[Block]:
    """A paragraph opening with a dateline ("MOSCOW, Dec 29 (Reuters) -") as a dateline block and the rest."""
    match = dateline_match(text[block.start : block.end])
    if not match:
        return [block]
    return [Block("dateline", block.start, block.start + len(match.group(0).rstrip())),
            Block("paragraph", block.start + match.end(), block.end)]


def text_blocks(text: str) -> tuple[Block, ...]:
    """Blocks of plain text, line by line.

    Lines are grouped into blank-line paragraphs. The title line (see
    :func:`extract_title`) is a ``title``; a byline, credit ("Source: TASS"),
    list item or ``>`` line is a block of its own kind; a paragraph that is
    one short title-case or capitalised line between two others is a
    ``heading``; consecutive other lines make one ``paragraph``, and the
    first paragraph may open with a ``dateline`` (in the lines where
    :func:`extract_dateline` looks).
    """
    return _text_blocks(text, _split_lines(text))


def _text_blocks(text: str, lines: list[_Line]) -> tuple[Block, ...]:
    kinds = [_stripped_line_kind(line.stripped) if line.stripped else None for line in lines]
    groups: list[list[int]] = [[]]
    for index, line in enumerate(lines):
        if line.stripped:
            groups[-1].append(index)
        elif groups[-1]:
            groups.append([])
    groups = [group for group in groups if group]
    title = _title_line(lines)
    blocks: list[Block] = []
    first_paragraph = True
    for number, group in enumerate(groups):
        if lines[group[0]] is title:
            blocks.append(_line_block(title, "title"))
            group = group[1:]
            standfirst = _standfirst_line(lines, title)
            if standfirst is not None and group and lines[group[0]] is standfirst:
                blocks.append(_line_block(standfirst, "standfirst"))
                group = group[1:]
        between = 0 < number < len(groups) - 1
        if len(group) == 1 and between and kinds[group[0]] is None and looks_like_heading(lines[group[0]].stripped):
            blocks.append(_line_block(lines[group[0]], "heading"))
            continue
        run: list[int] = []
        for index in [*group, None]:
            kind = None if index is None else kinds[index]
            if run and (index is None or kind is not None):
                paragraph = Block("paragraph", _line_bounds(lines[run[0]])[0], _line_bounds(lines[run[-1]])[1])
                if first_paragraph and run[0] < DATELINE_LINES:
                    blocks.extend(_split_dateline(paragraph, text))
                else:
                    blocks.append(paragraph)
                first_paragraph = False
                run = []
            if index is not None and kind is None:
                run.append(index)
            elif index is not None:
                blocks.append(_line_block(lines[index], kind))
    return tuple(blocks)


def text_metadata(text: str) -> tuple[dict, dict[str, str], dict]:
    """``(fields, field_sources, extra)`` read from the text's own lines: title, signature, source, byline, dateline."""
    return _text_metadata(_split_lines(text))


def _text_metadata(lines: list[_Line]) -> tuple[dict, dict[str, str], dict]:
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
    authors = clean_byline(byline[0]) if byline else None
    if authors:
        fields["byline"] = authors
        field_sources["byline"] = f"byline {byline[1]!r}"
    posted = extract_posted_line(lines)
    if posted:
        author, published, line = posted
        if "byline" not in fields and clean_byline(author):
            fields["byline"] = clean_byline(author)
            field_sources["byline"] = f"posted-by line {line!r}"
        if published and "published" not in fields:
            fields["published"] = published
            field_sources["published"] = f"posted-by line {line!r}"
    dateline = extract_dateline(lines)
    if dateline:
        fields["dateline"] = dateline[0]
        field_sources["dateline"] = "dateline at the start of the text"
        if dateline[1]:
            extra["dateline_agency"] = dateline[1]
    return fields, field_sources, extra


def parse_plain_text(text: str, *, raw: bool = False, source: str | None = None) -> Article:
    """Build an :class:`Article` from plain text.

    With ``raw`` the text is kept byte for byte (only metadata is read from
    it), so that offsets are offsets into the input, and its blocks are its
    blank-line paragraphs; otherwise see :func:`text_blocks`.
    """
    removed: tuple[RemovedText, ...] = ()
    if not raw:
        text, removed = _remove_boilerplate(normalize_text(text))
    lines = _split_lines(text)
    fields, field_sources, extra = _text_metadata(lines)
    if source:
        extra["input"] = source
    blocks = paragraph_blocks(text) if raw else _text_blocks(text, lines)
    return Article(text=text, field_sources=field_sources, removed=removed, extra=extra, input_format="text",
                   blocks=blocks, **fields)
