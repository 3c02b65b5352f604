"""No secret is shown or logged: the Neo4j password stays out of Settings' repr, the local
server's generated passwords stay in secrets.json (mode 0600) and out of every output, log
and command line the tests can see."""

from __future__ import annotations

import json
import logging
import os
import stat
from pathlib import Path

import pytest

from quotetrail.graph.local_server.manager import LocalServer
from quotetrail.settings import Settings

from helpers import ROOT, is_local, run_cli

PASSWORD = "s3cret-Pa55word-9f2c"


def test_settings_never_show_the_neo4j_password(caplog):
    settings = Settings(NEO4J_PASSWORD=PASSWORD, NEO4J_URI="bolt://127.0.0.1:1")
    assert settings.neo4j_password == PASSWORD  # it is there, and only shown when asked
    for shown in (repr(settings), str(settings), f"{settings}", f"{settings!r}"):
        assert PASSWORD not in shown
    with caplog.at_level(logging.DEBUG):
        logging.getLogger("quotetrail").info("settings: %s %r", settings, settings)
    assert PASSWORD not in caplog.text


@pytest.fixture
def local(store, local_home):
    if not is_local(store):
        pytest.skip("the local server's secrets")
    server = LocalServer(local_home, engine=store.backend)
    assert server.status() is not None  # the session's server is running
    return server


def _passwords(server: LocalServer) -> list[str]:
    data = json.loads(server.secrets_file.read_text())
    assert set(data) == {"root_password", "reader_password"}
    assert all(len(p) >= 20 for p in data.values())
    return list(data.values())


def test_secrets_json_is_private(local):
    mode = stat.S_IMODE(os.stat(local.secrets_file).st_mode)
    assert mode == 0o600, oct(mode)
    assert not local.secrets_file.with_suffix(".tmp").exists()


def test_status_output_holds_no_secret(local, local_home):
    secrets = [*_passwords(local), PASSWORD]
    env = {"NEO4J_PASSWORD": PASSWORD}
    for args in (("server", "status", "--json"), ("server", "status"), ("--help",),
                 ("cypher", "RETURN 1 AS one", "--json")):
        done = run_cli(*args, home=local_home, env=env)
        assert done.returncode == 0, (args, done.stderr)
        for secret in secrets:
            assert secret not in done.stdout and secret not in done.stderr, args
    status = json.loads(run_cli("server", "status", "--json", home=local_home).stdout)
    assert status["running"] is True
    assert not {"password", "root_password", "reader_password", "secrets"} & set(status)


def test_the_server_log_and_command_line_hold_no_secret(local):
    secrets = _passwords(local)
    log = local.log_file.read_text(errors="replace") if local.log_file.exists() else ""
    for secret in secrets:
        assert secret not in log
    info = local.status()
    cmdline = Path(f"/proc/{info.pid}/cmdline").read_bytes().decode(errors="replace")
    marker = "Neo4jLauncher" if local.engine == "neo4j" else "local_server.arcadedb"
    assert marker in cmdline  # the server itself, readable by anyone
    for secret in secrets:
        assert secret not in cmdline
    if local.engine == "neo4j":  # the password reached the launcher through its environment
        for path in local.root.rglob("*"):
            if path.is_file() and path.stat().st_size < 50_000_000:
                assert secrets[0].encode() not in path.read_bytes(), path
        return
    # ArcadeDB's user file holds PBKDF2 hashes, never the passwords
    users = (local.root / "config" / "server-users.jsonl").read_text()
    for secret in secrets:
        assert secret not in users
    assert "PBKDF2" in users


def test_no_source_file_prints_or_logs_a_password():
    """A grep over our code: nothing passes a password or the settings to print or a log."""
    suspicious = []
    for folder in ("quotetrail", "graph", "loaders", "api", "viz"):
        for path in (ROOT / folder).rglob("*.py"):
            for number, line in enumerate(path.read_text().splitlines(), start=1):
                low = line.lower()
                printing = any(w in low for w in ("print(", "log.", "logger.", "logging.",
                                                  "echo(", "warn("))
                if printing and any(w in low for w in ("password", "secret", "creds",
                                                        "settings)", "settings!r")):
                    suspicious.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert suspicious == []
