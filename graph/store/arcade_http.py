"""User Cypher on the local ArcadeDB server, over its HTTP API, so that a time limit stops it.

ArcadeDB ignores every query timeout sent over Bolt (the driver's, the transaction's, the
server's `arcadedb.command.timeout`, the reader group's `readTimeout`), and a Bolt query keeps
its server thread busy after the client closes the connection. Over HTTP the server watches
the connection: closing it cancels the running query within half a second (measured with the
server's CPU time, tests/graph/test_user_cypher_limits.py). So a user query goes to
`/api/v1/query` as the reader user, with the time limit as the socket's deadline and the
connection closed when it passes; `X-ArcadeDB-Command-Timeout` asks the same of the query
shapes that check a deadline themselves. The query endpoint also refuses any query that is
not idempotent, and the reader's group may only read records.
"""

from __future__ import annotations

import base64
import http.client
import json
import re
import time
import uuid
from dataclasses import dataclass
from typing import Any, Literal

from quotetrail.errors import BusyError, CypherSyntaxQueryError, QueryError, StoreError
from quotetrail.graph.dates import iso
from quotetrail.graph.local_server.manager import DATABASE, HOST, READER, ServerInfo

_SLACK = 64 * 1024  # read this much past the byte cap: the line that crosses it
_ERROR_MOST = 1024 * 1024
_QUERY = f"/api/v1/query/{DATABASE}"
_NDJSON = "application/x-ndjson"
_DATETIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)")
TAG = "quotetrail-user-cypher"  # what `list queries` on the server shows for these queries
SETTLE = 2.0  # seconds to wait for the server to end a query stopped at a limit


Cut = Literal["row_cap", "byte_cap"]


class TimedOut(Exception):
    """The query ran past its time limit; the connection was closed, which stops it, unless
    it waits (`stopped` False: the server still ran it a moment after)."""

    def __init__(self, stopped: bool = True) -> None:
        super().__init__("stopped on the server" if stopped else "still running on the server")
        self.stopped = stopped


@dataclass(frozen=True)
class Fetched:
    rows: list[dict[str, Any]]
    truncated: Cut | None  # which cap cut the rows, if one did


def fetch(info: ServerInfo, password: str, query: str, params: dict[str, Any], *,
          time_limit: float, row_cap: int, byte_cap: int) -> Fetched:
    """Run one read query as the reader; the rows up to the row and byte caps.

    The rows come as newline-delimited JSON, written by the server as it finds them, so the
    byte cap is kept while reading and closing the connection there stops the query too.
    """
    deadline = time.monotonic() + time_limit
    body = json.dumps({"language": "opencypher", "command": query, "params": params,
                       "limit": row_cap}).encode()
    tag = f"{TAG}-{uuid.uuid4().hex}"
    headers = {**_headers(password), "X-ArcadeDB-Query-Tag": tag,
               "X-ArcadeDB-Command-Timeout": str(max(1, int(time_limit * 1000)))}
    conn = http.client.HTTPConnection(HOST, info.http_port, timeout=time_limit)
    try:
        conn.request("POST", _QUERY, body=body, headers={**headers, "Accept": _NDJSON})
        response = conn.getresponse()
        if response.status != 200:
            answer = _json(response.read(_ERROR_MOST))
            if "BeforeExecution" in str(answer.get("exception")):
                # streaming is refused to what is not known to be a read (a write, bad
                # syntax): asked again without it, the server names the reason
                conn.close()
                conn.request("POST", _QUERY, body=body, headers=headers)
                response = conn.getresponse()
                answer = _json(response.read(_ERROR_MOST))
            raise _error(response.status, answer)
        fetched = _stream(conn, response, deadline, byte_cap)
        if fetched.truncated == "byte_cap":
            conn.close()  # stops the query; its slot is free once the server has ended it
            _await_end(info, password, tag)
        return fetched
    except TimeoutError:
        conn.close()
        raise TimedOut(stopped=_await_end(info, password, tag)) from None
    except (OSError, http.client.HTTPException) as e:
        raise StoreError(f"the local server's HTTP port {info.http_port} did not answer the "
                         f"query: {e}") from e
    finally:
        conn.close()  # when the query still runs, this is what stops it on the server


def _stream(conn: http.client.HTTPConnection, response: http.client.HTTPResponse,
            deadline: float, byte_cap: int) -> Fetched:
    """Rows read one line at a time, each read bounded by what is left of the time limit."""
    rows: list[dict[str, Any]] = []
    size = 0
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError()
        if conn.sock is not None:
            conn.sock.settimeout(left)
        line = response.readline(byte_cap - size + _SLACK)
        if not line:  # the server ended the answer without its closing line
            raise QueryError("the graph server ended its answer early")
        if not line.endswith(b"\n"):  # a row longer than what is left under the cap
            return Fetched(rows, "byte_cap")
        item = _json(line)
        if "record" in item:
            row = {key: to_json(value) for key, value in item["record"].items()}
            size += len(json.dumps(row, ensure_ascii=False).encode())
            if size > byte_cap:
                return Fetched(rows, "byte_cap")
            rows.append(row)
        elif not item:  # a blank line between rows
            continue
        elif "stats" in item:
            return Fetched(rows, "row_cap" if item["stats"].get("truncated") else None)
        else:
            raise _error(500, item)


def _await_end(info: ServerInfo, password: str, tag: str, most: float = SETTLE) -> bool:
    """Wait (a moment at most) until the server has ended the query it was told to stop, so
    the next user query does not find it still running and count it; whether it ended."""
    deadline = time.monotonic() + most
    while running(info, password, tag):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def running(info: ServerInfo, password: str, tag: str | None = None) -> int:
    """How many reader queries the server is running, those abandoned by a client included.

    Closing the connection stops a query that computes, not one that waits: ArcadeDB's
    `apoc.util.sleep` is a `Thread.sleep` that nothing interrupts, and its termination flag
    is not checked between the rows of a `CALL` or `UNWIND` either (neither a closed
    connection nor `terminate query` ends `UNWIND range(1, 10) AS i CALL
    apoc.util.sleep(2000) RETURN i` before its 20 s). The app's check refuses every `apoc.*`
    call, so only a caller that skips it can send one; such a query keeps its server slot to
    its end, so it is counted against the user query limit until then.
    """
    conn = http.client.HTTPConnection(HOST, info.http_port, timeout=5.0)
    try:
        which = f"list queries database {DATABASE}" + (f" tag {tag}" if tag else "")
        body = json.dumps({"command": which})
        conn.request("POST", "/api/v1/server", body=body.encode(), headers=_headers(password))
        response = conn.getresponse()
        answer = _json(response.read()) if response.status == 200 else {}
    except (OSError, http.client.HTTPException) as e:
        raise StoreError(f"the local server's HTTP port {info.http_port} did not answer: "
                         f"{e}") from e
    finally:
        conn.close()
    return len(answer.get("result", []))


def command(info: ServerInfo, user: str, password: str, sql: str) -> None:
    """Run one SQL command as `user` (schema the Cypher of ArcadeDB cannot express: its
    FULL_TEXT index, see dialect.FullText)."""
    conn = http.client.HTTPConnection(HOST, info.http_port, timeout=600.0)
    try:
        body = json.dumps({"language": "sql", "command": sql}).encode()
        conn.request("POST", f"/api/v1/command/{DATABASE}", body=body,
                     headers=_headers(password, user))
        response = conn.getresponse()
        answer = _json(response.read(_ERROR_MOST))
    except (OSError, http.client.HTTPException) as e:
        raise StoreError(f"the local server's HTTP port {info.http_port} did not answer: "
                         f"{e}") from e
    finally:
        conn.close()
    if response.status != 200:
        raise StoreError(f"the local server refused {sql!r}: "
                         f"{answer.get('detail') or answer.get('error') or response.status}")


def _headers(password: str, user: str = READER) -> dict[str, str]:
    auth = base64.b64encode(f"{user}:{password}".encode()).decode()
    return {"Content-Type": "application/json", "Authorization": f"Basic {auth}"}


def _json(raw: bytes) -> dict[str, Any]:
    try:
        value = json.loads(raw)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def to_json(value: Any) -> Any:
    """ArcadeDB's JSON as the Bolt values read by `user_cypher.to_json` come out."""
    if isinstance(value, dict):
        props = {k: to_json(v) for k, v in value.items() if not k.startswith("@")}
        if value.get("@cat") == "v":
            return {"labels": [value.get("@type")], **props}
        if value.get("@cat") == "e":
            return {"type": value.get("@type"), **props}
        if value.get("_type") == "path":
            return {"nodes": [to_json(n) for n in value.get("nodes", [])],
                    "relationships": [to_json(r) for r in value.get("relationships", [])]}
        return props
    if isinstance(value, list):
        return [to_json(v) for v in value]
    if isinstance(value, str) and _DATETIME.fullmatch(value):
        return iso(value.replace("Z", "+00:00"))
    return value


def _error(status: int, body: dict[str, Any]) -> Exception:
    """The server's refusal as the error user Cypher raises for it."""
    exception = str(body.get("exception", ""))
    detail = str(body.get("detail") or body.get("error") or f"HTTP {status}")
    if "Parsing" in exception or "Syntax" in exception:
        return CypherSyntaxQueryError(f"the query is not valid Cypher: {detail}")
    if "NotIdempotent" in exception or "Security" in exception or status == 403:
        return WriteRefused()
    if "Timeout" in exception or "Terminated" in exception:
        return TimedOut()
    if "Admission" in exception or status == 503:
        return BusyError("the graph server is busy with other queries; try again in a moment")
    return QueryError(f"the query failed: {detail}")


class WriteRefused(Exception):
    """The server refused the query as one that would write."""
