"""Server-rendered pages: the analyze form, stored analyses, the corpus, the login form and the API docs.

Pages are Jinja2 templates (autoescaped) in ``web/templates``; the highlighted
article comes from :func:`presslens.render.html.render_fragment`, the same
renderer as ``presslens analyze --format html``. Every asset is served from
the package: nothing is fetched from a CDN.
"""

from __future__ import annotations

import datetime as dt
import hmac
from typing import Any
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ..corpus import views
from ..corpus.quotes import propagation
from ..errors import RequestError, UnauthorizedError
from ..render.html import render_fragment
from ..render.views import technique_name
from ..report import Report
from . import charts, figures
from .inputs import article_from_form, form_options, read_form
from .workbench import TOKEN_COOKIE, Workbench, WorkbenchDep, article_path

router = APIRouter(include_in_schema=False)

#: Rows per page of the article list, and results on the search page.
PAGE_SIZE = 50
SEARCH_LIMIT = 50


def readable(series: dict[str, Any]) -> dict[str, Any]:
    """Chart series keyed by technique names as people write them ("Loaded language")."""
    return {technique_name(name): values for name, values in series.items()}


def _page(request: Request, workbench: Workbench, template: str, status_code: int = 200,
          **context: Any) -> HTMLResponse:
    context.setdefault("has_store", workbench.has_store)
    context.setdefault("needs_login", request.app.state.token is not None)
    return workbench.templates.TemplateResponse(request, template, context, status_code=status_code)


def _report_page(request: Request, workbench: Workbench, report: Report, *, stored: bool) -> HTMLResponse:
    return _page(request, workbench, "report.html", article=report.article,
                 fragment=render_fragment(report), stored=stored)


@router.get("/", response_class=HTMLResponse)
def home_page(request: Request, workbench: WorkbenchDep) -> HTMLResponse:
    """With a database, the corpus at a glance; without one, the analyze form."""
    if not workbench.has_store:
        return _page(request, workbench, "analyze.html")
    overview = views.home(workbench.store)
    per_outlet: dict[str, dict[str, float]] = {}
    for row in overview["per_day"]:
        per_outlet.setdefault(row["outlet"] or "unknown outlet", {})[row["day"]] = row["articles"]
    top = {row["outlet"] or "unknown outlet" for row in overview["outlets"][:figures.TOP_OUTLETS]}
    series = {name: points for name, points in per_outlet.items() if name in top}
    chart = charts.line_chart(series, title="Articles per outlet per day", y_label="articles, by day") \
        if series else None
    techniques = overview["techniques"]
    technique_chart = charts.line_chart(readable(techniques["series"]), title="Persuasion techniques per 1,000 words",
                                        y_label="techniques per 1,000 words, by month") \
        if techniques["articles"] else None
    return _page(request, workbench, "home.html", overview=overview, chart=chart, series=series,
                 technique_chart=technique_chart, colours=charts.PALETTE)


@router.get("/analyze", response_class=HTMLResponse)
def analyze_form(request: Request, workbench: WorkbenchDep) -> HTMLResponse:
    return _page(request, workbench, "analyze.html")


@router.post("/analyze", response_class=HTMLResponse)
async def analyze_submit(request: Request, workbench: WorkbenchDep) -> Response:
    """Analyse the submitted article; with a database, store it and go to its permanent page."""
    form = await read_form(request, workbench.settings)
    settings = workbench.settings_for(**form_options(form))
    article = await article_from_form(form, settings=settings)
    report = await workbench.analyze(article, settings)
    if workbench.has_store:
        return RedirectResponse(article_path(report.article.id), status_code=303)
    return _report_page(request, workbench, report, stored=False)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, workbench: WorkbenchDep, article_id: str) -> HTMLResponse:
    return _report_page(request, workbench, workbench.store.get_report(article_id), stored=True)


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, workbench: WorkbenchDep, next: str = "/") -> HTMLResponse:
    return _page(request, workbench, "login.html", next=_local_path(next))


@router.post("/login")
def login_submit(request: Request, workbench: WorkbenchDep, token: str = Form(...), next: str = Form("/")) -> Response:
    expected = request.app.state.token
    if expected is None or not hmac.compare_digest(token.encode(), expected.encode()):
        error = UnauthorizedError("wrong token; it is the one given to `presslens serve --token` or PRESSLENS_TOKEN")
        return _page(request, workbench, "login.html", status_code=401, next=_local_path(next), error=error)
    response = RedirectResponse(_local_path(next), status_code=303)
    response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict")
    return response


def _local_path(target: str) -> str:
    """Only a path on this server may follow the login: never another site."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith(("//", "/\\")):
        return "/"
    return target


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request, workbench: WorkbenchDep) -> HTMLResponse:
    """Swagger UI for the OpenAPI description, served from the swagger-ui-bundle package."""
    return _page(request, workbench, "docs.html")


@router.get("/articles", response_class=HTMLResponse)
def articles_page(
    request: Request, workbench: WorkbenchDep,
    outlet: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    technique: str | None = None,
    speaker: str | None = None,
    state_affiliated: str | None = None,
    offset: int = Query(0, ge=0),
) -> HTMLResponse:
    """The filter form sends every field, the empty ones as empty strings: those mean "any"."""
    store = workbench.store
    filters = {"outlet": outlet or None, "date_from": _date("date_from", date_from),
               "date_to": _date("date_to", date_to),
               "technique": technique or None, "speaker": speaker or None,
               "state_affiliated": {"yes": True, "no": False}.get(state_affiliated or "")}
    rows = store.list_articles(**filters, limit=PAGE_SIZE + 1, offset=offset)
    query = {key: value for key, value in request.query_params.items() if key != "offset" and value}
    return _page(request, workbench, "articles.html", articles=rows[:PAGE_SIZE], filters=filters, stats=store.stats(),
                 outlets=store.outlets(), offset=offset, page_size=PAGE_SIZE,
                 previous=_query_string(query, offset - PAGE_SIZE) if offset else None,
                 next=_query_string(query, offset + PAGE_SIZE) if len(rows) > PAGE_SIZE else None)


def _date(name: str, value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise RequestError(f"{name} must be a date as YYYY-MM-DD, got {value!r}", source=name) from error


def _query_string(query: dict[str, str], offset: int) -> str:
    return "?" + urlencode({**query, "offset": max(offset, 0)})


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, workbench: WorkbenchDep, q: str = "") -> HTMLResponse:
    results = workbench.search(q, SEARCH_LIMIT) if q.strip() else []
    return _page(request, workbench, "search.html", q=q, results=results)


@router.get("/outlets", response_class=HTMLResponse)
def outlets_page(request: Request, workbench: WorkbenchDep) -> HTMLResponse:
    return _page(request, workbench, "outlets.html", outlets=workbench.store.outlets())


@router.get("/outlets/{name}", response_class=HTMLResponse)
def outlet_page(request: Request, workbench: WorkbenchDep, name: str) -> HTMLResponse:
    store = workbench.store
    entry = store.outlet(name)
    rates = views.technique_rates(store, entry["name"])
    flows = figures.reuse_flows(store, outlet=entry["name"])
    own = entry["name"].lower()
    reused_from = [flow for flow in flows if str(flow["target_outlet"]).lower() == own]
    reused_by = [flow for flow in flows if str(flow["source_outlet"]).lower() == own]
    chart = charts.line_chart(readable(rates["series"]), title=f"Persuasion techniques per 1,000 words, {entry['name']}",
                              y_label="techniques per 1,000 words, by month") if rates["articles"] else None
    return _page(request, workbench, "outlet.html", outlet=entry, rates=rates, chart=chart, reused_from=reused_from,
                 reused_by=reused_by, colours=charts.PALETTE)


@router.get("/speakers", response_class=HTMLResponse)
def speakers_page(request: Request, workbench: WorkbenchDep, offset: int = Query(0, ge=0)) -> HTMLResponse:
    rows = workbench.store.speakers(limit=PAGE_SIZE + 1, offset=offset)
    return _page(request, workbench, "speakers.html", speakers=rows[:PAGE_SIZE], offset=offset,
                 previous=_query_string({}, offset - PAGE_SIZE) if offset else None,
                 next=_query_string({}, offset + PAGE_SIZE) if len(rows) > PAGE_SIZE else None)


@router.get("/speakers/{name}", response_class=HTMLResponse)
def speaker_page(request: Request, workbench: WorkbenchDep, name: str) -> HTMLResponse:
    store = workbench.store
    entry = store.speaker(name)
    series = figures.quotes_by_month(entry["quotes_list"])
    chart = charts.line_chart(series, title=f"Quotes of {entry['name']} by month and outlet",
                              y_label="quotes, by month") if series else None
    return _page(request, workbench, "speaker.html", speaker=entry, chart=chart, series=series, colours=charts.PALETTE,
                 republished=figures.republished(store, entry["quotes_list"]),
                 groups=propagation(store.quotes(speaker=entry["name"])),
                 max_traced=figures.MAX_TRACED_QUOTES)


@router.get("/reuse", response_class=HTMLResponse)
def reuse_page(request: Request, workbench: WorkbenchDep) -> HTMLResponse:
    store = workbench.store
    flows = figures.reuse_flows(store)
    nodes, edges = figures.outlet_graph(store, flows)
    graph = charts.network(nodes, edges, title="Text reuse between outlets") if nodes else None
    return _page(request, workbench, "reuse.html", flows=flows, graph=graph, max_pairs=figures.MAX_REUSE_PAIRS)


@router.get("/stories", response_class=HTMLResponse)
def stories_page(request: Request, workbench: WorkbenchDep, offset: int = Query(0, ge=0)) -> HTMLResponse:
    found = views.stories(workbench.store, limit=PAGE_SIZE, offset=offset)
    return _page(request, workbench, "stories.html", found=found,
                 previous=_query_string({}, offset - PAGE_SIZE) if offset else None,
                 next=_query_string({}, offset + PAGE_SIZE) if offset + PAGE_SIZE < found["total"] else None)


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, workbench: WorkbenchDep, story_id: int) -> HTMLResponse:
    return _page(request, workbench, "story.html", story=views.story(workbench.store, story_id))
