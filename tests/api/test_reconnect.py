"""The API recovers when its local graph server restarts on new ports: no `serve` restart."""

from __future__ import annotations

from fastapi.testclient import TestClient

from quotetrail.api.app import create_app
from quotetrail.graph.local_server.manager import LocalServer
from quotetrail.settings import Settings


def test_the_api_connects_again_after_the_local_server_restarts(tmp_path):
    home = tmp_path / "home"
    settings = Settings(NEO4J_URI=None, QUOTETRAIL_HOME=home)
    server = LocalServer(home)
    try:
        with TestClient(create_app(settings), raise_server_exceptions=False,
                        base_url="http://127.0.0.1") as client:  # a loopback Host
            assert client.get("/api/counts").status_code == 200
            server.stop()
            down = client.get("/api/counts")
            assert down.status_code == 503
            assert down.json()["error"] == "store_unavailable"
            assert down.headers["retry-after"] == "2"
            # The next request connects again, which starts a server (on new ports).
            back = client.get("/api/counts")
            assert back.status_code == 200, back.text
            assert back.json()["articles"] == 0
            assert server.status() is not None
    finally:
        server.stop()
