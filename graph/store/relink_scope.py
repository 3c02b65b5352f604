"""What a small load's relink reads: only the quotes its new quotes can touch.

Linking is pure and groups quotes by their words (graph/link/), so a new quote can change
only the statements holding a quote it can link with. Those are found by index, never by a
scan (the keys are on the Quote nodes, graph/link/keys.py):

- quotes printing the same canonical words (`wording`): one unit with the new print;
- quotes sharing an LSH band (`lsh0`...`lsh20`): the candidate pairs MinHash-LSH proposes
  to linking, kept when linking's pair verification can pass (keys.may_link);
- quotes sharing a run of words (linking's winnowed fingerprints: a quote printed inside a
  longer passage), found through the full-text index and kept on the same verification;
- the old fragments (2 to 6 words) printed inside a new quote that it may take (by
  `wording`; `fragments_inside`), and for a new fragment the statements of a quote printing
  its words in a row (the full-text index, graph/store/link_lookup.py; its speaker's
  first): every quote it can join is in one of them;
- for a quote left alone, its speaker's statements that splice detection's alignment lets
  explain a part of it (the full-text index again);
- for a new quote of new words, the splices of its statement's speaker sharing two of its
  content words: it may now be a part of one; and the quotes of that speaker alone in
  their statement that it may be a part of (with a part printed before, they may now be
  splices).

Each statement found is read whole, with every statement its quotes are also in (a splice
is in two), until closed; the wires (outlets some article credits) are the archive's. The
splice parts of the quotes left alone are looked up after linking what was read (a quote
that joined a statement is no splice, and a new part of an old splice is a new statement),
and linking runs again while that reads more. A statement outside this component keeps what it has.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from quotetrail.graph.dates import iso
from quotetrail.graph.link.keys import inner_wordings, link_keys, long_words, may_link
from quotetrail.graph.link.mutation import _contiguous_in, canonical_words
from quotetrail.graph.link.provenance import moment
from quotetrail.graph.link.units import FRAGMENT_MAX_WORDS, FRAGMENT_MIN_WORDS
from quotetrail.graph.model import Linking
from quotetrail.graph.store import cypher_link, link_lookup, meta
from quotetrail.graph.store.driver import Store

LOOKUP = 500  # quotes or statements per lookup query (keeps each message small)
HOSTLESS_MOST = 50  # host statements read for an old fragment that joined no host
CREDITED = "credited-outlets"  # the Meta marker of a graph whose credited outlets say so


class Component:
    """The quotes a small load's relink reads: grown from the new quotes until linking them
    needs nothing more (`grow`), each statement read whole and at most once."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.quotes: set[str] = set()
        self.statements: set[str] = set()  # read whole
        self._probed: set[str] = set()  # quotes whose splice parts were looked up
        self.seeds: set[str] = set()
        self._inner: set[str] = set()  # old fragments inside new quotes, not checked yet
        self._hits: link_lookup.Hits = {}  # the full-text index's hits, once per quote

    def start(self, quotes: list[dict[str, Any]], rewritten: Iterable[str] = ()) -> None:
        """The new `quotes` (rows with id, text), what shares a link key with them and, for
        a new fragment, the statements that may print it; `rewritten`: quotes whose
        statements are rewritten whatever they link with (prints of a new wire)."""
        self.seeds = {q["id"] for q in quotes}
        inner = fragments_inside(self.store, quotes)
        # (the inner fragments come with every print of their words, and have no LSH band)
        keyed = linked_by_keys(self.store, [q["text"] for q in quotes])
        # A new print of words printed before joins their unit: the quotes sharing a run of
        # words with it, the splices it is in or is a part of, were decided on those words
        # already (the unit, with its statement, is read), so its own are not looked up.
        known = {w for qid, w in keyed.items() if qid not in self.seeds}
        printed = {q["id"] for q in quotes if canonical_words(q["text"]) in known}
        keyed.update(link_lookup.shared_runs(self.store,
                                             [q for q in quotes if q["id"] not in printed]))
        found = self.seeds | set(rewritten) | inner.keys() | keyed.keys()
        self.quotes |= found
        self._probed |= printed
        self._inner = set(inner)
        self.add(statements_of(self.store, found) | hosts_of_fragments(self.store, quotes))

    def add(self, statements: set[str]) -> bool:
        """Read `statements` not read yet, closed over shared quotes; True if any was new."""
        new = statements - self.statements
        if new:
            self.quotes |= close(self.store, new, self.statements)
        return bool(new)

    def grow(self, scoped: Linking, rows: dict[str, dict[str, Any]]) -> bool:
        """Read what the statements about to be written need and were not read with: for a
        quote left alone, the statements of its speaker it may splice; for a new quote, the
        splices of its statement's speaker it may now be a part of; for an old fragment it
        may host, the other hosts when it joined none. True when something new was read or
        left out (link again)."""
        units: dict[str, set[tuple[str, ...]]] = {}  # the long wordings of each statement
        for v in scoped.variants:  # (a fragment joins after splices are looked for)
            units.setdefault(v.statement_id, set()).update(
                w for w in [long_words(rows[v.quote_id]["text"])] if w)
        quotes = {v.quote_id for v in scoped.variants} - self._probed
        self._probed |= quotes
        lone = [rows[v.quote_id] for v in scoped.variants
                if v.quote_id in quotes and len(units.get(v.statement_id, ())) == 1]
        speaker = {s.id: s.speaker for s in scoped.statements}  # voted: whoever is credited
        new = [{**rows[v.quote_id], "speaker": speaker[v.statement_id]} for v in scoped.variants
               if v.quote_id in quotes & self.seeds]
        hosts, crowded = few_hosts(self.store, [rows[f] for f in sorted(self._inner)
                                                if _hostless(f, rows)],
                                   [rows[q] for q in sorted(self.seeds) if q in rows])
        self._inner = set()
        dropped = self._drop(crowded, rows)
        parts = link_lookup.parts_and_splices(self.store, lone, new, self._hits)
        return self.add(parts | hosts) or dropped

    def _drop(self, fragments: set[str], rows: dict[str, dict[str, Any]]) -> bool:
        """Leave out old fragments that joined no host and whose words many statements
        print (deciding them takes all of those): they keep their statements as they are."""
        statements = {st for f in fragments for st in rows[f]["statements"]}
        statements -= {st for q in self.seeds & rows.keys() for st in rows[q]["statements"]}
        gone = {q for q in self.quotes - self.seeds
                if q in rows and rows[q]["statements"] and set(rows[q]["statements"]) <= statements}
        self.quotes -= gone
        return bool(gone)


def linked_by_keys(store: Store, texts: list[str]) -> dict[str, tuple[str, ...]]:
    """Quotes sharing a link key with one of `texts`: the same words (one unit), or an LSH
    band with one they may link with (`may_link`: linking verifies a candidate pair before
    it joins anything, and most band-sharing quotes at 10k articles fail it); id -> its
    canonical words."""
    keys = link_keys(sorted(set(texts)))  # (reprints ask their keys once)
    mine = {canonical_words(t) for t in texts}
    longs = [ws for ws in mine if len(ws) > FRAGMENT_MAX_WORDS]
    found: dict[str, tuple[str, ...]] = {}
    kept: dict[tuple[str, ...], bool] = {}  # per wording: hundreds of prints share one
    for i in range(0, len(keys), LOOKUP):
        for r in store.rows(cypher_link.LINKED_BY_KEYS, keys=keys[i:i + LOOKUP]):
            words = canonical_words(r["text"] or "")
            if words not in kept:
                kept[words] = words in mine or any(may_link(words, ws) for ws in longs)
            if kept[words]:
                found[r["id"]] = words
    return found


def _hostless(fragment: str, rows: dict[str, dict[str, Any]]) -> bool:
    """True when no quote of the fragment's statements prints it inside (it joined no host:
    none, or two statements print it about as often), so all its hosts are read."""
    words = canonical_words(rows[fragment]["text"])
    statements = set(rows[fragment]["statements"])
    return not any(len(host := canonical_words(r["text"])) > len(words)
                   and _contiguous_in(words, host)
                   for r in rows.values() if statements & set(r["statements"]))


def fragments_inside(store: Store, quotes: list[dict[str, Any]]) -> dict[str, str]:
    """The old fragments (id -> text) printed inside one of the new `quotes` (rows with text
    and speaker) that it may take. Each is read with its statement, which holds its best
    host so far (and with the fragments of its words, which join when no host is clear);
    its other hosts are not read, as they lost to that one already, unless it has none
    (`_hostless`: then those of its speaker, `few_hosts`).

    A fragment joins the best host of the best kind, a host crediting one of its names
    before any other, by the votes of that kind's hosts (graph/link/fragments.py). So a new
    host matters to a fragment credited to its speaker, or to one whose statement is someone
    else's (its hosts may be of the other kind); not to a fragment credited to nobody (it
    joins only a host in its own article)."""
    inner = [inner_wordings(q["text"]) for q in quotes]  # (a run's words in a row: its key)
    wordings = sorted(set().union(*inner))
    printed = [(len(canonical_words(q["text"])), q["speaker"], keys)
               for q, keys in zip(quotes, inner, strict=True)]
    found: dict[str, str] = {}
    for i in range(0, len(wordings), LOOKUP * 4):
        for r in store.rows(cypher_link.FRAGMENTS_BY_WORDING, wordings=wordings[i:i + LOOKUP * 4]):
            if not r["credited"]:
                continue
            size = len(canonical_words(r["text"]))
            by = {sp for n, sp, keys in printed if n > size and r["wording"] in keys}
            if r["credited"] in by or set(r["speakers"]) - {r["credited"]}:
                found[r["id"]] = r["text"]
    return found


def hosts_of_fragments(store: Store, quotes: list[dict[str, Any]]) -> set[str]:
    """Statements that may print one of the fragments among `quotes` (rows with id, text and
    speaker) inside a longer quote, where it may join (graph/link/fragments.py).

    A fragment credited to nobody joins only a host in its own article, which is read
    anyway. One credited to a speaker joins a host credited to that speaker when there is
    one: those are read, and all hosts only when none is (link_lookup.hosts). A fragment of
    only common words (no content word) is not looked up: its hosts would be most of the
    archive."""
    wanted = {q["id"]: (q["speaker"], q["text"]) for q in quotes if q["speaker"]
              and FRAGMENT_MIN_WORDS <= len(canonical_words(q["text"])) <= FRAGMENT_MAX_WORDS}
    every, own = link_lookup.hosts(store, wanted)
    return {st for key, sts in every.items() for st in own.get(key) or sts}


def few_hosts(store: Store, fragments: list[dict[str, Any]], new: list[dict[str, Any]]
              ) -> tuple[set[str], set[str]]:
    """For old fragments that joined no host (rows with id, text, speaker) and the new quotes
    (rows with text, speaker): the statements to read to place them again, and the fragments
    to leave as they are.

    A fragment joins a host of its own name before any other, by the votes of the hosts of
    the best kind (graph/link/fragments.py). So a new host crediting the fragment's speaker
    needs the statements of the old hosts crediting it; a new host crediting someone else
    changes nothing when an old host credits the speaker, and one more vote among hosts of
    other names when none does: the fragment is left as it is then (it stays apart unless
    that vote tips the balance; `quotetrail relink` redecides it). A fragment credited to
    nobody joins only a host in its own article: a new article changes nothing. A fragment of
    only common words, or whose words more than HOSTLESS_MOST statements of its speaker
    print, is left as it is too (placed by votes across the archive)."""
    printed = [(canonical_words(q["text"]), q["speaker"]) for q in new]

    def hosted_by_own(f: dict[str, Any]) -> bool:
        words = canonical_words(f["text"])
        return any(sp == f["speaker"] and len(ws) > len(words) and _contiguous_in(words, ws)
                   for ws, sp in printed)

    wanted = {f["id"]: f for f in fragments if f["speaker"] and hosted_by_own(f)
              and link_lookup.content_words(f["text"])}
    leave = {f["id"] for f in fragments if f["speaker"]} - wanted.keys()
    _, own = link_lookup.hosts(store, {k: (f["speaker"], f["text"]) for k, f in wanted.items()})
    leave |= {k for k, sts in own.items() if len(sts) > HOSTLESS_MOST}
    return {st for k, sts in own.items() if k not in leave for st in sts}, leave


def statements_of(store: Store, quotes: set[str]) -> set[str]:
    ordered = sorted(quotes)
    return {r["id"] for i in range(0, len(ordered), LOOKUP) for r in store.rows(
        cypher_link.STATEMENTS_OF_QUOTES, quotes=ordered[i:i + LOOKUP])}


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
            for r in store.rows(cypher_link.MEMBERS_OF_STATEMENTS, statements=batch[i:i + LOOKUP]):
                quotes.add(r["quote"])
                if r["statement"] not in seen:
                    todo.add(r["statement"])
    return quotes


def wires(store: Store) -> frozenset[str]:
    """Every outlet some article credits (provenance prefers a wire's print), of those
    flagged as credited; a graph written before the flag gets it first, once."""
    meta.once(store, CREDITED, "every credited outlet says so (cypher.MERGE_CREDITS)",
              cypher_link.FLAG_CREDITED)
    return frozenset(r["name"] for r in store.rows(cypher_link.WIRES) if r["name"])


def quotes_of(store: Store, articles: list[str]) -> set[str]:
    return {r["id"] for i in range(0, len(articles), LOOKUP) for r in store.rows(
        cypher_link.QUOTES_OF_ARTICLES, articles=articles[i:i + LOOKUP])}


def new_wire_prints(store: Store, articles: list[str]) -> set[str]:
    """Quotes printed by outlets that only `articles` credit (newly wires: rare, once per
    outlet) whose statements' provenance may change.

    A wire matters to linking only in provenance (graph/link/provenance.py: a wire's print
    is a candidate source, and wins ties), and the candidate sources of a print are earlier
    prints in other articles than its own. So a statement whose new wire's articles are all
    its latest (in provenance's time order), one printed in one article among them, derives
    as it did, and keeps what it has; of the others, the wire's prints are relinked (their
    statements read whole)."""
    rows = store.rows(cypher_link.NEW_WIRES, articles=articles)
    several = [r for r in rows if len(r["articles"]) > 1 or r["prints"] > len(r["ids"])]
    latest = _latest_articles(store, [r["statement"] for r in several])
    return {q for r in several if set(r["articles"]) - {latest[r["statement"]]} for q in r["ids"]}


def _latest_articles(store: Store, statements: list[str]) -> dict[str, str]:
    """Statement id -> the article of its latest print, in provenance's time order (its
    date in UTC, then load order, then article id: an article's prints are in one place)."""
    keys: dict[str, tuple[tuple[int, str], float, str]] = {}
    latest: dict[str, str] = {}
    for i in range(0, len(statements), LOOKUP):
        for r in store.rows(cypher_link.ARTICLES_OF_STATEMENTS,
                            statements=statements[i:i + LOOKUP]):
            key = (moment(iso(r["published"])), r["loaded_at"] or 0.0, r["article"])
            if r["statement"] not in keys or key > keys[r["statement"]]:
                keys[r["statement"]], latest[r["statement"]] = key, r["article"]
    return latest
