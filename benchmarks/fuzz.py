"""The long property run: many generated inputs through the library, every renderer and ingest.

The inputs and properties are those of ``tests/properties.py`` (the default test run tries a few
of them); here every example is checked and counted rather than stopping at the first failure.
Prints the number of examples of each kind, the unhandled exceptions (anything but a presslens
error) and the properties broken (a span out of bounds or not equal to its text, a renderer or
the JSON round trip failing), with the first few of each.

Usage::

    PYTHONPATH=src python benchmarks/fuzz.py --examples 100000 --seed 16

A line with the running counts is printed every ``--progress`` examples, so a long run that is stopped
early still says how far it got.
"""

from __future__ import annotations

import argparse
import collections
import sys
import time
import traceback
from pathlib import Path

from hypothesis import HealthCheck, given, seed, settings, strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import presslens  # noqa: E402
from presslens.errors import PressLensError  # noqa: E402
from properties import (  # noqa: E402
    analyze_bytes, check_report, encodings, fast_pipeline, html_pages, jsonl_lines, read_jsonl_lines, texts,
)

KINDS = ("library", "text file", "html", "jsonl")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--progress", type=int, default=5000, metavar="N",
                        help="Print the running counts every N examples (0: only at the end).")
    args = parser.parse_args()
    pipeline = fast_pipeline()
    counts: collections.Counter[str] = collections.Counter()
    unhandled: list[str] = []
    broken: list[str] = []

    def library(text):
        try:
            report = presslens.analyze(text)
        except PressLensError:
            return []
        return check_report(report)

    checks = {
        "library": (texts, library),
        "text file": (st.tuples(texts, encodings), lambda pair: analyze_bytes(
            pipeline, pair[0].encode(pair[1], errors="replace"), "a.txt")),
        "html": (html_pages, lambda page: analyze_bytes(pipeline, page.encode(), "page.html")),
        "jsonl": (st.lists(jsonl_lines, max_size=4), lambda lines: read_jsonl_lines(pipeline, lines)),
    }
    example = st.one_of(*(st.tuples(st.just(kind), strategy) for kind, (strategy, _) in checks.items()))

    @seed(args.seed)
    @settings(max_examples=args.examples, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(example)
    def run(drawn):
        kind, value = drawn
        counts[kind] += 1
        try:
            problems = checks[kind][1](value)
        except Exception:  # the very thing counted: an exception that is not a presslens error
            unhandled.append(f"{kind}: {value!r:.200}\n{traceback.format_exc(limit=4)}")
            problems = []
        broken.extend(f"{kind}: {problem}" for problem in problems)
        if args.progress and counts.total() % args.progress == 0:
            report(flush=True)

    def report(**options) -> None:
        print(f"{counts.total()} examples in {time.perf_counter() - start:.0f} s (seed {args.seed}): "
              + ", ".join(f"{kind} {counts[kind]}" for kind in KINDS)
              + f"; {len(unhandled)} unhandled exceptions, {len(broken)} broken properties", **options)

    start = time.perf_counter()
    run()
    if not args.progress or counts.total() % args.progress:
        report()
    print(f"{len(unhandled)} unhandled exceptions, {len(broken)} broken properties (spans out of bounds included)")
    for line in (unhandled + broken)[:10]:
        print("  " + line)


if __name__ == "__main__":
    main()
