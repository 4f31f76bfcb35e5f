import pytest

from presslens.errors import MalformedRecordError
from presslens.techniques.formats import Label
from presslens.techniques.scorer import merge_spans, score_flc, score_si, score_tc


def si(*spans, article="1"):
    return [Label(article, start, end) for start, end in spans]


def tc(*rows, article="1"):
    return [Label(article, start, end, technique) for technique, start, end in rows]


def test_merge_spans_joins_overlaps_and_keeps_touching_spans_apart():
    assert merge_spans([(5, 10), (0, 3), (8, 12), (12, 14)]) == [(0, 3), (5, 12), (12, 14)]


def test_si_exact_match_is_perfect():
    scores = score_si(si((0, 10), (20, 30)), si((0, 10), (20, 30)))
    assert (scores.overall.precision, scores.overall.recall, scores.overall.f1) == (1.0, 1.0, 1.0)


def test_si_partial_overlap_hand_computed():
    # gold [0,10); predicted [5,15): overlap 5 -> P = 5/10, R = 5/10.
    # predicted [40,44) hits nothing -> P sum stays, |S| = 2.
    scores = score_si(si((0, 10)), si((5, 15), (40, 44)))
    assert scores.overall.precision == pytest.approx(0.5 / 2)
    assert scores.overall.recall == pytest.approx(0.5)
    assert scores.overall.f1 == pytest.approx(2 * 0.25 * 0.5 / 0.75)


def test_si_one_prediction_covering_two_gold_spans():
    # gold [0,4) and [6,10); predicted [0,10): P = (4+4)/10, R = (4/4 + 4/4) / 2.
    scores = score_si(si((0, 4), (6, 10)), si((0, 10)))
    assert scores.overall.precision == pytest.approx(0.8)
    assert scores.overall.recall == pytest.approx(1.0)


def test_si_overlapping_predictions_are_merged_first():
    # [0,6) and [4,10) merge into [0,10): one span, exact match.
    scores = score_si(si((0, 10)), si((0, 6), (4, 10)))
    assert scores.overall.f1 == pytest.approx(1.0)


def test_si_articles_without_predictions_still_count_in_recall():
    gold = si((0, 10), article="1") + si((0, 10), article="2")
    scores = score_si(gold, si((0, 10), article="1"))
    assert scores.overall.precision == pytest.approx(1.0)
    assert scores.overall.recall == pytest.approx(0.5)


def test_si_no_predictions_scores_zero():
    assert score_si(si((0, 10)), []).overall.f1 == 0.0


def test_si_predictions_in_articles_without_gold_spans_lower_precision():
    scores = score_si(si((0, 10)), si((0, 10)) + si((0, 10), article="9"))
    assert scores.overall.precision == pytest.approx(0.5)
    assert scores.overall.recall == pytest.approx(1.0)


def test_tc_micro_f1_is_accuracy_with_one_prediction_per_span():
    gold = tc(("Doubt", 0, 5), ("Slogans", 10, 15), ("Repetition", 20, 25), ("Repetition", 30, 35))
    predicted = tc(("Doubt", 0, 5), ("Repetition", 10, 15), ("Repetition", 20, 25), ("Doubt", 30, 35))
    scores = score_tc(gold, predicted)
    assert scores.overall.f1 == pytest.approx(0.5)
    repetition = scores.per_technique["Repetition"]
    # Repetition: predicted twice, right once; gold twice.
    assert (repetition.precision, repetition.recall) == (pytest.approx(0.5), pytest.approx(0.5))
    assert scores.per_technique["Slogans"].f1 == 0.0
    assert scores.per_technique["Doubt"].precision == pytest.approx(0.5)
    assert scores.per_technique["Doubt"].recall == pytest.approx(1.0)


def test_tc_multiple_labels_on_one_span_match_in_any_order():
    gold = tc(("Loaded_Language", 10, 20), ("Repetition", 10, 20))
    predicted = tc(("Repetition", 10, 20), ("Loaded_Language", 10, 20))
    assert score_tc(gold, predicted).overall.f1 == pytest.approx(1.0)


def test_tc_refuses_spans_that_are_not_in_the_gold_template():
    with pytest.raises(MalformedRecordError, match="TC template"):
        score_tc(tc(("Doubt", 0, 5)), tc(("Doubt", 1, 5)))


def test_flc_only_matches_gold_spans_of_the_same_technique():
    gold = tc(("Doubt", 0, 10))
    assert score_flc(gold, tc(("Doubt", 0, 10))).overall.f1 == pytest.approx(1.0)
    assert score_flc(gold, tc(("Slogans", 0, 10))).overall.f1 == 0.0
