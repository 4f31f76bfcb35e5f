import pytest

from presslens.errors import ModelError
from presslens.nlp import load_pipeline
from presslens.settings import DEFAULT_SPACY_PIPELINE


def test_default_and_named_pipeline_are_one_object():
    assert load_pipeline() is load_pipeline(DEFAULT_SPACY_PIPELINE)


def test_missing_pipeline_says_how_to_install_it():
    with pytest.raises(ModelError, match="requirements/models.txt"):
        load_pipeline("no_such_pipeline_xyz")
