import pytest

from presslens.errors import DuplicateAnalyzerError, UnknownAnalyzerError
from presslens import registry
from presslens.registry import (
    get_analyzer_spec,
    parse_analyzer_names,
    register_analyzer,
    registered_analyzers,
    resolve_order,
)


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


def test_analyzer_names_are_split_on_commas_and_stripped():
    assert parse_analyzer_names(" quotes, sources ,") == ("quotes", "sources")


def test_no_analyzer_names_means_the_defaults():
    assert parse_analyzer_names(" , ") is None


def test_a_missing_list_means_the_defaults():
    assert parse_analyzer_names(None) is None
