"""Finding attributions in a parsed text: cue, content and the mention of the speaker.

Four finders run over one spaCy ``Doc`` and the quoted stretches from
:mod:`presslens.quotes.marks`, in this order (an earlier finding wins when two
claim the same content):

1. :func:`verb_cues`: a cue verb from :data:`~presslens.quotes.cues.CUE_VERBS`
   with its subject as the speaker and its clausal complement, object or
   adjacent quotation as the content (``Lavrov said that ...``,
   ``“...,” Fomin said``, ``..., Fomin added``, ``as Putin said``,
   ``as stated by X``, ``X told Y``, passives with ``by``);
2. :func:`prepositional_cues`: ``according to X``, ``in the words of X``;
3. :func:`transcript_lines`: interview transcripts, ``Name: text`` lines;
4. :func:`unclaimed_quotations`: quoted sentences no cue claimed: continued
   from the speaker of the quotation just before, credited with a dash
   (``“...” – Commissioner X``), or left without a speaker.

Nothing here resolves who a mention refers to; see :mod:`presslens.quotes.speakers`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .cues import (
    CREDIT_VERBS,
    CUE_VERBS,
    NON_SPEAKER_LABELS,
    PREPOSITIONAL_CUES,
    THOUGHT_VERBS,
)
from .marks import Quoted

#: Verbs whose direct object is the addressee, not what was said ("told reporters").
ADDRESSEE_VERBS = frozenset({"tell", "ask", "inform", "assure", "warn", "advise", "urge", "remind", "caution"})
#: Shortest quotation, in words, that counts as a quote on its own rather than a quoted phrase.
MIN_QUOTE_WORDS = 4
#: Dependency labels of a subject.
SUBJECTS = ("nsubj", "nsubjpass", "csubj")
#: Characters trimmed from the edges of a content span.
_EDGE = " \t\n,;:—–-"
_TRANSCRIPT_LINE = re.compile(r"^(?P<name>[A-Z][\w.’'\-]*(?: [A-Z][\w.’'\-]*){0,3}):[ \t]+(?=\S)", re.M)
_DASH_CREDIT = re.compile(r"\s*[—–-]{1,2}\s*(?P<who>[A-Z][^\n]{1,80})$")


@dataclass
class Attribution:
    """One attribution before its speaker is resolved. Offsets are characters."""

    content: tuple[int, int]
    cue: tuple[int, int] | None
    source: tuple[int, int] | None
    how: str
    outlet: tuple[int, int] | None = None
    follows: "Attribution | None" = None  # a continued quotation: same speaker as this one


def _chars(tokens) -> tuple[int, int]:
    tokens = list(tokens)
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) past spaces and clause punctuation at its edges."""
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    if end > start and text[end - 1] == "." and text.count("“", start, end) == text.count("”", start, end):
        end -= 1
    return start, end


def _subtree_without(head, excluded) -> list:
    """Tokens of ``head``'s subtree outside the subtrees of ``excluded`` tokens, in order."""
    skip = {t.i for ex in excluded for t in ex.subtree}
    return [t for t in head.subtree if t.i not in skip]


def _contiguous(tokens, sentence) -> tuple[int, int] | None:
    """The longest run of consecutive tokens, kept inside ``sentence``, as characters."""
    tokens = [t for t in tokens if sentence.start <= t.i < sentence.end]
    if not tokens:
        return None
    runs, run = [], [tokens[0]]
    for token in tokens[1:]:
        if token.i == run[-1].i + 1:
            run.append(token)
        else:
            runs.append(run)
            run = [token]
    runs.append(run)
    return _chars(max(runs, key=lambda r: sum(len(t) for t in r)))


def mention_span(head) -> tuple[int, int]:
    """Characters of the noun phrase headed by ``head``, without relative clauses and edge punctuation."""
    cut = [c for c in head.children if c.dep_ in ("relcl", "acl", "advcl")]
    tokens = [t for t in _subtree_without(head, cut) if not (t.is_punct and t.i in (head.left_edge.i,))]
    tokens = [t for t in tokens if t.i >= head.left_edge.i]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens.pop()
    while tokens and (tokens[0].is_punct or tokens[0].is_space):
        tokens.pop(0)
    run = [tokens[0]] if tokens else [head]
    for token in tokens[1:]:
        if token.i == run[-1].i + 1:
            run.append(token)
        elif token.i > head.i:
            break
        else:
            run = [token]
    return _chars(run)


def subject_of(verb):
    """The token that says who speaks for ``verb``: its subject, a passive agent, or its head's subject."""
    for child in verb.children:
        if child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return pobj
    for child in verb.children:
        if child.dep_ in SUBJECTS:
            if child.dep_ == "nsubjpass" and verb.lemma_ in CUE_VERBS:
                continue  # "it was said", "the deal was criticized": the subject is not the speaker
            return child
    if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head is not verb and verb.head.pos_ in ("VERB", "AUX"):
        if not any(c.dep_ == "mark" for c in verb.children):
            return subject_of(verb.head)
    return None


def _quoted_near(quoted: list[Quoted], start: int, end: int, text: str, gap: int = 3) -> Quoted | None:
    """A quotation that begins right after ``end`` or ends right before ``start`` (within ``gap`` characters)."""
    for q in quoted:
        between_after = text[end:q.start]
        between_before = text[q.end:start]
        if 0 <= q.start - end <= gap and "\n" not in between_after:
            return q
        if 0 <= start - q.end <= gap and "\n" not in between_before:
            return q
    return None


def _snap_to_quotes(content: tuple[int, int], cue: tuple[int, int], quoted: list[Quoted]) -> tuple[int, int]:
    """Widen ``content`` to whole quotations it overlaps (never to one that holds the cue)."""
    start, end = content
    for q in quoted:
        if q.start < end and start < q.end and not (q.start <= cue[0] < q.end):
            start, end = min(start, q.start), max(end, q.end)
    return start, end


def _in_paragraph(text: str, content: tuple[int, int], cue: tuple[int, int]) -> tuple[int, int]:
    """Clip ``content`` to the paragraph of the cue (a parser may run a sentence over a line break)."""
    start, end = content
    if start < cue[0]:
        start = max(start, text.rfind("\n", start, cue[0]) + 1)
    else:
        stop = text.find("\n", cue[1], end)
        end = end if stop == -1 else stop
    return start, end


def _is_credit(verb, outlet_spans: list[tuple[int, int]]) -> bool:
    """``, RT reports`` or ``as Sputnik reports``: the verb credits an outlet, it does not attribute."""
    if verb.lemma_ not in CREDIT_VERBS:
        return False
    subject = subject_of(verb)
    if subject is None:
        return False
    start, end = mention_span(subject)
    is_outlet = any(s < end and start < e for s, e in outlet_spans)
    if not is_outlet and not (verb.lemma_ == "report" and subject.pos_ == "PROPN"):
        return False
    trailing = all(t.is_punct for t in verb.doc[verb.i + 1 : verb.sent.end])
    as_clause = any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
    return trailing or as_clause


def verb_cues(doc, quoted: list[Quoted], outlet_spans: list[tuple[int, int]], *,
              thoughts: bool = True) -> list[Attribution]:
    """Attributions headed by a cue verb; ``thoughts=False`` leaves out :data:`THOUGHT_VERBS` (believe, want)."""
    text = doc.text
    lexicon = CUE_VERBS if thoughts else CUE_VERBS - THOUGHT_VERBS
    found: list[Attribution] = []
    credits: list[tuple[object, tuple[int, int]]] = []
    for verb in doc:
        if verb.lemma_.lower() not in lexicon or verb.pos_ not in ("VERB", "AUX"):
            continue
        if _is_credit(verb, outlet_spans):
            credits.append((verb, mention_span(subject_of(verb))))
            continue
        attribution = _verb_attribution(verb, quoted, outlet_spans, text)
        if attribution is not None:
            found.append(attribution)
    for verb, outlet in credits:
        for attribution in found:
            if attribution.outlet is None and verb.sent.start_char <= attribution.cue[0] < verb.sent.end_char:
                attribution.outlet = outlet
    return found


def _content_head(verb, outlet_spans):
    """The token heading what ``verb`` reports, and how it was found."""
    for dep in ("ccomp", "xcomp"):
        for child in verb.children:
            if child.dep_ != dep or child.i < verb.i and dep == "xcomp":
                continue
            if dep == "xcomp" and verb.lemma_ not in THOUGHT_VERBS and verb.lemma_ not in ("promise", "vow", "pledge", "threaten", "refuse", "decline"):
                continue
            if child.lemma_ in CREDIT_VERBS and _is_credit(child, outlet_spans):
                inner = [c for c in child.children if c.dep_ == "ccomp"]
                if inner:
                    return inner[0], "clausal complement", child
            return child, "clausal complement", None
    if verb.lemma_ not in ADDRESSEE_VERBS:
        for child in verb.children:
            if child.dep_ == "dobj" and child.i > verb.i:
                return child, "object", None
    return None, "", None


def _verb_attribution(verb, quoted, outlet_spans, text) -> Attribution | None:
    sentence = verb.sent
    cue = _chars([verb] + [c for c in verb.children if c.dep_ in ("prt", "neg") and c.i == verb.i + 1])
    subject = subject_of(verb)
    source = mention_span(subject) if subject is not None else None
    credit_verb = None
    as_clause = verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
    if as_clause:
        tokens = _subtree_without(verb.head, [verb])
        content = _contiguous(tokens, sentence)
        how = "as-clause"
    else:
        head, how, credit_verb = _content_head(verb, outlet_spans)
        content = None
        if head is not None:
            excluded = [verb] if head.i < verb.i and verb in head.subtree else []
            content = _contiguous(_subtree_without(head, excluded), sentence)
            if head.i < verb.i and head.left_edge.i < sentence.start:
                content = _chars([t for t in head.subtree if t.i < verb.i and not t.is_space])
        elif verb.dep_ == "parataxis" and verb.head.sent == sentence:
            content = _contiguous(_subtree_without(verb.head, [verb]), sentence)
            how = "parataxis"
        if content is None:
            span = _chars(list(verb.subtree))
            near = _quoted_near(quoted, span[0], span[1], text)
            if near is None:
                return None
            content, how = (near.start, near.end), "adjacent quotation"
    if content is None:
        return None
    if source is not None and content[0] <= source[0] < content[1]:
        return None  # the speaker sits inside the content: a misparse
    content = trim(text, *_snap_to_quotes(_in_paragraph(text, content, cue), cue, quoted))
    if content[1] - content[0] < 2:
        return None
    outlet = mention_span(subject_of(credit_verb)) if credit_verb is not None else None
    return Attribution(content=content, cue=cue, source=source, how=f"cue verb “{verb.text}”, {how}", outlet=outlet)


def prepositional_cues(doc) -> list[Attribution]:
    """``according to X``, ``in the words of X``: the rest of the clause is the content."""
    found = []
    words = [t.lower_ for t in doc]
    for phrase in PREPOSITIONAL_CUES:
        n = len(phrase)
        for i in range(len(doc) - n + 1):
            if tuple(words[i : i + n]) != phrase:
                continue
            first, last = doc[i], doc[i + n - 1]
            objects = [c for c in last.children if c.dep_ == "pobj"]
            if not objects:
                continue
            source_head = objects[0]
            phrase_tokens = set(range(i, i + n)) | {t.i for t in source_head.subtree}
            anchor = first.head if first.head is not first else first
            while anchor.dep_ not in ("ROOT", "ccomp", "conj") and anchor.head is not anchor and anchor.i in phrase_tokens:
                anchor = anchor.head
            tokens = [t for t in anchor.subtree if t.i not in phrase_tokens] if anchor.i not in phrase_tokens else []
            content = _contiguous(tokens, first.sent)
            if content is None:
                continue
            content = trim(doc.text, *content)
            if content[1] - content[0] < 2:
                continue
            found.append(Attribution(content=content, cue=_chars(doc[i : i + n]), source=mention_span(source_head),
                                     how=f"“{' '.join(phrase)}”"))
    return found


def transcript_lines(text: str) -> list[Attribution]:
    """``Sputnik: ...`` / ``Michael Swadling: ...``: a speaker label at the start of a line."""
    found = []
    for match in _TRANSCRIPT_LINE.finditer(text):
        name = match.group("name")
        if name.split()[0].lower().strip(".’'") in NON_SPEAKER_LABELS or name.lower() in NON_SPEAKER_LABELS:
            continue
        line_end = text.find("\n", match.end())
        line_end = len(text) if line_end == -1 else line_end
        content = trim(text, match.end(), line_end)
        if content[1] - content[0] < 2 or len(text[content[0]:content[1]].split()) < 3:
            continue
        colon = match.start("name") + len(name)
        found.append(Attribution(content=content, cue=(colon, colon + 1), source=(match.start("name"), colon),
                                 how="interview transcript line"))
    return found


def _words(text: str) -> int:
    return len(text.split())


def unclaimed_quotations(text: str, quoted: list[Quoted], claimed: list[Attribution]) -> list[Attribution]:
    """Quoted sentences that no cue claimed: a continuation, a dash credit, or no speaker."""
    found = []
    ordered = sorted(claimed, key=lambda a: a.content[0])
    for q in quoted:
        if any(a.content[0] < q.end and q.start < a.content[1] for a in ordered):
            continue
        if _words(text[q.start:q.end]) < MIN_QUOTE_WORDS:
            continue  # a quoted phrase, a title or a scare quote, not a quotation
        line_end = text.find("\n", q.end)
        rest = text[q.end : len(text) if line_end == -1 else line_end]
        dash = _DASH_CREDIT.match(rest)
        if dash:
            who = (q.end + dash.start("who"), q.end + dash.end("who"))
            found.append(Attribution(content=(q.start, q.end), cue=(q.end + dash.start(), q.end + dash.start("who")),
                                     source=trim(text, *who), how="quotation credited after a dash"))
            continue
        before = [a for a in ordered if a.content[1] <= q.start and a.source is not None]
        previous = before[-1] if before else None
        gap = text[previous.content[1] : q.start] if previous else ""
        if previous is not None and gap.count("\n\n") + gap.count("\n") <= 2 and _words(gap) <= 12:
            found.append(Attribution(content=(q.start, q.end), cue=None, source=None, follows=previous,
                                     how="continues the quotation before it"))
            continue
        found.append(Attribution(content=(q.start, q.end), cue=None, source=None, how="quotation without a cue"))
    return found


def _named(doc, source: tuple[int, int] | None, people: list[tuple[int, int]]) -> bool:
    if source is None:
        return False
    if any(s < source[1] and source[0] < e for s, e in people):
        return True
    span = doc.char_span(source[0], source[1], alignment_mode="expand")
    return span is not None and len(span) > 0 and span.root.pos_ == "PROPN"


def drop_nested(doc, attributions: list[Attribution], people: list[tuple[int, int]]) -> list[Attribution]:
    """Drop an attribution whose cue sits inside another one's content, unless it names its speaker.

    ``“..., as Putin said, ...,” Lavrov said`` keeps both; ``“When we say ...”``
    and ``“I do not consider ...”`` inside a quotation are the speaker's own words.
    """
    kept = []
    for attribution in attributions:
        cue = attribution.cue
        nested = cue is not None and any(
            other is not attribution and other.content[0] <= cue[0] < other.content[1] for other in attributions
        )
        if not nested or _named(doc, attribution.source, people):
            kept.append(attribution)
    return kept
