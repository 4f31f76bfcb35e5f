"""The learned cue classifier: which verbs introduce an attribution.

A logistic regression over features of a verb and its dependants (lemma,
dependency label, whether it has a clausal complement, what its subject is,
whether it touches a quotation). It is trained by ``scripts/train_quotes.py``
on PolNeAR train and shipped as JSON (feature weights, intercept, threshold)
under ``presslens/models/quotes/``, so applying it needs no scikit-learn
pickle and no download. The hand-written lexicon in
:mod:`presslens.quotes.cues` is one of its features.
"""

from __future__ import annotations

import functools
import json
import math
from importlib import resources
from pathlib import Path

from ..errors import ModelError, NotFittedError
from .cues import CUE_VERBS, SPEECH_VERBS, THOUGHT_VERBS

#: The shipped model, as package data.
MODEL_PACKAGE = "presslens.models.quotes"
MODEL_FILE = "cues.json"
#: Parts of speech a cue candidate may have.
CANDIDATE_POS = ("VERB", "AUX")


#: Verbs that are never cues themselves: "according" is half of the cue "according to".
NON_CANDIDATES = frozenset({"accord"})


def is_candidate(token) -> bool:
    lemma = token.lemma_.lower()
    if lemma in NON_CANDIDATES or token.pos_ not in CANDIDATE_POS:
        return False
    return token.pos_ != "AUX" or lemma in CUE_VERBS


def cue_features(token, quoted_chars: frozenset[int] | set[int]) -> dict[str, float]:
    """Features of one candidate cue ``token``. ``quoted_chars`` holds the offsets inside quotation marks."""
    lemma = token.lemma_.lower()
    children = list(token.children)
    deps = {c.dep_ for c in children}
    subject = next((c for c in children if c.dep_ in ("nsubj", "nsubjpass")), None)
    features = {
        f"lemma={lemma}": 1.0,
        f"dep={token.dep_}": 1.0,
        f"tag={token.tag_}": 1.0,
        f"head_dep={token.head.dep_}": 1.0,
        f"lemma={lemma}|dep={token.dep_}": 1.0,
        "speech_lexicon": float(lemma in SPEECH_VERBS),
        "thought_lexicon": float(lemma in THOUGHT_VERBS),
        "in_quotes": float(token.idx in quoted_chars),
        "subject_in_quotes": float(subject is not None and subject.idx in quoted_chars),
    }
    for dep in deps & {"ccomp", "xcomp", "dobj", "nsubj", "nsubjpass", "agent", "prep", "mark", "neg", "prt",
                       "advcl", "parataxis", "dative", "aux", "auxpass"}:
        features[f"child={dep}"] = 1.0
        features[f"lemma={lemma}|child={dep}"] = 1.0
    for child in children:
        if child.dep_ in ("prep", "prt"):
            features[f"lemma={lemma}|{child.dep_}={child.lower_}"] = 1.0
        if child.dep_ == "mark":
            features[f"mark={child.lower_}"] = 1.0
    if subject is not None:
        features[f"subject_pos={subject.pos_}"] = 1.0
        features[f"subject_ent={subject.ent_type_ or 'none'}"] = 1.0
        if subject.pos_ == "PRON":
            features[f"subject={subject.lower_}"] = 1.0
    else:
        features["no_subject"] = 1.0
    before = token.doc[token.i - 1] if token.i > 0 else None
    after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    if before is not None and before.idx in quoted_chars or before is not None and before.text in "”\"’":
        features["after_quotation"] = 1.0
    if after is not None and after.text in ":“\"":
        features[f"followed_by={after.text}"] = 1.0
    return features


class CueModel:
    """A linear cue classifier, fitted with scikit-learn and applied from plain weights."""

    def __init__(self, *, C: float = 0.5, threshold: float = 0.5, random_state: int = 0) -> None:
        self.C = C
        self.threshold = threshold
        self.random_state = random_state

    def fit(self, features: list[dict[str, float]], labels: list[int]) -> "CueModel":
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression

        vectorizer = DictVectorizer()
        matrix = vectorizer.fit_transform(features)
        classifier = LogisticRegression(C=self.C, max_iter=2000, random_state=self.random_state)
        classifier.fit(matrix, labels)
        self.weights_ = {
            name: float(weight) for name, weight in zip(vectorizer.get_feature_names_out(), classifier.coef_[0])
            if abs(weight) > 1e-6
        }
        self.intercept_ = float(classifier.intercept_[0])
        return self

    def _check_fitted(self) -> None:
        if not hasattr(self, "weights_"):
            raise NotFittedError("this CueModel is not fitted yet: call fit() or CueModel.load(path) first")

    def probability(self, features: dict[str, float]) -> float:
        self._check_fitted()
        score = self.intercept_ + sum(self.weights_.get(name, 0.0) * value for name, value in features.items())
        return 1.0 / (1.0 + math.exp(-max(min(score, 50.0), -50.0)))

    def is_cue(self, features: dict[str, float]) -> bool:
        return self.probability(features) >= self.threshold

    def save(self, path: Path | str) -> None:
        self._check_fitted()
        data = {"C": self.C, "threshold": self.threshold, "random_state": self.random_state,
                "intercept": self.intercept_, "weights": dict(sorted(self.weights_.items()))}
        Path(path).write_text(json.dumps(data, indent=0, sort_keys=True) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path | str) -> "CueModel":
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
            model = cls(C=data["C"], threshold=data["threshold"], random_state=data["random_state"])
            model.weights_ = {str(k): float(v) for k, v in data["weights"].items()}
            model.intercept_ = float(data["intercept"])
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ModelError(f"cannot load the cue model from {str(path)!r}: {exc}. "
                             "Rebuild it with `python scripts/train_quotes.py`") from exc
        return model


@functools.cache
def shipped_model() -> CueModel:
    """The cue model shipped with presslens, loaded once."""
    return CueModel.load(resources.files(MODEL_PACKAGE) / MODEL_FILE)
