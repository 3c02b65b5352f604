"""The trace cache behind GET /api/statements/{id}: the bytes FastAPI itself renders for the
Trace, cleared by a load through the API, off at 0, an entry gone after its time, one graph
read for concurrent misses. Time is a clock handed to the cache: no test waits or times."""

from __future__ import annotations

import asyncio
import itertools
import threading

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from quotetrail.api.cache import TraceCache
from quotetrail.graph.model import Trace
from quotetrail.graph.store import browse, queries

from helpers import clear

# Two reports of the same words by the same speaker, a day apart (quotes read off the text).
FIRST = ("Harbour council votes on ferry fares\n\nThe mayor, Ana Duarte, defended the plan. "
         "“Nobody will pay more than two euros for a crossing,” Ana Duarte said on Monday.\n")
SECOND = ("Ferry fares: the mayor answers critics\n\nAna Duarte stood by her promise. "
          "“Nobody will pay more than two euros for a crossing,” Ana Duarte told reporters.\n")


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def rendered_by_fastapi(store, statement_id: str) -> tuple[bytes, str]:
    """What FastAPI sends when a route with response_model=Trace returns the Trace itself
    (the route as it was before the cache)."""
    plain = FastAPI()

    @plain.get("/trace/{statement_id}", response_model=Trace)
    def trace(statement_id: str) -> Trace:
        return queries.trace(store, statement_id)

    with TestClient(plain) as c:
        r = c.get(f"/trace/{statement_id}")
    assert r.status_code == 200
    return r.content, r.headers["content-type"]


def test_miss_and_hit_send_the_bytes_fastapi_renders(client, seeded_store):
    cache = client.app.state.trace_cache
    statements = browse.list_statements(seeded_store)
    non_ascii = 0
    for st in statements:
        expected, content_type = rendered_by_fastapi(seeded_store, st.id)
        non_ascii += not expected.isascii()
        assert cache.get(st.id) is None
        miss = client.get(f"/api/statements/{st.id}")
        assert cache.get(st.id) == miss.content  # kept as sent
        hit = client.get(f"/api/statements/{st.id}")
        assert miss.status_code == hit.status_code == 200
        assert miss.content == hit.content == expected
        assert miss.headers["content-type"] == hit.headers["content-type"] == content_type
    assert non_ascii  # curly quotes, accents: the encoding is covered too


def test_unknown_statements_are_404_and_not_cached(client):
    cache = client.app.state.trace_cache
    for _ in range(2):
        r = client.get("/api/statements/st-nope")
        assert r.status_code == 404 and r.json()["error"] == "not_found"
        assert cache.get("st-nope") is None


def test_the_openapi_schema_still_names_the_trace(client):
    op = client.get("/openapi.json").json()["paths"]["/api/statements/{statement_id}"]["get"]
    schema = op["responses"]["200"]["content"]["application/json"]["schema"]
    assert schema == {"$ref": "#/components/schemas/Trace"}
    assert op["summary"] and {p["name"] for p in op["parameters"]} == {"statement_id"}


@pytest.fixture
def fresh(make_client, empty_store):
    yield make_client()
    clear(empty_store)


def test_a_load_through_the_api_clears_the_cache(fresh, empty_store):
    first = fresh.post("/api/documents", json={"text": FIRST, "outlet": "Harbour Post",
                                               "published": "2024-05-06"})
    assert first.status_code == 201, first.text
    [statement] = first.json()["statements"]
    before = fresh.get(f"/api/statements/{statement}")
    assert len(before.json()["variants"]) == 1
    assert fresh.app.state.trace_cache.get(statement) == before.content
    second = fresh.post("/api/documents", json={"text": SECOND, "outlet": "Island Times",
                                                "published": "2024-05-07"})
    assert second.status_code == 201, second.text
    assert second.json()["statements"] == [statement]  # the same words joined the statement
    after = fresh.get(f"/api/statements/{statement}")
    assert [v["article"]["outlet"] for v in after.json()["variants"]] == [
        "Harbour Post", "Island Times"]
    assert after.content == rendered_by_fastapi(empty_store, statement)[0]


def test_cache_off_reads_the_graph_every_time(make_client, seeded_store):
    client = make_client(QUOTETRAIL_API_CACHE_SECONDS=0)
    cache = client.app.state.trace_cache
    assert not cache.enabled
    st = browse.list_statements(seeded_store)[0]
    expected = rendered_by_fastapi(seeded_store, st.id)[0]
    for _ in range(2):
        assert client.get(f"/api/statements/{st.id}").content == expected
    assert len(cache) == 0


def test_an_entry_is_served_until_its_time_and_then_read_again(client, seeded_store):
    clock = Clock()
    cache = client.app.state.trace_cache = TraceCache(2.0, clock=clock)
    st = browse.list_statements(seeded_store)[0]
    cache.put(st.id, b'{"planted": true}', cache.generation)
    clock.now += 1.9
    assert client.get(f"/api/statements/{st.id}").json() == {"planted": True}
    clock.now += 0.1
    fresh = client.get(f"/api/statements/{st.id}")
    assert fresh.json()["id"] == st.id
    assert cache.get(st.id) == fresh.content == rendered_by_fastapi(seeded_store, st.id)[0]


def test_the_cache_is_bounded_least_recently_used_first():
    cache = TraceCache(60.0, max_entries=2, clock=Clock())
    cache.put("a", b"1", cache.generation)
    cache.put("b", b"2", cache.generation)
    assert cache.get("a") == b"1"  # a is now the most recently used
    cache.put("c", b"3", cache.generation)
    assert (cache.get("a"), cache.get("b"), cache.get("c")) == (b"1", None, b"3")


def test_a_read_begun_before_a_clear_is_not_kept_after_it():
    cache = TraceCache(60.0, clock=Clock())
    generation = cache.generation
    cache.clear()  # a load lands while the read is under way
    cache.put("a", b"old", generation)
    assert cache.get("a") is None


def test_concurrent_misses_share_one_read_until_a_clear():
    cache = TraceCache(60.0, clock=Clock())
    reads = itertools.count(1)
    gate = threading.Event()

    def read() -> bytes:
        n = next(reads)
        assert gate.wait(30)
        return f"read {n}".encode()

    async def main() -> list[bytes]:
        waiting = [asyncio.ensure_future(cache.get_or_fill("a", read)) for _ in range(5)]
        await asyncio.sleep(0)  # all five are waiting on one read
        cache.clear()  # a load: the next miss must not join the read begun before it
        after = asyncio.ensure_future(cache.get_or_fill("a", read))
        await asyncio.sleep(0)
        gate.set()
        return await asyncio.gather(*waiting, after)

    bodies = asyncio.run(main())
    assert next(reads) == 3  # two reads
    assert len(set(bodies[:5])) == 1 and bodies[5] != bodies[0]
    assert cache.get("a") == bodies[5]  # only the read begun after the clear is kept
