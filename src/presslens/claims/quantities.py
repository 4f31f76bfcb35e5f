"""Find numbers in article text and say what they are.

:func:`extract_quantities` turns "60 per cent", "sixty percent", "1.2 million",
"$3bn", "a third", "12,000 troops" and "35 to 50" into :class:`Quantity`
objects with a normalised value, a kind, a unit and, when a spaCy parse is
given, the noun the number counts. :func:`extract_dates` finds calendar dates,
weekdays and relative day words. Every rule is a named pattern or word list
below, so that what counts as a number can be read and changed in one place.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

# --- word lists -----------------------------------------------------------------------------

#: Number words below twenty and the tens, with their values.
SMALL_NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip

#: Multipliers, spelt out or abbreviated after digits ("1.2 million", "$3bn", "20k").
SCALE_WORDS = {
    "hundred": 100, "thousand": 1_000, "k": 1_000, "million": 1_000_000, "mn": 1_000_000, "m": 1_000_000,
    "billion": 1_000_000_000, "bn": 1_000_000_000, "trillion": 1_000_000_000_000, "tn": 1_000_000_000_000,
}  # fmt: skip

#: "a dozen" and friends.
COLLECTIVE_NUMBER_WORDS = {"dozen": 12, "score": 20}

#: Fraction words and their share of the whole, in per cent.
FRACTION_WORDS = {
    "half": 50.0, "halves": 50.0, "third": 100 / 3, "thirds": 100 / 3, "quarter": 25.0, "quarters": 25.0,
    "fifth": 20.0, "fifths": 20.0, "tenth": 10.0, "tenths": 10.0,
}  # fmt: skip

#: Currency signs and names, mapped to ISO codes.
CURRENCY_SYMBOLS = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₽": "RUB", "usd": "USD",
                    "eur": "EUR", "gbp": "GBP", "rub": "RUB"}  # fmt: skip
CURRENCY_NAMES = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP", "pounds": "GBP",
    "rouble": "RUB", "roubles": "RUB", "ruble": "RUB", "rubles": "RUB", "yuan": "CNY", "yen": "JPY",
    "hryvnia": "UAH", "hryvnias": "UAH",
}  # fmt: skip

#: Words before a number that qualify it, and what they mean for a check:
#: ``approx`` (the figure is rounded), ``min`` (a lower bound), ``max`` (an upper bound).
QUALIFIERS = {
    "about": "approx", "around": "approx", "roughly": "approx", "approximately": "approx", "some": "approx",
    "nearly": "approx", "almost": "approx", "close to": "approx", "an estimated": "approx", "estimated": "approx",
    "more than": "min", "over": "min", "above": "min", "at least": "min", "upwards of": "min", "just over": "min",
    "less than": "max", "fewer than": "max", "under": "max", "below": "max", "at most": "max", "up to": "max",
    "just under": "max",
}  # fmt: skip

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)}
RELATIVE_DAYS = {"today": 0, "yesterday": -1, "tomorrow": 1}
RELATIVE_YEARS = {"this year": 0, "last year": -1, "next year": 1, "a year earlier": -1, "a year ago": -1,
                  "the previous year": -1, "the year before": -1}  # fmt: skip

#: Years outside this range are read as plain numbers.
YEAR_RANGE = (1800, 2100)
#: Figures at or above this size are digit runs (serial numbers, codes), not quantities: no news
#: figure reaches a quintillion, and keeping values this far below the float limit lets the checks
#: add, divide and format them without reaching infinity.
MAX_QUANTITY = 1e18

# --- patterns -----------------------------------------------------------------------------------

_WORD_NUMBER = "|".join(sorted([*SMALL_NUMBER_WORDS, "hundred", "thousand", "million", "billion", "trillion"],
                               key=len, reverse=True))  # fmt: skip
_SCALE = r"hundred|thousand|million|billion|trillion"
_ABBREVIATED_SCALE = r"bn|mn|tn|m|k"
#: A number written in digits: "436", "12,000", "1.2", "0.5".
DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
#: A number written in words: "sixty", "twenty-five", "one hundred and twenty", "a million".
WORDS = rf"(?:(?:{_WORD_NUMBER})(?:(?:\s+and\s+|\s+|-)(?:{_WORD_NUMBER}))*|an?\s+(?:{_SCALE}|dozen))"
#: A number in digits or words, with an optional scale ("1.2 million", "3bn", "two million").
NUMBER = (
    rf"(?:(?P<digits>{DIGITS})(?:\s*(?P<abbr>{_ABBREVIATED_SCALE})\b|\s+(?P<scale>{_SCALE})\b)?"
    rf"|(?P<words>{WORDS}))"
)
PERCENT_UNIT = r"(?P<percent>%|\s*per\s?cent\b|\s*percent\b|\s*pct\b)"
POINTS_UNIT = r"(?P<points>\s*percentage\s+points?\b|\s*points?\b)"
CURRENCY_PREFIX = r"(?P<currency>US\$|[$€£¥₽]|(?:USD|EUR|GBP|RUB)\s?)"
CURRENCY_SUFFIX = rf"(?P<currency_name>\s+(?:{'|'.join(CURRENCY_NAMES)})\b)"
_QUALIFIER = "|".join(sorted((re.escape(q) for q in QUALIFIERS), key=len, reverse=True))
#: A number is not part of a word, code or clock time: not "RC-135", "COVID-19", "9/11", "11:00"; but "10-20" is a range.
_BOUNDARY_BEFORE = r"(?<![\w.,/:])(?<![^\W\d][-–])"
_BOUNDARY_AFTER = r"(?![\w/]|[.,:]\d)"

#: A quantity: optional qualifier, optional currency sign, the number, then a unit if any.
QUANTITY_PATTERN = re.compile(
    rf"(?<!\w)(?=[\w$€£¥₽])(?:(?P<qualifier>\b(?:{_QUALIFIER}))\s+)?{_BOUNDARY_BEFORE}{CURRENCY_PREFIX}?{NUMBER}"
    rf"(?:{PERCENT_UNIT}|{POINTS_UNIT}(?=\W)|{CURRENCY_SUFFIX})?{_BOUNDARY_AFTER}",
    re.IGNORECASE,
)
#: "35 to 50", "35-50", "between 35 and 50": two quantities read as one range.
RANGE_PATTERN = re.compile(r"^(?:\s*(?:-|–|to)\s*)$")
RANGE_BETWEEN = re.compile(r"\bbetween\s+$", re.IGNORECASE)
#: "a third", "two thirds", "three-quarters", "half of".
FRACTION_PATTERN = re.compile(
    rf"(?:(?P<qualifier>\b(?:{_QUALIFIER}))\s+)?\b(?P<count>an?|one|two|three|four|five|six|seven|eight|nine)[\s-]+"
    rf"(?P<fraction>{'|'.join(w for w in FRACTION_WORDS if w not in ('half', 'halves'))})\b"
    r"|\b(?P<half>half)(?=\s+(?:of|the)\b)",
    re.IGNORECASE,
)
#: Calendar dates: "June 23, 2021", "23 June 2021", "March 14", "29.12.2021", "2021-12-29".
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
DATE_PATTERNS = (
    re.compile(rf"\b(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>\d{{4}})\b)?",
               re.IGNORECASE),
    re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{_MONTH})\b\.?(?:,?\s+(?P<year>\d{{4}})\b)?",
               re.IGNORECASE),
    re.compile(r"\b(?P<day>\d{1,2})\.(?P<nmonth>\d{1,2})\.(?P<year>\d{4})\b"),
    re.compile(r"\b(?P<year>\d{4})-(?P<nmonth>\d{2})-(?P<day>\d{2})\b"),
)  # fmt: skip
WEEKDAY_PATTERN = re.compile(rf"\b(?P<weekday>{'|'.join(WEEKDAYS)})\b", re.IGNORECASE)
RELATIVE_DAY_PATTERN = re.compile(rf"\b(?P<relative>{'|'.join(RELATIVE_DAYS)})\b", re.IGNORECASE)
RELATIVE_YEAR_PATTERN = re.compile(rf"\b(?P<relative>{'|'.join(RELATIVE_YEARS)})\b", re.IGNORECASE)

#: Kinds of quantity.
COUNT, PERCENT, POINTS, MONEY, FRACTION, YEAR = "count", "percent", "percentage points", "money", "fraction", "year"

#: Words after a number that are not what it counts.
NOT_COUNTED = frozenset(
    "a an the of to in on at by for from with and or but than as per is are was were be been has have had "
    "will would who which that this these those it its their his her our your up down over under about "
    "times percent".split()
)


@dataclass(frozen=True)
class Quantity:
    """A number in the text, normalised.

    ``value`` is the number itself (percentages in per cent, money in units of
    the currency); ``high`` is the upper end of a range. ``unit`` is a currency
    code, ``"%"``, ``"percentage points"`` or None; ``counts`` is the noun it
    counts ("troops"), when known; ``qualifier`` is "approx", "min" or "max"
    when words such as "about" or "more than" come before it.
    """

    start: int
    end: int
    text: str
    value: float
    kind: str
    unit: str | None = None
    counts: str | None = None
    qualifier: str | None = None
    high: float | None = None

    @property
    def rounding(self) -> float:
        """Half a unit of the last digit written, in the units of ``value``: how far the figure may
        be from the exact one through rounding alone (0.5 for "60", 0.05 for "62.8", 50,000 for "1.2 million")."""
        match = re.search(r"\d[\d,]*(?:\.(\d+))?", self.text)
        if match is None or self.kind == FRACTION:
            return 0.5
        written = float(match.group().replace(",", ""))
        scale = self.value / written if written else 1.0
        decimals = len(match.group(1)) if match.group(1) else 0
        return 0.5 * 10**-decimals * scale


@dataclass(frozen=True)
class DateMention:
    """A date, weekday or relative day word in the text.

    ``date`` is set when day, month and year are all known (the year may come
    from ``default_year``); ``weekday`` (0 = Monday) when a weekday is named;
    ``relative`` is a day offset for "today"/"yesterday"/"tomorrow" or a year
    offset for "last year" and friends (``relative_unit`` says which).
    """

    start: int
    end: int
    text: str
    date: dt.date | None = None
    month: int | None = None
    day: int | None = None
    year: int | None = None
    year_given: bool = False
    weekday: int | None = None
    relative: int | None = None
    relative_unit: str | None = None


def parse_number_words(words: str) -> float:
    """The value of a number written in words: "twenty-five" -> 25, "one hundred and six" -> 106.

    >>> parse_number_words("two million three hundred thousand")
    2300000.0
    """
    total = 0.0
    current = 0.0
    tokens = [t for t in re.split(r"[\s-]+", words.lower()) if t and t != "and"]
    if not tokens:
        raise ValueError(f"no number words in {words!r}")
    for token in tokens:
        if token in ("a", "an"):
            current = max(current, 1)
        elif token in SMALL_NUMBER_WORDS:
            current += SMALL_NUMBER_WORDS[token]
        elif token in COLLECTIVE_NUMBER_WORDS:
            current = max(current, 1) * COLLECTIVE_NUMBER_WORDS[token]
        elif token == "hundred":
            current = max(current, 1) * 100
        elif token in SCALE_WORDS:
            total += max(current, 1) * SCALE_WORDS[token]
            current = 0
        else:
            raise ValueError(f"{token!r} in {words!r} is not a number word")
    return float(total + current)


def parse_number(text: str) -> float:
    """The value of a number in digits or words, with its scale: "1.2 million" -> 1200000.

    >>> parse_number("12,000"), parse_number("sixty"), parse_number("$3bn")
    (12000.0, 60.0, 3000000000.0)
    """
    match = re.search(NUMBER, text, re.IGNORECASE)
    if match is None:
        raise ValueError(f"no number in {text!r}")
    return _number_value(match)


def _number_value(match: re.Match) -> float:
    if match.group("digits"):
        value = float(match.group("digits").replace(",", ""))
        scale = match.group("abbr") or match.group("scale")
        return value * SCALE_WORDS[scale.lower()] if scale else value
    return parse_number_words(match.group("words"))


def _is_year(match: re.Match, value: float) -> bool:
    digits = match.group("digits") or ""
    return (
        re.fullmatch(r"\d{4}", digits) is not None
        and YEAR_RANGE[0] <= value < YEAR_RANGE[1]
        and not any(match.group(g) for g in ("abbr", "scale", "percent", "points", "currency", "currency_name"))
    )


def _kind_and_unit(match: re.Match, value: float) -> tuple[str, str | None]:
    if match.group("percent"):
        return PERCENT, "%"
    if match.group("points") and re.search("percentage", match.group("points"), re.IGNORECASE):
        return POINTS, "percentage points"
    if match.group("currency"):
        return MONEY, CURRENCY_SYMBOLS[match.group("currency").strip().lower()]
    if match.group("currency_name"):
        return MONEY, CURRENCY_NAMES[match.group("currency_name").strip().lower()]
    if _is_year(match, value):
        return YEAR, None
    return COUNT, None


def _overlaps(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    return any(start < t_end and t_start < end for t_start, t_end in taken)


def extract_quantities(text: str, doc=None, *, exclude: list[tuple[int, int]] = ()) -> list[Quantity]:
    """Every quantity in ``text``, in order, ranges merged, numbers inside ``exclude`` spans skipped.

    Pass the spaCy ``doc`` of the same text to fill ``counts`` from the parse
    ("27 large-scale exercises" counts "exercises"); without it, the next word
    is taken when it is not a function word.
    """
    taken = list(exclude)
    found: list[Quantity] = []
    for match in FRACTION_PATTERN.finditer(text):
        if _overlaps(match.start(), match.end(), taken):
            continue
        if match.group("half"):
            value, start = FRACTION_WORDS["half"], match.start("half")
        else:
            count = match.group("count").lower()
            numerator = 1 if count in ("a", "an") else SMALL_NUMBER_WORDS[count]
            value, start = numerator * FRACTION_WORDS[match.group("fraction").lower()], match.start()
        found.append(Quantity(start, match.end(), text[start : match.end()], value, FRACTION, "%",
                              qualifier=QUALIFIERS.get((match.group("qualifier") or "").lower())))  # fmt: skip
        taken.append((match.start(), match.end()))
    for match in QUANTITY_PATTERN.finditer(text):
        start = match.start("currency") if match.group("currency") else match.start("digits") if match.group(
            "digits") else match.start("words")  # fmt: skip
        end = match.end()
        if _overlaps(start, end, taken) or _is_pronoun_one(match):
            continue
        value = _number_value(match)
        if value >= MAX_QUANTITY:
            continue
        kind, unit = _kind_and_unit(match, value)
        qualifier = QUALIFIERS.get(re.sub(r"\s+", " ", (match.group("qualifier") or "").lower()))
        found.append(Quantity(start, end, text[start:end], value, kind, unit, qualifier=qualifier))
    found.sort(key=lambda q: q.start)
    found = _merge_ranges(text, found)
    return [_with_counts(text, q, doc) for q in found]


def _is_pronoun_one(match: re.Match) -> bool:
    """A bare "one" ("one of them", "no one") is a pronoun, not a quantity."""
    words = (match.group("words") or "").lower()
    return words in ("one", "a", "an") and not (match.group("percent") or match.group("currency_name"))


def _merge_ranges(text: str, quantities: list[Quantity]) -> list[Quantity]:
    merged: list[Quantity] = []
    for quantity in quantities:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and previous.kind in (COUNT, PERCENT, MONEY)
            and quantity.kind in (COUNT, PERCENT, MONEY)
            and previous.high is None
            and (RANGE_PATTERN.match(text[previous.end : quantity.start]) or (
                text[previous.end : quantity.start].strip().lower() == "and"
                and RANGE_BETWEEN.search(text[max(0, previous.start - 20) : previous.start])))
            and not re.search(r"\bfrom\s+$", text[max(0, previous.start - 12) : previous.start], re.IGNORECASE)
            and quantity.value >= previous.value
            and (previous.kind == quantity.kind or previous.kind == COUNT)
        ):  # fmt: skip
            merged[-1] = Quantity(previous.start, quantity.end, text[previous.start : quantity.end], previous.value,
                                  quantity.kind, quantity.unit, qualifier=previous.qualifier, high=quantity.value)  # fmt: skip
            continue
        merged.append(quantity)
    return merged


def _with_counts(text: str, quantity: Quantity, doc) -> Quantity:
    if quantity.kind not in (COUNT, MONEY):
        return quantity
    counts = _counted_noun_from_doc(doc, quantity) if doc is not None else None
    if counts is None:
        match = re.match(r"[\s-]+([A-Za-z]+)", text[quantity.end :])
        word = match.group(1).lower() if match else None
        if word and word not in NOT_COUNTED and word not in CURRENCY_NAMES and word not in MONTHS:
            counts = word
    if counts is None:
        return quantity
    return Quantity(quantity.start, quantity.end, quantity.text, quantity.value, quantity.kind, quantity.unit,
                    counts, quantity.qualifier, quantity.high)  # fmt: skip


def _counted_noun_from_doc(doc, quantity: Quantity) -> str | None:
    span = doc.char_span(quantity.start, quantity.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    token = span[-1]
    head = token.head
    if token.dep_ in ("nummod", "quantmod", "compound", "amod", "npadvmod") and head.pos_ in ("NOUN", "PROPN"):
        if head.i > token.i and head.lower_ not in NOT_COUNTED:
            return head.lower_
    return None


def noun_key(noun: str | None) -> str | None:
    """A crude singular, so that "troop" and "troops" compare equal."""
    if not noun:
        return None
    noun = noun.lower()
    if noun.endswith("ies") and len(noun) > 4:
        return noun[:-3] + "y"
    if noun.endswith("s") and not noun.endswith("ss") and len(noun) > 3:
        return noun[:-1]
    return noun


# --- dates ----------------------------------------------------------------------------------------


def extract_dates(text: str, *, default_year: int | None = None) -> list[DateMention]:
    """Calendar dates, weekdays and relative day/year words in ``text``, in order.

    A weekday next to a date ("Tuesday, March 14") is folded into that date's
    mention; so is a relative day word ("yesterday, March 13").
    """
    mentions: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(text):
            if _overlaps(match.start(), match.end(), taken):
                continue
            groups = match.groupdict()
            month = MONTHS[groups["month"].lower()] if groups.get("month") else int(groups["nmonth"])
            day = int(groups["day"])
            year_given = bool(groups.get("year"))
            year = int(groups["year"]) if year_given else default_year
            try:
                date = dt.date(year, month, day) if year else None
                dt.date(2000, month, day)  # the day exists in some year (29 February in a leap year)
            except ValueError:
                continue
            taken.append((match.start(), match.end()))
            mentions.append(DateMention(match.start(), match.end(), match.group(), date, month, day, year, year_given))
    for pattern, unit in ((WEEKDAY_PATTERN, None), (RELATIVE_DAY_PATTERN, "day"), (RELATIVE_YEAR_PATTERN, "year")):
        for match in pattern.finditer(text):
            if _overlaps(match.start(), match.end(), taken):
                continue
            word = match.group().lower()
            if unit is None:
                mention = DateMention(match.start(), match.end(), match.group(), weekday=WEEKDAYS[word])
            else:
                offsets = RELATIVE_DAYS if unit == "day" else RELATIVE_YEARS
                mention = DateMention(match.start(), match.end(), match.group(), relative=offsets[word],
                                      relative_unit=unit)  # fmt: skip
            mentions.append(mention)
    mentions.sort(key=lambda m: m.start)
    return _fold_adjacent(text, mentions)


#: What may stand between a weekday or relative day word and the date it names: "Tuesday, March 14", "on Tuesday (March 14)".
DATE_JOINER = re.compile(r"^[\s,(]*(?:the\s+)?$", re.IGNORECASE)


def _fold_adjacent(text: str, mentions: list[DateMention]) -> list[DateMention]:
    folded: list[DateMention] = []
    for mention in mentions:
        previous = folded[-1] if folded else None
        if (
            previous is not None
            and previous.month is None
            and (mention.month is not None or (previous.relative_unit == "day" and mention.weekday is not None))
            and (previous.weekday is not None or previous.relative_unit == "day")
            and DATE_JOINER.match(text[previous.end : mention.start])
        ):  # fmt: skip
            weekday = previous.weekday if previous.weekday is not None else mention.weekday
            folded[-1] = DateMention(previous.start, mention.end, text[previous.start : mention.end], mention.date,
                                     mention.month, mention.day, mention.year, mention.year_given,
                                     weekday, previous.relative, previous.relative_unit)  # fmt: skip
            continue
        folded.append(mention)
    return folded
