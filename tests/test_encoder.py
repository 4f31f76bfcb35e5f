import numpy as np
import pytest

from presslens.encoder import ArticleEncoding, build_graph, length_batches, mean_pool, session, window_starts

from tiny_bert import TINY_CONFIG, tiny_weights

@pytest.fixture(scope="module")
def encoder():
    from presslens.encoder import default_encoder

    return default_encoder()


def test_vectors_have_unit_norm_and_model_dimension(encoder):
    vectors = encoder.encode(["NATO moved its troops.", "A short one.", ""])
    assert vectors.shape == (3, 384)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_paraphrases_are_closer_than_unrelated_sentences(encoder):
    a, b, c = encoder.encode(
        ["A man is eating food.", "A man is eating a piece of bread.", "A monkey is playing drums."]
    )
    # sentence-transformers reports 0.7553 for the first pair with this model.
    assert a @ b == pytest.approx(0.7553, abs=2e-3)
    assert a @ b > a @ c


def test_batching_and_order_do_not_change_vectors(encoder):
    texts = ["Short.", "A considerably longer sentence about military drills near the border. " * 3, "Mid length text."]
    one_by_one = np.vstack([encoder.encode([text]) for text in texts])
    assert np.allclose(one_by_one, encoder.encode(texts, batch_size=2), atol=1e-5)


def test_empty_input_gives_empty_matrix(encoder):
    assert encoder.encode([]).shape == (0, 384)


def test_long_texts_are_truncated_to_the_model_length(encoder):
    assert len(encoder.token_ids(["word " * 1000])[0]) == 256


def test_article_offsets_point_at_the_word_pieces(encoder):
    text = "NATO’s drills near Narva worried Estonia’s neighbours."
    article = encoder.encode_article(text)
    assert [text[start:end] for start, end in article.offsets[:3]] == ["NATO", "’", "s"]


def test_article_pass_is_cached_per_text(encoder):
    text = "The ministry said 436 sorties were flown in 2020."
    assert encoder.encode_article(text) is encoder.encode_article(text)


def test_long_article_gets_one_vector_per_word_piece(encoder):
    text = " ".join(f"Sentence {i} says the drills grew again." for i in range(120))
    article = encoder.encode_article(text)
    assert len(article.vectors) == len(article.offsets) > 256
    assert np.linalg.norm(article.vectors, axis=1).min() > 0


def test_article_windows_agree_with_a_single_pass_away_from_edges(encoder):
    text = " ".join(f"Sentence {i} says the drills grew again." for i in range(40))
    article = encoder.encode_article(text)
    alone = encoder.encode_article(text[: article.offsets[200, 1]])
    cosine = (article.vectors[100] @ alone.vectors[100]) / (
        np.linalg.norm(article.vectors[100]) * np.linalg.norm(alone.vectors[100]))
    assert cosine > 0.99


def test_span_vectors_pool_the_pieces_inside_each_span():
    article = ArticleEncoding("ab cd", np.array([[1.0, 0.0], [0.0, 1.0]], np.float32), np.array([[0, 2], [3, 5]]))
    assert np.allclose(article.span_vectors([(0, 5), (3, 5), (2, 3)]), [[0.70710677, 0.70710677], [0, 1], [0, 0]])


def test_window_starts_cover_the_text_with_overlap():
    assert window_starts(500, 254, overlap=64) == [0, 190, 246]


def test_window_starts_of_a_short_text_is_one_window():
    assert window_starts(100, 254) == [0]


def test_mean_pool_ignores_padding():
    states = np.array([[[3.0, 4.0], [100.0, 0.0]]], np.float32)
    assert np.allclose(mean_pool(states, np.array([[1.0, 0.0]], np.float32)), [[0.6, 0.8]])


def test_length_batches_keep_padding_low_and_cover_every_text_once():
    lengths = [5, 80, 6, 5, 7, 90, 6, 5]
    batches = length_batches(lengths, batch_size=4)
    assert sorted(i for batch in batches for i in batch) == list(range(len(lengths)))
    for batch in batches:
        widths = [lengths[i] for i in batch]
        assert len(batch) <= 4 and (len(batch) * max(widths) <= 1.25 * sum(widths) or len(batch) == 1)


def test_split_graphs_compute_the_same_states_as_one_graph():
    weights = tiny_weights()
    ids, mask = np.array([[1, 5, 7, 2, 0]]), np.array([[1, 1, 1, 1, 0]])
    (whole,) = session(build_graph(weights, TINY_CONFIG, range(2), embeddings=True).SerializeToString()).run(
        None, {"input_ids": ids, "attention_mask": mask})
    (lower,) = session(build_graph(weights, TINY_CONFIG, range(1), embeddings=True).SerializeToString()).run(
        None, {"input_ids": ids, "attention_mask": mask})
    (upper,) = session(build_graph(weights, TINY_CONFIG, range(1, 2), embeddings=False).SerializeToString()).run(
        None, {"states": lower, "attention_mask": mask})
    assert np.allclose(whole, upper, atol=1e-5)


def test_padding_does_not_change_the_real_tokens_states():
    graph = session(build_graph(tiny_weights(), TINY_CONFIG, range(2), embeddings=True).SerializeToString())
    (short,) = graph.run(None, {"input_ids": np.array([[1, 5, 2]]), "attention_mask": np.array([[1, 1, 1]])})
    (padded,) = graph.run(None, {"input_ids": np.array([[1, 5, 2, 0, 0]]), "attention_mask": np.array([[1, 1, 1, 0, 0]])})
    assert np.allclose(short, padded[:, :3], atol=1e-5)


def test_head_graph_gives_two_logits_per_text():
    graph = session(build_graph(tiny_weights(), TINY_CONFIG, range(2), embeddings=False, head="classifier").SerializeToString())
    states = np.random.default_rng(0).normal(size=(3, 4, 8)).astype(np.float32)
    (logits,) = graph.run(None, {"states": states, "attention_mask": np.ones((3, 4), np.int64)})
    assert logits.shape == (3, 2)


def test_int8_graph_stays_close_to_fp32():
    from presslens.encoder import _quantized

    graph = build_graph(tiny_weights(), TINY_CONFIG, range(2), embeddings=True)
    feed = {"input_ids": np.array([[1, 5, 7, 2]]), "attention_mask": np.ones((1, 4), np.int64)}
    (fp32,) = session(graph.SerializeToString()).run(None, feed)
    (int8,) = session(_quantized(graph).SerializeToString()).run(None, feed)
    cosine = (fp32 * int8).sum(-1) / (np.linalg.norm(fp32, axis=-1) * np.linalg.norm(int8, axis=-1))
    assert cosine.min() > 0.95


def test_built_graph_is_cached_on_disk(tmp_path, monkeypatch):
    from presslens.encoder import cached_graph

    monkeypatch.setenv("PRESSLENS_CACHE_DIR", str(tmp_path))
    path = cached_graph("tiny", lambda: build_graph(tiny_weights(), TINY_CONFIG, range(1), embeddings=True))
    assert path.parent == tmp_path and path.exists()
