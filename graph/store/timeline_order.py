"""Each `MADE` edge keeps its statement's place in its speaker's timeline (`order`: first
seen, then id, as text that sorts the same), so a speaker's statements are paged by a
property of the edges alone. ArcadeDB reads a node's whole record to compare one property:
sorting the 10,732 statements of the most quoted speaker of a 100k archive by `first_seen`
read every statement (with its text and link keys) for each page.

The key is written with the edge (cypher.CREATE_STATEMENTS, relink_write's MAKE) and set
again when a kept statement's first print changes (relink_write.SET_STATEMENTS). A graph
written before it gets it at its first relink, and a `(:Meta {id: 'timeline-order'})` node
then says so; until then the speaker's page sorts the statements themselves.

Sorting the edges still read all 10,732 of them for a page of 50 (55 of that speaker's 62 ms
on ArcadeDB). So each statement with a speaker also keeps `timeline` (its speaker's id, `|`,
the edge's key), indexed: a page's keys are the start of the speaker's range of that index,
which both engines read in key order and stop at a LIMIT (ArcadeDB's Cypher sorts the whole
range for an ORDER BY). It is written with the statement's properties and by MAKE, removed
by UNMAKE and when a speaker is folded into another, and given to a graph written before it
at its first relink (a `(:Meta {id: 'statement-timeline'})` node).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from quotetrail.graph.dates import iso
from quotetrail.graph.store import key_range, meta
from quotetrail.graph.store.cypher_read import SPEAKER_STATEMENT_COLUMNS
from quotetrail.graph.store.driver import Store

MARKER = "timeline-order"
NOTE = "every MADE edge holds its statement's timeline order (graph/store/timeline_order.py)"
KEYED = "statement-timeline"
KEYED_NOTE = ("every statement with a speaker holds its timeline key "
              "(graph/store/timeline_order.py)")
MARKERS = {MARKER: 1, KEYED: 1}  # what `ensure` leaves (upgrade.py asks them with the others)

MISSING = """
MATCH (:Speaker)-[m:MADE]->(st:Statement) WHERE m.order IS NULL
RETURN st.id AS id, toString(st.first_seen) AS first_seen
"""
SET_ORDER = """
UNWIND $rows AS row
MATCH (st:Statement {id: row.id})
MATCH (:Speaker)-[m:MADE]->(st)
SET m.order = row.order
"""
UNKEYED = """
MATCH (sp:Speaker)-[m:MADE]->(st:Statement) WHERE st.timeline IS NULL
RETURN st.id AS id, sp.id + '|' + m.order AS timeline
"""
SET_TIMELINE = """
UNWIND $rows AS row
MATCH (st:Statement {id: row.id})
SET st.timeline = row.timeline
"""
KEYS = key_range.keys_query("Statement", "timeline")
# The page whose keys run from $start to $cut, sorted all the same.
PAGE = """
MATCH (st:Statement) WHERE st.timeline >= $start AND st.timeline <= $cut
WITH st ORDER BY st.timeline LIMIT $limit""" + SPEAKER_STATEMENT_COLUMNS


def order_key(first_seen: Any, statement_id: str) -> str:
    """Sorts as (first seen, id) with undated statements last; `first_seen` is ISO text or a
    driver datetime."""
    when = iso(first_seen)
    if when is None:
        return f"1|{statement_id}"
    at = datetime.fromisoformat(when).astimezone(UTC)
    return f"0|{at.strftime('%Y-%m-%dT%H:%M:%S.%f')}|{statement_id}"


def current(store: Store) -> bool:
    return meta.marked(store, MARKER)


def keyed(store: Store) -> bool:
    return meta.marked(store, KEYED)


def ensure(store: Store) -> None:
    """Give every `MADE` edge its key, then every statement with a speaker its own, once per
    graph."""
    if not current(store):
        key_range.give(store, SET_ORDER, [
            {"id": r["id"], "order": order_key(r["first_seen"], r["id"])}
            for r in store.rows(MISSING)])
        meta.mark(store, MARKER, NOTE)
    if not keyed(store):
        key_range.give(store, SET_TIMELINE, store.rows(UNKEYED))
        meta.mark(store, KEYED, KEYED_NOTE)


def page(store: Store, speaker_id: str, limit: int, offset: int) -> list[dict[str, Any]] | None:
    """Statement rows `offset` to `offset + limit` of the speaker's timeline, from the index
    on `timeline` (in a `keyed` graph; None when the caller must sort, key_range.page)."""
    return key_range.page(store, KEYS, PAGE, speaker_id, limit, offset)
