"""What every CLI module shares: the two consoles (results on stdout, progress and messages
on stderr; lines never wrapped, as output is read by people and programs alike) and one store
per command."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console

from quotetrail.graph.store.driver import Store
from quotetrail.settings import get_settings

out = Console(highlight=False, soft_wrap=True, emoji=False)
err = Console(stderr=True, highlight=False, emoji=False, soft_wrap=True)


@contextmanager
def store_session() -> Iterator[Store]:
    """One store for one command, closed when it ends."""
    with Store.connect(get_settings()) as store:
        yield store
