import pytest

from presslens.errors import ModelError, NotFittedError
from presslens.nlp import load_pipeline
from presslens.quotes.model import CueModel, cue_features, is_candidate, shipped_model


def test_fit_save_load_round_trip(tmp_path):
    features = [{"lemma=say": 1.0}, {"lemma=eat": 1.0}] * 10
    labels = [1, 0] * 10
    model = CueModel(C=1.0).fit(features, labels)
    assert model.is_cue({"lemma=say": 1.0}) and not model.is_cue({"lemma=eat": 1.0})
    path = tmp_path / "cues.json"
    model.save(path)
    loaded = CueModel.load(path)
    assert loaded.probability({"lemma=say": 1.0}) == pytest.approx(model.probability({"lemma=say": 1.0}))


def test_unfitted_model_says_how_to_fix_it():
    with pytest.raises(NotFittedError, match="call fit"):
        CueModel().probability({})


def test_broken_model_file_is_a_model_error(tmp_path):
    path = tmp_path / "cues.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelError, match="train_quotes.py"):
        CueModel.load(path)


def test_shipped_model_separates_speech_from_other_verbs():
    doc = load_pipeline()("The minister said that the bridge will reopen. The bridge collapsed on Monday.")
    quoted: set[int] = set()
    verbs = {t.lemma_: shipped_model().is_cue(cue_features(t, quoted)) for t in doc if is_candidate(t)}
    assert verbs["say"] is True
    assert verbs["collapse"] is False
    assert verbs["reopen"] is False
