"""The local server manager against real server processes of both engines (ArcadeDB, and
Neo4j when Java 17+ and Maven are present), one per test home.

Every test stops what it started (the `manager` fixture), so no JVM outlives the test."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import neo4j
import pytest
from neo4j.exceptions import ClientError

from quotetrail.graph.local_server.manager import ENGINES, LocalServer, ServerInfo
from quotetrail.graph.local_server.neo4j_engine import neo4j_version
from quotetrail.graph.store.dialect import for_engine

from helpers import ROOT, is_local, neo4j_missing

HAS_PROC = Path("/proc/self/cmdline").exists()
MARKERS = {"arcadedb": b"quotetrail.graph.local_server.arcadedb",
           "neo4j": b"quotetrail.Neo4jLauncher"}


@pytest.fixture(params=ENGINES)
def manager(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[LocalServer]:
    if request.param == "neo4j" and neo4j_missing():
        pytest.skip(f"the Neo4j engine cannot run here: {neo4j_missing()}")
    server = LocalServer(tmp_path / "home", engine=request.param)
    try:
        yield server
    finally:
        server.stop()
        for pid in server_pids(server):  # whatever a failed test left behind
            os.kill(pid, signal.SIGKILL)


def server_pids(server: LocalServer) -> list[int]:
    """The live server processes of one home and engine, found by their command line."""
    if not HAS_PROC:
        return []
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            argv = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if MARKERS[server.engine] in argv and (str(server.base).encode() in argv
                                               or str(server.root).encode() in argv):
            pids.append(int(entry.name))
    return pids


def answers(host: str, port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(1.0)
        return s.connect_ex((host, port)) == 0


def gone(pid: int, timeout: float = 10.0) -> bool:
    """Whether pid exits (or is a zombie) within timeout; reaps it when it is our child."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if os.waitpid(pid, os.WNOHANG)[0] == pid:
                return True
        except ChildProcessError:
            pass
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        if HAS_PROC and not Path(f"/proc/{pid}/cmdline").read_bytes():
            return True  # a zombie nobody reaped yet
        time.sleep(0.1)
    return False


def driver(server: LocalServer, info: ServerInfo, reader: bool = False) -> neo4j.Driver:
    login = server.login()
    auth = (login.reader, login.reader_password) if reader else (login.user, login.password)
    return neo4j.GraphDatabase.driver(info.uri, auth=auth)


def write_probe(server: LocalServer, info: ServerInfo, key: str) -> None:
    with driver(server, info) as d, d.session(database=server.login().database) as s:
        s.execute_write(lambda tx: tx.run("CREATE (:Probe {key: $k})", k=key).consume())


def probes(server: LocalServer, info: ServerInfo, reader: bool = False) -> list[str]:
    with driver(server, info, reader) as d, d.session(database=server.login().database) as s:
        return s.execute_read(lambda tx: sorted(
            r["k"] for r in tx.run("MATCH (n:Probe) RETURN n.key AS k")))


def other_local_address() -> str | None:
    """An address of this machine besides loopback, or None."""
    candidates = []
    with contextlib.suppress(OSError):
        candidates.append(socket.gethostbyname(socket.gethostname()))
    try:  # the address of the default route's interface; a UDP connect sends nothing
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("192.0.2.1", 9))
            candidates.append(s.getsockname()[0])
    except OSError:
        pass
    for addr in candidates:
        if addr.startswith("127.") or addr == "0.0.0.0":
            continue
        try:
            with socket.socket() as s:
                s.bind((addr, 0))  # really one of ours
        except OSError:
            continue
        return addr
    return None


def test_two_commands_at_once_start_one_loopback_server_in_its_home(manager, tmp_path):
    """Two commands started from elsewhere at once: one server, which runs in its home and
    answers on loopback only (one test: each start of the Neo4j engine costs ~10 s)."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    script = ("import sys; from pathlib import Path; "
              "from quotetrail.graph.local_server.manager import LocalServer; "
              "print(LocalServer(Path(sys.argv[1]), engine=sys.argv[2]).ensure_running().pid)")
    procs = [subprocess.Popen([sys.executable, "-c", script, str(manager.home), manager.engine],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              cwd=elsewhere)
             for _ in range(2)]
    outs = [p.communicate(timeout=180) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [err for _, err in outs]
    pids = {int(out.strip()) for out, _ in outs}
    assert len(pids) == 1
    if HAS_PROC:
        assert server_pids(manager) == list(pids)

    status = manager.status()
    assert status is not None and status.pid == pids.pop() != os.getpid()
    assert status.uptime >= 0
    assert status.engine == manager.engine and status.version
    assert status.home == str(manager.home if manager.engine == "arcadedb" else manager.root)
    ports = [status.bolt_port] + ([status.http_port] if manager.engine == "arcadedb" else [])
    assert all(answers("127.0.0.1", port) for port in ports)
    assert json.loads(manager.state_file.read_text())["pid"] == status.pid
    assert manager.ensure_running() == status  # a third call connects, starts nothing

    addr = other_local_address()
    if addr is not None:
        for port in ports:
            assert not answers(addr, port), f"port {port} reachable on {addr}"

    if HAS_PROC:
        assert Path(os.readlink(f"/proc/{status.pid}/cwd")) == manager.workdir
    logs = manager.workdir / "log" if manager.engine == "arcadedb" else manager.root / "logs"
    assert logs.is_dir()
    assert list(elsewhere.iterdir()) == []


def test_data_survives_a_stop_and_a_start_then_a_kill(manager):
    """A clean stop, then a SIGKILL that leaves stale state to clean (one test: each start
    of the Neo4j engine costs ~10 s)."""
    first = manager.ensure_running()
    write_probe(manager, first, "kept")

    assert manager.stop() == first
    assert manager.status() is None
    assert not manager.state_file.exists()
    assert gone(first.pid)

    second = manager.ensure_running()
    assert second.pid != first.pid
    assert probes(manager, second) == ["kept"]
    # the stop was clean: no JVM crash report, no recovery on the next start
    assert list(manager.workdir.rglob("hs_err_pid*.log")) == []
    assert "not closed properly" not in manager.log_file.read_text(errors="replace")
    if manager.engine == "neo4j":
        debug = (manager.root / "logs" / "debug.log").read_text(errors="replace")
        assert "Recovery completed" not in debug, "the SIGTERM stop was not clean"

    # killed: the state it leaves is stale, cleaned, and the next server has the data
    write_probe(manager, second, "before-kill")
    os.kill(second.pid, signal.SIGKILL)
    assert gone(second.pid)
    assert manager.state_file.exists()

    assert manager.status() is None
    assert not manager.state_file.exists()

    third = manager.ensure_running()
    assert third.pid != second.pid
    assert probes(manager, third) == ["before-kill", "kept"]  # recovered after the kill


# The state file's checks (_read_state, _is_server) are the manager's, the same code for both
# engines; a Neo4j start costs ~10 s, so these two run on ArcadeDB only.
@pytest.mark.parametrize("manager", ["arcadedb"], indirect=True)
def test_garbage_state_does_not_fool_ensure_running(manager):
    manager.base.mkdir(parents=True)
    manager.state_file.write_text("{not json")
    assert manager.status() is None

    info = manager.ensure_running()
    assert answers("127.0.0.1", info.bolt_port)
    if HAS_PROC:
        assert server_pids(manager) == [info.pid]
    write_probe(manager, info, "real")


@pytest.mark.parametrize("manager", ["arcadedb"], indirect=True)
def test_a_live_unrelated_pid_does_not_fool_the_manager(manager):
    manager.base.mkdir(parents=True)
    unrelated = subprocess.Popen(["sleep", "120"])
    listener = socket.socket()
    try:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        fake = ServerInfo(unrelated.pid, listener.getsockname()[1], 1, time.time(),
                          str(manager.home))
        unused = ServerInfo(os.getpid(), 1, 1, time.time(), str(manager.home))

        manager.state_file.write_text(json.dumps(unused.__dict__))  # this test's own pid
        assert manager.status() is None

        manager.state_file.write_text(json.dumps(fake.__dict__))  # the port even answers
        assert manager.stop() is None
        assert unrelated.poll() is None, "stop() signalled an unrelated process"

        manager.state_file.write_text(json.dumps(fake.__dict__))
        info = manager.ensure_running()
        assert info.pid not in (unrelated.pid, os.getpid())
        assert answers("127.0.0.1", info.bolt_port)
        assert probes(manager, info) == []
        assert unrelated.poll() is None, "ensure_running() signalled an unrelated process"
    finally:
        listener.close()
        unrelated.kill()
        unrelated.wait()


def test_the_reader_may_read_but_not_write(store, local_home):
    """As user Cypher runs: the reader login in a read-access session (ArcadeDB refuses by
    the reader's group, Neo4j by the session's mode; see graph/store/dialect.py). On the
    session's server: the probe is removed after."""
    if not is_local(store):
        pytest.skip("the reader login is the local server's")
    server = LocalServer(local_home, engine=store.backend)
    info = server.status()
    assert info is not None
    write_probe(server, info, "root-wrote")
    database = server.login().database
    try:
        with (driver(server, info, reader=True) as d,
              d.session(database=database, default_access_mode=neo4j.READ_ACCESS) as s,
              pytest.raises(ClientError) as refused):
            tx = s.begin_transaction()  # takes the session's mode (execute_write would not)
            tx.run("CREATE (:Probe {key: 'reader-wrote'})").consume()
            tx.commit()
        assert refused.value.code == for_engine(server.engine).write_refused_code

        assert probes(server, info, reader=True) == ["root-wrote"]
        assert probes(server, info) == ["root-wrote"]
    finally:
        store.write(lambda tx: tx.run("MATCH (n:Probe) DELETE n").consume())


def test_stop_when_nothing_runs(manager):
    assert manager.stop() is None
    assert manager.status() is None
    assert manager.stop() is None


def test_without_java_or_maven_the_neo4j_engine_says_what_to_install(tmp_path):
    """A PATH with neither java nor mvn: one line naming what to install, exit 1."""
    bare = tmp_path / "bin"
    bare.mkdir()
    env = {"PATH": str(bare), "JAVA_HOME": str(tmp_path / "no-jdk"),
           "QUOTETRAIL_HOME": str(tmp_path / "home"), "QUOTETRAIL_ENGINE": "neo4j",
           "COLUMNS": "300"}  # one line, as a wide terminal shows it
    done = subprocess.run([sys.executable, "-m", "quotetrail", "server", "start"],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "Java 17" in lines[0] and "Maven" in lines[0] and "apt-get install" in lines[0]
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "home" / "neo4j" / "server.json").exists()


def test_docker_compose_runs_the_neo4j_version_the_tests_run():
    compose = (ROOT / "docker-compose.yml").read_text()
    assert f"image: neo4j:{neo4j_version()}-community" in compose
    assert neo4j_version().startswith("5.26.")  # the LTS line, which runs on Java 17
