"""How many quotes each day's articles hold, by kind and mutation, kept in the graph.

The whole archive's quotes filtered by kind, mutation or date had to count every quote that
passes for the list's total (574 ms at 100k articles for `kind=direct`, seconds for a
mutation). Each article keeps the counts of its quotes (`Article.quote_counts`, one number per
SLOT: shown or every quote, by kind or any, by mutation or any) and the day it was counted
under (`Article.quote_day`); each day of publication keeps their sum
(`(:QuoteDay {id, day, counts})`, about 400 nodes for 100k articles). A filtered list's total
is then a sum over the days of its date range, exact (a day the range cuts is counted from
its articles), and the days also say which of them the page's rows lie in (`browse.py`).

An article is recounted after it is loaded and after relinking rewrote its quotes' variants
(a mutation may change) or a correction its attributions; its day moves by the difference,
in the same transaction, so the day's sum stays the sum of its articles'. An article a load
created is counted from what the load wrote and linked (`new_counts`), with its linked mark
(`mark_counted`), under the relink's turn: reading every new article's quotes back was 13% of
a 10k load's linking.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import partial
from typing import Any

from neo4j import ManagedTransaction

from quotetrail.graph.model import VariantRecord
from quotetrail.graph.store import topk
from quotetrail.graph.store.cypher_read import UNATTRIBUTED_CONFIDENCE
from quotetrail.graph.store.driver import Store

KINDS: tuple[str | None, ...] = (None, "direct", "partial", "indirect")
MUTATIONS: tuple[str | None, ...] = (None, "verbatim", "trivial", "truncated", "spliced",
                                     "reworded", "paraphrased", "misattributed")
SLOTS = 2 * len(KINDS) * len(MUTATIONS)  # shown or all, x kind or any, x mutation or any
DAY = 86_400
UNDATED_DAY = -(2**40)  # the day of articles with no date: last in every list
BATCH = 500
WHOLE = 50_000  # relinked quotes past which every article is recounted

# Each article's quotes as `kind, confidence, attributed, mutations` (comprehensions from
# the article: a MATCH after it may be planned from the 372k quotes' end on ArcadeDB).
ARTICLE_QUOTES = """
UNWIND $ids AS aid
MATCH (a:Article {id: aid})
RETURN aid, a.published_ts AS ts, a.quote_counts AS old, a.quote_day AS old_day,
       [(a)-[:CONTAINS]->(q:Quote) | [q.kind, q.confidence,
         size([(q)-[:ATTRIBUTED_TO]->(:Speaker) | 1]),
         [(q)-[v:VARIANT_OF]->(:Statement) | v.mutation]]] AS quotes
"""
# A new quote as its load wrote it: its kind, confidence, and whether it has a speaker.
Facts = tuple[str | None, float | None, bool]
# A new article as its load wrote it: its publication time and its quotes' facts by id.
NewArticle = tuple[int | None, Mapping[str, Facts]]
MARK_COUNTED = """
UNWIND $rows AS row
MATCH (a:Article {id: row.id})
SET a.linked = true, a.quote_counts = row.counts, a.quote_day = row.day
"""
SET_ARTICLES = """
UNWIND $rows AS row
MATCH (a:Article {id: row.id})
SET a.quote_counts = row.counts, a.quote_day = row.day
"""
# Each day once per transaction, moved by the difference its articles' recount made.
MOVE_DAYS = """
UNWIND $rows AS row
MERGE (t:QuoteDay {id: row.id})
ON CREATE SET t.day = row.day, t.counts = row.zero
SET t.counts = [i IN range(0, size(row.delta) - 1) | coalesce(t.counts[i], 0) + row.delta[i]]
"""
DAYS = """
MATCH (t:QuoteDay) WHERE t.day >= $lo AND t.day < $top
RETURN t.day AS day, t.counts[$slot] AS n
"""
ALL_ARTICLE_IDS = "MATCH (a:Article) RETURN a.id AS id"
DROP_DAYS = "MATCH (t:QuoteDay) WITH t LIMIT $limit DETACH DELETE t RETURN count(*) AS n"
FORGET_ARTICLES = """
MATCH (a:Article) WHERE a.quote_counts IS NOT NULL
WITH a LIMIT $limit
REMOVE a.quote_counts, a.quote_day
RETURN count(*) AS n
"""
ARTICLES_OF_QUOTES = """
UNWIND $ids AS qid
MATCH (:Quote {id: qid})<-[:CONTAINS]-(a:Article)
RETURN DISTINCT a.id AS id
"""


def slot(kind: str | None, mutation: str | None, every: bool = False) -> int:
    """Where the count of quotes of this kind and mutation (None: any) is kept; `every`
    counts the words nobody said too (the list's include_unattributed)."""
    return (int(every) * len(KINDS) + KINDS.index(kind)) * len(MUTATIONS) + \
        MUTATIONS.index(mutation)


def day_of(ts: int | None) -> int:
    return UNDATED_DAY if ts is None else ts // DAY


def counts_of(quotes: Iterable[list[Any]]) -> list[int]:
    """The SLOTS counts of an article's quotes (`kind, confidence, attributed, mutations`)."""
    counts = [0] * SLOTS
    for kind, confidence, attributed, mutations in quotes:
        shown = (confidence or 0.0) > UNATTRIBUTED_CONFIDENCE or attributed > 0
        kinds = (None, kind) if kind in KINDS else (None,)
        muts = (None, *sorted({m for m in mutations or () if m in MUTATIONS}))
        for every in (True, False) if shown else (True,):
            for k in kinds:
                for m in muts:
                    counts[slot(k, m, every)] += 1
    return counts


def recount(store: Store, articles: Iterable[str] = (), quotes: Iterable[str] = ()) -> None:
    """Recount the given articles and those of the given quotes, moving their days."""
    ids = set(articles)
    quotes = sorted(set(quotes))
    if len(quotes) >= WHOLE:  # a whole relink's: reading every article is less
        ids.update(r["id"] for r in store.rows(ALL_ARTICLE_IDS))
        quotes = []
    for i in range(0, len(quotes), BATCH):
        ids.update(r["id"] for r in store.rows(ARTICLES_OF_QUOTES, ids=quotes[i:i + BATCH]))
    ordered = sorted(ids)
    for i in range(0, len(ordered), BATCH):
        store.write(partial(_recount, ids=ordered[i:i + BATCH]))


def recount_all(store: Store) -> None:
    """Every article and day counted afresh (a graph of an earlier version; a full relink)."""
    while store.write(lambda tx: _count(tx, DROP_DAYS, limit=BATCH * 10)):
        pass
    while store.write(lambda tx: _count(tx, FORGET_ARTICLES, limit=BATCH * 4)):
        pass
    recount(store, [r["id"] for r in store.rows(ALL_ARTICLE_IDS)])


def new_counts(articles: Mapping[str, NewArticle],
               variants: Iterable[VariantRecord]) -> list[dict[str, Any]]:
    """The rows `mark_counted` writes for articles a load created, from their quotes'
    facts and the variants linking gave them (what the graph holds once they are written)."""
    mutations: dict[str, list[str]] = {}
    for v in variants:
        mutations.setdefault(v.quote_id, []).append(v.mutation)
    return [{"id": aid, "day": day_of(ts), "counts": counts_of(
        [kind, confidence, int(attributed), mutations.get(qid, [])]
        for qid, (kind, confidence, attributed) in quotes.items())}
        for aid, (ts, quotes) in sorted(articles.items())]


def mark_counted(tx: ManagedTransaction, rows: list[dict[str, Any]]) -> None:
    """Mark new articles linked with their counts (`new_counts`), added to their days."""
    tx.run(MARK_COUNTED, rows=rows).consume()
    delta: dict[int, list[int]] = {}
    for r in rows:
        _add(delta, r["day"], r["counts"], 1)
    tx.run(MOVE_DAYS, rows=_moved(delta)).consume()


def _recount(tx: ManagedTransaction, ids: list[str]) -> None:
    rows, delta = [], dict[int, list[int]]()
    for r in tx.run(ARTICLE_QUOTES, ids=ids):
        counts, day = counts_of(r["quotes"] or []), day_of(r["ts"])
        rows.append({"id": r["aid"], "counts": counts, "day": day})
        _add(delta, day, counts, 1)
        if r["old"] is not None:
            _add(delta, r["old_day"], list(r["old"]), -1)
    tx.run(SET_ARTICLES, rows=rows).consume()
    tx.run(MOVE_DAYS, rows=_moved(delta)).consume()


def _moved(delta: dict[int, list[int]]) -> list[dict[str, Any]]:
    return [{"id": f"day:{day}", "day": day, "delta": d, "zero": [0] * SLOTS}
            for day, d in sorted(delta.items()) if any(d)]


def _add(delta: dict[int, list[int]], day: int, counts: list[int], sign: int) -> None:
    into = delta.setdefault(day, [0] * SLOTS)
    for i, n in enumerate(counts[:SLOTS]):
        into[i] += sign * n


def _count(tx: ManagedTransaction, query: str, **params: Any) -> int:
    return int(tx.run(query, **params).single(strict=True)["n"])


def days(store: Store, at: int, lo: int = UNDATED_DAY, top: int = 2**62
         ) -> list[tuple[int, int]]:
    """`(day, rows)` of the days in `[lo, top)` with rows at `at`, newest first: read again
    only when not `topk.fresh` (the pages of one list, and its total, share one read)."""
    return sorted(((r["day"], r["n"]) for r in topk.tally(store, DAYS, slot=at, lo=lo, top=top)
                   if r["n"]), reverse=True)
