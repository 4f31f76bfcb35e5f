"""Who a speaker mention refers to: names, roles, pronouns and descriptions.

One :class:`People` index per article merges the name variants the
``entities`` layer found into one canonical full name per person (titles are
roles, not names: "Lt Col Dana Whitfield" is Dana Whitfield, a lieutenant
colonel; "Jan" before "de Wit" is Jan de Wit; "Mansouri", "al-Mansouri" and
"Danilenko" are the "Khalid al-Mansouri" and "Oleksiy Danylenko" of the same
article), takes roles from the prose next to a name (never from a headline,
a caption or a ``@handle``) and records the gender the text shows (an
honorific, a gendered role such as "spokeswoman", "she said she ..."). The resolver then keeps a
timeline of the people, organisations, outlets and described sources the
article has mentioned so far and resolves each mention in document order:

* a mention headed by a name is that person, organisation or outlet (a name
  that only modifies it is not: "Kavanaugh's friend" is not Kavanaugh,
  "Iraq's foreign ministry" is not Iraq);
* ``he``/``she`` is the nearest person of that gender (or of unknown gender),
  in subject position first; ``who``/``which`` is the noun its clause hangs on;
* a definite description (``the diplomat``, ``the ministry``, ``the woman``)
  is the nearest person whose role fits it
  (:data:`~presslens.quotes.cues.DESCRIPTION_ROLES`), organisation named
  like it, outlet, or source described with the same noun before, agreeing in
  number;
* anything else keeps its mention but gets no name: it is *unresolved*, never
  guessed; it becomes a described source ("an FBI official") that a later
  ``she`` or ``the official`` resolves to, named by that first description.

Pronouns and descriptions look back no further than the last *barrier* (a
title, heading, caption, byline or credit block): a heading "OBAMA FOCUSED" or
a caption naming someone is never whom the next paragraph's ``he`` refers to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from ..article import Span
from .cues import (
    DESCRIPTION_ROLES,
    FEMININE_WORDS,
    GROUP_PRONOUNS,
    INDEFINITE_DETERMINERS,
    MASCULINE_WORDS,
    NAME_PARTICLES,
    NAME_TITLES,
    ORGANISATION_HEADS,
    OUTLET_HEADS,
    PERSON_PRONOUNS,
    RELATIVE_PRONOUNS,
    SURNAME_PREFIXES,
)
from .extract import crosses, inverted_subject_fits, mention_span

#: Entity labels that can speak as a group.
GROUP_LABELS = ("ORG", "NORP", "GPE")
#: How far back (in characters) a pronoun or description looks for its referent.
LOOKBACK_CHARS = 3000
#: Longest role phrase kept, in words.
MAX_ROLE_WORDS = 6
#: Shortest surname compared with one spelling slip ("Danilenko" for "Danylenko").
FUZZY_SURNAME_CHARS = 6
_PARTICLE_TAIL = re.compile(r"(?:[ \t]+(?:%s))+[ \t]+[A-Z][\w’'\-]+" % "|".join(sorted(NAME_PARTICLES)))


@dataclass(frozen=True)
class Referent:
    """Someone a mention can refer to, and where the article mentioned them."""

    position: int
    name: str
    role: str | None
    kind: str  # "person", "organisation" or "outlet"
    subject: bool = False
    gender: str | None = None  # "f", "m", or None where the text does not show it
    plural: bool = False
    head: str | None = None  # the noun of a described source ("official" for "an FBI official")


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
    tokens = [t for t in tokens if not t.text.startswith("@")]  # a handle is not a role
    words = [t.text for t in sorted(set(tokens), key=lambda t: t.i)]
    if not words or len(words) > MAX_ROLE_WORDS or not any(t.pos_ == "NOUN" or t.is_title for t in tokens):
        return None
    return " ".join(words)


def split_title(name: str) -> tuple[str, str | None]:
    """``Lt Col Dana Whitfield`` -> (``Dana Whitfield``, ``lieutenant colonel``); a title alone leaves ``""``."""
    words = name.split()
    roles = []
    while words and words[0].lower().rstrip(".") in NAME_TITLES:
        role = NAME_TITLES[words.pop(0).lower().rstrip(".")]
        if role:
            roles.append(role)
    return " ".join(words), " ".join(roles) or None


def surname_key(name: str) -> str:
    """The surname as names are compared: last word, lower case, without ``al-`` or a possessive."""
    last = name.split()[-1].lower() if name.split() else ""
    last = re.sub(r"[’']s?$", "", last)
    for prefix in SURNAME_PREFIXES:
        if last.startswith(prefix):
            return last[len(prefix):]
    return last


def _one_slip(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by one substituted, inserted or dropped letter."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def gender_of_words(words) -> str | None:
    """``f`` or ``m`` when ``words`` (a role, a description) show one gender only."""
    words = {w.lower().strip(".,") for w in words}
    feminine, masculine = bool(words & FEMININE_WORDS), bool(words & MASCULINE_WORDS)
    return "f" if feminine and not masculine else "m" if masculine and not feminine else None


class People:
    """The persons of one article, one canonical full name each, with role and gender where the text shows them."""

    def __init__(self, doc, entities: list[Span], barriers=()) -> None:
        self.doc = doc
        text = doc.text
        spans = [s for s in entities if s.label == "PERSON"]
        raw = []
        for span in spans:
            name, title = split_title((span.attrs.get("name") or span.text_in(text)).replace("’s", "").strip())
            tail = _PARTICLE_TAIL.match(text, span.end)
            if tail and " " not in name.strip():
                name = f"{name} {text[span.end:tail.end()].strip()}"
            raw.append((span, name.strip(" ,.;:"), title))
        self.full_names = sorted({name for _, name, _ in raw if len(name.split()) > 1}, key=len, reverse=True)
        self.mentions: list[tuple[Span, str]] = []
        self.roles: dict[str, str] = {}
        self.genders: dict[str, set[str]] = {}
        for span, name, title in raw:
            if not name or not any(ch.isalpha() for ch in name):
                continue  # a title alone ("Cmdr", "Lt Col") is no one
            name = self.canonical(name)
            self.mentions.append((span, name))
            role = None
            if crosses(barriers, span.start, span.end):
                title = None  # a headline or caption gives no role: "Unpredictable" is no one's title
            elif span.attrs.get("mention", "name") == "name":
                role = span.attrs.get("role") or role_near(doc, span.start, span.end)
            if role and not split_title(role)[0]:
                role = split_title(role)[1] or role  # "Sen." is a senator
            if role or title:
                self.roles.setdefault(name, role or title)
            evidence = gender_of_words((role or "").split() + text[max(0, span.start - 6):span.start].split()[-1:])
            if evidence:
                self.genders.setdefault(name, set()).add(evidence)
            said = _pronoun_of_own_clause(doc, span)
            if said:
                self.genders.setdefault(name, set()).add(said)

    def canonical(self, name: str) -> str:
        """The article's full name for ``name``: itself, or the longest full name with its surname."""
        name = name.strip()
        if not name:
            return name
        key = surname_key(name)
        for full in self.full_names:
            full_key = surname_key(full)
            if full_key == key or len(key) >= FUZZY_SURNAME_CHARS and _one_slip(full_key, key):
                if len(name.split()) == 1 or name.split()[0] == full.split()[0]:
                    return full
        return name

    def gender(self, name: str) -> str | None:
        found = self.genders.get(name, set())
        return next(iter(found)) if len(found) == 1 else None


def _pronoun_of_own_clause(doc, span: Span) -> str | None:
    """``Kerry Wallis said she had paid``: the subject pronoun of what a person says is that person's gender."""
    root = _root(doc, span.start, span.end)
    if root is None or root.dep_ not in ("nsubj", "appos"):
        return None
    verb = root.head if root.dep_ == "nsubj" else root.head.head
    for child in verb.children:
        if child.dep_ == "ccomp":
            subject = next((c for c in child.children if c.dep_ == "nsubj"), None)
            if subject is not None and subject.lower_ in ("he", "she"):
                return "f" if subject.lower_ == "she" else "m"
    return None


def _described(root) -> tuple[bool, bool]:
    """Whether the noun phrase headed by ``root`` introduces someone new, and whether it is plural."""
    plural = root.tag_ in ("NNS", "NNPS")
    children = list(root.children)
    determiners = [c.lower_ for c in children if c.dep_ in ("det", "nummod", "quantmod", "amod")]
    has_definite = any(c.dep_ in ("det", "poss") and c.lower_ not in INDEFINITE_DETERMINERS for c in children)
    indefinite = any(d in INDEFINITE_DETERMINERS or d.isdigit() for d in determiners) or plural and not has_definite
    return indefinite, plural


class SpeakerResolver:
    """Resolves speaker mentions in document order; see the module docstring."""

    def __init__(self, doc, entities: list[Span], outlets: list[Span], *,
                 context_start: Callable[[int], int] = lambda offset: 0, barriers=()) -> None:
        self.doc = doc
        self.text = doc.text
        self.index = People(doc, entities, barriers)
        self.people = self._people()
        self.groups = [s for s in entities if s.label in GROUP_LABELS]
        self.organisations = self._organisations()
        self.outlets = outlets
        #: Where the context of a mention at an offset begins (:meth:`presslens.article.Article.context_start`).
        self.context_start = context_start
        self.history: list[Referent] = []

    def _people(self) -> list[Referent]:
        timeline = []
        for span, name in self.index.mentions:
            root = _root(self.doc, span.start, span.end)
            subject = root is not None and root.dep_ in ("nsubj", "nsubjpass", "appos", "pobj") and (
                root.dep_ != "pobj" or root.head.dep_ == "agent" or root.head.lower_ == "to") and (
                root.dep_ != "nsubj" or inverted_subject_fits(root, root.head))
            timeline.append(Referent(span.start, name, self.index.roles.get(name) or span.attrs.get("role"),
                                     "person", subject, self.index.gender(name)))
        return timeline

    def _organisations(self) -> list[Referent]:
        """Named organisations that the entities layer has no span for: ``the US embassy in China``, a noun of
        :data:`ORGANISATION_HEADS` with a name in front of it or after it, for ``the embassy`` to resolve to."""
        found = []
        for token in self.doc:
            if token.lemma_.lower() not in ORGANISATION_HEADS or token.pos_ != "NOUN":
                continue
            named = [c for c in token.children if c.dep_ in ("compound", "poss", "amod", "nmod") and c.ent_type_]
            named += [p for c in token.children if c.dep_ == "prep" and c.lower_ in ("in", "of")
                      for p in c.children if p.dep_ == "pobj" and p.ent_type_]
            if named:
                start, end = mention_span(token)
                found.append(Referent(start, self.text[start:end], None, "organisation", True,
                                      head=token.lemma_.lower()))
        return found

    def _overlapping(self, spans: list[Span], start: int, end: int) -> list[Span]:
        return [s for s in spans if s.start < end and start < s.end]

    def resolve(self, start: int, end: int) -> Speaker:
        speaker, referent = self._resolve(start, end)
        if referent is not None:
            self.history.append(referent)
        elif speaker.name is not None:
            subject = speaker.kind != "outlet"
            gender = self.index.gender(speaker.name) if speaker.kind == "person" else None
            self.history.append(Referent(start, speaker.name, speaker.role, speaker.kind, subject, gender))
        return speaker

    def _covering(self, spans, root):
        """The spans of ``spans`` that hold ``root`` (the head of a mention), or one in apposition to it."""
        heads = [root] + [c for c in root.children if c.dep_ == "appos"] + ([root.head] if root.dep_ == "appos" else [])
        return [s for s in spans if any(s.start <= t.idx < s.end for t in heads)]

    def _resolve(self, start: int, end: int) -> tuple[Speaker, Referent | None]:
        for outlet in self._overlapping(self.outlets, start, end):
            return Speaker(start, end, outlet.attrs.get("name") or outlet.text_in(self.text), None, "outlet"), None
        root = _root(self.doc, start, end)
        if root is None:
            return Speaker(start, end, None, None, "unresolved"), None
        people = [p for p in self.people if start <= p.position < end]
        covering = {s.start for s in self._covering([s for s, _ in self.index.mentions], root)}
        people = [p for p in people if p.position in covering]
        if people:
            person = people[-1]
            role = person.role or role_near(self.doc, start, end)
            return Speaker(start, end, person.name, role, "person"), None
        head = root.lower_
        if head in RELATIVE_PRONOUNS and root.head.dep_ == "relcl":
            antecedent = root.head.head
            antecedent = antecedent.head if antecedent.dep_ == "appos" else antecedent
            speaker, referent = self._resolve(*mention_span(antecedent))
            if speaker.name is None and referent is not None:  # "farmers who said": the farmers, as described
                return Speaker(start, end, referent.name, None, referent.kind), None
            return Speaker(start, end, speaker.name, speaker.role, speaker.kind), None
        if root.pos_ == "PRON" or head in PERSON_PRONOUNS | GROUP_PRONOUNS:
            return self._pronoun(start, end, head), None
        if root.pos_ == "PROPN" or root.ent_type_:
            name = self.index.canonical(self.text[start:end])
            person = [p for p in self.people if p.name == name]
            if person and root.ent_type_ in ("PERSON", ""):
                return Speaker(start, end, name, person[-1].role, "person"), None
            groups = self._covering(self.groups, root)
            if groups:
                group = groups[0]
                own = group.attrs.get("name") or group.text_in(self.text)
                extra = [t for t in self.doc.char_span(start, end, alignment_mode="expand")
                         if not (group.start <= t.idx < group.end) and t.is_alpha and t.dep_ != "det"]
                return Speaker(start, end, self.text[start:end] if extra else own, None, "organisation"), None
        if any(c.dep_ in ("det", "poss") for c in root.children) or root.pos_ in ("NOUN", "PROPN"):
            return self._description(start, end, root)
        return Speaker(start, end, None, None, "unresolved"), None

    def _recent(self, before: int, kinds: tuple[str, ...], subject_only: bool) -> list[Referent]:
        candidates = [Referent(s.start, s.attrs.get("name") or s.text_in(self.text), None, "organisation")
                      for s in self.groups if "organisation" in kinds]  # first: a fuller name at the same place wins
        candidates += [r for r in self.history + self.people + self.organisations if r.kind in kinds]
        candidates += [Referent(s.start, s.attrs.get("name") or s.text_in(self.text), None, "outlet")
                       for s in self.outlets if "outlet" in kinds]
        floor = max(before - LOOKBACK_CHARS, self.context_start(before))
        candidates = [r for r in candidates if floor <= r.position < before]
        if subject_only:
            candidates = [r for r in candidates if r.subject]
        return sorted(candidates, key=lambda r: r.position)

    def _pronoun(self, start: int, end: int, pronoun: str) -> Speaker:
        if pronoun in PERSON_PRONOUNS:
            gender = gender_of_words([pronoun])
            for subject_only in (True, False):
                found = [r for r in self._recent(start, ("person",), subject_only)
                         if not r.plural and (gender is None or r.gender in (None, gender))]
                if found:
                    best = found[-1]
                    last = next((r for r in reversed(self.history) if r.kind == "person"), None)
                    if gender is not None and best.gender is None and last is not None and last.gender == gender \
                            and last.position >= found[0].position:
                        # "Lotte Brink said ... Piet Ronner asked ... “...,” she said": the last speaker, known
                        # to be a woman, not a nearer man the text gives no gender for
                        best = last
                    return Speaker(start, end, best.name, best.role, best.kind)
            return Speaker(start, end, None, None, "unresolved")
        for subject_only in (True, False):
            found = [r for r in self._recent(start, ("organisation", "outlet", "person"), subject_only)
                     if r.kind != "person" or r.plural]
            if found:
                return Speaker(start, end, found[-1].name, found[-1].role, found[-1].kind)
        return Speaker(start, end, None, None, "unresolved")

    def _description(self, start: int, end: int, root) -> tuple[Speaker, Referent | None]:
        head = root.lemma_.lower()
        indefinite, plural = _described(root)
        mention = self.text[start:end]
        kind = "organisation" if head in ORGANISATION_HEADS else "person"
        new = Referent(start, mention, None, kind, True, gender_of_words([root.lower_]), plural, head)
        if indefinite:
            return Speaker(start, end, None, None, "unresolved"), new
        if head in OUTLET_HEADS:
            outlets = self._recent(start, ("outlet",), False)
            if outlets:
                return Speaker(start, end, outlets[-1].name, None, "outlet"), None
        if head in ORGANISATION_HEADS:
            groups = [g for g in self._recent(start, ("organisation",), False)
                      if head in g.name.lower() or g.head == head]
            if groups:
                return Speaker(start, end, groups[-1].name, None, "organisation"), None
            return Speaker(start, end, None, None, "unresolved"), new
        keywords = DESCRIPTION_ROLES.get(head, (head,))
        for person in reversed(self._recent(start, ("person",), False)):
            if person.plural != plural:
                continue
            role = (person.role or "").lower()
            if person.head == head or role and any(keyword in role for keyword in keywords):
                return Speaker(start, end, person.name, person.role, "person"), None
        return Speaker(start, end, None, None, "unresolved"), new
