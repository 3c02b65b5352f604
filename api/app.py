"""The FastAPI app: JSON API under /api, pages at /, /statements, /articles, /speakers.

One Store per app: created from settings when the app starts and closed when it stops, or
handed in (tests pass the session's store, which the app then leaves open). Every request
passes api/security.py's Guard (Host, token, security headers); /docs is Swagger UI from the
installed swagger-ui-py package (Swagger UI 5, which reads OpenAPI 3.1), so it works offline
and loads nothing from a CDN.
"""

from __future__ import annotations

import atexit
import functools
import gc
import importlib.util
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from quotetrail.api import (
    routes_browse,
    routes_corrections,
    routes_cypher,
    routes_documents,
    routes_pages,
    routes_statements,
)
from quotetrail.api.cache import TraceCache
from quotetrail.api.errors import install_error_handlers
from quotetrail.api.extract_worker import ExtractWorker
from quotetrail.api.limits import DEFAULT_MAX_BODY, BodyLimit
from quotetrail.api.reconnect import StoreHolder
from quotetrail.api.security import Guard
from quotetrail.graph.store.driver import Store
from quotetrail.settings import Settings, get_settings

DOCS_ASSETS = "/docs-assets"
DESCRIPTION = """Where did this quote come from, and how did it change on its way through the
news? The same traces as the `quotetrail` CLI (its `--json` output is this API's JSON).

Every error has one shape: `{"error": code, "detail": sentence, "status": int, "fields": [...]}`.
"""


_WORKERS: dict[float, ExtractWorker] = {}


def extract_worker(cpu_seconds: float) -> ExtractWorker:
    """One worker process per CPU limit in this process, shared by the apps that use it
    (tests build many apps; `serve` builds one), shut down when the process exits."""
    if cpu_seconds not in _WORKERS:
        _WORKERS[cpu_seconds] = ExtractWorker(cpu_seconds)
        atexit.register(_WORKERS[cpu_seconds].close)
    return _WORKERS[cpu_seconds]


def create_app(settings: Settings | None = None, *, store: Store | None = None,
               store_factory: Callable[[Settings], Store] = Store.connect,
               max_body_bytes: int = DEFAULT_MAX_BODY) -> FastAPI:
    """The app; with `store` given it is used as is and not closed, else one is connected."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        freeze_startup_objects()
        if store is not None:
            yield
            return
        app.state.stores = StoreHolder(store_factory(settings), settings, store_factory)
        try:
            yield
        finally:
            app.state.stores.close()

    app = FastAPI(title="quotetrail", version="0.1.0", description=DESCRIPTION,
                  lifespan=lifespan, docs_url=None, redoc_url=None)
    app.state.settings = settings
    app.state.stores = StoreHolder(store, settings, None)
    app.state.write_lock = threading.Lock()  # one document load at a time (linking rewrites)
    app.state.trace_cache = TraceCache(settings.api_cache_seconds)
    app.state.extract_worker = extract_worker(settings.api_parse_seconds)
    install_error_handlers(app)
    app.add_middleware(BodyLimit, max_bytes=max_body_bytes)
    token = settings.api_token.get_secret_value() if settings.api_token else None
    app.add_middleware(Guard, token=token, private=settings.api_private,
                       names=frozenset(settings.api_hosts.split(",")))
    for module in (routes_statements, routes_browse, routes_cypher, routes_documents,
                   routes_corrections):
        app.include_router(module.router, prefix="/api")
    app.include_router(routes_pages.router)
    _offline_docs(app)
    return app


@functools.cache
def freeze_startup_objects() -> None:
    """Move what the process holds at the first app's start (modules, compiled phrase
    patterns, schemas: about 120,000 objects) out of the garbage collector's reach, once:
    each full collection walked them for about 90 ms, paid by whichever request set it off,
    one request in 40 to 200 (the tail of `bench.reads` at 100k)."""
    gc.freeze()


def _offline_docs(app: FastAPI) -> None:
    """FastAPI's self-hosted docs recipe: Swagger UI's files from the installed package."""
    app.mount(DOCS_ASSETS, StaticFiles(directory=_swagger_ui_files()), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json", title="quotetrail API",
            swagger_js_url=f"{DOCS_ASSETS}/swagger-ui-bundle.js",
            swagger_css_url=f"{DOCS_ASSETS}/swagger-ui.css",
            swagger_favicon_url=f"{DOCS_ASSETS}/favicon-32x32.png")


def _swagger_ui_files() -> Path:
    """swagger-ui-py's static folder, found without importing the package (which imports
    handlers for other web frameworks)."""
    spec = importlib.util.find_spec("swagger_ui")
    if spec is None or spec.origin is None:
        raise RuntimeError("swagger-ui-py is not installed: run make install")
    return Path(spec.origin).parent / "static"
