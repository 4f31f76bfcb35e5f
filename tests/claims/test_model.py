"""The check-worthiness classifier on the shared encoder: the shipped model and its folder."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

from presslens.claims.model import MODEL_DIR, ClaimClassifier, load_default_scorer
from presslens.errors import ModelError


def test_loading_a_missing_model_names_the_command(tmp_path):
    with pytest.raises(ModelError, match="presslens train claims"):
        ClaimClassifier.load(tmp_path)


def test_loading_another_format_says_to_retrain(tmp_path):
    shutil.copy(MODEL_DIR / "model.onnx", tmp_path / "model.onnx")
    meta = json.loads((MODEL_DIR / "meta.json").read_text())
    (tmp_path / "meta.json").write_text(json.dumps({**meta, "format_version": 1}))
    with pytest.raises(ModelError, match="retrain"):
        ClaimClassifier.load(tmp_path)


def test_shipped_model_prefers_a_numeric_claim():
    claim, chatter = load_default_scorer().predict_proba(
        ["The number of sorties increased from 436 to 710 last year.", "Thank you very much, it is good to be here."]
    )
    assert claim > 0.5 > chatter


def test_scores_do_not_depend_on_the_batch():
    texts = ["Taxes went up 20 percent under his plan.", "Good evening, everyone.", "Crime fell by half in ten years."]
    together = load_default_scorer().predict_proba(texts)
    assert np.allclose(together, [load_default_scorer().predict_proba([text])[0] for text in texts], atol=1e-5)


def test_no_texts_give_no_scores():
    assert load_default_scorer().predict_proba([]).shape == (0,)


def test_shipped_model_records_its_data_and_figures():
    meta = load_default_scorer().meta
    assert "ClaimBuster" in meta["data"] and {"precision", "recall", "f1"} <= set(meta["test"])
