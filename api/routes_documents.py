"""Loading one document over HTTP: written in one transaction (whole or not at all), linked."""

from __future__ import annotations

import hashlib

from fastapi import APIRouter
from neo4j.exceptions import ClientError

from quotetrail.api.deps import ExtractWorkerDep, StoreDep, TraceCacheDep, WriteLockDep
from quotetrail.api.errors import ERROR_RESPONSES
from quotetrail.api.models import DocumentCreated, DocumentIn
from quotetrail.errors import InputError
from quotetrail.graph import ids
from quotetrail.graph.model import MAX_LIMIT
from quotetrail.graph.store import browse, queries
from quotetrail.pipeline import load_extracted

router = APIRouter(tags=["documents"], responses=ERROR_RESPONSES)


@router.post("/documents", response_model=DocumentCreated, status_code=201)
def post_document(body: DocumentIn, store: StoreDep, lock: WriteLockDep,
                  cache: TraceCacheDep, worker: ExtractWorkerDep) -> DocumentCreated:
    """Load one document (text or HTML, with metadata); returns the article and its quotes."""
    source = body.source or body.url or _made_source(body.html or body.text or "")
    extracted = worker.extract(source, body.text, body.html, body.url, body.metadata())
    article_id = ids.article_id(extracted.document.sha256)
    with lock:
        existed = browse.has_article(store, article_id)
        try:
            result = load_extracted(store, [extracted])
        except ClientError as e:  # rolled back: nothing of the document is in the graph
            raise InputError(f"the graph server refused the document: {e.message}",
                             input=source) from e
        finally:  # linking may have changed any trace: none served from before the load
            cache.clear()
        if result.failed or not result.loaded:
            reason = result.failed[0].reason if result.failed else "nothing was written"
            raise InputError(reason, input=source)
    # the first page of its quotes (quotes_total says how many; GET /api/articles/{id} pages)
    article = browse.article(store, article_id, limit=MAX_LIMIT)
    totals = queries.counts(store)
    statements = browse.article_statements(store, article_id)
    return DocumentCreated(created=not existed, article=article, statements=statements,
                           articles=totals.articles, quotes=totals.quotes,
                           speakers=totals.speakers, statement_count=totals.statements,
                           outlets=totals.outlets)


def _made_source(content: str) -> str:
    return f"api:{hashlib.sha256(content.encode('utf-8')).hexdigest()[:16]}"
