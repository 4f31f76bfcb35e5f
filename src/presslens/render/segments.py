"""Cutting an article's text into runs, each covered by the same set of spans.

Spans from different layers overlap and nest freely (a quote contains a
technique, a claim straddles two quotes). A renderer that opened and closed an
element per span would produce crossing tags. Instead, :func:`segment` cuts the
text at every span boundary; inside one run the set of covering spans does not
change, so a renderer can wrap each run in one element per covering layer and
the markup always nests.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

from ..article import Span


@dataclass(frozen=True)
class Run:
    """``text[start:end]``, and the spans covering all of it.

    ``covers`` maps a layer name to the indices (into that layer's span list)
    of its spans that cover the run, in the order the layers were given.
    """

    start: int
    end: int
    covers: Mapping[str, tuple[int, ...]]


def segment(text_length: int, layers: Mapping[str, Sequence[Span]]) -> list[Run]:
    """Runs that tile ``[0, text_length)`` with no gaps and no overlaps.

    Empty spans cover no text and are left out; spans that run past the text
    are cut at its end.
    """
    boundaries = {0, text_length}
    for spans in layers.values():
        for span in spans:
            boundaries.add(min(span.start, text_length))
            boundaries.add(min(span.end, text_length))
    cuts = sorted(boundaries)
    starting: dict[int, list[tuple[str, int]]] = {}
    for layer, spans in layers.items():
        for index, span in enumerate(spans):
            if min(span.end, text_length) > span.start:
                starting.setdefault(span.start, []).append((layer, index))
    layer_order = {layer: position for position, layer in enumerate(layers)}
    active: list[tuple[str, int]] = []
    runs: list[Run] = []
    for start, end in zip(cuts, cuts[1:]):
        active = [(layer, index) for layer, index in active if layers[layer][index].end > start]
        active.extend(starting.get(start, ()))
        covers: dict[str, list[int]] = {}
        for layer, index in sorted(active, key=lambda key: (layer_order[key[0]], key[1])):
            covers.setdefault(layer, []).append(index)
        runs.append(Run(start, end, {layer: tuple(indices) for layer, indices in covers.items()}))
    return runs
