"""The apps of Zicht in layers, and a checker for the imports between them.

An app may import from apps in lower layers and from apps in its own layer, as long as no cycle
forms; never from a higher layer. Every import counts, function-local ones included.
See docs/architecture.md and docs/adr/0002-layers.md.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

LAYERS: tuple[frozenset[str], ...] = (
    frozenset({"common", "outbox"}),
    frozenset({"audit"}),
    frozenset({"accounts"}),
    frozenset({"people", "api", "framework"}),
    frozenset({"concerns", "walk_ins", "outreach", "matching"}),
    frozenset({"cases"}),
    frozenset({"sources", "stats", "council", "retention", "meetings"}),
)
LAYER_OF: dict[str, int] = {app: level for level, apps in enumerate(LAYERS) for app in apps}


@dataclass(frozen=True)
class Edge:
    importer: str
    imported: str
    where: str  # "path:line"


def _app_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "zicht" else None


def imports_in(source: str, *, path: str) -> Iterator[tuple[str, int]]:
    """Every absolute ``zicht.*`` module imported anywhere in ``source`` (function-local too)."""
    for node in ast.walk(ast.parse(source, filename=path)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module, node.lineno
            for alias in node.names:  # ``from zicht import cases``
                if node.module == "zicht":
                    yield f"zicht.{alias.name}", node.lineno


def app_edges(sources: Iterable[tuple[str, str]]) -> list[Edge]:
    """App-level import edges of ``(path, source)`` pairs whose path is ``zicht/<app>/...``."""
    edges = []
    for path, source in sources:
        parts = Path(path).parts
        importer = parts[1] if len(parts) > 2 and parts[0] == "zicht" else None
        if importer is None:
            continue
        for module, line in imports_in(source, path=path):
            imported = _app_of(module)
            if imported and imported != importer:
                edges.append(Edge(importer, imported, f"{path}:{line}"))
    return edges


def upward(edges: Iterable[Edge]) -> list[Edge]:
    """Imports from a higher layer, or of an app that is in no layer."""
    return [
        e
        for e in edges
        if e.importer not in LAYER_OF or e.imported not in LAYER_OF or LAYER_OF[e.imported] > LAYER_OF[e.importer]
    ]


def cycles(edges: Iterable[Edge]) -> list[list[str]]:
    """App-level import cycles (each as a list of apps, first repeated at the end)."""
    graph: dict[str, set[str]] = defaultdict(set)
    for e in edges:
        graph[e.importer].add(e.imported)
    found: list[list[str]] = []
    seen: set[frozenset[str]] = set()

    def visit(node: str, path: list[str]) -> None:
        for nxt in sorted(graph[node]):
            if nxt in path:
                cycle = path[path.index(nxt) :] + [nxt]
                if frozenset(cycle) not in seen:
                    seen.add(frozenset(cycle))
                    found.append(cycle)
            elif len(path) < len(LAYER_OF) + 2:
                visit(nxt, path + [nxt])

    for start in sorted(graph):
        visit(start, [start])
    return found


def production_sources(root: Path) -> Iterator[tuple[str, str]]:
    """``(path relative to root, source)`` of every production module of the apps (not tests)."""
    for path in sorted((root / "zicht").rglob("*.py")):
        relative = path.relative_to(root)
        if "tests" in relative.parts:
            continue
        yield str(relative), path.read_text(encoding="utf-8")
