"""Link keys for a graph written before they existed: quotes without `runs` (or `wording`)
and statements without `said` or `prints` (graph/link/keys.py). Without them a small load's
lookups (graph/store/link_lookup.py) find no quote sharing a run and no splice part among
the old nodes, and would link silently less than a full linking. The first relink of such a
graph writes them (each statement's from its speaker and its quotes: no relinking), in parts
of KEYS_BATCH; a `(:Meta {id: 'link-keys'})` node then says the graph has them, so later
loads ask one row. Version 2 of it: statements hold `prints` too (a graph marked 1 gets
only those).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from quotetrail.graph.link.keys import key_props, said, statement_prints
from quotetrail.graph.store import cypher_link, meta
from quotetrail.graph.store.driver import Store
from quotetrail.graph.store.writer import unwind

KEYS_BATCH = 2_000  # quotes or statements given keys per transaction
MARKER = "link-keys"
VERSION = 2  # 1: quotes' keys and statements' `said`; 2: and statements' `prints`
MARKERS = {MARKER: VERSION}  # what `ensure` leaves (upgrade.py asks them with the others)
NOTE = ("every Quote holds its runs and every Statement its said and prints keys "
        "(graph/link/keys.py)")

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
STATEMENTS_WITHOUT_PRINTS = "MATCH (st:Statement) WHERE st.prints IS NULL RETURN st.id AS id"
PRINTS_INPUT = """
UNWIND $ids AS id
MATCH (st:Statement {id: id})
OPTIONAL MATCH (st)<-[v:VARIANT_OF]-(q:Quote)
RETURN st.id AS id, q.id AS quote, q.text AS text, v.mutation AS mutation
"""
SET_PRINTS = """
UNWIND $rows AS row
MATCH (st:Statement {id: row.id})
SET st.prints = row.prints
"""


def current(store: Store) -> bool:
    """Whether every statement holds its `prints` (and every quote its keys)."""
    return meta.marked(store, MARKER, VERSION)


def ensure(store: Store, repair: bool = False) -> None:
    """Give every quote and statement its link keys, once per graph (see the module), or
    whatever the marker says (`repair`: `quotetrail relink`)."""
    if not repair and current(store):
        return
    if repair or not meta.marked(store, MARKER):
        give_quote_keys(store)
        _give(store, STATEMENTS_WITHOUT_SAID, SAID_INPUT, SET_SAID, _said)
    _give(store, STATEMENTS_WITHOUT_PRINTS, PRINTS_INPUT, SET_PRINTS, _prints)
    meta.mark(store, MARKER, NOTE, VERSION)


def _give(store: Store, missing: str, read: str, write: str,
          rows: Callable[[list[dict[str, Any]]], list[dict[str, Any]]]) -> None:
    """Statements `missing` a key: `read` what it is made of, `write` it (`rows` of what was
    read), KEYS_BATCH statements at a time."""
    ids = [r["id"] for r in store.rows(missing)]
    for i in range(0, len(ids), KEYS_BATCH):
        store.write(partial(unwind, query=write,
                            rows=rows(store.rows(read, ids=ids[i:i + KEYS_BATCH]))))


def _said(read: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"id": r["id"], "said": said(r["speaker"], [t or "" for t in r["texts"]])}
            for r in read]


def _prints(read: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A row per statement with its `prints`, of rows per (statement, quote) (a statement
    with no quote has one row, of nulls, and no prints)."""
    prints: dict[str, list[tuple[str, str, str | None]]] = {}
    for r in read:
        of = prints.setdefault(r["id"], [])
        if r["quote"] is not None:
            of.append((r["quote"], r["text"] or "", r["mutation"]))
    return [{"id": sid, "prints": statement_prints(p)} for sid, p in prints.items()]


def give_quote_keys(store: Store) -> None:
    """Link keys for quotes written before they existed."""
    while rows := store.rows(cypher_link.QUOTES_WITHOUT_KEYS, limit=KEYS_BATCH):
        keyed = [{"id": r["id"], "keys": k}
                 for r, k in zip(rows, key_props([r["text"] or "" for r in rows]), strict=True)]
        store.write(partial(unwind, query=cypher_link.SET_QUOTE_KEYS, rows=keyed))
