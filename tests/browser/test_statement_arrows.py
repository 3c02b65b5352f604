"""DERIVED_FROM arrows on the statement page cross no label, in Chromium, on statements of
2, 12 and 60 prints loaded into the real local server: star-shaped provenance (every print
copied from the first) and chain-shaped (each print copied from the one before, which the
linking finds from the sentence each article shares with the previous one).

Each arrow's course is sampled where vis-network takes it from (`edgeType.getPoint`, the
same course it strokes and hit-tests) and mapped to page coordinates with the node boxes.
What is loaded here is removed afterwards (the next test that needs the example corpus
reloads it).
"""

from __future__ import annotations

from collections import Counter
from urllib.parse import quote

import pytest

from quotetrail import pipeline
from quotetrail.graph.store import browse, queries
from quotetrail.loaders.records import Document

from helpers import ROOT, clear

pytestmark = pytest.mark.browser

SCREENSHOTS = ROOT / "test-output" / "screenshots"
REFERENCE = "We will not raise taxes on working families, not this year and not next year."

CROSSINGS = """() => {
  const dom = p => network.canvasToDOM(p);
  const boxes = network.body.data.nodes.getIds().map(id => {
    const b = network.getBoundingBox(id), n = network.body.nodes[id];
    const a = dom({x: b.left, y: b.top}), z = dom({x: b.right, y: b.bottom});
    // a dot's own label: the box below the dot (its border included)
    const under = dom({x: 0, y: n.y + n.options.size + n.options.borderWidth}).y;
    return {id: id, left: a.x, top: a.y, right: z.x, bottom: z.y, label: under};
  });
  const out = {arrows: 0, crossing: [], own: [], ends: []};
  network.body.data.edges.getIds().forEach(eid => {
    if (!network.body.data.edges.get(eid).dashes) return;  // DERIVED_FROM arrows are dashed
    const e = network.body.edges[eid];
    out.arrows += 1;
    const first = e.edgeType.getPoint(0), last = e.edgeType.getPoint(1);
    out.ends.push(Math.hypot(first.x - e.from.x, first.y - e.from.y) +
                  Math.hypot(last.x - e.to.x, last.y - e.to.y));
    const hit = new Set(), own = new Set();
    for (let i = 0; i <= 1000; i++) {
      const p = dom(e.edgeType.getPoint(i / 1000));
      boxes.forEach(b => {
        const end = b.id === e.fromId || b.id === e.toId;
        if (p.x > b.left && p.x < b.right && p.y > (end ? b.label : b.top) &&
            p.y < b.bottom) (end ? own : hit).add(b.id);
      });
    }
    if (hit.size) out.crossing.push([e.fromId, e.toId, [...hit]]);
    if (own.size) out.own.push([e.fromId, e.toId, [...own]]);
  });
  return out;
}"""


def _tag(i: int) -> str:
    """A sentence only article i and the one after it print (the chain's evidence)."""
    return " ".join(f"w{i}x{k}" for k in range(12)) + "."


def documents(n: int, shape: str) -> list[Document]:
    """n news articles over six days quoting the reference; in a chain each article repeats
    the sentence after the quote in the article before."""
    out = []
    for i in range(n):
        before = _tag(i - 1) if shape == "chain" and i else f"Report number {i} opens here."
        out.append(Document(
            text=f"Report {i}\n\n{before} “{REFERENCE},” Jane Doe said. {_tag(i)}\n",
            source=f"arrows-{shape}-{n}-{i}", title=f"Report {i}",
            outlet=f"Outlet {i} of the region",
            published=f"2024-03-{1 + i * 6 // n:02d}T{6 + i % 15:02d}:{i % 60:02d}:00+00:00"))
    return out


@pytest.fixture
def loaded(store):
    """Load one statement's documents into an empty graph; the graph is cleared after."""
    def load(n: int, shape: str) -> str:
        clear(store)
        result = pipeline.load(store, documents(n, shape))
        assert not result.failed
        hits = browse.list_statements(store)
        assert [h.quote_count for h in hits] == [n]
        return hits[0].id
    yield load
    clear(store)


def _sources(store, statement_id: str) -> Counter[str]:
    return Counter(v.derived_from for v in queries.trace(store, statement_id).variants
                   if v.derived_from)


@pytest.mark.parametrize("n", [2, 12, 60])
@pytest.mark.parametrize("shape", ["star", "chain"])
def test_derived_from_arrows_cross_no_label(browser, live_url, store, loaded, n, shape):
    """No arrow passes through another node's box (its dot or label, the reference, a day
    tick), nor through the label of either print it joins."""
    statement_id = loaded(n, shape)
    sources = _sources(store, statement_id)
    assert sum(sources.values()) == n - 1
    if shape == "star":  # every print copied from the first
        assert sources.most_common(1)[0][1] == n - 1
    else:  # mostly each from the one before: no print is the source of many
        assert max(sources.values()) <= 3 and len(sources) >= 0.8 * (n - 1)
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{live_url}/statements/{quote(statement_id, safe='')}")
    page.wait_for_function("() => typeof network !== 'undefined' && network.body")
    page.wait_for_timeout(400)  # the first draw measures the labels; arrows route after it
    found = page.evaluate(CROSSINGS)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"arrows-{n}-{shape}.png"))
    assert found["arrows"] == n - 1
    assert max(found["ends"]) < 1.0  # every arrow still runs from its source to its print
    assert found["crossing"] == [], f"{len(found['crossing'])} of {n - 1} arrows cross labels"
    assert found["own"] == []  # nor the labels of the two prints an arrow joins
    assert errors == []
    context.close()


FAR_FROM_CHORD = """() => {
  let best = null;
  network.body.data.edges.getIds().forEach(eid => {
    const e = network.body.edges[eid];
    const a = network.canvasToDOM(e.from), b = network.canvasToDOM(e.to);
    for (let i = 10; i <= 90; i++) {
      const p = network.canvasToDOM(e.edgeType.getPoint(i / 100));
      const off = Math.abs((b.x - a.x) * (a.y - p.y) - (a.x - p.x) * (b.y - a.y)) /
                  Math.hypot(b.x - a.x, b.y - a.y);
      if (!best || off > best.off) best = {off: off, x: p.x, y: p.y};
    }
  });
  const r = document.getElementById('mynetwork').getBoundingClientRect();
  return {off: best.off, x: r.left + best.x, y: r.top + best.y};
}"""


def test_hovering_a_routed_arrow_shows_its_evidence(browser, live_url, loaded):
    """The tooltip follows the drawn course: a point of an arrow far from the straight line
    between its two prints still shows the DERIVED_FROM evidence."""
    statement_id = loaded(12, "star")
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.goto(f"{live_url}/statements/{quote(statement_id, safe='')}")
    page.wait_for_function("() => typeof network !== 'undefined' && network.body")
    page.wait_for_timeout(400)
    point = page.evaluate(FAR_FROM_CHORD)
    assert point["off"] > 20  # some arrow bends well away from its straight line
    page.mouse.move(point["x"], point["y"])
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=3000)
    assert tooltip.inner_text().startswith("DERIVED_FROM: ")
    context.close()
