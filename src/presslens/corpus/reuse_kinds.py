"""What kind of reuse a pair of articles shows, and which of the two is the source.

Each shared passage gets a kind, checked in this order:

- ``boilerplate``: the same passage in at least :attr:`KindParams.boilerplate_articles` articles of one
  outlet (an editor's note, a newsletter plug, a standard disclaimer), or a small passage two articles
  of one outlet share at their start or end (a header or footer: "Zach Carter is a co-host of ..."),
  or a tiny one (under 5 % of both) anywhere (a stock sentence: "... is part of USA TODAY's One Nation
  initiative");
- ``shared_quote``: the passage lies mostly inside quotation marks (two outlets quoting the same words);
- ``syndication``: either article carries a wire credit ("(AP)", "— Reuters", "Source: TASS",
  "The Associated Press contributed") or both open with the same dateline ("WASHINGTON (AP) —");
- ``republication``: any other shared text.

A pair's kind is ``republication`` or ``syndication`` when any passage is, else ``shared_quote`` when
any passage is, else ``boilerplate``. The pair's ``source`` is the earlier of its two articles; on the
same date (or without dates) the one published by the credited wire; else ``None`` (direction unknown).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable, Mapping, Sequence

from .. import outlets

#: The kinds of reuse, from the least to the most telling of copying.
KINDS = ("boilerplate", "shared_quote", "syndication", "republication")

#: Kinds that show one article taking another's text (the rest: both took it elsewhere, or the outlet's template).
COPY_KINDS = frozenset({"syndication", "republication"})

_WIRES = r"AP|Reuters|AFP|TASS|UPI|Bloomberg|dpa|Xinhua|Interfax|RIA Novosti|Associated Press|Agence France-Presse"

#: Wire credits: "(AP)", "— Reuters", "Source: TASS", "The Associated Press contributed to this report".
WIRE_CREDIT = re.compile(
    rf"\(({_WIRES})\)|[—–]\s*({_WIRES})\b|\bSource:\s*({_WIRES})\b"
    rf"|\b(?:The\s+)?({_WIRES})\s+contributed\b")
#: A wire's name anywhere: what every wire credit holds, looked for first (a scan for a few words is 13x
#: cheaper than for the credits, and most texts name no wire).
WIRE_NAME = re.compile(_WIRES)

#: A dateline at the start of a line: "WASHINGTON (AP) —", "MOSCOW, Dec. 29 -".
DATELINE = re.compile(r"^\s*([A-Z][A-Z.' -]{2,40}?)(?:,[^—–\n-]{1,30})?\s*(?:\([^)\n]{1,30}\))?\s*[—–-]", re.M)

#: Only the first characters of an article are searched for its dateline.
DATELINE_CHARS = 600

#: Text inside quotation marks.
QUOTED = re.compile(r"“[^”]{1,3000}”|\"[^\"\n]{1,3000}\"|«[^»]{1,3000}»|„[^“”]{1,3000}[“”]")


@dataclass(frozen=True)
class KindParams:
    #: A passage found in this many articles of one outlet (or more) is boilerplate.
    boilerplate_articles: int = 4
    #: A passage two articles of one outlet share is also boilerplate when it is a small part of both
    #: (under this share)...
    edge_share: float = 0.2
    #: ...and lies in the first or last this share of both texts (a header or a footer),
    edge_zone: float = 0.2
    #: or wherever it lies when it is a tiny part of both (under this share: a stock sentence, a plug).
    stock_share: float = 0.05
    #: A passage is a shared quote when this share of its characters lies inside quotation marks.
    quoted_share: float = 0.5


def wire_credits(text: str) -> list[str]:
    """The wires an article credits, by their registry names, in order of appearance."""
    if not WIRE_NAME.search(text):
        return []
    found = []
    for match in WIRE_CREDIT.finditer(text):
        name = next(group for group in match.groups() if group)
        profile = outlets.lookup(name)
        found.append(profile.name if profile is not None else name)
    return list(dict.fromkeys(found))


def dateline(text: str) -> str | None:
    match = DATELINE.search(text[:DATELINE_CHARS])
    return " ".join(match.group(1).split()) if match else None


def quoted_share(text: str, start: int, end: int) -> float:
    """The share of ``text[start:end]`` inside quotation marks."""
    inside = sum(max(0, min(end, m.end()) - max(start, m.start())) for m in QUOTED.finditer(text, max(0, start - 3000),
                                                                                           end + 3000))
    return inside / max(1, end - start)


def boilerplate_ranges(records: Iterable[Mapping], outlet_of: Mapping[str, str | None],
                       min_articles: int) -> dict[str, list[tuple[int, int]]]:
    """Per article, the character ranges it shares with at least ``min_articles - 1`` articles of its outlet."""
    items: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for record in records:
        a, b = record["a"], record["b"]
        if outlet_of.get(a) is None or outlet_of.get(a) != outlet_of.get(b):
            continue
        for passage in record["passages"]:
            items[a].append((passage["a_start"], passage["a_end"], b))
            items[b].append((passage["b_start"], passage["b_end"], a))
    ranges: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for article, spans in items.items():
        for start, end, _ in spans:
            partners = {other for s, e, other in spans if s < end and start < e}
            if len(partners) + 1 >= min_articles:
                ranges[article].append((start, end))
    return ranges


def _at_edge(text: str, start: int, end: int, zone: float) -> bool:
    return end <= len(text) * zone or start >= len(text) * (1 - zone)


def _header_or_footer(record: Mapping, a: ArticleFacts, b: ArticleFacts, passage: Mapping,
                      params: KindParams) -> bool:
    """A small passage at the start or end of two articles of one outlet, or a tiny one anywhere in them."""
    if a.outlet is None or a.outlet != b.outlet:
        return False
    share = max(record["share_a"], record["share_b"])
    return share < params.stock_share or (
        share < params.edge_share
        and _at_edge(a.text, passage["a_start"], passage["a_end"], params.edge_zone)
        and _at_edge(b.text, passage["b_start"], passage["b_end"], params.edge_zone))


def _covered(ranges: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """Whether most of ``[start, end)`` lies in ``ranges``."""
    inside = sum(max(0, min(end, e) - max(start, s)) for s, e in ranges)
    return inside * 2 >= end - start


@dataclass(frozen=True)
class ArticleFacts:
    """What classifying needs of an article; ``outlet`` is its publisher's registry name where known."""

    text: str
    outlet: str | None
    published: dt.date | None


def classify(records: list[dict], articles: Mapping[str, ArticleFacts], params: KindParams = KindParams()) -> None:
    """Add ``kind``, ``source`` and ``credit`` to each pair record, and ``kind`` to each of its passages."""
    outlet_of = {article_id: facts.outlet for article_id, facts in articles.items()}
    boiler = boilerplate_ranges(records, outlet_of, params.boilerplate_articles)
    credits = {}
    datelines = {}
    for record in records:
        for side in (record["a"], record["b"]):
            if side not in credits:
                credits[side] = wire_credits(articles[side].text)
                datelines[side] = dateline(articles[side].text)
    for record in records:
        a, b = articles[record["a"]], articles[record["b"]]
        credit = next(iter(credits[record["a"]] + credits[record["b"]]), None)
        syndicated = credit is not None or (datelines[record["a"]] is not None
                                            and datelines[record["a"]] == datelines[record["b"]])
        for passage in record["passages"]:
            a_span, b_span = (passage["a_start"], passage["a_end"]), (passage["b_start"], passage["b_end"])
            if _covered(boiler.get(record["a"], ()), *a_span) or _covered(boiler.get(record["b"], ()), *b_span) \
                    or _header_or_footer(record, a, b, passage, params):
                passage["kind"] = "boilerplate"
            elif max(quoted_share(a.text, *a_span), quoted_share(b.text, *b_span)) >= params.quoted_share:
                passage["kind"] = "shared_quote"
            else:
                passage["kind"] = "syndication" if syndicated else "republication"
        found = {passage["kind"] for passage in record["passages"]}
        record["kind"] = max(found, key=KINDS.index) if found else "republication"
        record["credit"] = credit if record["kind"] == "syndication" else None
        record["source"] = _source(record, a, b)


def _source(record: Mapping, a: ArticleFacts, b: ArticleFacts) -> str | None:
    if a.published is not None and b.published is not None and a.published != b.published:
        return record["a"] if a.published < b.published else record["b"]
    credit = record.get("credit")
    if credit is not None:
        by_wire = [side for side, facts in ((record["a"], a), (record["b"], b)) if facts.outlet == credit]
        if len(by_wire) == 1:
            return by_wire[0]
    return None
