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
from dataclasses import dataclass
from typing import Any, Literal

from quotetrail.errors import BusyError, QueryError, StoreError
from quotetrail.graph.dates import iso
from quotetrail.graph.local_server.manager import DATABASE, HOST, READER, ServerInfo

_SLACK = 64 * 1024  # read this much past the byte cap: the row that crosses it, the envelope
_READ = 64 * 1024
_DATETIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)")
_RESULT = '"result":['


Cut = Literal["row_cap", "byte_cap"]


class TimedOut(Exception):
    """The query ran past its time limit; the connection was closed, which stops it."""


@dataclass(frozen=True)
class Fetched:
    rows: list[dict[str, Any]]
    truncated: Cut | None  # which cap cut the rows, if one did


def fetch(info: ServerInfo, password: str, query: str, params: dict[str, Any], *,
          time_limit: float, row_cap: int, byte_cap: int) -> Fetched:
    """Run one read query as the reader; the rows up to the row and byte caps."""
    deadline = time.monotonic() + time_limit
    body = json.dumps({"language": "opencypher", "command": query, "params": params,
                       "limit": row_cap})
    auth = base64.b64encode(f"{READER}:{password}".encode()).decode()
    headers = {"Content-Type": "application/json", "Authorization": f"Basic {auth}",
               "X-ArcadeDB-Command-Timeout": str(max(1, int(time_limit * 1000)))}
    conn = http.client.HTTPConnection(HOST, info.http_port, timeout=time_limit)
    try:
        conn.request("POST", f"/api/v1/query/{DATABASE}", body=body.encode(), headers=headers)
        response = conn.getresponse()
        raw, complete = _read(conn, response, deadline, byte_cap + _SLACK)
    except TimeoutError:
        raise TimedOut() from None
    except (OSError, http.client.HTTPException) as e:
        raise StoreError(f"the local server's HTTP port {info.http_port} did not answer the "
                         f"query: {e}") from e
    finally:
        conn.close()  # when the query still runs, this is what stops it on the server
    if response.status != 200:
        raise _error(response.status, raw, complete)
    return _rows(raw.decode("utf-8", errors="ignore"), complete, byte_cap)


def _read(conn: http.client.HTTPConnection, response: http.client.HTTPResponse,
          deadline: float, most: int) -> tuple[bytes, bool]:
    """The body up to `most` bytes, each read bounded by what is left of the time limit."""
    chunks: list[bytes] = []
    size = 0
    while size < most:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError()
        if conn.sock is not None:
            conn.sock.settimeout(left)
        chunk = response.read1(_READ)
        if not chunk:
            return b"".join(chunks), True
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks), False


def _rows(text: str, complete: bool, byte_cap: int) -> Fetched:
    """Rows as JSON values until the byte cap; the server says whether the row cap cut."""
    if complete:
        answer = json.loads(text)
        values, cut = answer.get("result", []), bool(answer.get("truncated"))
    else:  # the answer is past the byte cap: decode the rows it starts with
        values, cut = _leading_rows(text), False
    rows: list[dict[str, Any]] = []
    size = 0
    for value in values:
        row = {key: to_json(item) for key, item in value.items()}
        size += len(json.dumps(row, ensure_ascii=False).encode())
        if size > byte_cap:
            return Fetched(rows, "byte_cap")
        rows.append(row)
    if not complete:  # the cut row lies past what was read
        return Fetched(rows, "byte_cap")
    return Fetched(rows, "row_cap" if cut else None)


def _leading_rows(text: str) -> list[dict[str, Any]]:
    start = text.find(_RESULT)
    if start < 0:
        return []
    decoder = json.JSONDecoder()
    rows: list[dict[str, Any]] = []
    at = start + len(_RESULT)
    while True:
        while at < len(text) and text[at] in " \n\r\t,":
            at += 1
        if at >= len(text) or text[at] == "]":
            return rows
        try:
            row, at = decoder.raw_decode(text, at)
        except ValueError:  # the row the read stopped in
            return rows
        rows.append(row)


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


def _error(status: int, raw: bytes, complete: bool) -> Exception:
    """The server's refusal as the error user Cypher raises for it."""
    try:
        body = json.loads(raw) if complete else {}
    except ValueError:
        body = {}
    exception = str(body.get("exception", ""))
    detail = str(body.get("detail") or body.get("error") or f"HTTP {status}")
    if "Parsing" in exception or "Syntax" in exception:
        return QueryError(f"the query is not valid Cypher: {detail}")
    if "NotIdempotent" in exception or "Security" in exception or status == 403:
        return WriteRefused()
    if "Timeout" in exception:
        return TimedOut()
    if "Admission" in exception or status == 503:
        return BusyError("the graph server is busy with other queries; try again in a moment")
    return QueryError(f"the query failed: {detail}")


class WriteRefused(Exception):
    """The server refused the query as one that would write."""
