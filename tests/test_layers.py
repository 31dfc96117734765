"""The house holds: no import circle inside a package, and no arrow running back up.

The import graph is read from the source (every ``import`` and ``from ... import``,
module level or in a function, but not under ``if TYPE_CHECKING:``), so a failure
names the two modules and the line. The layers, bottom up:

* the layer's base (``combined.conf``, ``.text``, ``.hosts``, ``.layout``...): what
  both halves need; neither framework's app, nothing of a project;
* the layer's Django side (middleware, checks, the URLconf walk, Jinja) and its
  Flask side (``combined.bridge``, which may use the Django side: it is the seam);
* the layer's assembly (``combined.app``, ``.halves``, ``.urls``, ``.inprocess``...),
  the only part that names the project's packages (its Flask half, ``flask_backend``);
* ``combined.tools``: what a developer runs; no runtime module imports it;
* the project (``core``, ``django_site``, ``flask_backend``, ``apps``) on top of the
  layer: ``core`` (the environment) under the halves, and Django's half never
  importing the Flask half's packages.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("combined", "core", "django_site", "flask_backend")
BASE = {
    "combined", "combined.conf", "combined.text", "combined.hosts", "combined.json_input",
    "combined.redirects", "combined.security_headers", "combined.layout",
    "combined.layout.navigation",
}  # fmt: skip
# The Django side and the Flask side of the layer; the rest of it is the assembly.
SIDES = {
    "combined.outage", "combined.url_guard", "combined.redirect_limit", "combined.jinja",
    "combined.prefix_check", "combined.template_checks", "combined.urlwalk", "combined.apps",
    "combined.layout.django_pages", "combined.layout.flask_pages",
}  # fmt: skip


def runtime(name: str) -> bool:
    return name.split(".")[0] == "combined" and not name.startswith("combined.tools")


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _type_checking(node: ast.AST) -> bool:
    test = getattr(node, "test", None)
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(test)


def imports_of(path: Path) -> list[tuple[str, int]]:
    """(imported module, line) for each import in ``path``, TYPE_CHECKING blocks aside."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: list[tuple[str, int]] = []

    def visit(node: ast.AST) -> None:
        if _type_checking(node):
            return
        if isinstance(node, ast.Import):
            found.extend((alias.name, node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            for alias in node.names:  # `from pkg import module` names a module too
                found.append((f"{base}.{alias.name}", node.lineno))
            found.append((base, node.lineno))
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def graph() -> dict[str, list[tuple[str, int]]]:
    """Module -> the project modules it imports (only names that are modules here)."""
    files = {
        module_name(p): p
        for package in PACKAGES
        for p in (ROOT / package).rglob("*.py")
        if "migrations" not in p.parts and "templates" not in p.parts
    }
    edges: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for name, path in files.items():
        for target, line in imports_of(path):
            if target in files and target != name:
                edges[name].append((target, line))
    return {name: edges[name] for name in files}


GRAPH = graph()
ASSEMBLY = {
    name
    for name in GRAPH
    if runtime(name) and name not in BASE | SIDES and not name.startswith("combined.bridge")
}


def test_no_import_circle_inside_a_package():
    """Tarjan's strongly connected components, per package, over the import graph."""
    circles = []
    for package in {name.rpartition(".")[0] or name for name in GRAPH}:
        members = {n for n in GRAPH if (n.rpartition(".")[0] or n) == package}
        inside = {n: [t for t, _ in GRAPH[n] if t in members] for n in members}
        circles += [c for c in _components(inside) if len(c) > 1]
    assert circles == [], f"import circles: {circles}"


def _components(edges: dict[str, list[str]]) -> list[list[str]]:
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def strong(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in edges.get(node, []):
            if nxt not in index:
                strong(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            strong(node)
    return found


def test_the_circle_check_finds_a_circle():
    assert _components({"a": ["b"], "b": ["a"], "c": ["a"]}) == [["a", "b"], ["c"]]


def arrows(rule) -> list[str]:
    return [
        f"{source} -> {target} (line {line})"
        for source, targets in GRAPH.items()
        for target, line in targets
        if rule(source, target)
    ]


def top(name: str) -> str:
    return name.split(".")[0]


RULES = {
    "no runtime module imports the tools": lambda s, t: (
        runtime(s) and t.startswith("combined.tools")
    ),
    "the layer's base imports only the base": lambda s, t: (
        s in BASE
        and (runtime(t) and t not in BASE or top(t) in {"core", "django_site", "flask_backend"})
    ),
    "only the assembly reaches the project or the assembly": lambda s, t: (
        runtime(s)
        and s not in ASSEMBLY
        and (t in ASSEMBLY or top(t) in {"core", "django_site", "flask_backend"})
    ),
    "the layer never reads the environment's settings": lambda s, t: (
        runtime(s) and top(t) == "core"
    ),
    "core is under both halves": lambda s, t: (
        top(s) == "core" and top(t) in {"django_site", "flask_backend"}
    ),
    "Django's half never imports the Flask half": lambda s, t: (
        top(s) == "django_site" and top(t) == "flask_backend"
    ),
}


@pytest.mark.parametrize("rule", sorted(RULES))
def test_no_arrow_runs_the_wrong_way(rule):
    assert arrows(RULES[rule]) == []


def test_the_layer_rules_see_real_arrows():
    """The graph is read, not empty: arrows the house does have are found."""
    assert any(t == "combined.conf" for t, _ in GRAPH["core.settings"])
    assert any(t == "combined.conf" for t, _ in GRAPH["combined.halves"])
    assert "combined.app" in ASSEMBLY and "combined.bridge.auth" not in ASSEMBLY
    assert any(t.startswith("combined.bridge") for t, _ in GRAPH["combined.bridge.factory"])


def test_django_settings_do_not_import_either_framework_app():
    """manage.py's first step (the settings module) stays free of Flask and the assembly."""
    from tests.servers import python

    modules = python("-c", "import sys, django_site.settings; print(sorted(sys.modules))")
    assert "'flask'" not in modules
    assert "'combined.app'" not in modules and "'combined.bridge'" not in modules
