"""Settings, read in one place from the environment; a leaf module.

A `.env` file is read only when asked for (`quotetrail --env-file PATH`, which sets
`QUOTETRAIL_ENV_FILE` so that API workers read it too): one left in the current folder must
not silently point quotetrail at another server, which would then receive the password.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit, urlunsplit

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

ENV_FILE_VARIABLE = "QUOTETRAIL_ENV_FILE"


def _default_home() -> Path:
    return Path.home() / ".local" / "share" / "quotetrail"


class Settings(BaseSettings):
    """Where the graph lives. With `neo4j_uri` unset, a local server of `engine` is used."""

    model_config = SettingsConfigDict(env_file=None, extra="ignore", env_prefix="")

    neo4j_uri: str | None = Field(default=None, alias="NEO4J_URI")
    neo4j_username: str = Field(default="neo4j", alias="NEO4J_USERNAME")
    neo4j_password: str | None = Field(default=None, alias="NEO4J_PASSWORD", repr=False)
    neo4j_database: str = Field(default="neo4j", alias="NEO4J_DATABASE")
    home: Path = Field(default_factory=_default_home, alias="QUOTETRAIL_HOME")
    # the local server's engine: ArcadeDB (pip only) or Neo4j 5.26 (needs Java 17+, Maven)
    engine: Literal["arcadedb", "neo4j"] = Field(default="arcadedb", alias="QUOTETRAIL_ENGINE")
    local_heap: str = Field(default="768m", alias="QUOTETRAIL_LOCAL_HEAP")
    neo4j_pagecache_mib: int = Field(default=256, ge=8, alias="QUOTETRAIL_NEO4J_PAGECACHE_MIB")
    # user Cypher: seconds before it is stopped on the server, rows, bytes (of the rows as
    # JSON) and how many run at once; zero or negative is refused, never "unlimited"
    query_timeout: float = Field(default=10.0, gt=0, alias="QUOTETRAIL_QUERY_TIMEOUT")
    query_row_cap: int = Field(default=1000, gt=0, alias="QUOTETRAIL_QUERY_ROW_CAP")
    query_byte_cap: int = Field(default=10 * 1024 * 1024, gt=0, alias="QUOTETRAIL_QUERY_BYTE_CAP")
    # one user query per two cores: the others stay free for traces, lists and loads
    query_concurrency: int = Field(default_factory=lambda: max(1, (os.cpu_count() or 2) // 2),
                                   gt=0, alias="QUOTETRAIL_QUERY_CONCURRENCY")
    # quotes relinked per write transaction: a transaction lives in the server's heap
    link_part_quotes: int = Field(default=10_000, gt=0, alias="QUOTETRAIL_LINK_PART_QUOTES")
    # seconds the API keeps a served trace (0: off); loads by other processes show after it
    api_cache_seconds: float = Field(default=2.0, ge=0, alias="QUOTETRAIL_API_CACHE_SECONDS")
    # CPU seconds the API's worker may spend reading and extracting one posted document
    api_parse_seconds: float = Field(default=30.0, gt=0, alias="QUOTETRAIL_API_PARSE_SECONDS")
    # the API: POST routes need this token (every route with api_private); `serve` beyond
    # loopback refuses to start without it. api_hosts: Host names it answers to besides
    # loopback and addresses (comma-separated; `serve --host NAME` adds NAME)
    api_token: SecretStr | None = Field(default=None, alias="QUOTETRAIL_API_TOKEN")
    api_private: bool = Field(default=False, alias="QUOTETRAIL_API_PRIVATE")
    api_hosts: str = Field(default="", alias="QUOTETRAIL_API_HOSTS")

    @model_validator(mode="after")
    def _credentials_out_of_the_uri(self) -> Settings:
        """`bolt://user:PW@host` becomes `bolt://host` plus username and password, so that
        no message, status line or traceback that shows the URI shows the password."""
        if self.neo4j_uri:
            parts = urlsplit(self.neo4j_uri)
            if parts.password is not None or parts.username is not None:
                self.neo4j_username = parts.username or self.neo4j_username
                if parts.password is not None:
                    self.neo4j_password = parts.password
                self.neo4j_uri = urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))
        return self

    @property
    def uses_local_server(self) -> bool:
        return not self.neo4j_uri


def masked_uri(uri: str) -> str:
    """`uri` with any password replaced by `***`, for messages."""
    parts = urlsplit(uri)
    if parts.password is None:
        return uri
    user = parts.username or ""
    return urlunsplit(parts._replace(netloc=f"{user}:***@{parts.netloc.rpartition('@')[2]}"))


def env_file() -> Path | None:
    """The `.env` file the user asked for (`--env-file`), else None."""
    path = os.environ.get(ENV_FILE_VARIABLE)
    return Path(path) if path else None


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings(_env_file=env_file())  # type: ignore[call-arg]
