"""The analyzer registry: which analyzers exist, what they need, where their spans go.

An analyzer is a plain class whose constructor takes keyword-only options and
whose ``analyze(article, context=None)`` returns a list of :class:`Span`.
Registering it is separate from writing it, as with spaCy factories::

    @register_analyzer("quotes", layer="quotes", requires=("entities",),
                       attrs=QuoteAttrs, summary=QuotesSummary, example="...")
    class QuoteAnalyzer: ...

``attrs`` and ``summary`` are frozen dataclasses (see :mod:`presslens.attrs`):
what each span carries and what the analyzer adds to the report summary. The
report's JSON Schema is generated from them. ``example`` is a text on which the
analyzer must find at least one span: the contract test holds it to that.

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

from .attrs import check_attrs_type, declared_keys
from .errors import DuplicateAnalyzerError, ReservedLayerError, SpanAttributeError, UnknownAnalyzerError

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
    ``attrs``: the frozen dataclass its spans' attributes follow (None: spans carry none).
    ``summary``: the frozen dataclass of the keys its ``summarize`` adds (None: it adds none).
    ``example``: a text on which it finds at least one span.
    """

    name: str
    factory: Callable[..., Any]
    layer: str
    requires: tuple[str, ...]
    default: bool
    english_only: bool
    description: str
    attrs: type | None = None
    summary: type | None = None
    example: str | None = None

    @property
    def attr_keys(self) -> tuple[frozenset[str], frozenset[str]]:
        """The attribute names its spans may carry, and those they must."""
        return declared_keys(self.attrs) if self.attrs is not None else (frozenset(), frozenset())

    @property
    def summary_keys(self) -> frozenset[str]:
        return declared_keys(self.summary)[0] if self.summary is not None else frozenset()

    def check_span(self, span: "Span") -> None:
        """Raise :class:`SpanAttributeError` if ``span`` carries attributes its type does not declare."""
        allowed, required = self.attr_keys
        keys = span.attrs.keys()
        undeclared, missing = keys - allowed, required - keys
        if undeclared or missing:
            problem = (f"undeclared {', '.join(sorted(undeclared))}" if undeclared
                       else f"missing {', '.join(sorted(missing))}")
            declared = ", ".join(sorted(allowed)) or "none"
            raise SpanAttributeError(
                f"analyzer {self.name!r} returned a {span.label!r} span with {problem} attributes "
                f"(its type declares: {declared})"
            )


#: Top-level report keys that no layer may take.
RESERVED_LAYERS = ("article", "summary", "warnings", "analyzers", "schema_version", "id")

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
    attrs: type | None = None,
    summary: type | None = None,
    example: str | None = None,
):
    """Class decorator that registers an analyzer under ``name``."""
    layer = layer or name
    if layer in RESERVED_LAYERS:
        raise ReservedLayerError(
            f"analyzer {name!r} cannot use the layer name {layer!r}: the report itself uses "
            f"{', '.join(RESERVED_LAYERS)}; pick another"
        )
    if attrs is not None:
        check_attrs_type(attrs, owner=f"analyzer {name!r}")
    if summary is not None:
        check_attrs_type(summary, owner=f"analyzer {name!r} summary", span=False)

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
            layer=layer,
            requires=tuple(requires),
            default=default,
            english_only=english_only,
            description=doc[0] if doc else "",
            attrs=attrs,
            summary=summary,
            example=example,
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
