"""The real app over the session's real store (never a mock): FastAPI's TestClient."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from fastapi.testclient import TestClient

from quotetrail.api.app import create_app
from quotetrail.settings import Settings

from helpers import settings_for


@pytest.fixture
def make_client(store, local_home) -> Iterator[Callable[..., TestClient]]:
    """A client for an app built with the given settings overrides and options."""
    opened: list[TestClient] = []

    def make(max_body_bytes: int | None = None, **overrides: object) -> TestClient:
        base = settings_for(getattr(store, "backend", "arcadedb"), local_home)
        settings = Settings(**{**base.model_dump(by_alias=True), **overrides})
        options = {"max_body_bytes": max_body_bytes} if max_body_bytes else {}
        client = TestClient(create_app(settings, store=store, **options),
                            raise_server_exceptions=False,
                            base_url="http://127.0.0.1")  # the app answers loopback Hosts
        client.__enter__()
        opened.append(client)
        return client

    yield make
    for client in opened:
        client.__exit__(None, None, None)


@pytest.fixture
def client(make_client, seeded_store) -> TestClient:
    """A client over the example corpus."""
    return make_client()
