"""A page of one owner's rows from an index on a text key that starts with the owner's id
and `|` (a speaker's statements, timeline_order.py; an outlet's articles, outlet_order.py).

The page's keys are the start of the owner's range, read with no ORDER BY: both engines read
an index range in key order and stop at the LIMIT, where an ORDER BY makes ArcadeDB sort the
whole range. The rows between the page's first and last key are then read and sorted.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from neo4j import ManagedTransaction

from quotetrail.graph.store.driver import Store

DEEPEST = 500  # a page reaching further is the caller's to sort (each key read: ~50 us)
BATCH = 2_000  # rows given their key per transaction (an older graph's first load)


def give(store: Store, query: str, rows: list[dict[str, Any]]) -> None:
    """Run `query` (an UNWIND of $rows setting keys) over `rows`, BATCH per transaction."""
    for i in range(0, len(rows), BATCH):
        store.write(partial(_run, query=query, rows=rows[i:i + BATCH]))


# Not writer.unwind: writer imports outlet_order, which imports this module.
def _run(tx: ManagedTransaction, query: str, rows: list[dict[str, Any]]) -> None:
    tx.run(query, rows=rows).consume()


def keys_query(label: str, key: str) -> str:
    """The first $n keys of the range [$lo, $hi) of `label`'s index on `key`."""
    return (f"MATCH (n:{label}) WHERE n.{key} >= $lo AND n.{key} < $hi "
            f"RETURN n.{key} AS k LIMIT $n")


def page(store: Store, keys: str, rows: str, owner: str, limit: int,
         offset: int) -> list[dict[str, Any]] | None:
    """Rows `offset` to `offset + limit` of `owner`'s range: `keys` is its `keys_query`,
    `rows` reads those with keys from $start to $cut. None past DEEPEST, or when the keys
    came out of order (an engine reading the index otherwise): the caller sorts."""
    if offset + limit > DEEPEST:
        return None
    found = [r["k"] for r in store.rows(keys, lo=f"{owner}|", hi=f"{owner}}}",
                                        n=offset + limit)]
    if found != sorted(found):
        return None
    if len(found) <= offset:
        return []
    return store.rows(rows, start=found[offset], cut=found[-1], limit=limit, offset=0)
