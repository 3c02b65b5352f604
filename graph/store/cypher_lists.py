"""Filtered lists (statements, articles): where each filter starts its MATCH and the tests it
adds. A filter naming speakers or outlets starts at them, and only the tests asked for are
in the WHERE: ArcadeDB evaluates a `$x IS NULL OR ...` test on every row, which made a
speaker's statements or an outlet's articles read the whole archive (2 to 4 s at 100k).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from quotetrail.graph.store.cypher_read import (
    ARTICLE_COLUMNS_BY_ID,
    EVERY_ARTICLE,
    STATEMENT_COLUMNS,
)

STATEMENT_TESTS = {
    "since": "st.first_seen >= datetime($since)",
    "until": "st.first_seen < datetime($until)",
}
EVERY_STATEMENT = "MATCH (st:Statement)"
STATEMENTS_OF_SPEAKERS = "UNWIND $speakers AS sid\nMATCH (:Speaker {id: sid})-[:MADE]->(st)"

ARTICLE_TESTS = {
    "kind": "a.kind = $kind",
    "since": "a.published >= datetime($since)",
    "until": "a.published < datetime($until)",
}
ARTICLES_OF_OUTLETS = ("UNWIND $outlets AS oid\n"
                       "MATCH (:Outlet {id: oid})<-[:PUBLISHED_BY]-(a:Article)")


def _match(asked: Collection[str], every: str, anchor: tuple[str, str],
           tests: Mapping[str, str]) -> str:
    """`every` row, or those of the `anchor` (a filter's key and its MATCH) when asked,
    with the `tests` asked."""
    wheres = [tests[k] for k in tests if k in asked]
    return ((anchor[1] if anchor[0] in asked else every)
            + ("\nWHERE " + " AND ".join(wheres) if wheres else "") + "\n")


# Speakers alone: their MADE edges counted from each speaker (ArcadeDB counted the most
# quoted speaker's 10,732 by the MATCH in 11 ms, by COUNT in 4).
SPEAKERS_STATEMENT_TOTAL = """UNWIND $speakers AS sid
MATCH (sp:Speaker {id: sid})
RETURN sum(COUNT { MATCH (sp)-[:MADE]->() }) AS total"""


def statement_count(asked: Collection[str]) -> str:
    if set(asked) == {"speakers"}:
        return SPEAKERS_STATEMENT_TOTAL
    return _statements(asked) + "RETURN count(st) AS total"


def statement_page(asked: Collection[str]) -> str:
    return _statements(asked) + STATEMENT_COLUMNS


def _statements(asked: Collection[str]) -> str:
    return _match(asked, EVERY_STATEMENT, ("speakers", STATEMENTS_OF_SPEAKERS), STATEMENT_TESTS)


def article_count(asked: Collection[str]) -> str:
    return _articles(asked) + "RETURN count(a) AS total"


def article_page(asked: Collection[str]) -> str:
    return _articles(asked) + ARTICLE_COLUMNS_BY_ID


def _articles(asked: Collection[str]) -> str:
    return _match(asked, EVERY_ARTICLE, ("outlets", ARTICLES_OF_OUTLETS), ARTICLE_TESTS)
