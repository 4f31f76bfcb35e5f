"""The check-worthiness classifier: is a sentence a factual claim worth checking?

A sentence classifier on the shared encoder (:mod:`presslens.encoder`): the
frozen lower layers of all-MiniLM-L6-v2, then the model's own top layers (one
of them fine-tuned) and a two-class head over the mean of the tokens' states,
run by onnxruntime from ``models/claims/model.onnx``. ``meta.json`` records what
it was trained on, the seed, every choice and the figures.

Trained by ``presslens train claims`` (:mod:`presslens.claims.train`, torch from
the extra ``presslens[train]``) on ClaimBuster ``train.json`` (the crowdsourced
sentences from US presidential debates, GPL-3.0: the shipped weights are
derived from it)::

    scorer = load_default_scorer()
    scorer.predict_proba(["The number of sorties increased from 436 to 710."])
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Sequence

import numpy as np

from ..encoder import default_encoder, session
from ..errors import ModelError

#: Where the trained model ships, inside the package.
MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "claims"
#: Version of the model folder layout; ``load`` refuses other versions.
FORMAT_VERSION = 2


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
            self._encoder = default_encoder()
        return self._encoder

    @classmethod
    def load(cls, path: str | Path, *, encoder=None) -> "ClaimClassifier":
        path = Path(path)
        try:
            meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
            model = session(path / "model.onnx")
        except (OSError, ValueError, RuntimeError) as exc:
            raise ModelError(f"cannot load the claims model from {path}: {exc}. Train it with `presslens train claims`") from exc
        if meta.get("format_version") != FORMAT_VERSION:
            raise ModelError(f"the claims model in {path} has format {meta.get('format_version')!r}, this code reads "
                             f"{FORMAT_VERSION}: retrain it with `presslens train claims`")
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


@functools.cache
def load_default_scorer() -> ClaimClassifier:
    """The shipped model, loaded once per process."""
    return ClaimClassifier.load(MODEL_DIR)
