import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from presslens.cli import cli
from presslens.cli.common import EXIT_PARTIAL_FAILURE
from presslens.schema import validate_report


@pytest.fixture()
def runner():
    return CliRunner()


def test_analyze_json_contract(runner, example_path):
    result = runner.invoke(cli, ["analyze", "--format", "json", str(example_path)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    validate_report(report)
    assert (report["article"]["outlet"], report["article"]["published"]) == ("Baltic Watch", "2023-03-14")


def test_analyze_writes_output_file(runner, example_path, tmp_path):
    out = tmp_path / "report.json"
    result = runner.invoke(cli, ["analyze", "-f", "json", "-o", str(out), str(example_path)])
    assert result.exit_code == 0 and json.loads(out.read_text())["id"] == "baltic-drills"


PLAIN_EXPLAINER = Path(__file__).resolve().parents[1] / "benchmarks" / "plain_explainers" / "14-how-tides-work.txt"


@pytest.mark.parametrize("flags,gated", [([], True), (["--all-techniques"], False)])
def test_all_techniques_turns_the_persuasion_gate_off(runner, flags, gated):
    result = runner.invoke(cli, ["analyze", "-f", "json", "--analyzers", "techniques", *flags, str(PLAIN_EXPLAINER)])
    assert json.loads(result.output)["summary"]["techniques_summary"]["gated"] is gated


def test_raw_offsets_point_into_the_input(runner, tmp_path):
    text = "Title\r\n\r\nBody.\r\nLeave a Reply\r\n"
    path = tmp_path / "in.txt"
    path.write_bytes(text.encode())
    report = json.loads(runner.invoke(cli, ["analyze", "--raw", "-f", "json", str(path)]).output)
    assert report["article"]["text"] == text and report["article"]["removed"] == []


def test_single_bad_item_exits_non_zero_with_one_line(runner, tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("")
    result = runner.invoke(cli, ["analyze", "-f", "json", str(path)])
    assert result.exit_code == 65
    assert result.output.count("\n") == 1 and "input is empty" in result.output


def test_batch_reports_failed_item_and_goes_on(runner, tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join([json.dumps({"id": "ok-1", "text": "The minister spoke in Geneva on Monday."}),
                               "{broken", json.dumps({"id": "ok-2", "text": "Another article about talks."})]))
    result = runner.invoke(cli, ["analyze", "-f", "jsonl", "--no-progress", str(path)])
    assert result.exit_code == EXIT_PARTIAL_FAILURE
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    assert [json.loads(line)["id"] for line in lines] == ["ok-1", "ok-2"]
    assert "batch.jsonl:2" in result.stderr


def test_unknown_analyzer_lists_choices(runner, example_path):
    result = runner.invoke(cli, ["analyze", "-f", "json", "--analyzers", "nope", str(example_path)])
    assert result.exit_code == 64 and "valid names" in result.output


def test_stdin(runner):
    result = runner.invoke(cli, ["analyze", "-f", "json", "-"], input="A Headline\n\nSome body text here.")
    assert json.loads(result.output)["article"]["title"] == "A Headline"


def test_non_english_article_is_reported_not_analysed(runner, tmp_path):
    path = tmp_path / "ru.txt"
    path.write_text("Министр иностранных дел России Сергей Лавров заявил, что НАТО стало геополитическим проектом.")
    report = json.loads(runner.invoke(cli, ["analyze", "-f", "json", str(path)]).output)
    assert report["article"]["language"] == "ru" and "not English" in report["warnings"][0]
    assert all(report[layer] == [] for layer in ("quotes", "sources", "entities", "claims", "techniques"))


def test_schema_command_prints_the_schema(runner):
    assert json.loads(runner.invoke(cli, ["schema"]).output)["title"] == "presslens report"


def test_the_package_runs_as_python_m_presslens_cli():
    result = subprocess.run([sys.executable, "-m", "presslens.cli", "--version"], capture_output=True, text=True)
    assert result.stdout.startswith("presslens, version")


def _default_analyzers_after(code: str) -> str:
    command = f"{code}; from presslens.registry import default_analyzer_names; print(default_analyzer_names())"
    return subprocess.run([sys.executable, "-c", command], capture_output=True, text=True, check=True).stdout


def test_importing_the_commands_keeps_the_analyzers_in_registry_order():
    assert _default_analyzers_after("import presslens.cli") == _default_analyzers_after("import presslens")


@pytest.mark.parametrize("args", [["analyze", "--no-such-option", "-"], ["analyze", "-f", "nope", "-"], ["nope"],
                                  ["corpus", "add"], ["corpus", "stats", "--db"], ["--bogus"]])
def test_option_errors_exit_with_the_usage_code(runner, args):
    assert runner.invoke(cli, args).exit_code == 64
