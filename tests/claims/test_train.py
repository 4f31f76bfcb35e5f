"""Fine-tuning: the torch top layers and the ONNX graph they are exported to compute the same logits."""

from __future__ import annotations

import os

import numpy as np
import pytest

from presslens.claims.train import positive_scores
from presslens.encoder import build_graph, session

from tiny_bert import TINY_CONFIG, tiny_weights


def test_positive_scores_of_the_check_worthy_class():
    assert positive_scores([1, 1, 0, 0], [1, 0, 1, 0]) == {"precision": 0.5, "recall": 0.5, "f1": 0.5}


def test_positive_scores_without_positive_predictions_are_zero():
    assert positive_scores([1, 0], [0, 0])["f1"] == 0.0


def test_exported_graph_matches_the_torch_model():
    torch = pytest.importorskip("torch", reason="training needs the extra presslens[train]")
    from presslens.claims.train import _top_model

    weights = tiny_weights()
    model = _top_model(torch, weights, TINY_CONFIG, range(1, 2)).eval()
    states = np.random.default_rng(1).normal(size=(2, 5, 8)).astype(np.float32)
    mask = np.array([[1, 1, 1, 1, 1], [1, 1, 1, 0, 0]])
    with torch.no_grad():
        expected = model(torch.from_numpy(states), torch.from_numpy(mask.astype(np.float32))).numpy()
    graph = build_graph(model.named_weights(), TINY_CONFIG, range(1, 2), embeddings=False, head="classifier")
    (logits,) = session(graph.SerializeToString()).run(None, {"states": states, "attention_mask": mask})
    assert np.allclose(logits, expected, atol=1e-4)


@pytest.mark.skipif(not os.environ.get("PRESSLENS_TRAINING_TESTS"),
                    reason="trains a model (minutes, needs torch): set PRESSLENS_TRAINING_TESTS=1")  # fmt: skip
def test_training_on_a_small_sample_writes_a_loadable_model(tmp_path):
    import json

    from presslens.claims.model import ClaimClassifier
    from presslens.claims.train import train

    records = [{"text": f"Taxes rose {n} per cent in {1990 + n}.", "label": 1} for n in range(20)]
    records += [{"text": f"Thank you, it is good to be here number {n}.", "label": 0} for n in range(20)]
    (tmp_path / "train.json").write_text(json.dumps(records))
    meta = train(tmp_path, tmp_path / "model", epochs=1, log=lambda line: None)
    assert meta["choices"]["chosen"]["epoch"] == 1
    assert len(ClaimClassifier.load(tmp_path / "model").predict_proba(["Taxes rose."])) == 1
