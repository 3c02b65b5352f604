"""The API is exposed on purpose only (issue 21): Host check, token, headers, offline docs.
The real app over the session's real store."""

from __future__ import annotations

import base64
import hashlib
import re
import socket

import pytest
from fastapi.testclient import TestClient
from neo4j import GraphDatabase
from pydantic import SecretStr

from quotetrail.api.app import create_app
from quotetrail.api.security import exposure, is_loopback
from quotetrail.errors import QuotetrailError
from quotetrail.graph.store.driver import DRIVER_OPTIONS, Store

from helpers import settings_for

TOKEN = "t0ken-for-the-tests-only"
DOC = {"text": "“We will hold the line,” the mayor said on Monday.", "title": "Line"}
CYPHER = {"query": "MATCH (s:Statement) RETURN count(s) AS n"}


def error_shape(response, status: int, code: str) -> None:
    assert response.status_code == status
    body = response.json()
    assert set(body) == {"error", "detail", "status", "fields"}
    assert (body["error"], body["status"]) == (code, status)


@pytest.mark.parametrize("host", ["attacker.example:8765", "attacker.example",
                                  "localhost.attacker.example", "127.0.0.1.nip.io:8000"])
def test_a_foreign_host_is_refused(client, host: str) -> None:
    """DNS rebinding: a page whose own name points at 127.0.0.1 gets nothing."""
    for response in (client.get("/api/counts", headers={"Host": host}),
                     client.post("/api/cypher", json=CYPHER, headers={"Host": host}),
                     client.get("/", headers={"Host": host})):
        error_shape(response, 400, "bad_host")


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost", "LOCALHOST:1", "127.0.0.2",
                                  "[::1]:8000", "192.168.1.20:8000"])
def test_loopback_names_and_addresses_are_answered(client, host: str) -> None:
    assert client.get("/api/counts", headers={"Host": host}).status_code == 200


def test_a_named_host_is_answered_when_configured(make_client, seeded_store) -> None:
    named = make_client(QUOTETRAIL_API_HOSTS="quotes.newsroom.example")
    assert named.get("/api/counts", headers={"Host": "quotes.newsroom.example"}
                     ).status_code == 200
    error_shape(named.get("/api/counts", headers={"Host": "other.example"}), 400, "bad_host")


def test_with_a_token_posts_need_it(make_client, seeded_store) -> None:
    c = make_client(QUOTETRAIL_API_TOKEN=TOKEN)
    before = c.get("/api/counts").json()
    for auth in (None, "Bearer wrong", f"Bearer {TOKEN}x", f"Basic {TOKEN}", TOKEN):
        headers = {"Authorization": auth} if auth else {}
        r = c.post("/api/documents", json=DOC, headers=headers)
        error_shape(r, 401, "unauthorized")
        assert r.headers["www-authenticate"].startswith("Basic")
        error_shape(c.post("/api/cypher", json=CYPHER, headers=headers), 401, "unauthorized")
    assert c.get("/api/counts").json() == before  # nothing was loaded
    assert c.post("/api/cypher", json=CYPHER,
                  headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200
    basic = base64.b64encode(f"anyone:{TOKEN}".encode()).decode()
    assert c.post("/api/cypher", json=CYPHER,
                  headers={"Authorization": f"Basic {basic}"}).status_code == 200


def test_private_makes_reads_need_the_token(make_client, seeded_store) -> None:
    c = make_client(QUOTETRAIL_API_TOKEN=TOKEN, QUOTETRAIL_API_PRIVATE=True)
    for path in ("/api/counts", "/", "/docs", "/openapi.json"):
        error_shape(c.get(path), 401, "unauthorized")
        assert c.get(path, headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200
    closed = make_client(QUOTETRAIL_API_PRIVATE=True)  # private with no token: fails closed
    error_shape(closed.get("/api/counts"), 401, "unauthorized")


def inline_script_hashes(html: bytes) -> set[str]:
    return {"'sha256-" + base64.b64encode(hashlib.sha256(body).digest()).decode() + "'"
            for body in re.findall(rb"<script>(.*?)</script>", html, re.S)}


def test_every_answer_carries_the_security_headers(client, seeded_store) -> None:
    statement = client.get("/api/statements", params={"limit": 1}).json()["items"][0]["id"]
    answers = [client.get("/api/counts"), client.get("/"), client.get(f"/statements/{statement}"),
               client.get("/api/nope"), client.get("/nope"), client.get("/docs"),
               client.get("/api/counts", headers={"Host": "evil.example"})]
    for r in answers:
        assert r.headers["x-frame-options"] == "DENY"
        assert r.headers["x-content-type-options"] == "nosniff"
        csp = r.headers["content-security-policy"]
        assert "frame-ancestors 'none'" in csp and "default-src 'none'" in csp
        assert "unsafe-eval" not in csp and "script-src 'unsafe-inline'" not in csp
        if r.headers["content-type"].startswith("text/html"):
            allowed = set(re.findall(r"'sha256-[^']+'", csp))
            assert inline_script_hashes(r.content) <= allowed  # each inline script may run
    for page in (answers[2], answers[5]):  # the statement page and /docs run inline scripts
        assert inline_script_hashes(page.content)


def test_docs_work_offline(client) -> None:
    page = client.get("/docs")
    assert page.status_code == 200
    urls = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert urls and all(u.startswith("/docs-assets/") for u in urls), urls
    assert "cdn" not in page.text.lower() and "https://" not in page.text
    for url in urls:
        asset = client.get(url)
        assert asset.status_code == 200 and len(asset.content) > 500
    assert client.get("/redoc").status_code == 404  # ReDoc loads from a CDN: not served


def test_store_errors_do_not_reveal_internal_ports(local_home) -> None:
    """The app's own driver options (bounded retries) on a port nobody listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    uri = f"bolt://127.0.0.1:{port}"
    driver = GraphDatabase.driver(uri, auth=("x", "y"), **DRIVER_OPTIONS)
    down = Store(driver, driver, "neo4j", uri)
    app = create_app(settings_for("arcadedb", local_home), store=down)
    with TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=False) as c:
        r = c.get("/api/counts")
    driver.close()
    error_shape(r, 503, "store_unavailable")
    assert str(port) not in r.text and "127.0.0.1" not in r.text


@pytest.mark.parametrize(("host", "private", "token", "words"), [
    ("0.0.0.0", False, None, "binding to 0.0.0.0 (beyond loopback) needs an API token"),
    ("192.168.1.20", False, None, "needs an API token"),
    ("127.0.0.1", True, None, "--private needs an API token"),
    ("", False, TOKEN, 'would bind every address'),
])
def test_serve_refuses_accidental_exposure(host, private, token, words) -> None:
    with pytest.raises(QuotetrailError, match=re.escape(words)):
        exposure(host, 8000, private=private, token=SecretStr(token) if token else None,
                 hosts="")


@pytest.mark.parametrize(("host", "private", "banner", "hosts"), [
    ("127.0.0.1", False, "loopback only; reads and writes open to local users", ""),
    ("127.0.0.2", False, "loopback only", ""),
    ("::1", False, "loopback only", ""),
    ("0.0.0.0", False, "EVERY address of this machine; reads are open to anyone who can "
     "reach it; writes and user Cypher (POST) need the token", ""),
    ("quotes.example", True, "quotes.example, reachable from other machines; every request "
     "needs the token", "quotes.example"),
])
def test_the_banner_says_what_is_exposed(host, private, banner, hosts) -> None:
    token = None if is_loopback(host) and not private else SecretStr(TOKEN)
    text, env = exposure(host, 8000, private=private, token=token, hosts="")
    assert banner in text
    assert env == {"QUOTETRAIL_API_HOSTS": hosts, "QUOTETRAIL_API_PRIVATE": "1" if private
                   else "0"}


@pytest.mark.parametrize(("host", "loopback"), [
    ("127.0.0.1", True), ("127.0.0.2", True), ("127.255.255.254", True), ("::1", True),
    ("[::1]", True), ("localhost", True), ("0.0.0.0", False), ("::", False),
    ("10.0.0.1", False), ("::ffff:127.0.0.1", False), ("example.org", False)])
def test_loopback_is_recognised(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback
