"""The types of the built-in layers: what each span carries, and what each analyzer adds to the summary.

These dataclasses are the JSON contract. Each analyzer registers its pair
(``attrs=``, ``summary=``), the pipeline refuses spans whose attributes they
do not declare, and ``report.schema.json`` is generated from them
(``presslens schema``). Add a field to extend the contract; never rename or
retype one without a major schema version.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .article import Span
from .attrs import SpanOf, doc

# ---------------------------------------------------------------- entities


@dataclass(frozen=True)
class EntityAttrs:
    """A named entity; people carry their canonical name and role."""

    name: str | None = doc("Canonical name (PERSON).", default=None)
    role: str | None = doc("The person's role where the text gives one (apposition, title).", default=None)
    mention: str | None = doc("How the person is mentioned: name, surname, pronoun, role...", default=None)


@dataclass(frozen=True)
class PersonRow:
    """One person of the article."""

    name: str = doc("Canonical name.")
    roles: list[str] = doc("Roles the text gives them, most specific first.")
    mentions: int = doc("Mentions of them, pronouns and roles included.")


@dataclass(frozen=True)
class EntitiesSummary:
    people: list[PersonRow] = doc("The article's people in order of first mention.")


# ---------------------------------------------------------------- sources


@dataclass(frozen=True)
class SourceAttrs:
    """A media outlet cited or mentioned in the text."""

    name: str = doc("Canonical outlet name.")
    state_affiliated: bool | None = doc("null when the outlet is unknown.")
    country: str | None = doc("The outlet's country.")
    typology: str | None = doc("State Media Monitor typology code.")
    typology_label: str | None = doc("The typology in words.")
    editorial_independence: bool | None = doc("Editorially independent despite state funding.")
    kind: str = doc("How it is cited: attribution, credit, dateline, mention...")
    cue: Span | None = doc("The words that make it a citation ('according to').")


@dataclass(frozen=True)
class OutletProfile:
    """What the outlet registry knows about an outlet; state_affiliated null when it is unknown."""

    name: str | None = doc("Canonical outlet name; null when the article names none.")
    state_affiliated: bool | None = doc("null when the outlet is unknown.")
    reason: str | None = doc("Why nothing is known, for an outlet outside the registry.", default=None)
    from_: str | None = doc("Where the name came from (signature line, site name, URL).", json="from", default=None)
    aliases: list[str] = doc("Other names of the outlet.", default_factory=list)
    domains: list[str] = doc("Web domains of the outlet.", default_factory=list)
    country: str | None = None
    typology: str | None = None
    parent: str | None = doc("The state body or company behind it.", default=None)
    typology_label: str | None = None
    editorial_independence: bool | None = None
    state_funded: bool | None = None
    ownership: str | None = None
    uncertain: bool = doc("The matrix marks its typology as unsure.", default=False)
    registry: str | None = doc("Where the registry's facts come from.", default=None)


@dataclass(frozen=True)
class CitedOutletRow:
    """One outlet cited in the article."""

    name: str
    state_affiliated: bool | None
    country: str | None
    mentions: int
    kinds: list[str] = doc("How it is cited, in order of first appearance.")


@dataclass(frozen=True)
class SourcesSummary:
    publisher: OutletProfile = doc("The publishing outlet's profile.")
    outlets_cited: list[CitedOutletRow] = doc("Outlets the text cites, in order of first citation.")


# ---------------------------------------------------------------- quotes


@dataclass(frozen=True)
class SpeakerAttrs:
    """A speaker mention; its label is person, organisation, outlet or unresolved."""

    name: str | None = doc("Who the mention resolves to.")
    role: str | None = doc("The speaker's role where known.")


@dataclass(frozen=True)
class QuoteAttrs:
    """Reported speech: its content is the span, with cue and speaker."""

    kind: Literal["direct", "indirect", "mixed"] = doc("direct: in quotation marks; mixed: partly.")
    cue: Span | None = doc("The reporting verb or phrase ('said', 'according to').")
    speaker: SpanOf[SpeakerAttrs] | None = doc("The speaker mention, resolved.")
    outlet: str | None = doc("The outlet the quote is attributed through.")
    parts: list[Span] = doc("The quoted pieces of a content split by the cue.", default_factory=list)


@dataclass(frozen=True)
class SpeakerRow:
    """One speaker of the article and how much they are quoted."""

    name: str | None = doc("null for unattributed quotes.")
    role: str | None
    kind: str = doc("person, organisation, outlet or unattributed.")
    quotes: int
    words: int
    direct: int
    indirect: int
    mixed: int
    outlets: list[str] = doc("Outlets their quotes are attributed through.")


@dataclass(frozen=True)
class QuotesSummary:
    speakers: list[SpeakerRow] = doc("Speakers by number of quotes; unattributed last.")


# ---------------------------------------------------------------- numbers


@dataclass(frozen=True)
class NumberAttrs:
    """A number or date that a check reads."""

    kind: str = doc("count, percent, money, date...")
    value: float | None = None
    unit: str | None = None
    counts: str | None = doc("The noun the number counts.", default=None)
    qualifier: str | None = doc("about, more than, up to...", default=None)
    high: float | None = doc("The upper end of a range.", default=None)
    date: str | None = doc("ISO date of a date mention.", default=None)


@dataclass(frozen=True)
class NumericCheckAttrs:
    """A check of the numbers in a passage against each other."""

    verdict: Literal["consistent", "approximate", "inconsistent"]
    check: str = doc("Which check: percent change, part of whole, total of parts, shares of a whole, "
                     "repeated quantity, weekday and date, relative date, relative year.")
    numbers: list[SpanOf[NumberAttrs]] = doc("The numbers the check read.")
    stated: float | None = doc("The figure the text states.", default=None)
    computed: float | None = doc("The figure computed from the other numbers.", default=None)


@dataclass(frozen=True)
class NumericChecksCounts:
    checks: int
    consistent: int
    approximate: int
    inconsistent: int


@dataclass(frozen=True)
class NumbersSummary:
    numeric_checks_summary: NumericChecksCounts


# ---------------------------------------------------------------- claims


@dataclass(frozen=True)
class QuoteRefAttrs:
    """The quote a claim sits in."""

    kind: str | None


@dataclass(frozen=True)
class ClaimAttrs:
    """A check-worthy claim, scored and ranked."""

    checkworthiness: float = doc("Probability that a fact-checker would check it (0 to 1).")
    type: str = doc("Its main type: statistical, causal, prediction, quoted opinion, temporal, other.")
    types: list[str] = doc("Every type it has.")
    speaker: str | None = doc("Who says it, when it sits in a quote.")
    quote: SpanOf[QuoteRefAttrs] | None = doc("The quote the claim sits in.")
    entities: list[SpanOf[EntityAttrs]] = doc("Entities inside the claim.")
    numeric_checks: list[SpanOf[NumericCheckAttrs]] = doc("Numeric checks overlapping the claim.")
    rank: int = doc("1 = the most check-worthy claim of the article.")


@dataclass(frozen=True)
class ClaimsCounts:
    claims: int
    by_type: dict[str, int]
    in_quotes: int


@dataclass(frozen=True)
class ClaimsSummary:
    claims_summary: ClaimsCounts


# ---------------------------------------------------------------- techniques


@dataclass(frozen=True)
class SemEval2023View:
    """The SemEval-2023 Task 3 reading of a SemEval-2020 technique."""

    techniques: list[str]
    categories: list[str]


@dataclass(frozen=True)
class TechniqueAttrs:
    """A persuasion technique (one of the 14 of SemEval-2020 Task 11)."""

    technique: str = doc("The SemEval-2020 label, e.g. Name_Calling,Labeling.")
    name: str = doc("The technique as people write it, e.g. Name calling.")
    confidence: float = doc("Probability of the technique given the span (0 to 1).")
    span_confidence: float = doc("Probability that the span holds a technique at all (0 to 1).")
    semeval2023: SemEval2023View


@dataclass(frozen=True)
class TechniqueCount:
    technique: str
    name: str
    count: int


@dataclass(frozen=True)
class SentenceScore:
    """How likely a sentence is to hold a technique."""

    start: int
    end: int
    score: float


@dataclass(frozen=True)
class TechniquesOverview:
    spans: int
    words: int
    per_1000_words: float
    share_of_text: float = doc("Share of the text's characters inside a technique span.")
    top_techniques: list[TechniqueCount]
    sentences: list[SentenceScore]
    model: str = doc("The model folder's name.")
    persuasion: float | None = doc("How persuasive the article reads as a whole (0-1, the persuasion gate); "
                                   "null when the model folder has no gate.json.", default=None)
    verdict: str | None = doc("The gate's reading: persuasive, leans persuasive or plain; null without a gate.",
                              default=None)
    gated: bool = doc("True when the gate called the article plain and only very confident spans were kept.",
                      default=False)


@dataclass(frozen=True)
class TechniquesSummary:
    techniques_summary: TechniquesOverview

