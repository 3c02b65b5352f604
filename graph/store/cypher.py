"""Every Cypher statement quotetrail runs, as constants run with parameters.

Only the common subset of Neo4j 5 and ArcadeDB's OpenCypher is used: no APOC, no
procedures, datetimes passed as ISO-8601 strings and converted with `datetime()`.
Labels and relationship types are fixed here, never taken from input. This module holds the
schema and the writes (loading, linking); the reads are in `cypher_read`.
"""

from __future__ import annotations

from quotetrail.graph.store.cypher_link import LINK_INPUT_COLUMNS, LINK_KEYS

KEYED_LABELS = ("Outlet", "Article", "Speaker", "Quote", "Statement", "Correction", "Meta",
                "QuoteDay", "Pending")
# What a quote can link by (graph/link/keys.py), one indexed property each, so that a small
# load finds the quotes its new ones can touch by index; and the articles a killed load of
# an earlier version left unlinked, found once without a scan (graph/store/pending.py).
LINK_INDEXES = tuple(f"CREATE INDEX quote_{key} IF NOT EXISTS FOR (n:Quote) ON (n.{key})"
                     for key in LINK_KEYS) + (
    "CREATE INDEX article_linked IF NOT EXISTS FOR (n:Article) ON (n.linked)",
    # the speakers a load's name book needs: those of its names' last words (writer.py)
    "CREATE INDEX speaker_surname IF NOT EXISTS FOR (n:Speaker) ON (n.surname)")

CONSTRAINTS = tuple(
    f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS "
    f"FOR (n:{label}) REQUIRE n.id IS UNIQUE"
    for label in KEYED_LABELS
)

# -- writing a chunk of documents (all in one transaction) ---------------------------------

MERGE_ARTICLES = """
UNWIND $rows AS row
MERGE (o:Outlet {id: row.outlet.id})
SET o.name = row.outlet.name, o.domain = row.outlet.domain,
    o.quote_count = coalesce(o.quote_count, 0), o.shown_count = coalesce(o.shown_count, 0),
    o.article_count = coalesce(o.article_count, 0)
MERGE (a:Article {id: row.id})
ON CREATE SET a.loaded_at = row.loaded_at
WITH row, o, a
OPTIONAL MATCH (a)-[old:PUBLISHED_BY]->(other:Outlet)
WHERE other.id <> row.outlet.id
DELETE old
WITH DISTINCT row, o, a
SET a += row.props,
    a.linked = false,
    a.published = CASE WHEN row.published IS NULL THEN null ELSE datetime(row.published) END
MERGE (a)-[:PUBLISHED_BY]->(o)
"""

MERGE_OUTLETS = """
UNWIND $rows AS row
MERGE (o:Outlet {id: row.id})
SET o.name = row.name, o.domain = row.domain, o.quote_count = coalesce(o.quote_count, 0),
    o.shown_count = coalesce(o.shown_count, 0), o.article_count = coalesce(o.article_count, 0)
"""

# An article not in the graph yet, with its quotes and their attributions: created, not
# merged (no key to look up, no edge to check), which writes about twice as fast.
CREATE_ARTICLES = """
UNWIND $rows AS row
MATCH (o:Outlet {id: row.outlet.id})
CREATE (a:Article {id: row.id})
SET a += row.props,
    a.loaded_at = row.loaded_at,
    a.linked = false,
    a.published = CASE WHEN row.published IS NULL THEN null ELSE datetime(row.published) END
CREATE (a)-[:PUBLISHED_BY]->(o)
WITH a, row
UNWIND row.quotes AS qr
CREATE (q:Quote {id: qr.id})
SET q += qr.props, q.article = row.id
CREATE (a)-[:CONTAINS]->(q)
WITH q, qr
WHERE qr.speaker IS NOT NULL
MATCH (s:Speaker {id: qr.speaker})
CREATE (q)-[:ATTRIBUTED_TO {confidence: qr.confidence, method: qr.method}]->(s)
"""

DELETE_STALE_QUOTES = """
UNWIND $rows AS row
MATCH (a:Article {id: row.id})-[:CONTAINS]->(q:Quote)
WHERE NOT q.id IN row.keep
DETACH DELETE q
"""

DELETE_ATTRIBUTIONS = """
UNWIND $rows AS row
MATCH (a:Article {id: row.id})-[:CONTAINS]->(:Quote)-[r:ATTRIBUTED_TO]->(:Speaker)
DELETE r
"""

MERGE_SPEAKERS = """
UNWIND $rows AS row
MERGE (s:Speaker {id: row.id})
SET s.name = row.name, s.surname = row.surname, s.quote_count = coalesce(s.quote_count, 0),
    s.role = coalesce(row.role, s.role),
    s.aliases = [x IN coalesce(s.aliases, []) WHERE NOT x IN row.aliases] + row.aliases
"""

MERGE_QUOTES = """
UNWIND $rows AS row
MATCH (a:Article {id: row.article})
MERGE (q:Quote {id: row.id})
SET q += row.props, q.article = row.article
MERGE (a)-[:CONTAINS]->(q)
"""

DELETE_CREDITS = """
UNWIND $rows AS row
MATCH (a:Article {id: row.id})-[r:CREDITS]->(:Outlet)
DELETE r
"""

# A credited outlet says so (`credited`): the wires are read from those alone
# (cypher_link.WIRES).
MERGE_CREDITS = """
UNWIND $rows AS row
MATCH (a:Article {id: row.article})
MERGE (o:Outlet {id: row.outlet.id})
ON CREATE SET o.name = row.outlet.name, o.domain = row.outlet.domain, o.quote_count = 0,
              o.shown_count = 0, o.article_count = 0
MERGE (a)-[r:CREDITS]->(o)
SET r.cue = row.cue, o.credited = true
"""

MERGE_ATTRIBUTIONS = """
UNWIND $rows AS row
MATCH (q:Quote {id: row.id})
MATCH (s:Speaker {id: row.speaker})
MERGE (q)-[r:ATTRIBUTED_TO]->(s)
SET r.confidence = row.confidence, r.method = row.method
"""

# A speaker known only by a surname is folded into the full name once one is loaded.
SPEAKER_ATTRIBUTIONS = """
MATCH (q:Quote)-[r:ATTRIBUTED_TO]->(:Speaker {id: $id})
RETURN q.id AS id, r.confidence AS confidence, r.method AS method
"""

SET_SPEAKER_ALIASES = "MATCH (s:Speaker {id: $id}) SET s.aliases = $aliases"

# A folded speaker's statements lose their timeline key with it (graph/store/timeline_order.py)
UNKEY_SPEAKER = "MATCH (:Speaker {id: $id})-[:MADE]->(st:Statement) SET st.timeline = null"
DELETE_SPEAKER = "MATCH (s:Speaker {id: $id}) DETACH DELETE s"

ALL_SPEAKERS = """
MATCH (s:Speaker)
RETURN s.id AS id, s.name AS name, s.aliases AS aliases, s.role AS role
ORDER BY id
"""
SPEAKERS_BY_SURNAME = """
UNWIND $surnames AS last
MATCH (s:Speaker {surname: last})
RETURN s.id AS id, s.name AS name
"""
# Speakers written before they kept their surname (an earlier version's graph).
SET_SURNAMES = """
UNWIND $rows AS row
MATCH (s:Speaker {id: row.id})
SET s.surname = row.surname
"""

# The outlets reloaded articles leave (their counts are recounted after the load).
LEFT_OUTLETS = """
UNWIND $rows AS row
MATCH (a:Article {id: row.id})-[:PUBLISHED_BY]->(o:Outlet)
WHERE o.id <> row.outlet.id
RETURN a.id AS article, o.id AS outlet
"""

KNOWN_ARTICLES = """
UNWIND $ids AS aid
MATCH (a:Article {id: aid})
RETURN a.id AS id, a.source AS source
"""

# -- linking ---------------------------------------------------------------------------

# Linking reads every quote (the words decide, across speakers) with the statements it is
# in now (a row per statement: grouped in Python, cheaper than `collect` on ArcadeDB), and
# rewrites only the statements a load touched.
LINK_INPUT_ALL = ("MATCH (a:Article)-[:CONTAINS]->(q:Quote)"
                  + LINK_INPUT_COLUMNS.format(article="a.id"))


# What linking needs of an article; its text (provenance reads the words around a quote)
# only when the load does not hold it.
ARTICLE_META = """
UNWIND $articles AS aid
MATCH (a:Article {id: aid})
OPTIONAL MATCH (a)-[:PUBLISHED_BY]->(o:Outlet)
OPTIONAL MATCH (a)-[:CREDITS]->(c:Outlet)
RETURN a.id AS article, a.kind AS kind, toString(a.published) AS published,
       a.loaded_at AS loaded_at, o.name AS outlet, collect(c.name) AS credits
"""
ARTICLE_CONTEXT = ARTICLE_META.rstrip() + ", a.text AS text\n"

QUOTE_COUNT = "MATCH (q:Quote) RETURN count(q) AS n"

MARK_LINKED = """
UNWIND $articles AS aid
MATCH (a:Article {id: aid})
SET a.linked = true
"""

DELETE_DERIVATIONS_OF = """
UNWIND $quotes AS qid
MATCH (:Quote {id: qid})-[d:DERIVED_FROM]->(:Quote)
DELETE d
"""

DELETE_STATEMENTS_OF = """
UNWIND $quotes AS qid
MATCH (:Quote {id: qid})-[:VARIANT_OF]->(st:Statement)
WITH DISTINCT st
DETACH DELETE st
"""




DELETE_ORPHAN_STATEMENTS = """
MATCH (st:Statement)
WHERE NOT EXISTS { MATCH (st)<-[:VARIANT_OF]-(:Quote) }
DETACH DELETE st
"""

# A statement's properties from its row (graph/store/relink_write.py sets a kept one's).
STATEMENT_PROPERTIES = """
SET st.text = row.text,
    st.said = row.said,
    st.prints = row.prints,
    st.reference_quote = row.reference_quote,
    st.quote_count = row.quote_count,
    st.outlet_count = row.outlet_count,
    st.conflict_speakers = row.conflict_speakers,
    st.conflict_counts = row.conflict_counts,
    st.first_seen = CASE WHEN row.first_seen IS NULL THEN null ELSE datetime(row.first_seen) END,
    st.timeline = CASE WHEN row.speaker IS NULL THEN null ELSE row.speaker + '|' + row.order END
"""
CREATE_STATEMENTS = """
UNWIND $rows AS row
CREATE (st:Statement {id: row.id})
""" + STATEMENT_PROPERTIES + """WITH st, row
WHERE row.speaker IS NOT NULL
MATCH (s:Speaker {id: row.speaker})
CREATE (s)-[:MADE {order: row.order}]->(st)
"""

CREATE_VARIANTS = """
UNWIND $rows AS row
MATCH (q:Quote {id: row.quote})
MATCH (st:Statement {id: row.statement})
CREATE (q)-[v:VARIANT_OF {similarity: row.similarity, mutation: row.mutation,
                           diff: row.diff}]->(st)
SET v.speaker_inferred_from = row.inferred_from, v.speaker_corrected = row.corrected,
    v.corrected_speaker = row.corrected_speaker
"""

CREATE_DERIVATIONS = """
UNWIND $rows AS row
MATCH (q:Quote {id: row.quote})
MATCH (src:Quote {id: row.source})
CREATE (q)-[:DERIVED_FROM {evidence: row.evidence, similarity: row.similarity,
                           confidence: row.confidence}]->(src)
"""

# -- corrections -------------------------------------------------------------------------

# `at` stays a datetime here (dates.py): as text, 10:00:00.5Z would sort before 10:00:00Z.
CORRECTIONS = """
MATCH (c:Correction)
RETURN c.id AS id, c.kind AS kind, c.subject AS subject, c.value AS value, c.who AS who,
       c.at AS at, c.why AS why
ORDER BY at, id
"""

CREATE_CORRECTION = """
CREATE (c:Correction {id: $id})
SET c.kind = $kind, c.subject = $subject, c.value = $value, c.who = $who,
    c.at = datetime($at), c.why = $why
"""

QUOTE_EXISTS = "MATCH (q:Quote {id: $id}) RETURN q.id AS id"

FIND_SPEAKER = """
MATCH (s:Speaker)
WHERE s.id = $key OR toLower(s.name) = toLower($key)
RETURN s.id AS id
ORDER BY id
LIMIT 1
"""

# -- reading: every read query lives in graph/store/cypher_read.py --------------------
