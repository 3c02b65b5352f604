"""Linking against the store: read what a load's quotes can touch (relink_scope.py; the
whole archive for a repair), link it (the words decide, across speakers), rewrite the
statements, variants and provenance the load touched in parts of whole statements;
journalists' corrections are read and applied before linking.

Linking is pure and deterministic, so the statements a load did not touch come out as they
were written: only the touched quotes' statements are rewritten, closed over what they
share (a statement being rewritten takes every quote in it, old or new, along). A small
load writes only what that linking changes (the append path, relink_write.py).
"""

from __future__ import annotations

import fcntl
from collections.abc import Callable, Iterable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Protocol

from neo4j import ManagedTransaction

from quotetrail.graph.dates import iso
from quotetrail.graph.link.context import window
from quotetrail.graph.link.linking import Memo, link_documents
from quotetrail.graph.link.units import UnionFind
from quotetrail.graph.model import Correction, Linking, LinkQuote
from quotetrail.graph.store import cypher, cypher_link, pending, quote_days, upgrade
from quotetrail.graph.store import relink_scope as scope
from quotetrail.graph.store.driver import Store
from quotetrail.graph.store.relink_write import (
    changes,
    derivation_row,
    statement_keys,
    statement_row,
    variant_row,
    writer,
)
from quotetrail.graph.store.writer import BATCH, unwind

TX_ARTICLES = 5_000  # articles marked linked per transaction
# a load whose quotes are a quarter of the archive or more reads it all (fewer round trips)
WHOLE_SHARE = 4
GROW_ROUNDS = 8  # links of a growing component at most (two or three in practice)


class Stages(Protocol):
    """Where a long relink is: a stage begins (with its number of steps, if counted), and
    a step of it ends."""

    def on_stage(self, name: str, steps: int | None) -> None: ...

    def on_step(self) -> None: ...


@dataclass(frozen=True)
class Held:
    """What the load calling relink still holds of the articles it wrote, exactly as written:
    each one's text (an article's id is its text's hash) and quote ids, and which articles it
    created (their quotes are new nodes: no statement or provenance of theirs to delete
    unless a relink linked them since). Relink reads none of that back (the texts were 4.7 s
    of a 10k load's linking on a loaded machine). `new`: of created articles, what counts
    their quotes (graph/store/quote_days.py); they are counted as they are marked linked."""

    texts: Mapping[str, str] = field(default_factory=dict)
    quotes: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    created: frozenset[str] = frozenset()
    new: Mapping[str, quote_days.NewArticle] = field(default_factory=dict)


class _Silent:
    def on_stage(self, name: str, steps: int | None) -> None:
        pass

    def on_step(self) -> None:
        pass


def relink(store: Store, articles: Iterable[str] | None = None, quotes: Iterable[str] = (),
           stages: Stages | None = None, sweep: bool = False,
           held: Held | None = None) -> Linking:
    """Re-derive statements, variants and provenance after a load of `articles` (and of
    `quotes` of other articles whose speaker changed), reading only what their quotes can
    touch (graph/store/relink_scope.py); `articles=None` relinks the whole archive (the
    repair). The first relink of a graph written by an earlier version gives it what that
    version left out first (upgrade.py: link keys, order keys, each quote's article).
    `sweep` deletes statements a reload left without quotes; `held`: what the load knows of
    its articles. The Linking returned holds what was written.

    Relinks of one home take turns (a file lock): each rewrites the statements it touched,
    so two at once would each delete what the other just wrote."""
    stages = stages or _Silent()
    held = held or Held()
    with _turn(store.home):
        upgrade.ensure(store, stages, repair=articles is None, created=held.created)
        if articles is None:
            return _relink_all(store, stages)
        return _relink_some(store, set(articles), set(quotes), stages, sweep, held)


@contextmanager
def _turn(home: Path | None) -> Iterator[None]:
    if home is None:
        yield
        return
    home.mkdir(parents=True, exist_ok=True)
    with open(home / "relink.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _relink_all(store: Store, stages: Stages) -> Linking:
    stages.on_stage("linking", 2)  # reading the quotes, clustering them
    articles = pending.unlinked(store)
    rows = _by_quote(store.rows(cypher.LINK_INPUT_ALL))
    quotes = _link_quotes(store, rows)
    stages.on_step()
    linking = link_documents(quotes, read_corrections(store), scope.wires(store))
    stages.on_step()
    _write(store, linking, _texts(rows), articles, stages, sweep=True)
    return linking


def _relink_some(store: Store, articles: set[str], moved: set[str], stages: Stages,
                 sweep: bool, held: Held) -> Linking:
    stages.on_stage("linking", 2)  # reading what the new quotes can touch, clustering it
    marks = sorted(articles)
    seeds = scope.quotes_of(store, [a for a in marks if a not in held.quotes]) | moved
    seeds.update(q for a in marks for q in held.quotes.get(a, ()))
    wired = scope.new_wire_prints(store, marks)
    corrections, wires = read_corrections(store), scope.wires(store)
    small = len(seeds) * WHOLE_SHARE < store.rows(cypher.QUOTE_COUNT)[0]["n"]
    if not small:
        rows = _by_quote(store.rows(cypher.LINK_INPUT_ALL))  # most of it: one read is less
        linking = link_documents(_link_quotes(store, rows, texts=held.texts), corrections,
                                 wires)
        linking = _within(linking, _scope(linking, rows, seeds | wired))
        texts = _texts(rows)
    else:
        linking, rows = _link_component(store, seeds, wired, corrections, wires, held.texts)
        texts = _texts(rows)
    stages.on_step()
    stages.on_step()
    counted = quote_days.new_counts(
        {a: held.new[a] for a in marks if a in held.new}, linking.variants)
    if small and not sweep and len(linking.variants) <= store.part_quotes:
        _append(store, linking, texts, rows, articles, stages, counted)
        return linking
    _write(store, linking, texts, articles, stages, sweep, _unlinked_new(rows, held.created),
           counted)
    return linking


def _append(store: Store, linking: Linking, texts: dict[str, str],
            rows: list[dict[str, Any]], articles: set[str], stages: Stages,
            counted: list[dict[str, Any]]) -> None:
    """The append path (relink_write.py): write only what `linking` changes of the graph
    (a new quote joining a statement unchanged: its edges and the statement's counts), in
    one transaction with the articles' linked mark and new articles' quote counts."""
    found = changes(store, linking, texts, rows)
    stages.on_stage("writing statements", 1)
    if len(articles) > TX_ARTICLES:
        store.write(writer(found))
        _mark(store, articles, counted)
    else:  # one transaction (each costs 50 to 150 ms on ArcadeDB at 100k)
        done = {r["id"] for r in counted}
        store.write(writer(found, partial(
            _mark_linked, articles=sorted(articles - done), counted=counted)))
    stages.on_step()


def _unlinked_new(rows: Iterable[dict[str, Any]], created: frozenset[str]) -> set[str]:
    """Quotes of articles this load created that were in no statement when read (under the
    relink lock): they have no statement, variant or provenance edge to delete."""
    return {r["id"] for r in rows if r["article"] in created and not r["statements"]}


def _link_component(store: Store, seeds: set[str], wired: set[str],
                    corrections: list[Correction], wires: frozenset[str],
                    texts: Mapping[str, str]) -> tuple[Linking, list[dict[str, Any]]]:
    """Link what the seeds can touch (relink_scope.py), read until linking needs no more;
    with the rows read."""
    rows = {r["id"]: r for r in _by_quote(store.rows(cypher_link.LINK_INPUT_OF,
                                                    quotes=sorted(seeds)))}
    component = scope.Component(store)
    component.start(list(rows.values()), wired)
    context: dict[str, dict[str, Any]] = {}
    memo: Memo = {}  # statements decided by the rounds before, kept while their quotes are
    for _ in range(GROW_ROUNDS):
        new = sorted(component.quotes - rows.keys())
        rows.update((r["id"], r) for r in _by_quote(store.rows(cypher_link.LINK_INPUT_OF,
                                                               quotes=new)))
        read = [rows[q] for q in sorted(component.quotes) if q in rows]
        linking = link_documents(_link_quotes(store, read, context, texts), corrections,
                                 wires, memo)
        linking = _within(linking, _scope(linking, read, seeds | wired))
        if not component.grow(linking, rows):
            break
    return linking, list(rows.values())


def _texts(rows: Iterable[dict[str, Any]]) -> dict[str, str]:
    """Quote id -> text, of link input rows (a statement's link keys are of its quotes')."""
    return {r["id"]: r["text"] or "" for r in rows}


def _write(store: Store, linking: Linking, texts: dict[str, str], articles: set[str],
           stages: Stages, sweep: bool, unlinked: AbstractSet[str] = frozenset(),
           counted: list[dict[str, Any]] | None = None) -> None:
    """Every statement and edge written is new: the old ones of these quotes are deleted
    first, so they are created, not merged. A transaction holds what it changes in the
    server's heap, so a whole archive is written in parts of about `store.part_quotes`
    quotes (whole statements each); the articles are marked linked only after all parts, so
    a load killed in between relinks them again. `unlinked`: quotes known to be in no
    statement (nothing of theirs to delete). `counted`: new articles' quote counts
    (quote_days.new_counts), written with their mark."""
    parts = _parts(linking, texts, store.part_quotes, unlinked)
    stages.on_stage("writing statements", len(parts))
    for n, part in enumerate(parts):
        store.write(_part_writer(part, sweep and n == 0))
        stages.on_step()
    _mark(store, articles, counted or [])


def _mark(store: Store, articles: set[str], counted: list[dict[str, Any]]) -> None:
    """Mark `articles` linked, new ones with their quote counts (`counted`), in
    transactions of TX_ARTICLES."""
    rows = {r["id"]: r for r in counted}
    marks = sorted(articles)
    for i in range(0, len(marks), TX_ARTICLES):
        batch = marks[i:i + TX_ARTICLES]
        store.write(partial(_mark_linked, articles=[a for a in batch if a not in rows],
                            counted=[rows[a] for a in batch if a in rows]))


def _by_quote(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per quote, its current statements listed under "statements"."""
    found: dict[str, dict[str, Any]] = {}
    for r in rows:
        row = found.setdefault(r["id"], {**r, "statements": []})
        if r["statement"] is not None:
            row["statements"].append(r["statement"])
    return list(found.values())


def _scope(linking: Linking, rows: list[dict[str, Any]], touched: set[str]) -> set[str]:
    """The touched quotes and, transitively, every quote sharing a statement with one of
    them, in the new linking or in the graph as it was."""
    members: dict[str, set[str]] = {}  # statement id (new or old) -> quote ids
    of: dict[str, set[str]] = {}  # quote id -> statement ids (new and old)
    pairs = [(v.quote_id, v.statement_id) for v in linking.variants] + [
        (r["id"], "old:" + sid) for r in rows for sid in r["statements"] or ()]
    for qid, sid in pairs:
        members.setdefault(sid, set()).add(qid)
        of.setdefault(qid, set()).add(sid)
    scope, frontier = set(), set(touched)
    while frontier:
        scope |= frontier
        frontier = {other for qid in frontier for sid in of.get(qid, ())
                    for other in members[sid]} - scope
    return scope


def _within(linking: Linking, quotes: set[str]) -> Linking:
    """The part of `linking` about `quotes` (a closed scope: whole statements)."""
    variants = tuple(v for v in linking.variants if v.quote_id in quotes)
    statements = {v.statement_id for v in variants}
    return Linking(statements=tuple(s for s in linking.statements if s.id in statements),
                   variants=variants,
                   derivations=tuple(d for d in linking.derivations if d.quote_id in quotes))


@dataclass
class _Part:
    """Whole statements with every quote in them and their edges: one write transaction."""

    quotes: list[str] = field(default_factory=list)
    linked: list[str] = field(default_factory=list)  # quotes that may hold old edges
    statements: list[dict[str, Any]] = field(default_factory=list)
    variants: list[dict[str, Any]] = field(default_factory=list)
    derivations: list[dict[str, Any]] = field(default_factory=list)


def _groups(linking: Linking) -> list[list[str]]:
    """Quote ids in groups of whole statements (a splice joins the statements it draws
    from), in quote id order."""
    index = {qid: i for i, qid in enumerate(sorted({v.quote_id for v in linking.variants}))}
    uf = UnionFind(len(index))
    first: dict[str, int] = {}  # statement -> its first quote's index
    for v in linking.variants:
        at = first.setdefault(v.statement_id, index[v.quote_id])
        uf.attach(uf.find(index[v.quote_id]), uf.find(at))
    groups: dict[int, list[str]] = {}
    for qid, i in index.items():
        groups.setdefault(uf.find(i), []).append(qid)
    return list(groups.values())


def _parts(linking: Linking, texts: dict[str, str], size: int,
           unlinked: AbstractSet[str] = frozenset()) -> list[_Part]:
    """Whole statements packed into parts of about `size` quotes; at least one part, so
    orphans are always swept. Each statement row has its link keys (`said`, `prints`:
    graph/link/keys.py) of the `texts` of its quotes."""
    parts = [_Part()]
    part_of: dict[str, int] = {}  # quote id -> part
    for quotes in _groups(linking):
        if parts[-1].quotes and len(parts[-1].quotes) + len(quotes) > size:
            parts.append(_Part())
        parts[-1].quotes += quotes
        parts[-1].linked += [q for q in quotes if q not in unlinked]
        part_of.update(dict.fromkeys(quotes, len(parts) - 1))
    statement_part = {v.statement_id: part_of[v.quote_id] for v in linking.variants}
    keys = statement_keys(linking, texts)
    for s in linking.statements:
        parts[statement_part.get(s.id, 0)].statements.append({**statement_row(s), **keys[s.id]})
    for v in linking.variants:
        parts[part_of[v.quote_id]].variants.append(variant_row(v))
    for d in linking.derivations:
        parts[part_of[d.quote_id]].derivations.append(derivation_row(d))
    return parts


def _part_writer(part: _Part, sweep: bool) -> Callable[[ManagedTransaction], None]:
    """One part's write transaction (looked up when it runs, so a test can replace it)."""
    def work(tx: ManagedTransaction) -> None:
        _write_part(tx, part, sweep)
    return work


def _mark_linked(tx: ManagedTransaction, articles: list[str],
                 counted: list[dict[str, Any]] | None = None) -> None:
    if articles:
        tx.run(cypher.MARK_LINKED, articles=articles).consume()
    if counted:
        quote_days.mark_counted(tx, counted)
    pending.done(tx, [*articles, *(r["id"] for r in counted or ())])


def _write_part(tx: ManagedTransaction, part: _Part, sweep: bool) -> None:
    for i in range(0, len(part.linked), BATCH):
        batch = part.linked[i:i + BATCH]
        tx.run(cypher.DELETE_DERIVATIONS_OF, quotes=batch).consume()
        tx.run(cypher.DELETE_STATEMENTS_OF, quotes=batch).consume()
    if sweep:  # statements left with no quote by a reload's deleted quotes
        tx.run(cypher.DELETE_ORPHAN_STATEMENTS).consume()
    unwind(tx, cypher.CREATE_STATEMENTS, part.statements)
    unwind(tx, cypher.CREATE_VARIANTS, part.variants)
    unwind(tx, cypher.CREATE_DERIVATIONS, part.derivations)


def _link_quotes(store: Store, rows: list[dict[str, Any]],
                 context: dict[str, dict[str, Any]] | None = None,
                 texts: Mapping[str, str] | None = None) -> list[LinkQuote]:
    """LinkQuotes with their article's date, kind, outlet, credits and load order, and
    the article's text around each quote (provenance's evidence); `context`: the articles'
    rows read so far (a growing component reads each once); `texts`: articles' texts the
    caller holds (not read back)."""
    context = {} if context is None else context
    texts = texts or {}
    unread = sorted({r["article"] for r in rows} - context.keys())
    if held := [a for a in unread if a in texts]:
        context.update((c["article"], {**c, "text": texts[c["article"]]})
                       for c in store.rows(cypher.ARTICLE_META, articles=held))
    if rest := [a for a in unread if a not in texts]:
        context.update((c["article"], c) for c in store.rows(cypher.ARTICLE_CONTEXT,
                                                             articles=rest))
    order = {a: i for i, a in enumerate(sorted(
        context, key=lambda a: (context[a]["loaded_at"] or 0.0, a)))}
    return [LinkQuote(
        id=r["id"], text=r["text"], speaker=r["speaker"], article_id=r["article"],
        confidence=r["confidence"],
        article_kind=context[r["article"]]["kind"] or "news",
        published=iso(context[r["article"]]["published"]), order=order[r["article"]],
        outlet=context[r["article"]]["outlet"],
        credits=tuple(sorted(set(context[r["article"]]["credits"]))),
        context=window(context[r["article"]]["text"] or "", r["start"], r["end"])
        if r["start"] is not None and r["end"] is not None else "",
    ) for r in rows]


def read_corrections(store: Store) -> list[Correction]:
    """Every journalist's correction (graph/store/corrections.py), oldest first."""
    return [Correction(id=r["id"], kind=r["kind"], subject=r["subject"], value=r["value"],
                       who=r["who"] or "", at=iso(r["at"]) or "", why=r["why"] or "")
            for r in store.rows(cypher.CORRECTIONS)]
