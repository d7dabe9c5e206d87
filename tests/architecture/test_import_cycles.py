"""No import cycle in any first-party package: module A needs B needs ... needs A is refused.

The graph is built statically (``ast``) from every import statement of every
module, at any depth: an import inside a function, put there to dodge a cycle
at import time, still makes the two modules depend on each other, so it counts.
Imports under ``if TYPE_CHECKING:`` are left out (they never run). A parent
package is not an implicit dependency of its modules (Python handles that
order itself); ``from pkg import name`` depends on ``pkg.name`` when that is a
module, else on ``pkg`` (its ``__init__``).
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def package_dirs() -> list[Path]:
    """Every first-party package: libs/contracts, libs/kit, services/*, gateway, deploy/allinone."""
    parents = [ROOT / "libs" / "contracts", ROOT / "libs" / "kit", ROOT / "gateway", ROOT / "deploy" / "allinone"]
    parents += sorted(p for p in (ROOT / "services").iterdir() if (p / "pyproject.toml").exists())
    found = []
    for parent in parents:
        found += sorted(p for p in parent.iterdir() if p.is_dir() and p.name.startswith("eiso_")
                        and (p / "__init__.py").exists())
    return found


def module_name(path: Path, package_dir: Path) -> str:
    parts = list(path.relative_to(package_dir.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules_of(package_dir: Path) -> dict[str, Path]:
    return {module_name(path, package_dir): path for path in sorted(package_dir.rglob("*.py"))}


def _type_checking_only(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or \
        (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(tree: ast.AST):
    """Every Import / ImportFrom node, skipping ``if TYPE_CHECKING:`` bodies."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and _type_checking_only(node):
            stack.extend(node.orelse)
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        stack.extend(ast.iter_child_nodes(node))


def dependencies(name: str, path: Path, known: set[str]) -> set[str]:
    """First-party modules that module ``name`` (file ``path``) imports."""
    is_package = path.name == "__init__.py"
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    for node in _imports(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        else:
            if node.level:
                base = name.split(".") if is_package else name.split(".")[:-1]
                base = base[:len(base) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            targets = []
            for alias in node.names:
                submodule = f"{module}.{alias.name}"
                targets.append(submodule if submodule in known else module)
        for target in targets:
            # "import a.b.c" of a name that is not a module (an attribute): its closest module.
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def import_graph() -> dict[str, set[str]]:
    modules: dict[str, Path] = {}
    for package_dir in package_dirs():
        modules.update(modules_of(package_dir))
    known = set(modules)
    return {name: dependencies(name, path, known) for name, path in modules.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), each as one named cycle."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    counter = 0

    def connect(start: str) -> None:
        nonlocal counter
        work = [(start, iter(sorted(graph.get(start, ()))))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    components.append(sorted(component))

    for name in sorted(graph):
        if name not in index:
            connect(name)
    return sorted(components)


def one_cycle(graph: dict[str, set[str]], component: list[str]) -> list[str]:
    """A shortest path a -> ... -> a inside ``component``, to name the cycle a person can read."""
    members = set(component)
    start = component[0]
    paths = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for child in sorted(graph[node] & members):
            if child == start:
                return paths[node] + [start]
            if child not in paths:
                paths[child] = paths[node] + [child]
                queue.append(child)
    return component


def test_every_first_party_package_is_found():
    names = {p.name for p in package_dirs()}
    assert {"eiso_contracts", "eiso_kit", "eiso_gateway", "eiso_allinone", "eiso_workflow", "eiso_quality",
            "eiso_context", "eiso_documents", "eiso_audit", "eiso_review"} <= names


def test_the_graph_sees_relative_and_deferred_imports():
    graph = import_graph()
    assert "eiso_gateway.errors" in graph["eiso_gateway.app"]            # from . import errors
    assert "eiso_contracts.errors" in graph["eiso_contracts.content"]    # from .errors import InvalidInput


def test_cycles_are_found_and_named():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set(), "e": {"e"}}
    assert cycles(graph) == [["a", "b", "c"]]
    assert one_cycle(graph, ["a", "b", "c"]) == ["a", "b", "c", "a"]


@pytest.mark.parametrize("package", [p.name for p in package_dirs()])
def test_no_import_cycle(package):
    graph = import_graph()
    found = [one_cycle(graph, component) for component in cycles(graph)
             if any(name.split(".")[0] == package for name in component)]
    assert found == [], "import cycles:\n" + "\n".join(" -> ".join(cycle) for cycle in found)
