"""Label Studio output: one task per report, its findings as pre-annotations to review.

Each task is in Label Studio's JSON import format: ``data.text`` holds the
article text and ``predictions[0].result`` one ``labels`` region per span::

    {"id": "techniques-0", "from_name": "techniques", "to_name": "text", "type": "labels",
     "value": {"start": 7, "end": 47, "text": "Warns West ...", "labels": ["Appeal to fear or prejudice"]},
     "score": 0.21, "meta": {"text": ["confidence: 0.21; ..."]}}

``from_name`` is the layer: the labeling config has one ``<Labels>`` control
per layer, all on the one ``<Text name="text">``. Techniques are labelled with
the names people write (:data:`presslens.techniques.taxonomy.DISPLAY_NAMES`);
a quote is a ``Content`` region with ``Source`` and ``Cue`` regions in the
same control, each joined to it by a relation. The score, explanation and
plain attributes of a span are the region's ``meta`` note.

Offsets: Label Studio counts characters as JavaScript does, in UTF-16 code
units, so offsets are converted (they differ from presslens's offsets after
any character outside the Basic Multilingual Plane, an emoji for one).

Without ``-o`` the tasks are printed as a JSON array. ``-o tasks.json``
writes them there and the matching labeling config (the project's "Labeling
Interface" XML) beside them as ``tasks.label_config.xml``; the config is also
:func:`labeling_config` in Python.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping
from xml.sax.saxutils import quoteattr

from .. import __version__
from ..article import Span
from ..report import Report
from ..techniques.taxonomy import DISPLAY_NAMES, TECHNIQUES
from . import labels

#: The name of the ``<Text>`` object every control labels.
TEXT_NAME = "text"

#: Labels every config offers for these layers, whatever the reports hold.
KNOWN_LABELS: dict[str, tuple[str, ...]] = {
    "quotes": ("Content", "Source", "Cue"),
    "sources": ("Outlet",),
    "claims": ("Claim",),
    "numeric_checks": ("Numeric_check",),
    "techniques": tuple(DISPLAY_NAMES[name] for name in TECHNIQUES),
}

#: Suffix of the labeling config written beside ``-o FILE``.
CONFIG_SUFFIX = ".label_config.xml"


def utf16_offsets(text: str) -> list[int]:
    """``offsets[i]``: the UTF-16 offset of Python offset ``i`` (one entry per offset, ``len(text) + 1``)."""
    offsets, at = [0], 0
    for char in text:
        at += 2 if ord(char) > 0xFFFF else 1
        offsets.append(at)
    return offsets


def region_label(layer: str, span: Span) -> str:
    name = labels.label(layer, span)
    return DISPLAY_NAMES.get(name, name) if layer == "techniques" else name


def _note(span: Span) -> str:
    parts = [f"{key}: {value}" for key, value in labels.scalar_attrs(span).items()]
    if span.explanation:
        parts.append(" ".join(span.explanation.split()))
    return "; ".join(parts)


def _region(ident: str, layer: str, label: str, span: Span, text: str, utf16: list[int]) -> dict[str, Any]:
    region: dict[str, Any] = {
        "id": ident,
        "from_name": layer,
        "to_name": TEXT_NAME,
        "type": "labels",
        "value": {"start": utf16[span.start], "end": utf16[span.end], "text": span.text_in(text), "labels": [label]},
    }
    if span.score is not None:
        region["score"] = span.score
    note = _note(span)
    if note:
        region["meta"] = {"text": [note]}
    return region


def task(report: Report) -> dict[str, Any]:
    """One Label Studio task: the article text and the report's spans as one prediction."""
    text = report.article.text
    utf16 = utf16_offsets(text)
    result: list[dict[str, Any]] = []
    for layer, spans in labels.layers(report):
        for index, span in enumerate(spans):
            ident = f"{layer}-{index}"
            result.append(_region(ident, layer, region_label(layer, span), span, text, utf16))
            for role, nested in labels.roles(layer, span).items():
                role_id = f"{ident}-{role.lower()}"
                result.append(_region(role_id, layer, role, nested, text, utf16))
                result.append({"type": "relation", "from_id": role_id, "to_id": ident, "direction": "right",
                               "labels": [role]})
    data = {TEXT_NAME: text, "id": report.article.id, "title": report.article.title}
    return {"data": data, "predictions": [{"model_version": f"presslens {__version__}", "result": result}]}


def labels_used(tasks: Iterable[Mapping[str, Any]]) -> dict[str, set[str]]:
    """``{control name: labels}`` in the regions of ``tasks``."""
    found: dict[str, set[str]] = {}
    for item in tasks:
        for prediction in item["predictions"]:
            for region in prediction["result"]:
                if region["type"] == "labels":
                    found.setdefault(region["from_name"], set()).update(region["value"]["labels"])
    return found


def labeling_config(layers: Mapping[str, Iterable[str]] | None = None) -> str:
    """The labeling config (XML) for tasks whose layers use ``layers`` (``{layer: labels}``).

    The layers of :data:`KNOWN_LABELS` are always offered, with all their labels.
    """
    controls = {layer: list(names) for layer, names in KNOWN_LABELS.items()}
    for layer, names in (layers or {}).items():
        known = controls.setdefault(layer, [])
        known += sorted(set(names) - set(known))
    lines = ["<View>"]
    for layer, names in controls.items():
        lines.append(f"  <Labels name={quoteattr(layer)} toName={quoteattr(TEXT_NAME)}>")
        lines += [f"    <Label value={quoteattr(label)}/>" for label in names]
        lines.append("  </Labels>")
    lines += ["  <Relations><Relation value=\"Source\"/><Relation value=\"Cue\"/></Relations>",
              f"  <Text name={quoteattr(TEXT_NAME)} value=\"${TEXT_NAME}\"/>", "</View>"]
    return "\n".join(lines) + "\n"


class LabelStudioRenderer:
    """A JSON array of tasks on stdout; with a file, the tasks and their labeling config beside them."""

    def render(self, report: Report) -> str:
        return "".join(self.render_many([report]))

    def render_many(self, reports: Iterable[Report]) -> Iterator[str]:
        yield "["
        for index, report in enumerate(reports):
            yield ("," if index else "") + "\n" + json.dumps(task(report), ensure_ascii=False)
        yield "\n]\n"

    def write(self, reports: Iterable[Report], path: Path, *, batch: bool) -> list[Path]:
        used: dict[str, set[str]] = {}
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8") as out:
            out.write("[")
            for index, report in enumerate(reports):
                item = task(report)
                for layer, names in labels_used([item]).items():
                    used.setdefault(layer, set()).update(names)
                out.write(("," if index else "") + "\n" + json.dumps(item, ensure_ascii=False))
            out.write("\n]\n")
        config = path.with_name(path.stem + CONFIG_SUFFIX)
        config.write_text(labeling_config(used), encoding="utf-8")
        return [path, config]


RENDERERS = {"labelstudio": LabelStudioRenderer()}
