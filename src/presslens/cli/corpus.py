"""``presslens corpus``: build a corpus database, analyse it in batches, and query it.

The commands only turn flags into calls of :mod:`presslens.corpus` and print
the results, as text for people or JSON/JSONL for scripts.
"""

from __future__ import annotations

import io
import json
import sqlite3
import sys
from collections import Counter
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Iterator

import click

from ..corpus.align import AlignParams
from ..corpus import identity
from ..corpus.batch import DEFAULT_CHUNK_SIZE, run_batch
from ..corpus.export import EXPORT_FORMATS, export
from ..corpus.quotes import propagation
from ..corpus.reuse import ReuseParams, contract_record, store_reuse
from ..corpus.reuse_kinds import KINDS
from ..corpus.store import DAMAGED_ADVICE, ArticleRow, Store, article_row
from ..corpus.stories import StoryParams, update_stories
from ..corpus.warc import read_corpus_inputs
from ..errors import ArticleConflictError, DamagedStoreError
from ..ingest import read_inputs
from ..parallel import in_background, make_engine
from ..report import SCHEMA_VERSION
from ..settings import Settings
from .common import (
    analyzers_option,
    engine_options,
    errors_to_exit_codes as command_errors,
    exit_partial_failure,
    max_bytes_option,
    progress_bar,
    progress_option,
    size_limit,
)

#: Articles written per transaction by ``corpus add``.
ADD_BATCH = 500

db_option = click.option("--db", "db_path", required=True, type=click.Path(dir_okay=False, path_type=Path),
                         envvar="PRESSLENS_DB", help="The corpus database file [env PRESSLENS_DB].")


@contextmanager
def errors_to_exit_codes():
    """The commands' error handling, and a database that passed its check on opening but turns out damaged
    further in (SQLite reads pages only when asked) reported the same way as one that failed it."""
    with command_errors():
        try:
            yield
        except sqlite3.DatabaseError as exc:
            raise DamagedStoreError(f"the corpus database is damaged ({exc}); {DAMAGED_ADVICE}") from exc


def _echo_json(value) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2, default=str))


@click.group("corpus")
def corpus() -> None:
    """Work on many articles at once: store, batch analysis, text reuse, quotes, stories."""


@corpus.command()
@db_option
def init(db_path: Path) -> None:
    """Create the corpus database (or bring an existing one's schema and stored reports up to date)."""
    with errors_to_exit_codes(), Store(db_path) as store:
        upgraded = store.upgrade_reports()
        if upgraded:
            click.echo(f"{db_path}: upgraded {upgraded} stored report(s) to report schema {SCHEMA_VERSION}")
        click.echo(f"{db_path}: corpus database, schema version {store.schema_version}, "
                   f"{store.stats()['articles']} article(s)")


def _article_rows(targets, settings: Settings,
                  stdin: bytes | None) -> Iterator[list[tuple[ArticleRow | None, str | None]]]:
    """What ``add`` writes, in transactions of :data:`ADD_BATCH`: a row per article read, or the one-line
    error of an item that could not be read. ``stdin`` is what ``-`` reads (the child process that runs
    this has no standard input)."""
    results = (result for target in targets
               for result in (read_inputs(target, settings, stdin=io.BytesIO(stdin)) if target == "-"
                              else read_corpus_inputs(target, settings)))
    while chunk := [(article_row(result.article), None) if result.error is None else (None, result.error.one_line())
                    for _, result in zip(range(ADD_BATCH), results)]:
        yield chunk


@corpus.command()
@db_option
@click.argument("targets", nargs=-1, required=True, metavar="PATH...|-")
@click.option("--raw", is_flag=True, help="Store the input text exactly as given (see `presslens analyze --raw`).")
@max_bytes_option
@progress_option
def add(db_path: Path, targets, raw, max_bytes, progress) -> None:
    """Add articles: text, HTML or PTC files, JSONL, WARC archives, directories of them, or - for stdin.

    A JSONL record's id, outlet and published date are kept. An exact copy of a
    stored text is kept under its own id as a duplicate and not analysed again.
    """
    settings = Settings(raw=raw, detect_language=False, **size_limit(max_bytes))
    with errors_to_exit_codes(), ExitStack() as stack:
        # Inputs are read and parsed in a child process, forked before the database is opened, while this
        # one writes them.
        stdin = sys.stdin.buffer.read() if "-" in targets else None
        chunks = stack.enter_context(in_background(_article_rows, targets, settings, stdin))
        store = stack.enter_context(Store(db_path))
        counts = {"added": 0, "already stored": 0, "failed": 0}
        with progress_bar("adding", None, progress) as advance:
            for chunk in chunks:
                with store.transaction():
                    for row, error in chunk:
                        if row is not None:
                            try:
                                _, inserted = store.add_row(row)
                                counts["added" if inserted else "already stored"] += 1
                            except ArticleConflictError as exc:
                                error = exc.one_line()
                        if error is not None:
                            counts["failed"] += 1
                            click.echo(f"error: {error} (skipped)", err=True)
                advance(len(chunk))
        stats = store.stats()
        click.echo(f"{counts['added']} added, {counts['already stored']} already stored, {counts['failed']} failed; "
                   f"{stats['articles']} article(s) in the corpus, {stats['status']['duplicate']} exact copies")
        if counts["failed"]:
            exit_partial_failure()


@corpus.command()
@db_option
@engine_options
@click.option("--chunk-size", type=click.IntRange(min=1), default=DEFAULT_CHUNK_SIZE, show_default=True,
              help="Articles per task; each task's reports are committed together.")
@analyzers_option
@click.option("--retry-failed", is_flag=True, help="Analyse again the articles that failed in earlier runs.")
@progress_option
def analyze(db_path: Path, engine, scheduler, workers, chunk_size, analyzers, retry_failed, progress) -> None:
    """Analyse the pending articles. Safe to interrupt (even kill -9) and run again: it resumes."""
    with errors_to_exit_codes(), Store(db_path) as store:
        settings = Settings(analyzers=analyzers)
        if retry_failed:
            store.retry_failed()
        total = store.count("pending") + store.count("claimed")
        with progress_bar("analysing", total, progress) as advance:
            result = run_batch(store, settings, engine=engine, workers=workers, scheduler=scheduler,
                               chunk_size=chunk_size, on_progress=advance)
        people = identity.refresh(store)
        click.echo(f"{result.analysed} analysed, {result.failed} failed; {people} people quoted"
                   + (f", {result.reclaimed} claim(s) of an interrupted run taken back" if result.reclaimed else ""))
        if result.failed:
            click.echo("see `presslens corpus stats`; rerun with --retry-failed to try them again", err=True)
            exit_partial_failure()


@corpus.command()
@db_option
@click.argument("query")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def search(db_path: Path, query, limit, output_format) -> None:
    """Full-text search (SQLite FTS5 syntax: words, "a phrase", a OR b, prefix*)."""
    with errors_to_exit_codes(), Store(db_path, read_only=True) as store:
        hits = store.search(query, limit=limit)
        if output_format == "json":
            _echo_json(hits)
            return
        for hit in hits:
            click.echo(f"{hit['id']}  {hit['published'] or '-'}  {hit['outlet'] or '-'}  {hit['title'] or ''}")
            click.echo(f"    {hit['snippet']}")


@corpus.command()
@db_option
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def stats(db_path: Path, output_format) -> None:
    """Counts: articles by status, copies, reports, spans per layer, outlets, speakers, reuse pairs."""
    with errors_to_exit_codes(), Store(db_path, read_only=True) as store:
        figures = store.stats()
        if output_format == "json":
            _echo_json(figures)
            return
        for key, value in figures.items():
            if isinstance(value, dict):
                value = ", ".join(f"{name} {count}" for name, count in value.items()) or "-"
            click.echo(f"{key:<15} {value}")


@corpus.command()
@db_option
@click.option("--format", "output_format", type=click.Choice(["text", "json", "jsonl"]), default="text",
              show_default=True,
              help="jsonl: one line per pair {a, b, share_a, share_b, passages, origin, kind, source, credit}.")
@engine_options
@click.option("--min-words", type=click.IntRange(min=5), default=AlignParams.min_words, show_default=True,
              help="Shortest shared passage reported, in words.")
@click.option("--chunk-size", type=click.IntRange(min=1), default=ReuseParams.chunk_docs, show_default=True,
              help="Articles per signature task (and candidate pairs per alignment task).")
@click.option("--partitions", type=click.IntRange(min=1), default=ReuseParams.partitions, show_default=True,
              help="Band keys are joined one partition at a time: more partitions, less memory per task.")
@click.option("--show-boilerplate", is_flag=True,
              help="Print boilerplate pairs too (an outlet's passage repeated in many of its articles).")
@progress_option
def reuse(db_path: Path, output_format, engine, scheduler, workers, min_words, chunk_size, partitions,
          show_boilerplate, progress) -> None:
    """Find articles that share passages, what kind of reuse each pair is, who had the text first, which
    outlets republish which.

    Kinds: boilerplate (hidden unless --show-boilerplate, but counted), shared_quote, syndication,
    republication. Every pair is saved in the database (see `corpus export`). The job streams from the
    database in bounded memory, commits each stage as it goes (safe to interrupt and run again: it
    resumes) and, after articles are added, works only on what the new articles bring.
    """
    params = ReuseParams(align=AlignParams(min_words=min_words), chunk_docs=chunk_size, chunk_pairs=chunk_size,
                         partitions=partitions)
    with errors_to_exit_codes(), Store(db_path) as store, ExitStack() as bars:
        def on_stage(stage: str, total: int):
            bars.close()
            return bars.enter_context(progress_bar(stage, total, progress))

        with make_engine(engine, workers=workers, scheduler=scheduler) as runner:
            result = store_reuse(store, params, engine=runner, on_stage=on_stage)
        bars.close()
        shown = [pair for pair in result.pairs if show_boilerplate or pair["kind"] != "boilerplate"]
        hidden = len(result.pairs) - len(shown)
        if output_format == "jsonl":
            for pair in shown:
                click.echo(json.dumps(contract_record(pair), ensure_ascii=False))
            if hidden:
                click.echo(f"{hidden} boilerplate pair(s) not shown; see --show-boilerplate", err=True)
            return
        if output_format == "json":
            _echo_json({"pairs": shown, "hidden_boilerplate": hidden, "sources": result.sources,
                        "outlet_reuse": result.outlet_reuse, "chains": result.chains})
            return
        kinds = Counter(pair["kind"] for pair in result.pairs)
        click.echo(f"{len(result.pairs)} pair(s) of articles share text: "
                   + ", ".join(f"{kinds[kind]} {kind}" for kind in KINDS if kinds[kind])
                   + (f" ({hidden} boilerplate not shown)" if hidden else ""))
        for row in result.outlet_reuse[:20]:
            click.echo(f"  {row['republisher']} republished {row['articles']} {row['source']} article(s), "
                       f"{row['verbatim_share']:.0%} verbatim")
        for chain in result.chains[:10]:
            click.echo("  chain: " + " -> ".join(f"{outlet or '?'} ({article}, {date})" for article, outlet, date in
                                                 zip(chain["articles"], chain["outlets"], chain["published"])))


@corpus.group()
def people() -> None:
    """People quoted in the corpus: one identity per person, with its aliases; the analyst's corrections."""


@people.command("list")
@db_option
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def people_list(db_path: Path, limit, output_format) -> None:
    """The most quoted people: canonical name, most frequent role, quotes, articles, outlets."""
    with errors_to_exit_codes(), Store(db_path, read_only=True) as store:
        rows = store.speakers(limit=limit)
        if output_format == "json":
            _echo_json(rows)
            return
        for row in rows:
            click.echo(f"{row['name']}  ({row['role'] or 'role unknown'}): {row['quotes']} quotes in "
                       f"{row['articles']} articles from {row['outlets']} outlets")


@people.command("show")
@db_option
@click.argument("name")
def people_show(db_path: Path, name) -> None:
    """One person (by name or alias) as JSON: aliases and roles with their counts, and every quote."""
    with errors_to_exit_codes(), Store(db_path, read_only=True) as store:
        _echo_json(store.speaker(name))


@people.command("merge")
@db_option
@click.argument("alias")
@click.argument("person")
def people_merge(db_path: Path, alias, person) -> None:
    """Make ALIAS a name of PERSON from now on (kept in the database, applied on every later run)."""
    with errors_to_exit_codes(), Store(db_path) as store:
        identity.correct(store, alias, person)
        click.echo(f"{alias!r} is now {store.person_name(alias) or person!r}")


@people.command("split")
@db_option
@click.argument("alias")
def people_split(db_path: Path, alias) -> None:
    """Keep ALIAS as a person of its own, never merged automatically (applied on every later run)."""
    with errors_to_exit_codes(), Store(db_path) as store:
        identity.correct(store, alias, None)
        click.echo(f"{alias!r} is now {store.person_name(alias) or alias!r}")


@corpus.command()
@db_option
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--speaker", help="Only this person's quotes (a name or any of its aliases).")
def quotes(db_path: Path, output_format, speaker) -> None:
    """Quotes repeated across articles: grouped, first appearance, and words changed in later versions."""
    with errors_to_exit_codes(), Store(db_path, read_only=True) as store:
        groups = propagation(store.quotes(speaker=speaker))
        if output_format == "json":
            _echo_json(groups)
            return
        for group in groups:
            first = group["first"]
            click.echo(f"{group['speaker']}: {len(group['articles'])} articles, first in {first['outlet'] or '?'} "
                       f"({first['article_id']}, {first['published'] or 'undated'})")
            click.echo(f"    \u201c{first['text']}\u201d")
            for version in group["versions"]:
                change = "identical" if version["identical"] else "; ".join(
                    part for part in (
                        "added " + ", ".join(repr(w) for w in version["added"]) if version["added"] else "",
                        "dropped " + ", ".join(repr(w) for w in version["dropped"]) if version["dropped"] else "",
                        "altered " + ", ".join(f"{a!r} -> {b!r}" for a, b in version["altered"])
                        if version["altered"] else "",
                    ) if part)
                click.echo(f"    {version['outlet'] or '?'} ({version['article_id']}): {change}")


@corpus.command()
@db_option
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--window-days", type=click.IntRange(min=0), default=StoryParams.window_days, show_default=True,
              help="Articles further apart than this are never in one story.")
@click.option("--threshold", type=click.FloatRange(0, 2), default=StoryParams.threshold, show_default=True,
              help="Average similarity of a story's articles: cosine of title-and-lead vectors plus "
                   "--entity-weight times the cosine of their names.")
@click.option("--pair-threshold", type=click.FloatRange(0, 2), default=StoryParams.pair_threshold,
              show_default=True, help="Similarity a story of only two articles needs.")
@click.option("--entity-weight", type=click.FloatRange(min=0), default=StoryParams.entity_weight,
              show_default=True, help="Weight of the names found by the entities layer (0: meaning alone).")
def stories(db_path: Path, output_format, window_days, threshold, pair_threshold, entity_weight) -> None:
    """Cluster articles about the same event and store the stories for the web app; each story with its
    names, outlets and time span. Lead vectors are kept: a later run encodes only new articles."""
    with errors_to_exit_codes(), Store(db_path) as store:
        found = update_stories(store, StoryParams(threshold=threshold, pair_threshold=pair_threshold,
                                                  window_days=window_days, entity_weight=entity_weight))
        if output_format == "json":
            _echo_json(found)
            return
        for story in found:
            outlets = ", ".join(f"{o['name']} ({o['articles']})" for o in story["outlets"][:6]) or "-"
            click.echo(f"{story['id']}. {len(story['articles'])} articles, {story['first'] or '?'} to "
                       f"{story['last'] or '?'}: {story['label']} [{outlets}]")


@corpus.command("export")
@db_option
@click.option("--format", "output_format", type=click.Choice(EXPORT_FORMATS), default="parquet", show_default=True)
@click.option("--output", "-o", "directory", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Directory to write <table>.parquet or <table>.jsonl into.")
def export_command(db_path: Path, output_format, directory: Path) -> None:
    """Write every table (articles, spans, quotes, speakers, outlets, reuse, reports) for DuckDB or pandas."""
    with errors_to_exit_codes(), Store(db_path, read_only=True) as store:
        for table, path in export(store, directory, output_format).items():
            click.echo(f"{table:<9} {path}")
