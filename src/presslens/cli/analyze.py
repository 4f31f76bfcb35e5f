"""``presslens analyze``, ``presslens analyzers`` and ``presslens schema``: one article or a batch, and what
the analyzers and their report look like."""

from __future__ import annotations

from typing import Iterator

import click

from ..errors import InputError
from ..ingest import IngestResult, is_batch_input, read_inputs
from ..limits import check_article
from ..pipeline import Pipeline
from ..registry import registered_analyzers
from ..render import FORMATS, emit, get_renderer
from ..report import Report
from ..schema import build_schema, schema_text
from ..settings import Settings
from .common import (
    analyzers_option,
    errors_to_exit_codes,
    exit_partial_failure,
    fail,
    max_bytes_option,
    progress_bar,
    progress_option,
    size_limit,
)


@click.command()
@click.argument("target", metavar="PATH|-")
@click.option("--format", "-f", "output_format", type=click.Choice(list(FORMATS)), default="text",
              show_default=True,
              help="Output format. brat, spacy (and labelstudio with its labeling config) write files: give -o.")
@click.option("--output", "-o", type=click.File("w", encoding="utf-8"), default="-",
              help="Write the report here instead of stdout.")
@click.option("--raw", is_flag=True,
              help="Analyse the input text exactly as given (no boilerplate removal, no normalisation): "
                   "every offset is an offset into the input.")
@analyzers_option
@max_bytes_option
@progress_option
@click.option("--techniques-model", type=click.Path(exists=True, file_okay=False), default=None,
              help="Technique model folder (from `presslens ptc train`) instead of the shipped one.")
@click.option("--all-techniques", is_flag=True,
              help="Show every technique span, also in an article the persuasion gate calls plain (there, by "
                   "default, only very confident spans are shown).")
def analyze(target, output_format, output, raw, analyzers, max_bytes, progress, techniques_model,
            all_techniques) -> None:
    """Analyse the article(s) in PATH: a text, HTML or PTC file, a JSONL file, a directory, or - for stdin.

    An article over 100,000 characters (PRESSLENS_MAX_ARTICLE_CHARS) or about 25,000 tokens, with a
    sentence over 10,000
    characters or a paragraph with over 200 quotation marks is refused (PL108); an analysis past 120 s
    is stopped (PL109).
    """
    with errors_to_exit_codes():
        techniques = {"model": techniques_model} if techniques_model else {}
        if all_techniques:
            techniques["all_spans"] = True
        analyzer_config = {"techniques": techniques} if techniques else {}
        settings = Settings(raw=raw, analyzers=analyzers, analyzer_config=analyzer_config, **size_limit(max_bytes))
        renderer = get_renderer(output_format)
        batch = target != "-" and is_batch_input(target)
        results = read_inputs(target, settings)
        if not batch:
            result = next(iter(results))
            if result.error is not None:
                fail(result.error)
            emit(renderer, [Pipeline(settings).analyze(result.article)], output, batch=False)
            return
        pipeline = Pipeline(settings)
        failures: list[IngestResult] = []
        with progress_bar("analysing", None, progress) as advance:

            def good_articles():
                for item in results:
                    if item.error is None:
                        try:
                            check_article(item.article, settings)
                        except InputError as exc:
                            item = IngestResult(item.source, error=exc)
                    if item.error is not None:
                        failures.append(item)
                        click.echo(f"error: {item.error.one_line()} (skipped)", err=True)
                    else:
                        yield item.article
                    advance(1)

            reports: Iterator[Report] = pipeline.analyze_many(good_articles())
            emit(renderer, reports, output, batch=True)
        if failures:
            click.echo(f"{len(failures)} input item(s) failed; the others were analysed.", err=True)
            exit_partial_failure()


@click.command("analyzers")
def list_analyzers() -> None:
    """List the registered analyzers, what each needs, and whether it runs by default."""
    for name, spec in sorted(registered_analyzers().items()):
        requires = f" (requires {', '.join(spec.requires)})" if spec.requires else ""
        default = "default" if spec.default else "optional"
        click.echo(f"{name:<14} {default:<9} layer={spec.layer:<16} {spec.description}{requires}")


@click.command("schema")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write the schema to this file instead of printing it (the shipped file is "
                   "src/presslens/schema/report.schema.json).")
@click.option("--plugins/--builtin", default=True, show_default=True,
              help="Include the layers of installed plugin analyzers, or only the built-in ones "
                   "(the shipped file).")
def print_schema(output: str | None, plugins: bool) -> None:
    """Print the JSON Schema of the report that `analyze --format json` prints, generated from the
    analyzers' declared types."""
    text = schema_text(build_schema(plugins=plugins))
    if output is None:
        click.echo(text, nl=False)
    else:
        with open(output, "w", encoding="utf-8") as handle:
            handle.write(text)
