"""A real HTTP server on 127.0.0.1 for fetch tests: nothing leaves the machine."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    chunks: int = 1  # send the body in this many writes (no Content-Length when > 1)
    delay: float = 0.0  # seconds to wait between writes


@dataclass
class PageServer:
    base: str
    routes: dict[str, Route]
    hits: list[str]

    def url(self, path: str) -> str:
        return self.base + path

    def add(self, path: str, body: bytes = b"", *, status: int = 200,
            content_type: str | None = "text/html; charset=utf-8",
            headers: dict[str, str] | None = None, chunks: int = 1, delay: float = 0.0) -> str:
        """Serve `body` at `path`; returns the full URL."""
        all_headers = {"Content-Type": content_type} if content_type else {}
        all_headers.update(headers or {})
        self.routes[path] = Route(status, body, all_headers, chunks, delay)
        return self.url(path)


def _handler(routes: dict[str, Route], hits: list[str]) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the http.server name
            hits.append(self.path)
            route = routes.get(self.path) or Route(404, b"<html><body>gone</body></html>",
                                                    {"Content-Type": "text/html"})
            self.send_response(route.status)
            for key, value in route.headers.items():
                self.send_header(key, value)
            if route.chunks <= 1:
                self.send_header("Content-Length", str(len(route.body)))
            self.send_header("Connection", "close")
            self.end_headers()
            step = max(1, -(-len(route.body) // max(route.chunks, 1)))
            try:
                for i in range(0, len(route.body), step):
                    if route.delay:
                        time.sleep(route.delay)
                    self.wfile.write(route.body[i:i + step])
                    self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client stopped reading (size cap, timeout): what the test wants

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    return Handler


@contextlib.contextmanager
def _serve(host: str) -> Iterator[PageServer]:
    routes: dict[str, Route] = {}
    hits: list[str] = []
    server = ThreadingHTTPServer((host, 0), _handler(routes, hits))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    try:
        yield PageServer(f"http://{host}:{port}", routes, hits)
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def page_server() -> Iterator[PageServer]:
    with _serve("127.0.0.1") as server:
        yield server


@pytest.fixture
def second_loopback() -> Iterator[PageServer]:
    """Another local service, on 127.0.0.2 (all of 127.0.0.0/8 is loopback)."""
    with _serve("127.0.0.2") as server:
        yield server
