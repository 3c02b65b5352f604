"""User Cypher over HTTP: read-only, bounded by the configured time limit, row and byte caps
and concurrency (429 with Retry-After past it)."""

from __future__ import annotations

from fastapi import APIRouter

from quotetrail.api.deps import SettingsDep, StoreDep
from quotetrail.api.errors import ERROR_RESPONSES
from quotetrail.api.models import CypherRequest
from quotetrail.graph.model import CypherResult
from quotetrail.graph.store.user_cypher import run_read_only

router = APIRouter(tags=["cypher"], responses=ERROR_RESPONSES)


@router.post("/cypher", response_model=CypherResult)
def post_cypher(body: CypherRequest, store: StoreDep, settings: SettingsDep) -> CypherResult:
    """Run a read-only query; `truncated` says a cap cut it; a write is refused (400)."""
    return run_read_only(store, body.query, body.params, time_limit=settings.query_timeout,
                         row_cap=settings.query_row_cap, byte_cap=settings.query_byte_cap,
                         concurrency=settings.query_concurrency)
