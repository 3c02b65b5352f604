"""One speaker's page: a time line of a window of the printings credited to them (the latest
100, or those before a date; date on x, one row per statement, one mark per printing coloured
by mutation), then a sortable, paged table of those printings (outlet, article, date,
mutation, attribution method and confidence), then the statements they print.

Sorting and paging live here (`printings`) so the page and its CSV/JSON downloads show the
same rows in the same order.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, Literal, get_args
from urllib.parse import urlencode

from quotetrail.viz._site import date_label, export_links, legend, link, render, safe_url
from quotetrail.viz.colors import mutation_color

if TYPE_CHECKING:
    from quotetrail.graph.model import SpeakerDetail, SpeakerPrintings, SpeakerQuote

Sort = Literal["date", "outlet", "article", "mutation", "method", "confidence"]
SORTS: tuple[Sort, ...] = get_args(Sort)
Order = Literal["asc", "desc"]
PAGE_SIZE = 50
TIMELINE_WIDTH = 640  # px of the time axis (the statement labels stand left of it)
ROW_HEIGHT = 18
MAX_ROWS = 30  # rows of the time line: the most printed statements, the rest share the last


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


def used_aliases(speaker: SpeakerDetail, quotes: list[SpeakerQuote]) -> tuple[list[str],
                                                                             list[str]]:
    """The speaker's aliases that articles actually used for them (by a quote's mention):
    names, then descriptions ("the NATO chief")."""
    used = {(q.mention or "").strip().lower() for q in quotes}
    found = [a for a in speaker.aliases if a.strip().lower() in used and a != speaker.name]
    names = [a for a in found if a[:1].isupper() and not a.lower().startswith("the ")]
    return names, [a for a in found if a not in names]


def _rows(quotes: list[SpeakerQuote]) -> tuple[list[str | None], dict[str | None, int]]:
    """The statements drawn as their own row (the most printed, in time order) and each
    statement's row; the rest share a last row."""
    counts = Counter(q.statement_id for q in quotes)
    first: dict[str | None, tuple[bool, datetime]] = {}
    for q in sorted(quotes, key=_time_order):
        first.setdefault(q.statement_id, _time_order(q)[:2])
    top = sorted(counts, key=lambda sid: (-counts[sid], first[sid]))[:MAX_ROWS - 1]
    if len(counts) == MAX_ROWS:
        top = list(counts)
    rows = sorted(top, key=lambda sid: first[sid])
    index = {sid: rows.index(sid) if sid in rows else len(rows) for sid in counts}
    return rows, index


def _ticks(start: datetime, end: datetime) -> list[dict[str, object]]:
    """A tick per day over a short span, else six evenly spaced dates."""
    days = (end.date() - start.date()).days
    if days == 0:
        return [{"x": TIMELINE_WIDTH / 2, "label": start.strftime("%Y-%m-%d")}]
    span = (end - start).total_seconds()
    if days <= 8:
        moments = [datetime.combine(start.date() + timedelta(days=n), datetime.min.time(), UTC)
                   for n in range(days + 1)]
        moments = [max(m, start) for m in moments]
    else:
        moments = [start + (end - start) * i / 5 for i in range(6)]
    return [{"x": round((m - start).total_seconds() / span * TIMELINE_WIDTH, 1),
             "label": m.strftime("%Y-%m-%d")} for m in moments]


def timeline(quotes: list[SpeakerQuote]) -> dict[str, object]:
    """Marks (one per printing), statement rows, and date ticks of the speaker's time line."""
    rows, row_of = _rows(quotes)
    texts = {q.statement_id: q.statement_text or "(not linked to a statement)" for q in quotes}
    labels = [texts[r] for r in rows]
    if len(rows) < len(row_of):
        labels.append(f"{len(row_of) - len(rows)} other statements")
    times = [t for q in quotes if (t := _when(q.published))]
    start, end = (min(times), max(times)) if times else (None, None)
    span = (end - start).total_seconds() if start and end else 0.0
    undated_x = TIMELINE_WIDTH + 40

    def x_of(q: SpeakerQuote) -> float:
        t = _when(q.published)
        if t is None or start is None:
            return undated_x
        return TIMELINE_WIDTH / 2 if span == 0 else (t - start).total_seconds() / span * \
            TIMELINE_WIDTH

    marks = [Mark(x=round(x_of(q), 1), y=row_of[q.statement_id] * ROW_HEIGHT + ROW_HEIGHT / 2,
                  color=mutation_color(q.mutation or ""),
                  href=link("statements", q.statement_id),
                  title=f"{date_label(q.published)} · {q.outlet or 'unknown outlet'} · "
                        f"{q.mutation or 'not linked'}\n“{q.text}”")
             for q in quotes]
    return {"marks": marks, "ticks": _ticks(start, end) if start and end else [],
            "rows": labels, "height": len(labels) * ROW_HEIGHT,
            "undated_x": undated_x if len(times) < len(quotes) else None,
            "width": TIMELINE_WIDTH}


def _span(quotes: list[SpeakerQuote]) -> tuple[str, str] | None:
    """The first and last dates of a window of printings (None when none is dated)."""
    dated = sorted(q.published for q in quotes if q.published)
    return (dated[0], dated[-1]) if dated else None


def speaker_html(speaker: SpeakerDetail, window: SpeakerPrintings, *, sort: Sort = "date",
                 order: Order = "asc", offset: int = 0, limit: int = PAGE_SIZE) -> str:
    """The page of one speaker: the time line and a page of the table of a window of their
    printings (the latest, or those before `window.before`), and the statements printed."""
    quotes = window.quotes
    ordered = printings(quotes, sort, order)
    base = link("speakers", speaker.id) or "/"
    kept = {"before": window.before} if window.before else {}

    def href(**changes: object) -> str:
        params = {**kept, "sort": sort, "order": order, "offset": offset, **changes}
        return base + "?" + urlencode({k: v for k, v in params.items() if v is not None})

    shown = "?" + urlencode({**kept, "sort": sort, "order": order, "offset": offset,
                             "limit": limit})
    rows = [{"q": q, "url": safe_url(q.url)} for q in ordered[offset:offset + limit]]
    names, descriptions = used_aliases(speaker, quotes)
    return render("speaker.html", speaker=speaker, legend=legend(), names=names,
                  descriptions=descriptions, timeline=timeline(quotes), rows=rows,
                  total=len(ordered), offset=offset, limit=limit, sort=sort, order=order,
                  sorts=SORTS, href=href, window=window, dates=_span(quotes),
                  older=href(before=window.older, offset=0) if window.older else None,
                  latest=href(before=None, offset=0) if window.before else None,
                  exports=export_links(base, "printings", ("csv", "json"), shown))
