import pytest

from presslens.article import Article, Block
from presslens.errors import ModelError
from presslens.nlp import block_doc, load_pipeline
from presslens.context import Context
from presslens.settings import DEFAULT_SPACY_PIPELINE


def test_default_and_named_pipeline_are_one_object():
    assert load_pipeline() is load_pipeline(DEFAULT_SPACY_PIPELINE)


def test_missing_pipeline_says_how_to_install_it():
    with pytest.raises(ModelError, match="requirements/models.txt"):
        load_pipeline("no_such_pipeline_xyz")


HEADED = Article(
    text="The Gordon problem\n\nTaylor said that the aid was frozen.",
    blocks=(Block("heading", 0, 18), Block("paragraph", 20, 56)),
)


def test_sentences_never_cross_a_block_boundary():
    assert [s.text.strip() for s in Context(HEADED).doc.sents] == ["The Gordon problem", "Taylor said that the aid was frozen."]


def test_batched_parse_keeps_block_boundaries():
    nlp = load_pipeline()
    assert [s.start_char for s in next(nlp.pipe([block_doc(nlp, HEADED)])).sents] == [0, 20]


def test_without_blocks_the_parser_alone_splits_sentences():
    nlp = load_pipeline()
    assert [s.start_char for s in nlp(block_doc(nlp, Article(text=HEADED.text))).sents] == [0]
