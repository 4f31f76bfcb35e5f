"""Documentation that must stay true: a CLI option missing from docs/cli.md fails here."""

from pathlib import Path

from presslens.clidocs import cli_reference

DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_cli_reference_is_current():
    assert (DOCS / "cli.md").read_text(encoding="utf-8") == cli_reference(), (
        "docs/cli.md is out of date: run `python -m presslens.clidocs > docs/cli.md`")
