"""Every read query quotetrail runs (the writes are in `cypher`), as constants with parameters.

Every list is paged here, in the database: a COUNT query for the total and a PAGE query that
orders, skips and limits before it joins the columns of the page, so a page costs its own
rows, not the graph's. Filters are parameters that are null when not asked for.
"""

from __future__ import annotations

# Lookups by name (a speaker or outlet filter takes an id or a name).
INDEXES = (
    "CREATE INDEX speaker_name IF NOT EXISTS FOR (n:Speaker) ON (n.name)",
    "CREATE INDEX outlet_name IF NOT EXISTS FOR (n:Outlet) ON (n.name)",
    "CREATE INDEX quote_confidence IF NOT EXISTS FOR (n:Quote) ON (n.confidence)",
)

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

# A statement and its variants in one query (one row per variant; the statement's columns
# repeat, and a statement without variants gives one row with no quote): a trace is the
# API's hottest read, so it costs one round trip.
TRACE = """
MATCH (st:Statement {id: $id})
OPTIONAL MATCH (maker:Speaker)-[:MADE]->(st)
WITH st, maker
OPTIONAL MATCH (st)<-[v:VARIANT_OF]-(q:Quote)<-[:CONTAINS]-(a:Article)
OPTIONAL MATCH (a)-[:PUBLISHED_BY]->(o:Outlet)
OPTIONAL MATCH (q)-[:ATTRIBUTED_TO]->(sp:Speaker)
OPTIONAL MATCH (q)-[d:DERIVED_FROM]->(src:Quote)-[:VARIANT_OF]->(st)
RETURN st.id AS id, st.text AS statement_text, maker.name AS statement_speaker,
       st.first_seen AS first_seen, st.quote_count AS quote_count,
       st.conflict_speakers AS conflict_speakers, st.conflict_counts AS conflict_counts,
       v.speaker_inferred_from AS inferred_from, v.speaker_corrected AS corrected,
       v.corrected_speaker AS corrected_speaker, d.confidence AS confidence,
       q.id AS quote_id, q.text AS text, q.kind AS kind, sp.name AS speaker,
       v.mutation AS mutation, v.similarity AS similarity, v.diff AS diff,
       a.id AS article_id, a.title AS title, a.source AS source, a.url AS url, a.kind AS
       article_kind, a.published AS published, a.loaded_at AS loaded_at,
       o.name AS outlet, o.id AS outlet_id, src.id AS derived_from, d.evidence AS evidence
"""

# The names of speakers a trace names by id (conflicts, corrections).
SPEAKER_NAMES = """
UNWIND $ids AS sid
MATCH (s:Speaker {id: sid})
RETURN s.id AS id, s.name AS name
"""

# Ids of the speakers (or outlets) a filter names, by id or by name (both indexed).
SPEAKER_IDS = """
MATCH (sp:Speaker {id: $name}) RETURN sp.id AS id
UNION
MATCH (sp:Speaker {name: $name}) RETURN sp.id AS id
"""

OUTLET_IDS = """
MATCH (o:Outlet {id: $name}) RETURN o.id AS id
UNION
MATCH (o:Outlet {name: $name}) RETURN o.id AS id
"""

# -- statements ------------------------------------------------------------------------

_STATEMENT_FILTER = """
WHERE ($speakers IS NULL OR EXISTS {
        MATCH (sp:Speaker)-[:MADE]->(st) WHERE sp.id IN $speakers })
  AND ($since IS NULL OR st.first_seen >= datetime($since))
  AND ($until IS NULL OR st.first_seen < datetime($until))
"""

STATEMENT_COUNT = "MATCH (st:Statement)" + _STATEMENT_FILTER + "RETURN count(st) AS total"

_STATEMENT_COLUMNS = """
WITH st ORDER BY st.quote_count DESC, st.id SKIP $offset LIMIT $limit
OPTIONAL MATCH (sp:Speaker)-[:MADE]->(st)
RETURN st.id AS id, st.text AS text, sp.name AS speaker, sp.id AS speaker_id,
       st.quote_count AS quote_count
ORDER BY quote_count DESC, id
"""

STATEMENT_PAGE = "MATCH (st:Statement)" + _STATEMENT_FILTER + _STATEMENT_COLUMNS

# Unfiltered, the filter's tests alone cost half the page on ArcadeDB: a shape of its own.
STATEMENT_COUNT_ALL = "MATCH (st:Statement) RETURN count(st) AS total"

STATEMENT_PAGE_ALL = "MATCH (st:Statement)" + _STATEMENT_COLUMNS

# -- search: an index of words kept in the graph ---------------------------------------
# (:Word {id})-[:IN]->(:Statement) for every content word of a statement's reference wording
# and of its variants. It answers on both engines over Bolt (ArcadeDB's Cypher cannot query
# its full-text indexes); an engine with a better full-text index swaps these three queries.

UNINDEXED_STATEMENTS = """
MATCH (st:Statement) WHERE st.words_indexed = false
WITH st LIMIT $limit
OPTIONAL MATCH (q:Quote)-[:VARIANT_OF]->(st)
RETURN st.id AS id, st.text AS text, collect(q.text) AS texts
"""

INDEX_WORDS = """
UNWIND $rows AS row
MATCH (st:Statement {id: row.id})
SET st.words_indexed = true
WITH st, row
UNWIND row.words AS word
MERGE (w:Word {id: word})
CREATE (w)-[:IN]->(st)
"""

# The statements sharing most of the asked words: the candidates that fuzzy matching ranks.
SEARCH_CANDIDATES = """
UNWIND $words AS word
MATCH (:Word {id: word})-[:IN]->(st:Statement)
WITH st, count(*) AS shared
""" + _STATEMENT_FILTER + """
WITH st, shared ORDER BY shared DESC, st.quote_count DESC, st.id LIMIT $candidates
OPTIONAL MATCH (sp:Speaker)-[:MADE]->(st)
OPTIONAL MATCH (q:Quote)-[:VARIANT_OF]->(st)
RETURN st.id AS id, st.text AS text, sp.name AS speaker, sp.id AS speaker_id,
       st.quote_count AS quote_count, collect(q.text) AS texts
"""

# -- quotes ----------------------------------------------------------------------------

# Every filter is a WHERE on the quote (no join before paging: four times faster on ArcadeDB
# than joining the speaker first); the nobody's-words test reads the attribution only for the
# few quotes of low confidence. A speaker, outlet or article filter is also where the MATCH
# starts (QUOTE_ANCHORS), so a filtered list reads that one's quotes, not the archive's.
_QUOTE_WHERE = """
WHERE ($article IS NULL OR a.id = $article)
  AND ($kind IS NULL OR q.kind = $kind)
  AND ($since IS NULL OR a.published >= datetime($since))
  AND ($until IS NULL OR a.published < datetime($until))
  AND ($outlets IS NULL OR EXISTS {
        MATCH (a)-[:PUBLISHED_BY]->(o:Outlet) WHERE o.id IN $outlets })
  AND ($speakers IS NULL OR EXISTS {
        MATCH (q)-[:ATTRIBUTED_TO]->(sp:Speaker) WHERE sp.id IN $speakers })
  AND ($all OR coalesce(q.confidence, 0.0) > $unattributed
       OR EXISTS { MATCH (q)-[:ATTRIBUTED_TO]->(:Speaker) })
  AND ($mutation IS NULL OR EXISTS {
        MATCH (q)-[v:VARIANT_OF]->(:Statement) WHERE v.mutation = $mutation })
"""

_QUOTE_COLUMNS = """
WITH a, q ORDER BY a.source, q.start, q.id SKIP $offset LIMIT $limit
OPTIONAL MATCH (q)-[:ATTRIBUTED_TO]->(sp:Speaker)
OPTIONAL MATCH (a)-[:PUBLISHED_BY]->(o:Outlet)
OPTIONAL MATCH (q)-[v:VARIANT_OF]->(st:Statement)
RETURN q.id AS id, q.text AS text, q.kind AS kind, q.start AS start, q.end AS end,
       q.cue AS cue, q.confidence AS confidence, sp.name AS speaker,
       collect(st.id) AS statements, collect(v.mutation) AS mutations,
       a.id AS article_id, a.source AS source, a.title AS title, a.url AS url,
       a.published AS published, o.name AS outlet
ORDER BY source, start, id
"""

QUOTE_ANCHORS = {
    "article": "MATCH (a:Article {id: $article})-[:CONTAINS]->(q:Quote)",
    "speaker": "UNWIND $speakers AS sid\n"
               "MATCH (:Speaker {id: sid})<-[:ATTRIBUTED_TO]-(q:Quote)<-[:CONTAINS]-(a:Article)",
    "outlet": "UNWIND $outlets AS oid\n"
              "MATCH (:Outlet {id: oid})<-[:PUBLISHED_BY]-(a:Article)-[:CONTAINS]->(q:Quote)",
    "all": "MATCH (a:Article)-[:CONTAINS]->(q:Quote)",
}
QUOTE_COUNT = {k: m + _QUOTE_WHERE + "RETURN count(q) AS total" for k, m in QUOTE_ANCHORS.items()}
QUOTE_PAGE = {k: m + _QUOTE_WHERE + _QUOTE_COLUMNS for k, m in QUOTE_ANCHORS.items()}

# Unfiltered, the total is every quote less the words nobody said, found through the index on
# confidence: 30 ms instead of 700 on the 10k archive.
QUOTE_TOTAL = "MATCH (q:Quote) RETURN count(q) AS total"
QUOTES_HIDDEN = """
MATCH (q:Quote) WHERE q.confidence <= $unattributed
  AND NOT EXISTS { MATCH (q)-[:ATTRIBUTED_TO]->(:Speaker) }
RETURN count(q) AS total
"""

# -- speakers --------------------------------------------------------------------------

SPEAKER_COUNT = "MATCH (sp:Speaker) RETURN count(sp) AS total"

SPEAKER_PAGE = """
MATCH (sp:Speaker)
WITH sp, COUNT { MATCH (sp)<-[:ATTRIBUTED_TO]-(:Quote) } AS quotes
ORDER BY quotes DESC, sp.id SKIP $offset LIMIT $limit
OPTIONAL MATCH (sp)<-[:ATTRIBUTED_TO]-(:Quote)<-[:CONTAINS]-(:Article)-[:PUBLISHED_BY]->(o:Outlet)
WITH sp, quotes, count(DISTINCT o) AS outlets
RETURN sp.id AS id, sp.name AS name, sp.role AS role, sp.aliases AS aliases,
       COUNT { MATCH (sp)-[:MADE]->(:Statement) } AS statements, quotes, outlets
ORDER BY quotes DESC, id
"""

SPEAKER = """
MATCH (sp:Speaker {id: $id})
RETURN sp.id AS id, sp.name AS name, sp.role AS role, sp.aliases AS aliases,
       COUNT { MATCH (sp)-[:MADE]->(:Statement) } AS statements
"""

# One page of a speaker's statements (earliest first), one row per variant of each.
SPEAKER_STATEMENTS = """
MATCH (:Speaker {id: $id})-[:MADE]->(st:Statement)
WITH st ORDER BY CASE WHEN st.first_seen IS NULL THEN 1 ELSE 0 END, st.first_seen, st.id
SKIP $offset LIMIT $limit
OPTIONAL MATCH (q:Quote)-[v:VARIANT_OF]->(st)
OPTIONAL MATCH (a:Article)-[:CONTAINS]->(q)
OPTIONAL MATCH (a)-[:PUBLISHED_BY]->(o:Outlet)
RETURN st.id AS id, st.text AS text, st.first_seen AS first_seen,
       st.quote_count AS quote_count, q.id AS quote_id, v.mutation AS mutation,
       o.id AS outlet_id
ORDER BY id, quote_id
"""

# -- articles --------------------------------------------------------------------------

_ARTICLE_FILTER = """
MATCH (a:Article)
WHERE ($kind IS NULL OR a.kind = $kind)
  AND ($since IS NULL OR a.published >= datetime($since))
  AND ($until IS NULL OR a.published < datetime($until))
  AND ($outlets IS NULL OR EXISTS {
        MATCH (a)-[:PUBLISHED_BY]->(o:Outlet) WHERE o.id IN $outlets })
"""

ARTICLE_COUNT = _ARTICLE_FILTER + "RETURN count(a) AS total"

# Newest first, undated last.
ARTICLE_PAGE = _ARTICLE_FILTER + """
WITH a, CASE WHEN a.published IS NULL THEN 1 ELSE 0 END AS undated
ORDER BY undated, a.published DESC, a.id SKIP $offset LIMIT $limit
OPTIONAL MATCH (a)-[:PUBLISHED_BY]->(o:Outlet)
RETURN a.id AS id, a.title AS title, a.url AS url, a.source AS source, a.kind AS kind,
       a.language AS language, a.published AS published, o.id AS outlet_id,
       o.name AS outlet, COUNT { MATCH (a)-[:CONTAINS]->(:Quote) } AS quotes, undated
ORDER BY undated, published DESC, id
"""

ARTICLE = """
MATCH (a:Article {id: $id})
OPTIONAL MATCH (a)-[:PUBLISHED_BY]->(o:Outlet)
RETURN a.id AS id, a.title AS title, a.url AS url, a.source AS source, a.kind AS kind,
       a.language AS language, a.published AS published, a.published_note AS published_note,
       a.text AS text, o.id AS outlet_id, o.name AS outlet,
       COUNT { MATCH (a)-[:CONTAINS]->(:Quote) } AS quotes
"""

# One page of an article's quotes in text order, one row per statement of each.
ARTICLE_QUOTES = """
MATCH (:Article {id: $id})-[:CONTAINS]->(q:Quote)
WITH q ORDER BY q.start, q.id SKIP $offset LIMIT $limit
OPTIONAL MATCH (q)-[r:ATTRIBUTED_TO]->(sp:Speaker)
OPTIONAL MATCH (q)-[v:VARIANT_OF]->(st:Statement)
RETURN q.id AS id, q.text AS text, q.kind AS kind, q.start AS start, q.end AS end,
       q.cue AS cue, r.method AS method, coalesce(r.confidence, q.confidence) AS confidence,
       sp.id AS speaker_id, sp.name AS speaker, st.id AS statement_id,
       st.text AS statement_text, v.mutation AS mutation, v.similarity AS similarity
ORDER BY start, id, statement_id
"""

# Printings credited to one speaker, earliest first, with how each was credited and what it
# is a variant of (the speaker page's time line and table; bounded like every list).
SPEAKER_QUOTES = """
MATCH (:Speaker {id: $id})<-[r:ATTRIBUTED_TO]-(q:Quote)<-[:CONTAINS]-(a:Article)
WITH r, q, a ORDER BY a.published, q.id LIMIT $limit
OPTIONAL MATCH (a)-[:PUBLISHED_BY]->(o:Outlet)
OPTIONAL MATCH (q)-[v:VARIANT_OF]->(st:Statement)
RETURN q.id AS quote_id, q.text AS text, q.kind AS kind, q.cue AS cue,
       q.speaker_mention AS mention, r.method AS method,
       coalesce(r.confidence, q.confidence) AS confidence,
       a.id AS article_id, a.title AS title, a.url AS url, a.published AS published,
       o.name AS outlet, st.id AS statement_id, st.text AS statement_text,
       v.mutation AS mutation
ORDER BY quote_id, statement_id
"""

# -- outlets ---------------------------------------------------------------------------

OUTLET_COUNT = "MATCH (o:Outlet) RETURN count(o) AS total"

OUTLET_PAGE = """
MATCH (o:Outlet)
OPTIONAL MATCH (o)<-[:PUBLISHED_BY]-(a:Article)
OPTIONAL MATCH (a)-[:CONTAINS]->(q:Quote)
WITH o, count(DISTINCT a) AS articles, count(q) AS quotes
ORDER BY quotes DESC, o.id SKIP $offset LIMIT $limit
RETURN o.id AS id, o.name AS name, o.domain AS domain, articles, quotes
ORDER BY quotes DESC, id
"""
