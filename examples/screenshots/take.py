"""Retake the README's screenshots: the example corpus in a temporary local server, the app
on a loopback port, Debian's Chromium through Playwright, as a new user would see the pages.

    .venv/bin/python examples/screenshots/take.py

Everything it starts (the local server, uvicorn) is stopped before it exits.
"""

from __future__ import annotations

import socket
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

import uvicorn
from playwright.sync_api import sync_playwright

from quotetrail.api.app import create_app
from quotetrail.demo import load_example
from quotetrail.graph.local_server.manager import LocalServer
from quotetrail.graph.store import browse, queries
from quotetrail.graph.store.driver import Store
from quotetrail.settings import Settings

HERE = Path(__file__).resolve().parent
VIEWPORT = {"width": 1200, "height": 760}


def _serve(app: object) -> tuple[uvicorn.Server, threading.Thread, str]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    return server, thread, f"http://127.0.0.1:{sock.getsockname()[1]}"


def _shots(base: str, store: Store) -> None:
    def spread(statement_id: str) -> tuple[bool, int, int]:
        """Shown first: a statement with DERIVED_FROM arrows, then over most days, prints."""
        trace = queries.trace(store, statement_id)
        days = {(v.article.published or "")[:10] for v in trace.variants}
        return any(v.derived_from for v in trace.variants), len(days), len(trace.variants)

    top = max(browse.list_statements(store)[:20], key=lambda s: spread(s.id))
    article = next(a for a in browse.list_articles(store) if a.outlet == "Daily Express")
    pages = {"statement": f"/statements/{quote(top.id, safe='')}",
             "article": f"/articles/{quote(article.id, safe='')}",
             "speaker": "/speakers/sp-jens-stoltenberg", "console": "/cypher"}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                    args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport=VIEWPORT)
        for name, path in pages.items():
            page.goto(base + path)
            page.wait_for_load_state("load")
            if name == "article":
                page.locator("#article-text a.q").nth(3).click()
                page.locator("#article-text a.q").nth(3).scroll_into_view_if_needed()
            if name == "console":
                page.locator("button.example").first.click()
                page.locator("#result-table tbody tr").first.wait_for()
            page.wait_for_timeout(500)
            page.screenshot(path=str(HERE / f"{name}.png"))
            print(HERE / f"{name}.png")
        browser.close()


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="qt-shots-") as home:
        settings = Settings(NEO4J_URI=None, QUOTETRAIL_HOME=home)
        try:
            with Store.connect(settings) as store:
                load_example(store)
                server, thread, base = _serve(create_app(settings, store=store))
                try:
                    _shots(base, store)
                finally:
                    server.should_exit = True
                    thread.join(timeout=10)
        finally:
            LocalServer(Path(home)).stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
