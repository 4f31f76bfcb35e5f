"""The corpus path at scale, through the CLI: ``corpus add`` rate, ``corpus reuse`` wall and peak RSS, P and R.

Generates ``--articles`` synthetic articles with planted reuse (with
``synthetic_corpus.py``, in a child process, so that this one stays small and
the children's peak RSS is their own), of which the last ``--incremental`` share is held
back; adds the rest with ``presslens corpus add`` and runs ``presslens corpus
reuse``, each in its own process (peak RSS is that process's, from
``wait4``); then adds the held-back articles and runs the reuse job again,
which signs, joins and aligns only what they bring. Precision and recall of
the stored pairs are scored against the planted truth of the whole corpus.
With ``--peer``, the datasketch pipeline of ``reuse.py`` (``MinHash.bulk`` +
``MinHashLSH``) runs on the same articles in this process, for comparison.
With ``--stage-cpu``, the reuse job also runs on a copy of the database in
this process alone, and the CPU seconds of each stage are printed: on a
machine shared with other jobs they say where the time goes better than wall
clocks do.
The load average is printed: other jobs on the machine slow wall-clock
figures down.

    nice python benchmarks/corpus_scale.py --articles 100000 --workers 2 --peer
    nice python benchmarks/corpus_scale.py --articles 10000 --stage-cpu
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent))
HERE = Path(__file__).resolve().parent


def run_cli(*arguments: str) -> tuple[float, float, float]:
    """Run ``presslens ARGS`` in a child process: (wall s, CPU s of it and its workers, peak RSS MB of the
    process and its workers together, sampled every 0.1 s)."""
    import psutil

    start = time.perf_counter()
    child = psutil.Popen([sys.executable, "-m", "presslens.cli", *arguments, "--no-progress"],
                         stdout=subprocess.DEVNULL)
    peak, cpu = 0, {}
    while child.poll() is None:
        try:
            tree = [child, *child.children(recursive=True)]
            peak = max(peak, sum(process.memory_info().rss for process in tree))
            for process in tree:
                times = process.cpu_times()
                cpu[process.pid] = times.user + times.system
        except psutil.Error:
            pass
        time.sleep(0.1)
    wall = time.perf_counter() - start
    if child.returncode != 0:
        raise SystemExit(f"presslens {' '.join(arguments)} failed")
    return wall, sum(cpu.values()), peak / 2**20


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def stored_pairs(db: Path) -> set[tuple[str, str]]:
    with sqlite3.connect(db) as connection:
        return {tuple(sorted(row)) for row in connection.execute("SELECT a, b FROM reuse")}


def scores(found: set, truth: set) -> str:
    correct = len(found & truth)
    return f"P {correct / max(len(found), 1):.4f}  R {correct / max(len(truth), 1):.4f}  pairs {len(found)}"


def stage_cpu(db: Path, copy: Path) -> str:
    """CPU seconds of each stage of the reuse job, run in this process on a copy of ``db``."""
    from presslens.corpus.reuse import store_reuse
    from presslens.corpus.store import Store

    shutil.copy(db, copy)
    marks = []

    def on_stage(stage: str, total: int):
        marks.append((stage, time.process_time()))
        return lambda n: None

    with Store(copy) as store:
        store_reuse(store, on_stage=on_stage)
    marks.append(("end", time.process_time()))
    return ", ".join(f"{stage} {end - start:.2f}" for (stage, start), (_, end) in zip(marks, marks[1:]))


def split_lines(source: Path, first: Path, later: Path, count: int) -> None:
    """The first ``count`` lines of ``source`` into ``first``, the rest into ``later``."""
    with open(source, "rb") as lines, open(first, "wb") as head, open(later, "wb") as tail:
        for number, line in enumerate(lines):
            (head if number < count else tail).write(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--incremental", type=float, default=0.01, help="Share of articles added afterwards.")
    parser.add_argument("--peer", action="store_true", help="Also run the datasketch pipeline (reuse.py).")
    parser.add_argument("--dir", type=Path, help="Working directory (default: a temporary one).")
    parser.add_argument("--stage-cpu", action="store_true", help="Also print the CPU seconds of each reuse stage.")
    args = parser.parse_args()
    held_back = int(args.articles * args.incremental)
    with tempfile.TemporaryDirectory(dir=args.dir) as directory:
        work = Path(directory)
        every, first, later, db = work / "all.jsonl", work / "first.jsonl", work / "later.jsonl", work / "corpus.db"
        subprocess.run([sys.executable, str(HERE / "synthetic_corpus.py"), "--articles", str(args.articles),
                        "--out", str(every), "--truth", str(work / "truth.jsonl")], check=True)
        truth = {tuple(sorted(json.loads(line).values())) for line in open(work / "truth.jsonl")}
        split_lines(every, first, later, args.articles - held_back)
        print(f"{args.articles} articles ({held_back} added later), {len(truth)} planted pairs; "
              f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; one run each")
        reuse = ["corpus", "reuse", "--db", str(db), "--workers", str(args.workers), "--format", "jsonl"]
        wall, cpu, rss = run_cli("corpus", "add", "--db", str(db), str(first))
        added = args.articles - held_back
        print(f"corpus add       {wall:7.1f} s  (CPU {cpu:.1f} s)  {added / wall:,.0f} articles/s "
              f"({added / cpu:,.0f} per CPU second)  peak RSS {rss:.0f} MB")
        if args.stage_cpu:
            print(f"reuse CPU s      {stage_cpu(db, work / 'copy.db')}  (1 process)")
        wall, cpu, rss = run_cli(*reuse)
        print(f"corpus reuse     {wall:7.1f} s  (CPU {cpu:.1f} s, all processes)  peak RSS {rss:.0f} MB "
              f"(all processes)")
        full = wall
        if held_back:
            add_wall, _, _ = run_cli("corpus", "add", "--db", str(db), str(later))
            wall, cpu, rss = run_cli(*reuse)
            print(f"incremental      add {add_wall:.1f} s + reuse {wall:.1f} s for {held_back} articles "
                  f"({(add_wall + wall) / full:.1%} of the full reuse job)  peak RSS {rss:.0f} MB")
        print(f"stored pairs     {scores(stored_pairs(db), truth)}")
        print(f"database         {db.stat().st_size / 2**20:,.0f} MB")
        if args.peer:
            from reuse import datasketch_job

            documents = [SimpleNamespace(**json.loads(line)) for line in open(every, encoding="utf-8")]
            start = time.perf_counter()
            found = datasketch_job(documents, 0.5)
            print(f"datasketch       {time.perf_counter() - start:7.1f} s  (1 process, threshold 0.5)  "
                  f"{scores(found, truth)}  peak RSS of this process {peak_mb():.0f} MB")


if __name__ == "__main__":
    main()
