"""Shared passages between two documents, with character offsets on both sides.

The alignment works on word shingles (see :mod:`presslens.corpus.minhash`):
every shingle of document A that also occurs in B is a match ``(i, j)``.
Matches on one diagonal (``j - i`` constant) with small gaps between them
form a run: a stretch copied with at most light edits. Runs that follow each
other on both sides (a word inserted or dropped moves the diagonal) are
merged, and merged runs of at least ``min_words`` words are the passages.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np



@dataclass(frozen=True)
class AlignParams:
    """``shingle``: words per shingle (as for the signatures); ``max_gap``: shingles that may
    be missing inside a run (one changed word removes ``shingle`` of them); ``min_words``:
    the shortest passage reported."""

    shingle: int = 5
    max_gap: int = 12
    min_words: int = 20


@dataclass(frozen=True)
class Passage:
    """Words ``a_first..a_last`` of A match words ``b_first..b_last`` of B (inclusive word indices);
    ``matched``: shingles found verbatim on both sides (fewer than the words when the copy was edited)."""

    a_first: int
    a_last: int
    b_first: int
    b_last: int
    matched: int

    @property
    def words(self) -> int:
        return min(self.a_last - self.a_first, self.b_last - self.b_first) + 1


#: Bits of a join key that hold the pair number; the other 40 hold the top of the shingle hash.
_PAIR_SHIFT = np.uint64(40)
_HASH_MASK = np.uint64((1 << 40) - 1)


def _positions(offsets: np.ndarray, documents: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each pair's document: (pair index, index of each of its shingles in the shingle arrays)."""
    lengths = offsets[documents + 1] - offsets[documents]
    pair = np.repeat(np.arange(documents.size), lengths)
    position = np.arange(pair.size) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    return pair, offsets[documents][pair] + position


def align_pairs(shingles: np.ndarray, offsets: np.ndarray, pairs: np.ndarray,
                params: AlignParams = AlignParams()) -> list[list[Passage]]:
    """The shared passages of each pair ``(a, b)`` of documents, in A's order, computed for all pairs at once.

    ``shingles``/``offsets`` are as returned by :func:`presslens.corpus.minhash.shingle_hashes`.
    Each document's shingles are sorted once; the join keys ``(pair, top 40 bits of the hash)`` of
    every pair's two sides are then already in order, and one merge-like search matches them all.
    """
    pairs = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
    counts = np.diff(offsets)
    document = np.repeat(np.arange(counts.size, dtype=np.uint64), counts)
    by_hash = np.argsort((document << _PAIR_SHIFT) | (shingles >> np.uint64(24)), kind="stable")
    sorted_hash = (shingles >> np.uint64(24))[by_hash]
    sorted_position = by_hash - offsets[:-1][document[by_hash].astype(np.int64)]
    a_pair, a_index = _positions(offsets, pairs[:, 0])
    b_pair, b_index = _positions(offsets, pairs[:, 1])
    a_keys = (a_pair.astype(np.uint64) << _PAIR_SHIFT) | sorted_hash[a_index]
    b_keys = (b_pair.astype(np.uint64) << _PAIR_SHIFT) | sorted_hash[b_index]
    where = np.searchsorted(b_keys, a_keys)
    where[where == b_keys.size] = 0
    hit = b_keys[where] == a_keys if b_keys.size else np.zeros(a_keys.size, dtype=bool)
    pair = a_pair[hit]
    i, j = sorted_position[a_index[hit]], sorted_position[b_index[where[hit]]]
    diagonal = j - i
    order = np.lexsort((i, diagonal, pair))
    pair, i, j, diagonal = pair[order], i[order], j[order], diagonal[order]
    breaks = np.flatnonzero((np.diff(pair) != 0) | (np.diff(diagonal) != 0) | (np.diff(i) > params.max_gap)) + 1
    run_starts = np.concatenate(([0], breaks)).astype(np.int64)
    run_ends = np.concatenate((breaks, [i.size])).astype(np.int64) - 1
    matched = run_ends - run_starts + 1
    # A lone matching shingle is a coincidence of common words, not a copied stretch.
    solid = matched >= 2
    run_starts, run_ends, matched = run_starts[solid], run_ends[solid], matched[solid]
    run_pair = pair[run_starts]
    by_position = np.lexsort((i[run_starts], run_pair))
    results: list[list[Passage]] = [[] for _ in range(len(pairs))]
    runs = zip(run_pair[by_position].tolist(), i[run_starts][by_position].tolist(), i[run_ends][by_position].tolist(),
               j[run_starts][by_position].tolist(), j[run_ends][by_position].tolist(), matched[by_position].tolist())
    k = params.shingle
    current_pair, merged = -1, []
    for pair_index, a_first, a_last, b_first, b_last, count in runs:
        if pair_index != current_pair:
            if merged:
                results[current_pair] = _passages(merged, params)
            current_pair, merged = pair_index, []
        if merged:
            last = merged[-1]
            gap_a, gap_b = a_first - last[1], b_first - last[3]
            if 0 < gap_a <= params.max_gap and -k < gap_b <= params.max_gap:
                last[1], last[3], last[4] = a_last, max(last[3], b_last), last[4] + count
                continue
        merged.append([a_first, a_last, b_first, b_last, count])
    if merged:
        results[current_pair] = _passages(merged, params)
    return results


def _passages(merged: list[list[int]], params: AlignParams) -> list[Passage]:
    passages = []
    for a_first, a_last, b_first, b_last, count in merged:
        # A run of shingles covers its words up to the last shingle's last word.
        passage = Passage(a_first, a_last + params.shingle - 1, b_first, b_last + params.shingle - 1, count)
        if passage.words >= params.min_words and count * 2 >= a_last - a_first + 1:
            passages.append(passage)
    return passages


def covered_share(ranges: list[tuple[int, int]], words: int) -> float:
    """The share of a document's ``words`` covered by the union of inclusive word ranges."""
    if words == 0:
        return 0.0
    covered, reach = 0, -1
    for first, last in sorted(ranges):
        if last > reach:
            covered += last - max(first, reach + 1) + 1
            reach = last
    return covered / words
