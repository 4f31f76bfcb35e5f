"""Renderers: turning reports into text for people or programs, chosen by format name.

A renderer is a module-level object with ``render(report) -> str`` for one
report and ``render_many(reports) -> Iterator[str]`` that streams a batch as
chunks of output. Renderers read reports only; they know nothing of how the
report was made.
"""

from __future__ import annotations

import importlib
from typing import Iterable, Iterator, Protocol

from ..errors import UnknownFormatError
from ..report import Report

#: Format name -> module that provides its ``RENDERER``.
FORMATS = {
    "text": "presslens.render.terminal",
    "json": "presslens.render.json",
    "jsonl": "presslens.render.json",
    "html": "presslens.render.html",
    "markdown": "presslens.render.markdown",
}


class Renderer(Protocol):
    def render(self, report: Report) -> str: ...

    def render_many(self, reports: Iterable[Report]) -> Iterator[str]: ...


def get_renderer(name: str) -> Renderer:
    if name not in FORMATS:
        raise UnknownFormatError(f"no output format named {name!r}; valid formats: {', '.join(FORMATS)}")
    module = importlib.import_module(FORMATS[name])
    return module.RENDERERS[name]
