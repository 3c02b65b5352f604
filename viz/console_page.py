"""The query console at /cypher: read-only Cypher from the browser, with the README's
examples one click away and the API's time limit and row cap stated."""

from __future__ import annotations

from dataclasses import asdict

from quotetrail.viz._site import render
from quotetrail.viz.assets import vis_links
from quotetrail.viz.cypher_examples import EXAMPLES


def console_html(*, time_limit: float, row_cap: int) -> str:
    """The console page; it runs queries through `POST /api/cypher`."""
    return render("console.html", time_limit=time_limit, row_cap=row_cap, examples=EXAMPLES,
                  examples_json=[asdict(e) for e in EXAMPLES], vis=vis_links())
