"""The whole reuse job on a synthetic corpus with planted reuse: time, peak memory, precision, recall.

presslens: shingling, windowed MinHash LSH candidates, alignment of every
candidate pair, provenance (origins, direct sources, outlet reuse, chains),
in ``--workers`` local processes. Peer, on the same corpus in the same run: a
straightforward datasketch pipeline (word 5-gram shingles, ``MinHash.bulk``,
``MinHashLSH`` at ``--peer-threshold``, every LSH pair taken as reuse), in one
process as datasketch offers. A pair is correct when the two articles hold a
paragraph of the same origin (see ``synthetic_corpus.py``). Times are wall
clock and CPU seconds (all processes), medians of ``--repeat`` runs; the load
average is printed because other jobs on the machine slow wall-clock figures
down (CPU seconds / workers is what an idle machine would take at best).

    python benchmarks/reuse.py --articles 20000 --workers 2
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic_corpus import Generator, truth_pairs  # noqa: E402

from presslens.corpus.reuse import ArticleInfo, ReuseParams, find_candidates, align_candidates, pair_records, \
    provenance  # noqa: E402
from presslens.parallel import LocalEngine  # noqa: E402


def presslens_job(documents, workers: int) -> tuple[set, dict]:
    texts = [d.text for d in documents]
    ids = [d.id for d in documents]
    params = ReuseParams()
    stages = {}
    with LocalEngine(workers) as engine:
        start = time.perf_counter()
        candidates = find_candidates(texts, params, engine=engine)
        stages["shingles, signatures, candidates"] = time.perf_counter() - start
        start = time.perf_counter()
        pairs = align_candidates(texts, candidates, params, engine=engine)
        stages["alignment"] = time.perf_counter() - start
    start = time.perf_counter()
    info = {d.id: ArticleInfo(d.id, d.outlet, d.published) for d in documents}
    result = provenance(pair_records(pairs, ids), info)
    stages["provenance"] = time.perf_counter() - start
    stages["candidate pairs"] = len(candidates)
    return {tuple(sorted((r["a"], r["b"]))) for r in result.pairs}, stages


def datasketch_job(documents, threshold: float, num_perm: int = 128) -> set:
    from datasketch import MinHash, MinHashLSH

    shingles = []
    for document in documents:
        words = document.text.lower().split()
        shingles.append([" ".join(words[i : i + 5]).encode() for i in range(len(words) - 4)])
    hashes = MinHash.bulk(shingles, num_perm=num_perm)
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    for document, minhash in zip(documents, hashes):
        lsh.insert(document.id, minhash)
    found = set()
    for document, minhash in zip(documents, hashes):
        for other in lsh.query(minhash):
            if other != document.id:
                found.add(tuple(sorted((document.id, other))))
    return found


def scores(found: set, truth: set) -> tuple[float, float]:
    correct = len(found & truth)
    return correct / max(len(found), 1), correct / max(len(truth), 1)


def peak_rss_mb(who) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def cpu_seconds() -> float:
    """CPU time of this process and its finished worker processes."""
    return sum(resource.getrusage(who).ru_utime + resource.getrusage(who).ru_stime
               for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=20000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--peer-threshold", type=float, default=0.5)
    parser.add_argument("--no-peer", action="store_true", help="Skip the datasketch pipeline.")
    args = parser.parse_args()
    documents = Generator().corpus(args.articles)
    truth = truth_pairs(documents)
    words = sum(len(d.text.split()) for d in documents) / len(documents)
    rss_corpus = peak_rss_mb(resource.RUSAGE_SELF)
    print(f"{args.articles} articles of {words:.0f} words, {len(truth)} planted pairs; {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.1f}; median of {args.repeat} runs")
    times, cpu, runs = [], [], []
    for _ in range(args.repeat):
        start, start_cpu = time.perf_counter(), cpu_seconds()
        found, stages = presslens_job(documents, args.workers)
        times.append(time.perf_counter() - start)
        cpu.append(cpu_seconds() - start_cpu)
        runs.append(stages)
    precision, recall = scores(found, truth)
    print(f"presslens ({args.workers} workers)   {statistics.median(times):7.2f} s   "
          f"(CPU {statistics.median(cpu):.2f} s in all processes)   P {precision:.4f}  R {recall:.4f}  "
          f"pairs {len(found)}  peak RSS: main {peak_rss_mb(resource.RUSAGE_SELF):.0f} MB "
          f"(corpus alone {rss_corpus:.0f} MB), largest worker {peak_rss_mb(resource.RUSAGE_CHILDREN):.0f} MB")
    for stage in runs[0]:
        values = [run[stage] for run in runs]
        figure = f"{statistics.median(values):.2f} s" if isinstance(values[0], float) else f"{values[0]:,}"
        print(f"    {stage:<34} {figure}")
    if args.no_peer:
        return
    peer_times, peer_cpu = [], []
    for _ in range(args.repeat):
        start, start_cpu = time.perf_counter(), cpu_seconds()
        peer_found = datasketch_job(documents, args.peer_threshold)
        peer_times.append(time.perf_counter() - start)
        peer_cpu.append(cpu_seconds() - start_cpu)
    peer_precision, peer_recall = scores(peer_found, truth)
    peer_time = statistics.median(peer_times)
    print(f"datasketch (1 process, threshold {args.peer_threshold})   {peer_time:7.2f} s   "
          f"(CPU {statistics.median(peer_cpu):.2f} s)   P {peer_precision:.4f}  "
          f"R {peer_recall:.4f}  pairs {len(peer_found)}")
    print(f"time ratio datasketch / presslens: {peer_time / statistics.median(times):.1f}x")


if __name__ == "__main__":
    main()
