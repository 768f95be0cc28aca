"""Imports run one way: ingest and api depend on the core (ruimtegraaf/), never the reverse; api never
imports ingest; only the CLI (cli/) imports both; and no modules import each other in a circle.

Every import counts: at the top, inside functions and under `if TYPE_CHECKING:` (read with `ast`, not
by importing anything).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("ruimtegraaf", "ingest", "api", "cli", "ontology", "shapes")
# what each top-level package may import of the others
ALLOWED = {
    "ruimtegraaf": {"ruimtegraaf", "ontology", "shapes"},
    "ontology": {"ontology"},
    "shapes": {"shapes", "ontology"},
    "ingest": {"ingest", "ruimtegraaf", "ontology", "shapes"},
    "api": {"api", "ruimtegraaf", "ontology", "shapes"},
    "cli": {"cli", "api", "ingest", "ruimtegraaf", "ontology", "shapes"},
}


def modules() -> dict[str, Path]:
    """Every module of the project's packages by dotted name."""
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


def imports(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The project modules that module `name` imports anywhere in its code (as the longest known name)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    targets: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            targets.add(module)
            targets.update(f"{module}.{alias.name}" for alias in node.names if f"{module}.{alias.name}" in known)
    out = set()
    for target in targets:
        if target.split(".")[0] not in PACKAGES:
            continue
        while target and target not in known:
            target = target.rpartition(".")[0]
        if target and target != name:
            out.add(target)
    return out


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imports(name, path, known) for name, path in known.items()}


def test_the_parser_sees_imports_in_functions_and_type_checking_blocks(tmp_path: Path) -> None:
    source = tmp_path / "m.py"
    source.write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ingest.model import X\n"
                      "def f():\n    import api.app\n    from . import sibling\n", encoding="utf-8")
    known = {"ingest.model": source, "api.app": source, "ruimtegraaf.sibling": source, "ruimtegraaf.m": source}
    assert imports("ruimtegraaf.m", source, known) == {"ingest.model", "api.app", "ruimtegraaf.sibling"}


def test_imports_run_from_the_edges_to_the_core(graph: dict[str, set[str]]) -> None:
    wrong = sorted(f"{name} imports {target}" for name, targets in graph.items() for target in targets
                   if target.split(".")[0] not in ALLOWED[name.split(".")[0]])
    assert not wrong, "imports against the direction (ingest and api depend on the core, api not on ingest):\n" + (
        "\n".join(wrong))


def test_circles_are_found_also_through_a_third_module() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert sorted(sorted(c) for c in _strongly_connected(graph) if len(c) > 1) == [["a", "b", "c"]]


def test_no_import_circles(graph: dict[str, set[str]]) -> None:
    circles = sorted(sorted(c) for c in _strongly_connected(graph) if len(c) > 1)
    assert not circles, f"modules that import each other in a circle: {circles}"


def test_the_ingest_code_stamp_covers_every_core_module_ingest_imports(graph: dict[str, set[str]]) -> None:
    from ingest.reuse import CODE_MODULES, NOT_CODE_MODULES

    # the core modules ingest imports, and what those import in turn (not looking into the ones that do not
    # decide passages or triples)
    used: set[str] = set()
    todo = [t for name, targets in graph.items() if name.split(".")[0] == "ingest" for t in targets]
    while todo:
        module = todo.pop()
        if module.split(".")[0] != "ruimtegraaf" or module in used:
            continue
        used.add(module)
        if module not in NOT_CODE_MODULES:
            todo.extend(graph.get(module, ()))
    assert not set(CODE_MODULES) & set(NOT_CODE_MODULES)
    unsorted = sorted(used - set(CODE_MODULES) - set(NOT_CODE_MODULES))
    assert not unsorted, (f"ingest imports {unsorted}: add each to ingest.reuse.CODE_MODULES when it decides "
                          "passages or triples (a change must rebuild), else to NOT_CODE_MODULES with the reason")
    assert not set(NOT_CODE_MODULES) - used, "NOT_CODE_MODULES names modules ingest does not import"


def test_no_module_is_over_450_lines() -> None:
    long = sorted(f"{name}: {n}" for name, path in modules().items()
                  if (n := len(path.read_text(encoding="utf-8").splitlines())) > 450)
    assert not long, f"split these modules: {long}"


def _strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components, iteratively."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.get(root, ()))))]
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
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                found.append(component)
    return found
