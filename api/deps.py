"""FastAPI dependencies: the app's one Store, its Settings and trace cache, as `Annotated`
aliases.

They are `async def` although they only read app state: FastAPI runs a plain `def`
dependency in its threadpool, a thread hop per request for an attribute lookup.
"""

from __future__ import annotations

import threading
from typing import Annotated

from fastapi import Depends, Request
from starlette.concurrency import run_in_threadpool

from quotetrail.api.cache import TraceCache
from quotetrail.api.extract_worker import ExtractWorker
from quotetrail.api.reconnect import StoreHolder
from quotetrail.graph.store.driver import Store
from quotetrail.settings import Settings


async def get_store(request: Request) -> Store:
    stores: StoreHolder = request.app.state.stores
    if stores.is_stale:  # connecting again may start the local server: not on the loop
        return await run_in_threadpool(stores.get)
    return stores.get()


async def get_settings(request: Request) -> Settings:
    return request.app.state.settings


async def get_write_lock(request: Request) -> threading.Lock:
    return request.app.state.write_lock


async def get_trace_cache(request: Request) -> TraceCache:
    return request.app.state.trace_cache


async def get_extract_worker(request: Request) -> ExtractWorker:
    return request.app.state.extract_worker


StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
WriteLockDep = Annotated[threading.Lock, Depends(get_write_lock)]
TraceCacheDep = Annotated[TraceCache, Depends(get_trace_cache)]
ExtractWorkerDep = Annotated[ExtractWorker, Depends(get_extract_worker)]
