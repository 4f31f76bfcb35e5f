"""Train the cue classifier of the quotes analyzer on PolNeAR train.

Data: the PolNeAR ``train`` split only (``../shared/data/polnear`` or
``--polnear DIR``). One fifth of the train documents, drawn with a fixed seed,
is held out to choose the regularisation strength (by cue F1 over candidate
verbs) and then the decision threshold (by the mean of content-overlap F1 and
source F1 of the attributions extracted from the held-out documents, scored as
``presslens eval polnear`` scores them); the model is then refitted on all of train
with those settings and written to ``src/presslens/models/quotes/cues.json``.
The dev split is never read here.

    PYTHONPATH=src python scripts/train_quotes.py [--polnear DIR] [--cache DIR] [--holdout-check]

``--holdout-check`` fits on the four fifths with the shipped settings, prints
the scores on the held-out fifth and writes nothing: the measure for a change
to the extraction rules.

``--cache`` keeps the spaCy parses (DocBin) between runs.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from presslens.article import Span  # noqa: E402
from presslens.eval.polnear import Scores, load_split  # noqa: E402
from presslens.quotes.extract import find_attributions  # noqa: E402
from presslens.nlp import load_pipeline  # noqa: E402
from presslens.quotes.marks import find_quoted  # noqa: E402
from presslens.quotes.model import MODEL_FILE, CueModel, cue_features, is_candidate, shipped_model  # noqa: E402

SEED = 13
HOLDOUT_SHARE = 0.2
C_GRID = (0.1, 0.3, 1.0)
THRESHOLDS = tuple(round(0.2 + 0.05 * i, 2) for i in range(13))


def default_polnear() -> Path:
    return Path(os.environ.get("PRESSLENS_SHARED", ROOT / ".." / "shared")) / "data" / "polnear"


def parse(documents, cache: Path | None):
    """spaCy parses of the documents, reusing those kept in ``cache`` (matched by text)."""
    from spacy.tokens import DocBin

    nlp = load_pipeline()
    path = cache / "polnear-train.spacy" if cache else None
    cached = {}
    if path is not None and path.exists():
        cached = {doc.text: doc for doc in DocBin().from_disk(path).get_docs(nlp.vocab)}
    missing = [d.text for d in documents if d.text not in cached]
    cached.update((doc.text, doc) for doc in nlp.pipe(missing, batch_size=16))
    if path is not None and missing:
        path.parent.mkdir(parents=True, exist_ok=True)
        DocBin(store_user_data=False, docs=list(cached.values())).to_disk(path)
    return [cached[d.text] for d in documents]


def examples(document, doc):
    quoted_chars = {i for q in find_quoted(doc.text) for i in range(q.start, q.end)}
    cues = [a.cue for a in document.attributions if a.cue is not None]
    features, labels = [], []
    for token in doc:
        if not is_candidate(token):
            continue
        features.append(cue_features(token, quoted_chars))
        labels.append(int(any(start <= token.idx < end for start, end in cues)))
    return features, labels


def f1(model: CueModel, features, labels) -> float:
    predicted = [model.is_cue(f) for f in features]
    tp = sum(1 for p, y in zip(predicted, labels) if p and y)
    fp = sum(1 for p, y in zip(predicted, labels) if p and not y)
    fn = sum(1 for p, y in zip(predicted, labels) if not p and y)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def attribution_scores(model: CueModel, documents, docs) -> dict:
    """The scores (as ``presslens eval polnear`` reports them) of what the extractor finds with ``model``."""
    scores = Scores()
    for document, doc in zip(documents, docs):
        people = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON"]
        found = find_attributions(doc, find_quoted(doc.text), [], people, model=model)
        scores.add(document, [
            Span(*a.content, "quote", attrs={"speaker": Span(*a.source, "speaker") if a.source else None,
                                             "cue": Span(*a.cue, "cue") if a.cue else None})
            for a in found
        ])
    return scores.as_dict()


def attribution_f1(model: CueModel, documents, docs) -> float:
    """Mean of content-overlap F1 and source F1 of what the extractor finds with ``model``."""
    result = attribution_scores(model, documents, docs)
    return (result["content overlap"]["all"]["f1"] + result["source"]["all"]["f1"]) / 2


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--polnear", type=Path, default=default_polnear())
    parser.add_argument("--cache", type=Path, default=None)
    parser.add_argument("--output", type=Path, default=ROOT / "src" / "presslens" / "models" / "quotes" / MODEL_FILE)
    parser.add_argument("--holdout-check", action="store_true",
                        help="fit on the four fifths of train with the shipped C and threshold, print the scores "
                             "on the held-out fifth and write nothing (to measure a change to the rules)")
    args = parser.parse_args()

    documents = load_split(args.polnear, "train")
    docs = parse(documents, args.cache)
    per_document = [examples(document, doc) for document, doc in zip(documents, docs)]
    order = list(range(len(documents)))
    random.Random(SEED).shuffle(order)
    held = set(order[: int(len(order) * HOLDOUT_SHARE)])

    def pooled(indices):
        features, labels = [], []
        for i in indices:
            features += per_document[i][0]
            labels += per_document[i][1]
        return features, labels

    fit_x, fit_y = pooled(i for i in range(len(documents)) if i not in held)
    held_x, held_y = pooled(sorted(held))
    print(f"{len(documents)} train documents: {len(fit_y)} candidate verbs to fit ({sum(fit_y)} cues), "
          f"{len(held_y)} held out ({sum(held_y)} cues)")
    if args.holdout_check:
        shipped = shipped_model()
        model = CueModel(C=shipped.C, threshold=shipped.threshold, random_state=SEED).fit(fit_x, fit_y)
        result = attribution_scores(model, [documents[i] for i in sorted(held)], [docs[i] for i in sorted(held)])
        for measure in ("content overlap", "content exact", "source", "cue"):
            row = result[measure]["all"]
            print(f"held out, {measure}: P {row['precision']:.4f} R {row['recall']:.4f} F1 {row['f1']:.4f}")
        return
    best = (0.0, None, None)
    for c in C_GRID:
        model = CueModel(C=c, random_state=SEED).fit(fit_x, fit_y)
        for threshold in THRESHOLDS:
            model.threshold = threshold
            score = f1(model, held_x, held_y)
            if score > best[0]:
                best = (score, c, threshold)
        print(f"C={c}: best held-out cue F1 so far {best[0]:.4f} (C={best[1]}, threshold={best[2]})")
    _, c, threshold = best
    model = CueModel(C=c, random_state=SEED).fit(fit_x, fit_y)
    held_documents = [documents[i] for i in sorted(held)]
    held_docs = [docs[i] for i in sorted(held)]
    best_attribution = (0.0, threshold)
    for candidate in THRESHOLDS:
        model.threshold = candidate
        score = attribution_f1(model, held_documents, held_docs)
        print(f"threshold {candidate}: held-out attribution F1 {score:.4f}")
        best_attribution = max(best_attribution, (score, candidate))
    threshold = best_attribution[1]
    all_x, all_y = pooled(range(len(documents)))
    model = CueModel(C=c, threshold=threshold, random_state=SEED).fit(all_x, all_y)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    model.save(args.output)
    print(f"wrote {args.output} ({len(model.weights_)} weights, C={c}, threshold={threshold})")


if __name__ == "__main__":
    main()
