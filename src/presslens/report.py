"""The report: an article and everything the analyzers found in it.

``Report.to_dict()`` is the JSON contract described by
``src/presslens/schema/report.schema.json``. The lists named in
:data:`CONTRACT_LAYERS` are always present, empty when nothing was found or
the analyzer did not run; every item has ``start``, ``end`` and ``text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from .article import Article, Span

#: Bump the minor part for additions, the major part for anything that breaks a reader.
SCHEMA_VERSION = "1.0"

#: Lists every report carries, whichever analyzers ran.
CONTRACT_LAYERS = ("sources", "entities", "quotes", "claims", "techniques")

_SPAN_KEYS = ("start", "end", "text", "label", "score", "explanation")


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
    attrs = {key: _value_from_json(value) for key, value in item.items() if key not in _SPAN_KEYS}
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
