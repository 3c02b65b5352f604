"""User Cypher: read-only, bounded in time and rows, results as plain JSON values.

Read-only is enforced three times: a query holding a write or admin clause, a procedure off
the read-only list or a foreign function is refused before it is sent
(graph/store/cypher_check.py tokenises it as the servers do); the server refuses writes (on
the local server the query runs as a user whose group may only read records; every session
is read-access, which Neo4j enforces whichever engine serves it).
On both it runs in a transaction that is always rolled back, and a query whose summary
reports an update is refused even so. ArcadeDB ignores query
timeouts, so the time limit is also kept on this side: a query past it is abandoned (and on
ArcadeDB may run to its end on the server); Neo4j ends it on the server (graph/store/dialect.py).
"""

from __future__ import annotations

import queue
import threading
import time
from typing import Any

import neo4j
from neo4j.exceptions import CypherSyntaxError, Neo4jError
from neo4j.graph import Node, Path, Relationship

from quotetrail.errors import QueryError
from quotetrail.graph.dates import iso
from quotetrail.graph.model import CypherResult
from quotetrail.graph.store.cypher_check import refusal
from quotetrail.graph.store.driver import Store

_WRITE_REFUSED = ("Security.Forbidden", "AccessMode", "Forbidden")
_REFUSED = ("refused: this query would change the graph, and user Cypher is read-only; "
            "nothing was changed")


def run_read_only(store: Store, query: str, params: dict[str, Any] | None = None, *,
                  time_limit: float = 10.0, row_cap: int = 1000) -> CypherResult:
    """Run `query` with `params` as a reader; refuse writes, stop at the limits."""
    if not query.strip():
        raise QueryError("the query is empty")
    reason = writes(query)
    if reason:
        raise QueryError(f"refused: {reason}, and user Cypher is read-only; nothing was changed")
    answer: queue.Queue[tuple[str, Any]] = queue.Queue(maxsize=1)

    def work() -> None:
        try:
            answer.put(("ok", _fetch(store, query, params or {}, time_limit, row_cap)))
        except BaseException as e:  # handed to the caller's thread, re-raised there
            answer.put(("error", e))

    threading.Thread(target=work, daemon=True, name="user-cypher").start()
    deadline = time.monotonic() + time_limit
    try:  # Neo4j ends the query itself (the transaction timeout): give it time to say so
        status, value = answer.get(timeout=time_limit + store.dialect.server_timeout_grace)
    except queue.Empty:
        raise QueryError(_past_limit(time_limit, "was abandoned")) from None
    if status == "error" and "TransactionTimedOut" in (getattr(value, "code", None) or ""):
        raise QueryError(_past_limit(time_limit, "was ended by the server")) from value
    if time.monotonic() > deadline:  # answered in the grace time: still past the limit
        raise QueryError(_past_limit(time_limit, "was abandoned"))
    if status == "error":
        raise _translate(value) from value
    columns, rows, truncated = value
    return CypherResult(columns=columns, rows=rows, truncated=truncated, row_cap=row_cap,
                        time_limit=time_limit)


def _past_limit(time_limit: float, fate: str) -> str:
    return (f"the query ran past the time limit of {time_limit:g} s and {fate}; "
            "narrow it (add a LIMIT or a more specific MATCH) or raise the limit")


def writes(query: str) -> str | None:
    """Why the app's check refuses `query` (a write or admin clause, a procedure off the
    read-only list, a function of no built-in namespace), or None when it may run."""
    return refusal(query)


def _fetch(store: Store, query: str, params: dict[str, Any], time_limit: float,
           row_cap: int) -> tuple[list[str], list[dict[str, Any]], bool]:
    with store.reader.session(database=store.database,
                              default_access_mode=neo4j.READ_ACCESS) as session:
        tx = session.begin_transaction(timeout=time_limit)
        try:
            result = tx.run(query, params)
            columns = list(result.keys())
            rows: list[dict[str, Any]] = []
            truncated = False
            for record in result:
                if len(rows) == row_cap:
                    truncated = True
                    break
                rows.append({k: to_json(v) for k, v in record.items()})
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
        return QueryError(f"the query is not valid Cypher: {error.message}")
    if isinstance(error, Neo4jError):
        code = error.code or ""
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
    if isinstance(value, Path):
        return {"nodes": [to_json(n) for n in value.nodes],
                "relationships": [to_json(r) for r in value.relationships]}
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    if hasattr(value, "iso_format") or hasattr(value, "to_native"):
        return iso(value)
    return value
