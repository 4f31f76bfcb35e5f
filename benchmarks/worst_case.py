"""Worst-case inputs: each one's wall time and peak memory, read and analysed as ``presslens analyze`` does.

Each case runs in a fresh process (so that its peak RSS is its own): the
spaCy pipeline and the default analyzers are loaded and warmed on a short
article first, then the case's bytes are read with
:func:`presslens.ingest.article_from_bytes` and analysed with
:class:`presslens.pipeline.Pipeline`. A case either finishes, is refused with
a presslens error (its code is printed), or is killed after ``--timeout``
seconds ("stalled"). The target: every case finishes or is refused within
30 s, with peak RSS under 1.5 GB.

Usage::

    PYTHONPATH=src python benchmarks/worst_case.py [--timeout 120] [--case NAME ...]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = (ROOT / "src" / "presslens" / "examples" / "baltic-drills.txt").read_text(encoding="utf-8")


def _repeat(unit: str, chars: int) -> str:
    return unit * (chars // len(unit))


#: name -> the input bytes. Shapes from issue 16 and the generator of adversarial shapes below.
CASES = {
    "50,000 straight quotes": lambda: b'"' * 50_000,
    "10,000 opening brackets": lambda: b"(" * 10_000 + b"x",
    "9,999 opening brackets, under the sentence limit": lambda: b"(" * 9_999 + b"x.",
    "9,999 apostrophes, under the sentence limit": lambda: b"'" * 9_999 + b"x.",
    "quote runs inside words": lambda: ("x" + '"' * 1_000 + "x ").encode() * 50,
    "100 KB of He said “yes”. in one paragraph": lambda: _repeat("He said “yes”. ", 100_000).encode(),
    "99 KB of He said “yes”. one per line": lambda: _repeat("He said “yes”.\n", 99_000).encode(),
    "He said “yes”. on 3,500 lines, at the token limit": lambda: "He said “yes”.\n".encode() * 3_500,
    "99 KB of a real article": lambda: _repeat(EXAMPLE + "\n\n", 99_000).encode(),
    "1 MB of a real article": lambda: _repeat(EXAMPLE + "\n\n", 1_000_000).encode(),
    "4.9 MB of text, under the byte limit": lambda: _repeat(EXAMPLE + "\n\n", 4_800_000).encode(),
    "one sentence of 100,000 characters": lambda: _repeat("word ", 100_000).encode(),
    "99 KB of numbers to check": lambda: _repeat("Of the 400 delegates, 120 voted, or 30 per cent. ", 99_000).encode(),
    "99 KB of short lines": lambda: _repeat("a\n", 99_000).encode(),
    "99 KB of names": lambda: _repeat("Putin met Biden and Lavrov in Geneva. ", 99_000).encode(),
    "HTML nested 10,000 deep": lambda: ("<div>" * 10_000 + "<p>" + EXAMPLE + "</p>").encode(),
    "99 KB of exclamation marks between words": lambda: _repeat("no!!!!!!!!!!!!way ", 99_000).encode(),
}


def run_case(name: str) -> dict:
    from presslens.article import Article
    from presslens.errors import PressLensError
    from presslens.ingest import article_from_bytes
    from presslens.pipeline import Pipeline
    from presslens.settings import Settings

    settings = Settings()
    pipeline = Pipeline(settings)
    pipeline.analyze(Article(text=EXAMPLE))
    data = CASES[name]()
    start = time.perf_counter()
    try:
        article = article_from_bytes(data, source=name, settings=settings)
        pipeline.analyze(article)
        outcome = "finished"
    except PressLensError as exc:
        outcome = f"refused {exc.code}"
    seconds = time.perf_counter() - start
    return {"case": name, "bytes": len(data), "outcome": outcome, "seconds": round(seconds, 2),
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--timeout", type=float, default=120.0, help="Seconds before a case counts as stalled.")
    parser.add_argument("--case", action="append", choices=list(CASES), help="Run only these cases.")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_case(args.child)))
        return
    print(f"{'case':<45} {'bytes':>10} {'outcome':<14} {'seconds':>8} {'peak RSS':>9}")
    for name in args.case or CASES:
        try:
            child = subprocess.run([sys.executable, __file__, "--child", name], capture_output=True, text=True,
                                   timeout=args.timeout, check=True)
            row = json.loads(child.stdout.strip().splitlines()[-1])
        except subprocess.TimeoutExpired:
            row = {"bytes": len(CASES[name]()), "outcome": "stalled", "seconds": args.timeout, "peak_rss_mb": "?"}
        except subprocess.CalledProcessError as exc:
            row = {"bytes": len(CASES[name]()), "outcome": "crashed", "seconds": "?", "peak_rss_mb": "?"}
            print(exc.stderr[-2000:], file=sys.stderr)
        print(f"{name:<45} {row['bytes']:>10,} {row['outcome']:<14} {row['seconds']:>8} {row['peak_rss_mb']:>6} MB",
              flush=True)


if __name__ == "__main__":
    main()
