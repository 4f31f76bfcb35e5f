from presslens.article import Span
from presslens.render.segments import segment


def tiles(runs, length):
    return runs[0].start == 0 and runs[-1].end == length and all(a.end == b.start for a, b in zip(runs, runs[1:]))


def test_no_spans_gives_one_plain_run():
    runs = segment(10, {"quotes": []})
    assert [(run.start, run.end, dict(run.covers)) for run in runs] == [(0, 10, {})]


def test_empty_text_gives_no_runs():
    assert segment(0, {"quotes": [Span(0, 0, "Q")]}) == []


def test_nested_span_splits_its_parent_into_three_runs():
    layers = {"quotes": [Span(0, 10, "Q")], "techniques": [Span(3, 6, "T")]}
    runs = segment(10, layers)
    assert tiles(runs, 10)
    assert [(run.start, run.end, dict(run.covers)) for run in runs] == [
        (0, 3, {"quotes": (0,)}),
        (3, 6, {"quotes": (0,), "techniques": (0,)}),
        (6, 10, {"quotes": (0,)}),
    ]


def test_crossing_spans_in_two_layers():
    layers = {"claims": [Span(2, 8, "C")], "quotes": [Span(5, 12, "Q")]}
    runs = segment(12, layers)
    assert [(run.start, run.end, dict(run.covers)) for run in runs] == [
        (0, 2, {}), (2, 5, {"claims": (0,)}), (5, 8, {"claims": (0,), "quotes": (0,)}), (8, 12, {"quotes": (0,)}),
    ]


def test_overlapping_spans_in_one_layer_are_both_listed():
    runs = segment(6, {"techniques": [Span(0, 4, "A"), Span(2, 6, "B")]})
    assert [dict(run.covers) for run in runs] == [{"techniques": (0,)}, {"techniques": (0, 1)}, {"techniques": (1,)}]


def test_covers_follow_the_given_layer_order():
    runs = segment(4, {"techniques": [Span(0, 4, "T")], "quotes": [Span(0, 4, "Q")]})
    assert list(runs[0].covers) == ["techniques", "quotes"]


def test_empty_spans_cover_nothing_and_long_spans_are_cut_at_the_end():
    runs = segment(5, {"a": [Span(2, 2, "EMPTY"), Span(3, 9, "LONG")]})
    assert tiles(runs, 5)
    assert [(run.start, run.end, dict(run.covers)) for run in runs] == [(0, 2, {}), (2, 3, {}), (3, 5, {"a": (1,)})]
