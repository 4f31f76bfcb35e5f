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

Nothing in a title, heading, caption, byline, dateline, credit or table block
(:data:`~presslens.article.NON_PROSE_KINDS`) is a quote, cue or speaker, and no
quotation continues or pronoun resolves across one: an attributed headline is
left out, and a name in a caption is an entity but never a speaker.

The summary entry ``speakers`` lists who is quoted, how often, with how many
words, how many direct, indirect and mixed quotes, and through which outlets.
"""

from __future__ import annotations

from collections import defaultdict

from ..article import Article, Span
from ..context import Context
from ..nlp import sentence_of
from ..quotes.extract import Attribution, find_attributions, quoted_overlapping
from ..quotes.marks import find_quoted
from ..quotes.model import shipped_model
from ..quotes.speakers import Speaker, SpeakerResolver
from ..layers import QuoteAttrs, QuotesSummary
from ..registry import register_analyzer

#: How a quotation continued from the one before it in the same paragraph is explained.
CONTINUED = "continues the quotation before it, in the same paragraph"
#: Share of the content inside quotation marks from which a quote counts as direct.
DIRECT_SHARE = 0.85


def _kind(parts: list[tuple[int, int]], quoted) -> str:
    inside = sum(min(end, q.end) - max(start, q.start) for start, end in parts
                 for q in quoted_overlapping(quoted, start, end))
    if inside >= DIRECT_SHARE * sum(end - start for start, end in parts):
        return "direct"
    return "mixed" if inside else "indirect"


def _outlet_name(span: tuple[int, int] | None, outlets: list[Span], text: str) -> str | None:
    if span is None:
        return None
    for outlet in outlets:
        if outlet.start < span[1] and span[0] < outlet.end:
            return outlet.attrs.get("name") or outlet.text_in(text)
    return text[span[0]:span[1]]


def _sentence_outlet(attribution: Attribution, outlets: list[Span], doc, text: str) -> str | None:
    """An outlet named in the attribution's sentence (and paragraph) outside its content: ``told CNN``."""
    anchor = attribution.cue or attribution.content
    span = doc.char_span(anchor[0], anchor[1], alignment_mode="expand")
    if span is None or not len(span):
        return None
    sentence = sentence_of(span[0])
    paragraph_end = text.find("\n", anchor[1])
    paragraph = (text.rfind("\n", 0, anchor[0]) + 1, len(text) if paragraph_end == -1 else paragraph_end)
    start, end = attribution.content
    for outlet in outlets:
        inside_sentence = max(sentence.start_char, paragraph[0]) <= outlet.start < min(sentence.end_char, paragraph[1])
        if inside_sentence and not (start <= outlet.start < end):
            return outlet.attrs.get("name") or outlet.text_in(text)
    return None


#: A text on which this analyzer finds something (the contract test holds it to that).
EXAMPLE = "\u201cWe will not back down,\u201d Defence Minister Anna Berg told reporters on Monday."


@register_analyzer("quotes", layer="quotes", requires=("entities", "sources"), attrs=QuoteAttrs,
                   summary=QuotesSummary, example=EXAMPLE)
class QuoteAnalyzer:
    """Quotes and who said them: direct, indirect and mixed, with cue and resolved speaker."""

    def __init__(self, *, thoughts: bool = False, bare_objects: bool = False, join_continued: bool = False,
                 learned_cues: bool = True) -> None:
        #: Also report attributed thoughts and intentions (``X believes that``, ``X wants to``). Off by
        #: default: a belief, hope or fear is not reported speech unless it reports something said, and
        #: a columnist's "supporters feel that" is the columnist's argument. PolNeAR counts them, so
        #: ``presslens eval polnear`` turns them on.
        self.thoughts = thoughts
        #: Also report speech acts whose only content is a noun phrase (``criticised the plan``,
        #: ``denied the allegations``) and a reporter's ``Asked whether ...``. Off by default: they say
        #: nothing a reader could quote (ANNOTATION.md); PolNeAR counts them, so its eval turns them on.
        self.bare_objects = bare_objects
        #: Report a quotation that continues the one before it in the same paragraph (``“A,” she said.
        #: “B.”``) as one attribution with ``parts``, as PolNeAR annotates it. Off by default: each
        #: quotation is a quote of its own, with the same speaker and no cue (ANNOTATION.md's continuation).
        self.join_continued = join_continued
        #: Pick cue verbs with the shipped classifier (trained on PolNeAR) rather than the lexicon alone.
        self.learned_cues = learned_cues

    def analyze(self, article: Article, context: Context | None = None) -> list[Span]:
        context = context or Context(article)
        doc = context.doc
        text = article.text
        entities = context.spans("entities")
        outlets = context.spans("sources")
        quoted = find_quoted(text)
        people = [(s.start, s.end) for s in entities if s.label == "PERSON"]
        model = shipped_model() if self.learned_cues else None
        found = find_attributions(doc, quoted, [(s.start, s.end) for s in outlets], people,
                                  model=model, thoughts=self.thoughts, bare_objects=self.bare_objects,
                                  barriers=article.barriers)
        resolver = SpeakerResolver(doc, entities, outlets, context_start=article.context_start,
                                   barriers=article.barriers)
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
                outlet = _sentence_outlet(attribution, outlets, doc, text)
            cue = Span(*attribution.cue, "cue") if attribution.cue else None
            if attribution.parts and not self.join_continued:
                for index, part in enumerate(attribution.parts):
                    kind = _kind([part], quoted)
                    attrs = {"kind": kind, "cue": cue if not index else None,
                             "speaker": speaker.to_span() if speaker else None, "outlet": outlet}
                    how = attribution.how if not index else CONTINUED
                    spans.append(Span(part[0], part[1], kind, explanation=how, attrs=attrs))
                continue
            kind = _kind(attribution.parts or [attribution.content], quoted)
            attrs = {"kind": kind, "cue": cue, "speaker": speaker.to_span() if speaker else None, "outlet": outlet}
            if attribution.parts:
                attrs["parts"] = [Span(start, end, "part") for start, end in attribution.parts]
            spans.append(Span(attribution.content[0], attribution.content[1], kind,
                              explanation=attribution.how, attrs=attrs))
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
