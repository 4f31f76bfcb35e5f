"""Features of the technique model, computed from the shared spaCy parse.

Span identification is sequence labelling: every sentence becomes a sequence
of token attribute lists for the CRF (word identity and shape, part of speech,
dependency, neighbours, and article-level cues such as repeated words and
exclamations). Technique classification sees a span as a bag of word and
character n-grams plus a few numeric cues (length, how often the same words
recur in the article, punctuation around it).
"""

from __future__ import annotations

import functools
import math
import re
import zlib
from collections import Counter
from dataclasses import dataclass

from ..nlp import sentences

#: Words whose presence in a sentence often signals a technique (hand-picked cue lexicon).
CUE_WORDS: dict[str, frozenset[str]] = {
    "intensifier": frozenset(
        "very extremely totally completely absolutely utterly truly really so incredibly massive huge "
        "enormous tremendous outrageous shocking disgusting horrific terrible evil radical".split()
    ),
    "doubt": frozenset("allegedly supposedly so-called claimed claims whether questionable really".split()),
    "fear": frozenset(
        "threat threaten threatens danger dangerous destroy destruction catastrophe disaster war terror "
        "terrorist invasion crisis collapse kill killed deadly".split()
    ),
    "flag": frozenset("nation national patriot patriots patriotic american americans country our we".split()),
    "authority": frozenset("according said says expert experts scientist scientists officials study".split()),
    "absolute": frozenset("all every never always nothing everyone nobody only either".split()),
    "cause": frozenset("because therefore thus result caused cause causes blame due".split()),
}

_WORD = re.compile(r"\w+")

QUOTE_MARKS = frozenset({'"', "“", "”", "'", "‘", "’"})


@dataclass(frozen=True)
class Token:
    """A token of a sequence: its character offsets and its CRF attributes."""

    start: int
    end: int
    features: list[str]


def _shape(text: str) -> str:
    if text.isupper() and len(text) > 1:
        return "UPPER"
    if text[:1].isupper():
        return "Title"
    if text.isdigit():
        return "digit"
    if text.isalpha():
        return "lower"
    return "other"


def _invert(classes: dict[str, frozenset[str] | set[str]]) -> dict[str, tuple[str, ...]]:
    inverted: dict[str, list[str]] = {}
    for name, words in classes.items():
        for word in words:
            inverted.setdefault(word, []).append(name)
    return {word: tuple(names) for word, names in inverted.items()}


#: Word -> the cue classes it belongs to, in CUE_WORDS order (one dict look-up per token).
_CUE_CLASSES_OF = _invert(CUE_WORDS)


def _cue_classes(lower: str) -> tuple[str, ...]:
    return _CUE_CLASSES_OF.get(lower, ())


_SEQUENCES_KEY = "presslens.techniques.sequences"


def sentence_sequences(doc) -> list[list]:
    """The sentences of ``doc`` as lists of spaCy tokens, cut at line breaks, without whitespace tokens.

    Tagging and classifying both need them: they are made once per doc and kept in ``doc.user_data``.
    """
    cached = doc.user_data.get(_SEQUENCES_KEY)
    if cached is None:
        cached = (_sentence_sequences(doc),)
        doc.user_data[_SEQUENCES_KEY] = cached
    return cached[0]


def _sentence_sequences(doc) -> list[list]:
    sequences = []
    for sentence in sentences(doc):
        current: list = []
        for token in sentence:
            if token.is_space:
                if "\n" in token.text and current:
                    sequences.append(current)
                    current = []
                continue
            current.append(token)
            if "\n" in token.whitespace_ and current:
                sequences.append(current)
                current = []
        if current:
            sequences.append(current)
    return sequences


def article_lemma_counts(doc) -> Counter:
    return Counter(token.lemma_.lower() for token in doc if token.is_alpha and not token.is_stop)


def token_features(sequence: list, lemma_counts: Counter, *, in_title: bool) -> list[list[str]]:
    """CRF attributes for each token of one sentence, as ``name:value`` strings (or a bare ``name`` flag)."""
    base = []
    for token in sequence:
        lower = token.lower_
        base.append((lower, token.pos_, _shape(token.text)))
    sentence_text = " ".join(token.text for token in sequence)
    sentence_cues = [f"s_len:{min(len(sequence) // 10, 5)}"]
    if "!" in sentence_text:
        sentence_cues.append("s_excl")
    if "?" in sentence_text:
        sentence_cues.append("s_q")
    if any(token.text in QUOTE_MARKS for token in sequence):
        sentence_cues.append("s_quote")
    if in_title:
        sentence_cues.append("title")
    last = max(len(sequence) - 1, 1)
    features = []
    for i, token in enumerate(sequence):
        lower, pos, shape = base[i]
        lemma = token.lemma_.lower()
        repeats = lemma_counts.get(lemma, 0) if token.is_alpha and not token.is_stop else 0
        item = [
            "bias", f"w:{lower}", f"lemma:{lemma}", f"suf3:{lower[-3:]}", f"shape:{shape}", f"pos:{pos}",
            f"tag:{token.tag_}", f"dep:{token.dep_}", f"ent:{token.ent_type_ or '-'}", f"rep:{min(repeats, 6)}",
            f"rel_pos:{round(i / last, 1)}", f"head:{token.head.lemma_.lower()}", f"head_pos:{token.head.pos_}",
        ]
        if token.is_stop:
            item.append("stop")
        if token.is_punct:
            item.append("punct")
        if token.text in QUOTE_MARKS:
            item.append("quote")
        item += [f"cue_{cue}" for cue in _cue_classes(lower)]
        for offset in (-2, -1, 1, 2):
            j = i + offset
            if 0 <= j < len(sequence):
                item += [f"{offset}:w:{base[j][0]}", f"{offset}:pos:{base[j][1]}", f"{offset}:shape:{base[j][2]}"]
            else:
                item.append(f"{offset}:edge")
        if i > 0:
            item.append(f"bigram:{base[i - 1][0]}|{lower}")
        features.append(item + sentence_cues)
    return features


def doc_tokens(doc, title_end: int) -> list[list[Token]]:
    """Every sentence of ``doc`` as a list of :class:`Token`; ``title_end`` ends the title (0 if none)."""
    lemma_counts = article_lemma_counts(doc)
    result = []
    for sequence in sentence_sequences(doc):
        in_title = sequence[0].idx < title_end
        feats = token_features(sequence, lemma_counts, in_title=in_title)
        result.append(
            [Token(token.idx, token.idx + len(token.text), f) for token, f in zip(sequence, feats)]
        )
    return result


def span_text_features(text: str, start: int, end: int, sentence: tuple[int, int]) -> str:
    """A bag-of-words document for the technique classifier: the span, then marked context words."""
    span = text[start:end]
    left = _WORD.findall(text[sentence[0] : start].lower())[-3:]
    right = _WORD.findall(text[end : sentence[1]].lower())[:3]
    return " ".join([span.lower(), *(f"L_{w}" for w in left), *(f"R_{w}" for w in right)])


def span_numeric_features(text: str, start: int, end: int, sentence: tuple[int, int]) -> list[float]:
    """Numeric cues of a span: length, repetition in the article, punctuation, case, place in the sentence."""
    span = text[start:end]
    words = _WORD.findall(span.lower())
    n_words = len(words)
    occurrences = text.lower().count(span.lower()) if span.strip() else 0
    earlier = text.lower().count(span.lower(), 0, start) if span.strip() else 0
    sentence_length = max(sentence[1] - sentence[0], 1)
    return [
        min(n_words, 40) / 40,
        float(n_words <= 2),
        float(n_words >= 10),
        min(occurrences, 6) / 6,
        float(occurrences >= 2),
        float(earlier >= 1),
        float("!" in span),
        float("?" in span or "?" in text[end : sentence[1]][:3]),
        float(any(q in span for q in '"“”')),
        float(span[:1].isupper()),
        float(span.isupper() and n_words > 0),
        (end - start) / sentence_length,
        float(start <= sentence[0] + 1),
        float(text.find("\n") > start or text.find("\n") == -1),
    ]


#: Size of each hashed block (word n-grams, character n-grams) of the classifier's features.
HASH_FEATURES = 2**17

#: Columns of the classifier's feature vector: words, characters, then the numeric cues.
NUMERIC_OFFSET = 2 * HASH_FEATURES


def word_ngrams(document: str) -> list[str]:
    words = _WORD.findall(document)
    return [" ".join(words[i : i + n]) for n in (1, 2, 3) for i in range(len(words) - n + 1)]


def char_ngrams(document: str) -> list[str]:
    """Character 2-5-grams of each space-padded word; a padded word shorter than n counts once for that n."""
    grams = []
    for word in document.split():
        padded = f" {word} "
        for n in (2, 3, 4, 5):
            grams += [padded[i : i + n] for i in range(max(len(padded) - n + 1, 1))]
    return grams


@functools.lru_cache(maxsize=2**16)
def hash_column(term: str, block: int) -> int:
    """The column of ``term`` in hashed block ``block`` (0 words, 1 characters); stable across runs."""
    return block * HASH_FEATURES + zlib.crc32(term.encode("utf-8")) % HASH_FEATURES


def span_vector(document: str, numeric: list[float]) -> tuple[list[int], list[float]]:
    """Sparse features of one span: L2-normalised hashed word and character n-gram counts, then numeric cues."""
    columns: list[int] = []
    values: list[float] = []
    for block, terms in enumerate((word_ngrams(document), char_ngrams(document))):
        counts = Counter(hash_column(term, block) for term in terms)
        norm = math.sqrt(sum(count * count for count in counts.values())) or 1.0
        for column, count in sorted(counts.items()):
            columns.append(column)
            values.append(count / norm)
    for index, value in enumerate(numeric):
        if value:
            columns.append(NUMERIC_OFFSET + index)
            values.append(value)
    return columns, values
