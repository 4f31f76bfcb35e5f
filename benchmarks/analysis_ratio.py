"""The full default analysis against a bare spaCy parse of the same articles, and where the time goes.

Peer: ``nlp.pipe`` of the spaCy pipeline presslens uses, on the same texts, in the
same run (the two alternate within a run, so machine noise hits both alike).
Target: the whole default analysis, the encoder included, at most 1.5x the bare
parse. The encoder's sessions run once per text whichever layer asks (an
article's pass is cached for every layer that reads it), so its time is counted
once, and it is shown apart from the rules of the layer that calls it:

- ``encoder, shared lower layers``: the frozen layers 0-3 of all-MiniLM-L6-v2;
- ``encoder, base upper layers``: the frozen layers 4-5 (technique span vectors);
- ``claims top layers + head``: the fine-tuned layers of ``models/claims/model.onnx``.

Wall time and CPU time (this process, all threads) are both medians of
``--runs`` runs: on a shared machine the wall time swings with the load and the
CPU time much less.

    python benchmarks/analysis_ratio.py                       # 200 PolNeAR articles from ../shared
    python benchmarks/analysis_ratio.py --articles 50 --runs 5
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import defaultdict
from pathlib import Path

from presslens.claims.model import load_default_scorer
from presslens.context import Context
from presslens.encoder import default_encoder
from presslens.nlp import block_doc
from presslens.pipeline import Pipeline

from articles import DEFAULT_CORPUS, load_articles

TARGET = 1.5


def timed(function) -> tuple[float, float]:
    """Wall and CPU seconds of one call of ``function``."""
    wall, cpu = time.perf_counter(), time.process_time()
    function()
    return time.perf_counter() - wall, time.process_time() - cpu


def count_session_time(totals: dict[str, float], name: str, session) -> None:
    """Add the wall seconds of every ``session.run`` call to ``totals[name]``."""
    run = session.run

    def counted(*args, **kwargs):
        start = time.perf_counter()
        try:
            return run(*args, **kwargs)
        finally:
            totals[name] += time.perf_counter() - start

    session.run = counted


def layer_seconds(pipeline: Pipeline, articles, docs) -> dict[str, float]:
    """Wall seconds of each analyzer over parsed ``docs``, in pipeline order, with the encoder's sessions
    taken out of the analyzer that called them and counted under their own names."""
    totals: dict[str, float] = defaultdict(float)
    encoder, scorer = default_encoder(), load_default_scorer()
    sessions = {"encoder, shared lower layers": encoder.lower, "encoder, base upper layers": encoder.upper,
                "claims top layers + head": scorer.session}  # fmt: skip
    for name, session in sessions.items():
        count_session_time(totals, name, session)
    try:
        for article, doc in zip(articles, docs):
            context = Context(article, doc=doc, settings=pipeline.settings)
            for name in pipeline.order:
                inside = sum(totals[session] for session in sessions)
                start = time.perf_counter()
                context.set_spans(name, pipeline.analyzers[name].analyze(article, context))
                totals[name] += time.perf_counter() - start - (sum(totals[session] for session in sessions) - inside)
    finally:
        for session in sessions.values():
            del session.run
    return dict(totals)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    articles = load_articles(args.corpus, args.articles)
    pipeline = Pipeline()
    nlp = pipeline.nlp
    list(pipeline.analyze_many(articles[:5]))  # every model loaded before timing

    def parse():
        return list(nlp.pipe((block_doc(nlp, article) for article in articles), batch_size=pipeline.settings.batch_size))

    bare, full = [], []
    for _ in range(args.runs):
        bare.append(timed(parse))
        full.append(timed(lambda: list(pipeline.analyze_many(articles))))
    bare_wall, full_wall = statistics.median(t[0] for t in bare), statistics.median(t[0] for t in full)
    bare_cpu, full_cpu = statistics.median(t[1] for t in bare), statistics.median(t[1] for t in full)

    words = sum(len(article.text.split()) for article in articles)
    print(f"articles: {len(articles)} ({words:,} words) from {args.corpus}; runs: {args.runs}; "
          f"analyzers: {', '.join(pipeline.order)}")
    print(f"bare spaCy nlp.pipe : wall {bare_wall:7.2f} s, CPU {bare_cpu:7.2f} s  (wall runs: "
          + ", ".join(f"{t[0]:.2f}" for t in bare) + ")")
    print(f"default analysis    : wall {full_wall:7.2f} s, CPU {full_cpu:7.2f} s  (wall runs: "
          + ", ".join(f"{t[0]:.2f}" for t in full) + ")")
    print(f"ratio analysis / bare parse: wall {full_wall / bare_wall:.3f}, CPU {full_cpu / bare_cpu:.3f} "
          f"(target <= {TARGET})")
    shares = layer_seconds(pipeline, articles, parse())
    print("where the time goes besides the parse (wall seconds, share of the median bare parse):")
    for name, seconds in sorted(shares.items(), key=lambda item: -item[1]):
        print(f"  {name:30s} {seconds:7.2f} s  {seconds / bare_wall:6.3f}")


if __name__ == "__main__":
    main()
