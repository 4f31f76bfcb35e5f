"""The stories pages and API on the hand-built corpus, with stories found by a stand-in encoder."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from fastapi.testclient import TestClient

from presslens.article import Article
from presslens.corpus.store import Store
from presslens.corpus.stories import StoryParams, update_stories
from presslens.settings import Settings
from presslens.web.app import create_app

from render.reports import HOSTILE


class BalticEncoder:
    """One vector for every text about the Baltic, another of its own for each other text."""

    def encode(self, texts):
        vectors = np.zeros((len(texts), len(texts) + 1), dtype=np.float32)
        for row, text in enumerate(texts):
            vectors[row, 0 if "Baltic" in text else row + 1] = 1.0
        return vectors


@pytest.fixture
def stories_db(corpus_db):
    with Store(corpus_db) as store:
        store.add_article(Article(text="Baltic drills went on for a second week.", id="hostile-1", title=HOSTILE,
                                  outlet="Echo Daily", published=dt.date(2023, 3, 20)))
        update_stories(store, StoryParams(window_days=30), encoder=BalticEncoder())
    return corpus_db


@pytest.fixture
def stories_client(stories_db):
    with TestClient(create_app(Settings(), stories_db)) as test_client:
        yield test_client


def test_the_stories_page_lists_the_story_with_its_size(stories_client):
    page = stories_client.get("/stories").text
    assert '<a href="/stories/1">' in page and '<td class="num">3</td>' in page


def test_the_stories_page_shows_the_outlets(stories_client):
    assert "Echo Daily (2)" in stories_client.get("/stories").text


def test_the_stories_page_shows_the_most_quoted_people(stories_client):
    assert 'href="/speakers/Dmitry%20Peskov"' in stories_client.get("/stories").text


def test_the_story_page_links_its_articles(stories_client):
    page = stories_client.get("/stories/1").text
    assert all(f'href="/articles/{article_id}"' in page for article_id in ("baltic-drills", "echo-1", "hostile-1"))


def test_the_story_page_lists_articles_by_date(stories_client):
    page = stories_client.get("/stories/1").text
    page = page[page.index('id="story-articles"'):]
    assert page.index("2023-03-14") < page.index("2023-03-20") < page.index("2023-04-02")


@pytest.mark.parametrize("path", ["/stories", "/stories/1", "/"])
def test_a_hostile_title_is_escaped(stories_client, path):
    page = stories_client.get(path).text
    assert "<script>alert(1)</script>" not in page


def test_an_unknown_story_is_not_found(stories_client):
    assert stories_client.get("/stories/99").status_code == 404


def test_the_home_page_links_to_the_stories(stories_client):
    page = stories_client.get("/").text
    assert 'href="/stories/1"' in page and 'href="/stories"' in page


def test_without_stories_the_page_says_how_to_find_them(client):
    assert "presslens corpus stories --db DB" in client.get("/stories").text


def test_api_stories_are_paged(stories_client):
    body = stories_client.get("/api/stories", params={"limit": 1, "offset": 1}).json()
    assert (body["total"], body["covered"], body["corpus"], body["stories"]) == (1, 3, 4, [])


def test_api_story_has_its_articles_and_people(stories_client):
    body = stories_client.get("/api/stories/1").json()
    assert [a["id"] for a in body["articles_list"]] == ["baltic-drills", "hostile-1", "echo-1"]
    assert "Dmitry Peskov" in [person["name"] for person in body["people"]]


def test_api_stories_download_as_csv(stories_client):
    response = stories_client.get("/api/stories", params={"format": "csv"})
    assert response.headers["content-type"].startswith("text/csv")
    assert response.text.splitlines()[0].startswith("id,label,names,first,last,articles")
