"""The ``claims`` analyzer: which sentences are worth checking first.

Every sentence (or each independent clause, where a sentence joins several
claims with "and", "but" or a semicolon) inside one block that is not a
heading, byline, dateline, credit or table is a claim candidate. The shipped
classifier (:mod:`presslens.claims.model`) scores its check-worthiness from 0
to 1; candidates at or above ``min_score`` are returned, ranked (attr
``rank``, 1 = most check-worthy). Each claim also gets:

- ``type``: the first that applies of :data:`CLAIM_TYPES` ("statistical", "causal",
  "comparison", "prediction", "temporal", "quoted opinion"), or
  "other"; ``types`` lists every one that applies;
- ``speaker`` and ``quote``: when the claim sits inside a quote, the
  speaker's name and the quote's span;
- ``entities``: the entity spans inside it;
- ``numeric_checks``: the ``numbers`` findings that overlap it, with their
  verdicts and arithmetic.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from ..article import Article, Span
from ..claims.model import load_default_scorer
from ..context import Context
from ..errors import ConfigError
from ..nlp import sentences
from ..layers import ClaimAttrs, ClaimsSummary
from ..registry import register_analyzer

#: Claim types, in the order of precedence used for ``type``.
CLAIM_TYPES = ("statistical", "causal", "comparison", "prediction", "temporal", "quoted opinion")

#: Named entity labels whose presence makes a claim statistical or temporal.
STATISTICAL_ENTITIES = frozenset({"PERCENT", "MONEY", "QUANTITY", "CARDINAL"})
TEMPORAL_ENTITIES = frozenset({"DATE", "TIME"})
#: Comparative and superlative part-of-speech tags, and comparison phrases.
COMPARISON_TAGS = frozenset({"JJR", "RBR", "JJS", "RBS"})
COMPARISON_WORDS = re.compile(
    r"\b(?:than|compared\s+(?:with|to)|in\s+contrast\s+to|versus|vs\.?|record|twice\s+as|as\s+many\s+as|"
    r"up\s+from|down\s+from|increase[sd]?|decrease[sd]?|grew|grown|rose|fell|doubled|halved)\b",
    re.IGNORECASE,
)
CAUSAL_WORDS = re.compile(
    r"\b(?:because|due\s+to(?!\s+(?:be|begin|start|open|end|close|take|meet|hold|arrive|visit|last)\b)|caused?|causing|led\s+to|leads?\s+to|lead\s+to|result(?:ed|s)?\s+(?:of|in|from)|"
    r"as\s+a\s+result|thanks\s+to|owing\s+to|therefore|hence|blame[sd]?|responsible\s+for|triggered|"
    r"fraught\s+with)\b",
    re.IGNORECASE,
)
PREDICTION_WORDS = re.compile(
    r"\b(?:will|won['’]t|shall|going\s+to|expected\s+to|expects?|forecasts?|predict(?:s|ed)?|likely\s+to|"
    r"is\s+set\s+to|are\s+set\s+to|plans?\s+to|due\s+to\s+(?:begin|start|open|end))\b",
    re.IGNORECASE,
)
#: Candidates shorter than this many words are headlines or fragments, not claims.
MIN_CLAIM_WORDS = 5
#: Where a sentence holds several claims: independent clauses joined by one of these.
CLAUSE_JOINERS = frozenset({"and", "but", "while", "whereas", ";"})


#: A text on which this analyzer finds something (the contract test holds it to that).
EXAMPLE = "Unemployment fell to 3.5 percent last year, the lowest rate in five decades, the minister said."


@register_analyzer("claims", layer="claims", requires=("entities", "quotes", "numbers"), attrs=ClaimAttrs,
                   summary=ClaimsSummary, example=EXAMPLE)
class ClaimsAnalyzer:
    """Check-worthy claims, scored and ranked, with type, speaker, entities and numeric checks."""

    def __init__(self, *, min_score: float = 0.5, split_clauses: bool = True) -> None:
        if not 0.0 <= min_score <= 1.0:
            raise ConfigError(f"claims min_score must be between 0 and 1, got {min_score!r}")
        self.min_score = min_score
        self.split_clauses = split_clauses

    def analyze(self, article: Article, context=None) -> list[Span]:
        context = context or Context(article)
        checks = context.spans("numbers")
        joined = _join_across_checks(list(self._candidates(context.doc)), checks)
        candidates = [c for c in joined if article.statement_range(c[0], c[1]) == c[:2]]
        if not candidates:
            return []
        text = article.text
        scores = load_default_scorer().predict_proba([text[start:end] for start, end, _ in candidates])
        quotes = context.spans("quotes")
        entities = context.spans("entities")
        claims = []
        for (start, end, tokens), score in zip(candidates, scores):
            if score < self.min_score:
                continue
            quote = _enclosing_quote(start, end, quotes)
            types = claim_types(tokens, text[start:end], in_quote=quote is not None)
            speaker = quote.attrs.get("speaker") if quote is not None else None
            attrs: dict[str, Any] = {
                "checkworthiness": round(float(score), 4),
                "type": types[0] if types else "other",
                "types": types,
                "speaker": speaker.attrs.get("name") if isinstance(speaker, Span) else None,
                "quote": Span(quote.start, quote.end, "quote", attrs={"kind": quote.attrs.get("kind")}) if quote else None,
                "entities": [e for e in entities if start <= e.start and e.end <= end],
                "numeric_checks": [c for c in checks if c.start < end and start < c.end],
            }
            claims.append(Span(start, end, attrs["type"], score=attrs["checkworthiness"], attrs=attrs))
        ranked = sorted(claims, key=lambda span: (-span.score, span.start))
        return [span.with_attrs(rank=rank) for rank, span in enumerate(ranked, start=1)]

    def _candidates(self, doc):
        for sent in sentences(doc):
            parts = _clauses(sent) if self.split_clauses else [sent]
            for tokens in (line for part in parts for line in _lines(part)):
                words = [t for t in tokens if not t.is_punct]
                if len(words) < MIN_CLAIM_WORDS or not any(t.pos_ in ("VERB", "AUX") for t in tokens):
                    continue
                yield tokens[0].idx, tokens[-1].idx + len(tokens[-1].text), tokens

    def summarize(self, article: Article, spans: list[Span], context) -> dict[str, Any]:
        by_type = Counter(span.attrs["type"] for span in spans)
        return {"claims_summary": {"claims": len(spans), "by_type": dict(sorted(by_type.items())),
                                   "in_quotes": sum(1 for s in spans if s.attrs["quote"] is not None)}}  # fmt: skip


def _join_across_checks(candidates: list[tuple], checks: list[Span]) -> list[tuple]:
    """Neighbouring candidates that one numeric check spans are one claim: "grown by 60 per cent."
    and "The number of sorties increased from 436 to 710." state one change together."""
    joined: list[tuple] = []
    for start, end, tokens in candidates:
        if joined and any(c.start < joined[-1][1] and end > c.end > start for c in checks):
            previous_start, _, previous_tokens = joined.pop()
            joined.append((previous_start, end, previous_tokens + tokens))
        else:
            joined.append((start, end, tokens))
    return joined


def _lines(span) -> list[list]:
    """The tokens of ``span`` split at line breaks (a headline or byline is not part of the next sentence)."""
    lines: list[list] = [[]]
    for token in span:
        if token.is_space and "\n" in token.text:
            lines.append([])
        elif not token.is_space:
            lines[-1].append(token)
    return [line for line in lines if line]


def _clauses(sent) -> list:
    """Split a sentence at a coordinating word joining two clauses that each have their own subject."""
    root = sent.root
    cuts = []
    for child in root.children:
        if child.dep_ == "conj" and child.pos_ in ("VERB", "AUX") and any(
            c.dep_ in ("nsubj", "nsubjpass", "expl") for c in child.children
        ):
            joiner = next((t for t in sent[: child.left_edge.i - sent.start]
                           if t.i > root.i and t.lower_ in CLAUSE_JOINERS), None)  # fmt: skip
            if joiner is not None:
                cuts.append(joiner.i - sent.start)
    if not cuts:
        return [sent]
    parts, begin = [], 0
    for cut in sorted(set(cuts)):
        parts.append(sent[begin:cut])
        begin = cut + 1
    parts.append(sent[begin:])
    return [_trim(part) for part in parts if len(part)]


def _trim(span):
    end = len(span)
    while end > 1 and span[end - 1].is_punct and span[end - 1].text in ",;":
        end -= 1
    return span[:end]


def claim_types(tokens, text: str, *, in_quote: bool) -> list[str]:
    """Every type in :data:`CLAIM_TYPES` that applies to a claim, in order of precedence."""
    entity_labels = {t.ent_type_ for t in tokens if t.ent_type_}
    found = {
        "statistical": bool(entity_labels & STATISTICAL_ENTITIES) or any(
            t.like_num and any(ch.isdigit() for ch in t.text) for t in tokens if t.ent_type_ != "DATE"
        ),
        "comparison": any(t.tag_ in COMPARISON_TAGS for t in tokens) or COMPARISON_WORDS.search(text) is not None,
        "causal": CAUSAL_WORDS.search(text) is not None,
        "prediction": PREDICTION_WORDS.search(text) is not None,
        "temporal": bool(entity_labels & TEMPORAL_ENTITIES),
        "quoted opinion": in_quote,
    }
    return [name for name in CLAIM_TYPES if found[name]]


def _enclosing_quote(start: int, end: int, quotes: list[Span]) -> Span | None:
    """The quote holding most of the claim (at least half of it), if any."""
    best, best_overlap = None, 0
    for quote in quotes:
        overlap = min(end, quote.end) - max(start, quote.start)
        if overlap * 2 >= end - start and overlap > best_overlap:
            best, best_overlap = quote, overlap
    return best
