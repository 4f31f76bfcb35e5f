"""Text reuse and provenance: which articles share passages, who had them first, who copies whom.

The job runs in stages, each over chunks of documents so that it runs in
local processes or on a Dask cluster (a :mod:`presslens.parallel` engine;
without one, in this process):

1. signatures: shingle every document and compute windowed MinHash band keys
   (:mod:`presslens.corpus.minhash`);
2. candidates: documents that share a band key;
3. alignment: the shared passages of each candidate pair and the share of
   each document they cover (:mod:`presslens.corpus.align`);
4. provenance: the likely origin of each pair's shared text (the earliest
   publication among the articles holding it), each article's likely direct
   source, reuse between outlets, and chains of republication.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Sequence

import numpy as np

from ..parallel import Engine, LocalEngine
from .align import AlignParams, align_pairs, covered_share
from .minhash import LSHParams, candidate_pairs, shingle_hashes, tokenize_many, window_band_keys
from .reuse_kinds import COPY_KINDS, ArticleFacts, classify
from .store import publisher_name

#: A source counts as republished verbatim when the copy holds at least this share of it.
VERBATIM_SHARE = 0.9


@dataclass(frozen=True)
class ReuseParams:
    lsh: LSHParams = LSHParams()
    align: AlignParams = AlignParams()
    #: Documents per signature task, and candidate pairs per alignment task.
    chunk_docs: int = 1000
    chunk_pairs: int = 1000


#: The keys of a pair as printed by ``presslens corpus reuse --format jsonl`` (the outside contract).
CONTRACT_KEYS = ("a", "b", "share_a", "share_b", "passages", "origin", "kind", "source", "credit")


@dataclass(frozen=True)
class ReusePair:
    """Documents ``a`` and ``b`` (indices, a < b) share ``passages``: dicts of character offsets on both sides.

    ``matched``: shingles found verbatim on both sides; of two sources covering
    the same text, the one with more matched shingles kept more of its wording.
    """

    a: int
    b: int
    share_a: float
    share_b: float
    passages: tuple[dict, ...]
    matched: int


# -- stage tasks (module-level functions, so that worker processes and Dask can run them) --

def signature_task(texts: Sequence[str], params: LSHParams) -> tuple[np.ndarray, np.ndarray]:
    """Band keys of a chunk of documents, with the document index (within the chunk) of each."""
    shingles, offsets = shingle_hashes(tokenize_many(list(texts)), params.shingle)
    return window_band_keys(shingles, offsets, params)


def align_task(texts: Sequence[str], pairs: np.ndarray, params: AlignParams) -> list[ReusePair]:
    """Align pairs of documents given as indices into ``texts``; keep the pairs that share passages."""
    tokens = tokenize_many(list(texts))
    shingles, offsets = shingle_hashes(tokens, params.shingle)
    found = []
    for (a, b), passages in zip(pairs.tolist(), align_pairs(shingles, offsets, pairs, params)):
        if not passages:
            continue
        _, a_starts, a_ends = tokens.document(a)
        _, b_starts, b_ends = tokens.document(b)
        found.append(ReusePair(
            a=a, b=b,
            share_a=round(covered_share([(p.a_first, p.a_last) for p in passages], a_starts.size), 4),
            share_b=round(covered_share([(p.b_first, p.b_last) for p in passages], b_starts.size), 4),
            passages=tuple({"a_start": int(a_starts[p.a_first]), "a_end": int(a_ends[p.a_last]),
                            "b_start": int(b_starts[p.b_first]), "b_end": int(b_ends[p.b_last])} for p in passages),
            matched=sum(p.matched for p in passages),
        ))
    return found


def find_candidates(texts: Sequence[str], params: ReuseParams = ReuseParams(), *,
                    engine: Engine | None = None) -> np.ndarray:
    """Candidate pairs ``(n, 2)`` of document indices from windowed MinHash LSH."""
    starts = range(0, len(texts), params.chunk_docs)
    tasks = [(texts[s : s + params.chunk_docs], params.lsh) for s in starts]
    results = (engine or LocalEngine(1)).map(signature_task, tasks)
    if not results:
        return np.zeros((0, 2), dtype=np.int64)
    keys = np.concatenate([keys for keys, _ in results])
    documents = np.concatenate([docs + np.int32(s) for (_, docs), s in zip(results, starts)])
    return candidate_pairs(keys, documents, max_bucket=params.lsh.max_bucket)


def align_candidates(texts: Sequence[str], candidates: np.ndarray, params: ReuseParams = ReuseParams(), *,
                     engine: Engine | None = None) -> list[ReusePair]:
    """Align every candidate pair; keep those that share at least one passage."""
    tasks = []
    for start in range(0, len(candidates), params.chunk_pairs):
        chunk = candidates[start : start + params.chunk_pairs]
        involved, local = np.unique(chunk, return_inverse=True)
        tasks.append(([texts[i] for i in involved.tolist()], local.reshape(chunk.shape), params.align, involved))
    results = (engine or LocalEngine(1)).map(_align_and_map_back, tasks)
    return [pair for chunk in results for pair in chunk]


def _align_and_map_back(texts, local_pairs, params, involved) -> list[ReusePair]:
    """Align a chunk whose documents were renumbered ``0..`` and give back the corpus indices."""
    return [ReusePair(int(involved[p.a]), int(involved[p.b]), p.share_a, p.share_b, p.passages, p.matched)
            for p in align_task(texts, local_pairs, params)]


def find_reuse(texts: Sequence[str], params: ReuseParams = ReuseParams(), *,
               engine: Engine | None = None) -> list[ReusePair]:
    """Every pair of documents that share passages (document indices into ``texts``), sorted."""
    candidates = find_candidates(texts, params, engine=engine)
    return sorted(align_candidates(texts, candidates, params, engine=engine),
                  key=lambda pair: (pair.a, pair.b))


# -- provenance -------------------------------------------------------------

@dataclass(frozen=True)
class ArticleInfo:
    id: str
    outlet: str | None = None
    published: dt.date | None = None


@dataclass
class Provenance:
    """Pairs as contract records (with origins), each article's likely direct source, outlet reuse, chains."""

    pairs: list[dict] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)
    outlet_reuse: list[dict] = field(default_factory=list)
    chains: list[dict] = field(default_factory=list)


def _overlaps(ranges: Iterable[tuple[int, int]], others: Iterable[tuple[int, int]]) -> bool:
    others = list(others)
    return any(start < other_end and other_start < end for start, end in ranges for other_start, other_end in others)


def _side(record: dict, article_id: str) -> list[tuple[int, int]]:
    """The character ranges of a pair's passages on ``article_id``'s side."""
    side = "a" if record["a"] == article_id else "b"
    return [(p[f"{side}_start"], p[f"{side}_end"]) for p in record["passages"]]


def _share(record: dict, article_id: str) -> float:
    return record["share_a"] if record["a"] == article_id else record["share_b"]


def provenance(records: list[dict], articles: dict[str, ArticleInfo]) -> Provenance:
    """Add ``origin`` to each pair record and derive sources, outlet-to-outlet reuse and chains.

    A pair's origin is the earliest-published article among the two and every
    article that shares the same stretch of text with both; ``None`` when
    dates are missing or the earliest date is shared by several articles.
    Direct sources, outlet reuse and chains come from the pairs whose ``kind`` (where classified) is a copy.
    """
    by_article: dict[str, dict[str, dict]] = defaultdict(dict)
    for record in records:
        by_article[record["a"]][record["b"]] = record
        by_article[record["b"]][record["a"]] = record
    for record in records:
        a, b = record["a"], record["b"]
        holders = {a, b}
        ranges = _side(record, a)
        for other in by_article[a].keys() & by_article[b].keys():
            if _overlaps(_side(by_article[a][other], a), ranges):
                holders.add(other)
        record["origin"] = _earliest(holders, articles)
    result = Provenance(pairs=records)
    copies: dict[str, dict[str, dict]] = defaultdict(dict)
    for record in records:
        if record.get("kind", "republication") in COPY_KINDS:
            copies[record["a"]][record["b"]] = record
            copies[record["b"]][record["a"]] = record
    result.sources = _direct_sources(copies, articles)
    result.outlet_reuse = _outlet_reuse(result.sources, copies, articles)
    result.chains = _chains(result.sources, articles)
    return result


def _earliest(ids: Iterable[str], articles: dict[str, ArticleInfo]) -> str | None:
    dated = [(articles[i].published, i) for i in ids if articles[i].published is not None]
    if not dated:
        return None
    first = min(date for date, _ in dated)
    at_first = [i for date, i in dated if date == first]
    return at_first[0] if len(at_first) == 1 else None


def _direct_sources(by_article: dict[str, dict[str, dict]], articles: dict[str, ArticleInfo]) -> dict[str, str]:
    """Each article's likely direct source: the earlier article sharing most of its wording verbatim
    (most matched shingles, then the largest share, then the earliest)."""
    sources = {}
    for article_id, neighbours in by_article.items():
        published = articles[article_id].published
        if published is None:
            continue
        earlier = [(-record["matched"], -_share(record, article_id), articles[other].published, other)
                   for other, record in neighbours.items()
                   if articles[other].published is not None and articles[other].published < published]
        if earlier:
            sources[article_id] = min(earlier)[-1]
    return sources


def _outlet_reuse(sources: dict[str, str], by_article: dict[str, dict[str, dict]],
                  articles: dict[str, ArticleInfo]) -> list[dict]:
    """Per (source outlet, republishing outlet): articles taken, and how many whole (verbatim)."""
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for copy, source in sources.items():
        key = (articles[source].outlet or "(unknown)", articles[copy].outlet or "(unknown)")
        counts[key][0] += 1
        counts[key][1] += _share(by_article[copy][source], source) >= VERBATIM_SHARE
    rows = [{"source": source, "republisher": copier, "articles": n, "verbatim": verbatim,
             "verbatim_share": round(verbatim / n, 3)} for (source, copier), (n, verbatim) in counts.items()]
    return sorted(rows, key=lambda row: (-row["articles"], row["source"], row["republisher"]))


def _chains(sources: dict[str, str], articles: dict[str, ArticleInfo]) -> list[dict]:
    """Republication chains of three articles or more, each followed back from an article nobody copied."""
    copied = set(sources.values())
    chains = []
    for leaf in sorted(set(sources) - copied):
        path = [leaf]
        while path[-1] in sources and sources[path[-1]] not in path:
            path.append(sources[path[-1]])
        if len(path) >= 3:
            path.reverse()
            chains.append({
                "articles": path,
                "outlets": [articles[i].outlet for i in path],
                "published": [articles[i].published.isoformat() for i in path],
            })
    return sorted(chains, key=lambda chain: (-len(chain["articles"]), chain["articles"]))


def pair_records(pairs: Iterable[ReusePair], ids: Sequence[str]) -> list[dict]:
    """Records ``{a, b, share_a, share_b, passages, matched}`` with article ids instead of indices."""
    return [{"a": ids[p.a], "b": ids[p.b], "share_a": p.share_a, "share_b": p.share_b,
             "passages": list(p.passages), "matched": p.matched} for p in pairs]


def contract_record(record: dict) -> dict:
    """A pair as the outside contract has it (see :data:`CONTRACT_KEYS`)."""
    return {key: record.get(key) for key in CONTRACT_KEYS}


def store_reuse(store, params: ReuseParams = ReuseParams(), *, engine: Engine | None = None) -> Provenance:
    """Find reuse among the articles of a :class:`~presslens.corpus.store.Store`, save the pairs, return provenance.

    Exact copies are aligned once (as their original) and then reported as
    pairs of their own: the copy shares all of its text with the original and
    everything the original shares with others.
    """
    originals = list(store.iter_articles(unique_texts=True))
    texts = [article.text for article in originals]
    ids = [article.id for article in originals]
    records = pair_records(find_reuse(texts, params, engine=engine), ids)
    articles = {a.id: ArticleInfo(a.id, a.outlet, a.published) for a in originals}
    lengths = {i: (len(text), len(text.split())) for i, text in zip(ids, texts)}
    copies: dict[str, list[str]] = defaultdict(list)
    for original, copy in store.duplicates():
        article = store.get_article(copy)
        articles[copy] = ArticleInfo(copy, article.outlet, article.published)
        copies[original].append(copy)
    records = _expand_copies(records, copies, lengths)
    text_of = dict(zip(ids, texts))
    text_of.update({copy: text_of[original] for original, group in copies.items() for copy in group})
    classify(records, {i: ArticleFacts(text_of[i], publisher_name(info.outlet), info.published)
                       for i, info in articles.items()})
    result = provenance(records, articles)
    store.save_reuse(map(contract_record, result.pairs))
    return result


def _expand_copies(records: list[dict], copies: dict[str, list[str]],
                   lengths: dict[str, tuple[int, int]]) -> list[dict]:
    """Pairs for exact copies: each copy with its original and its fellow copies, and the original's pairs."""
    expanded = list(records)
    for original, group in copies.items():
        members = [original, *group]
        characters, words = lengths[original]
        whole = [{"a_start": 0, "a_end": characters, "b_start": 0, "b_end": characters}]
        for index, first in enumerate(members):
            for second in members[index + 1 :]:
                expanded.append({"a": first, "b": second, "share_a": 1.0, "share_b": 1.0, "passages": whole,
                                 "matched": words})
    for record in records:
        for a_copy in copies.get(record["a"], ()):
            expanded.append({**record, "a": a_copy})
        for b_copy in copies.get(record["b"], ()):
            expanded.append({**record, "b": b_copy})
            for a_copy in copies.get(record["a"], ()):
                expanded.append({**record, "a": a_copy, "b": b_copy})
    return expanded
