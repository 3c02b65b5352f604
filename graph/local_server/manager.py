"""The local graph servers: find, start, stop and report them, one per engine and home.

Two engines speak Bolt on 127.0.0.1: ArcadeDB (`arcadedb-embedded`, zero setup, the default)
and Neo4j 5.26 Community (embedded from Maven jars, needs Java 17+ and Maven). Each server
runs in a process of its own (the bodies live in `arcadedb.py` and the Java launcher in
`neo4j/`) so that it outlives the command that started it and the next command finds it
running. State lives under `$QUOTETRAIL_HOME`, in the engine's folder (`base`): the home
itself for ArcadeDB, `neo4j/` for Neo4j:

- `server.json`  pid, ports, start time and version of the running server (written once
                 Bolt answers)
- `server.lock`  held while a command starts or stops the server, so two commands started at
                 once share one server
- `secrets.json` the generated passwords
- `server.log`   what the server printed
- the data: `arcadedb/` (server root; `run/` its working directory, where it writes `log/`)
  or `neo4j/dbms/` (Neo4j's home: `data/`, `logs/`)

The home is 0700 and everything a server writes there 0600/0700 (`_private`, and the umask
of the server process): it holds the passwords, their hashes and the newsroom's research.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import secrets
import subprocess
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Literal

from quotetrail.errors import StoreError
from quotetrail.graph.local_server import process
from quotetrail.graph.local_server.process import HOST
from quotetrail.settings import Settings

Engine = Literal["arcadedb", "neo4j"]
ENGINES: tuple[Engine, ...] = ("arcadedb", "neo4j")
DATABASE = "quotetrail"
NEO4J_DATABASE = "neo4j"  # Community has one user database
READER = "reader"
START_TIMEOUT = 180.0
_MARKERS = {"arcadedb": "quotetrail.graph.local_server.arcadedb",
            "neo4j": "quotetrail.Neo4jLauncher"}


@dataclass(frozen=True)
class ServerInfo:
    """What `server status` prints and what a command needs to connect."""

    pid: int
    bolt_port: int
    http_port: int
    started_at: float
    home: str
    engine: str = "arcadedb"
    version: str = ""

    @property
    def uri(self) -> str:
        return f"bolt://{HOST}:{self.bolt_port}"

    @property
    def uptime(self) -> float:
        return max(0.0, time.time() - self.started_at)


@dataclass(frozen=True)
class Credentials:
    root_password: str = field(repr=False)
    reader_password: str = field(repr=False)


@dataclass(frozen=True)
class Login:
    """Who a driver logs in as: the writer, and the reader of user Cypher."""

    database: str
    user: str
    password: str = field(repr=False)
    reader: str
    reader_password: str = field(repr=False)


class LocalServer:
    """Finds, starts and stops the local server of one engine in one `$QUOTETRAIL_HOME`."""

    def __init__(self, home: Path, heap: str = "768m", engine: Engine = "arcadedb", *,
                 pagecache_mib: int = 256, tx_timeout: int = 600,
                 cache: Path | None = None) -> None:
        if engine not in ENGINES:
            raise StoreError(f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}")
        self.home = Path(home).expanduser().absolute()
        self.engine: Engine = engine
        self.heap = heap
        self.pagecache_mib = pagecache_mib
        self.tx_timeout = tx_timeout
        self.cache = cache or Path.home() / ".cache" / "quotetrail" / "neo4j-launcher"
        self.base = self.home if engine == "arcadedb" else self.home / "neo4j"
        self.state_file = self.base / "server.json"
        self.lock_file = self.base / "server.lock"
        self.secrets_file = self.base / "secrets.json"
        self.log_file = self.base / "server.log"
        self.root = self.home / "arcadedb" if engine == "arcadedb" else self.base / "dbms"
        self.workdir = self.home / "run" if engine == "arcadedb" else self.base

    # -- queries -----------------------------------------------------------------------

    def status(self) -> ServerInfo | None:
        """The running server, or None; a state file left by a dead process is removed."""
        info = self._read_state()
        if info is None:
            if self.state_file.exists():  # unreadable: nothing can use it
                self.state_file.unlink(missing_ok=True)
            return None
        if not self._is_server(info.pid):  # dead, or the pid now belongs to something else
            self.state_file.unlink(missing_ok=True)
            return None
        return info if process.port_open(info.bolt_port) else None

    def credentials(self) -> Credentials:
        _private(self.home)
        self.base.mkdir(parents=True, exist_ok=True, mode=0o700)
        if self.secrets_file.exists():
            data = json.loads(self.secrets_file.read_text())
            return Credentials(data["root_password"], data["reader_password"])
        creds = Credentials(secrets.token_urlsafe(18), secrets.token_urlsafe(18))
        tmp = self.secrets_file.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as f:
            json.dump(asdict(creds), f)
        os.replace(tmp, self.secrets_file)
        return creds

    def login(self) -> Login:
        """ArcadeDB: root, and a reader user that may only read records. Neo4j Community has
        no roles: the `neo4j` user for both, user Cypher in a read-access session."""
        creds = self.credentials()
        if self.engine == "neo4j":
            return Login(NEO4J_DATABASE, "neo4j", creds.root_password, "neo4j",
                         creds.root_password)
        return Login(DATABASE, "root", creds.root_password, READER, creds.reader_password)

    # -- lifecycle ---------------------------------------------------------------------

    def ensure_running(self) -> ServerInfo:
        """Connect to the running server or start one and leave it running."""
        info = self.status()
        if info is not None:
            return info
        with self._locked():
            info = self.status()
            if info is not None:
                return info
            stale = self._read_state()
            if stale is not None and self._is_server(stale.pid):
                # our server is alive but Bolt did not answer: a busy moment, or it hangs
                deadline = time.monotonic() + 5.0
                while time.monotonic() < deadline and self._is_server(stale.pid):
                    if process.port_open(stale.bolt_port):
                        return stale
                    time.sleep(0.2)
                process.terminate(stale.pid)  # never run two servers on one database
            return self._spawn()

    def stop(self) -> ServerInfo | None:
        """Stop the running server; returns what was stopped, None if nothing ran."""
        with self._locked():
            info = self._read_state()
            if info is None or not self._is_server(info.pid):  # never signal an unrelated pid
                self.state_file.unlink(missing_ok=True)
                return None
            process.terminate(info.pid)  # both engines close their databases on SIGTERM
            self.state_file.unlink(missing_ok=True)
            return info

    def _command(self) -> tuple[list[str], dict[str, str]]:
        """The server process's command line and environment, for this engine."""
        if self.engine == "arcadedb":
            from quotetrail.graph.local_server import arcadedb

            return arcadedb.command(self), dict(os.environ)
        from quotetrail.graph.local_server import neo4j_engine

        argv = neo4j_engine.command(self.base, self.state_file, self.heap, self.pagecache_mib,
                                    self.tx_timeout, self.cache)
        return argv, {**os.environ, "QUOTETRAIL_NEO4J_PASSWORD": self.login().password}

    def _spawn(self) -> ServerInfo:
        self.credentials()
        argv, env = self._command()
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.state_file.unlink(missing_ok=True)
        _private(self.home, self.base, self.root, self.workdir, self.log_file)  # older homes
        log_fd = os.open(self.log_file, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(log_fd, "ab") as log:
            proc = subprocess.Popen(argv, cwd=self.workdir, env=env, stdin=subprocess.DEVNULL,
                                    stdout=log, stderr=subprocess.STDOUT, umask=0o077,
                                    start_new_session=True)  # outlives us and our Ctrl-C
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            code = proc.poll()
            if code is not None:
                raise StoreError(
                    f"the local {self.engine} server exited with code {code} while starting; "
                    f"see the end of {self.log_file}: {process.tail(self.log_file)}"
                )
            info = self._read_state()
            if info is not None and info.pid == proc.pid and process.port_open(info.bolt_port):
                return info
            time.sleep(0.1)
        proc.kill()
        proc.wait()
        raise StoreError(f"the local {self.engine} server did not start within "
                         f"{START_TIMEOUT:.0f} s; see {self.log_file}")

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        _private(self.home)
        self.base.mkdir(parents=True, exist_ok=True, mode=0o700)
        with os.fdopen(os.open(self.lock_file, os.O_RDWR | os.O_CREAT, 0o600), "r+") as f:
            fcntl.flock(f, fcntl.LOCK_EX)  # released by the OS if this process dies
            try:
                yield
            finally:
                fcntl.flock(f, fcntl.LOCK_UN)

    def _is_server(self, pid: int) -> bool:
        """Whether pid is a live (not zombie) server process of this engine and home."""
        argv = process.argv(pid) or []
        return _MARKERS[self.engine] in argv and any(
            a in (str(self.base), str(self.root)) for a in argv)

    def _read_state(self) -> ServerInfo | None:
        try:
            return ServerInfo(**json.loads(self.state_file.read_text()))
        except (FileNotFoundError, ValueError, TypeError):
            return None


def for_settings(settings: Settings, engine: Engine | None = None) -> LocalServer:
    """The local server that settings name (`QUOTETRAIL_ENGINE`, or `engine` when given)."""
    return LocalServer(settings.home, settings.local_heap, engine or settings.engine,
                       pagecache_mib=settings.neo4j_pagecache_mib)


def _private(home: Path, *owned: Path) -> None:
    """Make `home` 0700 (created so if missing), and the servers' own files and folders in
    it 0600/0700 (homes made before this rule had 0644 databases and user files)."""
    home.mkdir(parents=True, exist_ok=True, mode=0o700)
    home.chmod(0o700)
    for top in owned:
        if top.is_file() and not top.is_symlink():
            top.chmod(0o600)
        for folder, _, files in os.walk(top):  # nothing when top is no folder
            os.chmod(folder, 0o700)
            for name in files:
                if not os.path.islink(os.path.join(folder, name)):
                    os.chmod(os.path.join(folder, name), 0o600)
