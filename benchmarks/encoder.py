"""The onnxruntime encoder against the numpy BERT it replaced, on the same texts.

Prints, as medians over ``--runs`` runs:
- encoding speed of the PTC dev gold span texts (the technique classifier's workload) with the numpy
  encoder that presslens used before (kept below, in this benchmark only), onnxruntime fp32 and int8,
  and the speed ratios;
- cosine between the numpy and onnxruntime vectors (fp32 and int8);
- task figures of fp32 against int8: PTC dev TC micro-F1 and, where the fine-tuned claims model is
  shipped, ClaimBuster test positive-class P/R/F1;
- cold start of ``presslens analyze`` on one article (a fresh process, graphs already cached): wall and
  CPU seconds (user + system; on a shared machine the wall time follows the load, the CPU time much
  less), and the peak RSS of that process.

Run: ``nice python benchmarks/encoder.py [--runs 3] [--limit N] [--skip-tasks | --only claims|cold-start]``
(``--only claims``: the ClaimBuster row alone, fp32 against int8, to check a retrained claims model;
``--only cold-start``: the cold start alone).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import presslens.encoder as encoder_module  # noqa: E402
from presslens.encoder import Encoder, bundled_model_dir, length_batches, mean_pool  # noqa: E402
from presslens.techniques.formats import read_articles, read_labels  # noqa: E402
from timing import median_seconds  # noqa: E402

EXAMPLE = ROOT / "src" / "presslens" / "examples" / "baltic-drills.txt"


class NumpyEncoder:
    """The numpy all-MiniLM-L6-v2 that ``presslens.embeddings`` was (erf GELU by Abramowitz & Stegun 7.1.26)."""

    def __init__(self) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        directory = bundled_model_dir()
        self.w = load_file(str(directory / "model.safetensors"))
        self.tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=256)
        self.tokenizer.no_padding()

    def encode(self, texts, batch_size=32):
        out = np.zeros((len(texts), 384), dtype=np.float32)
        encodings = self.tokenizer.encode_batch(list(texts))
        for chunk in length_batches([len(e.ids) for e in encodings], batch_size):
            width = len(encodings[chunk[-1]].ids)
            ids = np.zeros((len(chunk), width), dtype=np.int64)
            mask = np.zeros((len(chunk), width), dtype=np.float32)
            for row, index in enumerate(chunk):
                ids[row, : len(encodings[index].ids)] = encodings[index].ids
                mask[row, : len(encodings[index].ids)] = 1.0
            out[chunk] = mean_pool(self.states(ids, mask), mask)
        return out

    @staticmethod
    def _norm(x, weight, bias):
        mean = x.mean(-1, keepdims=True)
        return (x - mean) / np.sqrt(((x - mean) ** 2).mean(-1, keepdims=True) + 1e-12) * weight + bias

    @staticmethod
    def _gelu(x):
        z = np.abs(x) * np.float32(1.0 / math.sqrt(2.0))
        t = 1.0 / (1.0 + np.float32(0.3275911) * z)
        tail = np.float32(1.061405429) * t - np.float32(1.453152027)
        for coefficient in (1.421413741, -0.284496736, 0.254829592):
            tail = tail * t + np.float32(coefficient)
        tail = tail * t * np.exp(-(z * z))
        return np.where(x >= 0, x - 0.5 * x * tail, 0.5 * x * tail)

    def states(self, ids, mask):
        w, (batch, length) = self.w, ids.shape
        x = (w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:length][None]
             + w["embeddings.token_type_embeddings.weight"][0])  # fmt: skip
        x = self._norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        bias = ((1.0 - mask) * -1e9)[:, None, None, :].astype(np.float32)
        for layer in range(6):
            p = f"encoder.layer.{layer}."

            def dense(values, name):
                flat = values.reshape(-1, values.shape[-1]) @ w[f"{p}{name}.weight"].T + w[f"{p}{name}.bias"]
                return flat.reshape(batch, length, -1)

            def heads(values):
                return values.reshape(batch, length, 12, 32).transpose(0, 2, 1, 3)

            q, k, v = (heads(dense(x, f"attention.self.{n}")) for n in ("query", "key", "value"))
            scores = q @ k.transpose(0, 1, 3, 2) / math.sqrt(32) + bias
            probs = np.exp(scores - scores.max(-1, keepdims=True))
            probs /= probs.sum(-1, keepdims=True)
            context = (probs @ v).transpose(0, 2, 1, 3).reshape(batch, length, 384)
            x = self._norm(dense(context, "attention.output.dense") + x, w[f"{p}attention.output.LayerNorm.weight"],
                           w[f"{p}attention.output.LayerNorm.bias"])  # fmt: skip
            x = self._norm(dense(self._gelu(dense(x, "intermediate.dense")), "output.dense") + x,
                           w[f"{p}output.LayerNorm.weight"], w[f"{p}output.LayerNorm.bias"])  # fmt: skip
        return x


def cosines(a: np.ndarray, b: np.ndarray) -> str:
    values = (a * b).sum(1)
    return f"min {values.min():.5f}, median {np.median(values):.5f}"


def tc_f1(ptc: Path, encoder: Encoder) -> float:
    from presslens.analyzers.techniques import DEFAULT_MODEL
    from presslens.techniques.model import TechniqueModel
    from presslens.techniques.scorer import score_tc

    gold = read_labels(ptc / "dev-task-flc-tc.labels", "tc")
    original = encoder_module.default_encoder
    encoder_module.default_encoder = lambda: encoder
    try:
        predicted = TechniqueModel.load(DEFAULT_MODEL).predict_articles(read_articles(ptc / "dev-articles"), "tc", gold)
    finally:
        encoder_module.default_encoder = original
    return score_tc(gold, predicted).overall.f1


def claims_figures(claimbuster: Path, encoder: Encoder) -> dict:
    from presslens.claims.model import MODEL_DIR, ClaimClassifier
    from presslens.claims.train import load_claimbuster, positive_scores

    texts, labels = load_claimbuster(claimbuster / "test.json")
    return positive_scores(labels, ClaimClassifier.load(MODEL_DIR, encoder=encoder).predict(texts))


def _children_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def cold_start(runs: int) -> tuple[float, float, float]:
    """Median wall and CPU seconds of ``presslens analyze`` on the example article, and the largest peak RSS
    in MB."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    command = [sys.executable, "-m", "presslens.cli", "analyze", str(EXAMPLE), "--format", "json"]
    subprocess.run(command, env=env, check=True, capture_output=True)  # graphs built and cached
    walls, cpus = [], []
    for _ in range(runs):
        start, cpu = time.perf_counter(), _children_cpu_seconds()
        subprocess.run(command, env=env, check=True, capture_output=True)
        walls.append(time.perf_counter() - start)
        cpus.append(_children_cpu_seconds() - cpu)
    return statistics.median(walls), statistics.median(cpus), resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def print_cold_start(runs: int) -> None:
    wall, cpu, rss = cold_start(runs)
    print(f"cold start of `presslens analyze` on {EXAMPLE.name}: wall {wall:.2f} s, CPU {cpu:.2f} s "
          f"(medians of {runs}), peak RSS {rss:.0f} MB")


def main() -> None:
    shared = Path(os.environ.get("PRESSLENS_SHARED", ROOT / ".." / "shared"))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ptc", type=Path, default=shared / "data" / "ptc")
    parser.add_argument("--claimbuster", type=Path, default=shared / "data" / "claimbuster")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--limit", type=int, default=None, help="encode only the first N span texts")
    parser.add_argument("--skip-tasks", action="store_true", help="no PTC/ClaimBuster task figures")
    parser.add_argument("--only", choices=["claims", "cold-start"], default=None,
                        help="only the ClaimBuster figures (fp32 and int8), or only the cold start")
    args = parser.parse_args()
    if args.only == "claims":
        fp32, int8 = Encoder.load(), Encoder.load(quantize=True)
        print(f"ClaimBuster test, positive class: fp32 {claims_figures(args.claimbuster, fp32)}, "
              f"int8 {claims_figures(args.claimbuster, int8)}")
        return
    if args.only == "cold-start":
        print_cold_start(args.runs)
        return

    articles = read_articles(args.ptc / "dev-articles")
    texts = [articles[label.article_id][label.start : label.end]
             for label in read_labels(args.ptc / "dev-task-flc-tc.labels", "tc")][: args.limit]  # fmt: skip
    print(f"texts: {len(texts)} PTC dev gold spans, {sum(len(t.split()) for t in texts)} words")
    numpy_encoder, fp32, int8 = NumpyEncoder(), Encoder.load(), Encoder.load(quantize=True)
    vectors = {}
    timings = {}
    for name, model in (("numpy", numpy_encoder), ("onnxruntime fp32", fp32), ("onnxruntime int8", int8)):
        vectors[name] = model.encode(texts)
        timings[name] = median_seconds(lambda model=model: model.encode(texts), args.runs)
        print(f"{name:18s} {len(texts) / timings[name]:8.1f} texts/s  ({timings[name]:.2f} s, median of {args.runs})")
    print(f"speed ratio fp32 / numpy: {timings['numpy'] / timings['onnxruntime fp32']:.2f}x; "
          f"int8 / numpy: {timings['numpy'] / timings['onnxruntime int8']:.2f}x")
    print(f"cosine numpy vs fp32: {cosines(vectors['numpy'], vectors['onnxruntime fp32'])}")
    print(f"cosine numpy vs int8: {cosines(vectors['numpy'], vectors['onnxruntime int8'])}")
    if not args.skip_tasks:
        print(f"PTC dev TC micro-F1: fp32 {tc_f1(args.ptc, fp32):.4f}, int8 {tc_f1(args.ptc, int8):.4f}")
        from presslens.claims.model import MODEL_DIR

        if (MODEL_DIR / "model.onnx").exists():
            print(f"ClaimBuster test, positive class: fp32 {claims_figures(args.claimbuster, fp32)}, "
                  f"int8 {claims_figures(args.claimbuster, int8)}")
    print_cold_start(args.runs)


if __name__ == "__main__":
    main()
