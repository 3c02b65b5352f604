"""What a graph written by an earlier version lacks, given at its first relink (each once,
a `(:Meta)` marker saying so): the link keys (key_backfill.py), the timeline and
outlet-and-date keys (timeline_order.py, outlet_order.py), and each quote's `article`.

A Quote keeps the id of the article printing it (`article`, written with the quote:
cypher.CREATE_ARTICLES, MERGE_QUOTES), so that a small load's relink reads its component's
quotes without going to their articles (cypher_link.LINK_INPUT_OF): on ArcadeDB, `a.id`
through the CONTAINS edge read the whole article record, text and all.
"""

from __future__ import annotations

from quotetrail.graph.store import key_backfill, key_range, meta, outlet_order, timeline_order
from quotetrail.graph.store.driver import Store

QUOTE_ARTICLE = "quote-article"
NOTE = "every quote holds the id of its article (graph/store/upgrade.py)"
ARTICLES = "MATCH (a:Article) RETURN a.id AS id"
SET_ARTICLE = """
UNWIND $rows AS row
MATCH (a:Article {id: row.id})-[:CONTAINS]->(q:Quote)
SET q.article = a.id
"""


def ensure(store: Store, repair: bool = False) -> None:
    """Give the graph what earlier versions left out; `repair` (`quotetrail relink`) gives
    the link keys again whatever their marker says. A graph that has it all is asked once
    (each load: five markers in one query, not one each)."""
    if not repair and meta.all_marked(store, {
            **key_backfill.MARKERS, **timeline_order.MARKERS, **outlet_order.MARKERS,
            QUOTE_ARTICLE: 1}):
        return
    key_backfill.ensure(store, repair=repair)
    timeline_order.ensure(store)
    outlet_order.ensure(store)
    if not meta.marked(store, QUOTE_ARTICLE):  # (articles in parts: 19 s at 100k on ArcadeDB)
        key_range.give(store, SET_ARTICLE, store.rows(ARTICLES))
        meta.mark(store, QUOTE_ARTICLE, NOTE)
