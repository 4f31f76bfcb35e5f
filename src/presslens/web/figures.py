"""The figures the corpus pages chart, computed through the store's public methods.

Each function reads a bounded number of rows (the ``MAX_*`` constants) so that
a page stays quick on a large corpus; the pages say when a limit was reached.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Any


#: Reuse pairs read for the graph and the outlet pages.
MAX_REUSE_PAIRS = 500
#: A speaker's quotes traced through full-text search to the articles that repeat them.
MAX_TRACED_QUOTES = 40
#: Words of a quote searched for as a phrase; fewer than the minimum is too common to trace.
TRACE_WORDS, MIN_TRACE_WORDS = 12, 4
#: Outlets drawn as their own line in a speaker's quotes; the rest are summed as "other outlets".
TOP_OUTLETS = 5

OTHER_OUTLETS = "other outlets"


def month(published: str | None) -> str | None:
    """``2021-12`` for a date ``2021-12-29``; None for an undated article."""
    return published[:7] if published else None


def reuse_flows(store, *, outlet: str | None = None, show_boilerplate: bool = False) -> list[dict[str, Any]]:
    """Reuse pairs as flows from the source article (the earlier one, see ``corpus.reuse_kinds``) to the other.

    A pair without a known source keeps its stored order and ``direction: "unknown"``. Boilerplate pairs
    are left out unless ``show_boilerplate``. With ``outlet``, only pairs with that outlet on one side.
    """
    flows = []
    for pair in store.reuse_pairs(limit=MAX_REUSE_PAIRS, hide_kinds=() if show_boilerplate else ("boilerplate",)):
        flipped = pair.get("source") == pair["b"]
        source, target = ("b", "a") if flipped else ("a", "b")
        flow = {
            "source": pair[source], "target": pair[target],
            "source_outlet": pair[f"{source}_outlet"], "target_outlet": pair[f"{target}_outlet"],
            "source_published": pair[f"{source}_published"], "target_published": pair[f"{target}_published"],
            "share": max(pair["share_a"], pair["share_b"]), "kind": pair.get("kind"),
            "direction": "known" if pair.get("source") in (pair["a"], pair["b"]) else "unknown",
            "passages": pair["passages"],
        }
        if outlet is None or outlet.lower() in (str(flow["source_outlet"]).lower(), str(flow["target_outlet"]).lower()):
            flows.append(flow)
    return flows


def outlet_graph(store, flows: list[dict[str, Any]]) -> tuple[list[dict], list[tuple[str, str, int]]]:
    """Nodes (outlets, weighted by reuse pairs) and edges (source outlet -> target outlet, pair count)."""
    edges: Counter[tuple[str, str]] = Counter()
    weights: Counter[str] = Counter()
    for flow in flows:
        source, target = flow["source_outlet"] or "unknown outlet", flow["target_outlet"] or "unknown outlet"
        weights[source] += 1
        weights[target] += 1
        if source != target:
            edges[(source, target)] += 1
    state = {row["name"]: row["state_affiliated"] for row in store.outlets()}
    nodes = [{"name": name, "weight": weight, "state_affiliated": state.get(name)}
             for name, weight in sorted(weights.items())]
    return nodes, [(source, target, count) for (source, target), count in sorted(edges.items())]


def quotes_by_month(quotes: list[dict[str, Any]]) -> dict[str, dict[str, float]]:
    """A speaker's quotes counted by month, one series per outlet (the biggest few) plus the rest."""
    dated = [quote for quote in quotes if quote.get("published")]
    top = {name for name, _count in Counter(quote["outlet"] or "unknown outlet" for quote in dated)
           .most_common(TOP_OUTLETS)}
    series: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for quote in dated:
        name = quote["outlet"] or "unknown outlet"
        series[name if name in top else OTHER_OUTLETS][month(quote["published"])] += 1
    return {name: dict(points) for name, points in series.items()}


def trace_phrase(text: str) -> str | None:
    """The FTS5 phrase query for the first words of a quote, or None when it is too short to trace."""
    words = re.findall(r"\w+", text)[:TRACE_WORDS]
    return '"' + " ".join(words) + '"' if len(words) >= MIN_TRACE_WORDS else None


def republished(store, quotes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """For each traced quote, the other stored articles whose text repeats its opening words."""
    traced = []
    seen: set[str] = set()
    for quote in quotes:
        phrase = trace_phrase(quote["text"])
        if phrase is None or phrase in seen:
            continue
        seen.add(phrase)
        if len(seen) > MAX_TRACED_QUOTES:
            break
        hits = store.search(phrase, limit=50)
        others = [hit for hit in hits if hit["id"] != quote["article_id"]]
        if others:
            traced.append({"quote": quote, "articles": others})
    return traced
