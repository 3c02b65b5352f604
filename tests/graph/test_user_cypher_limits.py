"""User Cypher stops on the server at its time limit, stops at a byte cap, and cannot take the
server's query slots: measured on the real server (its CPU time from /proc, and the queries it
says it runs)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from server_load import (
    EXPLOSIVE,
    HTTP_WORKERS,
    cpu_over,
    cpu_seconds,
    queries_left_after,
    queries_on_server,
    terminate_all,
    wait_until_no_user_query,
)

from quotetrail.errors import BusyError, QueryError
from quotetrail.graph.local_server.manager import LocalServer
from quotetrail.graph.store import arcade_http
from quotetrail.graph.store.query_slots import folder_for, query_slot
from quotetrail.graph.store.user_cypher import run_read_only

WIDE_ROW = ("UNWIND range(1, $n) AS i RETURN i, reduce(s = '', x IN range(1, 100) | "
            "s + '0123456789012345678901234567890123456789012345678901234567890123456789"
            "012345678901234567890123456789') AS s")  # rows of 10,000 characters and more
ABUSIVE = {  # forms the app's check lets through, each running far past 1 s on the server
    "paths": EXPLOSIVE,
    "cartesian": "MATCH (a), (b), (c), (d) WHERE a.id + b.id + c.id + d.id = '' "
                 "RETURN count(*) AS n",
    "unwind": "UNWIND range(1, 4000000) AS a UNWIND range(1, 4000000) AS b RETURN count(*) AS n",
}
WAITING = "UNWIND range(1, 3) AS i CALL apoc.util.sleep(2500) RETURN i"  # 7.5 s, no CPU


def test_a_query_past_its_limit_stops_on_the_server(seeded_store):
    """Measured on the server's HTTP worker threads, where user queries run (the JVM's
    garbage collector may work on for a moment after a query that allocated much)."""
    pid = seeded_store.local.pid if seeded_store.local else None
    wait_until_no_user_query(seeded_store)
    before = cpu_seconds(pid, HTTP_WORKERS) if pid else 0.0
    started = time.monotonic()
    with pytest.raises(QueryError, match="time limit of 1 s and was stopped on the server"):
        run_read_only(seeded_store, EXPLOSIVE, time_limit=1)
    assert time.monotonic() - started < 4
    if pid is None:  # Neo4j stops it at the transaction timeout itself
        return
    busy = cpu_seconds(pid, HTTP_WORKERS) - before
    assert busy > 0.05, "the query did not keep the server busy: the measure proves nothing"
    password = LocalServer(Path(seeded_store.local.home)).credentials().reader_password
    assert arcade_http.running(seeded_store.local, password) == 0  # the server's own word
    idle = cpu_over(pid, 2.0, HTTP_WORKERS)
    assert idle < 0.1, f"the query threads used {idle:.2f} s of CPU in 2 s after the limit"


def test_the_byte_cap_cuts_and_says_so(seeded_store):
    result = run_read_only(seeded_store, WIDE_ROW, {"n": 50}, byte_cap=100_000)
    assert result.truncated is True and result.truncated_reason == "byte_cap"
    size = sum(len(json.dumps(row, ensure_ascii=False).encode()) for row in result.rows)
    assert 0 < len(result.rows) < 50 and size <= 100_000
    assert size + 10_000 > 100_000  # it stopped at the row that crossed the cap, not before
    assert [row["i"] for row in result.rows] == list(range(1, len(result.rows) + 1))


def test_an_answer_far_past_the_byte_cap_is_cut_while_it_is_read(seeded_store):
    started = time.monotonic()
    result = run_read_only(seeded_store, WIDE_ROW, {"n": 100_000}, byte_cap=200_000,
                           row_cap=100_000, time_limit=30)
    assert result.truncated_reason == "byte_cap" and 10 <= len(result.rows) < 21
    assert time.monotonic() - started < 10  # it did not wait for a 1 GB answer


def test_the_row_cap_still_says_which_cap_cut(seeded_store):
    result = run_read_only(seeded_store, "UNWIND range(1, 10) AS i RETURN i", row_cap=4)
    assert [r["i"] for r in result.rows] == [1, 2, 3, 4]
    assert result.truncated_reason == "row_cap" and result.byte_cap > 0
    whole = run_read_only(seeded_store, "UNWIND range(1, 3) AS i RETURN i", row_cap=4)
    assert whole.truncated is False and whole.truncated_reason is None


@pytest.mark.parametrize("limits", [{"time_limit": 0}, {"time_limit": -1},
                                    {"time_limit": float("nan")}, {"row_cap": 0},
                                    {"row_cap": -1}, {"byte_cap": 0}, {"concurrency": 0}])
def test_zero_or_negative_limits_are_refused(seeded_store, limits):
    name = next(iter(limits)).replace("_", " ")
    with pytest.raises(QueryError, match=f"the {name} must be a positive number"):
        run_read_only(seeded_store, "RETURN 1 AS one", **limits)


def test_past_the_concurrency_limit_a_query_is_refused_at_once(seeded_store):
    home = seeded_store.local.home if seeded_store.local else None
    with query_slot(folder_for(home, seeded_store.uri), 2), \
            query_slot(folder_for(home, seeded_store.uri), 2):
        started = time.monotonic()
        with pytest.raises(BusyError, match="2 user queries are already running"):
            run_read_only(seeded_store, "RETURN 1 AS one", concurrency=2)
        assert time.monotonic() - started < 1
        assert run_read_only(seeded_store, "RETURN 1 AS one", concurrency=3).rows == [
            {"one": 1}]
    assert run_read_only(seeded_store, "RETURN 1 AS one", concurrency=2).rows == [{"one": 1}]


@pytest.mark.parametrize("form", sorted(ABUSIVE))
def test_past_its_limit_an_abusive_query_leaves_the_server_within_a_second(seeded_store,
                                                                           form):
    """Then the server runs no query at all: every one of its query slots is free."""
    assert queries_left_after(seeded_store, 30.0) == []  # nothing of an earlier test runs
    with pytest.raises(QueryError, match="time limit of 1 s and was stopped on the server"):
        run_read_only(seeded_store, ABUSIVE[form], time_limit=1)
    assert queries_left_after(seeded_store, 1.0) == []


@pytest.mark.parametrize("query", [WAITING, "RETURN apoc.util.sleep(50000) AS x",
                                   "CALL apoc.util.sleep(50000)"])
def test_a_query_that_waits_is_refused_before_it_reaches_the_server(seeded_store, query):
    with pytest.raises(QueryError, match="refused: the (procedure|function) apoc.util.sleep"):
        run_read_only(seeded_store, query, time_limit=0.5)
    assert queries_on_server(seeded_store) == []


def test_arcadedb_cannot_stop_a_query_that_waits_so_it_is_counted_to_its_end(seeded_store):
    """What the app's check stands in for: sent without it, ArcadeDB sleeps on through a
    closed connection and `terminate query` alike (its sleep is a Thread.sleep nothing
    interrupts, and no step between the rows checks the termination flag)."""
    if seeded_store.dialect.name != "arcadedb":
        pytest.skip("Neo4j has no APOC here (and ends a transaction at its timeout)")
    started = time.monotonic()
    with pytest.raises(QueryError, match="the graph server could not stop it"):
        run_read_only(seeded_store, WAITING, time_limit=0.5, concurrency=1, app_check=False)
    assert queries_on_server(seeded_store) == [WAITING]  # asleep after the closed connection
    with pytest.raises(BusyError, match="still running on the graph server"):
        run_read_only(seeded_store, "RETURN 1 AS one", concurrency=1)
    assert terminate_all(seeded_store) == 1  # told to end, as an admin would (the command
    wait_until_no_user_query(seeded_store)  # itself waits up to 5 s for the end)
    assert time.monotonic() - started > 7.0  # it slept all three times all the same
    assert run_read_only(seeded_store, "RETURN 1 AS one", concurrency=1).rows == [{"one": 1}]
