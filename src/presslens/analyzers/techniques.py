"""Persuasion techniques: which fragments use which of the 14 SemEval-2020 techniques, and why.

A thin wrapper around :class:`presslens.techniques.model.TechniqueModel`: the
shipped model (``presslens/models/techniques``) or another model folder given
as ``model`` (``presslens analyze --techniques-model DIR``) is loaded once per
process, on first use. Spans are kept to one block and never fall in a heading,
byline, dateline, credit or table block (:meth:`Article.statement_range`).

The persuasion gate of the model folder (``gate.json``, :mod:`presslens.techniques.gate`)
scores the whole article; where it calls the article plain, only spans whose
span probability reaches the gate's span bar are kept, unless ``all_spans=True``
(``Settings.analyzer_config["techniques"] = {"all_spans": True}``).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from pathlib import Path

from ..article import Article, Span
from ..context import Context
from ..errors import ModelError
from ..layers import TechniqueAttrs, TechniquesSummary
from ..registry import register_analyzer
from ..techniques.gate import PersuasionGate, article_features, cue_lexicon, verdict
from ..techniques.model import DEFAULT_MODEL, TechniqueModel
from ..techniques.scorer import merge_spans
from ..techniques.taxonomy import DEFINITIONS, DISPLAY_NAMES, semeval2023_view

#: How many techniques the summary lists.
TOP_TECHNIQUES = 5

_WORD = re.compile(r"\w+")


@functools.lru_cache(maxsize=4)
def load_model(folder: Path):
    if not (folder / "meta.json").exists():
        raise ModelError(
            f"no technique model in {folder}; train one with `presslens ptc train ARTICLES LABELS -o {folder}` "
            "or `python scripts/train_techniques.py`"
        )
    return TechniqueModel.load(folder)


@functools.lru_cache(maxsize=4)
def load_gate(folder: Path) -> tuple[PersuasionGate | None, frozenset[str]]:
    """The persuasion gate of a model folder (None where it has no ``gate.json``) and its cue lexicon."""
    if not (folder / "gate.json").exists():
        return None, frozenset()
    return PersuasionGate.load(folder / "gate.json"), cue_lexicon(folder)


def _explanation(technique: str, technique_cues: list[str], confidence: float, span_confidence: float) -> str:
    """Why a span was flagged, for a reader: the technique defined, the words behind it, how sure the model is."""
    parts = [f"{DISPLAY_NAMES[technique]}: {DEFINITIONS[technique]}"]
    if technique_cues:
        parts.append(f"words here that point to it: {', '.join(repr(cue) for cue in technique_cues)}")
    parts.append(f"the model gives {span_confidence:.0%} that the passage uses a technique, "
                 f"{confidence / span_confidence if span_confidence else 0:.0%} that it is this one")
    return "; ".join(parts)


#: A text on which this analyzer finds something (the contract test holds it to that).
EXAMPLE = ("These traitors and cowards want to destroy our great nation. Every true patriot must stand up now, "
           "before it is too late!")


@register_analyzer("techniques", layer="techniques", attrs=TechniqueAttrs, summary=TechniquesSummary,
                   example=EXAMPLE)
class TechniqueAnalyzer:
    """Persuasion techniques at span level (the 14 SemEval-2020 Task 11 techniques), with their cues."""

    def __init__(self, *, model: str | Path | None = None, threshold: float | None = None,
                 all_spans: bool = False) -> None:
        self.model_path = Path(model).resolve() if model is not None else DEFAULT_MODEL
        self.threshold = threshold
        self.all_spans = all_spans
        self._last: tuple = (None, None, None, None)

    @property
    def model(self):
        return load_model(self.model_path)

    def _context(self, article: Article, context):
        if context is None:
            context = Context(article)
        return context

    def _tagged(self, doc) -> tuple:
        """Token probabilities, predictions and persuasion score of ``doc`` (None without a gate).

        Kept for the last doc so that ``summarize`` does not tag it again. The gate reads
        predictions at the model's own threshold, the one it was trained on.
        """
        if self._last[0] is not doc:
            model = self.model
            probabilities = model.token_probabilities(doc, doc.text)
            predictions = model.predict_doc(doc, threshold=self.threshold, probabilities=probabilities)
            gate, lexicon = load_gate(self.model_path)
            score = None
            if gate is not None:
                at_model_threshold = predictions if self.threshold is None else model.predict_doc(
                    doc, probabilities=probabilities)
                score = gate.score(article_features(doc, probabilities, at_model_threshold, lexicon))
            self._last = (doc, probabilities, predictions, score)
        return self._last[1:]

    def _span_bar(self, score: float | None) -> float:
        """The span probability a span needs: the gate's span bar where it calls the article plain, else 0."""
        gate = load_gate(self.model_path)[0]
        if gate is None or self.all_spans or score >= gate.threshold_:
            return 0.0
        return gate.span_bar_

    def analyze(self, article: Article, context=None) -> list[Span]:
        doc = self._context(article, context).doc
        model = self.model
        _, predictions, score = self._tagged(doc)
        bar = self._span_bar(score)
        spans = []
        for prediction in predictions:
            if prediction.span_confidence < bar:
                continue
            stated = article.statement_range(prediction.start, prediction.end)
            if stated is None:
                continue
            start, end = stated
            technique_cues = model.class_cues(article.text[start:end].lower(), prediction.technique)
            spans.append(
                Span(
                    start,
                    end,
                    prediction.technique,
                    score=round(prediction.confidence, 4),
                    explanation=_explanation(prediction.technique, technique_cues, prediction.confidence,
                                             prediction.span_confidence),
                    attrs={
                        "technique": prediction.technique,
                        "name": DISPLAY_NAMES[prediction.technique],
                        "confidence": round(prediction.confidence, 4),
                        "span_confidence": round(prediction.span_confidence, 4),
                        "semeval2023": semeval2023_view(prediction.technique),
                    },
                )
            )
        return spans

    def summarize(self, article: Article, spans: list[Span], context=None) -> dict:
        """``techniques_summary``: density, coverage, top techniques and per-sentence propaganda scores."""
        context = self._context(article, context)
        words = len(_WORD.findall(article.text))
        covered = sum(end - start for start, end in merge_spans((span.start, span.end) for span in spans))
        counts = Counter(span.attrs["technique"] for span in spans)
        sentences = []
        probabilities_by_sentence, _, score = self._tagged(context.doc)
        for tokens, probabilities in probabilities_by_sentence:
            if tokens:
                sentences.append(
                    {"start": tokens[0].start, "end": tokens[-1].end, "score": round(max(probabilities), 4)}
                )
        return {
            "techniques_summary": {
                "spans": len(spans),
                "words": words,
                "per_1000_words": round(1000 * len(spans) / words, 2) if words else 0.0,
                "share_of_text": round(covered / len(article.text), 4) if article.text else 0.0,
                "top_techniques": [
                    {"technique": name, "name": DISPLAY_NAMES[name], "count": count}
                    for name, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:TOP_TECHNIQUES]
                ],
                "sentences": sentences,
                "model": self.model_path.name,
                **self._verdict(score),
            }
        }

    def _verdict(self, score: float | None) -> dict:
        if score is None:
            return {"persuasion": None, "verdict": None, "gated": False}
        gate = load_gate(self.model_path)[0]
        return {"persuasion": round(score, 4), "verdict": verdict(score, gate.threshold_),
                "gated": self._span_bar(score) > 0}
