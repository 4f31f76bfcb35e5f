"""Who a speaker mention refers to: names, roles, pronouns and descriptions.

The resolver keeps a timeline of the people, organisations and outlets the
article has mentioned so far (from the ``entities`` and ``sources`` layers, and
the speakers already resolved) and resolves each mention in document order:

* a mention that is a name (or overlaps one) is that person, organisation or outlet;
* ``he``/``she`` is the most recent person in subject position (or the most recent speaker);
* a description (``the diplomat``, ``the senior diplomat``, ``the ministry``,
  ``the newspaper``) is the most recent person whose role fits the description
  (:data:`~presslens.quotes.cues.DESCRIPTION_ROLES`), organisation named like it, or outlet;
* anything else keeps its mention but gets no name: it is *unresolved*, never guessed.

Pronouns and descriptions look back no further than the last *barrier* (a
title, heading, caption, byline or credit block): a heading "OBAMA FOCUSED" or
a caption naming someone is never whom the next paragraph's ``he`` refers to.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..article import Span
from .cues import DESCRIPTION_ROLES, GROUP_PRONOUNS, ORGANISATION_HEADS, OUTLET_HEADS, PERSON_PRONOUNS

#: Entity labels that can speak as a group.
GROUP_LABELS = ("ORG", "NORP", "GPE")
#: How far back (in characters) a pronoun or description looks for its referent.
LOOKBACK_CHARS = 3000
#: Longest role phrase kept, in words.
MAX_ROLE_WORDS = 6


@dataclass(frozen=True)
class Referent:
    """Someone a mention can refer to, and where the article mentioned them."""

    position: int
    name: str
    role: str | None
    kind: str  # "person", "organisation" or "outlet"
    subject: bool = False


@dataclass(frozen=True)
class Speaker:
    """A resolved (or unresolved) speaker mention."""

    start: int
    end: int
    name: str | None
    role: str | None
    kind: str  # person, organisation, outlet, unresolved

    def to_span(self) -> Span:
        how = "unresolved: no person, organisation or outlet fits this mention" if self.name is None else ""
        return Span(self.start, self.end, self.kind, explanation=how, attrs={"name": self.name, "role": self.role})


def _root(doc, start: int, end: int):
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def role_near(doc, start: int, end: int) -> str | None:
    """The title next to a name: ``Kremlin spokesman`` Dmitry Peskov, Alexander Fomin, ``Deputy Defence Minister``."""
    root = _root(doc, start, end)
    if root is None:
        return None
    if root.dep_ == "appos" and root.head.pos_ in ("NOUN", "PROPN"):
        head = root.head
        skip = {t.i for t in root.subtree} | {t.i for c in head.children if c.dep_ == "poss" for t in c.subtree}
        tokens = [t for t in head.subtree if t.i not in skip and t.dep_ not in ("det", "punct", "case", "relcl")]
        tokens = [t for t in tokens if t.i < root.i]
    else:
        appos = [c for c in root.children if c.dep_ == "appos" and c.i > root.i]
        if appos:
            tokens = [t for t in appos[0].subtree if t.dep_ not in ("det", "punct", "relcl") and t.i <= appos[0].i]
        else:
            tokens = [t for t in root.children if t.i < doc.char_span(start, end, alignment_mode="expand").start
                      and t.dep_ in ("compound", "amod", "nmod") and not t.ent_type_ == "PERSON"]
            tokens = [u for t in tokens for u in t.subtree if u.dep_ not in ("det", "poss", "case", "punct")]
    words = [t.text for t in sorted(set(tokens), key=lambda t: t.i)]
    if not words or len(words) > MAX_ROLE_WORDS or not any(t.pos_ == "NOUN" or t.is_title for t in tokens):
        return None
    return " ".join(words)


class SpeakerResolver:
    """Resolves speaker mentions in document order; see the module docstring."""

    def __init__(self, doc, entities: list[Span], outlets: list[Span], *,
                 context_start: Callable[[int], int] = lambda offset: 0) -> None:
        self.doc = doc
        self.text = doc.text
        self.people = self._people(entities)
        self.groups = [s for s in entities if s.label in GROUP_LABELS]
        self.outlets = outlets
        #: Where the context of a mention at an offset begins (:meth:`presslens.article.Article.context_start`).
        self.context_start = context_start
        self.history: list[Referent] = []

    def _canonical(self, name: str, known: list[str]) -> str:
        """A surname alone is the full name mentioned elsewhere in the article (Lavrov -> Sergey Lavrov)."""
        if " " in name or not name:
            return name
        matches = [full for full in known if " " in full.strip() and full.split()[-1] == name]
        return max(matches, key=len) if matches else name

    def _people(self, entities: list[Span]) -> list[Referent]:
        people = [s for s in entities if s.label == "PERSON"]
        names = [s.attrs.get("name") or s.text_in(self.text) for s in people]
        names = [self._canonical(name.replace("’s", "").strip(), names) for name in names]
        roles: dict[str, str] = {}
        for span, name in zip(people, names):  # a role given next to the name beats a description
            if span.attrs.get("mention", "name") == "name":
                role = span.attrs.get("role") or role_near(self.doc, span.start, span.end)
                if role:
                    roles.setdefault(name, role)
        timeline = []
        for span, name in zip(people, names):
            root = _root(self.doc, span.start, span.end)
            subject = root is not None and root.dep_ in ("nsubj", "nsubjpass", "appos", "pobj") and (
                root.dep_ != "pobj" or root.head.dep_ == "agent" or root.head.lower_ == "to")
            timeline.append(Referent(span.start, name, roles.get(name) or span.attrs.get("role"), "person", subject))
        return timeline

    def _overlapping(self, spans: list[Span], start: int, end: int) -> list[Span]:
        return [s for s in spans if s.start < end and start < s.end]

    def resolve(self, start: int, end: int) -> Speaker:
        speaker = self._resolve(start, end)
        if speaker.name is not None:
            subject = speaker.kind != "outlet"
            self.history.append(Referent(start, speaker.name, speaker.role, speaker.kind, subject))
        return speaker

    def _resolve(self, start: int, end: int) -> Speaker:
        mention = self.text[start:end]
        for outlet in self._overlapping(self.outlets, start, end):
            return Speaker(start, end, outlet.attrs.get("name") or outlet.text_in(self.text), None, "outlet")
        people = [p for p in self.people if start <= p.position < end]
        if people:
            person = people[-1]
            role = person.role or role_near(self.doc, start, end)
            return Speaker(start, end, person.name, role, "person")
        root = _root(self.doc, start, end)
        if root is None:
            return Speaker(start, end, None, None, "unresolved")
        head = root.lower_
        if root.pos_ == "PRON" or head in PERSON_PRONOUNS | GROUP_PRONOUNS:
            return self._pronoun(start, end, head)
        if root.pos_ == "PROPN" or root.ent_type_:
            known = [p.name for p in self.people]
            name = self._canonical(mention, known)
            person = [p for p in self.people if p.name == name]
            if person:
                return Speaker(start, end, name, person[-1].role, "person")
            groups = self._overlapping(self.groups, start, end)
            if groups:
                return Speaker(start, end, groups[0].attrs.get("name") or groups[0].text_in(self.text), None,
                               "organisation")
        if any(c.dep_ in ("det", "poss") for c in root.children) or root.pos_ == "NOUN":
            return self._description(start, end, root)
        return Speaker(start, end, None, None, "unresolved")

    def _recent(self, before: int, kinds: tuple[str, ...], subject_only: bool) -> list[Referent]:
        candidates = [r for r in self.history + self.people if r.kind in kinds]
        candidates += [Referent(s.start, s.attrs.get("name") or s.text_in(self.text), None, "organisation")
                       for s in self.groups if "organisation" in kinds]
        candidates += [Referent(s.start, s.attrs.get("name") or s.text_in(self.text), None, "outlet")
                       for s in self.outlets if "outlet" in kinds]
        floor = max(before - LOOKBACK_CHARS, self.context_start(before))
        candidates = [r for r in candidates if floor <= r.position < before]
        if subject_only:
            candidates = [r for r in candidates if r.subject]
        return sorted(candidates, key=lambda r: r.position)

    def _pronoun(self, start: int, end: int, pronoun: str) -> Speaker:
        kinds = ("person",) if pronoun in PERSON_PRONOUNS else ("organisation", "outlet")
        for subject_only in (True, False):
            found = self._recent(start, kinds, subject_only)
            if found:
                return Speaker(start, end, found[-1].name, found[-1].role, found[-1].kind)
        return Speaker(start, end, None, None, "unresolved")

    def _description(self, start: int, end: int, root) -> Speaker:
        head = root.lemma_.lower()
        if head in OUTLET_HEADS:
            outlets = self._recent(start, ("outlet",), False)
            if outlets:
                return Speaker(start, end, outlets[-1].name, None, "outlet")
        if head in ORGANISATION_HEADS:
            groups = [g for g in self._recent(start, ("organisation",), False) if head in g.name.lower()]
            if groups:
                return Speaker(start, end, groups[-1].name, None, "organisation")
            return Speaker(start, end, None, None, "unresolved")
        keywords = DESCRIPTION_ROLES.get(head, (head,))
        for person in reversed(self._recent(start, ("person",), False)):
            role = (person.role or "").lower()
            if role and any(keyword in role for keyword in keywords):
                return Speaker(start, end, person.name, person.role, "person")
        return Speaker(start, end, None, None, "unresolved")
