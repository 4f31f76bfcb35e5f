"""Exports for annotation tools, each read back by its own reader: brat, spaCy's DocBin, Label Studio."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ElementTree

import jsonschema
import pytest
from click.testing import CliRunner

from presslens.article import Article, Span
from presslens.cli import cli
from presslens.eval.polnear import parse_ann
from presslens.render import FileWriter, emit, get_renderer
from presslens.render.brat import fragments, standoff
from presslens.render.labelstudio import labeling_config, labels_used, task, utf16_offsets
from presslens.report import Report

from .reports import example_report, hostile_report


def read_standoff(ann: str) -> dict[str, tuple[str, list[tuple[int, int]], str]]:
    """The text-bound annotations of a brat ``.ann``: id -> (type, fragments, text), checking every line's shape."""
    found = {}
    for line in ann.splitlines():
        kind = line[:1]
        if kind == "T":
            ident, head, text = line.split("\t")
            label, offsets = head.split(" ", 1)
            found[ident] = (label, [tuple(map(int, piece.split())) for piece in offsets.split(";")], text)
        else:
            assert kind in "EA#" and re.match(r"^[EA#]\d+\t\S", line), line
    return found


@pytest.fixture(scope="module")
def brat_pair(tmp_path_factory):
    directory = tmp_path_factory.mktemp("brat")
    paths = get_renderer("brat").write([example_report()], directory / "baltic.ann", batch=False)
    return {path.suffix: path for path in paths}


def test_brat_writes_a_txt_and_ann_pair(brat_pair):
    assert sorted(brat_pair) == [".ann", ".txt"]


def test_brat_txt_is_the_article_text(brat_pair):
    assert brat_pair[".txt"].read_text(encoding="utf-8") == example_report().article.text


def test_brat_text_bound_annotations_hold_their_text(brat_pair):
    text = brat_pair[".txt"].read_text(encoding="utf-8")
    spans = read_standoff(brat_pair[".ann"].read_text(encoding="utf-8")).values()
    assert all(shown == " ".join(text[a:b] for a, b in pieces) for _, pieces, shown in spans)


def test_brat_quotes_round_trip_through_the_polnear_reader(brat_pair):
    report = example_report()
    read = parse_ann(brat_pair[".ann"].read_text(encoding="utf-8"))
    expected = sorted(((q.start, q.end), (q.attrs["speaker"].start, q.attrs["speaker"].end),
                       (q.attrs["cue"].start, q.attrs["cue"].end)) for q in report.spans("quotes"))
    assert [(a.content, a.source, a.cue) for a in read] == expected


def test_brat_attribution_event_has_polnear_shape(brat_pair):
    ann = brat_pair[".ann"].read_text(encoding="utf-8")
    assert re.search(r"^E1\tAttribution:T\d+ Content:T\d+ Cue:T\d+ Source:T\d+$", ann, re.M)


def test_brat_every_layer_is_written(brat_pair):
    types = {label for label, _, _ in read_standoff(brat_pair[".ann"].read_text(encoding="utf-8")).values()}
    assert {"Outlet", "PERSON", "Content", "Claim", "Numeric_check", "Loaded_Language", "TAIL"} <= types


def test_brat_types_are_brat_names(brat_pair):
    types = {label for label, _, _ in read_standoff(brat_pair[".ann"].read_text(encoding="utf-8")).values()}
    assert "Name_Calling_Labeling" in types


def test_brat_true_flags_become_binary_attributes(brat_pair):
    assert re.search(r"^A\d+\tstate_affiliated T\d+$", brat_pair[".ann"].read_text(encoding="utf-8"), re.M)


def test_brat_span_across_lines_is_cut_at_the_line_break():
    assert fragments("ab\n\ncd", 0, 6) == [(0, 2), (4, 6)]


def test_brat_span_of_line_breaks_only_is_left_out():
    report = Report(Article(text="a\n\nb"), layers={"claims": [Span(1, 3, "CLAIM")]})
    assert standoff(report).ann() == ""


def test_brat_hostile_names_stay_one_line_each():
    ann = standoff(hostile_report()).ann()
    assert all(len(line.split("\t")) in (2, 3) for line in ann.splitlines())


def test_brat_batch_writes_a_pair_per_report_and_a_conf(tmp_path):
    second = example_report()
    second.article = second.article.with_fields(id="second")
    paths = get_renderer("brat").write([example_report(), second], tmp_path / "out", batch=True)
    assert sorted(path.name for path in paths) == ["annotation.conf", "baltic-drills.ann", "baltic-drills.txt",
                                                    "second.ann", "second.txt"]


def test_brat_conf_declares_the_attribution_event(tmp_path):
    get_renderer("brat").write([example_report()], tmp_path, batch=True)
    assert "Attribution\tContent:Content, Cue?:Cue, Source?:Source" in (tmp_path / "annotation.conf").read_text()


# --- spaCy -------------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def nlp():
    from presslens.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="module")
def doc(tmp_path_factory, nlp):
    from spacy.tokens import DocBin

    path = tmp_path_factory.mktemp("spacy") / "reports.spacy"
    get_renderer("spacy").write([example_report()], path, batch=False)
    return next(DocBin().from_bytes(path.read_bytes()).get_docs(nlp.vocab))


def test_spacy_doc_holds_the_article_text(doc):
    assert doc.text == example_report().article.text


def test_spacy_each_layer_is_a_span_group(doc):
    assert set(example_report().layers) - {"reuse"} <= set(doc.spans)


def test_spacy_technique_spans_keep_text_and_label(doc):
    assert [(span.text, span.label_) for span in doc.spans["techniques"]][0] == ("Reckless", "Loaded_Language")


def test_spacy_quote_speakers_are_a_group(doc):
    assert [span.text for span in doc.spans["quotes.source"]] == ["Dmitry Peskov", "Sergey Lavrov", "Sergey Lavrov"]


def test_spacy_user_data_keeps_attributes(doc):
    assert doc.user_data["presslens"]["spans"]["techniques"][0]["confidence"] == 0.8


def test_spacy_user_data_keeps_exact_offsets(doc):
    record = doc.user_data["presslens"]["spans"]["claims"][0]
    assert (record["start"], record["end"]) == (example_report().spans("claims")[0].start,
                                                example_report().spans("claims")[0].end)


def test_spacy_user_data_keeps_metadata(doc):
    assert doc.user_data["presslens"]["report"]["article"]["outlet"] == "Baltic Watch"


def test_spacy_span_inside_a_token_expands_to_the_token(nlp):
    from presslens.render.docbin import to_doc

    report = Report(Article(text="Unbelievable lies."), layers={"hedges": [Span(2, 6, "T")]})
    built = to_doc(report, nlp)
    assert built.spans["hedges"][0].text == "Unbelievable"


# --- Label Studio --------------------------------------------------------------------------------------------------

#: Label Studio's import format for text spans (docs: "Import pre-annotated data", "Basic Label Studio JSON format").
LABEL_STUDIO_TASK = {
    "type": "object",
    "required": ["data", "predictions"],
    "properties": {
        "data": {"type": "object", "required": ["text"], "properties": {"text": {"type": "string"}}},
        "predictions": {"type": "array", "items": {
            "type": "object", "required": ["result"],
            "properties": {"model_version": {"type": "string"}, "result": {"type": "array", "items": {
                "oneOf": [
                    {"type": "object", "required": ["id", "from_name", "to_name", "type", "value"],
                     "properties": {"type": {"const": "labels"}, "id": {"type": "string"},
                                    "from_name": {"type": "string"}, "to_name": {"type": "string"},
                                    "score": {"type": "number"},
                                    "value": {"type": "object", "required": ["start", "end", "text", "labels"],
                                              "properties": {"start": {"type": "integer", "minimum": 0},
                                                             "end": {"type": "integer", "minimum": 0},
                                                             "text": {"type": "string"},
                                                             "labels": {"type": "array", "minItems": 1,
                                                                        "items": {"type": "string"}}}}}},
                    {"type": "object", "required": ["type", "from_id", "to_id"],
                     "properties": {"type": {"const": "relation"}, "direction": {"enum": ["left", "right", "bi"]}}},
                ]}}}}},
    },
}


@pytest.fixture(scope="module")
def tasks():
    return json.loads(get_renderer("labelstudio").render(example_report()))


def test_label_studio_tasks_match_the_documented_format(tasks):
    jsonschema.validate(tasks, {"type": "array", "items": LABEL_STUDIO_TASK})


def test_label_studio_region_text_is_its_offsets(tasks):
    text = tasks[0]["data"]["text"]
    regions = [r["value"] for r in tasks[0]["predictions"][0]["result"] if r["type"] == "labels"]
    assert all(text[value["start"]:value["end"]] == value["text"] for value in regions)


def test_label_studio_relations_join_existing_regions(tasks):
    result = tasks[0]["predictions"][0]["result"]
    ids = {region["id"] for region in result if region["type"] == "labels"}
    assert all({r["from_id"], r["to_id"]} <= ids for r in result if r["type"] == "relation")


def test_label_studio_region_ids_are_unique(tasks):
    ids = [region["id"] for region in tasks[0]["predictions"][0]["result"] if "id" in region]
    assert len(ids) == len(set(ids))


def test_label_studio_techniques_use_names_people_write(tasks):
    labels = labels_used(tasks)
    assert "Name calling, labeling" in labels["techniques"]


def test_label_studio_config_offers_every_label_used(tasks):
    config = ElementTree.fromstring(labeling_config(labels_used(tasks)))
    offered = {(control.get("name"), label.get("value")) for control in config.iter("Labels") for label in control}
    assert {(layer, label) for layer, names in labels_used(tasks).items() for label in names} <= offered


def test_label_studio_config_controls_point_at_the_text_object(tasks):
    config = ElementTree.fromstring(labeling_config(labels_used(tasks)))
    assert {control.get("toName") for control in config.iter("Labels")} == {config.find("Text").get("name")}


def test_label_studio_offsets_count_utf16_units():
    assert utf16_offsets("a😀b") == [0, 1, 3, 4]


def test_label_studio_region_after_an_emoji_is_shifted():
    report = Report(Article(text="😀 Lies."), layers={"claims": [Span(2, 6, "CLAIM")]})
    assert task(report)["predictions"][0]["result"][0]["value"]["start"] == 3


def test_label_studio_hostile_config_is_well_formed():
    tasks = [task(hostile_report())]
    assert ElementTree.fromstring(labeling_config(labels_used(tasks))).tag == "View"


def test_label_studio_writes_config_beside_tasks(tmp_path):
    paths = get_renderer("labelstudio").write([example_report()], tmp_path / "tasks.json", batch=False)
    assert [path.name for path in paths] == ["tasks.json", "tasks.label_config.xml"]


# --- choosing the output -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["brat", "spacy"])
def test_file_formats_are_file_writers(name):
    assert isinstance(get_renderer(name), FileWriter)


def test_file_writer_without_a_path_is_refused():
    import sys

    from presslens.errors import OutputPathError

    with pytest.raises(OutputPathError):
        emit(get_renderer("spacy"), [example_report()], sys.stdout, batch=False)


@pytest.fixture(scope="module")
def cli_outputs(example_path, tmp_path_factory):
    directory = tmp_path_factory.mktemp("cli")
    runner = CliRunner()
    results = {name: runner.invoke(cli, ["analyze", "-f", name, "-o", str(directory / target), str(example_path)])
               for name, target in (("brat", "example"), ("spacy", "example.spacy"), ("labelstudio", "tasks.json"))}
    assert all(result.exit_code == 0 for result in results.values()), {n: r.output for n, r in results.items()}
    return directory


def test_cli_brat_writes_the_pair(cli_outputs):
    assert parse_ann((cli_outputs / "example.ann").read_text(encoding="utf-8"))


def test_cli_spacy_writes_a_docbin(cli_outputs, nlp):
    from spacy.tokens import DocBin

    docs = list(DocBin().from_bytes((cli_outputs / "example.spacy").read_bytes()).get_docs(nlp.vocab))
    assert docs[0].spans["quotes"]


def test_cli_labelstudio_writes_tasks_and_config(cli_outputs):
    assert (cli_outputs / "tasks.label_config.xml").read_text().startswith("<View>")


def test_cli_spacy_without_output_says_to_give_one(example_path):
    result = CliRunner().invoke(cli, ["analyze", "-f", "spacy", "--analyzers", "entities", str(example_path)])
    assert result.exit_code == 64 and "-o" in result.output


def test_cli_labelstudio_prints_tasks_without_output(example_path):
    result = CliRunner().invoke(cli, ["analyze", "-f", "labelstudio", "--analyzers", "entities", str(example_path)])
    assert json.loads(result.output)[0]["data"]["text"]

