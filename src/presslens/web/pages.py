"""Server-rendered pages: the analyze form, stored analyses, the corpus, the login form and the API docs.

Pages are Jinja2 templates (autoescaped) in ``web/templates``; the highlighted
article comes from :func:`presslens.render.html.render_fragment`, the same
renderer as ``presslens analyze --format html``. Every asset is served from
the package: nothing is fetched from a CDN.
"""

from __future__ import annotations

import hmac
from typing import Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Form, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ..errors import UnauthorizedError
from ..report import Report
from .app import TOKEN_COOKIE, Workbench
from .inputs import article_from_form, form_options, read_form

router = APIRouter(include_in_schema=False)


def _workbench(request: Request) -> Workbench:
    return request.app.state.workbench


def _page(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    context.setdefault("has_store", _workbench(request).has_store)
    context.setdefault("needs_login", request.app.state.token is not None)
    return _workbench(request).templates.TemplateResponse(request, template, context, status_code=status_code)


def _report_page(request: Request, report: Report, *, stored: bool) -> HTMLResponse:
    from ..render.html import render_fragment

    return _page(request, "report.html", report=report, article=report.article,
                 fragment=render_fragment(report), stored=stored)


@router.get("/", response_class=HTMLResponse)
def analyze_form(request: Request) -> HTMLResponse:
    return _page(request, "analyze.html")


@router.post("/analyze", response_class=HTMLResponse)
async def analyze_submit(request: Request) -> Response:
    """Analyse the submitted article; with a database, store it and go to its permanent page."""
    workbench = _workbench(request)
    form = await read_form(request, workbench.settings)
    settings = workbench.settings_for(**form_options(form))
    article = await article_from_form(form, settings=settings)
    report = await run_in_threadpool(workbench.analyze, article, settings)
    if workbench.has_store:
        return RedirectResponse(f"/articles/{report.article.id}", status_code=303)
    return _report_page(request, report, stored=False)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str) -> HTMLResponse:
    return _report_page(request, _workbench(request).stored_report(article_id), stored=True)


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/") -> HTMLResponse:
    return _page(request, "login.html", next=_local_path(next))


@router.post("/login")
def login_submit(request: Request, token: str = Form(...), next: str = Form("/")) -> Response:
    expected = request.app.state.token
    if expected is None or not hmac.compare_digest(token.encode(), expected.encode()):
        error = UnauthorizedError("wrong token; it is the one given to `presslens serve --token` or PRESSLENS_TOKEN")
        return _page(request, "login.html", status_code=401, next=_local_path(next), error=error)
    response = RedirectResponse(_local_path(next), status_code=303)
    response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict")
    return response


def _local_path(target: str) -> str:
    """Only a path on this server may follow the login: never another site."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return "/"
    return target


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    """Swagger UI for the OpenAPI description, served from the swagger-ui-bundle package."""
    return _page(request, "docs.html")
