"""How long quote extraction takes per article, and its share of the whole default analysis.

Input: the first N (default 500) PolNeAR texts, train then dev, in file-name
order, from ``../shared/data/polnear`` (or ``--polnear DIR``), read as with
``--raw``. For each article the spaCy parse and every default analyzer are
timed separately, in one process; the quotes analyzer is then run
``--repeats`` more times on the same parse and its median is kept.

    PYTHONPATH=src python benchmarks/quotes.py [--articles 500] [--repeats 3]

Prints the median and mean milliseconds per article for quote extraction
(the quotes analyzer alone, its inputs already computed), for the spaCy parse,
for each other analyzer and for the whole default analysis, and the quotes
analyzer's share of the whole.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from presslens.context import Context  # noqa: E402
from presslens.eval.polnear import load_split  # noqa: E402
from presslens.pipeline import Pipeline  # noqa: E402
from presslens.settings import Settings  # noqa: E402


def default_polnear() -> Path:
    return Path(os.environ.get("PRESSLENS_SHARED", ROOT / ".." / "shared")) / "data" / "polnear"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--polnear", type=Path, default=default_polnear())
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    documents = load_split(args.polnear, "train", limit=args.articles)
    if len(documents) < args.articles:
        documents += load_split(args.polnear, "dev", limit=args.articles - len(documents))
    pipeline = Pipeline(Settings(raw=True))
    if "quotes" not in pipeline.order:
        sys.exit("the quotes analyzer is not among the default analyzers")
    nlp = pipeline.nlp
    nlp("Warm-up sentence, said the benchmark.")
    times: dict[str, list[float]] = defaultdict(list)
    for document in documents:
        article = document.article()
        start = time.perf_counter()
        doc = nlp(article.text)
        times["spaCy parse"].append(time.perf_counter() - start)
        context = Context(article, doc=doc, settings=pipeline.settings)
        for name in pipeline.order:
            start = time.perf_counter()
            spans = pipeline.analyzers[name].analyze(article, context)
            times[name].append(time.perf_counter() - start)
            context.set_spans(name, spans)
        repeats = []
        for _ in range(args.repeats):
            start = time.perf_counter()
            pipeline.analyzers["quotes"].analyze(article, context)
            repeats.append(time.perf_counter() - start)
        times["quotes"][-1] = statistics.median(times["quotes"][-1:] + repeats)
    whole = [sum(times[stage][i] for stage in times) for i in range(len(documents))]
    characters = sum(len(d.text) for d in documents)
    print(f"{len(documents)} PolNeAR articles ({characters / len(documents):,.0f} characters on average), "
          f"default analyzers: {', '.join(pipeline.order)}")
    print(f"{'stage':<22} {'median ms':>10} {'mean ms':>10} {'share':>7}")
    total = sum(whole)
    for stage, values in sorted(times.items(), key=lambda item: -sum(item[1])):
        print(f"{stage:<22} {statistics.median(values) * 1000:>10.1f} {statistics.mean(values) * 1000:>10.1f} "
              f"{sum(values) / total:>7.1%}")
    print(f"{'whole analysis':<22} {statistics.median(whole) * 1000:>10.1f} {statistics.mean(whole) * 1000:>10.1f} "
          f"{1:>7.0%}")
    print(f"quote extraction: {statistics.median(times['quotes']) * 1000:.1f} ms per article (median), "
          f"{sum(times['quotes']) / total:.1%} of the whole default analysis time")


if __name__ == "__main__":
    main()
