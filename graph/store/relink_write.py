"""The append path of a small load's relink: write what linking changed, not the statements
it touched rewritten whole.

A new quote that joins a statement without changing what it is (its reference print, hence
its id) adds its variant and derivation edges and updates the statement's kept counts; the
statement, its other quotes' edges and their derivations stay as they are unless linking
gives them other values. The graph written is the one the delete-and-create path
(relink._write) writes: the same linking, compared edge by edge with what the graph holds
of the same quotes (a closed scope: every quote of each statement read is in it). A
statement whose reference changed has a new id: the old one is deleted with its edges and
the new one created, as before. A scope larger than one write part, or a reload (whose
deleted quotes leave orphan statements to sweep), takes the delete-and-create path.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from neo4j import ManagedTransaction

from quotetrail.graph.dates import iso, to_utc_iso
from quotetrail.graph.link.keys import said, statement_prints
from quotetrail.graph.model import DerivationRecord, Linking, StatementRecord, VariantRecord
from quotetrail.graph.store import cypher
from quotetrail.graph.store.driver import Store
from quotetrail.graph.store.timeline_order import order_key
from quotetrail.graph.store.writer import unwind

LOOKUP = 500  # quotes or statements per read

OLD_STATEMENTS = """
UNWIND $statements AS sid
MATCH (st:Statement {id: sid})
OPTIONAL MATCH (sp:Speaker)-[:MADE]->(st)
RETURN st.id AS id, st.text AS text, st.said AS said, st.prints AS prints,
       st.reference_quote AS reference_quote,
       st.quote_count AS quote_count, st.outlet_count AS outlet_count,
       st.conflict_speakers AS conflict_speakers, st.conflict_counts AS conflict_counts,
       toString(st.first_seen) AS first_seen, sp.id AS speaker
"""
OLD_VARIANTS = """
UNWIND $quotes AS qid
MATCH (q:Quote {id: qid})-[v:VARIANT_OF]->(st:Statement)
RETURN q.id AS quote, st.id AS statement, v.similarity AS similarity, v.mutation AS mutation,
       v.diff AS diff, v.speaker_inferred_from AS inferred_from,
       v.speaker_corrected AS corrected, v.corrected_speaker AS corrected_speaker
"""
OLD_DERIVATIONS = """
UNWIND $quotes AS qid
MATCH (q:Quote {id: qid})-[d:DERIVED_FROM]->(src:Quote)
RETURN q.id AS quote, src.id AS source, d.evidence AS evidence, d.similarity AS similarity,
       d.confidence AS confidence
"""
DELETE_STATEMENTS = """
UNWIND $rows AS row
MATCH (st:Statement {id: row.id})
DETACH DELETE st
"""
DELETE_VARIANTS = """
UNWIND $rows AS row
MATCH (:Quote {id: row.quote})-[v:VARIANT_OF]->(:Statement {id: row.statement})
DELETE v
"""
DELETE_DERIVATIONS = """
UNWIND $rows AS row
MATCH (:Quote {id: row.quote})-[d:DERIVED_FROM]->(:Quote {id: row.source})
DELETE d
"""
# A kept statement's properties, and its speaker when that changed (`moved`).
SET_STATEMENTS = """
UNWIND $rows AS row
MATCH (st:Statement {id: row.id})
""" + cypher.STATEMENT_PROPERTIES + """WITH st, row
MATCH (:Speaker)-[m:MADE]->(st)
SET m.order = row.order
"""
UNMAKE = """
UNWIND $rows AS row
MATCH (st:Statement {id: row.id})
MATCH (:Speaker)-[m:MADE]->(st)
SET st.timeline = null
DELETE m
"""
MAKE = """
UNWIND $rows AS row
MATCH (st:Statement {id: row.id})
MATCH (s:Speaker {id: row.speaker})
CREATE (s)-[:MADE {order: row.order}]->(st)
SET st.timeline = row.speaker + '|' + row.order
"""


@dataclass
class Changes:
    """What one small load's linking changes in the graph, by kind and operation."""

    gone_statements: list[str] = field(default_factory=list)
    new_statements: list[dict[str, Any]] = field(default_factory=list)
    set_statements: list[dict[str, Any]] = field(default_factory=list)
    moved_statements: list[dict[str, Any]] = field(default_factory=list)  # speaker changed
    gone_variants: list[dict[str, Any]] = field(default_factory=list)
    new_variants: list[dict[str, Any]] = field(default_factory=list)
    gone_derivations: list[dict[str, Any]] = field(default_factory=list)
    new_derivations: list[dict[str, Any]] = field(default_factory=list)

    def count(self) -> int:
        return sum(len(v) for v in vars(self).values())


def changes(store: Store, linking: Linking, texts: dict[str, str],
            rows: Iterable[dict[str, Any]]) -> Changes:
    """Compare `linking` (a closed scope) with what the graph holds of its quotes (`rows`:
    link input rows, each quote's current statements under "statements")."""
    quotes = sorted({v.quote_id for v in linking.variants})
    scoped = set(quotes)
    held = sorted({st for r in rows if r["id"] in scoped for st in r["statements"] or ()})
    linked = sorted({r["id"] for r in rows if r["id"] in scoped and r["statements"]})
    old_st = {r["id"]: r for r in _read(store, OLD_STATEMENTS, "statements", held)}
    old_v = {(r["quote"], r["statement"]): r for r in _read(store, OLD_VARIANTS, "quotes",
                                                            linked)}
    old_d = {(r["quote"], r["source"]): r for r in _read(store, OLD_DERIVATIONS, "quotes",
                                                         linked)}
    keys = statement_keys(linking, texts)
    found = Changes()
    new_ids = {s.id for s in linking.statements}
    found.gone_statements = sorted(old_st.keys() - new_ids)
    for s in linking.statements:
        row = {**statement_row(s), **keys[s.id]}
        old = old_st.get(s.id)
        if old is None:
            found.new_statements.append(row)
            continue
        if any(_differs(row[k], old[k]) for k in row if k not in ("speaker", "first_seen",
                                                                  "order")) \
                or row["first_seen"] != iso(old["first_seen"]):
            found.set_statements.append(row)
        if row["speaker"] != old["speaker"]:
            found.moved_statements.append(row)
    gone = set(found.gone_statements)
    _compare(found.new_variants, found.gone_variants,
             {(v.quote_id, v.statement_id): variant_row(v) for v in linking.variants},
             {k: r for k, r in old_v.items() if k[1] not in gone})
    _compare(found.new_derivations, found.gone_derivations,
             {(d.quote_id, d.source_quote_id): derivation_row(d)
              for d in linking.derivations}, old_d)
    return found


def _compare(new: list[dict[str, Any]], gone: list[dict[str, Any]],
             wanted: dict[tuple[str, str], dict[str, Any]],
             held: dict[tuple[str, str], dict[str, Any]]) -> None:
    """Edges to create (absent or with other properties) and to delete (not wanted, or
    replaced by one with other properties)."""
    for key, row in sorted(wanted.items()):
        old = held.get(key)
        if old is None:
            new.append(row)
        elif any(_differs(v, old[k]) for k, v in row.items() if k in old):
            gone.append(row)
            new.append(row)
    gone.extend(row for key, row in sorted(held.items()) if key not in wanted)


def _differs(new: Any, old: Any) -> bool:
    """Whether a property as linking gives it differs from the one read (lists come back as
    lists; a missing property reads as null)."""
    if isinstance(new, tuple):
        new = list(new)
    return bool(new != old)


def _read(store: Store, query: str, name: str, ids: list[str]) -> list[dict[str, Any]]:
    return [r for i in range(0, len(ids), LOOKUP)
            for r in store.rows(query, **{name: ids[i:i + LOOKUP]})]


def writer(found: Changes, then: Callable[[ManagedTransaction], None] | None = None
           ) -> Callable[[ManagedTransaction], None]:
    """The one write transaction of `found`: deletions first, so an edge replaced by one with
    other properties is created anew; then `then` in the same transaction (the articles'
    linked mark)."""
    def work(tx: ManagedTransaction) -> None:
        unwind(tx, DELETE_DERIVATIONS, found.gone_derivations)
        unwind(tx, DELETE_VARIANTS, found.gone_variants)
        unwind(tx, DELETE_STATEMENTS, [{"id": s} for s in found.gone_statements])
        unwind(tx, cypher.CREATE_STATEMENTS, found.new_statements)
        unwind(tx, SET_STATEMENTS, found.set_statements)
        unwind(tx, UNMAKE, found.moved_statements)
        unwind(tx, MAKE, [r for r in found.moved_statements if r["speaker"] is not None])
        unwind(tx, cypher.CREATE_VARIANTS, found.new_variants)
        unwind(tx, cypher.CREATE_DERIVATIONS, found.new_derivations)
        if then is not None:
            then(tx)
    return work


def statement_keys(linking: Linking, texts: dict[str, str]) -> dict[str, dict[str, str]]:
    """Each statement's link keys (graph/link/keys.py), of its quotes' `texts`: `said` and
    `prints`."""
    printed: dict[str, list[tuple[str, str, str]]] = {s.id: [] for s in linking.statements}
    for v in linking.variants:
        printed.setdefault(v.statement_id, []).append(
            (v.quote_id, texts[v.quote_id], v.mutation))
    speakers = {s.id: s.speaker for s in linking.statements}
    return {sid: {"said": said(speakers.get(sid), [t for _, t, _ in ps]),
                  "prints": statement_prints(ps)} for sid, ps in printed.items()}


def statement_row(s: StatementRecord) -> dict[str, Any]:
    return {"id": s.id, "text": s.text, "reference_quote": s.reference_quote_id,
            "quote_count": s.quote_count, "outlet_count": s.outlet_count,
            "first_seen": to_utc_iso(s.first_seen), "order": order_key(s.first_seen, s.id),
            "speaker": s.speaker, "conflict_speakers": [name for name, _ in s.conflict] or None,
            "conflict_counts": [n for _, n in s.conflict] or None}


def variant_row(v: VariantRecord) -> dict[str, Any]:
    return {"quote": v.quote_id, "statement": v.statement_id, "similarity": v.similarity,
            "mutation": v.mutation, "diff": json.dumps(v.diff, ensure_ascii=False),
            "inferred_from": v.inferred_from, "corrected": v.corrected or None,
            "corrected_speaker": v.corrected_speaker}


def derivation_row(d: DerivationRecord) -> dict[str, Any]:
    return {"quote": d.quote_id, "source": d.source_quote_id, "evidence": d.evidence,
            "similarity": d.similarity, "confidence": d.confidence}
