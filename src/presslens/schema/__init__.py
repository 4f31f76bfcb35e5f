"""The JSON Schema of a report: generated from the layers' declared types, shipped as ``report.schema.json``.

:func:`build_schema` makes the schema from the registered analyzers' attribute
and summary types (:mod:`presslens.layers`); ``report.schema.json`` is that
schema for the built-in analyzers, written by ``presslens schema --output``
and checked against the types by the test suite. :func:`validate_report`
checks a report against the shipped file.
"""

from __future__ import annotations

import functools
import json
from importlib.resources import files
from typing import Any, Mapping, get_type_hints

from ..article import BLOCK_KINDS
from ..attrs import add_definition, fields_of, json_name, type_schema
from ..registry import RESERVED_LAYERS, AnalyzerSpec, registered_analyzers
from ..report import CONTRACT_LAYERS, SCHEMA_VERSION

SCHEMA_FILE = "report.schema.json"

_DESCRIPTION = (
    "One analysed article, as printed by `presslens analyze --format json`. Within a major version fields are "
    "only added, never removed or changed in meaning. All offsets are Python string offsets (Unicode code "
    "points) into article.text, end exclusive. Generated from the analyzers' declared types: do not edit."
)

_NULLABLE_STRING = {"type": ["string", "null"]}

_ARTICLE = {
    "type": "object",
    "required": ["text", "title", "outlet", "published", "blocks"],
    "properties": {
        "id": _NULLABLE_STRING,
        "text": {"type": "string", "description": "The analysed text; every offset in the report points into it."},
        "title": _NULLABLE_STRING,
        "outlet": {**_NULLABLE_STRING, "description": "The publishing outlet."},
        "url": _NULLABLE_STRING,
        "published": {"type": ["string", "null"], "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
        "byline": _NULLABLE_STRING,
        "language": {**_NULLABLE_STRING, "description": "ISO 639-1 code; null when it could not be told."},
        "dateline": _NULLABLE_STRING,
        "input_format": {"enum": ["text", "html", "ptc", "jsonl", "warc"]},
        "field_sources": {"type": "object", "additionalProperties": {"type": "string"},
                          "description": "Where each metadata field came from."},
        "removed": {
            "type": "array",
            "description": "Stretches of the input taken out of the analysed text (web boilerplate), "
                           "with offsets into the input.",
            "items": {
                "type": "object",
                "required": ["text", "reason", "input_start", "input_end"],
                "properties": {
                    "text": {"type": "string"},
                    "reason": {"type": "string"},
                    "input_start": {"type": "integer", "minimum": 0},
                    "input_end": {"type": "integer", "minimum": 0},
                },
            },
        },
        "extra": {"type": "object"},
        "blocks": {
            "type": "array",
            "description": "The text's structure: ordered, non-overlapping ranges of article.text, each one "
                           "title, heading, paragraph, caption...",
            "items": {
                "type": "object",
                "required": ["kind", "start", "end"],
                "properties": {
                    "kind": {"enum": list(BLOCK_KINDS)},
                    "start": {"type": "integer", "minimum": 0},
                    "end": {"type": "integer", "minimum": 0},
                },
                "additionalProperties": False,
            },
        },
    },
}

_SPAN = {
    "type": "object",
    "required": ["start", "end", "text"],
    "properties": {
        "start": {"type": "integer", "minimum": 0},
        "end": {"type": "integer", "minimum": 0},
        "text": {"type": "string", "description": "article.text[start:end]"},
        "label": {"type": "string"},
        "score": {"type": ["number", "null"]},
        "explanation": {"type": "string", "description": "Why this span was flagged."},
    },
}


def _is_builtin(spec: AnalyzerSpec) -> bool:
    return spec.factory.__module__.startswith("presslens.")


def build_schema(*, plugins: bool = False) -> dict[str, Any]:
    """The report schema for the built-in analyzers (and, with ``plugins``, every registered one)."""
    specs = sorted((spec for spec in registered_analyzers().values() if plugins or _is_builtin(spec)),
                   key=lambda spec: spec.name)
    defs: dict[str, Any] = {"article": _ARTICLE, "span": _SPAN}
    layers: dict[str, Any] = {}
    summary: dict[str, Any] = {}
    for spec in specs:
        items = {"$ref": f"#/$defs/{add_definition(spec.attrs, defs, span=True)}"} if spec.attrs else {"$ref": "#/$defs/span"}
        layers[spec.layer] = {"type": "array", "items": items,
                              "description": f"{spec.description} (analyzer {spec.name!r})"}
        if spec.summary is not None:
            hints = get_type_hints(spec.summary, include_extras=True)
            for field in fields_of(spec.summary):
                schema = type_schema(hints[field.name], defs)
                if "doc" in field.metadata:
                    schema = {**schema, "description": field.metadata["doc"]}
                summary[json_name(field)] = {**schema, "x-analyzer": spec.name}
    properties: dict[str, Any] = {
        "schema_version": {"type": "string", "pattern": f"^{SCHEMA_VERSION.split('.')[0]}\\.[0-9]+$"},
        "id": {**_NULLABLE_STRING,
               "description": "The input's id: a JSONL record's id, a PTC article id or the file name stem."},
        "article": {"$ref": "#/$defs/article"},
        **layers,
        "summary": {"type": "object", "properties": summary,
                    "description": "Article-level findings that are not spans, keyed by name; each key says "
                                   "which analyzer adds it (x-analyzer)."},
        "analyzers": {"type": "array", "items": {"type": "string"}, "description": "Analyzers that ran, in order."},
        "warnings": {"type": "array", "items": {"type": "string"}},
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://presslens.dev/schema/report-{SCHEMA_VERSION}.json",
        "title": "presslens report",
        "description": _DESCRIPTION,
        "type": "object",
        "required": ["schema_version", "id", "article", *CONTRACT_LAYERS, "summary", "analyzers", "warnings"],
        "properties": properties,
        "additionalProperties": {"type": "array", "items": {"$ref": "#/$defs/span"},
                                 "description": "Layers added by other analyzers (plugins): lists of spans."},
        "$defs": dict(sorted(defs.items())),
        "x-reserved-layers": list(RESERVED_LAYERS),
    }


def schema_text(schema: Mapping[str, Any]) -> str:
    """The schema as written to ``report.schema.json``: indented, keys in a fixed order, final newline."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


@functools.cache
def report_schema() -> dict[str, Any]:
    """The shipped schema (``report.schema.json``)."""
    return json.loads(files(__package__).joinpath(SCHEMA_FILE).read_text(encoding="utf-8"))


def validate_report(data: Mapping[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` if ``data`` is not a valid report."""
    _validator().validate(data)


@functools.cache
def _validator():
    import jsonschema

    return jsonschema.Draft202012Validator(report_schema())
