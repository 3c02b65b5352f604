"""Abusive user Cypher cannot starve the service: past the user query limit it is refused
with 429, what runs is stopped on the server at its limit (the server runs none of it a
moment later: all its query slots are free), and traces keep their usual time."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

from server_load import EXPLOSIVE, HTTP_WORKERS, cpu_over, queries_left_after

ABUSE = [
    EXPLOSIVE,
    "MATCH (a), (b), (c), (d) RETURN count(*) AS n",
    "UNWIND range(1, 1000) AS i RETURN apoc.text.lpad('', 1000000, 'x') AS s",
    "CALL apoc.util.sleep(3000) RETURN 1 AS x",
    "UNWIND range(1, 4000000) AS a UNWIND range(1, 4000000) AS b RETURN count(*) AS n",
]


def test_twenty_abusive_queries_then_a_trace_answers_in_its_usual_time(make_client,
                                                                       seeded_store):
    client = make_client(QUOTETRAIL_QUERY_TIMEOUT=1, QUOTETRAIL_API_CACHE_SECONDS=0)
    found = client.get("/api/statements", params={"q": "the new normal"}).json()
    trace_path = f"/api/statements/{found['items'][0]['id']}"

    def trace_seconds() -> float:
        started = time.perf_counter()
        assert client.get(trace_path).status_code == 200
        return time.perf_counter() - started

    trace_seconds()  # warm the plan caches
    idle = sorted(trace_seconds() for _ in range(5))[2]
    with ThreadPoolExecutor(20) as pool:
        answers = list(pool.map(lambda q: client.post("/api/cypher", json={"query": q}),
                                [ABUSE[i % len(ABUSE)] for i in range(20)]))
    assert {a.status_code for a in answers} <= {200, 400, 429}, [a.text for a in answers]
    busy = [a for a in answers if a.status_code == 429]
    # what calls a procedure or a foreign function is refused by the app before it runs;
    # of the rest, one user query runs at a time and the others are refused at once
    refused = [a for a in answers if a.status_code == 400 and "refused:" in a.json()["detail"]]
    assert len(refused) == 8 and len(busy) >= 10
    for answer in busy:
        assert answer.headers["Retry-After"] == "2"
        assert answer.json()["error"] == "too_many_queries" and answer.json()["status"] == 429
    stopped = [a.json()["detail"] for a in answers if a.status_code == 400]
    assert all(any(w in d for w in ("stopped on the server", "failed", "refused:"))
               for d in stopped), stopped
    # the sleep never reached the server (refused above); all else was stopped at its limit
    assert queries_left_after(seeded_store, 1.0) == []
    after = sorted(trace_seconds() for _ in range(5))[2]
    assert after <= 3 * idle + 0.05, (idle, after)
    with ThreadPoolExecutor(4) as pool:  # as many at once as ArcadeDB has query slots
        assert all(pool.map(lambda _: trace_seconds() < 30, range(4)))  # none queued 30 s
    if seeded_store.local is not None and seeded_store.dialect.name == "arcadedb":
        assert cpu_over(seeded_store.local.pid, 1.0, HTTP_WORKERS) < 0.1  # no query computing
