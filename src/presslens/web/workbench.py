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
from ..parallel import RecycledWorker
from ..pipeline import Pipeline
from ..report import Report
from ..settings import Settings

WEB_DIR = Path(__file__).resolve().parent

#: Name of the cookie the login form sets; it holds the token itself.
TOKEN_COOKIE = "presslens_token"

#: Pipelines kept built, one per distinct set of analyzers asked for.
MAX_CACHED_PIPELINES = 8

#: Short analyses that may wait behind the running one in the server's own process; one more is answered
#: 503 with ``Retry-After``. A short article takes well under a second, so eight waiting cost a few seconds.
MAX_QUEUED_SHORT = 8

#: Long analyses that may wait behind the one in the worker process: each takes 30 s or more, so one more
#: in line would already wait a minute; the next is answered 503 with ``Retry-After``.
MAX_QUEUED_LONG = 1

#: Seconds a client told "busy" is asked to wait: a few short analyses, or about one long one.
RETRY_AFTER_SHORT_S = 5
RETRY_AFTER_LONG_S = 30

#: A short article for the analysis worker's first run, which loads the models lazily loaded on first use.
WARM_UP_TEXT = "Defence Minister Anna Berg said on Monday that the drills would go ahead, officials said."


def article_path(article_id: str) -> str:
    """The permanent link of a stored analysis, quoted as the templates' ``urlencode`` quotes it."""
    return f"/articles/{quote(article_id, safe='/')}"


def snippet_html(snippet: str) -> Markup:
    """A search snippet, escaped, with the store's ``[match]`` markers turned into ``<mark>``."""
    return Markup("".join(f"<mark>{escape(text)}</mark>" if matched else str(escape(text))
                          for text, matched in snippet_parts(snippet)))


class Pipelines:
    """Built pipelines, one per set of analyzers, the least recently used dropped past :data:`MAX_CACHED_PIPELINES`."""

    def __init__(self) -> None:
        self._built: OrderedDict[tuple[str, ...] | None, Pipeline] = OrderedDict()

    def get(self, settings: Settings) -> Pipeline:
        key = settings.analyzers
        if key not in self._built:
            self._built[key] = Pipeline(settings)
            while len(self._built) > MAX_CACHED_PIPELINES:
                self._built.popitem(last=False)
        self._built.move_to_end(key)
        return self._built[key]


@dataclasses.dataclass
class Lane:
    """Analyses of one size, run one at a time in ``thread``, at most ``max_waiting`` behind the running one."""

    name: str
    max_waiting: int
    retry_after_s: int
    thread: ThreadPoolExecutor
    waiting: int = 0  # analyses submitted and not finished; read and written in the event loop only

    async def run(self, function, *arguments):
        """``function(*arguments)`` in the lane's thread, or :class:`ServerBusyError` (503) when it is full."""
        if self.waiting > self.max_waiting:
            raise ServerBusyError(f"{self.waiting} {self.name} analyses are running or waiting; retry in "
                                  f"{self.retry_after_s} s", source=f"{self.name} analysis lane",
                                  retry_after_s=self.retry_after_s)
        self.waiting += 1
        try:
            return await asyncio.get_running_loop().run_in_executor(self.thread, function, *arguments)
        finally:
            self.waiting -= 1


class Workbench:
    """What the routes share: settings, built pipelines, the store, the templates, the analysis lanes.

    Analyses run in two lanes, so that a short article never waits behind a long one. An article shorter
    than ``settings.short_article_chars`` is analysed in this process, one at a time, always in the same
    thread: the spaCy pipeline and the models are shared, and one thread keeps the allocator from growing
    an arena per worker. A longer one is analysed in a :class:`~presslens.parallel.RecycledWorker`
    process, started on the first long article and replaced after ``settings.worker_max_tasks`` articles or
    once one leaves it above ``settings.worker_max_rss_mb``, so that what long articles leave behind (spaCy's
    string store grows with every new word; parse caches; heap) never accumulates in the server. Each lane
    takes articles in arrival order and refuses one with 503 and ``Retry-After`` when full. Each thread
    opens its own store connection (SQLite connections stay in the thread that made them); the store is
    written in this process only.
    """

    def __init__(self, settings: Settings, db_path: Path | None) -> None:
        self.settings = settings
        self.db_path = db_path
        self.templates = Jinja2Templates(directory=str(WEB_DIR / "templates"))
        self.templates.env.filters["snippet"] = snippet_html
        self._pipelines = Pipelines()
        self.short_lane = Lane("short", MAX_QUEUED_SHORT, RETRY_AFTER_SHORT_S,
                               ThreadPoolExecutor(max_workers=1, thread_name_prefix="presslens-short"))
        self.long_lane = Lane("long", MAX_QUEUED_LONG, RETRY_AFTER_LONG_S,
                              ThreadPoolExecutor(max_workers=1, thread_name_prefix="presslens-long"))
        self.worker = RecycledWorker(max_tasks=settings.worker_max_tasks,
                                     max_rss_bytes=settings.worker_max_rss_mb * 2**20,
                                     initializer=_start_analysis_worker, initargs=(settings,))
        self._local = threading.local()

    def settings_for(self, *, raw: bool = False, analyzers: list[str] | tuple[str, ...] | None = None) -> Settings:
        names = tuple(analyzers) if analyzers else self.settings.analyzers
        return dataclasses.replace(self.settings, raw=raw or self.settings.raw, analyzers=names)

    def pipeline(self, settings: Settings) -> Pipeline:
        """The pipeline for ``settings.analyzers`` in this process, built once; called in the short lane (or
        before serving)."""
        return self._pipelines.get(settings)

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

    def lane_for(self, article: Article) -> Lane:
        return self.short_lane if len(article.text) < self.settings.short_article_chars else self.long_lane

    async def analyze(self, article: Article, settings: Settings) -> Report:
        """Analyse ``article`` in its lane, once the analyses asked for before it there are done.

        Raises :class:`ServerBusyError` (503) when the lane is full. An article over the analysis limits is
        refused at once (PL108), without taking a place in a lane.
        """
        check_article(article, settings)
        lane = self.lane_for(article)
        analyze = self._analyze_here if lane is self.short_lane else self._analyze_in_worker
        return await lane.run(self._stored, analyze, article, settings)

    def _analyze_here(self, article: Article, settings: Settings) -> Report:
        return self.pipeline(settings).analyze(article)

    def _analyze_in_worker(self, article: Article, settings: Settings) -> Report:
        return self.worker.run(analyze_in_worker, article, settings)

    def _stored(self, analyze, article: Article, settings: Settings) -> Report:
        """With a database, store the article first, so that the report carries the stored id, then the report."""
        if self.has_store:
            article_id, _inserted = self.store.add_article(article)
            article = article.with_fields(id=str(article_id))
        report = analyze(article, settings)
        if self.has_store:
            self.store.save_report(report)
        return report

    def search(self, query: str, limit: int) -> list[dict]:
        """Full-text search; a query FTS5 cannot parse is the client's mistake (400), not the server's."""
        try:
            return self.store.search(query, limit=limit)
        except StoreError as error:
            raise RequestError(error.message, source="q") from error

    def close(self) -> None:
        """End the analysis worker and the lanes' threads (when the app shuts down)."""
        self.worker.close()
        self.short_lane.thread.shutdown(cancel_futures=True)
        self.long_lane.thread.shutdown(cancel_futures=True)


#: The pipelines of an analysis worker process (empty in the server's own process).
_WORKER_PIPELINES = Pipelines()


def _start_analysis_worker(settings: Settings) -> None:
    """Worker initializer: build the pipeline and load every model before the first article arrives."""
    _WORKER_PIPELINES.get(settings).analyze(Article(text=WARM_UP_TEXT))


def analyze_in_worker(article: Article, settings: Settings) -> Report:
    """In an analysis worker: the report of ``article``, then the freed memory handed back to the system (glibc
    keeps it otherwise), so that the worker's RSS says what the article left behind."""
    try:
        return _WORKER_PIPELINES.get(settings).analyze(article)
    finally:
        _trim_heap()


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
