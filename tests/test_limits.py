"""What one analysis may take: articles refused before analysis with a coded error."""

from __future__ import annotations

import pytest

import presslens
from presslens.article import Article
from presslens.errors import DecodingError
from presslens.pipeline import Pipeline


def test_analyze_refuses_a_lone_surrogate():
    with pytest.raises(DecodingError, match="U\\+D800 at offset 7"):
        presslens.analyze("Troops \ud800 arrived in Vilnius on Monday.")


def test_pipeline_refuses_an_article_with_a_lone_surrogate():
    with pytest.raises(DecodingError):
        Pipeline().analyze(Article(text="Troops \udc00 arrived."))
