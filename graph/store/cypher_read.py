"""Every read query quotetrail runs (the writes are in `cypher`), as constants with parameters.

Every list is paged here, in the database: a COUNT query for the total and a PAGE query that
orders, skips and limits before it joins the columns of the page, so a page costs its own
rows, not the graph's. Filters are parameters that are null when not asked for.

No ORDER BY, DISTINCT or grouping sees an Article node, and an article is read once, not
once per quote. ArcadeDB buffers each row it sorts or groups whole, with every variable bound
before that clause (one dropped by the same WITH included), against one budget that all
running queries share (384 MB); and an Article holds its text (up to 5 MiB), read whole
with any of its properties or edges by each row that reached it on its own. A page of one
article's 10,000 quotes at offset 9,950 needed 10,000 copies of its 330 KB and was refused;
a speaker's printings in it ran the server out of heap. So the article's columns are
projected by a WITH of their own before a sort, rows that reach articles from quotes are
grouped by article first (one read each), and after paging the article is matched again by
its id (tests/api/test_large_article.py).
"""

from __future__ import annotations

# Lookups by name (a speaker or outlet filter takes an id or a name).
INDEXES = (
    "CREATE INDEX speaker_name IF NOT EXISTS FOR (n:Speaker) ON (n.name)",
    "CREATE INDEX outlet_name IF NOT EXISTS FOR (n:Outlet) ON (n.name)",
    "CREATE INDEX quote_confidence IF NOT EXISTS FOR (n:Quote) ON (n.confidence)",
    # the keys lists page by (graph/store/topk.py)
    "CREATE INDEX statement_quote_count IF NOT EXISTS FOR (n:Statement) ON (n.quote_count)",
    "CREATE INDEX speaker_quote_count IF NOT EXISTS FOR (n:Speaker) ON (n.quote_count)",
    "CREATE INDEX outlet_quote_count IF NOT EXISTS FOR (n:Outlet) ON (n.quote_count)",
    "CREATE INDEX article_published_ts IF NOT EXISTS FOR (n:Article) ON (n.published_ts)",
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

STATEMENT_COLUMNS = """
WITH st ORDER BY st.quote_count DESC, st.id SKIP $offset LIMIT $limit
OPTIONAL MATCH (sp:Speaker)-[:MADE]->(st)
RETURN st.id AS id, st.text AS text, sp.name AS speaker, sp.id AS speaker_id,
       st.quote_count AS quote_count
ORDER BY quote_count DESC, id
"""

STATEMENT_PAGE = "MATCH (st:Statement)" + _STATEMENT_FILTER + STATEMENT_COLUMNS

# Unfiltered, the filter's tests alone cost half the page on ArcadeDB: a shape of its own.
STATEMENT_COUNT_ALL = "MATCH (st:Statement) RETURN count(st) AS total"

STATEMENT_PAGE_ALL = "MATCH (st:Statement)" + STATEMENT_COLUMNS

# -- search: a full-text index on statement and quote text ---------------------------
# The engine's query (dialect.FullText.hits) yields `st, score` for each statement whose text
# or a variant's text matches; from there the best-scoring statements that pass the filters
# are the candidates that fuzzy matching ranks, each with every wording it was printed in.

SEARCH_CANDIDATES = """
WITH st, max(score) AS relevance
""" + _STATEMENT_FILTER + """
WITH st, relevance ORDER BY relevance DESC, st.quote_count DESC, st.id LIMIT $candidates
OPTIONAL MATCH (sp:Speaker)-[:MADE]->(st)
OPTIONAL MATCH (q:Quote)-[:VARIANT_OF]->(st)
RETURN st.id AS id, st.text AS text, sp.name AS speaker, sp.id AS speaker_id,
       st.quote_count AS quote_count, collect(q.text) AS texts
"""

# What the word index of earlier versions left, deleted in parts by the next load.
OLD_WORDS = "MATCH (w:Word) WITH w LIMIT $limit DETACH DELETE w RETURN count(*) AS n"
OLD_WORD_MARKS = """
MATCH (st:Statement) WHERE st.words_indexed IS NOT NULL
WITH st LIMIT $limit
REMOVE st.words_indexed
RETURN count(*) AS n
"""
ANY_OLD_WORD = "MATCH (w:Word) RETURN w.id AS id LIMIT 1"

# -- quotes ----------------------------------------------------------------------------

# Every filter is a WHERE on the quote (no join before paging: four times faster on ArcadeDB
# than joining the speaker first); the nobody's-words test reads the attribution only for the
# few quotes of low confidence. A speaker, outlet or article filter is also where the MATCH
# starts (QUOTE_ANCHORS), so a filtered list reads that one's quotes, not the archive's.
QUOTE_WHERE = """
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

# Newest article first (undated last), then text order: the order of the article list, and
# the one an index can give (topk.py).
UNDATED = -(2**62)
QUOTE_COLUMNS = f"""
WITH q, a.id AS aid, coalesce(a.published_ts, {UNDATED}) AS ts
WITH q, aid, ts ORDER BY ts DESC, aid, q.start, q.id SKIP $offset LIMIT $limit
WITH aid, ts, collect(q) AS paged
MATCH (a:Article {{id: aid}})
OPTIONAL MATCH (a)-[:PUBLISHED_BY]->(o:Outlet)
WITH aid, ts, a.source AS source, a.title AS title, a.url AS url, a.published AS published,
     o.name AS outlet, paged
UNWIND paged AS q
WITH q, aid, ts, source, title, url, published, outlet
OPTIONAL MATCH (q)-[:ATTRIBUTED_TO]->(sp:Speaker)
OPTIONAL MATCH (q)-[v:VARIANT_OF]->(st:Statement)
WITH q, sp, st, v, aid, ts, source, title, url, published, outlet
RETURN q.id AS id, q.text AS text, q.kind AS kind, q.start AS start, q.end AS end,
       q.cue AS cue, q.confidence AS confidence, sp.name AS speaker,
       collect(st.id) AS statements, collect(v.mutation) AS mutations,
       aid AS article_id, ts, source, title, url, published, outlet
ORDER BY ts DESC, article_id, start, id
"""

QUOTE_ANCHORS = {
    "article": "MATCH (a:Article {id: $article})-[:CONTAINS]->(q:Quote)",
    # the speaker's articles first, one row each, then their quotes by the speaker: a quote
    # reached from the speaker would read its article on its own (the module's docstring)
    "speaker": "UNWIND $speakers AS sid\n"
               "MATCH (:Speaker {id: sid})<-[:ATTRIBUTED_TO]-(:Quote)<-[:CONTAINS]-(a:Article)\n"
               "WITH sid, a, count(*) AS printed\n"
               "MATCH (a)-[:CONTAINS]->(q:Quote)-[:ATTRIBUTED_TO]->(:Speaker {id: sid})",
    "outlet": "UNWIND $outlets AS oid\n"
              "MATCH (:Outlet {id: oid})<-[:PUBLISHED_BY]-(a:Article)-[:CONTAINS]->(q:Quote)",
    "all": "MATCH (a:Article)-[:CONTAINS]->(q:Quote)",
}
QUOTE_COUNT = {k: m + QUOTE_WHERE + "RETURN count(q) AS total" for k, m in QUOTE_ANCHORS.items()}
QUOTE_PAGE = {k: m + QUOTE_WHERE + QUOTE_COLUMNS for k, m in QUOTE_ANCHORS.items()}

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
OPTIONAL MATCH (sp)<-[:ATTRIBUTED_TO]-(:Quote)<-[:CONTAINS]-(a:Article)
WITH sp, quotes, a, count(*) AS printed
OPTIONAL MATCH (a)-[:PUBLISHED_BY]->(o:Outlet)
WITH sp, quotes, count(DISTINCT o) AS outlets
RETURN sp.id AS id, sp.name AS name, sp.role AS role, sp.aliases AS aliases,
       COUNT { MATCH (sp)-[:MADE]->(:Statement) } AS statements, quotes, outlets
ORDER BY quotes DESC, id
"""

SPEAKER = """
MATCH (sp:Speaker {id: $id})
RETURN sp.id AS id, sp.name AS name, sp.role AS role, sp.aliases AS aliases,
       COUNT { MATCH (sp)-[:MADE]->(:Statement) } AS statements,
       coalesce(sp.quote_count, COUNT { MATCH (sp)<-[:ATTRIBUTED_TO]-(:Quote) }) AS quotes
"""

# One page of a speaker's statements (earliest first), one row per variant of each.
SPEAKER_STATEMENTS = """
MATCH (:Speaker {id: $id})-[:MADE]->(st:Statement)
WITH st ORDER BY CASE WHEN st.first_seen IS NULL THEN 1 ELSE 0 END, st.first_seen, st.id
SKIP $offset LIMIT $limit
OPTIONAL MATCH (q:Quote)-[v:VARIANT_OF]->(st)
OPTIONAL MATCH (a:Article)-[:CONTAINS]->(q)
OPTIONAL MATCH (a)-[:PUBLISHED_BY]->(o:Outlet)
WITH st, q, v, o
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
WITH a.id AS aid, a.published AS published,
     CASE WHEN a.published IS NULL THEN 1 ELSE 0 END AS undated
WITH aid, published, undated ORDER BY undated, published DESC, aid SKIP $offset LIMIT $limit
MATCH (a:Article {id: aid})
OPTIONAL MATCH (a)-[:PUBLISHED_BY]->(o:Outlet)
WITH aid AS id, a.title AS title, a.url AS url, a.source AS source, a.kind AS kind,
     a.language AS language, published, o.id AS outlet_id, o.name AS outlet,
     COUNT { MATCH (a)-[:CONTAINS]->(:Quote) } AS quotes, undated
RETURN id, title, url, source, kind, language, published, outlet_id, outlet, quotes, undated
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
WITH q
WITH q ORDER BY q.start, q.id SKIP $offset LIMIT $limit
OPTIONAL MATCH (q)-[r:ATTRIBUTED_TO]->(sp:Speaker)
OPTIONAL MATCH (q)-[v:VARIANT_OF]->(st:Statement)
RETURN q.id AS id, q.text AS text, q.kind AS kind, q.start AS start, q.end AS end,
       q.cue AS cue, r.method AS method, coalesce(r.confidence, q.confidence) AS confidence,
       sp.id AS speaker_id, sp.name AS speaker, st.id AS statement_id,
       st.text AS statement_text, v.mutation AS mutation, v.similarity AS similarity
ORDER BY start, id, statement_id
"""

# The statements an article's quotes are variants of, every one (no sort: ids only).
ARTICLE_STATEMENTS = """
MATCH (:Article {id: $id})-[:CONTAINS]->(:Quote)-[:VARIANT_OF]->(st:Statement)
RETURN DISTINCT st.id AS id
"""

# Printings credited to one speaker, the latest `limit` (newest article first, undated last),
# with how each was credited and what it is a variant of (the speaker page's time line and
# table; bounded like every list).
_SPEAKER_QUOTE_COLUMNS = f"""
MATCH (a)-[:CONTAINS]->(q:Quote)-[r:ATTRIBUTED_TO]->(sp)
WITH q, r, aid, published, coalesce(ts, {UNDATED}) AS ts
WITH q, r, aid, published, ts ORDER BY ts DESC, q.id LIMIT $limit
WITH aid, published, collect({{q: q, r: r}}) AS paged
MATCH (a:Article {{id: aid}})
OPTIONAL MATCH (a)-[:PUBLISHED_BY]->(o:Outlet)
WITH aid, published, a.title AS title, a.url AS url, o.name AS outlet, paged
UNWIND paged AS f
WITH f.q AS q, f.r AS r, aid, published, title, url, outlet
OPTIONAL MATCH (q)-[v:VARIANT_OF]->(st:Statement)
WITH r, q, v, st, aid, title, url, published, outlet
RETURN q.id AS quote_id, q.text AS text, q.kind AS kind, q.cue AS cue,
       q.speaker_mention AS mention, r.method AS method,
       coalesce(r.confidence, q.confidence) AS confidence,
       aid AS article_id, title, url, published, outlet, st.id AS statement_id,
       st.text AS statement_text, v.mutation AS mutation
ORDER BY quote_id, statement_id
"""

SPEAKER_QUOTES = """
MATCH (sp:Speaker {id: $id})<-[:ATTRIBUTED_TO]-(:Quote)<-[:CONTAINS]-(a:Article)
WITH sp, a, count(*) AS printed
WITH sp, a, a.id AS aid, a.published AS published, a.published_ts AS ts
""" + _SPEAKER_QUOTE_COLUMNS
# The same from the newest articles down to a cutoff (topk.py), for a speaker quoted so often
# that reading every printing to sort them costs seconds (37k printings at 100k articles).
SPEAKER_QUOTES_TOP = """
MATCH (a:Article) WHERE a.published_ts >= $cut AND a.published_ts < $top
WITH a LIMIT $every
MATCH (sp:Speaker {id: $id})
WHERE EXISTS { MATCH (a)-[:CONTAINS]->(:Quote)-[:ATTRIBUTED_TO]->(sp) }
WITH sp, a, a.id AS aid, a.published AS published, a.published_ts AS ts
""" + _SPEAKER_QUOTE_COLUMNS

# -- outlets ---------------------------------------------------------------------------

OUTLET_COUNT = "MATCH (o:Outlet) RETURN count(o) AS total"

OUTLET_PAGE = """
MATCH (o:Outlet)
OPTIONAL MATCH (o)<-[:PUBLISHED_BY]-(a:Article)
OPTIONAL MATCH (a)-[:CONTAINS]->(q:Quote)
WITH o, count(DISTINCT a.id) AS articles, count(q) AS quotes
ORDER BY quotes DESC, o.id SKIP $offset LIMIT $limit
RETURN o.id AS id, o.name AS name, o.domain AS domain, articles, quotes
ORDER BY quotes DESC, id
"""
