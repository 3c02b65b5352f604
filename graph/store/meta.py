"""Markers a graph keeps of what it holds (`(:Meta {id, version, note})`): a load asks one
row instead of scanning the graph for what an earlier version of quotetrail left out."""

from __future__ import annotations

from quotetrail.graph.store import topk
from quotetrail.graph.store.driver import Store

# A marker of an earlier version (or none; a marker with no version is version 1) does not
# count: what that version lacked is given again.
MARKED = ("MATCH (m:Meta {id: $id}) WHERE coalesce(m.version, 1) >= $version "
          "RETURN count(m) AS n")
MARK = "MERGE (m:Meta {id: $id}) SET m.note = $note, m.version = $version"


def marked(store: Store, marker: str, version: int = 1) -> bool:
    return bool(store.rows(MARKED, id=marker, version=version)[0]["n"])


def marked_lately(store: Store, marker: str, version: int = 1) -> bool:
    """`marked`, as the pages of a list share it (topk.tally: read again after a write)."""
    return bool(topk.tally(store, MARKED, id=marker, version=version)[0]["n"])


def mark(store: Store, marker: str, note: str, version: int = 1) -> None:
    store.write(lambda tx: tx.run(MARK, id=marker, note=note, version=version).consume())


def once(store: Store, marker: str, note: str, query: str) -> None:
    """Run `query` (a write giving a graph of an earlier version what it lacks) unless the
    graph is marked, then mark it: run again if killed before the mark, it changes nothing."""
    if not marked(store, marker):
        store.write(lambda tx: tx.run(query).consume())
        mark(store, marker, note)
