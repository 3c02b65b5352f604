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
def test_the_server_refuses_writes_without_the_app_check(seeded_store, query):
    """Defence in depth: with the app's clause check off, the server (reader user or
    read-access session) and the summary's update counters still stop every write."""
    before = state(seeded_store)
    with pytest.raises(QueryError):
        run_read_only(seeded_store, query, time_limit=10, app_check=False)
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
    counted = seeded_store.rows(
        "MATCH (:Outlet {id: 'outlet-dw-com'})<-[:PUBLISHED_BY]-(a:Article) "
        "OPTIONAL MATCH (a)-[:CONTAINS]->(q:Quote) "
        "RETURN count(DISTINCT a) AS articles, count(q) AS quotes, "
        "count(CASE WHEN q.confidence > 0.3 OR EXISTS { MATCH (q)-[:ATTRIBUTED_TO]->() } "
        "THEN q END) AS shown")[0]
    assert 0 < counted["shown"] < counted["quotes"]  # some words nobody said are hidden
    assert result.rows == [{"o": {"labels": ["Outlet"], "id": "outlet-dw-com", "name": "DW",
                                  "domain": "dw.com", "article_count": counted["articles"],
                                  "quote_count": counted["quotes"],
                                  "shown_count": counted["shown"]}, "name": "DW"}]
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


# -- issue 21: procedures and line terminators (the app check refuses them before sending) --

FORGE = ("MATCH (x:Statement) WITH x LIMIT 1 SET x.text = \"FORGED\" RETURN x.text AS t")
THROUGH_PROCEDURES_AND_COMMENTS = [
    f"CALL apoc.do.when(true, '{FORGE}', '', {{}}) YIELD value RETURN value",
    f"CALL `apoc`.`do`.`when`(true, '{FORGE}', '', {{}}) YIELD value RETURN value",
    "CALL apoc.merge.node(['Statement'], {id: 'evil'}) YIELD node RETURN node",
    "MATCH (a:Statement) WITH collect(a)[0..2] AS ns "
    "CALL apoc.refactor.mergeNodes(ns, {}) YIELD node RETURN node",
    "CALL db.migrateLegacyTemporals()",
    "RETURN apoc.cypher.runFirstColumnSingle('MATCH (x:Statement) SET x.text = 1', {}) AS v",
    *(f"MATCH (s:Statement) WITH s LIMIT 1 // note{end}SET s.text = 'X' RETURN s.text"
      for end in ("\r", "\r\n", "\u2028", "\u2029")),
    "// x\rLOAD CSV FROM 'file:///etc/passwd' AS l RETURN l",
    "MATCH (s:Statement) /* a */ WITH s LIMIT 1 /* b */ SET s.text = 'X' RETURN 1",
]


def statement_texts(store) -> list[tuple[str, str]]:
    return [(r["id"], r["text"]) for r in store.rows(
        "MATCH (s:Statement) RETURN s.id AS id, s.text AS text ORDER BY id")]


@pytest.mark.parametrize("query", THROUGH_PROCEDURES_AND_COMMENTS)
def test_procedures_and_line_terminators_cannot_write(seeded_store, query):
    """The issue's forms, on each engine: refused by the app before sending, graph unchanged."""
    before = state(seeded_store), statement_texts(seeded_store)
    with pytest.raises(QueryError, match="^refused: .* user Cypher is read-only"):
        run_read_only(seeded_store, query, time_limit=10)
    assert (state(seeded_store), statement_texts(seeded_store)) == before


def test_read_only_procedures_and_builtin_functions_pass_the_check(seeded_store):
    assert user_cypher.writes("CALL db.labels() YIELD label RETURN label") is None
    result = run_read_only(seeded_store, "MATCH (start:Statement) RETURN count(start) AS n, "
                           "date.truncate('month', date('2022-02-16')) AS m")
    assert result.rows[0]["n"] > 0 and result.rows[0]["m"].startswith("2022-02-01")
