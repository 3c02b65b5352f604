"""The append path (graph/store/relink_write.py): a small load whose quotes join statements
without changing what they are adds its edges and updates the statements' counts, leaving
the statement nodes and the other quotes' edges in place; the graph is the one a full
relink gives (every property of statements and edges; test_relink_incremental.py compares
small loads with loading everything at once)."""

from __future__ import annotations

import random

from quotetrail.graph.store import quote_days
from quotetrail.graph.store.relink import relink
from quotetrail.loaders.records import Document
from quotetrail.pipeline import load

from helpers import DERIVED_ROWS, LINKED_ROWS, clear

X1 = "We will never accept a new division of Europe into spheres of influence."
DOORS = "The alliance will keep its doors open to every democracy in Europe that wants to join."
WORDS = ("harbour", "lantern", "orchard", "quarry", "meadow", "glacier", "tundra", "canyon",
         "pebble", "willow", "thistle", "falcon", "badger", "otter", "heron", "marble")

NODES = """
MATCH (st:Statement)
RETURN count(st) AS statements, COUNT { MATCH ()-[:MADE]->() } AS made
"""
COUNTS = """
MATCH (a:Article)
RETURN a.id AS id, a.linked AS linked, a.quote_counts AS counts, a.quote_day AS day
ORDER BY id
"""
DAYS = "MATCH (d:QuoteDay) RETURN d.id AS id, d.counts AS counts ORDER BY id"
KEPT = """
MATCH (q:Quote)-[v:VARIANT_OF]->(st:Statement {text: $text})
RETURN st.probe AS statement, v.probe AS edge, st.quote_count AS quotes,
       v.speaker_inferred_from AS inferred
ORDER BY q.id
"""


def doc(name: str, body: str, day: int, outlet: str | None = None) -> Document:
    return Document(text=body, source=f"{name}.txt", title=name,
                    outlet=outlet or f"{name.title()} Times", published=f"2022-03-{day:02d}")


def archive() -> list[Document]:
    rng = random.Random(7)
    fillers = [doc(f"filler{i}", 'Mayor Tomas Hal{} said: "{}." He spoke at noon.'.format(
        i, " ".join(rng.sample(WORDS, 12)).capitalize()), 1) for i in range(8)]
    return [*fillers,
            doc("first", f'Ilse Marwick said: "{X1}" She spoke in Brussels.', 2),
            doc("second", f'Ilse Marwick said on Tuesday: "{X1}" She spoke to reporters.', 3),
            # credited to nobody: shows the speaker inferred from the 2 prints naming her
            doc("banner", f'A banner in the square read: "{X1}"', 4),
            doc("doors", f'Karin Dorn said: "{DOORS}" She spoke in Vilnius.', 4, "Wire Service")]


def reprints() -> list[Document]:
    """New prints of known words, later than every print before: they change no statement's
    reference, speaker or first print (the banner's inferred speaker gets one more print)."""
    return [doc("again", f'Ilse Marwick said: "{X1}" She spoke in Riga.', 8),
            doc("copy", f'According to Wire Service, Karin Dorn said: "{DOORS}" She spoke in '
                        f'Vilnius.', 9)]


def whole(store) -> tuple[list, list, list]:
    return store.rows(LINKED_ROWS), store.rows(DERIVED_ROWS), store.rows(NODES)


def test_new_prints_of_known_statements_are_appended_as_a_full_relink_writes_them(
        empty_store):
    assert not load(empty_store, archive()).failed
    empty_store.write(lambda tx: tx.run(
        "MATCH (q:Quote)-[v:VARIANT_OF]->(st:Statement) SET st.probe = st.id, v.probe = q.id"
    ).consume())
    before = empty_store.rows(KEPT, text=X1)
    assert [r["quotes"] for r in before] == [3, 3, 3]
    assert not load(empty_store, reprints()).failed
    after = empty_store.rows(KEPT, text=X1)
    # the statement node and its old quotes' unchanged edges are the ones written before;
    # one new edge, and the banner's rewritten with one more print naming the speaker
    assert [r["quotes"] for r in after] == [4, 4, 4, 4]
    assert {r["statement"] for r in after} == {before[0]["statement"]}
    assert [r["edge"] for r in after if r["edge"]] == [
        r["edge"] for r in before if r["inferred"] is None]
    assert [r["inferred"] for r in before if r["inferred"]] == [2]
    assert [r["inferred"] for r in after if r["inferred"]] == [3]
    # marked linked, with the new articles' quote counts, in the append path's transaction
    counts = empty_store.rows(COUNTS), empty_store.rows(DAYS)
    assert {r["linked"] for r in counts[0]} == {True}
    quote_days.recount_all(empty_store)
    assert (empty_store.rows(COUNTS), empty_store.rows(DAYS)) == counts
    appended = whole(empty_store)
    relink(empty_store)  # the repair: every statement written anew from all quotes
    assert whole(empty_store) == appended
    clear(empty_store)
