"""Typed span attributes: how an analyzer declares what its spans carry.

Each analyzer registers a frozen dataclass for the attributes of its spans
(``attrs=QuoteAttrs``) and one for the keys it adds to the report summary
(``summary=QuotesSummary``). The JSON stays flat (a quote's ``speaker`` sits
beside its ``start`` and ``end``), so :func:`check_attrs_type` refuses a field
that would shadow a span's own keys when the type is declared, the pipeline
refuses a span whose attributes the type does not declare, and
:mod:`presslens.schema` generates the report's JSON Schema from these types.

Field types are ordinary annotations: ``str``, ``int``, ``float``, ``bool``,
``X | None``, ``Literal[...]``, ``list[X]``, ``dict[str, X]``, ``Any``, another
dataclass (a JSON object), :class:`~presslens.article.Span` (a nested span
with no attributes of its own) or ``SpanOf[SomeAttrs]`` (a nested span whose
attributes are typed too). A field's ``metadata`` may hold a ``"doc"`` string
for the schema and a ``"json"`` name where the JSON key is not a Python name.
"""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from typing import Any, Annotated, Literal, Mapping, get_args, get_origin, get_type_hints

from .article import SPAN_KEYS, Span
from .errors import AttributeTypeError


class _SpanMarker:
    """Marks ``Annotated[Span, attrs_type]``: a nested span with typed attributes."""

    def __init__(self, attrs_type: type) -> None:
        self.attrs_type = attrs_type


class _SpanOf:
    def __getitem__(self, attrs_type: type):
        return Annotated[Span, _SpanMarker(attrs_type)]


#: ``SpanOf[SpeakerAttrs]``: the annotation of a nested span whose attributes are ``SpeakerAttrs``.
SpanOf = _SpanOf()


def doc(text: str, *, default: Any = dataclasses.MISSING, json: str | None = None, **kwargs: Any):
    """A dataclass field with a description for the schema (and optionally its JSON key)."""
    metadata = {"doc": text}
    if json is not None:
        metadata["json"] = json
    if default is not dataclasses.MISSING:
        kwargs["default"] = default
    return dataclasses.field(metadata=metadata, **kwargs)


def json_name(field: dataclasses.Field) -> str:
    return field.metadata.get("json", field.name)


def fields_of(attrs_type: type) -> tuple[dataclasses.Field, ...]:
    return dataclasses.fields(attrs_type)


def check_attrs_type(attrs_type: type, *, owner: str, span: bool = True) -> None:
    """Refuse an attribute type that is not a frozen dataclass or would shadow a span key."""
    if not (isinstance(attrs_type, type) and dataclasses.is_dataclass(attrs_type)):
        raise AttributeTypeError(f"{owner}: attribute types must be dataclasses, got {attrs_type!r}")
    if not attrs_type.__dataclass_params__.frozen:
        raise AttributeTypeError(f"{owner}: {attrs_type.__name__} must be a frozen dataclass (@dataclass(frozen=True))")
    if span:
        shadowing = sorted({json_name(f) for f in fields_of(attrs_type)} & set(SPAN_KEYS))
        if shadowing:
            raise AttributeTypeError(
                f"{owner}: {attrs_type.__name__} declares {', '.join(shadowing)}, which every span already has; "
                f"rename it (reserved: {', '.join(SPAN_KEYS)})"
            )
    get_type_hints(attrs_type, include_extras=True)  # fails now, not at schema time, on a bad annotation


def declared_keys(attrs_type: type) -> tuple[frozenset[str], frozenset[str]]:
    """The JSON keys ``attrs_type`` allows, and those it requires (fields without a default)."""
    allowed = frozenset(json_name(f) for f in fields_of(attrs_type))
    required = frozenset(
        json_name(f) for f in fields_of(attrs_type)
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    )
    return allowed, required


def schema_name(attrs_type: type) -> str:
    """``QuoteAttrs`` -> ``quote``, ``NumericCheckAttrs`` -> ``numeric_check``: its key in the schema's $defs."""
    name = re.sub(r"Attrs$", "", attrs_type.__name__)
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


_SCALARS = {str: "string", int: "integer", float: "number", bool: "boolean", type(None): "null"}


def type_schema(annotation: Any, defs: dict[str, Any]) -> dict[str, Any]:
    """The JSON Schema of one annotation; dataclasses are added to ``defs`` and referenced."""
    origin = get_origin(annotation)
    if annotation is Any:
        return {}
    if annotation in _SCALARS:
        return {"type": _SCALARS[annotation]}
    if annotation is Span:
        return {"$ref": "#/$defs/span"}
    if origin is Annotated:
        base, *extras = get_args(annotation)
        marker = next((extra for extra in extras if isinstance(extra, _SpanMarker)), None)
        if base is Span and marker is not None:
            return {"$ref": f"#/$defs/{add_definition(marker.attrs_type, defs, span=True)}"}
        return type_schema(base, defs)
    if origin is Literal:
        return {"enum": list(get_args(annotation))}
    if origin in (typing.Union, types.UnionType):
        members = get_args(annotation)
        if all(member in _SCALARS for member in members):
            return {"type": [_SCALARS[member] for member in members]}
        return {"anyOf": [type_schema(member, defs) for member in members]}
    if origin in (list, tuple) or annotation in (list, tuple):
        args = [arg for arg in get_args(annotation) if arg is not Ellipsis]
        return {"type": "array", "items": type_schema(args[0], defs)} if args else {"type": "array"}
    if origin in (dict, Mapping) or annotation in (dict, Mapping):
        args = get_args(annotation)
        return {"type": "object", "additionalProperties": type_schema(args[1], defs)} if args else {"type": "object"}
    if dataclasses.is_dataclass(annotation):
        return {"$ref": f"#/$defs/{add_definition(annotation, defs, span=False)}"}
    raise AttributeTypeError(f"no JSON Schema for the annotation {annotation!r}")


def add_definition(attrs_type: type, defs: dict[str, Any], *, span: bool) -> str:
    """Add ``attrs_type`` to ``defs`` (as a span with these attributes, or a plain object); return its name."""
    name = schema_name(attrs_type)
    if name in defs:
        return name
    defs[name] = {}  # reserve the name first: types may refer to themselves
    hints = get_type_hints(attrs_type, include_extras=True)
    properties: dict[str, Any] = {}
    for field in fields_of(attrs_type):
        schema = type_schema(hints[field.name], defs)
        if "doc" in field.metadata:
            schema = {**schema, "description": field.metadata["doc"]}
        properties[json_name(field)] = schema
    _, required = declared_keys(attrs_type)
    definition: dict[str, Any] = {}
    description = (attrs_type.__doc__ or "").strip().split("\n\n")[0].replace("\n", " ")
    if description:
        definition["description"] = description
    if span:
        definition["allOf"] = [{"$ref": "#/$defs/span"}]
    definition["type"] = "object"
    if required:
        definition["required"] = sorted(required)
    definition["properties"] = properties
    # Under allOf, additionalProperties would not see the span's own keys: unevaluatedProperties does.
    definition["unevaluatedProperties" if span else "additionalProperties"] = False
    defs[name] = definition
    return name
