import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from . import probe  # noqa: F401  (registers the probe analyzer in this process)
import pytest

from presslens.article import Article
from presslens.corpus.batch import run_batch
from presslens.corpus.store import Store
from presslens.errors import ConfigError, PressLensError
from presslens.parallel import in_background
from presslens.settings import Settings

PROBE_SCRIPT = Path(probe.__file__)
SRC = Path(__file__).resolve().parents[2] / "src"
# Not English, so the pipeline skips the spaCy parse: the probe needs none.
LANGUAGE = "de"
SETTINGS = Settings(analyzers=("probe",))


def fill(db: Path, count: int, *, failing: tuple[int, ...] = ()) -> None:
    with Store(db) as store:
        store.add_articles([
            Article(text=f"Artikel {i} über die Übung{' FAIL' if i in failing else ''}.", id=f"a{i:03d}",
                    language=LANGUAGE)
            for i in range(count)
        ])


def probe_pids(db: Path) -> dict[str, int]:
    with Store(db, read_only=True) as store:
        rows = store.connection.execute(
            "SELECT article_id, json_extract(attrs, '$.pid') FROM spans WHERE layer = 'probe'").fetchall()
    return {article_id: pid for article_id, pid in rows}


def count_done(db: Path) -> int:
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return connection.execute("SELECT count(*) FROM articles WHERE status = 'done'").fetchone()[0]
    except sqlite3.OperationalError:
        return 0
    finally:
        connection.close()


def start_analyze(db: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(SRC), "PRESSLENS_PROBE_DELAY": "0.03"}
    command = [sys.executable, str(PROBE_SCRIPT), "corpus", "analyze", "--db", str(db), "--analyzers", "probe",
               "--workers", "2", "--chunk-size", "3", "--no-progress"]
    return subprocess.Popen(command, env=env, start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_local_batch_analyses_every_pending_article_once(tmp_path):
    db = tmp_path / "c.db"
    fill(db, 10, failing=(3,))
    with Store(db) as store:
        result = run_batch(store, SETTINGS, workers=2, chunk_size=2)
        assert (result.analysed, result.failed) == (9, 1)
        assert store.count("failed") == 1
        assert run_batch(store, SETTINGS, workers=2).analysed == 0
    assert len(probe_pids(db)) == 9


def test_sigkill_at_any_point_then_rerun_finishes_without_loss_or_repeat(tmp_path):
    db = tmp_path / "c.db"
    total = 60
    fill(db, total)
    committed_by_killed_runs: dict[str, int] = {}
    for kill_after in (6, 24):
        process = start_analyze(db)
        deadline = time.monotonic() + 60
        while count_done(db) < kill_after and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        assert process.returncode == -signal.SIGKILL, process.stderr.read().decode()
        committed_by_killed_runs = probe_pids(db)
        assert kill_after <= len(committed_by_killed_runs) < total
    final = start_analyze(db)
    out, err = final.communicate(timeout=120)
    assert final.returncode == 0, err.decode()
    assert "taken back" in out.decode()
    pids = probe_pids(db)
    assert sorted(pids) == [f"a{i:03d}" for i in range(total)]
    # What the killed runs committed was kept, not analysed again.
    assert all(pids[article_id] == pid for article_id, pid in committed_by_killed_runs.items())
    with Store(db, read_only=True) as store:
        assert store.stats()["reports"] == total
        assert store.stats()["status"]["done"] == total


def test_dask_engine_on_a_local_cluster(tmp_path):
    distributed = pytest.importorskip("distributed")
    db = tmp_path / "c.db"
    fill(db, 8)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address=":0") as cluster, distributed.Client(cluster) as client:
        with Store(db) as store:
            result = run_batch(store, SETTINGS, engine="dask", scheduler=client, chunk_size=3)
    assert result.analysed == 8
    assert len(probe_pids(db)) == 8


def test_unknown_engine_names_the_valid_ones(tmp_path):
    with Store(tmp_path / "c.db") as store, pytest.raises(ConfigError, match="local, dask"):
        run_batch(store, SETTINGS, engine="spark")


def test_dask_engine_needs_a_scheduler(tmp_path):
    with Store(tmp_path / "c.db") as store, pytest.raises(ConfigError, match="--scheduler"):
        run_batch(store, SETTINGS, engine="dask")


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rpartition(")")[2].split()[0] != "Z"
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_sigkill_of_the_coordinator_ends_its_workers(tmp_path):
    db = tmp_path / "c.db"
    fill(db, 60)
    process = start_analyze(db)
    try:
        deadline = time.monotonic() + 60
        while len(set(probe_pids(db).values()) if count_done(db) else ()) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        workers = set(probe_pids(db).values())
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        deadline = time.monotonic() + 10
        while any(map(_running, workers)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert (len(workers), [pid for pid in workers if _running(pid)]) == (2, [])
    finally:
        os.killpg(process.pid, signal.SIGKILL)


def test_analysis_identifies_the_language_that_corpus_add_left_out(tmp_path):
    db = tmp_path / "c.db"
    with Store(db) as store:
        store.add_article(Article(text="Die Bundesregierung hat am Montag in Berlin neue Maßnahmen gegen die "
                                       "steigenden Energiepreise beschlossen, teilte ein Sprecher mit.", id="de-1"))
        run_batch(store, SETTINGS, workers=1)
        language = store.connection.execute("SELECT language FROM articles WHERE id = 'de-1'").fetchone()[0]
    assert language == "de"


def counting(count: int):
    yield from range(count)


def failing_after(count: int):
    yield from range(count)
    raise ValueError("bad item")


def own_pid():
    while True:
        yield os.getpid()


def test_background_items_keep_their_order():
    with in_background(counting, 1000, ahead=2) as items:
        assert list(items) == list(range(1000))


def test_background_failure_is_raised_with_its_cause():
    with pytest.raises(PressLensError, match="ValueError: bad item"), in_background(failing_after, 3) as items:
        list(items)


def test_background_child_ends_with_the_block_when_left_early():
    with in_background(own_pid) as items:
        pid = next(items)
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def killed_after_one():
    yield 1
    time.sleep(0.5)  # the item leaves through the queue's feeder thread before the process dies
    os.kill(os.getpid(), signal.SIGKILL)
    yield 2


def test_background_child_killed_is_an_error_not_a_hang():
    with pytest.raises(PressLensError, match="ended without its results"), \
            in_background(killed_after_one) as items:
        list(items)
