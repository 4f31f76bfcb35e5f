"""The ``quotes`` analyzer: direct, indirect and mixed quotations, each with its cue and resolved speaker.

Each span covers the *content* of an attribution and carries

* ``kind``: ``direct`` (the content is quoted), ``indirect`` (no quotation
  marks), or ``mixed`` (reported speech with quoted phrases in it);
* ``cue``: the span of the cue (``said``, ``according to``, the colon of a
  transcript line), or null for a quotation continued from the one before it
  or quoted with no cue at all;
* ``speaker``: the span of the speaker *mention* (``he``, ``the senior
  diplomat``, ``Sergey Lavrov``) with ``name`` (canonical, null when the
  mention could not be resolved) and ``role``; null when there is no mention;
* ``outlet``: the outlet that carried the attribution when the text names one
  (``RT reports``, ``told CNN``, ``according to Reuters``), else null.

The summary entry ``speakers`` lists who is quoted, how often, with how many
words, how many direct, indirect and mixed quotes, and through which outlets.
"""

from __future__ import annotations

from collections import defaultdict

from ..article import Article, Span
from ..pipeline import Context
from ..quotes.extract import (
    Attribution,
    drop_nested,
    prepositional_cues,
    transcript_lines,
    unclaimed_quotations,
    verb_cues,
)
from ..quotes.marks import find_quoted
from ..quotes.speakers import Speaker, SpeakerResolver
from ..registry import register_analyzer

#: Share of the content inside quotation marks from which a quote counts as direct.
DIRECT_SHARE = 0.85
#: Share of their extent two contents must both share to count as the same attribution.
SAME_CONTENT_SHARE = 0.8


def _kind(content: tuple[int, int], quoted) -> str:
    start, end = content
    inside = sum(max(0, min(end, q.end) - max(start, q.start)) for q in quoted)
    if inside >= DIRECT_SHARE * (end - start):
        return "direct"
    return "mixed" if inside else "indirect"


def _same(a: Attribution, b: Attribution) -> bool:
    if a.cue is not None and a.cue == b.cue:
        return True
    shared = min(a.content[1], b.content[1]) - max(a.content[0], b.content[0])
    return shared >= SAME_CONTENT_SHARE * max(a.content[1] - a.content[0], b.content[1] - b.content[0])


def _dedupe(candidates: list[Attribution]) -> list[Attribution]:
    kept: list[Attribution] = []
    for candidate in candidates:
        if not any(_same(candidate, other) for other in kept):
            kept.append(candidate)
    return sorted(kept, key=lambda a: a.content[0])


def _outlet_name(span: tuple[int, int] | None, outlets: list[Span], text: str) -> str | None:
    if span is None:
        return None
    for outlet in outlets:
        if outlet.start < span[1] and span[0] < outlet.end:
            return outlet.attrs.get("name") or outlet.text_in(text)
    return text[span[0]:span[1]]


def _sentence_outlet(attribution: Attribution, outlets: list[Span], doc) -> str | None:
    """An outlet named in the attribution's sentence outside its content: ``told CNN``, ``speaking to RT``."""
    anchor = attribution.cue or attribution.content
    span = doc.char_span(anchor[0], anchor[1], alignment_mode="expand")
    if span is None or not len(span):
        return None
    sentence = span[0].sent
    start, end = attribution.content
    for outlet in outlets:
        inside_sentence = sentence.start_char <= outlet.start < sentence.end_char
        if inside_sentence and not (start <= outlet.start < end):
            return outlet.attrs.get("name") or outlet.text_in(doc.text)
    return None


@register_analyzer("quotes", layer="quotes", requires=("entities", "sources"))
class QuoteAnalyzer:
    """Quotes and who said them: direct, indirect and mixed, with cue and resolved speaker."""

    def __init__(self, *, thoughts: bool = True) -> None:
        #: Also report attributed thoughts and intentions (``X believes that``, ``X wants to``).
        self.thoughts = thoughts

    def analyze(self, article: Article, context: Context | None = None) -> list[Span]:
        context = context or Context(article)
        doc = context.doc
        text = article.text
        entities = context.spans("entities")
        outlets = context.spans("sources")
        quoted = find_quoted(text)
        outlet_spans = [(s.start, s.end) for s in outlets]
        found = prepositional_cues(doc)
        found += verb_cues(doc, quoted, outlet_spans, thoughts=self.thoughts)
        found += transcript_lines(text)
        people = [(s.start, s.end) for s in entities if s.label == "PERSON"]
        found = drop_nested(doc, _dedupe(found), people)
        found = _dedupe(found + unclaimed_quotations(text, quoted, found))
        resolver = SpeakerResolver(doc, entities, outlets)
        speakers: dict[int, Speaker] = {}
        spans = []
        for attribution in sorted(found, key=lambda a: (a.source or a.cue or a.content)[0]):
            speaker = None
            if attribution.source is not None:
                speaker = resolver.resolve(*attribution.source)
            elif attribution.follows is not None:
                speaker = speakers.get(id(attribution.follows))
            speakers[id(attribution)] = speaker
        for attribution in found:
            speaker = speakers[id(attribution)]
            outlet = _outlet_name(attribution.outlet, outlets, text)
            if outlet is None and speaker is not None and speaker.kind == "outlet":
                outlet = speaker.name
            if outlet is None:
                outlet = _sentence_outlet(attribution, outlets, doc)
            kind = _kind(attribution.content, quoted)
            cue = Span(*attribution.cue, "cue") if attribution.cue else None
            spans.append(Span(
                attribution.content[0], attribution.content[1], kind,
                explanation=attribution.how,
                attrs={"kind": kind, "cue": cue, "speaker": speaker.to_span() if speaker else None, "outlet": outlet},
            ))
        return spans

    def summarize(self, article: Article, spans: list[Span], context: Context | None) -> dict:
        table: dict[str | None, dict] = {}
        outlets: dict[str | None, set] = defaultdict(set)
        for span in spans:
            speaker = span.attrs.get("speaker")
            name = speaker.attrs.get("name") if speaker is not None else None
            row = table.setdefault(name, {
                "name": name, "role": None, "kind": speaker.label if speaker is not None and name else "unattributed",
                "quotes": 0, "words": 0, "direct": 0, "indirect": 0, "mixed": 0,
            })
            if speaker is not None and speaker.attrs.get("role") and not row["role"]:
                row["role"] = speaker.attrs["role"]
            row["quotes"] += 1
            row["words"] += len(span.text_in(article.text).split())
            row[span.attrs["kind"]] += 1
            if span.attrs.get("outlet"):
                outlets[name].add(span.attrs["outlet"])
        rows = [{**row, "outlets": sorted(outlets[name])} for name, row in table.items()]
        rows.sort(key=lambda row: (row["name"] is None, -row["quotes"], row["name"] or ""))
        return {"speakers": rows}
