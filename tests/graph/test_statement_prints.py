"""A Statement's `prints` link key (graph/link/keys.py): each distinct print of it, kept on
the node and written wherever `said` is, so the splice lookup reads one row per statement
found (graph/store/link_lookup.py) and not every quote of it; a graph written before it gets
it at its first load (graph/store/key_backfill.py, link-keys marker version 2)."""

from __future__ import annotations

from quotetrail.graph.link.keys import read_prints
from quotetrail.graph.store import key_backfill, link_lookup, meta
from quotetrail.loaders.records import Document
from quotetrail.pipeline import load, load_paths

from helpers import ROOT, clear

EXAMPLE = ROOT / "examples" / "nato-2022"
# a later article's shorter printing of a seed's quote (a small load into the seeds)
LATER = ("Jens Stoltenberg said: \u201cToday ministers decided to develop options to further "
         "strengthen Nato\u2019s deterrence and defence, including new Nato battle groups in "
         "central and eastern Europe.\u201d He left.")
MEMBERS = "MATCH (q:Quote)-[:VARIANT_OF]->(st:Statement) RETURN q.id AS q, st.id AS st"
PRINTS = "MATCH (st:Statement) RETURN st.id AS id, st.prints AS prints ORDER BY id"
# What each statement's prints are, read from its quotes (the lookup before the key).
FROM_QUOTES = """
MATCH (q:Quote)-[v:VARIANT_OF]->(st:Statement)
RETURN st.id AS id, q.text AS text, v.mutation AS mutation, min(q.id) AS quote
"""
SPEAKERS_QUOTES = """
MATCH (q:Quote)-[:ATTRIBUTED_TO]->(s:Speaker)
RETURN q.id AS id, q.text AS text, s.id AS speaker ORDER BY id
"""


def doc(name: str, body: str, day: int) -> Document:
    return Document(text=body, source=f"{name}.txt", title=name, outlet=f"{name.title()} Times",
                    published=f"2022-03-{day:02d}")


def _prints(store) -> dict[str, set[tuple[str, str | None, str]]]:
    return {r["id"]: set(read_prints(r["prints"])) for r in store.rows(PRINTS)}


def _held_as_its_quotes_say(store) -> dict[str, set[tuple[str, str | None, str]]]:
    """Each statement's `prints`, checked against its quotes, and what the lookup reads."""
    held = _prints(store)
    from_quotes: dict[str, set[tuple[str, str | None, str]]] = {}
    for r in store.rows(FROM_QUOTES):
        from_quotes.setdefault(r["id"], set()).add((r["text"], r["mutation"], r["quote"]))
    assert held == from_quotes
    assert any(len(p) > 1 for p in held.values()), "a statement printed two ways"
    # the splice lookup gives a row per distinct print of each statement it finds
    hits = link_lookup.printed_hits(store, store.rows(SPEAKERS_QUOTES), {})
    found = [r for rows in hits.values() for r in rows]
    assert found and all((r["text"], r["mutation"], r["quote"]) in from_quotes[r["id"]]
                         for r in found)
    return held


def test_a_graph_without_prints_gets_them_at_its_first_load_and_links_the_same(empty_store):
    load_paths(empty_store, [str(EXAMPLE)])
    load(empty_store, [doc("later", LATER, 20)])  # a small load: the append path writes
    linked = {(r["q"], r["st"]) for r in empty_store.rows(MEMBERS)}
    after = _held_as_its_quotes_say(empty_store)
    clear(empty_store)
    # the same archive as the version before wrote it: no prints, the keys' marker at 1
    load_paths(empty_store, [str(EXAMPLE)])
    empty_store.write(lambda tx: tx.run("MATCH (st:Statement) SET st.prints = null").consume())
    meta.mark(empty_store, key_backfill.MARKER, "old", 1)
    assert not meta.marked(empty_store, key_backfill.MARKER, key_backfill.VERSION)
    load(empty_store, [doc("later", LATER, 20)])
    assert {(r["q"], r["st"]) for r in empty_store.rows(MEMBERS)} == linked
    assert _held_as_its_quotes_say(empty_store) == after
    assert meta.marked(empty_store, key_backfill.MARKER, key_backfill.VERSION)
    clear(empty_store)
