"""The ``techniques`` analyzer (presslens/analyzers/techniques.py), with a model trained on the synthetic corpus."""

import json
import re

import pytest

from presslens.analyzers.techniques import DEFAULT_MODEL, TechniqueAnalyzer
from presslens.article import Article
from presslens.errors import ModelError
from presslens.context import Context
from presslens.pipeline import Pipeline
from presslens.settings import Settings
from presslens.registry import registered_analyzers
from presslens.techniques.taxonomy import DEFINITIONS, TECHNIQUES

TEXT = (
    "Border report\n\n"
    "These evil traitors said the speaker.\n"
    "The committee met on Tuesday to discuss the budget.\n"
    "It was absolutely disgusting said the speaker.\n"
)


@pytest.fixture()
def analyzer(trained_model):
    return TechniqueAnalyzer(model=trained_model)


def test_spans_are_in_bounds_labelled_and_confident(analyzer):
    article = Article(text=TEXT)
    spans = analyzer.analyze(article)
    assert spans
    for span in spans:
        span.check_bounds(len(TEXT))
        assert span.label == span.attrs["technique"] in TECHNIQUES
        assert 0.0 <= span.attrs["confidence"] <= 1.0
        assert span.score == span.attrs["confidence"]
        assert span.explanation
    assert any(TEXT[s.start : s.end] == "These evil traitors" for s in spans)


def test_analysis_is_deterministic_and_leaves_the_article_alone(analyzer):
    article = Article(text=TEXT)
    assert analyzer.analyze(article) == analyzer.analyze(Article(text=TEXT))
    assert article.text == TEXT


def test_summary_counts_density_coverage_and_sentence_scores(analyzer):
    article = Article(text=TEXT)
    context = Context(article)
    spans = analyzer.analyze(article, context)
    summary = analyzer.summarize(article, spans, context)["techniques_summary"]
    assert summary["spans"] == len(spans)
    assert summary["per_1000_words"] == pytest.approx(1000 * len(spans) / summary["words"], abs=0.01)
    assert 0 < summary["share_of_text"] < 1
    assert summary["top_techniques"][0]["count"] >= 1
    scores = {TEXT[s["start"] : s["end"]]: s["score"] for s in summary["sentences"]}
    assert scores["These evil traitors said the speaker."] > scores["The committee met on Tuesday to discuss the budget."]


def test_pipeline_report_serialises_techniques(trained_model):
    settings = Settings(analyzers=("techniques",), analyzer_config={"techniques": {"model": str(trained_model)}})
    report = Pipeline(settings).analyze(Article(text=TEXT))
    data = json.loads(json.dumps(report.to_dict()))
    item = data["techniques"][0]
    assert {"technique", "confidence", "explanation", "start", "end", "text"} <= set(item)
    assert item["text"] == TEXT[item["start"] : item["end"]]
    assert "techniques_summary" in data["summary"]


def test_missing_model_folder_says_how_to_train_one(tmp_path):
    with pytest.raises(ModelError, match="ptc train"):
        TechniqueAnalyzer(model=tmp_path).analyze(Article(text=TEXT))


@pytest.mark.skipif(not (DEFAULT_MODEL / "meta.json").exists(), reason="shipped model not trained yet")
def test_shipped_model_flags_loaded_language_in_the_bundled_example():
    from importlib.resources import files

    text = files("presslens.examples").joinpath("baltic-drills.txt").read_text(encoding="utf-8")
    spans = TechniqueAnalyzer().analyze(Article(text=text))
    assert spans
    assert all(0 <= span.attrs["confidence"] <= 1 for span in spans)


def test_every_technique_has_a_one_line_definition():
    assert set(DEFINITIONS) == set(TECHNIQUES)


def test_explanations_name_no_model_features():
    article = Article(text=registered_analyzers()["techniques"].example, language="en")
    spans = TechniqueAnalyzer().analyze(article, Context(article))
    assert not any(re.search(r"\w+:\w+:|suf\d|tag:", span.explanation) for span in spans)


def test_an_explanation_starts_with_the_technique_defined():
    article = Article(text=registered_analyzers()["techniques"].example, language="en")
    span = TechniqueAnalyzer().analyze(article, Context(article))[0]
    assert span.explanation.startswith(f"{span.attrs['name']}: {DEFINITIONS[span.label]}")
