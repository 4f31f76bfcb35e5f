"""The JSON Schema of a report (``report.schema.json``), and validation against it."""

from __future__ import annotations

import functools
import json
from importlib.resources import files
from typing import Any, Mapping


@functools.cache
def report_schema() -> dict[str, Any]:
    return json.loads(files(__package__).joinpath("report.schema.json").read_text(encoding="utf-8"))


def validate_report(data: Mapping[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` if ``data`` is not a valid report."""
    import jsonschema

    jsonschema.Draft202012Validator(report_schema()).validate(data)
