"""A document full of HTML and script payloads, loaded over the API and opened in Chromium:
no script runs, no dialog opens, the payloads read as typed, and no link leaves http(s).

The payloads sit in the title, the outlet name, a transcript speaker's name and the quote
texts; the article URL is a `javascript:` URL. What is loaded here is removed afterwards
(the graph is cleared; the next test that needs the example corpus reloads it).
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

import httpx
import pytest

from quotetrail.graph.store import browse

from helpers import clear, node_point

pytestmark = pytest.mark.browser

SCRIPT = "<script>window.__pwned=1</script>"
IMG = '<img src=x onerror="window.__pwned=1">'
BARE_IMG = "<img src=x onerror=window.__pwned=1>"  # no quote marks: the extractor keeps it whole
SVG = '"><svg onload=window.__pwned=1>'
ALERT = "<img src=x onerror=alert(1)>"
BREAKERS = "' \" >"
JS_URL = "javascript:window.__pwned=1"

TITLE = f"Harbour talks {SCRIPT} {IMG} {BREAKERS}"
OUTLET = f"The Post {SVG}"
SPEAKER = f"Anna {ALERT} Berg"
QUOTES = [f"Our answer is {SCRIPT} and nothing else", f"Never {BARE_IMG} again, not here"]
NEWS = (  # a writer's “straight” quote marks inside the payloads would pair as quotes
    "Harbour talks\n\n"
    "The mayor, Tomas Lind, spoke to the council on Monday morning. "
    f"“{QUOTES[0]},” Tomas Lind said. Critics were unconvinced by the plan.\n\n"
    f"“{QUOTES[1]},” said Tomas Lind.\n"
)
SAID = [f"We reject {ALERT} and every threat to the harbour.",
        f"The words {SVG} will not scare this town.",
        f"The ferries run as planned {BREAKERS} and on time."]
TRANSCRIPT = (
    "Press conference at the harbour office.\n\n"
    f"BERG: {SAID[0]} {SAID[1]}\n"
    "Q: What about the ferries?\n"
    f"BERG: {SAID[2]}\n"
)


@pytest.fixture(scope="module")
def hostile(live_url, store):
    """The two documents loaded through POST /api/documents; the graph cleared afterwards."""
    created = []
    with httpx.Client(base_url=live_url, timeout=60) as http:
        for body in (
            {"text": NEWS, "title": TITLE, "outlet": OUTLET, "url": JS_URL,
             "published": "2024-05-06"},
            {"text": TRANSCRIPT, "kind": "transcript", "speaker": SPEAKER, "title": TITLE,
             "outlet": OUTLET, "url": JS_URL, "source": JS_URL, "published": "2024-05-07"},
        ):
            response = http.post("/api/documents", json=body)
            assert response.status_code == 201, response.text
            created.append(response.json())
    yield created
    clear(store)


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.dialogs = []  # type: ignore[attr-defined]
    page.errors = []  # type: ignore[attr-defined]
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    # a script or style the Content-Security-Policy blocked is reported on the console
    page.on("console", lambda m: "Content Security Policy" in m.text
            and page.errors.append(m.text))
    # offline: anything not from the app itself is refused (a CDN asset would fail)
    context.route(re.compile(r"^(?!http://127\.0\.0\.1[:/]).*"), lambda route: route.abort())
    yield page
    context.close()


def _open_and_check(page, url: str, expected: list[str]) -> str:
    response = page.goto(url)
    headers = response.headers
    assert headers["x-frame-options"] == "DENY" and headers["x-content-type-options"] == "nosniff"
    assert "script-src 'self' 'sha256-" in headers["content-security-policy"] or \
        "<script>" not in response.text()
    page.wait_for_load_state("load")
    page.wait_for_timeout(200)  # an onerror/onload would have fired by now
    assert page.evaluate("() => typeof window.__pwned") == "undefined", url
    assert page.dialogs == [], url
    assert page.errors == [], url
    text = page.inner_text("body")
    for typed in expected:
        assert typed in text, (url, typed)
    hrefs = page.eval_on_selector_all(
        "a[href]", "els => els.map(e => new URL(e.getAttribute('href'), location.href).href)")
    for href in hrefs:
        assert urlsplit(href).scheme in ("http", "https"), (url, href)
    handlers = page.evaluate("""() => [...document.querySelectorAll('*')].flatMap(
        e => [...e.attributes].filter(a => a.name.startsWith('on')).map(a => a.name))""")
    assert handlers == [], url
    # no element came from a payload (the page's own scripts carry the data as JS strings)
    assert page.locator("body img, body svg[onload], body iframe").count() == 0, url
    return text


def test_payloads_read_as_typed_and_run_nowhere(page, live_url, hostile, store):
    news, transcript = hostile
    assert [q["text"] for q in news["article"]["quotes"]] == QUOTES
    assert [q["text"] for q in transcript["article"]["quotes"]][-3:] == SAID

    index = _open_and_check(page, live_url + "/", [TITLE, OUTLET])
    assert SPEAKER in index

    for created in hostile:
        article = created["article"]
        texts = [q["text"] for q in article["quotes"]]
        body = _open_and_check(page, f"{live_url}/articles/{quote(article['id'], safe='')}",
                               [TITLE, OUTLET, *texts])
        assert JS_URL not in [a for a in page.eval_on_selector_all(
            "a[href]", "els => els.map(e => e.getAttribute('href'))")]
        assert "Source:" in body
        _click_every_quote(page, texts)
        for statement_id in created["statements"]:
            _open_and_check(page, f"{live_url}/statements/{quote(statement_id, safe='')}", [])
            _click_every_node(page)

    speakers = {s.name: s.id for s in browse.list_speakers(store)}
    assert SPEAKER in speakers, sorted(speakers)
    _open_and_check(page, f"{live_url}/speakers/{quote(speakers[SPEAKER], safe='')}",
                    [SPEAKER, *SAID])
    _open_and_check(page, f"{live_url}/speakers/{quote(speakers['Tomas Lind'], safe='')}",
                    ["Tomas Lind", *QUOTES])
    _query_in_the_console(page, live_url)


def _click_every_quote(page, texts: list[str]) -> None:
    """Each highlighted quote's panel shows its words and speaker as text; nothing runs."""
    shown = []
    for mark in page.locator("#article-text .q").all():
        mark.click()
        page.wait_for_timeout(50)
        shown.append(page.locator("#quote-panel").inner_text())
        assert page.evaluate("() => typeof window.__pwned") == "undefined"
    panels = "\n".join(shown)
    assert any(t in panels for t in texts), panels
    assert page.locator("#quote-panel img, #quote-panel svg, #quote-panel script").count() == 0


def _query_in_the_console(page, live_url: str) -> None:
    """The console shows result values holding payloads as text, in its table and graph."""
    _open_and_check(page, f"{live_url}/cypher", [])
    page.fill("#query",
              "MATCH (a:Article)-[r:CONTAINS]->(q:Quote) RETURN a.title AS title, a, r, q")
    page.click("#run")
    page.locator("#result-table tbody tr").first.wait_for()
    page.wait_for_timeout(300)
    table = page.locator("#result-table").inner_text()
    assert TITLE in table and QUOTES[0] in table
    assert page.evaluate("() => typeof window.__pwned") == "undefined" and page.dialogs == []
    assert page.locator("#result-table img, #result-table svg, #result-table script").count() == 0
    labels = page.evaluate("() => resultGraph.body.data.nodes.get().map(n => n.label)")
    assert any("Harbour talks" in label for label in labels)


def _click_every_node(page) -> None:
    """Hover and click every node of the statement's network: tooltips and the details
    panel show the payloads as text, and nothing runs."""
    page.wait_for_function("() => typeof network !== 'undefined' && network.body")
    ids = page.evaluate("() => network.body.data.nodes.getIds()")
    shown = []
    for node in ids:
        point = node_point(page, node)
        page.mouse.move(point["x"], point["y"])
        page.wait_for_timeout(150)
        page.mouse.click(point["x"], point["y"])
        page.wait_for_timeout(100)
        shown.append(page.locator("#qt-panel").inner_text())
        assert page.evaluate("() => typeof window.__pwned") == "undefined"
        assert page.dialogs == []
    tooltip = page.locator("div.vis-tooltip")
    if tooltip.count():
        shown.append(tooltip.inner_text())
    panel_text = "\n".join(shown)
    assert any(p in panel_text for p in (SCRIPT, BARE_IMG, SVG, ALERT, BREAKERS)), panel_text


def test_docs_render_offline_under_the_policy(page, live_url):
    """/docs: Swagger UI from the installed package, its inline script allowed by hash."""
    response = page.goto(f"{live_url}/docs")
    assert "'sha256-" in response.headers["content-security-policy"]
    assert response.headers["x-frame-options"] == "DENY"
    page.wait_for_selector(".swagger-ui .info .title", timeout=15_000)
    assert "quotetrail" in page.inner_text(".swagger-ui .info .title")
    assert page.errors == []
