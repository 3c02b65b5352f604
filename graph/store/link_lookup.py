"""The lookups of a small load's relink that go by words, through the engine's full-text
indexes (dialect.FullText): on Quote.text, and on the link keys kept as words of letters
(graph/link/keys.py: Quote.runs, Statement.said), which name few nodes each where a word
of the text names thousands at 100k articles. Python checks on the texts found what the
index cannot (words in order, how many are shared).

- a fragment's hosts: quotes printing every content word of it (`+"word"` terms), kept when
  their canonical words hold the fragment's words in a row (graph/link/fragments.py);
- a splice's parts, and the splices a new part may belong to or make (an old quote alone
  in its statement, whose other part was printed before): the speaker's statements
  sharing two content words with the quote, by the `said` keys of the speaker with each of
  its words, the index's best SAID_HITS statements (those sharing most score best); an old
  quote's other part, when a new quote may be one, only by the words on the side where it
  may lie (`_other_side`), among the index's best SIDE_HITS;
- the quotes sharing a run of words with a new one (`shared_runs`: linking's winnowed
  fingerprints, graph/link/candidates.py, find a quote printed inside a longer passage that
  no LSH band pairs them by): not by its words but by the fingerprints themselves, words of
  the quotes' `runs` link key in a full-text index of their own (graph/link/keys.py).

A term matches a word as printed (lower case, as the index holds it) or its canonical
spelling. A quoted term is a phrase: the words in order on Neo4j, all of them anywhere on
ArcadeDB; each term here is one printed word, so both engines read it alike.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from quotetrail.graph.link.candidates import MAX_POSTING
from quotetrail.graph.link.keys import (
    content_words,
    may_link,
    read_prints,
    run_tokens,
    said_tokens,
)
from quotetrail.graph.link.mutation import _contiguous_in, canonical_words, tokenize
from quotetrail.graph.link.provenance import PRIMARY_KINDS
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

HITS = 200  # quotes the index returns per lookup of a fragment's hosts, best first
SAID_HITS = 50  # statements of the speaker per splice lookup (each with its distinct prints)
RUN_HITS = MAX_POSTING  # ... sharing a run fingerprint (linking drops one shared by more)
SIDE_HITS = 50  # ... per lookup of an old quote's other part, by the words where it must be
MOST_WORDS = 32  # content words of a quote a splice lookup asks for (Lucene caps clauses)
MOST_RUNS = 1000  # ... fingerprints a shared-runs lookup asks for (under Lucene's 1024)
LOOKUP = 100  # lookups per query

Hits = dict[str, list[dict[str, Any]]]  # quote id -> the rows of the index's best hits for it


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


def _hits(store: Store, follow: str, rows: list[dict[str, Any]], hits: int = HITS,
          index: str = "quote") -> list[dict[str, Any]]:
    """The index's hits for each row (its `key` and what to ask), each with the row's key.
    Rows asking the same (the prints of one quote: a much printed statement's words, once
    per print) are asked once: a seed document loaded into the 100k archive looked up 69
    fragments' hosts, 200 hits each, in 46 distinct queries."""
    fulltext = store.dialect.fulltext
    query = "UNWIND $rows AS row\n" + {"quote": fulltext.quote_hits, "runs": fulltext.runs_hits,
                                       "said": fulltext.said_hits}[index] + follow
    keys: dict[tuple[tuple[str, Any], ...], list[str]] = {}
    for row in rows:
        keys.setdefault(tuple(sorted((k, v) for k, v in row.items() if k != "key")),
                        []).append(row["key"])
    asked = [{**dict(ask), "key": str(i)} for i, ask in enumerate(keys)]
    owners = list(keys.values())
    return [{**r, "key": key} for i in range(0, len(asked), LOOKUP)
            for r in store.rows(query, rows=asked[i:i + LOOKUP], hits=hits)
            for key in owners[int(r["key"])]]


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


def printed_hits(store: Store, quotes: Sequence[dict[str, Any]], cache: Hits,
                 hits: int = SAID_HITS) -> Hits:
    """For each quote (rows with id, text, speaker; `at`: only its words at these positions),
    the prints of its speaker's statements printing two of its content words or more: the
    index's best `hits` statements by the Statement `said` key (its speaker with any of the
    quote's first MOST_WORDS content words; those sharing most score best), a row per
    distinct print of each (quote, text, statement, mutation, reference: the statement's
    `prints` key, graph/link/keys.py). Looked up once per quote: `cache` keeps them for the
    next call."""
    rows = [{"key": q["id"], "lucene": " OR ".join(tokens), "speaker": q["speaker"]}
            for q in quotes if q["id"] not in cache and len(tokens := said_tokens(
                q["speaker"], list(dict.fromkeys(content_words(q["text"], q.get("at"))))
                [:MOST_WORDS])) >= SPLICE_MIN_PART]
    cache.update((q["id"], []) for q in quotes if q["id"] not in cache)
    for r in _hits(store, cypher_link.PRINTS_OF_SPEAKER, rows, hits, "said"):
        cache[r["key"]].extend(
            {"key": r["key"], "id": r["id"], "reference": r["reference"],
             "speaker": r["speaker"], "text": text, "mutation": mutation, "quote": quote}
            for text, mutation, quote in read_prints(r["prints"]))
    return cache


def shared_runs(store: Store, quotes: Sequence[dict[str, Any]]) -> dict[str, tuple[str, ...]]:
    """Quotes (id -> canonical words) sharing a winnowed fingerprint with one of the long
    `quotes` (rows with id, text), as linking's candidates within a speaker (3-word grams)
    or across speakers (5-word grams) do, and that linking's verification can pass
    (`may_link`). They are looked up by those fingerprints (the `runs` key, any of them:
    within a speaker too, as the name a unit is credited to is decided by linking), at most
    RUN_HITS per quote, the most shared first. A hit shares one of them: the index holds
    each as a whole word and the query asks only the quote's own (a graph written before
    grams of stop words proposed nothing holds theirs too, which no query asks)."""
    mine = {q["id"]: canonical_words(q["text"]) for q in quotes}
    longs = [q for q in quotes if len(mine[q["id"]]) > FRAGMENT_MAX_WORDS]
    hits: Hits = {q["id"]: [] for q in longs}
    rows = [{"key": q["id"], "lucene": " OR ".join(tokens[:MOST_RUNS])} for q in longs
            if (tokens := run_tokens(mine[q["id"]]))]
    for r in _hits(store, cypher_link.HITS_QUOTES, rows, RUN_HITS, "runs"):
        hits[r["key"]].append(r)
    found: dict[str, tuple[str, ...]] = {}
    words_of: dict[str, tuple[str, ...]] = {}  # a hit of several quotes: its words once
    for q in longs:
        for r in hits[q["id"]]:
            if r["quote"] in mine or r["quote"] in found:
                continue
            if r["quote"] not in words_of:
                words_of[r["quote"]] = canonical_words(r["text"] or "")
            hit = words_of[r["quote"]]  # (a quote of 6 words or fewer has no runs)
            if len(hit) > FRAGMENT_MAX_WORDS and may_link(hit, mine[q["id"]]):
                found[r["quote"]] = hit
    return found


def parts_and_splices(store: Store, lone: Sequence[dict[str, Any]],
                      new: Sequence[dict[str, Any]], cache: Hits | None = None) -> set[str]:
    """Statements of each quote's speaker (rows with id, text, speaker) that a `lone` quote
    may splice, and that hold a splice a `new` quote may be a part of; and for an old quote
    alone in its statement that a `new` quote may make a splice of, its statement and those
    that may be its other part with the new one. A statement is a part only when one of its
    prints explains a run of the quote's words, aligned in order, as splice detection does,
    and with the best other one SPLICE_MIN_COVER of its content words (`_parts`)."""
    cache = {} if cache is None else cache
    quotes = {q["id"]: q for q in [*lone, *new] if q["speaker"]}
    hits = printed_hits(store, list(quotes.values()), cache)
    found: set[str] = set()
    made: dict[str, dict[str, Any]] = {}  # old quote -> its row, with what a new part explains
    for q in (quotes[q["id"]] for q in new if q["id"] in quotes):
        words = canonical_words(q["text"])
        wordings = _long_wordings(hits[q["id"]])
        for r in _own(hits[q["id"]], q):
            printed = canonical_words(r["text"] or "")
            if r["mutation"] == "spliced":
                if _explains(printed, words):
                    found.add(r["id"])  # (a quote that explains no part of it is none)
            elif wordings.get(r["id"]) == {printed} and (
                    side := _other_side(printed, r["reference"], words)):
                x = made.setdefault(r["quote"], {"id": r["quote"], "text": r["text"], "new": 0,
                                                 "speaker": q["speaker"], "alone_in": r["id"],
                                                 "at": set()})
                x["new"] = max(x["new"], side[0])
                x["at"] |= side[1]
    # the other parts are looked up by the words they may explain: not the quote's own hits
    return found | _parts_of(store, [quotes[q["id"]] for q in lone if q["id"] in quotes],
                             cache) | _parts_of(store, list(made.values()), {}, SIDE_HITS)


def _long_wordings(rows: list[dict[str, Any]]) -> dict[str, set[tuple[str, ...]]]:
    """Per statement of these hits (a row per distinct print), the wordings of its prints
    long enough to be linked by an edge, splices apart: a quote is tested as a splice only
    when its statement has no other one (graph/link/splices.py: a unit alone in its cluster
    once the edges are linked; fragments and splices join after)."""
    found: dict[str, set[tuple[str, ...]]] = {}
    for r in rows:
        words = canonical_words(r["text"] or "")
        if r["id"] is not None and r["mutation"] != "spliced" and \
                len(words) > FRAGMENT_MAX_WORDS:
            found.setdefault(r["id"], set()).add(words)
    return found


def _own(rows: list[dict[str, Any]], q: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The hits in a statement of the quote's speaker sharing SPLICE_MIN_PART content words
    with it."""
    content = set(content_words(q["text"]))
    for r in rows:
        if r["id"] is not None and r["speaker"] == q["speaker"] and \
                len(content & set(canonical_words(r["text"] or ""))) >= SPLICE_MIN_PART:
            yield r


def _parts_of(store: Store, quotes: list[dict[str, Any]], cache: Hits,
              hits: int = SAID_HITS) -> set[str]:
    """The statements that may be parts of each quote (rows with id, text, speaker; `new`:
    what a new quote explains of it, `alone_in`: its own statement, read with the parts)."""
    found_by = printed_hits(store, quotes, cache, hits)
    explained: dict[str, dict[str, int]] = {}  # quote -> statement -> the most one explains
    content: dict[str, int] = {}
    for q in quotes:
        words = canonical_words(q["text"])
        content[q["id"]] = len(_content(words))
        best = explained.setdefault(q["id"], {})
        for r in _own(found_by[q["id"]], q):
            if (printed := canonical_words(r["text"] or "")) != words:  # its own unit: no part
                best[r["id"]] = max(_explains(words, printed), best.get(r["id"], 0))
    primary = _primary(store, {st for k, by in explained.items() for st, n in by.items()
                               if n > SPLICE_MAX_SINGLE * content[k]})
    found: set[str] = set()
    for q in quotes:
        if parts := _parts(content[q["id"]], explained[q["id"]], primary, q.get("new", 0)):
            found |= parts | ({q["alone_in"]} if "alone_in" in q else set())
    return found


def _primary(store: Store, statements: set[str]) -> set[str]:
    """The `statements` a primary source prints (cypher_link.PRIMARY_PRINTED)."""
    ordered = sorted(statements)
    return {r["id"] for i in range(0, len(ordered), LOOKUP * 5) for r in store.rows(
        cypher_link.PRIMARY_PRINTED, statements=ordered[i:i + LOOKUP * 5],
        kinds=sorted(PRIMARY_KINDS))}


def _other_side(printed: tuple[str, ...], reference: str | None, part: tuple[str, ...]
                ) -> tuple[int, set[int]] | None:
    """When a new quote (`part`) may make an old quote alone in its statement (its words are
    the statement's reference wording) a splice: how many of its content positions the new
    quote explains, and the word positions where the other part must then be; None when it
    cannot (graph/link/splices.py: a quote of 7 words or more; a part explaining over 60% of
    it is no part; the two parts lie one after the other, the other part explaining at most
    60% and, with this one, 70% of the content)."""
    if len(printed) <= FRAGMENT_MAX_WORDS or printed == part \
            or printed != canonical_words(reference or ""):
        return None
    content = _content(printed)
    kept = _kept(printed, part)
    n = len(kept)
    if not n or n > SPLICE_MAX_SINGLE * len(content):
        return None
    most = int(SPLICE_MAX_SINGLE * len(content))  # the content positions a part may explain
    at: set[int] = set()
    for side in ([i for i in content if i < min(kept)], [i for i in content if i > max(kept)]):
        if len(side) >= SPLICE_MIN_PART and \
                (n + min(len(side), most)) / len(content) >= SPLICE_MIN_COVER:
            at.update(side)
    return (n, at) if at else None


def _explains(quote: tuple[str, ...], part: tuple[str, ...]) -> int:
    """How many of the quote's content positions a print can explain as a part of it
    (graph/link/splices.py: aligned in order, with a run of two words): 0 when none."""
    return len(_kept(quote, part))


def _kept(quote: tuple[str, ...], part: tuple[str, ...]) -> set[int]:
    """The quote's content positions a print explains as a part of it (`_explains`)."""
    content = set(_content(quote))
    if len(content) < 2 * SPLICE_MIN_PART:
        return set()  # too short to be a splice
    kept = _explained(quote, part, content)
    runs = set(zip(part, part[1:], strict=False))
    if len(kept) < SPLICE_MIN_PART or not _has_run(quote, runs, kept):
        return set()
    return kept


def _parts(content: int, explained: dict[str, int], primary: set[str], new: int = 0
           ) -> set[str]:
    """The statements that, with the best other one, may explain SPLICE_MIN_COVER of a
    quote's `content` positions (with the new part, when `new` content positions are what a
    new quote explains of it: two old parts would have made it a splice already); none when
    the quote cannot be a splice (too short, or a plain variant: a statement explains more
    than SPLICE_MAX_SINGLE of it).

    Linking passes over a statement explaining that much when the dates keep them apart,
    and takes the parts among the others: that can be only when a primary source prints it
    (news joins any statement no primary source prints); those are left out here."""
    most = SPLICE_MAX_SINGLE * content
    if content < 2 * SPLICE_MIN_PART or any(n > most and st not in primary
                                            for st, n in explained.items()):
        return set()
    ranked = sorted((n for n in explained.values() if 0 < n <= most), reverse=True)
    if new:
        return {st for st, n in explained.items()
                if 0 < n <= most and n + new >= SPLICE_MIN_COVER * content}
    if len(ranked) < 2:
        return set()
    return {st for st, n in explained.items() if 0 < n <= most and n + (
        ranked[1] if n == ranked[0] else ranked[0]) >= SPLICE_MIN_COVER * content}
