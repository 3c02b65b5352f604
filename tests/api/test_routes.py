"""Every read route over the example corpus, checked against the core functions and the
corpus's own manifest (not against this API's earlier output)."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from quotetrail.demo import EXAMPLE_DIR
from quotetrail.graph.store import browse, queries

from helpers import is_local, run_cli


def test_statements_are_listed_most_spread_first_and_paged(client, seeded_store):
    everything = browse.list_statements(seeded_store)
    first = client.get("/api/statements?limit=5").json()
    assert first["total"] == len(everything) == queries.counts(seeded_store).statements
    counts = [s["quote_count"] for s in first["items"]]
    assert counts == sorted(counts, reverse=True)
    second = client.get("/api/statements?limit=5&offset=5").json()
    assert [s["id"] for s in first["items"] + second["items"]] == [s.id for s in everything[:10]]
    past_the_end = client.get(f"/api/statements?offset={len(everything)}").json()
    assert past_the_end["items"] == [] and past_the_end["total"] == len(everything)


def test_statement_search_and_speaker_filter(client):
    found = client.get("/api/statements", params={"q": "the new normal"}).json()
    assert found["total"] >= 1
    assert "new normal" in found["items"][0]["text"].lower()
    by_id = client.get("/api/statements", params={"q": "the new normal",
                                                  "speaker": "sp-jens-stoltenberg"}).json()
    by_name = client.get("/api/statements", params={"q": "the new normal",
                                                    "speaker": "Jens Stoltenberg"}).json()
    assert by_id == by_name and by_id["total"] >= 1
    assert {s["speaker"] for s in by_id["items"]} == {"Jens Stoltenberg"}
    kuleba = client.get("/api/statements", params={"speaker": "Dmytro Kuleba"}).json()
    assert kuleba["total"] >= 1 and {s["speaker"] for s in kuleba["items"]} == {"Dmytro Kuleba"}
    nobody = client.get("/api/statements", params={"speaker": "No Such Person"}).json()
    assert nobody == {"total": 0, "limit": 50, "offset": 0, "items": []}
    none = client.get("/api/statements", params={"q": "zebra xylophone marmalade"}).json()
    assert none["total"] == 0


def test_trace_is_the_same_document_as_the_cli_json(client, seeded_store, local_home):
    if not is_local(seeded_store):
        pytest.skip("the CLI runs on the local server")
    top = browse.list_statements(seeded_store)[0]
    api = client.get(f"/api/statements/{top.id}")
    assert api.status_code == 200
    done = run_cli("trace", top.id, "--json", home=local_home)
    assert done.returncode == 0, done.stderr
    assert api.json() == json.loads(done.stdout)
    trace = api.json()
    assert trace["speaker"] == "Jens Stoltenberg" and len(trace["variants"]) >= 2
    for v in trace["variants"]:
        assert {"article", "kind", "mutation", "diff", "derived_from"} <= set(v)
        assert {"outlet", "published", "title"} <= set(v["article"])


@pytest.mark.parametrize("params, check", [
    ({"speaker": "sp-jens-stoltenberg"}, lambda q: q.speaker == "Jens Stoltenberg"),
    ({"speaker": "Dmytro Kuleba"}, lambda q: q.speaker == "Dmytro Kuleba"),
    ({"outlet": "DW"}, lambda q: q.article.outlet == "DW"),
    ({"outlet": "outlet-dw-com"}, lambda q: q.article.outlet == "DW"),
    ({"kind": "partial"}, lambda q: q.kind == "partial"),
    ({"mutation": "truncated"}, lambda q: q.mutation == "truncated"
     or (isinstance(q.mutation, list) and "truncated" in q.mutation)),
    ({"outlet": "Daily Express", "kind": "direct"},
     lambda q: q.article.outlet == "Daily Express" and q.kind == "direct"),
])
def test_quote_filters_agree_with_the_full_list(client, seeded_store, params, check):
    expected = [q.model_dump() for q in browse.list_quotes(seeded_store) if check(q)]
    got = client.get("/api/quotes", params={**params, "limit": 1000}).json()
    assert got["total"] == len(expected) > 0
    assert sorted(got["items"], key=lambda q: q["id"]) == sorted(expected, key=lambda q: q["id"])


def test_quotes_of_one_article_and_paging(client, seeded_store):
    article_id = client.get("/api/articles").json()["items"][0]["id"]
    got = client.get("/api/quotes", params={"article": article_id, "limit": 1000}).json()
    assert got["total"] > 0 and {q["article"]["id"] for q in got["items"]} == {article_id}
    page = client.get("/api/quotes", params={"limit": 3, "offset": 2}).json()
    full = client.get("/api/quotes", params={"limit": 1000}).json()
    assert page["items"] == full["items"][2:5] and page["total"] == full["total"]


def test_outlets_and_articles_match_the_manifest(client):
    manifest = json.loads((EXAMPLE_DIR / "manifest.json").read_text(encoding="utf-8"))
    documents = manifest["documents"]
    outlets = client.get("/api/outlets").json()["items"]
    publishers = [o for o in outlets if o["articles"]]
    assert sorted(o["name"] for o in publishers) == sorted(d["outlet"] for d in documents)
    assert all(o["articles"] == 1 for o in publishers)
    # the others are only credited: DW's article cites the RIA agency and Reuters
    assert sorted(o["name"] for o in outlets if not o["articles"]) == ["RIA Novosti", "Reuters"]
    articles = client.get("/api/articles").json()["items"]
    assert sorted(a["title"] for a in articles) == sorted(d["title"] for d in documents)
    dates = [a["published"] for a in articles]
    assert dates == sorted(dates, reverse=True)  # newest first
    assert sum(o["quotes"] for o in outlets) == sum(a["quotes"] for a in articles)


def test_article_detail_holds_its_text_and_quotes_at_their_offsets(client, seeded_store):
    transcript = next(a for a in client.get("/api/articles").json()["items"]
                      if a["kind"] == "transcript")
    first = client.get(f"/api/articles/{transcript['id']}").json()
    assert len(first["quotes"]) == 50 < first["quotes_total"]  # a default page of quotes
    detail = client.get(f"/api/articles/{transcript['id']}?limit=1000").json()
    assert detail["quotes"][:50] == first["quotes"]
    source = EXAMPLE_DIR / "003_8b20a37537ac4c18.txt"
    assert detail["text"] == source.read_text(encoding="utf-8")  # the text as stored, verbatim
    assert len(detail["quotes"]) == detail["quotes_total"] == transcript["quotes"] > 0
    starts = [q["start"] for q in detail["quotes"]]
    assert starts == sorted(starts)
    for q in detail["quotes"]:
        assert q["at_offsets"] and detail["text"][q["start"]:q["end"]] == q["text"]
    listed = {q.id for q in browse.list_quotes(seeded_store) if q.article.id == transcript["id"]}
    assert {q["id"] for q in detail["quotes"]} == listed


def test_speakers_and_one_speaker(client, seeded_store):
    speakers = client.get("/api/speakers").json()["items"]
    names = [s["name"] for s in speakers]
    assert names[0] == "Jens Stoltenberg"  # by far the most quoted in the corpus
    assert "Dmytro Kuleba" in names
    attributed = Counter(q.speaker for q in browse.list_quotes(seeded_store) if q.speaker)
    assert {s["name"]: s["quotes"] for s in speakers} == dict(attributed)
    first = client.get("/api/speakers/sp-jens-stoltenberg").json()
    assert len(first["statements"]) == 50 < first["statements_total"]  # a default page
    detail = client.get("/api/speakers/sp-jens-stoltenberg?limit=1000").json()
    assert detail["name"] == "Jens Stoltenberg" and detail["statements"][:50] == first["statements"]
    assert len(detail["statements"]) == detail["statements_total"] == speakers[0]["statements"]
    firsts = [s["first_seen"] for s in detail["statements"]]
    assert firsts == sorted(firsts)  # over time, earliest first
    top = max(detail["statements"], key=lambda s: s["quote_count"])
    trace = queries.trace(seeded_store, top["id"])
    assert top["outlets"] == len({v.article.outlet_id for v in trace.variants})
    # one entry per quote (a trace lists a quote once per DERIVED_FROM edge it has)
    mutations = {v.quote_id: v.mutation for v in trace.variants}
    assert top["mutations"] == dict(Counter(mutations.values()))
    assert top["faithful"] == sum(m in ("verbatim", "trivial") for m in mutations.values())
    for s in sorted(detail["statements"], key=lambda s: -s["quote_count"])[:15]:
        printed = queries.trace(seeded_store, s["id"]).variants
        assert s["outlets"] == len({v.article.outlet_id for v in printed}), s["id"]


def test_a_speakers_outlets_without_their_kept_count(client, seeded_store):
    """Statements linked before they kept their outlet count (an earlier version's graph)
    count their prints' outlets from the articles: the same answer."""
    path = "/api/speakers/sp-jens-stoltenberg?limit=1000"
    kept = client.get(path).json()["statements"]
    assert any(s["outlets"] > 1 for s in kept)
    rows = seeded_store.rows("MATCH (st:Statement) RETURN st.id AS id, st.outlet_count AS n")
    seeded_store.write(lambda tx: tx.run("MATCH (st:Statement) REMOVE st.outlet_count").consume())
    try:
        assert client.get(path).json()["statements"] == kept
    finally:
        seeded_store.write(lambda tx: tx.run(
            "UNWIND $rows AS row MATCH (st:Statement {id: row.id}) SET st.outlet_count = row.n",
            rows=rows).consume())


def test_counts(client, seeded_store):
    assert client.get("/api/counts").json() == queries.counts(seeded_store).model_dump()


def test_every_api_route_declares_a_model_and_a_summary(client):
    spec = client.get("/openapi.json").json()
    api_paths = {p: ops for p, ops in spec["paths"].items() if p.startswith("/api/")}
    assert set(api_paths) >= {"/api/statements", "/api/statements/{statement_id}",
                              "/api/quotes", "/api/speakers", "/api/articles", "/api/outlets",
                              "/api/cypher", "/api/documents"}
    for path, ops in api_paths.items():
        for method, op in ops.items():
            assert op.get("summary") and op.get("description"), (method, path)
            ok = op["responses"].get("200") or op["responses"].get("201")
            schema = ok["content"]["application/json"]["schema"]
            assert schema.get("$ref") or schema.get("items", {}).get("$ref"), (method, path)
    assert not any(p.startswith(("/statements", "/articles", "/speakers")) for p in spec["paths"])
    assert client.get("/docs").status_code == 200
