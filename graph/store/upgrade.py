"""What a graph written by an earlier version lacks, given at its first relink (each once,
a `(:Meta)` marker saying so): the link keys (key_backfill.py), the timeline and
outlet-and-date keys (timeline_order.py, outlet_order.py), and each quote's `article`.

A Quote keeps the id of the article printing it (`article`, written with the quote:
cypher.CREATE_ARTICLES, MERGE_QUOTES), so that a small load's relink reads its component's
quotes without going to their articles (cypher_link.LINK_INPUT_OF): on ArcadeDB, `a.id`
through the CONTAINS edge read the whole article record, text and all.

A graph that held no article before its first load lacks nothing: its markers are all
written at once. An older graph's migration is a stage of the load's progress (19 s at
100k), not a silence.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from functools import partial
from typing import TYPE_CHECKING

from quotetrail.graph.store import key_backfill, key_range, meta, outlet_order, timeline_order
from quotetrail.graph.store.driver import Store

if TYPE_CHECKING:
    from quotetrail.graph.store.relink import Stages

QUOTE_ARTICLE = "quote-article"
NOTE = "every quote holds the id of its article (graph/store/upgrade.py)"
ARTICLES = "MATCH (a:Article) RETURN a.id AS id"
SET_ARTICLE = """
UNWIND $rows AS row
MATCH (a:Article {id: row.id})-[:CONTAINS]->(q:Quote)
SET q.article = a.id
"""
MARKERS = {**key_backfill.MARKERS, **timeline_order.MARKERS, **outlet_order.MARKERS,
           QUOTE_ARTICLE: 1}
ARTICLE_COUNT = "MATCH (a:Article) RETURN count(a) AS n"
FIRST_LOAD_NOTE = "written by the graph's first load, which lacked nothing (graph/store/upgrade.py)"
STAGE = "giving the graph its link and order keys"


def ensure(store: Store, stages: Stages, repair: bool = False,
           created: AbstractSet[str] = frozenset()) -> None:
    """Give the graph what earlier versions left out; `repair` (`quotetrail relink`) gives
    the link keys again whatever their marker says. A graph that has it all is asked once
    (each load: five markers in one query, not one each); one whose every article is among
    the load's `created` is only marked."""
    if not repair:
        if meta.all_marked(store, MARKERS):
            return
        if store.rows(ARTICLE_COUNT)[0]["n"] == len(created):
            meta.mark_all(store, MARKERS, FIRST_LOAD_NOTE)
            return
    steps = [partial(key_backfill.ensure, store, repair=repair),
             partial(timeline_order.ensure, store), partial(outlet_order.ensure, store),
             partial(_quote_articles, store)]
    stages.on_stage(STAGE, len(steps))
    for step in steps:
        step()
        stages.on_step()


def _quote_articles(store: Store) -> None:
    if not meta.marked(store, QUOTE_ARTICLE):  # (articles in parts: 19 s at 100k on ArcadeDB)
        key_range.give(store, SET_ARTICLE, store.rows(ARTICLES))
        meta.mark(store, QUOTE_ARTICLE, NOTE)
