"""The stories pages in headless Debian chromium: the list, a click through to a story, a hostile title inert.

Skipped when chromium or the playwright package is missing (scripts/install_browser.sh installs both).
"""

from __future__ import annotations

import datetime as dt

import pytest

from presslens.article import Article
from presslens.corpus.store import Store
from presslens.corpus.stories import StoryParams, update_stories
from presslens.settings import Settings

from .corpus import build_corpus
from .test_browser import (  # noqa: F401  (pytestmark: skipped without chromium)
    CHROMIUM, LAUNCH_ARGS, PAGE_TIMEOUT_MS, PAYLOAD, playwright_api, pytestmark, running)
from .test_stories import BalticEncoder


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from presslens.web.app import create_app

    db = build_corpus(tmp_path_factory.mktemp("stories") / "corpus.db")
    with Store(db) as store:
        store.add_article(Article(text="Baltic drills went on for a second week.", id="hostile-1",
                                  title=PAYLOAD.strip(), outlet="Echo Daily", published=dt.date(2023, 3, 20)))
        update_stories(store, StoryParams(window_days=30), encoder=BalticEncoder())
    yield from running(create_app(Settings(), db))


@pytest.fixture(scope="module")
def page():
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        context = browser.new_context(bypass_csp=True)
        context.set_default_timeout(PAGE_TIMEOUT_MS)
        yield context.new_page()
        browser.close()


def test_the_home_page_leads_to_a_story_and_its_articles(page, server):
    page.goto(server + "/")
    page.click("#top-stories a")
    assert page.locator("#story-articles tbody tr").count() == 3


def test_the_stories_table_lists_the_story(page, server):
    page.goto(server + "/stories")
    assert page.locator("#stories tbody tr").count() == 1


def test_a_hostile_title_is_shown_as_text(page, server):
    page.goto(server + "/stories/1")
    assert "<script>window.__pwned = 1</script>" in page.inner_text("#story-articles")


def test_a_hostile_title_runs_nothing(page, server):
    for path in ("/stories", "/stories/1"):
        page.goto(server + path)
        assert page.evaluate("() => window.__pwned === undefined && document.querySelectorAll("
                             "'main script, main img, main svg').length === 0"), path
