"""The paging contract of every list route, on a graph larger than one page: totals, a
stable order, bounds (a default page of 50, at most 1000, never more than the limit asked)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from quotetrail.graph.model import DEFAULT_LIMIT, MAX_LIMIT
from quotetrail.graph.store import queries

Order = Callable[[dict[str, Any]], Any]
# route -> the key its items are sorted by (ascending), as each list promises
ROUTES: dict[str, Order] = {
    "/api/statements": lambda s: (-s["quote_count"], s["id"]),
    "/api/quotes": lambda q: (q["article"]["published"] is None,
                              _neg_date(q["article"]["published"]), q["article"]["id"],
                              q["start"], q["id"]),
    "/api/speakers": lambda s: (-s["quotes"], s["id"]),
    "/api/articles": lambda a: (a["published"] is None, _neg_date(a["published"]), a["id"]),
    "/api/outlets": lambda o: (-o["quotes"], o["id"]),
}
SMALL = 3  # a page size that splits every list of the example corpus into several pages


def _neg_date(published: str | None) -> str:
    """Newest first as an ascending key: each character's code point inverted."""
    return "".join(chr(0x10FFFF - ord(c)) for c in published or "")


def _all_pages(client, route: str, limit: int, **filters: str
               ) -> tuple[list[dict[str, Any]], int]:
    items: list[dict[str, Any]] = []
    total = None
    while total is None or len(items) < total:
        page = client.get(route, params={"limit": limit, "offset": len(items),
                                         **filters}).json()
        assert len(page["items"]) <= limit, f"{route} returned more than its limit"
        assert page["limit"] == limit and page["offset"] == len(items)
        assert total is None or page["total"] == total  # the total does not move with paging
        total = page["total"]
        if not page["items"]:
            break
        items.extend(page["items"])
    return items, total or 0


@pytest.mark.parametrize("route", list(ROUTES))
def test_pages_join_into_the_whole_list_in_its_order(client, route):
    items, total = _all_pages(client, route, SMALL)
    assert total > SMALL and len(items) == total  # larger than one page, nothing lost
    assert len({i["id"] for i in items}) == total  # no item on two pages
    assert items == sorted(items, key=ROUTES[route])  # one stable order across pages
    biggest = client.get(route, params={"limit": MAX_LIMIT}).json()
    assert biggest["items"] == items[:MAX_LIMIT]


@pytest.mark.parametrize("route", list(ROUTES))
def test_default_page_and_bounds(client, route):
    default = client.get(route).json()
    assert default["limit"] == DEFAULT_LIMIT and default["offset"] == 0
    assert len(default["items"]) == min(DEFAULT_LIMIT, default["total"])
    for bad in (0, MAX_LIMIT + 1, -1):
        assert client.get(route, params={"limit": bad}).status_code == 422
    past = client.get(route, params={"offset": default["total"]}).json()
    assert past["items"] == [] and past["total"] == default["total"]


def test_a_default_page_is_smaller_than_the_graph(client, seeded_store):
    """The example corpus holds more statements and quotes than one default page."""
    counts = queries.counts(seeded_store)
    assert counts.statements > DEFAULT_LIMIT and counts.quotes > DEFAULT_LIMIT
    for route in ("/api/statements", "/api/quotes"):
        page = client.get(route).json()
        assert len(page["items"]) == DEFAULT_LIMIT < page["total"]


def test_filters_are_totals_of_their_own(client):
    everything = client.get("/api/quotes", params={"limit": MAX_LIMIT}).json()
    dw = client.get("/api/quotes", params={"outlet": "DW", "limit": 2}).json()
    assert 2 < dw["total"] < everything["total"]
    assert dw["total"] == sum(q["article"]["outlet"] == "DW" for q in everything["items"])
    feb16 = client.get("/api/articles", params={"since": "2022-02-16",
                                                "until": "2022-02-17"}).json()
    assert feb16["total"] >= 1
    assert all(a["published"].startswith("2022-02-16") for a in feb16["items"])
    later = client.get("/api/statements", params={"since": "2030-01-01"}).json()
    assert later["total"] == 0 and later["items"] == []


@pytest.mark.parametrize("key", ["outlet", "speaker", "article", "kind"])
def test_filtered_quote_pages_join_into_the_filtered_list(client, key):
    """A filtered list pages by the articles its page reaches into (an anchor's articles
    counted first): every page, joined, is the whole list's slice that passes, in order."""
    everything = client.get("/api/quotes", params={"limit": MAX_LIMIT}).json()["items"]
    value_of = {"outlet": lambda q: q["article"]["outlet"], "speaker": lambda q: q["speaker"],
                "article": lambda q: q["article"]["id"], "kind": lambda q: q["kind"]}[key]
    values = [value_of(q) for q in everything if value_of(q)]
    common = max(set(values), key=lambda v: (values.count(v), v))  # the most filled value
    expected = [q for q in everything if value_of(q) == common]
    assert SMALL < len(expected) < len(everything)
    for limit in (SMALL, 7):
        items, total = _all_pages(client, "/api/quotes", limit, **{key: common})
        assert total == len(expected) and items == expected, (key, limit)


def test_search_ranks_with_a_score_and_refuses_stop_words(client):
    found = client.get("/api/statements", params={"q": "signs of de-escalation"}).json()
    scores = [s["score"] for s in found["items"]]
    assert scores and scores == sorted(scores, reverse=True) and scores[0] == 100.0
    assert "de-escalation" in found["items"][0]["text"].lower()
    refused = client.get("/api/statements", params={"q": "the"})
    assert refused.status_code == 400
    assert "common words" in refused.json()["detail"]


def test_search_finds_a_statement_by_the_words_of_any_print(client, seeded_store):
    """The engine's full-text index holds each statement's reference wording and the text of
    every quote printed as its variant, written in the load's own transactions."""
    rows = seeded_store.rows(
        "MATCH (q:Quote)-[:VARIANT_OF]->(st:Statement) WHERE q.text <> st.text "
        "AND size(q.text) > 30 RETURN st.id AS id, q.text AS text ORDER BY q.id LIMIT 12")
    assert rows
    for r in rows:
        found = client.get("/api/statements", params={"q": r["text"][:500], "limit": 50})
        assert r["id"] in {s["id"] for s in found.json()["items"]}, r


@pytest.mark.parametrize("route, key", [("/api/statements", "speaker"),
                                        ("/api/articles", "outlet"),
                                        ("/api/articles", "kind")])
def test_filtered_statement_and_article_pages_join_into_the_filtered_list(client, route,
                                                                          key):
    """A speaker's statements and an outlet's (or a kind's) articles start where the filter
    points: every page, joined, is the whole list's slice that passes, in its order."""
    everything = client.get(route, params={"limit": MAX_LIMIT}).json()["items"]
    field = {"speaker": "speaker_id", "outlet": "outlet", "kind": "kind"}[key]
    values = [row[field] for row in everything if row[field]]
    common = max(set(values), key=lambda v: (values.count(v), v))
    expected = [row for row in everything if row[field] == common]
    assert 0 < len(expected) < len(everything)
    for limit in (2, 7):
        items, total = _all_pages(client, route, limit, **{key: common})
        assert total == len(expected) and items == expected, (key, limit)
    if key != "kind":  # a kind is one of three (others are refused)
        assert client.get(route, params={key: "nobody-at-all"}).json() == \
            {"total": 0, "limit": DEFAULT_LIMIT, "offset": 0, "items": []}


@pytest.mark.parametrize("filters", [{"mutation": "common"}, {"kind": "partial"},
                                     {"since": "2022-02-16", "until": "2022-02-17"},
                                     {"kind": "direct", "since": "2022-02-16"},
                                     {"mutation": "common", "until": "2022-02-16"}])
def test_the_archives_quotes_by_mutation_or_date_page_in_order(client, filters):
    """The whole archive's quotes filtered by mutation, kind or date (totals kept per day,
    graph/store/quote_days.py): every page, joined, is the whole list's slice that passes."""
    everything = client.get("/api/quotes", params={"limit": MAX_LIMIT}).json()["items"]

    def mutations(q: dict[str, Any]) -> list[str]:
        return q["mutation"] if isinstance(q["mutation"], list) else [q["mutation"]]
    seen = [m for q in everything for m in mutations(q) if m]
    if filters.get("mutation") == "common":
        filters = {**filters, "mutation": max(set(seen), key=lambda m: (seen.count(m), m))}

    def passes(q: dict[str, Any]) -> bool:
        day = (q["article"]["published"] or "")[:10]
        return (filters.get("kind") in (None, q["kind"])
                and filters.get("mutation") in (None, *mutations(q))
                and ("since" not in filters or day >= filters["since"])
                and ("until" not in filters or day and day < filters["until"]))
    expected = [q for q in everything if passes(q)]
    assert 0 < len(expected) < len(everything)
    for limit in (SMALL, 7):
        items, total = _all_pages(client, "/api/quotes", limit, **filters)
        assert total == len(expected) and items == expected, (filters, limit)
