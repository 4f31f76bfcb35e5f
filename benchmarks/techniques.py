"""Persuasion against plain writing, and the technique layer's time against the bare spaCy parse.

Prints:
- span density (spans per 1,000 words) on PTC dev articles and on plain writing (PolNeAR dev news reports
  from USA Today, the New York Times and Politico, and the explainers in ``benchmarks/plain_explainers/``,
  written for presslens), their ratio, and the per-article ROC AUC of the density and of the article
  persuasion score, for the precise (default) and the recall view, with and without the article gate;
- time per article of the bare spaCy parse, the shared encoder pass (the lower layers, shared by every layer
  that reads the encoder) and the technique layer beyond it (its own layers, heads, decoding), as medians
  of ``--runs`` runs over the first ``--speed-limit`` dev articles.

Run: ``nice python benchmarks/techniques.py [--ptc ../shared/data/ptc] [--polnear ../shared/data/polnear]
[--model DIR]``. SI, TC and FLC figures on dev: ``presslens ptc eval``.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from presslens.encoder import default_encoder  # noqa: E402
from presslens.nlp import load_pipeline  # noqa: E402
from presslens.techniques.formats import read_articles  # noqa: E402
from presslens.techniques.model import GATE, MODEL_DIR, TechniqueModel  # noqa: E402
from timing import median_seconds  # noqa: E402

#: PolNeAR publishers whose news reports make the plain set.
PLAIN_PUBLISHERS = ("usa-today", "nyt", "politico")
EXPLAINERS = ROOT / "benchmarks" / "plain_explainers"
_WORD = re.compile(r"\w+")


def plain_texts(polnear: Path) -> dict[str, str]:
    """PolNeAR dev news reports of :data:`PLAIN_PUBLISHERS` and the explainers, by name."""
    texts = {path.stem: path.read_text(encoding="utf-8") for path in sorted((polnear / "data" / "dev" / "text").glob("*.txt"))
             if path.name.startswith(PLAIN_PUBLISHERS)}  # fmt: skip
    texts.update({f"explainer/{path.stem}": path.read_text(encoding="utf-8") for path in sorted(EXPLAINERS.glob("*.txt"))})
    return texts


def roc_auc(positive: list[float], negative: list[float]) -> float:
    """The probability that a positive scores above a negative (ties count half)."""
    wins = sum((p > n) + 0.5 * (p == n) for p in positive for n in negative)
    return wins / (len(positive) * len(negative))


def article_figures(model: TechniqueModel, texts: dict[str, str], thresholds: dict[str, float]) -> list[dict]:
    """Per article: words, the persuasion score, and each view's span count (ungated)."""
    rows = []
    for text in texts.values():
        outputs = model.outputs(text)
        row = {"words": len(_WORD.findall(text)), "persuasion": model.persuasion(text, outputs)}
        for view, threshold in thresholds.items():
            row[view] = len(model.find_spans(text, outputs, threshold=threshold))
        rows.append(row)
    return rows


def print_density(label: str, sets: dict[str, list[dict]], count) -> None:
    density = {name: 1000 * sum(count(row) for row in rows) / sum(row["words"] for row in rows) for name, rows in sets.items()}
    per_article = {name: [1000 * count(row) / max(row["words"], 1) for row in rows] for name, rows in sets.items()}
    ratio = density["ptc"] / density["plain"] if density["plain"] else float("inf")
    print(f"{label}: spans per 1,000 words PTC dev {density['ptc']:.2f}, plain {density['plain']:.2f}, ratio {ratio:.2f}; "
          f"per-article AUC of density {roc_auc(per_article['ptc'], per_article['plain']):.3f}")


def main() -> None:
    shared = Path(os.environ.get("PRESSLENS_SHARED", ROOT / ".." / "shared"))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ptc", type=Path, default=shared / "data" / "ptc")
    parser.add_argument("--polnear", type=Path, default=shared / "data" / "polnear")
    parser.add_argument("--model", type=Path, default=MODEL_DIR)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--speed-limit", type=int, default=10, help="dev articles timed for speed")
    args = parser.parse_args()

    model = TechniqueModel.load(args.model)
    thresholds = {"precise": model.threshold, "recall": model.low_threshold}
    persuasive = read_articles(args.ptc / "dev-articles")
    plain = plain_texts(args.polnear)
    print(f"model: {args.model}; thresholds {thresholds}")
    print(f"persuasive: {len(persuasive)} PTC dev articles; plain: {len(plain)} texts "
          f"({sum(name.startswith('explainer/') for name in plain)} explainers)")
    sets = {"ptc": article_figures(model, persuasive, thresholds), "plain": article_figures(model, plain, thresholds)}
    for view in thresholds:
        print_density(view, sets, lambda row, view=view: row[view])
        if model.gated:
            print_density(f"{view}, gated", sets, lambda row, view=view: row[view] if row["persuasion"] >= GATE else 0)
    scores = {name: [row["persuasion"] for row in rows] for name, rows in sets.items()}
    print(f"per-article AUC of the persuasion score {roc_auc(scores['ptc'], scores['plain']):.3f}; articles read as plain "
          f"(score < {GATE}): PTC dev {sum(s < GATE for s in scores['ptc'])}/{len(scores['ptc'])}, "
          f"plain {sum(s < GATE for s in scores['plain'])}/{len(scores['plain'])}")

    texts = [persuasive[i] for i in sorted(persuasive)][: args.speed_limit]
    nlp = load_pipeline()
    encoder = default_encoder()
    parse = median_seconds(lambda: list(nlp.pipe(texts)), args.runs)

    def shared_pass():
        encoder._articles.clear()
        return [encoder.article_states(text) for text in texts]

    def shared_and_techniques():
        encoder._articles.clear()
        return [model.predict(text, gate=True) for text in texts]

    shared_seconds = median_seconds(shared_pass, args.runs)
    total = median_seconds(shared_and_techniques, args.runs)
    words = sum(len(_WORD.findall(text)) for text in texts)
    print(f"speed on {len(texts)} dev articles ({words} words), per article: spaCy parse {parse / len(texts):.3f} s, "
          f"shared encoder pass {shared_seconds / len(texts):.3f} s, technique layer beyond it "
          f"{(total - shared_seconds) / len(texts):.3f} s ({(total - shared_seconds) / parse:.2f}x the parse)")


if __name__ == "__main__":
    main()
