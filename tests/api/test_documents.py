"""POST /api/documents: one document in, written whole or not at all, what it created out.

The quotes expected below were read off the test text by hand.
"""

from __future__ import annotations

import pytest

from quotetrail.graph.store import browse, queries

from helpers import clear

TEXT = (
    "Harbour council votes on ferry fares\n\n"
    "The mayor, Ana Duarte, defended the plan on Monday. "
    "“Nobody will pay more than two euros for a crossing,” Ana Duarte said. "
    "Critics were unconvinced. "
    "“The numbers do not add up for the islands,” said Tomas Berg, who leads the opposition.\n"
)
QUOTES = {  # quote text -> speaker, read from TEXT
    "Nobody will pay more than two euros for a crossing,": "Ana Duarte",
    "The numbers do not add up for the islands,": "Tomas Berg",
}
HTML = """<!DOCTYPE html><html lang="en"><head><title>Ferry fares | Harbour Post</title>
<meta property="og:site_name" content="Harbour Post"></head><body>
<nav>Home · Politics · Sport</nav>
<article><h1>Ferry fares to rise, says council</h1>
<p>The council confirmed the change on Tuesday after a long debate in the town hall.</p>
<p>“Fares will rise by ten cents in spring,” said Ana Duarte, the mayor of the harbour town.</p>
<p>She added that the islands would get a discount for residents travelling to work.</p>
</article><footer>© Harbour Post</footer></body></html>"""


@pytest.fixture
def fresh(make_client, empty_store):
    """A client over an empty graph, cleared again afterwards for the tests that follow."""
    yield make_client()
    clear(empty_store)


def _words(text: str) -> str:
    return text.strip("“”\"' ,.")


def test_a_text_document_is_loaded_and_described(fresh, empty_store):
    document = {"text": TEXT, "title": "Harbour council votes on ferry fares",
                "outlet": "Harbour Post", "outlet_domain": "harbourpost.example",
                "published": "2024-05-06", "url": "https://harbourpost.example/ferry"}
    response = fresh.post("/api/documents", json=document)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["created"] is True
    article = body["article"]
    assert article["text"] == TEXT and article["outlet"] == "Harbour Post"
    assert article["published"].startswith("2024-05-06")
    found = {_words(q["text"]): q["speaker"] for q in article["quotes"]}
    assert found == {_words(k): v for k, v in QUOTES.items()}
    for q in article["quotes"]:
        assert TEXT[q["start"]:q["end"]] == q["text"] and q["statements"]
    totals = queries.counts(empty_store)
    assert (body["articles"], body["quotes"], body["statement_count"]) == (
        totals.articles, totals.quotes, totals.statements) == (1, 2, 2)
    assert sorted(body["statements"]) == sorted(s.id for s in browse.list_statements(
        empty_store))
    # the same text again changes nothing
    again = fresh.post("/api/documents", json=document).json()
    assert again["created"] is False and queries.counts(empty_store) == totals


def test_an_html_page_is_loaded(fresh, empty_store):
    response = fresh.post("/api/documents", json={"html": HTML, "published": "2024-05-07",
                                                  "url": "https://harbourpost.example/fares"})
    assert response.status_code == 201, response.text
    article = response.json()["article"]
    assert "Home · Politics" not in article["text"] and "© Harbour Post" not in article["text"]
    assert [(_words(q["text"]), q["speaker"]) for q in article["quotes"]] == [
        ("Fares will rise by ten cents in spring", "Ana Duarte"),
        ("the islands would get a discount for residents travelling to work", "Ana Duarte")]
    assert article["url"] == "https://harbourpost.example/fares"


def test_bad_documents_change_nothing(fresh, empty_store):
    before = queries.counts(empty_store)
    bad_date = fresh.post("/api/documents", json={"text": TEXT, "published": "last Tuesday"})
    assert bad_date.status_code == 422 and "published" in bad_date.json()["detail"]
    empty = fresh.post("/api/documents", json={"text": "   "})
    assert empty.status_code == 422
    no_article = fresh.post("/api/documents", json={"html": "<html><body></body></html>"})
    assert no_article.status_code == 400 and no_article.json()["error"] == "bad_request"
    assert queries.counts(empty_store) == before
