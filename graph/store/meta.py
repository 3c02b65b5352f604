"""Markers a graph keeps of what it holds (`(:Meta {id, version, note})`): a load asks one
row instead of scanning the graph for what an earlier version of quotetrail left out."""

from __future__ import annotations

from quotetrail.graph.store import topk
from quotetrail.graph.store.driver import Store

# A marker of an earlier version (or none; a marker with no version is version 1) does not
# count: what that version lacked is given again.
MARKED = ("MATCH (m:Meta {id: $id}) WHERE coalesce(m.version, 1) >= $version "
          "RETURN count(m) AS n")
VERSIONS = "MATCH (m:Meta) WHERE m.id IN $ids RETURN m.id AS id, coalesce(m.version, 1) AS version"
MARK_ALL = ("UNWIND $rows AS row MERGE (m:Meta {id: row.id}) "
            "SET m.note = $note, m.version = row.version")
MARK = "MERGE (m:Meta {id: $id}) SET m.note = $note, m.version = $version"


def marked(store: Store, marker: str, version: int = 1) -> bool:
    return bool(store.rows(MARKED, id=marker, version=version)[0]["n"])


def all_marked(store: Store, markers: dict[str, int]) -> bool:
    """Whether the graph holds every marker of `markers` (id -> version), in one query."""
    rows = store.rows(VERSIONS, ids=sorted(markers))
    held = {r["id"]: r["version"] for r in rows}
    return all(held.get(m, 0) >= v for m, v in markers.items())


def marked_lately(store: Store, marker: str, version: int = 1) -> bool:
    """`marked`, as the pages of a list share it (topk.tally: read again after a write)."""
    return bool(topk.tally(store, MARKED, id=marker, version=version)[0]["n"])


def mark(store: Store, marker: str, note: str, version: int = 1) -> None:
    store.write(lambda tx: tx.run(MARK, id=marker, note=note, version=version).consume())


def mark_all(store: Store, markers: dict[str, int], note: str) -> None:
    """Write every marker of `markers` (id -> version) in one transaction."""
    rows = [{"id": m, "version": v} for m, v in sorted(markers.items())]
    store.write(lambda tx: tx.run(MARK_ALL, rows=rows, note=note).consume())


def once(store: Store, marker: str, note: str, query: str) -> None:
    """Run `query` (a write giving a graph of an earlier version what it lacks) unless the
    graph is marked, then mark it: run again if killed before the mark, it changes nothing."""
    if not marked(store, marker):
        store.write(lambda tx: tx.run(query).consume())
        mark(store, marker, note)
