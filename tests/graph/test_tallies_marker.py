"""The kept counts' marker: a load looks for uncounted speakers, outlets and statements (a
scan of each) only until a `(:Meta {id: 'tallies'})` node says the graph has them all."""

from __future__ import annotations

from quotetrail.graph.store import browse, meta, tallies
from quotetrail.loaders.extract.document import extract
from quotetrail.loaders.records import Document
from quotetrail.pipeline import load_extracted, load_paths

from helpers import ROOT

EXAMPLE = ROOT / "examples" / "nato-2022"


def _marked(store) -> bool:
    return meta.marked(store, tallies.MARKER, tallies.VERSION)


def test_a_load_marks_the_graph_counted_and_an_earlier_versions_graph_is_counted_first(
        empty_store):
    first = load_paths(empty_store, [str(EXAMPLE)])
    assert len(first.loaded) == 5 and _marked(empty_store)
    # what a graph of an earlier version looks like: no counts, no marker
    empty_store.write(lambda tx: tx.run(
        "MATCH (sp:Speaker) REMOVE sp.quote_count, sp.outlet_count").consume())
    empty_store.write(lambda tx: tx.run("MATCH (m:Meta) DETACH DELETE m").consume())
    assert not _marked(empty_store)
    load_paths(empty_store, [str(EXAMPLE)], reload=True)
    counted = empty_store.rows(
        "MATCH (sp:Speaker) RETURN sp.id AS id, sp.quote_count AS n, sp.outlet_count AS o, "
        "COUNT { MATCH (sp)<-[:ATTRIBUTED_TO]-(:Quote) } AS edges")
    assert counted and all(r["n"] == r["edges"] and r["o"] is not None for r in counted)
    assert _marked(empty_store)


def test_every_outlet_is_counted_from_its_first_load(empty_store):
    load_paths(empty_store, [str(EXAMPLE)])
    uncounted = empty_store.rows(
        "MATCH (o:Outlet) WHERE o.quote_count IS NULL OR o.shown_count IS NULL "
        "RETURN count(o) AS n")[0]["n"]
    assert uncounted == 0


SPEAKER_COUNTS = ("MATCH (sp:Speaker) RETURN sp.id AS id, sp.quote_count AS quotes, "
                  "sp.outlet_count AS outlets, sp.outlet_ids AS outlet_ids ORDER BY id")


def _speakers(store) -> list[dict]:
    """Each speaker's counts, its outlets as a set (an added outlet comes last)."""
    return [{**r, "outlet_ids": sorted(r["outlet_ids"] or [])}
            for r in store.rows(SPEAKER_COUNTS)]


OUTLET_COUNTS = ("MATCH (o:Outlet) RETURN o.id AS id, o.article_count AS articles, "
                 "o.quote_count AS quotes, o.shown_count AS shown ORDER BY id")


def test_small_loads_add_to_their_outlets_and_speakers_counts_as_a_recount_would(
        empty_store):
    files = sorted(p for p in EXAMPLE.iterdir() if p.suffix == ".txt")
    for path in files:  # one new article per load: added, not recounted
        assert len(load_paths(empty_store, [str(path)]).loaded) == 1
    load_paths(empty_store, [str(files[0])], reload=True)  # a reload: recounted (its speakers)
    added = empty_store.rows(OUTLET_COUNTS)
    speakers = _speakers(empty_store)
    assert sum(r["articles"] for r in added) == 5 and sum(r["quotes"] for r in added) > 20
    assert sum(r["quotes"] for r in speakers) > 20 and max(r["outlets"] for r in speakers) > 1
    tallies.refresh_all(empty_store)
    assert empty_store.rows(OUTLET_COUNTS) == added
    assert _speakers(empty_store) == speakers


def test_a_reload_that_moves_an_article_to_another_outlet_recounts_both(empty_store):
    text = 'Anna Berg said: "The bridge will open in May after the last inspection."\n'
    for source, outlet in (("a.txt", "First Outlet"), ("b.txt", "Second Outlet")):
        doc = Document(text=text, source=source, outlet=outlet, published="2023-01-02")
        load_extracted(empty_store, [extract(doc)])
    kept = empty_store.rows(OUTLET_COUNTS)
    assert {r["id"]: r["articles"] for r in kept}.get("outlet-second-outlet") == 1
    for outlet, articles in (("First Outlet", 0), ("Second Outlet", 1)):  # totals kept counts
        page = browse.article_page(empty_store, outlet=outlet)
        assert page.total == len(page.items) == articles
    tallies.refresh_all(empty_store)
    assert kept == empty_store.rows(OUTLET_COUNTS)  # the first outlet holds nothing now
