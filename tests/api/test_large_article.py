"""An article of 10,000 quotes (issue 20 item 4) loads through POST /api/documents, and its
API answer, its page, the quote list filtered by it and its speaker's page all answer, paged.

Before, ArcadeDB refused every page of its quotes past about the 1,200th (its shared sort
budget held the article, text and all, in each row sorted) and ran out of heap on the
speaker's printings (graph/store/cypher_read.py says how the reads avoid both).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from quotetrail.api.app import create_app
from quotetrail.graph import ids
from quotetrail.graph.store import queries
from quotetrail.graph.store.driver import Store

from helpers import clear, own_arcadedb, settings_for

QUOTES = 10_000
TEXT = "Ten thousand quotes\n\n" + "\n".join(
    f'"alpha beta {n}," said Ann Bee.' for n in range(QUOTES)) + "\n"
SPEAKER = ids.speaker_id("Ann Bee")


@pytest.fixture(scope="module")
def graph(store, local_home, tmp_path_factory) -> Iterator[tuple[Store, Path]]:
    """An empty graph for the article. On ArcadeDB a server of its own (helpers.own_arcadedb):
    deleting the article's 20,000 records from the session's server took 30 s and left its
    indexes full of deleted entries for later tests to walk."""
    if getattr(store, "backend", None) != "arcadedb":
        clear(store)
        yield store, local_home
        clear(store)
        return
    home = tmp_path_factory.mktemp("large-article-home")
    with own_arcadedb(home) as own:
        yield own, home


@pytest.fixture(scope="module")
def loaded(graph, store) -> Iterator[tuple[TestClient, dict[str, Any]]]:
    """The article posted once per engine to an empty graph: the client and the answer."""
    own, home = graph
    settings = settings_for(getattr(store, "backend", "arcadedb"), home)
    with TestClient(create_app(settings, store=own), raise_server_exceptions=False,
                    base_url="http://127.0.0.1") as client:
        answer = client.post("/api/documents", json={"text": TEXT, "title": "Many quotes"})
        assert answer.status_code == 201, answer.text
        yield client, answer.json()


def _number(quote: dict[str, Any]) -> int:
    """N of the quote `alpha beta N,`."""
    found = re.search(r"alpha beta (\d+)", quote["text"])
    assert found, quote["text"]
    return int(found.group(1))


def test_it_loads_whole_and_says_how_many_quotes(loaded, graph):
    _, body = loaded
    store, _ = graph
    article = body["article"]
    assert article["quotes_total"] == QUOTES and len(article["quotes"]) == 1000
    totals = queries.counts(store)
    assert (totals.articles, totals.quotes, body["quotes"]) == (1, QUOTES, QUOTES)
    # every statement of the article, not only those of the first page of its quotes
    assert len(body["statements"]) == totals.statements == body["statement_count"] > 1000


@pytest.mark.parametrize("offset", [0, 5000, 9950])
def test_the_api_pages_its_quotes(loaded, offset):
    client, body = loaded
    article_id = body["article"]["id"]
    page = client.get(f"/api/articles/{article_id}",
                      params={"limit": 50, "offset": offset})
    assert page.status_code == 200, page.text
    detail = page.json()
    assert detail["quotes_total"] == QUOTES
    assert [_number(q) for q in detail["quotes"]] == list(range(offset, offset + 50))
    assert all(TEXT[q["start"]:q["end"]] == q["text"] and q["speaker"] == "Ann Bee"
               for q in detail["quotes"])
    listed = client.get("/api/quotes", params={"article": article_id, "limit": 50,
                                               "offset": offset})
    assert listed.status_code == 200, listed.text
    assert listed.json()["total"] == QUOTES
    assert [q["id"] for q in listed.json()["items"]] == [q["id"] for q in detail["quotes"]]
    spoken = client.get("/api/quotes", params={"speaker": SPEAKER, "limit": 50,
                                               "offset": offset})
    assert spoken.status_code == 200, spoken.text
    assert [q["id"] for q in spoken.json()["items"]] == [q["id"] for q in detail["quotes"]]


def test_past_the_last_quote_the_page_is_empty(loaded):
    client, body = loaded
    detail = client.get(f"/api/articles/{body['article']['id']}",
                        params={"limit": 50, "offset": QUOTES}).json()
    assert detail["quotes_total"] == QUOTES and detail["quotes"] == []


def test_the_page_shows_the_whole_text_and_a_page_of_quotes(loaded):
    client, body = loaded
    path = f"/articles/{body['article']['id']}"
    first = client.get(path)
    assert first.status_code == 200
    assert f"{QUOTES} quotes" in first.text
    assert "highlighting quotes 1–1000 of 10000" in first.text
    assert f'href="{path}?offset=1000">next quotes' in first.text
    last = client.get(path, params={"offset": 9000})
    assert last.status_code == 200
    assert "highlighting quotes 9001–10000 of 10000" in last.text
    assert f'href="{path}?offset=8000">← previous quotes' in last.text
    assert "next quotes" not in last.text
    shown = set(re.findall(r'data-quote="([^"]+)"', last.text))
    assert len(shown) == 1000 and '">alpha beta 9999</a>' in last.text  # highlighted
    assert '">alpha beta 9999</a>' not in first.text and '">alpha beta 999</a>' in first.text
    table = client.get(f"{path}/quotes.csv", params={"offset": 9000})  # the page's download
    rows = list(csv.DictReader(io.StringIO(table.text)))
    assert len(rows) == 1000 and _number(rows[0]) == 9000


def test_its_speaker_answers(loaded):
    client, _ = loaded
    assert client.get(f"/speakers/{SPEAKER}").status_code == 200
    detail = client.get(f"/api/speakers/{SPEAKER}", params={"limit": 1000, "offset": 9000})
    assert detail.status_code == 200, detail.text
    assert detail.json()["statements_total"] == QUOTES
    assert len(detail.json()["statements"]) == 1000
    speakers = client.get("/api/speakers").json()
    assert [(s["id"], s["quotes"], s["outlets"]) for s in speakers["items"]] == [
        (SPEAKER, QUOTES, 1)]
