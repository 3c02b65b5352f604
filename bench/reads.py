"""`python -m bench.reads HOME`: p95 of every API list route, page and search on a loaded graph.

Reads only: point it at a QUOTETRAIL_HOME (local server) that already holds an archive (for
example one loaded with `quotetrail load` from `bench.generate`), or at NEO4J_URI. Each
request runs REPEAT times (`--repeat`; `--search` for the searches alone) through the real
app in this process (FastAPI's TestClient: the route, the queries and the JSON, without a
network hop); prints p50/p95 in ms and the body size of each, and the issue's targets (lists
and pages under 50 ms, search under 100 ms).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from bench.pipeline import percentiles
from quotetrail.api.app import create_app
from quotetrail.graph.store import browse
from quotetrail.graph.store.driver import Store
from quotetrail.settings import Settings

REPEAT = 10
LIST_TARGET_MS = 50.0
SEARCH_TARGET_MS = 100.0
SEARCHES = ("signs of de-escalation", "the new normal", "diplomacy a chance",
            "signs of de-escalaton")  # the last with a typo


def paths(store: Store) -> list[tuple[str, str]]:
    """(kind, path) of every list route and page, on ids taken from the graph itself."""
    speaker = browse.speaker_page(store, limit=1).items[0]
    article = browse.article_page(store, limit=1).items[0]
    statement = browse.statement_page(store, limit=1).items[0]
    fixed = ["/api/statements", "/api/statements?limit=20", "/api/quotes",
             "/api/quotes?limit=20", f"/api/quotes?speaker={speaker.id}",
             f"/api/quotes?outlet={article.outlet_id}&kind=direct", "/api/quotes?offset=20000",
             "/api/quotes?kind=direct", f"/api/statements?speaker={speaker.id}",
             "/api/speakers", "/api/articles", "/api/articles?offset=5000",
             "/api/articles?offset=90000", "/api/statements?offset=20000",
             f"/api/articles?outlet={article.outlet_id}", "/api/outlets",
             f"/api/speakers/{speaker.id}", f"/api/articles/{article.id}", "/api/counts",
             "/", "/?offset=500", f"/statements/{statement.id}", f"/speakers/{speaker.id}",
             f"/articles/{article.id}"]
    if article.published:  # the newest month of the archive, and its own deep pages
        until = datetime.fromisoformat(article.published).date()
        since = until - timedelta(days=30)
        fixed += ["/api/quotes?mutation=paraphrased", "/api/quotes?mutation=spliced&offset=3000",
                  f"/api/quotes?since={since}&until={until}",
                  f"/api/quotes?kind=indirect&since={since}"]
    listed = [("list", p) for p in fixed]
    return listed + [("search", f"/api/statements?q={q}") for q in SEARCHES] + \
        [("search", f"/?q={SEARCHES[0]}")]


def measure(client: TestClient, path: str, repeat: int = REPEAT) -> dict[str, Any]:
    """p50/p95 of `repeat` requests after a first one, timed apart: the first of a list
    also searches for where its first page ends (graph/store/topk.py), the next ones check
    that place."""
    ms: list[float] = []
    size = 0
    start = time.perf_counter()
    assert client.get(path).status_code == 200, path
    first = (time.perf_counter() - start) * 1000
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(path)
        ms.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (path, response.text[:300])
        size = len(response.content)
    return {**percentiles(ms), "first_ms": round(first, 1), "bytes": size}


def measure_all(settings: Settings, store: Store, repeat: int = REPEAT, *,
                search_only: bool = False) -> tuple[dict[str, Any], dict[str, Any]]:
    """Every path's figures, printed as they come: (the graph's counts, figures by path)."""
    results: dict[str, Any] = {}
    with TestClient(create_app(settings, store=store),
                    base_url="http://127.0.0.1") as client:  # a loopback Host
        counts = client.get("/api/counts").json()
        print(f"graph: {counts}")
        print(f"{'request':60} {'first':>8} {'p50 ms':>8} {'p95 ms':>8} {'bytes':>9}  target")
        for kind, path in paths(store):
            if search_only and kind != "search":
                continue
            figures = measure(client, path, repeat)
            target = SEARCH_TARGET_MS if kind == "search" else LIST_TARGET_MS
            figures["met"] = figures["p95_ms"] <= target
            results[path] = figures
            print(f"{path[:60]:60} {figures['first_ms']:8.1f} {figures['p50_ms']:8.1f} "
                  f"{figures['p95_ms']:8.1f} "
                  f"{figures['bytes']:9d}  {'met' if figures['met'] else 'MISSED'} "
                  f"(<{target:.0f})", flush=True)
    return counts, results


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.reads", description=__doc__.splitlines()[0])
    p.add_argument("home", type=Path, nargs="?", help="QUOTETRAIL_HOME of a loaded archive "
                   "(default: the settings', or NEO4J_URI)")
    p.add_argument("--json", type=Path, help="also write the figures here")
    p.add_argument("--repeat", type=int, default=REPEAT, help="requests per path")
    p.add_argument("--search", action="store_true", help="only the search requests")
    args = p.parse_args(argv)
    settings = Settings(QUOTETRAIL_HOME=args.home) if args.home else Settings()
    with Store.connect(settings) as store:
        counts, results = measure_all(settings, store, args.repeat, search_only=args.search)
    if args.json:
        args.json.write_text(json.dumps({"counts": counts, "requests": results}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
