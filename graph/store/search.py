"""Finding statements by a fragment of their words, in the database first.

An index of words kept in the graph, `(:Word {id})-[:IN]->(:Statement)`, names the few hundred
statements that share most of the asked words; only those are fuzzy-ranked in Python, so a
search costs its candidates, not the archive. The index covers each statement's reference
wording and every variant, and is filled after each load for statements that lack it.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import Any

from neo4j import ManagedTransaction
from rapidfuzz import fuzz, process

from quotetrail.errors import QuotetrailError
from quotetrail.graph.link.mutation import canonical_words
from quotetrail.graph.link.splices import STOPWORDS
from quotetrail.graph.model import Page, StatementHit
from quotetrail.graph.store import cypher_read
from quotetrail.graph.store.driver import Store
from quotetrail.graph.store.writer import unwind

SEARCH_CUTOFF = 75  # of 100: below it a statement does not match the asked words
CANDIDATES = 200  # statements fuzzy-ranked per search, those sharing most asked words
INDEX_BATCH = 500  # statements indexed per transaction


class SearchRefused(QuotetrailError):
    """A search with no word that can tell statements apart (only `the`, `and`...)."""


def content_words(text: str) -> list[str]:
    """The words a statement can be found by: canonical, no stop words, no single letters."""
    return [w for w in canonical_words(text) if w not in STOPWORDS and len(w) > 1]


def search_words(text: str) -> list[str]:
    """The distinct content words of a query; refused when it has none."""
    words = sorted(set(content_words(text)))
    if not words:
        raise SearchRefused(f"{text.strip()!r} has only common words (the, and, of...) that "
                            "every statement has; add a distinctive word of the quote, "
                            "e.g. 'the new normal' rather than 'the'", input="search")
    return words


def search_page(store: Store, text: str, *, speakers: list[str] | None = None,
                since: str | None = None, until: str | None = None, limit: int = 5,
                offset: int = 0, min_score: float = SEARCH_CUTOFF) -> Page[StatementHit]:
    """Statements whose reference wording or a printed variant best matches `text`, ranked by
    score, then spread. `total` counts the candidates scoring at least `min_score`."""
    rows = store.rows(cypher_read.SEARCH_CANDIDATES, words=search_words(text),
                      speakers=speakers, since=since, until=until, candidates=CANDIDATES)
    hits = rank(text, rows, min_score)
    return Page[StatementHit](total=len(hits), limit=limit, offset=offset,
                              items=hits[offset:offset + limit])


def search_statements(store: Store, text: str, limit: int = 5,
                      min_score: float = SEARCH_CUTOFF) -> list[StatementHit]:
    """The best `limit` statements for `text` (see `search_page`)."""
    return search_page(store, text, limit=limit, min_score=min_score).items


def rank(text: str, rows: list[dict[str, Any]], min_score: float) -> list[StatementHit]:
    """Candidates scored by their best-matching wording, best first."""
    wanted = " ".join(canonical_words(text))
    choices: dict[tuple[str, int], str] = {}
    for r in rows:
        for text_ in [r["text"], *r["texts"]]:
            choices[(r["id"], len(choices))] = " ".join(canonical_words(text_ or ""))
    best: dict[str, float] = {}
    # token_set_ratio: a fragment whose words all stand in a longer quote scores 100, and
    # words that are not there pull the score down (partial_ratio matches any letters).
    for _, score, (sid, _) in process.extract(wanted, choices, scorer=fuzz.token_set_ratio,
                                              limit=None, score_cutoff=min_score):
        best[sid] = max(best.get(sid, 0.0), score)
    by_id = {r["id"]: r for r in rows}
    ranked = sorted(best.items(),
                    key=lambda kv: (-kv[1], -(by_id[kv[0]]["quote_count"] or 0), kv[0]))
    return [StatementHit(id=sid, text=by_id[sid]["text"], speaker=by_id[sid]["speaker"],
                         speaker_id=by_id[sid]["speaker_id"],
                         quote_count=by_id[sid]["quote_count"] or 0, score=round(score, 1))
            for sid, score in ranked]


def index_words(store: Store) -> int:
    """Index the words of every statement not indexed yet (new since the last load); returns
    how many. Relinking replaces statements, so it runs after every load."""
    done = 0
    while rows := store.rows(cypher_read.UNINDEXED_STATEMENTS, limit=INDEX_BATCH):
        batch = [{"id": r["id"], "words": _statement_words(r["text"], r["texts"])}
                 for r in rows]
        store.write(partial(_write_words, batch))
        done += len(batch)
    return done


def _write_words(rows: list[dict[str, Any]], tx: ManagedTransaction) -> None:
    unwind(tx, cypher_read.INDEX_WORDS, rows)


def _statement_words(text: str | None, variants: Iterable[str | None]) -> list[str]:
    words: set[str] = set()
    for t in [text, *variants]:
        words.update(content_words(t or ""))
    return sorted(words)
