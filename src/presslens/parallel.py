"""Run tasks in parallel: local worker processes or a Dask distributed cluster, behind one interface.

Batch analysis (:mod:`presslens.corpus.batch`) and text reuse
(:mod:`presslens.corpus.reuse`) both hand their work to an engine::

    with make_engine("local", workers=4) as engine:
        results = engine.map(function, [(arg1, arg2), ...])          # in task order
        for result in engine.as_completed(function, tasks): ...      # as each finishes

A task is a tuple of arguments to a module-level function, so that worker
processes and Dask workers can run it. Local workers are forked, so analyzers
registered by the caller exist in them.

A long-running server hands its heavy tasks to a :class:`RecycledWorker`: one
process, replaced after so many tasks or once its memory has grown, so that what
a task leaves behind goes with the process.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing
import os
import queue
import signal
import sys
import threading
import time
import traceback
from contextlib import contextmanager
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from concurrent.futures import as_completed as futures_as_completed
from typing import Any, Callable, Iterator, Protocol, Sequence

from .errors import ConfigError, InternalError, PressLensError

#: Engines that ``--engine`` accepts.
ENGINES = ("local", "dask")


class Engine(Protocol):
    """What batch analysis and text reuse need from an engine; ``workers`` is how many tasks run at once."""

    workers: int

    def map(self, function: Callable, tasks: Sequence[tuple]) -> list: ...

    def as_completed(self, function: Callable, tasks: Sequence[tuple]) -> Iterator[Any]: ...

    def close(self) -> None: ...


class _EngineBase:
    def __enter__(self):
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


#: ``prctl`` option that sends a signal to this process when its parent dies (linux/prctl.h).
PR_SET_PDEATHSIG = 1

#: Seconds between checks of the parent, where there is no parent-death signal (not Linux).
PARENT_POLL_S = 1.0


def die_with_parent(parent: int) -> None:
    """Worker initializer: end this worker when the coordinator ``parent`` dies, even by SIGKILL.

    Workers write nothing (the coordinator stores their results), so ending them abruptly loses
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


#: Seconds between checks that the child of :func:`in_background` still runs, while waiting for it.
CHILD_POLL_S = 1.0


@contextmanager
def in_background(generator: Callable[..., Iterator], *args, ahead: int = 4) -> Iterator[Iterator]:
    """The items of ``generator(*args)``, made in a child process forked on entry, at most ``ahead`` items ahead.

    A pipeline of two stages for one writer: ``corpus add`` reads and parses
    its inputs in the child while this process writes the store. Items keep
    their order and must pickle; the child ends with the ``with`` block (or
    with this process, however it ends).
    """
    context = multiprocessing.get_context("fork")
    items = context.Queue(maxsize=ahead)
    child = context.Process(target=_produce, args=(items, generator, args, os.getpid()), daemon=True,
                            name="presslens-background")
    child.start()
    try:
        yield _received(items, child)
    finally:
        child.kill()
        child.join()


def _received(items, child) -> Iterator:
    while True:
        try:
            kind, value = items.get(timeout=CHILD_POLL_S)
        except queue.Empty:
            if child.is_alive():
                continue
            raise PressLensError(f"the background process ended without its results (exit code {child.exitcode})")
        if kind == "done":
            return
        if kind == "failed":
            raise PressLensError(f"the background process failed:\n{value}")
        yield value


def _produce(items, generator: Callable[..., Iterator], args: tuple, parent: int) -> None:
    die_with_parent(parent)
    try:
        for item in generator(*args):
            items.put(("item", item))
        items.put(("done", None))
    except BaseException:
        items.put(("failed", traceback.format_exc()))
    items.close()
    items.join_thread()


class LocalEngine(_EngineBase):
    """Worker processes on this machine, forked on first use; ``map`` with one worker runs in this process."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers or os.cpu_count() or 1
        self._executor: ProcessPoolExecutor | None = None

    def _pool(self) -> ProcessPoolExecutor:
        if self._executor is None:
            self._executor = ProcessPoolExecutor(max_workers=self.workers,
                                                 mp_context=multiprocessing.get_context("fork"),
                                                 initializer=die_with_parent, initargs=(os.getpid(),))
        return self._executor

    def map(self, function: Callable, tasks: Sequence[tuple]) -> list:
        if self.workers <= 1 or len(tasks) <= 1:
            return [function(*task) for task in tasks]
        return list(self._pool().map(function, *zip(*tasks)))

    def as_completed(self, function: Callable, tasks: Sequence[tuple]) -> Iterator[Any]:
        futures = [self._pool().submit(function, *task) for task in tasks]
        for future in futures_as_completed(futures):
            yield future.result()

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(cancel_futures=True)
            self._executor = None


def rss_bytes() -> int:
    """This process's resident memory now, from ``/proc`` (Linux); 0 where there is no ``/proc``."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        return 0


def _start_recycled(parent: int, initializer: Callable | None, initargs: tuple) -> None:
    die_with_parent(parent)
    if initializer is not None:
        initializer(*initargs)


def _run_measured(function: Callable, arguments: tuple) -> tuple[Any, PressLensError | None, int]:
    """In the worker: the result or the presslens error of the task, and the worker's RSS after it."""
    try:
        return function(*arguments), None, rss_bytes()
    except PressLensError as error:
        return None, error, rss_bytes()


class RecycledWorker:
    """One worker process that runs tasks one at a time and is replaced after ``max_tasks`` tasks, or as soon
    as a task leaves it above ``max_rss_bytes`` of resident memory.

    What a task leaves behind in a process (parse caches, spaCy's string store, which grows with every new
    word, heap the allocator keeps) goes with the process. The replacement starts, and runs
    ``initializer(*initargs)``, as soon as the old one is retired, so that a task that comes later finds it ready.
    Workers are spawned, never forked: the caller is a threaded server. Each worker dies with its parent.
    :meth:`run` is called from one thread at a time.
    """

    def __init__(self, *, max_tasks: int, max_rss_bytes: int, initializer: Callable | None = None,
                 initargs: tuple = ()) -> None:
        self.max_tasks = max_tasks
        self.max_rss_bytes = max_rss_bytes
        self.initializer = initializer
        self.initargs = initargs
        self.recycled = 0  # workers retired so far
        self._executor: ProcessPoolExecutor | None = None
        self._tasks = 0

    def start(self) -> None:
        """Start the worker now (it also starts on the first :meth:`run`)."""
        if self._executor is None:
            self._executor = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                                                 initializer=_start_recycled,
                                                 initargs=(os.getpid(), self.initializer, self.initargs))
            self._executor.submit(int)  # the process starts, and runs the initializer, now rather than on demand
            self._tasks = 0

    def run(self, function: Callable, *arguments):
        """``function(*arguments)`` in the worker; its exceptions are raised here. A task that fails with anything
        but a presslens error (a bug) retires the worker too, since what it left behind is unknown; one whose
        worker died (killed, out of memory) is reported as :class:`~presslens.errors.InternalError`."""
        self.start()
        try:
            result, error, rss = self._executor.submit(_run_measured, function, arguments).result()
        except BrokenProcessPool as broken:
            self._recycle()
            raise InternalError("the analysis worker process died during the task; it has been replaced",
                                source="worker") from broken
        except BaseException:
            self._recycle()
            raise
        self._tasks += 1
        if self._tasks >= self.max_tasks or rss > self.max_rss_bytes:
            self._recycle()
        if error is not None:
            raise error
        return result

    def _recycle(self) -> None:
        self.close()
        self.recycled += 1
        self.start()

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None


class DaskEngine(_EngineBase):
    """A Dask distributed cluster, at a scheduler address or through a ``distributed.Client``.

    A client made here from an address is closed by :meth:`close`; a client passed in is left open.
    """

    def __init__(self, scheduler) -> None:
        from distributed import Client

        self._owns_client = not isinstance(scheduler, Client)
        self.client = Client(scheduler) if self._owns_client else scheduler
        self.workers = max(1, sum(self.client.nthreads().values()))

    def map(self, function: Callable, tasks: Sequence[tuple]) -> list:
        if not tasks:
            return []
        # Scattered first, so the arguments travel to the workers as data, not inside the task graph.
        arguments = self.client.scatter(list(tasks))
        return self.client.gather(self.client.map(_apply, [function] * len(tasks), arguments, pure=False))

    def as_completed(self, function: Callable, tasks: Sequence[tuple]) -> Iterator[Any]:
        from distributed import as_completed

        futures = [self.client.submit(function, *task, pure=False) for task in tasks]
        for future in as_completed(futures):
            yield future.result()

    def close(self) -> None:
        if self._owns_client:
            self.client.close()


def _apply(function: Callable, arguments: tuple):
    return function(*arguments)


def make_engine(engine: str = "local", *, workers: int | None = None, scheduler=None) -> LocalEngine | DaskEngine:
    """The engine named ``engine``: ``local`` (``workers`` processes, default one per CPU) or ``dask``
    (``scheduler``: an address such as ``tcp://HOST:8786``, or a ``distributed.Client``)."""
    if engine == "local":
        return LocalEngine(workers)
    if engine == "dask":
        if scheduler is None:
            raise ConfigError("the dask engine needs a scheduler address (--scheduler tcp://HOST:8786)")
        return DaskEngine(scheduler)
    raise ConfigError(f"unknown engine {engine!r}; valid engines: {', '.join(ENGINES)}")
