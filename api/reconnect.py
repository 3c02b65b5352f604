"""The app's one Store, connected again after the graph server went away and came back.

A local server that was stopped (or crashed) comes back on new ports, and a Neo4j that
restarted may refuse the old connections: either way every request failed until `serve` was
restarted. Now the first request after a failure connects again (which starts the local
server if none runs, as every command does); while that fails, requests get 503 with a retry
hint.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from neo4j.exceptions import DriverError, Neo4jError

from quotetrail.errors import StoreError
from quotetrail.graph.store.driver import Store
from quotetrail.settings import Settings


class StoreHolder:
    """Holds the Store; `stale()` after a connection failure, `get()` connects again once."""

    def __init__(self, store: Store | None, settings: Settings,
                 factory: Callable[[Settings], Store] | None) -> None:
        self.store = store
        self.settings = settings
        self.factory = factory  # None: the store was handed in, and is not ours to replace
        self.is_stale = False
        self._lock = threading.Lock()

    def stale(self) -> None:
        if self.factory is not None:
            self.is_stale = True

    def get(self) -> Store:
        """The store, connected again first if the last request found the server gone."""
        if self.is_stale and self.factory is not None:
            with self._lock:
                if self.is_stale:
                    self._reconnect(self.factory)
        if self.store is None:
            raise StoreError("the API has no graph store (the app was not started)")
        return self.store

    def close(self) -> None:
        if self.store is not None and self.factory is not None:
            self.store.close()
        self.store = None

    def _reconnect(self, factory: Callable[[Settings], Store]) -> None:
        try:
            fresh = factory(self.settings)
        except (StoreError, DriverError, Neo4jError, OSError) as e:
            raise StoreError(f"the graph server cannot be reached yet ({type(e).__name__}); "
                             "retry in a few seconds") from e
        old, self.store, self.is_stale = self.store, fresh, False
        if old is not None:
            old.close()
