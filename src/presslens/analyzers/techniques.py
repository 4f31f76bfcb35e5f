"""Persuasion techniques: which fragments use which of the 14 SemEval-2020 techniques, and why.

A thin wrapper around :class:`presslens.techniques.model.TechniqueModel`: the
shipped model (``presslens/models/techniques``) or another model folder given
as ``model`` (``presslens analyze --techniques-model DIR``) is loaded once per
process, on first use. ``view="precise"`` (the default) shows spans at the
threshold chosen on held-out train for precision, ``view="recall"`` at the lower
one that gave the best F1. With ``gate`` (the default) an article that the model's gate reads as plain
writing shows no spans (its persuasion score and sentence scores are still reported). Spans are kept to one block and never fall in a
heading, byline, dateline, credit or table block (:meth:`Article.statement_range`).
Every report carries the article's persuasion score and each sentence's.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from ..article import Article, Span
from ..context import Context
from ..errors import ConfigError
from ..layers import TechniqueAttrs, TechniquesSummary
from ..registry import register_analyzer
from ..techniques.model import MODEL_DIR, ArticleOutputs, Prediction, TechniqueModel, load_model
from ..techniques.scorer import merge_spans
from ..techniques.taxonomy import DEFINITIONS, DISPLAY_NAMES, semeval2023_view

#: The model shipped in the package.
DEFAULT_MODEL = MODEL_DIR

#: How many techniques the summary lists.
TOP_TECHNIQUES = 5

#: The two views of the spans: the precise default and a lower threshold that finds more.
VIEWS = ("precise", "recall")

#: Characters of context shown on each side of a span in its explanation.
CONTEXT_CHARS = 60

_WORD = re.compile(r"\w+")


def _context(text: str, start: int, end: int) -> str:
    """The span in its surrounding words, the span itself in brackets."""
    before = text[max(0, start - CONTEXT_CHARS) : start].split("\n")[-1]
    after = text[end : end + CONTEXT_CHARS].split("\n")[0]
    before = before[before.find(" ") + 1 :] if start - CONTEXT_CHARS > 0 and " " in before else before
    after = after[: after.rfind(" ")] if len(after) == CONTEXT_CHARS and " " in after else after
    return f"…{before}[{text[start:end]}]{after}…"


def explanation(text: str, prediction: Prediction) -> str:
    """Why a span was flagged, for a reader: the technique defined, the words behind it, the span in context."""
    parts = [f"{DISPLAY_NAMES[prediction.technique]}: {DEFINITIONS[prediction.technique]}"]
    if prediction.cues:
        parts.append(f"the words that point to it: {', '.join(repr(cue) for cue in prediction.cues)}")
    parts.append(f"in {_context(text, prediction.start, prediction.end)}")
    return "; ".join(parts)


#: A text on which this analyzer finds something (the contract test holds it to that).
EXAMPLE = ("These traitors and cowards want to destroy our great nation. Every true patriot must stand up now, "
           "before it is too late! The pampered, lying elites have sold our country down the river.")


@register_analyzer("techniques", layer="techniques", attrs=TechniqueAttrs, summary=TechniquesSummary,
                   example=EXAMPLE)
class TechniqueAnalyzer:
    """Persuasion techniques at span level (the 14 SemEval-2020 Task 11 techniques), with the words behind them."""

    def __init__(self, *, model: str | Path | None = None, view: str = "precise", gate: bool = True) -> None:
        if view not in VIEWS:
            raise ConfigError(f"unknown techniques view {view!r}; valid views: {', '.join(VIEWS)}")
        self.model_path = Path(model).resolve() if model is not None else DEFAULT_MODEL
        self.view = view
        self.gate = gate

    @property
    def model(self) -> TechniqueModel:
        return load_model(self.model_path)

    @property
    def threshold(self) -> float:
        model = self.model
        return model.threshold if self.view == "precise" else model.low_threshold

    def analyze(self, article: Article, context=None) -> list[Span]:
        model = self.model
        text = article.text
        spans = []
        for prediction in model.predict(text, threshold=self.threshold, gate=self.gate):
            stated = article.statement_range(prediction.start, prediction.end)
            if stated is None:
                continue
            spans.append(
                Span(*stated, prediction.technique, score=round(prediction.confidence, 4),
                     explanation=explanation(text, prediction),
                     attrs={"technique": prediction.technique,
                            "name": DISPLAY_NAMES[prediction.technique],
                            "confidence": round(prediction.confidence, 4),
                            "span_confidence": round(prediction.span_confidence, 4),
                            "cues": list(prediction.cues),
                            "semeval2023": semeval2023_view(prediction.technique)})  # fmt: skip
            )
        return spans

    def _sentences(self, outputs: ArticleOutputs, context) -> list[dict]:
        """Each sentence's persuasion score: the highest probability of its word pieces to sit in a span."""
        inside = outputs.inside
        sentences = []
        for sentence in context.doc.sents:
            start, end = sentence.start_char, sentence.end_char
            index = outputs.pieces(start, end)
            if len(index) and sentence.text.strip():
                sentences.append({"start": start, "end": end, "score": round(float(inside[index].max()), 4)})
        return sentences

    def summarize(self, article: Article, spans: list[Span], context=None) -> dict:
        """``techniques_summary``: the article's persuasion score, density, coverage, top techniques and
        per-sentence scores."""
        context = context if context is not None else Context(article)
        model = self.model
        outputs = model.outputs(article.text)
        words = len(_WORD.findall(article.text))
        covered = sum(end - start for start, end in merge_spans((span.start, span.end) for span in spans))
        counts = Counter(span.attrs["technique"] for span in spans)
        return {
            "techniques_summary": {
                "persuasion": round(model.persuasion(article.text, outputs), 4),
                "spans": len(spans),
                "words": words,
                "per_1000_words": round(1000 * len(spans) / words, 2) if words else 0.0,
                "share_of_text": round(covered / len(article.text), 4) if article.text else 0.0,
                "top_techniques": [
                    {"technique": name, "name": DISPLAY_NAMES[name], "count": count}
                    for name, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:TOP_TECHNIQUES]
                ],
                "sentences": self._sentences(outputs, context),
                "view": self.view,
                "model": self.model_path.name,
            }
        }
