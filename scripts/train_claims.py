"""Train the check-worthiness model shipped in ``src/presslens/models/claims/``.

Data: ClaimBuster crowdsourced sentences (``claimbuster/train.json`` and
``test.json`` under ``../shared/data``; GPL-3.0, so the trained weights are
derived data under the same licence). Labels: 1 = check-worthy factual
claim, 0 = not.

Procedure, with a fixed seed:
1. hold out 20 % of ``train.json`` (stratified) and pick the regularisation
   strength ``C`` with the best positive-class F1 on it;
2. refit on all of ``train.json`` with that ``C`` and save the model;
3. report positive-class F1, precision and recall on ``test.json``, which is
   never used for any choice.

    python scripts/train_claims.py [--data ../shared/data/claimbuster] [--output src/presslens/models/claims]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from presslens.claims.model import MODEL_DIR, ClaimScorer  # noqa: E402

SEED = 0
HOLDOUT = 0.2
C_GRID = (0.5, 1.0, 2.0, 4.0)


def default_data() -> Path:
    shared = Path(os.environ.get("PRESSLENS_SHARED", ROOT / ".." / "shared"))
    return shared / "data" / "claimbuster"


def load(path: Path) -> tuple[list[str], list[int]]:
    records = json.loads(path.read_text(encoding="utf-8"))
    return [r["text"] for r in records], [int(r["label"]) for r in records]


def scores(labels, predicted) -> dict[str, float]:
    from sklearn.metrics import f1_score, precision_score, recall_score

    return {
        "f1": round(f1_score(labels, predicted), 4),
        "precision": round(precision_score(labels, predicted), 4),
        "recall": round(recall_score(labels, predicted), 4),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=default_data(), help="folder with train.json and test.json")
    parser.add_argument("--output", type=Path, default=MODEL_DIR, help="where to save the model")
    args = parser.parse_args(argv)

    from sklearn.model_selection import train_test_split

    texts, labels = load(args.data / "train.json")
    fit_texts, tune_texts, fit_labels, tune_labels = train_test_split(
        texts, labels, test_size=HOLDOUT, random_state=SEED, stratify=labels
    )
    tuning = {}
    for C in C_GRID:
        scorer = ClaimScorer(C=C, seed=SEED).fit(fit_texts, fit_labels)
        tuning[C] = scores(tune_labels, scorer.predict(tune_texts))
        print(f"held-out part of train, C={C}: {tuning[C]}", flush=True)
    best_C = max(C_GRID, key=lambda C: tuning[C]["f1"])
    print(f"chosen C={best_C}")

    scorer = ClaimScorer(C=best_C, seed=SEED).fit(texts, labels)
    scorer.save(args.output)
    print(f"saved to {args.output}")

    test_path = args.data / "test.json"
    if test_path.exists():
        test_texts, test_labels = load(test_path)
        print(f"test.json ({len(test_texts)} sentences): {scores(test_labels, scorer.predict(test_texts))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
