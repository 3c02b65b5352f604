"""Quotes, speakers, articles, outlets and counts: the lists the pages are built from."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from quotetrail.api.deps import StoreDep
from quotetrail.api.errors import ERROR_RESPONSES
from quotetrail.graph import model
from quotetrail.graph.model import Mutation, QuoteKind
from quotetrail.graph.store import browse, queries

router = APIRouter(responses=ERROR_RESPONSES)

Id = Annotated[str, Path(min_length=1, max_length=200)]


@router.get("/quotes", response_model=model.QuotePage, tags=["quotes"])
def list_quotes(
    store: StoreDep,
    speaker: Annotated[str | None, Query(min_length=1, max_length=200,
                                         description="A speaker's id or name.")] = None,
    outlet: Annotated[str | None, Query(min_length=1, max_length=200,
                                        description="An outlet's id or name.")] = None,
    article: Annotated[str | None, Query(min_length=1, max_length=200,
                                         description="An article's id.")] = None,
    kind: Annotated[QuoteKind | None, Query(description="The quote's kind.")] = None,
    mutation: Annotated[Mutation | None, Query(
        description="How the quote differs from its statement.")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
    all: Annotated[bool, Query(description="Also quoted words with no speaker (titles, "
                                           "event names, scare quotes).")] = False,
) -> model.QuotePage:
    """Quotes with article, offsets, speaker and statement, filtered, in article order."""
    return browse.quote_page(store, speaker=speaker, outlet=outlet, article=article, kind=kind,
                             mutation=mutation, limit=limit, offset=offset,
                             include_unattributed=all)


@router.get("/speakers", response_model=list[model.SpeakerRow], tags=["speakers"])
def list_speakers(store: StoreDep) -> list[model.SpeakerRow]:
    """Every speaker with statement, quote and outlet counts, most-quoted first."""
    return browse.list_speakers(store)


@router.get("/speakers/{speaker_id}", response_model=model.SpeakerDetail, tags=["speakers"])
def get_speaker(store: StoreDep, speaker_id: Id) -> model.SpeakerDetail:
    """One speaker's statements in time order, with outlets and mutations of each."""
    return browse.speaker(store, speaker_id)


@router.get("/articles", response_model=list[model.ArticleRow], tags=["articles"])
def list_articles(store: StoreDep) -> list[model.ArticleRow]:
    """Every article with its outlet, date and quote count, newest first."""
    return browse.list_articles(store)


@router.get("/articles/{article_id}", response_model=model.ArticleDetail, tags=["articles"])
def get_article(store: StoreDep, article_id: Id) -> model.ArticleDetail:
    """One article's stored text and its quotes (offsets into that text) with statements."""
    return browse.article(store, article_id)


@router.get("/outlets", response_model=list[model.OutletRow], tags=["outlets"])
def list_outlets(store: StoreDep) -> list[model.OutletRow]:
    """Every outlet with its article and quote counts."""
    return browse.list_outlets(store)


@router.get("/counts", response_model=model.Counts, tags=["graph"])
def get_counts(store: StoreDep) -> model.Counts:
    """How many articles, quotes, speakers, statements and outlets the graph holds."""
    return queries.counts(store)
