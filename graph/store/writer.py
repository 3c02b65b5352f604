"""The one writer: extracted documents in, batched `UNWIND` writes out.

A document is written whole or not at all: a chunk of documents goes in one transaction
(one `UNWIND` per kind of row), and a chunk that fails is retried a document at a time so
that one bad document fails alone. Ids are derived from content, so writing the same
documents twice leaves every count unchanged. Linking is graph/store/relink.py.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from neo4j import ManagedTransaction

from quotetrail.errors import InputError
from quotetrail.graph import ids
from quotetrail.graph.dates import epoch_seconds, to_utc_iso
from quotetrail.graph.link.keys import key_props
from quotetrail.graph.store import cypher, meta, outlet_order, pending
from quotetrail.graph.store.driver import Store
from quotetrail.loaders.attribute.book import SpeakerBook, surname
from quotetrail.loaders.attribute.result import DESCRIBED_METHODS, WITHHELD
from quotetrail.loaders.records import ExtractedDocument, QuoteMention, Speaker

BATCH = 1000  # rows per UNWIND at most
# Bytes of row data per UNWIND: a Bolt message is capped at 16 MiB, and ArcadeDB drops a
# larger one without an answer (the driver then waits forever), so batches are cut by size
# as well as by rows, with room left for the query and Packstream's own bytes.
MESSAGE_BUDGET = 8 * 1024 * 1024
SURNAMES = "speaker-surnames"  # the marker of a graph whose speakers all keep their surname


@dataclass(frozen=True)
class WrittenDocument:
    article_id: str
    quotes: int
    speaker_ids: frozenset[str]  # the speakers its quotes are attributed to
    # quotes of other articles whose speaker its chunk folded into a full name: relinked too
    refolded: frozenset[str] = frozenset()
    replaced: bool = False  # it was in the graph already (a reload): its old quotes are gone
    quote_ids: tuple[str, ...] = ()  # its quotes as written
    published_ts: int | None = None
    # each quote's kind, confidence and whether it has a speaker: what counts it
    # (graph/store/quote_days.py) without reading it back
    quote_facts: tuple[tuple[str | None, float | None, bool], ...] = ()
    left_outlets: frozenset[str] = frozenset()  # a reload under another outlet left these


def speaker_book(store: Store | None = None,
                 extracted: Sequence[ExtractedDocument] | None = None) -> SpeakerBook:
    """A load's name book keyed by graph speaker ids, seeded from the graph when given one.
    With the load's documents, only the graph's speakers sharing a last word with a name
    they print are read, by index: the book resolves a name among those alone, and reading
    all 1,300 speakers of the 100k bench archive was 40 to 70 ms of each small load."""
    if store is None:
        return SpeakerBook(ids.speaker_id, {})
    if extracted is not None and meta.marked(store, SURNAMES):
        wanted = sorted({last for ex in extracted for name in _printed_names(ex)
                         if (last := surname(name))})
        rows = [r for i in range(0, len(wanted), BATCH)
                for r in store.rows(cypher.SPEAKERS_BY_SURNAME, surnames=wanted[i:i + BATCH])]
    else:
        rows = store.rows(cypher.ALL_SPEAKERS)
        if extracted is not None:  # a graph of an earlier version: its speakers keyed once
            _give_surnames(store, rows)
    return SpeakerBook(ids.speaker_id, {r["id"]: r["name"] for r in rows
                                        if not ids.is_described_source(r["id"])})


def _printed_names(ex: ExtractedDocument) -> Iterator[str]:
    """Every name the writer asks the book about for a document (its speakers', its
    quotes')."""
    yield from (s.name for s in ex.speakers)
    yield from (q.speaker for q in ex.quotes if q.speaker)


def _give_surnames(store: Store, rows: list[dict[str, Any]]) -> None:
    keyed = [{"id": r["id"], "surname": surname(r["name"] or "")} for r in rows]
    store.write(lambda tx: unwind(tx, cypher.SET_SURNAMES, keyed))
    meta.mark(store, SURNAMES, "every Speaker holds its surname, the last word of its name "
              "(graph/store/writer.py, speaker_book)")


@dataclass
class _Rows:
    """The UNWIND rows of a chunk of documents, merged so each key is written once.

    An article row nests its quotes (with their attribution), so a new article is created
    with everything it holds in one statement; an article already in the graph is merged
    from the flat rows instead, its stale quotes and edges deleted first.
    """

    articles: list[dict] = field(default_factory=list)
    speakers: dict[str, dict] = field(default_factory=dict)
    outlets: dict[str, dict] = field(default_factory=dict)
    credits: list[dict] = field(default_factory=list)
    folds: dict[str, str] = field(default_factory=dict)

    def add(self, doc: ExtractedDocument, book: SpeakerBook, loaded_at: float) -> WrittenDocument:
        d = doc.document
        article = ids.article_id(d.sha256)
        for row in _speakers(doc.speakers, doc, book):
            known = self.speakers.setdefault(row["id"], row)
            known["aliases"] = sorted({*known["aliases"], *row["aliases"]})
            known["role"] = known["role"] or row["role"]
        self.folds.update(book.take_folds(set(self.speakers)))
        quotes, speaker_ids, quote_ids = [], set(), []
        for q in doc.quotes:
            sid = self._speaker_of(q, article, book)
            if sid:
                speaker_ids.add(sid)
            quote_ids.append(ids.quote_id(article, q.start, q.end))
            quotes.append({"id": quote_ids[-1], "article": article,
                           "speaker": sid, "confidence": q.confidence, "method": q.method,
                           "props": {"text": q.text, "kind": q.kind, "start": q.start,
                                     "end": q.end, "cue": q.cue, "confidence": q.confidence,
                                     "speaker_mention": q.speaker_mention,
                                     # a state, not an absence: the page says why (doubt.py)
                                     "speaker_withheld": True if q.method == WITHHELD else None}})
        outlet_id = ids.outlet_id(d.outlet, d.outlet_domain)
        outlet = {"id": outlet_id, "name": d.outlet, "domain": d.outlet_domain}
        self.outlets[outlet_id] = outlet
        published = to_utc_iso(d.published)
        row = {
            "id": article, "published": published, "loaded_at": loaded_at,
            "outlet": outlet, "quotes": quotes, "keep": [q["id"] for q in quotes],
            "props": {"url": d.url, "title": d.title, "language": d.language, "kind": d.kind,
                      "text_sha256": d.sha256, "source": d.source, "text": d.text,
                      "published_note": d.published_note,
                      "published_ts": epoch_seconds(published),
                      "outlet_time": outlet_order.key(outlet_id, published, article)},
        }
        if (size := encoded_size(row)) > MESSAGE_BUDGET:
            raise InputError(
                f"too large to write whole: its text and {len(quotes)} quotes take "
                f"{size / 2**20:.1f} MiB, over the {MESSAGE_BUDGET // 2**20} MiB one write may "
                "carry; split the document", input=d.source)
        self.articles.append(row)
        seen = set()
        for c in doc.credits:
            credited = {"id": ids.outlet_id(c.outlet, c.domain), "name": c.outlet,
                        "domain": c.domain}
            if credited["id"] not in seen and credited["id"] != outlet["id"]:
                seen.add(credited["id"])
                self.credits.append({"article": article, "outlet": credited, "cue": c.cue})
        facts = tuple((q.kind, q.confidence, qr["speaker"] is not None)
                      for q, qr in zip(doc.quotes, quotes, strict=True))
        return WrittenDocument(article, len(quotes), frozenset(speaker_ids),
                               quote_ids=tuple(quote_ids), quote_facts=facts,
                               published_ts=epoch_seconds(published))

    def _speaker_of(self, q: QuoteMention, article: str, book: SpeakerBook) -> str | None:
        if not q.speaker:
            return None
        if q.method not in DESCRIBED_METHODS:
            return ids.speaker_id(book.canonical(q.speaker))
        sid = ids.described_source_id(article, q.speaker)
        self.speakers.setdefault(sid, {"id": sid, "name": q.speaker, "role": None,
                                       "aliases": []})
        return sid


def write_documents(store: Store, docs: Sequence[ExtractedDocument], book: SpeakerBook
                    ) -> list[WrittenDocument]:
    """Write a chunk of documents in one transaction: all of them, or none."""
    rows = _Rows()
    now = time.time()
    written = [rows.add(doc, book, now + i * 1e-6) for i, doc in enumerate(docs)]
    quotes = [q for a in rows.articles for q in a["quotes"]]
    for q, keys in zip(quotes, key_props([q["props"]["text"] for q in quotes]), strict=True):
        q["props"].update(keys)  # what the quote can link by (graph/link/keys.py)
    refolded: set[str] = set()
    replaced: set[str] = set()
    left: dict[str, set[str]] = {}  # article -> the outlets its reload leaves

    def work(tx: ManagedTransaction) -> None:
        refolded.clear()  # a retried transaction folds again
        # Which articles are new is read in this transaction: if another load creates one
        # of them first, this commit fails on the key's constraint and the retry merges it.
        chunk_ids = Counter(a["id"] for a in rows.articles)
        existing = {r["id"] for r in tx.run(cypher.KNOWN_ARTICLES, ids=sorted(chunk_ids))}
        new = [a for a in rows.articles if a["id"] not in existing and chunk_ids[a["id"]] == 1]
        again = [a for a in rows.articles if a["id"] in existing or chunk_ids[a["id"]] > 1]
        replaced.clear()
        replaced.update(existing)
        unwind(tx, cypher.MERGE_SPEAKERS, list(rows.speakers.values()))
        unwind(tx, cypher.MERGE_OUTLETS, list(rows.outlets.values()))
        unwind(tx, cypher.CREATE_ARTICLES, new)
        pending.add(tx, sorted(chunk_ids))  # each article waits for its linking
        left.clear()
        if again:
            for r in tx.run(cypher.LEFT_OUTLETS, rows=[{"id": a["id"], "outlet": a["outlet"]}
                                                      for a in again]):
                left.setdefault(r["article"], set()).add(r["outlet"])
            quotes = [q for a in again for q in a["quotes"]]
            unwind(tx, cypher.MERGE_ARTICLES, again)
            unwind(tx, cypher.DELETE_STALE_QUOTES, again)
            unwind(tx, cypher.DELETE_ATTRIBUTIONS, again)
            unwind(tx, cypher.MERGE_QUOTES, quotes)
            unwind(tx, cypher.MERGE_ATTRIBUTIONS, [q for q in quotes if q["speaker"]])
            unwind(tx, cypher.DELETE_CREDITS, again)
        unwind(tx, cypher.MERGE_CREDITS, rows.credits)
        for old, new_id in rows.folds.items():
            refolded.update(_fold_speaker(tx, old, new_id))

    store.write(work)
    return [replace(w, refolded=frozenset(refolded), replaced=w.article_id in replaced,
                    left_outlets=frozenset(left.get(w.article_id, ())))
            for w in written]


def write_document(store: Store, doc: ExtractedDocument, book: SpeakerBook) -> WrittenDocument:
    """Write one document, its quotes, speakers and attributions in one transaction."""
    return write_documents(store, [doc], book)[0]


def _speakers(found: Iterable[Speaker], doc: ExtractedDocument, book: SpeakerBook) -> list[dict]:
    used = {q.speaker for q in doc.quotes if q.speaker and q.method not in DESCRIBED_METHODS}
    rows: dict[str, dict[str, Any]] = {}
    for s in found:
        if s.name not in used:
            continue
        name = book.canonical(s.name)
        book.add(name)
        aliases = sorted({a for a in (*s.aliases, s.name) if a != name})
        rows[ids.speaker_id(name)] = {"id": ids.speaker_id(name), "name": name,
                                      "surname": surname(name),
                                      "role": s.role, "aliases": aliases}
    for name in used - {s.name for s in found}:  # attributed but not in the roster
        canonical = book.canonical(name)
        book.add(canonical)
        rows.setdefault(ids.speaker_id(canonical), {
            "id": ids.speaker_id(canonical), "name": canonical, "surname": surname(canonical),
            "role": None, "aliases": []})
    return list(rows.values())


def _fold_speaker(tx: ManagedTransaction, old: str, new: str) -> list[str]:
    """Fold speaker `old` into `new`; returns the ids of the quotes that changed speaker."""
    rows = tx.run(cypher.SPEAKER_ATTRIBUTIONS, id=old).data()
    unwind(tx, cypher.MERGE_ATTRIBUTIONS, [{**r, "speaker": new} for r in rows])
    olds = tx.run(cypher.ALL_SPEAKERS).data()
    by_id = {r["id"]: r for r in olds}
    if old in by_id and new in by_id:
        aliases = sorted({*(by_id[new]["aliases"] or []), *(by_id[old]["aliases"] or []),
                          by_id[old]["name"]} - {by_id[new]["name"]})
        tx.run(cypher.SET_SPEAKER_ALIASES, id=new, aliases=aliases).consume()
    tx.run(cypher.UNKEY_SPEAKER, id=old).consume()
    tx.run(cypher.DELETE_SPEAKER, id=old).consume()
    return [r["id"] for r in rows]


def unwind(tx: ManagedTransaction, query: str, rows: list[dict[str, Any]],
           **params: Any) -> None:
    for batch in batches(rows):
        tx.run(query, rows=batch, **params).consume()


def batches(rows: Iterable[dict[str, Any]], budget: int = MESSAGE_BUDGET,
            most: int = BATCH) -> Iterator[list[dict[str, Any]]]:
    """Rows in batches of at most `most` rows and `budget` encoded bytes (a row larger than
    the budget goes alone: documents are checked against it before they get here)."""
    batch: list[dict[str, Any]] = []
    size = 0
    for row in rows:
        n = encoded_size(row)
        if batch and (size + n > budget or len(batch) == most):
            yield batch
            batch, size = [], 0
        batch.append(row)
        size += n
    if batch:
        yield batch


def encoded_size(value: Any) -> int:
    """About the bytes `value` takes in a Bolt message (UTF-8 strings plus small headers).

    Every row of a load is measured (a 10k load's quotes hold 23 keys each): strings and
    scalars inside a dict or list are summed in the loop, not by a call each."""
    if isinstance(value, str):
        return (len(value) if value.isascii() else len(value.encode("utf-8"))) + 5
    if isinstance(value, dict):
        return 5 + _sum_sizes(value.keys()) + _sum_sizes(value.values())
    if isinstance(value, (list, tuple)):
        return 5 + _sum_sizes(value)
    return 9


def _sum_sizes(values: Iterable[Any]) -> int:
    n = 0
    for v in values:
        t = type(v)
        if t is str:
            n += (len(v) if v.isascii() else len(v.encode("utf-8"))) + 5
        elif t is int or t is float or t is bool or v is None:
            n += 9
        else:
            n += encoded_size(v)
    return n
