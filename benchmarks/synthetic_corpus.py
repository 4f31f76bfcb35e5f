"""A synthetic news corpus with planted text reuse, and the truth about it.

Articles are about 500 words of pseudo-words drawn from a Zipf distribution
(so that common words repeat as in real text), in paragraphs of 40 to 110
words. Some articles reuse earlier ones:

- whole copies (half of them with light edits: about 3 % of words replaced,
  inserted or dropped),
- one or two paragraphs of one or two earlier articles inside new text,
- re-ordered copies (paragraphs shuffled, one sometimes dropped).

Every paragraph carries the id of the paragraph it was copied from (through
copies of copies), and two articles truly share text when they hold
paragraphs with the same origin id: that is the ground truth the reuse job
is scored against.

    python benchmarks/synthetic_corpus.py --articles 10000 --out corpus.jsonl --truth truth.jsonl
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from dataclasses import dataclass
from itertools import combinations

import numpy as np

OUTLETS = ["TASS", "RIA Novosti", "RT", "Sputnik", "Interfax", "Reuters", "AP", "BBC", "Meduza", "Kommersant"] + [
    f"proxy-{i:02d}.example" for i in range(20)]
START = dt.date(2021, 1, 1)


@dataclass
class Document:
    id: str
    outlet: str
    published: dt.date
    paragraphs: list[tuple[int, list[str]]]  # (origin paragraph id, words)

    @property
    def text(self) -> str:
        return "\n\n".join(" ".join(words) for _, words in self.paragraphs)

    def record(self) -> dict:
        return {"id": self.id, "text": self.text, "outlet": self.outlet, "published": self.published.isoformat()}


class Generator:
    def __init__(self, seed: int = 7, vocabulary: int = 20000) -> None:
        self.rng = np.random.default_rng(seed)
        syllables = [c + v for c in "bcdfghklmnprstvz" for v in "aeiou"]
        lengths = self.rng.integers(1, 4, size=vocabulary)
        self.words = np.array(["".join(self.rng.choice(syllables, size=n)) + ("s" if i % 7 == 0 else "")
                               for i, n in enumerate(lengths)])
        weights = 1.0 / np.arange(1, vocabulary + 1) ** 1.05
        self.cumulative = np.cumsum(weights / weights.sum())
        self.next_paragraph = 0

    def paragraph(self) -> tuple[int, list[str]]:
        size = int(self.rng.integers(40, 111))
        self.next_paragraph += 1
        drawn = np.minimum(np.searchsorted(self.cumulative, self.rng.random(size)), self.words.size - 1)
        return self.next_paragraph, self.words[drawn].tolist()

    def new_text(self, words: int = 500) -> list[tuple[int, list[str]]]:
        paragraphs, total = [], 0
        while total < words:
            paragraphs.append(self.paragraph())
            total += len(paragraphs[-1][1])
        return paragraphs

    def edit(self, words: list[str], rate: float = 0.03) -> list[str]:
        edited = list(words)
        for _ in range(max(1, int(len(words) * rate))):
            position = int(self.rng.integers(0, len(edited)))
            action = self.rng.integers(0, 3)
            if action == 0:
                edited[position] = str(self.words[self.rng.integers(0, 2000)])
            elif action == 1:
                edited.insert(position, str(self.words[self.rng.integers(0, 2000)]))
            elif len(edited) > 1:
                del edited[position]
        return edited

    def corpus(self, articles: int) -> list[Document]:
        documents: list[Document] = []
        days = max(1, articles // 200)
        for index in range(articles):
            published = START + dt.timedelta(days=int(index * days / articles))
            outlet = OUTLETS[int(self.rng.integers(0, len(OUTLETS)))]
            kind = self.rng.random() if documents else 1.0
            if kind < 0.10:  # a whole copy, half of them lightly edited
                source = documents[int(self.rng.integers(0, len(documents)))]
                edit = self.rng.random() < 0.5
                paragraphs = [(origin, self.edit(words) if edit else list(words)) for origin, words in source.paragraphs]
            elif kind < 0.25:  # paragraphs of one or two earlier articles inside new text
                paragraphs = self.new_text(int(self.rng.integers(250, 450)))
                for _ in range(int(self.rng.integers(1, 3))):
                    source = documents[int(self.rng.integers(0, len(documents)))]
                    origin, words = source.paragraphs[int(self.rng.integers(0, len(source.paragraphs)))]
                    words = self.edit(words) if self.rng.random() < 0.3 else list(words)
                    paragraphs.insert(int(self.rng.integers(0, len(paragraphs) + 1)), (origin, words))
            elif kind < 0.30:  # a re-ordered copy, sometimes one paragraph shorter
                source = documents[int(self.rng.integers(0, len(documents)))]
                paragraphs = [source.paragraphs[i] for i in self.rng.permutation(len(source.paragraphs))]
                if len(paragraphs) > 2 and self.rng.random() < 0.5:
                    paragraphs = paragraphs[:-1]
            else:
                paragraphs = self.new_text()
            documents.append(Document(f"doc{index:07d}", outlet, published, paragraphs))
        return documents


def truth_pairs(documents: list[Document]) -> set[tuple[str, str]]:
    """Pairs of document ids (sorted) that hold a paragraph of the same origin."""
    holders: dict[int, set[str]] = {}
    for document in documents:
        for origin, _ in document.paragraphs:
            holders.setdefault(origin, set()).add(document.id)
    pairs = set()
    for ids in holders.values():
        if len(ids) > 1:
            pairs.update(combinations(sorted(ids), 2))
    return pairs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", required=True, help="JSONL file of articles (id, text, outlet, published)")
    parser.add_argument("--truth", help="JSONL file of the planted pairs ({a, b})")
    args = parser.parse_args()
    documents = Generator(args.seed).corpus(args.articles)
    with open(args.out, "w", encoding="utf-8") as handle:
        for document in documents:
            handle.write(json.dumps(document.record()) + "\n")
    if args.truth:
        with open(args.truth, "w", encoding="utf-8") as handle:
            for a, b in sorted(truth_pairs(documents)):
                handle.write(json.dumps({"a": a, "b": b}) + "\n")


if __name__ == "__main__":
    main()
