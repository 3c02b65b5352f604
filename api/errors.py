"""One JSON error shape for every error the API returns, and the handlers that make it.

Domain errors (`QuotetrailError`) are raised in the core and translated only here: the status
comes from the error class, the body is always an `ErrorBody`. Pages (paths outside /api)
get the same status with a small HTML page, since a person is reading them.
"""

from __future__ import annotations

import logging
from html import escape

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from neo4j.exceptions import ServiceUnavailable, SessionExpired
from pydantic import BaseModel, ConfigDict
from starlette.exceptions import HTTPException as StarletteHTTPException

from quotetrail.errors import (
    BusyError,
    NotFoundError,
    QueryError,
    QuotetrailError,
    StoreError,
)

log = logging.getLogger("quotetrail.api")

# Errors never reveal internal addresses or ports: the detail is for whoever asked.
STORE_DOWN = ("the graph server cannot be reached; start it with `quotetrail server start` or "
              "check NEO4J_URI (the server log has details)")
_CODES = {400: "bad_request", 401: "unauthorized", 404: "not_found", 405: "method_not_allowed",
          413: "too_large", 415: "unsupported_media_type", 422: "invalid_request",
          429: "too_many_queries",
          500: "internal_error", 503: "store_unavailable"}


class FieldError(BaseModel):
    model_config = ConfigDict(extra="forbid")

    location: str  # e.g. "query.limit", "body.query"
    message: str


class ErrorBody(BaseModel):
    """Every error response: a stable code, a sentence saying what is wrong, the status."""

    model_config = ConfigDict(extra="forbid")

    error: str  # not_found, invalid_request, query_refused, too_large, ...
    detail: str
    status: int
    fields: list[FieldError] = []  # which request fields were invalid (422 only)


ERROR_RESPONSES: dict[int | str, dict] = {
    status: {"model": ErrorBody} for status in (400, 404, 413, 422, 429, 500, 503)
}


def error_code(exc: QuotetrailError) -> str:
    if isinstance(exc, NotFoundError):
        return "not_found"
    if isinstance(exc, QueryError):
        return "query_refused"
    if isinstance(exc, StoreError):
        return "store_unavailable"
    return _CODES.get(exc.status_code, "bad_request")


def error_response(request: Request, body: ErrorBody) -> Response:
    if request.url.path.startswith("/api") or request.url.path in ("/openapi.json",):
        return JSONResponse(body.model_dump(), status_code=body.status)
    return HTMLResponse(_error_page(body), status_code=body.status)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(QuotetrailError)
    async def domain_error(request: Request, exc: QuotetrailError) -> Response:
        if isinstance(exc, StoreError):  # its message names the internal Bolt address
            log.warning("graph server unavailable: %s", exc)
            response = error_response(request, ErrorBody(error="store_unavailable", status=503,
                                                         detail=STORE_DOWN))
            response.headers["Retry-After"] = "2"
            return response
        response = error_response(request, ErrorBody(error=error_code(exc), detail=str(exc),
                                                     status=exc.status_code))
        if isinstance(exc, BusyError):
            response.headers["Retry-After"] = str(exc.retry_after)
        return response

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        fields = [FieldError(location=".".join(str(p) for p in e.get("loc", ())),
                             message=e.get("msg", "invalid")) for e in exc.errors()]
        summary = "; ".join(f"{f.location}: {f.message}" for f in fields) or "invalid request"
        return error_response(request, ErrorBody(error="invalid_request", detail=summary,
                                                 status=422, fields=fields))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"no such path: {request.url.path}"
        response = error_response(request, ErrorBody(
            error=_CODES.get(exc.status_code, "http_error"), detail=detail,
            status=exc.status_code))
        for key, value in (exc.headers or {}).items():
            response.headers[key] = value
        return response

    @app.exception_handler(ServiceUnavailable)
    @app.exception_handler(SessionExpired)
    async def store_down(request: Request, exc: Exception) -> Response:
        request.app.state.stores.stale()  # the next request connects again
        log.warning("graph server unavailable: %s", exc)  # the log may name the port
        response = error_response(request, ErrorBody(error="store_unavailable", status=503,
                                                     detail=STORE_DOWN))
        response.headers["Retry-After"] = "2"
        return response

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return error_response(request, ErrorBody(
            error="internal_error", status=500,
            detail=f"an unexpected error ({type(exc).__name__}); the server log has details"))


def _error_page(body: ErrorBody) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>quotetrail: {body.status}</title>"
        "<style>body{font-family:system-ui,sans-serif;margin:2rem;color:#1f2328}</style>"
        f"</head><body><h1>{body.status}: {escape(body.error.replace('_', ' '))}</h1>"
        f"<p>{escape(body.detail)}</p><p><a href=\"/\">Back to the index</a></p></body></html>"
    )
