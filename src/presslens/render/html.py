"""HTML output: the article with its findings highlighted, and side panels.

:func:`render_fragment` returns one report as a ``<section class="pl-report">``
without a page around it; it needs ``static/report.css`` and
``static/report.js`` (package data), which the web app serves as files and
:class:`HTMLRenderer` inlines into one self-contained page.

Every string taken from the report (article text, metadata, speaker names,
explanations) goes through :func:`html.escape`, in text and in attribute
values alike. Class names are never built from report strings, only from
fixed sets, and the script reads data attributes and never writes markup.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Any, Iterable, Iterator, Mapping, Sequence
from urllib.parse import urlsplit

from ..article import Span
from ..report import Report
from . import views
from .segments import Run, segment

#: Layers in nesting order, outermost first. Unknown layers follow, in report order.
LAYER_ORDER = ("quotes", "sources", "entities", "claims", "numeric_checks", "techniques")

#: Layers whose highlights start switched off (they would drown the others).
HIDDEN_BY_DEFAULT = frozenset({"entities"})

#: Numeric-check verdicts that have a colour of their own.
VERDICTS = ("consistent", "approximate", "inconsistent")

#: Quote kinds that the speakers table counts, shown in one column.
SPEAKER_KINDS = ("direct", "indirect", "mixed")

#: The keys under which sentences and blocks are cut into runs with the layers: not strings, so never a layer's name.
SENTENCES: Any = object()
BLOCKS: Any = object()

#: Block kinds with a style of their own in the text (``static/report.css`` ``.pl-b-KIND``); the names are
#: :data:`presslens.article.BLOCK_KINDS`, a fixed set, so they may be class names.
STYLED_BLOCKS = frozenset({"title", "standfirst", "heading", "blockquote", "caption", "byline", "dateline", "credit"})

#: Tints of the sentence marks (``static/report.css`` ``.pl-sent-N``).
SENTENCE_LEVELS = 5

#: URL schemes that may become a link; anything else (``javascript:``) stays text.
LINK_SCHEMES = ("http", "https")


def e(value: Any) -> str:
    """Escape any report value for HTML text or a quoted attribute value."""
    return html.escape(value if isinstance(value, str) else views.plain(value), quote=True)


@lru_cache(maxsize=None)
def static_text(name: str) -> str:
    """The text of a file in ``presslens/render/static`` (``report.css``, ``report.js``)."""
    return files("presslens.render").joinpath("static", name).read_text(encoding="utf-8")


def ordered_layers(report: Report) -> dict[str, list[Span]]:
    """Non-empty layers, known ones in :data:`LAYER_ORDER` and then the others."""
    known = [name for name in LAYER_ORDER if report.spans(name)]
    others = [name for name, spans in report.layers.items() if name not in LAYER_ORDER and spans]
    return {name: report.spans(name) for name in known + others}


@dataclass(frozen=True)
class Colours:
    """The palette class of each speaker and each technique in one report."""

    speakers: dict[str, int]
    techniques: dict[str, int]

    @classmethod
    def of(cls, report: Report) -> "Colours":
        text = report.article.text
        names = [views.speaker(quote, text)[0] for quote in report.spans("quotes")]
        rows = report.summary.get("speakers")
        if isinstance(rows, list):
            names += [views.plain(row.get("name")) for row in rows if isinstance(row, Mapping)]
        return cls(views.palette(names), views.palette(views.technique(span) for span in report.spans("techniques")))

    def speaker(self, name: str | None) -> str:
        return self._css(self.speakers.get(name or ""))

    def technique(self, name: str) -> str:
        return self._css(self.techniques.get(name))

    @staticmethod
    def _css(index: int | None) -> str:
        return "pl-c-none" if index is None else f"pl-c{index}"


# --- the highlighted text ---------------------------------------------------------------------------------

def _classes(layer: str, span: Span, text: str, colours: Colours) -> list[str]:
    classes = ["pl-hl", f"pl-l-{layer}" if layer in LAYER_ORDER else "pl-l-other"]
    if layer in HIDDEN_BY_DEFAULT:
        classes.append("pl-off")
    if layer == "quotes":
        classes.append(colours.speaker(views.speaker(span, text)[0]))
    elif layer == "techniques":
        classes.append(colours.technique(views.technique(span)))
    elif layer == "sources" and views.attr(span, "state_affiliated") is True:
        classes.append("pl-state")
    elif layer == "claims":
        worth = views.checkworthiness(span)
        if worth is not None:
            classes.append("pl-cw-high" if worth >= 0.7 else "pl-cw-low" if worth < 0.4 else "pl-cw-mid")
    elif layer == "numeric_checks":
        verdict = views.attr(span, "verdict")
        if verdict in VERDICTS:
            classes.append(f"pl-v-{verdict}")
    return classes


def _open_tag(layer: str, spans: Sequence[Span], titles: Sequence[str], indices: Sequence[int], run: Run,
              text: str, colours: Colours) -> str:
    innermost = min((spans[index] for index in indices), key=lambda span: (-span.start, span.end))
    keys = " ".join(f"{layer}:{index}" for index in indices)
    title = "\n".join(titles[index] for index in indices)
    attrs = (f'class="{" ".join(_classes(layer, innermost, text, colours))}" data-layer="{e(layer)}" '
             f'data-keys="{e(keys)}" title="{e(title)}"')
    ends_state_source = layer == "sources" and any(
        spans[index].end == run.end and views.attr(spans[index], "state_affiliated") is True for index in indices)
    if ends_state_source:
        country = views.plain(views.attr(innermost, "country"))
        attrs += f' data-badge="{e("state media" + (f" · {country}" if country else ""))}"'
    return f"<span {attrs}>"


def _sentence_tag(sentence: Span, run: Run) -> str:
    start = " pl-sent-start" if run.start == sentence.start else ""
    return (f'<span class="pl-sent pl-sent-{sentence_level(sentence.score or 0.0)}{start}" '
            f'title="{e(f"sentence technique score {sentence.score:.2f}")}">')


def styled_blocks(report: Report) -> list[Span]:
    """The article's blocks that are styled in the text (headings, captions...), as spans labelled by kind."""
    return [Span(block.start, block.end, block.kind) for block in report.article.blocks
            if block.kind in STYLED_BLOCKS and block.end > block.start]


def highlighted_text(report: Report, colours: Colours, sentences: Sequence[Span] = ()) -> str:
    """The article text as HTML, each run wrapped in one element per layer that covers it.

    Styled blocks (:data:`STYLED_BLOCKS`) wrap the runs outermost, then ``sentences``
    (see :func:`sentence_spans`), the first run of each marked with the sentence's score tint.
    """
    text = report.article.text
    layers = ordered_layers(report)
    blocks = styled_blocks(report)
    titles = {layer: [views.describe(layer, span, text) for span in spans] for layer, spans in layers.items()}
    pieces = []
    for run in segment(len(text), {BLOCKS: blocks, SENTENCES: sentences, **layers}):
        covers = dict(run.covers)
        block, sentence = covers.pop(BLOCKS, ()), covers.pop(SENTENCES, ())
        opening = "".join(f'<span class="pl-block pl-b-{blocks[index].label}">' for index in block)
        opening += "".join(_sentence_tag(sentences[index], run) for index in sentence)
        opening += "".join(_open_tag(layer, layers[layer], titles[layer], indices, run, text, colours)
                           for layer, indices in covers.items())
        pieces.append(opening + e(text[run.start:run.end]) + "</span>" * (len(covers) + len(sentence) + len(block)))
    return "".join(pieces)


# --- building blocks ----------------------------------------------------------------------------------------

def table(columns: Sequence[str], rows: Sequence[Sequence[str]], *, numeric: Sequence[str] = ()) -> str:
    """A table of already-escaped cells; ``numeric`` columns are right-aligned."""
    head = "".join(f"<th>{e(column)}</th>" for column in columns)
    body = "".join(
        "<tr>" + "".join(
            f'<td class="pl-num">{cell}</td>' if column in numeric else f"<td>{cell}</td>"
            for column, cell in zip(columns, row)) + "</tr>"
        for row in rows)
    return f'<div class="pl-scroll"><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'


def generic_table(value: Any, text: str, preferred: Sequence[str] = ()) -> str:
    columns, rows = views.tabulate(value, text, preferred, limit=views.GENERIC_ROW_LIMIT)
    return table(columns, [[e(cell) for cell in row] for row in rows], numeric=views.numeric_columns(columns, rows))


def layer_summary(report: Report, layer: str, without: Sequence[str] = ()) -> str:
    return "".join(f"<h3>{e(title)}</h3>" + generic_table(value, report.article.text)
                   for title, value in views.layer_summary(report, layer, without))


def panel(title: str, body: str) -> str:
    return f'<section class="pl-panel"><h2>{e(title)}</h2>{body}</section>'


def empty(what: str) -> str:
    return f'<p class="pl-empty">{e(what)}</p>'


def goto(layer: str, index: int, label: str) -> str:
    """A button that scrolls to a span in the text and shows its details."""
    return f'<button type="button" class="pl-goto" data-goto="{e(f"{layer}:{index}")}">{label}</button>'


def state_badge(item: Any) -> str:
    badge = views.state_badge(item)
    return f'<span class="pl-badge pl-badge-state" title="{e(badge)}">state media</span>' if badge else ""


# --- header, toggles, panels ----------------------------------------------------------------------------------

def header(report: Report) -> str:
    article = report.article
    title = f"<h1>{e(article.title)}</h1>" if article.title else ""
    rows = []
    for name, value, source in views.header_rows(report):
        shown = e(value)
        if name == "url" and urlsplit(value).scheme.lower() in LINK_SCHEMES:
            shown = f'<a href="{e(value)}" rel="noopener noreferrer nofollow">{e(value)}</a>'
        if name == "publisher":
            shown += state_badge(report.summary["publisher"])
        origin = f'<span class="pl-from">from {e(source)}</span>' if source else ""
        rows.append(f"<dt>{e(name)}</dt><dd>{shown}{origin}</dd>")
    meta = f'<dl class="pl-meta">{"".join(rows)}</dl>' if rows else ""
    removed = views.removed_note(article)
    note = f'<p class="pl-note">{e(removed)}</p>' if removed else ""
    warnings = ""
    if report.warnings:
        items = "".join(f"<li>{e(warning)}</li>" for warning in report.warnings)
        warnings = f'<ul class="pl-warnings">{items}</ul>'
    return f'<header class="pl-header">{title}{meta}{note}{warnings}</header>'


def toggles(layers: dict[str, list[Span]]) -> str:
    if not layers:
        return ""
    boxes = []
    for layer, spans in layers.items():
        checked = "" if layer in HIDDEN_BY_DEFAULT else " checked"
        boxes.append(f'<label><input type="checkbox" data-layer-toggle="{e(layer)}"{checked}> '
                     f'{e(views.title(layer))} <span class="pl-count">{len(spans)}</span></label>')
    return f'<fieldset class="pl-toggles"><legend class="pl-count">Layers</legend>{"".join(boxes)}</fieldset>'


def details(layers: dict[str, list[Span]], text: str) -> str:
    """One hidden entry per span; the script shows those under a clicked highlight."""
    items = []
    for layer, spans in layers.items():
        for index, span in enumerate(spans):
            items.append(
                f'<li class="pl-detail" data-key="{e(f"{layer}:{index}")}" hidden>'
                f'<span class="pl-detail-layer">{e(views.title(layer))}</span> '
                f'<span class="pl-detail-text">{e(views.quoted(span.text_in(text)))}</span> '
                f'<span class="pl-detail-about">{e(views.describe(layer, span, text))}</span></li>')
    hint = '<p class="pl-details-hint pl-empty">Click a highlight to see what was found there.</p>'
    return f'<section class="pl-details" aria-live="polite"><h2>Selected</h2>{hint}<ul>{"".join(items)}</ul></section>'


def speakers_panel(report: Report, colours: Colours) -> str:
    rows = report.summary.get("speakers")
    if not rows:
        return panel("Speakers", empty("No quoted speakers."))
    columns, cells = views.speaker_table(rows, report.article.text)
    numeric = views.numeric_columns(columns, cells)
    merged = {"role": "name", **{kind: "direct / indirect / mixed" for kind in SPEAKER_KINDS}}
    shown = list(dict.fromkeys(merged.get(column, column) for column in columns if column != "kind"))
    escaped = []
    for row in cells:
        cell = dict(zip(columns, row))
        values = {column: e(cell.get(column, "")) for column in shown}
        if "name" in values:
            role = f'<span class="pl-role">{e(cell["role"])}</span>' if cell.get("role") else ""
            values["name"] = f'<span class="pl-swatch {colours.speaker(cell["name"])}"></span>{e(cell["name"])}{role}'
        if "direct / indirect / mixed" in values:
            values["direct / indirect / mixed"] = " / ".join(e(cell.get(kind, "")) or "–" for kind in SPEAKER_KINDS)
        escaped.append([values[column] for column in shown])
    right = [column for column in shown if column in numeric or column == "direct / indirect / mixed"]
    return panel("Speakers", table(shown, escaped, numeric=right))


def outlets_panel(report: Report) -> str:
    rows = views.outlet_rows(report)
    if not rows:
        return panel("Cited outlets", empty("No outlets cited."))
    cells = []
    for row in rows:
        details_cell = ", ".join(views.plain(row[key]) for key in ("country", "typology") if row[key])
        cells.append([e(row["name"]) + state_badge(row), e(details_cell), e(row["mentions"]),
                      e(", ".join(row["kinds"])), e("; ".join(row["cues"]))])
    return panel("Cited outlets", table(["outlet", "profile", "mentions", "as", "cues"], cells, numeric=("mentions",)))


def people_panel(report: Report) -> str:
    people = report.summary.get("people")
    if not people:
        return panel("People", empty("No people identified."))
    return panel("People", generic_table(people, report.article.text, views.PEOPLE_COLUMNS))


def claims_panel(report: Report) -> str:
    claims = report.spans("claims")
    if not claims:
        return panel("Claims", empty("No claims found."))
    text = report.article.text
    position = {id(claim): index for index, claim in enumerate(claims)}
    items = []
    for claim in views.ranked_claims(claims):
        worth = views.checkworthiness(claim)
        badge = f'<span class="pl-badge">{worth:.2f}</span> ' if worth is not None else ""
        kind = views.plain(views.attr(claim, "type"))
        about = f' <span class="pl-count">{e(kind)}</span>' if kind else ""
        items.append(f"<li>{badge}{goto('claims', position[id(claim)], e(claim.text_in(text)))}{about}</li>")
    return panel("Claims, most check-worthy first",
                 f'<ol class="pl-claims">{"".join(items)}</ol>' + layer_summary(report, "claims"))


def numbers_panel(report: Report) -> str:
    checks = report.spans("numeric_checks")
    if not checks:
        return ""
    text = report.article.text
    items = []
    for index, check in enumerate(checks):
        verdict = views.plain(views.attr(check, "verdict")) or "checked"
        css = f" pl-badge-{verdict}" if verdict in VERDICTS else ""
        numbers = views.plain(views.attr(check, "numbers"), text)
        items.append(f'<li><span class="pl-badge{css}">{e(verdict)}</span> '
                     f'{goto("numeric_checks", index, e(check.text_in(text)))}'
                     f'<br>{e(check.explanation)}'
                     + (f' <span class="pl-count">numbers: {e(numbers)}</span>' if numbers else "") + "</li>")
    return panel("Numeric checks",
                 f'<ul class="pl-numbers">{"".join(items)}</ul>' + layer_summary(report, "numeric_checks"))


def technique_legend(report: Report, colours: Colours) -> str:
    """Each technique found, in its colour, with its count: the key to the wavy underlines."""
    counts = views.technique_counts(report.spans("techniques"))
    if not counts:
        return ""
    items = "".join(
        f'<li><span class="pl-swatch pl-swatch-line {colours.technique(label)}"></span>'
        f'{e(views.technique_name(label))} <span class="pl-count">{count}</span></li>'
        for label, count in counts)
    return f'<h2>Techniques</h2><ul class="pl-legend">{items}</ul>'


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def sentence_spans(report: Report) -> list[Span]:
    """The technique model's sentence scores (``techniques_summary.sentences``) as spans, those with offsets."""
    summary = report.summary.get("techniques_summary")
    rows = summary.get("sentences") if isinstance(summary, Mapping) else None
    spans = []
    for row in rows if isinstance(rows, list) else ():
        if not isinstance(row, Mapping):
            continue
        start, end, score = row.get("start"), row.get("end"), row.get("score")
        if (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(report.article.text)
                and _number(score)):
            spans.append(Span(start, end, "SENTENCE", float(score)))
    return sorted(spans, key=lambda span: span.start)


def sentence_level(score: float) -> int:
    """The tint of a sentence's mark, 0 (faint) to :data:`SENTENCE_LEVELS` - 1 (dark)."""
    return min(int(max(score, 0.0) * SENTENCE_LEVELS), SENTENCE_LEVELS - 1)


def sentence_scale() -> str:
    """The key to the sentence marks."""
    steps = "".join(f'<span class="pl-sent-step pl-sent-{level}"></span>' for level in range(SENTENCE_LEVELS))
    return ('<h2>Sentence scores</h2><p class="pl-sent-key">'
            f'<span class="pl-count">0</span>{steps}<span class="pl-count">1</span> '
            "the bar before each sentence: how likely the technique model finds a technique in it "
            "(hover for the score)</p>")


def key_panel(report: Report, layers: dict[str, list[Span]], colours: Colours, sentences: Sequence[Span]) -> str:
    """The sticky box at the top of the side column: the legend, the sentence-score key and the selection."""
    legend = technique_legend(report, colours)
    scale = sentence_scale() if sentences else ""
    return f'<div class="pl-key">{legend}{scale}{details(layers, report.article.text)}</div>'


def techniques_panel(report: Report, colours: Colours, sentences_shown: bool) -> str:
    spans = report.spans("techniques")
    if not spans:
        return panel("Techniques", empty("No persuasion techniques found."))
    text = report.article.text
    found = []
    for index, span in enumerate(spans):
        label, score = views.technique(span), views.confidence(span)
        about = views.technique_name(label) + (f" {score:.2f}" if score is not None else "")
        found.append(f'<li><span class="pl-swatch pl-swatch-line {colours.technique(label)}"></span>'
                     f'{goto("techniques", index, e(views.quoted(span.text_in(text))))} '
                     f'<span class="pl-count">{e(about)}</span></li>')
    shown_in_text = ("sentences",) if sentences_shown else ()
    return panel("Techniques found", f'<ol class="pl-techniques">{"".join(found)}</ol>'
                 + layer_summary(report, "techniques", without=shown_in_text))


def other_panels(report: Report) -> str:
    text = report.article.text
    parts = [panel(views.title(name), generic_table(spans, text, views.SPAN_COLUMNS) + layer_summary(report, name))
             for name, spans in views.other_layers(report).items()]
    parts += [panel(title, generic_table(part, text))
              for name, value in views.other_summary(report).items()
              for title, part in views.summary_parts(name, value)]
    return "".join(parts)


def render_fragment(report: Report) -> str:
    """One report as an HTML fragment: header, layer toggles, highlighted article and side panels."""
    layers = ordered_layers(report)
    colours = Colours.of(report)
    sentences = sentence_spans(report)
    language = f' lang="{e(report.article.language)}"' if report.article.language else ""
    panels = (key_panel(report, layers, colours, sentences) + speakers_panel(report, colours) + outlets_panel(report)
              + people_panel(report) + claims_panel(report) + numbers_panel(report)
              + techniques_panel(report, colours, bool(sentences)) + other_panels(report))
    article_id = f' data-article-id="{e(report.article.id)}"' if report.article.id else ""
    text = highlighted_text(report, colours, sentences)
    return (f'<section class="pl-report"{article_id}>{header(report)}{toggles(layers)}'
            f'<div class="pl-body"><div class="pl-text"{language}>{text}</div>'
            f'<aside class="pl-panels">{panels}</aside></div></section>\n')


def page_head(title: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<meta name="generator" content="presslens">\n<title>{e(title)}</title>\n'
            f'<style>\n{static_text("report.css")}</style>\n</head>\n<body>\n<main>\n')


def page_tail() -> str:
    return f'</main>\n<script>\n{static_text("report.js")}</script>\n</body>\n</html>\n'


class HTMLRenderer:
    """One self-contained page: CSS and script inline, nothing loaded from elsewhere."""

    def render(self, report: Report) -> str:
        return "".join(self.render_many([report]))

    def render_many(self, reports: Iterable[Report]) -> Iterator[str]:
        reports = iter(reports)
        first = next(reports, None)
        title = "presslens report" + (f": {first.article.title}" if first and first.article.title else "")
        yield page_head(title)
        if first is not None:
            yield render_fragment(first)
        for report in reports:
            yield render_fragment(report)
        yield page_tail()


RENDERERS = {"html": HTMLRenderer()}
