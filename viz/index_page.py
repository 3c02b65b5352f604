"""The index page: a page of statements by spread (or matching a search), and the first page
of speakers, outlets and articles, each with its total: the page costs the same at any size."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlencode

from quotetrail.viz._site import render

if TYPE_CHECKING:  # the shapes come from graph; viz only reads their fields
    from quotetrail.graph.model import ArticlePage, Counts, OutletPage, SpeakerPage, StatementPage


def index_html(*, counts: Counts, page: StatementPage, speakers: SpeakerPage,
               outlets: OutletPage, articles: ArticlePage, q: str | None = None) -> str:
    """The site's front page; `page` holds the statements shown (searched when `q` is set)."""
    q = q.strip() if q else None

    def pager(offset: int) -> str:
        params = {"q": q} if q else {}
        params["offset"] = str(max(offset, 0))
        return "/?" + urlencode(params)

    speaker_ids = {sp.name: sp.id for sp in speakers.items}
    speaker_ids.update({st.speaker: st.speaker_id for st in page.items
                        if st.speaker and st.speaker_id})
    return render("index.html", counts=counts, page=page, speakers=speakers, outlets=outlets,
                  articles=articles, q=q, pager=pager, speaker_ids=speaker_ids)
