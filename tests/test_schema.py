import json

import jsonschema
import pytest

from presslens.ingest import finish_article
from presslens.ingest.plaintext import parse_plain_text
from presslens.pipeline import Pipeline
from presslens.report import CONTRACT_LAYERS, SCHEMA_VERSION
from presslens.schema import report_schema, validate_report


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
