"""Each MADE edge keeps its statement's place in its speaker's timeline, and each statement
its speaker's id with it, indexed (graph/store/timeline_order.py), so a speaker's statements
are paged from that index: written with the edge, set again when a kept statement's first
print changes or its speaker is folded into another, and given to a graph written before
it at its first load."""

from __future__ import annotations

from quotetrail.graph.store import browse, cypher_read, meta, timeline_order
from quotetrail.loaders.records import Document
from quotetrail.pipeline import load

from helpers import clear

STOLTENBERG = "sp-jens-stoltenberg"
QUOTES = [  # made up: five statements of one speaker over two days
    "The harbour of Tallinn will host a new allied logistics centre next spring.",
    "Our air policing mission over the Baltic states has never been more important.",
    "Finland and Sweden are the closest partners this alliance has ever had.",
    "We have doubled the number of exercises in the High North this year.",
    "No ally will ever be left alone to face pressure on its borders.",
]
QUOTE = QUOTES[1]
KEYS = """
MATCH (sp:Speaker)-[m:MADE]->(st:Statement)
RETURN st.id AS id, st.first_seen AS first_seen, m.order AS order, sp.id AS speaker,
       st.timeline AS timeline
"""
UNKEYED = """
MATCH (st:Statement) WHERE st.timeline IS NOT NULL AND NOT EXISTS { MATCH (st)<-[:MADE]-() }
RETURN st.id AS id
"""


def doc(name: str, published: str, quotes: list[str] = [QUOTE]) -> Document:  # noqa: B006
    said = " ".join(f"Jens Stoltenberg said: \u201c{q}\u201d" for q in quotes)
    return Document(text=f"{said} Reported by the {name} desk.", source=f"{name}.txt", title=name,
                    outlet=f"{name.title()} Times", published=published)


def _archive(store) -> None:
    assert not load(store, [doc("monday", "2022-02-14", QUOTES[:3]),
                            doc("tuesday", "2022-02-15T09:30:00+02:00", QUOTES[3:])]).failed


def _keyed_as_first_seen_says(store) -> None:
    rows = store.rows(KEYS)
    assert rows and all(r["order"] == timeline_order.order_key(r["first_seen"], r["id"])
                        for r in rows)
    assert all(r["timeline"] == f"{r['speaker']}|{r['order']}" for r in rows)
    assert not store.rows(UNKEYED)


def _pages(store, limit: int = 2) -> list[list[str]]:
    total = browse.speaker_head(store, STOLTENBERG).statements_total
    return [[s.id for s in browse.speaker(store, STOLTENBERG, limit=limit,
                                          offset=at).statements]
            for at in range(0, total, limit)]


def _sorted_by_statements(store, limit: int = 2) -> list[list[str]]:
    rows = store.rows(cypher_read.SPEAKER_STATEMENTS_UNKEYED, id=STOLTENBERG, limit=1000,
                      offset=0)
    ids = [r["id"] for r in rows]
    return [ids[at:at + limit] for at in range(0, len(ids), limit)]


def test_made_edges_keep_the_timeline_order_and_an_older_graph_gets_it(empty_store):
    _archive(empty_store)
    assert timeline_order.current(empty_store)
    _keyed_as_first_seen_says(empty_store)
    load(empty_store, [doc("later", "2022-03-20")])  # joins a statement: the append path
    # a part of it printed the day before: the statement stays, its first print moves
    load(empty_store, [doc("earlier", "2022-02-13", ["air policing mission over the Baltic"])])
    _keyed_as_first_seen_says(empty_store)
    keyed = _pages(empty_store)
    assert len(keyed) > 1 and keyed == _sorted_by_statements(empty_store)
    assert timeline_order.page(empty_store, STOLTENBERG, limit=2, offset=2) is not None
    # the same graph as a version before the key wrote it: no key, no marker
    empty_store.write(lambda tx: tx.run(
        "MATCH (:Speaker)-[m:MADE]->(st) REMOVE m.order, st.timeline WITH count(*) AS n "
        "MATCH (m:Meta) WHERE m.id IN $ids DETACH DELETE m",
        ids=[timeline_order.MARKER, timeline_order.KEYED]).consume())
    assert not timeline_order.current(empty_store) and not timeline_order.keyed(empty_store)
    assert _pages(empty_store) == keyed
    load(empty_store, [doc("latest", "2022-03-21", [QUOTES[4]])])
    assert meta.marked(empty_store, timeline_order.MARKER) and timeline_order.keyed(empty_store)
    _keyed_as_first_seen_says(empty_store)
    assert _pages(empty_store) == _sorted_by_statements(empty_store)
    clear(empty_store)
