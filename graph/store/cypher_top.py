"""The queries of lists paged from the top of an index (graph/store/topk.py).

Each list has a PROBE (`k, n` of at most `$cap` rows with `$lo <= k < $top`: a range with
both ends, which ArcadeDB's index answers and stops reading at the LIMIT) and a TOP page
(the rows at or above the cutoff `$cut`, sorted, skipped and limited), plus its ALL page,
which sorts every row with or without a key: for lists shorter than the page and for pages
past the keyed rows. Every range has both ends: without them, ArcadeDB's planner may start
elsewhere and read every article. No probe groups rows: ArcadeDB buffers each grouped row
with every node it holds, and an Article holds its text.
"""

from __future__ import annotations

from collections.abc import Collection

from quotetrail.graph.store.cypher_read import (
    ARTICLE_COLUMNS,
    EVERY_ARTICLE,
    QUOTE_COLUMNS,
    QUOTE_TESTS,
    STATEMENT_COLUMNS,
    quote_where,
    quotes_of,
)

# -- statements, most spread first --------------------------------------------------------

# The statements with a count in `[$lo, $top)`, each list's rows below.
STATEMENTS_IN = "MATCH (st:Statement) WHERE st.quote_count >= $lo AND st.quote_count < $top"
STATEMENT_PROBE = STATEMENTS_IN + " RETURN st.quote_count AS k, 1 AS n LIMIT $cap"
# The statements of each count, for a deep page (topk._deep; buckets of one count).
STATEMENT_HIST = STATEMENTS_IN + \
    " RETURN toInteger((st.quote_count - $lo) / $width) AS b, count(*) AS n"
STATEMENT_TOP = ("MATCH (st:Statement) WHERE st.quote_count >= $cut AND st.quote_count < $top"
                 + STATEMENT_COLUMNS)
# The statements of one count (`$top = $lo + 1`), counted by the first `$width` characters of
# their id, and a page of them from a range of ids `[$id_lo, $id_hi)` (graph/store/tie_page.py).
# Both tests are ranges: with `st.quote_count = $k`, ArcadeDB read the whole tie from its
# index (40 ms against 3 at 100k).
STATEMENT_TIE_PREFIXES = STATEMENTS_IN + " RETURN substring(st.id, 0, $width) AS p, count(*) AS n"
STATEMENT_TIE_PAGE = STATEMENTS_IN + " AND st.id >= $id_lo AND st.id < $id_hi" + STATEMENT_COLUMNS

# A much quoted speaker's statements, most spread first: from the top of the same index,
# each window's statements counted 1 when the speaker made them (browse.SPEAKER_TOP_MOST).
SPEAKER_STATEMENT_PROBE = """
MATCH (st:Statement) WHERE st.quote_count >= $lo AND st.quote_count < $top
WITH st LIMIT $cap
RETURN st.quote_count AS k, COUNT { MATCH (st)<-[:MADE]-(sp:Speaker) WHERE sp.id IN $speakers } AS n
"""
SPEAKER_STATEMENT_TOP = """
MATCH (st:Statement) WHERE st.quote_count >= $cut AND st.quote_count < $top
  AND EXISTS { MATCH (st)<-[:MADE]-(sp:Speaker) WHERE sp.id IN $speakers }""" + STATEMENT_COLUMNS

# -- speakers, most quoted first (counts stored by graph/store/tallies.py) -----------------

SPEAKER_PROBE = """
MATCH (sp:Speaker) WHERE sp.quote_count >= $lo AND sp.quote_count < $top
RETURN sp.quote_count AS k, 1 AS n LIMIT $cap
"""
# MADE ends only at statements: counted with no label on its end, Neo4j reads the node's
# degree instead of every statement (7.5 -> 1.5 ms for the 20 most quoted at 100k).
_SPEAKER_COLUMNS = """
WITH sp ORDER BY coalesce(sp.quote_count, -1) DESC, sp.id SKIP $offset LIMIT $limit
WITH sp, coalesce(sp.quote_count, COUNT { MATCH (sp)<-[:ATTRIBUTED_TO]-(:Quote) }) AS quotes
RETURN sp.id AS id, sp.name AS name, sp.role AS role, sp.aliases AS aliases,
       COUNT { MATCH (sp)-[:MADE]->() } AS statements, quotes,
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

ARTICLES_IN = "MATCH (a:Article) WHERE a.published_ts >= $lo AND a.published_ts < $top"
ARTICLE_PROBE = ARTICLES_IN + " RETURN a.published_ts AS k, 1 AS n LIMIT $cap"
# The articles of each day, for a deep page (topk._deep).
ARTICLE_HIST = ARTICLES_IN + \
    " RETURN toInteger((a.published_ts - $lo) / $width) AS b, count(*) AS n"
ARTICLE_TOTAL = "MATCH (a:Article) RETURN count(a) AS total"
ARTICLE_TOP = ("MATCH (a:Article) WHERE a.published_ts >= $cut AND a.published_ts < $top"
               + ARTICLE_COLUMNS)

# -- quotes, newest article first: windows of articles, counting the quotes that pass -----

def quote_probe(asked: Collection[str]) -> str:
    """Keys of windows of articles, each with how many of its quotes pass the tests asked."""
    return ("MATCH (a:Article) WHERE a.published_ts >= $lo AND a.published_ts < $top\n"
            "WITH a LIMIT $cap\n"
            "RETURN a.published_ts AS k, COUNT { MATCH (a)-[:CONTAINS]->(q:Quote)"
            + quote_where(asked) + "} AS n")


def counted_quote_probe(asked: Collection[str]) -> str:
    """`quote_probe` of the archive-wide filters (kind, mutation, dates) from each article's
    kept counts (graph/store/quote_days.py, slot `$slot`): no quote is read."""
    n = "coalesce(a.quote_counts[$slot], 0)"
    if dates := [QUOTE_TESTS[k] for k in ("since", "until") if k in asked]:
        n = f"CASE WHEN {' AND '.join(dates)} THEN {n} ELSE 0 END"
    return ("MATCH (a:Article) WHERE a.published_ts >= $lo AND a.published_ts < $top\n"
            f"WITH a LIMIT $cap\nRETURN a.published_ts AS k, {n} AS n")


def counted_quote_top(asked: Collection[str]) -> str:
    """`quote_top` reading the quotes only of articles whose kept count says some pass: a
    sparse filter (2.6% of quotes paraphrased) read every article of its days."""
    return (quotes_of(EVERY_ARTICLE, asked, "a.published_ts >= $cut AND a.published_ts < $top",
                      "a.quote_counts[$slot] > 0") + QUOTE_COLUMNS)


# A speaker's quotes are all shown (they have a speaker): their total is the stored count.
SPEAKER_QUOTE_TOTAL = """
UNWIND $speakers AS sid
MATCH (sp:Speaker {id: sid})
RETURN sum(coalesce(sp.quote_count,
                    COUNT { MATCH (sp)<-[:ATTRIBUTED_TO]-(:Quote) })) AS total
"""
def quote_top(asked: Collection[str]) -> str:
    """The quotes of the articles at or above the cutoff that pass the tests asked, paged."""
    return (quotes_of(EVERY_ARTICLE, asked, "a.published_ts >= $cut AND a.published_ts < $top")
            + QUOTE_COLUMNS)
