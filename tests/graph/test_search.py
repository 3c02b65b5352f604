"""Search reads the engine's own full-text index (dialect.FullText) and fuzzy-ranks only the
candidates it names: on both engines the same statement comes first for exact words, a
reworded print and a typo, and no character of the user's words breaks the Lucene query or
is read as its syntax."""

from __future__ import annotations

import pytest

from quotetrail.graph.store import cypher_read, key_backfill, meta
from quotetrail.graph.store.search import SearchRefused, lucene_query, search_page, search_terms
from quotetrail.loaders.records import Document
from quotetrail.pipeline import load

from helpers import clear

SAID = {
    "harbour": ('Maria Keller said: "The harbour bridge will reopen to traffic before the '
                'winter storms arrive."', "2024-03-01"),
    "orchestra": ('Tomas Lind said: "Our orchestra needs a permanent concert hall in the old '
                  'tannery district."', "2024-03-02"),
    "herring": ('Ana Ruiz said: "Fishing quotas for herring must be cut by a third this '
                'season."', "2024-03-03"),
    "season": ('Tomas Lind said: "The winter concert season opens in the tannery hall next '
               'week."', "2024-03-04"),
}
SPECIALS = ["AND", "OR", "NOT", "(", ")", '"', "*", "~", ":", "\\", "/", "+", "-", "!", "^",
            "[", "]", "{", "}", "?", "|", "&&", "||", "*:*", "text:", '\\"', "~2"]


@pytest.fixture
def said(empty_store):
    documents = [Document(text=text, source=f"{key}.txt", title=key, outlet="Made-up Post",
                          published=day) for key, (text, day) in SAID.items()]
    assert not load(empty_store, documents).failed
    yield empty_store
    clear(empty_store)


def top(store, text: str, **filters) -> str:
    hits = search_page(store, text, **filters).items
    assert hits, text
    return hits[0].text


def test_the_full_text_index_exists_after_store_setup(store):
    store.ensure_schema()  # again: every statement of the schema is idempotent
    covered = {(label, prop) for r in store.rows(
        "SHOW INDEXES YIELD type, labelsOrTypes, properties WHERE type = 'FULLTEXT' "
        "RETURN labelsOrTypes, properties")
        for label in r["labelsOrTypes"] for prop in r["properties"]}
    assert {("Statement", "text"), ("Quote", "text")} <= covered


@pytest.mark.parametrize(("text", "expected"), [
    ("harbour bridge will reopen to traffic", "harbour bridge"),  # exact words
    ("the harbor bridge reopens for traffic before winter", "harbour bridge"),  # reworded
    ("orchestra needs a permanant concert hall", "orchestra needs"),  # a typo
    ("herring quotas cut by a third", "quotas for herring"),  # words in another order
    ("concert season in the tannery", "concert season opens"),
])
def test_the_same_statement_comes_first_on_both_engines(said, text, expected):
    assert expected in top(said, text)


def test_a_statement_is_found_in_the_load_that_wrote_it(said):
    """The engines index in the writing transaction: no indexing stage after a load."""
    assert not load(said, [Document(text='Ana Ruiz said: "Lighthouse keepers deserve a pay '
                                         'rise."', source="new.txt", outlet="Made-up Post",
                                    published="2024-03-05")]).failed
    assert "Lighthouse" in top(said, "lighthouse keepers pay")


@pytest.mark.parametrize("special", SPECIALS)
def test_lucene_syntax_in_the_words_neither_errs_nor_steers_the_search(said, special):
    assert "herring" in top(said, f"herring {special} quotas {special}")
    if not any(c.isalnum() for c in special):  # glued to the words, which still split there
        assert "herring" in top(said, f'{special}"herring{special}quotas{special}')


def test_words_that_are_only_syntax_are_refused_with_a_reason(said):
    with pytest.raises(SearchRefused, match="common words"):
        search_page(said, " ".join(s for s in SPECIALS if s != "text:"))


def test_the_index_query_takes_syntax_as_words(said):
    """Straight at the index: `*` or `*:*` unescaped would match every statement (Neo4j),
    a stray quote or bracket would be a syntax error (both); quoted, each matches nothing."""
    fulltext = said.dialect.fulltext
    for special in [*SPECIALS, "herring OR *", 'x" OR "herring']:
        rows = said.rows(fulltext.hits + "RETURN st.text AS text",
                         lucene=lucene_query([special], fuzzy=fulltext.fuzzy), hits=100)
        assert rows == [], special
    assert said.rows(fulltext.hits + "RETURN st.text AS text",
                     lucene=lucene_query(["herring"]), hits=100)


def test_filters_apply_to_what_the_index_finds(said):
    lind = said.rows("MATCH (s:Speaker {name: 'Tomas Lind'}) RETURN s.id AS id")[0]["id"]
    found = search_page(said, "winter", speakers=[lind], min_score=0).items
    assert found and all(h.speaker == "Tomas Lind" for h in found)
    later = search_page(said, "winter tannery concert harbour", since="2024-03-04",
                        min_score=0).items
    assert [h.text for h in later] == [SAID["season"][0].split('"')[1]]


def test_kept_prints_rank_as_the_quotes_they_stand_for(said):
    """Search finds and ranks a statement by its kept distinct prints (Statement.prints);
    a graph written before them (no `prints`, its link-keys marker at version 1) looks the
    words up in its quotes and reads their texts instead, with the same hits and scores."""
    assert not load(said, [Document(
        text='Maria Keller told reporters: "The harbour bridge will reopen to traffic before the '
             'first snowfall."', source="keller2.txt", outlet="Other Post", published="2024-03-07",
    )]).failed
    printed = said.rows("MATCH (st:Statement)<-[:VARIANT_OF]-(q:Quote) "
                        "WITH st, count(DISTINCT q.text) AS n WHERE n > 1 RETURN st.id AS id")
    assert printed  # one statement printed in two wordings: its prints are ranked
    queries = ["reopen before the first snowfall", "concert hall tannery",
               "herring quotas"]
    assert key_backfill.current(said)
    kept = [search_page(said, q, min_score=0).items for q in queries]
    said.write(lambda tx: tx.run("MATCH (st:Statement) REMOVE st.prints").consume())
    meta.mark(said, key_backfill.MARKER, key_backfill.NOTE, version=1)
    assert not key_backfill.current(said)
    assert [search_page(said, q, min_score=0).items for q in queries] == kept
    assert kept[0][0].id == printed[0]["id"] and kept[0][0].score == 100  # the second print


def test_search_terms_keep_the_printed_and_the_canonical_spelling():
    assert search_terms("The colour of 100,000 voices") == ["colour", "color", "100,000",
                                                           "100000", "voices"]
    assert lucene_query(['a"b', "c\\d"]) == '"a\\"b" OR "c\\\\d"'
    assert lucene_query(["x:y(z)"], fuzzy=True) == '"x:y(z)" OR x\\:y\\(z\\)~1'


def test_the_next_load_deletes_the_old_word_index(said):
    said.write(lambda tx: tx.run(
        "MATCH (st:Statement) SET st.words_indexed = true "
        "WITH st CREATE (:Word {id: 'w-' + st.id})-[:IN]->(st)").consume())
    assert said.rows(cypher_read.ANY_OLD_WORD)
    load(said, [Document(text='Maria Keller said: "Ferries run every hour."', source="f.txt",
                         outlet="Made-up Post", published="2024-03-06")])
    assert not said.rows(cypher_read.ANY_OLD_WORD)
    assert said.rows("MATCH (st:Statement) WHERE st.words_indexed IS NOT NULL "
                     "RETURN count(st) AS n")[0]["n"] == 0
