"""The shape of the code, read from its own imports: dependencies run one way, and nothing loops.

`comments` builds on `articles`, never the reverse; the project's shared modules (`newsportal/`, apart from
the root URLs and the entry points that wire the apps together) sit below both apps; no app imports another
app's views; and no two modules import each other, directly or round a longer loop.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("articles", "comments", "demo", "newsportal")
# The modules that put the apps together: they may import anything, and nothing of ours imports them.
ASSEMBLY = {"newsportal.urls", "newsportal.settings", "newsportal.settings_test", "newsportal.wsgi", "newsportal.asgi"}


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_modules():
    modules = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            modules[module_name(path)] = path
    return modules


def imported_names(path, module):
    """Every module name this file imports, at the top or inside a function, absolute or relative."""
    tree = ast.parse(path.read_text(), filename=str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module
            yield target
            for alias in node.names:
                yield f"{target}.{alias.name}"


def import_graph():
    modules = project_modules()
    graph = {}
    for module, path in modules.items():
        targets = set()
        for name in imported_names(path, module):
            # The longest prefix that is one of our modules: `from articles.models import Article` -> articles.models.
            while name and name not in modules:
                name = name.rpartition(".")[0]
            if name and name != module:
                targets.add(name)
        graph[module] = targets
    return graph


@pytest.fixture(scope="module")
def graph():
    return import_graph()


def top(module):
    return module.split(".")[0]


def test_articles_never_imports_comments(graph):
    backwards = sorted(
        f"{module} -> {target}"
        for module, targets in graph.items()
        if top(module) == "articles"
        for target in targets
        if top(target) == "comments"
    )
    assert backwards == []


def test_nothing_imports_the_demo(graph):
    assert sorted(f"{m} -> {t}" for m, ts in graph.items() if top(m) != "demo" for t in ts if top(t) == "demo") == []


def test_no_app_imports_another_apps_views(graph):
    crossings = sorted(
        f"{module} -> {target}"
        for module, targets in graph.items()
        for target in targets
        if top(target) != top(module) and target.split(".")[-1] == "views"
    )
    assert crossings == []


def test_shared_project_modules_sit_below_the_apps(graph):
    """What the apps take from `newsportal/` must not lead back into an app."""
    upward = sorted(
        f"{module} -> {target}"
        for module, targets in graph.items()
        if top(module) == "newsportal" and module not in ASSEMBLY
        for target in targets
        if top(target) in ("articles", "comments", "demo")
    )
    assert upward == []


def strongly_connected(graph):
    """Tarjan's algorithm: the groups of modules that reach each other."""
    index, low, stack, on_stack, groups = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == node:
                    break
            groups.append(group)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def test_no_import_cycles(graph):
    # A package's __init__ that re-exports its own modules is not a loop of dependencies.
    edges = {
        module: {t for t in targets if not (module.startswith(f"{t}.") and graph.get(t) is not None)}
        for module, targets in graph.items()
    }
    cycles = [sorted(group) for group in strongly_connected(edges) if len(group) > 1]
    assert cycles == []


def test_the_graph_reads_real_imports(graph):
    """The checks above would pass on an empty graph: make sure it sees the imports the code has."""
    assert "articles.models" in graph["articles.views"]
    assert any(top(target) == "articles" for target in graph["comments.services"])
