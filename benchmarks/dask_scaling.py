"""The reuse job on a corpus store, on a local Dask cluster with 1 and 2 worker processes.

Each worker has one thread; tasks are the same chunks as with local
processes (signatures, partition joins, alignment), and their inputs (the
texts of a chunk, a partition's band keys) travel to the workers as task
arguments, as they would on a real cluster. The job's stored state is reset
before each run, so every run does the whole job. Prints the median wall
time of ``--repeat`` runs per cluster size and the scaling ratio.

    python benchmarks/dask_scaling.py --articles 10000
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic_corpus import Generator, truth_pairs  # noqa: E402

from presslens.article import Article  # noqa: E402
from presslens.corpus.reuse import store_reuse  # noqa: E402
from presslens.corpus.store import Store  # noqa: E402
from presslens.parallel import DaskEngine  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from distributed import Client, LocalCluster

    documents = Generator().corpus(args.articles)
    truth = truth_pairs(documents)
    directory = tempfile.TemporaryDirectory()
    store = Store(Path(directory.name) / "corpus.db")
    store.add_articles(Article(text=d.text, id=d.id, outlet=d.outlet, published=d.published) for d in documents)
    del documents
    print(f"{args.articles} articles, {len(truth)} planted pairs; {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.1f}; median of {args.repeat} runs")
    medians = {}
    for workers in (1, 2):
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster, \
                Client(cluster) as client:
            times = []
            for _ in range(args.repeat):
                store.reset_reuse_job()
                start = time.perf_counter()
                result = store_reuse(store, engine=DaskEngine(client))
                times.append(time.perf_counter() - start)
        medians[workers] = statistics.median(times)
        found = {tuple(sorted((r["a"], r["b"]))) for r in result.pairs}
        recall = len(found & truth) / max(len(truth), 1)
        print(f"{workers} worker(s)   {medians[workers]:7.2f} s   pairs {len(found)}  recall {recall:.4f}")
    print(f"scaling 1 -> 2 workers: {medians[1] / medians[2]:.2f}x")


if __name__ == "__main__":
    main()
