"""The package's imports flow one way (issue 17).

Every ``import`` in every module counts: at the top, inside functions and under
``TYPE_CHECKING`` (a type-only import is still a dependency a reader has to follow).  The test
reads the sources with :mod:`ast`, so it sees the imports that run only on some paths too.

- No cycle between modules.
- The layers below the engine — the reader (``docx/``), the model, the text helpers and the
  rules — never import the layers above them: the engine, the output formats, the command
  line or the library API.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = "gongwen_lint"

LOWER = ("gongwen_lint.docx", "gongwen_lint.model", "gongwen_lint.text", "gongwen_lint.rules")
UPPER = ("gongwen_lint.engine", "gongwen_lint.output", "gongwen_lint.cli", "gongwen_lint.api")


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted((SRC / PACKAGE).rglob("*.py")):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


MODULES = _modules()


def _is_package(name: str) -> bool:
    return MODULES.get(name, Path()).name == "__init__.py"


def _resolve(module: str, node: ast.ImportFrom) -> str:
    if node.level == 0:
        return node.module or ""
    base = module.split(".")
    if not _is_package(module):
        base = base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def imports_of(module: str) -> set[str]:
    """The package's modules ``module`` imports (a name imported from a package counts as
    the submodule when there is one, else as the package)."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            target = _resolve(module, node)
            for a in node.names:
                sub = f"{target}.{a.name}"
                found.add(sub if sub in MODULES else target)
    return {m for m in found if m in MODULES and m != module}


GRAPH = {m: imports_of(m) for m in MODULES}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    out: list[list[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                comp = []
                while True:
                    m = stack.pop()
                    on_stack.discard(m)
                    comp.append(m)
                    if m == node:
                        break
                if len(comp) > 1:
                    out.append(sorted(comp))
    return out


def _within(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def test_the_walk_sees_imports_inside_functions_and_type_checking_blocks():
    # The harness itself must be able to fail: a function-level import and a TYPE_CHECKING one
    # are edges, and a two-module cycle is found.
    assert "gongwen_lint.model" in GRAPH["gongwen_lint.engine"]  # top level
    assert "gongwen_lint.docx.reader" in GRAPH["gongwen_lint.reading"]  # inside load_document only
    assert "gongwen_lint.config" in GRAPH["gongwen_lint.rules.context"]  # under TYPE_CHECKING only
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(graph) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycle():
    cycles = _cycles(GRAPH)
    assert not cycles, "import cycles: " + "; ".join(" ↔ ".join(c) for c in cycles)


@pytest.mark.parametrize("lower", LOWER)
def test_lower_layers_do_not_import_upward(lower):
    bad = sorted(
        f"{m} → {t}"
        for m, targets in GRAPH.items()
        if _within(m, (lower,))
        for t in targets
        if _within(t, UPPER) or t == PACKAGE
    )
    assert not bad, "imports against the flow: " + ", ".join(bad)


@pytest.mark.parametrize("module", ["gongwen_lint.fixes", "gongwen_lint.index.ingest"])
def test_fixes_and_ingest_do_not_import_the_library_api(module):
    targets = {t for m, ts in GRAPH.items() if m == module or m.startswith(module + ".") for t in ts}
    assert "gongwen_lint.api" not in targets and PACKAGE not in targets
