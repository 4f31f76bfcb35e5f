"""The JSON API: ``/api/...``, mirroring ``presslens analyze`` and the corpus store.

Every error answers with a 4xx (or 500) status and ``{"error": {"code", "message"}}``,
the code being the :mod:`presslens.errors` code of the failure.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, ValidationError

from ..corpus import views
from ..corpus.quotes import propagation
from ..errors import MalformedRecordError, RequestError
from .inputs import article_from_fields, article_from_form, form_options, read_form
from .workbench import WorkbenchDep, article_path

#: ``format=`` of the list endpoints: the JSON object, or the rows as a CSV download.
TableFormat = Literal["json", "csv"]


def _table(output_format: str, name: str, rows: list[dict], body: dict[str, Any]) -> Any:
    """``body`` as JSON, or ``rows`` as ``name.csv`` (nested values written as JSON)."""
    if output_format == "json":
        return body
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(dict.fromkeys(key for row in rows for key in row)))
    writer.writeheader()
    writer.writerows({key: json.dumps(value, ensure_ascii=False) if isinstance(value, (dict, list)) else value
                      for key, value in row.items()} for row in rows)
    return Response(buffer.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"content-disposition": f'attachment; filename="{name}.csv"'})

router = APIRouter(prefix="/api", tags=["api"])


class AnalyzeRequest(BaseModel):
    """An article to analyse: ``text`` or ``html``, optional metadata, optional analysis options."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = None
    html: str | None = None
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: dt.date | None = None
    byline: str | None = None
    language: str | None = None
    dateline: str | None = None
    analyzers: list[str] | None = None
    raw: bool = False


_ANALYZE_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": AnalyzeRequest.model_json_schema()},
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "file": {"type": "string", "format": "binary", "description": "a text or HTML file"},
                        "text": {"type": "string"},
                        "html": {"type": "string"},
                        "title": {"type": "string"},
                        "outlet": {"type": "string"},
                        "url": {"type": "string"},
                        "published": {"type": "string", "format": "date"},
                        "analyzers": {"type": "string", "description": "comma-separated analyzer names"},
                        "raw": {"type": "boolean"},
                    },
                }
            },
        },
    }
}


@router.post("/analyze", openapi_extra=_ANALYZE_BODY, summary="Analyse one article",
             responses={201: {"description": "analysed and stored; Location names the stored report"},
                        200: {"description": "analysed (no database configured)"}})
async def analyze(request: Request, workbench: WorkbenchDep) -> JSONResponse:
    """Analyse an article sent as JSON or as a multipart form with a file; answer with the report JSON.

    With a database configured the analysis is stored: the answer is ``201`` with the
    report's ``id``, a ``Location`` header for ``/api/articles/{id}`` and a ``Link`` to its page.
    """
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "application/json":
        body = await _json_body(request)
        settings = workbench.settings_for(raw=body.raw, analyzers=body.analyzers)
        fields = body.model_dump(exclude={"analyzers", "raw"})
        if fields["published"] is not None:
            fields["published"] = fields["published"].isoformat()
        article = article_from_fields(fields, settings=settings, source="request body")
    elif content_type in ("multipart/form-data", "application/x-www-form-urlencoded"):
        form = await read_form(request, workbench.settings)
        settings = workbench.settings_for(**form_options(form))
        article = await article_from_form(form, settings=settings)
    else:
        raise RequestError(
            f"unsupported content type {content_type or 'none'!r}; send application/json "
            "(fields text or html, title, outlet, url, published) or multipart/form-data with a file",
            source="request",
        )
    report = await workbench.analyze(article, settings)
    if not workbench.has_store:
        return JSONResponse(report.to_dict())
    link = article_path(report.article.id)
    headers = {"location": f"/api{link}", "link": f'<{link}>; rel="alternate"; type="text/html"'}
    return JSONResponse(report.to_dict(), status_code=201, headers=headers)


async def _json_body(request: Request) -> AnalyzeRequest:
    raw = await request.body()
    try:
        return AnalyzeRequest.model_validate_json(raw)
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in problem['loc']) or 'body'}: {problem['msg']}"
            for problem in error.errors()
        )
        raise MalformedRecordError(f"invalid JSON body ({problems})", source="request body") from error


@router.get("/articles", summary="List stored articles")
def list_articles(
    workbench: WorkbenchDep,
    outlet: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    technique: str | None = None,
    speaker: str | None = None,
    state_affiliated: bool | None = None,
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0),
    output_format: TableFormat = Query("json", alias="format"),
) -> Any:
    """Stored articles, newest first, filtered by outlet, publication dates, technique, speaker or state affiliation."""
    filters = {"outlet": outlet, "date_from": date_from, "date_to": date_to, "technique": technique,
               "speaker": speaker, "state_affiliated": state_affiliated}
    articles = workbench.store.list_articles(**filters, limit=limit, offset=offset)
    return _table(output_format, "articles", articles, {"articles": articles, "limit": limit, "offset": offset})


@router.get("/articles/{article_id}", summary="One stored analysis")
def get_article(workbench: WorkbenchDep, article_id: str) -> dict[str, Any]:
    """The stored report of one article, in the same JSON as ``presslens analyze --format json``."""
    return workbench.store.get_report(article_id).to_dict()


@router.get("/search", summary="Full-text search")
def search(workbench: WorkbenchDep, q: str = Query(..., min_length=1), limit: int = Query(20, ge=1, le=200)) -> dict:
    """Articles matching ``q`` (SQLite FTS5 syntax: words, "phrases", OR, prefix*)."""
    return {"query": q, "results": workbench.search(q, limit)}


@router.get("/outlets", summary="Outlets in the corpus")
def outlets(workbench: WorkbenchDep, limit: int = Query(100, ge=1, le=1000),
            offset: int = Query(0, ge=0), output_format: TableFormat = Query("json", alias="format")) -> Any:
    """Publishers and cited outlets, most articles first: ``articles`` published, ``mentions`` by others."""
    rows = workbench.store.outlets()[offset : offset + limit]
    return _table(output_format, "outlets", rows, {"outlets": rows, "limit": limit, "offset": offset})


@router.get("/outlets/{name}", summary="One outlet")
def outlet(workbench: WorkbenchDep, name: str) -> dict[str, Any]:
    return workbench.store.outlet(name)


@router.get("/speakers", summary="People quoted in the corpus")
def speakers(workbench: WorkbenchDep, limit: int = Query(100, ge=1, le=1000),
             offset: int = Query(0, ge=0), output_format: TableFormat = Query("json", alias="format")) -> Any:
    """One row per person (aliases resolved), most quoted first."""
    rows = workbench.store.speakers(limit=limit, offset=offset)
    return _table(output_format, "speakers", rows, {"speakers": rows, "limit": limit, "offset": offset})


@router.get("/speakers/{name}", summary="One speaker")
def speaker(workbench: WorkbenchDep, name: str) -> dict[str, Any]:
    """One person by name or alias: aliases and roles with counts, every quote."""
    return workbench.store.speaker(name)


@router.get("/speakers/{name}/propagation", summary="One speaker's quotes repeated across articles")
def speaker_propagation(workbench: WorkbenchDep, name: str) -> dict[str, Any]:
    """Quote groups of one person, as ``presslens corpus quotes --speaker NAME --format json``."""
    person = workbench.store.speaker(name)["name"]
    return {"speaker": person, "groups": propagation(workbench.store.quotes(speaker=person))}


@router.get("/reuse", summary="Pairs of articles that share text")
def reuse(workbench: WorkbenchDep, limit: int = Query(100, ge=1, le=1000), offset: int = Query(0, ge=0),
          show_boilerplate: bool = False, output_format: TableFormat = Query("json", alias="format")) -> Any:
    """Pairs, largest share first, with ``kind`` and ``source`` (the earlier article); boilerplate hidden
    unless ``show_boilerplate``, and counted in ``kinds``."""
    pairs = workbench.store.reuse_pairs(limit=limit, offset=offset,
                                        hide_kinds=() if show_boilerplate else ("boilerplate",))
    return _table(output_format, "reuse", pairs,
                  {"pairs": pairs, "kinds": workbench.store.reuse_kinds(), "limit": limit, "offset": offset})


@router.get("/corpus", summary="The corpus at a glance")
def corpus_home(workbench: WorkbenchDep) -> dict[str, Any]:
    """Articles per outlet and per day, top people, reuse by kind and between outlets, techniques per month."""
    overview = views.home(workbench.store)
    overview["stats"] = {key: value for key, value in overview["stats"].items() if key != "path"}
    return overview


@router.get("/stats", summary="Corpus size and coverage")
def stats(workbench: WorkbenchDep) -> dict[str, Any]:
    """Counts of articles, reports, spans, outlets, speakers, quotes and reuse pairs (not the database's path)."""
    return {key: value for key, value in workbench.store.stats().items() if key != "path"}


@router.get("/stories", summary="Stories: articles about one event")
def stories(workbench: WorkbenchDep, limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0),
            output_format: TableFormat = Query("json", alias="format")) -> Any:
    """Stories stored by ``presslens corpus stories``, biggest first: label, names, dates, publishers, most quoted
    people; ``total`` stories and ``covered`` articles."""
    found = views.stories(workbench.store, limit=limit, offset=offset)
    return _table(output_format, "stories", found["stories"], found)


@router.get("/stories/{story_id}", summary="One story")
def story(workbench: WorkbenchDep, story_id: int) -> dict[str, Any]:
    """One story with its articles by date and its most quoted people."""
    return views.story(workbench.store, story_id)
