"""The pages in a real browser: headless Debian chromium driven through playwright's API.

Skipped when chromium or the playwright package is missing (scripts/install_browser.sh installs both).
The server is uvicorn on a free loopback port, with the real analyzers and a store holding the
hand-built corpus and a report whose every string is a script payload.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from importlib.resources import files

import pytest

from presslens.article import Article
from presslens.corpus.store import Store
from presslens.registry import registered_analyzers
from presslens.settings import Settings

from render.reports import hostile_report
from .corpus import build_corpus

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
playwright_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed "
                                     "(scripts/install_browser.sh)")
pytestmark = pytest.mark.skipif(shutil.which(CHROMIUM) is None,
                                reason="Debian chromium is not installed (scripts/install_browser.sh)")

#: Milliseconds a page may take: one analysis on a busy 2-core CI machine takes seconds.
PAGE_TIMEOUT_MS = 90_000

LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync"]

EXAMPLE = files("presslens").joinpath("examples", "baltic-drills.txt").read_text(encoding="utf-8")

PAYLOAD = ("Officials said on Monday that <script>window.__pwned = 1</script> was harmless. "
           '<img src=x onerror="window.__pwned = 2"> and <a href="javascript:window.__pwned = 3">click me</a> '
           "followed. The minister told reporters: “<svg onload=window.__pwned=4></svg> is nothing.”\n")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def running(app):
    """Serve ``app`` with uvicorn on a free loopback port in a thread: yields its URL, then stops it."""
    import uvicorn

    port = free_port()
    uvicorn_server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=uvicorn_server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not uvicorn_server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    uvicorn_server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from presslens.web.app import create_app

    db = build_corpus(tmp_path_factory.mktemp("browser") / "corpus.db")
    with Store(db) as store:
        hostile = hostile_report()
        hostile.article = hostile.article.with_fields(id="hostile")
        store.add_article(hostile.article)
        store.save_report(hostile)
    app = create_app(Settings(), db)
    app.state.workbench.pipeline(Settings()).analyze(Article(text=EXAMPLE))  # load every model before any page
    yield from running(app)


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    opened = context.new_page()
    yield opened
    context.close()


@pytest.fixture
def page_without_csp(browser):
    """A page that ignores the Content-Security-Policy, so that only escaping stands between payload and script."""
    context = browser.new_context(bypass_csp=True)
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    opened = context.new_page()
    yield opened
    context.close()


def submit(page, server: str, text: str, *, raw: bool = False) -> None:
    page.goto(server + "/analyze")
    page.fill("#text", text)
    if raw:
        page.check("input[name=raw]")
    page.click("#analyze-button")
    page.wait_for_selector(".pl-report")


def panel(page, title: str):
    return page.locator("section.pl-panel", has=page.locator("h2", has_text=title))


def test_analyze_page_highlights_quotes_and_lists_speakers(page, server):
    if "quotes" not in registered_analyzers():
        pytest.skip("the quotes analyzer is not on this branch")
    submit(page, server, EXAMPLE)
    assert page.url.startswith(server + "/articles/")
    quotes = page.locator(".pl-text .pl-hl.pl-l-quotes")
    assert quotes.count() >= 3
    assert "rehearsal for aggression" in page.locator(".pl-text").inner_text()
    speakers = panel(page, "Speakers")
    assert speakers.locator("td", has_text="Dmitry Peskov").count() == 1
    assert speakers.locator("td", has_text="Sergey Lavrov").count() == 1
    page.uncheck("input[data-layer-toggle=quotes]")
    assert "pl-off" in quotes.first.get_attribute("class")


def test_analyze_page_explains_a_clicked_technique(page, server):
    submit(page, server, EXAMPLE)
    techniques = page.locator(".pl-text .pl-hl.pl-l-techniques")
    if techniques.count() == 0:
        pytest.skip("the techniques layer is empty on this branch (no techniques analyzer merged)")
    techniques.first.click()
    shown = page.locator(".pl-detail:not([hidden])", has=page.locator(".pl-detail-layer", has_text="Techniques"))
    assert shown.count() >= 1
    assert shown.first.locator(".pl-detail-about").inner_text().strip()


def test_stored_analysis_explains_a_clicked_technique(page, server):
    page.goto(server + "/articles/baltic-drills")
    assert page.locator(".pl-details-hint").is_visible()
    page.locator(".pl-text .pl-hl.pl-l-techniques", has_text="a dangerous provocation").click()
    shown = page.locator(".pl-detail:not([hidden])")
    about = shown.filter(has=page.locator(".pl-detail-layer", has_text="Techniques")).inner_text()
    assert "Loaded language" in about
    assert not page.locator(".pl-details-hint").is_visible()
    legend = panel(page, "Techniques").inner_text()
    assert "Loaded language" in legend and "Appeal to fear or prejudice" in legend


NO_ACTIVE_CONTENT = """() => {
    const report = document.querySelector('#report');
    const handlers = [...report.querySelectorAll('*')].flatMap(
        element => [...element.attributes].filter(attribute => attribute.name.startsWith('on')).map(a => a.name));
    return {
        scripts: report.querySelectorAll('script').length,
        images: report.querySelectorAll('img, svg, iframe, object').length,
        handlers: handlers,
        jsLinks: report.querySelectorAll('a[href^="javascript:" i]').length,
        pwned: window.__pwned === undefined ? null : window.__pwned,
    };
}"""


def test_hostile_submission_renders_as_text_and_runs_nothing(page_without_csp, server):
    page = page_without_csp
    submit(page, server, PAYLOAD, raw=True)
    page.get_by_text("click me").first.click()
    found = page.evaluate(NO_ACTIVE_CONTENT)
    assert found == {"scripts": 0, "images": 0, "handlers": [], "jsLinks": 0, "pwned": None}
    shown = page.locator(".pl-text").inner_text()
    assert "<script>window.__pwned = 1</script>" in shown
    assert '<img src=x onerror="window.__pwned = 2">' in shown
    assert '<a href="javascript:window.__pwned = 3">' in shown


def test_hostile_stored_report_renders_as_text_and_runs_nothing(page_without_csp, server):
    page = page_without_csp
    page.goto(server + "/articles/hostile")
    for highlight in page.locator(".pl-text .pl-hl").all():
        highlight.click()
    found = page.evaluate(NO_ACTIVE_CONTENT)
    assert found == {"scripts": 0, "images": 0, "handlers": [], "jsLinks": 0, "pwned": None}
    assert "<script>alert(1)</script>" in page.locator("#report").inner_text()
    assert "<script>alert(1)</script>" in page.title()


def test_charts_and_docs_render_in_the_browser(page, server):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(server + "/outlets/Baltic%20Watch")
    assert page.locator("svg.chart polyline").count() >= 2
    page.goto(server + "/docs")
    page.wait_for_selector(".opblock-summary-path")
    assert "/api/analyze" in page.locator("#swagger-ui").inner_text()
    assert errors == []


def test_article_filter_form(page, server):
    page.goto(server + "/articles")
    page.select_option("select[name=state_affiliated]", "yes")
    page.click("form.filters button")
    page.wait_for_url("**/articles?*")
    listed = page.locator("#articles").inner_text()
    assert "Lavrov: the West is preparing for war" in listed  # TASS
    assert "Kremlin responds to Baltic exercises" not in listed  # Echo Daily, not state-affiliated
