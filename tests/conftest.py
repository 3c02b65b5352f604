"""Fixtures that talk to real servers: the local ArcadeDB server always, Neo4j too when
NEO4J_URI is set. Never a mock."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from quotetrail.demo import load_example
from quotetrail.graph.local_server.manager import LocalServer
from quotetrail.graph.store.driver import Store

from helpers import clear, fingerprint, settings_for

BACKENDS = ["local"] + (["neo4j"] if os.environ.get("NEO4J_URI") else [])


@pytest.fixture(scope="session")
def local_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One local server for the session, stopped at its end."""
    home = tmp_path_factory.mktemp("quotetrail-home")
    yield home
    LocalServer(home).stop()


@pytest.fixture(scope="session", params=BACKENDS)
def store(request: pytest.FixtureRequest, local_home: Path) -> Iterator[Store]:
    with Store.connect(settings_for(request.param, local_home)) as s:
        s.backend = request.param  # type: ignore[attr-defined]
        yield s


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
