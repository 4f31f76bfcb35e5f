"""Charts drawn on the server as inline SVG: no chart library, nothing to load, every label escaped.

Each function takes plain numbers and labels and returns :class:`markupsafe.Markup`
ready to drop into a template.
"""

from __future__ import annotations

import math
from typing import Mapping, Sequence

from markupsafe import Markup, escape

#: Colours for series, in order (colour-blind safe, after Okabe and Ito).
PALETTE = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000", "#f0e442")

_MARGIN_LEFT, _MARGIN_RIGHT, _MARGIN_TOP, _MARGIN_BOTTOM = 48, 12, 12, 40


def colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def _nice_max(value: float) -> float:
    """The smallest 1, 2 or 5 times a power of ten at or above ``value`` (1 for nothing)."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if step * power >= value:
            return float(step * power)
    return float(10 * power)


def _number(value: float) -> str:
    return f"{value:g}" if value < 1000 else f"{value:,.0f}"


def _axes(width: int, height: int, x_labels: Sequence[str], y_max: float, y_label: str) -> list[str]:
    plot_h = height - _MARGIN_TOP - _MARGIN_BOTTOM
    parts = []
    for tick in range(5):
        value = y_max * tick / 4
        y = _MARGIN_TOP + plot_h - plot_h * tick / 4
        parts.append(f'<line class="grid" x1="{_MARGIN_LEFT}" x2="{width - _MARGIN_RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>')
        parts.append(f'<text x="{_MARGIN_LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{_number(value)}</text>')
    parts.append(f'<line class="axis" x1="{_MARGIN_LEFT}" x2="{width - _MARGIN_RIGHT}" '
                 f'y1="{_MARGIN_TOP + plot_h}" y2="{_MARGIN_TOP + plot_h}"/>')
    every = max(1, math.ceil(len(x_labels) / 12))
    for index, label in enumerate(x_labels):
        if index % every == 0:
            x = _x(index, len(x_labels), width)
            parts.append(f'<text x="{x:.1f}" y="{height - _MARGIN_BOTTOM + 16}" text-anchor="middle">'
                         f'{escape(label)}</text>')
    parts.append(f'<text x="{_MARGIN_LEFT}" y="{height - 6}">{escape(y_label)}</text>')
    return parts


def _x(index: int, count: int, width: int) -> float:
    plot_w = width - _MARGIN_LEFT - _MARGIN_RIGHT
    return _MARGIN_LEFT + plot_w * (index + 0.5) / max(count, 1)


def _y(value: float, y_max: float, height: int) -> float:
    plot_h = height - _MARGIN_TOP - _MARGIN_BOTTOM
    return _MARGIN_TOP + plot_h - plot_h * value / y_max


def line_chart(series: Mapping[str, Mapping[str, float]], *, title: str, y_label: str,
               width: int = 760, height: int = 280) -> Markup:
    """One line per series over the sorted union of their x labels (months, for example); a gap is zero."""
    x_labels = sorted({label for points in series.values() for label in points})
    y_max = _nice_max(max((value for points in series.values() for value in points.values()), default=0))
    parts = _axes(width, height, x_labels, y_max, y_label)
    for index, (name, points) in enumerate(series.items()):
        coords = [(_x(i, len(x_labels), width), _y(points.get(label, 0.0), y_max, height))
                  for i, label in enumerate(x_labels)]
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
        parts.append(f'<polyline fill="none" stroke="{colour(index)}" stroke-width="2" points="{path}">'
                     f'<title>{escape(name)}</title></polyline>')
        for (x, y), label in zip(coords, x_labels):
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour(index)}"><title>'
                         f'{escape(name)}, {escape(label)}: {_number(points.get(label, 0.0))}</title></circle>')
    return _svg(parts, width, height, title)


def network(nodes: Sequence[Mapping], edges: Sequence[tuple[str, str, int]], *, title: str,
            size: int = 640) -> Markup:
    """Nodes on a circle, edges as arrows from source to target, thicker for more pairs.

    A node is ``{"name", "weight", "state_affiliated"}``; its radius grows with the weight and
    state-affiliated outlets are drawn in the warning colour.
    """
    centre, radius = size / 2, size / 2 - 110
    positions = {}
    for index, node in enumerate(nodes):
        angle = 2 * math.pi * index / max(len(nodes), 1) - math.pi / 2
        positions[node["name"]] = (centre + radius * math.cos(angle), centre + radius * math.sin(angle))
    heaviest = max((weight for _a, _b, weight in edges), default=1)
    parts = ['<defs><marker id="arrow" viewBox="0 0 10 10" refX="16" refY="5" markerWidth="6" markerHeight="6" '
             'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#8fa7c4"/></marker></defs>']
    for source, target, weight in edges:
        (x1, y1), (x2, y2) = positions[source], positions[target]
        parts.append(f'<line class="edge" x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
                     f'stroke-width="{1 + 5 * weight / heaviest:.1f}" marker-end="url(#arrow)">'
                     f'<title>{escape(source)} → {escape(target)}: {weight}</title></line>')
    for node in nodes:
        x, y = positions[node["name"]]
        state = " state" if node.get("state_affiliated") else ""
        dot = 4 + 3 * math.sqrt(node.get("weight", 1))
        anchor = "start" if x >= centre else "end"
        offset = dot + 4 if x >= centre else -dot - 4
        parts.append(f'<circle class="node{state}" cx="{x:.1f}" cy="{y:.1f}" r="{dot:.1f}">'
                     f'<title>{escape(node["name"])}</title></circle>')
        parts.append(f'<text class="label" x="{x + offset:.1f}" y="{y + 4:.1f}" text-anchor="{anchor}">'
                     f'{escape(node["name"])}</text>')
    return _svg(parts, size, size, title)


def _svg(parts: list[str], width: int, height: int, title: str) -> Markup:
    body = "".join(parts)
    return Markup(f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
                  f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>{body}</svg>')
