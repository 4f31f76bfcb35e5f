import numpy as np
import pytest

from presslens.errors import ModelError
from presslens.techniques.formats import Label
from presslens.techniques.model import (ArticleOutputs, TechniqueModel, decode, gate_features, has_content_word,
                                        piece_tags, span_signals, widen_to_words)
from presslens.techniques.scorer import score_si, score_tc


def _probabilities(inside):
    """O/B/I rows where ``inside`` is each piece's probability of B (and I is never likely)."""
    inside = np.asarray(inside, dtype=float)
    return np.stack([1 - inside, inside, np.full(len(inside), 1e-6)], axis=1)


@pytest.mark.parametrize(
    "rows, expected",
    [
        ([[0.1, 0.8, 0.1], [0.1, 0.1, 0.8], [0.9, 0.05, 0.05]], [(0, 1)]),
        ([[0.1, 0.8, 0.1], [0.1, 0.8, 0.1]], [(0, 0), (1, 1)]),  # two B: two spans
        ([[0.9, 0.05, 0.05], [0.9, 0.05, 0.05]], []),
        ([], []),
    ],
)
def test_decode_reads_b_and_i_runs(rows, expected):
    assert decode(np.asarray(rows, dtype=float).reshape(-1, 3)) == expected


def test_decode_never_starts_a_span_with_i_after_o():
    rows = np.array([[0.9, 0.05, 0.05], [0.2, 0.2, 0.6], [0.3, 0.1, 0.6]])
    assert decode(rows) == [(1, 2)]


def test_a_lone_piece_is_a_span_when_it_reaches_the_threshold():
    assert decode(_probabilities([0.4, 0.7, 0.4]), 0.6) == [(1, 1)]


def test_a_lower_threshold_finds_more():
    assert decode(_probabilities([0.4, 0.7, 0.4]), 0.3) == [(0, 0), (1, 1), (2, 2)]


def test_piece_tags_mark_b_then_i():
    offsets = np.array([[0, 4], [5, 9], [10, 14], [15, 19]])
    assert piece_tags(offsets, [(5, 14)]).tolist() == [0, 1, 2, 0]


@pytest.mark.parametrize(
    "text, start, end, expected",
    [
        ("the al-Tanf base", 4, 6, "al-Tanf"),
        ("a Ru-Main story", 2, 4, "Ru-Main"),
        ("so traitorous indeed", 5, 9, "traitorous"),
        ("  spaced  ", 0, 10, "spaced"),
    ],
)
def test_spans_widen_to_whole_words(text, start, end, expected):
    start, end = widen_to_words(text, start, end)
    assert text[start:end] == expected


@pytest.mark.parametrize("fragment, expected", [("Mr.", False), ("the", False), ("al", False),
                                                ("evil traitors", True), ("anti-", False)])
def test_a_span_needs_a_content_word(fragment, expected):
    assert has_content_word(fragment) is expected


def test_span_signals_flag_a_repeated_phrase():
    text = "Build the wall. They said it again: build the wall."
    assert span_signals(text, 0, 14)[0] == 1.0


def test_span_signals_leave_a_phrase_said_once():
    assert span_signals("Build the wall. Then go home.", 16, 28)[0] == 0.0


def test_gate_features_of_an_empty_article_are_zero():
    empty = ArticleOutputs(np.zeros((0, 2), np.int64), np.zeros((0, 4), np.float32), np.zeros((0, 3)))
    assert gate_features(empty, 0, 0).tolist() == [0.0, 0.0, 0.0, 0.0]


def test_model_finds_the_planted_spans(trained_model, synthetic_corpus):
    model = TechniqueModel.load(trained_model)
    articles, labels = synthetic_corpus(3)
    assert score_si(labels, model.predict_articles(articles, "si")).overall.f1 > 0.8


def test_tc_labels_given_spans(trained_model, synthetic_corpus):
    model = TechniqueModel.load(trained_model)
    articles, labels = synthetic_corpus(3)
    template = [Label(label.article_id, label.start, label.end, "?") for label in labels]
    assert score_tc(labels, model.predict_articles(articles, "tc", template)).overall.f1 == pytest.approx(1.0)


def test_predictions_carry_confidences_and_cues(trained_model, synthetic_corpus):
    model = TechniqueModel.load(trained_model)
    articles, _ = synthetic_corpus(1)
    predictions = model.predict(next(iter(articles.values())))
    assert predictions and all(0 <= p.confidence <= 1 and 0 <= p.span_confidence <= 1 and p.cues for p in predictions)


def test_cues_are_words_of_the_span(trained_model):
    model = TechniqueModel.load(trained_model)
    text = "These evil traitors said the speaker."
    cues = model.cues(text, model.outputs(text), 0, 19, "Name_Calling,Labeling")
    assert set(cues) <= {"These", "evil", "traitors"}


def test_persuasion_without_a_gate_is_a_probability(trained_model):
    model = TechniqueModel.load(trained_model)
    text = "These evil traitors said the speaker."
    assert 0.0 <= model.persuasion(text) <= 1.0


def test_load_refuses_a_folder_that_is_not_a_model(tmp_path):
    with pytest.raises(ModelError, match="not a technique model folder"):
        TechniqueModel.load(tmp_path)


def test_tc_template_of_unknown_articles_is_refused(trained_model):
    with pytest.raises(ModelError, match="not in the folder"):
        TechniqueModel.load(trained_model).predict_articles({"1": "text"}, "tc", [Label("2", 0, 4, "?")])
