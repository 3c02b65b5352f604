"""Loading one document over HTTP: written in one transaction (whole or not at all), linked."""

from __future__ import annotations

import hashlib
from typing import Any

from fastapi import APIRouter
from neo4j.exceptions import ClientError

from quotetrail.api.deps import StoreDep, TraceCacheDep, WriteLockDep
from quotetrail.api.errors import ERROR_RESPONSES
from quotetrail.api.models import DocumentCreated, DocumentIn
from quotetrail.errors import InputError
from quotetrail.graph import ids
from quotetrail.graph.model import MAX_LIMIT
from quotetrail.graph.store import browse, queries
from quotetrail.loaders.read.html import html_document
from quotetrail.loaders.records import Document
from quotetrail.pipeline import load

router = APIRouter(tags=["documents"], responses=ERROR_RESPONSES)


@router.post("/documents", response_model=DocumentCreated, status_code=201)
def post_document(body: DocumentIn, store: StoreDep, lock: WriteLockDep,
                  cache: TraceCacheDep) -> DocumentCreated:
    """Load one document (text or HTML, with metadata); returns the article and its quotes."""
    doc = _document(body)
    article_id = ids.article_id(doc.sha256)
    with lock:
        existed = browse.has_article(store, article_id)
        try:
            result = load(store, [doc], reload=True)
        except ClientError as e:  # rolled back: nothing of the document is in the graph
            raise InputError(f"the graph server refused the document: {e.message}",
                             input=doc.source) from e
        finally:  # linking may have changed any trace: none served from before the load
            cache.clear()
        if result.failed or not result.loaded:
            reason = result.failed[0].reason if result.failed else "nothing was written"
            raise InputError(reason, input=doc.source)
    article = browse.article(store, article_id, limit=MAX_LIMIT)  # every quote it holds
    totals = queries.counts(store)
    statements = sorted({s.id for q in article.quotes for s in q.statements})
    return DocumentCreated(created=not existed, article=article, statements=statements,
                           articles=totals.articles, quotes=totals.quotes,
                           speakers=totals.speakers, statement_count=totals.statements,
                           outlets=totals.outlets)


def _document(body: DocumentIn) -> Document:
    meta: dict[str, Any] = body.metadata()
    if body.html is not None:
        source = body.source or body.url or _made_source(body.html)
        return html_document(body.html, source=source, url=body.url, meta=meta)
    text = body.text or ""
    source = body.source or body.url or _made_source(text)
    return Document(text=text, source=source, **meta)


def _made_source(content: str) -> str:
    return f"api:{hashlib.sha256(content.encode('utf-8')).hexdigest()[:16]}"

