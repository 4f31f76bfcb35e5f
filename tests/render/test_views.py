import dataclasses
import datetime as dt

import pytest

from presslens.article import Article, Span
from presslens.render import views
from presslens.report import Report


@dataclasses.dataclass
class Profile:
    name: str
    country: str
    state_affiliated: bool
    typology: str = "state broadcaster"
    parent: str | None = None


@pytest.mark.parametrize("value, expected", [
    (None, ""),
    (True, "yes"),
    (0.456, "0.46"),
    (3, "3"),
    (dt.date(2021, 12, 29), "2021-12-29"),
    (["a", None, 2], "a; ; 2"),
    ({"a": 1, "b": [1, 2]}, "a: 1, b: 1; 2"),
    (Span(4, 9, "X"), "quick"),
    ({"start": 0, "end": 3, "text": "The"}, "The"),
    (Profile("RT", "Russia", True),
     "name: RT, country: Russia, state_affiliated: yes, typology: state broadcaster, parent: "),
])
def test_plain(value, expected):
    assert views.plain(value, "The quick fox") == expected


def test_one_line():
    assert views.one_line("  a\n\n b\tc ") == "a b c"


@pytest.mark.parametrize("value, expected", [
    ("war is near", "“war is near”"),
    ("“We are ready,”", "“We are ready,”"),
    ("«Мы готовы»", "«Мы готовы»"),
    ("that “NATO is a project”", "“that “NATO is a project”"),
    ("we cannot be indifferent,”", "“we cannot be indifferent,”"),
    ("the Soviets’", "“the Soviets’”"),
    ("two\nlines", "“two lines”"),
])
def test_quoted(value, expected):
    assert views.quoted(value) == expected


def test_palette_index_is_stable_and_case_blind():
    assert views.palette_index("Sergey Lavrov") == views.palette_index("SERGEY LAVROV")
    assert 0 <= views.palette_index("Sergey Lavrov") < views.PALETTE_SIZE
    assert views.palette_index(None) is None and views.palette_index("") is None


def test_palette_gives_distinct_colours_whatever_the_order():
    names = [f"Speaker {i}" for i in range(views.PALETTE_SIZE)]
    colours = views.palette(names)
    assert sorted(colours.values()) == list(range(views.PALETTE_SIZE))
    assert views.palette(reversed(names + [None, ""])) == colours


def test_palette_reuses_colours_past_its_size():
    colours = views.palette(f"Speaker {i}" for i in range(views.PALETTE_SIZE + 3))
    assert len(colours) == views.PALETTE_SIZE + 3 and set(colours.values()) == set(range(views.PALETTE_SIZE))


@pytest.mark.parametrize("item, expected", [
    ({"state_affiliated": True, "country": "Russia", "typology": "state news agency"},
     "state-affiliated (Russia, state news agency)"),
    ({"state_affiliated": True}, "state-affiliated"),
    ({"state_affiliated": False, "country": "UK"}, ""),
    ({"state_affiliated": None}, ""),
    (Span(0, 1, "OUTLET", attrs={"state_affiliated": True, "country": "China"}), "state-affiliated (China)"),
    (Profile("CGTN", "China", True), "state-affiliated (China, state broadcaster)"),
    ("TASS", ""),
    (None, ""),
])
def test_state_badge(item, expected):
    assert views.state_badge(item) == expected


@pytest.mark.parametrize("profile, expected", [
    (Profile("RT", "Russia", True, parent="ANO TV-Novosti"),
     "RT (Russia, state broadcaster; parent: ANO TV-Novosti): state-affiliated"),
    ({"name": "Reuters", "state_affiliated": False}, "Reuters: not state-affiliated"),
    ({"name": "CGTN", "typology": "SC", "typology_label": "state-controlled media", "state_affiliated": True},
     "CGTN (state-controlled media): state-affiliated"),
    ({"name": None, "state_affiliated": None}, "no outlet named: state affiliation unknown"),
    ("Some Outlet", "Some Outlet"),
])
def test_profile_line(profile, expected):
    assert views.profile_line(profile) == expected


def test_header_rows_put_the_publisher_after_the_outlet():
    article = Article(text="x", title="T", outlet="RT", field_sources={"outlet": "HTML meta"})
    report = Report(article=article, summary={"publisher": Profile("RT", "Russia", True)})
    assert views.header_rows(report) == [
        ("title", "T", ""), ("outlet", "RT", "HTML meta"),
        ("publisher", "RT (Russia, state broadcaster): state-affiliated", "outlet registry"),
    ]


def test_speaker_from_span_mapping_string_or_nothing():
    text = "Lavrov said"
    assert views.speaker(Span(0, 1, "Q", attrs={"speaker": Span(0, 6, "PERSON")}), text) == ("Lavrov", None)
    assert views.speaker(Span(0, 1, "Q", attrs={"speaker": Span(0, 6, "PERSON", attrs={
        "name": "Sergey Lavrov", "role": "Foreign Minister"})}), text) == ("Sergey Lavrov", "Foreign Minister")
    assert views.speaker(Span(0, 1, "Q", attrs={"speaker": {"name": "A", "role": "B"}}), text) == ("A", "B")
    assert views.speaker(Span(0, 1, "Q", attrs={"speaker": "A"}), text) == ("A", None)
    assert views.speaker(Span(0, 1, "Q", attrs={"speaker": None}), text) == (None, None)


def test_ranked_claims_put_unscored_claims_last_in_text_order():
    claims = [Span(0, 1, "C"), Span(2, 3, "C", attrs={"checkworthiness": 0.4}), Span(4, 5, "C", score=0.9),
              Span(6, 7, "C"), Span(8, 9, "C", attrs={"checkworthiness": 0.0})]
    assert [claim.start for claim in views.ranked_claims(claims)] == [4, 2, 8, 0, 6]


def test_technique_counts_by_frequency_then_name():
    spans = [Span(0, 1, "T", attrs={"technique": name}) for name in ("Doubt", "Slogans", "Doubt", "Bandwagon")]
    assert views.technique_counts(spans) == [("Doubt", 2), ("Bandwagon", 1), ("Slogans", 1)]


def test_tabulate_list_of_records_puts_preferred_columns_first():
    columns, rows = views.tabulate([{"b": 1, "name": "x"}, {"name": "y", "c": True}], preferred=("name",))
    assert columns == ["name", "b", "c"] and rows == [["x", "1", ""], ["y", "", "yes"]]


def test_tabulate_spans_drop_offsets_and_keep_attrs():
    columns, rows = views.tabulate([Span(0, 3, "L", 0.5, "why", {"k": "v"})], "The fox", views.SPAN_COLUMNS)
    assert columns == ["text", "label", "score", "explanation", "k"] and rows == [["The", "L", "0.50", "why", "v"]]


@pytest.mark.parametrize("value, expected", [
    ({"a": 1}, (["key", "value"], [["a", "1"]])),
    ([1, 2], (["value"], [["1"], ["2"]])),
    ("x", (["value"], [["x"]])),
])
def test_tabulate_other_shapes(value, expected):
    assert views.tabulate(value) == expected


def test_tabulate_limit_says_how_many_were_left_out():
    columns, rows = views.tabulate([{"n": i, "m": i} for i in range(7)], limit=5)
    assert len(rows) == 6 and rows[-1] == ["… 2 more", ""]


def test_numeric_columns():
    rows = [["a", "1,200", ""], ["b", "0.5", "x"], ["… 3 more", "", ""]]
    assert views.numeric_columns(["name", "n", "s"], rows) == ["n"]


def test_summary_parts_split_nested_records_from_plain_fields():
    value = {"per_1000_words": 3.0, "top": ["Doubt"], "sentences": [{"score": 0.2}], "by": {"Doubt": 1}}
    assert views.summary_parts("techniques_summary", value) == [
        ("Techniques summary", {"per_1000_words": 3.0, "top": ["Doubt"]}),
        ("Techniques summary: sentences", [{"score": 0.2}]),
        ("Techniques summary: by", {"Doubt": 1}),
    ]
    assert views.summary_parts("n_words", 3) == [("N words", 3)]


def test_speaker_table_names_the_unattributed_row():
    columns, rows = views.speaker_table([{"name": None, "quotes": 2, "kind": "unattributed"}], "")
    assert columns == ["name", "quotes", "kind"] and rows == [[views.UNATTRIBUTED, "2", "unattributed"]]


def test_a_layer_summary_goes_with_its_layer_when_the_layer_has_spans():
    report = Report(article=Article(text="abc"), layers={"claims": [Span(0, 1, "C")], "reuse": []},
                    summary={"claims_summary": {"claims": 1}, "reuse_summary": {"pairs": 0}, "people": []})
    assert views.layer_summary(report, "claims") == [("Claims summary", {"claims": 1})]
    assert views.other_summary(report) == {"reuse_summary": {"pairs": 0}}


def test_removed_note_is_empty_without_removals():
    assert views.removed_note(Article(text="x")) == ""


def test_describe_each_known_layer():
    text = "TASS said: war is near"
    assert views.describe("sources", Span(0, 4, "O", attrs={"state_affiliated": False, "kind": "mention"}), text) \
        == "TASS · not state-affiliated · mention"
    assert views.describe("techniques", Span(11, 14, "T", 0.7, "fear word", {"technique": "Appeal_to_fear"}), text) \
        == "Appeal_to_fear (0.70): fear word"
    assert views.describe("numeric_checks", Span(0, 4, "N", explanation="3 + 4 = 7", attrs={"verdict": "consistent"}),
                          text) == "numbers consistent: 3 + 4 = 7"
    check = Span(0, 4, "N", explanation="+62.8 %, stated 60 %", attrs={"verdict": "approximate",
                                                                       "check": "percentage_change"})
    assert views.describe("numeric_checks", check, text) == \
        "numbers approximate (percentage change): +62.8 %, stated 60 %"
    assert views.describe("claims", Span(11, 22, "C", attrs={"checkworthiness": 0.5}), text) \
        == "claim, check-worthiness 0.50"
    assert views.describe("quotes", Span(11, 22, "Q"), text) == "quote: unattributed"
    assert views.describe("entities", Span(0, 4, "ORG"), text) == "ORG: TASS"
    assert views.describe("other", Span(0, 4, "X", 0.25, "because"), text) == "X · 0.25 · because"


def test_empty_layers_count_the_contract_layers_whether_or_not_the_report_holds_them():
    report = Report(article=Article(text="abc"), layers={"quotes": [Span(0, 1, "Q")], "reuse": []})
    assert views.empty_layers(report) == ["sources", "entities", "claims", "techniques", "reuse"]
