"""Settings, read in one place from the environment (and `.env`); a leaf module."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


def _default_home() -> Path:
    return Path.home() / ".local" / "share" / "quotetrail"


class Settings(BaseSettings):
    """Where the graph lives. With `neo4j_uri` unset, a local server of `engine` is used."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore", env_prefix="")

    neo4j_uri: str | None = Field(default=None, alias="NEO4J_URI")
    neo4j_username: str = Field(default="neo4j", alias="NEO4J_USERNAME")
    neo4j_password: str | None = Field(default=None, alias="NEO4J_PASSWORD", repr=False)
    neo4j_database: str = Field(default="neo4j", alias="NEO4J_DATABASE")
    home: Path = Field(default_factory=_default_home, alias="QUOTETRAIL_HOME")
    # the local server's engine: ArcadeDB (pip only) or Neo4j 5.26 (needs Java 17+, Maven)
    engine: Literal["arcadedb", "neo4j"] = Field(default="arcadedb", alias="QUOTETRAIL_ENGINE")
    local_heap: str = Field(default="768m", alias="QUOTETRAIL_LOCAL_HEAP")
    neo4j_pagecache_mib: int = Field(default=256, ge=8, alias="QUOTETRAIL_NEO4J_PAGECACHE_MIB")
    query_timeout: float = Field(default=10.0, alias="QUOTETRAIL_QUERY_TIMEOUT")
    query_row_cap: int = Field(default=1000, alias="QUOTETRAIL_QUERY_ROW_CAP")
    # seconds the API keeps a served trace (0: off); loads by other processes show after it
    api_cache_seconds: float = Field(default=2.0, ge=0, alias="QUOTETRAIL_API_CACHE_SECONDS")
    # CPU seconds the API's worker may spend reading and extracting one posted document
    api_parse_seconds: float = Field(default=30.0, gt=0, alias="QUOTETRAIL_API_PARSE_SECONDS")

    @property
    def uses_local_server(self) -> bool:
        return not self.neo4j_uri


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
