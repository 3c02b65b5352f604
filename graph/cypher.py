"""Every Cypher statement quotetrail runs, as constants run with parameters.

Only the common subset of Neo4j 5 and ArcadeDB's OpenCypher is used: no APOC, no
procedures, datetimes passed as ISO-8601 strings and converted with `datetime()`.
Labels and relationship types are fixed here, never taken from input.
"""

from __future__ import annotations

KEYED_LABELS = ("Outlet", "Article", "Speaker", "Quote", "Statement")

CONSTRAINTS = tuple(
    f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS "
    f"FOR (n:{label}) REQUIRE n.id IS UNIQUE"
    for label in KEYED_LABELS
)

# -- writing one document (all in one transaction) -------------------------------------

MERGE_ARTICLE = """
MERGE (o:Outlet {id: $outlet.id})
SET o.name = $outlet.name, o.domain = $outlet.domain
MERGE (a:Article {id: $article.id})
ON CREATE SET a.loaded_at = $loaded_at
SET a += $article.props,
    a.published = CASE WHEN $article.published IS NULL THEN null
                       ELSE datetime($article.published) END
MERGE (a)-[:PUBLISHED_BY]->(o)
"""

DELETE_STALE_QUOTES = """
MATCH (a:Article {id: $article_id})-[:CONTAINS]->(q:Quote)
WHERE NOT q.id IN $keep
DETACH DELETE q
"""

MERGE_SPEAKERS = """
UNWIND $rows AS row
MERGE (s:Speaker {id: row.id})
SET s.name = row.name,
    s.role = coalesce(row.role, s.role),
    s.aliases = [x IN coalesce(s.aliases, []) WHERE NOT x IN row.aliases] + row.aliases
"""

MERGE_QUOTES = """
UNWIND $rows AS row
MATCH (a:Article {id: $article_id})
MERGE (q:Quote {id: row.id})
SET q += row.props
MERGE (a)-[:CONTAINS]->(q)
"""

DELETE_ATTRIBUTIONS = """
MATCH (a:Article {id: $article_id})-[:CONTAINS]->(:Quote)-[r:ATTRIBUTED_TO]->(:Speaker)
DELETE r
"""

MERGE_ATTRIBUTIONS = """
UNWIND $rows AS row
MATCH (q:Quote {id: row.quote})
MATCH (s:Speaker {id: row.speaker})
MERGE (q)-[r:ATTRIBUTED_TO]->(s)
SET r.confidence = row.confidence, r.method = row.method
"""

# A speaker known only by a surname is folded into the full name once one is loaded.
SPEAKER_ATTRIBUTIONS = """
MATCH (q:Quote)-[r:ATTRIBUTED_TO]->(:Speaker {id: $id})
RETURN q.id AS quote, r.confidence AS confidence, r.method AS method
"""

SET_SPEAKER_ALIASES = "MATCH (s:Speaker {id: $id}) SET s.aliases = $aliases"

DELETE_SPEAKER = "MATCH (s:Speaker {id: $id}) DETACH DELETE s"

ALL_SPEAKERS = """
MATCH (s:Speaker)
RETURN s.id AS id, s.name AS name, s.aliases AS aliases, s.role AS role
ORDER BY id
"""

# -- linking ---------------------------------------------------------------------------

LINK_INPUT = """
MATCH (a:Article)-[:CONTAINS]->(q:Quote)
OPTIONAL MATCH (q)-[:ATTRIBUTED_TO]->(s:Speaker)
RETURN q.id AS id, q.text AS text, s.id AS speaker, a.id AS article, a.kind AS kind,
       a.published AS published, a.loaded_at AS loaded_at
ORDER BY id
"""

DELETE_STALE_STATEMENTS = """
MATCH (st:Statement) WHERE NOT st.id IN $keep
DETACH DELETE st
"""

DELETE_LINK_EDGES = """
MATCH (:Quote)-[r:VARIANT_OF|DERIVED_FROM]->()
DELETE r
"""

DELETE_MADE = "MATCH (:Speaker)-[r:MADE]->(:Statement) DELETE r"

MERGE_STATEMENTS = """
UNWIND $rows AS row
MERGE (st:Statement {id: row.id})
SET st.text = row.text,
    st.reference_quote = row.reference_quote,
    st.quote_count = row.quote_count,
    st.first_seen = CASE WHEN row.first_seen IS NULL THEN null ELSE datetime(row.first_seen) END
"""

MERGE_MADE = """
UNWIND $rows AS row
MATCH (s:Speaker {id: row.speaker})
MATCH (st:Statement {id: row.id})
MERGE (s)-[:MADE]->(st)
"""

MERGE_VARIANTS = """
UNWIND $rows AS row
MATCH (q:Quote {id: row.quote})
MATCH (st:Statement {id: row.statement})
MERGE (q)-[r:VARIANT_OF]->(st)
SET r.similarity = row.similarity, r.mutation = row.mutation, r.diff = row.diff
"""

MERGE_DERIVATIONS = """
UNWIND $rows AS row
MATCH (q:Quote {id: row.quote})
MATCH (src:Quote {id: row.source})
MERGE (q)-[r:DERIVED_FROM]->(src)
SET r.evidence = row.evidence, r.similarity = row.similarity
"""

# -- reading ---------------------------------------------------------------------------

COUNTS = """
CALL { MATCH (n:Article) RETURN count(n) AS articles }
CALL { MATCH (n:Quote) RETURN count(n) AS quotes }
CALL { MATCH (n:Speaker) RETURN count(n) AS speakers }
CALL { MATCH (n:Statement) RETURN count(n) AS statements }
CALL { MATCH (n:Outlet) RETURN count(n) AS outlets }
RETURN articles, quotes, speakers, statements, outlets
"""

RELATIONSHIP_COUNTS = """
MATCH ()-[r]->()
RETURN type(r) AS type, count(r) AS n
ORDER BY type
"""

STATEMENTS = """
MATCH (st:Statement)
OPTIONAL MATCH (sp:Speaker)-[:MADE]->(st)
RETURN st.id AS id, st.text AS text, sp.name AS speaker, st.quote_count AS quote_count
ORDER BY quote_count DESC, id
"""

STATEMENT = """
MATCH (st:Statement {id: $id})
OPTIONAL MATCH (sp:Speaker)-[:MADE]->(st)
RETURN st.id AS id, st.text AS text, sp.name AS speaker, st.first_seen AS first_seen,
       st.quote_count AS quote_count
"""

TRACE_VARIANTS = """
MATCH (q:Quote)-[v:VARIANT_OF]->(st:Statement {id: $id})
MATCH (a:Article)-[:CONTAINS]->(q)
OPTIONAL MATCH (a)-[:PUBLISHED_BY]->(o:Outlet)
OPTIONAL MATCH (q)-[:ATTRIBUTED_TO]->(sp:Speaker)
OPTIONAL MATCH (q)-[d:DERIVED_FROM]->(src:Quote)
RETURN q.id AS quote_id, q.text AS text, q.kind AS kind, sp.name AS speaker,
       v.mutation AS mutation, v.similarity AS similarity, v.diff AS diff,
       a.id AS article_id, a.title AS title, a.source AS source, a.url AS url, a.kind AS
       article_kind, a.published AS published, a.loaded_at AS loaded_at,
       o.name AS outlet, o.id AS outlet_id, src.id AS derived_from, d.evidence AS evidence
"""

QUOTES = """
MATCH (a:Article)-[:CONTAINS]->(q:Quote)
OPTIONAL MATCH (a)-[:PUBLISHED_BY]->(o:Outlet)
OPTIONAL MATCH (q)-[:ATTRIBUTED_TO]->(sp:Speaker)
OPTIONAL MATCH (q)-[v:VARIANT_OF]->(st:Statement)
RETURN q.id AS id, q.text AS text, q.kind AS kind, q.start AS start, q.end AS end,
       q.cue AS cue, q.confidence AS confidence, sp.name AS speaker,
       collect(st.id) AS statements, collect(v.mutation) AS mutations,
       a.id AS article_id, a.source AS source, a.title AS title, a.url AS url,
       a.published AS published, o.name AS outlet
ORDER BY source, start, id
"""

STATEMENT_TEXTS = """
MATCH (q:Quote)-[:VARIANT_OF]->(st:Statement)
RETURN st.id AS id, q.text AS text
ORDER BY id
"""
