"""Downloads of what the pages show: CSV and JSON of each table, and a statement's trace as
one self-contained HTML file or as GraphML (Gephi, yEd). Built from the same core reads as
the pages; the files are attachments named after what they hold."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response

from quotetrail.api.deps import StoreDep
from quotetrail.graph.model import MAX_LIMIT, ArticleQuote, SpeakerQuote
from quotetrail.graph.store import browse, queries
from quotetrail.graph.store import printings as speaker_printings
from quotetrail.viz import exports
from quotetrail.viz.speaker_page import PAGE_SIZE, Order, Sort, printings
from quotetrail.viz.statement_page import statement_html

router = APIRouter(include_in_schema=False)

Id = Annotated[str, Path(min_length=1, max_length=200)]
TableFormat = Literal["csv", "json"]
TraceFormat = Literal["csv", "json", "graphml", "html"]
_MEDIA = {"csv": "text/csv; charset=utf-8", "json": "application/json",
          "graphml": "application/graphml+xml", "html": "text/html; charset=utf-8"}


def _download(body: str, fmt: str, name: str) -> Response:
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", name)[:120] or "export"
    return Response(body, media_type=_MEDIA[fmt], headers={
        "Content-Disposition": f'attachment; filename="{safe}.{fmt}"'})


def _table(rows: list[dict[str, Any]], columns: list[str], fmt: str, name: str) -> Response:
    body = exports.csv_text(rows, columns) if fmt == "csv" else exports.json_text(rows)
    return _download(body, fmt, name)


@router.get("/statements/{statement_id}/trace.{fmt}")
def trace_export(store: StoreDep, statement_id: Id, fmt: TraceFormat) -> Response:
    """A statement's trace as CSV, JSON (the API's trace), GraphML or one offline HTML page."""
    trace = queries.trace(store, statement_id)
    name = f"quotetrail-trace-{statement_id}"
    if fmt == "graphml":
        return _download(exports.trace_graphml(trace), fmt, name)
    if fmt == "html":
        return _download(statement_html(trace), fmt, name)
    if fmt == "json":
        return _download(trace.model_dump_json(indent=1), fmt, name)
    rows = exports.trace_rows(trace)
    return _download(exports.csv_text(rows, list(rows[0]) if rows else ["statement_id"]),
                     fmt, name)


@router.get("/articles/{article_id}/quotes.{fmt}")
def article_quotes_export(store: StoreDep, article_id: Id, fmt: TableFormat,
                          offset: Annotated[int, Query(ge=0)] = 0) -> Response:
    """The article page's table of quotes (the page at `offset`)."""
    detail = browse.article(store, article_id, limit=MAX_LIMIT, offset=offset)
    rows = [q.model_dump() for q in detail.quotes]
    return _table(rows, list(ArticleQuote.model_fields), fmt, f"quotetrail-article-{article_id}")


@router.get("/speakers/{speaker_id}/printings.{fmt}")
def speaker_printings_export(
    store: StoreDep, speaker_id: Id, fmt: TableFormat,
    sort: Sort = "date", order: Order = "asc",
    offset: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=100_000)] = PAGE_SIZE,
    before: datetime | None = None,
) -> Response:
    """The speaker page's table of printings (its window: the latest, or those `before` a
    date), in its order; `limit` defaults to one page."""
    browse.speaker_head(store, speaker_id)  # an unknown speaker is a 404, not an empty file
    rows = printings(speaker_printings.window(store, speaker_id, before).quotes, sort, order)
    return _table([q.model_dump() for q in rows[offset:offset + limit]],
                  list(SpeakerQuote.model_fields), fmt, f"quotetrail-speaker-{speaker_id}")


IndexTable = Literal["statements", "speakers", "outlets", "articles"]
INDEX_PAGE_SIZE = 50  # the index page's statements per page


@router.get("/tables/{name}.{fmt}")
def index_table_export(
    store: StoreDep, name: IndexTable, fmt: TableFormat,
    q: Annotated[str | None, Query(max_length=1000)] = None,
    offset: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = MAX_LIMIT,
) -> Response:
    """A table of the index page; statements as the page shows them (search `q`, `offset`),
    the side lists a page of `limit` rows at most."""
    rows: list[dict[str, Any]]
    if name == "statements":
        page = browse.statement_page(store, q=q, limit=INDEX_PAGE_SIZE, offset=offset)
        rows = [hit.model_dump() for hit in page.items]
    elif name == "speakers":
        rows = [r.model_dump() for r in browse.speaker_page(store, limit, offset).items]
    elif name == "outlets":
        rows = [r.model_dump() for r in browse.outlet_page(store, limit, offset).items]
    else:
        rows = [r.model_dump() for r in browse.article_page(store, limit=limit,
                                                             offset=offset).items]
    columns = list(rows[0]) if rows else ["id"]
    return _table(rows, columns, fmt, f"quotetrail-{name}")
