"""The check-worthiness classifier: is a sentence a factual claim worth checking?

A linear model over hashed word n-grams (1-3) and character n-grams (2-5,
inside word boundaries), each TF-IDF weighted (sublinear tf) and L2
normalised, as in scikit-learn's text pipelines. Hashing keeps the model free
of a vocabulary: the shipped files are only numbers (inverse document
frequencies, coefficients) in a compressed ``.npz`` plus a small JSON
description, loaded without pickle.

Trained by ``scripts/train_claims.py`` on ClaimBuster ``train.json`` (the
crowdsourced sentences from US presidential debates, GPL-3.0: the shipped
weights are derived from it). The usage follows scikit-learn::

    scorer = ClaimScorer().fit(texts, labels)
    scorer.predict_proba(["The number of sorties increased from 436 to 710."])
    scorer.save(path); ClaimScorer.load(path)
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Sequence

import numpy as np

from ..errors import ModelError, NotFittedError

#: Where the trained model ships, inside the package.
MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "claims"
#: Hashing space of each feature block; 2**20 keeps collisions rare for a few hundred thousand n-grams.
N_FEATURES = 2**20
WORD_NGRAMS = (1, 3)
CHAR_NGRAMS = (2, 5)
FORMAT_VERSION = 1


def _hashers():
    from sklearn.feature_extraction.text import HashingVectorizer

    words = HashingVectorizer(ngram_range=WORD_NGRAMS, n_features=N_FEATURES, alternate_sign=False, norm=None)
    chars = HashingVectorizer(
        analyzer="char_wb", ngram_range=CHAR_NGRAMS, n_features=N_FEATURES, alternate_sign=False, norm=None
    )
    return words, chars


class ClaimScorer:
    """Scores sentences from 0 (not worth checking) to 1 (a factual claim worth checking).

    ``C``: inverse regularisation strength of the logistic regression.
    ``class_weight``: passed to scikit-learn; "balanced" weighs the rarer
    check-worthy class up, so that 0.5 separates the classes.
    ``seed``: the solver's random state.
    """

    def __init__(self, *, C: float = 1.0, class_weight: str | None = "balanced", seed: int = 0) -> None:
        self.C = C
        self.class_weight = class_weight
        self.seed = seed

    def _features(self, texts: Sequence[str]):
        from scipy.sparse import hstack
        from sklearn.preprocessing import normalize

        words, chars = _hashers()
        blocks = []
        for hasher, idf in ((words, self.word_idf_), (chars, self.char_idf_)):
            counts = hasher.transform(texts).tocsr().astype(np.float64)
            counts.data = np.log(counts.data) + 1.0
            blocks.append(normalize(counts.multiply(idf).tocsr()))
        return hstack(blocks).tocsr()

    def fit(self, texts: Sequence[str], labels: Sequence[int]) -> "ClaimScorer":
        from sklearn.linear_model import LogisticRegression

        if len(texts) != len(labels):
            raise ValueError(f"{len(texts)} texts but {len(labels)} labels")
        words, chars = _hashers()
        self.word_idf_ = _idf(words.transform(texts))
        self.char_idf_ = _idf(chars.transform(texts))
        model = LogisticRegression(C=self.C, class_weight=self.class_weight, max_iter=5000, random_state=self.seed)
        model.fit(self._features(texts), np.asarray(labels))
        self.coef_ = model.coef_.ravel().astype(np.float32)
        self.intercept_ = float(model.intercept_[0])
        return self

    def _check_fitted(self) -> None:
        if not hasattr(self, "coef_"):
            raise NotFittedError("this ClaimScorer is not fitted: call fit(texts, labels) or ClaimScorer.load(path)")

    def decision_function(self, texts: Sequence[str]) -> np.ndarray:
        self._check_fitted()
        if len(texts) == 0:
            return np.zeros(0)
        return self._features(texts) @ self.coef_ + self.intercept_

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """The probability that each text is a check-worthy claim."""
        return 1.0 / (1.0 + np.exp(-self.decision_function(texts)))

    def predict(self, texts: Sequence[str]) -> np.ndarray:
        return (self.predict_proba(texts) >= 0.5).astype(int)

    def save(self, path: str | Path) -> None:
        self._check_fitted()
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(path / "weights.npz", word_idf=self.word_idf_, char_idf=self.char_idf_, coef=self.coef_)
        meta = {
            "format_version": FORMAT_VERSION,
            "n_features": N_FEATURES,
            "word_ngrams": list(WORD_NGRAMS),
            "char_ngrams": list(CHAR_NGRAMS),
            "intercept": self.intercept_,
            "C": self.C,
            "class_weight": self.class_weight,
            "seed": self.seed,
        }
        (path / "model.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> "ClaimScorer":
        path = Path(path)
        try:
            meta = json.loads((path / "model.json").read_text(encoding="utf-8"))
            arrays = np.load(path / "weights.npz", allow_pickle=False)
        except (OSError, ValueError) as exc:
            raise ModelError(
                f"cannot load the claims model from {path}: {exc}. Train it with `python scripts/train_claims.py`"
            ) from exc
        expected = {"format_version": FORMAT_VERSION, "n_features": N_FEATURES, "word_ngrams": list(WORD_NGRAMS),
                    "char_ngrams": list(CHAR_NGRAMS)}  # fmt: skip
        mismatched = {key: meta.get(key) for key, value in expected.items() if meta.get(key) != value}
        if mismatched:
            raise ModelError(f"the claims model in {path} was saved with {mismatched}, this code expects {expected}; retrain it")
        scorer = cls(C=meta["C"], class_weight=meta["class_weight"], seed=meta["seed"])
        scorer.word_idf_ = arrays["word_idf"]
        scorer.char_idf_ = arrays["char_idf"]
        scorer.coef_ = arrays["coef"]
        scorer.intercept_ = float(meta["intercept"])
        return scorer


class ClaimClassifier:
    """Check-worthiness from the fine-tuned top layers and head on the shared encoder (``model.onnx``).

    Trained by ``presslens train claims`` (:mod:`presslens.claims.train`); ``meta.json`` says on what and
    how. The shared lower layers run once per text in :class:`presslens.encoder.Encoder`.
    """

    def __init__(self, *, session, meta: dict, encoder=None) -> None:
        self.session = session
        self.meta = meta
        self.threshold = float(meta["choices"]["threshold"])
        self._encoder = encoder

    @property
    def encoder(self):
        if self._encoder is None:
            from ..encoder import default_encoder

            self._encoder = default_encoder()
        return self._encoder

    @classmethod
    def load(cls, path: str | Path, *, encoder=None) -> "ClaimClassifier":
        from ..encoder import session

        path = Path(path)
        try:
            meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
            model = session(path / "model.onnx")
        except (OSError, ValueError, RuntimeError) as exc:
            raise ModelError(f"cannot load the claims model from {path}: {exc}. Train it with `presslens train claims`") from exc
        return cls(session=model, meta=meta, encoder=encoder)

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """The probability that each text is a check-worthy claim."""
        out = np.zeros(len(texts))
        encoder = self.encoder
        for chunk, states, mask in encoder.shared_states(encoder.token_ids(texts)):
            (logits,) = self.session.run(None, {"states": states, "attention_mask": mask})
            logits = logits - logits.max(1, keepdims=True)
            probabilities = np.exp(logits)
            out[chunk] = probabilities[:, 1] / probabilities.sum(1)
        return out

    def predict(self, texts: Sequence[str]) -> np.ndarray:
        return (self.predict_proba(texts) >= self.threshold).astype(int)


def _idf(counts) -> np.ndarray:
    """Smoothed inverse document frequency, as scikit-learn's TfidfTransformer computes it."""
    n_documents = counts.shape[0]
    document_frequency = np.bincount(counts.tocsr().indices, minlength=counts.shape[1])
    return (np.log((1 + n_documents) / (1 + document_frequency)) + 1.0).astype(np.float32)


@functools.cache
def load_default_scorer() -> ClaimScorer:
    """The shipped model, loaded once per process."""
    return ClaimScorer.load(MODEL_DIR)
