"""The articles written and not yet linked, each named by a `(:Pending {id})` node: written
in the transaction of its article, deleted in the one that marks it linked. A load killed
between the two leaves them, and the next load links them first.

They were found by `Article.linked = false`, through its index. On ArcadeDB that lookup
walks every entry the key ever had (an LSM index keeps the removed ones): 20 to 60 ms of
each load into the 100k archive, and growing with it. The Pending nodes of a graph are only
its unlinked articles' (3 ms after 100,000 were written and deleted). `linked` is kept.

A graph written before them gets one per unlinked article at its next load (a
`(:Meta {id: 'pending-articles'})` node).
"""

from __future__ import annotations

from neo4j import ManagedTransaction

from quotetrail.graph.store import meta
from quotetrail.graph.store.driver import Store

MARKER = "pending-articles"
NOTE = "every article not yet linked has its Pending node (graph/store/pending.py)"

ADD = "UNWIND $articles AS aid MERGE (:Pending {id: aid})"
DONE = "UNWIND $articles AS aid MATCH (p:Pending {id: aid}) DELETE p"
UNLINKED = "MATCH (p:Pending) RETURN p.id AS article"
# ... given to a graph written before them, once
FROM_LINKED = "MATCH (a:Article) WHERE a.linked = false MERGE (:Pending {id: a.id})"


def add(tx: ManagedTransaction, articles: list[str]) -> None:
    """In the transaction writing `articles`: they wait to be linked."""
    tx.run(ADD, articles=articles).consume()


def done(tx: ManagedTransaction, articles: list[str]) -> None:
    """In the transaction marking `articles` linked."""
    if articles:
        tx.run(DONE, articles=articles).consume()


def unlinked(store: Store) -> set[str]:
    """The articles written and not yet linked."""
    meta.once(store, MARKER, NOTE, FROM_LINKED)
    return {r["article"] for r in store.rows(UNLINKED)}
