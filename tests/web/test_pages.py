"""Server-rendered pages: the analyze form, stored analyses, the corpus pages; article text always escaped."""

from __future__ import annotations

import re

import pytest

from render.reports import HOSTILE
from .corpus import PESKOV_QUOTE

HTML = {"accept": "text/html"}


def test_analyze_page_has_the_form(bare_client):
    page = bare_client.get("/").text
    assert 'action="/analyze"' in page and 'enctype="multipart/form-data"' in page
    for field in ('name="text"', 'name="html"', 'type="file"', 'name="title"', 'name="published"'):
        assert field in page


def test_analyze_page_loads_nothing_from_elsewhere(client):
    for path in ("/", "/articles/baltic-drills", "/outlets/Baltic%20Watch", "/reuse"):
        page = client.get(path).text
        assert not re.search(r'(src|href)="(https?:)?//', page), path


def test_submitting_without_a_database_shows_the_analysis(bare_client):
    response = bare_client.post("/analyze", data={"text": "Peskov said the drills were a provocation.",
                                                  "title": "Drills"})
    assert response.status_code == 200
    assert 'class="pl-report"' in response.text
    assert "Not stored" in response.text
    assert "/static/render/report.js" in response.text


def test_submitting_with_a_database_goes_to_the_permanent_link(empty_db_client):
    response = empty_db_client.post("/analyze", data={"text": "Peskov said the drills were a provocation."},
                                    follow_redirects=False)
    assert response.status_code == 303
    link = response.headers["location"]
    assert link.startswith("/articles/")
    page = empty_db_client.get(link).text
    assert f'href="{link}"' in page and "the drills were a provocation" in page


def test_submitting_nothing_shows_an_html_error(bare_client):
    response = bare_client.post("/analyze", data={"text": ""}, headers=HTML)
    assert response.status_code == 422
    assert "<h1>Error 422</h1>" in response.text and "PL101" in response.text


def test_hostile_article_is_escaped(bare_client):
    text = f"The minister said {HOSTILE} and left. Nothing else happened that day."
    page = bare_client.post("/analyze", data={"text": text, "title": HOSTILE, "raw": "on"}).text
    report = page[page.index('<div id="report">'):]
    assert "<script>alert(1)</script>" not in report
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in report
    assert "<img" not in report
    assert 'href="javascript:' not in report


def test_stored_analysis_page(client):
    page = client.get("/articles/baltic-drills").text
    assert 'id="permalink" href="/articles/baltic-drills"' in page
    assert 'href="/api/articles/baltic-drills"' in page
    assert "Dmitry Peskov" in page


def test_missing_analysis_page_is_an_html_404(client):
    response = client.get("/articles/nope", headers=HTML)
    assert response.status_code == 404
    assert "no article with id" in response.text


def test_corpus_pages_without_a_database(bare_client):
    response = bare_client.get("/outlets", headers=HTML)
    assert response.status_code == 404
    assert "presslens serve --db PATH" in response.text
    assert 'href="/outlets"' not in bare_client.get("/").text


def test_article_list_filters(client):
    page = client.get("/articles", params={"state_affiliated": "yes"}).text
    rows = re.findall(r'<a href="/articles/([^"]+)">', page)
    assert rows == ["tass-1"]
    assert '<option value="yes" selected>' in page


def test_article_list_takes_the_whole_form(client):
    form = {"outlet": "", "date_from": "2023-04-01", "date_to": "", "technique": "", "speaker": "",
            "state_affiliated": ""}
    page = client.get("/articles", params=form).text
    assert re.findall(r'<a href="/articles/([^"]+)">', page) == ["tass-1", "echo-1"]
    assert 'value="2023-04-01"' in page


def test_article_list_refuses_a_bad_date(client):
    response = client.get("/articles", params={"date_from": "April"}, headers=HTML)
    assert response.status_code == 400
    assert "YYYY-MM-DD" in response.text


def test_article_list_pages(client, monkeypatch):
    from presslens.web import pages

    monkeypatch.setattr(pages, "PAGE_SIZE", 2)
    first = client.get("/articles", params={"outlet": ""}).text
    assert re.findall(r'<a href="/articles/([^"]+)">', first) == ["tass-1", "echo-1"]
    assert 'href="/articles?offset=2"' in first
    second = client.get("/articles?offset=2").text
    assert re.findall(r'<a href="/articles/([^"]+)">', second) == ["baltic-drills"]
    assert 'href="/articles?offset=0"' in second


def test_search_page_marks_matches(client):
    page = client.get("/search", params={"q": "Peskov"}).text
    assert "<mark>Peskov</mark>" in page
    assert 'href="/articles/echo-1"' in page


def test_search_page_escapes_the_query(client):
    page = client.get("/search", params={"q": '"<script>"'}).text
    assert "<script>\"" not in page and "&lt;script&gt;" in page


def test_outlets_page_badges_state_media(client):
    page = client.get("/outlets").text
    tass_row = page[page.index('href="/outlets/TASS"'):].split("</tr>")[0]
    assert "state media" in tass_row


def test_outlet_page_charts_techniques_and_reuse(client):
    page = client.get("/outlets/Baltic Watch").text
    assert '<svg class="chart"' in page
    assert "Loaded language" in page
    reuse_out = page[page.index("Reuse out"):]
    assert 'href="/articles/echo-1"' in reuse_out.split("</table>")[0]
    reuse_in = page[page.index("Reuse in"):page.index("Reuse out")]
    assert "None found." in reuse_in


def test_speaker_page_traces_republished_quotes(client):
    page = client.get("/speakers/Dmitry Peskov").text
    assert '<svg class="chart"' in page
    republished = page[page.index("Where the quotes were republished"):page.index("All quotes")]
    assert PESKOV_QUOTE in republished
    assert 'href="/articles/echo-1"' in republished


def test_reuse_page_draws_the_graph(client):
    page = client.get("/reuse").text
    svg = page[page.index("<svg"):page.index("</svg>")]
    assert "Baltic Watch" in svg and "Echo Daily" in svg
    assert "Baltic Watch → Echo Daily: 1" in svg


@pytest.mark.parametrize("path", ["/articles", "/search?q=drills", "/outlets", "/outlets/TASS", "/speakers",
                                  "/speakers/Sergey%20Lavrov", "/reuse", "/docs", "/login"])
def test_every_page_renders(client, path):
    assert client.get(path).status_code == 200


def test_home_page_with_a_database_is_the_corpus(client):
    assert "Most quoted people" in client.get("/").text


def test_home_page_says_techniques_not_analysed_when_they_never_ran(empty_db_client):
    assert "Techniques not analysed" in empty_db_client.get("/").text


def test_analyze_form_has_its_own_page(client):
    assert 'action="/analyze"' in client.get("/analyze").text


def test_speakers_page_is_paged(client):
    assert "next</a>" not in client.get("/speakers").text
