"""The contract every registered analyzer meets, like scikit-learn's check_estimator.

Defaults build; each finds something on the example text it names, and what it
finds fits its declared types and the generated schema; spans are in bounds,
sorted by the pipeline, the same on a second run, and survive a JSON round trip;
nothing fails on awkward input.
"""

import json

import jsonschema
import pytest

from presslens.article import Article
from presslens.ingest import finish_article
from presslens.ingest.plaintext import parse_plain_text
from presslens.context import Context
from presslens.pipeline import sort_spans
from presslens.registry import registered_analyzers
from presslens.report import Report, span_from_dict, span_to_dict
from presslens.schema import report_schema

ANALYZER_NAMES = sorted(name for name, spec in registered_analyzers().items() if not name.startswith("test-"))

AWKWARD_TEXTS = [
    "x",
    "“Unbalanced opening quote, he said.\n\n” stray closing mark « and » guillemets „low” ‘single’ it’s",
    "NO PUNCTUATION AT ALL JUST SHOUTING " * 20,
    "1 2 3 4 5 60% 436 to 710 — – - ... !!! ???",
]


@pytest.fixture(scope="module")
def example_article(example_text) -> Article:
    return finish_article(parse_plain_text(example_text))


@pytest.mark.parametrize("name", ANALYZER_NAMES)
def test_defaults_build_and_spans_are_in_bounds(name, example_article):
    spec = registered_analyzers()[name]
    spans = spec.factory().analyze(example_article, Context(example_article))
    for span in spans:
        span.check_bounds(len(example_article.text))
        assert span.label, f"{name} produced a span without a label"


def layer_schema(layer: str) -> dict:
    schema = report_schema()
    return {"$defs": schema["$defs"], **schema["properties"].get(layer, schema["additionalProperties"])}


@pytest.mark.parametrize("name", ANALYZER_NAMES)
def test_finds_something_on_its_example_that_fits_the_schema(name):
    spec = registered_analyzers()[name]
    assert spec.example, f"analyzer {name!r} names no example text (register_analyzer(..., example=...))"
    article = Article(text=spec.example, language="en")
    spans = spec.factory().analyze(article, Context(article))
    assert spans, f"analyzer {name!r} found nothing on its own example"
    for span in spans:
        spec.check_span(span)
    jsonschema.validate([span_to_dict(span, article.text) for span in spans], layer_schema(spec.layer))


@pytest.mark.parametrize("name", ANALYZER_NAMES)
def test_summary_fits_its_declared_type(name, example_article):
    spec = registered_analyzers()[name]
    analyzer = spec.factory()
    summarize = getattr(analyzer, "summarize", None)
    if summarize is None:
        pytest.skip(f"{name} adds nothing to the summary")
    context = Context(example_article)
    summary = summarize(example_article, analyzer.analyze(example_article, context), context)
    assert set(summary) <= spec.summary_keys


@pytest.mark.parametrize("name", ANALYZER_NAMES)
def test_deterministic(name, example_article):
    factory = registered_analyzers()[name].factory
    first = sort_spans(factory().analyze(example_article, Context(example_article)))
    second = sort_spans(factory().analyze(example_article, Context(example_article)))
    assert first == second


@pytest.mark.parametrize("name", ANALYZER_NAMES)
def test_json_round_trip(name, example_article):
    spans = registered_analyzers()[name].factory().analyze(example_article, Context(example_article))
    text = example_article.text
    for span in spans:
        item = json.loads(json.dumps(span_to_dict(span, text)))
        assert span_to_dict(span_from_dict(item), text) == item


@pytest.mark.parametrize("name", ANALYZER_NAMES)
@pytest.mark.parametrize("text", AWKWARD_TEXTS)
def test_awkward_input(name, text):
    article = Article(text=text)
    spans = registered_analyzers()[name].factory().analyze(article, Context(article))
    for span in spans:
        span.check_bounds(len(text))


def test_analyzer_does_not_mutate_article(example_article):
    before = example_article.to_dict()
    for name in ANALYZER_NAMES:
        registered_analyzers()[name].factory().analyze(example_article, Context(example_article))
    assert example_article.to_dict() == before


def test_report_round_trip_is_lossless(example_article):
    from presslens.pipeline import Pipeline

    report = Pipeline().analyze(example_article)
    data = json.loads(json.dumps(report.to_dict()))
    assert Report.from_dict(data).to_dict() == data
