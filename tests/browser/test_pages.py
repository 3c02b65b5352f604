"""The pages in a real browser: content, the vis network, clicks, no errors, no network."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from quotetrail.graph.store import browse, queries

from helpers import node_point

pytestmark = pytest.mark.browser


def _clean(watched) -> None:
    assert watched.console_errors == []
    assert watched.off_host() == []
    assert watched.requests  # the page itself was requested through the watcher


def test_index_lists_the_seed_statements(watched, live_url, seeded_store):
    page = watched.page
    page.goto(live_url + "/")
    rows = page.locator("#statements tbody tr")
    top = queries.list_statements(seeded_store)[:rows.count()]
    texts = rows.locator("td:first-child a").all_inner_texts()
    assert texts == [s.text for s in top] and len(texts) == 50
    # the statements the seed articles repeat most (read from the corpus) are listed
    for words in ("the new normal", "cautious optimism", "NATO is not a threat"):
        assert any(words.lower() in t.lower() for t in texts), words
    assert page.locator("#speakers").inner_text().count("Jens Stoltenberg") == 1
    # five publishers and the two agencies DW's article credits (RIA, Reuters)
    assert page.locator("#outlets tbody tr").count() == 7
    assert page.locator("#articles tbody tr").count() == 5
    watched.screenshot("index")
    page.fill("#q", "the new normal")
    page.click("form.search button")
    page.wait_for_url("**/?q=the+new+normal")
    assert "new normal" in page.locator("#statements tbody tr").first.inner_text().lower()
    _clean(watched)


def test_statement_page_draws_the_network_and_shows_a_variant(watched, live_url,
                                                              seeded_store):
    top = queries.list_statements(seeded_store)[0]
    trace = queries.trace(seeded_store, top.id)
    variants = {v.quote_id: v for v in trace.variants}
    page = watched.page
    page.goto(f"{live_url}/statements/{quote(top.id)}")
    page.wait_for_function("() => typeof network !== 'undefined' && network.body")
    node_ids = page.evaluate("() => network.body.data.nodes.getIds()")
    assert len(node_ids) == 1 + len(variants)
    drawn = page.evaluate("() => Object.keys(network.body.nodes).length")
    assert drawn == len(node_ids)
    # click a variant whose words differ from the reference, at its drawn position
    changed = next(v for v in trace.variants if any(op != "=" for op, _ in v.diff))
    node = f"q:{changed.quote_id}"
    point = node_point(page, node)
    page.mouse.click(point["x"], point["y"])
    panel = page.locator("#qt-panel")
    panel.locator("p.diff").wait_for()
    assert changed.text in panel.inner_text()
    dropped = [w for op, w in changed.diff if op == "-"]
    added = [w for op, w in changed.diff if op == "+"]
    assert panel.locator("del").all_inner_texts() == dropped
    assert panel.locator("ins").all_inner_texts() == added
    assert page.locator("table tbody tr").count() == len(trace.variants)
    watched.screenshot("statement")
    _clean(watched)


def test_article_page_highlights_each_quote_and_links_it(watched, live_url, seeded_store):
    article = next(a for a in browse.list_articles(seeded_store) if a.outlet == "Daily Express")
    detail = browse.article(seeded_store, article.id)
    page = watched.page
    page.goto(f"{live_url}/articles/{quote(article.id)}")
    text = page.locator("#article-text")
    assert text.inner_text().strip() == detail.text.strip()  # the stored text, unchanged
    marks = text.locator(".q")
    highlighted = set(marks.evaluate_all("els => els.map(e => e.dataset.quote)"))
    assert highlighted == {q.id for q in detail.quotes if q.at_offsets}
    first = text.locator("a.q").first
    assert "Speaker: " in first.get_attribute("title")
    watched.screenshot("article")
    first.click()
    page.wait_for_url("**/statements/*")
    page.wait_for_function("() => typeof network !== 'undefined'")
    _clean(watched)


def test_speaker_page_lists_statements_over_time(watched, live_url, seeded_store):
    detail = browse.speaker(seeded_store, "sp-jens-stoltenberg")
    page = watched.page
    page.goto(f"{live_url}/speakers/sp-jens-stoltenberg")
    assert page.locator("h1").inner_text() == "Jens Stoltenberg"
    rows = page.locator("#speaker-statements tbody tr")
    assert rows.count() == len(detail.statements)
    watched.screenshot("speaker")
    _clean(watched)
