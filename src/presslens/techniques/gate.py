"""The persuasion gate: how persuasive an article reads as a whole, from its style, not its topic.

The span tagger alone marks plain reporting about as densely as propaganda (its
spans are short loaded phrases, and news has those too). The gate scores the
whole article instead: a logistic regression over standardised features that
describe persuasive *style*, each normalised per word or per sentence (no bag
of topic words):

- the technique model's own outputs: span density, mean and max span probability,
  mean sentence score, share of sentences with a span, the density of each technique;
- loaded words: the rate of words whose lemma the CRF most favours inside spans
  (``cues.json`` of the model folder);
- exclamation and question marks, first and second person pronouns, all-caps words,
  intensifiers and superlatives, hedges, attribution (plain reporting attributes);
- mean and spread of sentence length.

:class:`PersuasionGate` follows scikit-learn (``fit`` returns self, learned state
ends in ``_``) and round-trips through one JSON file, ``gate.json`` in the model
folder (no pickle). :func:`train` fits it on PTC train articles (persuasive)
against PolNeAR train news of plain publishers, choosing ``C``, the threshold and
the span bar by cross-validation on train alone.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Callable, Iterable, Mapping, Sequence

import numpy as np

from ..errors import ModelError, NotFittedError
from ..nlp import load_pipeline
from .formats import read_articles
from .model import TechniqueModel
from .taxonomy import TECHNIQUES

#: Version of ``gate.json``; ``load`` refuses other versions.
FORMAT_VERSION = 1

#: PolNeAR publishers whose news reports are the plain examples (USA Today, the New York Times, Politico).
PLAIN_PUBLISHERS = ("usa", "nyt", "politico")

#: Candidate inverse regularisation strengths, tried by cross-validation on train.
C_VALUES = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)

#: Cross-validation folds on train.
FOLDS = 5

#: Share of the spans found in plain train articles that stay below the span bar.
SPAN_BAR_QUANTILE = 0.95

FIRST_PERSON = frozenset("i me my mine myself we us our ours ourselves".split())
SECOND_PERSON = frozenset("you your yours yourself yourselves".split())
INTENSIFIERS = frozenset(
    "absolutely utterly totally completely truly really very extremely incredibly entirely deeply "
    "so such never always everyone nobody everything nothing huge massive enormous terrible horrible "
    "outrageous disgraceful shocking".split()
)
HEDGES = frozenset(
    "may might could perhaps possibly likely unlikely probably reportedly allegedly apparently appear "
    "appears appeared seem seems seemed suggest suggests suggested estimate estimated roughly about "
    "approximately".split()
)
ATTRIBUTION = frozenset(
    "said says say told tells according added noted stated reported explained announced wrote asked "
    "confirmed spokesman spokeswoman spokesperson".split()
)

#: The feature names, in the order of the gate's weights.
FEATURES = (
    "span_density", "span_probability_mean", "span_probability_max", "sentence_score_mean", "sentences_with_span",
    *(f"density:{technique}" for technique in TECHNIQUES),
    "loaded_words", "exclamations", "questions", "first_person", "second_person", "all_caps", "intensifiers",
    "hedges", "attribution", "sentence_length_mean", "sentence_length_std",
)  # fmt: skip

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def cue_lexicon(model_folder: str | Path) -> frozenset[str]:
    """The lemmas and words the technique model's CRF most favours inside spans (``cues.json``)."""
    path = Path(model_folder) / "cues.json"
    if not path.exists():
        return frozenset()
    cues = json.loads(path.read_text(encoding="utf-8"))
    return frozenset(name.split(":", 1)[1] for name, weight in cues.items()
                     if name.startswith(("lemma:", "w:")) and weight > 0)  # fmt: skip


def _rate(count: float, total: int) -> float:
    return count / total if total else 0.0


def article_features(doc, probabilities, predictions, lexicon: frozenset[str]) -> dict[str, float]:
    """The gate's features for one parsed article.

    ``doc``: the spaCy Doc; ``probabilities``: ``TechniqueModel.token_probabilities(doc, doc.text)``;
    ``predictions``: ``TechniqueModel.predict_doc`` at the model's threshold; ``lexicon``: :func:`cue_lexicon`.
    """
    text = doc.text  # a Doc joins its tokens on every .text: read it once
    words = [token for token in doc if _WORD.fullmatch(token.text)]
    n_words = len(words)
    lowered = [token.text.lower() for token in words]
    sentences = [tokens for tokens, _ in probabilities if tokens]
    sentence_scores = [max(scores) for tokens, scores in probabilities if tokens]
    sentence_words = [_WORD.findall(text[tokens[0].start : tokens[-1].end].lower()) for tokens in sentences]
    lengths = [len(found) for found in sentence_words]
    starts = sorted(prediction.start for prediction in predictions)
    with_span = sum(
        any(tokens[0].start <= start < tokens[-1].end for start in starts) for tokens in sentences
    )
    span_probabilities = [prediction.span_confidence for prediction in predictions]
    per_1000 = 1000 / n_words if n_words else 0.0
    features = {
        "span_density": len(predictions) * per_1000,
        "span_probability_mean": float(np.mean(span_probabilities)) if span_probabilities else 0.0,
        "span_probability_max": max(span_probabilities, default=0.0),
        "sentence_score_mean": float(np.mean(sentence_scores)) if sentence_scores else 0.0,
        "sentences_with_span": _rate(with_span, len(sentences)),
    }
    for technique in TECHNIQUES:
        features[f"density:{technique}"] = sum(p.technique == technique for p in predictions) * per_1000
    features.update(
        loaded_words=_rate(sum(t.lemma_.lower() in lexicon or t.text.lower() in lexicon for t in words), n_words),
        exclamations=_rate(text.count("!"), len(sentences)),
        questions=_rate(text.count("?"), len(sentences)),
        first_person=_rate(sum(word in FIRST_PERSON for word in lowered), n_words),
        second_person=_rate(sum(word in SECOND_PERSON for word in lowered), n_words),
        all_caps=_rate(sum(len(t.text) > 3 and t.text.isupper() for t in words), n_words),
        intensifiers=_rate(sum(w in INTENSIFIERS or t.tag_ in ("JJS", "RBS") for w, t in zip(lowered, words)),
                           n_words),
        hedges=_rate(sum(word in HEDGES for word in lowered), n_words),
        attribution=_rate(sum(not ATTRIBUTION.isdisjoint(found) for found in sentence_words), len(sentences)),
        sentence_length_mean=float(np.mean(lengths)) if lengths else 0.0,
        sentence_length_std=float(np.std(lengths)) if lengths else 0.0,
    )
    return features


def verdict(score: float, threshold: float) -> str:
    """A short reading of the gate's score for people."""
    if score >= max(threshold, 0.5) + (1 - max(threshold, 0.5)) / 2:
        return "persuasive: reads like opinion or propaganda"
    if score >= threshold:
        return "leans persuasive"
    return "plain: reads like reporting"


class PersuasionGate:
    """Logistic regression on standardised style features; ``score`` is the article's persuasion (0-1)."""

    def __init__(self, *, C: float = 1.0, features: Sequence[str] = FEATURES) -> None:
        self.C = C
        self.features = tuple(features)

    def _matrix(self, rows: Iterable[Mapping[str, float]]) -> np.ndarray:
        return np.array([[row[name] for name in self.features] for row in rows], dtype=float)

    def fit(self, rows: Sequence[Mapping[str, float]], targets: Sequence[int]) -> "PersuasionGate":
        from sklearn.linear_model import LogisticRegression

        matrix = self._matrix(rows)
        self.mean_ = matrix.mean(axis=0)
        self.scale_ = np.where(matrix.std(axis=0) > 0, matrix.std(axis=0), 1.0)
        regression = LogisticRegression(C=self.C, max_iter=5000).fit((matrix - self.mean_) / self.scale_, targets)
        self.coef_ = regression.coef_[0]
        self.intercept_ = float(regression.intercept_[0])
        self.threshold_ = 0.5
        self.span_bar_ = 0.0
        self.meta_: dict = {}
        return self

    def _check_fitted(self) -> None:
        if not hasattr(self, "coef_"):
            raise NotFittedError("this PersuasionGate is not fitted: call fit() or PersuasionGate.load(path)")

    def scores(self, rows: Sequence[Mapping[str, float]]) -> np.ndarray:
        """The persuasion score (0-1) of each feature row."""
        self._check_fitted()
        logits = ((self._matrix(rows) - self.mean_) / self.scale_) @ self.coef_ + self.intercept_
        return 1.0 / (1.0 + np.exp(-logits))

    def score(self, features: Mapping[str, float]) -> float:
        return float(self.scores([features])[0])

    def to_dict(self) -> dict:
        self._check_fitted()
        return {
            "format_version": FORMAT_VERSION,
            "features": list(self.features),
            "C": self.C,
            "mean": self.mean_.tolist(),
            "scale": self.scale_.tolist(),
            "coef": self.coef_.tolist(),
            "intercept": self.intercept_,
            "threshold": self.threshold_,
            "span_bar": self.span_bar_,
            "meta": self.meta_,
        }

    def save(self, path: str | Path) -> Path:
        path = Path(path)
        path.write_text(json.dumps(self.to_dict(), indent=1, sort_keys=True) + "\n", encoding="utf-8")
        return path

    @classmethod
    def from_dict(cls, data: Mapping) -> "PersuasionGate":
        if data.get("format_version") != FORMAT_VERSION:
            raise ModelError(f"persuasion gate format {data.get('format_version')!r} is not {FORMAT_VERSION}; "
                             "retrain it with `presslens train techniques-gate`")
        gate = cls(C=data["C"], features=data["features"])
        gate.mean_, gate.scale_, gate.coef_ = (np.array(data[key], dtype=float) for key in ("mean", "scale", "coef"))
        gate.intercept_, gate.threshold_, gate.span_bar_ = data["intercept"], data["threshold"], data["span_bar"]
        gate.meta_ = dict(data["meta"])
        return gate

    @classmethod
    def load(cls, path: str | Path) -> "PersuasionGate":
        path = Path(path)
        if not path.exists():
            raise ModelError(f"no persuasion gate at {path}; train one with `presslens train techniques-gate`")
        return cls.from_dict(json.loads(path.read_text(encoding="utf-8")))


def roc_auc(positive: Sequence[float], negative: Sequence[float]) -> float:
    """The probability that a positive scores above a negative (ties count half)."""
    positive, negative = np.asarray(positive, dtype=float), np.asarray(negative, dtype=float)
    wins = (positive[:, None] > negative[None, :]).sum() + 0.5 * (positive[:, None] == negative[None, :]).sum()
    return float(wins / (len(positive) * len(negative)))


def _folds(targets: np.ndarray, seed: int) -> np.ndarray:
    """A stratified fold number for each example."""
    rng = np.random.default_rng(seed)
    folds = np.empty(len(targets), dtype=int)
    for value in (0, 1):
        where = rng.permutation(np.flatnonzero(targets == value))
        folds[where] = np.arange(len(where)) % FOLDS
    return folds


def cross_validate(rows: Sequence[Mapping[str, float]], targets: Sequence[int], *, seed: int) -> dict:
    """Out-of-fold scores for each ``C`` of :data:`C_VALUES`; the chosen ``C`` (best log loss) and threshold.

    The threshold maximises balanced accuracy of the chosen ``C``'s out-of-fold scores.
    """
    targets = np.asarray(targets)
    folds = _folds(targets, seed)
    results = {}
    for c in C_VALUES:
        scores = np.empty(len(targets))
        for fold in range(FOLDS):
            held = folds == fold
            gate = PersuasionGate(C=c).fit([r for r, h in zip(rows, held) if not h], targets[~held])
            scores[held] = gate.scores([r for r, h in zip(rows, held) if h])
        clipped = np.clip(scores, 1e-9, 1 - 1e-9)
        loss = float(-np.mean(targets * np.log(clipped) + (1 - targets) * np.log(1 - clipped)))
        results[c] = {"log_loss": loss, "auc": roc_auc(scores[targets == 1], scores[targets == 0]), "scores": scores}
    chosen = min(results, key=lambda c: (results[c]["log_loss"], c))
    scores = results[chosen]["scores"]
    candidates = np.unique(scores)
    balanced = [(np.mean(scores[targets == 1] >= t) + np.mean(scores[targets == 0] < t)) / 2 for t in candidates]
    best = int(np.argmax(balanced))
    return {
        "C": chosen,
        "threshold": float(candidates[best]),
        "balanced_accuracy": float(balanced[best]),
        "scores": scores,
        "per_C": {str(c): {"log_loss": round(r["log_loss"], 4), "auc": round(r["auc"], 4)} for c, r in results.items()},
    }


def span_bar(plain_span_probabilities: Sequence[float]) -> float:
    """The span probability that :data:`SPAN_BAR_QUANTILE` of the spans of plain train articles stay below."""
    if not len(plain_span_probabilities):
        return 1.0
    return float(np.quantile(np.asarray(plain_span_probabilities), SPAN_BAR_QUANTILE))


def plain_paths(polnear: Path, split: str) -> list[Path]:
    """PolNeAR news reports of :data:`PLAIN_PUBLISHERS` in ``split`` (``train`` or ``dev``)."""
    folder = polnear / "data" / split / "text"
    if not folder.is_dir():
        raise ModelError(f"no PolNeAR {split} texts in {folder}; pass the PolNeAR folder (data/{split}/text)")
    return sorted(path for path in folder.glob("*.txt") if path.name.split("_")[0].split("-")[0] in PLAIN_PUBLISHERS)


def featurize(texts: Sequence[str], model, model_folder: Path, *, log: Callable[[str], None] = lambda line: None):
    """Gate features and span probabilities of each text, with the technique model of ``model_folder``."""
    nlp, lexicon = load_pipeline(), cue_lexicon(model_folder)
    rows, started = [], time.monotonic()
    for number, doc in enumerate(nlp.pipe(texts, batch_size=8), 1):
        probabilities = model.token_probabilities(doc, doc.text)
        predictions = model.predict_doc(doc, probabilities=probabilities)
        rows.append({"features": article_features(doc, probabilities, predictions, lexicon),
                     "span_probabilities": [p.span_confidence for p in predictions]})  # fmt: skip
        if number % 25 == 0:
            log(f"{time.strftime('%H:%M:%S')} featurised {number}/{len(texts)} ({time.monotonic() - started:.0f}s)")
    return rows


def train(ptc: Path, polnear: Path, model_folder: Path, *, seed: int = 13, cache: Path | None = None,
          log: Callable[[str], None] = lambda line: None) -> PersuasionGate:
    """Fit the gate on PTC train articles (1) against PolNeAR train plain news (0); dev data is never read.

    ``cache``: a JSON file of the features, written on the first run and read on later ones.
    """
    if cache is not None and cache.exists():
        data = json.loads(cache.read_text(encoding="utf-8"))
    else:
        persuasive = read_articles(ptc / "train-articles")
        plain = [path.read_text(encoding="utf-8") for path in plain_paths(polnear, "train")]
        model = TechniqueModel.load(model_folder)
        data = {"persuasive": featurize([persuasive[i] for i in sorted(persuasive)], model, model_folder, log=log),
                "plain": featurize(plain, model, model_folder, log=log)}  # fmt: skip
        if cache is not None:
            cache.write_text(json.dumps(data), encoding="utf-8")
    rows = [row["features"] for row in data["persuasive"] + data["plain"]]
    targets = [1] * len(data["persuasive"]) + [0] * len(data["plain"])
    chosen = cross_validate(rows, targets, seed=seed)
    log(f"cross-validation on train: C={chosen['C']}, threshold {chosen['threshold']:.3f}, "
        f"balanced accuracy {chosen['balanced_accuracy']:.3f}, per C {chosen['per_C']}")
    gate = PersuasionGate(C=chosen["C"]).fit(rows, targets)
    gate.threshold_ = chosen["threshold"]
    out_of_fold = chosen["scores"][len(data["persuasive"]):]
    gate.span_bar_ = span_bar([p for row, score in zip(data["plain"], out_of_fold) if score < gate.threshold_
                               for p in row["span_probabilities"]])  # fmt: skip
    gate.meta_ = {
        "data": {"persuasive": f"PTC v2 train-articles ({len(data['persuasive'])})",
                 "plain": f"PolNeAR train news of {', '.join(PLAIN_PUBLISHERS)} ({len(data['plain'])})"},
        "seed": seed,
        "choices": {"C": chosen["C"], "C_values": list(C_VALUES), "folds": FOLDS,
                    "threshold": "maximises balanced accuracy of out-of-fold scores",
                    "span_bar": f"{SPAN_BAR_QUANTILE:.0%} quantile of span probability in plain train articles "
                                "the out-of-fold gate calls plain"},
        "train_cv": {"per_C": chosen["per_C"], "balanced_accuracy": round(chosen["balanced_accuracy"], 4)},
    }  # fmt: skip
    return gate
