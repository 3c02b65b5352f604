"""The pages' downloads over the real app and the seeded graph: what each file holds is what
the page shows, read back with the standard parsers."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from urllib.parse import quote

from quotetrail.graph.model import MAX_LIMIT
from quotetrail.graph.store import browse, printings, queries

NS = {"g": "http://graphml.graphdrawing.org/xmlns"}


def _csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_trace_downloads_hold_the_trace(client, seeded_store):
    top = browse.list_statements(seeded_store)[0]
    trace = queries.trace(seeded_store, top.id)
    base = f"/statements/{quote(top.id, safe='')}/trace"
    as_csv = client.get(base + ".csv")
    assert as_csv.status_code == 200 and as_csv.headers["content-type"].startswith("text/csv")
    assert "attachment;" in as_csv.headers["content-disposition"]
    rows = _csv(as_csv.text)
    assert [r["quote_id"] for r in rows] == [v.quote_id for v in trace.variants]
    assert [r["mutation"] for r in rows] == [v.mutation for v in trace.variants]
    assert client.get(base + ".json").json() == client.get(
        f"/api/statements/{quote(top.id, safe='')}").json()
    graph = ET.fromstring(client.get(base + ".graphml").content).find("g:graph", NS)
    assert len(graph.findall("g:node", NS)) == 1 + len(trace.variants)
    derived = sum(1 for v in trace.variants if v.derived_from)
    assert len(graph.findall("g:edge", NS)) == len(trace.variants) + derived
    page = client.get(base + ".html").text
    assert page.count("<tr id=\"row-") == len(trace.variants)
    assert 'href="/' not in page  # one file: no link back into the site


def test_article_and_speaker_tables_download_as_shown(client, seeded_store):
    article = browse.list_articles(seeded_store)[0]
    detail = browse.article(seeded_store, article.id, limit=MAX_LIMIT)  # as the page shows
    rows = _csv(client.get(f"/articles/{quote(article.id, safe='')}/quotes.csv").text)
    assert [r["id"] for r in rows] == [q.id for q in detail.quotes]
    as_json = client.get(f"/articles/{quote(article.id, safe='')}/quotes.json").json()
    assert [r["speaker"] for r in as_json] == [q.speaker for q in detail.quotes]
    printed = printings.window(seeded_store, "sp-jens-stoltenberg").quotes
    by_outlet = client.get("/speakers/sp-jens-stoltenberg/printings.json",
                           params={"sort": "outlet", "order": "desc", "limit": 1000}).json()
    assert len(by_outlet) == len(printed)
    outlets = [(r["outlet"] or "").lower() for r in by_outlet if r["outlet"]]
    assert outlets == sorted(outlets, reverse=True)
    first_page = _csv(client.get("/speakers/sp-jens-stoltenberg/printings.csv").text)
    assert len(first_page) == min(50, len(printed))


def test_downloads_of_unknown_things_are_404(client):
    assert client.get("/statements/nope/trace.csv").status_code == 404
    assert client.get("/speakers/nope/printings.csv").status_code == 404
    assert client.get("/articles/nope/quotes.json").status_code == 404
    assert client.get("/articles/nope/quotes.exe").status_code in (404, 422)


def test_index_tables_download_as_shown(client, seeded_store):
    page = client.get("/", params={"q": "the new normal"}).text
    assert 'href="/tables/statements.csv?q=the+new+normal&amp;offset=0"' in page
    hits = browse.statement_page(seeded_store, q="the new normal", limit=50)
    rows = _csv(client.get("/tables/statements.csv", params={"q": "the new normal"}).text)
    assert [r["id"] for r in rows] == [h.id for h in hits.items] and rows
    outlets = client.get("/tables/outlets.json").json()
    assert outlets == [o.model_dump() for o in browse.list_outlets(seeded_store)]
    assert client.get("/tables/secrets.csv").status_code in (404, 422)
