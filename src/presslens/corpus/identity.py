"""One identity per person across the corpus: canonical names, their aliases, and the analyst's corrections.

The quotes layer names a speaker as each article does: "Donald J. Trump",
"Donald Trump", "Mr. Trump", "Trump", "Crooked Hillary Clinton". Over the
whole corpus these are resolved to one person each, in this order:

1. names without the shape of a person's name are dropped ("Obama Says",
   "just 28 percent of voters"), and so are names the corpus knows as
   something else: an outlet of the registry, or a text its entities layer
   tags as a place or an organisation more often than as a person ("Vermont");
2. honorifics and titles, with the words before them, and a participle in front are removed ("Mr.",
   "Sen.", "President-elect", "Republican nominee", "Asserting Clinton");
3. full names with the same first and last word are one person ("Donald J.
   Trump" = "Donald Trump");
4. a name that ends in a better-attested full name is that person, the words
   before it taken as an epithet ("Crooked Hillary Clinton");
5. a bare surname is the person of that surname only when one full name
   holds at least :attr:`IdentityParams.surname_dominance` of the quotes of
   every full name with that surname: two people sharing a surname are never
   merged without that evidence;
6. the analyst's corrections (``presslens corpus people merge|split``) are
   applied last, on every run.

Each person is shown under their most quoted full name.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Iterable, Mapping

from .. import outlets

#: Honorifics: alone, they are no role ("Mr.").
HONORIFICS = frozenset("mr mrs ms miss mister dr sir dame madam".split())

#: Words in front of a name that are not part of it: honorifics and titles ("Mr. Trump", "Sen. Sanders");
#: in a role, they make it one ("Florida Sen.", "House Speaker"). (Not the entities analyzer's lexicon:
#: importing an analyzer here would register it before the others.)
TITLES = HONORIFICS | frozenset(
    """
    president vice sen senator rep representative gov governor secretary mayor judge gen general former
    candidate nominee rev reverend prof professor lady lord speaker chairman chairwoman chair spokesman
    spokeswoman spokesperson minister director chief leader ambassador adviser advisor commissioner justice
    """.split()
)

#: Lower-case words allowed inside a name ("Ludwig van Beethoven", "Osama bin Laden").
PARTICLES = frozenset("de da del della der den di du la le van von bin ibn al el y".split())

#: Words that never stand in a person's name: headline verbs ("Obama Says") and counted nouns, groups of
#: people among them ("Aides said" at the start of a sentence).
NOT_NAME_WORDS = frozenset(
    """
    says said say tells told claims claimed warns warned slams blasts admits asks asked urges calls
    responds reveals denies vows percent voters people officials campaign supporters report reports
    statement poll polls news team camp aides advisers sources critics analysts experts
    """.split()
)

#: Suffixes after a surname ("Martin Luther King Jr.").
SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})

#: The longest name kept, in words.
MAX_NAME_WORDS = 5

#: Entity labels that mark a text as something other than a person.
NON_PERSON_LABELS = ("GPE", "LOC", "ORG", "NORP", "FAC")

_WORD_SHAPE = re.compile(r"^(?:[A-Z][\w'’.-]*|[A-Z]\.)$")
#: A participle opening a sentence, taken into a name by the tagger: "Asserting Clinton".
_GERUND = re.compile(r"^[A-Z][a-z]{3,}ing$")
_POSSESSIVE = re.compile(r"['’]s?$")
_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class IdentityParams:
    #: A bare surname is the person holding at least this share of the quotes of the full names with that surname.
    surname_dominance: float = 0.8


def is_title(word: str) -> bool:
    """A title or honorific ("Sen.", "nominee"), hyphenated ones included ("President-elect", "Vice-President")."""
    folded = word.casefold().rstrip(".,")
    return folded in TITLES or "-" in folded and any(part in TITLES or part == "elect" for part in folded.split("-"))


def clean_name(name: str) -> str | None:
    """The name without the titles and words before them ("Republican nominee", "Secretary of State") and a
    participle in front, or None when it does not have the shape of a person's name."""
    words = [_POSSESSIVE.sub("", word) for word in name.split()]
    titled = [index for index, word in enumerate(words[:-1]) if is_title(word)]
    if titled:  # "Republican nominee Donald Trump", "Former Secretary of State Hillary Clinton"
        words = words[titled[-1] + 1:]
        if len(words) > 2 and words[0] == "of":
            words = words[2:]
    while len(words) > 1 and _GERUND.match(words[0]):
        words = words[1:]
    if not words or len(words) > MAX_NAME_WORDS or any(any(c.isdigit() for c in word) for word in words):
        return None
    for word in words:
        if word.casefold() in NOT_NAME_WORDS or word.casefold().rstrip(".") in TITLES and len(words) == 1:
            return None
        if word not in PARTICLES and word.casefold() not in SUFFIXES and not _WORD_SHAPE.match(word):
            return None
    if len(words) == 1 and len(words[0].rstrip(".")) < 2:
        return None
    return " ".join(words)


def is_role(role: str | None) -> bool:
    """Whether a speaker's role as found in an article reads as a role ("Florida Sen.", "House Speaker").

    Not a role: empty text, times and numbers ("7:10 p.m."), a bare honorific ("Mr."), or a capitalised
    phrase without a role word, which is most often a name or a headline ("Hillary Clinton", "Congress").
    """
    if not role or any(c.isdigit() for c in role) or "\n" in role:
        return False
    words = role.split()
    if not any(sum(c.isalpha() for c in word) >= 3 for word in words):
        return False
    if all(word.casefold().rstrip(".") in HONORIFICS for word in words):
        return False
    return clean_name(role) is None or any(word.casefold().rstrip(".,") in TITLES for word in words)


def _core(words: list[str]) -> list[str]:
    return [word for word in words if word.casefold() not in SUFFIXES] or words


def name_key(name: str) -> tuple[str, ...]:
    """First and last word of a cleaned name, case-folded (a single word for a bare surname), then any
    suffix: "Donald Trump Jr." is not "Donald Trump"."""
    words = _core(name.split())
    suffix = tuple(word.casefold().rstrip(".") for word in name.split() if word.casefold() in SUFFIXES)
    key = (words[0].casefold(), words[-1].casefold()) if len(words) > 1 else (words[0].casefold(),)
    return key + suffix


def slug(name: str) -> str:
    """A person's id from their canonical name: ``donald-trump``."""
    return _SLUG.sub("-", name.casefold()).strip("-")


def is_outlet(name: str) -> bool:
    return outlets.lookup(name) is not None


def resolve(counts: Mapping[str, int], *, non_persons: Iterable[str] = (),
            corrections: Mapping[str, str | None] | None = None,
            params: IdentityParams = IdentityParams()) -> dict[str, str]:
    """Each speaker name (with its number of quotes in ``counts``) mapped to its person's canonical name.

    Names that are not people are left out. ``non_persons``: texts known to be
    places or organisations (case-insensitive). ``corrections``: alias ->
    canonical name to merge into, or None to keep the alias as a person of
    its own.
    """
    excluded = {name.casefold() for name in non_persons}
    cleaned = {}
    for raw in counts:
        name = clean_name(raw)
        if name is not None and name.casefold() not in excluded and raw.casefold() not in excluded \
                and not is_outlet(name):
            cleaned[raw] = name
    # Step 3: full names by first and last word.
    groups: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for raw, name in cleaned.items():
        groups[name_key(name)][name] += counts[raw]
    totals = {key: sum(variants.values()) for key, variants in groups.items()}
    target: dict[tuple[str, ...], tuple[str, ...]] = {key: key for key in groups}
    # Step 4: epithets in front of a better-attested full name.
    for key, variants in groups.items():
        for name in variants:
            words = _core(name.split())
            for cut in range(1, len(words) - 1):
                suffix = name_key(" ".join(words[cut:]))
                if suffix in groups and totals[suffix] > totals[key]:
                    target[key] = suffix
                    break
    # Step 5: bare surnames dominated by one full name.
    by_surname: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for key in groups:
        if len(key) == 2 and target[key] == key:
            by_surname[key[1]].append(key)
    for key in groups:
        if len(key) == 1 and by_surname.get(key[0]):
            candidates = by_surname[key[0]]
            best = max(candidates, key=lambda k: (totals[k], k))
            if totals[best] >= params.surname_dominance * sum(totals[k] for k in candidates):
                target[key] = best
    display = {key: max(variants.items(), key=lambda item: (item[1], -len(item[0]), item[0]))[0]
               for key, variants in groups.items()}
    resolved = {raw: display[_follow(target, name_key(name))] for raw, name in cleaned.items()}
    return _correct(resolved, cleaned, corrections or {})


def _follow(target: Mapping[tuple[str, ...], tuple[str, ...]], key: tuple[str, ...]) -> tuple[str, ...]:
    seen = {key}
    while target[key] != key and target[key] not in seen:
        key = target[key]
        seen.add(key)
    return key


def _correct(resolved: dict[str, str], cleaned: Mapping[str, str],
             corrections: Mapping[str, str | None]) -> dict[str, str]:
    """Apply the analyst's merges (alias -> person) and splits (alias -> None: a person of its own)."""
    folded = {alias.casefold(): into for alias, into in corrections.items()}
    canonical = {name.casefold(): name for name in resolved.values()}
    result = {}
    for raw, person in resolved.items():
        key = raw.casefold() if raw.casefold() in folded else cleaned[raw].casefold()
        if key not in folded:
            result[raw] = person
        elif folded[key] is None:
            result[raw] = cleaned[raw]
        else:
            into = folded[key]
            result[raw] = canonical.get(into.casefold(), into)
    return result


# -- the store's identity tables ----------------------------------------------------

def non_person_texts(store) -> set[str]:
    """Texts the entities layer tags as a place or organisation more often than as a person."""
    rows = store.connection.execute(
        "SELECT substr(t.text, s.start + 1, s.end - s.start) AS surface,"
        f" sum(s.label IN ({', '.join('?' * len(NON_PERSON_LABELS))})) AS other, sum(s.label = 'PERSON') AS person"
        " FROM spans s JOIN articles a ON a.id = s.article_id JOIN texts t ON t.rowid = a.text_id"
        " WHERE s.layer = 'entities' GROUP BY surface", NON_PERSON_LABELS).fetchall()
    return {row["surface"] for row in rows if row["other"] > row["person"]}


def corrections(store) -> dict[str, str | None]:
    rows = store.connection.execute("SELECT alias, person FROM people_corrections ORDER BY alias")
    return {row["alias"]: row["person"] for row in rows}


def refresh(store, params: IdentityParams = IdentityParams()) -> int:
    """Resolve every speaker name of the store into ``people`` and ``person_aliases``; return the people count."""
    counts = dict(store.connection.execute("SELECT name, sum(quotes) FROM speakers GROUP BY name").fetchall())
    aliases = resolve(counts, non_persons=non_person_texts(store), corrections=corrections(store), params=params)
    with store.transaction() as db:
        db.execute("DELETE FROM person_aliases")
        db.execute("DELETE FROM people")
        db.executemany("INSERT OR IGNORE INTO people (id, name) VALUES (?, ?)",
                       [(slug(name), name) for name in sorted(set(aliases.values()))])
        db.executemany("INSERT INTO person_aliases (alias, person_id) VALUES (?, ?)",
                       [(alias, slug(name)) for alias, name in sorted(aliases.items())])
    return len(set(aliases.values()))


def correct(store, alias: str, person: str | None) -> None:
    """Record an analyst's correction (``person`` None: split ``alias`` off) and resolve again."""
    with store.transaction() as db:
        db.execute("INSERT INTO people_corrections (alias, person) VALUES (?, ?)"
                   " ON CONFLICT(alias) DO UPDATE SET person = excluded.person", (alias, person))
    refresh(store)
