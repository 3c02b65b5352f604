"""What differs between the two engines quotetrail speaks to, in one place.

The Cypher quotetrail runs and teaches is the common subset (cypher.py). This module holds
only the facts that differ, measured by tests on both engines (tests/graph/test_dialect.py),
and what the store does about each:

| fact                                  | ArcadeDB 26.10         | Neo4j 5.26               |
|---------------------------------------|------------------------|--------------------------|
| read-access session refuses writes    | no: a reader user does | yes                      |
| transaction timeout ends the query    | no: client-side only   | yes, on the server       |
| user Cypher runs as                   | `reader` (readRecord)  | the user, READ_ACCESS    |
| notifications on common-subset Cypher | none                   | deprecations: silenced   |
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Dialect:
    """An engine's differences; the store asks these instead of testing the engine name."""

    name: str
    # READ_ACCESS sessions refuse writes on the server (Neo4j); ArcadeDB lets them through
    session_read_only: bool
    # a transaction timeout stops the query on the server (Neo4j); ArcadeDB ignores it
    server_timeout: bool
    # the error code a refused write carries for the reader
    write_refused_code: str
    # options for GraphDatabase.driver: Neo4j sends notifications (deprecations, unknown
    # property names) that the driver would log on every query of the common subset
    driver_options: dict[str, Any] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return {"arcadedb": "ArcadeDB", "neo4j": "Neo4j"}[self.name]


ARCADEDB = Dialect(name="arcadedb", session_read_only=False, server_timeout=False,
                   write_refused_code="Neo.ClientError.Security.Forbidden")
NEO4J = Dialect(name="neo4j", session_read_only=True, server_timeout=True,
                write_refused_code="Neo.ClientError.Statement.AccessMode",
                driver_options={"notifications_min_severity": "OFF"})


def for_engine(name: str) -> Dialect:
    return {"arcadedb": ARCADEDB, "neo4j": NEO4J}[name]
