"""What the web routes share: the :class:`Workbench` (settings, built pipelines, the store, the templates).

Routes in :mod:`.api` and :mod:`.pages` receive it through the FastAPI
dependency :data:`WorkbenchDep`; :mod:`.app` builds it and assembles the app.
Nothing here imports the routes or the app, so imports run one way.
"""

from __future__ import annotations

import asyncio
import ctypes
import ctypes.util
import dataclasses
import functools
import threading
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Annotated
from urllib.parse import quote

from fastapi import Depends, Request
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from ..article import Article
from ..corpus.store import Store, snippet_parts
from ..errors import NotFoundError, RequestError, ServerBusyError, StoreError
from ..limits import check_article
from ..pipeline import Pipeline
from ..report import Report
from ..settings import Settings

WEB_DIR = Path(__file__).resolve().parent

#: Name of the cookie the login form sets; it holds the token itself.
TOKEN_COOKIE = "presslens_token"

#: Pipelines kept built, one per distinct set of analyzers asked for.
MAX_CACHED_PIPELINES = 8

#: Analyses that may wait behind the running one; one more is answered 503 with ``Retry-After``, so
#: that a burst of large articles cannot queue a small one behind minutes of work.
MAX_QUEUED_ANALYSES = 4

#: Seconds a client told "busy" is asked to wait: about one analysis of a long article.
RETRY_AFTER_SECONDS = 30

#: After an article this long, the analysis thread hands freed memory back to the system
#: (glibc keeps it otherwise: server RSS grew from 514 MB to 1,038 MB after two large articles).
TRIM_AFTER_CHARS = 20_000

def article_path(article_id: str) -> str:
    """The permanent link of a stored analysis, quoted as the templates' ``urlencode`` quotes it."""
    return f"/articles/{quote(article_id, safe='/')}"


def snippet_html(snippet: str) -> Markup:
    """A search snippet, escaped, with the store's ``[match]`` markers turned into ``<mark>``."""
    return Markup("".join(f"<mark>{escape(text)}</mark>" if matched else str(escape(text))
                          for text, matched in snippet_parts(snippet)))


class Workbench:
    """What the routes share: settings, built pipelines, the store, the templates.

    Analysis runs one article at a time, always in the same thread: the spaCy
    pipeline and the analyzers' models are shared, parallel parses would only
    fight over the same cores, and one thread keeps the allocator from growing
    an arena per worker (the benchmark showed RSS doubling when analyses hopped
    between pool threads). Requests wait their turn in arrival order. Each
    thread opens its own store connection (SQLite connections stay in the
    thread that made them).
    """

    def __init__(self, settings: Settings, db_path: Path | None) -> None:
        self.settings = settings
        self.db_path = db_path
        self.templates = Jinja2Templates(directory=str(WEB_DIR / "templates"))
        self.templates.env.filters["snippet"] = snippet_html
        self._pipelines: OrderedDict[tuple[str, ...] | None, Pipeline] = OrderedDict()
        self._analysis_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="presslens-analysis")
        self._waiting = 0  # analyses submitted and not finished; read and written in the event loop only
        self._local = threading.local()

    def settings_for(self, *, raw: bool = False, analyzers: list[str] | tuple[str, ...] | None = None) -> Settings:
        names = tuple(analyzers) if analyzers else self.settings.analyzers
        return dataclasses.replace(self.settings, raw=raw or self.settings.raw, analyzers=names)

    def pipeline(self, settings: Settings) -> Pipeline:
        """The pipeline for ``settings.analyzers``, built once; called in the analysis thread (or before serving)."""
        key = settings.analyzers
        if key not in self._pipelines:
            self._pipelines[key] = Pipeline(settings)
            while len(self._pipelines) > MAX_CACHED_PIPELINES:
                self._pipelines.popitem(last=False)
        self._pipelines.move_to_end(key)
        return self._pipelines[key]

    @property
    def has_store(self) -> bool:
        return self.db_path is not None

    @property
    def store(self):
        if self.db_path is None:
            raise NotFoundError("no corpus database: start the server with `presslens serve --db PATH`")
        store = getattr(self._local, "store", None)
        if store is None:
            store = self._local.store = Store(self.db_path)
        return store

    async def analyze(self, article: Article, settings: Settings) -> Report:
        """Analyse ``article`` in the analysis thread, once the analyses asked for before it are done.

        Raises :class:`ServerBusyError` (503) when :data:`MAX_QUEUED_ANALYSES` already wait. An article
        over the analysis limits is refused at once (PL108), without taking a place in the queue.
        """
        check_article(article, settings)
        if self._waiting > MAX_QUEUED_ANALYSES:
            raise ServerBusyError(f"{self._waiting} analyses are running or waiting; retry in "
                                  f"{RETRY_AFTER_SECONDS} s", source="analysis queue")
        self._waiting += 1
        try:
            return await asyncio.get_running_loop().run_in_executor(self._analysis_thread, self._analyze, article,
                                                                    settings)
        finally:
            self._waiting -= 1

    def _analyze(self, article: Article, settings: Settings) -> Report:
        """With a database, store the article first, so that the report carries the stored id, then the report."""
        pipeline = self.pipeline(settings)
        if self.has_store:
            article_id, _inserted = self.store.add_article(article)
            article = article.with_fields(id=str(article_id))
        try:
            report = pipeline.analyze(article)
        finally:
            if len(article.text) >= TRIM_AFTER_CHARS:
                _trim_heap()
        if self.has_store:
            self.store.save_report(report)
        return report

    def search(self, query: str, limit: int) -> list[dict]:
        """Full-text search; a query FTS5 cannot parse is the client's mistake (400), not the server's."""
        try:
            return self.store.search(query, limit=limit)
        except StoreError as error:
            raise RequestError(error.message, source="q") from error


def _trim_heap() -> None:
    """Return the memory freed by an analysis to the system (glibc only; elsewhere nothing to do)."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.cache
def _malloc_trim():
    name = ctypes.util.find_library("c")
    return getattr(ctypes.CDLL(name), "malloc_trim", None) if name else None


def get_workbench(request: Request) -> Workbench:
    """The workbench of the app serving ``request`` (set by :func:`presslens.web.app.create_app`)."""
    return request.app.state.workbench


#: What a route declares to receive the workbench: ``def route(workbench: WorkbenchDep)``.
WorkbenchDep = Annotated[Workbench, Depends(get_workbench)]
