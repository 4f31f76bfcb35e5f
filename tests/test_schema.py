import json
from importlib.resources import files

import jsonschema
import pytest

from presslens.errors import ReportVersionError
from presslens.ingest import finish_article
from presslens.ingest.plaintext import parse_plain_text
from presslens.pipeline import Pipeline
from presslens.registry import registered_analyzers
from presslens.report import CONTRACT_LAYERS, SCHEMA_VERSION, Report, upgrade_report_dict
from presslens.schema import SCHEMA_FILE, build_schema, report_schema, schema_text, validate_report


def test_schema_is_a_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(report_schema())


def test_schema_version_matches_the_code():
    assert report_schema()["properties"]["schema_version"]["pattern"].startswith("^" + SCHEMA_VERSION.split(".")[0])


def test_schema_requires_every_contract_layer():
    assert set(CONTRACT_LAYERS) <= set(report_schema()["required"])


def test_example_report_validates(example_text):
    report = Pipeline().analyze(finish_article(parse_plain_text(example_text)))
    validate_report(json.loads(json.dumps(report.to_dict())))


def test_span_without_offsets_is_rejected(example_text):
    report = Pipeline().analyze(finish_article(parse_plain_text(example_text))).to_dict()
    report["quotes"] = [{"text": "no offsets"}]
    with pytest.raises(jsonschema.ValidationError):
        validate_report(report)


def test_shipped_schema_is_the_one_the_types_generate():
    shipped = files("presslens.schema").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    assert shipped == schema_text(build_schema()), (
        "report.schema.json differs from the declared layer types: "
        "run `presslens schema --builtin -o src/presslens/schema/report.schema.json`")


def test_schema_is_version_2():
    assert report_schema()["$id"].endswith("report-2.0.json")


def test_every_builtin_layer_has_a_typed_definition():
    layers = {spec.layer for spec in registered_analyzers().values() if spec.factory.__module__.startswith("presslens.")}
    assert all(report_schema()["properties"][layer]["items"]["$ref"] != "#/$defs/span" for layer in layers)


def test_technique_name_is_in_the_schema():
    assert "semeval2023" in report_schema()["$defs"]["technique"]["properties"]


def test_summary_shape_is_in_the_schema():
    assert report_schema()["properties"]["summary"]["properties"]["techniques_summary"]["$ref"] == "#/$defs/techniques_overview"


def test_an_undeclared_attribute_fails_validation(example_text):
    report = Pipeline().analyze(finish_article(parse_plain_text(example_text))).to_dict()
    report["quotes"][0]["mood"] = "angry"
    with pytest.raises(jsonschema.ValidationError):
        validate_report(report)


def test_a_1x_report_is_read_as_2_0(example_text):
    report = Pipeline().analyze(finish_article(parse_plain_text(example_text))).to_dict()
    old = {**report, "schema_version": "1.0", "article": {k: v for k, v in report["article"].items() if k != "blocks"}}
    assert Report.from_dict(old).to_dict()["schema_version"] == SCHEMA_VERSION


def test_a_report_from_a_newer_major_version_is_refused():
    with pytest.raises(ReportVersionError, match="newer"):
        upgrade_report_dict({"schema_version": "3.0", "article": {"text": ""}})
