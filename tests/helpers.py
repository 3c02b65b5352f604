"""Helpers shared by the tests (importable: pytest puts tests/ on sys.path)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from quotetrail.graph.store.driver import Store
from quotetrail.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


def settings_for(backend: str, home: Path) -> Settings:
    if backend == "local":
        return Settings(NEO4J_URI=None, QUOTETRAIL_HOME=home)
    return Settings(QUOTETRAIL_HOME=home)


def clear(store: Store) -> None:
    store.write(lambda tx: tx.run("MATCH (n) DETACH DELETE n").consume())


def fingerprint(store: Store) -> tuple[int, int]:
    """Nodes and relationships in the graph: what tells a fixture the graph was changed."""
    nodes = store.rows("MATCH (n) RETURN count(n) AS n")[0]["n"]
    relationships = store.rows("MATCH ()-[r]->() RETURN count(r) AS n")[0]["n"]
    return nodes, relationships


def run_cli(*args: str, home: Path, stdin: str | None = None,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The real console script in a subprocess, on the session's local server."""
    full_env = {**os.environ, "QUOTETRAIL_HOME": str(home), "COLUMNS": "200", **(env or {})}
    full_env.pop("NEO4J_URI", None)
    return subprocess.run([sys.executable, "-m", "quotetrail", *args], capture_output=True,
                          text=True, env=full_env, cwd=ROOT, input=stdin, timeout=300)


def node_point(page, node_id: str) -> dict[str, float]:
    """Where a vis-network node is drawn on the page, for a real mouse click."""
    return page.evaluate("""(id) => {
        const p = network.canvasToDOM(network.getPositions([id])[id]);
        const r = document.getElementById('mynetwork').getBoundingClientRect();
        return {x: r.left + p.x, y: r.top + p.y};
    }""", node_id)
