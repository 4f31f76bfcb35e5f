"""The metrics of SemEval-2020 Task 11, reimplemented from the task's scorers.

**SI** (span identification) gives partial credit for partial overlap. With
``S`` the predicted spans and ``T`` the gold spans of all articles, each a set
of character offsets, and overlapping spans of an article merged first::

    P = sum over s in S, t in T of |s & t| / |s|   divided by |S|
    R = sum over s in S, t in T of |s & t| / |t|   divided by |T|

**TC** (technique classification) is given the gold spans; a predicted label
is correct when the same span carries it in the gold data (with several
labels on one span, the best matching of the two lists counts). Micro
precision, recall and F1 are taken over the 14 labels; with one prediction per
gold span they equal accuracy.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterable

from ..errors import MalformedRecordError
from .formats import Label
from .taxonomy import TECHNIQUES


@dataclass(frozen=True)
class PRF:
    precision: float
    recall: float
    f1: float
    support: int = 0

    @classmethod
    def from_sums(cls, precision_sum: float, predicted: int, recall_sum: float, gold: int) -> "PRF":
        precision = precision_sum / predicted if predicted else 0.0
        recall = recall_sum / gold if gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return cls(precision, recall, f1, gold)


@dataclass(frozen=True)
class Scores:
    """Overall figures and per-technique figures (empty for SI)."""

    task: str
    overall: PRF
    per_technique: dict[str, PRF] = field(default_factory=dict)

    def to_dict(self) -> dict:
        def row(prf: PRF) -> dict:
            return {"precision": prf.precision, "recall": prf.recall, "f1": prf.f1, "support": prf.support}

        return {
            "task": self.task,
            **row(self.overall),
            "per_technique": {name: row(prf) for name, prf in self.per_technique.items()},
        }


def merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merge overlapping ``[start, end)`` ranges (spans that only touch stay apart, as in the task scorer)."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if end <= start:
            continue
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]


def _by_article(labels: Iterable[Label]) -> dict[str, list[tuple[int, int]]]:
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for label in labels:
        spans[label.article_id].append((label.start, label.end))
    return {article_id: merge_spans(article_spans) for article_id, article_spans in spans.items()}


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _overlap_sums(gold: Iterable[Label], predicted: Iterable[Label]) -> tuple[float, int, float, int]:
    """The four sums of the SI measure: precision numerator and denominator, recall numerator and denominator."""
    gold_spans, predicted_spans = _by_article(gold), _by_article(predicted)
    precision_sum = recall_sum = 0.0
    for article_id, spans in predicted_spans.items():
        for s in spans:
            for t in gold_spans.get(article_id, ()):
                common = _overlap(s, t)
                if common:
                    precision_sum += common / (s[1] - s[0])
                    recall_sum += common / (t[1] - t[0])
    return (
        precision_sum,
        sum(map(len, predicted_spans.values())),
        recall_sum,
        sum(map(len, gold_spans.values())),
    )


def score_si(gold: Iterable[Label], predicted: Iterable[Label]) -> Scores:
    """SI precision, recall and F1; overlapping spans are merged per article in both lists.

    An article without gold spans is one without techniques: predictions there only lower precision.
    """
    return Scores("si", PRF.from_sums(*_overlap_sums(gold, predicted)))
def score_tc(gold: Iterable[Label], predicted: Iterable[Label]) -> Scores:
    """TC micro precision, recall, F1 over the 14 labels, and per-technique figures."""
    gold_by_span: dict[tuple, Counter] = defaultdict(Counter)
    predicted_by_span: dict[tuple, Counter] = defaultdict(Counter)
    for label in gold:
        gold_by_span[(label.article_id, label.start, label.end)][label.technique] += 1
    for label in predicted:
        key = (label.article_id, label.start, label.end)
        if key not in gold_by_span:
            raise MalformedRecordError(
                f"TC prediction for a span that is not in the gold labels: {label.article_id} [{label.start}, "
                f"{label.end}); TC predictions must use the gold spans (a TC template)"
            )
        predicted_by_span[key][label.technique] += 1
    correct: Counter = Counter()
    n_predicted: Counter = Counter()
    n_gold: Counter = Counter()
    for key, gold_counts in gold_by_span.items():
        predicted_counts = predicted_by_span.get(key, Counter())
        correct.update(gold_counts & predicted_counts)
        n_predicted.update(predicted_counts)
        n_gold.update(gold_counts)
    per_technique = {
        name: PRF.from_sums(correct[name], n_predicted[name], correct[name], n_gold[name]) for name in TECHNIQUES
    }
    total_correct = sum(correct.values())
    overall = PRF.from_sums(total_correct, sum(n_predicted.values()), total_correct, sum(n_gold.values()))
    return Scores("tc", overall, per_technique)


def score_flc(gold: Iterable[Label], predicted: Iterable[Label]) -> Scores:
    """FLC: the SI measure per technique (a prediction only matches gold spans of its own label), and summed."""
    gold, predicted = list(gold), list(predicted)
    per_technique = {}
    totals = [0.0, 0, 0.0, 0]
    for name in TECHNIQUES:
        sums = _overlap_sums(
            [label for label in gold if label.technique == name],
            [label for label in predicted if label.technique == name],
        )
        per_technique[name] = PRF.from_sums(*sums)
        totals = [total + value for total, value in zip(totals, sums)]
    return Scores("flc", PRF.from_sums(*totals), per_technique)
