"""The quotes kept counted per article and day (graph/store/quote_days.py): the whole
archive's quotes filtered by kind, mutation or date get exact totals from them, and pages in
the order a full sort gives, across days, a day a date cuts, and after the counts moved with
a second load, a correction and a relink."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from quotetrail.graph.store import browse, corrections, filtered_quotes, quote_days, tallies
from quotetrail.graph.store.driver import Store
from quotetrail.graph.store.relink import relink
from quotetrail.pipeline import load_paths

from helpers import ROOT

EXAMPLE = sorted(str(p) for p in (ROOT / "examples" / "nato-2022").glob("*.txt"))
BASE = int(datetime(2022, 3, 1, tzinfo=UTC).timestamp())
MUTATIONS = ("verbatim", "truncated", "misattributed", "reworded")
ARTICLES = """
MERGE (o:Outlet {id: 'out-x'}) SET o.name = 'X Daily'
WITH o UNWIND $rows AS row
CREATE (a:Article {id: row.id, title: row.id})-[:PUBLISHED_BY]->(o)
SET a.published_ts = row.ts,
    a.published = CASE WHEN row.ts IS NULL THEN null ELSE datetime({epochSeconds: row.ts}) END
"""
QUOTES = """
UNWIND $rows AS q
MATCH (a:Article {id: q.article})
CREATE (a)-[:CONTAINS]->(:Quote {id: q.id, text: 'words', start: q.start, end: q.start + 5,
                                 kind: q.kind, confidence: q.conf})
"""
SAID = """
MERGE (sp:Speaker {id: 'sp-x'}) SET sp.name = 'X'
WITH sp UNWIND $ids AS qid
MATCH (q:Quote {id: qid})
CREATE (q)-[:ATTRIBUTED_TO]->(sp)
"""
VARIANTS = """
UNWIND $rows AS row
MERGE (st:Statement {id: 'st-' + row.mutation}) SET st.text = row.mutation, st.quote_count = 1
WITH st, row
MATCH (q:Quote {id: row.id})
CREATE (q)-[:VARIANT_OF {mutation: row.mutation}]->(st)
"""
# (kind, mutation, since, until, include_unattributed): each a list the days page
FILTERS = [("direct", None, None, None, False), (None, "truncated", None, None, False),
           ("indirect", "misattributed", None, None, True), (None, None, "2022-03-04", None, False),
           (None, None, "2022-03-03T10:00:00+00:00", "2022-03-07T15:30:00Z", False),
           ("direct", "verbatim", None, "2022-03-06T12:00:00Z", True),
           (None, "reworded", "2022-03-02", "2022-03-02", False),
           (None, None, None, None, False), (None, None, None, None, True)]  # unfiltered


def _articles(seed: int) -> list[dict[str, Any]]:
    """Articles seven hours apart over about two weeks (and one undated), each with 0 to 5
    quotes of mixed kinds, speakers (some words nobody said) and mutations (some two)."""
    rows = []
    for i in range(48):
        quotes = [{"id": f"q-{seed}-{i}-{j}", "start": j * 10,
                   "kind": ("direct", "direct", "partial", "indirect")[(i + j) % 4],
                   "conf": 0.2 if (i * j + seed) % 7 == 0 else 0.9, "said": (i + j) % 5 != 0,
                   "mutations": [MUTATIONS[(i * 3 + j + seed) % 4]] +
                   ([MUTATIONS[(j + 1) % 4]] if (i + j) % 6 == 0 else [])}
                  for j in range((i * 7 + seed) % 6)]
        rows.append({"id": f"art-{seed}-{i:02d}", "quotes": quotes,
                     "ts": None if i == 47 else BASE + 7 * 3600 * i + 60 * seed})
    return rows


def _write(store: Store, articles: list[dict[str, Any]], new: bool = True) -> None:
    quotes = [{**q, "article": a["id"]} for a in articles for q in a["quotes"]]

    def work(tx: Any) -> None:
        if new:
            tx.run(ARTICLES, rows=articles).consume()
        tx.run(QUOTES, rows=quotes).consume()
        tx.run(SAID, ids=[q["id"] for q in quotes if q["said"]]).consume()
        tx.run(VARIANTS, rows=[{"id": q["id"], "mutation": m} for q in quotes
                               for m in q["mutations"]]).consume()
    store.write(work)


def _same_as_a_full_sort(store: Store, monkeypatch: pytest.MonkeyPatch,
                         limit: int = 4) -> None:
    counted: list[str] = []
    run = store.rows

    def watched(query: str, **params: Any) -> list[dict[str, Any]]:
        if "RETURN count(q) AS total" in query:
            counted.append(query)
        return run(query, **params)
    for kind, mutation, since, until, every in FILTERS:
        asked: dict[str, Any] = dict(kind=kind, mutation=mutation, since=since, until=until,
                                     include_unattributed=every)
        monkeypatch.setattr(store, "rows", watched)
        kept = browse.every(lambda lim, off, a=asked: browse.quote_page(
            store, limit=min(lim, limit), offset=off, **a))
        total = browse.quote_page(store, limit=1, **asked).total
        assert not counted  # the kept counts answered, not a count of every quote
        monkeypatch.setattr(store, "rows", run)
        with monkeypatch.context() as m:  # a full count and sort, as before these counts
            m.setattr(filtered_quotes, "quote_page", lambda *a, **k: None)
            full = browse.every(lambda lim, off, a=asked: browse.quote_page(
                store, limit=lim, offset=off, **a))
            assert total == browse.quote_page(store, limit=1, **asked).total == len(full)
        assert [q.id for q in kept] == [q.id for q in full], asked
    assert _kept(store) == _fresh(store)


def _kept(store: Store) -> dict[int, list[int]]:
    return {r["day"]: list(r["counts"]) for r in store.rows(
        "MATCH (t:QuoteDay) RETURN t.day AS day, t.counts AS counts") if any(r["counts"])}


def _fresh(store: Store) -> dict[int, list[int]]:
    """Each day's counts from every article's quotes as they are now."""
    days: dict[int, list[int]] = {}
    ids = [r["id"] for r in store.rows(quote_days.ALL_ARTICLE_IDS)]
    for r in store.rows(quote_days.ARTICLE_QUOTES, ids=ids):
        counts = quote_days.counts_of(r["quotes"] or [])
        day = days.setdefault(quote_days.day_of(r["ts"]), [0] * quote_days.SLOTS)
        days[quote_days.day_of(r["ts"])] = [a + b for a, b in zip(day, counts, strict=True)]
    return {d: c for d, c in days.items() if any(c)}


def test_filtered_quote_pages_match_a_full_count_and_sort(empty_store: Store,
                                                          monkeypatch) -> None:
    rows = _articles(1)
    _write(empty_store, rows)
    tallies.refresh_all(empty_store)
    _same_as_a_full_sort(empty_store, monkeypatch)
    # a second write: new quotes in old articles, one article moved to another day
    more = [{**r, "id": f"art-1-{i:02d}", "quotes": [{**q, "id": q["id"] + "-b"}
                                                      for q in r["quotes"]]}
            for i, r in enumerate(_articles(2)[:20])]
    _write(empty_store, more, new=False)
    moved = "art-1-03"
    empty_store.write(lambda tx: tx.run(
        "MATCH (a:Article {id: $id}) SET a.published_ts = $ts, "
        "a.published = datetime({epochSeconds: $ts})", id=moved, ts=BASE + 12 * 86400
    ).consume())
    tallies.refresh(empty_store, articles=[moved, *(r["id"] for r in more)])
    _same_as_a_full_sort(empty_store, monkeypatch, limit=7)


def test_the_counts_follow_a_second_load_a_correction_and_a_relink(empty_store: Store,
                                                                   monkeypatch) -> None:
    load_paths(empty_store, EXAMPLE[:3])
    assert tallies.current(empty_store) and _kept(empty_store) == _fresh(empty_store)
    load_paths(empty_store, EXAMPLE[3:])
    _same_as_a_full_sort(empty_store, monkeypatch)
    hidden = empty_store.rows(
        "MATCH (q:Quote) WHERE q.confidence > 0.3 AND EXISTS { (q)-[:ATTRIBUTED_TO]->() } "
        "RETURN q.id AS id ORDER BY q.id LIMIT 1")[0]["id"]
    corrections.set_speaker(empty_store, hidden, None, "test", "nobody known")
    _same_as_a_full_sort(empty_store, monkeypatch)
    speakers = [r["id"] for r in empty_store.rows(
        "MATCH (sp:Speaker) RETURN sp.id AS id ORDER BY sp.quote_count DESC, sp.id LIMIT 2")]
    corrections.merge_speakers(empty_store, speakers[1], speakers[0], "test", "one person")
    _same_as_a_full_sort(empty_store, monkeypatch)
    relink(empty_store)
    tallies.refresh_all(empty_store)  # what `quotetrail relink` does
    _same_as_a_full_sort(empty_store, monkeypatch)


def test_a_graph_counted_before_is_counted_once_by_its_next_load(empty_store: Store) -> None:
    """A graph marked by an earlier version (no day counts) is not read by them until its
    next load counts every article; its lists count quotes meanwhile."""
    load_paths(empty_store, EXAMPLE[:3])
    direct = browse.quote_page(empty_store, kind="direct", limit=1).total
    empty_store.write(lambda tx: tx.run("MATCH (t:QuoteDay) DETACH DELETE t").consume())
    empty_store.write(lambda tx: tx.run(
        "MATCH (m:Meta {id: 'tallies'}) SET m.version = 1").consume())
    assert not tallies.current(empty_store)
    assert browse.quote_page(empty_store, kind="direct", limit=1).total == direct
    load_paths(empty_store, EXAMPLE[3:])
    assert tallies.current(empty_store) and _kept(empty_store) == _fresh(empty_store)
