"""The ``presslens`` command. It only turns flags into settings, calls the library and renders.

Exit codes: 0 success; 3 a batch finished but some items failed; otherwise the
``exit_code`` of the :class:`~presslens.errors.PressLensError` raised (64 usage,
65 bad input data, 66 input not found, 70 internal or model error).
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Iterable, Iterator

import click

from . import __version__
from .errors import PressLensError
from .ingest import IngestResult, is_batch_input, read_inputs
from .pipeline import Pipeline
from .registry import registered_analyzers
from .render import FORMATS, get_renderer
from .report import Report
from .settings import DEFAULT_MAX_INPUT_BYTES, Settings

#: Exit code of a batch run in which some items failed and the others were analysed.
EXIT_PARTIAL_FAILURE = 3


def fail(error: PressLensError) -> None:
    click.echo(f"error: {error.one_line()}", err=True)
    sys.exit(error.exit_code)


@contextmanager
def errors_to_exit_codes():
    try:
        yield
    except PressLensError as error:
        fail(error)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="presslens")
def cli() -> None:
    """Take news articles apart: who is quoted, which outlets the text came from,
    what is claimed, which persuasion techniques it uses."""


def _split_names(_ctx, _param, value: str | None) -> tuple[str, ...] | None:
    return tuple(name.strip() for name in value.split(",") if name.strip()) if value else None


def _progress(results: Iterable[IngestResult], show: bool) -> Iterator[IngestResult]:
    if not show:
        yield from results
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (SpinnerColumn(), TextColumn("analysing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("analysing", total=None)
        for result in results:
            yield result
            progress.advance(task)


@cli.command()
@click.argument("target", metavar="PATH|-")
@click.option("--format", "-f", "output_format", type=click.Choice(list(FORMATS)), default="text",
              show_default=True, help="Output format.")
@click.option("--output", "-o", type=click.File("w", encoding="utf-8"), default="-",
              help="Write the report here instead of stdout.")
@click.option("--raw", is_flag=True,
              help="Analyse the input text exactly as given (no boilerplate removal, no normalisation): "
                   "every offset is an offset into the input.")
@click.option("--analyzers", callback=_split_names,
              help="Comma-separated analyzers to run instead of the defaults (see `presslens analyzers`).")
@click.option("--max-bytes", type=click.IntRange(min=1), default=None,
              help=f"Refuse input items larger than this many bytes [default: {DEFAULT_MAX_INPUT_BYTES:,}, "
                   "or PRESSLENS_MAX_INPUT_BYTES].")
@click.option("--progress/--no-progress", default=None,
              help="Progress bar on stderr for batch input [default: on when stderr is a terminal].")
@click.option("--techniques-model", type=click.Path(exists=True, file_okay=False), default=None,
              help="Technique model folder (from `presslens ptc train`) instead of the shipped one.")
def analyze(target, output_format, output, raw, analyzers, max_bytes, progress, techniques_model) -> None:
    """Analyse the article(s) in PATH: a text, HTML or PTC file, a JSONL file, a directory, or - for stdin."""
    with errors_to_exit_codes():
        analyzer_config = {"techniques": {"model": techniques_model}} if techniques_model else {}
        settings = Settings(raw=raw, analyzers=analyzers, analyzer_config=analyzer_config,
                            **({"max_input_bytes": max_bytes} if max_bytes else {}))
        renderer = get_renderer(output_format)
        batch = target != "-" and is_batch_input(target)
        results = read_inputs(target, settings)
        if not batch:
            result = next(iter(results))
            if result.error is not None:
                fail(result.error)
            output.write(renderer.render(Pipeline(settings).analyze(result.article)))
            return
        pipeline = Pipeline(settings)
        failures: list[IngestResult] = []
        show_progress = sys.stderr.isatty() if progress is None else progress

        def good_articles():
            for item in _progress(results, show_progress):
                if item.error is not None:
                    failures.append(item)
                    click.echo(f"error: {item.error.one_line()} (skipped)", err=True)
                else:
                    yield item.article

        reports: Iterator[Report] = pipeline.analyze_many(good_articles())
        for chunk in renderer.render_many(reports):
            output.write(chunk)
        if failures:
            click.echo(f"{len(failures)} input item(s) failed; the others were analysed.", err=True)
            sys.exit(EXIT_PARTIAL_FAILURE)


@cli.command("analyzers")
def list_analyzers() -> None:
    """List the registered analyzers, what each needs, and whether it runs by default."""
    for name, spec in sorted(registered_analyzers().items()):
        requires = f" (requires {', '.join(spec.requires)})" if spec.requires else ""
        default = "default" if spec.default else "optional"
        click.echo(f"{name:<14} {default:<9} layer={spec.layer:<16} {spec.description}{requires}")


@cli.command("schema")
def print_schema() -> None:
    """Print the JSON Schema of the report that `analyze --format json` prints."""
    import json

    from .schema import report_schema

    click.echo(json.dumps(report_schema(), indent=2, ensure_ascii=False))


# Subcommand groups live beside the code they drive; they are imported after `cli` exists
# because some of them import helpers from this module.
from .claims.cli import train_group  # noqa: E402
from .corpus.cli import corpus  # noqa: E402
from .eval.cli import eval_group  # noqa: E402
from .techniques.cli import ptc  # noqa: E402
from .web.cli import serve  # noqa: E402

cli.add_command(corpus)
cli.add_command(eval_group)
cli.add_command(ptc)
cli.add_command(serve)
cli.add_command(train_group)


def main() -> None:
    cli(prog_name="presslens")


if __name__ == "__main__":
    main()
