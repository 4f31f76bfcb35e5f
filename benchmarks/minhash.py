"""MinHash signatures per second on one core: presslens (numpy) against datasketch ``MinHash.bulk``.

Both get the same documents, the same shingles (word 5-grams, case-folded)
and the same signature length (``--num-perm``). presslens is shown with both
its methods: ``one-permutation`` (its default for documents: one hash per
shingle into num-perm bins, optimal densification) and ``permutations``
(num-perm universal hashes, like datasketch). To show that speed was not
bought with accuracy, the mean absolute error of the Jaccard estimates
against the exact Jaccard similarity of the shingle sets is printed for
every method, over pairs of documents that share text and random pairs.

presslens is timed from the raw text
(tokenising, hashing words and shingles, signatures); datasketch from its
ready-made shingle byte strings, so its figure leaves out the shingling that
presslens pays for. Each figure is the median of ``--repeat`` runs, in CPU
seconds of this single-threaded process (docs/s per core, unaffected by other
jobs waiting for the same cores; cache contention still slows both).

    python benchmarks/minhash.py --articles 2000 --num-perm 128
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic_corpus import Generator  # noqa: E402

import numpy as np  # noqa: E402

from presslens.corpus.minhash import METHODS, shingle_hashes, signatures, tokenize_many  # noqa: E402


def presslens_signatures(texts: list[str], num_perm: int, k: int, method: str):
    shingles, offsets = shingle_hashes(tokenize_many(texts), k)
    return signatures(shingles, offsets, num_perm, method=method)


def evaluation_pairs(documents, count: int = 300) -> list[tuple[int, int]]:
    """Pairs sharing a paragraph (true similarity above zero) and as many random pairs."""
    rng = random.Random(0)
    holders: dict[int, list[int]] = {}
    for index, document in enumerate(documents):
        for origin, _ in document.paragraphs:
            holders.setdefault(origin, []).append(index)
    sharing = sorted({tuple(ids[:2]) for ids in holders.values() if len(ids) > 1})
    pairs = rng.sample(sharing, min(count, len(sharing)))
    return pairs + [tuple(rng.sample(range(len(documents)), 2)) for _ in range(len(pairs))]


def estimate_error(estimate, shingle_sets, pairs) -> float:
    errors = []
    for a, b in pairs:
        exact = len(shingle_sets[a] & shingle_sets[b]) / len(shingle_sets[a] | shingle_sets[b])
        errors.append(abs(estimate(a, b) - exact))
    return statistics.mean(errors)


def datasketch_shingles(texts: list[str], k: int) -> list[list[bytes]]:
    """The same shingles, as datasketch takes them: the words of each 5-gram joined by a space."""
    tokens = tokenize_many(texts)
    result = []
    for index, text in enumerate(texts):
        _, starts, ends = tokens.document(index)
        words = [text[s:e].lower() for s, e in zip(starts.tolist(), ends.tolist())]
        result.append([" ".join(words[i : i + k]).encode() for i in range(len(words) - k + 1)])
    return result


def median_time(function, repeat: int) -> float:
    """Median CPU seconds of this (single-threaded) process: time on one core, however busy the machine."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        function()
        times.append(time.process_time() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--num-perm", type=int, default=128)
    parser.add_argument("--shingle", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from datasketch import MinHash

    documents = Generator().corpus(args.articles)
    texts = [document.text for document in documents]
    shingles = datasketch_shingles(texts, args.shingle)
    shingle_sets = [set(items) for items in shingles]
    pairs = evaluation_pairs(documents)
    words = sum(len(text.split()) for text in texts) / len(texts)
    print(f"{args.articles} articles of {words:.0f} words, {args.shingle}-word shingles, signatures of "
          f"{args.num_perm}, one process, median CPU time of {args.repeat} runs; Jaccard error over {len(pairs)} pairs")
    peer = median_time(lambda: MinHash.bulk(shingles, num_perm=args.num_perm), args.repeat)
    hashes = MinHash.bulk(shingles, num_perm=args.num_perm)
    peer_error = estimate_error(lambda a, b: hashes[a].jaccard(hashes[b]), shingle_sets, pairs)
    print(f"{'datasketch MinHash.bulk':<34}{args.articles / peer:10,.0f} docs/s  ({peer:.2f} s, shingling not "
          f"counted)  error {peer_error:.4f}")
    for method in METHODS:
        ours = median_time(lambda: presslens_signatures(texts, args.num_perm, args.shingle, method), args.repeat)
        signed = presslens_signatures(texts, args.num_perm, args.shingle, method)
        error = estimate_error(lambda a, b: float(np.mean(signed[a] == signed[b])), shingle_sets, pairs)
        print(f"{'presslens ' + method + ' (from text)':<34}{args.articles / ours:10,.0f} docs/s  ({ours:.2f} s)  "
              f"error {error:.4f}  ratio {peer / ours:.1f}x")


if __name__ == "__main__":
    main()
