"""The statement page's time axis in Chromium: labels never overlap and every node is in
view after fit, at 2 and at 60 variants (pages built from Trace models), and on the seeded
graph's statements served by the app."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from quotetrail.graph.model import MUTATIONS, ArticleRef, Trace, TraceVariant
from quotetrail.graph.store import browse
from quotetrail.viz.statement_page import CONFLICT_COLOR, TICK_PREFIX, statement_html

from helpers import ROOT

SCREENSHOTS = ROOT / "test-output" / "screenshots"

pytestmark = pytest.mark.browser

BOXES = """() => {
  const r = document.getElementById('mynetwork').getBoundingClientRect();
  const boxes = network.body.data.nodes.getIds().map(id => {
    const b = network.getBoundingBox(id);
    const a = network.canvasToDOM({x: b.left, y: b.top});
    const z = network.canvasToDOM({x: b.right, y: b.bottom});
    return {id: id, left: a.x, top: a.y, right: z.x, bottom: z.y};
  });
  return {width: r.width, height: r.height, scale: network.getScale(), boxes: boxes};
}"""


def _trace(n: int, days: int) -> Trace:
    reference = "We will not raise taxes on working families, not this year and not next year."
    return Trace(id="st-layout", text=reference, speaker="Jane Doe", first_seen=None,
                 quote_count=n, variants=[TraceVariant(
                     quote_id=f"q{i}", text=reference, kind="direct",
                     speaker="John Roe" if i == 3 else "Jane Doe",
                     mutation=MUTATIONS[i % len(MUTATIONS)], similarity=0.9,
                     diff=[("=", reference)],
                     article=ArticleRef(id=f"a{i}", title=f"Article {i}", source=None,
                                        url=None, outlet=f"Outlet {i} of the region",
                                        outlet_id=None, kind="news",
                                        published=(f"2024-03-{1 + i * days // n:02d}T"
                                                   f"{6 + i % 15:02d}:{i % 60:02d}:00+00:00")),
                     derived_from=f"q{i - 1}" if i else None, evidence="time order")
                     for i in range(n)])


def _measure(page) -> dict:
    page.wait_for_function("() => typeof network !== 'undefined' && network.body")
    page.wait_for_timeout(300)  # one draw: bounding boxes include the labels after it
    return page.evaluate(BOXES)


def _check_layout(measured: dict, min_scale: float) -> None:
    boxes = measured["boxes"]
    for b in boxes:  # every node, label included, inside the panel after fit
        assert b["left"] >= -1 and b["top"] >= -1, b
        assert b["right"] <= measured["width"] + 1 and b["bottom"] <= measured["height"] + 1, b
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            apart = (a["right"] <= b["left"] or b["right"] <= a["left"]
                     or a["bottom"] <= b["top"] or b["bottom"] <= a["top"])
            assert apart, (a, b)
    assert measured["scale"] >= min_scale  # labels drawn at a readable size
    # the layout fills the panel: the drawing spans most of its width or its height
    span_x = max(b["right"] for b in boxes) - min(b["left"] for b in boxes)
    span_y = max(b["bottom"] for b in boxes) - min(b["top"] for b in boxes)
    assert span_x >= 0.8 * measured["width"] or span_y >= 0.8 * measured["height"]


@pytest.mark.parametrize(("n", "days", "min_scale"), [(2, 1, 0.8), (2, 2, 0.8), (60, 1, 0.6),
                                                      (60, 6, 0.6), (60, 28, 0.6)])
def test_time_axis_at_2_and_60_variants(browser, n, days, min_scale):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.set_content(statement_html(_trace(n, days)))
    measured = _measure(page)
    ids = [b["id"] for b in measured["boxes"]]
    assert len([i for i in ids if i.startswith("q:")]) == n
    assert any(i.startswith(TICK_PREFIX) for i in ids)
    _check_layout(measured, min_scale)
    # time runs left to right: each print's node stands right of the one printed before
    trace = _trace(n, days)
    in_time = sorted(trace.variants, key=lambda v: v.article.published or "")
    xs = page.evaluate("ids => { const p = network.getPositions(ids); return ids.map("
                       "i => p[i].x); }", [f"q:{v.quote_id}" for v in in_time])
    assert xs == sorted(xs) and len(set(xs)) == n
    # the print credited to another speaker is ringed, and its details say so
    if n > 3:
        assert page.evaluate("() => network.body.data.nodes.get('q:q3').color.border") == \
            CONFLICT_COLOR
        page.click('button.show[data-node="q:q3"]')
        assert "credited to John Roe, not Jane Doe" in page.locator("#qt-panel").inner_text()
    if n == 60:
        page.screenshot(path=_shot(f"statement-60-{days}d"))
    assert errors == []
    context.close()


ARROWS = """() => {
  const boxes = network.body.data.nodes.getIds().map(
    id => ({id: id, b: network.getBoundingBox(id)}));
  const out = [];
  network.body.data.edges.getIds().forEach(eid => {
    const e = network.body.edges[eid];
    if (!network.body.data.edges.get(eid).dashes) return;
    for (let t = 0.05; t < 0.96; t += 0.01) {
      const p = e.edgeType.getPoint(t);
      boxes.forEach(({id, b}) => {
        if (id !== e.fromId && id !== e.toId && p.x > b.left && p.x < b.right &&
            p.y > b.top && p.y < b.bottom) out.push([e.fromId, e.toId, id]);
      });
    }
  });
  return out;
}"""


STRAIGHTEN = """() => {
  network.body.data.edges.getIds().forEach(id =>
    network.body.data.edges.update({id: id, smooth: {enabled: false}}));
  network.redraw();
}"""


@pytest.mark.parametrize(("n", "shape", "days"), [(12, "star", 6), (60, "star", 6),
                                                  (60, "star", 1), (60, "chain", 6),
                                                  (60, "chain", 28)])
def test_derived_from_arrows_are_routed_around_labels(browser, n, shape, days):
    """Arrows from every print to the first (a press release copied by all) or to the one
    before: straight, they would cross other nodes' labels; routed, none does.
    (tests/browser/test_statement_arrows.py checks the same on statements the server
    links.)"""
    trace = _trace(n, days)
    if shape == "star":
        trace = trace.model_copy(update={"variants": [
            v.model_copy(update={"derived_from": "q0" if i else None})
            for i, v in enumerate(trace.variants)]})
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.set_content(statement_html(trace))
    _measure(page)
    routed = {tuple(x) for x in page.evaluate(ARROWS)}
    page.evaluate(STRAIGHTEN)
    straight = {tuple(x) for x in page.evaluate(ARROWS)}
    assert straight and not routed, (len(routed), len(straight))
    assert errors == []
    context.close()


def test_seeded_statement_pages_lay_out_cleanly(watched, live_url, seeded_store):
    page = watched.page
    for hit in browse.list_statements(seeded_store)[:3]:
        page.goto(f"{live_url}/statements/{quote(hit.id, safe='')}")
        _check_layout(_measure(page), 0.6)
    assert watched.console_errors == [] and watched.off_host() == []


def _shot(name: str) -> str:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return str(SCREENSHOTS / f"{name}.png")
