"""Fixtures that talk to real servers, never a mock: every store test runs on the local
ArcadeDB server and on the local Neo4j 5.26 engine (when Java 17+ and Maven are present), and
on the Neo4j of NEO4J_URI too when that is set. One server of each engine for the session.

The `neo4j` store connects through NEO4J_URI settings pointing at the local Neo4j engine, so
the path users take to a Neo4j of their own (docker-compose, Aura) is the one tested; the CLI
tests reach the same server through QUOTETRAIL_ENGINE=neo4j."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from quotetrail.demo import load_example
from quotetrail.graph.local_server.manager import ENGINES, LocalServer
from quotetrail.graph.store.driver import Store

from helpers import LOCAL_ENGINES, clear, fingerprint, neo4j_missing, settings_for

BACKENDS = [*ENGINES] + (["external"] if os.environ.get("NEO4J_URI") else [])
_PASSED: Counter[str] = Counter()


@pytest.fixture(scope="session")
def local_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One home for the session's local servers (one per engine), stopped at its end."""
    home = tmp_path_factory.mktemp("quotetrail-home")
    yield home
    for engine in ENGINES:
        LocalServer(home, engine=engine).stop()


@pytest.fixture(scope="session", params=BACKENDS)
def store(request: pytest.FixtureRequest, local_home: Path) -> Iterator[Store]:
    if request.param == "neo4j" and neo4j_missing():
        pytest.skip(f"the Neo4j engine cannot run here: {neo4j_missing()}")
    with Store.connect(settings_for(request.param, local_home)) as s:
        s.backend = request.param  # type: ignore[attr-defined]
        yield s


@pytest.fixture(autouse=True)
def _engine_env(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """A test on a local engine's store runs its commands (run_cli) on that engine too."""
    if "store" not in request.fixturenames:
        return
    backend = getattr(request.getfixturevalue("store"), "backend", None)
    if backend in LOCAL_ENGINES:
        monkeypatch.setenv("QUOTETRAIL_ENGINE", backend)


@pytest.fixture
def empty_store(store: Store) -> Store:
    clear(store)
    return store


@pytest.fixture(scope="session")
def _seeded_fingerprints() -> dict[str, tuple[int, int]]:
    return {}


@pytest.fixture
def seeded_store(store: Store, _seeded_fingerprints: dict[str, tuple[int, int]]) -> Store:
    """The example corpus, loaded once and again only when the graph no longer holds just it
    (a test cleared it or loaded more): the fixture checks the graph, not a flag."""
    if _seeded_fingerprints.get(store.uri) != fingerprint(store):
        clear(store)
        summary = load_example(store)
        assert summary.loaded == 5 and not summary.failed
        _seeded_fingerprints[store.uri] = fingerprint(store)
    return store


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when == "call" and report.passed and "[" in report.nodeid:
        params = report.nodeid.rsplit("[", 1)[1].rstrip("]").split("-")
        _PASSED.update(b for b in BACKENDS if b in params)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say which engines the suite ran on (a skipped Neo4j must not pass unnoticed)."""
    ran = ", ".join(f"{b} ({_PASSED[b]} tests passed)" for b in BACKENDS if _PASSED[b])
    terminalreporter.write_line(f"quotetrail engines: {ran or 'none'}")
    missing = neo4j_missing()
    if missing:
        terminalreporter.write_line(f"quotetrail engines: neo4j NOT run: {missing}")
