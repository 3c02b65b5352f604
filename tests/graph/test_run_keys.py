"""The `runs` link key (graph/link/keys.py): a long quote's winnowed run fingerprints, as
words a full-text index of their own holds, so a small load finds the quotes sharing a run
of words with a new one by those exact keys, not by its words (graph/store/link_lookup.py);
`quotetrail relink` gives it to quotes written before it existed."""

from __future__ import annotations

from quotetrail.graph.link.keys import run_tokens
from quotetrail.graph.link.mutation import canonical_words
from quotetrail.graph.store import key_backfill, link_lookup, meta
from quotetrail.graph.store.relink import relink
from quotetrail.loaders.records import Document
from quotetrail.pipeline import load, load_paths

from helpers import ROOT, clear

SHORT = "So far we have not seen any sign of de-escalation on the ground."
PASSAGE = ("Allies welcome all diplomatic efforts and there are signs from Moscow that diplomacy "
           "should continue, but so far we do not see any signs of de-escalation on the ground "
           "- no withdrawals of troops or equipment.")
OTHER = "Harbour lantern orchard quarry meadow glacier tundra canyon pebble willow thistle."
RUNS = "MATCH (q:Quote) RETURN q.text AS text, q.runs AS runs ORDER BY text"
KEYS = """
CALL { MATCH (q:Quote) RETURN collect([q.id, q.runs]) AS quotes }
CALL { MATCH (st:Statement) RETURN collect([st.id, st.said]) AS statements }
RETURN quotes, statements
"""
MEMBERS = "MATCH (q:Quote)-[:VARIANT_OF]->(st:Statement) RETURN q.id AS q, st.id AS st"
EXAMPLE = ROOT / "examples" / "nato-2022"
# a later article's shorter printing of a seed's quote (a small load into the seeds)
LATER = ("Jens Stoltenberg said: \u201cToday ministers decided to develop options to further "
         "strengthen Nato\u2019s deterrence and defence, including new Nato battle groups in "
         "central and eastern Europe.\u201d He left.")


def doc(name: str, body: str, day: int) -> Document:
    return Document(text=body, source=f"{name}.txt", title=name, outlet=f"{name.title()} Times",
                    published=f"2022-03-{day:02d}")


def test_tokens_are_letters_and_only_long_quotes_have_them():
    tokens = run_tokens(canonical_words(PASSAGE))
    assert tokens and all(t.isalpha() and t.islower() and len(t) == 9 for t in tokens)
    assert {t[0] for t in tokens} == {"w", "x"}  # within a speaker and across speakers
    assert run_tokens(canonical_words("We will see.")) == []
    shared = set(tokens) & set(run_tokens(canonical_words(SHORT)))
    assert shared, "the two share a run of words: a fingerprint in common"
    assert not set(tokens) & set(run_tokens(canonical_words(OTHER)))


def test_a_passage_finds_the_quote_printed_inside_it_by_its_keys(empty_store):
    assert not load(empty_store, [doc("short", f'Jens Holm said: "{SHORT}" He spoke.', 2),
                                  doc("other", f'Ana Roe said: "{OTHER}" She spoke.', 2)]).failed
    written = {r["text"]: r["runs"] for r in empty_store.rows(RUNS)}
    assert written[SHORT] == " ".join(run_tokens(canonical_words(SHORT)))
    found = link_lookup.shared_runs(empty_store, [{"id": "new", "text": PASSAGE}])
    assert set(found.values()) == {canonical_words(SHORT)}
    clear(empty_store)


def test_relink_gives_runs_to_quotes_written_before_them(empty_store):
    assert not load(empty_store, [doc("short", f'Jens Holm said: "{SHORT}" He spoke.', 2),
                                  doc("brief", 'Ana Roe said: "We will see." She left.', 2)]
                    ).failed
    before = empty_store.rows(RUNS)
    assert any(r["runs"] == "" for r in before)  # a short quote: written, empty
    empty_store.write(lambda tx: tx.run("MATCH (q:Quote) SET q.runs = null").consume())
    assert not link_lookup.shared_runs(empty_store, [{"id": "new", "text": PASSAGE}])
    relink(empty_store)
    assert empty_store.rows(RUNS) == before
    assert link_lookup.shared_runs(empty_store, [{"id": "new", "text": PASSAGE}])
    clear(empty_store)


def _keys(store) -> tuple[list[list[str]], list[list[str]]]:
    row = store.rows(KEYS)[0]
    return sorted(row["quotes"]), sorted(row["statements"])


def test_a_graph_written_before_the_keys_gets_them_at_its_next_small_load(empty_store):
    load_paths(empty_store, [str(EXAMPLE)])
    keyed = _keys(empty_store)
    assert all(k[1] is not None for part in keyed for k in part)
    assert any(k[1] for k in keyed[1]), "a statement with a speaker has a said key"
    load(empty_store, [doc("later", LATER, 20)])
    linked = {(r["q"], r["st"]) for r in empty_store.rows(MEMBERS)}
    later = empty_store.rows("MATCH (:Article {title: 'later'})-[:CONTAINS]->(q:Quote)"
                             "-[:VARIANT_OF]->(st:Statement)<-[:VARIANT_OF]-(o:Quote) "
                             "RETURN count(o) AS n")[0]["n"]
    assert later, "the later printing joins the seed's statement"
    after = _keys(empty_store)
    clear(empty_store)
    # the same archive as an earlier version wrote it: no keys, no marker
    load_paths(empty_store, [str(EXAMPLE)])
    empty_store.write(lambda tx: tx.run("MATCH (q:Quote) SET q.runs = null").consume())
    empty_store.write(lambda tx: tx.run("MATCH (st:Statement) SET st.said = null").consume())
    empty_store.write(lambda tx: tx.run("MATCH (m:Meta {id: $id}) DELETE m",
                                        id=key_backfill.MARKER).consume())
    load(empty_store, [doc("later", LATER, 20)])
    assert {(r["q"], r["st"]) for r in empty_store.rows(MEMBERS)} == linked
    quotes, statements = _keys(empty_store)
    assert all(k[1] is not None for k in quotes + statements)
    assert (quotes, statements) == after  # as if the keys had always been there
    assert meta.marked(empty_store, key_backfill.MARKER)
    clear(empty_store)
