"""Media sources: the outlets an article cites, and who published it.

Every name in the outlet registry's ``text_names`` is looked for in the
article (case-sensitive, whole tokens, through one spaCy ``PhraseMatcher``
built on first use). Each hit is classified by the words around it, in this
order:

* ``dateline``: "MOSCOW, Dec 29 (Reuters) -", "Washington (AFP) –";
* ``credit line``: "Source: TASS", "Photo: Reuters" at the start of a line,
  or "(AP)" elsewhere;
* ``attribution``: a cue before ("according to", "told", "speaking to",
  "in an interview with") or after ("RT reports", "a TASS correspondent");
* ``mention``: any other occurrence of a known outlet.

The span is the outlet name; ``cue`` is the attribution words (a span), or
``None`` for plain mentions. A name inside a longer proper name ("AP
Physics", "Reuters Institute") or inside a person's name (Michael
"Bloomberg") is not an outlet.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from ..article import Article, Span
from ..context import Context
from ..nlp import load_pipeline
from ..outlets import OutletProfile, domain_of, lookup, registry, unknown_profile
from ..layers import SourceAttrs, SourcesSummary
from ..registry import register_analyzer

#: Cue words before an outlet: "according to", "told", "in an interview with".
BEFORE_CUES = (
    r"according to|as reported by|reported by|as quoted by|quoted by|cited by|interviewed by|published by"
    r"|obtained by|seen by|reviewed by|provided to|shared with"
    r"|told|tells|telling|said to|(?:speaking|spoke|speaks|talking|talked|talks) (?:to|with)"
    r"|in (?:an |a |his |her |their )?(?:exclusive )?interview (?:with|to)|in (?:comments|remarks|a statement) to"
    r"|citing|quoting|(?:a|the) report (?:by|in|from)|wrote in|writing (?:in|for)|reports? (?:by|in|from)"
)
#: Words allowed between a before-cue and the outlet: "according to the state news agency TASS".
OUTLET_DESCRIPTORS = (
    r"the|a|an|state|state-run|state-owned|state-controlled|state-funded|government-run|official|news|agency"
    r"|outlet|broadcaster|channel|television|TV|radio|newspaper|daily|paper|website|media|wire|newswire|service"
    r"|Kremlin-backed|Kremlin-funded|pro-Kremlin|\d{4}"
)
#: Cue words after an outlet: "RT reports", "a TASS correspondent", "the MSNBC anchor".
AFTER_CUES = (
    r"reports?|reported|reporting|said|says|wrote|writes|quoted|quotes|cited|cites|noted|notes|learned|learnt"
    r"|informs?|informed|announced|published|broadcast|aired|correspondents?|journalists?|reporters?"
    r"|anchors?|hosts?|presenters?|editors?|columnists?|commentators?"
    r"|confirms?|confirmed|claims?|claimed|stated|states|revealed|reveals|obtained|interviews?"
)
#: Line openings that credit an outlet: "Source: TASS", "© 2018 Los Angeles Times".
CREDIT_WORDS = r"(?:Sources?|Credits?|Photos?|Images?|Video|Via)\s*:|(?:Copyright|©)\s*(?:\d{4})?"

_BEFORE = re.compile(
    rf"(?P<cue>\b(?i:{BEFORE_CUES}))\s+(?:(?:{OUTLET_DESCRIPTORS}|[A-Z][\w-]*)\s+){{0,4}}$"
)
_AFTER = re.compile(rf"^(?:[’']s)?\s+(?:(?:has|had|have|was|were|is|also)\s+){{0,2}}(?P<cue>(?:{AFTER_CUES}))\b")
_AFTER_WORD = re.compile(rf"(?:{AFTER_CUES})$")
_AS = re.compile(r"\bas\s+$", re.IGNORECASE)
_DATELINE_BEFORE = re.compile(
    r"(?:^|\n)(?P<cue>[A-Z][A-Za-z .'’-]{1,40}?"
    r"(?:,\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?|[A-Z][A-Za-z.]{1,15})){0,2})?"
    r"\s*\((?:[\w.-]+\s*/\s*)*$"
)
_DATELINE_AFTER = re.compile(r"^(?:\s*/\s*[\w.-]+)*\)\s*[-–—:]")
#: "By Anna Petrova and The Associated Press", "By WCMH Staff and AP": a byline crediting an outlet.
_BYLINE_BEFORE = re.compile(
    r"(?:^|\n)[ \t]*(?P<cue>By)[ \t]+(?:[A-Z][\w.'’-]*[ \t]+){0,3}[A-Z][\w.'’-]*[ \t]*(?:,|and|&)[ \t]*$"
)
#: "Tom Dodge/The Columbus Dispatch via AP", "Andrew Welsh-Huggins/AP": a photo credit ending a line.
_PHOTO_CREDIT_BEFORE = re.compile(r"(?:/\s*|\b(?P<cue>via)\s+)$")
_LINE_END = re.compile(r"[ \t]*(?:\n|$)")
#: "RT @user": a retweet, not the outlet.
_RETWEET_AFTER = re.compile(r"\s*@\w")
_CREDIT_BEFORE = re.compile(rf"(?:^|\n)(?P<cue>{CREDIT_WORDS})\s*[^\n]{{0,80}}$")
_WINDOW = 120


@functools.cache
def _name_patterns(pipeline: str) -> tuple[tuple[str, ...], ...]:
    """Every outlet name matched in text, split into tokens by the pipeline's tokenizer."""
    tokenizer = load_pipeline(pipeline).tokenizer
    return tuple(tuple(t.text for t in doc) for doc in tokenizer.pipe(sorted(registry().text_names)))


_MATCHERS: dict[int, tuple[Any, Any]] = {}


def _matcher(vocab, pipeline: str):
    """A PhraseMatcher over the outlet names, built once per vocabulary (docs must share it)."""
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc

    cached = _MATCHERS.get(id(vocab))
    if cached is None or cached[0] is not vocab:
        matcher = PhraseMatcher(vocab, attr="ORTH")
        matcher.add("OUTLET", [Doc(vocab, words=list(words)) for words in _name_patterns(pipeline)])
        cached = _MATCHERS[id(vocab)] = (vocab, matcher)
    return cached[1]


#: A text on which this analyzer finds something (the contract test holds it to that).
EXAMPLE = "According to Reuters, the talks in Geneva ended without agreement, TASS reported."


@register_analyzer("sources", layer="sources", requires=("entities",), attrs=SourceAttrs,
                   summary=SourcesSummary, example=EXAMPLE)
class SourceAnalyzer:
    """Outlets the article cites (attributions, datelines, credit lines, mentions), with state affiliation."""

    def analyze(self, article: Article, context=None) -> list[Span]:
        if context is None:
            context = Context(article)
        doc = context.doc
        text = article.text
        people = [s for s in context.spans("entities") if s.label == "PERSON"]
        spans: list[Span] = []
        for start, end in _outlet_matches(doc, context.settings.spacy_pipeline):
            first, last = doc[start], doc[end - 1]
            char_start, char_end = first.idx, last.idx + len(last.text)
            if any(p.start < char_end and char_start < p.end for p in people):
                continue
            if _inside_longer_name(doc, start, end) or _RETWEET_AFTER.match(text, char_end):
                continue
            name = text[char_start:char_end]
            profile = registry().text_names[name]
            kind, cue, how = _classify(text, char_start, char_end)
            spans.append(
                Span(
                    char_start,
                    char_end,
                    "OUTLET",
                    explanation=f"{how}; {profile.describe()}",
                    attrs={
                        "name": profile.name,
                        "state_affiliated": profile.state_affiliated,
                        "country": profile.country,
                        "typology": profile.typology,
                        "typology_label": profile.typology_label,
                        "editorial_independence": profile.editorial_independence,
                        "cue": cue,
                        "kind": kind,
                    },
                )
            )
        return spans

    def summarize(self, article: Article, spans: list[Span], context=None) -> dict[str, Any]:
        cited: dict[str, dict[str, Any]] = {}
        for span in spans:
            entry = cited.setdefault(
                span.attrs["name"],
                {
                    "name": span.attrs["name"],
                    "state_affiliated": span.attrs["state_affiliated"],
                    "country": span.attrs["country"],
                    "mentions": 0,
                    "kinds": [],
                },
            )
            entry["mentions"] += 1
            if span.attrs["kind"] not in entry["kinds"]:
                entry["kinds"].append(span.attrs["kind"])
        return {"publisher": publisher(article), "outlets_cited": list(cited.values())}


def _outlet_matches(doc, pipeline: str) -> list[tuple[int, int]]:
    """Longest non-overlapping matches (token offsets), in text order."""
    found: list[tuple[int, int]] = []
    for _, start, end in sorted(_matcher(doc.vocab, pipeline)(doc), key=lambda m: (m[1], -m[2])):
        if found and start < found[-1][1]:
            continue
        found.append((start, end))
    return found


#: Words that make the capitalised run after an outlet one of its desks, programmes or staff:
#: "VOA Extremism Watch Desk", "BBC Radio 4's Today programme", "CNN Chief Correspondent".
UNIT_WORDS = frozenset(
    "desk service bureau newsroom radio television tv programme program show podcast channel "
    "correspondent reporter journalist anchor host presenter editor".split()
)


def _inside_longer_name(doc, start: int, end: int) -> bool:
    """'AP Physics', 'Reuters Institute': the outlet name runs on into another capitalised word that is
    not one of its desks, programmes or staff."""
    if end >= len(doc) or doc[end - 1].whitespace_ != " ":
        return False
    after = doc[end]
    if not (after.is_title and after.is_alpha and not _AFTER_WORD.match(after.lower_)):
        return False
    for token in doc[end : end + 8]:
        if token.lower_ in UNIT_WORDS:
            return False
        if not (token.is_title or token.is_digit or token.lower_ in ("'s", "’s")):
            break
    return True


def _classify(text: str, start: int, end: int) -> tuple[str, Span | None, str]:
    """(kind, cue span, how it was recognised) for an outlet name at text[start:end]."""
    before = text[max(0, start - _WINDOW) : start]
    offset = start - len(before)
    after = text[end : end + _WINDOW]
    dateline = _DATELINE_BEFORE.search(before)
    if dateline and _DATELINE_AFTER.match(after):
        cue = _cue(dateline, offset)
        where = f" {text[cue.start:cue.end]!r}" if cue else ""
        return "dateline", cue, f"dateline{where}: the story is credited to this outlet"
    if before.endswith("(") and after.startswith(")"):
        return "credit line", None, "outlet credited in parentheses"
    photo = _PHOTO_CREDIT_BEFORE.search(before)
    if photo and _LINE_END.match(after):
        cue = _cue(photo, offset)
        return "credit line", cue, "photo credit at the end of a line names this outlet"
    credit = _CREDIT_BEFORE.search(before) or _BYLINE_BEFORE.search(before)
    if credit:
        cue = _cue(credit, offset)
        return "credit line", cue, f"credit line {text[cue.start:cue.end]!r} names this outlet"
    cue_before = _BEFORE.search(before)
    if cue_before:
        cue = _cue(cue_before, offset)
        return "attribution", cue, f"attribution cue {text[cue.start:cue.end]!r} before a known outlet"
    cue_after = _AFTER.match(after)
    if cue_after:
        cue = Span(end + cue_after.start("cue"), end + cue_after.end("cue"), "CUE")
        as_ = "'as ... " if _AS.search(before) else "'"
        return "attribution", cue, f"attribution cue {as_}{text[cue.start:cue.end]}' after a known outlet"
    return "mention", None, "mention of a known outlet"


def _cue(match: re.Match, offset: int) -> Span | None:
    if match.group("cue") is None:
        return None
    start, end = match.span("cue")
    while end > start and match.string[end - 1] in " :":
        end -= 1
    return Span(offset + start, offset + end, "CUE")


def publisher(article: Article) -> dict[str, Any]:
    """The publishing outlet's profile, from the outlet name (signature line, site name) or the URL.

    An outlet the registry does not know gets a profile with
    ``state_affiliated: None`` and the reason; ``from`` says where the name came from.
    """
    outlet_from = article.field_sources.get("outlet", "article metadata 'outlet'")
    candidates: list[tuple[str, str]] = []
    if article.outlet:
        candidates.append((article.outlet, outlet_from))
    domain = domain_of(article.url) if article.url else None
    if domain:
        candidates.append((domain, f"URL domain {domain!r}"))
    for query, where in candidates:
        profile = lookup(query)
        if profile is not None:
            return _publisher_dict(profile, where)
    if candidates:
        query, where = candidates[0]
        reason = (
            f"{query!r} is not in the outlet registry (ASD State Media Matrix and curated outlets): "
            "whether a state controls it is unknown"
        )
        return _publisher_dict(unknown_profile(query, reason), where)
    reason = "the article names no publishing outlet (no signature line, site name or URL)"
    return {"name": None, "state_affiliated": None, "reason": reason, "from": None}


def _publisher_dict(profile: OutletProfile, where: str) -> dict[str, Any]:
    return {**profile.to_dict(), "from": where}
