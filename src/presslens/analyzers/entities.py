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

from ..article import Article, Span
from ..outlets import registry as outlet_registry
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
_NOT_ROLE_ENTITY = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY", "PERSON"})
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
        if role.lower() not in {r.lower() for r in self.roles}:
            self.roles.append(role)


@register_analyzer("entities", layer="entities")
class EntityAnalyzer:
    """People, organisations, places and dates, with canonical names and roles for people."""

    def __init__(self, *, labels: tuple[str, ...] | None = None) -> None:
        self.labels = frozenset(labels) if labels else ENTITY_LABELS

    def analyze(self, article: Article, context=None) -> list[Span]:
        if context is None:
            from ..pipeline import Context

            context = Context(article)
        doc = context.doc
        mentions = _clean_entities(doc)
        mentions = _correct_people(doc, mentions)
        people = _resolve_people(doc, mentions)
        mentions.extend(_role_mentions(doc, mentions, people))
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
            if end > start:
                mentions.append(_Mention(start, end, ent.label_, f"{_NER_SOURCE} tagged it {ent.label_}"))
    return mentions


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
    return start, " ".join(t.text for t in doc[start:end] if not t.is_space)


def _is_capitalised_name(doc, start: int, end: int) -> bool:
    return all(t.text[:1].isupper() and t.is_alpha for t in doc[start:end])


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
    i = 0
    while i < len(doc):
        if doc[i].pos_ == "PROPN" and doc[i].is_title and doc[i].ent_type_ not in _NOT_ROLE_ENTITY - {"PERSON"}:
            j = i
            while j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].is_title and j - i < 4:
                j += 1
            if doc[i].lower_ not in ROLE_HEADS and doc[i].lower_ not in ROLE_MODIFIERS:
                yield i, j
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
    by_span = {(m.start, m.end): m for m in mentions}
    covered = {i: m for m in mentions for i in range(m.start, m.end)}
    added: list[_Mention] = []
    for form in sorted(forms, key=len, reverse=True):
        size = len(form)
        for i in range(len(doc) - size + 1):
            if tuple(t.text for t in doc[i : i + size]) != form:
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
    full_names: list[tuple[int, str]] = []
    for m in people_mentions:
        start, m.name = _name_of(doc, m.start, m.end)
        if " " in m.name:
            full_names.append((m.start, m.name))
    people: dict[str, _Person] = {}
    for m in people_mentions:
        m.person = m.name
        if " " not in m.name:
            m.person = _full_name_for(m.name, m.start, full_names)
            if m.person != m.name:
                m.explanation += f"; the surname of {m.person}, named in full in the article"
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


def _full_name_for(surname: str, position: int, full_names: list[tuple[int, str]]) -> str:
    """The nearest full name before ``position`` ending in ``surname``, else the first one after."""
    matches = [(start, name) for start, name in full_names if name.split()[-1] == surname]
    before = [name for start, name in matches if start < position]
    if before:
        return before[-1]
    return matches[0][1] if matches else surname


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


def _role_mentions(doc, mentions: list[_Mention], people: dict[str, _Person]) -> list[_Mention]:
    """Titles in apposition, and later descriptions ('the minister') tied to the person they describe."""
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
        candidate = None
        for m in named:
            if m.start >= start:
                break
            if _fits(head, people[m.person].roles):
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
        after = doc[i + 1] if i + 1 < len(doc) else None
        if after is not None and (after.pos_ == "PROPN" or after.lower_ in ROLE_HEADS or after.text == ","
                                  and i + 2 < len(doc) and doc[i + 2].ent_type_ == "PERSON"):
            continue
        k = i
        while k > 0 and (k - 1) not in taken and _is_role_word(doc[k - 1]) and doc[k - 1].lower_ not in _DETERMINERS:
            k -= 1
        if k > 0 and doc[k - 1].lower_ == "the":
            yield k, i + 1


def _fits(head: str, roles: list[str]) -> bool:
    wanted = ANAPHOR_IMPLIES.get(head, (head,))
    return any(phrase in role.lower() for role in roles for phrase in wanted)
