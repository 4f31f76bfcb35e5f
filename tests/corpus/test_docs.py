from pathlib import Path

import pytest

from presslens.cli.corpus import corpus
from presslens.corpus.migrations import MIGRATIONS

DOC = Path(__file__).resolve().parents[2] / "docs" / "corpus.md"


@pytest.mark.parametrize("command", sorted(corpus.commands))
def test_every_corpus_command_is_documented(command):
    assert f"presslens corpus {command}" in DOC.read_text()


@pytest.mark.parametrize("table", ["texts", "articles", "reports", "spans", "outlets", "quotes", "speakers", "reuse"])
def test_every_table_is_in_the_schema_doc_and_the_migrations(table):
    assert f"| `{table}` |" in DOC.read_text()
    assert any(f"CREATE TABLE {table} (" in script for script in MIGRATIONS)
