"""The report: an article and everything the analyzers found in it.

``Report.to_dict()`` is the JSON contract described by
``src/presslens/schema/report.schema.json``. The lists named in
:data:`CONTRACT_LAYERS` are always present, empty when nothing was found or
the analyzer did not run; every item has ``start``, ``end`` and ``text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from .article import SPAN_KEYS, Article, Span
from .errors import ReportVersionError

#: Bump the minor part for additions, the major part for anything that breaks a reader.
SCHEMA_VERSION = "2.0"
SCHEMA_MAJOR = SCHEMA_VERSION.split(".")[0]

#: Lists every report carries, whichever analyzers ran.
CONTRACT_LAYERS = ("sources", "entities", "quotes", "claims", "techniques")


def span_to_dict(span: Span, text: str) -> dict[str, Any]:
    item: dict[str, Any] = {
        "start": span.start,
        "end": span.end,
        "text": span.text_in(text),
        "label": span.label,
        "score": span.score,
        "explanation": span.explanation,
    }
    for key, value in span.attrs.items():
        item[key] = _value_to_json(value, text)
    return item


def _value_to_json(value: Any, text: str) -> Any:
    if isinstance(value, Span):
        return span_to_dict(value, text)
    if isinstance(value, (list, tuple)):
        return [_value_to_json(item, text) for item in value]
    if isinstance(value, Mapping):
        return {key: _value_to_json(item, text) for key, item in value.items()}
    return value


def span_from_dict(item: Mapping[str, Any]) -> Span:
    attrs = {key: _value_from_json(value) for key, value in item.items() if key not in SPAN_KEYS}
    return Span(
        start=item["start"],
        end=item["end"],
        label=item.get("label", ""),
        score=item.get("score"),
        explanation=item.get("explanation", ""),
        attrs=attrs,
    )


def _looks_like_span(value: Any) -> bool:
    return (
        isinstance(value, Mapping)
        and isinstance(value.get("start"), int)
        and isinstance(value.get("end"), int)
        and "text" in value
    )


def _value_from_json(value: Any) -> Any:
    if _looks_like_span(value):
        return span_from_dict(value)
    if isinstance(value, list):
        return [_value_from_json(item) for item in value]
    if isinstance(value, Mapping):
        return {key: _value_from_json(item) for key, item in value.items()}
    return value


def upgrade_report_dict(data: Mapping[str, Any]) -> dict[str, Any]:
    """A report of an earlier schema version, as this version writes it.

    1.x to 2.0: the article gains ``blocks``. A 1.x report recorded no
    structure, so its blocks are empty (the analyzers then read the text as
    one run of prose, as 1.x did); everything else carries over unchanged.
    """
    version = str(data.get("schema_version") or "1.0")
    major = version.split(".")[0]
    if major == SCHEMA_MAJOR:
        return dict(data)
    if major != "1":
        raise ReportVersionError(f"report schema version {version} is newer than this presslens knows "
                                 f"({SCHEMA_VERSION}); upgrade presslens to read it")
    article = dict(data.get("article") or {})
    article.setdefault("blocks", [])
    return {**data, "schema_version": SCHEMA_VERSION, "article": article}


@dataclass
class Report:
    """The result of analysing one article.

    ``layers`` maps a layer name (``quotes``) to its spans, sorted by position.
    ``summary`` holds article-level findings that are not spans (the speakers
    table, canonical people, the publishing outlet's profile).
    """

    article: Article
    layers: dict[str, list[Span]] = field(default_factory=dict)
    summary: dict[str, Any] = field(default_factory=dict)
    analyzers: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def spans(self, layer: str) -> list[Span]:
        return self.layers.get(layer, [])

    def to_dict(self) -> dict[str, Any]:
        text = self.article.text
        data: dict[str, Any] = {
            "schema_version": SCHEMA_VERSION,
            "id": self.article.id,
            "article": self.article.to_dict(),
        }
        for layer in CONTRACT_LAYERS:
            data[layer] = []
        for layer, spans in self.layers.items():
            data[layer] = [span_to_dict(span, text) for span in spans]
        data["summary"] = _value_to_json(self.summary, text)
        data["analyzers"] = list(self.analyzers)
        data["warnings"] = list(self.warnings)
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Report":
        """Read a report of this schema version or an earlier one (see :func:`upgrade_report_dict`)."""
        data = upgrade_report_dict(data)
        reserved = {"schema_version", "id", "article", "summary", "analyzers", "warnings"}
        layers = {
            key: [span_from_dict(item) for item in value]
            for key, value in data.items()
            if key not in reserved and isinstance(value, list)
        }
        return cls(
            article=Article.from_dict(data["article"]),
            layers=layers,
            summary={key: _value_from_json(value) for key, value in (data.get("summary") or {}).items()},
            analyzers=list(data.get("analyzers") or []),
            warnings=list(data.get("warnings") or []),
        )
