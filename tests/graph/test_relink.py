"""Relinking through the store: what one load rewrites leaves other speakers' work whole."""

from __future__ import annotations

import pytest

from quotetrail.graph.store import meta, pending, upgrade
from quotetrail.loaders.records import Document
from quotetrail.pipeline import Progress, load, load_paths

from helpers import ROOT, clear, counted_progress

EXAMPLE = str(ROOT / "examples" / "nato-2022")
SAID = "Russia has amassed a fighting force in and around Ukraine unprecedented since the Cold War."

QUOTES_WITHOUT_STATEMENT = """
MATCH (q:Quote)-[:ATTRIBUTED_TO]->(:Speaker {id: $speaker})
WHERE NOT EXISTS { MATCH (q)-[v:VARIANT_OF]->(:Statement)
                   WHERE v.mutation IS NULL OR v.mutation <> 'misattributed' }
RETURN count(q) AS n
"""
MISATTRIBUTED = """
MATCH (q:Quote)-[:VARIANT_OF {mutation: 'misattributed'}]->(:Statement)
RETURN q.text AS text
"""
WRONG_COUNTS = """
MATCH (st:Statement)
WITH st, COUNT { MATCH (st)<-[:VARIANT_OF]-(:Quote) } AS n
WHERE n <> st.quote_count
RETURN count(st) AS n
"""


def doc(name: str, text: str, published: str) -> Document:
    return Document(text=text, source=f"{name}.txt", title=name, outlet=f"{name} Times",
                    published=published)


def test_relinking_a_speaker_keeps_the_statements_another_speaker_was_misquoted_from(
        empty_store):
    first = doc("first", f'Jens Stoltenberg said: "{SAID}" He spoke in Brussels.', "2022-02-15")
    again = doc("again", f'Jens Stoltenberg said: "{SAID}" He spoke to reporters.',
                "2022-02-15")
    copied = doc("copied", 'Joe Biden said: "amassed a fighting force in and around Ukraine '
                           'unprecedented since the Cold War." He spoke in Washington.',
                 "2022-02-16")
    later = doc("later", 'Joe Biden said: "We will defend every inch of allied territory '
                         'together." He spoke in Warsaw.', "2022-02-17")
    assert len(load(empty_store, [first, again, copied]).loaded) == 3
    assert [r["text"] for r in empty_store.rows(MISATTRIBUTED)] == [
        "amassed a fighting force in and around Ukraine unprecedented since the Cold War."]
    # Two prints credit Stoltenberg, one Biden: the statement is Stoltenberg's, Biden's print
    # misattributed. A load touching only Biden relinks Biden's quotes, and with them the
    # statement his misattributed print is in: that statement must survive it whole.
    assert len(load(empty_store, [later]).loaded) == 1
    assert empty_store.rows(QUOTES_WITHOUT_STATEMENT, speaker="sp-jens-stoltenberg") == [
        {"n": 0}]
    assert len(empty_store.rows(MISATTRIBUTED)) == 1
    assert empty_store.rows(WRONG_COUNTS) == [{"n": 0}]
    clear(empty_store)


EDGES = """
MATCH (:Quote)-[v:VARIANT_OF]->(st:Statement)
RETURN st.id AS statement, count(v) AS variants
ORDER BY statement
"""
DERIVATIONS = """
MATCH (q:Quote)-[d:DERIVED_FROM]->(src:Quote)
RETURN q.id AS quote, src.id AS source, d.evidence AS evidence
ORDER BY quote, source
"""


def graph(store) -> tuple[list, list]:
    """Every statement's variant count and every DERIVED_FROM edge, in a stable order."""
    return store.rows(EDGES), store.rows(DERIVATIONS)


def test_relinking_in_many_small_transactions_writes_the_same_graph(empty_store):
    """A whole archive's relink is written in parts (the server's heap holds one
    transaction): however it is cut, the graph is the same."""
    load_paths(empty_store, [EXAMPLE])
    whole = graph(empty_store)
    assert whole[0] and whole[1]
    clear(empty_store)
    empty_store.part_quotes = 3  # QUOTETRAIL_LINK_PART_QUOTES
    try:
        load_paths(empty_store, [EXAMPLE])
    finally:
        empty_store.part_quotes = 10_000
    assert graph(empty_store) == whole
    assert empty_store.rows(WRONG_COUNTS) == [{"n": 0}]
    assert empty_store.rows("MATCH (a:Article) WHERE a.linked = false RETURN count(a) AS n"
                            ) == [{"n": 0}]
    clear(empty_store)


def test_a_load_reports_its_linking_stages(empty_store):
    """Linking an archive takes minutes: the CLI's progress bar shows its stages."""
    seen: list = []
    progress = Progress(on_stage=lambda name, steps: seen.append((name, steps)),
                        on_step=lambda: seen.append("step"))
    load_paths(empty_store, [EXAMPLE], progress)
    stages = [s for s in seen if s != "step"]
    assert [name for name, _ in stages] == [
        "reading", "extracting quotes", "writing documents",  # the load's own stages first
        "linking", "writing statements"]
    writing = seen.index(stages[4])
    assert seen[writing + 1:].count("step") == stages[4][1] >= 1
    clear(empty_store)


UNLINKED = "MATCH (a:Article) WHERE a.linked = false RETURN a.id AS id"
PENDING = "MATCH (p:Pending) RETURN p.id AS id"


def _ids(store, query: str) -> set[str]:
    return {r["id"] for r in store.rows(query)}


def _killed_while_linking(store) -> tuple[list, list]:
    """The example loaded whole (its graph returned), cleared, then loaded by a load that
    dies after two parts of its statements are committed."""
    load_paths(store, [EXAMPLE])
    whole = graph(store)
    clear(store)
    parts_written: list[str] = []

    def stage(name: str, steps: int | None) -> None:
        parts_written.clear()
        parts_written.append(name)

    def step() -> None:
        parts_written.append("part")
        if parts_written[0] == "writing statements" and parts_written.count("part") == 2:
            raise RuntimeError("killed while linking")

    store.part_quotes = 3  # many parts
    try:
        with pytest.raises(RuntimeError):
            load_paths(store, [EXAMPLE], Progress(on_stage=stage, on_step=step))
    finally:
        store.part_quotes = 10_000
    return whole


@pytest.mark.parametrize("older", [False, True], ids=["pending", "older-graph"])
def test_a_load_that_dies_while_linking_is_relinked_by_the_next_one(empty_store, older):
    """Each article written waits for its linking as a Pending node; the next load links
    those first. A graph of a version before them (its unlinked articles only marked
    `linked = false`) gets them at that load."""
    whole = _killed_while_linking(empty_store)
    unlinked = _ids(empty_store, UNLINKED)
    assert len(unlinked) == 5 and _ids(empty_store, PENDING) == unlinked  # written, half linked
    if older:
        empty_store.write(lambda tx: tx.run(
            "MATCH (p:Pending) DELETE p WITH count(*) AS n "
            "MATCH (m:Meta {id: $id}) DELETE m", id=pending.MARKER).consume())
        assert not _ids(empty_store, PENDING) and not meta.marked(empty_store, pending.MARKER)
    again = load_paths(empty_store, [EXAMPLE])  # nothing new to write: links what is pending
    assert again.loaded == [] and len(again.skipped) == 5
    assert graph(empty_store) == whole
    assert not _ids(empty_store, UNLINKED) and not _ids(empty_store, PENDING)
    assert meta.marked(empty_store, pending.MARKER)
    clear(empty_store)


COPY_SOURCE = """
MATCH (a:Article {title: 'copy'})-[:CONTAINS]->(q:Quote)-[d:DERIVED_FROM]->(src:Quote)
MATCH (b:Article)-[:CONTAINS]->(src)
RETURN b.title AS source, d.evidence AS evidence, d.confidence AS confidence
"""


OTHERS = ["We will defend every inch of allied territory together.",
          "Sanctions on the banks will take effect from Monday morning.",
          "Our troops in Poland are there to deter, not to provoke.",
          "The pipeline will not go ahead if the border is crossed."]
NOTES = "MATCH (m:Meta) WHERE m.id IN $ids RETURN m.note AS note"
ARTICLES_KEPT = """
MATCH (a:Article)-[:CONTAINS]->(q:Quote)
RETURN count(q) AS quotes, count(CASE WHEN q.article = a.id THEN 1 END) AS kept
"""


@pytest.mark.parametrize("older", [False, True], ids=["current", "older-graph"])
def test_relink_reads_the_text_around_a_quote_as_provenance_evidence(empty_store, older):
    """Two earlier articles print the same words; the copy carries over the second one's
    sentences around them: read back from the stored article text, they decide. The copy
    is a small load, which reads the quotes it touches with their article's id as each
    quote keeps it; a graph of a version before that gets it at its first relink, a stage
    of the load's progress. A graph's first load lacked nothing: it only marks so."""
    def text(lead: str, after: str) -> str:
        return f'{lead}\n\nJens Stoltenberg said: "{SAID}"\n\n{after}\n'
    first = doc("first", text("Officials met students at the town library in Harwick.",
                              "The plan covers 40 ports across the northern coast."),
                "2022-02-14T08:00:00+00:00")
    second = doc("second", text("Officials met port workers at a grain terminal in Dunmore.",
                                "The cost was put at 3.2 billion euros over six years."),
                 "2022-02-15T08:00:00+00:00")
    copy = doc("copy", text("Officials met port workers at a grain terminal in Dunmore.",
                            "The cost was put at 3.2 billion euros over 6 years."),
               "2022-02-16T08:00:00+00:00")
    others = [doc(f"other{i}", f'Joe Biden said: "{said}" He spoke in Warsaw.', "2022-02-10")
              for i, said in enumerate(OTHERS)]
    assert len(load(empty_store, [first, second, *others]).loaded) == 6
    notes = [r["note"] for r in empty_store.rows(NOTES, ids=sorted(upgrade.MARKERS))]
    assert notes == [upgrade.FIRST_LOAD_NOTE] * len(upgrade.MARKERS)  # lacked nothing
    if older:  # the same graph as a version before `Quote.article` wrote it
        empty_store.write(lambda tx: tx.run(
            "MATCH (q:Quote) REMOVE q.article WITH count(*) AS n "
            "MATCH (m:Meta {id: $id}) DELETE m", id=upgrade.QUOTE_ARTICLE).consume())
        assert empty_store.rows(ARTICLES_KEPT)[0]["kept"] == 0
    progress, seen = counted_progress()
    assert len(load(empty_store, [copy], progress).loaded) == 1
    migrating = [s for s in seen if s[0] == upgrade.STAGE]
    assert migrating == ([[upgrade.STAGE, 4, 4]] if older else [])
    [row] = empty_store.rows(COPY_SOURCE)
    assert row["source"] == "second"
    assert row["evidence"].startswith("shared context: ") and row["confidence"] > 0.5
    [kept] = empty_store.rows(ARTICLES_KEPT)
    assert kept["quotes"] == 7 and kept["kept"] == 7
    assert meta.marked(empty_store, upgrade.QUOTE_ARTICLE)
    clear(empty_store)


def test_markers_are_asked_together_and_an_older_version_of_one_does_not_count(empty_store):
    """upgrade.ensure skips the migrations when the graph holds every marker at its
    version, asked in one query (meta.all_marked)."""
    meta.mark(empty_store, "test-a", "a", 2)
    meta.mark(empty_store, "test-b", "b")
    assert meta.all_marked(empty_store, {"test-a": 2, "test-b": 1})
    assert meta.all_marked(empty_store, {"test-a": 1})
    assert not meta.all_marked(empty_store, {"test-a": 3, "test-b": 1})
    assert not meta.all_marked(empty_store, {"test-a": 1, "test-c": 1})
    clear(empty_store)
