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
a speaker's printings in it ran the server out of heap. So quotes are reached from their
article (`quotes_of`), the article's columns are projected by a WITH that does not sort,
and after paging each article's columns are read once, from its first quote on the page
(tests/api/test_large_article.py).

What hangs off a list's paged rows is read by pattern comprehensions from them: ArcadeDB may
plan a MATCH or OPTIONAL MATCH after a WITH from the pattern's other end, the smaller label,
and join (from 1,300 outlets through the 100k articles they published: 80 ms for a page of
50 articles; the comprehension, 1 ms).
"""

from __future__ import annotations

from collections.abc import Collection

# Lookups by name (a speaker or outlet filter takes an id or a name).
# Then the keys lists page by (topk.py, timeline_order.py, outlet_order.py).
INDEXES = tuple(f"CREATE INDEX {label.lower()}_{key} IF NOT EXISTS FOR (n:{label}) ON (n.{key})"
                for label, key in (
    ("Speaker", "name"), ("Outlet", "name"), ("Quote", "confidence"),
    ("Statement", "quote_count"), ("Speaker", "quote_count"), ("Outlet", "quote_count"),
    ("Article", "published_ts"), ("Statement", "timeline"), ("Article", "outlet_time")))

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

# A statement and its variants in one round trip, the API's hottest read: one row per variant
# (the statement's columns repeat; a statement without variants gives one row with no quote).
TRACE = """
MATCH (st:Statement {id: $id})
OPTIONAL MATCH (maker:Speaker)-[:MADE]->(st)
WITH st, maker
OPTIONAL MATCH (st)<-[v:VARIANT_OF]-(q:Quote)<-[:CONTAINS]-(a:Article)
OPTIONAL MATCH (a)-[:PUBLISHED_BY]->(o:Outlet)
OPTIONAL MATCH (q)-[:ATTRIBUTED_TO]->(sp:Speaker)
OPTIONAL MATCH (q)-[d:DERIVED_FROM]->(src:Quote)-[:VARIANT_OF]->(st)
RETURN st.id AS id, st.text AS statement_text, maker.name AS statement_speaker,
       toString(st.first_seen) AS first_seen, st.quote_count AS quote_count,
       st.conflict_speakers AS conflict_speakers, st.conflict_counts AS conflict_counts,
       v.speaker_inferred_from AS inferred_from, v.speaker_corrected AS corrected,
       v.corrected_speaker AS corrected_speaker, d.confidence AS confidence, q.id AS quote_id,
       q.text AS text, q.kind AS kind, sp.name AS speaker, q.speaker_withheld AS withheld,
       q.speaker_mention AS mention, v.mutation AS mutation, v.similarity AS similarity,
       v.diff AS diff, a.id AS article_id, a.title AS title, a.source AS source, a.url AS url,
       a.kind AS article_kind, toString(a.published) AS published, a.loaded_at AS loaded_at,
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
MATCH (o:Outlet {id: $name}) RETURN o.id AS id, o.article_count AS articles
UNION
MATCH (o:Outlet {name: $name}) RETURN o.id AS id, o.article_count AS articles
"""

# -- statements ------------------------------------------------------------------------

_STATEMENT_FILTER = """
WHERE ($speakers IS NULL OR EXISTS {
        MATCH (sp:Speaker)-[:MADE]->(st) WHERE sp.id IN $speakers })
  AND ($since IS NULL OR st.first_seen >= datetime($since))
  AND ($until IS NULL OR st.first_seen < datetime($until))
"""

STATEMENT_COLUMNS = """
WITH st ORDER BY st.quote_count DESC, st.id SKIP $offset LIMIT $limit
WITH st, [(st)<-[:MADE]-(sp:Speaker) | [sp.name, sp.id]][0] AS sp
RETURN st.id AS id, st.text AS text, sp[0] AS speaker, sp[1] AS speaker_id,
       st.quote_count AS quote_count
ORDER BY quote_count DESC, id
"""


# Unfiltered, the filter's tests alone cost half the page on ArcadeDB: a shape of its own.
STATEMENT_COUNT_ALL = "MATCH (st:Statement) RETURN count(st) AS total"

STATEMENT_PAGE_ALL = "MATCH (st:Statement)" + STATEMENT_COLUMNS

# -- search: a full-text index on statement and quote text ---------------------------
# The engine's query (dialect.FullText.hits) yields `st, score` for each statement whose text
# or a variant's text matches; from there the best-scoring statements that pass the filters
# are the candidates that fuzzy matching ranks, each with every wording it was printed in:
# its kept distinct prints (graph/link/keys.py), or its quotes' texts when a graph written
# before them has none (reading every print cost the search most of its time at 100k).

SEARCH_CANDIDATES = """
WITH st, max(score) AS relevance
""" + _STATEMENT_FILTER + """
WITH st, relevance ORDER BY relevance DESC, st.quote_count DESC, st.id LIMIT $candidates
WITH st, [(st)<-[:MADE]-(sp:Speaker) | [sp.name, sp.id]][0] AS sp
RETURN st.id AS id, st.text AS text, sp[0] AS speaker, sp[1] AS speaker_id,
       st.quote_count AS quote_count, st.prints AS prints,
       CASE WHEN st.prints IS NULL THEN [(st)<-[:VARIANT_OF]-(q:Quote) | q.text] END AS texts
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
# starts (QUOTE_ANCHORS), so a filtered list reads that one's quotes, not the archive's. Only
# the tests asked for are in the WHERE: ArcadeDB evaluates `$x IS NULL OR ...` on every row,
# which cost a filtered list most of its time.
UNATTRIBUTED_CONFIDENCE = 0.3  # at or below it, quoted words with no speaker are hidden
SHOWN = """(coalesce(q.confidence, 0.0) > $unattributed
       OR EXISTS { MATCH (q)-[:ATTRIBUTED_TO]->(:Speaker) })"""
QUOTE_TESTS = {
    "article": "a.id = $article",
    "kind": "q.kind = $kind",
    "since": "a.published >= datetime($since)",
    "until": "a.published < datetime($until)",
    "outlets": "EXISTS { MATCH (a)-[:PUBLISHED_BY]->(o:Outlet) WHERE o.id IN $outlets }",
    "speakers": "EXISTS { MATCH (q)-[:ATTRIBUTED_TO]->(sp:Speaker) WHERE sp.id IN $speakers }",
    "shown": SHOWN,
    "mutation": "EXISTS { MATCH (q)-[v:VARIANT_OF]->(:Statement) WHERE v.mutation = $mutation }",
}


def quote_where(asked: Collection[str], *more: str) -> str:
    """The WHERE of the quote tests `asked` (keys of QUOTE_TESTS) and of `more` tests."""
    tests = [QUOTE_TESTS[k] for k in QUOTE_TESTS if k in asked] + list(more)
    return "\nWHERE " + "\n  AND ".join(tests) + "\n" if tests else "\n"


# The columns of the article of quote `first`, read once by a comprehension from the quote.
ARTICLE_OF_FIRST = """[(first)<-[:CONTAINS]-(a:Article) |
       [a.source, a.title, a.url, toString(a.published),
        [(a)-[:PUBLISHED_BY]->(o:Outlet) | o.name][0]]][0]"""


def quotes_of(match: str, asked: Collection[str], *more: str) -> str:
    """One row `q, aid, ts` per quote that `match` reaches from its article `a` and that
    passes the tests asked: the article is matched first and read with its quotes (a row
    that reaches an article from a quote reads it whole on its own, text and all), and
    dropped by a WITH that does not sort (a sorted row holds what its own WITH drops)."""
    return (match + "-[:CONTAINS]->(q:Quote)" + quote_where(asked, *more)
            + f"WITH q, a.id AS aid, coalesce(a.published_ts, {UNDATED}) AS ts\n")


# Newest article first (undated last), then text order: the order of the article list, and
# the one an index can give (topk.py). After paging, the quotes are grouped by article and
# each article's columns are read once, from its first quote.
UNDATED = -(2**62)
QUOTE_COLUMNS = f"""WITH q, aid, ts ORDER BY ts DESC, aid, q.start, q.id SKIP $offset LIMIT $limit
WITH aid, ts, collect(q) AS paged
WITH aid, ts, paged, paged[0] AS first
WITH aid, ts, paged, {ARTICLE_OF_FIRST} AS art
UNWIND paged AS q
RETURN q.id AS id, q.text AS text, q.kind AS kind, q.start AS start, q.end AS end,
       q.cue AS cue, q.confidence AS confidence,
       [(q)-[:ATTRIBUTED_TO]->(sp:Speaker) | sp.name][0] AS speaker,
       [(q)-[:VARIANT_OF]->(st:Statement) | st.id] AS statements,
       [(q)-[v:VARIANT_OF]->(:Statement) | v.mutation] AS mutations,
       aid AS article_id, ts, art[0] AS source, art[1] AS title, art[2] AS url,
       art[3] AS published, art[4] AS outlet
ORDER BY ts DESC, article_id, start, id
"""

# Where an anchored quote list starts: one row per article `a` that may hold its quotes.
QUOTE_ANCHORS = {
    "article": "MATCH (a:Article {id: $article})",
    "speaker": "UNWIND $speakers AS sid\n"
               "MATCH (:Speaker {id: sid})<-[:ATTRIBUTED_TO]-(:Quote)<-[:CONTAINS]-(a:Article)\n"
               "WITH a, count(*) AS printed",
    "outlet": "UNWIND $outlets AS oid\nMATCH (:Outlet {id: oid})<-[:PUBLISHED_BY]-(a:Article)",
}
EVERY_ARTICLE = "MATCH (a:Article)"
ARTICLES_OF_PAGE = "UNWIND $aids AS page_aid\nMATCH (a:Article {id: page_aid})"


def quote_count(asked: Collection[str]) -> str:
    """The total of the whole archive's quotes that pass the tests asked."""
    return EVERY_ARTICLE + "-[:CONTAINS]->(q:Quote)" + quote_where(asked) + \
        "RETURN count(q) AS total"


def quote_tally(anchor: str, asked: Collection[str]) -> str:
    """Each of an anchor's articles with quotes that pass the tests asked: its id, its date
    key and how many pass (a page then reads only the articles it reaches into)."""
    return (QUOTE_ANCHORS[anchor] + "\nWITH a, COUNT { MATCH (a)-[:CONTAINS]->(q:Quote)"
            + quote_where(asked) + f"}} AS n WHERE n > 0\n"
            f"RETURN a.id AS aid, coalesce(a.published_ts, {UNDATED}) AS ts, n")


def quote_page(asked: Collection[str]) -> str:
    """A page of the whole archive's quotes that pass the tests asked."""
    return quotes_of(EVERY_ARTICLE, asked) + QUOTE_COLUMNS


def quote_page_of(asked: Collection[str], columns: str = QUOTE_COLUMNS) -> str:
    """A page of the quotes of articles `$aids` that pass the tests asked, `$offset` counted
    from the first quote of the first of them."""
    return quotes_of(ARTICLES_OF_PAGE, asked) + columns


# Unfiltered, the total of quotes shown (not words nobody said) is kept on the outlets
# (graph/store/tallies.py) and summed: 5 ms instead of 375 at 100k articles. A graph whose
# outlets were never counted (an earlier version's, until its next load) counts them.
QUOTE_TOTAL = "MATCH (q:Quote) RETURN count(q) AS total"
QUOTES_SHOWN = """
MATCH (o:Outlet)
RETURN sum(o.shown_count) AS total, count(o) - count(o.shown_count) AS untallied
"""
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
       COUNT { MATCH (sp)-[:MADE]->() } AS statements, quotes, outlets
ORDER BY quotes DESC, id
"""

SPEAKER = """
MATCH (sp:Speaker {id: $id})
RETURN sp.id AS id, sp.name AS name, sp.role AS role, sp.aliases AS aliases,
       COUNT { MATCH (sp)-[:MADE]->() } AS statements,
       coalesce(sp.quote_count, COUNT { MATCH (sp)<-[:ATTRIBUTED_TO]-(:Quote) }) AS quotes
"""

# One page of a speaker's statements (earliest first), with each one's prints and mutations
# (its outlets counted by linking: reading each print's article cost 70 ms a page at 100k).
SPEAKER_STATEMENT_COLUMNS = """
RETURN st.id AS id, st.text AS text, toString(st.first_seen) AS first_seen,
       st.quote_count AS quote_count, st.outlet_count AS outlet_count,
       [(st)<-[v:VARIANT_OF]-() | v.mutation] AS printed
"""
SPEAKER_STATEMENTS = """
MATCH (:Speaker {id: $id})-[m:MADE]->(st:Statement)
WITH st, m.order AS o ORDER BY o
SKIP $offset LIMIT $limit""" + SPEAKER_STATEMENT_COLUMNS
# ... in a graph whose MADE edges have no timeline order yet (graph/store/timeline_order.py)
SPEAKER_STATEMENTS_UNKEYED = """
MATCH (:Speaker {id: $id})-[:MADE]->(st:Statement)
WITH st, st.first_seen AS seen, st.id AS sid
WITH st, seen, sid ORDER BY CASE WHEN seen IS NULL THEN 1 ELSE 0 END, seen, sid
SKIP $offset LIMIT $limit""" + SPEAKER_STATEMENT_COLUMNS
# The statements of the printings a speaker page shows, by id.
STATEMENTS_BY_ID = "UNWIND $ids AS sid MATCH (st:Statement {id: sid})" + \
    SPEAKER_STATEMENT_COLUMNS
# The outlets of statements linked before they kept their count (`quotetrail relink` adds it).
STATEMENT_OUTLETS = """
UNWIND $ids AS sid
MATCH (:Statement {id: sid})<-[:VARIANT_OF]-(:Quote)<-[:CONTAINS]-(:Article)
      -[:PUBLISHED_BY]->(o:Outlet)
RETURN sid AS id, count(DISTINCT o) AS outlets
"""

# -- articles --------------------------------------------------------------------------

# Newest first, undated last. A page of a range of the date index (cypher_top) projects the
# article's columns by a WITH that does not sort, so no sorted row holds the article's text.
ARTICLE_COLUMNS = f"""
WITH a.id AS aid, coalesce(a.published_ts, {UNDATED}) AS ts,
     toString(a.published) AS published,
     a.title AS title, a.url AS url, a.source AS source, a.kind AS kind,
     a.language AS language, [(a)-[:PUBLISHED_BY]->(o:Outlet) | [o.id, o.name]][0] AS o,
     COUNT {{ MATCH (a)-[:CONTAINS]->(:Quote) }} AS quotes
WITH aid, ts, published, title, url, source, kind, language, o, quotes
ORDER BY ts DESC, aid SKIP $offset LIMIT $limit
RETURN aid AS id, title, url, source, kind, language, published, o[0] AS outlet_id,
       o[1] AS outlet, quotes, ts
ORDER BY ts DESC, id
"""
# A filtered list (cypher_lists) sorts by date and id alone, then reads the columns of its
# page's articles only: half the time for an outlet's 1,444 articles. (After a range of
# the date index, ArcadeDB plans that second MATCH badly: 80 ms instead of 6 for a page.)
ARTICLE_COLUMNS_BY_ID = f"""
WITH a.id AS aid, coalesce(a.published_ts, {UNDATED}) AS ts
ORDER BY ts DESC, aid SKIP $offset LIMIT $limit
MATCH (a:Article {{id: aid}})
RETURN aid AS id, a.title AS title, a.url AS url, a.source AS source, a.kind AS kind,
       a.language AS language, toString(a.published) AS published,
       [(a)-[:PUBLISHED_BY]->(o:Outlet) | o.id][0] AS outlet_id,
       [(a)-[:PUBLISHED_BY]->(o:Outlet) | o.name][0] AS outlet,
       COUNT {{ MATCH (a)-[:CONTAINS]->(:Quote) }} AS quotes, ts
ORDER BY ts DESC, id
"""

ARTICLE = """
MATCH (a:Article {id: $id})
OPTIONAL MATCH (a)-[:PUBLISHED_BY]->(o:Outlet)
RETURN a.id AS id, a.title AS title, a.url AS url, a.source AS source, a.kind AS kind,
       a.language AS language, toString(a.published) AS published,
       a.published_note AS published_note,
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
       q.cue AS cue, q.speaker_mention AS mention, sp.id AS speaker_id, sp.name AS speaker,
       coalesce(r.method, CASE WHEN q.speaker_withheld THEN 'withheld' END) AS method,
       coalesce(r.confidence, q.confidence) AS confidence, st.id AS statement_id,
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
# table; bounded like every list); their articles' heads are read apart, by id (ARTICLE_HEADS):
# a comprehension from each article's first printing took 20 of the page's 40 ms at 100k.
SPEAKER_QUOTE_COLUMNS = """WITH q, aid, ts ORDER BY ts DESC, q.id LIMIT $limit
WITH q, aid,
     [(q)-[r:ATTRIBUTED_TO]->(sp:Speaker) WHERE sp.id IN $speakers | [r.method, r.confidence]][0]
       AS credit,
     [(q)-[v:VARIANT_OF]->(st:Statement) | [st.id, st.text, v.mutation]] AS made
UNWIND CASE WHEN size(made) = 0 THEN [null] ELSE made END AS m
RETURN q.id AS quote_id, q.text AS text, q.kind AS kind, q.cue AS cue,
       q.speaker_mention AS mention, credit[0] AS method,
       coalesce(credit[1], q.confidence) AS confidence, aid AS article_id,
       m[0] AS statement_id, m[1] AS statement_text, m[2] AS mutation
ORDER BY quote_id, statement_id
"""
ARTICLE_HEADS = """UNWIND $ids AS aid MATCH (a:Article {id: aid})
RETURN a.id AS article_id, a.title AS title, a.url AS url,
       toString(a.published) AS published,
       [(a)-[:PUBLISHED_BY]->(o:Outlet) | o.name][0] AS outlet"""
# The same from the newest articles down to a cutoff (topk.py), for a speaker quoted so often
# that reading every printing to sort them costs seconds (37k printings at 100k articles).
SPEAKER_QUOTES_TOP = quotes_of(EVERY_ARTICLE, {"speakers"},
                               "a.published_ts >= $cut AND a.published_ts < $top"
                               ) + SPEAKER_QUOTE_COLUMNS

# -- outlets ---------------------------------------------------------------------------

OUTLET_COUNT = "MATCH (o:Outlet) RETURN count(o) AS total"
