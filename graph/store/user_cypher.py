"""User Cypher: read-only, bounded in time, rows, bytes and how many run at once.

Read-only is enforced three times: a query holding a write or admin clause, a procedure off
the read-only list or a foreign function is refused before it is sent
(graph/store/cypher_check.py tokenises it as the servers do); the server refuses writes (on
the local ArcadeDB server the query runs as a user whose group may only read records, through
ArcadeDB's query endpoint, which also refuses any query that is not idempotent; on Neo4j in a
read-access session, in a transaction that is always rolled back, and a query whose summary
reports an update is refused even so).

A query past its time limit is stopped on the server: Neo4j enforces the transaction timeout;
ArcadeDB ignores it, so there the query goes over HTTP and the connection is closed at the
limit, which cancels it (see arcade_http). A user query first takes one of a few slots shared
by every process on the machine (query_slots), so abusive queries cannot fill the server's
query slots that traces and loads need; answers stop at a row cap and at a byte cap.
"""

from __future__ import annotations

import json
import math
import queue
import threading
import time
from pathlib import Path
from typing import Any

import neo4j
from neo4j.exceptions import CypherSyntaxError, Neo4jError
from neo4j.graph import Node, Relationship
from neo4j.graph import Path as GraphPath

from quotetrail.errors import BusyError, CypherSyntaxQueryError, QueryError
from quotetrail.graph.dates import iso
from quotetrail.graph.local_server.manager import LocalServer, ServerInfo
from quotetrail.graph.model import CypherResult
from quotetrail.graph.store import arcade_http
from quotetrail.graph.store.cypher_check import refusal
from quotetrail.graph.store.driver import Store
from quotetrail.graph.store.query_slots import folder_for, query_slot

_WRITE_REFUSED = ("Security.Forbidden", "AccessMode", "Forbidden")
_REFUSED = ("refused: this query would change the graph, and user Cypher is read-only; "
            "nothing was changed")
BYTE_CAP = 10 * 1024 * 1024  # of the rows as JSON
CONCURRENCY = 1  # user queries at once (settings: one per two cores); ArcadeDB runs 4 remote
# queries at once on 2 cores, and each user query may take a core for its whole time limit
_Answer = tuple[list[str], list[dict[str, Any]], arcade_http.Cut | None]  # columns, rows, cut
_FETCH_SIZE = 50  # records per round trip on Bolt: the byte cap is checked between them
_GRACE = 2.0  # seconds Neo4j gets past the limit to report its own timeout


def run_read_only(store: Store, query: str, params: dict[str, Any] | None = None, *,
                  time_limit: float = 10.0, row_cap: int = 1000, byte_cap: int = BYTE_CAP,
                  concurrency: int = CONCURRENCY, app_check: bool = True) -> CypherResult:
    """Run `query` with `params` as a reader; refuse writes, stop at the limits.
    `app_check=False` skips the app's clause check (tests prove the server's guards alone)."""
    check_limits(time_limit=time_limit, row_cap=row_cap, byte_cap=byte_cap,
                 concurrency=concurrency)
    if not query.strip():
        raise QueryError("the query is empty")
    reason = writes(query) if app_check else None
    if reason:
        raise QueryError(f"refused: {reason}, and user Cypher is read-only; nothing was changed")
    home = store.local.home if store.local else None
    with query_slot(folder_for(home, store.uri), concurrency):
        local = _arcadedb(store)
        if local is not None and _still_running(local, concurrency):
            raise BusyError(f"{concurrency} user queries are still running on the graph "
                            "server (a query that waits cannot be stopped before its end); "
                            "try again in a moment")
        try:
            columns, rows, truncated = _run(store, query, params or {}, time_limit, row_cap,
                                            byte_cap)
        except arcade_http.TimedOut as e:
            raise QueryError(_timed_out(time_limit, e.stopped)) from None
    return CypherResult(columns=columns, rows=rows, truncated=truncated is not None,
                        truncated_reason=truncated, row_cap=row_cap, byte_cap=byte_cap,
                        time_limit=time_limit)


def _timed_out(time_limit: float, stopped: bool) -> str:
    if stopped:
        return (f"the query ran past the time limit of {time_limit:g} s and was stopped on the "
                "server; narrow it (add a LIMIT or a more specific MATCH) or raise the limit")
    return (f"the query ran past the time limit of {time_limit:g} s; the graph server could not "
            "stop it (a query that waits runs to its end there), and it counts against the "
            "user query limit until it ends")


def check_limits(**limits: float) -> None:
    """Refuse a limit that is zero, negative or not a number (0 never means "unlimited")."""
    for name, value in limits.items():
        if not (isinstance(value, int | float) and math.isfinite(value) and value > 0):
            raise QueryError(f"the {name.replace('_', ' ')} must be a positive number, "
                             f"not {value!r}")


def _run(store: Store, query: str, params: dict[str, Any], time_limit: float, row_cap: int,
         byte_cap: int) -> _Answer:
    local = _arcadedb(store)
    if local is not None:  # over ArcadeDB's HTTP API, where closing the connection stops it
        try:
            got = arcade_http.fetch(local, _reader_password(local), query, params,
                                    time_limit=time_limit, row_cap=row_cap, byte_cap=byte_cap)
        except arcade_http.WriteRefused:
            raise QueryError(_REFUSED) from None
        columns = list(got.rows[0]) if got.rows else []
        return columns, got.rows, got.truncated
    return _on_neo4j(store, query, params, time_limit, row_cap, byte_cap)


def _arcadedb(store: Store) -> ServerInfo | None:
    """The local ArcadeDB server, where user Cypher goes over its HTTP API (None: a Neo4j)."""
    return store.local if store.dialect.name == "arcadedb" else None


def _still_running(info: ServerInfo, concurrency: int) -> bool:
    """Whether the server still runs `concurrency` reader queries after a moment's wait (one a
    client gave up on may be ending; one that waits runs to its end)."""
    deadline = time.monotonic() + arcade_http.SETTLE
    while arcade_http.running(info, _reader_password(info)) >= concurrency:
        if time.monotonic() > deadline:
            return True
        time.sleep(0.1)
    return False


def _reader_password(info: ServerInfo) -> str:
    return LocalServer(Path(info.home)).credentials().reader_password


def _on_neo4j(store: Store, query: str, params: dict[str, Any], time_limit: float,
              row_cap: int, byte_cap: int) -> _Answer:
    """Neo4j stops the transaction at its timeout; the wait here is bounded even so."""
    answer: queue.Queue = queue.Queue(maxsize=1)

    def work() -> None:
        try:
            answer.put(("ok", _fetch(store, query, params, time_limit, row_cap, byte_cap)))
        except BaseException as e:  # handed to the caller's thread, re-raised there
            answer.put(("error", e))

    threading.Thread(target=work, daemon=True, name="user-cypher").start()
    deadline = time.monotonic() + time_limit
    try:  # Neo4j checks its timeout every couple of seconds: give it the time to say so
        status, value = answer.get(timeout=time_limit + _GRACE)
    except queue.Empty:
        raise arcade_http.TimedOut() from None
    if status == "error":
        raise _translate(value) from value
    if time.monotonic() > deadline:  # answered, but past the limit all the same
        raise QueryError(f"the query ran past the time limit of {time_limit:g} s; narrow it "
                         "(add a LIMIT or a more specific MATCH) or raise the limit")
    return value


def writes(query: str) -> str | None:
    """Why the app's check refuses `query` (a write or admin clause, a procedure off the
    read-only list, a function of no built-in namespace), or None when it may run."""
    return refusal(query)


def _fetch(store: Store, query: str, params: dict[str, Any], time_limit: float,
           row_cap: int, byte_cap: int) -> _Answer:
    with store.reader.session(database=store.database, fetch_size=_FETCH_SIZE,
                              default_access_mode=neo4j.READ_ACCESS) as session:
        tx = session.begin_transaction(timeout=time_limit)
        try:
            result = tx.run(query, params)
            columns = list(result.keys())
            rows: list[dict[str, Any]] = []
            truncated: arcade_http.Cut | None = None
            size = 0
            for record in result:
                if len(rows) == row_cap:
                    truncated = "row_cap"
                    break
                row = {k: to_json(v) for k, v in record.items()}
                size += len(json.dumps(row, ensure_ascii=False, default=str).encode())
                if size > byte_cap:
                    truncated = "byte_cap"
                    break
                rows.append(row)
            # ArcadeDB lets SET and REMOVE through for a read-only user inside a transaction
            # (they would fail only at commit, which never comes): refuse what wrote anyway.
            counters = result.consume().counters
            if counters.contains_updates or counters.contains_system_updates:
                raise _WriteAttempted()
            return columns, rows, truncated
        finally:
            tx.rollback()


class _WriteAttempted(Exception):
    """The query changed something inside its (rolled back) transaction."""


def _translate(error: BaseException) -> Exception:
    if isinstance(error, _WriteAttempted):
        return QueryError(_REFUSED)
    if isinstance(error, CypherSyntaxError):
        return CypherSyntaxQueryError(f"the query is not valid Cypher: {error.message}")
    if isinstance(error, Neo4jError):
        code = error.code or ""
        if "TransactionTimedOut" in code:  # Neo4j stopped it at the transaction timeout
            return arcade_http.TimedOut()
        if any(marker in code for marker in _WRITE_REFUSED):
            return QueryError(_REFUSED)
        return QueryError(f"the query failed: {error.message}")
    if isinstance(error, OverflowError | UnicodeEncodeError | RecursionError | TypeError):
        return QueryError(f"a parameter cannot be sent to the server: {error}")
    return error if isinstance(error, Exception) else QueryError(str(error))


def to_json(value: Any) -> Any:
    """Driver values as JSON: nodes and relationships as their properties plus labels/type."""
    if isinstance(value, Node):
        return {"labels": sorted(value.labels), **{k: to_json(v) for k, v in value.items()}}
    if isinstance(value, Relationship):
        return {"type": value.type, **{k: to_json(v) for k, v in value.items()}}
    if isinstance(value, GraphPath):
        return {"nodes": [to_json(n) for n in value.nodes],
                "relationships": [to_json(r) for r in value.relationships]}
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    if hasattr(value, "iso_format") or hasattr(value, "to_native"):
        return iso(value)
    return value
