"""Train the shipped technique model from PTC train, with a fixed seed.

Data: the Propaganda Techniques Corpus v2 (SemEval-2020 Task 11) in
``../shared/data/ptc/`` (or ``--ptc``): ``train-articles/`` and
``train-task-flc-tc.labels``. Dev is only scored, never used to fit or tune.

1. Split train articles (seeded) into a fitting part and a held-out part
   (``presslens.techniques.model.train``).
2. Fit on the fitting part; pick the CRF penalties and span decoding
   (thresholds, gap) that maximise SI F1 and the classifier's C that maximises
   TC micro-F1 on the held-out part.
3. Refit on all of train with that threshold; score SI, TC and FLC on dev; save
   the model and the figures (``meta.json``) under ``src/presslens/models/techniques``.

Run: ``nice python scripts/train_techniques.py`` (about twenty minutes on two cores).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from presslens.nlp import load_pipeline  # noqa: E402
from presslens.settings import DEFAULT_SPACY_PIPELINE  # noqa: E402
from presslens.techniques.formats import read_articles, read_labels  # noqa: E402
from presslens.techniques.formats import Label  # noqa: E402
from presslens.techniques.model import TechniqueModel, train  # noqa: E402
from presslens.techniques.scorer import score_flc, score_si, score_tc  # noqa: E402

SEED = 13
HELD_OUT_SHARE = 0.15


def default_ptc() -> Path:
    shared = Path(os.environ.get("PRESSLENS_SHARED", ROOT / ".." / "shared"))
    return shared / "data" / "ptc"


def parse(articles: dict[str, str], cache: Path | None) -> dict:
    """spaCy parses by article id; with ``cache`` (a DocBin file) parse once and reload afterwards."""
    from spacy.tokens import DocBin

    nlp = load_pipeline(DEFAULT_SPACY_PIPELINE)
    ids = sorted(articles)
    if cache is not None and cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if [doc.text for doc in docs] == [articles[i] for i in ids]:
            return dict(zip(ids, docs))
    docs = list(nlp.pipe((articles[i] for i in ids), batch_size=16))
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        DocBin(docs=docs).to_disk(cache)
    return dict(zip(ids, docs))


def figures(model: TechniqueModel, articles, docs, labels) -> dict:
    si_pred, tc_pred, flc_pred = [], [], []
    gold_by_article: dict[str, list] = {}
    for label in labels:
        gold_by_article.setdefault(label.article_id, []).append(label)
    for article_id in sorted(articles):
        text, doc = articles[article_id], docs[article_id]
        predictions = model.predict_doc(doc)
        si_pred += [Label(article_id, p.start, p.end) for p in predictions]
        flc_pred += [Label(article_id, p.start, p.end, p.technique) for p in predictions]
        spans = gold_by_article.get(article_id, [])
        ranked = model.classify(text, doc, [(label.start, label.end) for label in spans])
        tc_pred += [Label(article_id, g.start, g.end, r[0][0]) for g, r in zip(spans, ranked)]
    si, tc, flc = score_si(labels, si_pred), score_tc(labels, tc_pred), score_flc(labels, flc_pred)
    return {"si": si.to_dict(), "tc": tc.to_dict(), "flc": flc.to_dict()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ptc", type=Path, default=default_ptc(), help="PTC folder [../shared/data/ptc]")
    parser.add_argument("--output", type=Path, default=ROOT / "src" / "presslens" / "models" / "techniques")
    parser.add_argument("--max-iterations", type=int, default=100)
    parser.add_argument("--parse-cache", type=Path, default=None,
                        help="folder for spaCy parses of the corpus, reused by later runs (e.g. /tmp/ptc-parses)")
    args = parser.parse_args()

    started = time.time()
    train_articles = read_articles(args.ptc / "train-articles")
    train_labels = read_labels(args.ptc / "train-task-flc-tc.labels", "flc")
    dev_articles = read_articles(args.ptc / "dev-articles")
    dev_labels = read_labels(args.ptc / "dev-task-flc-tc.labels", "flc")
    cache = args.parse_cache
    train_docs = parse(train_articles, cache / "train.spacy" if cache else None)
    dev_docs = parse(dev_articles, cache / "dev.spacy" if cache else None)
    print(f"parsed {len(train_docs)} train and {len(dev_docs)} dev articles in {time.time() - started:.0f}s")

    model, tuning = train(
        train_articles, train_labels, docs=train_docs, held_out=HELD_OUT_SHARE, seed=SEED,
        max_iterations=args.max_iterations,
    )
    print(f"held-out: SI F1 {tuning['si_f1']:.4f} with {tuning['penalties']} and {tuning['decoding']}; "
          f"TC micro-F1 {tuning['tc_f1']:.4f} with C={tuning['C']} (by C: {tuning['tc_f1_by_C']})")
    dev = figures(model, dev_articles, dev_docs, dev_labels)
    print(f"dev: SI P {dev['si']['precision']:.4f} R {dev['si']['recall']:.4f} F1 {dev['si']['f1']:.4f}")
    print(f"dev: TC micro-F1 {dev['tc']['f1']:.4f}; FLC F1 {dev['flc']['f1']:.4f}")
    for name, row in dev["tc"]["per_technique"].items():
        print(f"  TC {name:<38} F1 {row['f1']:.3f} (n={row['support']})")
    notes = {
        "data": "PTC v2 (SemEval-2020 Task 11) train-articles + train-task-flc-tc.labels",
        "seed": SEED,
        "held_out": {"share": HELD_OUT_SHARE, **tuning},
        "dev": dev,
        "train_seconds": round(time.time() - started),
    }
    model.save(args.output, notes=notes)
    print(json.dumps({"saved": str(args.output), "seconds": notes["train_seconds"]}))


if __name__ == "__main__":
    main()
