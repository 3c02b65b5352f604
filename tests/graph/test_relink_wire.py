"""An outlet becomes a wire when a small load's article is the first to credit it: its
prints' provenance may change (a wire's print is a candidate source, and wins ties), so the
load relinks them, but only those in statements printed in two articles or more (a source is
always in another article: a statement printed in one article has no DERIVED_FROM edge).
The graph is the one a full relink gives, every property of statements and edges compared
(as test_relink_append.py compares them)."""

from __future__ import annotations

import random

from quotetrail.graph.store.relink import relink
from quotetrail.graph.store.relink_scope import new_wire_prints
from quotetrail.loaders.records import Document
from quotetrail.pipeline import load

from helpers import DERIVED_ROWS, LINKED_ROWS, clear

X1 = "We will never accept a new division of Europe into spheres of influence."
DOORS = "The alliance will keep its doors open to every democracy in Europe that wants to join."
BANKS = "Our sanctions will hit the banks and the oligarchs who finance this terrible war."
WIRE = "Reuters"
WORDS = ("harbour", "lantern", "orchard", "quarry", "meadow", "glacier", "tundra", "canyon",
         "pebble", "willow", "thistle", "falcon", "badger", "otter", "heron", "marble")

WIRE_PRINTS = """
MATCH (:Outlet {name: $outlet})<-[:PUBLISHED_BY]-(:Article)-[:CONTAINS]->(q:Quote)
RETURN q.id AS id, q.text AS text
"""
ARTICLE = "MATCH (a:Article {title: $title}) RETURN a.id AS id"


def doc(name: str, body: str, day: int, outlet: str | None = None) -> Document:
    return Document(text=body, source=f"{name}.txt", title=name,
                    outlet=outlet or f"{name.title()} Times", published=f"2022-03-{day:02d}")


def said(rng: random.Random) -> str:
    return " ".join(rng.sample(WORDS, 12)).capitalize() + "."


def archive() -> list[Document]:
    """The wire's prints, none credited yet: one copied by two outlets, one it printed in
    two of its own articles, one it printed after two others (the latest: nobody's source),
    and four printed once each (in one article: no provenance)."""
    rng = random.Random(3)
    fillers = [doc(f"filler{i}", f'Mayor Tomas Hal{i} said: "{said(rng)}" He spoke at noon.', 1)
               for i in range(8)]
    alone = [doc(f"alone{i}", f'Minister Ada Kern{i} said: "{said(rng)}" She spoke.', 2, WIRE)
             for i in range(4)]
    return [*fillers, *alone,
            doc("doors", f'Karin Dorn said: "{DOORS}" She spoke in Vilnius.', 2, WIRE),
            doc("daily", f'Karin Dorn said: "{DOORS}" She spoke to reporters.', 3),
            doc("late", f'Karin Dorn said: "{DOORS}" She spoke in Vilnius.', 4),
            doc("banks", f'Karin Dorn said: "{BANKS}" She spoke in Riga.', 5, WIRE),
            doc("banks2", f'Karin Dorn said: "{BANKS}" She spoke again in Riga.', 6, WIRE),
            doc("first", f'Ilse Marwick said: "{X1}" She spoke in Brussels.', 2),
            doc("second", f'Ilse Marwick said on Tuesday: "{X1}" She spoke to reporters.', 3),
            doc("reprint", f'Ilse Marwick said: "{X1}" She spoke in Brussels on Monday.', 7, WIRE)]


def crediting() -> Document:
    """The first article to credit the wire, quoting words nothing else prints."""
    return doc("credit", 'Mayor Nils Brand said: "The harbour bridge will reopen to lorries '
                         'and buses next spring." He spoke, according to Reuters.', 8)


def whole(store) -> tuple[list, list]:
    return store.rows(LINKED_ROWS), store.rows(DERIVED_ROWS)


def test_a_new_wire_relinks_only_its_prints_in_statements_of_several_articles(empty_store):
    assert not load(empty_store, archive()).failed
    before = whole(empty_store)
    prints = {r["id"]: r["text"] for r in empty_store.rows(WIRE_PRINTS, outlet=WIRE)}
    result = load(empty_store, [crediting()])
    assert not result.failed and result.linking is not None
    credit = empty_store.rows(ARTICLE, title="credit")[0]["id"]
    wired = new_wire_prints(empty_store, [credit])
    # the scope: the wire's prints of words another article (or another of its own) prints
    # later than one of the wire's articles
    assert wired == {q for q, text in prints.items() if text in (DOORS, BANKS)}
    assert len(wired) == 3 and len(prints) == 8
    written = {v.quote_id for v in result.linking.variants}
    assert wired <= written and not written & (prints.keys() - wired)
    after = whole(empty_store)
    assert after[1] != before[1]  # the wire changed the copies' provenance
    old = {r["quote"] for r in before[0]}
    assert [r for r in after[0] if r["quote"] in old] == before[0]  # the statements stay
    relink(empty_store)  # the repair: every statement and derivation written anew
    assert whole(empty_store) == after
    clear(empty_store)
