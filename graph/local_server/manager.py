"""The zero-setup local graph server: ArcadeDB from `arcadedb-embedded` with its Bolt plugin.

The server runs in a process of its own (`python -m quotetrail.graph.local_server.manager HOME`) so
that it outlives the command that started it and the next command finds it running. State
lives under `$QUOTETRAIL_HOME`:

- `server.json`  pid, ports and start time of the running server (written once Bolt answers)
- `server.lock`  held while a command starts or stops the server, so two commands started at
                 once share one server
- `secrets.json` the generated root and reader passwords

The home is 0700 and everything the server writes there 0600/0700 (`_private`): it holds
the passwords, their hashes and the newsroom's research.
- `arcadedb/`    the server root: databases, users, groups; `run/` its working directory (the
                 server writes `log/` there)
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import hashlib
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from quotetrail.errors import StoreError

SERVER_MODULE = "quotetrail.graph.local_server.manager"
DATABASE = "quotetrail"
READER = "reader"
HOST = "127.0.0.1"
BOLT_PLUGIN = "Bolt:com.arcadedb.bolt.BoltProtocolPlugin"
START_TIMEOUT = 120.0
STOP_TIMEOUT = 30.0
_PBKDF2_ITERATIONS = 65536


@dataclass(frozen=True)
class ServerInfo:
    """What `server status` prints and what a command needs to connect."""

    pid: int
    bolt_port: int
    http_port: int
    started_at: float
    home: str

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


class LocalServer:
    """Finds, starts and stops the local server of one `$QUOTETRAIL_HOME`."""

    def __init__(self, home: Path, heap: str = "768m") -> None:
        self.home = Path(home).expanduser().absolute()
        self.heap = heap
        self.state_file = self.home / "server.json"
        self.lock_file = self.home / "server.lock"
        self.secrets_file = self.home / "secrets.json"
        self.log_file = self.home / "server.log"
        self.root = self.home / "arcadedb"
        self.workdir = self.home / "run"

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
        return info if _port_open(info.bolt_port) else None

    def credentials(self) -> Credentials:
        _private(self.home)
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
                    if _port_open(stale.bolt_port):
                        return stale
                    time.sleep(0.2)
                _terminate(stale.pid)  # never run two servers on one database
            return self._spawn()

    def stop(self) -> ServerInfo | None:
        """Stop the running server; returns what was stopped, None if nothing ran."""
        with self._locked():
            info = self._read_state()
            if info is None or not self._is_server(info.pid):  # never signal an unrelated pid
                self.state_file.unlink(missing_ok=True)
                return None
            _terminate(info.pid)  # serve() catches SIGTERM and stops ArcadeDB cleanly
            self.state_file.unlink(missing_ok=True)
            return info

    def _spawn(self) -> ServerInfo:
        self.credentials()
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.state_file.unlink(missing_ok=True)
        with os.fdopen(os.open(self.log_file, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600),
                       "ab") as log:
            proc = subprocess.Popen(
                [sys.executable, "-m", SERVER_MODULE, str(self.home), self.heap],
                cwd=self.workdir,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # outlives this command and its Ctrl-C
            )
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            code = proc.poll()
            if code is not None:
                raise StoreError(
                    f"the local server exited with code {code} while starting; "
                    f"see the end of {self.log_file}: {_tail(self.log_file)}"
                )
            info = self._read_state()
            if info is not None and info.pid == proc.pid and _port_open(info.bolt_port):
                return info
            time.sleep(0.1)
        proc.kill()
        proc.wait()
        raise StoreError(f"the local server did not start within {START_TIMEOUT:.0f} s; "
                         f"see {self.log_file}")

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        _private(self.home)
        with os.fdopen(os.open(self.lock_file, os.O_RDWR | os.O_CREAT, 0o600), "r+") as f:
            fcntl.flock(f, fcntl.LOCK_EX)  # released by the OS if this process dies
            try:
                yield
            finally:
                fcntl.flock(f, fcntl.LOCK_UN)

    def _is_server(self, pid: int) -> bool:
        """Whether pid is a live (not zombie) `local_server` process of this home."""
        argv = _argv(pid) or []
        return SERVER_MODULE in argv and str(self.home) in argv

    def _read_state(self) -> ServerInfo | None:
        try:
            return ServerInfo(**json.loads(self.state_file.read_text()))
        except (FileNotFoundError, ValueError, TypeError):
            return None

    # -- the server process ------------------------------------------------------------

    def serve(self) -> None:
        """Run the server in this process until SIGTERM (the body of the spawned process)."""
        import arcadedb_embedded as arcadedb

        os.umask(0o077)  # every file the server (and its JVM) creates is the user's alone
        _private(self.home, self.root, self.workdir, self.secrets_file, self.state_file,
                 self.log_file, self.lock_file)
        creds = self.credentials()
        self._provision_users(creds)
        bolt_port, http_port = _free_ports(2)
        server = arcadedb.ArcadeDBServer(
            root_path=str(self.root),
            root_password=creds.root_password,
            config={
                "host": HOST,
                "http_port": http_port,
                "server_plugins": BOLT_PLUGIN,
                "bolt_port": bolt_port,
                "bolt_host": HOST,
                "bolt_defaultDatabase": DATABASE,
            },
            jvm_kwargs={"heap_size": self.heap},
        )
        server.start()
        # JPype's own SIGTERM handler calls into Python from a JVM thread and crashes the
        # process (SIGSEGV in PyObject_RichCompare, hs_err_pid*.log in run/log/), so the
        # database was never closed. Python's handler replaces it at the OS level; the main
        # thread polls the flag and stops the server itself.
        stopping: list[int] = []
        signal.signal(signal.SIGTERM, lambda signum, _frame: stopping.append(signum))
        signal.signal(signal.SIGINT, lambda signum, _frame: stopping.append(signum))
        if not (self.root / "databases" / DATABASE).exists():
            server.create_database(DATABASE)
        info = ServerInfo(os.getpid(), bolt_port, http_port, time.time(), str(self.home))
        tmp = self.state_file.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(info)))
        os.replace(tmp, self.state_file)
        try:
            while not stopping:
                time.sleep(0.2)
        finally:
            server.stop()
            os._exit(0)  # JPype's own shutdown can hang once the server is down

    def _provision_users(self, creds: Credentials) -> None:
        """Root and a reader user whose group may only read records (for user Cypher)."""
        config = self.root / "config"
        config.mkdir(parents=True, exist_ok=True)
        users = [
            {"name": "root", "databases": {"*": ["admin"]},
             "password": _hash_password(creds.root_password)},
            {"name": READER, "databases": {DATABASE: [READER]},
             "password": _hash_password(creds.reader_password)},
        ]
        (config / "server-users.jsonl").write_text(
            "".join(json.dumps(u) + "\n" for u in users)
        )
        groups_file = config / "server-groups.json"
        groups = json.loads(groups_file.read_text()) if groups_file.exists() else _DEFAULT_GROUPS
        groups["databases"]["*"]["groups"][READER] = {
            "resultSetLimit": -1,
            "readTimeout": -1,
            "access": [],
            "types": {"*": {"access": ["readRecord"]}},
        }
        groups_file.write_text(json.dumps(groups, indent=2))


_DEFAULT_GROUPS: dict = {
    "databases": {
        "*": {
            "groups": {
                "admin": {
                    "resultSetLimit": -1,
                    "readTimeout": -1,
                    "access": ["updateSecurity", "updateSchema", "updateDatabaseSettings"],
                    "types": {"*": {"access": [
                        "createRecord", "readRecord", "updateRecord", "deleteRecord"]}},
                },
                "*": {"resultSetLimit": -1, "readTimeout": -1, "access": [],
                      "types": {"*": {"access": []}}},
            }
        }
    },
    "version": 2,
}


def _private(home: Path, *owned: Path) -> None:
    """Make `home` 0700 (created so if missing), and the server's own files and folders in
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


def _hash_password(password: str) -> str:
    """ArcadeDB's format: PBKDF2-HMAC-SHA256, salt used as the bytes of its base64 text."""
    salt = base64.b64encode(secrets.token_bytes(32)).decode()
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt.encode(), _PBKDF2_ITERATIONS,
                                 32)
    return f"PBKDF2WithHmacSHA256${_PBKDF2_ITERATIONS}${salt}${base64.b64encode(digest).decode()}"


def _free_ports(count: int) -> list[int]:
    """Distinct free ports (all sockets open at once, so no port is handed out twice)."""
    with contextlib.ExitStack() as stack:
        sockets = [stack.enter_context(socket.socket()) for _ in range(count)]
        for s in sockets:
            s.bind((HOST, 0))
        return [s.getsockname()[1] for s in sockets]


def _port_open(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex((HOST, port)) == 0


def _alive(pid: int) -> bool:
    """Whether pid runs; a zombie (a killed server nobody reaped yet) counts as dead."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    with contextlib.suppress(ChildProcessError):  # a zombie child of ours: reap it
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done == pid:
            return False
    return bool(_argv(pid))


def _argv(pid: int) -> list[str] | None:
    """The arguments of a live process, None if it is gone, [] if it is a zombie.

    So a pid that is no running server, or now belongs to another program, is never taken
    for one."""
    if pid <= 0:
        return None
    if Path("/proc/self/cmdline").exists():
        try:
            raw = Path(f"/proc/{pid}/cmdline").read_bytes()
        except (FileNotFoundError, ProcessLookupError):
            return None
        except PermissionError:  # another user's process
            return [""]
        return [a.decode(errors="replace") for a in raw.split(b"\0") if a]
    try:  # no /proc (macOS): ask ps
        out = subprocess.run(["ps", "-o", "stat=,command=", "-p", str(pid)],
                             capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return None
    line = out.stdout.strip()
    if out.returncode != 0 or not line:
        return None
    stat, _, command = line.partition(" ")
    return [] if stat.startswith("Z") else command.split()


def _terminate(pid: int) -> None:
    """SIGTERM, then SIGKILL if the server has not exited within STOP_TIMEOUT."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    if not _wait_exit(pid, STOP_TIMEOUT):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        _wait_exit(pid, 5.0)


def _wait_exit(pid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not _alive(pid):
            return True
        time.sleep(0.1)
    return False


def _tail(path: Path, lines: int = 3) -> str:
    try:
        text = path.read_text(errors="replace").strip().splitlines()
    except FileNotFoundError:
        return "(no log)"
    return " | ".join(line.strip() for line in text[-lines:])


if __name__ == "__main__":
    LocalServer(Path(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else "768m").serve()
