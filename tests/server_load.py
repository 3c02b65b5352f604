"""Measures of the graph server's load, shared by the tests of user Cypher limits."""

from __future__ import annotations

import base64
import http.client
import json
import time
from pathlib import Path

from quotetrail.graph.local_server.load import HTTP_WORKERS, cpu_over, cpu_seconds
from quotetrail.graph.local_server.manager import DATABASE, HOST, LocalServer
from quotetrail.graph.store import arcade_http
from quotetrail.graph.store.driver import Store

__all__ = ["EXPLOSIVE", "HTTP_WORKERS", "cpu_over", "cpu_seconds", "queries_on_server",
           "queries_left_after", "terminate_all", "wait_until_no_user_query"]

EXPLOSIVE = "MATCH p=(a)-[*1..9]-(b) RETURN count(p) AS c"  # hours on a big graph
_SHOW = "SHOW TRANSACTIONS"


def wait_until_no_user_query(store: Store, most: float = 60.0) -> None:
    """The server ends what it runs for readers (a sleep ends only at its end)."""
    if store.local is None or store.dialect.name != "arcadedb":
        return
    password = LocalServer(Path(store.local.home)).credentials().reader_password
    deadline = time.monotonic() + most
    while arcade_http.running(store.local, password) and time.monotonic() < deadline:
        time.sleep(0.2)


def queries_on_server(store: Store) -> list[str]:
    """The queries the graph server runs now, for any user over any protocol (these are what
    take its query slots): ArcadeDB's `list queries` as root, Neo4j's SHOW TRANSACTIONS
    (without the one that asks)."""
    if store.dialect.name != "arcadedb":
        rows = store.rows(f"{_SHOW} YIELD currentQuery RETURN currentQuery AS text")
        return [r["text"] for r in rows if not r["text"].lstrip().startswith(_SHOW)]
    return [q["text"] for q in _arcadedb_admin(store, f"list queries database {DATABASE}")]


def terminate_all(store: Store) -> int:
    """Ask the local ArcadeDB server, as its admin, to end every query it runs; how many."""
    running = _arcadedb_admin(store, f"list queries database {DATABASE}")
    for query in running:
        _arcadedb_admin(store, f"terminate query {query['id']}")
    return len(running)


def _arcadedb_admin(store: Store, command: str) -> list[dict]:
    """One server command as root over the local ArcadeDB's HTTP API: its result."""
    assert store.local is not None
    login = LocalServer(Path(store.local.home)).login()
    auth = base64.b64encode(f"{login.user}:{login.password}".encode()).decode()
    conn = http.client.HTTPConnection(HOST, store.local.http_port, timeout=10)
    try:
        conn.request("POST", "/api/v1/server", body=json.dumps({"command": command}).encode(),
                     headers={"Content-Type": "application/json",
                              "Authorization": f"Basic {auth}"})
        result = json.loads(conn.getresponse().read())["result"]
    finally:
        conn.close()
    return result if isinstance(result, list) else [result]


def queries_left_after(store: Store, seconds: float) -> list[str]:
    """The queries the server still runs after up to `seconds` (at once when none)."""
    deadline = time.monotonic() + seconds
    while (left := queries_on_server(store)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return left
