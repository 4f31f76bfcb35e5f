"""Check the numbers of one article against each other.

Each check reads the quantities and dates found by
:mod:`presslens.claims.quantities` and returns :class:`Finding` objects: a
verdict, the arithmetic in words, and every quantity involved.

Verdicts and the tolerance between them
---------------------------------------
A stated figure is compared with the one computed from other figures:

- **consistent**: the stated figure is the computed one rounded to the
  precision it is written with ("63 per cent" for 62.8; "62.8" for 62.84),
  or it respects the bound it states ("more than 60 per cent" for 62.8).
- **approximate**: not the rounded value, but off by at most
  :data:`APPROXIMATE_RELATIVE` (10 %) of the computed value, or by at most
  :data:`APPROXIMATE_ABSOLUTE` (1 unit: one percentage point for a
  percentage, one item for a count). "60 per cent" for +62.8 % is 4.5 % off:
  approximate. A figure hedged with "about" or "nearly" inside this band is
  consistent.
- **inconsistent**: anything further off. "25 per cent" for +33.3 % is 25 %
  off: inconsistent. Parts larger than their total and calendar dates on the
  wrong weekday are always inconsistent.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Iterable

from .quantities import (
    COUNT, FRACTION, MONEY, PERCENT, POINTS, DateMention, Quantity, WEEKDAYS, noun_key,
)  # fmt: skip

CONSISTENT, APPROXIMATE, INCONSISTENT = "consistent", "approximate", "inconsistent"
VERDICTS = (CONSISTENT, APPROXIMATE, INCONSISTENT)

#: Largest relative gap (of the computed value) that is still "approximate".
APPROXIMATE_RELATIVE = 0.10
#: Largest absolute gap (percentage points, or units of a count) that is still "approximate".
APPROXIMATE_ABSOLUTE = 1.0

#: Words just before a percentage that make it a stated change ("grew by 60 per cent").
CHANGE_BEFORE = re.compile(
    r"\b(?:by|up|down|(?:an?\s+)?(?:increase|rise|growth|jump|gain|drop|fall|decline|decrease|cut|reduction|loss)"
    r"\s+of)\s+(?:(?:about|around|roughly|nearly|almost|some|more than|over|less than|just over|just under)\s+)?$",
    re.IGNORECASE,
)
#: Words just after a percentage that make it a stated change ("a 25 per cent increase").
CHANGE_AFTER = re.compile(
    r"^\s*(?:increase|rise|growth|jump|gain|drop|fall|decline|decrease|cut|reduction|loss|more|less|fewer|higher|lower)\b",
    re.IGNORECASE,
)
#: Words that turn a stated change into a decrease.
DECREASE_WORDS = re.compile(
    r"\b(?:fell|fall(?:en|s|ing)?|drop(?:ped|s|ping)?|declin(?:e|ed|es|ing)|decreas(?:e|ed|es|ing)|down|lower|"
    r"less|fewer|cut|reduc(?:e|ed|tion)|shr[au]nk|shrink(?:s|ing)?|plung(?:e|ed)|slump(?:ed)?|los(?:s|t))\b",
    re.IGNORECASE,
)
#: Verbs that state a change as a multiple.
MULTIPLE_WORDS = {"doubled": 100.0, "tripled": 200.0, "trebled": 200.0, "quadrupled": 300.0, "halved": -50.0}
MULTIPLE_PATTERN = re.compile(rf"\b(?P<word>{'|'.join(MULTIPLE_WORDS)})\b", re.IGNORECASE)
#: What sits between "from A" and "to B" ("from 436 to 710", "from 9,000 troops in 2022 to 12,000").
FROM_BEFORE = re.compile(r"\bfrom\s+$", re.IGNORECASE)
TO_BETWEEN = re.compile(r"^[^.;:!?]{0,60}?\bto\s+$", re.IGNORECASE)
#: "12,000 troops, up from 9,000": the later number is the earlier value.
UP_FROM_BEFORE = re.compile(
    r"\b(?:up|down|rising|falling|rose|fell|increas(?:ed|ing)|decreas(?:ed|ing)|grew|growing|climb(?:ed|ing)|"
    r"dropp(?:ed|ing)|declin(?:ed|ing)|jump(?:ed|ing)|higher|lower)\s+from\s+$|\bcompared\s+(?:with|to)\s+$|"
    r"\b(?:against|versus|vs\.?)\s+$",
    re.IGNORECASE,
)
#: "rose to 710 from 436".
TO_FROM_BETWEEN = re.compile(r"^[^.;:!?]{0,40}?\bfrom\s+$", re.IGNORECASE)
TO_BEFORE = re.compile(r"\bto\s+$", re.IGNORECASE)
#: "120 of the 400 delegates", "3 out of 5".
PART_OF_BETWEEN = re.compile(r"^\s+(?:out\s+)?of\s+(?:the\s+|its\s+|their\s+|all\s+)?$", re.IGNORECASE)
#: "Of the 400 delegates, 120 voted".
OF_THE_BEFORE = re.compile(r"(?:^|[.;]\s+|\b)of\s+(?:the|its|their|all)\s+$", re.IGNORECASE)
#: "... , or 30 per cent" after a part of a total.
SHARE_AFTER = re.compile(r"^[^.;:!?]{0,40}?(?:,\s*or\s+|\(\s*)$", re.IGNORECASE)
#: What introduces the parts of a total, and whether the list is complete.
EXHAUSTIVE_PARTS = re.compile(r"\b(?:comprising|consisting\s+of|made\s+up\s+of|split\s+into|divided\s+into|namely)\b",
                              re.IGNORECASE)  # fmt: skip
INCLUSIVE_PARTS = re.compile(r"\b(?:including|among\s+them|of\s+whom|of\s+which)\b", re.IGNORECASE)
#: At most this many words between a total and its first part ("300 troops took part: 120 …"); further
#: away, "among them" or "including" usually refers to something else.
MAX_LEAD_WORDS = 4
TOTAL_BEFORE = re.compile(r"\b(?:a\s+)?total\s+of\s+$", re.IGNORECASE)
TOTAL_AFTER = re.compile(r"^\s*(?:\w+\s+){0,2}?(?:in\s+total|in\s+all|altogether)\b", re.IGNORECASE)
#: A share is "60 per cent of voters"; these share words mark a sentence that splits one whole.
SHARE_OF = re.compile(r"^\s+of\s+(?:the\s+)?(?P<whole>\w+)", re.IGNORECASE)
#: A sentence that compares its percentages ("74 percent …, compared with 64 percent …") does not split one whole.
COMPARED_SHARES = re.compile(r"\b(?:compared\s+(?:with|to)|than|versus|vs\.?|whereas|while|up\s+from|down\s+from)\b",
                             re.IGNORECASE)  # fmt: skip
#: "6 in 10": the second number is the denominator of a ratio, not a part of what follows.
RATIO_BEFORE = re.compile(r"(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten))\s+in\s+$", re.IGNORECASE)


@dataclass(frozen=True)
class Finding:
    """The result of one check: a verdict, the arithmetic in words, the quantities involved."""

    check: str
    verdict: str
    explanation: str
    quantities: tuple[Quantity | DateMention, ...]
    start: int
    end: int
    attrs: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    paragraph: int


def compare(
    stated: float,
    computed: float,
    *,
    rounding: float = 0.5,
    qualifier: str | None = None,
    relative: float = APPROXIMATE_RELATIVE,
    unit: str = "",
) -> tuple[str, str]:
    """The verdict for a stated figure against the computed one, and the reason in words.

    ``rounding`` is half a unit of the last digit the stated figure is written
    with (0.5 for "60", 0.05 for "62.8", 500,000 for "1 million").

    >>> compare(60, 62.84)[0], compare(25, 33.33)[0], compare(63, 62.84)[0]
    ('approximate', 'inconsistent', 'consistent')
    """
    gap = stated - computed
    within_band = abs(gap) <= APPROXIMATE_ABSOLUTE or (computed != 0 and abs(gap) / abs(computed) <= relative)
    if abs(gap) <= rounding + 1e-9:
        return CONSISTENT, "the stated figure is the computed one, rounded"
    if qualifier == "min" and computed >= stated:
        return CONSISTENT, "the computed figure is above the stated lower bound"
    if qualifier == "max" and computed <= stated:
        return CONSISTENT, "the computed figure is below the stated upper bound"
    off = f"off by {_fmt(abs(gap))}{unit}"
    if computed:
        off += f" ({_fmt(abs(gap) / abs(computed) * 100)} % of the computed value)"
    tolerance = f"{_fmt(relative * 100)} % / {_fmt(APPROXIMATE_ABSOLUTE)}-unit" if relative else "1-unit"
    if within_band and qualifier == "approx":
        return CONSISTENT, f"the stated figure is hedged and {off}, within the {tolerance} tolerance"
    if within_band:
        return APPROXIMATE, f"{off}: within the {tolerance} tolerance"
    return INCONSISTENT, f"{off}: beyond the {tolerance} tolerance"


def _fmt(value: float) -> str:
    """A number for an explanation: thousands separated, at most one decimal."""
    if abs(value - round(value)) < 0.05:
        return f"{round(value):,}"
    return f"{value:,.1f}"


def _signed(value: float) -> str:
    return ("+" if value >= 0 else "-") + _fmt(abs(value))


def _describe(q: Quantity) -> str:
    return f"“{q.text}”"


def _sentence_index(sentences: list[Sentence], offset: int) -> int:
    for index, sentence in enumerate(sentences):
        if sentence.start <= offset < sentence.end:
            return index
    return len(sentences) - 1


def _numeric(q: Quantity) -> bool:
    return q.kind in (COUNT, MONEY, PERCENT, FRACTION, POINTS) and q.high is None


# --- changes -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Change:
    before: Quantity
    after: Quantity


@dataclass(frozen=True)
class _StatedChange:
    start: int
    end: int
    value: float
    quantity: Quantity | None
    rounding: float
    qualifier: str | None
    points: bool


def find_changes(text: str, quantities: list[Quantity]) -> list[_Change]:
    """Before/after pairs: "from 436 to 710", "12,000, up from 9,000", "rose to 710 from 436"."""
    numeric = [q for q in quantities if _numeric(q) and q.kind != POINTS]
    changes: list[_Change] = []
    used: set[int] = set()
    for i, first in enumerate(numeric):
        if i in used:
            continue
        before_text = text[max(0, first.start - 40) : first.start]
        for j in range(i + 1, min(i + 4, len(numeric))):
            second = numeric[j]
            between = text[first.end : second.start]
            if not _compatible(first, second):
                continue
            if FROM_BEFORE.search(before_text) and TO_BETWEEN.match(between):
                changes.append(_Change(first, second))
            elif TO_BEFORE.search(before_text) and TO_FROM_BETWEEN.match(between):
                changes.append(_Change(second, first))
            else:
                continue
            used.update((i, j))
            break
        else:
            if UP_FROM_BEFORE.search(before_text):
                partner = _earlier_partner(text, numeric[:i], first)
                if partner is not None:
                    changes.append(_Change(first, partner))
                    used.add(i)
    return changes


def _compatible(a: Quantity, b: Quantity) -> bool:
    """Two figures that can be before and after values of one quantity: same kind and unit (a bare
    number takes the currency of its partner: "from 10 to 13.5 roubles"), and no two different nouns."""
    kinds = {a.kind, b.kind}
    if kinds <= {PERCENT, FRACTION}:
        same_sort = True
    elif a.kind == b.kind:
        same_sort = a.unit == b.unit
    elif kinds == {COUNT, MONEY}:
        same_sort = (a if a.kind == COUNT else b).counts is None
    else:
        same_sort = False
    return same_sort and (a.counts is None or b.counts is None or noun_key(a.counts) == noun_key(b.counts))


def _earlier_partner(text: str, earlier: list[Quantity], later: Quantity) -> Quantity | None:
    """The figure that "up from X" refers back to: the nearest earlier one of the same sort, same sentence."""
    for candidate in reversed(earlier):
        if re.search(r"[.!?;]\s", text[candidate.end : later.start]):
            return None
        if _compatible(candidate, later) and (later.counts is None or candidate.counts is not None):
            return candidate
    return None


def stated_changes(text: str, quantities: list[Quantity]) -> list[_StatedChange]:
    stated: list[_StatedChange] = []
    for q in quantities:
        if q.kind not in (PERCENT, FRACTION, POINTS) or q.high is not None:
            continue
        before = text[max(0, q.start - 40) : q.start]
        after = text[q.end : q.end + 20]
        if not (CHANGE_BEFORE.search(before) or CHANGE_AFTER.match(after)):
            continue
        window = text[max(0, q.start - 60) : q.end + 20]
        clause = re.split(r"[.;!?]\s", window[: q.start - max(0, q.start - 60)])[-1] + window[q.start - max(0, q.start - 60) :]
        sign = -1 if DECREASE_WORDS.search(clause) else 1
        stated.append(_StatedChange(q.start, q.end, sign * q.value, q, q.rounding, q.qualifier, q.kind == POINTS))
    for match in MULTIPLE_PATTERN.finditer(text):
        value = MULTIPLE_WORDS[match.group("word").lower()]
        stated.append(_StatedChange(match.start(), match.end(), value, None, 0.5, None, False))
    return sorted(stated, key=lambda s: s.start)


def check_changes(text: str, quantities: list[Quantity], sentences: list[Sentence]) -> list[Finding]:
    """A stated change ("grew by 60 per cent") against the one computed from before and after values."""
    changes = find_changes(text, quantities)
    stated = stated_changes(text, quantities)
    findings: list[Finding] = []
    claimed: set[int] = set()
    for change in changes:
        index = _sentence_index(sentences, change.after.start)
        best = None
        for k, s in enumerate(stated):
            if k in claimed or s.quantity in (change.before, change.after):
                continue
            s_index = _sentence_index(sentences, s.start)
            distance = abs(s_index - index)
            if distance > 1 or sentences[s_index].paragraph != sentences[index].paragraph:
                continue
            if best is None or distance < best[0]:
                best = (distance, k)
        if best is None or (change.before.value == 0 and not stated[best[1]].points):
            continue  # a change from zero has no size in per cent to check
        claimed.add(best[1])
        findings.append(_change_finding(text, change, stated[best[1]]))
    return findings


def _change_finding(text: str, change: _Change, stated: _StatedChange) -> Finding:
    before, after = change.before.value, change.after.value
    difference = after - before
    computed = difference / before * 100 if before else 0.0
    arithmetic = (
        f"from {_fmt(before)} to {_fmt(after)} is a change of {_signed(difference)}, "
        f"{_signed(difference)} / {_fmt(before)} = {_signed(computed)} %"
    )
    stated_words = text[stated.start : stated.end]
    stated_value = f"{_signed(stated.value)} %"
    if stated.points:
        computed_points = difference
        verdict, reason = compare(stated.value, computed_points, rounding=stated.rounding, qualifier=stated.qualifier,
                                  unit=" points")
        explanation = (
            f"Stated change: “{stated_words}” ({_signed(stated.value)} points). Computed: from {_fmt(before)} % to "
            f"{_fmt(after)} % is {_signed(computed_points)} percentage points. Verdict {verdict}: {reason}."
        )
        computed = computed_points
    else:
        verdict, reason = compare(stated.value, computed, rounding=stated.rounding, qualifier=stated.qualifier,
                                  unit=" points")
        explanation = f"Stated change: “{stated_words}” ({stated_value}). Computed: {arithmetic}. Verdict {verdict}: {reason}."
        if verdict == INCONSISTENT and change.before.kind in (PERCENT, FRACTION):
            point_verdict, _ = compare(stated.value, difference, rounding=stated.rounding,
                                       qualifier=stated.qualifier)
            if point_verdict == CONSISTENT:
                verdict = APPROXIMATE
                explanation += (
                    f" Read as percentage points ({_fmt(after)} - {_fmt(before)} = {_signed(difference)}) it matches: "
                    "a change in points reported as a per cent change"
                )
    involved = tuple(q for q in (stated.quantity, change.before, change.after) if q is not None)
    start = min(stated.start, change.before.start, change.after.start)
    end = max(stated.end, change.before.end, change.after.end)
    return Finding("percent change", verdict, explanation, involved, start, end,
                   {"stated": stated.value, "computed": round(computed, 2)})  # fmt: skip


# --- parts and totals --------------------------------------------------------------------------------


def check_parts(text: str, quantities: list[Quantity], sentences: list[Sentence]) -> list[Finding]:
    """"120 of the 400 delegates", "Of the 400 delegates, 120 ...": a part is not larger than its whole,
    and a share given with it ("…, or 30 per cent") matches the division."""
    findings: list[Finding] = []
    counts = [q for q in quantities if q.kind in (COUNT, MONEY) and q.high is None]
    for i, part in enumerate(counts[:-1]):
        whole = counts[i + 1]
        if (
            whole.value
            and PART_OF_BETWEEN.match(text[part.end : whole.start])
            and part.unit == whole.unit
            and not RATIO_BEFORE.search(text[max(0, part.start - 12) : part.start])
        ):
            findings.append(_part_finding(text, quantities, part, whole))
    for i, whole in enumerate(counts[:-1]):
        part = counts[i + 1]
        if whole.value and OF_THE_BEFORE.search(text[max(0, whole.start - 12) : whole.start]) and re.match(
            r"^[^.;:!?]{0,30}?,\s*$", text[whole.end : part.start]
        ) and whole.unit == part.unit:  # fmt: skip
            findings.append(_part_finding(text, quantities, part, whole))
    return findings


def _part_finding(text: str, quantities: list[Quantity], part: Quantity, whole: Quantity) -> Finding:
    share = next(
        (q for q in quantities if q.kind in (PERCENT, FRACTION) and q.start > max(part.end, whole.end)
         and SHARE_AFTER.match(text[max(part.end, whole.end) : q.start])),
        None,
    )  # fmt: skip
    ratio = part.value / whole.value * 100
    involved: tuple[Quantity, ...] = (part, whole)
    if part.value > whole.value:
        verdict = INCONSISTENT
        explanation = f"The part {_describe(part)} ({_fmt(part.value)}) is larger than its whole {_describe(whole)} ({_fmt(whole.value)})."
    else:
        verdict = CONSISTENT
        explanation = f"The part {_describe(part)} ({_fmt(part.value)}) is not larger than its whole {_describe(whole)} ({_fmt(whole.value)})."
    if share is not None:
        involved = (part, whole, share)
        share_verdict, reason = compare(share.value, ratio, rounding=share.rounding, qualifier=share.qualifier,
                                        unit=" points")
        explanation += (
            f" Stated share {_describe(share)} ({_fmt(share.value)} %); computed {_fmt(part.value)} / "
            f"{_fmt(whole.value)} = {_fmt(ratio)} %: {reason}."
        )
        if verdict == CONSISTENT:
            verdict = share_verdict
    start = min(q.start for q in involved)
    end = max(q.end for q in involved)
    return Finding("part of whole", verdict, explanation, involved, start, end, {"computed": round(ratio, 2)})


def check_totals(text: str, quantities: list[Quantity], sentences: list[Sentence]) -> list[Finding]:
    """A total against its listed parts: "a total of 300 troops: 120 from X, 100 from Y and 80 from Z"."""
    findings: list[Finding] = []
    for sentence in sentences:
        in_sentence = [q for q in quantities if sentence.start <= q.start < sentence.end and q.kind in (COUNT, MONEY)
                       and q.high is None]  # fmt: skip
        for i, total in enumerate(in_sentence):
            parts = [q for q in in_sentence[i + 1 :] if q.unit == total.unit]
            if len(parts) < 2:
                continue
            lead = text[total.end : parts[0].start]
            if len(lead.split()) > MAX_LEAD_WORDS:
                continue
            inclusive = INCLUSIVE_PARTS.search(lead) is not None
            marked_total = TOTAL_BEFORE.search(text[max(0, total.start - 20) : total.start]) or TOTAL_AFTER.match(
                text[total.end : total.end + 30])  # fmt: skip
            exhaustive = not inclusive and (EXHAUSTIVE_PARTS.search(lead) is not None or bool(marked_total))
            if not (exhaustive or inclusive):
                continue
            findings.append(_total_finding(total, parts, exhaustive))
            break
    return findings


def _total_finding(total: Quantity, parts: list[Quantity], exhaustive: bool) -> Finding:
    summed = sum(p.value for p in parts)
    sum_words = " + ".join(_fmt(p.value) for p in parts) + f" = {_fmt(summed)}"
    biggest = max(parts, key=lambda p: p.value)
    if biggest.value > total.value:
        verdict, reason = INCONSISTENT, f"the part {_describe(biggest)} alone is larger than the total"
    elif exhaustive:
        verdict, reason = compare(total.value, summed, rounding=total.rounding, qualifier=total.qualifier, relative=0)
    elif summed <= total.value:
        verdict, reason = CONSISTENT, "the listed parts (not said to be all of them) fit within the total"
    else:
        verdict, reason = INCONSISTENT, "the listed parts add up to more than the total"
    explanation = f"Total {_describe(total)} ({_fmt(total.value)}); parts {sum_words}. Verdict {verdict}: {reason}."
    involved = (total, *parts)
    return Finding("total of parts", verdict, explanation, involved, total.start, max(p.end for p in parts),
                   {"computed": summed})  # fmt: skip


def check_shares(text: str, quantities: list[Quantity], sentences: list[Sentence], *, skip: set[int]) -> list[Finding]:
    """Shares of one whole in one sentence that should sum to 100 %: every share names the same whole
    ("52 per cent of voters …, 48 per cent of voters …") and the sentence does not compare them."""
    findings: list[Finding] = []
    for sentence in sentences:
        shares = [
            q for q in quantities
            if sentence.start <= q.start < sentence.end and q.kind in (PERCENT, FRACTION) and q.high is None
            and q.start not in skip and not FROM_BEFORE.search(text[max(0, q.start - 8) : q.start])
            and not TO_BEFORE.search(text[max(0, q.start - 6) : q.start])
        ]  # fmt: skip
        if len(shares) < 2 or COMPARED_SHARES.search(text, sentence.start, sentence.end):
            continue
        wholes = [m.group("whole").lower() if (m := SHARE_OF.match(text[q.end : q.end + 30])) else None for q in shares]
        if None in wholes or len(set(wholes)) != 1:
            continue
        summed = sum(q.value for q in shares)
        rounding = 0.5 * len(shares)
        if summed < 100 - rounding:
            continue
        if summed <= 100 + rounding:
            verdict, reason = CONSISTENT, "they add up to 100 % (within rounding)"
        elif summed <= 100 + rounding + APPROXIMATE_ABSOLUTE:
            verdict, reason = APPROXIMATE, f"they pass 100 % by {_fmt(summed - 100)} points, within rounding and the 1-point tolerance"
        else:
            verdict, reason = INCONSISTENT, f"shares of one whole cannot add up to more than 100 % (over by {_fmt(summed - 100)} points)"
        explanation = (
            "Shares of the same whole: " + " + ".join(f"{_fmt(q.value)} %" for q in shares)
            + f" = {_fmt(summed)} %. Verdict {verdict}: {reason}."
        )  # fmt: skip
        findings.append(Finding("shares of a whole", verdict, explanation, tuple(shares), shares[0].start,
                                shares[-1].end, {"computed": round(summed, 2)}))  # fmt: skip
    return findings


def check_repeats(text: str, quantities: list[Quantity], sentences: list[Sentence], *, skip: set[int],
                  anchors: dict[int, str]) -> list[Finding]:  # fmt: skip
    """The same quantity (same noun counted by the same verb) given twice with different values.

    ``anchors`` maps a quantity's start to the lemma of the verb that governs
    it; only quantities with an anchor are compared, so that "9,000 troops last
    year" and "12,000 troops" in a change are not taken for the same figure.
    """
    findings: list[Finding] = []
    seen: dict[tuple, Quantity] = {}
    for q in quantities:
        if q.kind not in (COUNT, MONEY) or q.high is not None or q.start in skip or not q.counts:
            continue
        anchor = anchors.get(q.start)
        if anchor is None:
            continue
        key = (noun_key(q.counts), q.unit, anchor)
        first = seen.get(key)
        if first is None:
            seen[key] = q
            continue
        if _sentence_index(sentences, first.start) == _sentence_index(sentences, q.start) or first.value == q.value:
            continue
        verdict, reason = compare(q.value, first.value, rounding=q.rounding, qualifier=q.qualifier or first.qualifier)
        if verdict == CONSISTENT and not (q.qualifier or first.qualifier):
            continue
        explanation = (
            f"The same quantity ({q.counts}, {anchor}) is given as {_describe(first)} ({_fmt(first.value)}) and later "
            f"as {_describe(q)} ({_fmt(q.value)}). Verdict {verdict}: {reason}."
        )
        findings.append(Finding("repeated quantity", verdict, explanation, (first, q), first.start, q.end,
                                {"computed": first.value}))  # fmt: skip
    return findings


# --- dates ------------------------------------------------------------------------------------------


def check_dates(text: str, dates: list[DateMention], reference: dt.date | None) -> list[Finding]:
    """Weekdays against the calendar, and relative dates against the article's date.

    - "Tuesday, March 14, 2023": is 14 March 2023 a Tuesday?
    - "yesterday (March 13)", "today, Tuesday": against ``reference`` (the
      dateline or publication date).
    - "last year, in 2021": against the reference year.
    """
    findings: list[Finding] = []
    for mention in dates:
        if mention.weekday is not None and mention.date is not None:
            actual = mention.date.weekday()
            stated = _weekday_name(mention.weekday)
            if actual == mention.weekday:
                verdict = CONSISTENT
                reason = f"{mention.date:%d %B %Y} is a {stated}"
            else:
                verdict = INCONSISTENT
                reason = f"{mention.date:%d %B %Y} is a {_weekday_name(actual)}, not a {stated}"
            year_source = "" if mention.year_given else " (year taken from the article date)"
            findings.append(Finding("weekday and date", verdict, f"“{mention.text}”: {reason}{year_source}.", (mention,),
                                    mention.start, mention.end))  # fmt: skip
        if mention.relative_unit == "day" and reference is not None and (mention.date or mention.weekday is not None):
            expected = reference + dt.timedelta(days=mention.relative)
            words = text[mention.start : mention.end]
            if mention.date is not None:
                ok = mention.date == expected
                named = f"{mention.date:%d %B %Y}"
            else:
                ok = expected.weekday() == mention.weekday
                named = f"a {_weekday_name(mention.weekday)}"
            verdict = CONSISTENT if ok else INCONSISTENT
            explanation = (
                f"“{words}” against the article date {reference:%d %B %Y}: that day is {expected:%A %d %B %Y}, "
                f"and the text names {named}."
            )
            findings.append(Finding("relative date", verdict, explanation, (mention,), mention.start, mention.end))
    findings.extend(_relative_years(text, dates, reference))
    return findings


#: A year right after or right before a relative year phrase: "last year, in 2021", "in 2021 (last year)".
YEAR_AFTER = re.compile(r"[\s,(]*(?:in\s+)?(?P<year>(?:18|19|20)\d\d)\b")
YEAR_BEFORE = re.compile(r"\b(?P<year>(?:18|19|20)\d\d)[\s,(]*$")


def _relative_years(text: str, dates: list[DateMention], reference: dt.date | None) -> list[Finding]:
    if reference is None:
        return []
    findings = []
    for mention in dates:
        if mention.relative_unit != "year":
            continue
        after = YEAR_AFTER.match(text, mention.end, mention.end + 16)
        before_start = max(0, mention.start - 16)
        before = YEAR_BEFORE.search(text[before_start : mention.start])
        if after:
            named, start, end = int(after.group("year")), mention.start, after.end("year")
        elif before:
            named, start, end = int(before.group("year")), before_start + before.start("year"), mention.end
        else:
            continue
        expected = reference.year + mention.relative
        verdict = CONSISTENT if named == expected else INCONSISTENT
        explanation = (
            f"“{mention.text}” next to {named}: the article is dated {reference:%d %B %Y}, so “{mention.text}” "
            f"is {expected}."
        )
        findings.append(Finding("relative year", verdict, explanation, (mention,), start, end))
    return findings


def _weekday_name(number: int) -> str:
    return next(name for name, n in WEEKDAYS.items() if n == number).capitalize()


def involved_starts(findings: Iterable[Finding]) -> set[int]:
    return {q.start for finding in findings for q in finding.quantities}
