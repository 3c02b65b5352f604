"""POST /api/cypher: read-only, bounded by the configured time limit and row cap."""

from __future__ import annotations

from quotetrail.graph.store import queries


def test_a_read_query_with_params(client):
    response = client.post("/api/cypher", json={
        "query": "MATCH (s:Speaker {name: $name}) RETURN s.id AS id, s.role AS role",
        "params": {"name": "Jens Stoltenberg"}})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["columns"] == ["id", "role"]
    assert body["rows"] == [{"id": "sp-jens-stoltenberg", "role": "NATO Secretary General"}]
    assert body["truncated"] is False
    assert body["row_cap"] == 1000 and body["time_limit"] == 10.0  # the defaults


def test_writes_are_refused_and_change_nothing(client, seeded_store):
    before = queries.counts(seeded_store)
    for query in ("CREATE (n:Evil {id: 'x'}) RETURN n",
                  "MATCH (s:Statement) DETACH DELETE s",
                  "MATCH (q:Quote) SET q.text = 'rewritten' RETURN count(q)",
                  "MERGE (o:Outlet {id: 'outlet-evil'}) RETURN o"):
        response = client.post("/api/cypher", json={"query": query})
        assert response.status_code == 400, query
        assert response.json()["error"] == "query_refused"
    assert queries.counts(seeded_store) == before
    check = client.post("/api/cypher", json={
        "query": "MATCH (q:Quote) WHERE q.text = 'rewritten' RETURN count(q) AS n"}).json()
    assert check["rows"] == [{"n": 0}]


def test_the_configured_row_cap_cuts_and_says_so(make_client, seeded_store):
    capped = make_client(QUOTETRAIL_QUERY_ROW_CAP=3)
    body = capped.post("/api/cypher", json={"query": "MATCH (q:Quote) RETURN q.id AS id"}).json()
    assert len(body["rows"]) == 3 and body["truncated"] is True and body["row_cap"] == 3
    small = capped.post("/api/cypher", json={"query": "UNWIND [1, 2] AS x RETURN x"}).json()
    assert small["rows"] == [{"x": 1}, {"x": 2}] and small["truncated"] is False


def test_the_configured_time_limit_ends_a_long_query(make_client, seeded_store):
    hurried = make_client(QUOTETRAIL_QUERY_TIMEOUT=0.3)
    response = hurried.post("/api/cypher", json={
        "query": "UNWIND range(1, 5000000) AS x UNWIND range(1, 3) AS y RETURN count(*) AS c"})
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "query_refused" and "time limit of 0.3 s" in body["detail"]


def test_bad_cypher_is_a_clear_400(client):
    body = client.post("/api/cypher", json={"query": "MATCH (n RETURN n"}).json()
    assert body["status"] == 400 and ("not valid Cypher" in body["detail"]
                                      or "failed" in body["detail"])
