"""Measures of the local graph server's load, shared by the tests of user Cypher limits."""

from __future__ import annotations

import os
import time
from pathlib import Path

from quotetrail.graph.local_server.manager import LocalServer
from quotetrail.graph.store import arcade_http
from quotetrail.graph.store.driver import Store

EXPLOSIVE = "MATCH p=(a)-[*1..9]-(b) RETURN count(p) AS c"  # hours on a big graph


def server_cpu(pid: int) -> float:
    """CPU seconds the server process has used (user + system)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_over(pid: int, seconds: float) -> float:
    before = server_cpu(pid)
    time.sleep(seconds)
    return server_cpu(pid) - before


def wait_until_no_user_query(store: Store, most: float = 60.0) -> None:
    """The server ends what it runs for readers (a sleep ends only at its end)."""
    if store.local is None:
        return
    password = LocalServer(Path(store.local.home)).credentials().reader_password
    deadline = time.monotonic() + most
    while arcade_http.running(store.local, password) and time.monotonic() < deadline:
        time.sleep(0.2)
