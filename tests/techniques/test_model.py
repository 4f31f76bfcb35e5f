import pytest

from presslens.errors import ModelError, NotFittedError
from presslens.nlp import load_pipeline
from presslens.techniques.model import SPARSE_COLUMNS, TechniqueModel, decode_runs, train
from presslens.techniques.scorer import score_si, score_tc


def test_unfitted_model_says_how_to_fix_it():
    with pytest.raises(NotFittedError, match="fit"):
        TechniqueModel().find_spans(load_pipeline()("Some text."), "Some text.")


def test_trained_model_finds_the_planted_spans(trained_model, synthetic_corpus):
    model = TechniqueModel.load(trained_model)
    articles, labels = synthetic_corpus(3)
    predicted = model.predict_articles(articles, "flc")
    assert score_si(labels, predicted).overall.f1 > 0.8
    by_span = {(label.article_id, label.start, label.end): label.technique for label in predicted}
    correct = sum(by_span.get((g.article_id, g.start, g.end)) == g.technique for g in labels)
    assert correct >= len(labels) * 0.8


def test_tc_labels_given_spans(trained_model, synthetic_corpus):
    model = TechniqueModel.load(trained_model)
    articles, labels = synthetic_corpus(3)
    template = [label.__class__(label.article_id, label.start, label.end, "?") for label in labels]
    predicted = model.predict_articles(articles, "tc", template)
    assert len(predicted) == len(labels)
    assert score_tc(labels, predicted).overall.f1 == pytest.approx(1.0)


def test_predictions_carry_confidences_and_cues(trained_model, synthetic_corpus):
    model = TechniqueModel.load(trained_model)
    articles, _ = synthetic_corpus(1)
    doc = load_pipeline()(next(iter(articles.values())))
    predictions = model.predict_doc(doc)
    assert predictions
    for prediction in predictions:
        assert 0.0 <= prediction.confidence <= prediction.span_confidence <= 1.0
        assert prediction.cues


def test_save_load_round_trip_keeps_predictions(trained_model, tmp_path):
    model = TechniqueModel.load(trained_model)
    copy = TechniqueModel.load(model.save(tmp_path / "copy"))
    doc = load_pipeline()("These evil traitors said the speaker.\nThe weather was mild.")
    assert model.predict_doc(doc) == copy.predict_doc(doc)
    assert copy.options() == model.options()


def test_classifier_weighs_span_embeddings_unless_told_not_to(corpus):
    articles, labels = corpus
    with_embeddings = TechniqueModel(max_iterations=5).fit(articles, labels)
    assert with_embeddings.coef_.shape[1] == SPARSE_COLUMNS + 384
    assert abs(with_embeddings.coef_[:, SPARSE_COLUMNS:]).sum() > 0
    lexical = TechniqueModel(max_iterations=5, embeddings=False).fit(articles, labels)
    assert lexical.coef_.shape[1] == SPARSE_COLUMNS
    article_id, text = next(iter(articles.items()))
    gold = [label for label in labels if label.article_id == article_id]
    doc = load_pipeline()(text)
    for model in (with_embeddings, lexical):
        ranked = model.classify(text, doc, [(label.start, label.end) for label in gold])
        assert [techniques[0][0] for techniques in ranked] == [label.technique for label in gold]


def test_load_refuses_a_folder_that_is_not_a_model(tmp_path):
    with pytest.raises(ModelError, match="not a technique model folder"):
        TechniqueModel.load(tmp_path)


def test_fit_refuses_labels_of_other_articles(synthetic_corpus):
    with pytest.raises(ModelError, match="article ids"):
        TechniqueModel().fit({"1": "text"}, synthetic_corpus(1)[1])


def test_train_picks_penalties_decoding_and_C_on_held_out_articles(corpus):
    articles, labels = corpus
    decodings = [(0.3, 0.1, 0), (0.6, 0.6, 2)]
    model, report = train(
        articles, labels, held_out=0.25, penalties=[(0.05, 0.05), (0.5, 0.5)], decodings=decodings,
        c_values=(0.5, 2.0), max_iterations=10, seed=1,
    )
    assert report["held_out_articles"] == 2
    assert len(report["si_f1_by_setting"]) == 2 * 2
    assert (model.c1, model.c2) in [(0.05, 0.05), (0.5, 0.5)]
    assert (model.threshold, model.extend_threshold, model.max_gap) in decodings
    assert report["decoding"]["threshold"] == model.threshold
    assert set(report["tc_f1_by_C"]) == {0.5, 2.0} and model.C == report["C"] in (0.5, 2.0)


@pytest.mark.parametrize(
    "probabilities, expected",
    [
        ([0.0, 0.5, 0.0], [(1, 1)]),
        ([0.12, 0.5, 0.12, 0.0], [(0, 2)]),  # grows over neighbours above the extension threshold
        ([0.12, 0.12, 0.0], []),  # no seed token
        ([0.5, 0.0, 0.5], [(0, 2)]),  # gap of one token joined
        ([0.5, 0.0, 0.0, 0.0, 0.5], [(0, 0), (4, 4)]),  # gap of three kept apart
    ],
)
def test_decode_runs(probabilities, expected):
    assert decode_runs(probabilities, 0.3, 0.1, 2) == expected


def test_spans_of_stop_words_and_punctuation_alone_are_dropped(trained_model):
    from presslens.techniques.features import doc_tokens

    model = TechniqueModel.load(trained_model)
    text = "The evil traitors lied ."
    doc = load_pipeline()(text)
    (tokens,) = doc_tokens(doc, 0)
    only_the = [(tokens, [0.9, 0.0, 0.0, 0.0, 0.0])]
    assert model.find_spans(doc, text, threshold=0.5, probabilities=only_the) == []
    loaded = [(tokens, [0.0, 0.9, 0.9, 0.0, 0.0])]
    assert [(start, end) for start, end, _, _ in model.find_spans(doc, text, threshold=0.5, probabilities=loaded)] == [
        (4, 17)
    ]
