"""What every human-readable renderer shows, computed once from a :class:`Report`.

The terminal, Markdown and HTML renderers differ in markup only. The
choices of what to show (which header fields, claims in which order, which
layers and summary entries are unknown and shown generically) live here as
small pure functions that return plain values and strings.

Report fields written by analyzers may be missing or of an unexpected type;
these helpers never fail on that, they show what is there.
"""

from __future__ import annotations

import dataclasses
import zlib
from collections import Counter
from typing import Any, Iterable, Mapping, Sequence

from ..article import METADATA_FIELDS, Article, Span
from ..report import CONTRACT_LAYERS, Report, span_to_dict
from ..techniques.taxonomy import DISPLAY_NAMES

#: Summary entries with a dedicated section. An entry named ``<layer>_summary`` is shown in the
#: section of that layer when the layer has spans; any other entry is shown generically.
KNOWN_SUMMARY = ("publisher", "outlets_cited", "people", "speakers")

#: Column order for the summary tables whose rows analyzers build.
SPEAKER_COLUMNS = ("name", "role", "quotes", "words", "direct", "indirect", "mixed", "outlets")
PEOPLE_COLUMNS = ("name", "roles", "mentions")
SPAN_COLUMNS = ("text", "label", "score", "explanation")

#: Shown in the speakers table for the quotes nobody could be credited with.
UNATTRIBUTED = "(unattributed)"

#: Titles of the layers with a section of their own; any other layer is shown as a generic table.
LAYER_TITLES = {
    "quotes": "Quotes",
    "sources": "Cited outlets",
    "entities": "Entities",
    "claims": "Claims",
    "numeric_checks": "Numeric checks",
    "techniques": "Persuasion techniques",
}
KNOWN_LAYERS = tuple(LAYER_TITLES)

#: Rows a generic table shows before saying how many more there are.
GENERIC_ROW_LIMIT = 25

#: Number of colours in the palette that speakers and techniques are drawn from (``static/report.css``).
PALETTE_SIZE = 8


def plain(value: Any, text: str = "") -> str:
    """A string for any report value: spans become their text, lists and mappings are joined."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, Span):
        return value.text_in(text)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        value = dataclasses.asdict(value)
    if isinstance(value, Mapping):
        if _looks_like_span(value):
            return value["text"]
        return ", ".join(f"{key}: {plain(item, text)}" for key, item in value.items())
    if isinstance(value, (list, tuple, set, frozenset)):
        return "; ".join(plain(item, text) for item in value)
    return str(value)


def one_line(value: str) -> str:
    """``value`` with every run of whitespace, line breaks included, made one space."""
    return " ".join(value.split())


#: Marks that open a quotation, in the languages presslens meets.
OPENING_QUOTES = "\"'“„«‘‚‹「"
#: Marks that close a quotation; single marks are left out, as ``’`` is also the apostrophe.
CLOSING_QUOTES = "\"”»」"


def quoted(value: str) -> str:
    """``“value”`` on one line, with no mark doubled.

    A value that starts with a quotation mark of its own gets no opening mark,
    and one that ends with a closing mark (a quote's tail, ``I am ready,”``, or
    a nested quotation, ``said that “NATO is a project”``) gets no closing mark.
    """
    value = one_line(value)
    if value[:1] in OPENING_QUOTES:
        return value
    return f"“{value}" if value[-1:] in CLOSING_QUOTES else f"“{value}”"


def attr(span: Span, name: str) -> Any:
    return span.attrs.get(name)


def palette_index(name: str | None) -> int | None:
    """A stable colour for a name (a speaker, a technique): the same in every report and run."""
    if not name:
        return None
    return zlib.crc32(name.casefold().encode("utf-8")) % PALETTE_SIZE


def palette(names: Iterable[str | None]) -> dict[str, int]:
    """A colour per distinct name, decided by the names alone.

    Each name takes its :func:`palette_index` unless a name sorted before it
    took that colour, then the next free one; so up to :data:`PALETTE_SIZE`
    names in one report never share a colour, and a name keeps its colour
    in every report where it does not collide.
    """
    taken: set[int] = set()
    colours: dict[str, int] = {}
    for name in sorted({name for name in names if name}, key=lambda name: (name.casefold(), name)):
        start = palette_index(name)
        free = [slot for step in range(PALETTE_SIZE) if (slot := (start + step) % PALETTE_SIZE) not in taken]
        colours[name] = free[0] if free else start
        taken.add(colours[name])
    return colours


def title(name: str) -> str:
    """``numeric_checks`` -> ``Numeric checks``; known layers have their own titles."""
    return LAYER_TITLES.get(name) or name.replace("_", " ").strip().capitalize() or "(unnamed)"


def header_rows(report: Report) -> list[tuple[str, str, str]]:
    """``(field, value, where it came from)`` for each metadata field that has a value.

    The publishing outlet's profile, when the sources analyzer found one,
    follows the ``outlet`` field as ``publisher``.
    """
    article = report.article
    rows = []
    for name in METADATA_FIELDS:
        value = getattr(article, name)
        if value not in (None, ""):
            rows.append((name, plain(value), article.field_sources.get(name, "")))
        if name == "outlet" and report.summary.get("publisher"):
            rows.append(("publisher", profile_line(report.summary["publisher"]), "outlet registry"))
    return rows


def _as_mapping(value: Any) -> Mapping[str, Any] | None:
    """The fields of a span's attrs, a mapping or a dataclass; None for anything else."""
    if isinstance(value, Span):
        return value.attrs
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    return value if isinstance(value, Mapping) else None


def typology(item: Mapping[str, Any]) -> str:
    """The readable typology (``state-controlled media``) where there is one, else its code."""
    return plain(item.get("typology_label") or item.get("typology"))


def affiliation(item: Any) -> str:
    """``state-affiliated``, ``not state-affiliated`` or ``state affiliation unknown``."""
    fields = _as_mapping(item) or {}
    state = fields.get("state_affiliated")
    return "state-affiliated" if state is True else "not state-affiliated" if state is False else \
        "state affiliation unknown"


def profile_line(profile: Any) -> str:
    """``TASS (Russia, state-controlled media; parent: ...): state-affiliated`` for an outlet profile."""
    fields = _as_mapping(profile)
    if fields is None:
        return plain(profile)
    details = ", ".join(part for part in (plain(fields.get("country")), typology(fields)) if part)
    if fields.get("parent"):
        details += ("; " if details else "") + f"parent: {plain(fields['parent'])}"
    name = plain(fields.get("name")) or "no outlet named"
    return (f"{name} ({details})" if details else name) + f": {affiliation(fields)}"


def removed_note(article: Article) -> str:
    """How much boilerplate ingestion took out, and why; empty when nothing was removed."""
    if not article.removed:
        return ""
    reasons = Counter(item.reason for item in article.removed)
    chars = sum(len(item.text) for item in article.removed)
    detail = ", ".join(f"{reason} ×{count}" for reason, count in reasons.most_common())
    return f"{len(article.removed)} stretch(es) of boilerplate removed ({chars} characters): {detail}"


def speaker(quote: Span, text: str) -> tuple[str | None, str | None]:
    """``(canonical name, role)`` of a quote's speaker; ``(None, None)`` when unattributed."""
    who = attr(quote, "speaker")
    if isinstance(who, Span):
        name = who.attrs.get("name") or who.text_in(text) or None
        return name, who.attrs.get("role")
    if isinstance(who, Mapping):
        return who.get("name") or who.get("text"), who.get("role")
    if isinstance(who, str) and who:
        return who, None
    return None, None


def state_badge(item: Any) -> str:
    """``state-affiliated (Russia, state-controlled media)``; empty when not known to be state media.

    ``item`` is a source span, an outlet row or profile (a mapping or a dataclass).
    """
    fields = _as_mapping(item)
    if fields is None or fields.get("state_affiliated") is not True:
        return ""
    detail = ", ".join(part for part in (plain(fields.get("country")), typology(fields)) if part)
    return f"state-affiliated ({detail})" if detail else "state-affiliated"


def checkworthiness(claim: Span) -> float | None:
    value = attr(claim, "checkworthiness")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    return claim.score


def ranked_claims(claims: Sequence[Span]) -> list[Span]:
    """Most check-worthy first; claims without a score last, in text order."""
    def key(claim: Span) -> tuple:
        worth = checkworthiness(claim)
        return (worth is None, -(worth or 0.0), claim.start, claim.end)

    return sorted(claims, key=key)


def technique(span: Span) -> str:
    """The technique's label as the model spells it (``Name_Calling,Labeling``): what colours are keyed on."""
    return plain(attr(span, "technique")) or span.label or "technique"


def technique_name(label: str) -> str:
    """A technique as people write it (``Name calling, labeling``); an unknown label as it is."""
    return DISPLAY_NAMES.get(label, label)


def technique_counts(spans: Sequence[Span]) -> list[tuple[str, int]]:
    """Techniques (labels, see :func:`technique_name`) by how often they occur, ties by label."""
    counts = Counter(technique(span) for span in spans)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def confidence(span: Span) -> float | None:
    value = attr(span, "confidence")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    return span.score


def other_layers(report: Report) -> dict[str, list[Span]]:
    """Non-empty layers that no section knows, to be shown as generic tables."""
    return {name: spans for name, spans in report.layers.items() if name not in KNOWN_LAYERS and spans}


def empty_layers(report: Report) -> list[str]:
    """Layers with nothing in them: those of the report contract, then any other the report holds."""
    names = dict.fromkeys([*CONTRACT_LAYERS, *report.layers])
    return [name for name in names if not report.spans(name)]


def layer_summary(report: Report, layer: str, without: Sequence[str] = ()) -> list[tuple[str, Any]]:
    """The summary entry ``<layer>_summary`` (``claims_summary``) as tables, for that layer's section.

    Keys in ``without`` are left out (a renderer that shows them otherwise).
    """
    name = f"{layer}_summary"
    value = report.summary.get(name)
    if without and isinstance(value, Mapping):
        value = {key: item for key, item in value.items() if key not in without}
    return summary_parts(name, value) if value not in (None, "", [], {}) else []


def other_summary(report: Report) -> dict[str, Any]:
    """Summary entries that no section shows, to be shown as generic tables."""
    shown = {*KNOWN_SUMMARY, *(f"{layer}_summary" for layer, spans in report.layers.items() if spans)}
    return {name: value for name, value in report.summary.items() if name not in shown}


def tabulate(value: Any, text: str = "", preferred: Sequence[str] = (), *,
             limit: int | None = None) -> tuple[list[str], list[list[str]]]:
    """``(columns, rows of strings)`` for any report value, for a generic table.

    A list of mappings (or spans) becomes one row each, with the ``preferred``
    columns first and then every other key in order of first appearance; a
    mapping becomes key/value rows; anything else a single value column.
    Past ``limit`` rows, a last row says how many were left out.
    """
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        value = dataclasses.asdict(value)
    if isinstance(value, Mapping):
        columns, rows = ["key", "value"], [[str(key), plain(item, text)] for key, item in value.items()]
    elif not isinstance(value, (list, tuple)):
        columns, rows = ["value"], [[plain(value, text)]]
    else:
        items = [span_to_dict(item, text) if isinstance(item, Span) else item for item in value]
        if all(isinstance(item, Mapping) for item in items):
            seen = dict.fromkeys(str(key) for item in items for key in item if key not in ("start", "end"))
            columns = [key for key in preferred if key in seen] + [key for key in seen if key not in preferred]
            rows = [[plain(item.get(column), text) for column in columns] for item in items]
        else:
            columns, rows = ["value"], [[plain(item, text)] for item in items]
    if limit is not None and len(rows) > limit:
        rows = rows[:limit] + [[f"… {len(rows) - limit} more"] + [""] * (len(columns) - 1)]
    return columns, rows


def speaker_table(value: Any, text: str) -> tuple[list[str], list[list[str]]]:
    """The ``speakers`` summary as a table; the row for unattributed quotes is named :data:`UNATTRIBUTED`."""
    columns, rows = tabulate(value, text, SPEAKER_COLUMNS)
    if columns and columns[0] == "name":
        rows = [[row[0] or UNATTRIBUTED, *row[1:]] for row in rows]
    return columns, rows


def numeric_columns(columns: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """Columns whose filled cells are all numbers, to be right-aligned."""
    def number(cell: str) -> bool:
        try:
            float(cell.replace(",", ""))
        except ValueError:
            return False
        return True

    return [column for at, column in enumerate(columns)
            if any(row[at] for row in rows) and all(number(row[at]) for row in rows if row[at] and row[at][0] != "…")]


def _nested(value: Any) -> bool:
    if isinstance(value, Mapping):
        return not _looks_like_span(value)
    return isinstance(value, (list, tuple)) and any(isinstance(item, (Mapping, Span)) for item in value)


def _looks_like_span(value: Mapping) -> bool:
    return isinstance(value.get("text"), str) and "start" in value


def summary_parts(name: str, value: Any) -> list[tuple[str, Any]]:
    """A summary entry cut into tables: ``[(title, value), ...]``.

    A mapping's plain fields make one key/value table; each of its lists of
    records (say, per-sentence scores) and nested mappings gets a table of its own.
    """
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        value = dataclasses.asdict(value)
    if not isinstance(value, Mapping) or _looks_like_span(value):
        return [(title(name), value)]
    flat = {key: item for key, item in value.items() if not _nested(item)}
    parts = [(title(name), flat)] if flat else []
    parts += [(f"{title(name)}: {title(str(key)).lower()}", item) for key, item in value.items() if _nested(item)]
    return parts


def entity_groups(report: Report) -> list[tuple[str, list[tuple[str, int]]]]:
    """Non-person entities grouped by label: ``[(label, [(text, count), ...]), ...]``.

    People are listed from the ``people`` summary instead.
    """
    groups: dict[str, Counter] = {}
    text = report.article.text
    for span in report.spans("entities"):
        if span.label != "PERSON":
            groups.setdefault(span.label, Counter())[span.text_in(text)] += 1
    return [(label, counter.most_common()) for label, counter in sorted(groups.items())]


def outlet_rows(report: Report) -> list[dict[str, Any]]:
    """One row per cited outlet, in order of first mention: its profile, mentions and cues."""
    rows: dict[str, dict[str, Any]] = {}
    text = report.article.text
    for span in report.spans("sources"):
        name = plain(attr(span, "name")) or span.text_in(text)
        row = rows.setdefault(name, {
            "name": name,
            "state_affiliated": attr(span, "state_affiliated"),
            "country": attr(span, "country"),
            "typology": typology(span.attrs),
            "mentions": 0,
            "kinds": [],
            "cues": [],
        })
        row["mentions"] += 1
        kind, cue = plain(attr(span, "kind")), plain(attr(span, "cue"), text)
        if kind and kind not in row["kinds"]:
            row["kinds"].append(kind)
        if cue and cue not in row["cues"]:
            row["cues"].append(cue)
    return list(rows.values())


def describe(layer: str, span: Span, text: str) -> str:
    """One line saying what a span is, for a tooltip or a list of findings."""
    if layer == "quotes":
        name, role = speaker(span, text)
        who = ", ".join(part for part in (name, plain(role)) if part) or "unattributed"
        via = plain(attr(span, "outlet"))
        kind = plain(attr(span, "kind"))
        return (f"{kind} quote" if kind else "quote") + f": {who}" + (f" (via {via})" if via else "")
    if layer == "sources":
        name = plain(attr(span, "name")) or span.text_in(text)
        parts = [name, state_badge(span) or affiliation(span), plain(attr(span, "kind")),
                 plain(attr(span, "cue"), text)]
        return " · ".join(part for part in parts if part)
    if layer == "entities":
        name, role = plain(attr(span, "name")), plain(attr(span, "role"))
        return f"{span.label}: " + (name or span.text_in(text)) + (f" ({role})" if role else "")
    if layer == "claims":
        worth = checkworthiness(span)
        parts = [f"claim, check-worthiness {worth:.2f}" if worth is not None else "claim",
                 plain(attr(span, "type")), plain(attr(span, "speaker"), text)]
        return " · ".join(part for part in parts if part)
    if layer == "numeric_checks":
        verdict = plain(attr(span, "verdict")) or "checked"
        check = plain(attr(span, "check")).replace("_", " ")
        return (f"numbers {verdict}" + (f" ({check})" if check else "")
                + (f": {span.explanation}" if span.explanation else ""))
    if layer == "techniques":
        score = confidence(span)
        head = technique_name(technique(span)) + (f" ({score:.2f})" if score is not None else "")
        return head + (f": {span.explanation}" if span.explanation else "")
    parts = [span.label, f"{span.score:.2f}" if span.score is not None else "", span.explanation]
    return " · ".join(part for part in parts if part) or layer
