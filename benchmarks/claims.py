"""Claims and numeric checks per article, and what the two analyzers cost next to a bare spaCy parse.

Peer: ``nlp.pipe`` of the spaCy pipeline presslens uses, on the same texts in
the same run. The ``numbers`` and ``claims`` analyzers are timed on the parsed
docs (the pipeline parses once and shares the doc), with the layers they read
from other analyzers (``entities``, ``quotes``) computed beforehand, untimed; a
required analyzer that is not registered in this checkout reads as empty.
Their cost as a share of the parse is what they add to the default analysis
(target for the whole analysis: at most 1.25x the bare parse).

    python benchmarks/claims.py                      # 500 PolNeAR articles from ../shared
    python benchmarks/claims.py --corpus DIR --articles 200 --runs 5

Each time is the median of ``--runs`` runs.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import Counter
from pathlib import Path

from presslens.analyzers.claims import ClaimsAnalyzer
from presslens.analyzers.numbers import NumbersAnalyzer
from presslens.nlp import load_pipeline
from presslens.context import Context
from presslens.registry import registered_analyzers
from presslens.settings import Settings

from articles import DEFAULT_CORPUS, load_articles

#: Layers the claims analyzer reads from other analyzers.
UPSTREAM = ("entities", "quotes")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    articles = load_articles(args.corpus, args.articles)
    texts = [article.text for article in articles]
    nlp = load_pipeline(Settings().spacy_pipeline)  # the same cached pipeline (and vocab) the analyzers use
    numbers, claims = NumbersAnalyzer(), ClaimsAnalyzer()
    registered = registered_analyzers()
    missing = [name for name in UPSTREAM if name not in registered]

    parse_times, analyzer_times = [], []
    for _ in range(args.runs):
        start = time.perf_counter()
        docs = list(nlp.pipe(texts))
        parse_times.append(time.perf_counter() - start)
        contexts = []
        for article, doc in zip(articles, docs):
            context = Context(article, doc=doc)
            for name in UPSTREAM:
                if name in missing:
                    context.set_spans(name, [])
                else:
                    context.spans(name)
            contexts.append(context)
        start = time.perf_counter()
        results = []
        for article, context in zip(articles, contexts):
            checks = numbers.analyze(article, context)
            context.set_spans("numbers", checks)
            results.append((checks, claims.analyze(article, context)))
        analyzer_times.append(time.perf_counter() - start)

    parse_s, analyzers_s = statistics.median(parse_times), statistics.median(analyzer_times)
    claim_counts = [len(found) for _, found in results]
    check_counts = [len(checks) for checks, _ in results]
    verdicts = Counter(span.attrs["verdict"] for checks, _ in results for span in checks)
    kinds = Counter(span.label for checks, _ in results for span in checks)
    types = Counter(span.attrs["type"] for _, found in results for span in found)

    print(f"articles: {len(articles)} from {args.corpus}; runs: {args.runs}"
          + (f"; not registered here, read as empty: {', '.join(missing)}" if missing else ""))
    print(f"claims per article (checkworthiness >= {claims.min_score}): mean {statistics.mean(claim_counts):.2f}, "
          f"median {statistics.median(claim_counts)}, max {max(claim_counts)}; by type: {dict(types.most_common())}")
    print(f"numeric checks per article: mean {statistics.mean(check_counts):.2f}, "
          f"articles with any {sum(1 for c in check_counts if c)}; by check: {dict(kinds.most_common())}; "
          f"by verdict: {dict(verdicts.most_common())}")
    print(f"bare spaCy nlp.pipe      : {parse_s:7.2f} s ({1000 * parse_s / len(articles):6.1f} ms/article; runs: "
          + ", ".join(f"{t:.2f}" for t in parse_times) + ")")
    print(f"numbers + claims analyzers: {analyzers_s:7.2f} s ({1000 * analyzers_s / len(articles):6.1f} ms/article; runs: "
          + ", ".join(f"{t:.2f}" for t in analyzer_times) + ")")
    print(f"ratio (numbers + claims) / bare parse: {analyzers_s / parse_s:.3f}")


if __name__ == "__main__":
    main()
