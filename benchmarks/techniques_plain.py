"""Persuasion against plain writing: does the technique layer mark propaganda more than plain reporting?

Span density (spans per 1,000 words) of the shipped technique model on PTC dev articles (chosen for their
persuasion) and on plain writing: PolNeAR dev news reports from USA Today, the New York Times and
Politico, and the explainers in ``benchmarks/plain_explainers/`` (written for presslens, not taken from
anywhere). Prints the density of each set, their ratio, and the per-article ROC AUC of the density and of
the article's mean sentence score (``techniques_summary.sentences``) telling the two apart.

Run: ``nice python benchmarks/techniques_plain.py [--ptc ../shared/data/ptc] [--polnear ../shared/data/polnear]
[--model DIR]``.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from presslens.analyzers.techniques import DEFAULT_MODEL  # noqa: E402
from presslens.nlp import load_pipeline  # noqa: E402
from presslens.techniques.formats import read_articles  # noqa: E402
from presslens.techniques.model import TechniqueModel  # noqa: E402

#: PolNeAR publishers whose news reports make the plain set.
PLAIN_PUBLISHERS = ("usa-today", "nyt", "politico")
EXPLAINERS = ROOT / "benchmarks" / "plain_explainers"
_WORD = re.compile(r"\w+")


def plain_texts(polnear: Path) -> list[str]:
    """PolNeAR dev news reports of :data:`PLAIN_PUBLISHERS`, then the explainers."""
    reports = sorted(path for path in (polnear / "data" / "dev" / "text").glob("*.txt")
                     if path.name.startswith(PLAIN_PUBLISHERS))  # fmt: skip
    return [path.read_text(encoding="utf-8") for path in [*reports, *sorted(EXPLAINERS.glob("*.txt"))]]


def roc_auc(positive: list[float], negative: list[float]) -> float:
    """The probability that a positive scores above a negative (ties count half)."""
    wins = sum((p > n) + 0.5 * (p == n) for p in positive for n in negative)
    return wins / (len(positive) * len(negative))


def article_rows(model: TechniqueModel, nlp, texts: list[str]) -> list[tuple[int, int, float]]:
    """Per article: words, predicted spans, mean sentence score."""
    rows = []
    for doc in nlp.pipe(texts, batch_size=8):
        probabilities = model.token_probabilities(doc, doc.text)
        spans = len(model.predict_doc(doc, probabilities=probabilities))
        sentences = [max(p) for tokens, p in probabilities if tokens]
        rows.append((len(_WORD.findall(doc.text)), spans, sum(sentences) / max(len(sentences), 1)))
    return rows


def main() -> None:
    shared = Path(os.environ.get("PRESSLENS_SHARED", ROOT / ".." / "shared"))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ptc", type=Path, default=shared / "data" / "ptc")
    parser.add_argument("--polnear", type=Path, default=shared / "data" / "polnear")
    parser.add_argument("--model", type=Path, default=DEFAULT_MODEL)
    args = parser.parse_args()

    model, nlp = TechniqueModel.load(args.model), load_pipeline()
    persuasive = read_articles(args.ptc / "dev-articles")
    plain = plain_texts(args.polnear)
    sets = {"PTC dev": article_rows(model, nlp, [persuasive[i] for i in sorted(persuasive)]),
            "plain": article_rows(model, nlp, plain)}  # fmt: skip
    for name, rows in sets.items():
        print(f"{name}: {len(rows)} articles, {sum(r[0] for r in rows)} words, {sum(r[1] for r in rows)} spans, "
              f"{1000 * sum(r[1] for r in rows) / sum(r[0] for r in rows):.2f} per 1,000 words")
    density = {name: 1000 * sum(r[1] for r in rows) / sum(r[0] for r in rows) for name, rows in sets.items()}
    per_article = {name: [1000 * r[1] / max(r[0], 1) for r in rows] for name, rows in sets.items()}
    sentence = {name: [r[2] for r in rows] for name, rows in sets.items()}
    print(f"density ratio {density['PTC dev'] / density['plain']:.2f}; per-article AUC of density "
          f"{roc_auc(per_article['PTC dev'], per_article['plain']):.3f}, of the mean sentence score "
          f"{roc_auc(sentence['PTC dev'], sentence['plain']):.3f}")


if __name__ == "__main__":
    main()
