"""What every renderer promises, whatever the report holds."""

import json

import pytest

from presslens.article import Article, Span
from presslens.render import FORMATS, FileWriter, get_renderer
from presslens.render.terminal import TerminalRenderer
from presslens.report import Report

from .reports import example_report, foreign_report, hostile_report

HUMAN_FORMATS = ["text", "html", "markdown"]


def renderer(name):
    return TerminalRenderer(color=False) if name == "text" else get_renderer(name)


@pytest.mark.parametrize("name", FORMATS)
def test_every_format_has_a_renderer_or_a_file_writer(name):
    found = get_renderer(name)
    assert isinstance(found, FileWriter) or (callable(found.render) and callable(found.render_many))


@pytest.mark.parametrize("name", HUMAN_FORMATS)
@pytest.mark.parametrize("layer, span", [
    ("quotes", Span(0, 4, "QUOTE")),
    ("quotes", Span(0, 4, "QUOTE", attrs={"speaker": {"name": "A"}, "kind": None, "cue": None})),
    ("quotes", Span(0, 4, "QUOTE", attrs={"speaker": Span(5, 7, "PERSON")})),
    ("sources", Span(0, 4, "OUTLET")),
    ("sources", Span(0, 4, "OUTLET", attrs={"state_affiliated": True})),
    ("claims", Span(0, 4, "CLAIM", attrs={"checkworthiness": "high"})),
    ("numeric_checks", Span(0, 4, "NUM", attrs={"verdict": "odd", "numbers": "1"})),
    ("techniques", Span(0, 4, "")),
    ("entities", Span(0, 4, "ORG")),
    ("brand_new", Span(0, 4, "X", attrs={"nested": {"deep": [1, 2.5, None]}})),
])
def test_missing_or_odd_fields_do_not_crash(name, layer, span):
    report = Report(article=Article(text="Text of it."), layers={layer: [span]},
                    summary={"speakers": ["not a row"], "people": [{}], "techniques_summary": 3,
                             "publisher": "Someone", "brand_new": None})
    assert "Text" in renderer(name).render(report)


@pytest.mark.parametrize("name", HUMAN_FORMATS)
def test_a_report_read_back_from_json_renders_the_same(name):
    report = example_report()
    again = Report.from_dict(json.loads(json.dumps(report.to_dict())))
    assert renderer(name).render(again) == renderer(name).render(report)


@pytest.mark.parametrize("name", HUMAN_FORMATS)
def test_render_many_matches_render_for_one_report(name):
    report = foreign_report()
    assert "".join(renderer(name).render_many([report])) == renderer(name).render(report)


@pytest.mark.parametrize("name", HUMAN_FORMATS)
def test_rendering_is_deterministic_and_leaves_the_report_alone(name):
    report = hostile_report()
    before = report.to_dict()
    assert renderer(name).render(report) == renderer(name).render(report)
    assert report.to_dict() == before
