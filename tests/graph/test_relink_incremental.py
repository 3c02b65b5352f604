"""A small load relinks only what its quotes can touch, and writes what a full relink would:
load A then B gives the graph that A and B loaded at once give, and that relinking the
whole archive gives; also for what linking pairs without a shared LSH band (a quote printed
inside a longer passage, a splice whose parts were printed before, a splice found past a
statement the dates keep apart: graph/store/link_lookup.py)."""

from __future__ import annotations

import random

import pytest

from quotetrail.graph.store.relink import relink
from quotetrail.loaders.records import Document
from quotetrail.pipeline import load, load_paths

from helpers import ROOT, clear, is_local, run_cli

X1 = "We will never accept a new division of Europe into spheres of influence."
X2 = "Nobody here will ever accept a division of our Europe into spheres of influence, not now."
DOORS = "The alliance will keep its doors open to every democracy in Europe that wants to join."
BANKS = "Our sanctions will hit the banks and the oligarchs who finance this terrible war."
SPLICE = "The alliance will keep its doors open, and our sanctions will hit the banks."
WORDS = ("harbour", "lantern", "orchard", "quarry", "meadow", "glacier", "tundra", "canyon",
         "pebble", "willow", "thistle", "falcon", "badger", "otter", "heron", "marble",
         "copper", "velvet", "saffron", "juniper", "cobalt", "ember", "prism", "quartz")

STATEMENTS = """
MATCH (q:Quote)-[v:VARIANT_OF]->(st:Statement)
OPTIONAL MATCH (sp:Speaker)-[:MADE]->(st)
RETURN st.id AS statement, st.text AS text, st.quote_count AS count, sp.id AS speaker,
       q.id AS quote, v.mutation AS mutation
ORDER BY statement, quote
"""
DERIVATIONS = """
MATCH (q:Quote)-[d:DERIVED_FROM]->(src:Quote)
RETURN q.id AS quote, src.id AS source, d.evidence AS evidence
ORDER BY quote, source
"""
TOGETHER = """
MATCH (a:Quote {text: $a})-[:VARIANT_OF]->(st:Statement)<-[:VARIANT_OF]-(b:Quote {text: $b})
RETURN count(*) AS n
"""


def doc(name: str, body: str, day: int, outlet: str | None = None) -> Document:
    return Document(text=body, source=f"{name}.txt", title=name,
                    outlet=outlet or f"{name.title()} Times", published=f"2022-03-{day:02d}")


def filler(n: int) -> list[Document]:
    """Articles quoting unrelated made-up statements: the archive a small load goes into."""
    rng = random.Random(n)
    docs = []
    for i in range(n):
        said = " ".join(rng.sample(WORDS, 12)).capitalize() + "."
        docs.append(doc(f"filler{i}", f'Mayor Tomas Hal{i} said: "{said}" He spoke at noon.', 1))
    return docs


def archive() -> list[Document]:
    return [*filler(40),
            doc("first", f'Ilse Marwick said: "{X1}" She spoke in Brussels.', 2),
            doc("second", f'Ilse Marwick said on Tuesday: "{X1}" She spoke to reporters.', 3),
            doc("third", f'Pavel Castell said: "{X2}" He spoke in Prague.', 3),
            doc("doors", f'Karin Dorn said: "{DOORS}" She spoke in Vilnius.', 4, "Wire Service"),
            doc("banks", f'Karin Dorn said: "{BANKS}" She spoke in Vilnius.', 4)]


def small_load() -> list[Document]:
    return [
        # the same words as Castell's, credited to Marwick: one unit under both names, now
        # close enough to Marwick's statement to join it (the bridge of two statements)
        doc("bridge", f'Ilse Marwick said: "{X2}" She spoke in Riga.', 5),
        # parts of Dorn's two statements joined: a splice in both
        doc("splice", f'Karin Dorn said: "{SPLICE}" She spoke in Tallinn.', 6),
        # a copy crediting the wire, and a fragment
        doc("copy", f'According to Wire Service, Karin Dorn said: "{DOORS}" She spoke in '
                    f'Vilnius.', 6),
        doc("fragment", 'Ilse Marwick warned against "spheres of influence" in Europe.', 7)]


def graph(store) -> tuple[list, list]:
    return store.rows(STATEMENTS), store.rows(DERIVATIONS)


def test_a_small_load_writes_what_loading_everything_at_once_writes(empty_store):
    first = load(empty_store, archive())
    assert not first.failed
    assert empty_store.rows(TOGETHER, a=X1, b=X2) == [{"n": 0}]  # apart before the bridge
    quotes = empty_store.rows("MATCH (q:Quote) RETURN count(q) AS n")[0]["n"]
    second = load(empty_store, small_load())
    assert not second.failed and len(second.loaded) == 4
    assert quotes > 4 * 5  # a small load: it relinks what it touches, not the archive
    assert second.linking is not None
    assert len(second.linking.statements) < len(first.linking.statements)  # type: ignore[union-attr]
    incremental = graph(empty_store)
    assert empty_store.rows(TOGETHER, a=X1, b=X2)[0]["n"] > 0  # the bridge joined them
    assert empty_store.rows(TOGETHER, a=SPLICE, b=BANKS)[0]["n"] > 0  # a splice of both
    assert empty_store.rows(TOGETHER, a=SPLICE, b=DOORS)[0]["n"] > 0
    relink(empty_store)  # the repair: the whole archive relinked
    assert graph(empty_store) == incremental
    clear(empty_store)
    assert not load(empty_store, [*archive(), *small_load()]).failed
    assert graph(empty_store) == incremental
    clear(empty_store)


def test_a_new_quote_of_a_known_statement_joins_it_and_leaves_the_rest(empty_store):
    load(empty_store, archive())
    before = {r["quote"]: r["statement"] for r in empty_store.rows(STATEMENTS)}
    result = load(empty_store, [doc("again", f'Karin Dorn said: "{BANKS}" She spoke.', 8)])
    assert result.linking is not None
    written = {v.quote_id for v in result.linking.variants}
    # the new print and the statement it joins are written; nothing else is
    banks = {q for q, st in before.items() if st == before[next(
        r["quote"] for r in empty_store.rows(STATEMENTS) if r["text"] == BANKS)]}
    assert written == banks | {q for q in written if q not in before}
    assert len(written - banks) == 1
    clear(empty_store)


def test_quotetrail_relink_repairs_a_graph_written_before_link_keys(empty_store, local_home):
    """An archive loaded before quotes had link keys: `quotetrail relink` relinks it whole
    and gives every quote its keys, so later small loads find them."""
    if not is_local(empty_store):
        pytest.skip("the CLI reaches only the session's local servers")
    load(empty_store, archive())
    whole = graph(empty_store)
    empty_store.write(lambda tx: tx.run(
        "MATCH (q:Quote) SET q.wording = null, q.lsh0 = null").consume())
    done = run_cli("relink", "--quiet", home=local_home)
    assert done.returncode == 0, done.stderr
    assert "statements" in done.stderr
    assert empty_store.rows(
        "MATCH (q:Quote) WHERE q.wording IS NULL RETURN count(q) AS n") == [{"n": 0}]
    assert graph(empty_store) == whole
    clear(empty_store)


SHORT = "So far we have not seen any sign of de-escalation on the ground."
PASSAGE = ("Allies welcome all diplomatic efforts and there are signs from Moscow that diplomacy "
           "should continue, but so far we do not see any signs of de-escalation on the ground "
           "- no withdrawals of troops or equipment.")
SEEDS = ROOT / "examples" / "nato-2022"


def _one_by_one_and_at_once(store, archive: list[Document], small: list[Document]
                            ) -> tuple[list, list]:
    assert not load(store, archive).failed
    assert not load(store, small).failed
    incremental = store.rows(STATEMENTS)
    clear(store)
    assert not load(store, [*archive, *small]).failed
    return incremental, store.rows(STATEMENTS)


def _found_by_lookups() -> dict[str, tuple[list[Document], list[Document], str, str]]:
    """Per case: an archive, a small load, two quotes one statement holds after it."""
    dorn = 'Karin Dorn said: "{}" She spoke in {}.'
    return {
        # a passage arrives after a quote printed inside it (paired by no LSH band)
        "passage": ([*filler(40), doc("short", f'Jens Holm said: "{SHORT}" He spoke.', 2)],
                    [doc("passage", f'Jens Holm said: "{PASSAGE}" He spoke.', 3)],
                    SHORT, PASSAGE),
        # the second part of a splice arrives after the splice and its first part
        "part": ([*filler(40), doc("doors", dorn.format(DOORS, "Vilnius"), 4),
                  doc("splice", dorn.format(SPLICE, "Tallinn"), 6)],
                 [doc("banks", dorn.format(BANKS, "Vilnius"), 4)], SPLICE, BANKS)}


@pytest.mark.parametrize("case", ["passage", "part"])
def test_what_the_lookups_find_is_linked_as_if_loaded_at_once(empty_store, case):
    archive, small, a, b = _found_by_lookups()[case]
    incremental, at_once = _one_by_one_and_at_once(empty_store, archive, small)
    assert empty_store.rows(TOGETHER, a=a, b=b)[0]["n"] > 0
    assert incremental == at_once
    clear(empty_store)


def test_a_splice_is_found_past_a_statement_the_dates_keep_apart(empty_store):
    """004 splices two of 000's statements; 003's transcript, of a later day, explains more
    of it than either, but linking may not join them (news before its primary source)."""
    first, transcript, spliced = (str(next(SEEDS.glob(f"{n}_*.txt"))) for n in ("000", "003",
                                                                                 "004"))
    for path in (first, transcript, spliced):
        assert not load_paths(empty_store, [path]).failed
    incremental = empty_store.rows(STATEMENTS)
    clear(empty_store)
    assert not load_paths(empty_store, [first, transcript, spliced]).failed
    assert empty_store.rows(
        "MATCH (q:Quote)-[:VARIANT_OF {mutation: 'spliced'}]->(st:Statement) "
        "WHERE q.text STARTS WITH 'The new normal is that' RETURN count(st) AS n") == [{"n": 2}]
    assert incremental == empty_store.rows(STATEMENTS)
    clear(empty_store)
