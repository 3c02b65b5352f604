"""The ArcadeDB server process: `arcadedb-embedded` with its Bolt plugin, run until SIGTERM.

The manager spawns `python -m quotetrail.graph.local_server.arcadedb HOME HEAP`; this module
is that process's body. It provisions root and a reader user whose group may only read
records (ArcadeDB lets writes through read-access sessions), starts the server bound to
127.0.0.1 and writes `server.json` once Bolt answers.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import secrets
import signal
import sys
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

from quotetrail.graph.local_server.manager import (
    DATABASE,
    READER,
    Credentials,
    LocalServer,
    ServerInfo,
)
from quotetrail.graph.local_server.process import HOST, free_ports

MODULE = "quotetrail.graph.local_server.arcadedb"
BOLT_PLUGIN = "Bolt:com.arcadedb.bolt.BoltProtocolPlugin"
_PBKDF2_ITERATIONS = 65536


def command(server: LocalServer) -> list[str]:
    """The command line the manager spawns (its argv names the home: see `_is_server`)."""
    return [sys.executable, "-m", MODULE, str(server.base), server.heap]


def version() -> str:
    import arcadedb_embedded

    return str(getattr(arcadedb_embedded, "__version__", "unknown"))


def serve(server: LocalServer) -> None:
    """Run the server in this process until SIGTERM (the body of the spawned process)."""
    import arcadedb_embedded as arcadedb

    creds = server.credentials()
    _provision_users(server.root, creds)
    bolt_port, http_port = free_ports(2)
    engine = arcadedb.ArcadeDBServer(
        root_path=str(server.root),
        root_password=creds.root_password,
        config={
            "host": HOST,
            "http_port": http_port,
            "server_plugins": BOLT_PLUGIN,
            "bolt_port": bolt_port,
            "bolt_host": HOST,
            "bolt_defaultDatabase": DATABASE,
        },
        jvm_kwargs={"heap_size": server.heap},
    )
    engine.start()
    # JPype's own SIGTERM handler calls into Python from a JVM thread and crashes the
    # process (SIGSEGV in PyObject_RichCompare, hs_err_pid*.log in run/log/), so the
    # database was never closed. Python's handler replaces it at the OS level; the main
    # thread polls the flag and stops the server itself.
    stopping: list[int] = []
    signal.signal(signal.SIGTERM, lambda signum, _frame: stopping.append(signum))
    signal.signal(signal.SIGINT, lambda signum, _frame: stopping.append(signum))
    if not (server.root / "databases" / DATABASE).exists():
        engine.create_database(DATABASE)
    info = ServerInfo(os.getpid(), bolt_port, http_port, time.time(), str(server.home),
                      "arcadedb", version())
    tmp = server.state_file.with_suffix(".tmp")
    tmp.write_text(json.dumps(asdict(info)))
    os.replace(tmp, server.state_file)
    try:
        while not stopping:
            time.sleep(0.2)
    finally:
        engine.stop()
        os._exit(0)  # JPype's own shutdown can hang once the server is down


def _provision_users(root: Path, creds: Credentials) -> None:
    """Root and a reader user whose group may only read records (for user Cypher)."""
    config = root / "config"
    config.mkdir(parents=True, exist_ok=True)
    users = [
        {"name": "root", "databases": {"*": ["admin"]},
         "password": _hash_password(creds.root_password)},
        {"name": READER, "databases": {DATABASE: [READER]},
         "password": _hash_password(creds.reader_password)},
    ]
    (config / "server-users.jsonl").write_text("".join(json.dumps(u) + "\n" for u in users))
    groups_file = config / "server-groups.json"
    groups = json.loads(groups_file.read_text()) if groups_file.exists() else _default_groups()
    groups["databases"]["*"]["groups"][READER] = {
        "resultSetLimit": -1,
        "readTimeout": -1,
        "access": [],
        "types": {"*": {"access": ["readRecord"]}},
    }
    groups_file.write_text(json.dumps(groups, indent=2))


def _default_groups() -> dict[str, Any]:
    return {
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


def _hash_password(password: str) -> str:
    """ArcadeDB's format: PBKDF2-HMAC-SHA256, salt used as the bytes of its base64 text."""
    salt = base64.b64encode(secrets.token_bytes(32)).decode()
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt.encode(), _PBKDF2_ITERATIONS,
                                 32)
    return f"PBKDF2WithHmacSHA256${_PBKDF2_ITERATIONS}${salt}${base64.b64encode(digest).decode()}"


if __name__ == "__main__":
    serve(LocalServer(Path(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else "768m"))
