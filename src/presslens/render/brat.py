"""brat standoff output: a ``.txt`` and ``.ann`` pair per report, for brat and the tools that read it.

Every layer's spans are text-bound annotations (``T`` lines), typed by
:func:`presslens.render.labels.label`. A quote is written as PolNeAR
writes an attribution: ``Source``, ``Cue`` and ``Content`` spans and an
``Attribution`` event (``Attribution-no-source`` when no speaker was found)
whose trigger repeats the cue (the content, when there is no cue)::

    T1	Source 151 182	Kremlin spokesman Dmitry Peskov
    T2	Cue 183 187	said
    T3	Content 191 198	Tuesday
    T4	Attribution 183 187	said
    E1	Attribution:T4 Content:T3 Cue:T2 Source:T1

Attributes: ``True`` flags become binary attributes and short one-word
strings valued ones (``A`` lines, ``A1	kind E1 direct``); the score, the
explanation and every other value go into one ``AnnotatorNotes`` line per
annotation (``#`` lines).

Offsets are character offsets into the article text as presslens holds it
(normalised unless ``--raw``), which is what the ``.txt`` file holds. A
brat fragment cannot hold a line break: a span across lines is written as
one fragment per line (``10 20;22 40``), the line breaks left out. Empty
spans are left out.

``-o PATH`` names the pair (``PATH.txt``, ``PATH.ann``; a ``.ann`` or
``.txt`` suffix is dropped); for an existing directory, or a batch, the
pair of each report is ``DIR/<article id>.txt`` and ``.ann``, beside an
``annotation.conf`` that declares every type, event and attribute used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from ..article import Span
from ..report import Report
from . import labels

#: Characters a brat type or attribute name may hold; others become ``_``.
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")
#: Longest string attribute written as a brat attribute value rather than a note.
MAX_VALUE_LENGTH = 40


def type_name(value: str) -> str:
    """``Name_Calling,Labeling`` -> ``Name_Calling_Labeling``: a name brat accepts as a type or attribute."""
    return _UNSAFE.sub("_", value) or "_"


def fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The pieces of ``text[start:end]`` between line breaks, each non-empty."""
    pieces, piece_start = [], start
    for at in range(start, end + 1):
        if at == end or text[at] in "\r\n":
            if at > piece_start:
                pieces.append((piece_start, at))
            piece_start = at + 1
    return pieces


def _one_line(value: object) -> str:
    return " ".join(str(value).split())


@dataclass
class Declarations:
    """The entity types, events and attributes (name -> target type -> values) some documents use."""

    entities: set[str] = field(default_factory=set)
    events: set[str] = field(default_factory=set)
    attributes: dict[str, dict[str, set[str]]] = field(default_factory=dict)

    def attribute(self, name: str, target: str, value: str | None = None) -> None:
        values = self.attributes.setdefault(name, {}).setdefault(target, set())
        if value is not None:
            values.add(value)

    def update(self, other: "Declarations") -> None:
        self.entities |= other.entities
        self.events |= other.events
        for name, targets in other.attributes.items():
            for target, values in targets.items():
                self.attributes.setdefault(name, {}).setdefault(target, set()).update(values)

    def conf(self) -> str:
        """brat's ``annotation.conf`` declaring all of them."""
        lines = ["[entities]", *sorted(self.entities), "", "[relations]",
                 "<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>", "", "[events]"]
        for event in sorted(self.events):
            source = ", Source?:Source" if event == "Attribution" else ""
            lines.append(f"{event}\tContent:Content, Cue?:Cue{source}")
        lines += ["", "[attributes]"]
        for name, targets in sorted(self.attributes.items()):
            values = sorted(set().union(*targets.values()))
            lines.append(f"{name}\tArg:{'|'.join(sorted(targets))}" + (f", Value:{'|'.join(values)}" if values else ""))
        return "\n".join(lines) + "\n"


@dataclass
class Standoff:
    """The ``.ann`` lines of one document, and what they use."""

    text: str
    lines: list[str] = field(default_factory=list)
    declared: Declarations = field(default_factory=Declarations)
    _counts: dict[str, int] = field(default_factory=dict)
    _shared: dict[tuple[str, str], str] = field(default_factory=dict)
    _noted: set[str] = field(default_factory=set)

    def _next(self, kind: str) -> str:
        self._counts[kind] = self._counts.get(kind, 0) + 1
        return f"{kind}{self._counts[kind]}"

    def textbound(self, kind: str, start: int, end: int, *, trigger: bool = False, shared: bool = False) -> str | None:
        """Write a ``T`` line; a ``shared`` one (a speaker of several quotes) is written once and reused."""
        pieces = fragments(self.text, start, end)
        if not pieces:
            return None
        offsets = ";".join(f"{a} {b}" for a, b in pieces)
        key = (type_name(kind), offsets)
        if shared and key in self._shared:
            return self._shared[key]
        ident = self._next("T")
        shown = " ".join(self.text[a:b] for a, b in pieces)
        self.lines.append(f"{ident}\t{key[0]} {offsets}\t{shown}")
        if shared:
            self._shared[key] = ident
        if not trigger:
            self.declared.entities.add(key[0])
        return ident

    def attributes(self, target: str, target_type: str, span: Span, skip: Iterable[str] = ()) -> None:
        notes = []
        if span.score is not None:
            notes.append(f"score: {span.score}")
        if span.explanation:
            notes.append(_one_line(span.explanation))
        for key, value in labels.scalar_attrs(span).items():
            if key in skip:
                continue
            name = type_name(key)
            if value is True:
                self.lines.append(f"{self._next('A')}\t{name} {target}")
                self.declared.attribute(name, target_type)
            elif isinstance(value, str) and value and len(value) <= MAX_VALUE_LENGTH and not re.search(r"\s", value):
                self.lines.append(f"{self._next('A')}\t{name} {target} {type_name(value)}")
                self.declared.attribute(name, target_type, type_name(value))
            elif value is not False:
                notes.append(f"{key}: {_one_line(value)}")
        if notes:
            self.note(target, "; ".join(notes))

    def note(self, target: str, note: str) -> None:
        self.lines.append(f"{self._next('#')}\tAnnotatorNotes {target}\t{note}")

    def span(self, layer: str, span: Span) -> None:
        kind = labels.label(layer, span)
        ident = self.textbound(kind, span.start, span.end)
        if ident is not None:
            self.attributes(ident, type_name(kind), span, skip=("technique",) if layer == "techniques" else ())

    def quote(self, span: Span) -> None:
        """A quote as PolNeAR writes an attribution: Source, Cue, Content, then the event and its trigger."""
        if not fragments(self.text, span.start, span.end):
            return
        roles = labels.roles("quotes", span)
        ids = {role: self.textbound(role, roles[role].start, roles[role].end, shared=True)
               for role in ("Source", "Cue") if role in roles}
        ids = {role: ident for role, ident in ids.items() if ident is not None}
        content = self.textbound("Content", span.start, span.end)
        event = "Attribution" if "Source" in ids else "Attribution-no-source"
        anchor = roles["Cue"] if "Cue" in ids else span
        trigger = self.textbound(event, anchor.start, anchor.end, trigger=True, shared=True)
        event_id = self._next("E")
        self.declared.events.add(event)
        arguments = [f"Content:{content}"] + [f"{role}:{ids[role]}" for role in ("Cue", "Source") if role in ids]
        self.lines.append(f"{event_id}\t{event}:{trigger} " + " ".join(arguments))
        self.attributes(event_id, "<EVENT>", span)
        if "Source" in ids and ids["Source"] not in self._noted:
            speaker = roles["Source"]
            about = ", ".join(_one_line(speaker.attrs[key]) for key in ("name", "role") if speaker.attrs.get(key))
            if about:
                self.note(ids["Source"], about)
                self._noted.add(ids["Source"])

    def ann(self) -> str:
        return "".join(line + "\n" for line in self.lines)


def standoff(report: Report) -> Standoff:
    """The annotations of one report."""
    document = Standoff(report.article.text)
    for layer, spans in labels.layers(report):
        for span in spans:
            if layer == "quotes":
                document.quote(span)
            else:
                document.span(layer, span)
    return document


class BratWriter:
    """Writes ``.txt``/``.ann`` pairs; see the module docstring for where."""

    def write(self, reports: Iterable[Report], path: Path, *, batch: bool) -> list[Path]:
        if batch or path.is_dir():
            return self._write_dir(reports, path)
        if path.suffix in (".ann", ".txt"):
            path = path.with_suffix("")
        report = next(iter(reports))
        return self._write_pair(standoff(report), path)

    @staticmethod
    def _write_pair(document: Standoff, stem: Path) -> list[Path]:
        stem.parent.mkdir(parents=True, exist_ok=True)
        text_path, ann_path = stem.parent / f"{stem.name}.txt", stem.parent / f"{stem.name}.ann"
        text_path.write_text(document.text, encoding="utf-8", newline="")
        ann_path.write_text(document.ann(), encoding="utf-8", newline="")
        return [text_path, ann_path]

    def _write_dir(self, reports: Iterable[Report], directory: Path) -> list[Path]:
        directory.mkdir(parents=True, exist_ok=True)
        written: list[Path] = []
        declared = Declarations()
        taken: set[str] = set()
        for index, report in enumerate(reports, 1):
            stem = labels.file_stem(report, index)
            while stem in taken:
                stem += f"-{index}"
            taken.add(stem)
            document = standoff(report)
            declared.update(document.declared)
            written += self._write_pair(document, directory / stem)
        conf = directory / "annotation.conf"
        conf.write_text(declared.conf(), encoding="utf-8")
        return written + [conf]


RENDERERS = {"brat": BratWriter()}
