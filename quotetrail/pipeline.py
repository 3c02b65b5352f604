"""The one load path: read -> extract -> attribute -> write -> relink.

The CLI, the API, the demo and the bench all load through here: `load_paths` for files,
folders, URLs and JSONL; `load` for documents already read (the API's one document);
`load_extracted` for documents already extracted (the bench, which extracts once for its
in-process baseline too). Each returns a `LoadResult`; a bad input is reported in it and the
rest still load. Every stage is timed, so the CLI's summary and the bench read the same
figures.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from neo4j.exceptions import Neo4jError

from quotetrail.errors import InputError, QuotetrailError
from quotetrail.graph import ids
from quotetrail.graph.model import Failure, Linking, LoadSummary
from quotetrail.graph.store import cypher, pending, queries, tallies
from quotetrail.graph.store.driver import Store
from quotetrail.graph.store.relink import Held, relink
from quotetrail.graph.store.search import drop_word_index
from quotetrail.graph.store.writer import WrittenDocument, speaker_book, write_documents
from quotetrail.loaders.attribute.book import SpeakerBook
from quotetrail.loaders.extract.document import extract
from quotetrail.loaders.read.inputs import (
    FOLDER_SUFFIXES,
    JSONL_SUFFIXES,
    STDIN,
    ReadFailure,
    ReadPolicy,
    read_inputs,
)
from quotetrail.loaders.records import Document, ExtractedDocument
from quotetrail.worker_pool import spawn_pool

CHUNK = 100  # documents per write transaction
PARALLEL_MIN = 200  # documents: below this, starting worker processes costs more than it saves
MAX_WORKERS = 4
LOOKUP = 10_000  # article ids per "already loaded?" query (a message stays small)
REASON_CHARS = 200  # of a server's refusal, in a failed input's reason


@dataclass
class Progress:
    """Where a load is, for a display: each stage (reading, extracting, writing, then the
    stages of linking, graph.store.relink.Stages) begins with `on_stage(name, steps)`, its
    number of steps counted up front (None only for standard input), and calls `on_step`
    per step done. `on_total` (documents read) and `on_done` (per document settled: failed,
    skipped or written) are per document, for callers that count documents (the bench)."""

    on_total: Callable[[int], None] = lambda total: None
    on_done: Callable[[str], None] = lambda source: None
    on_stage: Callable[[str, int | None], None] = lambda name, steps: None
    on_step: Callable[[], None] = lambda: None


@dataclass
class LoadResult:
    """What one load did: documents written, skipped and refused, and each stage's seconds."""

    loaded: list[WrittenDocument] = field(default_factory=list)  # in load order
    skipped: list[Failure] = field(default_factory=list)  # text already in the graph
    failed: list[Failure] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)  # read, extract, write, link
    linking: Linking | None = None  # what relink wrote; None when nothing was linked

    @contextmanager
    def timed(self, stage: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[stage] = self.seconds.get(stage, 0.0) + time.perf_counter() - start


def load_paths(store: Store, paths: Sequence[str], progress: Progress | None = None, *,
               reload: bool = False, policy: ReadPolicy | None = None) -> LoadResult:
    """Load files, folders, URLs and JSONL; each document whole or not at all; link after.

    A document whose text is already in the graph is skipped with a note, unless `reload`
    (then it is extracted and written again, e.g. after an extractor upgrade). `policy`: what
    the user allowed beyond the defaults (links out of folders, private URLs)."""
    progress = progress or Progress()
    result = LoadResult()
    with result.timed("read"):
        progress.on_stage("reading", expected_inputs(paths))
        items: list[Document | ReadFailure] = []
        for item in read_inputs(paths, policy):
            items.append(item)
            progress.on_step()
    progress.on_total(len(items))
    documents: list[Document] = []
    for item in items:
        if isinstance(item, ReadFailure):
            result.failed.append(Failure(input=item.input, reason=item.reason))
            progress.on_done(item.input)
        else:
            documents.append(item)
    return load(store, documents, progress, reload=reload, result=result)


def load(store: Store, documents: Sequence[Document], progress: Progress | None = None, *,
         reload: bool = False, result: LoadResult | None = None) -> LoadResult:
    """Extract, write and link documents already read (skipping known texts unless reload)."""
    progress = progress or Progress()
    result = result or LoadResult()
    if not reload:
        documents = _new_documents(store, documents, result, progress.on_done)
    extracted: list[ExtractedDocument] = []
    with result.timed("extract"):
        progress.on_stage("extracting quotes", len(documents))
        outcomes = extract_all(documents, progress.on_step)
    for doc, outcome in zip(documents, outcomes, strict=True):
        if isinstance(outcome, str):
            result.failed.append(Failure(input=doc.source, reason=outcome))
            progress.on_done(doc.source)
        else:
            extracted.append(outcome)
    return load_extracted(store, extracted, progress, result=result)


def load_extracted(store: Store, extracted: Sequence[ExtractedDocument],
                   progress: Progress | None = None, *,
                   result: LoadResult | None = None) -> LoadResult:
    """Write extracted documents in chunked transactions (each whole or not at all), then
    relink what their quotes can touch, and any articles a killed load left unlinked."""
    progress = progress or Progress()
    result = result or LoadResult()
    moved: set[str] = set()  # quotes of earlier loads whose speaker a fold renamed
    articles: set[str] = set()
    texts: dict[str, str] = {}  # what relink need not read back
    with result.timed("write"):
        progress.on_stage("writing documents", len(extracted))
        book = with_full_names(extracted, speaker_book(store, extracted))
        tallies.mark_if_empty(store)
        articles |= pending.unlinked(store)  # left by a load that was killed
        for i in range(0, len(extracted), CHUNK):
            for ex, written in _write_chunk(store, extracted[i:i + CHUNK], book, result):
                progress.on_done(ex.document.source)
                progress.on_step()
                if written is not None:
                    result.loaded.append(written)
                    moved |= written.refolded
                    articles.add(written.article_id)
                    texts[written.article_id] = ex.document.text
    if articles:
        with result.timed("link"):
            created = [w for w in result.loaded if not w.replaced]
            held = Held(texts, {w.article_id: w.quote_ids for w in result.loaded},
                        frozenset(w.article_id for w in created),
                        {w.article_id: (w.published_ts, dict(zip(w.quote_ids, w.quote_facts,
                                                                 strict=True)))
                         for w in created})
            result.linking = relink(store, articles, moved, progress,
                                    sweep=any(w.replaced for w in result.loaded), held=held)
            new_quotes = {q for w in created for q in w.quote_ids}
            # (a fold moved old quotes to another speaker: their speakers are recounted)
            tallies.refresh(store, articles=articles,
                            created=frozenset() if moved else held.created, quotes=[
                v.quote_id for v in result.linking.variants if v.quote_id not in new_quotes],
                counted=held.created, outlets={o for w in result.loaded for o in w.left_outlets})
    drop_word_index(store)  # the engine's full-text index replaced it; free once it is gone
    return result


def with_full_names(extracted: Iterable[ExtractedDocument], book: SpeakerBook) -> SpeakerBook:
    """`book` with every full name of the load added first, so that a bare surname in any
    document finds its full name whatever the order of the documents."""
    for ex in extracted:
        for speaker in ex.speakers:
            if " " in speaker.name.strip():
                book.add(speaker.name)
    return book


def _new_documents(store: Store, documents: Sequence[Document], result: LoadResult,
                   on_done: Callable[[str], None]) -> list[Document]:
    """The documents whose text is not in the graph yet, nor earlier in this load."""
    wanted = sorted({ids.article_id(d.sha256) for d in documents})
    known = {r["id"]: r["source"]
             for i in range(0, len(wanted), LOOKUP) for r in store.rows(
                 cypher.KNOWN_ARTICLES, ids=wanted[i:i + LOOKUP])}
    fresh = []
    for doc in documents:
        article = ids.article_id(doc.sha256)
        if article in known:
            result.skipped.append(Failure(
                input=doc.source, reason=f"already loaded (the same text) from "
                f"{known[article]}; pass --reload to load it again"))
            on_done(doc.source)
        else:
            known[article] = doc.source
            fresh.append(doc)
    return fresh


def _extract_or_reason(doc: Document) -> ExtractedDocument | str:
    try:
        return extract(doc)
    except QuotetrailError as e:
        return str(e)


def extract_all(documents: Sequence[Document], on_step: Callable[[], None] = lambda: None
                ) -> list[ExtractedDocument | str]:
    """Extraction is pure CPU work: on several cores, large loads share it out."""
    workers = min(os.cpu_count() or 1, MAX_WORKERS)
    if len(documents) < PARALLEL_MIN or workers < 2:
        return [_stepped(_extract_or_reason(d), on_step) for d in documents]
    with spawn_pool(workers) as pool:
        return [_stepped(outcome, on_step)
                for outcome in pool.map(_extract_or_reason, documents, chunksize=64)]


def _stepped(outcome: ExtractedDocument | str, on_step: Callable[[], None]
             ) -> ExtractedDocument | str:
    on_step()
    return outcome


def expected_inputs(paths: Sequence[str]) -> int | None:
    """How many documents (and failures) reading `paths` will yield, counted without reading
    them: a folder's files, a JSONL file's lines, one per other file or URL; None when an
    input is standard input. Only a progress display's total: the reading decides."""
    total = 0
    for path in paths:
        if path == STDIN:
            return None
        if os.path.isdir(path):
            names = [os.path.join(path, n) for n in os.listdir(path)
                     if n.lower().endswith(FOLDER_SUFFIXES)]
            total += sum(_lines(n) if n.lower().endswith(JSONL_SUFFIXES) else 1 for n in names)
        else:
            total += _lines(path) if path.lower().endswith(JSONL_SUFFIXES) else 1
    return total


def _lines(path: str) -> int:
    try:
        with open(path, "rb") as f:
            return sum(1 for line in f if line.strip())
    except OSError:
        return 1  # reading reports it as one failure


def _write_chunk(store: Store, chunk: Sequence[ExtractedDocument], book: SpeakerBook,
                 result: LoadResult) -> list[tuple[ExtractedDocument, WrittenDocument | None]]:
    """One transaction for the chunk; if it fails, one per document to isolate the bad one."""
    try:
        return list(zip(chunk, write_documents(store, chunk, book), strict=True))
    except (Neo4jError, InputError) as e:
        if len(chunk) == 1:  # rolled back (or never sent): nothing of it is in the graph
            result.failed.append(_refused(chunk[0], e))
            return [(chunk[0], None)]
    done: list[tuple[ExtractedDocument, WrittenDocument | None]] = []
    for ex in chunk:
        try:
            done.append((ex, write_documents(store, [ex], book)[0]))
        except (Neo4jError, InputError) as e:
            result.failed.append(_refused(ex, e))
            done.append((ex, None))
    return done


def _refused(ex: ExtractedDocument, error: Neo4jError | InputError) -> Failure:
    if isinstance(error, InputError):
        return Failure(input=ex.document.source, reason=error.message)
    # the server's first line only: ArcadeDB quotes the whole Cypher query after it
    lines = (error.message or "").strip().splitlines()
    first = lines[0] if lines else ""
    first = first.split(" command:")[0] if first.startswith("Error executing") else first
    reason = f"the graph server refused it ({error.code}): {first[:REASON_CHARS]}"
    return Failure(input=ex.document.source, reason=reason.rstrip(": "))


def summarize(store: Store, result: LoadResult) -> LoadSummary:
    """The load's JSON: what it did, and the graph's totals after it."""
    totals = queries.counts(store)
    return LoadSummary(loaded=len(result.loaded), skipped=result.skipped, failed=result.failed,
                       seconds={k: round(v, 3) for k, v in result.seconds.items()},
                       **totals.model_dump())
