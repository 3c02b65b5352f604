"""Measures of the local graph server's load, shared by the tests of user Cypher limits."""

from __future__ import annotations

import time
from pathlib import Path

from quotetrail.graph.local_server.load import HTTP_WORKERS, cpu_over, cpu_seconds
from quotetrail.graph.local_server.manager import LocalServer
from quotetrail.graph.store import arcade_http
from quotetrail.graph.store.driver import Store

__all__ = ["EXPLOSIVE", "HTTP_WORKERS", "cpu_over", "cpu_seconds", "wait_until_no_user_query"]

EXPLOSIVE = "MATCH p=(a)-[*1..9]-(b) RETURN count(p) AS c"  # hours on a big graph


def wait_until_no_user_query(store: Store, most: float = 60.0) -> None:
    """The server ends what it runs for readers (a sleep ends only at its end)."""
    if store.local is None or store.dialect.name != "arcadedb":
        return
    password = LocalServer(Path(store.local.home)).credentials().reader_password
    deadline = time.monotonic() + most
    while arcade_http.running(store.local, password) and time.monotonic() < deadline:
        time.sleep(0.2)
