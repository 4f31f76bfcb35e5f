"""Resumable, idempotent batch analysis of the articles pending in a store.

The coordinating process claims pending articles in chunks (a claim names its
owner, ``host:pid``), sends each chunk to a worker (local processes by
default, or a Dask distributed cluster), and stores each chunk's reports in
one transaction that also marks the articles done. A report is stored only
while its article is still claimed by this run, with a plain INSERT, so an
article is never analysed into the store twice. If the run is killed (even
with SIGKILL), its claims stay behind; the next run gives back the claims of
dead owners on this host (and claims older than the lease) and finishes the
job: no article is lost.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing
import os
import signal
import sys
import threading
import time
import traceback
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import as_completed as local_as_completed
from dataclasses import dataclass
from typing import Callable, Iterator

from ..article import Article
from ..errors import ConfigError, PressLensError
from ..pipeline import Pipeline
from ..report import Report
from ..settings import Settings
from .store import DEFAULT_CLAIM_LEASE_S, Store, claim_owner

#: Engines that ``presslens corpus analyze --engine`` accepts.
ENGINES = ("local", "dask")

#: Articles sent to a worker at once, and committed together.
DEFAULT_CHUNK_SIZE = 16


@dataclass
class BatchResult:
    """What one run did: articles analysed and stored, failed, and claims taken back from dead runs."""

    analysed: int = 0
    failed: int = 0
    reclaimed: int = 0
    dropped: int = 0


#: The worker's pipeline and the settings it was built from (settings hold dicts: not hashable).
_PIPELINE: list[tuple[Settings, Pipeline]] = []


def analyze_chunk(settings: Settings, articles: list[Article]) -> list[tuple[str, Report | None, str | None]]:
    """Analyse articles in a worker: ``(id, report, None)`` or ``(id, None, error message)`` for each.

    The pipeline is built once per worker process and reused for later chunks.
    """
    if not _PIPELINE or _PIPELINE[0][0] != settings:
        _PIPELINE[:] = [(settings, Pipeline(settings))]
    pipeline = _PIPELINE[0][1]
    try:
        return [(report.article.id, report, None) for report in pipeline.analyze_many(articles)]
    except Exception:  # one bad article must not sink the chunk: retry one by one to find it
        results = []
        for article in articles:
            try:
                results.append((article.id, pipeline.analyze(article), None))
            except PressLensError as exc:
                results.append((article.id, None, exc.one_line()))
            except Exception as exc:
                results.append((article.id, None, f"{type(exc).__name__}: {exc}\n{traceback.format_exc(limit=3)}"))
        return results


#: ``prctl`` option that sends a signal to this process when its parent dies (linux/prctl.h).
PR_SET_PDEATHSIG = 1

#: Seconds between checks of the parent, where there is no parent-death signal (not Linux).
PARENT_POLL_S = 1.0


def die_with_parent(parent: int) -> None:
    """Worker initializer: end this worker when the coordinator ``parent`` dies, even by SIGKILL.

    Workers write nothing (the coordinator stores their reports), so ending them abruptly loses
    nothing; left running, each held about 450 MB. Linux delivers SIGKILL on the parent's death
    (``PR_SET_PDEATHSIG``); elsewhere a daemon thread polls the parent id.
    """
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    else:
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True, name="presslens-parent-watch").start()
    if os.getppid() != parent:  # the parent died before the signal was asked for
        os._exit(1)


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_POLL_S)
    os._exit(1)


class _LocalEngine:
    """Worker processes on this machine (forked, so analyzers registered by the caller exist in them)."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.executor = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"),
                                            initializer=die_with_parent, initargs=(os.getpid(),))

    def run(self, settings: Settings, chunks: list[list[Article]]) -> Iterator[list]:
        futures = [self.executor.submit(analyze_chunk, settings, chunk) for chunk in chunks]
        for future in local_as_completed(futures):
            yield future.result()

    def close(self) -> None:
        self.executor.shutdown(cancel_futures=True)


class _DaskEngine:
    """A Dask distributed cluster, at a scheduler address or through a ``distributed.Client``."""

    def __init__(self, scheduler) -> None:
        from distributed import Client

        self.owns_client = not isinstance(scheduler, Client)
        self.client = Client(scheduler) if self.owns_client else scheduler
        self.workers = max(1, sum(self.client.nthreads().values()))

    def run(self, settings: Settings, chunks: list[list[Article]]) -> Iterator[list]:
        from distributed import as_completed

        futures = [self.client.submit(analyze_chunk, settings, chunk, pure=False) for chunk in chunks]
        for future in as_completed(futures):
            yield future.result()

    def close(self) -> None:
        if self.owns_client:
            self.client.close()


def make_engine(engine: str, *, workers: int | None = None, scheduler=None):
    if engine == "local":
        return _LocalEngine(workers or os.cpu_count() or 1)
    if engine == "dask":
        if scheduler is None:
            raise ConfigError("the dask engine needs a scheduler address (--scheduler tcp://HOST:8786)")
        return _DaskEngine(scheduler)
    raise ConfigError(f"unknown engine {engine!r}; valid engines: {', '.join(ENGINES)}")


def run_batch(store: Store, settings: Settings | None = None, *, engine: str = "local", workers: int | None = None,
              scheduler=None, chunk_size: int = DEFAULT_CHUNK_SIZE, lease_s: float = DEFAULT_CLAIM_LEASE_S,
              on_progress: Callable[[int], None] | None = None) -> BatchResult:
    """Analyse every pending article in ``store`` and store the reports; safe to kill and rerun.

    ``on_progress(n)`` is called after each committed chunk with the number of
    articles it finished.
    """
    settings = settings or Settings()
    result = BatchResult(reclaimed=store.release_stale_claims(lease_s=lease_s))
    owner = claim_owner()
    runner = make_engine(engine, workers=workers, scheduler=scheduler)
    try:
        while True:
            claimed = store.claim_pending(owner, chunk_size * runner.workers * 2)
            if not claimed:
                break
            chunks = [claimed[i : i + chunk_size] for i in range(0, len(claimed), chunk_size)]
            for outcomes in runner.run(settings, chunks):
                reports = [report for _, report, _ in outcomes if report is not None]
                stored = store.complete_claims(reports, owner)
                result.analysed += stored
                result.dropped += len(reports) - stored
                for article_id, _, error in outcomes:
                    if error is not None:
                        store.fail_claim(article_id, owner, error)
                        result.failed += 1
                if on_progress is not None:
                    on_progress(len(outcomes))
    finally:
        runner.close()
        store.release_claims(owner)
    return result
