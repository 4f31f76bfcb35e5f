"""What every command shares: exit codes, the analyzer-list option, engine options, the progress bar.

Command modules import this one and never :mod:`presslens.cli` itself, which
only assembles them into the ``presslens`` group.

Exit codes: 0 success; 3 a batch finished but some items failed; otherwise the
``exit_code`` of the :class:`~presslens.errors.PressLensError` raised (64 usage,
65 bad input data, 66 input not found, 70 internal or model error).
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Callable, Iterator, NoReturn

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from ..errors import PressLensError
from ..parallel import ENGINES
from ..registry import parse_analyzer_names
from ..settings import DEFAULT_MAX_INPUT_BYTES

#: Exit code of a batch run in which some items failed and the others were analysed.
EXIT_PARTIAL_FAILURE = 3


def fail(error: PressLensError) -> NoReturn:
    """Print ``error`` on one line and exit with its exit code."""
    click.echo(f"error: {error.one_line()}", err=True)
    sys.exit(error.exit_code)


def exit_partial_failure() -> NoReturn:
    sys.exit(EXIT_PARTIAL_FAILURE)


@contextmanager
def errors_to_exit_codes():
    """Turn a :class:`PressLensError` raised inside into its message and exit code."""
    try:
        yield
    except PressLensError as error:
        fail(error)


class AnalyzerNames(click.ParamType):
    """A comma-separated list of analyzer names, given to the command as a tuple (``None`` when empty)."""

    name = "text"

    def convert(self, value, param, ctx) -> tuple[str, ...] | None:
        if isinstance(value, tuple):
            return value
        return parse_analyzer_names(value)


def analyzers_option(function: Callable) -> Callable:
    return click.option("--analyzers", type=AnalyzerNames(), default=None,
                        help="Comma-separated analyzers to run instead of the defaults "
                             "(see `presslens analyzers`).")(function)


def max_bytes_option(function: Callable) -> Callable:
    return click.option("--max-bytes", type=click.IntRange(min=1), default=None,
                        help=f"Refuse input items larger than this many bytes "
                             f"[default: {DEFAULT_MAX_INPUT_BYTES:,}, or PRESSLENS_MAX_INPUT_BYTES].")(function)


def size_limit(max_bytes: int | None) -> dict[str, int]:
    """The :class:`~presslens.settings.Settings` field for ``--max-bytes``: none when not given."""
    return {"max_input_bytes": max_bytes} if max_bytes else {}


def engine_options(function: Callable) -> Callable:
    """``--engine``, ``--scheduler`` and ``--workers``: the arguments of :func:`presslens.parallel.make_engine`."""
    options = (
        click.option("--engine", type=click.Choice(ENGINES), default="local", show_default=True,
                     help="Local worker processes, or a Dask distributed cluster."),
        click.option("--scheduler", metavar="ADDRESS",
                     help="Dask scheduler address (tcp://HOST:8786) for --engine dask."),
        click.option("--workers", type=click.IntRange(min=1), default=None,
                     help="Local worker processes [default: one per CPU]."),
    )
    for option in reversed(options):
        function = option(function)
    return function


def progress_option(function: Callable) -> Callable:
    return click.option("--progress/--no-progress", default=None,
                        help="Progress bar on stderr for batches [default: when stderr is a terminal].")(function)


@contextmanager
def progress_bar(label: str, total: int | None, progress: bool | None) -> Iterator[Callable[[int], None]]:
    """Yield an ``advance(n)`` callback that drives a progress bar on stderr.

    ``progress`` is the ``--progress/--no-progress`` flag: ``None`` shows the
    bar when stderr is a terminal. Without a bar, ``advance`` does nothing.
    """
    if not (sys.stderr.isatty() if progress is None else progress):
        yield lambda n: None
        return
    columns = (SpinnerColumn(), TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=total)
        yield lambda n: bar.advance(task, n)
