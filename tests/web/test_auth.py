"""Token authentication: the header, the login form's cookie, and what stays public."""

from __future__ import annotations

import pytest

from .conftest import TOKEN


def test_api_without_token_is_refused_with_json(token_client):
    response = token_client.get("/api/articles")
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert response.json()["error"]["code"] == "PL601"


@pytest.mark.parametrize("header", ["Bearer wrong-token-0123456789", "Basic " + TOKEN, TOKEN, "Bearer"])
def test_api_with_a_wrong_header_is_refused(token_client, header):
    assert token_client.get("/api/articles", headers={"authorization": header}).status_code == 401


def test_api_with_the_bearer_token(token_client):
    response = token_client.get("/api/articles", headers={"authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200


def test_analyze_needs_the_token_too(token_client):
    assert token_client.post("/api/analyze", json={"text": "Some text here."}).status_code == 401


def test_pages_redirect_to_the_login_form(token_client):
    response = token_client.get("/outlets", headers={"accept": "text/html"})
    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=%2Foutlets"


def test_login_form_and_its_stylesheet_are_public(token_client):
    assert token_client.get("/login").status_code == 200
    assert token_client.get("/static/app/app.css").status_code == 200


def test_login_with_the_wrong_token(token_client):
    response = token_client.post("/login", data={"token": "nope", "next": "/outlets"})
    assert response.status_code == 401
    assert "wrong token" in response.text
    assert "presslens_token" not in response.headers.get("set-cookie", "")


def test_login_sets_a_cookie_that_opens_pages_and_api(token_client):
    response = token_client.post("/login", data={"token": TOKEN, "next": "/outlets"})
    assert response.status_code == 303
    assert response.headers["location"] == "/outlets"
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie
    token_client.cookies.set("presslens_token", TOKEN)
    assert token_client.get("/outlets").status_code == 200
    assert token_client.get("/api/outlets").status_code == 200


@pytest.mark.parametrize("target", ["//evil.example/", "/\\evil.example/", "https://evil.example/",
                                    "javascript:alert(1)", "outlets"])
def test_login_never_redirects_off_site(token_client, target):
    response = token_client.post("/login", data={"token": TOKEN, "next": target})
    assert response.headers["location"] == "/"


def test_without_a_token_configured_nothing_is_asked(client):
    assert client.get("/api/articles").status_code == 200


def test_writes_from_another_site_are_refused(client):
    response = client.post("/api/analyze", json={"text": "Some text."}, headers={"origin": "https://evil.example"})
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "PL603"
    page = client.post("/analyze", data={"text": "Some text."}, headers={"origin": "null", "accept": "text/html"})
    assert page.status_code == 403


def test_writes_from_this_site_are_accepted(bare_client):
    response = bare_client.post("/api/analyze", json={"text": "Some text here."},
                                headers={"origin": "http://testserver"})
    assert response.status_code == 200
