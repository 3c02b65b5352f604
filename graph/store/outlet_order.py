"""Each article keeps `outlet_time` (its outlet's id, `|`, its date inverted so that the
newest sorts first and the undated last, `|`, its id), indexed, so one outlet's articles
are paged from a range of that index, as a speaker's statements are (timeline_order.py).
Reuters' 1,444 articles in the 100k archive were sorted by date for each page of 50, each
article read whole, text and all.

The key is written with the article's properties (writer.py: created or reloaded, so a
reload that moves it to another outlet or date moves the key too), and given to a graph
written before it at its first relink (a `(:Meta {id: 'outlet-time'})` node); until then
the list sorts the outlet's articles.
"""

from __future__ import annotations

from typing import Any

from quotetrail.graph.dates import epoch_seconds, iso
from quotetrail.graph.store import key_range, meta
from quotetrail.graph.store.cypher_read import ARTICLE_COLUMNS
from quotetrail.graph.store.driver import Store

MARKER = "outlet-time"
MARKERS = {MARKER: 1}  # what `ensure` leaves (upgrade.py asks them with the others)
NOTE = "every article holds its outlet-and-date key (graph/store/outlet_order.py)"
NEWEST = 2**62  # above every date, as seconds since 1970 (cypher_read.UNDATED is below them)

UNKEYED = """
MATCH (a:Article)-[:PUBLISHED_BY]->(o:Outlet) WHERE a.outlet_time IS NULL
RETURN a.id AS id, o.id AS outlet, toString(a.published) AS published
"""
SET_KEYS = """
UNWIND $rows AS row
MATCH (a:Article {id: row.id})
SET a.outlet_time = row.key
"""
KEYS = key_range.keys_query("Article", "outlet_time")
# The page whose keys run from $start to $cut, in the list's order (newest first, then id),
# its columns projected from the range's rows (a MATCH by id after the range, as the filtered
# list reads its page, was planned from the other end: 320 ms against 10).
PAGE = ("MATCH (a:Article) WHERE a.outlet_time >= $start AND a.outlet_time <= $cut"
        + ARTICLE_COLUMNS)


def key(outlet_id: str, published: Any, article_id: str) -> str:
    """Sorts an outlet's articles as the list does: newest first, undated last, then id;
    `published` is ISO text, a driver datetime or None."""
    seconds = epoch_seconds(iso(published))
    return f"{outlet_id}|{NEWEST * 2 if seconds is None else NEWEST - seconds:020d}|{article_id}"


def keyed(store: Store) -> bool:
    return meta.marked(store, MARKER)


def ensure(store: Store) -> None:
    """Give every article its key, once per graph."""
    if keyed(store):
        return
    key_range.give(store, SET_KEYS, [
        {"id": r["id"], "key": key(r["outlet"], r["published"], r["id"])}
        for r in store.rows(UNKEYED)])
    meta.mark(store, MARKER, NOTE)


def page(store: Store, filters: dict[str, Any], limit: int,
         offset: int) -> list[dict[str, Any]] | None:
    """Article rows `offset` to `offset + limit` of one outlet's list from the index, when
    `filters` name that one outlet alone in a keyed graph; None when the caller must sort
    (key_range.page)."""
    outlets = filters.get("outlets") or []
    if set(filters) != {"outlets"} or len(outlets) != 1 or not meta.marked_lately(store, MARKER):
        return None
    return key_range.page(store, KEYS, PAGE, outlets[0], limit, offset)
