"""Counts stored on speakers and outlets, so that their lists sort on an indexed property.

A list of speakers by how often they are quoted, or of outlets by how much they print, would
otherwise count every attribution of the archive on each request (0.4 s at 10k articles, ten
times that at 100k). A load refreshes the counts of the speakers and outlets it touched (their
own edges, not the archive's); a merge of speakers refreshes the one left; `refresh_all` is
the repair, and fills graphs written before these counts existed. The quotes of each article
and day (graph/store/quote_days.py) are recounted for the articles loaded and those whose
quotes relinking rewrote.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import Any

from neo4j import ManagedTransaction

from quotetrail.graph.dates import epoch_seconds, iso
from quotetrail.graph.store import meta, quote_days
from quotetrail.graph.store.cypher_read import (
    QUOTE_TOTAL,
    QUOTES_HIDDEN,
    QUOTES_SHOWN,
    SHOWN,
    UNATTRIBUTED_CONFIDENCE,
)
from quotetrail.graph.store.driver import Store

BATCH = 500

# What each count is: the speaker list shows quotes, statements and outlets; the outlet list
# articles and quotes.
SPEAKER_TALLIES = """
UNWIND $ids AS sid
MATCH (sp:Speaker {id: sid})
SET sp.quote_count = COUNT { MATCH (sp)<-[:ATTRIBUTED_TO]-(:Quote) }
RETURN count(*) AS n
"""

# Distinct outlets cost every printing of the speaker (35 ms for one quoted 3,700 times):
# recounted for speakers quoted at most HEAVY times on each load (and for all on loads of
# BULK documents or more and on `refresh_all`); a more quoted speaker adds the outlets of the
# load's articles that quote it to the ones it keeps (`outlet_ids`).
SPEAKER_OUTLETS = """
UNWIND $ids AS sid
MATCH (sp:Speaker {id: sid})
WHERE $heavy IS NULL OR sp.quote_count <= $heavy
CALL {
  WITH sp
  OPTIONAL MATCH (sp)<-[:ATTRIBUTED_TO]-(:Quote)<-[:CONTAINS]-(a:Article)
  WITH a, count(*) AS printed
  OPTIONAL MATCH (a)-[:PUBLISHED_BY]->(o:Outlet)
  RETURN collect(DISTINCT o.id) AS outlets
}
SET sp.outlet_ids = outlets, sp.outlet_count = size(outlets)
RETURN count(*) AS n
"""
HEAVY_SPEAKER_OUTLETS = """
UNWIND $ids AS sid
MATCH (sp:Speaker {id: sid})
WHERE sp.quote_count > $heavy
CALL {
  WITH sp
  UNWIND $articles AS aid
  MATCH (a:Article {id: aid})-[:PUBLISHED_BY]->(o:Outlet)
  WHERE EXISTS { MATCH (a)-[:CONTAINS]->(:Quote)-[:ATTRIBUTED_TO]->(sp) }
  RETURN collect(DISTINCT o.id) AS found
}
WITH sp, coalesce(sp.outlet_ids, []) AS known, found
WITH sp, known + [x IN found WHERE NOT x IN known] AS outlets
SET sp.outlet_ids = outlets, sp.outlet_count = size(outlets)
RETURN count(*) AS n
"""
HEAVY = 2000
BULK = 1000

SPEAKERS_OF_ARTICLES = """
UNWIND $ids AS aid
MATCH (:Article {id: aid})-[:CONTAINS]->(:Quote)-[:ATTRIBUTED_TO]->(sp:Speaker)
RETURN DISTINCT sp.id AS id
"""

OUTLETS_OF_ARTICLES = """
UNWIND $ids AS aid
MATCH (:Article {id: aid})-[:PUBLISHED_BY]->(o:Outlet)
RETURN DISTINCT o.id AS id
"""

# `shown_count`: the quotes lists show (not words nobody said, cypher_read.SHOWN), whose sum
# is the unfiltered quote list's total. Whether a quote is shown changes only when its
# article is loaded, which recounts the article's outlet.
OUTLET_TALLIES = """
UNWIND $ids AS oid
MATCH (o:Outlet {id: oid})
SET o.article_count = COUNT { MATCH (o)<-[:PUBLISHED_BY]-(:Article) },
    o.quote_count = COUNT { MATCH (o)<-[:PUBLISHED_BY]-(:Article)-[:CONTAINS]->(:Quote) },
    o.shown_count = COUNT { MATCH (o)<-[:PUBLISHED_BY]-(:Article)-[:CONTAINS]->(q:Quote)
                            WHERE """ + SHOWN + """ }
RETURN count(*) AS n
"""

# A load that only created articles (no reload, no article a killed load left) adds theirs
# to their outlets' counts: recounting an outlet of 20,000 articles took 1.3 to 2.1 s of a
# 5-article load at 100k on ArcadeDB. (Grouped by outlet within the one batch of articles.)
OUTLET_ADDED = """
UNWIND $ids AS aid
MATCH (a:Article {id: aid})-[:PUBLISHED_BY]->(o:Outlet)
WITH o, count(a) AS articles,
     sum(COUNT { MATCH (a)-[:CONTAINS]->(:Quote) }) AS quotes,
     sum(COUNT { MATCH (a)-[:CONTAINS]->(q:Quote) WHERE """ + SHOWN + """ }) AS shown
SET o.article_count = coalesce(o.article_count, 0) + articles,
    o.quote_count = coalesce(o.quote_count, 0) + quotes,
    o.shown_count = coalesce(o.shown_count, 0) + shown
RETURN count(*) AS n
"""

# ... and to the quote counts of the speakers they quote (a recount of every speaker the load
# quotes, with each one's outlets, took 0.3 to 0.6 s of a 5-article load at 100k on ArcadeDB;
# their outlets are added by HEAVY_SPEAKER_OUTLETS, which is exact when nothing is removed).
SPEAKER_ADDED = """
UNWIND $ids AS aid
MATCH (:Article {id: aid})-[:CONTAINS]->(q:Quote)-[:ATTRIBUTED_TO]->(sp:Speaker)
WITH sp, count(q) AS quotes
SET sp.quote_count = coalesce(sp.quote_count, 0) + quotes
RETURN count(*) AS n
"""

# Articles written before `published_ts` existed (graphs of earlier versions).
UNKEYED_ARTICLES = """
MATCH (a:Article) WHERE a.published IS NOT NULL AND a.published_ts IS NULL
RETURN a.id AS id, toString(a.published) AS published LIMIT $limit
"""
SET_PUBLISHED_TS = """
UNWIND $rows AS row
MATCH (a:Article {id: row.id})
SET a.published_ts = row.ts
"""

# Statements linked before linking kept their outlet count (the speaker page shows it).
UNCOUNTED_STATEMENTS = """
MATCH (st:Statement) WHERE st.outlet_count IS NULL
WITH st LIMIT $limit
WITH st, [(st)<-[:VARIANT_OF]-(:Quote)<-[:CONTAINS]-(:Article)-[:PUBLISHED_BY]->(o:Outlet)
          | o.id] AS printed
SET st.outlet_count = size(reduce(seen = [], o IN printed |
                                  CASE WHEN o IN seen THEN seen ELSE seen + o END))
RETURN count(*) AS n
"""

ALL_SPEAKER_IDS = "MATCH (sp:Speaker) RETURN sp.id AS id"
ALL_OUTLET_IDS = "MATCH (o:Outlet) RETURN o.id AS id"
# Whether some speaker, outlet or statement lacks its count (a graph of an earlier version):
# scans them all (72 ms of the 137 ms of a 100k load's tallies), so it runs only while the
# graph has no marker, which the first refresh that finds every count writes.
UNTALLIED = """
CALL { MATCH (sp:Speaker) WHERE sp.quote_count IS NULL RETURN count(sp) AS speakers }
CALL { MATCH (o:Outlet) WHERE o.quote_count IS NULL OR o.shown_count IS NULL
       RETURN count(o) AS outlets }
CALL { MATCH (st:Statement) WHERE st.outlet_count IS NULL RETURN count(st) AS statements }
RETURN speakers + outlets + statements AS n
"""
ANY_NODE = """
CALL { MATCH (a:Article) WITH a LIMIT 1 RETURN count(a) AS articles }
CALL { MATCH (s:Speaker) WITH s LIMIT 1 RETURN count(s) AS speakers }
CALL { MATCH (o:Outlet) WITH o LIMIT 1 RETURN count(o) AS outlets }
CALL { MATCH (st:Statement) WITH st LIMIT 1 RETURN count(st) AS statements }
CALL { MATCH (t:QuoteDay) WITH t LIMIT 1 RETURN count(t) AS days }
RETURN articles + speakers + outlets + statements + days AS n
"""
MARKER = "tallies"
# Version 2: the quotes of each article and day are counted too (quote_days.py); a graph
# marked before (version 1, or none) has them counted once by its next load or relink.
VERSION = 2
NOTE = ("every Speaker, Outlet, Statement, Article and QuoteDay holds its kept counts "
        "(graph/store/tallies.py, quote_days.py)")


def refresh(store: Store, speakers: Iterable[str] = (), articles: Iterable[str] = (), *,
            exact: bool = False, quotes: Iterable[str] = (),
            created: Iterable[str] = (), counted: Iterable[str] = (),
            outlets: Iterable[str] = ()) -> None:
    """Recount the given speakers and those the given articles quote (`exact`: every count
    from their edges, however many), the outlets of the given articles, and the quotes of
    those articles and of the articles of `quotes` (relinked: their mutations may have
    changed); everything, when the graph lacks a count (written by an earlier version).
    When every article is among `created` (new nodes of this load, counted nowhere yet) and
    they are few, their outlets' and speakers' counts are added to instead of recounted.
    `counted`: articles whose quotes relink counted (quote_days.mark_counted); `outlets`:
    more outlets to recount (those reloaded articles left for another outlet)."""
    days_counted = not current(store)
    if days_counted:
        if store.rows(UNTALLIED)[0]["n"]:
            refresh_all(store)
            return
        quote_days.recount_all(store)  # the articles given among them
        _mark(store)
    articles = sorted(set(articles))
    outlets = set(outlets)
    added = bool(articles) and set(articles) <= set(created) and len(articles) <= BATCH \
        and not exact and not speakers and not outlets
    if added:  # new articles only: added to their speakers' and outlets' counts
        _added(store, articles)
        store.write(partial(_run, OUTLET_ADDED, ids=articles,
                            unattributed=UNATTRIBUTED_CONFIDENCE))
    else:  # (DISTINCT holds within one batch of articles only: an outlet is counted once)
        _recount_speakers(store, speakers, articles, exact)
        recount = sorted({*outlets, *(r["id"] for r in _batched(store, OUTLETS_OF_ARTICLES,
                                                                articles))})
        _recount(store, OUTLET_TALLIES, recount, unattributed=UNATTRIBUTED_CONFIDENCE)
    if not days_counted:
        quote_days.recount(store, set(articles) - set(counted), quotes)


def _added(store: Store, articles: list[str]) -> None:
    """Add new `articles` (one batch) to the quote counts and outlets of the speakers they
    quote: what a recount gives when the load removed no quote (every article is new)."""
    ids = sorted({r["id"] for r in _batched(store, SPEAKERS_OF_ARTICLES, articles)})
    store.write(partial(_run, SPEAKER_ADDED, ids=articles))
    _recount(store, HEAVY_SPEAKER_OUTLETS, ids, heavy=-1, articles=articles)


def _recount_speakers(store: Store, speakers: Iterable[str], articles: list[str],
                      exact: bool) -> None:
    """Recount the given speakers and those `articles` quote, from their edges."""
    ids = sorted({*speakers, *(r["id"] for r in _batched(store, SPEAKERS_OF_ARTICLES,
                                                         articles))})
    _recount(store, SPEAKER_TALLIES, ids)
    if exact or len(articles) >= BULK:
        _recount(store, SPEAKER_OUTLETS, ids, heavy=None)
    else:
        _recount(store, SPEAKER_OUTLETS, ids, heavy=HEAVY)
        _recount(store, HEAVY_SPEAKER_OUTLETS, ids, heavy=HEAVY, articles=articles)


def mark_if_empty(store: Store) -> None:
    """An empty graph holds every count (none): marked, its first load keeps them as any
    other load does, instead of counting the whole graph once it is written."""
    if not current(store) and not store.rows(ANY_NODE)[0]["n"]:
        _mark(store)


def current(store: Store) -> bool:
    """Whether the graph holds every kept count of this version (its marker says so)."""
    return meta.marked(store, MARKER, VERSION)


def current_lately(store: Store) -> bool:
    """`current`, as the pages of a list share it (meta.marked_lately)."""
    return meta.marked_lately(store, MARKER, VERSION)


def refresh_all(store: Store) -> None:
    """Every count, every article's date key and every statement's outlet count (what a
    graph of an earlier version lacks)."""
    while rows := store.rows(UNKEYED_ARTICLES, limit=BATCH):
        keyed = [{"id": r["id"], "ts": epoch_seconds(iso(r["published"]))} for r in rows]
        store.write(partial(_run, SET_PUBLISHED_TS, rows=keyed))
    while store.write(partial(_count, UNCOUNTED_STATEMENTS, limit=BATCH)):
        pass
    every_speaker = [r["id"] for r in store.rows(ALL_SPEAKER_IDS)]
    _recount(store, SPEAKER_TALLIES, every_speaker)
    _recount(store, SPEAKER_OUTLETS, every_speaker, heavy=None)
    _recount(store, OUTLET_TALLIES, [r["id"] for r in store.rows(ALL_OUTLET_IDS)],
             unattributed=UNATTRIBUTED_CONFIDENCE)
    quote_days.recount_all(store)
    _mark(store)


def _mark(store: Store) -> None:
    """The graph has every count: later loads keep them, so they need not look again."""
    meta.mark(store, MARKER, NOTE, VERSION)


def _batched(store: Store, query: str, ids: list[str]) -> list[dict]:
    rows: list[dict] = []
    for i in range(0, len(ids), BATCH):
        rows += store.rows(query, ids=ids[i:i + BATCH])
    return rows


def _recount(store: Store, query: str, ids: list[str], **params: Any) -> None:
    for i in range(0, len(ids), BATCH):
        store.write(partial(_run, query, ids=ids[i:i + BATCH], **params))


def _run(query: str, tx: ManagedTransaction, **params: Any) -> None:
    tx.run(query, **params).consume()


def _count(query: str, tx: ManagedTransaction, **params: Any) -> int:
    return int(tx.run(query, **params).single(strict=True)["n"])


def quote_total(store: Store, include_unattributed: bool) -> int:
    """The archive's quotes, or those shown (words nobody said hidden): from the outlets'
    kept counts when every outlet has them."""
    if not include_unattributed:
        shown = store.rows(QUOTES_SHOWN)[0]
        if not shown["untallied"]:
            return int(shown["total"] or 0)
    total: int = store.rows(QUOTE_TOTAL)[0]["total"]
    if include_unattributed:
        return total
    hidden: int = store.rows(QUOTES_HIDDEN,
                             unattributed=UNATTRIBUTED_CONFIDENCE)[0]["total"]
    return total - hidden
