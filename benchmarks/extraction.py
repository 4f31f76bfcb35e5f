"""Article-text extraction: presslens's HTML reader against bare trafilatura, on the same pages in one run.

Input: a folder in the layout of the ScrapingHub article-extraction benchmark
(https://github.com/scrapinghub/article-extraction-benchmark): pages as
``html/ID.html.gz`` and a gold file (``ground-truth.json`` in the folder, or
``--gold``) mapping each page id to ``{"articleBody": ...}``. The folder
``benchmarks/pages`` holds a development set of that shape, written for
presslens (``benchmarks/pages/build_pages.py``).

    PYTHONPATH=src python benchmarks/extraction.py benchmarks/pages [--gold FILE] [--per-page]

Scoring is the benchmark's own: text split into ``\\w+`` tokens (case kept,
as its ``evaluate.py`` does), shingles of 4 tokens counted with multiplicity,
true/false positives and false negatives normalised per page, precision and
recall averaged over pages and F1 taken from the two averages.

presslens's article text is the page read as ``presslens analyze page.html``
reads it, less its title, standfirst, byline and caption blocks (the benchmark's
``articleBody`` is the body alone); the peer is
``trafilatura.extract(html, include_comments=False)``, as the benchmark runs it.
Prints both systems' precision, recall and F1 and the ratio of their F1.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from presslens.errors import InputError  # noqa: E402
from presslens.ingest import article_from_bytes  # noqa: E402
from presslens.settings import Settings  # noqa: E402

#: Blocks that are not the article body as the benchmark's annotators marked it.
NOT_BODY = frozenset({"title", "standfirst", "byline", "caption"})
SHINGLE = 4
_TOKEN = re.compile(r"\w+")


def shingles(text: str) -> Counter:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + SHINGLE]) for i in range(max(1, len(tokens) - SHINGLE + 1)) if tokens)


def page_counts(true: str, pred: str) -> tuple[float, float, float]:
    """Normalised (tp, fp, fn) of one page's shingles."""
    gold, found = shingles(true), shingles(pred)
    tp = sum((gold & found).values())
    fp = sum((found - gold).values())
    fn = sum((gold - found).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def _f1(tp: float, fp: float, fn: float) -> float:
    precision, recall = _precision(tp, fp, fn), _recall(tp, fp, fn)
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def scores(counts: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    """(precision, recall, F1) over pages, as the benchmark averages them."""
    precision = statistics.mean(_precision(*c) for c in counts if c[0] + c[1] > 0)
    recall = statistics.mean(_recall(*c) for c in counts if c[0] + c[2] > 0)
    return precision, recall, 2 * precision * recall / (precision + recall)


def presslens_body(html: bytes, page_id: str) -> str:
    try:
        article = article_from_bytes(html, source=page_id, settings=Settings(), hint=".html")
    except InputError:
        return ""
    return "\n\n".join(article.text[b.start : b.end] for b in article.blocks if b.kind not in NOT_BODY)


def peer_body(html: bytes) -> str:
    import trafilatura

    return trafilatura.extract(html.decode("utf-8", errors="replace"), include_comments=False) or ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", type=Path, help="folder holding html/ID.html.gz (and ground-truth.json)")
    parser.add_argument("--gold", type=Path, help="gold file (default: PAGES/ground-truth.json)")
    parser.add_argument("--per-page", action="store_true", help="also print each page's F1 for both systems")
    args = parser.parse_args()
    gold = json.loads((args.gold or args.pages / "ground-truth.json").read_text(encoding="utf-8"))
    systems: dict[str, list[tuple[float, float, float]]] = {"presslens": [], "trafilatura": []}
    for page_id, item in sorted(gold.items()):
        html = gzip.decompress((args.pages / "html" / f"{page_id}.html.gz").read_bytes())
        true = item.get("articleBody", "")
        for name, body in (("presslens", presslens_body(html, page_id)), ("trafilatura", peer_body(html))):
            systems[name].append(page_counts(true, body))
        if args.per_page:
            f1s = [_f1(*systems[name][-1]) for name in systems]
            print(f"{page_id:<28} presslens F1={f1s[0]:.3f}  trafilatura F1={f1s[1]:.3f}")
    results = {name: scores(counts) for name, counts in systems.items()}
    print(f"{len(gold)} pages")
    for name, (precision, recall, f1) in results.items():
        print(f"{name:<12} precision={precision:.3f}  recall={recall:.3f}  F1={f1:.3f}")
    print(f"F1 ratio presslens / trafilatura: {results['presslens'][2] / results['trafilatura'][2]:.3f}")


if __name__ == "__main__":
    main()
