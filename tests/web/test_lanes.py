"""Two analysis lanes (short articles here, long ones in a worker process) and the worker's recycling."""

from __future__ import annotations

import os

import pytest
from fastapi.testclient import TestClient

from presslens.article import Article
from presslens.errors import AnalysisLimitError, InternalError
from presslens.limits import check_article
from presslens.parallel import RecycledWorker, rss_bytes
from presslens.settings import Settings
from presslens.web.app import create_app
from presslens.web.workbench import MAX_QUEUED_LONG, RETRY_AFTER_LONG_S, Workbench

SHORT = "Kremlin spokesman Dmitry Peskov said the drills were a provocation."
#: With this threshold, SHORT goes to the long lane and "Peskov spoke." to the short one.
THRESHOLD = 20
UNLIMITED = 2**62


@pytest.fixture
def workbench():
    bench = Workbench(Settings(short_article_chars=THRESHOLD), None)
    yield bench
    bench.close()


@pytest.fixture
def worker():
    recycled = RecycledWorker(max_tasks=2, max_rss_bytes=UNLIMITED)
    yield recycled
    recycled.close()


@pytest.fixture
def lasting_worker():
    lasting = RecycledWorker(max_tasks=100, max_rss_bytes=UNLIMITED)
    yield lasting
    lasting.close()


def test_an_article_under_the_threshold_takes_the_short_lane(workbench):
    assert workbench.lane_for(Article(text="Peskov spoke.")) is workbench.short_lane


def test_an_article_at_the_threshold_takes_the_long_lane(workbench):
    assert workbench.lane_for(Article(text="x" * THRESHOLD)) is workbench.long_lane


def test_the_default_threshold_sends_a_news_article_to_the_short_lane():
    assert Workbench(Settings(), None).lane_for(Article(text=SHORT * 100)).name == "short"


def test_a_full_long_lane_is_answered_503_with_its_retry_after():
    with TestClient(create_app(Settings(short_article_chars=THRESHOLD))) as client:
        client.app.state.workbench.long_lane.waiting = MAX_QUEUED_LONG + 1
        response = client.post("/api/analyze", json={"text": SHORT})
    assert (response.status_code, response.json()["error"]["code"], response.headers["retry-after"]) == (
        503, "PL605", str(RETRY_AFTER_LONG_S))


def test_a_short_article_is_answered_while_the_long_lane_is_full():
    with TestClient(create_app(Settings(short_article_chars=THRESHOLD, analyzers=("entities",)))) as client:
        client.app.state.workbench.long_lane.waiting = MAX_QUEUED_LONG + 1
        assert client.post("/api/analyze", json={"text": "Peskov spoke."}).status_code == 200


def test_a_long_article_is_analysed_in_the_worker_and_stored(tmp_path):
    settings = Settings(short_article_chars=THRESHOLD, analyzers=("entities",))
    with TestClient(create_app(settings, tmp_path / "lanes.db")) as client:
        response = client.post("/api/analyze", json={"text": SHORT})
        stored = client.get(response.headers["location"]).json()
    assert stored["entities"] == response.json()["entities"] != []


def test_the_analysis_worker_ends_when_the_app_shuts_down():
    with TestClient(create_app(Settings(analyzers=("entities",)))) as client:
        pid = client.app.state.workbench.worker.run(os.getpid)
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_the_worker_is_replaced_after_max_tasks(worker):
    pids = [worker.run(os.getpid) for _ in range(4)]
    assert [pid == pids[0] for pid in pids] == [True, True, False, False]


def test_the_worker_runs_in_another_process(worker):
    assert worker.run(os.getpid) != os.getpid()


def test_the_worker_is_replaced_when_a_task_leaves_it_over_the_rss_ceiling():
    worker = RecycledWorker(max_tasks=100, max_rss_bytes=0)
    try:
        assert len({worker.run(os.getpid) for _ in range(3)}) == 3
    finally:
        worker.close()


def test_a_task_error_reaches_the_caller_with_its_code(worker):
    with pytest.raises(AnalysisLimitError, match="PL108"):
        worker.run(check_article, Article(text="too long"), Settings(max_article_chars=1))


def test_a_presslens_error_keeps_the_worker(lasting_worker):
    before = lasting_worker.run(os.getpid)
    with pytest.raises(AnalysisLimitError):
        lasting_worker.run(check_article, Article(text="too long"), Settings(max_article_chars=1))
    assert lasting_worker.run(os.getpid) == before


def test_an_unexpected_error_retires_the_worker(lasting_worker):
    before = lasting_worker.run(os.getpid)
    with pytest.raises(ValueError):
        lasting_worker.run(int, "not a number")
    assert lasting_worker.run(os.getpid) != before


def test_a_worker_that_dies_is_reported_as_an_internal_error(worker):
    with pytest.raises(InternalError):
        worker.run(os._exit, 1)


def test_a_worker_that_died_is_replaced(worker):
    with pytest.raises(InternalError):
        worker.run(os._exit, 1)
    assert worker.run(int) == 0


def test_recycling_is_counted(worker):
    for _ in range(5):
        worker.run(int)
    assert worker.recycled == 2


@pytest.mark.skipif(not os.path.exists("/proc/self/statm"), reason="RSS is read from /proc (Linux)")
def test_rss_is_read_from_proc():
    assert rss_bytes() > 1_000_000
