"""The JSON API through the ASGI test client: analysis, the corpus endpoints, errors as JSON."""

from __future__ import annotations

from importlib.resources import files

import pytest
from fastapi.testclient import TestClient

from presslens.report import CONTRACT_LAYERS
from presslens.settings import Settings
from presslens.web.app import create_app

EXAMPLE = files("presslens").joinpath("examples", "baltic-drills.txt").read_bytes()
SHORT = "Kremlin spokesman Dmitry Peskov said the drills were a provocation. Nobody believed him."


def error_code(response) -> str:
    return response.json()["error"]["code"]


# --- POST /api/analyze ---------------------------------------------------------------------------------------

def test_analyze_json_returns_the_report_contract(bare_client):
    response = bare_client.post("/api/analyze", json={"text": SHORT, "title": "Drills", "outlet": "Echo Daily",
                                                      "published": "2023-03-14"})
    assert response.status_code == 200
    report = response.json()
    assert all(isinstance(report[layer], list) for layer in CONTRACT_LAYERS)
    assert report["article"]["text"].startswith("Kremlin spokesman")
    assert (report["article"]["title"], report["article"]["outlet"], report["article"]["published"]) == \
        ("Drills", "Echo Daily", "2023-03-14")
    assert "location" not in response.headers


def test_analyze_html_field_extracts_the_article(bare_client):
    page = f"<html><head><title>Drills</title></head><body><article><p>{SHORT}</p></article></body></html>"
    report = bare_client.post("/api/analyze", json={"html": page}).json()
    assert report["article"]["input_format"] == "html"
    assert "Peskov" in report["article"]["text"]
    assert "<p>" not in report["article"]["text"]


def test_analyze_upload_reads_the_bundled_example(bare_client):
    response = bare_client.post("/api/analyze", files={"file": ("baltic-drills.txt", EXAMPLE, "text/plain")},
                                data={"outlet": "Baltic Watch"})
    assert response.status_code == 200
    article = response.json()["article"]
    assert "Dmitry Peskov" in article["text"]
    assert article["outlet"] == "Baltic Watch"


def test_analyze_upload_in_another_encoding(bare_client):
    data = ("Le porte-parole a déclaré que les exercices étaient une provocation. " * 3).encode("latin-1")
    response = bare_client.post("/api/analyze", files={"file": ("a.txt", data, "text/plain")})
    assert "déclaré" in response.json()["article"]["text"]


def test_analyze_stores_with_a_database_and_gives_the_link(empty_db_client):
    response = empty_db_client.post("/api/analyze", json={"text": SHORT, "title": "Drills"})
    assert response.status_code == 201
    article_id = response.json()["id"]
    assert article_id
    link = f"/articles/{article_id.replace(':', '%3A')}"
    assert response.headers["location"] == f"/api{link}"
    assert f"<{link}>" in response.headers["link"]
    stored = empty_db_client.get(response.headers["location"]).json()
    assert stored["article"]["text"] == response.json()["article"]["text"]
    assert stored["analyzers"] == response.json()["analyzers"]
    assert [row["id"] for row in empty_db_client.get("/api/articles").json()["articles"]] == [article_id]
    assert empty_db_client.get(link).status_code == 200


def test_analyze_same_text_twice_keeps_one_article(empty_db_client):
    first = empty_db_client.post("/api/analyze", json={"text": SHORT}).json()["id"]
    second = empty_db_client.post("/api/analyze", json={"text": SHORT}).json()["id"]
    assert first == second
    assert len(empty_db_client.get("/api/articles").json()["articles"]) == 1


@pytest.mark.parametrize(("body", "status", "code"), [
    ({}, 422, "PL101"),                                           # no text at all
    ({"text": "   "}, 422, "PL101"),                              # only blanks
    ({"text": SHORT, "html": "<p>x</p>"}, 400, "PL600"),          # both
    ({"txt": SHORT}, 422, "PL106"),                               # misspelt field
    ({"text": SHORT, "published": "14 March"}, 422, "PL106"),     # not a date
    ({"text": 42}, 422, "PL106"),                                 # not a string
    ({"text": SHORT, "analyzers": ["nope"]}, 400, "PL201"),       # unknown analyzer
])
def test_analyze_refuses_bad_bodies_with_a_json_error(bare_client, body, status, code):
    response = bare_client.post("/api/analyze", json=body)
    assert response.status_code == status
    assert error_code(response) == code
    assert response.json()["error"]["message"]


def test_unknown_analyzer_message_lists_the_valid_names(bare_client):
    message = bare_client.post("/api/analyze", json={"text": SHORT, "analyzers": ["nope"]}).json()["error"]["message"]
    assert "'nope'" in message and "valid names" in message


def test_analyze_refuses_broken_json(bare_client):
    response = bare_client.post("/api/analyze", content=b'{"text": ', headers={"content-type": "application/json"})
    assert response.status_code == 422
    assert error_code(response) == "PL106"


def test_analyze_refuses_other_content_types(bare_client):
    response = bare_client.post("/api/analyze", content=SHORT.encode(), headers={"content-type": "text/plain"})
    assert response.status_code == 400
    assert "multipart/form-data" in response.json()["error"]["message"]


def test_analyze_refuses_binary_uploads(bare_client):
    response = bare_client.post("/api/analyze", files={"file": ("a.txt", bytes(range(256)) * 4, "text/plain")})
    assert response.status_code == 422
    assert error_code(response) == "PL102"


def test_request_size_limit_by_declared_length():
    with TestClient(create_app(Settings(max_input_bytes=1000))) as small:
        body = {"text": "word " * 300_000}
        response = small.post("/api/analyze", json=body)
    assert response.status_code == 413
    assert error_code(response) == "PL103"


def test_request_size_limit_on_a_body_without_declared_length():
    def chunks():
        for _ in range(40):
            yield b"x" * 50_000

    with TestClient(create_app(Settings(max_input_bytes=1000))) as small:
        response = small.post("/api/analyze", content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert error_code(response) == "PL103"


def test_article_over_the_limit_inside_an_allowed_request():
    with TestClient(create_app(Settings(max_input_bytes=1000))) as small:
        response = small.post("/api/analyze", json={"text": "word " * 1000})
    assert response.status_code == 413
    assert "1,000 bytes" in response.json()["error"]["message"]


# --- the corpus ----------------------------------------------------------------------------------------------

def ids(response) -> list[str]:
    return [row["id"] for row in response.json()["articles"]]


@pytest.mark.parametrize(("query", "expected"), [
    ("", ["tass-1", "echo-1", "baltic-drills"]),
    ("?outlet=tass", ["tass-1"]),
    ("?state_affiliated=true", ["tass-1"]),
    ("?technique=Loaded_Language", ["echo-1", "baltic-drills"]),
    ("?speaker=Dmitry%20Peskov", ["echo-1", "baltic-drills"]),
    ("?date_from=2023-04-01&date_to=2023-04-10", ["echo-1"]),
    ("?limit=1&offset=1", ["echo-1"]),
])
def test_articles_filters(client, query, expected):
    response = client.get(f"/api/articles{query}")
    assert response.status_code == 200
    assert ids(response) == expected


@pytest.mark.parametrize("query", ["?limit=0", "?limit=100000", "?offset=-1", "?date_from=yesterday",
                                   "?state_affiliated=perhaps"])
def test_articles_refuses_bad_parameters(client, query):
    response = client.get(f"/api/articles{query}")
    assert response.status_code == 400
    assert error_code(response) == "PL600"


def test_one_stored_article_is_its_report(client):
    report = client.get("/api/articles/baltic-drills").json()
    assert report["id"] == "baltic-drills"
    assert len(report["quotes"]) == 3
    assert report["quotes"][0]["speaker"]["name"] == "Dmitry Peskov"


def test_missing_article_is_a_json_404(client):
    response = client.get("/api/articles/nope")
    assert response.status_code == 404
    assert error_code(response) == "PL501"
    assert "'nope'" in response.json()["error"]["message"]


def test_search(client):
    results = client.get("/api/search", params={"q": "provocation"}).json()["results"]
    assert {row["id"] for row in results} == {"baltic-drills", "tass-1"}


def test_search_with_a_query_fts_cannot_parse_is_a_400(client):
    response = client.get("/api/search", params={"q": '"unbalanced'})
    assert response.status_code == 400
    assert error_code(response) == "PL600"


def test_search_needs_a_query(client):
    assert client.get("/api/search").status_code == 400


def test_outlets(client):
    outlets = {row["name"]: row for row in client.get("/api/outlets").json()["outlets"]}
    assert outlets["TASS"]["state_affiliated"] is True
    assert outlets["Echo Daily"]["articles"] == 1
    assert client.get("/api/outlets/tass").json()["latest"][0]["id"] == "tass-1"
    assert client.get("/api/outlets/Nowhere%20Times").status_code == 404


def test_speakers(client):
    speakers = {row["name"]: row for row in client.get("/api/speakers").json()["speakers"]}
    assert speakers["Dmitry Peskov"]["articles"] == 2
    peskov = client.get("/api/speakers/Dmitry Peskov").json()
    assert [quote["article_id"] for quote in peskov["quotes_list"]] == ["baltic-drills", "echo-1"]


def test_reuse(client):
    pairs = client.get("/api/reuse").json()["pairs"]
    assert [(pair["a"], pair["b"], pair["origin"]) for pair in pairs] == [("baltic-drills", "echo-1", "baltic-drills")]


def test_stats_do_not_reveal_the_database_path(client, corpus_db):
    stats = client.get("/api/stats").json()
    assert stats["articles"] == 3
    assert str(corpus_db) not in str(stats)


def test_corpus_endpoints_without_a_database(bare_client):
    response = bare_client.get("/api/articles")
    assert response.status_code == 404
    assert error_code(response) == "PL602"
    assert "--db" in response.json()["error"]["message"]


# --- docs, unknown routes, headers ---------------------------------------------------------------------------

def test_openapi_lists_every_endpoint(bare_client):
    paths = bare_client.get("/openapi.json").json()["paths"]
    for path in ("/api/analyze", "/api/articles", "/api/articles/{article_id}", "/api/search", "/api/outlets",
                 "/api/speakers", "/api/reuse"):
        assert path in paths
    assert set(paths["/api/analyze"]["post"]["requestBody"]["content"]) == {"application/json",
                                                                            "multipart/form-data"}


def test_docs_load_nothing_from_elsewhere(bare_client):
    page = bare_client.get("/docs")
    assert page.status_code == 200
    assert "http" not in page.text
    for asset in ("/static/swagger/swagger-ui-bundle.js", "/static/swagger/swagger-ui.css", "/static/app/docs.js"):
        assert asset in page.text
        assert bare_client.get(asset).status_code == 200


def test_unknown_api_route_is_a_json_404(bare_client):
    response = bare_client.get("/api/nothing")
    assert response.status_code == 404
    assert error_code(response) == "PL602"


def test_wrong_method_keeps_its_status(bare_client):
    response = bare_client.get("/api/analyze")
    assert response.status_code == 405
    assert error_code(response) == "PL600"


def test_security_headers(bare_client):
    headers = bare_client.get("/").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"


def test_analyze_upload_in_utf16(bare_client):
    data = SHORT.encode("utf-16")
    response = bare_client.post("/api/analyze", files={"file": ("a.txt", data, "text/plain")})
    assert response.json()["article"]["text"] == SHORT


def test_analyze_refuses_malformed_utf16_uploads(bare_client):
    data = b"\xff\xfe" + "Troops".encode("utf-16-le") + b"\x00\xd8"
    response = bare_client.post("/api/analyze", files={"file": ("a.txt", data, "text/plain")})
    assert (response.status_code, error_code(response)) == (422, "PL104")


def test_technique_names_match_whatever_their_case(client):
    ids = [row["id"] for row in client.get("/api/articles?technique=loaded language").json()["articles"]]
    assert ids == ["echo-1", "baltic-drills"]


def test_reuse_is_paged(client):
    assert client.get("/api/reuse?limit=1&offset=1").json()["pairs"] == []


def test_reuse_pairs_carry_their_source(client):
    assert client.get("/api/reuse").json()["pairs"][0]["source"] == "baltic-drills"


def test_speakers_are_paged(client):
    assert len(client.get("/api/speakers?limit=1").json()["speakers"]) == 1


def test_corpus_overview_counts_publishers(client):
    assert client.get("/api/corpus").json()["stats"]["publishers"] == 3


def test_speaker_propagation_endpoint(client):
    assert client.get("/api/speakers/Dmitry Peskov/propagation").json()["speaker"] == "Dmitry Peskov"


def test_speakers_as_csv_download(client):
    response = client.get("/api/speakers?format=csv")
    assert response.headers["content-disposition"] == 'attachment; filename="speakers.csv"'


def test_csv_has_a_header_row(client):
    assert client.get("/api/outlets?format=csv").text.splitlines()[0].startswith("name,")


def test_reuse_csv_writes_passages_as_json(client):
    assert '"[[0, 10, 0, 10]]"' in client.get("/api/reuse?format=csv").text


def test_unknown_table_format_is_refused(client):
    assert client.get("/api/articles?format=xml").status_code == 400
