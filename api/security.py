"""The API is exposed on purpose only: Host check, token, security headers on every answer.

- **Host**: a web page can reach a server on 127.0.0.1 by DNS rebinding (its own name,
  re-pointed at 127.0.0.1), so a request is served only when its Host names this machine's
  loopback (`localhost`, 127.0.0.0/8, `::1`), an IP address (rebinding needs a DNS name), or
  a name the server was started with (`serve --host NAME`, `QUOTETRAIL_API_HOSTS`).
- **Token**: with `QUOTETRAIL_API_TOKEN` set, every POST needs it (`Authorization: Bearer
  TOKEN`, or HTTP Basic with the token as password so a browser can ask for it); with
  `QUOTETRAIL_API_PRIVATE` (`serve --private`) every request does. Compared in constant time.
- **Headers**: every answer carries `X-Frame-Options: DENY`, `nosniff`, no referrer, and a
  Content-Security-Policy; an HTML page's allows exactly its own inline scripts (by hash).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import ipaddress
import json
import re

from pydantic import SecretStr
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from quotetrail.api.errors import ErrorBody
from quotetrail.errors import QuotetrailError

LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_INLINE_SCRIPT = re.compile(rb"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.S | re.I)
_COMMON = [(b"x-frame-options", b"DENY"), (b"x-content-type-options", b"nosniff"),
           (b"referrer-policy", b"no-referrer"),
           (b"cross-origin-opener-policy", b"same-origin")]
DATA_CSP = "default-src 'none'; frame-ancestors 'none'"


def is_loopback(host: str) -> bool:
    """Whether `host` (a name or an address, brackets allowed) is this machine's loopback."""
    host = host.strip("[]").lower().rstrip(".")
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def exposure(host: str, port: int, *, private: bool, token: SecretStr | None, hosts: str
             ) -> tuple[str, dict[str, str]]:
    """What `serve --host HOST` exposes: the banner that says so exactly, and the settings
    (environment) the app needs; refuses exposure beyond loopback without a token."""
    wildcard = host in ("0.0.0.0", "::")
    if not host.strip():
        raise QuotetrailError('--host "" would bind every address; pass 0.0.0.0 (or ::) if '
                              "that is what you mean, with QUOTETRAIL_API_TOKEN set")
    has_token = token is not None and bool(token.get_secret_value())
    if not has_token and (private or not is_loopback(host)):
        why = "--private" if private else f"binding to {host} (beyond loopback)"
        raise QuotetrailError(f"{why} needs an API token: set QUOTETRAIL_API_TOKEN (e.g. "
                              "export QUOTETRAIL_API_TOKEN=$(openssl rand -base64 32))")
    names = [n for n in hosts.split(",") if n.strip()]
    if not wildcard and not is_loopback(host) and host not in names:
        names.append(host)
    where = ("loopback only" if is_loopback(host) else "EVERY address of this machine"
             if wildcard else f"{host}, reachable from other machines")
    access = ("every request needs the token" if private else
              "reads are open to anyone who can reach it; writes and user Cypher (POST) need "
              "the token" if has_token else "reads and writes open to local users")
    url = f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"
    banner = (f"serving on {url} (bound to {where}; {access}); API docs at {url}docs; "
              "Ctrl-C stops")
    return banner, {"QUOTETRAIL_API_HOSTS": ",".join(names),
                    "QUOTETRAIL_API_PRIVATE": "1" if private else "0"}


def host_allowed(header: str, names: frozenset[str]) -> bool:
    """Whether a Host header (`name`, `name:port`, `[v6]:port`) names this server."""
    host = header.rsplit(":", 1)[0] if header.count(":") == 1 or "]:" in header else header
    host = host.strip("[]").lower().rstrip(".")
    if not host:
        return False
    if is_loopback(host) or host in names:
        return True
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def page_csp(html: bytes) -> str:
    """The policy of one HTML page: its own inline scripts (by hash), same-origin assets."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(body).digest()).decode() + "'"
        for body in _INLINE_SCRIPT.findall(html))
    return (f"default-src 'none'; script-src 'self' {hashes}; "
            "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
            "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def token_matches(authorization: str, token: str) -> bool:
    """Whether an Authorization header carries `token` (Bearer, or Basic as the password)."""
    scheme, _, value = authorization.partition(" ")
    given = value.strip()
    if scheme.lower() == "basic":
        try:
            given = base64.b64decode(given, validate=True).decode("utf-8").partition(":")[2]
        except (binascii.Error, UnicodeDecodeError):
            return False
    elif scheme.lower() != "bearer":
        return False
    return hmac.compare_digest(given.encode("utf-8"), token.encode("utf-8"))


class Guard:
    """Pure ASGI middleware: refuses foreign Hosts and missing tokens, adds the headers."""

    def __init__(self, app: ASGIApp, *, token: str | None = None, private: bool = False,
                 names: frozenset[str] = frozenset()) -> None:
        self.app = app
        self.token = token or None
        self.private = private
        self.names = frozenset(n.strip().strip("[]").lower() for n in names if n.strip())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        if not host_allowed(headers.get("host", ""), self.names):
            await _refuse(send, 400, "bad_host", "this server does not answer to that Host "
                          "name; use http://127.0.0.1, or start it with --host NAME (or "
                          "QUOTETRAIL_API_HOSTS) for the name you use")
            return
        needs_token = self.private or scope["method"] not in SAFE_METHODS
        if needs_token and (self.private or self.token) and not (
                self.token and token_matches(headers.get("authorization", ""), self.token)):
            # private with no token configured fails closed: nothing is served
            await _refuse(send, 401, "unauthorized", "this request needs the API token: "
                          "send `Authorization: Bearer TOKEN` (QUOTETRAIL_API_TOKEN)")
            return
        await self.app(scope, receive, _with_headers(send))


def _with_headers(send: Send) -> Send:
    """`send` that adds the security headers; an HTML body is held to hash its scripts."""
    start: list[Message] = []
    body: list[bytes] = []

    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            kinds = [v for k, v in message.get("headers", []) if k.lower() == b"content-type"]
            if kinds and kinds[0].startswith(b"text/html"):
                start.append(message)
                return
            await send(_headed(message, DATA_CSP))
            return
        if not start or message["type"] != "http.response.body":
            await send(message)
            return
        body.append(message.get("body", b""))
        if message.get("more_body", False):
            return
        html = b"".join(body)
        await send(_headed(start[0], page_csp(html)))
        await send({"type": "http.response.body", "body": html, "more_body": False})

    return wrapped


def _headed(message: Message, csp: str) -> Message:
    headers = [(k, v) for k, v in message.get("headers", [])
               if k.lower() != b"content-security-policy"]
    headers += [*_COMMON, (b"content-security-policy", csp.encode())]
    return {**message, "headers": headers}


async def _refuse(send: Send, status: int, code: str, detail: str) -> None:
    payload = json.dumps(ErrorBody(error=code, status=status, detail=detail).model_dump()
                         ).encode("utf-8")
    extra = [(b"www-authenticate", b'Basic realm="quotetrail", charset="UTF-8"')
             ] if status == 401 else []
    await send(_headed({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(payload)).encode()), *extra]}, DATA_CSP))
    await send({"type": "http.response.body", "body": payload})
