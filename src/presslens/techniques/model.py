"""The technique model: a CRF that finds technique spans and a linear classifier that names them.

:class:`TechniqueModel` follows scikit-learn: ``__init__`` stores options,
``fit`` learns and returns self, learned state ends in ``_``, ``save``/``load``
round-trip a model folder::

    model = TechniqueModel(seed=13).fit(articles, labels)   # articles: {id: text}
    model.save("models/techniques")
    model = TechniqueModel.load("models/techniques")
    spans = model.predict_doc(doc)                         # doc: spaCy Doc of the text

A model folder holds ``tagger.crfsuite`` (python-crfsuite), ``cues.json`` (the
CRF attributes that most favour a span, to explain predictions), ``classifier.npz``
(weights of one-vs-rest logistic regressions over hashed n-gram features and,
unless ``embeddings=False``, the span's all-MiniLM-L6-v2 embedding; no pickle) and
``meta.json`` (options, decision threshold, what the model was trained on).
"""

from __future__ import annotations

import json
import random
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping

import numpy as np

from ..encoder import default_encoder
from ..errors import ModelError, NotFittedError
from ..nlp import load_pipeline
from ..settings import DEFAULT_SPACY_PIPELINE
from .features import (
    NUMERIC_OFFSET,
    Token,
    doc_tokens,
    hash_column,
    sentence_sequences,
    span_numeric_features,
    span_text_features,
    span_vector,
    word_ngrams,
)
from .formats import Label
from .scorer import merge_spans, score_si, score_tc
from .taxonomy import TECHNIQUES

#: The model shipped in the package.
DEFAULT_MODEL = Path(__file__).resolve().parents[1] / "models" / "techniques"

#: Version of the model folder layout; ``load`` refuses other versions.
FORMAT_VERSION = 3

#: Columns of the classifier that come from hashed n-grams and numeric cues; span embeddings follow.
SPARSE_COLUMNS = NUMERIC_OFFSET + len(span_numeric_features("x", 0, 1, (0, 1)))

#: How many CRF attributes (those most in favour of a span) are kept to explain predictions.
MAX_CUES = 5000


@dataclass(frozen=True)
class Prediction:
    """A predicted technique span, with what made the model flag it."""

    start: int
    end: int
    technique: str
    confidence: float
    span_confidence: float
    cues: tuple[str, ...]


def _title_end(text: str) -> int:
    first_break = text.find("\n")
    return first_break if first_break >= 0 else 0


def _tags(tokens: list[Token], spans: list[tuple[int, int]]) -> list[str]:
    """BIO tags of tokens against gold ``spans`` (a token overlapping a span is inside it)."""
    tags = []
    previous_span = None
    for token in tokens:
        inside = next((span for span in spans if token.start < span[1] and span[0] < token.end), None)
        if inside is None:
            tags.append("O")
        else:
            tags.append("I" if inside == previous_span else "B")
        previous_span = inside
    return tags


def decode_runs(probabilities: list[float], threshold: float, extend: float, max_gap: int) -> list[tuple[int, int]]:
    """Inclusive token ranges: runs of tokens at or above ``extend`` holding one at or above ``threshold``,
    joined when at most ``max_gap`` tokens apart."""
    runs: list[list[int]] = []
    position = 0
    while position < len(probabilities):
        if probabilities[position] < min(extend, threshold):
            position += 1
            continue
        last = position
        while last + 1 < len(probabilities) and probabilities[last + 1] >= min(extend, threshold):
            last += 1
        if max(probabilities[position : last + 1]) >= threshold:
            if runs and position - runs[-1][1] - 1 <= max_gap:
                runs[-1][1] = last
            else:
                runs.append([position, last])
        position = last + 1
    return [(first, last) for first, last in runs]


def _has_content_word(tokens: list[Token]) -> bool:
    """Whether a run of tokens holds a word that is neither a stop word nor punctuation."""
    return any("stop" not in token.features and "punct" not in token.features for token in tokens)


def _sentence_bounds(sentences: list[tuple[int, int]], start: int, end: int, text_length: int) -> tuple[int, int]:
    for first, last in sentences:
        if first <= start < last:
            return first, max(last, end)
    return 0, text_length


class TechniqueModel:
    """Span identification (CRF over tokens) followed by technique classification (logistic regression).

    ``threshold``: a span needs a token whose marginal probability of B or I
    (from the CRF) reaches it; ``extend_threshold``: the span takes in the
    neighbouring tokens that reach this lower probability; ``max_gap``: spans of a
    sentence this many tokens apart or fewer are joined. All three are tuned on
    held-out training articles.
    ``c1``, ``c2``: the CRF's L1 and L2 penalties; ``max_iterations``: its L-BFGS
    iterations; ``C``: inverse regularisation of the classifier; ``class_weight``:
    ``"balanced"`` weighs each technique's examples inversely to its frequency (or
    ``None``); ``embeddings``: add each span's all-MiniLM-L6-v2 embedding to the
    classifier's features (frozen encoder, ``presslens.encoder``); ``seed``:
    shuffling of the training data.
    """

    def __init__(
        self,
        *,
        threshold: float = 0.2,
        extend_threshold: float = 0.1,
        max_gap: int = 2,
        c1: float = 0.05,
        c2: float = 0.05,
        max_iterations: int = 100,
        C: float = 4.0,
        class_weight: str | None = "balanced",
        embeddings: bool = True,
        seed: int = 13,
        spacy_pipeline: str | None = None,
    ) -> None:
        self.threshold = threshold
        self.extend_threshold = extend_threshold
        self.max_gap = max_gap
        self.c1 = c1
        self.c2 = c2
        self.max_iterations = max_iterations
        self.C = C
        self.class_weight = class_weight
        self.embeddings = embeddings
        self.seed = seed
        self.spacy_pipeline = spacy_pipeline

    # ---------------------------------------------------------------- training

    def _parse(self, texts: Iterable[str]):
        return load_pipeline(self.spacy_pipeline or DEFAULT_SPACY_PIPELINE).pipe(texts, batch_size=16)

    def fit(self, articles: Mapping[str, str], labels: Iterable[Label], *, docs: Mapping[str, object] | None = None):
        """Learn from ``articles`` (id -> text) and their technique ``labels``; return self.

        ``docs`` (id -> spaCy Doc) skips parsing when the caller already has the parses.
        """
        labels = [label for label in labels if label.article_id in articles]
        if not labels:
            raise ModelError("no labels refer to the given articles; check that the article ids match")
        ids = sorted(articles)
        if docs is None:
            docs = dict(zip(ids, self._parse(articles[i] for i in ids)))
        by_article: dict[str, list[Label]] = {i: [] for i in ids}
        for label in labels:
            by_article[label.article_id].append(label)
        self._fit_tagger(ids, articles, docs, by_article)
        self._fit_classifier(ids, articles, docs, by_article)
        self.training_ = {"articles": len(ids), "spans": len(labels)}
        return self

    def _fit_tagger(self, ids, articles, docs, by_article) -> None:
        import pycrfsuite

        sequences = []
        for article_id in ids:
            spans = merge_spans((label.start, label.end) for label in by_article[article_id])
            for tokens in doc_tokens(docs[article_id], _title_end(articles[article_id])):
                sequences.append(([token.features for token in tokens], _tags(tokens, spans)))
        random.Random(self.seed).shuffle(sequences)
        trainer = pycrfsuite.Trainer(verbose=False)
        for features, tags in sequences:
            trainer.append(features, tags)
        trainer.set_params(
            {"c1": self.c1, "c2": self.c2, "max_iterations": self.max_iterations,
             "feature.possible_transitions": True}
        )
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "tagger.crfsuite"
            trainer.train(str(path))
            self.tagger_bytes_ = path.read_bytes()
        self._open_tagger()
        weights: dict[str, float] = {}
        for (attribute, label), weight in self.tagger_.info().state_features.items():
            if label in ("B", "I"):
                weights[attribute] = weights.get(attribute, 0.0) + weight
        strongest = sorted((item for item in weights.items() if item[1] > 0), key=lambda item: -item[1])
        self.cue_weights_ = {attribute: round(weight, 4) for attribute, weight in strongest[:MAX_CUES]}

    def _open_tagger(self) -> None:
        import pycrfsuite

        self.tagger_ = pycrfsuite.Tagger()
        self.tagger_.open_inmemory(self.tagger_bytes_)

    @staticmethod
    def _span_examples(text: str, doc, spans: list[tuple[int, int]]) -> list[tuple[list[int], list[float]]]:
        """The classifier's sparse features (columns, values) of each span."""
        if not spans:
            return []
        sentences = [
            (tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)) for tokens in sentence_sequences(doc)
        ]
        examples = []
        for start, end in spans:
            sentence = _sentence_bounds(sentences, start, end, len(text))
            examples.append(
                span_vector(
                    span_text_features(text, start, end, sentence), span_numeric_features(text, start, end, sentence)
                )
            )
        return examples

    def _embed(self, span_texts: list[str]) -> np.ndarray:
        """Span embeddings, ``(len(span_texts), 384)``; ``(n, 0)`` for a model without embeddings."""
        if not self.embeddings:
            return np.zeros((len(span_texts), 0), dtype=np.float32)
        return default_encoder().encode(span_texts)

    def _classifier_examples(self, ids, articles, docs, by_article):
        """Sparse features, span embeddings and techniques of the gold spans of articles ``ids``."""
        examples, span_texts, targets = [], [], []
        for article_id in ids:
            text, article_labels = articles[article_id], by_article[article_id]
            spans = [(label.start, label.end) for label in article_labels]
            examples += self._span_examples(text, docs[article_id], spans)
            span_texts += [text[start:end] for start, end in spans]
            targets += [label.technique for label in article_labels]
        # One call for all spans: the encoder batches them by length across articles.
        return examples, self._embed(span_texts), targets

    def _fit_classifier(self, ids, articles, docs, by_article) -> None:
        self._fit_classifier_examples(*self._classifier_examples(ids, articles, docs, by_article))

    def _fit_classifier_examples(self, examples, embedded, targets) -> None:
        from scipy.sparse import csr_matrix, hstack
        from sklearn.linear_model import LogisticRegression

        rows = [row for row, (columns, _) in enumerate(examples) for _ in columns]
        sparse = csr_matrix(
            ([v for _, values in examples for v in values], (rows, [c for columns, _ in examples for c in columns])),
            shape=(len(examples), SPARSE_COLUMNS),
        )
        matrix = hstack([sparse, csr_matrix(embedded)], format="csr")
        classes = sorted(set(targets))
        coef = np.zeros((len(classes), matrix.shape[1]))
        intercept = np.zeros(len(classes))
        if len(classes) > 1:
            # One-vs-rest logistic regressions (liblinear): seconds on PTC, where the multinomial
            # lbfgs fit took minutes; probabilities are the normalised one-vs-rest sigmoids.
            for row, name in enumerate(classes):
                binary = LogisticRegression(
                    C=self.C, solver="liblinear", class_weight=self.class_weight, random_state=self.seed
                )
                binary.fit(matrix, [target == name for target in targets])
                coef[row], intercept[row] = binary.coef_[0], binary.intercept_[0]
        self.classes_ = classes
        self.coef_ = coef.astype(np.float32)
        self.intercept_ = intercept.astype(np.float32)

    # ---------------------------------------------------------------- prediction

    def _check_fitted(self, part: str = "tagger_") -> None:
        """Raise unless ``part`` (``tagger_`` for span finding, ``coef_`` for classifying) has been learned."""
        if not hasattr(self, part):
            raise NotFittedError("this TechniqueModel is not fitted: call fit() or TechniqueModel.load(folder)")

    def token_probabilities(self, doc, text: str) -> list[tuple[list[Token], list[float]]]:
        """Each sentence's tokens with the probability that each is inside a technique span."""
        self._check_fitted()
        result = []
        labels = set(self.tagger_.labels())
        for tokens in doc_tokens(doc, _title_end(text)):
            self.tagger_.set([token.features for token in tokens])
            probabilities = [
                sum(self.tagger_.marginal(tag, position) for tag in ("B", "I") if tag in labels)
                for position in range(len(tokens))
            ]
            result.append((tokens, probabilities))
        return result

    def find_spans(self, doc, text: str, *, threshold: float | None = None, probabilities=None):
        """SI: ``(start, end, confidence, cues)`` for each predicted span.

        A span grows from tokens whose probability reaches ``threshold`` over
        neighbours that reach ``extend_threshold``; spans of one sentence at most
        ``max_gap`` tokens apart are joined; a span of stop words and punctuation alone (a lone "The")
        is dropped. ``probabilities``: the result of
        :meth:`token_probabilities` for ``doc``, if already computed.
        """
        threshold = self.threshold if threshold is None else threshold
        spans = []
        for tokens, token_probabilities in probabilities or self.token_probabilities(doc, text):
            for first, last in decode_runs(token_probabilities, threshold, self.extend_threshold, self.max_gap):
                run = tokens[first : last + 1]
                if not _has_content_word(run):
                    continue
                confidence = float(np.mean(token_probabilities[first : last + 1]))
                spans.append((run[0].start, run[-1].end, confidence, self._cues(run)))
        return spans

    def _cues(self, tokens: list[Token]) -> tuple[str, ...]:
        scored: dict[str, float] = {}
        for token in tokens:
            for attribute in token.features:
                weight = self.cue_weights_.get(attribute, 0.0)
                if weight > 0:
                    scored[attribute] = max(scored.get(attribute, 0.0), weight)
        return tuple(name for name, _ in sorted(scored.items(), key=lambda item: (-item[1], item[0]))[:3])

    def classify(self, text: str, doc, spans: list[tuple[int, int]]) -> list[list[tuple[str, float]]]:
        """TC: for each span, the techniques ranked by probability."""
        self._check_fitted("coef_")
        if not spans:
            return []
        sparse_scores = np.vstack(
            [self.coef_[:, columns] @ np.asarray(values, dtype=np.float32) for columns, values in
             self._span_examples(text, doc, spans)]
        )
        embedded = self._embed([text[start:end] for start, end in spans])
        scores = sparse_scores + embedded @ self.coef_[:, SPARSE_COLUMNS:].T + self.intercept_
        probabilities = 1.0 / (1.0 + np.exp(-scores))
        probabilities /= np.maximum(probabilities.sum(axis=1, keepdims=True), 1e-12)
        ranked = []
        for row in probabilities:
            order = np.argsort(-row, kind="stable")
            ranked.append([(self.classes_[i], float(row[i])) for i in order])
        return ranked

    def class_cues(self, document: str, technique: str, limit: int = 3) -> list[str]:
        """The words of ``document`` (n-grams not made of stop words alone) that most favour ``technique``."""
        from spacy.lang.en.stop_words import STOP_WORDS

        row = self.coef_[self.classes_.index(technique)]
        terms = {term for term in word_ngrams(document) if not all(word in STOP_WORDS for word in term.split())}
        weighted = [(term, float(row[hash_column(term, 0)])) for term in terms]
        best = sorted(weighted, key=lambda item: (-item[1], item[0]))[:limit]
        return [term for term, weight in best if weight > 0]

    def predict_doc(self, doc, *, threshold: float | None = None, probabilities=None) -> list[Prediction]:
        """FLC for one parsed text: spans, their most likely technique, confidences and cues."""
        text = doc.text
        found = self.find_spans(doc, text, threshold=threshold, probabilities=probabilities)
        ranked = self.classify(text, doc, [(start, end) for start, end, _, _ in found])
        predictions = []
        for (start, end, span_confidence, cues), techniques in zip(found, ranked):
            technique, probability = techniques[0]
            predictions.append(
                Prediction(start, end, technique, span_confidence * probability, span_confidence, cues)
            )
        return predictions

    def predict_articles(self, articles: Mapping[str, str], task: str, template: Iterable[Label] = ()) -> list[Label]:
        """PTC-format predictions for ``task`` (si, tc or flc); tc labels the spans of ``template``."""
        ids = sorted(articles)
        template_by_article: dict[str, list[Label]] = {}
        for label in template:
            template_by_article.setdefault(label.article_id, []).append(label)
        missing = sorted(set(template_by_article) - set(articles))
        if missing:
            raise ModelError(f"the TC template names articles that are not in the folder: {', '.join(missing[:5])}")
        out: list[Label] = []
        for article_id, doc in zip(ids, self._parse(articles[i] for i in ids)):
            text = articles[article_id]
            if task == "tc":
                spans = template_by_article.get(article_id, [])
                ranked = self.classify(text, doc, [(label.start, label.end) for label in spans])
                out += [Label(article_id, label.start, label.end, r[0][0]) for label, r in zip(spans, ranked)]
            elif task == "si":
                out += [Label(article_id, start, end) for start, end, _, _ in self.find_spans(doc, text)]
            else:
                out += [Label(article_id, p.start, p.end, p.technique) for p in self.predict_doc(doc)]
        return out

    # ---------------------------------------------------------------- persistence

    def options(self) -> dict:
        return {"threshold": self.threshold, "extend_threshold": self.extend_threshold, "max_gap": self.max_gap,
                "c1": self.c1, "c2": self.c2, "max_iterations": self.max_iterations,
                "C": self.C, "class_weight": self.class_weight, "embeddings": self.embeddings,
                "seed": self.seed, "spacy_pipeline": self.spacy_pipeline}

    def save(self, folder: str | Path, *, notes: Mapping | None = None) -> Path:
        """Write the model folder; ``notes`` (data used, figures) go into ``meta.json``."""
        self._check_fitted()
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "tagger.crfsuite").write_bytes(self.tagger_bytes_)
        np.savez_compressed(folder / "classifier.npz", coef=self.coef_, intercept=self.intercept_)
        (folder / "cues.json").write_text(json.dumps(self.cue_weights_, sort_keys=True), encoding="utf-8")
        meta = {"format_version": FORMAT_VERSION, "options": self.options(), "classes": self.classes_,
                "training": self.training_, "notes": dict(notes or {})}
        (folder / "meta.json").write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        return folder

    @classmethod
    def load(cls, folder: str | Path) -> "TechniqueModel":
        folder = Path(folder)
        try:
            meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
            tagger_bytes = (folder / "tagger.crfsuite").read_bytes()
            cue_weights = json.loads((folder / "cues.json").read_text(encoding="utf-8"))
            with np.load(folder / "classifier.npz") as weights:
                coef, intercept = weights["coef"], weights["intercept"]
        except (OSError, ValueError, KeyError) as exc:
            raise ModelError(
                f"{folder} is not a technique model folder (meta.json, tagger.crfsuite, cues.json, classifier.npz): {exc}"
            ) from exc
        if meta.get("format_version") != FORMAT_VERSION:
            raise ModelError(
                f"{folder}: model format {meta.get('format_version')!r} is not supported (expected {FORMAT_VERSION}); "
                "retrain it with `presslens ptc train`"
            )
        unknown = [name for name in meta["classes"] if name not in TECHNIQUES]
        if unknown:
            raise ModelError(f"{folder}: unknown techniques {unknown}; valid: {', '.join(TECHNIQUES)}")
        model = cls(**meta["options"])
        model.tagger_bytes_ = tagger_bytes
        model.classes_ = list(meta["classes"])
        model.coef_ = coef
        model.intercept_ = intercept
        model.training_ = meta["training"]
        model.cue_weights_ = cue_weights
        model.notes_ = meta["notes"]
        model._open_tagger()
        return model


#: Decoding settings tried on the held-out articles: (threshold, extend_threshold, max_gap).
DECODINGS = tuple(
    (threshold, extend, gap)
    for threshold in (0.15, 0.2, 0.25, 0.3, 0.4)
    for extend in (0.05, 0.1, 0.15)
    for gap in (0, 2, 5)
    if extend <= threshold
)


#: Inverse regularisation strengths of the classifier tried on the held-out articles.
C_VALUES = (4.0, 8.0, 16.0, 32.0, 64.0)


#: CRF penalties (c1 for L1, c2 for L2) tried on the held-out articles.
CRF_PENALTIES = ((0.05, 0.05), (0.2, 0.05), (0.05, 0.5), (0.2, 0.5), (0.5, 0.5))


def _labels_by_article(articles: Mapping[str, str], labels: Iterable[Label]) -> dict[str, list[Label]]:
    by_article: dict[str, list[Label]] = {i: [] for i in articles}
    for label in labels:
        if label.article_id in by_article:
            by_article[label.article_id].append(label)
    return by_article


def _tune_tagger(articles, docs, by_article, fit_ids, held_ids, penalties, decodings, options) -> list[dict]:
    """SI F1 on the held-out articles of a tagger fitted on the others, for each penalty pair and decoding."""
    held_labels = [label for i in held_ids for label in by_article[i]]
    results = []
    for c1, c2 in penalties:
        model = TechniqueModel(**{**options, "c1": c1, "c2": c2})
        model._fit_tagger(fit_ids, articles, docs, by_article)
        probabilities = {i: model.token_probabilities(docs[i], articles[i]) for i in held_ids}
        for threshold, extend, gap in decodings:
            model.extend_threshold, model.max_gap = extend, gap
            predicted = [
                Label(i, start, end)
                for i in held_ids
                for start, end, _, _ in model.find_spans(
                    docs[i], articles[i], threshold=threshold, probabilities=probabilities[i]
                )
            ]
            results.append({"c1": c1, "c2": c2, "threshold": threshold, "extend_threshold": extend, "max_gap": gap,
                            "f1": score_si(held_labels, predicted).overall.f1})
    return results


def _tune_classifier(articles, docs, by_article, fit_ids, held_ids, c_values, options) -> dict[float, float]:
    """TC micro-F1 on the held-out articles of a classifier fitted on the others, for each ``C``."""
    model = TechniqueModel(**options)
    fit_examples = model._classifier_examples(fit_ids, articles, docs, by_article)
    held_labels = [label for i in held_ids for label in by_article[i]]
    results = {}
    for c_value in c_values:
        model.C = c_value
        model._fit_classifier_examples(*fit_examples)
        predicted = []
        for i in held_ids:
            ranked = model.classify(articles[i], docs[i], [(label.start, label.end) for label in by_article[i]])
            predicted += [Label(i, g.start, g.end, r[0][0]) for g, r in zip(by_article[i], ranked)]
        results[c_value] = score_tc(held_labels, predicted).overall.f1
    return results


def train(
    articles: Mapping[str, str],
    labels: list[Label],
    *,
    docs: Mapping[str, object] | None = None,
    held_out: float = 0.15,
    penalties: Iterable[tuple[float, float]] = CRF_PENALTIES,
    decodings: Iterable[tuple[float, float, int]] = DECODINGS,
    c_values: Iterable[float] = C_VALUES,
    **options,
) -> tuple[TechniqueModel, dict]:
    """Fit a model, choosing its settings on held-out articles, then refit on everything.

    A seeded share ``held_out`` of the articles is set aside. Taggers fitted on
    the rest with each CRF penalty pair ``(c1, c2)`` pick, with the decoding
    ``(threshold, extend_threshold, max_gap)``, the combination with the best SI
    F1 on them; classifiers fitted on the rest pick the ``C`` with the best TC
    micro-F1. With fewer than two held-out articles the settings in ``options``
    (or the defaults) are kept. Returns the model fitted on all articles and a
    report of the tuning.
    """
    ids = sorted(articles)
    if docs is None:
        docs = dict(zip(ids, TechniqueModel(**options)._parse(articles[i] for i in ids)))
    shuffled = list(ids)
    random.Random(options.get("seed", 13)).shuffle(shuffled)
    held_ids = sorted(shuffled[: int(len(ids) * held_out)])
    report: dict = {"held_out_articles": len(held_ids)}
    if len(held_ids) >= 2:
        held = set(held_ids)
        fit_ids = [i for i in ids if i not in held]
        by_article = _labels_by_article(articles, labels)
        si_results = _tune_tagger(articles, docs, by_article, fit_ids, held_ids, list(penalties), list(decodings),
                                  options)
        best = max(si_results, key=lambda row: row["f1"])
        options.update({name: best[name] for name in ("c1", "c2", "threshold", "extend_threshold", "max_gap")})
        report["si_f1"] = best["f1"]
        report["si_f1_by_setting"] = [{**row, "f1": round(row["f1"], 4)} for row in si_results]
        report["tc_f1_by_C"] = _tune_classifier(articles, docs, by_article, fit_ids, held_ids, c_values, options)
        options["C"] = max(report["tc_f1_by_C"], key=report["tc_f1_by_C"].get)
        report["tc_f1"] = report["tc_f1_by_C"][options["C"]]
    model = TechniqueModel(**options).fit(articles, labels, docs=docs)
    report["C"] = model.C
    report["penalties"] = {"c1": model.c1, "c2": model.c2}
    report["decoding"] = {"threshold": model.threshold, "extend_threshold": model.extend_threshold,
                          "max_gap": model.max_gap}
    return model, report
