"""The article sample benchmarks share: PolNeAR train texts from ../shared (or PRESSLENS_SHARED)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from presslens.ingest import finish_article
from presslens.ingest.plaintext import parse_plain_text

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("PRESSLENS_SHARED", REPO.parent / "shared"))
DEFAULT_CORPUS = SHARED / "data" / "polnear" / "data" / "train" / "text"


def load_articles(corpus: Path, count: int):
    """The first ``count`` files of ``corpus`` (sorted by name), read as plain-text articles."""
    paths = sorted(p for p in corpus.rglob("*") if p.is_file())[:count]
    if len(paths) < count:
        sys.exit(f"{corpus} holds {len(paths)} files, fewer than --articles {count}")
    return [finish_article(parse_plain_text(p.read_text(encoding="utf-8"))) for p in paths]
