"""Corrections: a journalist merges two speakers or sets one quote's speaker (stored as
data, applied before linking); the same core functions as `quotetrail speakers ...`."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path
from pydantic import BaseModel, ConfigDict, Field

from quotetrail.api.deps import StoreDep, TraceCacheDep, WriteLockDep
from quotetrail.api.errors import ERROR_RESPONSES
from quotetrail.graph.store import corrections

router = APIRouter(tags=["corrections"], responses=ERROR_RESPONSES)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CorrectionOut(_Model):
    id: str
    kind: str
    subject: str
    value: str | None
    who: str
    at: str
    why: str


class MergeIn(_Model):
    merged: str = Field(min_length=1, max_length=200, description="Speaker id or name to fold in.")
    into: str = Field(min_length=1, max_length=200, description="Speaker id or name it is.")
    who: str = Field(min_length=1, max_length=200, description="Who decides.")
    why: str = Field(default="", max_length=2000)


class SpeakerIn(_Model):
    speaker: str | None = Field(max_length=200, description="Speaker id or name; null: "
                                "nobody known said it.")
    who: str = Field(min_length=1, max_length=200, description="Who decides.")
    why: str = Field(default="", max_length=2000)


QuoteId = Annotated[str, Path(min_length=1, max_length=200)]


@router.post("/speakers/merge", response_model=CorrectionOut, status_code=201)
def merge_speakers(body: MergeIn, store: StoreDep, lock: WriteLockDep,
                   cache: TraceCacheDep) -> CorrectionOut:
    """Record that two speakers are one person, then relink."""
    with lock:
        try:
            c = corrections.merge_speakers(store, body.merged, body.into, body.who, body.why)
        finally:
            cache.clear()
    return CorrectionOut(**vars(c))


@router.put("/quotes/{quote_id}/speaker", response_model=CorrectionOut, status_code=201)
def set_quote_speaker(quote_id: QuoteId, body: SpeakerIn, store: StoreDep, lock: WriteLockDep,
                      cache: TraceCacheDep) -> CorrectionOut:
    """Set (or, with null, clear) one quote's speaker, then relink."""
    with lock:
        try:
            c = corrections.set_speaker(store, quote_id, body.speaker, body.who, body.why)
        finally:
            cache.clear()
    return CorrectionOut(**vars(c))
