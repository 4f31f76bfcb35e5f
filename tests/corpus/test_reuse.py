import datetime as dt
import json
import random

import numpy as np
import pytest
from click.testing import CliRunner

from presslens.cli import cli
from presslens.corpus.align import AlignParams, align_pairs, covered_share
from presslens.corpus.minhash import EMPTY, METHODS, candidate_pairs, distinct_band_keys, shingle_hashes, \
    signatures, sorted_distinct, tokenize_many, unique_pairs
from presslens.article import Article
from presslens.corpus.reuse import ArticleInfo, ReuseParams, find_reuse, pair_records, provenance, store_reuse
from presslens.corpus.store import Store
from presslens.errors import ConfigError
from presslens.parallel import DaskEngine, LocalEngine

RNG = random.Random(3)
WORDS = ["".join(RNG.choice("bdfgklmnprstvz") + RNG.choice("aeiou") for _ in range(RNG.randint(1, 3)))
         for _ in range(3000)]


def paragraph(rng: random.Random, size: int = 60) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(size)).capitalize() + "."


def edited(text: str, rng: random.Random, edits: int = 3) -> str:
    words = text.split(" ")
    for _ in range(edits):
        words[rng.randrange(len(words))] = rng.choice(WORDS)
    return " ".join(words)


def planted_corpus():
    """Articles (id, outlet, date, paragraphs) and the pairs that truly share text."""
    rng = random.Random(11)
    base = {f"orig{i}": [paragraph(rng) for _ in range(5)] for i in range(6)}
    copy = [edited(p, rng) for p in base["orig0"]]
    articles = {
        "orig0": ("TASS", 1, base["orig0"]),
        "orig1": ("RIA", 1, base["orig1"]),
        "orig2": ("Reuters", 2, base["orig2"]),
        "orig3": ("BBC", 2, base["orig3"]),
        "orig4": ("AP", 3, base["orig4"]),
        "orig5": ("Meduza", 3, base["orig5"]),
        # A lightly edited whole copy, then an edited copy of the copy: a chain TASS -> proxy-a -> proxy-b.
        "copy": ("proxy-a", 4, copy),
        "copy-of-copy": ("proxy-b", 5, [edited(p, rng) for p in copy]),
        # One paragraph of RIA inside new text.
        "inside": ("proxy-c", 5, [paragraph(rng), base["orig1"][2], paragraph(rng), paragraph(rng)]),
        # Reuters re-ordered, one paragraph dropped.
        "reordered": ("proxy-d", 6, [base["orig2"][i] for i in (3, 0, 4, 1)]),
        "fresh": ("proxy-e", 6, [paragraph(rng) for _ in range(4)]),
    }
    truth = {("copy", "orig0"), ("copy-of-copy", "orig0"), ("copy", "copy-of-copy"), ("inside", "orig1"),
             ("orig2", "reordered")}
    return articles, truth


def as_records(articles):
    return [{"id": article_id, "outlet": outlet, "published": f"2022-01-{day:02d}", "text": "\n\n".join(paragraphs)}
            for article_id, (outlet, day, paragraphs) in articles.items()]


def test_tokenizer_keeps_character_offsets_of_unicode_text():
    texts = ["Say “Hello”, Müller!", "", "Привет, мир"]
    tokens = tokenize_many(texts)
    words = [[text[s:e] for s, e in zip(*tokens.document(d)[1:])] for d, text in enumerate(texts)]
    assert words == [["Say", "Hello", "Müller"], [], ["Привет", "мир"]]


def test_word_hashes_ignore_case_and_typographic_quotes():
    tokens = tokenize_many(["“Drills” began", '"drills" BEGAN'])
    assert list(tokens.document(0)[0]) == list(tokens.document(1)[0])


@pytest.mark.parametrize("method", METHODS)
def test_signatures_estimate_jaccard_similarity(method):
    rng = random.Random(1)
    shared = [rng.choice(WORDS) for _ in range(400)]
    texts = [" ".join(shared), " ".join(shared[:300] + [rng.choice(WORDS) for _ in range(100)])]
    shingles, offsets = shingle_hashes(tokenize_many(texts), 5)
    first, second = (set(shingles[offsets[d]:offsets[d + 1]].tolist()) for d in range(2))
    jaccard = len(first & second) / len(first | second)
    sig = signatures(shingles, offsets, 256, method=method)
    assert abs(float(np.mean(sig[0] == sig[1])) - jaccard) < 0.08


def test_signatures_of_a_document_without_shingles_are_empty_and_methods_are_checked():
    shingles, offsets = shingle_hashes(tokenize_many(["too short", "one two three four five six"]), 5)
    sig = signatures(shingles, offsets, 16)
    assert (sig[0] == EMPTY).all() and (sig[1] != EMPTY).all()
    with pytest.raises(ConfigError, match="one-permutation, permutations"):
        signatures(shingles, offsets, 16, method="b-bit")


def test_candidate_pairs_come_from_shared_band_keys():
    keys = np.array([5, 5, 7, 7, 7, 9], dtype=np.uint64)
    docs = np.array([0, 1, 2, 3, 4, 4])
    assert candidate_pairs(*distinct_band_keys(keys, docs)).tolist() == [[0, 1], [2, 3], [2, 4], [3, 4]]
    assert candidate_pairs(keys, docs, max_bucket=2).tolist() == [[0, 1]]


def test_distinct_band_keys_are_the_sorted_distinct_key_document_pairs():
    generator = np.random.default_rng(5)
    keys = generator.integers(0, 40, size=500).astype(np.uint64)
    docs = generator.integers(0, 6, size=500)
    expected = sorted(set(zip(keys.tolist(), docs.tolist())))
    assert list(zip(*(column.tolist() for column in distinct_band_keys(keys, docs)))) == expected


@pytest.mark.parametrize("high", [3, 1000, 2**40])
def test_unique_pairs_are_numpys_unique_rows(high):
    pairs = np.random.default_rng(high % 97).integers(0, high, size=(2000, 2))
    assert np.array_equal(unique_pairs(pairs), np.unique(pairs, axis=0))


def test_unique_pairs_of_no_pairs_is_an_empty_table():
    assert unique_pairs(np.zeros((0, 2), dtype=np.int64)).shape == (0, 2)


def test_sorted_distinct_is_numpys_unique():
    values = np.random.default_rng(2).integers(0, 2**63, size=3000, dtype=np.uint64)
    assert np.array_equal(sorted_distinct(np.concatenate((values, values[:100]))), np.unique(values))


def test_alignment_finds_a_copied_paragraph_with_offsets_on_both_sides():
    rng = random.Random(5)
    copied = paragraph(rng, 50)
    a = f"{paragraph(rng)}\n\n{copied}\n\n{paragraph(rng)}"
    b = f"{paragraph(rng, 30)}\n\n{copied}"
    tokens = tokenize_many([a, b])
    shingles, offsets = shingle_hashes(tokens, 5)
    [passages] = align_pairs(shingles, offsets, np.array([[0, 1]]))
    [passage] = passages
    a_starts, a_ends = tokens.document(0)[1:]
    b_starts, b_ends = tokens.document(1)[1:]
    assert a[a_starts[passage.a_first]:a_ends[passage.a_last]] == copied.rstrip(".")
    assert b[b_starts[passage.b_first]:b_ends[passage.b_last]] == copied.rstrip(".")


def test_alignment_bridges_light_edits_and_ignores_short_coincidences():
    rng = random.Random(8)
    original = paragraph(rng, 80)
    copy = edited(original, rng, 2)
    unrelated = " ".join(original.split(" ")[:8]) + " " + paragraph(rng, 70)
    shingles, offsets = shingle_hashes(tokenize_many([original, copy, unrelated]), 5)
    bridged, coincidence = align_pairs(shingles, offsets, np.array([[0, 1], [0, 2]]), AlignParams())
    assert len(bridged) == 1 and bridged[0].words >= 75
    assert coincidence == []


def test_covered_share_counts_overlaps_once():
    assert covered_share([(0, 9), (5, 14), (20, 29)], 40) == 25 / 40


def test_planted_reuse_is_found_with_perfect_precision_and_recall():
    articles, truth = planted_corpus()
    ids = list(articles)
    texts = ["\n\n".join(articles[i][2]) for i in ids]
    pairs = find_reuse(texts)
    found = {tuple(sorted((ids[p.a], ids[p.b]))) for p in pairs}
    assert found == {tuple(sorted(pair)) for pair in truth}
    by_ids = {tuple(sorted((ids[p.a], ids[p.b]))): p for p in pairs}
    inside = by_ids[("inside", "orig1")]
    assert 0.15 < inside.share_b < 0.3 and 0.15 < inside.share_a < 0.35
    assert by_ids[("copy", "orig0")].share_a > 0.9 and by_ids[("copy", "orig0")].share_b > 0.9
    assert len(by_ids[("orig2", "reordered")].passages) == 4


def test_same_results_with_worker_processes():
    articles, _ = planted_corpus()
    texts = ["\n\n".join(paragraphs) for _, _, paragraphs in articles.values()]
    with LocalEngine(2) as engine:
        assert find_reuse(texts, engine=engine) == find_reuse(texts)


def test_same_results_on_a_dask_cluster():
    distributed = pytest.importorskip("distributed")
    articles, _ = planted_corpus()
    texts = ["\n\n".join(paragraphs) for _, _, paragraphs in articles.values()]
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address=":0") as cluster, distributed.Client(cluster) as client:
        assert find_reuse(texts, engine=DaskEngine(client)) == find_reuse(texts)


def test_provenance_origins_sources_outlets_and_chains():
    articles, _ = planted_corpus()
    ids = list(articles)
    texts = ["\n\n".join(articles[i][2]) for i in ids]
    info = {i: ArticleInfo(i, outlet, dt.date(2022, 1, day)) for i, (outlet, day, _) in articles.items()}
    result = provenance(pair_records(find_reuse(texts), ids), info)
    origins = {tuple(sorted((r["a"], r["b"]))): r["origin"] for r in result.pairs}
    # The copy of a copy shares its text with both: the origin of that pair is TASS's original.
    assert origins[("copy", "copy-of-copy")] == "orig0"
    assert origins[("inside", "orig1")] == "orig1"
    assert result.sources["copy-of-copy"] == "copy"
    assert result.chains[0]["outlets"] == ["TASS", "proxy-a", "proxy-b"]
    tass = [row for row in result.outlet_reuse if row["source"] == "TASS"]
    assert tass == [{"source": "TASS", "republisher": "proxy-a", "articles": 1, "verbatim": 1, "verbatim_share": 1.0}]


def test_corpus_reuse_cli_prints_the_contract_jsonl(tmp_path):
    articles, truth = planted_corpus()
    records = as_records(articles)
    records.append({**records[0], "id": "exact-copy", "outlet": "proxy-z", "published": "2022-01-09"})
    source = tmp_path / "corpus.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records))
    db = str(tmp_path / "c.db")
    runner = CliRunner()
    assert runner.invoke(cli, ["corpus", "add", "--db", db, str(source)]).exit_code == 0
    result = runner.invoke(cli, ["corpus", "reuse", "--db", db, "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines()]
    texts = {r["id"]: r["text"] for r in records}
    for line in lines:
        assert set(line) == {"a", "b", "share_a", "share_b", "passages", "origin", "kind", "source", "credit"}
        assert 0 < line["share_a"] <= 1 and 0 < line["share_b"] <= 1
        for p in line["passages"]:
            assert set(p) == {"a_start", "a_end", "b_start", "b_end", "kind"}
            assert texts[line["a"]][p["a_start"]:p["a_end"]].split()[:3] == \
                texts[line["b"]][p["b_start"]:p["b_end"]].split()[:3]
    found = {tuple(sorted((line["a"], line["b"]))) for line in lines}
    with_copy = {tuple(sorted(pair)) for pair in truth} | {
        ("exact-copy", "orig0"), ("copy", "exact-copy"), ("copy-of-copy", "exact-copy")}
    assert found == with_copy
    exact = next(line for line in lines if {line["a"], line["b"]} == {"orig0", "exact-copy"})
    assert (exact["share_a"], exact["share_b"], exact["origin"]) == (1.0, 1.0, "orig0")
    with Store(db, read_only=True) as store:
        assert len(store.reuse_pairs(limit=None)) == len(lines)


def planted_store(path, names=None):
    """A store holding the planted corpus (or the articles ``names`` of it)."""
    articles, _ = planted_corpus()
    store = Store(path)
    store.add_articles(Article.from_dict(r) for r in as_records(articles) if names is None or r["id"] in names)
    return store


def pair_set(result):
    return [(r["a"], r["b"], r["share_a"], r["share_b"], r["origin"]) for r in result.pairs]


def stage_totals():
    totals = {}

    def on_stage(stage, total):
        totals[stage] = total
        return lambda n: None

    return totals, on_stage


def test_incremental_reuse_signs_only_the_new_articles_and_keeps_the_stored_pairs(tmp_path):
    articles, _ = planted_corpus()
    first = list(articles)[:8]
    with planted_store(tmp_path / "inc.db", first) as store:
        store_reuse(store)
        before = store.reuse_aligned_records()
        store.add_articles(Article.from_dict(r) for r in as_records(articles) if r["id"] not in first)
        totals, on_stage = stage_totals()
        incremental = store_reuse(store, on_stage=on_stage)
        after = store.reuse_aligned_records()
    with planted_store(tmp_path / "full.db") as store:
        full = store_reuse(store)
    assert (totals["signatures"], pair_set(incremental), [r for r in after if r in before]) == \
        (len(articles) - len(first), pair_set(full), before)


def test_interrupted_reuse_resumes_where_it_stopped(tmp_path):
    params = ReuseParams(chunk_pairs=1)

    def stop_after_first_batches(stage, total):
        def advance(n):
            if stage == "alignment":
                raise KeyboardInterrupt
        return advance

    with planted_store(tmp_path / "stop.db") as store:
        with pytest.raises(KeyboardInterrupt):
            store_reuse(store, params, on_stage=stop_after_first_batches)
        totals, on_stage = stage_totals()
        resumed = store_reuse(store, params, on_stage=on_stage)
    with planted_store(tmp_path / "full.db") as store:
        full_totals, on_full_stage = stage_totals()
        full = store_reuse(store, params, on_stage=on_full_stage)
    assert (totals["signatures"], totals["alignment"], pair_set(resumed)) == \
        (0, full_totals["alignment"] - 2, pair_set(full))


def test_changed_parameters_start_the_reuse_job_afresh(tmp_path):
    with planted_store(tmp_path / "p.db") as store:
        store_reuse(store)
        totals, on_stage = stage_totals()
        store_reuse(store, ReuseParams(align=AlignParams(min_words=30)), on_stage=on_stage)
    assert totals["signatures"] == len(planted_corpus()[0])


def test_store_reuse_on_a_dask_cluster_matches_the_local_engine(tmp_path):
    distributed = pytest.importorskip("distributed")
    with planted_store(tmp_path / "local.db") as store, LocalEngine(2) as engine:
        local = store_reuse(store, ReuseParams(chunk_docs=3, chunk_pairs=2, partitions=4), engine=engine)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address=":0") as cluster, distributed.Client(cluster) as client, \
            planted_store(tmp_path / "dask.db") as store:
        on_dask = store_reuse(store, ReuseParams(chunk_docs=3, chunk_pairs=2, partitions=4),
                              engine=DaskEngine(client))
    assert pair_set(on_dask) == pair_set(local)


def test_candidates_of_new_documents_only():
    keys = np.array([1, 1, 1, 2, 2], dtype=np.uint64)
    documents = np.array([1, 2, 5, 3, 4])
    assert candidate_pairs(keys, documents, new_after=4).tolist() == [[1, 5], [2, 5]]
