"""Loading: read -> extract -> write, one transaction per document, then link once.

The CLI, the API and the demo all load through `load_paths`; a bad input is reported and
the rest still load.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from neo4j.exceptions import Neo4jError
from pydantic import BaseModel, ConfigDict

from quotetrail.errors import QuotetrailError
from quotetrail.graph import ids
from quotetrail.graph.store import cypher, queries
from quotetrail.graph.store.driver import Store
from quotetrail.graph.store.relink import relink
from quotetrail.graph.store.writer import SpeakerBook, WrittenDocument, write_documents
from quotetrail.loaders.extract.document import extract
from quotetrail.loaders.read.inputs import ReadFailure, ReadPolicy, read_inputs
from quotetrail.loaders.records import Document, ExtractedDocument

CHUNK = 100  # documents per write transaction
PARALLEL_MIN = 200  # documents: below this, starting worker processes costs more than it saves
MAX_WORKERS = 4


class Failure(BaseModel):
    model_config = ConfigDict(extra="forbid")

    input: str
    reason: str


class LoadSummary(BaseModel):
    model_config = ConfigDict(extra="forbid")

    loaded: int  # documents written in this run
    skipped: list[Failure]  # inputs whose text was already loaded (reason names where)
    failed: list[Failure]
    articles: int  # totals in the graph after the load
    quotes: int
    speakers: int
    statements: int
    outlets: int


@dataclass
class Progress:
    """Called once per input read (total unknown up front) and once per document written;
    then per stage of linking (graph.relink.Stages), which takes minutes on an archive."""

    on_total: Callable[[int], None] = lambda total: None
    on_done: Callable[[str], None] = lambda source: None
    on_stage: Callable[[str, int | None], None] = lambda name, steps: None
    on_step: Callable[[], None] = lambda: None


def load_paths(store: Store, paths: Sequence[str], progress: Progress | None = None, *,
               reload: bool = False, policy: ReadPolicy | None = None) -> LoadSummary:
    """Load files and folders; each document whole or not at all; link afterwards.

    A document whose text is already in the graph is skipped with a note, unless `reload`
    (then it is extracted and written again, e.g. after an extractor upgrade). `policy`: what
    the user allowed beyond the defaults (links out of folders, private URLs)."""
    progress = progress or Progress()
    items = list(read_inputs(paths, policy))
    progress.on_total(len(items))
    documents: list[Document] = []
    failures: list[Failure] = []
    for item in items:
        if isinstance(item, ReadFailure):
            failures.append(Failure(input=item.input, reason=item.reason))
            progress.on_done(item.input)
        else:
            documents.append(item)
    skipped: list[Failure] = []
    if not reload:
        documents = _new_documents(store, documents, skipped, progress.on_done)
    loaded = load_documents(store, documents, failures, progress)
    return summarize(store, loaded, failures, skipped)


def _new_documents(store: Store, documents: list[Document], skipped: list[Failure],
                   on_done: Callable[[str], None]) -> list[Document]:
    """The documents whose text is not in the graph yet, nor earlier in this load."""
    known = {r["id"]: r["source"] for r in store.rows(
        cypher.KNOWN_ARTICLES, ids=sorted({ids.article_id(d.sha256) for d in documents}))}
    fresh = []
    for doc in documents:
        article = ids.article_id(doc.sha256)
        if article in known:
            skipped.append(Failure(input=doc.source, reason=f"already loaded (the same text) "
                                   f"from {known[article]}; pass --reload to load it again"))
            on_done(doc.source)
        else:
            known[article] = doc.source
            fresh.append(doc)
    return fresh


def load_documents(store: Store, documents: Sequence[Document], failures: list[Failure],
                   progress: Progress | None = None) -> int:
    """Write documents in chunked transactions (each document whole or not at all), then
    relink the speakers they touched; returns how many loaded."""
    progress = progress or Progress()
    on_done = progress.on_done
    book = SpeakerBook.from_store(store)
    extracted = []
    for doc, result in zip(documents, _extract_all(documents), strict=True):
        if isinstance(result, str):
            failures.append(Failure(input=doc.source, reason=result))
            on_done(doc.source)
        else:
            extracted.append(result)
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
        relink(store, speakers, articles, progress)
    return loaded


def _extract_or_reason(doc: Document) -> ExtractedDocument | str:
    try:
        return extract(doc)
    except QuotetrailError as e:
        return str(e)


def _extract_all(documents: Sequence[Document]) -> list[ExtractedDocument | str]:
    """Extraction is pure CPU work: on several cores, large loads share it out."""
    workers = min(os.cpu_count() or 1, MAX_WORKERS)
    if len(documents) < PARALLEL_MIN or workers < 2:
        return [_extract_or_reason(d) for d in documents]
    # spawn, not fork: this process holds the driver's sockets and threads
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        return list(pool.map(_extract_or_reason, documents, chunksize=64))


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


def summarize(store: Store, loaded: int, failures: list[Failure],
              skipped: list[Failure] | None = None) -> LoadSummary:
    totals = queries.counts(store)
    return LoadSummary(loaded=loaded, skipped=skipped or [], failed=failures,
                       **totals.model_dump())
