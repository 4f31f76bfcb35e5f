"""Persuasion against plain writing: does the technique layer mark propaganda more than plain reporting?

Span density (spans per 1,000 words) of the shipped technique model on PTC dev articles (chosen for their
persuasion) and on plain writing: PolNeAR dev news reports from USA Today, the New York Times and
Politico, and the explainers in ``benchmarks/plain_explainers/`` (written for presslens, not taken from
anywhere). Prints the density of each set, their ratio, and the per-article ROC AUC of the density and of
the article's mean sentence score (``techniques_summary.sentences``) telling the two apart; then the same
with the persuasion gate (``gate.json`` of the model folder: in an article it calls plain only spans over
its span bar are kept), the AUC of the gate's score, and PTC dev SI and FLC F1 without and with the gate
(TC labels given spans, which the gate never removes). None of this data trained the gate.

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
from presslens.techniques.formats import Label, read_articles, read_labels  # noqa: E402
from presslens.techniques.gate import PersuasionGate, article_features, cue_lexicon, roc_auc  # noqa: E402
from presslens.techniques.model import TechniqueModel  # noqa: E402
from presslens.techniques.scorer import score_flc, score_si  # noqa: E402

#: PolNeAR publishers whose news reports make the plain set.
PLAIN_PUBLISHERS = ("usa-today", "nyt", "politico")
EXPLAINERS = ROOT / "benchmarks" / "plain_explainers"
_WORD = re.compile(r"\w+")


def plain_texts(polnear: Path) -> list[str]:
    """PolNeAR dev news reports of :data:`PLAIN_PUBLISHERS`, then the explainers."""
    reports = sorted(path for path in (polnear / "data" / "dev" / "text").glob("*.txt")
                     if path.name.startswith(PLAIN_PUBLISHERS))  # fmt: skip
    return [path.read_text(encoding="utf-8") for path in [*reports, *sorted(EXPLAINERS.glob("*.txt"))]]


def article_rows(model: TechniqueModel, gate: PersuasionGate, lexicon, nlp, texts: list[str]) -> list[dict]:
    """Per article: words, predictions, predictions kept by the gate, mean sentence score, gate score."""
    rows = []
    for doc in nlp.pipe(texts, batch_size=8):
        probabilities = model.token_probabilities(doc, doc.text)
        predictions = model.predict_doc(doc, probabilities=probabilities)
        score = gate.score(article_features(doc, probabilities, predictions, lexicon))
        bar = gate.span_bar_ if score < gate.threshold_ else 0.0
        sentences = [max(p) for tokens, p in probabilities if tokens]
        rows.append({"words": len(_WORD.findall(doc.text)), "all": predictions,
                     "gated": [p for p in predictions if p.span_confidence >= bar],
                     "sentence": sum(sentences) / max(len(sentences), 1), "gate": score})  # fmt: skip
    return rows


def report(sets: dict[str, list[dict]], spans: str) -> None:
    """Density of each set, their ratio and the per-article AUC of the density, with ``spans`` (all or gated)."""
    density = {}
    for name, rows in sets.items():
        words, found = sum(r["words"] for r in rows), sum(len(r[spans]) for r in rows)
        density[name] = 1000 * found / words
        print(f"  {name}: {len(rows)} articles, {words} words, {found} spans, {density[name]:.2f} per 1,000 words")
    per_article = {name: [1000 * len(r[spans]) / max(r["words"], 1) for r in rows] for name, rows in sets.items()}
    print(f"  density ratio {density['PTC dev'] / density['plain']:.2f}; per-article AUC of density "
          f"{roc_auc(per_article['PTC dev'], per_article['plain']):.3f}")


def main() -> None:
    shared = Path(os.environ.get("PRESSLENS_SHARED", ROOT / ".." / "shared"))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ptc", type=Path, default=shared / "data" / "ptc")
    parser.add_argument("--polnear", type=Path, default=shared / "data" / "polnear")
    parser.add_argument("--model", type=Path, default=DEFAULT_MODEL)
    args = parser.parse_args()

    model, nlp = TechniqueModel.load(args.model), load_pipeline()
    gate, lexicon = PersuasionGate.load(args.model / "gate.json"), cue_lexicon(args.model)
    persuasive = read_articles(args.ptc / "dev-articles")
    ids = sorted(persuasive)
    plain = plain_texts(args.polnear)
    sets = {"PTC dev": article_rows(model, gate, lexicon, nlp, [persuasive[i] for i in ids]),
            "plain": article_rows(model, gate, lexicon, nlp, plain)}  # fmt: skip
    print("without the gate (all spans):")
    report(sets, "all")
    print(f"with the gate (threshold {gate.threshold_:.3f}, span bar {gate.span_bar_:.3f}):")
    report(sets, "gated")
    for key, title in (("sentence", "mean sentence score"), ("gate", "gate score")):
        print(f"per-article AUC of the {title}: {roc_auc(*[[r[key] for r in sets[n]] for n in sets]):.3f}")
    called = {name: sum(r["gate"] >= gate.threshold_ for r in rows) for name, rows in sets.items()}
    print(f"called persuasive: PTC dev {called['PTC dev']}/{len(ids)}, plain {called['plain']}/{len(plain)}")
    si_gold = read_labels(args.ptc / "dev-task-si.labels", "si")
    flc_gold = read_labels(args.ptc / "dev-task-flc-tc.labels", "flc")
    for spans in ("all", "gated"):
        si = [Label(i, p.start, p.end) for i, r in zip(ids, sets["PTC dev"]) for p in r[spans]]
        flc = [Label(i, p.start, p.end, p.technique) for i, r in zip(ids, sets["PTC dev"]) for p in r[spans]]
        si_score, flc_score = score_si(si_gold, si).overall, score_flc(flc_gold, flc).overall
        print(f"PTC dev, {spans} spans: SI F1 {si_score.f1:.3f} (P {si_score.precision:.3f}, R {si_score.recall:.3f}), "
              f"FLC F1 {flc_score.f1:.3f}; TC labels given spans and does not depend on the gate")


if __name__ == "__main__":
    main()
