"""What the entities and sources analyzers add to a bare spaCy parse.

Runs, on the same articles in the same process: (1) the bare spaCy parse,
(2) the parse plus the entities and sources analyzers; prints the median of
several runs of each and their ratio (the budget for the whole default
analysis is 1.25x a bare parse).

Articles: the bundled example, plus the reference article and the PTC dev
articles when ../shared is present (``PRESSLENS_SHARED`` overrides its place).

Usage::

    PYTHONPATH=src python benchmarks/bench_entities_sources.py [--runs 5] [--limit N]
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from presslens.ingest import read_inputs
from presslens.nlp import load_pipeline
from presslens.context import Context
from presslens.pipeline import Pipeline
from presslens.settings import Settings

from timing import median_seconds

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("PRESSLENS_SHARED", ROOT / ".." / "shared"))
INPUTS = [
    ROOT / "src" / "presslens" / "examples" / "baltic-drills.txt",
    SHARED / "examples" / "ru-main-2021-12-29-nato.txt",
    SHARED / "data" / "ptc" / "dev-articles",
]
ANALYZERS = ("entities", "sources")


def load_articles(settings: Settings):
    articles = []
    for path in INPUTS:
        if path.exists():
            articles += [result.article for result in read_inputs(str(path), settings) if result.article]
    return articles




def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--limit", type=int, default=None, help="use only the first N articles")
    args = parser.parse_args()
    settings = Settings(analyzers=ANALYZERS)
    articles = load_articles(settings)[: args.limit]
    nlp = load_pipeline(settings.spacy_pipeline)
    pipeline = Pipeline(settings)
    analyzers = [pipeline.analyzers[name] for name in pipeline.order]
    docs = [nlp(article.text) for article in articles]  # warm-up, and parses for the analyzers-only run

    def bare_parse():
        for article in articles:
            nlp(article.text)

    def parse_and_analyze():
        for article in articles:
            pipeline.analyze(article)

    def analyzers_only():
        for article, doc in zip(articles, docs):
            context = Context(article, doc=doc, settings=settings)
            for name, analyzer in zip(pipeline.order, analyzers):
                context.set_spans(name, analyzer.analyze(article, context))

    parse = median_seconds(bare_parse, args.runs)
    full = median_seconds(parse_and_analyze, args.runs)
    only = median_seconds(analyzers_only, args.runs)
    chars = sum(len(a.text) for a in articles)
    print(f"{len(articles)} articles, {chars} characters, median of {args.runs} runs")
    print(f"bare spaCy parse:            {parse * 1000:8.1f} ms")
    print(f"parse + entities + sources:  {full * 1000:8.1f} ms")
    print(f"entities + sources only:     {only * 1000:8.1f} ms")
    print(f"ratio (parse+analyzers)/parse: {full / parse:.3f}")
    print(f"ratio analyzers/parse:         {only / parse:.3f}  (steadier than the line above on a busy machine)")


if __name__ == "__main__":
    main()
