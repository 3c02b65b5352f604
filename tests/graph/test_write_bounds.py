"""Writes are bounded in bytes as well as rows: a Bolt message over 16 MiB is dropped by
ArcadeDB without an answer, and the load waited forever (issue: the service hung)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from quotetrail.graph.store import queries
from quotetrail.graph.store.writer import MESSAGE_BUDGET, batches, encoded_size
from quotetrail.loaders.extract.document import extract
from quotetrail.loaders.records import Document, ExtractedDocument, QuoteMention, Speaker
from quotetrail.pipeline import load_extracted

from helpers import clear


def test_batches_are_cut_by_bytes_and_by_rows():
    big = {"text": "x" * (MESSAGE_BUDGET // 3)}
    assert [len(b) for b in batches([big] * 7)] == [2, 2, 2, 1]
    small = [{"id": str(i)} for i in range(2500)]
    assert [len(b) for b in batches(small)] == [1000, 1000, 500]
    for batch in batches([big] * 7 + small):
        assert sum(encoded_size(r) for r in batch) <= MESSAGE_BUDGET


def test_encoded_size_counts_utf8_bytes():
    assert encoded_size("é" * 100) - encoded_size("e" * 100) == 100


def _extracted_head(head: str, body: str, source: str, **fields: str) -> ExtractedDocument:
    """A document whose quotes are all in `head`, extracted from the head alone: extraction
    is not what these tests hold, and it costs ~0.5 s per MB of the bodies below."""
    found = extract(Document(text=head, source=source))
    return replace(found, document=Document(text=head + body, source=source, **fields))


# ArcadeDB is the engine that drops an oversized message; the byte budget and the refusal are
# the writer's, the same for both engines, so the two heavy loads below run on ArcadeDB only.
@pytest.mark.parametrize("store", ["arcadedb"], indirect=True)
def test_many_large_documents_load_in_one_go(empty_store):
    """30 documents of 700 KB: one chunk of rows far over one message's cap."""
    paragraph = "The committee met again and heard evidence from many witnesses. " * 100
    docs = [_extracted_head(f'Ann Bee said: "Statement number {i} is mine." ', paragraph * 110,
                            source=f"big-{i}.txt", title=f"Big {i}", outlet="Outlet",
                            published="2024-01-02") for i in range(30)]
    assert len(docs[0].document.text.encode()) > 700_000
    assert sum(len(d.document.text.encode()) for d in docs) > 2 * MESSAGE_BUDGET
    assert all(len(d.quotes) == 1 for d in docs)
    result = load_extracted(empty_store, docs)
    assert len(result.loaded) == 30 and not result.failed
    assert queries.counts(empty_store).articles == 30
    clear(empty_store)


@pytest.mark.parametrize("store", ["arcadedb"], indirect=True)
def test_a_document_too_large_for_one_write_is_refused_and_the_rest_loads(empty_store):
    """45,000 quotes: each within the text limit, together over one write's budget. They are
    made here rather than extracted (12 s of extraction for a refusal made by the writer)."""
    many = " ".join(f'"alpha beta {i}," said Ann Bee.' for i in range(45_000))
    quotes, at = [], 0
    for i in range(45_000):
        words = f"alpha beta {i}"
        start = many.index(words, at)
        at = start + len(words)
        quotes.append(QuoteMention(words, start, at, "direct", "said", "Ann Bee", "Ann Bee",
                                   0.95, "cue-after-name"))
    refused = ExtractedDocument(Document(text=many, source="many-quotes.txt", outlet="Outlet"),
                                tuple(quotes), (Speaker("Ann Bee"),))
    normal = extract(Document(text='Ann Bee said: "A normal quote for once." She left.',
                              source="normal.txt", outlet="Outlet"))
    result = load_extracted(empty_store, [refused, normal])
    assert [d.article_id for d in result.loaded] and len(result.loaded) == 1
    [failure] = result.failed
    assert failure.input == "many-quotes.txt"
    assert "too large to write whole" in failure.reason and "split the document" in failure.reason
    counts = queries.counts(empty_store)
    assert counts.articles == 1 and counts.quotes == 1
    clear(empty_store)
