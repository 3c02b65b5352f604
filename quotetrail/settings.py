"""Settings, read in one place from the environment (and `.env`); a leaf module."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


def _default_home() -> Path:
    return Path.home() / ".local" / "share" / "quotetrail"


class Settings(BaseSettings):
    """Where the graph lives. With `neo4j_uri` unset, the local ArcadeDB server is used."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore", env_prefix="")

    neo4j_uri: str | None = Field(default=None, alias="NEO4J_URI")
    neo4j_username: str = Field(default="neo4j", alias="NEO4J_USERNAME")
    neo4j_password: str | None = Field(default=None, alias="NEO4J_PASSWORD", repr=False)
    neo4j_database: str = Field(default="neo4j", alias="NEO4J_DATABASE")
    home: Path = Field(default_factory=_default_home, alias="QUOTETRAIL_HOME")
    local_heap: str = Field(default="768m", alias="QUOTETRAIL_LOCAL_HEAP")
    # user Cypher: seconds before it is stopped on the server, rows, bytes (of the rows as
    # JSON) and how many run at once; zero or negative is refused, never "unlimited"
    query_timeout: float = Field(default=10.0, gt=0, alias="QUOTETRAIL_QUERY_TIMEOUT")
    query_row_cap: int = Field(default=1000, gt=0, alias="QUOTETRAIL_QUERY_ROW_CAP")
    query_byte_cap: int = Field(default=10 * 1024 * 1024, gt=0, alias="QUOTETRAIL_QUERY_BYTE_CAP")
    # one user query per two cores: the others stay free for traces, lists and loads
    query_concurrency: int = Field(default_factory=lambda: max(1, (os.cpu_count() or 2) // 2),
                                   gt=0, alias="QUOTETRAIL_QUERY_CONCURRENCY")
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
