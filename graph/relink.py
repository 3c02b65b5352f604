"""Linking against the store: read the quotes of the touched speakers, link them, rewrite
their statements, variants and provenance in one transaction; then flag misattributions.

`link` only joins quotes of one speaker, so relinking the speakers a load touched (and the
unattributed quotes of its articles) gives the same statements as relinking everything,
whatever the load order; the rest of the graph is not read.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from neo4j import ManagedTransaction

from quotetrail.graph import cypher
from quotetrail.graph.dates import iso, to_utc_iso
from quotetrail.graph.linking import link
from quotetrail.graph.misattribution import find_misattributions
from quotetrail.graph.model import Linking, LinkQuote, StatementRecord, VariantRecord
from quotetrail.graph.store import Store
from quotetrail.graph.writer import BATCH, unwind


def relink(store: Store, speakers: Iterable[str] | None = None,
           articles: Iterable[str] = ()) -> Linking:
    """Re-derive statements, variants and provenance of some speakers' quotes (all: None)."""
    articles = set(articles)
    if speakers is None:
        articles |= {r["article"] for r in store.rows(cypher.UNLINKED)}
        rows = store.rows(cypher.LINK_INPUT_ALL)
    else:
        rows = (store.rows(cypher.LINK_INPUT_OF_SPEAKERS, speakers=sorted(speakers))
                + store.rows(cypher.LINK_INPUT_UNATTRIBUTED, articles=sorted(articles)))
    quotes = _link_quotes(store, rows)
    linking = link(quotes)
    speaker_of = {q.id: q.speaker for q in quotes}
    statements = [_statement_row(s, speaker_of) for s in linking.statements]
    quote_ids = sorted({q.id for q in quotes})

    def work(tx: ManagedTransaction) -> None:
        for i in range(0, len(quote_ids), BATCH):
            batch = quote_ids[i:i + BATCH]
            tx.run(cypher.DELETE_DERIVATIONS_OF, quotes=batch).consume()
            tx.run(cypher.DELETE_STATEMENTS_OF, quotes=batch).consume()
        tx.run(cypher.DELETE_ORPHAN_STATEMENTS).consume()
        unwind(tx, cypher.MERGE_STATEMENTS, statements)
        unwind(tx, cypher.MERGE_MADE, [s for s in statements if s["speaker"]])
        unwind(tx, cypher.MERGE_VARIANTS, [_variant_row(v) for v in linking.variants])
        unwind(tx, cypher.MERGE_DERIVATIONS, [
            {"quote": d.quote_id, "source": d.source_quote_id, "evidence": d.evidence,
             "similarity": d.similarity} for d in linking.derivations])
        tx.run(cypher.MARK_LINKED, articles=sorted(articles)).consume()

    store.write(work)
    flag_misattributions(store)
    return linking


def flag_misattributions(store: Store) -> list[VariantRecord]:
    """Quotes printing another speaker's statement, as `misattributed` VARIANT_OF edges.

    This check crosses speakers, so it reads every statement and quote (indexed by word
    n-grams: linear, no pairs) and rewrites all such edges.
    """
    statements = [StatementRecord(
        id=r["id"], text=r["text"], speaker=r["speaker"], reference_quote_id=r["reference_quote"],
        first_seen=iso(r["first_seen"]), quote_count=r["quote_count"] or 0)
        for r in store.rows(cypher.ALL_STATEMENTS)]
    quotes = _link_quotes(store, store.rows(cypher.LINK_INPUT_ALL))
    found = find_misattributions(statements, quotes)

    def work(tx: ManagedTransaction) -> None:
        tx.run(cypher.DELETE_MISATTRIBUTIONS).consume()
        unwind(tx, cypher.MERGE_VARIANTS, [_variant_row(v) for v in found])
        tx.run(cypher.COUNT_VARIANTS).consume()

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


def _statement_row(s: StatementRecord, speaker_of: dict[str, str | None]) -> dict[str, Any]:
    return {"id": s.id, "text": s.text, "reference_quote": s.reference_quote_id,
            "quote_count": s.quote_count, "first_seen": to_utc_iso(s.first_seen),
            "speaker": speaker_of.get(s.reference_quote_id)}


def _variant_row(v: VariantRecord) -> dict[str, Any]:
    return {"quote": v.quote_id, "statement": v.statement_id, "similarity": v.similarity,
            "mutation": v.mutation, "diff": json.dumps(v.diff, ensure_ascii=False)}
