"""`presslens analyze --format text|markdown|html` end to end, on the bundled example."""

import json

import pytest
from click.testing import CliRunner

from presslens.cli import cli
from presslens.render import get_renderer
from presslens.render.terminal import TerminalRenderer
from presslens.report import Report


@pytest.fixture(scope="module")
def outputs(example_path):
    runner = CliRunner()
    results = {name: runner.invoke(cli, ["analyze", "--format", name, str(example_path)])
               for name in ("json", "text", "markdown", "html")}
    assert all(result.exit_code == 0 for result in results.values()), {n: r.output for n, r in results.items()}
    return {name: result.output for name, result in results.items()}


@pytest.mark.parametrize("name", ["text", "markdown", "html"])
def test_cli_output_is_the_renderer_applied_to_the_json_report(outputs, name):
    report = Report.from_dict(json.loads(outputs["json"]))
    renderer = TerminalRenderer(color=False) if name == "text" else get_renderer(name)
    assert outputs[name] == renderer.render(report)


def test_piped_text_output_is_plain(outputs):
    assert "\x1b" not in outputs["text"]
    assert outputs["text"].splitlines()[0].strip("─ ") == "Moscow Warns West Over “Reckless” Baltic Drills"
