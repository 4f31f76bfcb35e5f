import math

import pytest

from presslens.nlp import load_pipeline
from presslens.techniques.features import (
    HASH_FEATURES,
    NUMERIC_OFFSET,
    char_ngrams,
    doc_tokens,
    hash_column,
    sentence_sequences,
    span_numeric_features,
    span_vector,
    word_ngrams,
)

TEXT = "Evil plans\n\nThey are evil. Truly evil!\nThe vote was on Tuesday."


@pytest.fixture(scope="module")
def doc():
    return load_pipeline()(TEXT)


def test_sequences_break_at_lines_and_skip_whitespace(doc):
    sequences = sentence_sequences(doc)
    assert [" ".join(t.text for t in s) for s in sequences][0] == "Evil plans"
    assert all(not token.is_space for sequence in sequences for token in sequence)
    assert sequences[-1][0].text == "The"


def test_token_attributes(doc):
    sequences = doc_tokens(doc, title_end=TEXT.index("\n"))
    title = sequences[0]
    assert "title" in title[0].features and "bias" in title[0].features
    evil = next(t for s in sequences[1:] for t in s if TEXT[t.start : t.end] == "evil")
    assert "w:evil" in evil.features
    assert "rep:3" in evil.features  # the lemma "evil" occurs three times
    assert "cue_intensifier" in evil.features
    exclaimed = next(t for s in sequences for t in s if TEXT[t.start : t.end] == "Truly")
    assert "s_excl" in exclaimed.features


def test_ngrams():
    assert word_ngrams("a b c") == ["a", "b", "c", "a b", "b c", "a b c"]
    assert char_ngrams("ab") == [" a", "ab", "b ", " ab", "ab ", " ab ", " ab "]


def test_hashing_is_stable_and_blocks_do_not_overlap():
    assert hash_column("evil", 0) == hash_column("evil", 0) < HASH_FEATURES
    assert HASH_FEATURES <= hash_column("evil", 1) < NUMERIC_OFFSET


def test_span_vector_blocks_are_unit_norm():
    columns, values = span_vector("so evil", [0.0, 1.0])
    words = [v for c, v in zip(columns, values) if c < HASH_FEATURES]
    chars = [v for c, v in zip(columns, values) if HASH_FEATURES <= c < NUMERIC_OFFSET]
    assert math.isclose(math.sqrt(sum(v * v for v in words)), 1.0)
    assert math.isclose(math.sqrt(sum(v * v for v in chars)), 1.0)
    assert columns[-1] == NUMERIC_OFFSET + 1  # zero numeric cues are left out


def test_numeric_features_see_repetition():
    text = "Lock her up! Lock her up! they chanted."
    features = span_numeric_features(text, 13, 24, (0, len(text)))
    assert features[3] == pytest.approx(2 / 6)  # occurrences, scaled
    assert features[5] == 1.0  # it appeared earlier
