"""Terminal output (format ``text``): a readable report drawn with Rich.

The report is drawn into a string. Colours and styles are used only when
the real standard output is a terminal, so piping or ``--output FILE`` gives
plain text. Report strings are always wrapped in :class:`rich.text.Text`, never
parsed as Rich markup, so ``[bold]`` in an article stays ``[bold]``.
"""

from __future__ import annotations

import io
import shutil
import sys
from typing import Any, Iterable, Iterator, Sequence

from rich import box
from rich.console import Console, Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from ..report import Report
from . import views

#: Width of the report when it does not go to a terminal.
PLAIN_WIDTH = 100

VERDICT_STYLES = {"consistent": "bold green", "approximate": "bold yellow", "inconsistent": "bold red"}
STATE_STYLE = "bold white on red"


class TerminalRenderer:
    """``color`` and ``width`` default to what the real standard output is."""

    def __init__(self, *, color: bool | None = None, width: int | None = None) -> None:
        self.color = color
        self.width = width

    def console(self) -> Console:
        color = sys.stdout.isatty() if self.color is None else self.color
        width = self.width or (shutil.get_terminal_size().columns if color else PLAIN_WIDTH)
        return Console(file=io.StringIO(), force_terminal=color, width=width, highlight=False, emoji=False)

    def render(self, report: Report) -> str:
        console = self.console()
        draw(console, report)
        output = console.file.getvalue()
        if console.is_terminal:
            return output
        return "".join(line.rstrip() + "\n" for line in output.splitlines())

    def render_many(self, reports: Iterable[Report]) -> Iterator[str]:
        for index, report in enumerate(reports):
            yield ("\n" if index else "") + self.render(report)


def draw(console: Console, report: Report) -> None:
    """Every section of the report, in reading order; sections with nothing to show are left out."""
    for section in (header, warnings, sources, people, speakers, quotes, claims, numeric_checks, techniques,
                    entities, other_layers, other_summary, empty_layers):
        section(console, report)


# --- building blocks ----------------------------------------------------------------------------------------

def heading(console: Console, title: str) -> None:
    console.print()
    console.rule(Text(title, style="bold cyan"), align="left", style="cyan")


def table(columns: Sequence[str], rows: Sequence[Sequence[Any]], *, numeric: Sequence[str] = ()) -> Table:
    """A table of cells that are :class:`Text` or plain strings (never markup)."""
    grid = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False)
    for column in columns:
        grid.add_column(column, justify="right" if column in numeric else "left", overflow="fold")
    for row in rows:
        grid.add_row(*(cell if isinstance(cell, Text) else Text(views.one_line(cell)) for cell in row))
    return grid


def generic(console: Console, title: str, value: Any, text: str, preferred: Sequence[str] = ()) -> None:
    heading(console, title)
    console.print(generic_table(value, text, preferred))


def layer_summary(console: Console, report: Report, layer: str) -> None:
    for title, value in views.layer_summary(report, layer):
        console.print(Text(title, style="bold"))
        console.print(generic_table(value, report.article.text))


def generic_table(value: Any, text: str, preferred: Sequence[str] = ()) -> Table:
    columns, rows = views.tabulate(value, text, preferred, limit=views.GENERIC_ROW_LIMIT)
    return table(columns, rows, numeric=views.numeric_columns(columns, rows))


def lines(console: Console, items: Iterable[Text]) -> None:
    """Print many lines at once: one Rich print per line costs as much as wrapping the line."""
    console.print(Text("\n").join(items))


def badge(label: str, style: str) -> Text:
    return Text(f" {label} ", style=style)


# --- sections -----------------------------------------------------------------------------------------------

def header(console: Console, report: Report) -> None:
    article = report.article
    console.rule(Text(article.title or article.id or "Untitled article", style="bold"))
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column()
    for name, value, source in views.header_rows(report):
        state = name == "publisher" and views.state_badge(report.summary["publisher"])
        shown = Text(value, style="bold red" if state else "")
        if source:
            shown.append(f"  (from {source})", style="dim")
        grid.add_row(name, shown)
    console.print(grid)
    note = views.removed_note(article)
    if note:
        console.print(Text(note, style="dim"))


def warnings(console: Console, report: Report) -> None:
    if report.warnings:
        lines(console, (Text("warning: ", style="bold yellow") + Text(warning) for warning in report.warnings))


def sources(console: Console, report: Report) -> None:
    rows = views.outlet_rows(report)
    if not rows:
        return
    heading(console, "Cited sources")
    cells = []
    for row in rows:
        state = views.state_badge(row)
        affiliation = (badge("STATE", STATE_STYLE) if state
                       else Text("no" if row["state_affiliated"] is False else "unknown", style="dim"))
        profile = ", ".join(views.plain(row[key]) for key in ("country", "typology") if row[key])
        cells.append([Text(row["name"], style="bold"), affiliation, profile, ", ".join(row["kinds"]),
                      "; ".join(row["cues"]), str(row["mentions"])])
    console.print(table(["outlet", "state", "profile", "as", "cue", "mentions"], cells, numeric=("mentions",)))


def people(console: Console, report: Report) -> None:
    if report.summary.get("people"):
        generic(console, "People", report.summary["people"], report.article.text, views.PEOPLE_COLUMNS)


def speakers(console: Console, report: Report) -> None:
    rows = report.summary.get("speakers")
    if not rows:
        return
    heading(console, "Speakers")
    columns, cells = views.speaker_table(rows, report.article.text)
    console.print(table(columns, cells, numeric=views.numeric_columns(columns, cells)))


def quotes(console: Console, report: Report) -> None:
    spans = report.spans("quotes")
    if not spans:
        return
    heading(console, "Quotes")
    text = report.article.text
    found = []
    for quote in spans:
        name, role = views.speaker(quote, text)
        line = Text(name or "unattributed", style="bold" if name else "dim italic")
        if role:
            line.append(f" ({views.plain(role)})", style="dim")
        line.append(": ").append(views.quoted(quote.text_in(text)))
        details = [views.plain(views.attr(quote, "kind")) or "quote"]
        via = views.plain(views.attr(quote, "outlet"))
        if via:
            details.append(f"via {via}")
        line.append(f"  [{', '.join(details)}]", style="dim")
        found.append(line)
    lines(console, found)


def claims(console: Console, report: Report) -> None:
    spans = report.spans("claims")
    if not spans:
        return
    heading(console, "Claims, most check-worthy first")
    text = report.article.text
    items: list[Text | Padding] = []
    for rank, claim in enumerate(views.ranked_claims(spans), start=1):
        worth = views.checkworthiness(claim)
        head = Text(f"{rank:>2}. ") + Text("-" if worth is None else f"{worth:.2f}", style="bold")
        about = [views.plain(views.attr(claim, "type")), views.plain(views.attr(claim, "speaker"), text)]
        head.append("".join(f"  {part}" for part in about if part), style="dim")
        items += [head, Padding(Text(views.one_line(claim.text_in(text))), (0, 0, 0, 4))]
    console.print(Group(*items))
    layer_summary(console, report, "claims")


def numeric_checks(console: Console, report: Report) -> None:
    spans = report.spans("numeric_checks")
    if not spans:
        return
    heading(console, "Numeric checks")
    text = report.article.text
    for check in spans:
        verdict = views.plain(views.attr(check, "verdict")) or "checked"
        details = Text(check.explanation)
        numbers = views.plain(views.attr(check, "numbers"), text)
        if numbers:
            details.append(("\n" if check.explanation else "") + f"numbers: {numbers}", style="dim")
        console.print(Group(
            badge(verdict, VERDICT_STYLES.get(verdict, "bold")) + Text(" " + views.quoted(check.text_in(text))),
            Padding(details, (0, 0, 0, 4))))
    layer_summary(console, report, "numeric_checks")


def techniques(console: Console, report: Report) -> None:
    spans = report.spans("techniques")
    if not spans:
        return
    heading(console, "Persuasion techniques")
    text = report.article.text
    layer_summary(console, report, "techniques")
    counts = [[views.technique_name(name), str(count)] for name, count in views.technique_counts(spans)]
    console.print(table(["technique", "count"], counts, numeric=("count",)))
    rows = []
    for span in spans:
        score = views.confidence(span)
        rows.append([views.technique_name(views.technique(span)), "" if score is None else f"{score:.2f}",
                     span.text_in(text), span.explanation])
    console.print(table(["technique", "confidence", "text", "explanation"], rows, numeric=("confidence",)))


def entities(console: Console, report: Report) -> None:
    groups = views.entity_groups(report)
    if not groups:
        return
    heading(console, "Other entities")
    lines(console, (Text(f"{label}: ", style="bold")
                    + Text(", ".join(f"{name} ×{count}" if count > 1 else name for name, count in names))
                    for label, names in groups))


def other_layers(console: Console, report: Report) -> None:
    for name, spans in views.other_layers(report).items():
        generic(console, views.title(name), spans, report.article.text, views.SPAN_COLUMNS)
        layer_summary(console, report, name)


def other_summary(console: Console, report: Report) -> None:
    for name, value in views.other_summary(report).items():
        for title, part in views.summary_parts(name, value):
            generic(console, title, part, report.article.text)


def empty_layers(console: Console, report: Report) -> None:
    empty = views.empty_layers(report)
    if empty:
        console.print()
        console.print(Text(f"Nothing found in: {', '.join(empty)}", style="dim"))


RENDERERS = {"text": TerminalRenderer()}
