"""The persuasion gate (presslens/techniques/gate.py): style features, the regression, its JSON file, the analyzer."""

import json

import numpy as np
import pytest

from presslens.analyzers.techniques import DEFAULT_MODEL, TechniqueAnalyzer
from presslens.article import Article
from presslens.context import Context
from presslens.errors import ModelError, NotFittedError
from presslens.nlp import load_pipeline
from presslens.techniques.gate import (
    FEATURES,
    PersuasionGate,
    article_features,
    cross_validate,
    cue_lexicon,
    plain_paths,
    roc_auc,
    span_bar,
    verdict,
)
from presslens.techniques.model import TechniqueModel

SHOUTING = "You must act now! Why do WE wait? We are absolutely the greatest nation."
REPORT = "The council approved the budget on Tuesday, officials said. The vote was 7 to 2, according to the clerk."


@pytest.fixture(scope="module")
def featurize(trained_model):
    model, nlp = TechniqueModel.load(trained_model), load_pipeline()

    def features(text, lexicon=frozenset()):
        doc = nlp(text)
        probabilities = model.token_probabilities(doc, text)
        return article_features(doc, probabilities, model.predict_doc(doc, probabilities=probabilities), lexicon)

    return features


def rows(n, seed=0):
    """Feature rows where ``exclamations`` alone tells the classes apart."""
    rng = np.random.default_rng(seed)
    made = []
    for number in range(n):
        row = {name: float(rng.normal()) for name in FEATURES}
        row["exclamations"] = float(number % 2) + 0.1 * float(rng.normal())
        made.append(row)
    return made, [number % 2 for number in range(n)]


def test_every_feature_is_computed(featurize):
    assert set(featurize(SHOUTING)) == set(FEATURES)


def test_exclamations_are_counted_per_sentence(featurize):
    assert featurize(SHOUTING)["exclamations"] == pytest.approx(1 / 3)


def test_questions_are_counted_per_sentence(featurize):
    assert featurize(SHOUTING)["questions"] == pytest.approx(1 / 3)


def test_second_person_is_a_share_of_words(featurize):
    assert featurize(SHOUTING)["second_person"] == pytest.approx(1 / 14)


def test_first_person_counts_capitalised_pronouns(featurize):
    assert featurize(SHOUTING)["first_person"] == pytest.approx(2 / 14)


def test_short_all_caps_words_are_not_shouting(featurize):
    assert featurize(SHOUTING)["all_caps"] == 0.0


def test_intensifiers_and_superlatives_are_counted(featurize):
    assert featurize(SHOUTING)["intensifiers"] == pytest.approx(2 / 14)


def test_every_sentence_of_the_report_is_attributed(featurize):
    assert featurize(REPORT)["attribution"] == 1.0


def test_the_shouting_is_not_attributed(featurize):
    assert featurize(SHOUTING)["attribution"] == 0.0


def test_loaded_words_come_from_the_lexicon(featurize):
    assert featurize(SHOUTING, frozenset({"nation"}))["loaded_words"] == pytest.approx(1 / 14)


def test_sentence_length_mean_counts_words_not_numbers(featurize):
    assert featurize(REPORT)["sentence_length_mean"] == pytest.approx(8.5)


def test_features_of_an_empty_text_are_zero(featurize):
    assert set(featurize("").values()) == {0.0}


def test_shipped_cue_lexicon_holds_loaded_lemmas():
    assert "smear" in cue_lexicon(DEFAULT_MODEL)


def test_a_folder_without_cues_has_an_empty_lexicon(tmp_path):
    assert cue_lexicon(tmp_path) == frozenset()


def test_fitted_gate_scores_the_separating_feature():
    data, targets = rows(60)
    gate = PersuasionGate(C=1.0).fit(data, targets)
    assert roc_auc(gate.scores(data)[1::2], gate.scores(data)[::2]) > 0.95


def test_gate_round_trips_through_json(tmp_path):
    data, targets = rows(40)
    gate = PersuasionGate(C=0.3).fit(data, targets)
    gate.threshold_, gate.span_bar_, gate.meta_ = 0.42, 0.8, {"seed": 13}
    loaded = PersuasionGate.load(gate.save(tmp_path / "gate.json"))
    assert (loaded.to_dict(), list(loaded.scores(data))) == (gate.to_dict(), list(gate.scores(data)))


def test_gate_file_is_plain_json(tmp_path):
    data, targets = rows(20)
    path = PersuasionGate().fit(data, targets).save(tmp_path / "gate.json")
    assert json.loads(path.read_text())["features"] == list(FEATURES)


def test_unfitted_gate_says_how_to_fit():
    with pytest.raises(NotFittedError, match="fit"):
        PersuasionGate().score(dict.fromkeys(FEATURES, 0.0))


def test_missing_gate_file_says_how_to_train_one(tmp_path):
    with pytest.raises(ModelError, match="train techniques-gate"):
        PersuasionGate.load(tmp_path / "gate.json")


def test_other_gate_format_is_refused():
    with pytest.raises(ModelError, match="format"):
        PersuasionGate.from_dict({"format_version": 0})


def test_cross_validation_picks_a_threshold_that_separates():
    data, targets = rows(60)
    assert cross_validate(data, targets, seed=13)["balanced_accuracy"] > 0.9


def test_span_bar_is_a_high_quantile_of_plain_spans():
    assert span_bar([i / 100 for i in range(101)]) == pytest.approx(0.95)


def test_roc_auc_counts_ties_half():
    assert roc_auc([1.0, 0.5], [0.5]) == 0.75


def test_verdict_below_the_threshold_is_plain():
    assert verdict(0.2, 0.4).startswith("plain")


def test_verdict_high_above_the_threshold_is_persuasive():
    assert verdict(0.9, 0.4).startswith("persuasive")


def test_plain_paths_keep_the_plain_publishers(tmp_path):
    folder = tmp_path / "data" / "train" / "text"
    folder.mkdir(parents=True)
    for name in ("usa-1.txt", "nyt_2016-2.txt", "breitbart_2016-3.txt", "politico_2015-4.txt"):
        (folder / name).write_text("x")
    assert [p.name for p in plain_paths(tmp_path, "train")] == ["nyt_2016-2.txt", "politico_2015-4.txt", "usa-1.txt"]


@pytest.fixture()
def gated_model(trained_model, tmp_path):
    """The synthetic model with a gate that calls everything plain and keeps no span."""
    for path in trained_model.iterdir():
        (tmp_path / path.name).write_bytes(path.read_bytes())
    data, targets = rows(20)
    gate = PersuasionGate().fit(data, targets)
    gate.threshold_, gate.span_bar_ = 1.01, 1.01
    gate.save(tmp_path / "gate.json")
    return tmp_path


TEXT = "Border report\n\nThese evil traitors said the speaker.\nIt was absolutely disgusting said the speaker.\n"


def test_a_plain_article_keeps_only_spans_over_the_bar(gated_model):
    assert TechniqueAnalyzer(model=gated_model).analyze(Article(text=TEXT)) == []


def test_all_spans_shows_the_spans_the_gate_hides(gated_model):
    assert TechniqueAnalyzer(model=gated_model, all_spans=True).analyze(Article(text=TEXT))


def test_summary_gives_the_score_verdict_and_gating(gated_model):
    article = Article(text=TEXT)
    context = Context(article)
    analyzer = TechniqueAnalyzer(model=gated_model)
    summary = analyzer.summarize(article, analyzer.analyze(article, context), context)["techniques_summary"]
    assert (0 <= summary["persuasion"] <= 1, summary["verdict"][:5], summary["gated"]) == (True, "plain", True)


def test_a_model_without_a_gate_gives_no_score(trained_model):
    article = Article(text=TEXT)
    summary = TechniqueAnalyzer(model=trained_model).summarize(article, [])["techniques_summary"]
    assert (summary["persuasion"], summary["verdict"], summary["gated"]) == (None, None, False)
