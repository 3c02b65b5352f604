"""The one writer: extracted documents in, batched `UNWIND` writes out.

A document is written in one transaction (whole or nothing). Linking then re-reads the
quotes and rewrites statements and their edges in one more transaction; since ids are
derived from content, running either twice leaves every count unchanged.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
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


def write_document(store: Store, doc: ExtractedDocument, book: SpeakerBook) -> WrittenDocument:
    """Write one document, its quotes, speakers and attributions in one transaction."""
    d = doc.document
    article = ids.article_id(d.sha256)
    speakers = _speakers(doc.speakers, doc, book)
    absorbed = book.take_folds({s["id"] for s in speakers})
    quote_rows, attributions = [], []
    for q in doc.quotes:
        qid = ids.quote_id(article, q.start, q.end)
        quote_rows.append({"id": qid, "props": {
            "text": q.text, "kind": q.kind, "start": q.start, "end": q.end, "cue": q.cue,
            "confidence": q.confidence, "speaker_mention": q.speaker_mention,
        }})
        if q.speaker:
            attributions.append({
                "quote": qid, "speaker": ids.speaker_id(book.canonical(q.speaker)),
                "confidence": q.confidence, "method": q.method,
            })
    outlet = {"id": ids.outlet_id(d.outlet, d.outlet_domain), "name": d.outlet,
              "domain": d.outlet_domain}
    article_row = {"id": article, "published": to_utc_iso(d.published), "props": {
        "url": d.url, "title": d.title, "language": d.language, "kind": d.kind,
        "text_sha256": d.sha256, "source": d.source, "text": d.text,
        "published_note": d.published_note,
    }}

    def work(tx: ManagedTransaction) -> None:
        tx.run(cypher.MERGE_ARTICLE, outlet=outlet, article=article_row,
               loaded_at=time.time()).consume()
        tx.run(cypher.DELETE_STALE_QUOTES, article_id=article,
               keep=[r["id"] for r in quote_rows]).consume()
        tx.run(cypher.DELETE_ATTRIBUTIONS, article_id=article).consume()
        _unwind(tx, cypher.MERGE_SPEAKERS, speakers)
        _unwind(tx, cypher.MERGE_QUOTES, quote_rows, article_id=article)
        _unwind(tx, cypher.MERGE_ATTRIBUTIONS, attributions)
        for old, new in absorbed.items():
            _fold_speaker(tx, old, new)

    store.write(work)
    return WrittenDocument(article, len(quote_rows),
                           frozenset(a["speaker"] for a in attributions))


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

    store.write(work)
    return linking


def _unwind(tx: ManagedTransaction, query: str, rows: list[dict], **params: Any) -> None:
    for i in range(0, len(rows), BATCH):
        tx.run(query, rows=rows[i:i + BATCH], **params).consume()
