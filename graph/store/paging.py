"""A page of a list, read in the database: by SKIP and LIMIT after a count, or from the top of
an index by a cutoff (graph/store/topk.py) for the long lists ordered by a count or a date.
The lists themselves are in browse.py."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from quotetrail.graph.model import MAX_LIMIT, Page
from quotetrail.graph.store import topk
from quotetrail.graph.store.driver import Store

T = TypeVar("T")
# A page inside a long tie of a list's key, or None (graph/store/tie_page.py).
Tie = Callable[[Store, topk.Cut, int, int], list[dict[str, Any]] | None]


def bounded(limit: int, offset: int) -> tuple[int, int]:
    """A page's limit within 1..MAX_LIMIT and an offset of at least 0."""
    return max(1, min(limit, MAX_LIMIT)), max(0, offset)


def list_page(store: Store, count: str | int, page: str, make: Callable[[dict[str, Any]], T],
              limit: int, offset: int, **filters: Any) -> Page[T]:
    """A page: `count` is the query of the total (or the total itself), `page` the rows'."""
    limit, offset = bounded(limit, offset)
    total = count if isinstance(count, int) else store.rows(count, **filters)[0]["total"]
    rows = store.rows(page, limit=limit, offset=offset, **filters) if offset < total else []
    return Page[T](total=total, limit=limit, offset=offset, items=[make(r) for r in rows])


def top_page(store: Store, count: str | int, probe: str, starts: Sequence[int],
             queries: tuple[str, str], make: Callable[[dict[str, Any]], T], limit: int,
             offset: int, hist: topk.Hist | None = None, tie: Tie | None = None,
             **params: Any) -> Page[T]:
    """A page of a list ordered by an indexed key, largest first (topk.py): `queries` are
    the page above a cutoff and the page of every row (when the page passes the keyed rows);
    `hist` places deep pages, and `tie` reads a page inside a long tie when it can."""
    limit, offset = bounded(limit, offset)
    total = count if isinstance(count, int) else store.rows(count, **params)[0]["total"]
    if offset >= total:
        return Page[T](total=total, limit=limit, offset=offset, items=[])
    need = min(offset + limit, total)  # a last page does not look past the last row

    def page(cut: topk.Cut) -> list[dict[str, Any]]:
        if tie is not None and (rows := tie(store, cut, offset - cut.above, limit)) is not None:
            return rows
        return store.rows(queries[0], limit=limit, offset=offset - cut.above, cut=cut.key,
                          top=cut.top, **params)
    rows = topk.read(store, probe, starts, need, page, lambda rows: len(rows) == need - offset,
                     skip=offset, hist=hist, **params)
    if rows is None:
        return list_page(store, total, queries[1], make, limit, offset, **params)
    return Page[T](total=total, limit=limit, offset=offset, items=[make(r) for r in rows])


def every(fetch: Callable[[int, int], Page[T]]) -> list[T]:
    """Every item of a paged list, page by page (tests and small graphs; readers page)."""
    items: list[T] = []
    while True:
        page = fetch(MAX_LIMIT, len(items))
        items.extend(page.items)
        if not page.items or len(items) >= page.total:
            return items
