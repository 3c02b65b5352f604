"""Journalists' corrections and the speaker evidence, through the store: stored as data,
shown in traces, applied before linking, kept through relinks and re-loads."""

from __future__ import annotations

from quotetrail.graph.store import browse, corrections, queries
from quotetrail.graph.store.relink import relink
from quotetrail.loaders.records import Document
from quotetrail.pipeline import load

from helpers import clear

SAID = "Russia has amassed a fighting force in and around Ukraine unprecedented since the Cold War."
CORRECTIONS = """
MATCH (c:Correction)
RETURN c.kind AS kind, c.subject AS subject, c.value AS value, c.who AS who, c.why AS why
ORDER BY c.at
"""


def doc(name: str, text: str, published: str) -> Document:
    return Document(text=text, source=f"{name}.txt", title=name, outlet=f"{name} Times",
                    published=published)


DOCS = [
    doc("first", f'Jens Stoltenberg said: "{SAID}" He spoke in Brussels.',
        "2022-02-15T09:00:00+00:00"),
    doc("bare", f'The talks resume next week.\n\n"{SAID}"\n\nMarkets were calm.',
        "2022-02-15T11:00:00+00:00"),
    doc("wrong", f'Joe Biden said: "{SAID}" He spoke in Washington.',
        "2022-02-16T09:00:00+00:00"),
]


def _trace(store):
    (hit,) = [h for h in browse.list_statements(store) if h.text == SAID]
    return queries.trace(store, hit.id)


def test_conflicts_inferred_speakers_and_corrections(empty_store):
    assert len(load(empty_store, DOCS).loaded) == 3
    trace = _trace(empty_store)
    assert len(trace.variants) == 3  # the words decide: one statement
    assert sorted(name for name, _ in trace.conflict) == ["Jens Stoltenberg", "Joe Biden"]
    bare = next(v for v in trace.variants if v.article.source == "bare.txt")
    assert bare.speaker is None and bare.speaker_inferred_from == 1
    assert "inferred from 1 other printing" in trace.speaker_of(bare)
    assert all(v.mutation != "misattributed" for v in trace.variants)
    assert any(v.derived_from and 0 < (v.confidence or 0) <= 1 for v in trace.variants)

    corrections.set_speaker(empty_store, bare.quote_id, "Jens Stoltenberg", "ed", "on tape")
    trace = _trace(empty_store)
    fixed = next(v for v in trace.variants if v.quote_id == bare.quote_id)
    assert fixed.corrected and fixed.speaker_corrected == "Jens Stoltenberg"
    assert trace.speaker == "Jens Stoltenberg" and trace.conflict == []
    wrong = next(v for v in trace.variants if v.article.source == "wrong.txt")
    assert wrong.mutation == "misattributed"  # a correction outweighs every print

    load(empty_store, DOCS, reload=True)  # a re-load, then a full relink: it stays
    relink(empty_store)
    assert next(v for v in _trace(empty_store).variants
                if v.quote_id == bare.quote_id).corrected
    assert [r["who"] for r in empty_store.rows(CORRECTIONS)] == ["ed"]
    clear(empty_store)


def test_merging_two_speakers_makes_one_person(empty_store):
    load(empty_store, DOCS, reload=True)
    c = corrections.merge_speakers(empty_store, "Joe Biden", "Jens Stoltenberg", "ed", "test")
    assert (c.kind, c.who, c.why) == ("merge_speakers", "ed", "test")
    trace = _trace(empty_store)
    assert trace.speaker == "Jens Stoltenberg" and trace.conflict == []
    assert {v.speaker for v in trace.variants} == {"Jens Stoltenberg", None}
    assert empty_store.rows("MATCH (s:Speaker {name: 'Joe Biden'}) RETURN s.id AS id") == []
    rows = empty_store.rows(CORRECTIONS)
    assert [(r["kind"], r["why"]) for r in rows] == [("merge_speakers", "test")]
    clear(empty_store)
