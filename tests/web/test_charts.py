"""Inline SVG charts: valid markup, scaled axes, every label escaped."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from presslens.web import charts

HOSTILE = "<script>alert(1)</script>"


def parse(markup) -> ET.Element:
    return ET.fromstring(str(markup))


def test_line_chart_is_well_formed_svg_with_one_line_per_series():
    svg = parse(charts.line_chart({"all": {"2023-01": 2.0, "2023-02": 4.0}, "one": {"2023-02": 1.0}},
                                  title="t", y_label="y"))
    assert svg.tag.endswith("svg")
    lines = svg.findall("{http://www.w3.org/2000/svg}polyline")
    assert len(lines) == 2
    assert all(len(line.get("points").split()) == 2 for line in lines)


def test_line_chart_axis_is_rounded_up():
    svg = str(charts.line_chart({"a": {"x": 13.0}}, title="t", y_label="y"))
    assert ">20</text>" in svg


def test_labels_are_escaped():
    svg = str(charts.line_chart({HOSTILE: {HOSTILE: 1.0}}, title=HOSTILE, y_label=HOSTILE))
    assert "<script>" not in svg
    parse(svg)
    graph = str(charts.network([{"name": HOSTILE, "weight": 1}, {"name": "b", "weight": 2}],
                               [(HOSTILE, "b", 3)], title=HOSTILE))
    assert "<script>" not in graph
    parse(graph)


def test_network_marks_state_media_and_weights_edges():
    nodes = [{"name": "A", "weight": 3, "state_affiliated": True}, {"name": "B", "weight": 1},
             {"name": "C", "weight": 1}]
    svg = parse(charts.network(nodes, [("A", "B", 4), ("A", "C", 1)], title="reuse"))
    ns = "{http://www.w3.org/2000/svg}"
    assert [circle.get("class") for circle in svg.iter(f"{ns}circle")] == ["node state", "node", "node"]
    widths = [float(line.get("stroke-width")) for line in svg.iter(f"{ns}line")]
    assert widths[0] > widths[1]


def test_empty_chart_still_draws():
    parse(charts.line_chart({}, title="nothing", y_label="y"))
