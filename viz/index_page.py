"""The index page: statements by spread (or matching a search), speakers, outlets, articles."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlencode

from quotetrail.viz._site import render

if TYPE_CHECKING:  # the shapes come from graph; viz only reads their fields
    from quotetrail.graph.model import ArticleRow, Counts, OutletRow, SpeakerRow, StatementPage


def index_html(*, counts: Counts, page: StatementPage, speakers: list[SpeakerRow],
               outlets: list[OutletRow], articles: list[ArticleRow], q: str | None = None) -> str:
    """The site's front page; `page` holds the statements shown (searched when `q` is set)."""
    q = q.strip() if q else None

    def pager(offset: int) -> str:
        params = {"q": q} if q else {}
        params["offset"] = str(max(offset, 0))
        return "/?" + urlencode(params)

    return render("index.html", counts=counts, page=page, speakers=speakers, outlets=outlets,
                  articles=articles, q=q, pager=pager,
                  speaker_ids={sp.name: sp.id for sp in speakers})
