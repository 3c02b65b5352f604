"""Loading: read -> extract -> write, one transaction per document, then link once.

The CLI, the API and the demo all load through `load_paths`; a bad input is reported and
the rest still load.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from neo4j.exceptions import Neo4jError
from pydantic import BaseModel, ConfigDict

from quotetrail.errors import QuotetrailError
from quotetrail.graph import cypher, queries
from quotetrail.graph.relink import relink
from quotetrail.graph.store import Store
from quotetrail.graph.writer import SpeakerBook, WrittenDocument, write_documents
from quotetrail.loaders.extract import extract
from quotetrail.loaders.read import ReadFailure, read_inputs
from quotetrail.loaders.records import Document, ExtractedDocument

CHUNK = 100  # documents per write transaction


class Failure(BaseModel):
    model_config = ConfigDict(extra="forbid")

    input: str
    reason: str


class LoadSummary(BaseModel):
    model_config = ConfigDict(extra="forbid")

    loaded: int  # documents written in this run
    failed: list[Failure]
    articles: int  # totals in the graph after the load
    quotes: int
    speakers: int
    statements: int
    outlets: int


@dataclass
class Progress:
    """Called once per input read (total unknown up front) and once per document written."""

    on_total: Callable[[int], None] = lambda total: None
    on_done: Callable[[str], None] = lambda source: None
    failures: list[Failure] = field(default_factory=list)


def load_paths(store: Store, paths: Sequence[str], progress: Progress | None = None
               ) -> LoadSummary:
    """Load files and folders; each document whole or not at all; link afterwards."""
    progress = progress or Progress()
    items = list(read_inputs(paths))
    progress.on_total(len(items))
    documents: list[Document] = []
    failures: list[Failure] = []
    for item in items:
        if isinstance(item, ReadFailure):
            failures.append(Failure(input=item.input, reason=item.reason))
            progress.on_done(item.input)
        else:
            documents.append(item)
    loaded = load_documents(store, documents, failures, progress.on_done)
    return summarize(store, loaded, failures)


def load_documents(store: Store, documents: Sequence[Document], failures: list[Failure],
                   on_done: Callable[[str], None] = lambda source: None) -> int:
    """Write documents in chunked transactions (each document whole or not at all), then
    relink the speakers they touched; returns how many loaded."""
    book = SpeakerBook.from_store(store)
    extracted = []
    for doc in documents:
        try:
            extracted.append(extract(doc))
        except QuotetrailError as e:
            failures.append(Failure(input=doc.source, reason=str(e)))
            on_done(doc.source)
    # Full names first, so a bare surname in any document finds its full name.
    for ex in extracted:
        for speaker in ex.speakers:
            if " " in speaker.name.strip():
                book.add(speaker.name)
    loaded = 0
    speakers: set[str] = set()
    articles: set[str] = set()
    for pending in store.rows(cypher.UNLINKED):  # left by a load that was killed
        articles.add(pending["article"])
        speakers.update(pending["speakers"])
    for i in range(0, len(extracted), CHUNK):
        chunk = extracted[i:i + CHUNK]
        for ex, written in _write_chunk(store, chunk, book, failures):
            on_done(ex.document.source)
            if written is not None:
                loaded += 1
                speakers |= written.speaker_ids
                articles.add(written.article_id)
    if articles:
        relink(store, speakers, articles)
    return loaded


def _write_chunk(store: Store, chunk: list[ExtractedDocument], book: SpeakerBook,
                 failures: list[Failure]) -> list[tuple[ExtractedDocument, WrittenDocument | None]]:
    """One transaction for the chunk; if it fails, one per document to isolate the bad one."""
    try:
        return list(zip(chunk, write_documents(store, chunk, book), strict=True))
    except Neo4jError as e:
        if len(chunk) == 1:  # rolled back: nothing of this document is in the graph
            failures.append(_refused(chunk[0], e))
            return [(chunk[0], None)]
    done: list[tuple[ExtractedDocument, WrittenDocument | None]] = []
    for ex in chunk:
        try:
            done.append((ex, write_documents(store, [ex], book)[0]))
        except Neo4jError as e:
            failures.append(_refused(ex, e))
            done.append((ex, None))
    return done


def _refused(ex: ExtractedDocument, error: Neo4jError) -> Failure:
    return Failure(input=ex.document.source,
                   reason=f"the graph server refused it: {error.message}")


def summarize(store: Store, loaded: int, failures: list[Failure]) -> LoadSummary:
    totals = queries.counts(store)
    return LoadSummary(loaded=loaded, failed=failures, **totals.model_dump())
