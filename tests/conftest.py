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

from helpers import clear, settings_for

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


@pytest.fixture
def seeded_store(store: Store) -> Store:
    """The example corpus, loaded once and reloaded only after a test cleared the graph."""
    if not getattr(store, "seeded", False):
        clear(store)
        summary = load_example(store)
        assert summary.loaded == 5 and not summary.failed
        store.seeded = True  # type: ignore[attr-defined]
    return store

