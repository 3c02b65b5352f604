"""Helpers shared by the tests (importable: pytest puts tests/ on sys.path)."""

from __future__ import annotations

import functools
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from quotetrail.errors import StoreError
from quotetrail.graph.local_server import neo4j_engine
from quotetrail.graph.local_server.manager import LocalServer
from quotetrail.graph.store.driver import Store
from quotetrail.loaders.extract.document import extract
from quotetrail.loaders.records import Document
from quotetrail.pipeline import Progress
from quotetrail.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
LOCAL_ENGINES = ("arcadedb", "neo4j")  # backends served by a local server in the session home


def settings_for(backend: str, home: Path) -> Settings:
    """Settings for a backend: the local ArcadeDB server, the local Neo4j engine reached as
    users reach any Neo4j (NEO4J_URI), or the Neo4j of the environment's NEO4J_URI."""
    if backend == "arcadedb":
        return Settings(NEO4J_URI=None, QUOTETRAIL_HOME=home, QUOTETRAIL_ENGINE="arcadedb")
    if backend == "neo4j":
        server = LocalServer(home, engine="neo4j")
        info, login = server.ensure_running(), server.login()
        return Settings(NEO4J_URI=info.uri, NEO4J_USERNAME=login.user,
                        NEO4J_PASSWORD=login.password, NEO4J_DATABASE=login.database,
                        QUOTETRAIL_HOME=home)
    return Settings(QUOTETRAIL_HOME=home)


def is_local(store: Store) -> bool:
    """Whether the store is one of the session's local servers (the CLI can reach it)."""
    return getattr(store, "backend", None) in LOCAL_ENGINES


@functools.cache
def neo4j_missing() -> str | None:
    """Why the Neo4j engine cannot run on this machine, or None when it can."""
    try:
        neo4j_engine.toolchain()
    except StoreError as e:
        return str(e)
    return None


def counted_progress() -> tuple[Progress, list[list]]:
    """A load's Progress and what it saw: per stage, [name, total, steps done]."""
    seen: list[list] = []
    progress = Progress(on_stage=lambda name, steps: seen.append([name, steps, 0]),
                        on_step=lambda: seen[-1].__setitem__(2, seen[-1][2] + 1))
    return progress, seen


def clear(store: Store) -> None:
    store.write(lambda tx: tx.run("MATCH (n) DETACH DELETE n").consume())


@contextmanager
def own_arcadedb(home: Path) -> Iterator[Store]:
    """A store on an ArcadeDB server of its own, stopped after. The session's server keeps
    in its indexes the entries of every record earlier tests deleted, and a read that walks
    an index in order walks them too (the top paging of `test_top_paging.py`: 3 s on a fresh
    server, 20 to 78 s late in the suite)."""
    with Store.connect(settings_for("arcadedb", home)) as own:
        own.backend = "arcadedb"  # type: ignore[attr-defined]
        yield own
    LocalServer(home, engine="arcadedb").stop()


# A linked graph as its rows, every property of statements and edges: what a small load's
# relink must write the same as a full relink (tests/graph/test_relink_*.py).
LINKED_ROWS = """
MATCH (q:Quote)-[v:VARIANT_OF]->(st:Statement)
OPTIONAL MATCH (sp:Speaker)-[:MADE]->(st)
RETURN st.id AS statement, st.text AS text, st.said AS said, st.reference_quote AS reference,
       st.quote_count AS quotes, st.outlet_count AS outlets, st.first_seen AS first_seen,
       st.conflict_speakers AS conflict, st.conflict_counts AS conflict_counts,
       sp.id AS speaker, q.id AS quote, v.similarity AS similarity, v.mutation AS mutation,
       v.diff AS diff, v.speaker_inferred_from AS inferred_from,
       v.speaker_corrected AS corrected, v.corrected_speaker AS corrected_speaker
ORDER BY statement, quote
"""
DERIVED_ROWS = """
MATCH (q:Quote)-[d:DERIVED_FROM]->(src:Quote)
RETURN q.id AS quote, src.id AS source, d.evidence AS evidence, d.similarity AS similarity,
       d.confidence AS confidence
ORDER BY quote, source
"""


def fingerprint(store: Store) -> tuple[int, int]:
    """Nodes and relationships in the graph: what tells a fixture the graph was changed."""
    nodes = store.rows("MATCH (n) RETURN count(n) AS n")[0]["n"]
    relationships = store.rows("MATCH ()-[r]->() RETURN count(r) AS n")[0]["n"]
    return nodes, relationships


def run_cli(*args: str, home: Path, stdin: str | None = None,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The real console script in a subprocess, on the session's local server of the engine
    in QUOTETRAIL_ENGINE (set per test by conftest's `_engine_env`)."""
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


def quote_speaker(text: str, words: str) -> str | None:
    """The speaker extraction gives the one quote of a made-up text that holds `words`."""
    hits = [q for q in extract(Document(text=text, source="made-up.txt")).quotes
            if words in q.text]
    assert len(hits) == 1, [q.text for q in hits]
    return hits[0].speaker
