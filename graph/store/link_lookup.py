"""The lookups of a small load's relink that go by words, through the engine's full-text
index on Quote.text (dialect.FullText): the index names the quotes printing the words, and
Python checks on their texts what the index cannot (words in order, how many are shared).

- a fragment's hosts: quotes printing every content word of it (`+"word"` terms), kept when
  their canonical words hold the fragment's words in a row (graph/link/fragments.py);
- a splice's parts, and the splices a new part may belong to or make (an old quote alone
  in its statement, whose other part was printed before): quotes of the speaker's
  statements sharing two content words with the quote, among the index's best HITS for any
  of its words (those sharing most score best; asking for pairs of words, both required,
  found no more and took four times as long on ArcadeDB, three times on Neo4j);
- the quotes sharing a run of words with a new one (`shared_runs`: linking's winnowed
  fingerprints, graph/link/candidates.py, find a quote printed inside a longer passage that
  no LSH band pairs them by), among the index's best HITS for any of its words.

A term matches a word as printed (lower case, as the index holds it) or its canonical
spelling. A quoted term is a phrase: the words in order on Neo4j, all of them anywhere on
ArcadeDB; each term here is one printed word, so both engines read it alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from quotetrail.graph.link.candidates import CROSS_K, CROSS_W, _fingerprints
from quotetrail.graph.link.keys import may_link
from quotetrail.graph.link.mutation import _contiguous_in, canonical_words, tokenize
from quotetrail.graph.link.splices import (
    SPLICE_MAX_SINGLE,
    SPLICE_MIN_COVER,
    SPLICE_MIN_PART,
    _content,
    _explained,
    _has_run,
)
from quotetrail.graph.link.units import FRAGMENT_MAX_WORDS, STOPWORDS
from quotetrail.graph.store import cypher_link
from quotetrail.graph.store.driver import Store
from quotetrail.graph.store.search import lucene_query

HITS = 200  # quotes the index returns per lookup, its best scores first
MOST_WORDS = 32  # content words of a quote a splice lookup asks for (Lucene caps clauses)
LOOKUP = 100  # lookups per query


def content_words(text: str) -> list[str]:
    """The canonical words a statement can be found by: no stop words, no single letters."""
    return [w for w in canonical_words(text) if w not in STOPWORDS and len(w) > 1]


def _groups(text: str) -> dict[str, str]:
    """Each distinct content word of `text` -> a Lucene group matching it as printed or in
    its canonical spelling, in the order of the text."""
    forms: dict[str, set[str]] = {}
    for shown, word in zip(*tokenize(text), strict=True):
        if word not in STOPWORDS and len(word) > 1:
            forms.setdefault(word, set()).update({shown.casefold(), word})
    return {w: f"({lucene_query(sorted(f))})" for w, f in forms.items()}


def all_words(text: str) -> str | None:
    """A Lucene query for quotes printing every content word of `text` (None: it has none)."""
    groups = _groups(text)
    return " ".join(f"+{g}" for g in groups.values()) or None


def any_words(text: str) -> str | None:
    """A Lucene query for quotes printing content words of `text` (its first MOST_WORDS),
    those sharing most of them scored best; None with fewer than two."""
    groups = list(_groups(text).values())[:MOST_WORDS]
    return " OR ".join(groups) if len(groups) >= SPLICE_MIN_PART else None


def _hits(store: Store, follow: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    query = "UNWIND $rows AS row\n" + store.dialect.fulltext.quote_hits + follow
    return [r for i in range(0, len(rows), LOOKUP)
            for r in store.rows(query, rows=rows[i:i + LOOKUP], hits=HITS)]


def hosts(store: Store, fragments: dict[str, tuple[str | None, str]]
          ) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """For fragments (key -> (speaker, text)): the statements holding a longer quote that
    prints the fragment's words in a row, all of them and those where its speaker is credited
    (by the quote or the statement). A fragment of only common words is not looked up."""
    rows = [{"key": k, "lucene": q} for k, (_, text) in sorted(fragments.items())
            if (q := all_words(text))]
    words = {k: canonical_words(text) for k, (_, text) in fragments.items()}
    every: dict[str, set[str]] = {}
    own: dict[str, set[str]] = {}
    for r in _hits(store, cypher_link.HITS_IN_STATEMENTS, rows):
        host, part = canonical_words(r["text"] or ""), words[r["key"]]
        if len(host) > len(part) and _contiguous_in(part, host):
            every.setdefault(r["key"], set()).add(r["id"])
            if fragments[r["key"]][0] in (r["credited"], r["speaker"]):
                own.setdefault(r["key"], set()).add(r["id"])
    return every, own


def shared_runs(store: Store, quotes: Sequence[dict[str, Any]]) -> dict[str, tuple[str, ...]]:
    """Quotes (id -> canonical words) sharing a winnowed fingerprint with one of the long
    `quotes` (rows with id, text), as linking's candidates within a speaker (3-word grams)
    or across speakers (5-word grams) do, and that linking's verification can pass
    (`may_link`). The index's best hits for the quote's content words are checked."""
    words = {q["id"]: canonical_words(q["text"]) for q in quotes}
    longs = {k: ws for k, ws in words.items() if len(ws) > FRAGMENT_MAX_WORDS}
    prints = {k: (set(_fingerprints(ws)), set(_fingerprints(ws, CROSS_K, CROSS_W)))
              for k, ws in longs.items()}
    rows = [{"key": k, "lucene": q} for k in sorted(longs)
            if (q := any_words(next(q["text"] for q in quotes if q["id"] == k)))]
    found: dict[str, tuple[str, ...]] = {}
    for r in _hits(store, cypher_link.HITS_QUOTES, rows):
        if r["id"] in words:
            continue
        hit = canonical_words(r["text"] or "")
        mine, cross = prints[r["key"]]
        if len(hit) > FRAGMENT_MAX_WORDS and (
                mine & set(_fingerprints(hit)) or cross & set(_fingerprints(hit, CROSS_K, CROSS_W))
        ) and may_link(hit, longs[r["key"]]):
            found[r["id"]] = hit
    return found


def parts_and_splices(store: Store, lone: Sequence[dict[str, Any]],
                      new: Sequence[dict[str, Any]]) -> tuple[set[str], dict[str, int]]:
    """Statements of each quote's speaker (rows with id, text, speaker) that a `lone` quote
    may splice, and that hold a splice a `new` quote may be a part of; and the quotes alone
    in their statement that a `new` quote may make a splice of (its other part printed
    before), with the most content positions of theirs a new quote explains: their parts are
    looked up next, as a lone quote's with that new part (`made`, not in the graph yet). A
    statement is a part only when one of its prints explains a run of the quote's words,
    aligned in order, as splice detection does, and with the best other one
    SPLICE_MIN_COVER of its content words (`_parts`)."""
    lone_ids = {q["id"] for q in lone}
    new_ids = {q["id"] for q in new}
    quotes = {q["id"]: q for q in [*lone, *new] if q["speaker"]}
    rows = [{"key": k, "speaker": q["speaker"], "lucene": lucene}
            for k, q in sorted(quotes.items()) if (lucene := any_words(q["text"]))]
    content = {k: set(content_words(q["text"])) for k, q in quotes.items()}
    words = {k: canonical_words(q["text"]) for k, q in quotes.items()}
    # quote -> statement -> the most content positions of the quote one of its prints explains
    explained = {k: {"": q["made"]} for k, q in quotes.items() if q.get("made")}  # "": new
    found: set[str] = set()
    made: dict[str, int] = {}
    for r in _hits(store, cypher_link.HITS_OF_SPEAKER, rows):
        printed = canonical_words(r["text"] or "")
        if len(content[r["key"]] & set(printed)) < SPLICE_MIN_PART:
            continue
        if r["key"] in new_ids and r["mutation"] == "spliced":
            found.add(r["id"])
        elif r["key"] in new_ids and printed == canonical_words(r["reference"] or "") \
                and printed != words[r["key"]] and (n := _explains(printed, words[r["key"]])):
            found.add(r["id"])
            made[r["quote"]] = max(n, made.get(r["quote"], 0))
        if r["key"] in lone_ids and printed != words[r["key"]]:  # its own unit: no part
            n = _explains(words[r["key"]], printed)
            best = explained.setdefault(r["key"], {})
            best[r["id"]] = max(n, best.get(r["id"], 0))
    for key, by_statement in explained.items():
        found |= _parts(len(_content(words[key])), by_statement) - {""}
    return found, made


def _explains(quote: tuple[str, ...], part: tuple[str, ...]) -> int:
    """How many of the quote's content positions a print can explain as a part of it
    (graph/link/splices.py: aligned in order, with a run of two words): 0 when none."""
    content = set(_content(quote))
    if len(content) < 2 * SPLICE_MIN_PART:
        return 0  # too short to be a splice
    kept = _explained(quote, part, content)
    runs = set(zip(part, part[1:], strict=False))
    if len(kept) < SPLICE_MIN_PART or not _has_run(quote, runs, kept):
        return 0
    return len(kept)


def _parts(content: int, explained: dict[str, int]) -> set[str]:
    """The statements that, with the best other one, may explain SPLICE_MIN_COVER of a
    quote's `content` positions; none when the quote cannot be a splice (too short).

    A statement explaining more than SPLICE_MAX_SINGLE of it is never a part: when linking
    may join the two (the dates decide) the quote is a plain variant and no splice, else
    linking passes it over and looks for the parts among the others, as here."""
    ranked = sorted((n for n in explained.values()
                     if 0 < n <= SPLICE_MAX_SINGLE * content), reverse=True)
    if content < 2 * SPLICE_MIN_PART or len(ranked) < 2:
        return set()
    return {st for st, n in explained.items() if 0 < n <= SPLICE_MAX_SINGLE * content and n + (
        ranked[1] if n == ranked[0] else ranked[0]) >= SPLICE_MIN_COVER * content}
