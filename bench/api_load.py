"""Throughput of GET /api/statements/{id} on loopback with concurrent clients.

The app (quotetrail.api.app:create_app) runs under uvicorn (WORKERS processes) in a
subprocess of its own, so the clients do not share this process's interpreter lock with it;
it connects to the same graph (QUOTETRAIL_HOME of the run, or NEO4J_URI).

Each of the 32 clients holds one keep-alive HTTP/1.1 connection and sends one full GET at a
time (no pipelining). Two workloads: `uniform` (the top-level figures: every statement as
likely, so nearly every request misses the API's trace cache and reads the graph) and
`popular` (Zipf over the statements: a few asked for most, as readers follow the news).
The clients are raw asyncio streams, not httpx: httpx's own cost per request held the load
near 75 requests/s whatever the server. `client_ceiling_*` is the same clients against a
trivial app under the same uvicorn: the most this machine can show, since server, graph
server and clients share its cores.
"""

from __future__ import annotations

import asyncio
import importlib.util
import itertools
import os
import random
import socket
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx

from bench.pipeline import percentiles

ROOT = Path(__file__).resolve().parents[1]
CLIENTS = 32
MAX_REQUESTS = 5000
MAX_SECONDS = 15.0
CEILING_SECONDS = 3.0
WORKERS = 2  # uvicorn processes, one per core, as README advises for `quotetrail serve`


def available() -> bool:
    if importlib.util.find_spec("quotetrail.api.app") is None:
        return False
    from quotetrail.api import app

    return hasattr(app, "create_app")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Connection:
    """One keep-alive HTTP/1.1 connection; `get` sends a request and reads all of its reply."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> int:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
                          "Accept: application/json\r\n\r\n".encode("ascii"))
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head[9:12])
        length, chunked, close = 0, False, False
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            name, value = name.strip().lower(), value.strip().lower()
            if name == b"content-length":
                length = int(value)
            elif name == b"transfer-encoding":
                chunked = b"chunked" in value
            elif name == b"connection":
                close = value == b"close"
        if chunked:
            while size := int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16):
                await self.reader.readexactly(size + 2)
            await self.reader.readuntil(b"\r\n")
        else:
            await self.reader.readexactly(length)
        if close:
            self.close()
        return status

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


async def _drive(port: int, paths: Callable[[], str], max_requests: int,
                 max_seconds: float) -> tuple[list[float], int, float]:
    times: list[float] = []
    errors = 0
    remaining = max_requests
    deadline = time.perf_counter() + max_seconds

    async def worker() -> None:
        nonlocal remaining, errors
        conn = _Connection("127.0.0.1", port)
        try:
            while remaining > 0 and time.perf_counter() < deadline:
                remaining -= 1
                start = time.perf_counter()
                status = await conn.get(paths())
                times.append((time.perf_counter() - start) * 1000)
                errors += status != 200
        finally:
            conn.close()

    started = time.perf_counter()
    await asyncio.wait_for(asyncio.gather(*(worker() for _ in range(CLIENTS))),
                           max_seconds + 60)
    return times, errors, time.perf_counter() - started


def _serve(app: str, env: dict[str, str], port: int) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "--factory", app, "--host", "127.0.0.1",
         "--port", str(port), "--workers", str(WORKERS), "--log-level", "warning",
         "--no-access-log"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _run(proc: subprocess.Popen, port: int, probe: str,
         work: Callable[[], Awaitable[Any]]) -> Any:
    """Wait until `probe` answers 200, run `work`, stop the server; a dict with `skipped`
    when it did not start."""
    try:
        deadline = time.time() + 60
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}{probe}", timeout=5).is_success:
                    break
            except httpx.TransportError:
                pass
            if proc.poll() is not None or time.time() > deadline:
                err = proc.stderr.read().decode()[-500:] if proc.stderr else ""
                return {"skipped": f"API did not start: {err.strip() or 'timeout'}"}
            time.sleep(0.3)
        return asyncio.run(work())
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


def trivial_app() -> Callable[..., Awaitable[None]]:
    """An ASGI app answering every request with a small fixed JSON body (the ceiling)."""
    body = b'{"ok":true}'
    headers = [(b"content-type", b"application/json"),
               (b"content-length", str(len(body)).encode())]

    async def app(scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http":
            return
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    return app


def client_ceiling() -> dict[str, Any]:
    """Requests/s and p95 of these clients against `trivial_app` under uvicorn."""
    port = _free_port()
    proc = _serve("bench.api_load:trivial_app", {**os.environ}, port)
    found = _run(proc, port, "/", lambda: _drive(port, lambda: "/", 10**9, CEILING_SECONDS))
    if isinstance(found, dict):
        return found
    times, _, elapsed = found
    return {"requests_per_s": round(len(times) / elapsed, 1), **percentiles(times)}


def measure(home: Path | None, statement_ids: list[str], seed: int,
            engine: str | None = None) -> dict[str, Any]:
    """Two workloads on one server: `uniform` (every statement as likely: nearly every
    request a cache miss, the graph's cost) and `popular` (Zipf: a few statements asked
    for most, as readers follow the news: what the trace cache is for)."""
    if not available():
        return {"skipped": "API not available"}
    port = _free_port()
    env = {**os.environ}
    if home is not None:
        env["QUOTETRAIL_HOME"] = str(home)
        env.pop("NEO4J_URI", None)
        if engine:
            env["QUOTETRAIL_ENGINE"] = engine
    uniform, popular = _Workload(statement_ids, seed, 0.0), _Workload(statement_ids, seed, 1.0)

    async def both() -> tuple[dict[str, Any], dict[str, Any]]:
        return (await uniform.run(port), await popular.run(port))

    proc = _serve("quotetrail.api.app:create_app", env, port)
    found = _run(proc, port, f"/api/statements/{statement_ids[0]}", both)
    if isinstance(found, dict):
        return found
    ceiling = client_ceiling()
    return {"clients": CLIENTS, "workers": WORKERS, **found[0],
            "statements": len(statement_ids), "popular": found[1],
            "client_ceiling_requests_per_s": ceiling.get("requests_per_s"),
            "client_ceiling_p95_ms": ceiling.get("p95_ms")}


class _Workload:
    """Statement ids drawn at random, with probability ~ 1/rank**zipf (0: uniform) over a
    seeded shuffle of the ids."""

    def __init__(self, statement_ids: list[str], seed: int, zipf: float) -> None:
        self.rng = random.Random(seed)
        self.ids = list(statement_ids)
        self.rng.shuffle(self.ids)
        self.cum = None
        if zipf:
            weights = [1 / (rank ** zipf) for rank in range(1, len(self.ids) + 1)]
            self.cum = list(itertools.accumulate(weights))
        self.asked: list[str] = []

    def path(self) -> str:
        sid = self.rng.choices(self.ids, cum_weights=self.cum)[0]
        self.asked.append(sid)
        return f"/api/statements/{sid}"

    async def run(self, port: int) -> dict[str, Any]:
        times, errors, elapsed = await _drive(port, self.path, MAX_REQUESTS, MAX_SECONDS)
        return {"requests": len(times), "errors": errors, "seconds": round(elapsed, 2),
                "requests_per_s": round(len(times) / elapsed, 1), **percentiles(times),
                "repeated_share": round(1 - len(set(self.asked)) / max(len(self.asked), 1), 3)}
