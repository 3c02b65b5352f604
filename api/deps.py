"""FastAPI dependencies: the app's one Store, its Settings and trace cache, as `Annotated`
aliases.

They are `async def` although they only read app state: FastAPI runs a plain `def`
dependency in its threadpool, a thread hop per request for an attribute lookup.
"""

from __future__ import annotations

import threading
from typing import Annotated

from fastapi import Depends, Request

from quotetrail.api.cache import TraceCache
from quotetrail.errors import StoreError
from quotetrail.graph.store.driver import Store
from quotetrail.settings import Settings


async def get_store(request: Request) -> Store:
    store = getattr(request.app.state, "store", None)
    if store is None:
        raise StoreError("the API has no graph store (the app was not started)")
    return store


async def get_settings(request: Request) -> Settings:
    return request.app.state.settings


async def get_write_lock(request: Request) -> threading.Lock:
    return request.app.state.write_lock


async def get_trace_cache(request: Request) -> TraceCache:
    return request.app.state.trace_cache


StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
WriteLockDep = Annotated[threading.Lock, Depends(get_write_lock)]
TraceCacheDep = Annotated[TraceCache, Depends(get_trace_cache)]
