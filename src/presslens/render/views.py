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
import hashlib
from collections import Counter
from typing import Any, Mapping, Sequence

from ..article import METADATA_FIELDS, Article, Span
from ..report import Report, span_to_dict

#: Layers with a dedicated section; any other layer is shown as a generic table.
KNOWN_LAYERS = ("sources", "entities", "quotes", "claims", "numeric_checks", "techniques")

#: Summary entries with a dedicated section; any other entry is shown generically.
KNOWN_SUMMARY = ("publisher", "people", "speakers", "techniques_summary")

#: Column order for the summary tables whose rows analyzers build.
SPEAKER_COLUMNS = ("name", "role", "quotes", "words", "direct", "indirect", "mixed", "outlets")
PEOPLE_COLUMNS = ("name", "roles", "mentions")
SPAN_COLUMNS = ("text", "label", "score", "explanation")

#: Number of colours in the palette that speakers and techniques are drawn from.
PALETTE_SIZE = 16


def plain(value: Any, text: str = "") -> str:
    """One line of text for any report value: spans become their text, lists are joined."""
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
        if isinstance(value.get("text"), str) and "start" in value:
            return value["text"]
        return ", ".join(f"{key}: {plain(item, text)}" for key, item in value.items())
    if isinstance(value, (list, tuple, set, frozenset)):
        return "; ".join(plain(item, text) for item in value)
    return str(value)


def attr(span: Span, name: str) -> Any:
    return span.attrs.get(name)


def palette_index(name: str | None) -> int | None:
    """A stable colour for a name (a speaker, a technique): the same in every report and run."""
    if not name:
        return None
    digest = hashlib.blake2s(name.casefold().encode("utf-8"), digest_size=4).digest()
    return int.from_bytes(digest, "big") % PALETTE_SIZE


def header_rows(article: Article) -> list[tuple[str, str, str]]:
    """``(field, value, where it came from)`` for each metadata field that has a value."""
    rows = []
    for name in METADATA_FIELDS:
        value = getattr(article, name)
        if value not in (None, ""):
            rows.append((name, plain(value), article.field_sources.get(name, "")))
    return rows


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
    """``state-affiliated (Russia, state news agency)``; empty when not known to be state media.

    ``item`` is a source span, an outlet row or profile (a mapping or a dataclass).
    """
    if isinstance(item, Span):
        item = item.attrs
    elif dataclasses.is_dataclass(item) and not isinstance(item, type):
        item = dataclasses.asdict(item)
    if not isinstance(item, Mapping):
        return ""
    get = item.get
    if get("state_affiliated") is not True:
        return ""
    detail = ", ".join(plain(get(key)) for key in ("country", "typology") if get(key))
    return f"state-affiliated ({detail})" if detail else "state-affiliated"


def checkworthiness(claim: Span) -> float | None:
    value = attr(claim, "checkworthiness")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    return claim.score


def ranked_claims(claims: Sequence[Span]) -> list[Span]:
    """Most check-worthy first; claims without a score last, in text order."""
    return sorted(claims, key=lambda claim: (-(checkworthiness(claim) or -1.0), claim.start, claim.end))


def technique(span: Span) -> str:
    return plain(attr(span, "technique")) or span.label or "technique"


def technique_counts(spans: Sequence[Span]) -> list[tuple[str, int]]:
    """Techniques by how often they occur, ties by name."""
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


def other_summary(report: Report) -> dict[str, Any]:
    return {name: value for name, value in report.summary.items() if name not in KNOWN_SUMMARY}


def tabulate(value: Any, text: str = "", preferred: Sequence[str] = ()) -> tuple[list[str], list[list[str]]]:
    """``(columns, rows of strings)`` for any report value, for a generic table.

    A list of mappings (or spans) becomes one row each, with the ``preferred``
    columns first and then every other key in order of first appearance; a
    mapping becomes key/value rows; anything else a single value column.
    """
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        value = dataclasses.asdict(value)
    if isinstance(value, Mapping):
        return ["key", "value"], [[str(key), plain(item, text)] for key, item in value.items()]
    if not isinstance(value, (list, tuple)):
        return ["value"], [[plain(value, text)]]
    items = [span_to_dict(item, text) if isinstance(item, Span) else item for item in value]
    if not all(isinstance(item, Mapping) for item in items):
        return ["value"], [[plain(item, text)] for item in items]
    seen = dict.fromkeys(key for item in items for key in item if key not in ("start", "end"))
    columns = [key for key in preferred if key in seen] + [key for key in seen if key not in preferred]
    return columns, [[plain(item.get(column), text) for column in columns] for item in items]


def span_table(spans: Sequence[Span], text: str) -> tuple[list[str], list[list[str]]]:
    return tabulate(list(spans), text, SPAN_COLUMNS)


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
            "typology": attr(span, "typology"),
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
        kind = plain(attr(span, "kind")) or "quote"
        return f"{kind} quote: {who}" + (f" (via {via})" if via else "")
    if layer == "sources":
        name = plain(attr(span, "name")) or span.text_in(text)
        affiliation = state_badge(span) or (
            "not state-affiliated" if attr(span, "state_affiliated") is False else "affiliation unknown")
        parts = [name, affiliation, plain(attr(span, "kind")), plain(attr(span, "cue"), text)]
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
        return f"numbers {verdict}" + (f": {span.explanation}" if span.explanation else "")
    if layer == "techniques":
        score = confidence(span)
        head = technique(span) + (f" ({score:.2f})" if score is not None else "")
        return head + (f": {span.explanation}" if span.explanation else "")
    parts = [span.label, f"{span.score:.2f}" if span.score is not None else "", span.explanation]
    return " · ".join(part for part in parts if part) or layer
