"""The queries of lists paged from the top of an index (graph/store/topk.py).

Each list has a PROBE (`k, n` of at most `$cap` rows with `$lo <= k < $top`: a range with
both ends, which ArcadeDB's index answers and stops reading at the LIMIT) and a TOP page
(the rows at or above the cutoff `$cut`, sorted, skipped and limited), plus its ALL page,
which sorts every row with or without a key: for lists shorter than the page and for pages
past the keyed rows. Every range has both ends, and a LIMIT (`$every`, no limit in fact)
ends the article match before its quotes are: without either, ArcadeDB's planner may start
elsewhere and read every article. No probe groups rows: ArcadeDB buffers each grouped row
with every node it holds, and an Article holds its text.
"""

from __future__ import annotations

from quotetrail.graph.store.cypher_read import QUOTE_COLUMNS, QUOTE_WHERE, STATEMENT_COLUMNS

# -- statements, most spread first --------------------------------------------------------

STATEMENT_PROBE = """
MATCH (st:Statement) WHERE st.quote_count >= $lo AND st.quote_count < $top
RETURN st.quote_count AS k, 1 AS n LIMIT $cap
"""
STATEMENT_TOP = ("MATCH (st:Statement) WHERE st.quote_count >= $cut AND st.quote_count < $top"
                 + STATEMENT_COLUMNS)

# -- speakers, most quoted first (counts stored by graph/store/tallies.py) -----------------

SPEAKER_PROBE = """
MATCH (sp:Speaker) WHERE sp.quote_count >= $lo AND sp.quote_count < $top
RETURN sp.quote_count AS k, 1 AS n LIMIT $cap
"""
_SPEAKER_COLUMNS = """
WITH sp ORDER BY coalesce(sp.quote_count, -1) DESC, sp.id SKIP $offset LIMIT $limit
WITH sp, coalesce(sp.quote_count, COUNT { MATCH (sp)<-[:ATTRIBUTED_TO]-(:Quote) }) AS quotes
RETURN sp.id AS id, sp.name AS name, sp.role AS role, sp.aliases AS aliases,
       COUNT { MATCH (sp)-[:MADE]->(:Statement) } AS statements, quotes,
       coalesce(sp.outlet_count, 0) AS outlets
ORDER BY quotes DESC, id
"""
SPEAKER_TOP = ("MATCH (sp:Speaker) WHERE sp.quote_count >= $cut AND sp.quote_count < $top"
               + _SPEAKER_COLUMNS)
SPEAKER_ALL = "MATCH (sp:Speaker)" + _SPEAKER_COLUMNS

# -- outlets, most quoting first ------------------------------------------------------------

OUTLET_PROBE = """
MATCH (o:Outlet) WHERE o.quote_count >= $lo AND o.quote_count < $top
RETURN o.quote_count AS k, 1 AS n LIMIT $cap
"""
_OUTLET_COLUMNS = """
WITH o ORDER BY coalesce(o.quote_count, -1) DESC, o.id SKIP $offset LIMIT $limit
RETURN o.id AS id, o.name AS name, o.domain AS domain,
       coalesce(o.article_count, COUNT { MATCH (o)<-[:PUBLISHED_BY]-(:Article) }) AS articles,
       coalesce(o.quote_count,
                COUNT { MATCH (o)<-[:PUBLISHED_BY]-(:Article)-[:CONTAINS]->(:Quote) }) AS quotes
ORDER BY quotes DESC, id
"""
OUTLET_TOP = ("MATCH (o:Outlet) WHERE o.quote_count >= $cut AND o.quote_count < $top"
              + _OUTLET_COLUMNS)
OUTLET_ALL = "MATCH (o:Outlet)" + _OUTLET_COLUMNS

# -- articles, newest first ------------------------------------------------------------------

ARTICLE_PROBE = """
MATCH (a:Article) WHERE a.published_ts >= $lo AND a.published_ts < $top
RETURN a.published_ts AS k, 1 AS n LIMIT $cap
"""
ARTICLE_TOTAL = "MATCH (a:Article) RETURN count(a) AS total"
ARTICLE_TOP = """
MATCH (a:Article) WHERE a.published_ts >= $cut AND a.published_ts < $top
WITH a.id AS aid, a.published AS published, a.published_ts AS ts
WITH aid, published, ts ORDER BY ts DESC, aid SKIP $offset LIMIT $limit
MATCH (a:Article {id: aid})
OPTIONAL MATCH (a)-[:PUBLISHED_BY]->(o:Outlet)
WITH aid AS id, a.title AS title, a.url AS url, a.source AS source, a.kind AS kind,
     a.language AS language, published, o.id AS outlet_id, o.name AS outlet,
     COUNT { MATCH (a)-[:CONTAINS]->(:Quote) } AS quotes, ts
RETURN id, title, url, source, kind, language, published, outlet_id, outlet, quotes
ORDER BY ts DESC, id
"""

# -- quotes, newest article first: windows of articles, counting the quotes that pass -----

QUOTE_PROBE = """
MATCH (a:Article) WHERE a.published_ts >= $lo AND a.published_ts < $top
WITH a LIMIT $cap
RETURN a.published_ts AS k, COUNT { MATCH (a)-[:CONTAINS]->(q:Quote)
""" + QUOTE_WHERE + """
} AS n
"""
# A speaker's quotes are all shown (they have a speaker): their total is the stored count.
SPEAKER_QUOTE_TOTAL = """
UNWIND $speakers AS sid
MATCH (sp:Speaker {id: sid})
RETURN sum(coalesce(sp.quote_count,
                    COUNT { MATCH (sp)<-[:ATTRIBUTED_TO]-(:Quote) })) AS total
"""
QUOTE_TOP = """
MATCH (a:Article) WHERE a.published_ts >= $cut AND a.published_ts < $top
WITH a LIMIT $every
MATCH (a)-[:CONTAINS]->(q:Quote)
""" + QUOTE_WHERE + QUOTE_COLUMNS
