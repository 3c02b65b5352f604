"""Soak: document posts, traces, list pages and hostile Cypher at once against the real API.

`python -m bench.soak [--seconds 60]` starts a local graph server in a temp home, loads the
example corpus, serves the API under uvicorn on loopback (as `bench.api_load` does), measures
trace latency with the tracers alone (for a quarter of the time), then runs every workload
together for `--seconds` and checks: no answer 500, every posted document in the graph exactly
once, the trace p95 within 3x of the one with the tracers alone, the server's CPU idle once the
hostile queries stop. It prints its figures as JSON and exits 1 when a check fails.
Everything stops at the end (API, graph server).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx

from bench.api_load import _free_port, _run, _serve
from bench.pipeline import connect, percentiles, stop
from quotetrail.demo import load_example
from quotetrail.graph.local_server.load import HTTP_WORKERS, cpu_over
from quotetrail.graph.local_server.manager import LocalServer
from quotetrail.graph.store import arcade_http

HOSTILE = [
    "MATCH p=(a)-[*1..9]-(b) RETURN count(p) AS c",
    "MATCH (a), (b), (c), (d) RETURN count(*) AS n",
    "UNWIND range(1, 1000) AS i RETURN apoc.text.lpad('', 1000000, 'x') AS s",
    "CALL apoc.util.sleep(3000) RETURN 1 AS x",
]
LISTS = ["/api/statements?limit=20", "/api/quotes?limit=20", "/api/articles", "/api/speakers",
         "/api/counts"]
TRACERS = 4
P95_RATIO = 3.0


def _document(run: str, n: int) -> dict[str, Any]:
    """A short news text with two quotes, unique to this run and number."""
    return {"text": f"Soak report {run}-{n}\n\n\"We will open route {n} before winter,\" "
                    f"said Ann Bee, the transport minister. \"Crews for route {n} are ready,\" "
                    "she told reporters on Monday.",
            "source": f"soak://{run}/{n}", "outlet": "Soak Wire", "published": "2024-03-04"}


async def _send(client: httpx.AsyncClient, tally: _Tally, kind: str, method: str, path: str,
                **kwargs: Any) -> httpx.Response | None:
    """One request, its answer noted; a dropped connection is a failure, not a crash."""
    try:
        response = await client.request(method, path, **kwargs)
    except httpx.TransportError as e:
        tally.status[f"{kind} {type(e).__name__}"] += 1
        tally.errors.append(f"{kind} {method} {path}: {type(e).__name__} {e}")
        return None
    tally.note(kind, response)
    return response


class _Tally:
    def __init__(self) -> None:
        self.status: Counter[str] = Counter()
        self.trace_ms: list[float] = []
        self.posted: list[str] = []
        self.errors: list[str] = []

    def note(self, kind: str, response: httpx.Response) -> None:
        self.status[f"{kind} {response.status_code}"] += 1
        if response.status_code >= 500:
            self.errors.append(f"{kind} {response.request.method} {response.request.url.path}"
                               f" {response.status_code}: {response.text[:200]}")


async def _traces(client: httpx.AsyncClient, ids: list[str], until: float, tally: _Tally,
                  rng: random.Random) -> None:
    while time.monotonic() < until:
        started = time.perf_counter()
        if await _send(client, tally, "trace", "GET", f"/api/statements/{rng.choice(ids)}"):
            tally.trace_ms.append((time.perf_counter() - started) * 1000)


async def _posts(client: httpx.AsyncClient, run: str, start: int, until: float,
                 tally: _Tally) -> None:
    n = start
    while time.monotonic() < until:
        doc = _document(run, n)
        response = await _send(client, tally, "post", "POST", "/api/documents", json=doc)
        if response is not None and response.status_code == 201:
            tally.posted.append(doc["source"])
        n += 2


async def _lists(client: httpx.AsyncClient, until: float, tally: _Tally,
                 rng: random.Random) -> None:
    while time.monotonic() < until:
        await _send(client, tally, "list", "GET", rng.choice(LISTS))


async def _hostile(client: httpx.AsyncClient, until: float, tally: _Tally,
                   rng: random.Random) -> None:
    while time.monotonic() < until:
        response = await _send(client, tally, "cypher", "POST", "/api/cypher",
                               json={"query": rng.choice(HOSTILE)})
        if response is not None and response.status_code == 429:
            await asyncio.sleep(float(response.headers.get("Retry-After", "1")) / 4)


async def _soak(port: int, ids: list[str], seconds: float, seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    # idle connections are dropped before uvicorn's 5 s keep-alive ends: never a request on
    # a connection the server is closing
    pool = httpx.Limits(keepalive_expiry=2.0)
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=60.0,
                                 limits=pool) as client:
        idle = _Tally()  # the same tracers, alone
        idle_until = time.monotonic() + max(3.0, seconds / 4)
        await asyncio.gather(*(_traces(client, ids, idle_until, idle, rng)
                               for _ in range(TRACERS)))
        tally = _Tally()
        until = time.monotonic() + seconds
        run = f"{seed}-{int(time.time())}"
        await asyncio.gather(
            *(_traces(client, ids, until, tally, rng) for _ in range(TRACERS)),
            *(_posts(client, run, k, until, tally) for k in range(2)),
            *(_lists(client, until, tally, rng) for _ in range(2)),
            *(_hostile(client, until, tally, rng) for _ in range(4)))
    return {"idle": idle, "soak": tally}


def _check(store: Any, idle: _Tally, soak: _Tally) -> dict[str, Any]:
    """The figures, and what failed: 500s, lost or doubled documents, slow traces."""
    found = {row["source"]: row["n"] for row in store.rows(
        "MATCH (a:Article) WHERE a.source STARTS WITH 'soak://' "
        "RETURN a.source AS source, count(a) AS n")}
    lost = [s for s in soak.posted if found.get(s, 0) == 0]
    doubled = [s for s, n in found.items() if n > 1]
    idle_p, soak_p = percentiles(idle.trace_ms), percentiles(soak.trace_ms)
    ratio = soak_p["p95_ms"] / idle_p["p95_ms"] if idle_p["p95_ms"] else 0.0
    failures = soak.errors + idle.errors
    failures += [f"lost {s}" for s in lost] + [f"doubled {s}" for s in doubled]
    if ratio > P95_RATIO:
        failures.append(f"trace p95 {ratio:.1f}x the idle one")
    return {"idle_trace": idle_p, "soak_trace": soak_p, "trace_p95_ratio": round(ratio, 2),
            "requests": dict(sorted(soak.status.items())), "posted": len(soak.posted),
            "lost": len(lost), "doubled": len(doubled), "failures": failures[:20]}


def _idle_cpu(store: Any) -> float:
    """CPU seconds the server's query threads use in one second, once the reader queries it
    still runs have ended (a sleep cannot be stopped: it ends at its end)."""
    info = store.local
    password = LocalServer(Path(info.home)).credentials().reader_password
    deadline = time.monotonic() + 10
    while arcade_http.running(info, password) and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(0.5)
    return round(cpu_over(info.pid, 1.0, HTTP_WORKERS), 2)


def measure(seconds: float, seed: int) -> dict[str, Any]:
    store, home = connect(None, clear=True)
    try:
        load_example(store)
        ids = [r["id"] for r in store.rows("MATCH (s:Statement) RETURN s.id AS id")]
        env = {**os.environ, "QUOTETRAIL_HOME": str(home), "QUOTETRAIL_QUERY_TIMEOUT": "1",
               "QUOTETRAIL_API_CACHE_SECONDS": "0"}
        env.pop("NEO4J_URI", None)
        port = _free_port()
        started = time.monotonic()
        api = _serve("quotetrail.api.app:create_app", env, port)
        out = _run(api, port, "/api/counts", lambda: _soak(port, ids, seconds, seed))
        if "skipped" in out:
            return {"failures": [out["skipped"]]}
        figures = _check(store, out["idle"], out["soak"])
        figures["seconds"] = round(time.monotonic() - started, 1)
        figures["server_cpu_after"] = _idle_cpu(store)
        if figures["server_cpu_after"] > 0.1:
            figures["failures"].append("the graph server kept computing after the soak")
        return figures
    finally:
        stop(store, home)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.soak", description=__doc__)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args(argv)
    figures = measure(args.seconds, args.seed)
    text = json.dumps(figures, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n")
    return 1 if figures["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
