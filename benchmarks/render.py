"""Rendering time of every output format, against JSON on the same report.

Peer: the JSON renderer (``json.dumps`` of the report contract), on the same
report in the same run; the ratio says what a human-readable format costs on
top of serialising. Also prints what importing each renderer module adds to
``import presslens`` in a fresh interpreter: part of the cold start of ``presslens analyze``.

    python benchmarks/render.py                          # the bundled example, default analyzers
    python benchmarks/render.py --report report.json     # a report saved with `presslens analyze -f json`
    python benchmarks/render.py --scale 20 --runs 7      # the article repeated 20 times, spans and all

Each figure is the median of ``--runs`` runs.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from dataclasses import replace
from importlib.resources import files
from pathlib import Path
from typing import Any

from presslens.article import Span
from presslens.ingest import finish_article
from presslens.ingest.plaintext import parse_plain_text
from presslens.pipeline import Pipeline
from presslens.render import FORMATS, get_renderer
from presslens.render.terminal import TerminalRenderer
from presslens.report import Report

from timing import median_seconds

#: The formats timed, the peer first.
TIMED = ("json", "text", "markdown", "html")


def example_report() -> Report:
    text = files("presslens").joinpath("examples", "baltic-drills.txt").read_text(encoding="utf-8")
    return Pipeline().analyze(finish_article(parse_plain_text(text)))


def shifted(value: Any, offset: int) -> Any:
    """``value`` with every span in it, nested ones too, moved ``offset`` characters on."""
    if isinstance(value, Span):
        return replace(value, start=value.start + offset, end=value.end + offset, attrs=shifted(value.attrs, offset))
    if isinstance(value, list):
        return [shifted(item, offset) for item in value]
    if isinstance(value, dict):
        return {key: shifted(item, offset) for key, item in value.items()}
    return value


def scaled(report: Report, times: int) -> Report:
    """The article text ``times`` over, with every layer's spans repeated in each copy."""
    text = report.article.text
    step = len(text) + 2
    layers = {name: [shifted(span, copy * step) for copy in range(times) for span in spans]
              for name, spans in report.layers.items()}
    article = replace(report.article, text="\n\n".join([text] * times))
    return Report(article=article, layers=layers, summary=report.summary, analyzers=report.analyzers,
                  warnings=report.warnings)




def import_seconds(module: str, runs: int) -> float:
    code = f"import time, presslens.report; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    return statistics.median(
        float(subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout)
        for _ in range(runs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report", type=Path, help="a report saved as JSON (default: analyse the bundled example)")
    parser.add_argument("--scale", type=int, default=1, help="repeat the article and its spans this many times")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    base = (Report.from_dict(json.loads(args.report.read_text(encoding="utf-8"))) if args.report
            else example_report())
    report = scaled(base, args.scale)
    spans = sum(len(spans) for spans in report.layers.values())
    print(f"report: {len(report.article.text):,} characters, {spans:,} spans in {len(report.layers)} layers "
          f"(scale {args.scale}); median of {args.runs} runs")
    renderers = {name: TerminalRenderer(color=False) if name == "text" else get_renderer(name) for name in TIMED}
    peer = None
    print(f"{'format':<10}{'render ms':>11}{'x json':>9}{'output chars':>15}{'import ms':>11}")
    for name, renderer in renderers.items():
        seconds = median_seconds(lambda: renderer.render(report), args.runs)
        peer = peer or seconds
        size = len(renderer.render(report))
        imported = import_seconds(FORMATS[name], args.runs)
        print(f"{name:<10}{seconds * 1000:>11.1f}{seconds / peer:>9.1f}{size:>15,}{imported * 1000:>11.0f}")


if __name__ == "__main__":
    main()
