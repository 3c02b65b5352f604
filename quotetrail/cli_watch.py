"""`quotetrail watch`: follow outlets' feeds, one line per new article."""

from __future__ import annotations

import time
from typing import Annotated

import typer

from quotetrail.cli import app, err, store_session
from quotetrail.settings import get_settings
from quotetrail.watch import MIN_EVERY, FeedBook, Poll, parse_every, watch


@app.command("watch")
def watch_feeds(
    feeds: Annotated[list[str], typer.Argument(help="RSS or Atom feed URLs.")],
    every: Annotated[str, typer.Option(
        help=f"How often to poll (15m, 1h; at least {MIN_EVERY / 60:g}m).")] = "15m",
    once: Annotated[bool, typer.Option(
        "--once", help="Poll each feed once and exit (for cron); exit 1 if a feed failed.")
    ] = False,
    allow_private_urls: Annotated[bool, typer.Option(
        "--allow-private-urls", help="Fetch from loopback and private addresses too.")
    ] = False,
) -> None:
    """Follow RSS/Atom feeds: load each item not loaded yet (its page fetched as `load URL`
    does) and print one line per new article; what was seen is kept in $QUOTETRAIL_HOME."""
    seconds = parse_every(every)
    book = FeedBook.open(get_settings().home / "feeds.json")
    failed: list[Poll] = []

    def report(poll: Poll) -> None:
        _print_poll(poll)
        if poll.error:
            failed.append(poll)

    with store_session() as store:
        try:
            watch(store, feeds, book, every=seconds, once=once,
                  allow_private=allow_private_urls, on_poll=report)
        except KeyboardInterrupt:
            err.print("stopped; what was seen is kept", markup=False)
    if once and failed:
        raise typer.Exit(1)


def _print_poll(poll: Poll) -> None:
    for doc in poll.loaded:
        date = doc.published[:10] if doc.published else "NO DATE"
        typer.echo(f"{date}  {doc.outlet or doc.outlet_domain or '?'}  {doc.title or ''}  "
                   f"{doc.url or doc.source}")
    for link, reason in poll.failed:
        err.print(f"failed {link}: {reason}", markup=False)
    if poll.error:
        err.print(f"feed {poll.feed}: {poll.error}", markup=False)
    if poll.waiting_until:
        err.print(f"feed {poll.feed}: backing off after errors; next try after "
                  f"{time.strftime('%H:%M', time.localtime(poll.waiting_until))}", markup=False)
