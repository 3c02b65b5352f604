"""A small in-process cache of traces as JSON bytes, so that a trace read many times a second
costs one Bolt query at most once per `ttl` seconds.

Entries live `ttl` seconds (QUOTETRAIL_API_CACHE_SECONDS; 0 turns the cache off), at most
`max_entries` of them, least recently used dropped first. Loads through this API clear the
cache at once; loads by other processes (the CLI, another worker) show within `ttl` seconds.
Statements that do not exist are not cached, so a statement a load creates is found at once.
Concurrent misses for one statement share one read of the graph (a popular trace that
expires is read once, not once per waiting client).
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections import OrderedDict
from collections.abc import Callable

import anyio
import anyio.to_thread

DEFAULT_MAX_ENTRIES = 10_000
READERS = 8  # graph reads at once per process: more threads only fight over the GIL


class TraceCache:
    """TTL + LRU map of statement id -> serialized trace. Thread-safe: hits and fills run on
    the event loop, a load clears it from a threadpool thread."""

    def __init__(self, ttl: float, max_entries: int = DEFAULT_MAX_ENTRIES,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl = ttl
        self.max_entries = max_entries
        self._clock = clock
        self._lock = threading.Lock()
        self._entries: OrderedDict[str, tuple[float, bytes]] = OrderedDict()
        self._generation = 0  # bumped by clear(): fills begun before it are dropped
        self._filling: dict[tuple[int, str], asyncio.Task[bytes]] = {}  # event loop only
        self._readers: anyio.CapacityLimiter | None = None  # made on the loop, when first used

    @property
    def enabled(self) -> bool:
        return self.ttl > 0 and self.max_entries > 0

    @property
    def generation(self) -> int:
        """Read before querying the graph; pass to `put` so a clear in between wins."""
        return self._generation

    def get(self, key: str) -> bytes | None:
        if not self.enabled:
            return None
        now = self._clock()
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            expires, body = entry
            if expires <= now:
                del self._entries[key]
                return None
            self._entries.move_to_end(key)
            return body

    def put(self, key: str, body: bytes, generation: int) -> None:
        """Store `body`, unless the cache was cleared since `generation` was read (the body
        may then predate a load)."""
        if not self.enabled:
            return
        expires = self._clock() + self.ttl
        with self._lock:
            if generation != self._generation:
                return
            self._entries[key] = (expires, body)
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)

    async def get_or_fill(self, key: str, read: Callable[[], bytes]) -> bytes:
        """The cached body, else `read()` run in the threadpool and cached; a miss while
        the same key is being read waits for that read instead of starting another. Fills
        are keyed by generation too, so a request after a load never joins a read begun
        before it."""
        body = self.get(key)
        if body is not None:
            return body
        if not self.enabled:
            return await self._read(read)
        flight = (self._generation, key)
        task = self._filling.get(flight)
        if task is None:
            task = asyncio.ensure_future(self._fill(key, read, flight[0]))
            self._filling[flight] = task
            task.add_done_callback(lambda t: self._landed(flight, t))
        return await asyncio.shield(task)  # a client that leaves does not cancel the others

    async def _fill(self, key: str, read: Callable[[], bytes], generation: int) -> bytes:
        body = await self._read(read)
        self.put(key, body, generation)
        return body

    async def _read(self, read: Callable[[], bytes]) -> bytes:
        if self._readers is None:
            self._readers = anyio.CapacityLimiter(READERS)
        return await anyio.to_thread.run_sync(read, limiter=self._readers)

    def _landed(self, flight: tuple[int, str], task: asyncio.Task[bytes]) -> None:
        if self._filling.get(flight) is task:
            del self._filling[flight]
        if not task.cancelled():
            task.exception()  # retrieved: its waiters (if any are left) re-raise it

    def clear(self) -> None:
        with self._lock:
            self._generation += 1
            self._entries.clear()

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)
