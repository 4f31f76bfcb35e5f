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

On a corpus store (:func:`store_reuse`) the job streams: signatures are
computed for chunks of ``chunk_docs`` articles read from the store and their
band keys written back, split into ``partitions`` by key; candidates come
from joining one partition at a time (the join's memory is the corpus's keys
divided by ``partitions``, not the corpus); candidate pairs are stored in
batches, aligned batch by batch, and the aligned pairs stored. Every stage
commits as it goes, so an interrupted job resumes where it stopped, and a
later run signs, joins and aligns only what the articles added since bring.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from itertools import islice
from typing import Callable, Iterable, Iterator, Sequence

import numpy as np

from ..parallel import Engine, LocalEngine
from .align import AlignParams, align_pairs, covered_share
from .minhash import LSHParams, candidate_pairs, shingle_hashes, tokenize_many, unique_pairs, window_band_keys
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
    #: Band keys on disk are joined in this many partitions, one per task: a task holds about
    #: 12 bytes x 300 keys per article / partitions (55 MB per million articles with 64).
    partitions: int = 64


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


def _overlaps(ranges: Sequence[tuple[int, int]], others: Sequence[tuple[int, int]]) -> bool:
    for start, end in ranges:
        for other_start, other_end in others:
            if start < other_end and other_start < end:
                return True
    return False


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
    # ranges_on[x][y]: the ranges on x's side of the pair (x, y), read once per pair.
    ranges_on: dict[str, dict[str, list[tuple[int, int]]]] = defaultdict(dict)
    for record in records:
        ranges_on[record["a"]][record["b"]] = _side(record, record["a"])
        ranges_on[record["b"]][record["a"]] = _side(record, record["b"])
    for record in records:
        a, b = record["a"], record["b"]
        holders = {a, b}
        ranges = _side(record, a)
        on_a = ranges_on[a]
        for other in on_a.keys() & ranges_on[b].keys():
            if _overlaps(on_a[other], ranges):
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


#: ``on_stage(stage, total)`` is called as each stage of :func:`store_reuse` starts, with the stage's
#: amount of work (articles, partitions, candidate batches, pairs); it returns ``advance(n)``.
StageCallback = Callable[[str, int], Callable[[int], None]]


def band_partitions_task(texts: Sequence[str], seqs: Sequence[int], params: LSHParams,
                         partitions: int) -> list[tuple[int, bytes, bytes]]:
    """Band keys of a chunk of articles (rowids ``seqs``), split by partition: ``(partition, keys, rowids)``."""
    keys, local = signature_task(texts, params)
    documents = np.asarray(seqs, dtype=np.int64)[local]
    # Partition numbers as uint16 where they fit: numpy sorts those stably by radix sort, 5x faster.
    part = (keys % np.uint64(partitions)).astype(np.uint16 if partitions <= 1 << 16 else np.int64)
    order = np.argsort(part, kind="stable")
    keys, documents = keys[order], documents[order]
    bounds = np.searchsorted(part[order], np.arange(partitions + 1))
    return [(p, keys[lo:hi].tobytes(), documents[lo:hi].tobytes())
            for p, (lo, hi) in enumerate(zip(bounds[:-1].tolist(), bounds[1:].tolist())) if hi > lo]


def partition_candidates_task(blobs: Sequence[tuple[bytes, bytes]], max_bucket: int, new_after: int) -> np.ndarray:
    """Candidate pairs of one partition's stored band keys whose second article is above rowid ``new_after``."""
    if not blobs:
        return np.zeros((0, 2), dtype=np.int64)
    keys = np.concatenate([np.frombuffer(keys, dtype=np.uint64) for keys, _ in blobs])
    documents = np.concatenate([np.frombuffer(documents, dtype=np.int64) for _, documents in blobs])
    return candidate_pairs(keys, documents, max_bucket=max_bucket, new_after=new_after)


def _job_key(params: ReuseParams) -> str:
    """What the stored bands, candidates and pairs depend on (chunk sizes change nothing found)."""
    return json.dumps({"lsh": asdict(params.lsh), "align": asdict(params.align), "partitions": params.partitions},
                      sort_keys=True)


def _waves(items: Iterable, size: int) -> Iterator[list]:
    items = iter(items)
    while wave := list(islice(items, size)):
        yield wave


def _no_progress(stage: str, total: int) -> Callable[[int], None]:
    return lambda n: None


def store_reuse(store, params: ReuseParams = ReuseParams(), *, engine: Engine | None = None,
                on_stage: StageCallback | None = None) -> Provenance:
    """Find reuse among the articles of a :class:`~presslens.corpus.store.Store`, save the pairs, return provenance.

    Streams, resumes and runs incrementally (see the module docstring); the
    job's state lives in the ``reuse_*`` tables and is started afresh when
    ``params`` change. Exact copies are aligned once (as their original) and
    then reported as pairs of their own: the copy shares all of its text with
    the original and everything the original shares with others.
    """
    engine = engine or LocalEngine(1)
    on_stage = on_stage or _no_progress
    key = _job_key(params)
    if store.reuse_state().get("params") != key:
        store.reset_reuse_job()
        store.set_reuse_state(params=key)
    wave = 2 * max(1, engine.workers)
    _signature_stage(store, params, engine, on_stage, wave)
    _candidate_stage(store, params, engine, on_stage, max(1, engine.workers))
    _alignment_stage(store, params, engine, on_stage, wave)
    return _provenance_stage(store, on_stage)


def _signature_stage(store, params: ReuseParams, engine: Engine, on_stage: StageCallback, wave: int) -> None:
    signed = int(store.reuse_state().get("signed_through", 0))
    advance = on_stage("signatures", store.count_unique_texts(after=signed))
    for chunks in _waves(store.iter_unique_texts(after=signed, batch=params.chunk_docs), wave):
        results = engine.map(band_partitions_task,
                             [(texts, seqs, params.lsh, params.partitions) for seqs, texts in chunks])
        for (seqs, _), parts in zip(chunks, results):
            store.save_reuse_bands(seqs[-1], parts)
            advance(len(seqs))


def _candidate_stage(store, params: ReuseParams, engine: Engine, on_stage: StageCallback, wave: int) -> None:
    state = store.reuse_state()
    signed, through = int(state.get("signed_through", 0)), int(state.get("candidates_through", 0))
    if signed <= through:
        return
    advance = on_stage("candidates", params.partitions)
    found = [np.zeros((0, 2), dtype=np.int64)]
    for partitions in _waves(range(params.partitions), wave):
        tasks = [(store.reuse_band_partition(p), params.lsh.max_bucket, through) for p in partitions]
        found.extend(engine.map(partition_candidates_task, tasks))
        advance(len(partitions))
    # A pair sharing keys in several partitions comes out of each: kept once.
    pairs = unique_pairs(np.concatenate(found))
    store.save_reuse_candidates([pairs[s : s + params.chunk_pairs].tobytes()
                                 for s in range(0, len(pairs), params.chunk_pairs)], through=signed)


def _alignment_stage(store, params: ReuseParams, engine: Engine, on_stage: StageCallback, wave: int) -> None:
    pending = store.pending_reuse_candidates()
    advance = on_stage("alignment", len(pending))
    for batches in _waves(pending, wave):
        tasks = []
        for _, blob in batches:
            chunk = np.frombuffer(blob, dtype=np.int64).reshape(-1, 2)
            involved, local = np.unique(chunk, return_inverse=True)
            tasks.append((store.texts_of(involved.tolist()), local.reshape(chunk.shape), params.align, involved))
        results = engine.map(_align_and_map_back, tasks)
        store.save_reuse_aligned([batch for batch, _ in batches],
                                 [(p.a, p.b, p.share_a, p.share_b, p.passages, p.matched)
                                  for found in results for p in found])
        advance(len(batches))


def _provenance_stage(store, on_stage: StageCallback) -> Provenance:
    records = store.reuse_aligned_records()
    advance = on_stage("provenance", len(records))
    copies: dict[str, list[str]] = defaultdict(list)
    for original, copy in store.duplicates():
        copies[original].append(copy)
    lengths = {i: (len(text), len(text.split())) for i, text in store.texts_by_id(copies).items()}
    records = _expand_copies(records, copies, lengths)
    involved = {r["a"] for r in records} | {r["b"] for r in records}
    articles = {i: ArticleInfo(i, outlet, dt.date.fromisoformat(published[:10]) if published else None)
                for i, (outlet, published) in store.article_dates(involved).items()}
    text_of = store.texts_by_id(involved)
    classify(records, {i: ArticleFacts(text_of[i], publisher_name(info.outlet), info.published)
                       for i, info in articles.items()})
    result = provenance(records, articles)
    store.save_reuse(map(contract_record, result.pairs))
    advance(len(records))
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
