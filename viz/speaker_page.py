"""One speaker's page: a time line of every printing credited to them (date on x, one row
per statement, one mark per printing coloured by mutation), then a sortable, paged table of
those printings (outlet, article, date, mutation, attribution method and confidence), then
their statements.

Sorting and paging live here (`printings`) so the page and its CSV/JSON downloads show the
same rows in the same order.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Literal, get_args
from urllib.parse import urlencode

from quotetrail.viz._site import date_label, export_links, legend, link, render, safe_url
from quotetrail.viz.colors import mutation_color

if TYPE_CHECKING:
    from quotetrail.graph.model import SpeakerDetail, SpeakerQuote

Sort = Literal["date", "outlet", "article", "mutation", "method", "confidence"]
SORTS: tuple[Sort, ...] = get_args(Sort)
Order = Literal["asc", "desc"]
PAGE_SIZE = 50
TIMELINE_WIDTH = 640  # px of the time axis (the statement labels stand left of it)
ROW_HEIGHT = 18
MAX_ROWS = 40  # statements drawn as rows; the rest share the last row


@dataclass(frozen=True)
class Mark:
    x: float
    y: float
    color: str
    href: str | None
    title: str


def _when(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _value(sort: Sort, q: SpeakerQuote) -> Any:
    """The value a column sorts by (None when the printing has none)."""
    if sort == "date":
        return _when(q.published)
    if sort == "outlet":
        return (q.outlet or "").lower() or None
    if sort == "article":
        return (q.title or "").lower() or None
    return {"mutation": q.mutation, "method": q.method, "confidence": q.confidence}[sort]


def _time_order(q: SpeakerQuote) -> tuple[bool, datetime, str]:
    when = _when(q.published)
    return (when is None, when or datetime.min.replace(tzinfo=UTC), q.quote_id)


def printings(quotes: list[SpeakerQuote], sort: Sort = "date", order: Order = "asc",
              ) -> list[SpeakerQuote]:
    """The printings in the table's order: by `sort`, ties in time order, missing values
    last either way."""
    base = sorted(quotes, key=_time_order)
    present = [q for q in base if _value(sort, q) is not None]
    missing = [q for q in base if _value(sort, q) is None]
    present.sort(key=lambda q: _value(sort, q), reverse=order == "desc")
    return present + missing


def used_aliases(speaker: SpeakerDetail, quotes: list[SpeakerQuote]) -> list[str]:
    """The speaker's aliases that articles actually used for them (by a quote's mention)."""
    used = {(q.mention or "").strip().lower() for q in quotes}
    return [a for a in speaker.aliases if a.strip().lower() in used and a != speaker.name]


def timeline(quotes: list[SpeakerQuote]) -> dict[str, object]:
    """Marks (one per printing), statement rows, and date ticks of the speaker's time line."""
    dated = [q for q in quotes if _when(q.published)]
    rows: list[str | None] = []
    for q in sorted(quotes, key=lambda q: _when(q.published) or datetime.max.replace(tzinfo=UTC)):
        if q.statement_id not in rows:
            rows.append(q.statement_id)
    texts = {q.statement_id: q.statement_text or "(not linked to a statement)" for q in quotes}
    times = [t for q in dated if (t := _when(q.published))]
    start, end = (min(times), max(times)) if times else (None, None)
    span = (end - start).total_seconds() if start and end else 0.0
    undated_x = TIMELINE_WIDTH + 40

    def x_of(q: SpeakerQuote) -> float:
        t = _when(q.published)
        if t is None or start is None:
            return undated_x
        return TIMELINE_WIDTH / 2 if span == 0 else (t - start).total_seconds() / span * \
            TIMELINE_WIDTH

    marks = [Mark(x=round(x_of(q), 1), y=min(rows.index(q.statement_id), MAX_ROWS - 1)
                  * ROW_HEIGHT + ROW_HEIGHT / 2, color=mutation_color(q.mutation or ""),
                  href=link("statements", q.statement_id),
                  title=f"{date_label(q.published)} · {q.outlet or 'unknown outlet'} · "
                        f"{q.mutation or 'not linked'}\n“{q.text}”")
             for q in quotes]
    ticks = []
    if start and end:
        steps = 1 if span == 0 else 5
        for i in range(steps + 1):
            moment = start + (end - start) * i / steps
            ticks.append({"x": TIMELINE_WIDTH / 2 if span == 0 else TIMELINE_WIDTH * i / steps,
                          "label": moment.strftime("%Y-%m-%d")})
    return {"marks": marks, "ticks": ticks,
            "rows": [texts[r] for r in rows[:MAX_ROWS]],
            "height": min(len(rows), MAX_ROWS) * ROW_HEIGHT,
            "undated_x": undated_x if len(dated) < len(quotes) else None,
            "width": TIMELINE_WIDTH}


def speaker_html(speaker: SpeakerDetail, quotes: list[SpeakerQuote], *, sort: Sort = "date",
                 order: Order = "asc", offset: int = 0, limit: int = PAGE_SIZE) -> str:
    """The page of one speaker: time line, a page of the printings table, the statements."""
    ordered = printings(quotes, sort, order)
    base = link("speakers", speaker.id) or "/"

    def href(**changes: object) -> str:
        params = {"sort": sort, "order": order, "offset": offset, **changes}
        return base + "?" + urlencode(params)

    shown = f"?{urlencode({'sort': sort, 'order': order, 'offset': offset, 'limit': limit})}"
    rows = [{"q": q, "url": safe_url(q.url)} for q in ordered[offset:offset + limit]]
    total = sum(sum(st.mutations.values()) for st in speaker.statements)
    return render("speaker.html", speaker=speaker, legend=legend(), total_quotes=total,
                  aliases=used_aliases(speaker, quotes), timeline=timeline(quotes), rows=rows,
                  total=len(ordered), offset=offset, limit=limit, sort=sort, order=order,
                  sorts=SORTS, href=href, exports=export_links(base, "printings",
                                                               ("csv", "json"), shown))
