from dataclasses import dataclass, make_dataclass

import pytest

from presslens import registry
from presslens.article import SPAN_KEYS, Article, Span
from presslens.errors import (AttributeTypeError, DuplicateAnalyzerError, ReservedLayerError, SpanAttributeError,
                              UnknownAnalyzerError)
from presslens.pipeline import Pipeline
from presslens.registry import (RESERVED_LAYERS, get_analyzer_spec, parse_analyzer_names, register_analyzer,
                                registered_analyzers, resolve_order)
from presslens.settings import Settings


@pytest.fixture(autouse=True)
def isolated_registry(monkeypatch):
    """Analyzers registered by these tests must not leak into the rest of the suite."""
    monkeypatch.setattr(registry, "_REGISTRY", dict(registered_analyzers()))


def test_unknown_analyzer_lists_valid_names():
    with pytest.raises(UnknownAnalyzerError) as error:
        get_analyzer_spec("no-such-analyzer")
    for name in registered_analyzers():
        assert name in str(error.value)


def test_duplicate_name_fails_at_registration():
    @register_analyzer("test-duplicate", default=False)
    class First:
        def analyze(self, article, context=None):
            return []

    with pytest.raises(DuplicateAnalyzerError, match="already registered"):

        @register_analyzer("test-duplicate", default=False)
        class Second:
            def analyze(self, article, context=None):
                return []


def test_requirements_come_first():
    @register_analyzer("test-base", default=False)
    class Base:
        def analyze(self, article, context=None):
            return []

    @register_analyzer("test-derived", requires=("test-base",), default=False)
    class Derived:
        def analyze(self, article, context=None):
            return []

    assert resolve_order(["test-derived"]) == ["test-base", "test-derived"]


def test_cycle_is_reported():
    @register_analyzer("test-cycle-a", requires=("test-cycle-b",), default=False)
    class A:
        def analyze(self, article, context=None):
            return []

    @register_analyzer("test-cycle-b", requires=("test-cycle-a",), default=False)
    class B:
        def analyze(self, article, context=None):
            return []

    with pytest.raises(UnknownAnalyzerError, match="cycle"):
        resolve_order(["test-cycle-a"])


@dataclass(frozen=True)
class MoodAttrs:
    mood: str


@pytest.mark.parametrize("key", SPAN_KEYS)
def test_an_attribute_type_that_shadows_a_span_key_is_refused(key):
    shadowing = make_dataclass("Shadowing", [(key, str)], frozen=True)
    with pytest.raises(AttributeTypeError, match=key):
        register_analyzer("test-shadowing", default=False, attrs=shadowing)


def test_a_mutable_attribute_type_is_refused():
    with pytest.raises(AttributeTypeError, match="frozen"):
        register_analyzer("test-mutable", default=False, attrs=make_dataclass("Mutable", [("mood", str)]))


@pytest.mark.parametrize("layer", RESERVED_LAYERS)
def test_a_reserved_layer_name_is_refused_with_the_list(layer):
    with pytest.raises(ReservedLayerError, match=", ".join(RESERVED_LAYERS)):
        register_analyzer("test-reserved", layer=layer, default=False)


def test_a_span_with_an_undeclared_attribute_is_refused_by_the_pipeline():
    @register_analyzer("test-moody", default=False, english_only=False, attrs=MoodAttrs)
    class Moody:
        def analyze(self, article, context=None):
            return [Span(0, 1, "MOOD", attrs={"mood": "calm", "colour": "red"})]

    with pytest.raises(SpanAttributeError, match="undeclared colour"):
        Pipeline(Settings(analyzers=("test-moody",))).analyze(Article(text="x", language="de"))


def test_a_span_missing_a_required_attribute_is_refused_by_the_pipeline():
    @register_analyzer("test-moodless", default=False, english_only=False, attrs=MoodAttrs)
    class Moodless:
        def analyze(self, article, context=None):
            return [Span(0, 1, "MOOD")]

    with pytest.raises(SpanAttributeError, match="missing mood"):
        Pipeline(Settings(analyzers=("test-moodless",))).analyze(Article(text="x", language="de"))


def test_an_attribute_named_like_a_span_key_is_refused():
    with pytest.raises(SpanAttributeError, match="text"):
        Span(0, 1, "X", attrs={"text": "overwritten"})


def test_analyzer_names_are_split_on_commas_and_stripped():
    assert parse_analyzer_names(" quotes, sources ,") == ("quotes", "sources")


def test_no_analyzer_names_means_the_defaults():
    assert parse_analyzer_names(" , ") is None


def test_a_missing_list_means_the_defaults():
    assert parse_analyzer_names(None) is None
