"""Renderers: turning reports into text for people or programs, or files for other tools, chosen by format name.

A renderer is a module-level object with ``render(report) -> str`` for one
report and ``render_many(reports) -> Iterator[str]`` that streams a batch as
chunks of output. A file writer (brat's ``.txt``/``.ann`` pairs, spaCy's
binary ``DocBin``) has ``write(reports, path, batch=...) -> list[Path]``
instead and needs an output path; a renderer may have both (Label Studio
prints its tasks, or writes them beside their labeling config). Renderers
read reports only; they know nothing of how the report was made.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import IO, Iterable, Iterator, Protocol, runtime_checkable

from ..errors import OutputPathError, UnknownFormatError
from ..report import Report

#: Format name -> module that provides its ``RENDERERS``.
FORMATS = {
    "text": "presslens.render.terminal",
    "json": "presslens.render.json",
    "jsonl": "presslens.render.json",
    "html": "presslens.render.html",
    "markdown": "presslens.render.markdown",
    "brat": "presslens.render.brat",
    "spacy": "presslens.render.docbin",
    "labelstudio": "presslens.render.labelstudio",
}


class Renderer(Protocol):
    def render(self, report: Report) -> str: ...

    def render_many(self, reports: Iterable[Report]) -> Iterator[str]: ...


@runtime_checkable
class FileWriter(Protocol):
    def write(self, reports: Iterable[Report], path: Path, *, batch: bool) -> list[Path]: ...


def get_renderer(name: str) -> Renderer | FileWriter:
    if name not in FORMATS:
        raise UnknownFormatError(f"no output format named {name!r}; valid formats: {', '.join(FORMATS)}")
    module = importlib.import_module(FORMATS[name])
    return module.RENDERERS[name]


def output_path(output: IO[str]) -> Path | None:
    """The file an output stream was opened on (``click.File`` keeps its name); None for stdout."""
    name = getattr(output, "name", None)
    if not isinstance(name, str) or name in ("-", "") or name.startswith("<"):
        return None
    return Path(name)


def emit(renderer: Renderer | FileWriter, reports: Iterable[Report], output: IO[str], *, batch: bool) -> list[Path]:
    """Render ``reports`` into ``output``; a file writer writes beside the path ``output`` names.

    Returns the files a writer wrote (none for a stream). ``batch`` says that
    ``reports`` came from a batch input: a text renderer then streams them
    with ``render_many`` (``render`` otherwise), and a file writer may write
    one file per report.
    """
    path = output_path(output)
    if isinstance(renderer, FileWriter) and (path is not None or not hasattr(renderer, "render")):
        if path is None:
            raise OutputPathError("this output format writes files, not a stream: give a path with -o "
                                  "(a file name, or a directory for a batch)")
        return renderer.write(reports, path, batch=batch)
    if batch:
        for chunk in renderer.render_many(reports):
            output.write(chunk)
    else:
        for report in reports:
            output.write(renderer.render(report))
    return []
