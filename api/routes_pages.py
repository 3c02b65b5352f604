"""The HTML pages, built from the same core functions as the JSON routes (not in /docs);
their downloads (CSV, JSON, GraphML, one-file HTML) come from `routes_exports`."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Path, Query
from fastapi.responses import HTMLResponse, Response

from quotetrail.api import routes_exports
from quotetrail.api.deps import SettingsDep, StoreDep
from quotetrail.errors import NotFoundError
from quotetrail.graph import ids
from quotetrail.graph.model import MAX_LIMIT
from quotetrail.graph.store import browse, printings, queries
from quotetrail.viz.article_page import article_html
from quotetrail.viz.assets import ASSETS_PATH, CACHE_FOREVER, served
from quotetrail.viz.console_page import console_html
from quotetrail.viz.index_page import index_html
from quotetrail.viz.speaker_page import Order, Sort, speaker_html
from quotetrail.viz.statement_page import statement_html

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
router.include_router(routes_exports.router)

PAGE_SIZE = 50
SIDE_LIST = 20  # speakers, outlets and articles on the index page (the first of each)
Id = Annotated[str, Path(min_length=1, max_length=200)]


@router.get("/")
def index_page(
    store: StoreDep,
    q: Annotated[str | None, Query(max_length=1000)] = None,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> HTMLResponse:
    """Statements by spread (or matching `q`), speakers, outlets, articles and counts."""
    counts = queries.counts(store)  # and the totals of the page's four lists
    return HTMLResponse(index_html(
        counts=counts, page=browse.statement_page(store, q=q, limit=PAGE_SIZE, offset=offset,
                                                  total=counts.statements),
        speakers=browse.speaker_page(store, limit=SIDE_LIST, total=counts.speakers),
        outlets=browse.outlet_page(store, limit=SIDE_LIST, total=counts.outlets),
        articles=browse.article_page(store, limit=SIDE_LIST, total=counts.articles), q=q))


@router.get("/favicon.ico")
def favicon() -> Response:
    """No icon (browsers ask for one; an empty answer keeps their consoles clean)."""
    return Response(status_code=204)


@router.get(ASSETS_PATH + "/{name}")
def asset(name: Annotated[str, Path(max_length=200)]) -> Response:
    """vis-network's script and stylesheet, named by their content (`viz/assets.py`)."""
    found = served().get(name)
    if found is None:
        raise NotFoundError(f"no asset named {name!r}")
    return Response(found.body, media_type=found.media_type,
                    headers={"cache-control": CACHE_FOREVER})


@router.get("/cypher")
def cypher_console(settings: SettingsDep) -> HTMLResponse:
    """A query console over `POST /api/cypher`, with the README's examples."""
    return HTMLResponse(console_html(time_limit=settings.query_timeout,
                                     row_cap=settings.query_row_cap))


@router.get("/statements/{statement_id}")
def statement_page(store: StoreDep, statement_id: Id) -> HTMLResponse:
    """One statement's spread: graph, legend, details panel, table of variants."""
    trace = queries.trace(store, statement_id)
    speaker_id = ids.speaker_id(trace.speaker) if trace.speaker else None
    return HTMLResponse(statement_html(trace, site=True, speaker_id=speaker_id))


@router.get("/articles/{article_id}")
def article_page(store: StoreDep, article_id: Id,
                 offset: Annotated[int, Query(ge=0)] = 0) -> HTMLResponse:
    """One article's stored text with its quotes highlighted and linked to their statements,
    1,000 quotes at a time (an article may hold 10,000)."""
    detail = browse.article(store, article_id, limit=MAX_LIMIT, offset=offset)
    return HTMLResponse(article_html(detail, offset=offset))


@router.get("/speakers/{speaker_id}")
def speaker_page(
    store: StoreDep, speaker_id: Id, sort: Sort = "date", order: Order = "asc",
    offset: Annotated[int, Query(ge=0)] = 0, before: datetime | None = None,
) -> HTMLResponse:
    """One speaker's printings over time, the latest 50 or those `before` a date (a time
    line, then a sortable, paged table)."""
    detail = browse.speaker_head(store, speaker_id)
    return HTMLResponse(speaker_html(detail, printings.window(store, speaker_id, before),
                                     sort=sort, order=order, offset=offset))
