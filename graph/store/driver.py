"""The connection to the graph server: one driver per process, built from settings.

With `NEO4J_URI` set, quotetrail talks to that Neo4j; otherwise to the local server of
`QUOTETRAIL_ENGINE` (ArcadeDB by default, or Neo4j), which is started when none runs. Writes
go only through managed transactions (ArcadeDB keeps half a failed auto-commit write).
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import neo4j
from neo4j import GraphDatabase, ManagedTransaction
from neo4j.exceptions import AuthError, ClientError, ConstraintError, ServiceUnavailable

from quotetrail.errors import StoreError
from quotetrail.graph.local_server import manager
from quotetrail.graph.local_server.manager import Login, ServerInfo
from quotetrail.graph.store import arcade_http, cypher, cypher_read, records
from quotetrail.graph.store import dialect as dialects
from quotetrail.settings import Settings

T = TypeVar("T")
WRITE_ATTEMPTS = 5
READ_ATTEMPTS = 3
ENTITY_NOT_FOUND = "Neo.ClientError.Statement.EntityNotFound"
# No call waits for ever on a server that went away: connecting, taking a connection from
# the pool and retrying a transaction on a dead server are all bounded (the defaults are
# 30 s to 60 s each, which is how long every request hung after a local server restart).
DRIVER_OPTIONS: dict[str, Any] = {
    "connection_timeout": 5.0,
    "connection_acquisition_timeout": 15.0,
    "max_transaction_retry_time": 5.0,
}

# A new value each time a write transaction through any Store of this process begins or
# ends: what a list remembers of the graph (graph/store/topk.py) is read again after one;
# other processes' writes show when it expires.
_TICKS = itertools.count(1)
_WRITES = [0]


def writes() -> int:
    """The value of the last write transaction begun or ended in this process."""
    return _WRITES[0]


def _wrote() -> None:
    _WRITES[0] = next(_TICKS)


@dataclass
class Store:
    """A writer driver and a reader driver (user Cypher runs as a user that cannot write)."""

    driver: neo4j.Driver
    reader: neo4j.Driver
    database: str
    uri: str
    local: ServerInfo | None = None  # the local server, when that is what we talk to
    dialect: dialects.Dialect = dialects.ARCADEDB
    # quotes relinked per write transaction (the server's heap holds one transaction)
    part_quotes: int = 10_000
    home: Path | None = None  # $QUOTETRAIL_HOME: relinks of one home take turns there
    login: Login | None = None  # the local server's writer (the schema it cannot do in Cypher)

    @classmethod
    def connect(cls, settings: Settings) -> Store:
        if settings.neo4j_uri:
            auth = (settings.neo4j_username, settings.neo4j_password or "")
            driver = GraphDatabase.driver(settings.neo4j_uri, auth=auth,
                                          **DRIVER_OPTIONS, **dialects.NEO4J.driver_options)
            # Neo4j refuses writes in read-access sessions; one driver serves both roles.
            store = cls(driver, driver, settings.neo4j_database, settings.neo4j_uri,
                        dialect=dialects.NEO4J)
        else:
            server = manager.for_settings(settings)
            info = server.ensure_running()
            login, dialect = server.login(), dialects.for_engine(server.engine)
            options = {**DRIVER_OPTIONS, **dialect.driver_options}
            driver = GraphDatabase.driver(info.uri, auth=(login.user, login.password), **options)
            reader = driver if login.reader == login.user else GraphDatabase.driver(
                info.uri, auth=(login.reader, login.reader_password), **options)
            store = cls(driver, reader, login.database, info.uri, info, dialect, login=login)
        store.part_quotes, store.home = settings.link_part_quotes, settings.home
        try:
            store.driver.verify_connectivity()
        except (ServiceUnavailable, AuthError, OSError) as e:
            store.close()
            raise StoreError(f"cannot reach the graph server at {store.uri}: {e}") from e
        store.ensure_schema()
        return store

    def close(self) -> None:
        self.driver.close()
        if self.reader is not self.driver:
            self.reader.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def ensure_schema(self) -> None:
        """Uniqueness constraints on every key, created before anything is loaded, then the
        full-text index search reads, in the engine's own DDL (dialect.FullText)."""
        for statement in cypher.CONSTRAINTS:  # one transaction each: schema changes apart
            self.write(partial(_run, statement))
        for statement in self.dialect.typed_properties:
            self._sql(statement)
        for statement in cypher_read.INDEXES + cypher.LINK_INDEXES:
            self.write(partial(_run, statement))
        fulltext = self.dialect.fulltext
        for statement in fulltext.ddl:
            if fulltext.ddl_language == "cypher":
                self.write(partial(_run, statement))
            else:
                self._sql(statement)
        for statement in fulltext.ready:
            self.rows(statement)

    def _sql(self, statement: str) -> None:
        """Schema ArcadeDB's Cypher cannot express, as SQL over its HTTP API."""
        if self.local is None or self.login is None:
            raise StoreError(f"the {self.dialect.label} schema needs its local server")
        arcade_http.command(self.local, self.login.user, self.login.password, statement)

    def write(self, work: Callable[[ManagedTransaction], T]) -> T:
        """Run `work` in a managed write transaction (retried by the driver when transient).

        Two writers creating the same new key at once can fail with a ConstraintError that
        the driver does not retry. Running the work again is safe: the writer creates only
        what it found absent in the same transaction and merges the rest, so the retry merges
        what the other writer created.
        """
        for attempt in range(WRITE_ATTEMPTS):
            _wrote()  # as it begins and ends: a read it overlaps is not remembered
            try:
                with self.driver.session(database=self.database) as session:
                    return session.execute_write(work)
            except ConstraintError:
                if attempt == WRITE_ATTEMPTS - 1:
                    raise
                time.sleep(0.05 * 2 ** attempt)
            finally:
                _wrote()
        raise AssertionError("unreachable")

    def read(self, work: Callable[[ManagedTransaction], T]) -> T:
        def once() -> T:
            with self.driver.session(database=self.database) as session:
                return session.execute_read(work)

        return _again_if_a_record_vanished(once)

    def rows(self, query: str, **params: Any) -> list[dict[str, Any]]:
        """The rows of one read query, as dicts."""
        return self.read(lambda tx: records.rows(tx.run(query, params)))

    def rows_at_once(self, query: str, **params: Any) -> list[dict[str, Any]]:
        """`rows` in one round trip: an auto-commit read (no BEGIN and COMMIT, no retry), for
        hot single-query reads; one query sees one snapshot either way."""
        def once() -> list[dict[str, Any]]:
            with self.driver.session(database=self.database,
                                     default_access_mode=neo4j.READ_ACCESS) as session:
                return records.rows(session.run(query, params))

        return _again_if_a_record_vanished(once)


def _again_if_a_record_vanished(read: Callable[[], T]) -> T:
    """Run a read, again when it met a record a concurrent write was replacing.

    ArcadeDB can answer a read that races a load's transaction with "Record #17:246 not
    found" (EntityNotFound, a ClientError the driver does not retry); the soak bench met it on
    list pages while documents were posted. The next attempt reads the committed state.
    """
    for attempt in range(READ_ATTEMPTS):
        try:
            return read()
        except ClientError as e:
            if e.code != ENTITY_NOT_FOUND or attempt == READ_ATTEMPTS - 1:
                raise
            time.sleep(0.02 * 2 ** attempt)
    raise AssertionError("unreachable")


def _run(query: str, tx: ManagedTransaction) -> None:
    tx.run(query).consume()
