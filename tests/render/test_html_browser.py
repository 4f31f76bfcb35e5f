"""The HTML report as a person reads it: headless Debian chromium at 1,400 px, on analysed articles.

Skipped when chromium or the playwright package is missing (scripts/install_browser.sh installs both).
Set PRESSLENS_SCREENSHOTS to a directory to keep the screenshots taken.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from presslens.article import Article
from presslens.pipeline import Pipeline
from presslens.render import get_renderer
from presslens.settings import Settings

from conftest import REFERENCE_ARTICLE

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
playwright_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed "
                                     "(scripts/install_browser.sh)")
pytestmark = pytest.mark.skipif(shutil.which(CHROMIUM) is None,
                                reason="Debian chromium is not installed (scripts/install_browser.sh)")

VIEWPORT = {"width": 1400, "height": 900}

LAYOUT = """() => {
    const box = selector => document.querySelector(selector).getBoundingClientRect();
    const overflowing = [document.documentElement, ...document.querySelectorAll('.pl-report table, .pl-scroll')]
        .filter(element => element.scrollWidth > element.clientWidth)
        .map(element => `${element.tagName}.${element.className}: ${element.scrollWidth} > ${element.clientWidth}`);
    return {legend: box('.pl-legend').toJSON(), text: box('.pl-text').toJSON(), overflowing: overflowing,
            sentences: document.querySelectorAll('.pl-text .pl-sent-start').length,
            panels: document.querySelector('.pl-panels').innerText,
            legendText: document.querySelector('.pl-legend').innerText};
}"""


def article_texts():
    from importlib.resources import files

    yield pytest.param(("example", files("presslens").joinpath("examples", "baltic-drills.txt").read_text(
        encoding="utf-8")), id="example")
    yield pytest.param(("reference", REFERENCE_ARTICLE.read_text(encoding="utf-8") if REFERENCE_ARTICLE.exists()
                        else ""), id="reference", marks=pytest.mark.skipif(not REFERENCE_ARTICLE.exists(),
                                                                reason="../shared/examples is not available"))


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox",
                                                                              "--disable-gpu"])
        yield chromium
        chromium.close()


@pytest.fixture(scope="module", params=list(article_texts()))
def seen(request, browser, tmp_path_factory):
    """What the browser shows of the report of one article: its layout at the top and after scrolling."""
    name, text = request.param
    report = Pipeline(Settings()).analyze(Article(text=text))
    shots = Path(os.environ.get("PRESSLENS_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    page_file = shots / f"{name}.html"
    page_file.write_text(get_renderer("html").render(report), encoding="utf-8")
    page = browser.new_page(viewport=VIEWPORT)
    page.goto(page_file.resolve().as_uri())
    page.screenshot(path=str(shots / f"{name}-top.png"))
    top = page.evaluate(LAYOUT)
    page.evaluate("window.scrollTo(0, document.querySelector('.pl-text').getBoundingClientRect().bottom / 2)")
    page.screenshot(path=str(shots / f"{name}-scrolled.png"))
    scrolled = page.evaluate(LAYOUT)
    page.close()
    return {"top": top, "scrolled": scrolled, "report": report}


def test_legend_is_in_the_first_viewport(seen):
    assert seen["top"]["legend"]["top"] < VIEWPORT["height"]


def test_legend_is_beside_the_text(seen):
    assert seen["top"]["legend"]["left"] >= seen["top"]["text"]["right"]


def test_legend_stays_in_view_while_reading(seen):
    assert 0 <= seen["scrolled"]["legend"]["top"] < VIEWPORT["height"]


def test_nothing_overflows_horizontally(seen):
    assert seen["top"]["overflowing"] == []


def test_every_scored_sentence_is_marked_in_the_text(seen):
    assert seen["top"]["sentences"] == len(seen["report"].summary["techniques_summary"]["sentences"])


def test_no_closing_quotation_mark_is_doubled_in_the_panels(seen):
    assert "””" not in seen["top"]["panels"]


def test_legend_names_techniques_as_people_write_them(seen):
    assert "_" not in seen["top"]["legendText"]
