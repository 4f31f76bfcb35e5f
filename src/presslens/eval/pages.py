"""Attribution on real pages: the whole chain, from the page to who said what, scored against hand gold.

A gold file (JSON) holds a list of pages, annotated as ``ANNOTATION.md``
describes. A page is either

* ``{"page": "wire-port.html", ...}``: a page file next to the gold file, read
  as a user's ``presslens analyze`` reads it; each attribution's ``content``
  is the exact text, found in the article's text (``nth`` picks a later
  occurrence when it recurs); or
* ``{"ptc": "111111115", ...}``: a PTC article (``article<ID>.txt`` under the
  PTC articles directory), third-party text that stays out of the repository:
  ``content`` is ``[start, end]`` character offsets.

``cue`` and ``source_mention`` are recorded for readers and not scored.

Every attribution has a ``speaker`` (the canonical name, the article's own
description of an unnamed source, or null), a ``kind`` and optional
``flags``; a ``borderline`` one is left out of the score, as is any
prediction matched to it.

Scoring, per ``ANNOTATION.md``: predicted and gold contents are paired one to
one, largest character overlap first, when they share at least half of the
shorter one. Reported: content precision, recall and F1; speaker accuracy on
the matched pairs; and F1 counting a quote right only with the right speaker.
A predicted speaker is its resolved name, else its mention; names are
compared case-blind, without a leading article or a possessive, and a longer
mention that holds the gold name as whole words counts (:func:`same_speaker`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from ..article import Article, Span
from ..errors import InputNotFoundError, MalformedRecordError
from ..ingest import article_from_bytes
from ..settings import Settings
from .polnear import Extent, Tally, pair_by_overlap


#: Share of the shorter span two contents must share to be paired.
MIN_SHARED = 0.5
#: The parts of a gold set, by the key that names a page.
PARTS = ("page", "ptc")
_DETERMINER = re.compile(r"^(the|a|an)\s+", re.I)


@dataclass(frozen=True)
class GoldAttribution:
    content: Extent
    speaker: str | None
    kind: str
    flags: tuple[str, ...] = ()

    @property
    def borderline(self) -> bool:
        return "borderline" in self.flags


@dataclass(frozen=True)
class GoldPage:
    """One annotated page: the article as the chain reads it and its gold attributions."""

    name: str
    part: str
    article: Article
    attributions: tuple[GoldAttribution, ...]


def speaker_key(name: str | None) -> str | None:
    """A speaker name as compared: case-blind, without a leading article, possessive or edge punctuation."""
    if name is None:
        return None
    name = _DETERMINER.sub("", " ".join(name.replace("’", "'").split()).strip(" ,.:;\"'“”‘")).lower()
    return re.sub(r"'s$", "", name) or None


def same_speaker(gold: str | None, predicted: str | None) -> bool:
    """Whether ``predicted`` names the gold speaker: the same key, or a longer mention that holds it as
    whole words ("65 women from both parties" for "65 women", "Lt Col Dana Whitfield" for "Dana Whitfield")."""
    want, got = speaker_key(gold), speaker_key(predicted)
    if want is None or got is None:
        return want == got
    return f" {want} " in f" {got} "


def _locate(text: str, value: str, nth: int, where: str) -> Extent:
    start = -1
    for _ in range(nth):
        start = text.find(value, start + 1)
        if start == -1:
            raise MalformedRecordError(f"gold string {value[:60]!r} (occurrence {nth}) is not in the article text",
                                       source=where)
    return start, start + len(value)


def _extent(text: str, value, nth: int, where: str) -> Extent:
    if isinstance(value, str):
        return _locate(text, value, nth, where)
    try:
        start, end = (int(n) for n in value)
    except (TypeError, ValueError) as exc:
        raise MalformedRecordError(f"gold extent {value!r} is neither a string nor [start, end]",
                                   source=where) from exc
    if not 0 <= start < end <= len(text):
        raise MalformedRecordError(f"gold extent {value!r} is outside the article ({len(text)} characters)",
                                   source=where)
    return start, end


def _attribution(text: str, record: dict, where: str) -> GoldAttribution:
    try:
        nth = int(record.get("nth", 1))
        content = _extent(text, record["content"], nth, where)
        return GoldAttribution(content=content, speaker=record["speaker"], kind=record.get("kind", "direct"),
                               flags=tuple(record.get("flags", ())))
    except KeyError as exc:
        raise MalformedRecordError(f"gold attribution without {exc.args[0]!r}: {record!r:.80}", source=where) from exc


def _read_article(path: Path, settings: Settings) -> Article:
    if not path.is_file():
        raise InputNotFoundError("no such page file", source=str(path))
    return article_from_bytes(path.read_bytes(), source=str(path), settings=settings, article_id=path.stem,
                              hint=path.name)


def load_gold(path: Path | str, *, ptc_dir: Path | str | None = None,
              settings: Settings | None = None) -> tuple[list[GoldPage], list[str]]:
    """The pages of the gold file at ``path`` and the names of those skipped (PTC ones without ``ptc_dir``)."""
    path = Path(path)
    settings = settings or Settings()
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputNotFoundError(f"cannot read the gold file ({exc.strerror})", source=str(path)) from exc
    except ValueError as exc:
        raise MalformedRecordError(f"the gold file is not JSON: {exc}", source=str(path)) from exc
    pages, skipped = [], []
    for record in records:
        part = next((key for key in PARTS if key in record), None)
        if part is None:
            raise MalformedRecordError(f"a gold page names neither of {', '.join(PARTS)}: {record!r:.80}",
                                       source=str(path))
        if part == "ptc":
            ptc = Path(ptc_dir) if ptc_dir is not None else None
            if ptc is None or not ptc.is_dir():
                skipped.append(f"ptc {record['ptc']}")
                continue
            article = _read_article(ptc / f"article{record['ptc']}.txt", settings)
        else:
            article = _read_article(path.parent / record["page"], settings)
        name = f"{part} {Path(str(record[part])).stem}"
        gold = tuple(_attribution(article.text, a, f"{path}: {name}") for a in record["attributions"])
        pages.append(GoldPage(name, part, article, gold))
    return pages, skipped


def pair(gold: list[Extent], pred: list[Extent]) -> list[tuple[int, int]]:
    """Pairs (gold index, predicted index), one to one, largest overlap first, sharing at least
    :data:`MIN_SHARED` of the shorter span (ANNOTATION.md's rule)."""
    return pair_by_overlap(gold, pred, MIN_SHARED)


def predicted_speaker(span: Span, text: str) -> str | None:
    """The speaker a quote span names: the resolved name, else the mention, else None."""
    speaker = span.attrs.get("speaker")
    if speaker is None:
        return None
    return speaker.attrs.get("name") or speaker.text_in(text)


@dataclass
class PageScores:
    """Content and speaker tallies, for the whole set and each part, and the errors for reading."""

    content: dict[str, Tally] = field(default_factory=dict)
    speaker: dict[str, Tally] = field(default_factory=dict)  # matched = right speaker
    per_page: dict[str, tuple[Tally, Tally]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def add(self, page: GoldPage, spans: Iterable[Span]) -> None:
        text = page.article.text
        spans = list(spans)
        gold_all = list(page.attributions)
        pairs = pair([g.content for g in gold_all], [(s.start, s.end) for s in spans])
        borderline = {p for g, p in pairs if gold_all[g].borderline}
        strict = [(g, p) for g, p in pairs if not gold_all[g].borderline]
        kept_gold = [i for i, g in enumerate(gold_all) if not g.borderline]
        kept_pred = [i for i in range(len(spans)) if i not in borderline]
        content, speaker = Tally(len(kept_gold), len(kept_pred), len(strict)), Tally(len(kept_gold), len(kept_pred))
        for g, p in strict:
            want, got = gold_all[g].speaker, predicted_speaker(spans[p], text)
            if same_speaker(want, got):
                speaker.matched += 1
            else:
                self.errors.append(f"{page.name}: speaker {got!r} for {want!r}: {_excerpt(text, gold_all[g].content)}")
        matched_gold, matched_pred = {g for g, _ in pairs}, {p for _, p in pairs}
        self.errors += [f"{page.name}: missed ({gold_all[g].speaker}): {_excerpt(text, gold_all[g].content)}"
                        for g in kept_gold if g not in matched_gold]
        self.errors += [f"{page.name}: spurious ({predicted_speaker(spans[p], text)}; {spans[p].explanation}): "
                        f"{_excerpt(text, (spans[p].start, spans[p].end))}" for p in kept_pred if p not in matched_pred]
        self.per_page[page.name] = (content, speaker)
        for key in ("all", page.part):
            for table, tally in ((self.content, content), (self.speaker, speaker)):
                total = table.setdefault(key, Tally())
                total.gold += tally.gold
                total.predicted += tally.predicted
                total.matched += tally.matched

    def as_dict(self) -> dict:
        def row(content: Tally, speaker: Tally) -> dict:
            return {"content": content.as_dict(), "with speaker": speaker.as_dict(),
                    "speaker accuracy": round(speaker.matched / content.matched, 4) if content.matched else 0.0}
        return {"total": {key: row(self.content[key], self.speaker[key]) for key in self.content},
                "pages": {name: row(*tallies) for name, tallies in self.per_page.items()}}


def _excerpt(text: str, extent: Extent, width: int = 90) -> str:
    snippet = " ".join(text[extent[0]:extent[1]].split())
    return snippet if len(snippet) <= width else snippet[: width - 1] + "…"
