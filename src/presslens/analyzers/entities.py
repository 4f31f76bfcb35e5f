"""Named entities, with one canonical person per individual.

spaCy's NER finds the names; this module makes them usable:

* a person is one individual across the article: "Sergey Lavrov", "Lavrov",
  "Lavrov's" and "the Russian Foreign Minister" (where the text ties the
  title to the name) all carry ``name="Sergey Lavrov"``;
* titles the text gives in apposition ("Russia's Deputy Defence Minister,
  Alexander Fomin", "Lavrov, the foreign minister,") become the person's
  ``role``, and later descriptions ("the minister", "the senior diplomat")
  resolve to the nearest person whose role fits;
* NER slips are corrected on evidence from the same article: a name tagged
  PERSON once is a PERSON wherever it recurs, a capitalised name in
  apposition to a title is a person, a name introduced by a non-person noun
  ("the destroyer Defender") is not, and a known news outlet ("Sputnik") is
  an organisation.

Role vocabulary is kept in the constants below.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from ..article import Article, Span
from ..context import Context
from ..outlets import registry as outlet_registry
from ..layers import EntityAttrs, EntitiesSummary
from ..registry import register_analyzer

#: spaCy labels reported by the analyzer. Numbers and quantities are the numbers analyzer's job.
ENTITY_LABELS = frozenset({"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "LAW", "DATE"})

#: Words that end a title or job description: "Foreign *Minister*", "Kremlin *spokesman*".
ROLE_HEADS = frozenset(
    """
    minister secretary general spokesman spokeswoman spokesperson president vice-president premier
    chancellor ambassador envoy diplomat analyst expert commentator correspondent journalist reporter
    editor columnist director chief head chairman chairwoman chair governor mayor senator congressman
    congresswoman lawmaker legislator deputy speaker leader commander officer official adviser advisor
    aide professor researcher economist scientist lawyer attorney judge prosecutor king queen prince
    princess pope patriarch colonel lieutenant admiral sergeant marshal ceo founder owner activist
    representative negotiator ombudsman mufti imam bishop archbishop counsellor councillor consul
    sheriff officer detective pastor reverend coach agent trooper inspector superintendent rabbi cardinal
    dean
    """.split()
)

#: Lower-case words that may precede a role head inside a title: "*deputy foreign* minister".
ROLE_MODIFIERS = frozenset(
    """
    deputy vice foreign defence defense military top senior chief former acting first prime press
    political security interior finance economy economic trade justice health energy state presidential
    national government independent leading prominent veteran lead special permanent assistant
    executive managing associate principal regional local federal european
    """.split()
)

#: Honorifics stripped from the front of a name ("Mr Lavrov" is "Lavrov").
HONORIFICS = frozenset({"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "dame", "madam"})

#: Words of web pages and social media that NER mistakes for names ("Email", "Photo").
NOT_NAMES = frozenset(
    """
    email e-mail photo photos image video share tweet twitter facebook youtube instagram telegram whatsapp
    reddit subscribe login comment comments click copyright
    """.split()
)

#: Nouns that introduce a named thing, not a person: "the British destroyer Defender".
NON_PERSON_CLASSIFIERS = frozenset(
    """
    destroyer frigate corvette cruiser warship ship vessel tanker freighter ferry yacht submarine carrier
    boat aircraft plane jet helicopter drone missile rocket satellite tank vehicle system operation
    exercise exercises drill drills mission programme program project film movie series show book novel
    album song newspaper magazine channel station hurricane storm typhoon cyclone company firm brand hotel
    restaurant pipeline platform app website
    """.split()
)

#: Role heads that may stand alone as a description of someone named elsewhere ("the minister").
ANAPHORIC_HEADS = frozenset(
    """
    minister diplomat spokesman spokeswoman spokesperson president analyst expert official ambassador
    envoy chancellor premier senator governor mayor lawmaker commander professor economist journalist
    correspondent
    """.split()
)

#: A description fits a person whose role contains the head itself, or one of these phrases.
ANAPHOR_IMPLIES: dict[str, tuple[str, ...]] = {
    "diplomat": ("foreign minister", "ambassador", "envoy", "diplomat", "foreign secretary", "secretary of state"),
    "expert": ("analyst", "expert", "researcher", "professor", "economist", "scientist", "commentator"),
    "analyst": ("analyst", "expert", "economist"),
    "official": ("minister", "spokes", "secretary", "official", "ambassador", "envoy", "adviser", "advisor"),
    "spokesman": ("spokes",),
    "spokeswoman": ("spokes",),
    "spokesperson": ("spokes",),
}

#: The role given to the person named in a byline ("By Anna Petrova").
BYLINE_ROLE = "author"

_DETERMINERS = frozenset({"the", "a", "an"})
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
_NUMERIC_ENTITY = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})
_NOT_ROLE_ENTITY = _NUMERIC_ENTITY | {"PERSON"}
_NER_SOURCE = "spaCy NER"


@dataclass
class _Mention:
    """A stretch of tokens ``[start, end)`` with a label and why it has that label."""

    start: int
    end: int
    label: str
    explanation: str
    name: str = ""
    role: str | None = None
    kind: str = "name"
    person: str = ""


@dataclass
class _Person:
    name: str
    roles: list[str] = field(default_factory=list)
    first: int = 0
    mentions: int = 0

    def add_role(self, role: str) -> None:
        """Keep the most specific wording: 'CIA Director' makes 'Director' redundant."""
        words = role.lower().split()
        for i, known in enumerate(self.roles):
            known_words = known.lower().split()
            if known_words[-len(words) :] == words:
                return
            if words[-len(known_words) :] == known_words:
                self.roles[i] = role
                return
        self.roles.append(role)


#: A text on which this analyzer finds something (the contract test holds it to that).
EXAMPLE = "Defence Minister Anna Berg said on Monday that Estonia and NATO would hold the drills in Tallinn."


@register_analyzer("entities", layer="entities", attrs=EntityAttrs, summary=EntitiesSummary,
                   example=EXAMPLE)
class EntityAnalyzer:
    """People, organisations, places and dates, with canonical names and roles for people."""

    def __init__(self, *, labels: tuple[str, ...] | None = None) -> None:
        self.labels = frozenset(labels) if labels else ENTITY_LABELS

    def analyze(self, article: Article, context=None) -> list[Span]:
        if context is None:
            context = Context(article)
        doc = context.doc
        mentions = _clean_entities(doc)
        mentions = _correct_people(doc, mentions)
        people = _resolve_people(doc, mentions)
        mentions.extend(_role_mentions(doc, mentions, people, article.context_start))
        return [self._to_span(doc, m) for m in mentions if m.label in self.labels]

    def summarize(self, article: Article, spans: list[Span], context=None) -> dict:
        people: dict[str, _Person] = {}
        for span in spans:
            if span.label != "PERSON":
                continue
            person = people.setdefault(span.attrs["name"], _Person(span.attrs["name"], first=span.start))
            person.mentions += 1
            person.first = min(person.first, span.start)
            role = span.attrs.get("role")
            if role and (span.attrs["mention"] == "name" or len(role.split()) > 1):
                person.add_role(role)
        ordered = sorted(people.values(), key=lambda p: p.first)
        return {"people": [{"name": p.name, "roles": p.roles, "mentions": p.mentions} for p in ordered]}

    @staticmethod
    def _to_span(doc, mention: _Mention) -> Span:
        start = doc[mention.start].idx
        last = doc[mention.end - 1]
        end = last.idx + len(last.text)
        attrs: dict = {}
        if mention.label == "PERSON":
            attrs = {"name": mention.person or mention.name, "role": mention.role, "mention": mention.kind}
        return Span(start, end, mention.label, explanation=mention.explanation, attrs=attrs)


# ---------------------------------------------------------------- entity cleanup


def _clean_entities(doc) -> list[_Mention]:
    """spaCy's entities, split at line breaks, without leading articles or trailing possessives."""
    surfaces = {ent.text for ent in doc.ents}
    mentions: list[_Mention] = []
    for ent in doc.ents:
        for start, end in _split_lines(doc, ent.start, ent.end):
            start, end = _cut_possessor(doc, start, end, surfaces)
            while start < end and doc[start].lower_ in _DETERMINERS:
                start += 1
            while end > start and (doc[end - 1].text in _POSSESSIVE or doc[end - 1].is_punct):
                end -= 1
            if ent.label_ == "PERSON":
                start = _strip_titles(doc, start, end)
                if not _looks_like_name(doc, start, end):
                    continue
            if end > start:
                mentions.append(_Mention(start, end, ent.label_, f"{_NER_SOURCE} tagged it {ent.label_}"))
    return mentions


def _is_title_word(token) -> bool:
    lower = token.lower_
    return lower in HONORIFICS or lower in ROLE_HEADS or lower in ROLE_MODIFIERS or lower.rstrip("s") in ROLE_HEADS


def _strip_titles(doc, start: int, end: int) -> int:
    """'Sheriff Hogrefe' -> 'Hogrefe', 'Reuters Clinton' -> 'Clinton': titles and outlets are not the name."""
    while start < end - 1 and (_is_title_word(doc[start]) or doc[start].text in outlet_registry().text_names):
        start += 1
    return start


def _looks_like_name(doc, start: int, end: int) -> bool:
    """A person's name starts and ends with a capital and is not a web-page word ('Email', 'Photo')."""
    tokens = doc[start:end]
    return (
        len(tokens) > 0
        and tokens[0].text[:1].isupper()
        and tokens[-1].text[:1].isupper()
        and not any(t.lower_ in NOT_NAMES for t in tokens)
    )


def _split_lines(doc, start: int, end: int):
    piece = start
    for i in range(start, end):
        if "\n" in doc[i].text or "\n" in doc[i].whitespace_:
            if "\n" in doc[i].text:
                yield piece, i
            else:
                yield piece, i + 1
            piece = i + 1
    yield piece, end


def _cut_possessor(doc, start: int, end: int, surfaces: set[str]) -> tuple[int, int]:
    """'NATO's True Mission' -> 'NATO' when the possessor is an entity elsewhere in the article."""
    for i in range(start + 1, end):
        if doc[i].text in _POSSESSIVE and doc[start:i].text in surfaces:
            return start, i
    return start, end


# ---------------------------------------------------------------- people


def _name_of(doc, start: int, end: int) -> tuple[int, str]:
    """The name in tokens [start, end) without honorifics, and where it starts."""
    while start < end - 1 and doc[start].lower_ in HONORIFICS:
        start += 1
    return start, " ".join(doc[start:end].text.split())


def _is_outlet(doc, start: int, end: int) -> bool:
    return doc[start:end].text in outlet_registry().text_names


def _correct_people(doc, mentions: list[_Mention]) -> list[_Mention]:
    """Fix NER labels with evidence from the article itself and the outlet registry."""
    surnames = {doc[m.end - 1].text for m in mentions if m.label == "PERSON" and m.end - m.start > 1}
    for m in mentions:
        name = doc[m.start : m.end].text
        if m.label in ("PERSON", "GPE", "LOC", "NORP") and _is_outlet(doc, m.start, m.end) and name not in surnames:
            m.explanation = f"{_NER_SOURCE} tagged it {m.label}, but it is a known news outlet"
            m.label = "ORG"
        elif m.label == "PERSON":
            classifier = doc[m.start - 1].lower_ if m.start > 0 else ""
            if classifier in NON_PERSON_CLASSIFIERS:
                m.label = "PRODUCT"
                m.explanation = f"{_NER_SOURCE} tagged it PERSON, but it is introduced by {classifier!r}: a named thing"
    mentions = _promote_titled_names(doc, mentions)
    return _propagate_names(doc, mentions)


def _promote_titled_names(doc, mentions: list[_Mention]) -> list[_Mention]:
    """A capitalised name in apposition to a title ('President Putin', 'Lavrov, the minister') is a person."""
    by_start = {m.start: m for m in mentions}
    covered = {i for m in mentions for i in range(m.start, m.end)}
    added: list[_Mention] = []
    for start, end in _proper_noun_runs(doc):
        current = by_start.get(start)
        if current is not None and (current.label == "PERSON" or current.end != end):
            continue
        if current is None and start in covered or _is_outlet(doc, start, end):
            continue
        role = _role_before(doc, start, end) or _role_after(doc, end)
        if role is None:
            continue
        was = current.label if current else "nothing"
        explanation = f"{_NER_SOURCE} tagged it {was}; a person, as the title {doc[role[0]:role[1]].text!r} is given to it"
        if current is not None:
            current.label, current.explanation = "PERSON", explanation
        else:
            added.append(_Mention(start, end, "PERSON", explanation))
    return sorted(mentions + added, key=lambda m: m.start)


def _proper_noun_runs(doc):
    """Runs of up to four capitalised proper nouns, titles at their front left out: 'President Putin' -> 'Putin'."""
    i = 0
    while i < len(doc):
        if doc[i].pos_ == "PROPN" and doc[i].is_title and doc[i].ent_type_ not in _NUMERIC_ENTITY:
            j = i
            while j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].is_title and j - i < 4:
                j += 1
            start = i
            while start < j and _is_title_word(doc[start]):
                start += 1
            if start < j:
                yield start, j
            i = j
        else:
            i += 1


def _propagate_names(doc, mentions: list[_Mention]) -> list[_Mention]:
    """A name tagged PERSON once is a PERSON wherever it recurs; surnames count as the name."""
    forms: set[tuple[str, ...]] = set()
    for m in mentions:
        if m.label == "PERSON":
            start, _ = _name_of(doc, m.start, m.end)
            tokens = tuple(t.text for t in doc[start : m.end])
            forms.add(tokens)
            if len(tokens) > 1:
                forms.add(tokens[-1:])
    if not forms:
        return mentions
    texts = [t.text for t in doc]
    positions: dict[str, list[int]] = {}
    for i, text in enumerate(texts):
        positions.setdefault(text, []).append(i)
    by_span = {(m.start, m.end): m for m in mentions}
    covered = {i: m for m in mentions for i in range(m.start, m.end)}
    added: list[_Mention] = []
    for form in sorted(forms, key=len, reverse=True):
        size = len(form)
        for i in positions.get(form[0], ()):
            if tuple(texts[i : i + size]) != form:
                continue
            existing = by_span.get((i, i + size))
            if existing is not None:
                if existing.label != "PERSON":
                    existing.explanation = (
                        f"{_NER_SOURCE} tagged it {existing.label}, but {' '.join(form)!r} "
                        "is tagged PERSON elsewhere in the article"
                    )
                    existing.label = "PERSON"
                continue
            if any(j in covered for j in range(i, i + size)):
                continue
            mention = _Mention(
                i,
                i + size,
                "PERSON",
                f"{_NER_SOURCE} missed it, but {' '.join(form)!r} is tagged PERSON elsewhere in the article",
            )
            added.append(mention)
            for j in range(i, i + size):
                covered[j] = mention
    return sorted(mentions + added, key=lambda m: m.start)


def _resolve_people(doc, mentions: list[_Mention]) -> dict[str, _Person]:
    """Give every PERSON mention its canonical name and the roles set beside it."""
    people_mentions = [m for m in mentions if m.label == "PERSON"]
    for m in people_mentions:
        _, m.name = _name_of(doc, m.start, m.end)
    full_names = _canonical_full_names(people_mentions)
    people: dict[str, _Person] = {}
    for m in people_mentions:
        m.person, how = _person_for(m.name, m.start, full_names)
        if how:
            m.explanation += f"; {how}"
        person = people.setdefault(m.person, _Person(m.person, first=m.start))
        role = _role_before(doc, m.start, m.end) or _role_after(doc, m.end)
        if role is not None:
            m.role = _role_text(doc, role)
            person.add_role(m.role)
        elif _is_byline(doc, m.start):
            m.role = BYLINE_ROLE
            m.explanation += "; named in the byline"
            person.add_role(m.role)
    return people


def _is_byline(doc, start: int) -> bool:
    """'By Anna Petrova' on a line of its own."""
    if start == 0 or doc[start - 1].lower_ != "by":
        return False
    before = doc[start - 2] if start > 1 else None
    return before is None or "\n" in before.text or "\n" in before.whitespace_


def _words(name: str) -> list[str]:
    """A name's words without initials: 'Donald J. Trump' -> ['Donald', 'Trump']."""
    return [w for w in name.split() if not (len(w.rstrip(".")) == 1 and w[:1].isupper())]


def _canonical_full_names(mentions: list[_Mention]) -> list[tuple[int, str, str]]:
    """(position, full name, canonical name) for each multi-word name, in text order.

    Two full names are one person when their words match once initials are
    dropped, when they share first and last word ('Quentin Smith', 'Quentin
    Lamar Smith'), or when one ends the other ('Ibn Wahhaj', 'Siraj Ibn
    Wahhaj'). The canonical form is the first of the longest forms.
    """
    groups: list[list[str]] = []
    group_of: dict[str, list[str]] = {}
    for m in mentions:
        words = _words(m.name)
        if len(words) < 2 or m.name in group_of:
            continue
        group = next((g for g in groups if any(_same_person(words, _words(form)) for form in g)), None)
        if group is None:
            group = []
            groups.append(group)
        group.append(m.name)
        group_of[m.name] = group
    canonical = {id(g): max(g, key=lambda form: len(_words(form))) for g in groups}
    return [
        (m.start, m.name, canonical[id(group_of[m.name])]) for m in mentions if m.name in group_of
    ]


def _same_person(a: list[str], b: list[str]) -> bool:
    shorter, longer = sorted((a, b), key=len)
    return a == b or (a[0], a[-1]) == (b[0], b[-1]) or longer[-len(shorter) :] == shorter


def _person_for(name: str, position: int, full_names: list[tuple[int, str, str]]) -> tuple[str, str]:
    """The canonical person a name refers to, and how that was decided ('' when it is its own name).

    A full name maps to its canonical form. A shorter name that ends a full
    name ('Lavrov', 'Ibn Wahhaj') is the nearest such person before it, else
    the first after it. A single word that starts exactly one full name
    ('Tommy') is that person.
    """
    words = _words(name) or name.split()
    for _, full, canonical in full_names:
        if full == name:
            return canonical, "" if canonical == name else f"another form of {canonical}'s name"
    endings = [(start, c) for start, full, c in full_names if len(_words(full)) > len(words) and _words(full)[-len(words):] == words]
    if endings:
        before = [c for start, c in endings if start < position]
        canonical = before[-1] if before else endings[0][1]
        return canonical, f"the surname of {canonical}, named in full in the article"
    if len(words) == 1:
        starts = {c for _, full, c in full_names if _words(full)[0] == words[0]}
        if len(starts) == 1:
            canonical = starts.pop()
            return canonical, f"the first name of {canonical}, the only person of that name in the article"
    return name, ""


# ---------------------------------------------------------------- roles


def _is_role_word(token) -> bool:
    if token.is_space or token.ent_type_ in _NOT_ROLE_ENTITY:
        return False
    lower = token.lower_
    if lower in ROLE_HEADS or lower in ROLE_MODIFIERS:
        return True
    if not (token.text[:1].isupper() and token.is_alpha):
        return False
    # At a sentence start capitals prove nothing: require a name ("Russian", "NATO").
    return token.pos_ == "PROPN" or bool(token.ent_type_) or (token.pos_ in ("ADJ", "NOUN") and not token.is_sent_start)


def _role_before(doc, start: int, end: int) -> tuple[int, int] | None:
    """Tokens of a title right before a name: 'Kremlin spokesman Dmitry Peskov', 'Minister, Alexander Fomin,'."""
    j = start - 1
    comma = j >= 0 and doc[j].text == ","
    if comma:
        j -= 1
        after = doc[end] if end < len(doc) else None
        if after is not None and after.text not in {",", ".", ";"}:
            return None
    if j < 0 or doc[j].lower_ not in ROLE_HEADS or doc[j].ent_type_ in _NOT_ROLE_ENTITY:
        return None
    k = j
    while k > 0 and _is_role_word(doc[k - 1]):
        k -= 1
    if comma and doc[k].lower_ not in ROLE_HEADS and not doc[k].text[:1].isupper():
        return None
    return k, j + 1


def _role_after(doc, end: int) -> tuple[int, int] | None:
    """Tokens of a title in apposition after a name: 'Lavrov, the foreign minister,'."""
    if end >= len(doc) or doc[end].text != ",":
        return None
    j = end + 1
    if j < len(doc) and doc[j].lower_ in _DETERMINERS:
        j += 1
    if j + 1 < len(doc) and doc[j + 1].text in _POSSESSIVE:
        j += 2
    k = j
    while k < len(doc) and (_is_role_word(doc[k]) or doc[k].lower_ in ROLE_HEADS):
        k += 1
    if k == j or doc[k - 1].lower_ not in ROLE_HEADS:
        return None
    if k < len(doc) and not (doc[k].is_punct or doc[k].pos_ == "ADP"):
        return None
    return j, k


def _role_text(doc, role: tuple[int, int]) -> str:
    return " ".join(t.text for t in doc[role[0] : role[1]])


def _role_mentions(doc, mentions: list[_Mention], people: dict[str, _Person],
                   context_start: Callable[[int], int]) -> list[_Mention]:
    """Titles in apposition, and later descriptions ('the minister') tied to the person they describe.

    A description refers back no further than ``context_start`` of its position
    (:meth:`presslens.article.Article.context_start`): never to a person named in a caption or heading before it.
    """
    found: list[_Mention] = []
    taken: set[int] = {i for m in mentions if m.label == "PERSON" for i in range(m.start, m.end)}
    for m in [m for m in mentions if m.label == "PERSON"]:
        role = _role_before(doc, m.start, m.end) or _role_after(doc, m.end)
        if role is None or any(i in taken for i in range(*role)):
            continue
        found.append(
            _Mention(
                role[0],
                role[1],
                "PERSON",
                f"role in apposition to {m.person}",
                role=m.role,
                kind="role",
                person=m.person,
            )
        )
        taken.update(range(*role))
    named = sorted([m for m in mentions if m.label == "PERSON"] + found, key=lambda m: m.start)
    for start, end in _descriptions(doc, taken):
        head = doc[end - 1].lower_
        floor = context_start(doc[start].idx)
        candidate = None
        for m in named:
            if m.start >= start:
                break
            if doc[m.start].idx >= floor and _fits(head, people[m.person].roles):
                candidate = m.person
        if candidate is None:
            continue
        text = _role_text(doc, (start, end))
        found.append(
            _Mention(
                start,
                end,
                "PERSON",
                f"the description {text!r} refers back to {candidate}, the nearest person whose role fits",
                role=text,
                kind="role",
                person=candidate,
            )
        )
    return found


def _descriptions(doc, taken: set[int]):
    """'the [modifiers] HEAD' phrases not followed by a name: 'the senior diplomat', 'The minister'."""
    for i, token in enumerate(doc):
        if token.lower_ not in ANAPHORIC_HEADS or i in taken:
            continue
        if _title_of_a_name(doc, i):
            continue
        k = i
        while k > 0 and (k - 1) not in taken and _is_role_word(doc[k - 1]) and doc[k - 1].lower_ not in _DETERMINERS:
            k -= 1
        if k > 0 and doc[k - 1].lower_ == "the":
            yield k, i + 1


def _title_of_a_name(doc, i: int) -> bool:
    """'minister' in 'the minister Sergey Lavrov' or 'the minister, Sergey Lavrov': a title, not a description."""
    after = doc[i + 1] if i + 1 < len(doc) else None
    if after is None:
        return False
    if after.pos_ == "PROPN" or after.lower_ in ROLE_HEADS:
        return True
    return after.text == "," and i + 2 < len(doc) and doc[i + 2].ent_type_ == "PERSON"


def _fits(head: str, roles: list[str]) -> bool:
    wanted = ANAPHOR_IMPLIES.get(head, (head,))
    return any(phrase in role.lower() for role in roles for phrase in wanted)
