"""Quote propagation: the same quote (same speaker, similar words) across articles, and how it changed.

Quotes of one speaker are taken in order of publication; each joins the group
of the first version it resembles (its words match most of the shorter one's,
or the two are similar overall), or starts a new group. For every group seen
in two articles or more the first appearance is reported, and each later
version with the words added, dropped and altered relative to the first.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Iterable, Mapping

_WORD = re.compile(r"\w+(?:['’]\w+)*")


@dataclass(frozen=True)
class QuoteParams:
    #: Shortest quote considered, in words.
    min_words: int = 4
    #: A quote joins a group when this share of the shorter version's words match in order...
    min_containment: float = 0.7
    #: ...or when the versions are this similar overall (difflib ratio over words).
    min_ratio: float = 0.6


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def _speaker_key(name: str | None) -> str | None:
    return " ".join(name.split()).casefold() if name else None


def similarity(first: list[str], second: list[str]) -> tuple[float, float]:
    """``(containment, ratio)`` of two word lists compared case-insensitively."""
    matcher = difflib.SequenceMatcher(None, [w.casefold() for w in first], [w.casefold() for w in second],
                                      autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    shorter = min(len(first), len(second)) or 1
    return matched / shorter, matcher.ratio()


def word_changes(first: str, later: str) -> dict[str, list]:
    """What changed from ``first`` to ``later``: words ``added``, ``dropped``, and ``altered`` as [from, to]."""
    before, after = words(first), words(later)
    changes: dict[str, list] = {"added": [], "dropped": [], "altered": []}
    matcher = difflib.SequenceMatcher(None, [w.casefold() for w in before], [w.casefold() for w in after],
                                      autojunk=False)
    for operation, i1, i2, j1, j2 in matcher.get_opcodes():
        if operation == "insert":
            changes["added"].append(" ".join(after[j1:j2]))
        elif operation == "delete":
            changes["dropped"].append(" ".join(before[i1:i2]))
        elif operation == "replace":
            changes["altered"].append([" ".join(before[i1:i2]), " ".join(after[j1:j2])])
    return changes


def propagation(quotes: Iterable[Mapping], params: QuoteParams = QuoteParams()) -> list[dict]:
    """Group quotes (dicts with ``article_id, text, speaker, outlet, published``) that recur across articles.

    Returns one dict per group found in at least two articles, most widely
    repeated first: ``speaker``, ``articles``, ``outlets``, ``first`` (the
    earliest version) and ``versions`` (every later one, with its changes).
    """
    by_speaker: dict[str, list[Mapping]] = {}
    for quote in quotes:
        key = _speaker_key(quote.get("speaker"))
        if key and len(words(quote["text"])) >= params.min_words:
            by_speaker.setdefault(key, []).append(quote)
    groups: list[dict] = []
    for speaker_quotes in by_speaker.values():
        speaker_quotes.sort(key=lambda q: (q.get("published") is None, str(q.get("published")), q["article_id"]))
        speaker_groups: list[tuple[list[str], list[Mapping]]] = []
        for quote in speaker_quotes:
            quote_words = words(quote["text"])
            best, best_score = None, 0.0
            for group_words, members in speaker_groups:
                containment, ratio = similarity(group_words, quote_words)
                if (containment >= params.min_containment or ratio >= params.min_ratio) and \
                        containment + ratio > best_score:
                    best, best_score = members, containment + ratio
            if best is None:
                speaker_groups.append((quote_words, [quote]))
            else:
                best.append(quote)
        groups.extend(_describe(members) for _, members in speaker_groups
                      if len({m["article_id"] for m in members}) > 1)
    return sorted(groups, key=lambda g: (-len(g["articles"]), g["speaker"], g["first"]["article_id"]))


def _version(quote: Mapping) -> dict:
    return {"article_id": quote["article_id"], "outlet": quote.get("outlet"),
            "published": None if quote.get("published") is None else str(quote["published"]),
            "text": quote["text"]}


def _describe(members: list[Mapping]) -> dict:
    first = members[0]
    versions = []
    for quote in members[1:]:
        changes = word_changes(first["text"], quote["text"])
        versions.append({**_version(quote), "identical": not any(changes.values()), **changes})
    return {
        "speaker": first["speaker"],
        "articles": sorted({m["article_id"] for m in members}),
        "outlets": sorted({m["outlet"] for m in members if m.get("outlet")}),
        "first": _version(first),
        "versions": versions,
    }
