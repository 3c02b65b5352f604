"""The store against a real server: schema, idempotent loads, whole-or-nothing documents."""

from __future__ import annotations

import pytest
from neo4j.exceptions import ConstraintError

from quotetrail.graph import ids
from quotetrail.graph.dates import iso
from quotetrail.graph.store import browse, cypher, meta, queries, relink_scope
from quotetrail.graph.store.writer import speaker_book, write_document
from quotetrail.loaders.extract.document import extract
from quotetrail.loaders.records import Document
from quotetrail.pipeline import load, load_paths, summarize

from helpers import ROOT, clear

EXAMPLE = str(ROOT / "examples" / "nato-2022")


def snapshot(store) -> tuple:
    return queries.counts(store), queries.relationship_counts(store)


def test_every_key_has_a_uniqueness_constraint(store):
    """Each second CREATE is refused by the server (in a session of its own: Store.write
    would retry the refusal, as it does for two loads racing to a new key)."""
    def create(tx, label: str) -> None:
        tx.run(f"CREATE (:{label} {{id: 'dup-test'}})").consume()

    with store.driver.session(database=store.database) as session:
        for label in cypher.KEYED_LABELS:
            session.execute_write(create, label)
            with pytest.raises(Exception):  # noqa: B017 - the server's constraint error
                session.execute_write(create, label)
            session.execute_write(lambda tx, lb=label: tx.run(
                f"MATCH (n:{lb} {{id: 'dup-test'}}) DETACH DELETE n").consume())


def test_loading_the_corpus_twice_changes_no_count(empty_store):
    first = load_paths(empty_store, [EXAMPLE])
    assert len(first.loaded) == 5 and first.failed == []
    before = snapshot(empty_store)
    again = load_paths(empty_store, [EXAMPLE])
    assert again.loaded == [] and len(again.skipped) == 5  # same texts: recognised, skipped
    assert all("already loaded" in s.reason for s in again.skipped)
    assert snapshot(empty_store) == before
    reloaded = load_paths(empty_store, [EXAMPLE], reload=True)
    assert len(reloaded.loaded) == 5 and reloaded.skipped == []
    assert snapshot(empty_store) == before
    counts, rels = before
    # five publishers, plus the RIA agency and Reuters that DW's article credits
    assert counts.articles == 5 and counts.outlets == 7
    assert counts.quotes > 100  # the transcript alone holds well over a hundred sentences
    assert rels["CONTAINS"] == counts.quotes
    assert rels["VARIANT_OF"] >= counts.quotes  # every quote is a variant of a statement
    assert rels["PUBLISHED_BY"] == 5
    clear(empty_store)


def test_graph_schema_matches_the_contract(seeded_store):
    rows = seeded_store.rows("""
        MATCH (a:Article)-[:PUBLISHED_BY]->(o:Outlet), (a)-[:CONTAINS]->(q:Quote)
        MATCH (q)-[v:VARIANT_OF]->(st:Statement)
        RETURN a.title AS title, a.kind AS kind, a.published AS published, a.text_sha256 AS sha,
               a.source AS source, o.name AS outlet, o.domain AS domain, q.text AS text,
               q.start AS start, q.end AS end, q.kind AS qkind, a.text AS body,
               v.mutation AS mutation, v.similarity AS similarity, v.diff AS diff,
               st.text AS reference, st.quote_count AS n, st.first_seen AS first_seen
    """)
    assert rows
    for r in rows:
        assert r["body"][r["start"]:r["end"]] == r["text"]  # offsets into the stored text
        assert r["qkind"] in {"direct", "partial", "indirect"}
        assert r["mutation"] in {"verbatim", "trivial", "truncated", "spliced", "reworded",
                                 "paraphrased", "misattributed"}
        assert 0.0 <= r["similarity"] <= 1.0 and r["diff"].startswith("[")
        assert r["n"] >= 1 and len(r["sha"]) == 64 and r["published"] is not None
    assert {r["outlet"] for r in rows} == {
        "NationalWorld", "Daily Express", "Spanish wire service (English translation)", "NATO",
        "DW"}
    assert {r["kind"] for r in rows} == {"news", "transcript"}


def test_published_dates_are_utc_datetimes(seeded_store):
    rows = seeded_store.rows("MATCH (a:Article {kind: 'transcript'}) RETURN a.published AS p")
    published = iso(rows[0]["p"])
    assert published == "2022-02-17T14:23:00+00:00"  # 15:23 Brussels time in the manifest


def test_a_surname_speaker_is_one_person_with_the_full_name(seeded_store):
    rows = seeded_store.rows("""
        MATCH (s:Speaker)<-[:ATTRIBUTED_TO]-(q:Quote)<-[:CONTAINS]-(a:Article)
        RETURN s.name AS name, s.aliases AS aliases, collect(DISTINCT a.source) AS sources
    """)
    by_name = {r["name"]: r for r in rows}
    assert "Stoltenberg" not in by_name
    stoltenberg = by_name["Jens Stoltenberg"]
    assert len(stoltenberg["sources"]) == 5  # every seed quotes him, 001 only as Mr Stoltenberg
    assert "Mr Stoltenberg" in stoltenberg["aliases"]
    assert "Dmytro Kuleba" in by_name and "Mikk Marran" in by_name


def test_a_surname_loaded_before_its_full_name_is_folded_into_it(empty_store):
    express = str(ROOT / "examples" / "nato-2022" / "001_81a89c5fa81b19ad.txt")
    dw = str(ROOT / "examples" / "nato-2022" / "004_7c766e41fb12cc0c.txt")
    load_paths(empty_store, [express])
    names = {r["name"] for r in empty_store.rows(cypher.ALL_SPEAKERS)}
    assert "Stoltenberg" in names  # alone, 001 never gives his first name
    load_paths(empty_store, [dw])
    names = {r["name"] for r in empty_store.rows(cypher.ALL_SPEAKERS)}
    assert "Stoltenberg" not in names and "Jens Stoltenberg" in names
    orphans = empty_store.rows("MATCH (q:Quote) WHERE q.text CONTAINS 'fighting force' "
                               "MATCH (q)-[:ATTRIBUTED_TO]->(s) RETURN s.name AS name")
    assert orphans and {r["name"] for r in orphans} == {"Jens Stoltenberg"}
    # his statements' timeline keys follow them (graph/store/timeline_order.py)
    keys = empty_store.rows("MATCH (st:Statement) WHERE st.timeline IS NOT NULL "
                            "OPTIONAL MATCH (sp:Speaker)-[m:MADE]->(st) "
                            "RETURN st.timeline AS key, sp.id + '|' + m.order AS made")
    assert keys and all(r["key"] == r["made"] for r in keys)
    assert not [r for r in keys if r["key"].startswith(ids.speaker_id("Stoltenberg") + "|")]
    clear(empty_store)


def test_a_load_reads_the_speakers_of_its_names_surnames_and_keys_an_older_graph_once(
        empty_store):
    """A graph of an earlier version (speakers without a surname, no marker): the next load
    reads them all, folds a bare surname as before and keys them; later loads' name books
    read only the speakers ending in one of their names' last words."""
    empty_store.write(lambda tx: tx.run(
        "UNWIND $names AS name CREATE (:Speaker {id: 'sp-' + toLower(replace(name, ' ', '-')),"
        " name: name, quote_count: 0})", names=["Stoltenberg", "Olaf Scholz"]).consume())
    dw = str(ROOT / "examples" / "nato-2022" / "004_7c766e41fb12cc0c.txt")
    load_paths(empty_store, [dw])
    rows = empty_store.rows("MATCH (s:Speaker) RETURN s.name AS name, s.surname AS surname")
    names = {r["name"] for r in rows}
    assert "Stoltenberg" not in names and {"Jens Stoltenberg", "Olaf Scholz"} <= names
    assert all(r["surname"] == r["name"].split()[-1] for r in rows)
    text = "“We stand with Ukraine,” Scholz said. “Kuleba agrees,” said Dmytro Kuleba."
    book = speaker_book(empty_store, [extract(Document(text=text, source="later.txt"))])
    assert set(book.names.values()) == {n for n in names if n.split()[-1] in {"Scholz",
                                                                              "Kuleba"}}
    assert book.canonical("Scholz") == "Olaf Scholz"
    clear(empty_store)


def test_a_document_whose_write_fails_leaves_nothing(empty_store):
    doc = Document(text='He said: "We will not compromise on our core principles." Then he '
                        'left.\n\nJens Stoltenberg said: "Every nation has the right to '
                        'choose its own path."', source="atomic.txt", title="Atomic",
                   outlet="Test Outlet", published="2022-02-15")
    extracted = extract(doc)
    assert extracted.quotes
    # A Quote already holds the key of the document's last quote (as a concurrent writer's
    # would): the statement creating the article and its quotes fails on the server, after
    # the speakers and the outlet were written in the same transaction.
    taken = ids.quote_id(ids.article_id(doc.sha256), extracted.quotes[-1].start,
                         extracted.quotes[-1].end)
    empty_store.write(lambda tx: tx.run("CREATE (:Quote {id: $id})", id=taken).consume())
    with pytest.raises(ConstraintError):
        write_document(empty_store, extracted, speaker_book())
    counts = queries.counts(empty_store)
    assert (counts.articles, counts.quotes, counts.speakers, counts.outlets) == (0, 1, 0, 0)
    empty_store.write(lambda tx: tx.run("MATCH (q:Quote {id: $id}) DELETE q", id=taken).consume())
    write_document(empty_store, extracted, speaker_book())
    assert queries.counts(empty_store).articles == 1
    clear(empty_store)


def test_bad_inputs_are_reported_and_the_rest_loads(empty_store, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text('Jens Stoltenberg said: "NATO is a defensive alliance."\n')
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Der Generalsekretär sagte: »Wir sind bereit.«".encode("latin-1"))
    inputs = [str(good), str(empty), str(latin), str(tmp_path / "missing.txt")]
    summary = summarize(empty_store, load_paths(empty_store, inputs))
    assert summary.loaded == 1 and summary.articles == 1
    failed = {f.input: f.reason for f in summary.failed}
    assert set(failed) == {str(empty), str(latin), str(tmp_path / "missing.txt")}
    assert "empty" in failed[str(empty)]
    assert "UTF-8" in failed[str(latin)]
    clear(empty_store)


def _linking_state(store) -> set[tuple]:
    """Statements as sets of (article source, quote text) with each member's mutation."""
    rows = store.rows("""
        MATCH (a:Article)-[:CONTAINS]->(q:Quote)-[v:VARIANT_OF]->(st:Statement)
        RETURN st.id AS st, st.text AS text, a.source AS source, q.start AS start,
               v.mutation AS mutation
    """)
    members: dict[str, set] = {}
    for r in rows:
        members.setdefault((r["st"], r["text"]), set()).add((r["source"], r["start"],
                                                             r["mutation"]))
    return {(key, frozenset(m)) for key, m in members.items()}


def test_incremental_linking_does_not_depend_on_load_order(empty_store):
    files = sorted((ROOT / "examples" / "nato-2022").glob("*.txt"))
    for f in files:  # one document per load: each load links only what it touched
        load_paths(empty_store, [EXAMPLE + "/" + f.name])
    forward = (_linking_state(empty_store), snapshot(empty_store))
    clear(empty_store)
    for f in reversed(files):
        load_paths(empty_store, [EXAMPLE + "/" + f.name])
    backward = (_linking_state(empty_store), snapshot(empty_store))
    clear(empty_store)
    load_paths(empty_store, [EXAMPLE])
    at_once = (_linking_state(empty_store), snapshot(empty_store))
    assert forward[0] == backward[0] == at_once[0]
    # DERIVED_FROM may differ: for equal dates, load order decides which came first.
    for state in (forward, backward, at_once):
        state[1][1].pop("DERIVED_FROM", None)
    assert forward[1] == backward[1] == at_once[1]
    assert len(forward[0]) > 50
    clear(empty_store)


def test_reloading_a_text_under_another_outlet_moves_its_article(empty_store):
    text = 'Anna Berg said: "The bridge will open in May after the last inspection."\n'
    first = Document(text=text, source="a.txt", outlet="First Outlet", published="2023-01-02")
    again = Document(text=text, source="b.txt", outlet="Second Outlet", published="2023-01-02")
    write_document(empty_store, extract(first), speaker_book())
    write_document(empty_store, extract(again), speaker_book())
    rows = empty_store.rows("MATCH (a:Article)-[:PUBLISHED_BY]->(o:Outlet) "
                            "RETURN a.source AS source, o.name AS outlet")
    assert rows == [{"source": "b.txt", "outlet": "Second Outlet"}]
    clear(empty_store)


def test_a_trace_lists_each_variant_once(seeded_store):
    for hit in browse.list_statements(seeded_store)[:40]:
        trace = queries.trace(seeded_store, hit.id)
        ids = [v.quote_id for v in trace.variants]
        assert len(ids) == len(set(ids)) == trace.quote_count
        for v in trace.variants:  # a derivation stays inside the statement
            assert v.derived_from is None or v.derived_from in ids


def test_an_article_that_credits_an_agency_gets_credits_edges(seeded_store):
    rows = seeded_store.rows("""
        MATCH (a:Article)-[:CREDITS]->(o:Outlet)
        MATCH (a)-[:PUBLISHED_BY]->(own:Outlet)
        RETURN own.name AS publisher, o.name AS credited ORDER BY credited
    """)
    # 004 reports what "the Russian state-run RIA news agency" said and signs off ".../Reuters"
    assert rows == [{"publisher": "DW", "credited": "RIA Novosti"},
                    {"publisher": "DW", "credited": "Reuters"}]


CREDITED_NAMES = "MATCH (:Article)-[:CREDITS]->(o:Outlet) RETURN DISTINCT o.name AS name"


def _credited(store) -> set[str]:
    return {r["name"] for r in store.rows(CREDITED_NAMES)}


def test_the_wires_are_the_credited_outlets_and_an_older_graph_flags_them_once(empty_store):
    """The wires are read from the outlets flagged as credited; a graph written before the
    flag gets it at its next relink, and an outlet no article credits any more is no wire,
    flag or not."""
    def doc(n: int, dateline: str) -> Document:
        return Document(text=f'{dateline}Mayor Ilse Varga said: "Ferry line {n} will run '
                             'every hour this summer."', source=f"wire{n}.txt",
                        outlet="Harbour Times", published="2022-02-14")

    assert not load(empty_store, [doc(1, "KYIV (Reuters) - "), doc(2, "RIGA (AFP) - ")]).failed
    assert _credited(empty_store) >= {"Reuters", "AFP"}
    assert relink_scope.wires(empty_store) == _credited(empty_store)
    # the same graph as a version before the flag wrote it: no flag, no marker
    empty_store.write(lambda tx: tx.run(
        "MATCH (o:Outlet) REMOVE o.credited WITH count(*) AS n "
        "MATCH (m:Meta {id: $id}) DELETE m", id=relink_scope.CREDITED).consume())
    assert not empty_store.rows("MATCH (o:Outlet) WHERE o.credited = true RETURN o.id AS id")
    assert relink_scope.wires(empty_store) == _credited(empty_store)
    assert meta.marked(empty_store, relink_scope.CREDITED)
    # an article that no longer credits AFP (reloaded by an extractor that reads it
    # otherwise): its flag stays, it is no wire
    empty_store.write(lambda tx: tx.run(
        "MATCH (:Article)-[r:CREDITS]->(:Outlet {name: 'AFP'}) DELETE r").consume())
    assert "AFP" not in _credited(empty_store) and "Reuters" in _credited(empty_store)
    assert relink_scope.wires(empty_store) == _credited(empty_store)
    # an outlet first credited now, in a flagged graph, is flagged by the load
    assert not load(empty_store, [doc(3, "BERLIN (dpa) - ")]).failed
    wires = relink_scope.wires(empty_store)
    assert "dpa" in wires and wires == _credited(empty_store)
    clear(empty_store)


def test_unnamed_sources_are_one_speaker_per_article(empty_store):
    """"a senior official" in two articles is not known to be one person: two Speakers."""
    texts = ["“The talks will resume on Monday in Geneva,” said a senior official.",
             "“We have no plan to leave the harbour this winter,” a senior official said."]
    for i, text in enumerate(texts):
        doc = extract(Document(text=text, source=f"unnamed-{i}.txt"))
        assert [q.speaker for q in doc.quotes] == ["a senior official"]
        write_document(empty_store, doc, speaker_book(empty_store))
    rows = empty_store.rows("MATCH (q:Quote)-[:ATTRIBUTED_TO]->(s:Speaker) "
                            "RETURN s.id AS id, s.name AS name")
    assert len(rows) == 2 and {r["name"] for r in rows} == {"a senior official"}
    assert len({r["id"] for r in rows}) == 2 and all(ids.is_described_source(r["id"])
                                                     for r in rows)
    clear(empty_store)
