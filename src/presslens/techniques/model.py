"""The technique model: a token tagger fine-tuned on the shared encoder that finds and names technique spans.

The shared lower layers of all-MiniLM-L6-v2 run once per article
(:meth:`presslens.encoder.Encoder.article_states`); the task's own top layers
(``model.onnx``, built with :func:`presslens.encoder.build_graph`) turn those
states into fine-tuned word-piece states, and three small heads in
``heads.npz`` read them:

- **SI**: B/I/O probabilities per word piece, decoded with the constraint that
  no I follows an O; a span is a run of B and I, widened to whole words.
- **TC**: the technique of a span, from the mean of its pieces' states and two
  cheap signals (is the span's text repeated elsewhere in the article, how long
  is it).
- **Gate**: how persuasive the whole article is, a logistic regression over
  pooled SI probabilities, trained against plain news (optional).

``meta.json`` records the data, the seed, every choice and the figures.
Trained by ``presslens train techniques`` (:mod:`presslens.techniques.train`)::

    model = TechniqueModel.load(MODEL_DIR)
    outputs = model.outputs(text)                 # one pass of the task's layers
    model.predict(text)                           # [Prediction(start, end, technique, ...)]
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping, Sequence

import numpy as np

from ..encoder import default_encoder, session
from ..errors import ModelError
from .formats import Label
from .taxonomy import TECHNIQUES

#: Where the trained model ships, inside the package.
MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "techniques"
#: Version of the model folder layout; ``load`` refuses other versions.
FORMAT_VERSION = 4
#: The SI head's classes, in its output order.
TAGS = ("O", "B", "I")
#: How many cheap span signals the TC head reads after the pooled states (see :func:`span_signals`).
SIGNALS = 2
#: The persuasion score below which the gate reads an article as plain writing (the balanced logistic
#: regression's own boundary).
GATE = 0.5
#: The share of an article's pieces, most likely inside a span first, whose mean is a gate feature.
TOP_SHARE = 0.1

_WORD_CHAR = re.compile(r"[\w'’-]")
_CONTENT_WORD = re.compile(r"[^\W\d_]{3,}")


@dataclass(frozen=True)
class ArticleOutputs:
    """One article's word pieces: character ``offsets`` ``(n, 2)``, fine-tuned ``states`` ``(n, dim)`` and
    SI ``probabilities`` ``(n, 3)`` over :data:`TAGS`."""

    offsets: np.ndarray
    states: np.ndarray
    probabilities: np.ndarray

    @property
    def inside(self) -> np.ndarray:
        """Each piece's probability of being inside a span (B or I)."""
        return 1.0 - self.probabilities[:, 0]

    def pieces(self, start: int, end: int) -> np.ndarray:
        """Indices of the pieces that overlap characters ``start:end``."""
        return np.flatnonzero((self.offsets[:, 0] < end) & (self.offsets[:, 1] > start))


@dataclass(frozen=True)
class Prediction:
    """A predicted technique span: the technique's probability given the span (``confidence``), the span's
    mean probability of holding a technique (``span_confidence``), and the span's ``cues``, its words that
    point most to the technique."""

    start: int
    end: int
    technique: str
    confidence: float
    span_confidence: float
    cues: tuple[str, ...]


def softmax(logits: np.ndarray) -> np.ndarray:
    shifted = np.exp(logits - logits.max(-1, keepdims=True))
    return shifted / shifted.sum(-1, keepdims=True)


def piece_tags(offsets: np.ndarray, spans: Sequence[tuple[int, int]]) -> np.ndarray:
    """Tag indices (:data:`TAGS`) of pieces at ``offsets`` against sorted, merged gold ``spans``."""
    tags = np.zeros(len(offsets), dtype=np.int64)
    for start, end in spans:
        inside = np.flatnonzero((offsets[:, 0] < end) & (offsets[:, 1] > start))
        if len(inside):
            tags[inside] = 2
            tags[inside[0]] = 1
    return tags


def decode(probabilities: np.ndarray, threshold: float = 0.5) -> list[tuple[int, int]]:
    """Inclusive piece ranges of spans: the most likely B/I/O sequence in which no I follows an O (nor starts),
    with O's probability weighed so that a lone piece is inside a span when its B+I probability reaches
    ``threshold`` (0.5: plain Viterbi)."""
    if not len(probabilities):
        return []
    scores = np.log(np.maximum(probabilities, 1e-9))
    scores[:, 0] += np.log(threshold / (1.0 - threshold))
    allowed = np.array([[True, True, False], [True, True, True], [True, True, True]])  # from (row) to (column)
    transition = np.where(allowed, 0.0, -np.inf)
    best = scores[0] + np.array([0.0, 0.0, -np.inf])
    back = np.zeros((len(scores), 3), dtype=np.int64)
    for position in range(1, len(scores)):
        total = best[:, None] + transition
        back[position] = total.argmax(0)
        best = total.max(0) + scores[position]
    tags = [int(best.argmax())]
    for position in range(len(scores) - 1, 0, -1):
        tags.append(int(back[position, tags[-1]]))
    tags.reverse()
    runs: list[tuple[int, int]] = []
    for position, tag in enumerate(tags):
        if tag == 1 or (tag == 2 and not runs):
            runs.append((position, position))
        elif tag == 2:
            runs[-1] = (runs[-1][0], position)
    return runs


def widen_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """``start:end`` widened to whole words (letters, digits, apostrophes and hyphens), then stripped of
    surrounding spaces."""
    while start > 0 and _WORD_CHAR.match(text[start - 1]) and _WORD_CHAR.match(text[start]):
        start -= 1
    while end < len(text) and _WORD_CHAR.match(text[end]) and _WORD_CHAR.match(text[end - 1]):
        end += 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def has_content_word(fragment: str) -> bool:
    """Whether ``fragment`` holds a word of three letters or more that is not a stop word (a dangling prefix
    such as "anti-" is no word)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    words = " ".join(token for token in fragment.split() if not token.endswith("-"))
    return any(word.lower() not in STOP_WORDS for word in _CONTENT_WORD.findall(words))


def span_signals(text: str, start: int, end: int) -> np.ndarray:
    """The TC head's cheap signals of span ``start:end``: whether its text occurs elsewhere in the article
    (case-insensitive; a Repetition cue) and its length in words (log-scaled)."""
    fragment = text[start:end].strip().lower()
    repeated = bool(fragment) and text.lower().count(fragment) > 1
    return np.array([float(repeated), np.log1p(len(fragment.split())) / 3.0], dtype=np.float32)


def gate_features(outputs: ArticleOutputs, spans: int, words: int) -> np.ndarray:
    """An article's pooled SI outputs: mean B+I probability, the mean of its top :data:`TOP_SHARE` of pieces,
    the share of pieces above one half, and spans per 100 words."""
    inside = outputs.inside
    if not len(inside):
        return np.zeros(4, dtype=np.float32)
    top = np.sort(inside)[::-1][: max(1, int(len(inside) * TOP_SHARE))]
    return np.array([inside.mean(), top.mean(), (inside >= 0.5).mean(), 100.0 * spans / max(words, 1)],
                    dtype=np.float32)  # fmt: skip


class TechniqueModel:
    """SI, TC and the article gate on the shared encoder: ``model.onnx`` (the task's layers), ``heads.npz``
    and ``meta.json`` in a model folder. ``threshold`` (default: the one chosen on held-out train for
    precision, ``meta["choices"]["threshold"]``) is the B+I probability a span needs."""

    def __init__(self, *, graph, heads: Mapping[str, np.ndarray], meta: dict, encoder=None) -> None:
        self.graph = graph
        self.heads = dict(heads)
        self.meta = meta
        self.classes = list(meta["classes"])
        self.threshold = float(meta["choices"]["threshold"])
        self.low_threshold = float(meta["choices"]["low_threshold"])
        self._encoder = encoder

    @property
    def encoder(self):
        if self._encoder is None:
            self._encoder = default_encoder()
        return self._encoder

    @classmethod
    def load(cls, folder: str | Path, *, encoder=None) -> "TechniqueModel":
        folder = Path(folder)
        try:
            meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
            with np.load(folder / "heads.npz") as stored:
                heads = {key: stored[key] for key in stored.files}
            graph = session(folder / "model.onnx")
        except (OSError, ValueError, KeyError, RuntimeError) as exc:
            raise ModelError(f"{folder} is not a technique model folder (meta.json, heads.npz, model.onnx): {exc}. "
                             "Train one with `presslens train techniques`") from exc  # fmt: skip
        if meta.get("format_version") != FORMAT_VERSION:
            raise ModelError(f"{folder}: model format {meta.get('format_version')!r} is not supported (expected "
                             f"{FORMAT_VERSION}); retrain it with `presslens train techniques`")  # fmt: skip
        unknown = [name for name in meta.get("classes", []) if name not in TECHNIQUES]
        if unknown:
            raise ModelError(f"{folder}: unknown techniques {unknown}; valid: {', '.join(TECHNIQUES)}")
        return cls(graph=graph, heads=heads, meta=meta, encoder=encoder)

    # ---------------------------------------------------------------- the article pass

    def outputs(self, text: str) -> ArticleOutputs:
        """The task's layers over the article's shared states (computed once per article and shared with every
        layer that reads them), then the SI head."""
        states = self.encoder.article_states(text)
        return states.output(f"techniques:{id(self)}", self.graph, lambda merged: self.head_outputs(states.offsets, merged))

    def head_outputs(self, offsets: np.ndarray, states: np.ndarray) -> ArticleOutputs:
        logits = states @ self.heads["si.weight"].T + self.heads["si.bias"]
        return ArticleOutputs(offsets, states, softmax(logits))

    # ---------------------------------------------------------------- SI, TC, gate

    def find_spans(self, text: str, outputs: ArticleOutputs, *, threshold: float | None = None) -> list[tuple[int, int, float]]:
        """SI: ``(start, end, span_confidence)`` of each span, in whole words and holding a content word."""
        threshold = self.threshold if threshold is None else threshold
        spans = []
        inside = outputs.inside
        for first, last in decode(outputs.probabilities, threshold):
            start, end = widen_to_words(text, int(outputs.offsets[first, 0]), int(outputs.offsets[last, 1]))
            if end > start and has_content_word(text[start:end]):
                spans.append((start, end, float(inside[first : last + 1].mean())))
        return spans

    def _pooled(self, text: str, outputs: ArticleOutputs, start: int, end: int) -> tuple[np.ndarray, np.ndarray]:
        index = outputs.pieces(start, end)
        states = outputs.states[index] if len(index) else np.zeros((1, outputs.states.shape[1]), np.float32)
        return index, np.concatenate([states.mean(0), span_signals(text, start, end)])

    def classify(self, text: str, outputs: ArticleOutputs, spans: Sequence[tuple[int, int]]) -> list[list[tuple[str, float]]]:
        """TC: for each ``(start, end)`` span, the techniques ranked by probability."""
        if not spans:
            return []
        pooled = np.stack([self._pooled(text, outputs, start, end)[1] for start, end in spans])
        probabilities = softmax(pooled @ self.heads["tc.weight"].T + self.heads["tc.bias"])
        return [[(self.classes[i], float(row[i])) for i in np.argsort(-row, kind="stable")] for row in probabilities]

    def cues(self, text: str, outputs: ArticleOutputs, start: int, end: int, technique: str, limit: int = 3) -> tuple[str, ...]:
        """The words of span ``start:end`` that add most to ``technique``'s score: the TC head is linear in the
        mean of the span's piece states, so each piece's share of the score is exact."""
        index = outputs.pieces(start, end)
        if not len(index):
            return ()
        weight = self.heads["tc.weight"][self.classes.index(technique), : outputs.states.shape[1]]
        contribution = outputs.states[index] @ weight
        words: dict[tuple[int, int], float] = {}
        for piece, value in zip(index, contribution):
            word = widen_to_words(text, int(outputs.offsets[piece, 0]), int(outputs.offsets[piece, 1]))
            words[word] = words.get(word, 0.0) + float(value)
        ranked = sorted((item for item in words.items() if _CONTENT_WORD.search(text[item[0][0] : item[0][1]])),
                        key=lambda item: -item[1])  # fmt: skip
        return tuple(dict.fromkeys(text[a:b] for (a, b), value in ranked[:limit] if value > 0))

    def article_features(self, text: str, outputs: ArticleOutputs) -> np.ndarray:
        """The gate's features of an article (:func:`gate_features`, spans at the default threshold)."""
        return gate_features(outputs, len(self.find_spans(text, outputs)), len(text.split()))

    @property
    def gated(self) -> bool:
        """Whether the model has an article gate (trained against plain writing)."""
        return "gate.weight" in self.heads

    def persuasion(self, text: str, outputs: ArticleOutputs | None = None) -> float:
        """How persuasive the article reads (0 to 1): the gate over pooled SI outputs, or without a gate the
        mean B+I probability of its most likely pieces."""
        outputs = self.outputs(text) if outputs is None else outputs
        features = self.article_features(text, outputs)
        if not self.gated:
            return float(features[1])
        score = float(features @ self.heads["gate.weight"] + self.heads["gate.bias"][0])
        return 1.0 / (1.0 + np.exp(-score))

    def predict(self, text: str, *, threshold: float | None = None, outputs: ArticleOutputs | None = None,
                gate: bool = False) -> list[Prediction]:  # fmt: skip
        """FLC for one text: spans, their most likely technique, confidences and cues. With ``gate``, none in
        an article that the gate reads as plain writing (persuasion below :data:`GATE`)."""
        outputs = self.outputs(text) if outputs is None else outputs
        if gate and self.gated and self.persuasion(text, outputs) < GATE:
            return []
        found = self.find_spans(text, outputs, threshold=threshold)
        ranked = self.classify(text, outputs, [(start, end) for start, end, _ in found])
        predictions = []
        for (start, end, span_confidence), techniques in zip(found, ranked):
            technique, probability = techniques[0]
            predictions.append(Prediction(start, end, technique, probability, span_confidence,
                                          self.cues(text, outputs, start, end, technique)))  # fmt: skip
        return predictions

    def predict_articles(self, articles: Mapping[str, str], task: str, template: Iterable[Label] = (), *,
                         threshold: float | None = None) -> list[Label]:  # fmt: skip
        """PTC-format predictions for ``task`` (si, tc or flc); tc labels the spans of ``template``."""
        template_by_article: dict[str, list[Label]] = {}
        for label in template:
            template_by_article.setdefault(label.article_id, []).append(label)
        missing = sorted(set(template_by_article) - set(articles))
        if missing:
            raise ModelError(f"the TC template names articles that are not in the folder: {', '.join(missing[:5])}")
        out: list[Label] = []
        for article_id in sorted(articles):
            text = articles[article_id]
            if task == "tc":
                spans = template_by_article.get(article_id, [])
                if spans:
                    ranked = self.classify(text, self.outputs(text), [(label.start, label.end) for label in spans])
                    out += [Label(article_id, label.start, label.end, r[0][0]) for label, r in zip(spans, ranked)]
            elif task == "si":
                out += [Label(article_id, start, end) for start, end, _ in
                        self.find_spans(text, self.outputs(text), threshold=threshold)]  # fmt: skip
            else:
                out += [Label(article_id, p.start, p.end, p.technique) for p in self.predict(text, threshold=threshold)]
        return out


@functools.lru_cache(maxsize=4)
def load_model(folder: Path) -> TechniqueModel:
    """The model in ``folder``, loaded once per process."""
    if not (folder / "meta.json").exists():
        raise ModelError(f"no technique model in {folder}; train one with `presslens train techniques -o {folder}` "
                         "or `presslens ptc train ARTICLES LABELS -o FOLDER`")  # fmt: skip
    return TechniqueModel.load(folder)
