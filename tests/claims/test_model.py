"""The check-worthiness classifier: scikit-learn style fit/predict, save/load without pickle."""

from __future__ import annotations

import numpy as np
import pytest

from presslens.claims.model import ClaimScorer, load_default_scorer
from presslens.errors import ModelError, NotFittedError

TEXTS = [
    "Unemployment rose by 3 per cent last year.",
    "We spent $200 million on schools in 2010.",
    "Crime fell by half in ten years.",
    "Taxes went up 20 percent under his plan.",
    "Thank you all for coming tonight.",
    "I love this great country.",
    "Good evening, everyone.",
    "Let me tell you something.",
]
LABELS = [1, 1, 1, 1, 0, 0, 0, 0]


def test_scoring_before_fit_says_how_to_fix_it():
    with pytest.raises(NotFittedError, match="call fit"):
        ClaimScorer().predict_proba(["x"])


def test_fit_predict_and_save_load_round_trip(tmp_path):
    scorer = ClaimScorer(C=10).fit(TEXTS, LABELS)
    assert list(scorer.predict(TEXTS)) == LABELS
    scorer.save(tmp_path / "model")
    loaded = ClaimScorer.load(tmp_path / "model")
    assert np.allclose(loaded.predict_proba(TEXTS), scorer.predict_proba(TEXTS))
    assert loaded.C == 10


def test_fit_rejects_mismatched_lengths():
    with pytest.raises(ValueError, match="8 texts but 2 labels"):
        ClaimScorer().fit(TEXTS, [0, 1])


def test_loading_a_missing_model_names_the_script(tmp_path):
    with pytest.raises(ModelError, match="train_claims.py"):
        ClaimScorer.load(tmp_path)


def test_shipped_model_prefers_a_numeric_claim():
    claim, chatter = load_default_scorer().predict_proba(
        ["The number of sorties increased from 436 to 710 last year.", "Thank you very much, it is good to be here."]
    )
    assert claim > 0.5 > chatter
