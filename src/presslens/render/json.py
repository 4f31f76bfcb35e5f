"""JSON and JSON Lines output: the report contract, as described by the JSON Schema."""

from __future__ import annotations

import json
from typing import Iterable, Iterator

from ..report import Report


class JSONRenderer:
    """One indented object for one report; an array for many."""

    def render(self, report: Report) -> str:
        return json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"

    def render_many(self, reports: Iterable[Report]) -> Iterator[str]:
        yield "["
        for index, report in enumerate(reports):
            yield ("," if index else "") + "\n" + json.dumps(report.to_dict(), ensure_ascii=False)
        yield "\n]\n"


class JSONLinesRenderer:
    """One compact object per line, for batches and streaming."""

    def render(self, report: Report) -> str:
        return json.dumps(report.to_dict(), ensure_ascii=False) + "\n"

    def render_many(self, reports: Iterable[Report]) -> Iterator[str]:
        for report in reports:
            yield self.render(report)


RENDERERS = {"json": JSONRenderer(), "jsonl": JSONLinesRenderer()}
