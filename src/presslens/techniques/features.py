"""Features of the technique model, computed from the shared spaCy parse.

Span identification is sequence labelling: every sentence becomes a sequence
of token feature dicts for the CRF (word identity and shape, part of speech,
dependency, neighbours, and article-level cues such as repeated words and
exclamations). Technique classification sees a span as a bag of word and
character n-grams plus a few numeric cues (length, how often the same words
recur in the article, punctuation around it).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

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
    """A token of a sequence: its character offsets and its CRF features."""

    start: int
    end: int
    features: dict[str, object]


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


def _cue_classes(lower: str) -> list[str]:
    return [name for name, words in CUE_WORDS.items() if lower in words]


def sentence_sequences(doc) -> list[list]:
    """The sentences of ``doc`` as lists of spaCy tokens, cut at line breaks, without whitespace tokens."""
    sequences = []
    for sentence in doc.sents:
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


def token_features(sequence: list, lemma_counts: Counter, *, in_title: bool) -> list[dict[str, object]]:
    """CRF features for each token of one sentence.

    Values are strings (python-crfsuite turns ``name: value`` into the attribute
    ``name:value``) or True (the attribute ``name``); False values are left out.
    """
    base = []
    for token in sequence:
        lower = token.lower_
        base.append(
            {
                "w": lower,
                "lemma": token.lemma_.lower(),
                "suf3": lower[-3:],
                "shape": _shape(token.text),
                "pos": token.pos_,
                "tag": token.tag_,
                "dep": token.dep_,
                "stop": token.is_stop,
                "punct": token.is_punct,
                "quote": token.text in QUOTE_MARKS,
                "ent": token.ent_type_ or "-",
            }
        )
    sentence_text = " ".join(token.text for token in sequence)
    sentence_cues = {
        "s_excl": "!" in sentence_text,
        "s_q": "?" in sentence_text,
        "s_quote": any(token.text in QUOTE_MARKS for token in sequence),
        "s_len": str(min(len(sequence) // 10, 5)),
        "title": in_title,
    }
    features = []
    for i, token in enumerate(sequence):
        item = dict(base[i])
        repeats = lemma_counts.get(item["lemma"], 0) if token.is_alpha and not token.is_stop else 0
        item["rep"] = str(min(repeats, 6))
        item["bias"] = True
        item["rel_pos"] = str(round(i / max(len(sequence) - 1, 1), 1))
        for cue in _cue_classes(item["w"]):
            item[f"cue_{cue}"] = True
        for offset in (-2, -1, 1, 2):
            j = i + offset
            if 0 <= j < len(sequence):
                item[f"{offset}:w"] = base[j]["w"]
                item[f"{offset}:pos"] = base[j]["pos"]
                item[f"{offset}:shape"] = base[j]["shape"]
            else:
                item[f"{offset}:edge"] = True
        if i > 0:
            item["bigram"] = f"{base[i - 1]['w']}|{item['w']}"
        item["head"] = token.head.lemma_.lower()
        item["head_pos"] = token.head.pos_
        item.update(sentence_cues)
        features.append({name: value for name, value in item.items() if value is not False})
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
