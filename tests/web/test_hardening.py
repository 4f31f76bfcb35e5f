"""What the server holds against hostile clients: foreign Host names, bursts of analyses, its own bugs."""

from __future__ import annotations

import asyncio

import pytest
import uvicorn
from click.testing import CliRunner
from fastapi.testclient import TestClient

from presslens.article import Article
from presslens.cli import cli
from presslens.errors import AnalysisLimitError
from presslens.settings import Settings
from presslens.web.app import LOOPBACK_HOSTS, create_app
from presslens.web.workbench import MAX_QUEUED_SHORT, RETRY_AFTER_SHORT_S, Workbench

TEXT = "Kremlin spokesman Dmitry Peskov said the drills were a provocation."


@pytest.fixture
def loopback():
    """The app as `presslens serve` builds it on 127.0.0.1."""
    with TestClient(create_app(Settings(analyzers=("entities",)), allowed_hosts=LOOPBACK_HOSTS),
                    base_url="http://127.0.0.1:8000", raise_server_exceptions=False) as client:
        yield client


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost:8000", "LOCALHOST", "[::1]:8000"])
def test_loopback_names_are_answered(loopback, host):
    assert loopback.get("/openapi.json", headers={"host": host}).status_code == 200


def test_a_foreign_host_name_is_refused(loopback):
    response = loopback.get("/openapi.json", headers={"host": "evil.example:8000"})
    assert (response.status_code, response.json()["error"]["code"]) == (400, "PL604")


def test_a_dns_rebinding_write_is_refused_even_with_a_matching_origin(loopback):
    response = loopback.post("/api/analyze", json={"text": TEXT},
                             headers={"host": "rebind.example:8000", "origin": "http://rebind.example:8000"})
    assert (response.status_code, response.json()["error"]["code"]) == (400, "PL604")


def test_a_write_from_this_origin_is_accepted(loopback):
    response = loopback.post("/api/analyze", json={"text": TEXT}, headers={"origin": "http://127.0.0.1:8000"})
    assert response.status_code == 200


def test_an_unexpected_error_is_a_json_500_with_the_security_headers(loopback):
    def boom():
        raise RuntimeError("a bug")

    loopback.app.add_api_route("/api/boom", boom)
    response = loopback.get("/api/boom")
    assert (response.status_code, response.json()["error"]["code"], "default-src" in
            response.headers["content-security-policy"]) == (500, "PL700", True)


def test_a_full_queue_is_answered_503_with_retry_after(loopback):
    loopback.app.state.workbench.short_lane.waiting = MAX_QUEUED_SHORT + 1
    response = loopback.post("/api/analyze", json={"text": TEXT})
    assert (response.status_code, response.json()["error"]["code"], response.headers["retry-after"]) == (
        503, "PL605", str(RETRY_AFTER_SHORT_S))


def test_the_openapi_description_states_the_analysis_limits(loopback):
    assert "100,000 characters" in loopback.get("/openapi.json").json()["info"]["description"]


def test_serve_on_loopback_answers_only_to_loopback_names(monkeypatch):
    served = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kwargs: served.append(app))
    CliRunner().invoke(cli, ["serve", "--analyzers", "entities"], env={"PRESSLENS_TOKEN": None})
    with TestClient(served[0], base_url="http://127.0.0.1:8000") as client:
        assert client.get("/openapi.json", headers={"host": "evil.example"}).status_code == 400


def test_literal_brackets_in_a_snippet_never_become_mark_tags():
    from presslens.web.workbench import snippet_html

    assert snippet_html("the \\[b\\] <i> [drills]") == "the [b] &lt;i&gt; <mark>drills</mark>"


def test_an_article_over_the_limits_is_refused_before_it_queues(monkeypatch):
    workbench = Workbench(Settings(max_article_chars=10), None)
    monkeypatch.setattr(workbench.short_lane, "waiting", MAX_QUEUED_SHORT + 1)
    with pytest.raises(AnalysisLimitError):
        asyncio.run(workbench.analyze(Article(text="far too long for the limit"), workbench.settings))
