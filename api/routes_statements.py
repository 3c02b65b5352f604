"""Statements: search and list (paged), and one statement's trace."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from quotetrail.api.deps import StoreDep
from quotetrail.api.errors import ERROR_RESPONSES
from quotetrail.graph import browse, queries
from quotetrail.graph.model import Trace

router = APIRouter(tags=["statements"], responses=ERROR_RESPONSES)

StatementId = Annotated[str, Path(min_length=1, max_length=200, examples=["st-4c644cb814bc4032"])]


@router.get("/statements", response_model=browse.StatementPage)
def list_or_search_statements(
    store: StoreDep,
    q: Annotated[str | None, Query(max_length=1000, description="Words of the quote; a "
                                   "fragment is enough. Without it: every statement.")] = None,
    speaker: Annotated[str | None, Query(max_length=200,
                                         description="A speaker's id or name.")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> browse.StatementPage:
    """Statements matching `q` (best match first), or all of them most-spread first."""
    return browse.statement_page(store, q=q, speaker=speaker, limit=limit, offset=offset)


@router.get("/statements/{statement_id}", response_model=Trace)
def get_trace(store: StoreDep, statement_id: StatementId) -> Trace:
    """One statement's trace: reference wording, speaker, every variant in time order."""
    return queries.trace(store, statement_id)
