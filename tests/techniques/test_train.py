"""Fine-tuning the technique tagger: the torch layers and their ONNX export agree; choices on held-out train."""

import os

import numpy as np
import pytest

from presslens.encoder import build_graph, session
from presslens.techniques.train import choose_thresholds
from tests.tiny_bert import TINY_CONFIG, tiny_weights

SI = {0.3: {"precision": 0.30, "recall": 0.6, "f1": 0.40, "spans": 90},
      0.5: {"precision": 0.46, "recall": 0.4, "f1": 0.43, "spans": 50},
      0.7: {"precision": 0.60, "recall": 0.2, "f1": 0.30, "spans": 20}}


def test_default_threshold_is_the_best_f1_that_reaches_the_target_precision():
    assert choose_thresholds(SI, 0.45)[0] == 0.5


def test_low_threshold_is_the_best_f1_at_or_below_the_default():
    assert choose_thresholds(SI, 0.55) == (0.7, 0.5)


def test_without_a_threshold_reaching_the_target_the_most_precise_is_the_default():
    assert choose_thresholds(SI, 0.9)[0] == 0.7


def test_exported_graph_matches_the_torch_layers():
    torch = pytest.importorskip("torch", reason="training needs the extra presslens[train]")
    from presslens.techniques.train import _tagger

    weights = tiny_weights()
    model = _tagger(torch, weights, TINY_CONFIG, range(1, 2), classes=3).eval()
    states = np.random.default_rng(1).normal(size=(2, 5, 8)).astype(np.float32)
    mask = np.ones((2, 5), dtype=np.int64)
    with torch.no_grad():
        expected, _ = model(torch.from_numpy(states), torch.from_numpy(mask.astype(np.float32)))
    graph = build_graph({**weights, **model.named_weights()}, TINY_CONFIG, range(1, 2), embeddings=False)
    (output,) = session(graph.SerializeToString()).run(None, {"states": states, "attention_mask": mask})
    assert np.allclose(output, expected.numpy(), atol=1e-4)


def test_training_without_torch_says_how_to_install_it(monkeypatch, corpus_dir, tmp_path):
    import builtins

    from presslens.errors import ModelError
    from presslens.techniques.train import train

    real_import = builtins.__import__

    def no_torch(name, *args, **kwargs):
        if name == "torch":
            raise ImportError("no torch")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_torch)
    with pytest.raises(ModelError, match=r"presslens\[train\]"):
        train(corpus_dir, tmp_path / "labels", tmp_path / "model")


@pytest.mark.skipif(not os.environ.get("PRESSLENS_TRAINING_TESTS"),
                    reason="trains a model (minutes, needs torch): set PRESSLENS_TRAINING_TESTS=1")  # fmt: skip
def test_training_on_the_synthetic_corpus_writes_a_loadable_model(corpus, corpus_dir, tmp_path):
    from presslens.techniques.formats import write_labels
    from presslens.techniques.model import TechniqueModel
    from presslens.techniques.train import train

    _, labels = corpus
    write_labels(labels, tmp_path / "gold.labels", "flc")
    meta = train(corpus_dir, tmp_path / "gold.labels", tmp_path / "model", epochs=1, held_out=0.25, log=lambda line: None)
    assert meta["choices"]["epoch"] == 1
    assert isinstance(TechniqueModel.load(tmp_path / "model").predict("These evil traitors said it."), list)
