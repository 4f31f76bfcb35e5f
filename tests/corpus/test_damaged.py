"""Damaged databases: every corpus command says so in one line with PL505, and writes nothing."""

from __future__ import annotations

import json
import sqlite3

import pytest
from click.testing import CliRunner

from presslens.cli import cli

COMMANDS = [
    ["stats"], ["search", "drills"], ["export", "--format", "jsonl", "-o", "{tmp}/out"], ["analyze", "--workers", "1"],
    ["add", "{tmp}/more.jsonl"], ["quotes"], ["stories"], ["init"], ["reuse", "--workers", "1"],
]


@pytest.fixture(scope="module")
def good_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("good")
    source = folder / "in.jsonl"
    source.write_text("".join(json.dumps({"id": f"a-{i}", "text": f"Article {i}: NATO drills began in Lithuania "
                                          f"on day {i}, the alliance said. " * 20, "language": "de"}) + "\n"
                              for i in range(300)))
    db = folder / "c.db"
    assert CliRunner().invoke(cli, ["corpus", "add", "--db", str(db), str(source)]).exit_code == 0
    return db.read_bytes()


def _damaged(tmp_path, good_db, how: str):
    db = tmp_path / "c.db"
    if how == "not SQLite":
        db.write_text("This is a shopping list, not a database.\n" * 200)
    elif how == "truncated":
        db.write_bytes(good_db[: len(good_db) // 2])
    elif how == "8 KB overwritten":
        middle = len(good_db) // 2
        db.write_bytes(good_db[:middle] + b"\xa5" * 8192 + good_db[middle + 8192:])
    else:
        connection = sqlite3.connect(db)
        connection.execute("CREATE TABLE recipes (name TEXT)")
        connection.commit()
        connection.close()
    (tmp_path / "more.jsonl").write_text(json.dumps({"id": "new", "text": "Eine neue Meldung.", "language": "de"}))
    return db


@pytest.mark.parametrize("how", ["not SQLite", "truncated", "8 KB overwritten", "another program's"])
@pytest.mark.parametrize("command", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_a_damaged_database_is_one_coded_line_and_left_as_it_was(tmp_path, good_db, how, command):
    db = _damaged(tmp_path, good_db, how)
    before = db.read_bytes()
    args = [part.replace("{tmp}", str(tmp_path)) for part in command]
    result = CliRunner().invoke(cli, ["corpus", args[0], "--db", str(db), *args[1:]])
    assert (result.exit_code, result.output.count("\n"), "[PL505]" in result.output, db.read_bytes() == before) == (
        74, 1, True, True), result.output
