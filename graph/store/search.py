"""Finding statements by a fragment of their words, in the database first.

The engine's full-text index on statement and quote text (dialect.FullText: Neo4j's Lucene
index, ArcadeDB's FULL_TEXT index) names the few hundred statements whose reference wording
or a printed variant best matches the asked words; only those are fuzzy-ranked in Python, so
a search costs its candidates, not the archive. The engines keep the index up to date in the
transaction that writes a statement or a quote: nothing is indexed after a load.

Once every statement keeps its `prints` (key_backfill), the variants are looked up there,
one document per statement however often it was printed, not in the quotes' text: at 100k
articles the quotes of a common word took most of a search (`signs of de-escalation`: 93
against 55 ms), and of 215 fragments of printed quotes, their statement was found for 187
against 186, in the top 5 for 134 against 122.
"""

from __future__ import annotations

import re
from typing import Any

from rapidfuzz import fuzz, process

from quotetrail.errors import QuotetrailError
from quotetrail.graph.link.keys import read_prints
from quotetrail.graph.link.mutation import canonical_words, tokenize
from quotetrail.graph.link.splices import STOPWORDS
from quotetrail.graph.model import Page, StatementHit
from quotetrail.graph.store import cypher_read, key_backfill
from quotetrail.graph.store.driver import Store

SEARCH_CUTOFF = 75  # of 100: below it a statement does not match the asked words
CANDIDATES = 200  # statements fuzzy-ranked per search, those the index scores best
# Index hits read per index: the candidates come from these. 300 is as good as 1000 for the
# generated 10k archive (top-5 recall of fragments, rewordings and typos) at half the time;
# filters (speaker, dates) apply after the index, so a filtered search reads more.
HITS = 300
FILTERED_HITS = 3000
MAX_TERMS = 64  # words of a long query looked up (Lucene refuses past 1024 clauses)
CLEANUP_BATCH = 500  # nodes of the old word index deleted per transaction
FUZZY_MIN = 5  # letters a word needs to be looked up with one edit too (where the engine can)
_LUCENE_SPECIAL = re.compile(r'([+\-!(){}\[\]^"~*?:\\/&|\s])')


class SearchRefused(QuotetrailError):
    """A search with no word that can tell statements apart (only `the`, `and`...)."""


def search_terms(text: str) -> list[str]:
    """The words of a query to look up, in order: each content word (no stop word, no single
    letter) as printed, in lower case as the index holds the text, and in its canonical
    spelling (`colour`, `color`); refused when there is none."""
    printed, canonical = tokenize(text)
    terms: dict[str, None] = {}
    for shown, word in zip(printed, canonical, strict=True):
        if word not in STOPWORDS and len(word) > 1:
            terms.update({shown.casefold(): None, word: None})
    if not terms:
        raise SearchRefused(f"{text.strip()!r} has only common words (the, and, of...) that "
                            "every statement has; add a distinctive word of the quote, "
                            "e.g. 'the new normal' rather than 'the'", input="search")
    return list(terms)[:MAX_TERMS]


def lucene_query(terms: list[str], fuzzy: bool = False) -> str:
    """Terms as one Lucene query that either engine parses, any of them matching. Each term is
    a quoted phrase (inside quotes only `"` and `\\` are special, and are escaped), so that no
    word of the user is read as an operator (AND, OR, NOT, +, -), a group, a field, a wildcard
    or a fuzzy mark; with `fuzzy`, long terms again with one edit allowed (`term~1`), every
    character Lucene gives a meaning escaped."""
    quoted = ['"' + t.replace("\\", "\\\\").replace('"', '\\"') + '"' for t in terms]
    if fuzzy:
        quoted += [_LUCENE_SPECIAL.sub(r"\\\1", t) + "~1" for t in terms
                   if len(t) >= FUZZY_MIN]
    return " OR ".join(quoted)


def search_page(store: Store, text: str, *, speakers: list[str] | None = None,
                since: str | None = None, until: str | None = None, limit: int = 5,
                offset: int = 0, min_score: float = SEARCH_CUTOFF) -> Page[StatementHit]:
    """Statements whose reference wording or a printed variant best matches `text`, ranked by
    score, then spread. `total` counts the candidates scoring at least `min_score`."""
    fulltext = store.dialect.fulltext
    lucene = lucene_query(search_terms(text), fuzzy=fulltext.fuzzy)
    filtered = speakers is not None or since is not None or until is not None
    hits = fulltext.prints_hits if key_backfill.current(store) else fulltext.hits
    rows = store.rows(hits + cypher_read.SEARCH_CANDIDATES, lucene=lucene,
                      hits=FILTERED_HITS if filtered else HITS,
                      speakers=speakers, since=since, until=until, candidates=CANDIDATES)
    ranked = rank(text, rows, min_score)
    return Page[StatementHit](total=len(ranked), limit=limit, offset=offset,
                              items=ranked[offset:offset + limit])


def search_statements(store: Store, text: str, limit: int = 5,
                      min_score: float = SEARCH_CUTOFF) -> list[StatementHit]:
    """The best `limit` statements for `text` (see `search_page`)."""
    return search_page(store, text, limit=limit, min_score=min_score).items


def rank(text: str, rows: list[dict[str, Any]], min_score: float) -> list[StatementHit]:
    """Candidates scored by their best-matching wording, best first."""
    wanted = " ".join(canonical_words(text))
    choices: dict[tuple[str, int], str] = {}
    for r in rows:
        printed = r["texts"] or [t for t, _, _ in read_prints(r["prints"])]
        for text_ in dict.fromkeys([r["text"], *printed]):
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


def drop_word_index(store: Store) -> int:
    """Delete what the word index of earlier versions left in the graph (`(:Word)-[:IN]->`
    and `words_indexed`), in parts; returns the words deleted. Free when there is none."""
    if not store.rows(cypher_read.ANY_OLD_WORD):
        return 0
    deleted = 0
    while n := _write_count(store, cypher_read.OLD_WORDS):
        deleted += n
    while _write_count(store, cypher_read.OLD_WORD_MARKS):
        pass
    return deleted


def _write_count(store: Store, query: str) -> int:
    rows = store.write(lambda tx: tx.run(query, limit=CLEANUP_BATCH).data())
    return int(rows[0]["n"]) if rows else 0
