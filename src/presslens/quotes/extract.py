"""Finding attributions in a parsed text: cue, content and the mention of the speaker.

Four finders run over one spaCy ``Doc`` and the quoted stretches from
:mod:`presslens.quotes.marks`, in this order (an earlier finding wins when two
claim the same content):

1. :func:`verb_cues`: a cue verb (chosen by the learned classifier of
   :mod:`presslens.quotes.model`, or from :data:`~presslens.quotes.cues.CUE_VERBS`)
   with its subject as the speaker and its clausal complement, object or
   adjacent quotation as the content (``Lavrov said that ...``,
   ``“...,” Fomin said``, ``..., Fomin added``, ``as Putin said``,
   ``as stated by X``, ``X told Y``, passives with ``by``);
2. :func:`prepositional_cues`: ``according to X``, ``in the words of X``;
3. :func:`transcript_lines`: interview transcripts, ``Name: text`` lines;
4. :func:`unclaimed_quotations`: quoted sentences no cue claimed: continued
   from the speaker of the quotation just before, credited with a dash
   (``“...” – Commissioner X``), or left without a speaker.

Blocks that are never attribution context (a title, heading, caption, byline,
credit...: :data:`presslens.article.NON_PROSE_KINDS`) are passed as *barriers*:
an attribution whose cue, speaker or content touches one is dropped, and no
quotation continues one from across one. An attributed headline
(``Mueller: ‘US forced EU ...’``) is thus left out: it is the outlet's
wording, not a quote of the article.

Nothing here resolves who a mention refers to; see :mod:`presslens.quotes.speakers`.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Iterator

from .cues import (
    CREDIT_VERBS,
    CUE_VERBS,
    NON_SPEAKER_LABELS,
    PREPOSITIONAL_CUES,
    SPEECH_VERBS,
    THOUGHT_VERBS,
)
from ..nlp import sentence_of
from .marks import Quoted
from .model import CueModel, cue_features, is_candidate

#: Verbs whose direct object is the addressee, not what was said ("told reporters").
ADDRESSEE_VERBS = frozenset({"tell", "ask", "inform", "assure", "warn", "advise", "urge", "remind", "caution"})
#: Prepositions whose object is what a cue verb reports ("talked about X", "voted for X").
CONTENT_PREPOSITIONS = frozenset({"about", "for", "to", "on", "of", "against", "with"})
#: Dependants of a cue verb that belong to its reported object ("called him a “stiff”", "accused X of Y").
OBJECT_TAIL = frozenset({"dobj", "oprd", "prep", "ccomp", "xcomp", "acomp", "dative"})
#: Verbs whose subject is what seems, not who says it ("the email appears to show ...").
EVIDENTIAL_VERBS = frozenset({"appear", "seem"})
#: Share of their extent two contents must both share to count as the same attribution.
SAME_CONTENT_SHARE = 0.8
#: Shortest quotation, in words, that counts as a quote on its own rather than a quoted phrase.
MIN_QUOTE_WORDS = 4
#: Entity types of a noun that can speak for a participle modifying it.
NAMED_SPEAKERS = frozenset({"PERSON", "ORG", "NORP"})
#: Dependants after an inverted subject that show it is an object (``praised Hitler as ...``).
INVERSION_BREAKERS = frozenset({"ccomp", "dobj", "xcomp", "oprd", "acomp"})
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
    parts: list[tuple[int, int]] = field(default_factory=list)  # quotations joined into one content

    def extend(self, part: tuple[int, int]) -> None:
        """Join a quotation that continues this one in the same paragraph (``“A,” he said. “B.”``)."""
        self.parts = (self.parts or [self.content]) + [part]
        self.content = (self.content[0], part[1])


def crosses(barriers, start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of ``barriers`` (character ranges)."""
    return any(low < end and start < high for low, high in barriers)


def _touches_barrier(attribution: Attribution, barriers) -> bool:
    ranges = (attribution.content, attribution.cue, attribution.source)
    return any(crosses(barriers, *extent) for extent in ranges if extent is not None)


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
    doc = head.doc
    tokens = [t for t in tokens if t.i >= head.left_edge.i  # "[Photo/VCG]\nChina": China
              and not any("\n" in doc[k].text_with_ws for k in range(min(t.i, head.i), max(t.i, head.i)))]
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


def inverted_subject_fits(subject, verb) -> bool:
    """Whether a subject is where a subject can be: before its verb, or after a verb with nothing of its
    own to report after it (``“...,” said Marta Ilves, the union's president``). ``praised Hitler as a “very
    great man”`` parsed with Hitler as the subject is a misparse: Hitler is the object."""
    if subject.i < verb.i:
        return True
    return not any(c.i > subject.i and (c.dep_ in INVERSION_BREAKERS or c.dep_ == "prep" and c.lower_ == "as")
                   for c in verb.children)


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
            if not inverted_subject_fits(child, verb):
                return None
            return child
    if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head is not verb and verb.head.pos_ in ("VERB", "AUX"):
        if not any(c.dep_ == "mark" for c in verb.children):
            return subject_of(verb.head)
    head = verb.head
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        return subject_of(head.head)  # "After saying ..., Trump left", "won by promising ..."
    if verb.dep_ == "acl" and (head.pos_ == "PROPN" or head.ent_type_ in NAMED_SPEAKERS):
        return head  # "the Super PAC backing Bush", "Murphy, tweeted on ..."
    return None


def _quoted_near(quoted: list[Quoted], start: int, end: int, text: str, gap: int = 4) -> Quoted | None:
    """A quotation that begins right after ``end`` or ends right before ``start``.

    Only spaces and ``, : – —`` may come between; a colon may also be followed
    by a paragraph break (``Fisk said:`` then a quoted paragraph). ``quoted`` is
    in order and never overlaps (:func:`~presslens.quotes.marks.find_quoted`), so
    the candidates are found by bisection: the quotations ending up to ``gap``
    characters before ``start``, then the first one starting at or after ``end``
    (any later one has that one's marks between).
    """
    first = bisect.bisect_left(quoted, start - gap, key=lambda q: q.end)
    for q in quoted[first:]:
        if q.end > start:
            break
        if not text[q.end:start].strip(" \t,:–—"):
            return q
    following = bisect.bisect_left(quoted, end, key=lambda q: q.start)
    if following < len(quoted):
        q = quoted[following]
        after = text[end:q.start]
        if (len(after) <= gap and "\n" not in after or after.rstrip().endswith(":") and not after.strip(" \t\n:")) \
                and not after.strip(" \t\n,:–—"):
            return q
    return None


def _quoted_at(quoted: list[Quoted], offset: int) -> Quoted | None:
    """The quotation of ``quoted`` (in order, never overlapping) that holds ``offset``, if any."""
    index = bisect.bisect_right(quoted, offset, key=lambda q: q.start) - 1
    return quoted[index] if index >= 0 and offset < quoted[index].end else None


def quoted_overlapping(quoted: list[Quoted], start: int, end: int) -> Iterator[Quoted]:
    """The quotations of ``quoted`` (in order, never overlapping) that overlap ``[start, end)``."""
    for q in quoted[bisect.bisect_right(quoted, start, key=lambda q: q.end):]:
        if q.start >= end:
            return
        yield q


def _snap_to_quotes(content: tuple[int, int], cue: tuple[int, int], quoted: list[Quoted]) -> tuple[int, int]:
    """Widen ``content`` to whole quotations it overlaps (never to one that holds the cue)."""
    start, end = content
    for q in quoted[bisect.bisect_right(quoted, start, key=lambda q: q.end):]:
        if q.start >= end:  # ``end`` grows with each quotation taken in
            break
        if not (q.start <= cue[0] < q.end):
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
    trailing = all(t.is_punct or t.is_space for t in verb.doc[verb.i + 1 : sentence_of(verb).end])
    as_clause = any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
    return trailing or as_clause


def _plain_speech(verb) -> bool:
    """A speech verb of the lexicon with a clause to report: a cue whatever the classifier says."""
    if verb.lemma_.lower() not in SPEECH_VERBS:
        return False
    as_clause = verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
    return as_clause or any(c.dep_ == "ccomp" for c in verb.children)


def verb_cues(doc, quoted: list[Quoted], outlet_spans: list[tuple[int, int]], *,
              thoughts: bool = True, bare_objects: bool = True, model: CueModel | None = None) -> list[Attribution]:
    """Attributions headed by a cue verb.

    A verb is a cue when ``model`` (the learned classifier) says so, or, without
    a model, when its lemma is in :data:`CUE_VERBS`. ``thoughts=False`` leaves
    out :data:`THOUGHT_VERBS` (believe, want) either way; ``bare_objects=False``
    leaves out speech acts whose only content is a noun phrase (``criticised
    the plan``, ``declined to comment`` keeps its clause) and the reporter's
    question in ``Asked whether ..., she said``.
    """
    text = doc.text
    quoted_chars = frozenset(i for q in quoted for i in range(q.start, q.end))
    found: list[Attribution] = []
    credits: list[tuple[object, tuple[int, int]]] = []
    for verb in doc:
        if not is_candidate(verb):
            continue
        lemma = verb.lemma_.lower()
        if not thoughts and lemma in THOUGHT_VERBS or not bare_objects and _asked_of(verb):
            continue
        if model is None:
            if lemma not in CUE_VERBS:
                continue
        elif not (model.is_cue(cue_features(verb, quoted_chars)) or _plain_speech(verb)):
            continue
        if _is_credit(verb, outlet_spans):
            credits.append((verb, mention_span(subject_of(verb))))
            continue
        attribution = _verb_attribution(verb, quoted, outlet_spans, text, bare_objects=bare_objects)
        if attribution is not None:
            found.append(attribution)
    for verb, outlet in credits:
        credited = [a for a in found if sentence_of(verb).start_char <= a.cue[0] < sentence_of(verb).end_char]
        if not credited:  # "“We will win,” Reuters said.": the outlet is the speaker, not a credit
            attribution = _verb_attribution(verb, quoted, outlet_spans, text)
            found += [attribution] if attribution is not None else []
        for attribution in credited:
            if attribution.outlet is None:
                attribution.outlet = outlet
    return found


def _content_head(verb, outlet_spans):
    """The token heading what ``verb`` reports, how it was found, and an outlet credit verb in between."""
    children = list(verb.children)
    for child in children:
        if child.dep_ == "ccomp" or child.dep_ == "xcomp" and child.i > verb.i:
            if child.lemma_ in CREDIT_VERBS and _is_credit(child, outlet_spans):
                inner = [c for c in child.children if c.dep_ == "ccomp"]
                if inner:
                    return inner[0], "clausal complement", child
            return child, "clausal complement", None
    if verb.lemma_ not in ADDRESSEE_VERBS:
        for child in children:
            if child.dep_ == "dobj" and child.i > verb.i:
                return child, "object", None
    for child in children:
        if child.dep_ == "prep" and child.i > verb.i and child.lower_ in CONTENT_PREPOSITIONS:
            objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
            if objects:
                return objects[0], "prepositional object", None
    return None, "", None


#: Most tokens a parenthetical cue may take inside its content ("His wife, he says, plans to ...").
MAX_PARENTHETICAL_TOKENS = 5


def _around_cue(tokens, verb, sentence) -> tuple[tuple[int, int] | None, bool]:
    """The content made of ``tokens``, and whether it runs around a parenthetical cue.

    PolNeAR scores ``His wife, he says, plans to leave`` as one content around
    ``he says``; otherwise the content is the longest contiguous run.
    """
    inside = [t for t in tokens if sentence.start <= t.i < sentence.end]
    if inside and inside[0].i < verb.i < inside[-1].i:
        if inside[-1].i - inside[0].i + 1 - len(inside) <= MAX_PARENTHETICAL_TOKENS:
            return _chars([inside[0], inside[-1]]), True
    return _contiguous(tokens, sentence), False


def _bare_object(tokens, content: tuple[int, int], quoted: list[Quoted]) -> bool:
    """Whether a cue verb's object is a bare noun phrase (``criticised the plan``): no verb, no quotation."""
    return not any(t.pos_ in ("VERB", "AUX") for t in tokens) and next(
        quoted_overlapping(quoted, *content), None) is None


def _asked_of(verb) -> bool:
    """``Asked whether ..., she said``: the reporter's question, not an attribution of its own."""
    return verb.lemma_ == "ask" and verb.tag_ in ("VBN", "VBD") and verb.dep_ == "advcl" and not any(
        c.dep_ in SUBJECTS for c in verb.children)


def _verb_attribution(verb, quoted, outlet_spans, text, *, bare_objects: bool = True) -> Attribution | None:
    sentence = sentence_of(verb)
    cue = _chars([verb] + [c for c in verb.children if c.dep_ in ("prt", "neg") and c.i == verb.i + 1])
    subject = subject_of(verb) if verb.lemma_.lower() not in EVIDENTIAL_VERBS else None
    source = mention_span(subject) if subject is not None else None
    credit_verb = None
    around = False
    as_clause = verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
    if as_clause:
        clause = verb.head
        if clause.dep_ == "xcomp" and clause.head.lemma_ == "be":
            clause = clause.head  # "X's goal is to fill a void, as stated by Y": the whole clause is reported
        tokens = _subtree_without(clause, [verb])
        content = _contiguous(tokens, sentence)
        how = "as-clause"
    else:
        head, how, credit_verb = _content_head(verb, outlet_spans)
        content = None
        if head is not None and how == "object":
            tail = [c for c in verb.children if c.i >= head.i and c.dep_ in OBJECT_TAIL]
            tokens = [t for c in tail for t in c.subtree]
            content = _contiguous(tokens, sentence)
            if not bare_objects and content is not None and _bare_object(tokens, content, quoted):
                return None
        elif head is not None:
            if how == "prepositional object" and not bare_objects and _bare_object(
                    list(head.subtree), _chars(head.subtree), quoted):
                return None
            excluded = [verb] if head.i < verb.i and verb in head.subtree else []
            content, around = _around_cue(_subtree_without(head, excluded), verb, sentence)
            if head.i < verb.i and head.left_edge.i < sentence.start:
                content = _chars([t for t in head.subtree if t.i < verb.i and not t.is_space])
        elif verb.dep_ == "parataxis" and sentence_of(verb.head) == sentence:
            content, around = _around_cue(_subtree_without(verb.head, [verb]), verb, sentence)
            how = "parataxis"
        if content is None:
            own = [t for t in verb.subtree if sentence.start <= t.i < sentence.end and not (t.is_punct or t.is_space)
                   and _quoted_at(quoted, t.idx) is None]
            span = _chars(own or [verb])
            near = _quoted_near(quoted, span[0], span[1], text)
            if near is None:
                return None
            content, how = (near.start, near.end), "adjacent quotation"
    if content is None:
        return None
    if source is not None and content[0] <= source[0] < content[1] and not around:
        return None  # the speaker sits inside the content: a misparse
    content = trim(text, *_snap_to_quotes(_in_paragraph(text, content, cue), cue, quoted))
    if content[1] - content[0] < 2:
        return None
    outlet = mention_span(subject_of(credit_verb)) if credit_verb is not None else None
    return Attribution(content=content, cue=cue, source=source, how=f"cue verb “{verb.text}”, {how}", outlet=outlet)


def prepositional_cues(doc) -> list[Attribution]:
    """``according to X``, ``in the words of X``: the rest of the clause is the content."""
    found = []
    text = doc.text  # Doc.text joins every token on each access: read it once
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
            content = _contiguous(tokens, sentence_of(first))
            if content is None:
                continue
            cue = _chars(doc[i : i + n])
            content = trim(text, *_in_paragraph(text, content, cue))
            if content[1] - content[0] < 2:
                continue
            found.append(Attribution(content=content, cue=cue, source=mention_span(source_head),
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


def _ends_attribution(gap: str, previous: Attribution | None) -> bool:
    """Whether ``gap``, the text from ``previous``'s content to a quotation, is only the end of its sentence
    with its cue (``“A,” said X, a long description of X. “B.”``): PolNeAR gives ``B`` to the same attribution."""
    if previous is None or previous.cue is None or previous.cue[0] < previous.content[1]:
        return False
    rest = gap[previous.cue[0] - previous.content[1]:].rstrip()
    return rest.endswith((".", ":")) and not re.search(r"[.!?:][”\"’]?\s", rest[:-1])


def unclaimed_quotations(text: str, quoted: list[Quoted], claimed: list[Attribution],
                         barriers=()) -> list[Attribution]:
    """Quoted sentences that no cue claimed: joined to the quotation just before it in the same paragraph
    (``“A,” he said. “B.”``), continuing one in the paragraph before, credited after a dash, or without speaker.
    Nothing is joined to or continues an attribution across one of ``barriers``."""
    found = []
    ordered = sorted(claimed, key=lambda a: a.content[0])
    starts = [a.content[0] for a in ordered]
    reach = _running_max(a.content[1] for a in ordered)  # reach[i]: the furthest end of ordered[: i + 1]
    # Attributions with a speaker by where their content ends: those ending before a quotation, the one
    # latest in ``ordered`` among them is the quotation's ``previous``. Quotations come in order, so the
    # set only grows; an attribution extended below ends at its quotation's end, before the next one.
    by_end = sorted((a.content[1], index) for index, a in enumerate(ordered) if a.source is not None)
    taken, latest = 0, -1
    quote_ends = {p.end for p in quoted}
    for q in quoted:
        below = bisect.bisect_left(starts, q.end)
        if below and reach[below - 1] > q.start:
            continue  # a claimed attribution overlaps the quotation
        while taken < len(by_end) and by_end[taken][0] <= q.start:
            latest = max(latest, by_end[taken][1])
            taken += 1
        previous = ordered[latest] if latest >= 0 else None
        if previous is not None and crosses(barriers, previous.content[1], q.start):
            previous = None
        gap = text[previous.content[1] : q.start] if previous else ""
        ends_quoted = previous is not None and previous.content[1] in quote_ends
        sentence = text[q.start:q.end].rstrip("”\"»“ ").endswith((".", "?", "!"))
        if "\n" not in gap and (ends_quoted and sentence and _words(gap) <= 12 or _ends_attribution(gap, previous)):
            previous.extend((q.start, q.end))
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


def drop_nested(doc, attributions: list[Attribution], people: list[tuple[int, int]],
                quoted: list[Quoted]) -> list[Attribution]:
    """Drop an attribution whose cue sits inside a quotation or another one's content.

    Kept are those that name their speaker and sit inside a quotation only, or
    are ``as``-clauses: ``“..., as Putin said, ...,” Lavrov said`` keeps both;
    ``“When we say ...”`` and ``“I do not consider ...”`` inside a quotation are
    the speaker's own words; ``Lavrov said that Stoltenberg claimed ...`` is one
    attribution, Lavrov's, as PolNeAR annotates it (the inner one is part of its content).
    """
    kept = []
    contents = _Contents(attributions)
    for index, attribution in enumerate(attributions):
        cue = attribution.cue
        in_content = cue is not None and contents.holds_other(cue[0], index)
        holder = _quoted_at(quoted, cue[0]) if cue is not None else None
        in_quotation = holder is not None and holder.closed and holder.start < cue[0]
        named = _named(doc, attribution.source, people)
        as_clause = attribution.how.endswith("as-clause")
        if not (in_content or in_quotation) or named and (in_quotation and not in_content or as_clause):
            kept.append(attribution)
    return kept


def _same(a: Attribution, b: Attribution) -> bool:
    if a.cue is not None and a.cue == b.cue:
        return True
    shared = min(a.content[1], b.content[1]) - max(a.content[0], b.content[0])
    return shared >= SAME_CONTENT_SHARE * max(a.content[1] - a.content[0], b.content[1] - b.content[0])


def _dedupe(candidates: list[Attribution]) -> list[Attribution]:
    """The candidates that are not the same attribution as an earlier one (:func:`_same`).

    Kept attributions are indexed by cue and by content start: one that is the same as a candidate
    shares its cue, or overlaps it by ``SAME_CONTENT_SHARE`` of the longer content, so it starts at
    most ``len / SAME_CONTENT_SHARE`` characters before the candidate's content and before its end.
    """
    kept: list[Attribution] = []
    cues: set[tuple[int, int]] = set()
    by_start: list[tuple[int, int]] = []  # (content start, index in kept), sorted
    for candidate in candidates:
        start, end = candidate.content
        if candidate.cue is not None and candidate.cue in cues:
            continue
        low = bisect.bisect_left(by_start, (start - int((end - start) / SAME_CONTENT_SHARE) - 1, -1))
        high = bisect.bisect_right(by_start, (end, len(kept)))
        if any(_same(candidate, kept[index]) for _, index in by_start[low:high]):
            continue
        bisect.insort(by_start, (start, len(kept)))
        kept.append(candidate)
        if candidate.cue is not None:
            cues.add(candidate.cue)
    return sorted(kept, key=lambda a: a.content[0])


def _running_max(values) -> list[int]:
    result: list[int] = []
    for value in values:
        result.append(max(value, result[-1]) if result else value)
    return result


class _Contents:
    """Which attributions' contents hold an offset, answered in O(log n) for :func:`drop_nested`.

    Contents sorted by start, with the two furthest ends reached so far at each position (and which
    attribution reached the furthest), so that "another one holds this offset" needs one bisection.
    """

    def __init__(self, attributions: list[Attribution]) -> None:
        order = sorted(range(len(attributions)), key=lambda i: attributions[i].content[0])
        self.starts = [attributions[i].content[0] for i in order]
        self.best: list[tuple[int, int, int]] = []  # (furthest end, its attribution, second furthest end)
        best = (-1, -1, -1)
        for i in order:
            end = attributions[i].content[1]
            if end > best[0]:
                best = (end, i, best[0])
            elif end > best[2]:
                best = (best[0], best[1], end)
            self.best.append(best)

    def holds_other(self, offset: int, index: int) -> bool:
        """Whether the content of an attribution other than ``index`` holds ``offset``."""
        position = bisect.bisect_right(self.starts, offset)
        if not position:
            return False
        furthest, holder, second = self.best[position - 1]
        return (furthest if holder != index else second) > offset


def _outlet_credits(prepositional: list[Attribution], verbs: list[Attribution],
                    outlet_spans: list[tuple[int, int]], people: list[tuple[int, int]]) -> list[Attribution]:
    """``According to the NYDN, the woman says ...``: the woman is the speaker, the NYDN (an outlet) carried it.

    A prepositional attribution whose source is not a person (``according to Kareem, officials have
    asked ...`` stays Kareem's) and whose content holds the cue of a verb attribution with a speaker of
    its own gives way to it, and becomes its outlet when its source is an outlet; the others are returned.
    """
    kept = []
    for attribution in prepositional:
        source = attribution.source
        person = source is not None and any(s < source[1] and source[0] < e for s, e in people)
        inner = [v for v in verbs if v.source is not None and v.cue is not None and not person
                 and attribution.content[0] <= v.cue[0] < attribution.content[1]]
        if source is not None and any(s < source[1] and source[0] < e for s, e in outlet_spans):
            for verb in inner:
                verb.outlet = verb.outlet or source
        if not inner:
            kept.append(attribution)
    return kept


def find_attributions(doc, quoted: list[Quoted], outlet_spans: list[tuple[int, int]],
                      people: list[tuple[int, int]], *, model: CueModel | None = None,
                      thoughts: bool = True, bare_objects: bool = True, barriers=()) -> list[Attribution]:
    """Every attribution in ``doc``, in text order, speakers not yet resolved.

    ``outlet_spans`` and ``people`` are the character spans of outlet and
    person mentions (from the ``sources`` and ``entities`` layers);
    ``barriers`` the character ranges of blocks that are never attribution context.
    """
    quoted = [q for q in quoted if not crosses(barriers, q.start, q.end)]
    verbs = verb_cues(doc, quoted, outlet_spans, thoughts=thoughts, bare_objects=bare_objects, model=model)
    found = _outlet_credits(prepositional_cues(doc), verbs, outlet_spans, people) + verbs
    found += transcript_lines(doc.text)
    found = [attribution for attribution in found if not _touches_barrier(attribution, barriers)]
    found = drop_nested(doc, _dedupe(found), people, quoted)
    return _dedupe(found + unclaimed_quotations(doc.text, quoted, found, barriers))
