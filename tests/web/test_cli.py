"""`presslens serve`: flags to app, loopback by default, a token required anywhere else."""

from __future__ import annotations

import pytest
import uvicorn
from click.testing import CliRunner

from presslens.cli import cli
from presslens.errors import ConfigError
from presslens.cli.serve import check_binding, is_loopback

from .conftest import TOKEN


@pytest.mark.parametrize(("host", "expected"), [
    ("127.0.0.1", True), ("127.8.0.1", True), ("::1", True), ("localhost", True),
    ("0.0.0.0", False), ("::", False), ("192.168.1.4", False), ("example.org", False),
])
def test_is_loopback(host, expected):
    assert is_loopback(host) is expected


def test_non_loopback_needs_a_token():
    with pytest.raises(ConfigError, match="--token or PRESSLENS_TOKEN"):
        check_binding("0.0.0.0", None)
    check_binding("0.0.0.0", TOKEN)
    check_binding("127.0.0.1", None)


def test_short_token_is_refused():
    with pytest.raises(ConfigError, match="at least 16 characters"):
        check_binding("127.0.0.1", "secret")


@pytest.fixture
def served(monkeypatch):
    """Capture what `serve` would run instead of running it."""
    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kwargs: calls.append((app, kwargs)))
    return calls


def test_serve_binds_loopback_by_default(served, tmp_path):
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "c.db"), "--port", "8123"])
    assert result.exit_code == 0, result.output
    app, options = served[0]
    assert options["host"] == "127.0.0.1" and options["port"] == 8123
    assert app.state.token is None
    assert app.state.workbench.db_path == tmp_path / "c.db"


def test_serve_refuses_an_open_address_without_token(served):
    result = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0"], env={"PRESSLENS_TOKEN": None})
    assert result.exit_code == 64
    assert "without authentication" in result.output
    assert served == []


def test_serve_takes_the_token_from_the_environment(served):
    result = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0"], env={"PRESSLENS_TOKEN": TOKEN})
    assert result.exit_code == 0, result.output
    assert served[0][0].state.token == TOKEN


def test_serve_refuses_unknown_analyzers_before_starting(served):
    result = CliRunner().invoke(cli, ["serve", "--analyzers", "nope"])
    assert result.exit_code == 64
    assert "no analyzer named 'nope'" in result.output
    assert served == []


def test_serve_passes_the_size_limit(served):
    result = CliRunner().invoke(cli, ["serve", "--max-bytes", "1234"])
    assert result.exit_code == 0, result.output
    assert served[0][0].state.workbench.settings.max_input_bytes == 1234
