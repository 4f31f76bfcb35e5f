"""Resumable, idempotent batch analysis of the articles pending in a store.

The coordinating process claims pending articles in chunks (a claim names its
owner, ``host:pid``), sends each chunk to a worker (local processes by
default, or a Dask distributed cluster, through :mod:`presslens.parallel`),
and stores each chunk's reports in one transaction that also marks the
articles done. A report is stored only while its article is still claimed by
this run, with a plain INSERT, so an article is never analysed into the store
twice. If the run is killed (even
with SIGKILL), its claims stay behind; the next run gives back the claims of
dead owners on this host (and claims older than the lease) and finishes the
job: no article is lost.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass
from typing import Callable

from ..article import Article
from ..errors import PressLensError
from ..ingest import finish_article
from ..parallel import make_engine
from ..pipeline import Pipeline
from ..report import Report
from ..settings import Settings
from .store import DEFAULT_CLAIM_LEASE_S, Store, claim_owner

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
    # `corpus add` leaves language identification to the analysis.
    articles = [finish_article(article) if article.language is None else article for article in articles]
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
            for outcomes in runner.as_completed(analyze_chunk, [(settings, chunk) for chunk in chunks]):
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
