import numpy as np
import pytest


@pytest.fixture(scope="module")
def encoder():
    from presslens.embeddings import default_encoder

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
    texts = ["Short.", "A considerably longer sentence about military drills near the border.", "Mid length text."]
    one_by_one = np.vstack([encoder.encode([text]) for text in texts])
    batched = encoder.encode(texts, batch_size=2)
    assert np.allclose(one_by_one, batched, atol=1e-5)


def test_empty_input_gives_empty_matrix(encoder):
    assert encoder.encode([]).shape == (0, 384)


def test_gelu_matches_the_exact_erf_form():
    from scipy.special import erf

    from presslens.embeddings import _gelu

    x = np.linspace(-8, 8, 4001, dtype=np.float32)
    exact = 0.5 * x.astype(np.float64) * (1.0 + erf(x.astype(np.float64) / np.sqrt(2.0)))
    assert np.abs(_gelu(x) - exact).max() < 1e-5


def test_length_batches_keep_padding_low_and_cover_every_text_once():
    from presslens.embeddings import _length_batches

    lengths = [5, 80, 6, 5, 7, 90, 6, 5]
    batches = _length_batches(lengths, batch_size=4)
    assert sorted(i for batch in batches for i in batch) == list(range(len(lengths)))
    for batch in batches:
        assert len(batch) <= 4
        widths = [lengths[i] for i in batch]
        assert len(batch) * max(widths) <= 1.25 * sum(widths) or len(batch) == 1


def test_batching_does_not_change_vectors(encoder):
    texts = ["short", "a much longer text about troops moving closer to the border " * 3, "mid length text"]
    together = encoder.encode(texts)
    alone = np.vstack([encoder.encode([text]) for text in texts])
    assert np.allclose(together, alone, atol=1e-5)
