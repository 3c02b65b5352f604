"""Each row of graph/store/dialect.py (and of the README's "what differs between the two
engines") measured on both engines: the test asks the engine, then checks that the dialect
says what the engine did. A row that changes with an engine's release fails here."""

from __future__ import annotations

import datetime as dt
import threading
import time
from typing import Any

import neo4j
import pytest
from neo4j.exceptions import ClientError, ConstraintError, Neo4jError

from quotetrail.errors import QueryError
from quotetrail.graph.dates import iso, to_utc_iso
from quotetrail.graph.store.driver import Store
from quotetrail.graph.store.user_cypher import run_read_only

from helpers import clear


def in_read_tx(driver: neo4j.Driver, store: Store, query: str, timeout: float | None = None,
               **params: Any) -> tuple[list[dict[str, Any]], bool]:
    """A query as user Cypher runs it: read-access session, explicit transaction, rolled
    back; its rows and whether its counters report an update."""
    with driver.session(database=store.database,
                        default_access_mode=neo4j.READ_ACCESS) as session:
        tx = session.begin_transaction(timeout=timeout)
        try:
            result = tx.run(query, params)
            rows = result.data()
            return rows, result.consume().counters.contains_updates
        finally:
            tx.rollback()


@pytest.fixture
def probes(empty_store: Store) -> Store:
    empty_store.write(lambda tx: tx.run(
        "CREATE (:Probe {k: 1})-[:R]->(:Probe {k: 2})").consume())
    yield empty_store
    clear(empty_store)


def test_read_access_sessions_refuse_writes_only_on_neo4j(probes):
    if probes.dialect.session_read_only:
        with pytest.raises(ClientError) as refused:
            in_read_tx(probes.driver, probes, "CREATE (:Probe {k: 3})")
        assert refused.value.code == "Neo.ClientError.Statement.AccessMode"
    else:  # the writer's read-access session wrote (rolled back here)
        assert in_read_tx(probes.driver, probes, "CREATE (:Probe {k: 3})") == ([], True)
    assert probes.rows("MATCH (n:Probe) RETURN count(n) AS n")[0]["n"] == 2


def test_the_reader_of_user_cypher_is_refused_a_create_with_the_dialects_code(probes):
    with pytest.raises(ClientError) as refused:
        in_read_tx(probes.reader, probes, "CREATE (:Probe {k: 3})")
    assert refused.value.code == probes.dialect.write_refused_code
    assert (probes.reader is probes.driver) == probes.dialect.session_read_only


def test_a_set_by_the_reader_runs_on_arcadedb_and_only_the_counters_catch_it(probes):
    query = "MATCH (n:Probe) SET n.x = 1 RETURN count(n) AS n"
    if probes.dialect.session_read_only:
        with pytest.raises(ClientError, match="read access mode"):
            in_read_tx(probes.reader, probes, query)
    else:
        assert in_read_tx(probes.reader, probes, query) == ([{"n": 2}], True)
    assert probes.rows("MATCH (n:Probe) WHERE n.x IS NOT NULL RETURN count(n) AS n") == [{"n": 0}]
    with pytest.raises(QueryError, match="read-only"):  # user Cypher refuses it on both
        run_read_only(probes, "MATCH (n:Probe) SET n.x = 1 RETURN count(n) AS n")


def test_a_transaction_timeout_ends_the_query_on_the_server_only_on_neo4j(probes):
    started = time.monotonic()
    if probes.dialect.server_timeout:  # 200 million rows: minutes, unless the server ends it
        with pytest.raises(ClientError) as ended:
            in_read_tx(probes.reader, probes, "UNWIND range(1, 4000000) AS x "
                       "UNWIND range(1, 50) AS y RETURN count(*) AS c", timeout=1.0)
        assert "TransactionTimedOut" in ended.value.code
        assert time.monotonic() - started < 1.0 + 2 * probes.dialect.server_timeout_grace
        with pytest.raises(QueryError, match="(ended|stopped) on the server|ended by the server"):
            run_read_only(probes, "UNWIND range(1, 4000000) AS x UNWIND range(1, 50) AS y "
                          "RETURN count(*) AS c", time_limit=0.5)
        running = probes.rows("SHOW TRANSACTIONS YIELD currentQuery WHERE currentQuery "
                              "CONTAINS $marker RETURN count(*) AS n", marker="range(1, 4000000)")
        assert running == [{"n": 0}]
    else:  # 2 million rows run to their end, past the timeout (seconds on ArcadeDB)
        rows, _ = in_read_tx(probes.reader, probes, "UNWIND range(1, 2000000) AS x "
                             "WITH x WHERE x % 7 = 99 RETURN count(*) AS c", timeout=0.3)
        assert rows == [{"c": 0}]
        assert time.monotonic() - started > 0.3


def test_deleting_a_node_with_relationships_fails_with_the_dialects_error_class(probes):
    with pytest.raises(Neo4jError) as failed:
        probes.write(lambda tx: tx.run("MATCH (n:Probe {k: 1}) DELETE n").consume())
    assert failed.value.code == probes.dialect.delete_attached_code
    assert probes.rows("MATCH (n:Probe) RETURN count(n) AS n")[0]["n"] == 2


def test_datetimes_as_iso_text_keep_their_instant_on_both_and_zones_differ(probes):
    zoned = dt.datetime(2022, 2, 15, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    probes.write(lambda tx: tx.run("MATCH (n:Probe {k: 1}) SET n.raw = $d, n.iso = datetime($s)",
                                   d=zoned, s=zoned.isoformat()).consume())
    row = probes.rows("MATCH (n:Probe {k: 1}) RETURN n.raw AS raw, n.iso AS iso")[0]
    assert row["iso"].to_native() == zoned  # the common path: same instant on both
    raw = row["raw"].to_native()
    if probes.dialect.keeps_zone:
        assert raw == zoned and raw.utcoffset() == dt.timedelta(hours=2)
    else:  # the zone is dropped: a naive 10:00, the UTC wall time
        assert raw.tzinfo is None and raw == dt.datetime(2022, 2, 15, 10, 0)



@pytest.mark.parametrize("stamp", ["2022-02-15T10:00:00+00:00", "2022-02-15T10:00:00.5+00:00",
                                   "2022-02-15T12:00:00.123456+02:00"])
def test_a_datetime_read_back_as_text_is_the_instant_the_driver_gives(probes, stamp):
    """Read queries return datetimes as `toString()` text (graph/dates.py): on both engines
    `iso` of that text is `iso` of the driver's value."""
    row = probes.rows("RETURN datetime($s) AS value, toString(datetime($s)) AS text,"
                      " toString(null) AS none", s=stamp)[0]
    assert isinstance(row["text"], str) and row["none"] is None
    assert iso(row["text"]) == iso(row["value"]) == to_utc_iso(stamp)


def test_rows_are_what_the_drivers_data_gives_nodes_and_nested_lists_too(probes):
    """graph/store/records.py takes rows of plain values as they are, others by `data()`."""
    query = """MATCH (a:Probe {k: 1})-[r:R]->(b:Probe)
    RETURN a.k AS k, [a.k, [b.k, 'x']] AS nested, {one: a.k, two: [b.k]} AS map, null AS none,
           1.5 AS real, true AS yes, b AS node, [a, b] AS nodes, r AS edge"""
    with probes.driver.session(database=probes.database) as session:
        expected = session.run(query).data()
    got = probes.rows(query)
    assert got == expected and got[0]["nested"] == [1, [2, "x"]]
    assert got[0]["node"] == {"k": 2} and got[0]["nodes"] == [{"k": 1}, {"k": 2}]
    plain = probes.rows(query.split("b AS node")[0] + "1 AS last")
    assert plain == [{k: v for k, v in expected[0].items() if k not in ("node", "nodes", "edge")}
                     | {"last": 1}]

def test_two_merges_of_one_new_key_wait_on_neo4j_and_race_on_arcadedb(empty_store):
    store, outcome = empty_store, {}
    with (store.driver.session(database=store.database) as first,
          store.driver.session(database=store.database) as second):
        tx1 = first.begin_transaction()
        tx1.run("MERGE (:Outlet {id: 'race'})").consume()

        def other() -> None:
            try:
                with second.begin_transaction() as tx2:
                    tx2.run("MERGE (:Outlet {id: 'race'})").consume()
                    tx2.commit()
                outcome["second"] = "ok"
            except ConstraintError:
                outcome["second"] = "constraint"

        thread = threading.Thread(target=other)
        thread.start()
        time.sleep(1.0)  # the second MERGE has reached the server
        try:
            tx1.commit()
            outcome["first"] = "ok"
        except ConstraintError:
            outcome["first"] = "constraint"
        thread.join(timeout=60)
    assert store.rows("MATCH (o:Outlet {id: 'race'}) RETURN count(o) AS n") == [{"n": 1}]
    if store.dialect.merge_waits:
        assert outcome == {"first": "ok", "second": "ok"}
    else:
        assert sorted(outcome.values()) == ["constraint", "ok"], outcome
    clear(store)


def test_range_is_capped_only_on_arcadedb(store):
    query = "RETURN size(range(1, 6000000)) AS n"
    if store.dialect.range_capped:
        with pytest.raises(ClientError, match="exceeding the maximum"):
            store.rows(query)
    else:
        assert store.rows(query) == [{"n": 6000000}]


def test_cypher_creates_a_full_text_index_only_on_neo4j(probes):
    """So ArcadeDB's FULL_TEXT index is made in SQL over its HTTP API (dialect.FullText);
    both then answer Neo4j's query procedure, by the name each gives the index."""
    create = "CREATE FULLTEXT INDEX probe_text IF NOT EXISTS FOR (n:Probe) ON EACH [n.text]"
    if probes.dialect.fulltext.ddl_language == "cypher":
        probes.write(lambda tx: tx.run(create).consume())
        probes.write(lambda tx: tx.run("DROP INDEX probe_text").consume())
    else:
        with pytest.raises(ClientError, match="index types"):
            probes.write(lambda tx: tx.run(create).consume())
    names = {r["name"] for r in probes.rows(
        "SHOW INDEXES YIELD name, type WHERE type = 'FULLTEXT' RETURN name")}
    fulltext = probes.dialect.fulltext
    cypher = fulltext.ddl_language == "cypher"
    search = {"statement_text", "quote_text"} if cypher else {"Statement[text]", "Quote[text]"}
    prints = "statement_prints" if cypher else "Statement[prints]"
    assert names == search | {prints, fulltext.runs_index, fulltext.said_index}  # link keys'
    assert all(f"'{name}'" in fulltext.hits for name in search)
    assert f"'{prints}'" in fulltext.prints_hits and "'Quote" not in fulltext.prints_hits
    assert f"'{fulltext.runs_index}'" in fulltext.runs_hits
    assert f"'{fulltext.said_index}'" in fulltext.said_hits
