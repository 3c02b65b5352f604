"""Secrets and files (issue 21, item 6): credentials never printed, `.env` read only when
asked, everything under $QUOTETRAIL_HOME the local server writes private. Real console
script in subprocesses, the session's real local server."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from quotetrail.graph.local_server.manager import LocalServer
from quotetrail.settings import Settings, masked_uri

from helpers import is_local

PASSWORD = "Uri-Pa55word-77ab"


def cli(*args: str, cwd: Path, home: Path, **env: str) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "QUOTETRAIL_"))}
    full.update({"QUOTETRAIL_HOME": str(home), "COLUMNS": "200", **env})
    return subprocess.run([sys.executable, "-m", "quotetrail", *args], capture_output=True,
                          text=True, env=full, cwd=cwd, timeout=120)


def test_a_password_in_the_uri_is_never_printed(tmp_path: Path) -> None:
    uri = f"bolt://neo4j:{PASSWORD}@127.0.0.1:1"
    for args in (("server", "status"), ("statements",), ("cypher", "RETURN 1")):
        done = cli(*args, cwd=tmp_path, home=tmp_path / "home", NEO4J_URI=uri)
        assert done.returncode != 0
        assert PASSWORD not in done.stdout + done.stderr, args
        assert "Traceback" not in done.stderr or "locals" not in done.stderr
    settings = Settings(NEO4J_URI=uri)
    assert (settings.neo4j_uri, settings.neo4j_username, settings.neo4j_password) == (
        "bolt://127.0.0.1:1", "neo4j", PASSWORD)
    assert masked_uri(uri) == "bolt://neo4j:***@127.0.0.1:1"


def test_a_dotenv_is_read_only_when_asked(tmp_path: Path, store, local_home) -> None:
    """A `.env` in the current folder pointing at another server is not read (a note says
    so); `--env-file` reads it and says which file it read."""
    if not is_local(store):
        pytest.skip("uses the session's local server")
    engine = {"QUOTETRAIL_ENGINE": store.backend}
    (tmp_path / ".env").write_text(f"NEO4J_URI=bolt://127.0.0.1:1\nNEO4J_PASSWORD={PASSWORD}\n")
    ignored = cli("server", "status", cwd=tmp_path, home=local_home, **engine)
    assert ignored.returncode == 0, ignored.stderr  # the local server, not the .env's
    assert "./.env is not read (pass --env-file .env to read it)" in ignored.stderr
    asked = cli("--env-file", ".env", "server", "status", cwd=tmp_path, home=local_home,
                **engine)
    assert f"read settings from {tmp_path / '.env'}" in asked.stderr
    assert "NEO4J_URI is set (bolt://127.0.0.1:1)" in asked.stderr and asked.returncode == 1
    assert PASSWORD not in asked.stdout + asked.stderr


def test_the_home_and_the_local_servers_files_are_private(store, local_home) -> None:
    if not is_local(store):
        pytest.skip("the local server's files")
    server = LocalServer(local_home, engine=store.backend)
    assert stat.S_IMODE(local_home.stat().st_mode) == 0o700
    owned = [server.base, server.secrets_file, server.state_file, server.log_file,
             server.lock_file]
    for top in {server.root, server.workdir}:
        owned += [Path(folder) / name for folder, dirs, files in os.walk(top)
                  for name in (*dirs, *files)]
    assert server.secrets_file.is_file() and len(owned) > 10
    if store.backend == "arcadedb":
        assert server.root / "config" / "server-users.jsonl" in owned
    loose = {str(p.relative_to(local_home)): oct(stat.S_IMODE(p.lstat().st_mode))
             for p in owned if p.exists() and not p.is_symlink()
             and stat.S_IMODE(p.lstat().st_mode) & 0o077}
    assert loose == {}
