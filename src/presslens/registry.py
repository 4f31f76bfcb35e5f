"""The analyzer registry: which analyzers exist, what they need, where their spans go.

An analyzer is a plain class whose constructor takes keyword-only options and
whose ``analyze(article, context=None)`` returns a list of :class:`Span`.
Registering it is separate from writing it, as with spaCy factories::

    @register_analyzer("quotes", layer="quotes", requires=("entities",))
    class QuoteAnalyzer: ...

Built-in analyzers live in :mod:`presslens.analyzers` and are registered when
that package is imported; third-party analyzers register through the
``presslens.analyzers`` entry-point group and are treated the same way.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from importlib.metadata import entry_points
from typing import TYPE_CHECKING, Any, Callable, Protocol, runtime_checkable

from .errors import DuplicateAnalyzerError, UnknownAnalyzerError

if TYPE_CHECKING:
    from .article import Article, Span
    from .context import Context


@runtime_checkable
class Analyzer(Protocol):
    """What every analyzer provides. ``summarize`` is optional."""

    def analyze(self, article: "Article", context: "Context | None" = None) -> list["Span"]: ...


@dataclass(frozen=True)
class AnalyzerSpec:
    """A registered analyzer.

    ``layer``: the report list its spans go in (``quotes``, ``sources``...).
    ``requires``: analyzers whose spans it reads through ``context.spans(name)``.
    ``default``: run by ``presslens analyze`` unless the user picks analyzers.
    ``english_only``: skipped, with a warning, on articles not in English.
    """

    name: str
    factory: Callable[..., Any]
    layer: str
    requires: tuple[str, ...]
    default: bool
    english_only: bool
    description: str


#: The package whose modules register the built-in analyzers. It is found by name, as entry points are:
#: its modules import this one to register, so this one never imports them.
BUILTIN_ANALYZERS = "presslens.analyzers"

_REGISTRY: dict[str, AnalyzerSpec] = {}
_LOADED = False


def register_analyzer(
    name: str,
    *,
    layer: str | None = None,
    requires: tuple[str, ...] = (),
    default: bool = True,
    english_only: bool = True,
):
    """Class decorator that registers an analyzer under ``name``."""

    def decorator(factory):
        existing = _REGISTRY.get(name)
        if existing is not None and existing.factory is not factory:
            raise DuplicateAnalyzerError(
                f"an analyzer named {name!r} is already registered ({existing.factory.__module__}); "
                "pick another name"
            )
        doc = (factory.__doc__ or "").strip().splitlines()
        _REGISTRY[name] = AnalyzerSpec(
            name=name,
            factory=factory,
            layer=layer or name,
            requires=tuple(requires),
            default=default,
            english_only=english_only,
            description=doc[0] if doc else "",
        )
        return factory

    return decorator


def _load_analyzers() -> None:
    global _LOADED
    if _LOADED:
        return
    _LOADED = True
    analyzers = importlib.import_module(BUILTIN_ANALYZERS)
    for module in pkgutil.iter_modules(analyzers.__path__):
        importlib.import_module(f"{BUILTIN_ANALYZERS}.{module.name}")
    for entry_point in entry_points(group="presslens.analyzers"):
        entry_point.load()


def registered_analyzers() -> dict[str, AnalyzerSpec]:
    """All registered analyzers, by name."""
    _load_analyzers()
    return dict(_REGISTRY)


def get_analyzer_spec(name: str) -> AnalyzerSpec:
    specs = registered_analyzers()
    if name not in specs:
        raise UnknownAnalyzerError(f"no analyzer named {name!r}; valid names: {', '.join(sorted(specs))}")
    return specs[name]


def parse_analyzer_names(text: str | None) -> tuple[str, ...] | None:
    """Names from a comma-separated list (``"quotes, sources"``); ``None`` when it names none: the defaults."""
    return tuple(name.strip() for name in (text or "").split(",") if name.strip()) or None


def default_analyzer_names() -> list[str]:
    return [name for name, spec in registered_analyzers().items() if spec.default]


def resolve_order(names: list[str] | tuple[str, ...]) -> list[str]:
    """The analyzers in ``names`` plus everything they require, dependencies first."""
    ordered: list[str] = []
    visiting: set[str] = set()

    def visit(name: str) -> None:
        if name in ordered:
            return
        if name in visiting:
            raise UnknownAnalyzerError(f"analyzer {name!r} requires itself through a cycle")
        visiting.add(name)
        for requirement in get_analyzer_spec(name).requires:
            visit(requirement)
        visiting.discard(name)
        ordered.append(name)

    for name in names:
        visit(name)
    return ordered
