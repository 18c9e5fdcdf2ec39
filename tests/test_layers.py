"""The import graph of solidarity/: no cycles, and no arrow pointing up the layers (ARCHITECTURE.md).

Every import counts, including those inside functions: a lazy import hides a
circle from Python, not from the reader.
"""

from __future__ import annotations

import ast
import collections
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "solidarity"

# Floor of each app; an app may import from its own floor or below.
LAYERS = {
    "core": 0,
    "formats": 0,
    "units": 1,
    "accounts": 1,
    "records": 2,
    "figures": 2,
    "jobs": 2,
    "privacy": 2,
    "migrants": 4,
    "partners": 3,
    "contacts": 3,
    "plans": 3,
    "staff": 3,
    "agreements": 4,
    "delegations": 4,
    "meetings": 4,
    "support": 4,
    "funds": 4,
    "sponsorship": 4,
    "home": 5,
    "reports": 5,
    "periodic": 5,
    "deadlines": 5,
    "agenda": 5,
    "imports": 5,
    "news": 5,
    "search": 5,
    "notifications": 5,
    "demo": 6,
    "api": 6,
}


def import_graph() -> dict[str, set[str]]:
    modules = {}
    for path in ROOT.rglob("*.py"):
        if "migrations" in path.parts or "tests" in path.parts:
            continue
        parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        modules[".".join(parts)] = path
    edges: dict[str, set[str]] = collections.defaultdict(set)
    for module, path in modules.items():
        package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                names = [target, *(f"{target}.{alias.name}" for alias in node.names)]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            edges[module].update(name for name in names if name in modules and name != module)
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in edges.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in list(edges):
        if node not in index:
            visit(node)
    return found


def app_of(module: str) -> str:
    return module.split(".")[1] if module.count(".") else ""


def upward(edges: dict[str, set[str]]) -> list[tuple[str, str]]:
    return sorted(
        (source, target)
        for source, targets in edges.items()
        for target in targets
        if app_of(source) in LAYERS
        and app_of(target) in LAYERS
        and LAYERS[app_of(target)] > LAYERS[app_of(source)]
    )


def test_no_module_imports_one_that_imports_it_back():
    assert cycles(import_graph()) == []


def test_no_import_points_up_the_layers():
    assert upward(import_graph()) == []


def test_every_app_has_a_floor():
    apps = {path.parent.name for path in ROOT.glob("*/apps.py")} | {"formats"}
    assert apps <= set(LAYERS), f"give these apps a floor in LAYERS: {sorted(apps - set(LAYERS))}"


if __name__ == "__main__":
    graph = import_graph()
    print(f"modules: {len(graph)}, imports: {sum(map(len, graph.values()))}")
    print(f"cycles: {cycles(graph)}")
    print(f"upward arrows: {upward(graph)}")
