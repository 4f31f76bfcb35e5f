"""Markdown output: a report to paste into an issue, a wiki or a notebook.

Tables for sources, people, speakers, claims and techniques; quotes as
blockquotes with their attribution. Every report string goes through
:func:`md`, which escapes HTML and Markdown syntax, so article text can
neither inject markup nor break a table.
"""

from __future__ import annotations

import html
import re
from typing import Any, Iterable, Iterator, Sequence

from ..report import Report
from . import views

#: Characters with a meaning anywhere in a line of CommonMark / GitHub Flavored Markdown.
INLINE_SPECIAL = re.compile(r"([\\`*_\[\]|~!])")

#: A line starting like this would become a heading, list item, rule or quote.
LINE_START_SPECIAL = re.compile(r"^(\d{1,9})([.)])(?=\s|$)|^([#+\-=])(?=[\s#+\-=]|$)")


def md(value: Any, text: str = "") -> str:
    """Any report value as inert Markdown text on one line."""
    escaped = INLINE_SPECIAL.sub(r"\\\1", html.escape(views.one_line(views.plain(value, text)), quote=False))
    return LINE_START_SPECIAL.sub(lambda match: f"{match[1]}\\{match[2]}" if match[1] else f"\\{match[3]}", escaped)


def table(columns: Sequence[str], rows: Sequence[Sequence[str]], *, numeric: Sequence[str] = ()) -> str:
    """A GFM table of already-escaped cells."""
    head = "| " + " | ".join(md(column) for column in columns) + " |"
    rule = "|" + "|".join("---:" if column in numeric else "---" for column in columns) + "|"
    body = ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return "\n".join([head, rule, *body]) + "\n"


def generic_table(value: Any, text: str, preferred: Sequence[str] = ()) -> str:
    columns, rows = views.tabulate(value, text, preferred, limit=views.GENERIC_ROW_LIMIT)
    return table(columns, [[md(cell) for cell in row] for row in rows], numeric=views.numeric_columns(columns, rows))


def layer_summary(report: Report, layer: str) -> str:
    return "".join(f"\n**{md(title)}**\n\n" + generic_table(value, report.article.text)
                   for title, value in views.layer_summary(report, layer))


def section(title: str, body: str) -> str:
    return f"\n## {md(title)}\n\n{body}"


def header(report: Report) -> str:
    article = report.article
    lines = [f"# {md(article.title or article.id or 'Untitled article')}\n"]
    rows = []
    for name, value, source in views.header_rows(report):
        rows.append([md(name), md(value), md(source)])
    if rows:
        lines.append(table(["field", "value", "from"], rows))
    note = views.removed_note(article)
    if note:
        lines.append(f"_{md(note)}_\n")
    lines += [f"> **Warning:** {md(warning)}\n" for warning in report.warnings]
    return "\n".join(lines)


def sources(report: Report) -> str:
    rows = views.outlet_rows(report)
    if not rows:
        return ""
    cells = []
    for row in rows:
        state = views.state_badge(row)
        affiliation = "**state**" if state else ("no" if row["state_affiliated"] is False else "unknown")
        cells.append([md(row["name"]), affiliation, md(row["country"]), md(row["typology"]),
                      md(", ".join(row["kinds"])), md("; ".join(row["cues"])), str(row["mentions"])])
    return section("Cited sources", table(["outlet", "state-affiliated", "country", "typology", "as", "cue",
                                           "mentions"], cells, numeric=("mentions",)))


def people(report: Report) -> str:
    value = report.summary.get("people")
    return section("People", generic_table(value, report.article.text, views.PEOPLE_COLUMNS)) if value else ""


def speakers(report: Report) -> str:
    value = report.summary.get("speakers")
    if not value:
        return ""
    columns, rows = views.speaker_table(value, report.article.text)
    return section("Speakers", table(columns, [[md(cell) for cell in row] for row in rows],
                                     numeric=views.numeric_columns(columns, rows)))


def quotes(report: Report) -> str:
    spans = report.spans("quotes")
    if not spans:
        return ""
    text = report.article.text
    blocks = []
    for quote in spans:
        name, role = views.speaker(quote, text)
        who = f"**{md(name)}**" if name else "_unattributed_"
        if role:
            who += f", {md(role)}"
        details = [md(views.attr(quote, "kind")) or "quote"]
        via = views.plain(views.attr(quote, "outlet"))
        if via:
            details.append(f"via {md(via)}")
        blocks.append(f"> {md(quote.text_in(text))}\n>\n> — {who} ({', '.join(details)})\n")
    return section("Quotes", "\n".join(blocks))


def claims(report: Report) -> str:
    spans = report.spans("claims")
    if not spans:
        return ""
    text = report.article.text
    rows = []
    for rank, claim in enumerate(views.ranked_claims(spans), start=1):
        worth = views.checkworthiness(claim)
        rows.append([str(rank), "" if worth is None else f"{worth:.2f}", md(views.attr(claim, "type")),
                     md(views.attr(claim, "speaker"), text), md(claim.text_in(text))])
    ranked = table(["#", "check-worthiness", "type", "speaker", "claim"], rows, numeric=("#", "check-worthiness"))
    return section("Claims, most check-worthy first", ranked + layer_summary(report, "claims"))


def numeric_checks(report: Report) -> str:
    spans = report.spans("numeric_checks")
    if not spans:
        return ""
    text = report.article.text
    items = []
    for check in spans:
        verdict = md(views.attr(check, "verdict")) or "checked"
        item = f"- **{verdict}**: {md(views.quoted(check.text_in(text)))}"
        if check.explanation:
            item += f" — {md(check.explanation)}"
        numbers = views.attr(check, "numbers")
        if numbers:
            item += f" (numbers: {md(numbers, text)})"
        items.append(item)
    return section("Numeric checks", "\n".join(items) + "\n" + layer_summary(report, "numeric_checks"))


def techniques(report: Report) -> str:
    spans = report.spans("techniques")
    if not spans:
        return ""
    text = report.article.text
    counts = table(["technique", "count"],
                   [[md(views.technique_name(name)), str(count)] for name, count in views.technique_counts(spans)],
                   numeric=("count",))
    rows = []
    for span in spans:
        score = views.confidence(span)
        rows.append([md(views.technique_name(views.technique(span))), "" if score is None else f"{score:.2f}",
                     md(span.text_in(text)), md(span.explanation)])
    found = table(["technique", "confidence", "text", "explanation"], rows, numeric=("confidence",))
    return section("Persuasion techniques", f"{counts}\n{found}" + layer_summary(report, "techniques"))


def entities(report: Report) -> str:
    groups = views.entity_groups(report)
    if not groups:
        return ""
    items = [f"- **{md(label)}**: "
             + ", ".join(md(name) + (f" ×{count}" if count > 1 else "") for name, count in names)
             for label, names in groups]
    return section("Other entities", "\n".join(items) + "\n")


def others(report: Report) -> str:
    text = report.article.text
    parts = [section(views.title(name), generic_table(spans, text, views.SPAN_COLUMNS) + layer_summary(report, name))
             for name, spans in views.other_layers(report).items()]
    parts += [section(title, generic_table(part, text))
              for name, value in views.other_summary(report).items()
              for title, part in views.summary_parts(name, value)]
    empty = views.empty_layers(report)
    if empty:
        parts.append(f"\n_Nothing found in: {md(', '.join(empty))}_\n")
    return "".join(parts)


class MarkdownRenderer:
    """One Markdown document per report; a batch is the documents separated by rules."""

    def render(self, report: Report) -> str:
        sections = (header, sources, people, speakers, quotes, claims, numeric_checks, techniques, entities, others)
        return "".join(part(report) for part in sections)

    def render_many(self, reports: Iterable[Report]) -> Iterator[str]:
        for index, report in enumerate(reports):
            yield ("\n---\n\n" if index else "") + self.render(report)


RENDERERS = {"markdown": MarkdownRenderer()}
