"""What the exports for annotation tools (brat, spaCy, Label Studio) share: one label per span.

Each layer's spans get the label an annotator would give them: quotes are
``Content`` with their speaker mention as ``Source`` and their cue as ``Cue``
(the roles of PolNeAR), techniques are named by their PTC label, entities keep
their spaCy label, and the other layers are named after what they hold.
Attributes that are plain values (strings, numbers, booleans) travel with the
span; spans nested in attributes (a quote's cue) become annotations of their
own; lists and mappings stay in the JSON report.
"""

from __future__ import annotations

from typing import Iterator

from ..article import Span
from ..report import Report

#: Label of every span of a layer that is not labelled per span.
LAYER_LABELS = {
    "quotes": "Content",
    "sources": "Outlet",
    "claims": "Claim",
    "numeric_checks": "Numeric_check",
}

#: Spans nested in an attribute that become annotations of their own, with the role they play.
ROLES = {"quotes": {"speaker": "Source", "cue": "Cue"}}

Scalar = str | int | float | bool


def label(layer: str, span: Span) -> str:
    """The annotation label of a span of ``layer``."""
    if layer == "techniques":
        return str(span.attrs.get("technique") or span.label or "Technique")
    if layer == "entities":
        return span.label or "Entity"
    return LAYER_LABELS.get(layer) or span.label or layer


def scalar_attrs(span: Span) -> dict[str, Scalar]:
    """The attributes of ``span`` whose values are plain (not None, not a span, list or mapping)."""
    return {key: value for key, value in span.attrs.items() if isinstance(value, (str, int, float, bool))}


def roles(layer: str, span: Span) -> dict[str, Span]:
    """``{role: nested span}`` for the attributes of ``span`` that :data:`ROLES` names, where present."""
    return {role: span.attrs[key] for key, role in ROLES.get(layer, {}).items()
            if isinstance(span.attrs.get(key), Span) and span.attrs[key].end > span.attrs[key].start}


def layers(report: Report) -> Iterator[tuple[str, list[Span]]]:
    """``(layer, spans)`` for each layer with spans, in report order, empty spans left out."""
    for name, spans in report.layers.items():
        kept = [span for span in spans if span.end > span.start]
        if kept:
            yield name, kept


def file_stem(report: Report, index: int) -> str:
    """A file name for a report: its article id made safe for a file system, or ``article-<index>``."""
    article_id = report.article.id or ""
    safe = "".join(char if char.isalnum() or char in "-_." else "_" for char in article_id).strip("._")
    return safe or f"article-{index}"

