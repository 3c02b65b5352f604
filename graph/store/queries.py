"""What the CLI, the API and the pages ask of the graph: one function each, one shape each."""

from __future__ import annotations

import json
from typing import Any, TypeVar

from rapidfuzz import fuzz, process

from quotetrail.errors import NotFoundError
from quotetrail.graph.dates import iso
from quotetrail.graph.link.mutation import canonical_words
from quotetrail.graph.model import (
    ArticleRef,
    Counts,
    QuoteArticle,
    QuoteRow,
    StatementHit,
    Trace,
    TraceVariant,
)
from quotetrail.graph.store import cypher
from quotetrail.graph.store.driver import Store

S = TypeVar("S", bound=str)
UNATTRIBUTED_CONFIDENCE = 0.3  # at or below it, quoted words with no speaker are hidden
SEARCH_CUTOFF = 75  # of 100: below it a statement does not match the asked words


def counts(store: Store) -> Counts:
    return Counts(**store.rows(cypher.COUNTS)[0])


def relationship_counts(store: Store) -> dict[str, int]:
    return {r["type"]: r["n"] for r in store.rows(cypher.RELATIONSHIP_COUNTS)}


def search_statements(store: Store, text: str, limit: int = 5) -> list[StatementHit]:
    """Statements whose reference wording or any printed variant best matches `text`."""
    wanted = " ".join(canonical_words(text))
    if not wanted:
        return []
    statements = {r["id"]: r for r in store.rows(cypher.STATEMENTS)}
    choices: dict[tuple[str, int], str] = {}
    for r in store.rows(cypher.STATEMENT_TEXTS):
        choices[(r["id"], len(choices))] = " ".join(canonical_words(r["text"] or ""))
    best: dict[str, float] = {}
    # token_set_ratio: a fragment whose words all stand in a longer quote scores 100, and
    # words that are not there pull the score down (partial_ratio matches any letters).
    for _, score, (sid, _) in process.extract(wanted, choices, scorer=fuzz.token_set_ratio,
                                              limit=None, score_cutoff=SEARCH_CUTOFF):
        best[sid] = max(best.get(sid, 0.0), score)
    ranked = sorted(best.items(),
                    key=lambda kv: (-kv[1], -(statements[kv[0]]["quote_count"] or 0), kv[0]))
    return [StatementHit(id=sid, text=statements[sid]["text"], speaker=statements[sid]["speaker"],
                         quote_count=statements[sid]["quote_count"] or 0, score=round(score, 1))
            for sid, score in ranked[:limit]]


def list_statements(store: Store) -> list[StatementHit]:
    """Every statement, most-spread first."""
    return [StatementHit(id=r["id"], text=r["text"], speaker=r["speaker"],
                         quote_count=r["quote_count"] or 0, score=100.0)
            for r in store.rows(cypher.STATEMENTS)]


def trace(store: Store, statement_id: str) -> Trace:
    """A statement's reference wording, speaker and every variant in time order."""
    rows = store.rows_at_once(cypher.TRACE, id=statement_id)
    if not rows:
        raise NotFoundError(f"no statement with id {statement_id!r}")
    st = rows[0]
    dated = sorted(((iso(r["published"]), r) for r in rows if r["quote_id"] is not None),
                   key=lambda p: (p[0] is None, p[0] or "", p[1]["loaded_at"] or 0.0,
                                  p[1]["quote_id"]))
    variants = [TraceVariant(
        quote_id=r["quote_id"], text=r["text"], kind=r["kind"], speaker=r["speaker"],
        mutation=r["mutation"], similarity=r["similarity"],
        diff=[tuple(op) for op in json.loads(r["diff"] or "[]")],
        article=ArticleRef(id=r["article_id"], title=r["title"], source=r["source"],
                           url=r["url"], outlet=r["outlet"], outlet_id=r["outlet_id"],
                           published=published, kind=r["article_kind"] or "news"),
        derived_from=r["derived_from"], evidence=r["evidence"],
    ) for published, r in dated]
    return Trace(id=st["id"], text=st["statement_text"], speaker=st["statement_speaker"],
                 first_seen=iso(st["first_seen"]), quote_count=st["quote_count"] or 0,
                 variants=variants)


def list_quotes(store: Store, *, include_unattributed: bool = False) -> list[QuoteRow]:
    """Every quote with its article, offsets, speaker and statement(s); words nobody said
    (see `nobodys_words`) only when asked for."""
    rows = store.rows(cypher.BROWSE_QUOTES, article=None, outlet=None, speaker=None, kind=None)
    return [quote_row(r) for r in rows if include_unattributed or not nobodys_words(r)]


def nobodys_words(row: dict[str, Any]) -> bool:
    """Quoted words with no speaker and a low confidence: titles, event names, scare quotes."""
    return row["speaker"] is None and (row["confidence"] or 0.0) <= UNATTRIBUTED_CONFIDENCE


def quote_row(r: dict[str, Any]) -> QuoteRow:
    """A QUOTES-shaped row (also BROWSE_QUOTES) as the one JSON shape of a quote."""
    return QuoteRow(
        id=r["id"], start=r["start"], end=r["end"], text=r["text"], kind=r["kind"],
        speaker=r["speaker"], cue=r["cue"], confidence=r["confidence"],
        article=QuoteArticle(id=r["article_id"], source=r["source"], title=r["title"],
                             outlet=r["outlet"], url=r["url"], published=iso(r["published"])),
        statement=one_or_many(r["statements"]), mutation=one_or_many(r["mutations"]),
    )


def one_or_many(values: list[S] | None) -> S | list[S] | None:
    """One value, a sorted list of several, or None: a quote joining statements has several."""
    values = sorted(set(values or []))
    if not values:
        return None
    return values[0] if len(values) == 1 else values
