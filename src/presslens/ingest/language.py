"""Language identification with py3langid (a model shipped in the package, no download)."""

from __future__ import annotations

import functools

#: Below this many letters the identifier guesses too often; the language is left unknown.
MIN_LETTERS_FOR_DETECTION = 40
#: Normalised probability under which the guess is not trusted.
MIN_CONFIDENCE = 0.80


@functools.cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or ``None`` when it cannot be told."""
    if sum(character.isalpha() for character in text[:5000]) < MIN_LETTERS_FOR_DETECTION:
        return None
    language, confidence = _identifier().classify(text[:20000])
    return language if confidence >= MIN_CONFIDENCE else None
