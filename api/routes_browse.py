"""Quotes, speakers, articles, outlets and counts: the lists the pages are built from.

Every list is a `Page` paged in the database: `limit` (default 50, at most 1000), `offset`,
and the `total` before paging.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Path, Query

from quotetrail.api.deps import StoreDep
from quotetrail.api.errors import ERROR_RESPONSES
from quotetrail.graph import model
from quotetrail.graph.dates import day_start
from quotetrail.graph.model import DEFAULT_LIMIT, MAX_LIMIT, DocumentKind, Mutation, QuoteKind
from quotetrail.graph.store import browse, queries

router = APIRouter(responses=ERROR_RESPONSES)

Id = Annotated[str, Path(min_length=1, max_length=200)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page.")]
Offset = Annotated[int, Query(ge=0, description="Items to skip.")]
Since = Annotated[date | None, Query(description="Published on or after this day (UTC).")]
Until = Annotated[date | None, Query(description="Published before this day (UTC).")]
SpeakerFilter = Annotated[str | None, Query(min_length=1, max_length=200,
                                            description="A speaker's id or name.")]
OutletFilter = Annotated[str | None, Query(min_length=1, max_length=200,
                                           description="An outlet's id or name.")]


@router.get("/quotes", response_model=model.QuotePage, tags=["quotes"])
def list_quotes(
    store: StoreDep,
    speaker: SpeakerFilter = None,
    outlet: OutletFilter = None,
    article: Annotated[str | None, Query(min_length=1, max_length=200,
                                         description="An article's id.")] = None,
    kind: Annotated[QuoteKind | None, Query(description="The quote's kind.")] = None,
    mutation: Annotated[Mutation | None, Query(
        description="How the quote differs from its statement.")] = None,
    since: Since = None,
    until: Until = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
    all: Annotated[bool, Query(description="Also quoted words with no speaker (titles, "
                                           "event names, scare quotes).")] = False,
) -> model.QuotePage:
    """Quotes with article, offsets, speaker and statement, filtered, newest article first."""
    return browse.quote_page(store, speaker=speaker, outlet=outlet, article=article, kind=kind,
                             mutation=mutation, since=day_start(since), until=day_start(until),
                             limit=limit, offset=offset, include_unattributed=all)


@router.get("/speakers", response_model=model.SpeakerPage, tags=["speakers"])
def list_speakers(store: StoreDep, limit: Limit = DEFAULT_LIMIT,
                  offset: Offset = 0) -> model.SpeakerPage:
    """Speakers with statement, quote and outlet counts, most-quoted first."""
    return browse.speaker_page(store, limit=limit, offset=offset)


@router.get("/speakers/{speaker_id}", response_model=model.SpeakerDetail, tags=["speakers"])
def get_speaker(store: StoreDep, speaker_id: Id, limit: Limit = DEFAULT_LIMIT,
                offset: Offset = 0) -> model.SpeakerDetail:
    """One speaker's statements in time order (a page), with outlets and mutations of each."""
    return browse.speaker(store, speaker_id, limit=limit, offset=offset)


@router.get("/articles", response_model=model.ArticlePage, tags=["articles"])
def list_articles(
    store: StoreDep,
    outlet: OutletFilter = None,
    kind: Annotated[DocumentKind | None, Query(description="The document's kind.")] = None,
    since: Since = None,
    until: Until = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> model.ArticlePage:
    """Articles with their outlet, date and quote count, newest first."""
    return browse.article_page(store, outlet=outlet, kind=kind, since=day_start(since),
                               until=day_start(until), limit=limit, offset=offset)


@router.get("/articles/{article_id}", response_model=model.ArticleDetail, tags=["articles"])
def get_article(store: StoreDep, article_id: Id, limit: Limit = DEFAULT_LIMIT,
                offset: Offset = 0) -> model.ArticleDetail:
    """One article's stored text and a page of its quotes (offsets into that text)."""
    return browse.article(store, article_id, limit=limit, offset=offset)


@router.get("/outlets", response_model=model.OutletPage, tags=["outlets"])
def list_outlets(store: StoreDep, limit: Limit = DEFAULT_LIMIT,
                 offset: Offset = 0) -> model.OutletPage:
    """Outlets with their article and quote counts, most-quoting first."""
    return browse.outlet_page(store, limit=limit, offset=offset)


@router.get("/counts", response_model=model.Counts, tags=["graph"])
def get_counts(store: StoreDep) -> model.Counts:
    """How many articles, quotes, speakers, statements and outlets the graph holds."""
    return queries.counts(store)
