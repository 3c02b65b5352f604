"""graph/link is pure: it never imports the store, the driver or the local server."""

from __future__ import annotations

import ast
from pathlib import Path

LINK = Path(__file__).resolve().parents[2] / "graph" / "link"
FORBIDDEN = ("quotetrail.graph.store", "quotetrail.graph.local_server", "neo4j",
             "quotetrail.pipeline", "quotetrail.api")


def _imports(path: Path) -> set[str]:
    """Absolute names of every module `path` imports (relative imports resolved)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = ["quotetrail", "graph", "link"][: 3 - node.level + 1] if node.level else []
            name = ".".join([*base, node.module] if node.module else base)
            found.add(name)
            found.update(f"{name}.{a.name}" for a in node.names)
    return found


def test_graph_link_imports_nothing_of_the_store_driver_or_server():
    modules = sorted(LINK.glob("*.py"))
    assert len(modules) >= 10
    for path in modules:
        bad = sorted(i for i in _imports(path) if i.startswith(FORBIDDEN))
        assert not bad, f"{path.name} imports {bad}"


def test_the_import_walk_sees_relative_imports():
    """`from ..store import x` inside graph/link would be quotetrail.graph.store.x."""
    names = _imports(LINK / "linking.py")
    assert "quotetrail.graph.model" in names and "quotetrail.graph.link.cluster" in names
