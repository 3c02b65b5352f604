"""What differs between the two engines quotetrail speaks to, in one place.

The Cypher quotetrail runs and teaches is the common subset (cypher.py). This module holds
only the facts that differ, measured by tests on both engines (tests/graph/test_dialect.py),
and what the store does about each:

| fact                                  | ArcadeDB 26.10         | Neo4j 5.26               |
|---------------------------------------|------------------------|--------------------------|
| read-access session refuses writes    | no: a reader user does | yes (`AccessMode`)       |
| user Cypher runs as                   | `reader` (readRecord)  | the user, READ_ACCESS    |
| SET by the reader inside its tx       | runs: counters catch it| refused                  |
| transaction timeout ends the query    | no: client-side only   | yes, on the server       |
| DELETE of a node with relationships   | DatabaseError          | ConstraintError          |
| zone-aware datetime parameter stored  | zone lost              | zone kept                |
| concurrent MERGE of one new key       | ConstraintError, retry | waits, then matches      |
| range() of 6 million                  | refused (cap ~5 M)     | runs                     |
| notifications on common-subset Cypher | none                   | deprecations: silenced   |
| Cypher `CREATE FULLTEXT INDEX`        | refused: SQL over HTTP | yes                      |
| `db.index.fulltext.queryNodes`        | yes: `Type[property]`  | yes: the index's name    |
| fuzzy terms (`word~1`) in that query  | 20x slower: not used   | free: used (typos)       |

Search reads a native full-text index on both (`FullText` below): Neo4j's Lucene index, and
ArcadeDB's FULL_TEXT index (BM25), which its Cypher queries with Neo4j's procedure but cannot
create: the DDL goes as SQL to the local server's HTTP API, after declaring the property.
Both parse the query in Lucene's classic syntax (`search.lucene_query` quotes every word).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from quotetrail.graph.store.cypher_link import LINK_KEYS


@dataclass(frozen=True)
class FullText:
    """The engine's full-text index on the text of statements and quotes, and its query."""

    # statements creating the index when it is absent, run by Store.ensure_schema
    ddl: tuple[str, ...]
    # "cypher" over Bolt; "sql" to the local ArcadeDB's HTTP API (its Cypher refuses the DDL)
    ddl_language: Literal["cypher", "sql"]
    # Cypher yielding `st, score`: statements whose text, or a variant's, matches the Lucene
    # query $lucene, at most $hits hits per index; cypher_read.SEARCH_CANDIDATES goes on
    hits: str
    # ... the same from the statements' own `prints` (every distinct wording printed: one
    # hit per statement, not one per print), once every statement holds them (key_backfill)
    prints_hits: str
    # Cypher run after the DDL: waits until a new index answers (Neo4j fills it in the
    # background; ArcadeDB builds it within its CREATE INDEX)
    ready: tuple[str, ...] = ()
    # also look words up with one edit (`word~1`), so a typo finds its statement: free on
    # Neo4j's Lucene; on ArcadeDB 20 times slower (p50 0.5 s at 10k articles), no gain
    fuzzy: bool = False
    # the name of the index on Quote.text, as db.index.fulltext.queryNodes takes it
    quote_index: str = "quote_text"
    # ... of the index on Quote.runs, the words of a quote's run fingerprints (link keys)
    runs_index: str = "quote_runs"
    # ... of the index on Statement.said, its speaker with each word its quotes print
    said_index: str = "statement_said"

    @property
    def quote_hits(self) -> str:
        """Cypher yielding `node`: the quotes whose text matches the Lucene query `row.lucene`
        best, at most $hits, after an `UNWIND ... AS row` (a small load's lookups,
        graph/store/relink_scope.py). A quoted phrase is every word of it on ArcadeDB, the
        words in order on Neo4j: lookups use only `+"word"` terms, the same on both."""
        return (f"CALL db.index.fulltext.queryNodes('{self.quote_index}', row.lucene, "
                "{limit: $hits}) YIELD node\n")

    @property
    def runs_hits(self) -> str:
        """As `quote_hits`, over Quote.runs (graph/link/keys.py): the quotes sharing one of
        the fingerprint words in `row.lucene`."""
        return (f"CALL db.index.fulltext.queryNodes('{self.runs_index}', row.lucene, "
                "{limit: $hits}) YIELD node\n")

    @property
    def said_hits(self) -> str:
        """As `quote_hits`, over Statement.said (graph/link/keys.py): the statements of the
        speaker the words in `row.lucene` combine with, sharing most of them first."""
        return (f"CALL db.index.fulltext.queryNodes('{self.said_index}', row.lucene, "
                "{limit: $hits}) YIELD node\n")


def _hits(statement_index: str, other_index: str, *, quotes: bool = True) -> str:
    """The full-text query over an index on Statement.text and one on Quote.text (`quotes`),
    or one on Statement.prints, every wording the statement was printed in. One index per
    label, on both engines: one index over both labels (Neo4j can) gives its top hits mostly
    to the quotes of a few much-printed statements, and then finds fewer statements than the
    same budget finds on ArcadeDB (a typo search found none at 300 hits)."""
    to_statement = "MATCH (node)-[:VARIANT_OF]->(st:Statement)\n  RETURN st, score" if quotes \
        else "RETURN node AS st, score"
    return f"""
CALL {{
  CALL db.index.fulltext.queryNodes('{statement_index}', $lucene, {{limit: $hits}})
  YIELD node, score
  RETURN node AS st, score
  UNION ALL
  CALL db.index.fulltext.queryNodes('{other_index}', $lucene, {{limit: $hits}})
  YIELD node, score
  {to_statement}
}}
"""


ARCADEDB_FULLTEXT = FullText(
    ddl=("CREATE PROPERTY Statement.text IF NOT EXISTS STRING",
         "CREATE PROPERTY Quote.text IF NOT EXISTS STRING",
         "CREATE INDEX IF NOT EXISTS ON Statement (text) FULL_TEXT",
         "CREATE INDEX IF NOT EXISTS ON Quote (text) FULL_TEXT",
         "CREATE PROPERTY Quote.runs IF NOT EXISTS STRING",
         "CREATE INDEX IF NOT EXISTS ON Quote (runs) FULL_TEXT",
         "CREATE PROPERTY Statement.said IF NOT EXISTS STRING",
         "CREATE INDEX IF NOT EXISTS ON Statement (said) FULL_TEXT",
         "CREATE PROPERTY Statement.prints IF NOT EXISTS STRING",
         "CREATE INDEX IF NOT EXISTS ON Statement (prints) FULL_TEXT"),
    ddl_language="sql",
    hits=_hits("Statement[text]", "Quote[text]"),
    prints_hits=_hits("Statement[text]", "Statement[prints]", quotes=False),
    quote_index="Quote[text]",
    runs_index="Quote[runs]",
    said_index="Statement[said]")

NEO4J_FULLTEXT = FullText(
    ddl=("CREATE FULLTEXT INDEX statement_text IF NOT EXISTS "
         "FOR (n:Statement) ON EACH [n.text]",
         "CREATE FULLTEXT INDEX quote_text IF NOT EXISTS FOR (n:Quote) ON EACH [n.text]",
         "CREATE FULLTEXT INDEX quote_runs IF NOT EXISTS FOR (n:Quote) ON EACH [n.runs]",
         "CREATE FULLTEXT INDEX statement_said IF NOT EXISTS FOR (n:Statement) ON EACH [n.said]",
         "CREATE FULLTEXT INDEX statement_prints IF NOT EXISTS "
         "FOR (n:Statement) ON EACH [n.prints]"),
    ddl_language="cypher",
    ready=tuple(f"CALL db.awaitIndex('{name}', 600)" for name in (
        "statement_text", "quote_text", "quote_runs", "statement_said", "statement_prints")),
    hits=_hits("statement_text", "quote_text"),
    prints_hits=_hits("statement_text", "statement_prints", quotes=False),
    fuzzy=True)


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
    # seconds user Cypher waits past its time limit for the server to end the query itself
    # (Neo4j checks transaction timeouts every 2 s); 0 where the server never does
    server_timeout_grace: float = 0.0
    # DELETE of a node that still has relationships fails with this code
    delete_attached_code: str = ""
    # a timezone-aware datetime parameter keeps its zone when stored (not on ArcadeDB: pass
    # ISO-8601 text and convert with datetime(), as cypher.py does on both)
    keeps_zone: bool = True
    # two transactions MERGE-ing one new key: Neo4j's second waits for the first and matches;
    # on ArcadeDB one fails at commit with a ConstraintError (Store.write retries it)
    merge_waits: bool = True
    # range() has a cap (ArcadeDB: arcadedb.queryMaxRangeSize, about 5 million elements)
    range_capped: bool = False
    # options for GraphDatabase.driver: Neo4j sends notifications (deprecations, unknown
    # property names) that the driver would log on every query of the common subset
    driver_options: dict[str, Any] = field(default_factory=dict)
    # the full-text index search reads
    fulltext: FullText = NEO4J_FULLTEXT
    # SQL declaring the types of indexed numbers, run before their indexes are made: an
    # ArcadeDB index takes its key type from the property's declared type, and one made
    # before any value exists keys on text, so that a range of numbers reads every node
    typed_properties: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return {"arcadedb": "ArcadeDB", "neo4j": "Neo4j"}[self.name]


ARCADEDB = Dialect(name="arcadedb", session_read_only=False, server_timeout=False,
                   write_refused_code="Neo.ClientError.Security.Forbidden",
                   delete_attached_code="Neo.DatabaseError.General.UnknownError",
                   keeps_zone=False, merge_waits=False, range_capped=True,
                   fulltext=ARCADEDB_FULLTEXT,
                   typed_properties=tuple(
                       f"CREATE PROPERTY {p} IF NOT EXISTS {t}" for p, t in (
                           ("Statement.quote_count", "LONG"), ("Speaker.quote_count", "LONG"),
                           ("Outlet.quote_count", "LONG"), ("Article.published_ts", "LONG"),
                           ("Quote.confidence", "DOUBLE"), ("Article.linked", "BOOLEAN"),
                           *((f"Quote.{key}", "LONG") for key in LINK_KEYS))))
NEO4J = Dialect(name="neo4j", session_read_only=True, server_timeout=True,
                write_refused_code="Neo.ClientError.Statement.AccessMode",
                server_timeout_grace=3.0,
                delete_attached_code="Neo.ClientError.Schema.ConstraintValidationFailed",
                driver_options={"notifications_min_severity": "OFF"})


def for_engine(name: str) -> Dialect:
    return {"arcadedb": ARCADEDB, "neo4j": NEO4J}[name]
