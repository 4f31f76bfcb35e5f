import pytest

from presslens.errors import ModelError
from presslens.nlp import load_pipeline
from presslens.settings import DEFAULT_SPACY_PIPELINE


def test_default_and_named_pipeline_are_one_object():
    assert load_pipeline() is load_pipeline(DEFAULT_SPACY_PIPELINE)


def test_missing_pipeline_says_how_to_install_it():
    with pytest.raises(ModelError, match="requirements/models.txt"):
        load_pipeline("no_such_pipeline_xyz")


@pytest.mark.parametrize("text", ['"' * 50_000, "(" * 20_000 + "x", "no" + "!" * 20_000 + "way", "x" + "”" * 20_000])
def test_a_run_of_punctuation_is_one_token_not_one_per_mark(text):
    doc = load_pipeline().tokenizer(text)
    assert (doc.text, len(doc) <= 3) == (text, True)


def test_ordinary_punctuation_is_split_as_before():
    doc = load_pipeline().tokenizer('He said, ("Yes!") and left...')
    assert [t.text for t in doc] == ["He", "said", ",", "(", '"', "Yes", "!", '"', ")", "and", "left", "..."]
