"""The ``numbers`` analyzer: check the numbers of an article against each other.

It finds quantities and dates (:mod:`presslens.claims.quantities`), then runs
the checks of :mod:`presslens.claims.checks`: a stated percentage change
against the before and after values, parts against their whole, totals
against their parts, shares of one whole against 100 %, the same quantity
given twice, and weekdays and relative dates against the calendar and the
article's date. Each finding is a span over the text involved with attrs
``verdict``, ``check``, ``numbers`` (a span per number involved) and the
``stated`` and ``computed`` figures where there are any.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from typing import Any

from ..article import Article, Span
from ..context import Context
from ..claims.checks import (
    Finding, Sentence, check_changes, check_dates, check_parts, check_repeats, check_shares, check_totals,
    involved_starts, stated_changes,
)  # fmt: skip
from ..errors import ConfigError
from .. import nlp
from ..claims.quantities import DateMention, Quantity, extract_dates, extract_quantities, noun_key
from ..layers import NumericCheckAttrs, NumbersSummary
from ..registry import register_analyzer

#: A blank line separates paragraphs; checks that look at a neighbouring sentence stay inside one.
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")

#: Every check, by name. ``checks=(...)`` picks a subset.
CHECKS = ("percent change", "part of whole", "total of parts", "shares of a whole", "repeated quantity", "dates")
#: Checks run by default: "repeated quantity" is opt-in, because running stories (live blogs, tallies
#: that grow through the day) give the same noun, subject and verb different values legitimately.
DEFAULT_CHECKS = tuple(name for name in CHECKS if name != "repeated quantity")


#: A text on which this analyzer finds something (the contract test holds it to that).
EXAMPLE = "Sales rose from 200 to 300 units, an increase of 60 per cent, the company said."


@register_analyzer("numbers", layer="numeric_checks", attrs=NumericCheckAttrs, summary=NumbersSummary,
                   example=EXAMPLE)
class NumbersAnalyzer:
    """Numeric consistency checks: percentage changes, parts and totals, shares, repeated figures, dates."""

    def __init__(self, *, checks: tuple[str, ...] = DEFAULT_CHECKS) -> None:
        unknown = [name for name in checks if name not in CHECKS]
        if unknown:
            raise ConfigError(f"unknown numeric check(s) {', '.join(map(repr, unknown))}; valid: {', '.join(CHECKS)}")
        self.checks = tuple(checks)

    def analyze(self, article: Article, context=None) -> list[Span]:
        context = context or Context(article)
        doc = context.doc
        text = article.text
        reference = reference_date(article)
        dates = extract_dates(text, default_year=reference.year if reference else None)
        quantities = extract_quantities(text, doc, exclude=[(d.start, d.end) for d in dates if d.month is not None])
        sentences = _sentences(text, doc)
        findings = self._run_checks(text, doc, quantities, dates, sentences, reference)
        return [_finding_span(finding) for finding in findings]

    def _run_checks(self, text, doc, quantities, dates, sentences, reference) -> list[Finding]:
        findings: list[Finding] = []
        if "percent change" in self.checks:
            findings += check_changes(text, quantities, sentences)
        if "part of whole" in self.checks:
            findings += check_parts(text, quantities, sentences)
        if "total of parts" in self.checks:
            findings += check_totals(text, quantities, sentences)
        used = involved_starts(findings) | {s.start for s in stated_changes(text, quantities)}
        if "shares of a whole" in self.checks:
            findings += check_shares(text, quantities, sentences, skip=used)
        if "repeated quantity" in self.checks:
            findings += check_repeats(text, quantities, sentences, skip=used, anchors=governing_verbs(doc, quantities))
        if "dates" in self.checks:
            findings += check_dates(text, dates, reference)
        return findings

    def summarize(self, article: Article, spans: list[Span], context) -> dict[str, Any]:
        verdicts = Counter(span.attrs["verdict"] for span in spans)
        return {"numeric_checks_summary": {"checks": len(spans), **{v: verdicts.get(v, 0) for v in
                                                                    ("consistent", "approximate", "inconsistent")}}}  # fmt: skip


def reference_date(article: Article) -> dt.date | None:
    """The date the article speaks from: the dateline's date (year from the publication date), else the publication date."""
    published = article.published
    if article.dateline:
        for mention in extract_dates(article.dateline, default_year=published.year if published else None):
            if mention.date is not None:
                return mention.date
    return published


def _sentences(text: str, doc) -> list[Sentence]:
    breaks = [m.start() for m in PARAGRAPH_BREAK.finditer(text)]
    sentences = []
    for sent in nlp.sentences(doc):
        start = sent.start_char
        paragraph = sum(1 for b in breaks if b < start)
        sentences.append(Sentence(start, sent.end_char, paragraph))
    return sentences or [Sentence(0, len(text), 0)]


#: Nouns that count spans of time or occurrences: two different figures for them are rarely the same quantity.
NOT_REPEATED_NOUNS = frozenset(
    "second minute hour day week month year decade century time occasion point pinocchio".split()
)


def governing_verbs(doc, quantities: list[Quantity]) -> dict[int, str]:
    """For each counting quantity, the clause it sits in: "exercise involve" in "the exercise will
    involve 12,000 troops" (the subject's and the verb's lemmas). Only quantities whose verb has a
    subject that is not a pronoun get one; used to tell a repeated figure from a different one."""
    anchors: dict[int, str] = {}
    for quantity in quantities:
        if not quantity.counts or noun_key(quantity.counts) in NOT_REPEATED_NOUNS:
            continue
        span = doc.char_span(quantity.start, quantity.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        token = span[-1].head
        hops = 0
        while token.pos_ not in ("VERB", "AUX") and token.head is not token and hops < 4:
            token = token.head
            hops += 1
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("NOUN", "PROPN")]
        if token.pos_ in ("VERB", "AUX") and subjects:
            anchors[quantity.start] = f"{subjects[0].lemma_.lower()} {token.lemma_.lower()}"
    return anchors


def _number_span(item: Quantity | DateMention) -> Span:
    if isinstance(item, DateMention):
        attrs: dict[str, Any] = {"kind": "date", "date": item.date.isoformat() if item.date else None}
        return Span(item.start, item.end, "DATE", attrs=attrs)
    attrs = {"value": item.value, "kind": item.kind, "unit": item.unit, "counts": item.counts,
             "qualifier": item.qualifier}  # fmt: skip
    if item.high is not None:
        attrs["high"] = item.high
    return Span(item.start, item.end, "QUANTITY", attrs=attrs)


def _finding_span(finding: Finding) -> Span:
    attrs: dict[str, Any] = {
        "verdict": finding.verdict,
        "check": finding.check,
        "numbers": [_number_span(item) for item in finding.quantities],
        "stated": finding.attrs.get("stated"),
        "computed": finding.attrs.get("computed"),
    }
    return Span(finding.start, finding.end, finding.check, explanation=finding.explanation, attrs=attrs)
