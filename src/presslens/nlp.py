"""Loading the spaCy English pipeline, once per process."""

from __future__ import annotations

import functools

from .errors import ModelError
from .settings import DEFAULT_MAX_INPUT_BYTES, DEFAULT_SPACY_PIPELINE


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
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelError(
            f"the spaCy pipeline {name!r} is not installed. Install it with "
            "`pip install --no-deps --require-hashes -r requirements/models.txt` (see README)",
        ) from exc
    # spaCy refuses texts over max_length characters; our own size limit comes first.
    nlp.max_length = max(nlp.max_length, DEFAULT_MAX_INPUT_BYTES + 1)
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
