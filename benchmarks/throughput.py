"""Throughput of the full default analysis against a bare spaCy parse of the same articles.

Peer: ``nlp.pipe`` of the same spaCy pipeline presslens uses, on the same texts,
in the same run. Target: presslens takes at most 1.25x the bare parse time.
Also prints the cold start of ``presslens analyze`` on one article and peak RSS.

    python benchmarks/throughput.py                 # 500 PolNeAR articles from ../shared
    python benchmarks/throughput.py --corpus DIR --articles 200 --runs 5

Each figure is the median of ``--runs`` runs; the two systems alternate within
a run so that machine noise hits both alike.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from presslens.nlp import load_pipeline
from presslens.context import Context
from presslens.pipeline import Pipeline

from articles import DEFAULT_CORPUS, REPO, load_articles

EXAMPLE = REPO / "src" / "presslens" / "examples" / "baltic-drills.txt"


def time_it(function) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def analyzer_seconds(pipeline: Pipeline, articles, docs) -> dict[str, float]:
    """Time each analyzer alone over already-parsed docs, in pipeline order."""
    totals = dict.fromkeys(pipeline.order, 0.0)
    for article, doc in zip(articles, docs):
        context = Context(article, doc=doc, settings=pipeline.settings)
        for name in pipeline.order:
            start = time.perf_counter()
            context.set_spans(name, pipeline.analyzers[name].analyze(article, context))
            totals[name] += time.perf_counter() - start
    return totals


def cold_start_seconds() -> float:
    command = [sys.executable, "-m", "presslens.cli", "analyze", "--format", "json", str(EXAMPLE)]
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    articles = load_articles(args.corpus, args.articles)
    texts = [article.text for article in articles]
    words = sum(len(text.split()) for text in texts)
    nlp = load_pipeline()
    pipeline = Pipeline()
    list(pipeline.analyze_many(articles[:5]))  # load every model before timing

    bare, full = [], []
    for _ in range(args.runs):
        bare.append(time_it(lambda: list(nlp.pipe(texts, batch_size=pipeline.settings.batch_size))))
        full.append(time_it(lambda: list(pipeline.analyze_many(articles))))
    bare_s, full_s = statistics.median(bare), statistics.median(full)

    print(f"articles: {len(articles)} ({words:,} words) from {args.corpus}; runs: {args.runs}; "
          f"analyzers: {', '.join(pipeline.order)}")
    print(f"bare spaCy nlp.pipe : {bare_s:7.2f} s  {len(articles) / bare_s:7.1f} articles/s  (runs: "
          + ", ".join(f"{t:.2f}" for t in bare) + ")")
    print(f"presslens analysis  : {full_s:7.2f} s  {len(articles) / full_s:7.1f} articles/s  (runs: "
          + ", ".join(f"{t:.2f}" for t in full) + ")")
    print(f"ratio presslens / bare spaCy: {full_s / bare_s:.3f}  (target <= 1.25)")
    docs = list(nlp.pipe(texts, batch_size=pipeline.settings.batch_size))
    shares = analyzer_seconds(pipeline, articles, docs)
    print("each analyzer alone, as a share of the median bare parse: "
          + ", ".join(f"{name} {seconds / bare_s:.3f}" for name, seconds in shares.items()))
    cold = [cold_start_seconds() for _ in range(args.runs)]
    print(f"cold start `presslens analyze --format json` on one article: {statistics.median(cold):.2f} s "
          "(median; runs: " + ", ".join(f"{t:.2f}" for t in cold) + ")")
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak RSS: this benchmark process {own:.0f} MiB; one-article CLI run {child:.0f} MiB")


if __name__ == "__main__":
    main()
