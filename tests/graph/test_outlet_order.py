"""Each article keeps its outlet-and-date key, indexed (graph/store/outlet_order.py), so one
outlet's articles are paged from that index: written with the article, moved by a reload
to another outlet, and given to a graph written before it at its first load."""

from __future__ import annotations

from quotetrail.graph.store import browse, cypher_lists, outlet_order
from quotetrail.loaders.records import Document
from quotetrail.pipeline import load

from helpers import clear

DAYS = ["2022-02-14", "2022-02-16T08:00:00+01:00", "2022-02-16", "2022-02-11", None,
        "2022-02-20", "2022-02-16"]  # two on one day, one undated
KEYS = """
MATCH (a:Article)-[:PUBLISHED_BY]->(o:Outlet)
RETURN a.id AS id, o.id AS outlet, a.published AS published, a.outlet_time AS key
"""


def doc(n: int, published: str | None, outlet: str = "Harbour Times") -> Document:
    return Document(text=f'Mayor Ilse Varga said: "Ferry line {n} will run every hour this '
                         f'summer." Reported by desk {n}.', source=f"ferry{n}.txt",
                    title=f"Ferry {n}", outlet=outlet, published=published)


def _keys_as_the_articles_say(store) -> None:
    rows = store.rows(KEYS)
    assert rows and all(r["key"] == outlet_order.key(r["outlet"], r["published"], r["id"])
                        for r in rows)


def _pages(store, outlet: str, limit: int = 2) -> list[list[str]]:
    total = browse.article_page(store, outlet=outlet, limit=1).total
    return [[a.id for a in browse.article_page(store, outlet=outlet, limit=limit,
                                               offset=at).items]
            for at in range(0, total, limit)]


def _sorted(store, outlet: str, limit: int = 2) -> list[list[str]]:
    ids = [r["id"] for r in store.rows(cypher_lists.article_page({"outlets"}),
                                       outlets=[outlet], limit=1000, offset=0)]
    return [ids[at:at + limit] for at in range(0, len(ids), limit)]


def test_an_outlets_articles_page_from_their_key_and_an_older_graph_gets_it(empty_store):
    assert not load(empty_store, [doc(n, day) for n, day in enumerate(DAYS)]
                    + [doc(9, "2022-02-15", "Other Post")]).failed
    assert outlet_order.keyed(empty_store)
    _keys_as_the_articles_say(empty_store)
    outlet = browse.outlet_ids(empty_store, "Harbour Times")[0]
    keyed = _pages(empty_store, outlet)
    assert len(keyed) == 4 and keyed == _sorted(empty_store, outlet)
    assert outlet_order.page(empty_store, {"outlets": [outlet]}, 2, 2) == \
        empty_store.rows(cypher_lists.article_page({"outlets"}), outlets=[outlet], limit=2,
                         offset=2)
    # a reload that moves an article to the other outlet moves its key
    assert not load(empty_store, [doc(0, DAYS[0], "Other Post")]).failed
    _keys_as_the_articles_say(empty_store)
    assert _pages(empty_store, outlet) == _sorted(empty_store, outlet)
    # the same graph as a version before the key wrote it: no key, no marker
    empty_store.write(lambda tx: tx.run(
        "MATCH (a:Article) REMOVE a.outlet_time WITH count(*) AS n "
        "MATCH (m:Meta {id: $id}) DETACH DELETE m", id=outlet_order.MARKER).consume())
    assert not outlet_order.keyed(empty_store)
    before = _pages(empty_store, outlet)
    assert before == _sorted(empty_store, outlet)
    assert not load(empty_store, [doc(10, "2022-02-17")]).failed
    assert outlet_order.keyed(empty_store)
    _keys_as_the_articles_say(empty_store)
    assert _pages(empty_store, outlet) == _sorted(empty_store, outlet)
    clear(empty_store)
