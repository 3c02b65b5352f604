"""FastAPI dependencies: the app's one Store and its Settings, as `Annotated` aliases."""

from __future__ import annotations

import threading
from typing import Annotated

from fastapi import Depends, Request

from quotetrail.errors import StoreError
from quotetrail.graph.store import Store
from quotetrail.settings import Settings


def get_store(request: Request) -> Store:
    store = getattr(request.app.state, "store", None)
    if store is None:
        raise StoreError("the API has no graph store (the app was not started)")
    return store


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_write_lock(request: Request) -> threading.Lock:
    return request.app.state.write_lock


StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
WriteLockDep = Annotated[threading.Lock, Depends(get_write_lock)]
