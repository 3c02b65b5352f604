"""Linking against the store: read the quotes of the touched speakers, link them, rewrite
their statements, variants and provenance in one transaction; then flag misattributions.

`link` only joins quotes of one speaker, so relinking the speakers a load touched (and the
unattributed quotes of its articles) gives the same statements as relinking everything,
whatever the load order; the rest of the graph is not read.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from neo4j import ManagedTransaction

from quotetrail.graph.dates import iso, to_utc_iso
from quotetrail.graph.link.linking import link
from quotetrail.graph.link.misattribution import find_misattributions
from quotetrail.graph.model import Linking, LinkQuote, StatementRecord, VariantRecord
from quotetrail.graph.store import cypher
from quotetrail.graph.store.driver import Store
from quotetrail.graph.store.writer import BATCH, unwind

TX_QUOTES = 10_000  # quotes relinked per write transaction (the server's heap holds one)
TX_ARTICLES = 5_000  # articles marked linked per transaction


class Stages(Protocol):
    """Where a long relink is: a stage begins (with its number of steps, if counted), and
    a step of it ends."""

    def on_stage(self, name: str, steps: int | None) -> None: ...

    def on_step(self) -> None: ...


class _Silent:
    def on_stage(self, name: str, steps: int | None) -> None:
        pass

    def on_step(self) -> None:
        pass


def relink(store: Store, speakers: Iterable[str] | None = None,
           articles: Iterable[str] = (), stages: Stages | None = None) -> Linking:
    """Re-derive statements, variants and provenance of some speakers' quotes (all: None).

    The Linking returned holds what was written, the misattributed variants included."""
    stages = stages or _Silent()
    stages.on_stage("linking", 2)  # reading the quotes, clustering them
    articles = set(articles)
    if speakers is None:
        articles |= {r["article"] for r in store.rows(cypher.UNLINKED)}
        rows = store.rows(cypher.LINK_INPUT_ALL)
    else:
        rows = (store.rows(cypher.LINK_INPUT_OF_SPEAKERS, speakers=sorted(speakers))
                + store.rows(cypher.LINK_INPUT_UNATTRIBUTED, articles=sorted(articles)))
    quotes = _link_quotes(store, rows)
    stages.on_step()
    linking = link(quotes)
    stages.on_step()
    speaker_of = {q.id: q.speaker for q in quotes}  # a statement is its reference's speaker's
    linked = [replace(s, speaker=speaker_of.get(s.reference_quote_id))
              for s in linking.statements]
    statements = [_statement_row(s) for s in linked]
    # Every statement and edge written below is new: the old ones of these quotes are
    # deleted first, so they are created, not merged. Two loads relinking one speaker at
    # once collide on a statement's key, and the second one's retry replaces the first's.
    # A transaction holds what it changes in the server's heap, so a whole archive is
    # written in parts of about TX_QUOTES quotes (whole statements each); the articles are
    # marked linked only after all parts, so a load killed in between relinks them again.
    parts = _parts(linking, [q.id for q in quotes], statements)
    stages.on_stage("writing statements", len(parts))
    for n, part in enumerate(parts):
        store.write(lambda tx, part=part, first=n == 0: _write_part(tx, part, first))
        stages.on_step()
    marks = sorted(articles)
    for i in range(0, len(marks), TX_ARTICLES):
        store.write(lambda tx, batch=marks[i:i + TX_ARTICLES]:
                    tx.run(cypher.MARK_LINKED, articles=batch).consume())
    covered = {q.speaker for q in quotes if q.speaker} if speakers is None else set(speakers)
    stages.on_stage("checking misattributions", 1)
    flagged = flag_misattributions(store, linked, quotes, covered)
    stages.on_step()
    variants = sorted((*linking.variants, *flagged), key=lambda v: (v.quote_id, v.statement_id))
    return replace(linking, variants=tuple(variants))


@dataclass
class _Part:
    """Whole statements with every quote in them and their edges: one write transaction."""

    quotes: list[str] = field(default_factory=list)
    statements: list[dict[str, Any]] = field(default_factory=list)
    variants: list[dict[str, Any]] = field(default_factory=list)
    derivations: list[dict[str, Any]] = field(default_factory=list)


def _parts(linking: Linking, quote_ids: list[str], statements: list[dict[str, Any]]
           ) -> list[_Part]:
    """Whole statements (a splice joins the statements it draws from) packed into parts of
    about TX_QUOTES quotes; at least one part, so orphans are always swept."""
    root: dict[str, str] = {}

    def find(x: str) -> str:
        while root.setdefault(x, x) != x:
            root[x] = root[root[x]]
            x = root[x]
        return x

    statements_of: dict[str, list[str]] = {}
    for v in linking.variants:
        statements_of.setdefault(v.quote_id, []).append(v.statement_id)
    for sts in statements_of.values():
        for other in sts[1:]:
            root[find(other)] = find(sts[0])
    groups: dict[str, list[str]] = {}
    for qid in sorted(set(quote_ids)):
        sts = statements_of.get(qid)
        groups.setdefault(find(sts[0]) if sts else qid, []).append(qid)
    parts = [_Part()]
    part_of: dict[str, int] = {}  # quote id and statement id -> part
    for quotes in groups.values():
        if parts[-1].quotes and len(parts[-1].quotes) + len(quotes) > TX_QUOTES:
            parts.append(_Part())
        parts[-1].quotes += quotes
        for qid in quotes:
            part_of[qid] = len(parts) - 1
            for sid in statements_of.get(qid, ()):
                part_of[sid] = len(parts) - 1
    for row in statements:
        parts[part_of.get(row["id"], 0)].statements.append(row)
    for v in linking.variants:
        parts[part_of[v.quote_id]].variants.append(_variant_row(v))
    for d in linking.derivations:
        parts[part_of[d.quote_id]].derivations.append(
            {"quote": d.quote_id, "source": d.source_quote_id, "evidence": d.evidence,
             "similarity": d.similarity})
    return parts


def _write_part(tx: ManagedTransaction, part: _Part, first: bool) -> None:
    for i in range(0, len(part.quotes), BATCH):
        batch = part.quotes[i:i + BATCH]
        tx.run(cypher.DELETE_DERIVATIONS_OF, quotes=batch).consume()
        tx.run(cypher.DELETE_STATEMENTS_OF, quotes=batch).consume()
    if first:  # statements left with no quote by a reload's deleted quotes
        tx.run(cypher.DELETE_ORPHAN_STATEMENTS).consume()
    unwind(tx, cypher.CREATE_STATEMENTS, part.statements)
    unwind(tx, cypher.CREATE_VARIANTS, part.variants)
    unwind(tx, cypher.CREATE_DERIVATIONS, part.derivations)


def flag_misattributions(store: Store, statements: Sequence[StatementRecord] = (),
                         quotes: Sequence[LinkQuote] = (),
                         covered: Collection[str] = ()) -> list[VariantRecord]:
    """Quotes printing another speaker's statement, as `misattributed` VARIANT_OF edges.

    This check crosses speakers, so it looks at every statement and attributed quote
    (indexed by word n-grams: linear, no pairs) and rewrites all such edges. The statements
    and quotes of the `covered` speakers are passed in, just linked; the rest are read, so
    a first load of a whole archive reads nothing back, but a small load into a large graph
    reads every other speaker's statements and quotes (the cost of a load's tail).
    """
    others = sorted(covered)
    statements = [*statements, *(StatementRecord(
        id=r["id"], text=r["text"], speaker=r["speaker"], reference_quote_id=r["reference_quote"],
        first_seen=iso(r["first_seen"]), quote_count=r["quote_count"] or 0)
        for r in store.rows(cypher.STATEMENTS_OF_OTHER_SPEAKERS, speakers=others))]
    # the check reads a quote's words, speaker and article kind only: no article context
    quotes = [*quotes, *(LinkQuote(id=r["id"], text=r["text"], speaker=r["speaker"],
                                   article_id=r["article"], article_kind=r["kind"] or "news",
                                   published=None, order=0)
                         for r in store.rows(cypher.QUOTES_OF_OTHER_SPEAKERS, speakers=others))]
    found = find_misattributions(statements, quotes)

    def work(tx: ManagedTransaction) -> None:
        unflagged = tx.run(cypher.DELETE_MISATTRIBUTIONS).value("statement")
        unwind(tx, cypher.MERGE_VARIANTS, [_variant_row(v) for v in found])
        # only counts that misattributions change: the rest were written with their count
        recount = sorted({*unflagged, *(v.statement_id for v in found)})
        unwind(tx, cypher.COUNT_VARIANTS, [{"id": sid} for sid in recount])

    store.write(work)
    return found


def _link_quotes(store: Store, rows: list[dict[str, Any]]) -> list[LinkQuote]:
    """LinkQuotes with their article's date, kind, outlet, credits and load order."""
    context = {c["article"]: c for c in store.rows(
        cypher.ARTICLE_CONTEXT, articles=sorted({r["article"] for r in rows}))}
    order = {a: i for i, a in enumerate(sorted(
        context, key=lambda a: (context[a]["loaded_at"] or 0.0, a)))}
    return [LinkQuote(
        id=r["id"], text=r["text"], speaker=r["speaker"], article_id=r["article"],
        article_kind=context[r["article"]]["kind"] or "news",
        published=iso(context[r["article"]]["published"]), order=order[r["article"]],
        outlet=context[r["article"]]["outlet"],
        credits=tuple(sorted(set(context[r["article"]]["credits"]))),
    ) for r in rows]


def _statement_row(s: StatementRecord) -> dict[str, Any]:
    return {"id": s.id, "text": s.text, "reference_quote": s.reference_quote_id,
            "quote_count": s.quote_count, "first_seen": to_utc_iso(s.first_seen),
            "speaker": s.speaker}


def _variant_row(v: VariantRecord) -> dict[str, Any]:
    return {"quote": v.quote_id, "statement": v.statement_id, "similarity": v.similarity,
            "mutation": v.mutation, "diff": json.dumps(v.diff, ensure_ascii=False)}
