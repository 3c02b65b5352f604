"""Throughput of GET /api/statements/{id} on loopback with concurrent clients.

The app (quotetrail.api.app:create_app) runs under uvicorn in a subprocess of its own, so
the clients do not share this process's interpreter lock with it; it connects to the same
graph (QUOTETRAIL_HOME of the run, or NEO4J_URI).
"""

from __future__ import annotations

import asyncio
import importlib.util
import os
import random
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

from bench.pipeline import percentiles

ROOT = Path(__file__).resolve().parents[1]
CLIENTS = 32
MAX_REQUESTS = 5000
MAX_SECONDS = 15.0


def available() -> bool:
    if importlib.util.find_spec("quotetrail.api.app") is None:
        return False
    from quotetrail.api import app

    return hasattr(app, "create_app")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def _drive(base: str, ids: list[str], seed: int) -> tuple[list[float], int, float]:
    rng = random.Random(seed)
    times: list[float] = []
    errors = 0
    deadline = time.perf_counter() + MAX_SECONDS
    limits = httpx.Limits(max_connections=CLIENTS, max_keepalive_connections=CLIENTS)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:
        remaining = MAX_REQUESTS

        async def worker() -> None:
            nonlocal remaining, errors
            while remaining > 0 and time.perf_counter() < deadline:
                remaining -= 1
                start = time.perf_counter()
                r = await client.get(f"/api/statements/{rng.choice(ids)}")
                times.append((time.perf_counter() - start) * 1000)
                errors += r.status_code != 200

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(CLIENTS)))
        return times, errors, time.perf_counter() - started


def measure(home: Path | None, statement_ids: list[str], seed: int) -> dict[str, Any]:
    if not available():
        return {"skipped": "API not available"}
    port = _free_port()
    env = {**os.environ}
    if home is not None:
        env["QUOTETRAIL_HOME"] = str(home)
        env.pop("NEO4J_URI", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "--factory", "quotetrail.api.app:create_app",
         "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning",
         "--no-access-log"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 60
        while True:
            try:
                if httpx.get(f"{base}/api/statements/{statement_ids[0]}", timeout=5).is_success:
                    break
            except httpx.TransportError:
                pass
            if proc.poll() is not None or time.time() > deadline:
                err = proc.stderr.read().decode()[-500:] if proc.stderr else ""
                return {"skipped": f"API did not start: {err.strip() or 'timeout'}"}
            time.sleep(0.3)
        times, errors, elapsed = asyncio.run(_drive(base, statement_ids, seed))
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
    return {"clients": CLIENTS, "requests": len(times), "errors": errors,
            "seconds": round(elapsed, 2), "requests_per_s": round(len(times) / elapsed, 1),
            **percentiles(times)}
