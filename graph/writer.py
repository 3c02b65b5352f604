"""The one writer: extracted documents in, batched `UNWIND` writes out.

A document is written whole or not at all: a chunk of documents goes in one transaction
(one `UNWIND` per kind of row), and a chunk that fails is retried a document at a time so
that one bad document fails alone. Linking then re-reads the
quotes and rewrites statements and their edges in one more transaction; since ids are
derived from content, running either twice leaves every count unchanged.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from neo4j import ManagedTransaction

from quotetrail.graph import cypher, ids
from quotetrail.graph.dates import iso, to_utc_iso
from quotetrail.graph.linking import link
from quotetrail.graph.model import Linking, LinkQuote
from quotetrail.graph.store import Store
from quotetrail.loaders.records import ExtractedDocument, Speaker

BATCH = 1000  # rows per UNWIND: well under Bolt's 16 MiB message cap for quote-sized rows


@dataclass(frozen=True)
class WrittenDocument:
    article_id: str
    quotes: int
    speaker_ids: frozenset[str]  # the speakers its quotes are attributed to


@dataclass
class SpeakerBook:
    """Canonical speakers across documents: a bare surname joins the one full name it ends.

    Kept per load and seeded from the graph, so that "Stoltenberg" in one article and
    "Jens Stoltenberg" in another are one Speaker whatever the load order.
    """

    names: dict[str, str] = field(default_factory=dict)  # speaker id -> name
    folds: dict[str, str] = field(default_factory=dict)  # absorbed id -> full name's id

    @classmethod
    def from_store(cls, store: Store) -> SpeakerBook:
        return cls({row["id"]: row["name"] for row in store.rows(cypher.ALL_SPEAKERS)})

    def canonical(self, name: str) -> str:
        """The full name a bare surname stands for, when exactly one is known."""
        if " " in name.strip():
            return name
        fuller = {n for n in self.names.values() if n.split()[-1] == name and n != name}
        return fuller.pop() if len(fuller) == 1 else name

    def add(self, name: str) -> None:
        """Record a name; a full name absorbs the surname-only speaker it completes."""
        self.names[ids.speaker_id(name)] = name
        if " " not in name.strip():
            return
        surname = name.split()[-1]
        fullers = {n for n in self.names.values() if n.split()[-1] == surname and " " in n}
        if len(fullers) != 1:
            return
        for sid in [sid for sid, n in self.names.items() if n == surname]:
            del self.names[sid]
            self.folds[sid] = ids.speaker_id(name)

    def take_folds(self, speaker_ids: set[str]) -> dict[str, str]:
        """The surname-only speakers to fold into these speakers, once each."""
        taken = {old: new for old, new in self.folds.items() if new in speaker_ids}
        for old in taken:
            del self.folds[old]
        return taken


@dataclass
class _Rows:
    """The UNWIND rows of a chunk of documents, merged so each key is written once."""

    articles: list[dict] = field(default_factory=list)
    keep: list[dict] = field(default_factory=list)  # per article: the quote ids it holds now
    speakers: dict[str, dict] = field(default_factory=dict)
    quotes: list[dict] = field(default_factory=list)
    attributions: list[dict] = field(default_factory=list)
    folds: dict[str, str] = field(default_factory=dict)

    def add(self, doc: ExtractedDocument, book: SpeakerBook, loaded_at: float) -> WrittenDocument:
        d = doc.document
        article = ids.article_id(d.sha256)
        for row in _speakers(doc.speakers, doc, book):
            known = self.speakers.setdefault(row["id"], row)
            known["aliases"] = sorted({*known["aliases"], *row["aliases"]})
            known["role"] = known["role"] or row["role"]
        self.folds.update(book.take_folds(set(self.speakers)))
        quote_ids, speaker_ids = [], set()
        for q in doc.quotes:
            qid = ids.quote_id(article, q.start, q.end)
            quote_ids.append(qid)
            self.quotes.append({"id": qid, "article": article, "props": {
                "text": q.text, "kind": q.kind, "start": q.start, "end": q.end, "cue": q.cue,
                "confidence": q.confidence, "speaker_mention": q.speaker_mention,
            }})
            if q.speaker:
                sid = ids.speaker_id(book.canonical(q.speaker))
                speaker_ids.add(sid)
                self.attributions.append({"quote": qid, "speaker": sid,
                                          "confidence": q.confidence, "method": q.method})
        self.articles.append({
            "id": article, "published": to_utc_iso(d.published), "loaded_at": loaded_at,
            "outlet": {"id": ids.outlet_id(d.outlet, d.outlet_domain), "name": d.outlet,
                       "domain": d.outlet_domain},
            "props": {"url": d.url, "title": d.title, "language": d.language, "kind": d.kind,
                      "text_sha256": d.sha256, "source": d.source, "text": d.text,
                      "published_note": d.published_note},
        })
        self.keep.append({"id": article, "keep": quote_ids})
        return WrittenDocument(article, len(quote_ids), frozenset(speaker_ids))


def write_documents(store: Store, docs: Sequence[ExtractedDocument], book: SpeakerBook
                    ) -> list[WrittenDocument]:
    """Write a chunk of documents in one transaction: all of them, or none."""
    rows = _Rows()
    now = time.time()
    written = [rows.add(doc, book, now + i * 1e-6) for i, doc in enumerate(docs)]

    def work(tx: ManagedTransaction) -> None:
        _unwind(tx, cypher.MERGE_ARTICLES, rows.articles)
        _unwind(tx, cypher.DELETE_STALE_QUOTES, rows.keep)
        _unwind(tx, cypher.DELETE_ATTRIBUTIONS, rows.keep)
        _unwind(tx, cypher.MERGE_SPEAKERS, list(rows.speakers.values()))
        _unwind(tx, cypher.MERGE_QUOTES, rows.quotes)
        _unwind(tx, cypher.MERGE_ATTRIBUTIONS, rows.attributions)
        for old, new in rows.folds.items():
            _fold_speaker(tx, old, new)

    store.write(work)
    return written


def write_document(store: Store, doc: ExtractedDocument, book: SpeakerBook) -> WrittenDocument:
    """Write one document, its quotes, speakers and attributions in one transaction."""
    return write_documents(store, [doc], book)[0]


def _speakers(found: Iterable[Speaker], doc: ExtractedDocument, book: SpeakerBook) -> list[dict]:
    used = {q.speaker for q in doc.quotes if q.speaker}
    rows: dict[str, dict[str, Any]] = {}
    for s in found:
        if s.name not in used:
            continue
        name = book.canonical(s.name)
        book.add(name)
        aliases = sorted({a for a in (*s.aliases, s.name) if a != name})
        rows[ids.speaker_id(name)] = {"id": ids.speaker_id(name), "name": name,
                                      "role": s.role, "aliases": aliases}
    for name in used - {s.name for s in found}:  # attributed but not in the roster
        canonical = book.canonical(name)
        book.add(canonical)
        rows.setdefault(ids.speaker_id(canonical), {
            "id": ids.speaker_id(canonical), "name": canonical, "role": None, "aliases": []})
    return list(rows.values())


def _fold_speaker(tx: ManagedTransaction, old: str, new: str) -> None:
    rows = tx.run(cypher.SPEAKER_ATTRIBUTIONS, id=old).data()
    _unwind(tx, cypher.MERGE_ATTRIBUTIONS, [{**r, "speaker": new} for r in rows])
    olds = tx.run(cypher.ALL_SPEAKERS).data()
    by_id = {r["id"]: r for r in olds}
    if old in by_id and new in by_id:
        aliases = sorted({*(by_id[new]["aliases"] or []), *(by_id[old]["aliases"] or []),
                          by_id[old]["name"]} - {by_id[new]["name"]})
        tx.run(cypher.SET_SPEAKER_ALIASES, id=new, aliases=aliases).consume()
    tx.run(cypher.DELETE_SPEAKER, id=old).consume()


def relink(store: Store, speakers: Iterable[str] | None = None,
           articles: Iterable[str] = ()) -> Linking:
    """Re-derive statements, variants and provenance of some speakers' quotes (all: None).

    `link` only joins quotes of one speaker, so relinking the speakers a load touched (and
    the unattributed quotes of its articles) gives the same graph as relinking everything,
    whatever the load order.
    """
    articles = set(articles)
    if speakers is None:
        articles |= {r["article"] for r in store.rows(cypher.UNLINKED)}
    rows = store.rows(cypher.LINK_INPUT, all=speakers is None, speakers=sorted(speakers or ()),
                      articles=sorted(articles))
    loaded: dict[str, float] = {}
    for r in rows:
        loaded.setdefault(r["article"], r["loaded_at"] or 0.0)
    order = {a: i for i, a in enumerate(sorted(loaded, key=lambda a: (loaded[a], a)))}
    quotes = [
        LinkQuote(id=r["id"], text=r["text"], speaker=r["speaker"], article_id=r["article"],
                  article_kind=r["kind"] or "news", published=iso(r["published"]),
                  order=order[r["article"]])
        for r in rows
    ]
    linking = link(quotes)
    speaker_of = {q.id: q.speaker for q in quotes}
    statements = [{
        "id": s.id, "text": s.text, "reference_quote": s.reference_quote_id,
        "quote_count": s.quote_count, "first_seen": to_utc_iso(s.first_seen),
        "speaker": speaker_of.get(s.reference_quote_id),
    } for s in linking.statements]
    variants = [{"quote": v.quote_id, "statement": v.statement_id, "similarity": v.similarity,
                 "mutation": v.mutation, "diff": json.dumps(v.diff, ensure_ascii=False)}
                for v in linking.variants]
    derivations = [{"quote": d.quote_id, "source": d.source_quote_id, "evidence": d.evidence,
                    "similarity": d.similarity} for d in linking.derivations]
    quote_ids = [q.id for q in quotes]

    def work(tx: ManagedTransaction) -> None:
        for i in range(0, len(quote_ids), BATCH):
            batch = quote_ids[i:i + BATCH]
            tx.run(cypher.DELETE_DERIVATIONS_OF, quotes=batch).consume()
            tx.run(cypher.DELETE_STATEMENTS_OF, quotes=batch).consume()
        tx.run(cypher.DELETE_ORPHAN_STATEMENTS).consume()
        _unwind(tx, cypher.MERGE_STATEMENTS, statements)
        _unwind(tx, cypher.MERGE_MADE, [s for s in statements if s["speaker"]])
        _unwind(tx, cypher.MERGE_VARIANTS, variants)
        _unwind(tx, cypher.MERGE_DERIVATIONS, derivations)
        tx.run(cypher.MARK_LINKED, articles=sorted(articles)).consume()

    store.write(work)
    return linking


def _unwind(tx: ManagedTransaction, query: str, rows: list[dict], **params: Any) -> None:
    for i in range(0, len(rows), BATCH):
        tx.run(query, rows=rows[i:i + BATCH], **params).consume()
