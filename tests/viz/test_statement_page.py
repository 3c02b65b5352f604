"""The statement page: one offline HTML file, escaped everywhere, graph and table agree."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import pyvis
from markupsafe import escape

from quotetrail.graph.model import MUTATIONS, ArticleRef, Trace, TraceVariant
from quotetrail.viz._timeline import LANE_HEIGHT, SLOT_WIDTH
from quotetrail.viz.colors import MUTATION_COLORS, MUTATION_MEANINGS
from quotetrail.viz.statement_page import (
    CONFLICT_COLOR,
    STATEMENT_NODE,
    TICK_PREFIX,
    render_statement,
    statement_html,
)

REFERENCE = "We will not raise taxes on working families, not this year and not next year."
VIS_JS = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2" / "vis-network.min.js"
PAYLOADS = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>")


def _esc(text: str) -> str:
    return str(escape(text))


def _article(n: int, **kw) -> ArticleRef:
    base = {
        "id": f"a{n}",
        "title": f"Article {n}",
        "source": None,
        "url": None,
        "outlet": None,
        "outlet_id": None,
        "published": None,
        "kind": "news",
    }
    base.update(kw)
    return ArticleRef(**base)


def _words(text: str) -> list[tuple[str, str]]:
    return [("=", text)]


@pytest.fixture
def trace() -> Trace:
    """A budget pledge as it went from the transcript through an agency to papers and a blog."""
    return Trace(
        id="st_7f3a9c",
        text=REFERENCE,
        speaker="Jane Doe",
        first_seen="2024-03-04T09:00:00+00:00",
        quote_count=5,
        variants=[
            # given out of time order on purpose: the page must sort
            TraceVariant(
                quote_id="q3",
                text="We won't raise taxes on working families this year",
                kind="direct",
                speaker="Jane Doe",
                mutation="reworded",
                similarity=0.71,
                diff=[
                    ("-", "will not"),
                    ("+", "won't"),
                    ("=", "raise taxes on working families"),
                    ("-", "not"),
                    ("=", "this year"),
                    ("-", "and not next year"),
                ],
                article=_article(
                    3,
                    title="Doe rules out tax rise",
                    url="https://dailyledger.example/politics/2024/03/04/doe-tax",
                    outlet="The Daily Ledger",
                    outlet_id="dailyledger",
                    published="2024-03-04T14:00:00+00:00",
                ),
                derived_from="q2",
                evidence="later, same truncation as its source",
            ),
            TraceVariant(
                quote_id="q1",
                text=REFERENCE,
                kind="direct",
                speaker="Jane Doe",
                mutation="verbatim",
                similarity=1.0,
                diff=_words(REFERENCE),
                article=_article(
                    1,
                    title="Budget statement, 4 March 2024",
                    url="https://www.gov.example/speeches/budget-2024",
                    outlet="gov.example",
                    outlet_id="gov",
                    published="2024-03-04T09:00:00+00:00",
                    kind="transcript",
                ),
            ),
            TraceVariant(
                quote_id="q2",
                text="We will not raise taxes on working families",
                kind="partial",
                speaker="Jane Doe",
                mutation="truncated",
                similarity=0.62,
                diff=[
                    ("=", "we will not raise taxes on working families"),
                    ("-", "not this year and not next year"),
                ],
                article=_article(
                    2,
                    title="PM pledges no tax rise",
                    url="https://northwire.example/wire/88211",
                    outlet="Northwire",
                    outlet_id="northwire",
                    published="2024-03-04T10:15:00+00:00",
                ),
                derived_from="q1",
                evidence="earliest occurrence, credited",
            ),
            TraceVariant(
                quote_id="q4",
                text="Taxes for working people will stay where they are for two years",
                kind="indirect",
                speaker="Jane Doe",
                mutation="paraphrased",
                similarity=0.35,
                diff=[("-", REFERENCE), ("+", "taxes for working people will stay")],
                article=_article(
                    4,
                    title="What the budget means for you",
                    source="/data/corpus/evening-post/2024-03-05.html",
                    outlet="Evening Post",
                    outlet_id="eveningpost",
                    published="2024-03-05",
                ),
            ),
            TraceVariant(
                quote_id="q5",
                text=REFERENCE,
                kind="direct",
                speaker="John Roe",
                mutation="misattributed",
                similarity=1.0,
                diff=_words(REFERENCE),
                article=_article(5, title=None, outlet="Budget Watch blog", published=None),
            ),
        ],
    )


@pytest.fixture
def hostile() -> Trace:
    """Every text field carries markup; URLs try to run script."""
    s, i = PAYLOADS
    return Trace(
        id="st_</script>",
        text=f"Reference {s} {i}",
        speaker=f"Speaker {i}",
        first_seen=None,
        quote_count=3,
        variants=[
            TraceVariant(
                quote_id='q"><script>alert(1)</script>',
                text=f"Quote {s} and {i}",
                kind="direct",
                speaker=f"Speaker {s}",
                mutation="reworded",
                similarity=0.5,
                diff=[("-", s), ("+", i), ("=", "</script><script>alert(2)</script>")],
                article=_article(
                    1,
                    title=f"Title {s} {i}",
                    url="javascript:alert(1)",
                    source=f"/tmp/{i}.html",
                    outlet=f"Outlet {i}",
                    published="2024-01-01T00:00:00+00:00",
                ),
            ),
            TraceVariant(
                quote_id="q-b",
                text="Quote b",
                kind="direct",
                speaker=None,
                mutation="verbatim",
                similarity=1.0,
                diff=[("=", "Quote b")],
                article=_article(
                    2,
                    title="Second",
                    url=" JavaScript:alert(document.cookie)",
                    source="java\nscript:alert(1)",
                    outlet="Outlet b",
                    published="2024-01-02T00:00:00+00:00",
                ),
                derived_from='q"><script>alert(1)</script>',
                evidence=f"evidence {s}",
            ),
            TraceVariant(
                quote_id="q-c",
                text="Quote c",
                kind="direct",
                speaker=None,
                mutation="verbatim",
                similarity=1.0,
                diff=[("=", "Quote c")],
                article=_article(
                    3,
                    title="Third",
                    url="https://example.org/ok?a=1&b=<2>",
                    outlet="Outlet c",
                    published=None,
                ),
            ),
        ],
    )


def _network_data(page: str) -> tuple[list[dict], list[dict]]:
    found = re.findall(r"= new vis\.DataSet\((.*)\);\n", page)
    assert len(found) == 2, "expected one nodes and one edges DataSet"
    return json.loads(found[0]), json.loads(found[1])


def _details(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="qt-details">(.*?)</script>', page)
    assert match
    return json.loads(match.group(1))


def _table(page: str) -> str:
    start, end = page.index("<table>"), page.index("</table>")
    return page[start:end]


def test_writes_only_out_path(trace, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "pages" / "statement.html"
    returned = render_statement(trace, out)
    assert returned == out
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pages"]
    assert sorted(p.name for p in (tmp_path / "pages").iterdir()) == ["statement.html"]


def test_no_remote_resources(trace, hostile):
    for page in (statement_html(trace), statement_html(hostile)):
        lowered = page.lower()
        assert not re.search(r"<script[^>]*\ssrc\s*=", lowered)
        assert not re.search(r"<(link|img|iframe|embed|object|video|audio|source)\b", lowered)
        assert "@import" not in lowered
        styles = re.findall(r"<style>(.*?)</style>", lowered, re.DOTALL)
        assert len(styles) == 2  # vis-network's and the page's
        for url in re.findall(r"url\(\s*['\"]?([^'\")]*)", "".join(styles)):
            assert url.startswith("data:"), url
        assert "cdnjs" not in lowered and "jsdelivr" not in lowered
        # the only links are the articles' own http(s) pages
        for href in re.findall(r"href=\"([^\"]*)\"", page):
            assert href.startswith(("https://", "http://")), href


def test_vis_network_is_inline(trace):
    page = statement_html(trace)
    assert "network = new vis.Network(" in page
    assert VIS_JS.read_text(encoding="utf-8") in page  # the whole library, byte for byte
    assert ".vis-tooltip" in page  # and its CSS


def test_vis_tooltips_are_plain_text():
    # Node titles are passed as plain text because vis-network 9.1.2 shows string titles with
    # innerText; if a pyvis upgrade changes that, titles must be escaped or made Elements.
    assert "else this.frame.innerText=t" in VIS_JS.read_text(encoding="utf-8")


def test_table_lists_every_variant_in_time_order(trace):
    table = _table(statement_html(trace))
    expected = ["gov.example", "Northwire", "The Daily Ledger", "Evening Post", "Budget Watch blog"]
    positions = [table.index(f"<td>{_esc(o)}</td>") for o in expected]
    assert positions == sorted(positions)
    for variant in trace.variants:
        assert _esc(variant.text) in table
        assert f">{variant.mutation}</td>" in table
    assert '<a href="https://dailyledger.example/politics/2024/03/04/doe-tax"' in table
    # a local source is shown as text, not linked
    assert "<code>/data/corpus/evening-post/2024-03-05.html</code>" in table
    assert "(untitled)" in table and "John Roe" in table
    assert '<time datetime="2024-03-04T10:15:00+00:00">2024-03-04 10:15 UTC</time>' in table


def test_dropped_and_added_words_are_marked(trace):
    table = _table(statement_html(trace))
    row = table[table.index("The Daily Ledger") :]
    row = row[: row.index("</tr>")]
    dropped = '<span class="sr-only">[dropped: </span>'
    added = '<span class="sr-only">[added: </span>'
    end = '<span class="sr-only">]</span>'
    assert f"<del>{dropped}will not{end}</del>" in row
    assert f"<ins>{added}won&#39;t{end}</ins>" in row
    assert f"<del>{dropped}and not next year{end}</del>" in row
    # a verbatim variant gets no markup
    verbatim = table[table.index("gov.example") :]
    verbatim = verbatim[: verbatim.index("</tr>")]
    assert "<del>" not in verbatim and "<ins>" not in verbatim
    assert "(same words as the reference)" in verbatim


def test_hostile_text_only_appears_escaped(hostile):
    page = statement_html(hostile)
    for payload in (*PAYLOADS, "</script><script>alert(2)", 'q"><script>'):
        assert payload not in page
    table = _table(page)
    for payload in PAYLOADS:
        assert _esc(payload) in table
    # exactly the page's own script elements (vis-network, the arrow router, the details
    # JSON, the page's script), none injected
    assert page.replace(VIS_JS.read_text(encoding="utf-8"), "").count("<script") == 4
    # tooltips carry the payload as plain text inside escaped JSON, decoded intact
    nodes, _ = _network_data(page)
    assert any(PAYLOADS[1] in n["title"] for n in nodes)


def test_javascript_urls_are_not_links(hostile):
    page = statement_html(hostile)
    assert not re.search(r"href\s*=\s*[\"']?\s*javascript", page, re.IGNORECASE)
    links = re.findall(r'<a href="([^"]*)"', _table(page))
    assert links == ["https://example.org/ok?a=1&amp;b=&lt;2&gt;"]
    details = _details(page)
    assert [d["url"] for d in details.values() if d["url"]] == ["https://example.org/ok?a=1&b=<2>"]


def _data_nodes(nodes: list[dict]) -> dict[str, dict]:
    return {n["id"]: n for n in nodes if not n["id"].startswith(TICK_PREFIX)}


def test_network_nodes_edges_and_layout(trace):
    nodes, edges = _network_data(statement_html(trace))
    by_id = _data_nodes(nodes)
    assert len(by_id) == 1 + len(trace.variants)
    assert by_id[STATEMENT_NODE]["shape"] == "box"
    assert by_id[STATEMENT_NODE]["title"].endswith(REFERENCE)
    assert {n["shape"] for i, n in by_id.items() if i != STATEMENT_NODE} == {"dot"}
    # label = outlet and time of day (the day is the axis tick); colour = mutation
    assert by_id["q:q2"]["label"] == "Northwire\n10:15 UTC"
    assert by_id["q:q5"]["label"].endswith("Budget Watch blog")
    assert by_id["q:q3"]["color"]["background"] == MUTATION_COLORS["reworded"]
    # the reference first, then time left to right, undated last; nothing moves
    xs = [by_id[f"q:q{i}"]["x"] for i in (1, 2, 3, 4, 5)]
    assert by_id[STATEMENT_NODE]["x"] < min(xs)
    assert xs == sorted(xs) and len(set(xs)) == 5
    assert all(n["physics"] is False and n["fixed"] is True for n in nodes)
    # labels sit on an opaque strip: vis draws edges first, so an arrow passes under a label
    assert all(n["font"]["background"].startswith("rgba(255,255,255") for k, n in by_id.items()
               if k != STATEMENT_NODE)
    # only DERIVED_FROM arrows: every dot is a variant of the reference, said in the legend
    assert sorted((e["from"], e["to"]) for e in edges) == [("q:q1", "q:q2"), ("q:q2", "q:q3")]
    assert all(e["dashes"] for e in edges)


def test_day_ticks_label_the_axis(trace):
    nodes, _ = _network_data(statement_html(trace))
    ticks = sorted((n for n in nodes if n["id"].startswith(TICK_PREFIX)), key=lambda n: n["x"])
    assert [t["label"] for t in ticks] == ["2024-03-04", "2024-03-05", "undated"]
    assert all(t["shape"] == "text" and t["chosen"] is False for t in ticks)
    by_id = _data_nodes(nodes)
    # each print sits at or right of its day's tick and left of the next day's
    for qid, day in (("q1", 0), ("q2", 0), ("q3", 0), ("q4", 1), ("q5", 2)):
        x = by_id[f"q:{qid}"]["x"]
        assert ticks[day]["x"] <= x
        assert day + 1 == len(ticks) or x < ticks[day + 1]["x"]


def test_same_day_prints_spread_not_stack(trace):
    trace.variants[2].article.published = trace.variants[1].article.published  # q2 at q1's time
    nodes, _ = _network_data(statement_html(trace))
    by_id = _data_nodes(nodes)
    same_day = [(by_id[f"q:q{i}"]["x"], by_id[f"q:q{i}"]["y"]) for i in (1, 2, 3)]
    assert len(set(same_day)) == 3  # three prints of one day, three places


def _layout_of(n: int, days: int) -> tuple[dict[str, dict], int]:
    variants = [TraceVariant(
        quote_id=f"q{i}", text=f"Words {i}", kind="direct", speaker="Jane Doe",
        mutation=MUTATIONS[i % len(MUTATIONS)], similarity=0.9, diff=[("=", "Words")],
        article=_article(i, outlet=f"Outlet number {i} with a long name",
                         published=f"2024-03-{1 + i % days:02d}T{8 + i % 12:02d}:00:00+00:00"),
        derived_from=f"q{i - 1}" if i else None, evidence="time order")
        for i in range(n)]
    trace = Trace(id="st", text=REFERENCE, speaker="Jane Doe", first_seen=None, quote_count=n,
                  variants=variants)
    page = statement_html(trace)
    height = int(re.search(r"#mynetwork \{[^}]*height: (\d+)px", page).group(1))
    return _data_nodes(_network_data(page)[0]), height


@pytest.mark.parametrize(("n", "days"), [(2, 1), (2, 2), (60, 1), (60, 5), (60, 40)])
def test_layout_keeps_label_slots_apart(n, days):
    """No two prints share a label slot (a column wide enough for the label, a lane high
    enough for dot and label), and the layout's shape suits the panel."""
    by_id, height = _layout_of(n, days)
    points = [(v["x"], v["y"]) for k, v in by_id.items() if k != STATEMENT_NODE]
    assert len(points) == n
    for i, (x1, y1) in enumerate(points):
        for x2, y2 in points[i + 1:]:
            assert abs(x1 - x2) >= SLOT_WIDTH - 1e-6 or abs(y1 - y2) >= LANE_HEIGHT
    width = max(x for x, _ in points) - by_id[STATEMENT_NODE]["x"] + SLOT_WIDTH * 2
    rows = {y for _, y in points}
    assert 320 <= height <= 1024
    # fitted into a ~960 px panel the labels keep at least 60 % of their size
    assert min(960 / width, height / ((len(rows) + 1) * LANE_HEIGHT)) >= 0.6, (width, rows)


def test_legend_lists_every_mutation_outside_the_canvas(trace):
    page = statement_html(trace)
    legend = page[page.index('<ul class="legend"') : page.index("</ul>")]
    for mutation in MUTATIONS:
        assert f"<strong>{mutation}</strong>: {MUTATION_MEANINGS[mutation]}" in legend
        assert MUTATION_COLORS[mutation] in legend
    assert page.index("</ul>") < page.index('<div id="mynetwork"')


def test_details_cover_every_node(trace):
    page = statement_html(trace)
    details = _details(page)
    nodes, _ = _network_data(page)
    assert set(details) == set(_data_nodes(nodes))
    q3 = details["q:q3"]
    assert q3["text"] == trace.variants[0].text
    assert ["-", "will not"] in q3["diff"]
    assert q3["url"] == "https://dailyledger.example/politics/2024/03/04/doe-tax"
    assert ["outlet", "The Daily Ledger"] in q3["fields"]
    assert details["q:q1"]["diff"] == []  # nothing to show for a verbatim copy


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node to run the page script")
def test_click_shows_details_with_text_nodes_only(hostile, tmp_path):
    """Run the page's own script in node against a minimal DOM and vis stand-in."""
    page = statement_html(hostile)
    scripts = re.findall(r"<script>(.*?)</script>", page, re.DOTALL)
    details = re.search(r'id="qt-details">(.*?)</script>', page).group(1)
    harness = tmp_path / "harness.js"
    harness.write_text(
        (_HARNESS + scripts[-1] + _HARNESS_END).replace("__DETAILS__", json.dumps(details)),
        encoding="utf-8",
    )
    result = subprocess.run(
        ["node", str(harness)], capture_output=True, text=True, timeout=30, check=False
    )
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["innerHTML_used"] is False
    assert out["heading"] == "Outlet <img src=x onerror=alert(1)>, 2024-01-01"  # midnight: a date
    assert ["del", PAYLOADS[0]] in out["children"]
    assert ["ins", PAYLOADS[1]] in out["children"]
    assert out["links"] == []  # javascript: URL never becomes a link
    assert out["statement_heading"] == "Reference wording"


_HARNESS = r"""
var innerHTMLUsed = false;
function Elem(tag) { this.tagName = tag; this.children = []; this.textContent = ""; }
Elem.prototype.appendChild = function (c) { this.children.push(c); return c; };
Elem.prototype.removeChild = function (c) { this.children.splice(this.children.indexOf(c), 1); };
Object.defineProperty(Elem.prototype, "firstChild",
                      { get: function () { return this.children[0]; } });
Object.defineProperty(Elem.prototype, "innerHTML", { set: function () { innerHTMLUsed = true; } });
Elem.prototype.scrollIntoView = function () {};
var panel = new Elem("aside");
var handlers = {};
var document = {
  createElement: function (t) { return new Elem(t); },
  createTextNode: function (t) { var e = new Elem("#text"); e.textContent = t; return e; },
  querySelectorAll: function () { return []; },
  getElementById: function (id) {
    if (id === "qt-details") { return { textContent: __DETAILS__ }; }
    if (id === "qt-panel") { return panel; }
    return new Elem("div");
  }
};
var vis = {
  DataSet: function (items) { this.items = items; },
  Network: function (container, data, options) {
    this.on = function (name, fn) { handlers[name] = fn; };
    this.once = function () {};  // the arrow routing after the first draw: no drawing here
    this.selectNodes = function () {};
    this.focus = function () {};
    this.fit = function () {};
  }
};
"""

_HARNESS_END = r"""
function flat(e, out) {
  out.push([e.tagName, e.textContent]);
  e.children.forEach(function (c) { flat(c, out); });
  return out;
}
var ids = Object.keys(JSON.parse(__DETAILS__));
handlers.click({ nodes: [ids.filter(function (i) { return i.indexOf("q:q\"") === 0; })[0]] });
var all = flat(panel, []);
var result = {
  innerHTML_used: innerHTMLUsed,
  heading: panel.children[0].textContent,
  children: all,
  links: all.filter(function (c) { return c[0] === "a"; })
};
handlers.click({ nodes: ["statement"] });
result.statement_heading = panel.children[0].textContent;
console.log(JSON.stringify(result));
"""


def test_a_print_credited_to_another_speaker_is_ringed_and_noted(trace):
    page = statement_html(trace)
    by_id = _data_nodes(_network_data(page)[0])
    assert by_id["q:q5"]["label"].startswith("⚠ ")  # John Roe, not the statement's Jane Doe
    assert by_id["q:q5"]["color"]["border"] == CONFLICT_COLOR
    assert "credited to John Roe, not Jane Doe" in by_id["q:q5"]["title"]
    assert ["attribution", "credited to John Roe, not Jane Doe"] in _details(page)["q:q5"]["fields"]
    assert not any(n["color"]["border"] == CONFLICT_COLOR for k, n in by_id.items()
                   if k not in ("q:q5", STATEMENT_NODE))
    row = _table(page)[_table(page).index("Budget Watch blog"):]
    assert '<span class="note">credited to John Roe, not Jane Doe</span>' in row
