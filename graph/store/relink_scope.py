"""What a small load's relink reads: only the quotes its new quotes can touch.

Linking is pure and groups quotes by their words (graph/link/), so a new quote can change
only the statements holding a quote it can link with. Those are found by index, never by a
scan (the keys are on the Quote nodes, graph/link/keys.py):

- quotes printing the same canonical words (`wording`): one unit with the new print;
- quotes sharing an LSH band (`lsh0`...`lsh20`): exactly the candidate pairs MinHash-LSH
  proposes to linking;
- for a new fragment (2 to 6 words), the statements holding all its content words (the
  search's word index): every quote it can be printed inside is in one of them;
- for a quote left alone, its speaker's statements sharing two of its content words (the
  word index again): the parts it may splice;
- for a new quote, the statements of its statement's speaker sharing two of its content
  words that print a splice or a quote alone: it may now be a part of them.

Each statement found is read whole, with every statement its quotes are also in (a splice
is in two), until closed; the wires (outlets some article credits) are the archive's. The
splice parts of the quotes left alone are looked up after linking what was read (a quote
that joined a statement is no splice, and a new part of an old splice is a new statement),
and linking runs again while that reads more. A statement outside this component keeps what it has.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from quotetrail.graph.link.keys import key_props, long_words
from quotetrail.graph.link.mutation import canonical_words
from quotetrail.graph.link.splices import SPLICE_MIN_PART
from quotetrail.graph.link.units import FRAGMENT_MAX_WORDS, FRAGMENT_MIN_WORDS
from quotetrail.graph.model import Linking
from quotetrail.graph.store import cypher
from quotetrail.graph.store.driver import Store
from quotetrail.graph.store.search import content_words

LOOKUP = 500  # quotes or statements per lookup query (keeps each message small)


class Component:
    """The quotes a small load's relink reads: grown from the new quotes until linking them
    needs nothing more (`grow`), each statement read whole and at most once."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.quotes: set[str] = set()
        self.statements: set[str] = set()  # read whole
        self._probed: set[str] = set()  # quotes whose splice parts were looked up
        self.seeds: set[str] = set()

    def start(self, quotes: list[dict[str, Any]], rewritten: Iterable[str] = ()) -> None:
        """The new `quotes` (rows with id, text), what shares a link key with them and, for
        a new fragment, the statements that may print it; `rewritten`: quotes whose
        statements are rewritten whatever they link with (prints of a new wire)."""
        probed = [q["text"] for q in quotes]
        found = {q["id"] for q in quotes} | linked_by_keys(self.store, probed) | set(rewritten)
        self.quotes |= found
        self.seeds = {q["id"] for q in quotes}
        self.add(statements_of(self.store, found) | hosts_of_fragments(self.store, probed))

    def add(self, statements: set[str]) -> bool:
        """Read `statements` not read yet, closed over shared quotes; True if any was new."""
        new = statements - self.statements
        if new:
            self.quotes |= close(self.store, new, self.statements)
        return bool(new)

    def grow(self, scoped: Linking, rows: dict[str, dict[str, Any]]) -> bool:
        """Read what the statements about to be written need and were not read with: for a
        quote left alone, the statements of its speaker it may splice; for a new quote, the
        splices and lone quotes of its statement's speaker it may now be a part of. True
        when something new was read (link again)."""
        units: dict[str, set[tuple[str, ...]]] = {}
        for v in scoped.variants:
            units.setdefault(v.statement_id, set()).add(canonical_words(rows[v.quote_id]["text"]))
        quotes = {v.quote_id for v in scoped.variants} - self._probed
        self._probed |= quotes
        lone = [rows[v.quote_id] for v in scoped.variants
                if v.quote_id in quotes and len(units[v.statement_id]) == 1]
        speaker = {s.id: s.speaker for s in scoped.statements}  # voted: whoever is credited
        new = [{**rows[v.quote_id], "speaker": speaker[v.statement_id]} for v in scoped.variants
               if v.quote_id in quotes & self.seeds]
        return self.add(parts_of_splices(self.store, lone) | parts_of_splices(
            self.store, new, cypher.SPLICES_OF_PARTS))


def linked_by_keys(store: Store, texts: list[str]) -> set[str]:
    """Quotes sharing a link key (wording or an LSH band) with one of `texts`."""
    keys = key_props(texts)
    return {r["id"] for i in range(0, len(keys), LOOKUP)
            for r in store.rows(cypher.LINKED_BY_KEYS, keys=keys[i:i + LOOKUP])}


def hosts_of_fragments(store: Store, texts: Iterable[str]) -> set[str]:
    """Statements that may print one of the fragments among `texts` inside a longer quote.

    A fragment of only common words (no content word) is not looked up: its hosts would be
    most of the archive (it still joins a host in its own article, which is read anyway)."""
    fragments = sorted({tuple(sorted(set(content_words(t)))) for t in texts
                        if FRAGMENT_MIN_WORDS <= len(canonical_words(t)) <= FRAGMENT_MAX_WORDS}
                       - {()})
    return {r["id"] for i in range(0, len(fragments), LOOKUP) for r in store.rows(
        cypher.HOSTS_OF_FRAGMENTS, fragments=[list(f) for f in fragments[i:i + LOOKUP]])}


def parts_of_splices(store: Store, quotes: list[dict[str, Any]],
                     query: str = cypher.PARTS_OF_SPLICES) -> set[str]:
    """Statements of each quote's speaker that may hold a part of it, were it a splice (or,
    with SPLICES_OF_PARTS, that may be a splice or a lone quote it is now a part of)."""
    rows = [{"speaker": q["speaker"], "words": sorted(set(content_words(q["text"])))}
            for q in quotes if q["speaker"] and long_words(q["text"])]
    rows = [r for r in rows if len(r["words"]) >= 2 * SPLICE_MIN_PART]
    return {r["id"] for i in range(0, len(rows), LOOKUP) for r in store.rows(
        query, rows=rows[i:i + LOOKUP], least=SPLICE_MIN_PART)}


def statements_of(store: Store, quotes: set[str]) -> set[str]:
    ordered = sorted(quotes)
    return {r["id"] for i in range(0, len(ordered), LOOKUP) for r in store.rows(
        cypher.STATEMENTS_OF_QUOTES, quotes=ordered[i:i + LOOKUP])}


def close(store: Store, statements: set[str], seen: set[str]) -> set[str]:
    """The quotes of `statements`, closed over the other statements those quotes are in;
    `seen` (statements already read) gets every statement read."""
    quotes: set[str] = set()
    todo = set(statements) - seen
    while todo:
        seen |= todo
        batch = sorted(todo)
        todo = set()
        for i in range(0, len(batch), LOOKUP):
            for r in store.rows(cypher.MEMBERS_OF_STATEMENTS, statements=batch[i:i + LOOKUP]):
                quotes.add(r["quote"])
                if r["statement"] not in seen:
                    todo.add(r["statement"])
    return quotes


def wires(store: Store) -> frozenset[str]:
    """Every outlet some article credits (provenance prefers a wire's print)."""
    return frozenset(r["name"] for r in store.rows(cypher.WIRES) if r["name"])


def quotes_of(store: Store, articles: list[str]) -> set[str]:
    return {r["id"] for i in range(0, len(articles), LOOKUP) for r in store.rows(
        cypher.QUOTES_OF_ARTICLES, articles=articles[i:i + LOOKUP])}


def new_wire_prints(store: Store, articles: list[str]) -> set[str]:
    """Quotes printed by outlets that only `articles` credit: newly wires, so provenance of
    their prints' statements changes (rare: once per outlet)."""
    return {r["id"] for r in store.rows(cypher.NEW_WIRES, articles=articles)}
