"""Quote propagation: the same quote of one person across articles, and how its wording changed.

Quotes are compared by the person who said them after corpus identity resolution
(:mod:`presslens.corpus.identity`: "Trump" and "Donald J. Trump" are one person) and by their words after
normalising typography (curly and straight quotes and apostrophes, dashes, hyphens inside words, case) and leaving out
attribution words ("he said", "Sanders said", "according to"). Quotes shorter than :attr:`QuoteParams.min_words` are
left out: a short fragment ("to believe is true") would join unrelated quotes.

Two versions are the same quote when the words they share in order cover most of *both* (the same
content as a whole), or when the shorter is a shortened version of the longer (see :func:`same_quote`). Quotes of one
person are taken in order of publication; each joins the group whose first version it matches best, or
starts a new group. Every group found in two articles or more is reported with its first appearance
and each later version's words added, dropped and altered relative to the first.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Mapping

_WORD = re.compile(r"\w+(?:'\w+)*")
#: A hyphen inside a word: "semi-private" and "semiprivate" are one spelling.
_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")

#: Typography folded before comparing: curly quotes and apostrophes, dashes.
TYPOGRAPHY = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"',
                            "—": "-", "–": "-"})

#: Attribution verbs left out of the comparison ("..., he said, ...").
ATTRIBUTION_VERBS = frozenset("said says say added adds noted notes asked asks wrote writes continued explained "
                              "stated told tells insisted argued responded replied according".split())
#: Words that go with an attribution verb right before or after it ("he said", "according to"); a
#: capitalised word right before one is the speaker's name ("Sanders said").
ATTRIBUTION_PARTNERS = frozenset("he she they we i it to".split())


#: Words per shingle of the candidate index.
SHINGLE = 3


@dataclass(frozen=True)
class QuoteParams:
    #: Shortest quote considered, in words (after leaving out attribution words).
    min_words: int = 6
    #: Two versions match when their aligned words cover this share of both (over ``min_aligned`` words),
    min_share: float = 0.6
    #: or this share of both, however short,
    min_near: float = 0.8
    #: Aligned words needed for a match that is not near-identical or one unbroken run.
    min_aligned: int = 8
    #: ...or the shorter is a shortened version: this share of it aligned with the longer,
    min_shortened: float = 0.85
    #: covering at least this share of the longer.
    min_longer: float = 0.3


def words(text: str) -> list[str]:
    """The words of a quote, typography normalised, attribution words left out."""
    found = _WORD.findall(_HYPHEN.sub("", text.translate(TYPOGRAPHY)))
    folded = [word.casefold() for word in found]
    drop = set()
    for index, word in enumerate(folded):
        if word in ATTRIBUTION_VERBS:
            drop.add(index)
            if index > 0 and (folded[index - 1] in ATTRIBUTION_PARTNERS or found[index - 1][:1].isupper()):
                drop.add(index - 1)
            if word == "according" and index + 1 < len(folded) and folded[index + 1] == "to":
                drop.add(index + 1)
    return [word for index, word in enumerate(found) if index not in drop]


def _blocks(first: list[str], second: list[str]) -> list[int]:
    """Sizes of the runs of words the two share in order (case-insensitive)."""
    matcher = difflib.SequenceMatcher(None, [w.casefold() for w in first], [w.casefold() for w in second],
                                      autojunk=False)
    return [block.size for block in matcher.get_matching_blocks() if block.size]


def similarity(first: list[str], second: list[str]) -> tuple[float, float]:
    """The share of ``first`` and of ``second`` covered by the words they share in order (case-insensitive)."""
    matched = sum(_blocks(first, second))
    return matched / (len(first) or 1), matched / (len(second) or 1)


def same_quote(first: list[str], second: list[str], params: QuoteParams = QuoteParams()) -> float | None:
    """How well two versions match (the sum of their aligned shares), or None when they are not one quote.

    The same content as a whole: both shares at least ``min_share`` over ``min_aligned`` words or more, or
    both at least ``min_near`` (a short quote with one word changed). A shortened version: the shorter's
    share at least ``min_shortened``, the longer's at least ``min_longer``, over ``min_aligned`` words or
    in one unbroken run. Short fragments sharing a few words ("We are going to ... so much") match neither.
    """
    blocks = _blocks(first, second)
    matched = sum(blocks)
    share_first, share_second = matched / (len(first) or 1), matched / (len(second) or 1)
    shorter, longer = max(share_first, share_second), min(share_first, share_second)
    whole = longer >= params.min_near or (longer >= params.min_share and matched >= params.min_aligned)
    shortened = shorter >= params.min_shortened and longer >= params.min_longer and \
        (matched >= params.min_aligned or len(blocks) == 1)
    return shorter + longer if whole or shortened else None


def word_changes(first: str, later: str) -> dict[str, list]:
    """What changed from ``first`` to ``later``: words ``added``, ``dropped``, and ``altered`` as [from, to].

    Typography and attribution words are not changes.
    """
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


def _may_match(first: Counter[str], second: Counter[str], params: QuoteParams) -> bool:
    """Whether the words two versions share (an upper bound of the aligned words) could make them one quote."""
    shared = sum((first & second).values())
    shorter, longer = sorted((first.total(), second.total()))
    return shared >= min(params.min_share, params.min_shortened) * shorter and shared >= params.min_longer * longer


def _shingles(quote_words: list[str]) -> set[tuple[str, ...]]:
    """Three-word shingles: only groups sharing one with a quote are compared with it."""
    folded = [word.casefold() for word in quote_words]
    return {tuple(folded[i : i + SHINGLE]) for i in range(max(1, len(folded) - SHINGLE + 1))}


def _speaker_key(name: str | None) -> str | None:
    return " ".join(name.split()).casefold() if name else None


def propagation(quotes: Iterable[Mapping], params: QuoteParams = QuoteParams()) -> list[dict]:
    """Group quotes (dicts with ``article_id, text, speaker, outlet, published``) that recur across articles.

    ``speaker`` should be the person's canonical name (``Store.quotes()`` gives it). Returns one dict per
    group found in at least two articles, most widely repeated first: ``speaker``, ``articles``,
    ``outlets``, ``first`` (the earliest version) and ``versions`` (every later one, with its changes).
    """
    by_speaker: dict[str, list[tuple[Mapping, list[str]]]] = {}
    for quote in quotes:
        key = _speaker_key(quote.get("speaker"))
        quote_words = words(quote["text"]) if key else []
        if len(quote_words) >= params.min_words:
            by_speaker.setdefault(key, []).append((quote, quote_words))
    groups: list[dict] = []
    for speaker_quotes in by_speaker.values():
        speaker_quotes.sort(key=lambda item: (item[0].get("published") is None, str(item[0].get("published")),
                                              item[0]["article_id"]))
        speaker_groups: list[tuple[list[str], list[Mapping]]] = []
        by_shingle: dict[tuple[str, ...], set[int]] = {}
        bags: list[Counter[str]] = []
        for quote, quote_words in speaker_quotes:
            shingles = _shingles(quote_words)
            candidates = set().union(*(by_shingle.get(shingle, ()) for shingle in shingles))
            best, best_score = None, 0.0
            bag = Counter(word.casefold() for word in quote_words)
            for index in sorted(candidates):
                if not _may_match(bags[index], bag, params):
                    continue
                score = same_quote(speaker_groups[index][0], quote_words, params)
                if score is not None and score > best_score:
                    best, best_score = index, score
            if best is None:
                for shingle in shingles:
                    by_shingle.setdefault(shingle, set()).add(len(speaker_groups))
                speaker_groups.append((quote_words, [quote]))
                bags.append(bag)
            else:
                speaker_groups[best][1].append(quote)
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
