"""Link keys for a graph written before they existed: quotes without `runs` (or `wording`)
and statements without `said` (graph/link/keys.py). Without them a small load's lookups
(graph/store/link_lookup.py) find no quote sharing a run and no splice part among the old
nodes, and would link silently less than a full linking. The first relink of such a graph
writes them (each statement's from its speaker and its quotes' texts: no relinking); a
`(:Meta {id: 'link-keys'})` node then says the graph has them, so later loads ask one row.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from neo4j import ManagedTransaction

from quotetrail.graph.link.keys import key_props, said
from quotetrail.graph.store import cypher_link, meta
from quotetrail.graph.store.driver import Store
from quotetrail.graph.store.writer import unwind

KEYS_BATCH = 2_000  # quotes or statements given keys per transaction
MARKER = "link-keys"
NOTE = "every Quote holds its runs and every Statement its said key (graph/link/keys.py)"

STATEMENTS_WITHOUT_SAID = "MATCH (st:Statement) WHERE st.said IS NULL RETURN st.id AS id"
# (a statement's speaker is the one Speaker that MADE it, if any)
SAID_INPUT = """
UNWIND $ids AS id
MATCH (st:Statement {id: id})
OPTIONAL MATCH (sp:Speaker)-[:MADE]->(st)
RETURN st.id AS id, sp.id AS speaker, [(st)<-[:VARIANT_OF]-(q:Quote) | q.text] AS texts
"""
SET_SAID = """
UNWIND $rows AS row
MATCH (st:Statement {id: row.id})
SET st.said = row.said
"""


def ensure(store: Store, repair: bool = False) -> None:
    """Give every quote and statement its link keys, once per graph (see the module), or
    whatever the marker says (`repair`: `quotetrail relink`)."""
    if not repair and meta.marked(store, MARKER):
        return
    give_quote_keys(store)
    ids = [r["id"] for r in store.rows(STATEMENTS_WITHOUT_SAID)]
    for i in range(0, len(ids), KEYS_BATCH):
        rows = [{"id": r["id"], "said": said(r["speaker"], [t or "" for t in r["texts"]])}
                for r in store.rows(SAID_INPUT, ids=ids[i:i + KEYS_BATCH])]
        store.write(partial(_unwind, query=SET_SAID, rows=rows))
    meta.mark(store, MARKER, NOTE)


def give_quote_keys(store: Store) -> None:
    """Link keys for quotes written before they existed."""
    while rows := store.rows(cypher_link.QUOTES_WITHOUT_KEYS, limit=KEYS_BATCH):
        keyed = [{"id": r["id"], "keys": k}
                 for r, k in zip(rows, key_props([r["text"] or "" for r in rows]), strict=True)]
        store.write(partial(_unwind, query=cypher_link.SET_QUOTE_KEYS, rows=keyed))


def _unwind(tx: ManagedTransaction, query: str, rows: list[dict[str, Any]]) -> None:
    unwind(tx, query, rows)
