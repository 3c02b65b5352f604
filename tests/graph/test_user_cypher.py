"""User Cypher is read-only and bounded, on the real server."""

from __future__ import annotations

import pytest

from quotetrail.errors import QueryError
from quotetrail.graph.store import queries, user_cypher
from quotetrail.graph.store.user_cypher import run_read_only

WRITES = [
    "CREATE (x:Outlet {id: 'evil'})",
    "MERGE (x:Outlet {id: 'evil'})",
    "MATCH (o:Outlet) SET o.name = 'pwned'",
    "MATCH (o:Outlet) REMOVE o.name",
    "MATCH (q:Quote) DELETE q",
    "MATCH (o:Outlet) DETACH DELETE o",
    "FOREACH (i IN [1] | CREATE (:Evil))",
    "MATCH (o:Outlet) WITH o LIMIT 1 CREATE (:Evil {of: o.id})",
    "CALL { CREATE (:Evil) } RETURN 1 AS one",
    "RETURN 1 AS a UNION CREATE (x:Evil) RETURN 2 AS a",
    "cReAtE /* a comment */ (:Evil)",
    "CREATE INDEX evil_idx IF NOT EXISTS FOR (n:Outlet) ON (n.name)",
    "CREATE CONSTRAINT evil_c IF NOT EXISTS FOR (n:Evil) REQUIRE n.id IS UNIQUE",
]


def state(store) -> tuple:
    names = sorted(r["n"] for r in store.rows("MATCH (o:Outlet) RETURN o.name AS n"))
    return queries.counts(store), queries.relationship_counts(store), names


@pytest.mark.parametrize("query", WRITES)
def test_a_write_is_refused_and_changes_nothing(seeded_store, query):
    before = state(seeded_store)
    with pytest.raises(QueryError, match="read-only|refused"):
        run_read_only(seeded_store, query, time_limit=10)
    assert state(seeded_store) == before
    assert seeded_store.rows("MATCH (e:Evil) RETURN count(e) AS n")[0]["n"] == 0


@pytest.mark.parametrize("query", WRITES)
def test_the_server_refuses_writes_without_the_app_check(seeded_store, monkeypatch, query):
    """Defence in depth: with the app's clause check off, the server (reader user or
    read-access session) and the summary's update counters still stop every write."""
    monkeypatch.setattr(user_cypher, "writes", lambda q: False)
    before = state(seeded_store)
    with pytest.raises(QueryError):
        run_read_only(seeded_store, query, time_limit=10)
    assert state(seeded_store) == before
    assert seeded_store.rows("MATCH (e:Evil) RETURN count(e) AS n")[0]["n"] == 0


def test_write_words_inside_strings_and_names_are_not_writes(seeded_store):
    result = run_read_only(seeded_store, "MATCH (q:Quote) WHERE q.text CONTAINS 'set' "
                           "RETURN count(q) AS `create`")
    assert result.columns == ["create"] and result.rows[0]["create"] > 0


def test_a_read_returns_rows_as_json_values(seeded_store):
    result = run_read_only(seeded_store,
                           "MATCH (o:Outlet {domain: $domain}) RETURN o, o.name AS name",
                           {"domain": "dw.com"})
    assert result.columns == ["o", "name"]
    assert result.rows == [{"o": {"labels": ["Outlet"], "id": "outlet-dw-com", "name": "DW",
                                  "domain": "dw.com"}, "name": "DW"}]
    assert result.truncated is False


def test_the_row_cap_cuts_and_says_so(seeded_store):
    result = run_read_only(seeded_store, "MATCH (q:Quote) RETURN q.id AS id", row_cap=7)
    assert len(result.rows) == 7 and result.truncated is True and result.row_cap == 7


def test_the_time_limit_ends_a_long_query(seeded_store):
    with pytest.raises(QueryError, match="time limit of 0.2 s"):
        run_read_only(seeded_store, "UNWIND range(1, 5000000) AS x UNWIND range(1, 3) AS y "
                      "RETURN count(*) AS c",
                      time_limit=0.2)


def test_bad_cypher_is_a_clear_error(seeded_store):
    with pytest.raises(QueryError, match="not valid Cypher|failed"):
        run_read_only(seeded_store, "MATCH (n RETURN n")
    with pytest.raises(QueryError, match="empty"):
        run_read_only(seeded_store, "   ")
