"""The example queries of the README's "Queries to paste", one click away in the query
console. One list: `tests/viz/test_console_page.py` checks it against the README's blocks."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Example:
    title: str
    query: str
    params: dict[str, str] = field(default_factory=dict)


EXAMPLES: tuple[Example, ...] = (
    Example('Statements printed by more than one outlet, most-spread first', """\
MATCH (s:Speaker)-[:MADE]->(st:Statement)<-[:VARIANT_OF]-(q:Quote)
MATCH (q)<-[:CONTAINS]-(a:Article)-[:PUBLISHED_BY]->(o:Outlet)
WITH s, st, count(DISTINCT o) AS outlets, count(q) AS quotes
WHERE outlets > 1
RETURN s.name AS speaker, st.text AS statement, outlets, quotes
ORDER BY outlets DESC, quotes DESC
LIMIT 10
"""),
    Example('How faithfully each outlet quotes (mutation kinds per outlet)', """\
MATCH (o:Outlet)<-[:PUBLISHED_BY]-(a:Article)-[:CONTAINS]->(q:Quote)-[v:VARIANT_OF]->(:Statement)
RETURN o.name AS outlet, v.mutation AS mutation, count(*) AS quotes
ORDER BY outlet, quotes DESC
"""),
    Example('Where a quote most likely came from, with the dates on both ends', """\
MATCH (later:Quote)-[d:DERIVED_FROM]->(earlier:Quote)
MATCH (la:Article)-[:CONTAINS]->(later), (ea:Article)-[:CONTAINS]->(earlier)
RETURN later.text AS quote, la.title AS printed_in, la.published AS printed_on,
       ea.title AS likely_from, ea.published AS from_date, d.evidence AS evidence
ORDER BY printed_on
LIMIT 10
"""),
    Example('Everything one speaker is quoted as saying, with the words each outlet printed',
            """\
MATCH (sp:Speaker {name: $name})<-[:ATTRIBUTED_TO]-(q:Quote)<-[:CONTAINS]-(a:Article)
MATCH (a)-[:PUBLISHED_BY]->(o:Outlet)
RETURN a.published AS date, o.name AS outlet, q.kind AS kind, q.text AS words
ORDER BY date, outlet
LIMIT 25
""", params={"name": "Jens Stoltenberg"}),
)
