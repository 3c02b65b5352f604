"""The pages in a real browser: content, the vis network, clicks, no errors, no network."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import quote

import pytest

from quotetrail.graph.store import browse, printings, queries
from quotetrail.graph.store.user_cypher import run_read_only
from quotetrail.viz.cypher_examples import EXAMPLES
from quotetrail.viz.statement_page import TICK_PREFIX

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
    top = browse.list_statements(seeded_store)[:rows.count()]
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
    top = browse.list_statements(seeded_store)[0]
    trace = queries.trace(seeded_store, top.id)
    variants = {v.quote_id: v for v in trace.variants}
    page = watched.page
    page.goto(f"{live_url}/statements/{quote(top.id)}")
    page.wait_for_function("() => typeof network !== 'undefined' && network.body")
    node_ids = page.evaluate("() => network.body.data.nodes.getIds()")
    data_nodes = [n for n in node_ids if not n.startswith(TICK_PREFIX)]
    assert len(data_nodes) == 1 + len(variants)
    assert len(node_ids) > len(data_nodes)  # the day ticks of the time axis
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
    # each quote shows its speaker inline (drawn by CSS after its last piece), as text
    labels = text.locator(".q[data-speaker]").evaluate_all(
        "els => els.map(e => [e.dataset.quote, getComputedStyle(e, '::after').content])")
    by_id = {q.id: q for q in detail.quotes}
    assert {qid for qid, _ in labels} == highlighted
    for qid, content in labels:
        assert content == '"' + (by_id[qid].speaker or "? no speaker") + '"'
    unattributed = {q.id for q in detail.quotes if q.at_offsets and not q.speaker}
    styled = set(text.locator(".q.unattributed").evaluate_all(
        "els => els.map(e => e.dataset.quote)"))
    assert styled == unattributed
    if unattributed:  # styled apart: a dashed outline the attributed quotes do not have
        assert text.locator(".q.unattributed").first.evaluate(
            "e => getComputedStyle(e).outlineStyle") == "dashed"
    watched.screenshot("article")
    # a click shows the quote's cue, attribution method and confidence, statement, mutation
    clicked = next(q for q in detail.quotes if q.at_offsets and q.statements and q.speaker)
    text.locator(f'a.q[data-quote="{clicked.id}"]').first.click()
    panel = page.locator("#quote-panel")
    panel.locator("dl").wait_for()
    shown = panel.inner_text()
    assert clicked.text in shown and f"Quote of {clicked.speaker}" in shown
    assert f"{clicked.confidence:.2f}" in shown and (clicked.method or "not recorded") in shown
    assert (clicked.cue or "none found") in shown
    first = clicked.statements[0]
    assert f"{first.mutation}: {first.text}" in shown
    assert page.url.startswith(f"{live_url}/articles/")  # the click did not navigate
    panel.locator("a[href^='/statements/']").first.click()
    page.wait_for_url("**/statements/*")
    page.wait_for_function("() => typeof network !== 'undefined'")
    _clean(watched)


def test_speaker_page_time_line_and_sortable_table(watched, live_url, seeded_store):
    window = printings.window(seeded_store, "sp-jens-stoltenberg")
    printed = window.quotes
    page = watched.page
    page.goto(f"{live_url}/speakers/sp-jens-stoltenberg")
    assert page.locator("h1").inner_text() == "Jens Stoltenberg"
    assert page.locator("#speaker-statements tbody tr").count() == len(window.statements)
    marks = page.locator("#speaker-timeline circle.mark")
    assert marks.count() == len(printed)
    xs = marks.evaluate_all("els => els.map(e => e.getBBox().x)")
    dated = [q.published for q in printed]
    order = sorted(range(len(printed)), key=lambda i: (dated[i] is None, dated[i] or ""))
    assert [xs[i] for i in order] == sorted(xs)  # later printings stand further right
    rows = page.locator("#speaker-printings tbody tr")
    assert rows.count() == min(50, len(printed))
    watched.screenshot("speaker")
    page.locator("#speaker-printings th a", has_text="Confidence").click()
    page.wait_for_url("**sort=confidence**")
    shown = page.locator("#speaker-printings tbody td.num").all_inner_texts()
    values = [float(v) for v in shown if v != "—"]
    assert values == sorted(values)
    page.locator("#speaker-printings th a", has_text="Confidence").click()
    page.wait_for_url("**order=desc**")
    values = [float(v) for v in page.locator("#speaker-printings tbody td.num")
              .all_inner_texts() if v != "—"]
    assert values == sorted(values, reverse=True)
    # the seeds credit him more printings than a window holds: the older ones are a click on
    assert window.older
    older = printings.window(seeded_store, "sp-jens-stoltenberg",
                             datetime.fromisoformat(window.older))
    page.locator("#printings-windows a", has_text="older printings").click()
    page.wait_for_url("**before=**")
    assert marks.count() == len(older.quotes) > 0
    assert {q.quote_id for q in older.quotes}.isdisjoint(q.quote_id for q in printed)
    page.locator("#printings-windows a", has_text="the latest printings").click()
    page.wait_for_function("!location.search.includes('before=')")
    assert marks.count() == len(printed)
    _clean(watched)


def test_query_console_runs_examples_and_shows_errors(watched, live_url, seeded_store):
    page = watched.page
    page.goto(f"{live_url}/cypher")
    assert "at most 1000 rows" in " ".join(page.locator("#limits").inner_text().split())
    buttons = page.locator("button.example")
    assert buttons.count() == len(EXAMPLES)
    buttons.nth(len(EXAMPLES) - 1).click()  # the one with a $name parameter
    page.locator("#result-table tbody tr").first.wait_for()
    expected = run_read_only(seeded_store, EXAMPLES[-1].query, EXAMPLES[-1].params)
    assert page.locator("#result-table tbody tr").count() == len(expected.rows)
    assert page.locator("#result-table thead th").all_inner_texts() == expected.columns
    # rows with nodes and relationships also draw as a small graph
    page.fill("#query", "MATCH (sp:Speaker)-[r:MADE]->(st:Statement) RETURN sp, r, st LIMIT 5")
    page.fill("#params", "{}")
    page.click("#run")
    page.locator("#result-graph").wait_for(state="visible")
    page.wait_for_function("() => window.resultGraph !== undefined")
    counts = page.evaluate("() => [resultGraph.body.data.nodes.length, "
                           "resultGraph.body.data.edges.length]")
    assert counts[1] == 5 and 2 <= counts[0] <= 10
    watched.screenshot("console")
    # an error is shown as the API gives it, as text
    page.fill("#query", "MATCH (n) DETACH DELETE n")
    page.click("#run")
    page.locator("#error").wait_for(state="visible")
    assert "read-only" in page.locator("#error").inner_text()
    page.fill("#query", "MATCH (n RETURN n")
    page.click("#run")
    page.wait_for_function("() => document.getElementById('error').textContent"
                           ".indexOf('not valid Cypher') >= 0")
    assert page.locator("#result-table").is_visible()  # the last good result stays
    # the browser logs each refused query's 400 itself; nothing else went wrong
    assert all("status of 400" in e for e in watched.console_errors)
    watched.console_errors.clear()
    _clean(watched)


def test_statement_page_offers_its_downloads(watched, live_url, seeded_store):
    top = browse.list_statements(seeded_store)[0]
    page = watched.page
    page.goto(f"{live_url}/statements/{quote(top.id)}")
    links = page.locator(".exports a").evaluate_all("els => els.map(e => e.href)")
    assert [link.rsplit(".", 1)[1] for link in links] == ["csv", "json", "graphml", "html"]
    with page.expect_download() as info:
        page.locator(".exports a", has_text="HTML").click()
    assert info.value.suggested_filename.endswith(".html")
    saved = info.value.path().read_text(encoding="utf-8")
    offline = watched.page.context.new_page()
    asked: list[str] = []
    offline.on("request", lambda r: asked.append(r.url))
    offline.set_content(saved)
    offline.wait_for_function("() => typeof network !== 'undefined' && network.body")
    trace = queries.trace(seeded_store, top.id)
    assert offline.locator("table tbody tr").count() == len(trace.variants)
    assert [u for u in asked if not u.startswith(("data:", "about:"))] == []  # no network
    offline.close()
    _clean(watched)
