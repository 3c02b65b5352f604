"""Statements: search and list (paged), and one statement's trace."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response
from pydantic import TypeAdapter

from quotetrail.api.deps import StoreDep, TraceCacheDep
from quotetrail.api.errors import ERROR_RESPONSES
from quotetrail.api.routes_browse import Limit, Offset, Since, SpeakerFilter, Until
from quotetrail.graph import model
from quotetrail.graph.dates import day_start
from quotetrail.graph.model import DEFAULT_LIMIT, Trace
from quotetrail.graph.store import browse, queries
from quotetrail.graph.store.driver import Store

router = APIRouter(tags=["statements"], responses=ERROR_RESPONSES)

StatementId = Annotated[str, Path(min_length=1, max_length=200, examples=["st-4c644cb814bc4032"])]


@router.get("/statements", response_model=model.StatementPage)
def list_or_search_statements(
    store: StoreDep,
    q: Annotated[str | None, Query(max_length=1000, description="Words of the quote; a "
                                   "fragment is enough. Without it: every statement.")] = None,
    speaker: SpeakerFilter = None,
    since: Since = None,
    until: Until = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> model.StatementPage:
    """Statements matching `q` (best match first, with a score), or all most-spread first."""
    return browse.statement_page(store, q=q, speaker=speaker, since=day_start(since),
                                 until=day_start(until), limit=limit, offset=offset)


@router.get("/statements/{statement_id}", response_model=Trace)
async def get_trace(store: StoreDep, cache: TraceCacheDep,
                    statement_id: StatementId) -> Response:
    """One statement's trace: reference wording, speaker, every variant in time order."""
    body = await cache.get_or_fill(statement_id, lambda: _trace_json(store, statement_id))
    return Response(body, media_type="application/json")


# The bytes FastAPI itself sends for `response_model=Trace` (it dumps through a TypeAdapter
# of the model, by alias); cached bodies are served as they are, not validated again.
_TRACE = TypeAdapter(Trace)


def _trace_json(store: Store, statement_id: str) -> bytes:
    return _TRACE.dump_json(queries.trace(store, statement_id), by_alias=True)
