"""Issue 18's page behaviours that need no browser: the article's inline speaker labels and
date note, the speaker's time line, sortable table and used aliases, the query console's
examples and limits, and the downloads (CSV that no spreadsheet runs, GraphML that parses)."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET

import pytest

from quotetrail.graph.model import (
    ArticleDetail,
    ArticleQuote,
    ArticleRef,
    QuoteStatement,
    SpeakerDetail,
    SpeakerPrintings,
    SpeakerQuote,
    Trace,
    TraceVariant,
)
from quotetrail.viz import exports
from quotetrail.viz.article_page import NO_SPEAKER, article_html, date_note, segments
from quotetrail.viz.assets import vis_links
from quotetrail.viz.console_page import console_html
from quotetrail.viz.cypher_examples import EXAMPLES
from quotetrail.viz.speaker_page import printings, speaker_html, timeline, used_aliases

from helpers import ROOT

EVIL = "<script>alert(1)</script>"
TEXT = "Intro. “We will win,” she said. Then “nobody knows” was heard. End."


def _quote(qid: str, words: str, speaker: str | None, **kw) -> ArticleQuote:
    start = TEXT.index(words)
    return ArticleQuote(id=qid, text=words, kind="direct", start=start, end=start + len(words),
                        cue=kw.get("cue"), method=kw.get("method"),
                        confidence=kw.get("confidence"), speaker=speaker,
                        speaker_id=f"sp-{speaker}" if speaker else None,
                        statements=kw.get("statements", []), at_offsets=True)


def _article(note: str | None = None) -> ArticleDetail:
    won = _quote("q1", "We will win", "Ann Lee", cue="said", method="cue_after",
                 confidence=0.93, statements=[QuoteStatement(id="st-1", text="We will win.",
                                                             mutation="trivial",
                                                             similarity=0.98)])
    nobody = _quote("q2", "nobody knows", None, confidence=0.2)
    return ArticleDetail(id="a1", title="T", url=None, source=None, kind="news", language="en",
                         published="2024-03-04T00:00:00+00:00", published_note=note,
                         outlet="Post", outlet_id="post", text=TEXT, quotes=[won, nobody],
                         quotes_total=2)


def test_article_labels_each_quote_with_its_speaker_and_styles_the_unattributed():
    parts = segments(_article())
    labelled = {p.quote: p.label for p in parts if p.label}
    assert labelled == {"q1": "Ann Lee", "q2": NO_SPEAKER}
    assert [p.unattributed for p in parts if p.quote == "q2"] == [True]
    page = article_html(_article())
    assert 'class="q" href="/statements/st-1"' in page and 'data-speaker="Ann Lee"' in page
    assert 'class="q unattributed"' in page and "1 without a speaker" in page
    details = json.loads(re.search(r'id="qt-quotes">(.*?)</script>', page, re.S).group(1))
    assert ["attribution", "cue_after"] in details["q1"]["fields"]
    assert ["confidence", "0.93"] in details["q1"]["fields"]
    assert ["cue", "said"] in details["q1"]["fields"]
    assert details["q1"]["statements"] == [{"text": "We will win.", "mutation": "trivial",
                                            "href": "/statements/st-1"}]
    assert details["q2"]["speaker"] is None and details["q2"]["statements"] == []


@pytest.mark.parametrize(("note", "label"), [
    ("stated in the page (JSON-LD datePublished)", "date stated in the page"),
    ("found in the page by trafilatura (htmldate); check it", "date inferred"),
    (None, None),
])
def test_article_date_label_tells_stated_from_inferred(note, label):
    assert date_note(note) == label
    page = article_html(_article(note))
    assert (f"({label})" in page) == (label is not None)
    assert ("(date inferred)" in page) == (label == "date inferred")


def _printing(n: int, **kw) -> SpeakerQuote:
    base = {"quote_id": f"q{n}", "text": f"words {n}", "kind": "direct", "mention": None,
            "cue": "said", "method": "cue_after", "confidence": 0.9, "article_id": f"a{n}",
            "title": f"Article {n}", "url": None, "published": f"2024-03-0{n}T10:00:00+00:00",
            "outlet": f"Outlet {n}", "statement_id": "st-1", "statement_text": "words",
            "mutation": "verbatim"}
    return SpeakerQuote(**{**base, **kw})


def _window(quotes: list[SpeakerQuote], before: str | None = None,
            older: str | None = None) -> SpeakerPrintings:
    return SpeakerPrintings(quotes=quotes, before=before, older=older, statements=[])


def test_speaker_page_links_the_older_and_the_latest_printings():
    detail = SpeakerDetail(id="sp-x", name="Ann Lee", role=None, aliases=[], statements=[],
                           statements_total=4, quotes_total=900)
    latest = " ".join(speaker_html(detail, _window([_printing(2), _printing(3)],
                                                   older="2024-03-02T10:00:00+00:00")).split())
    assert "The latest 2 printings, 2024-03-02 10:00 UTC to 2024-03-03 10:00 UTC, of 900" in \
        latest and "the latest printings" not in latest
    assert ('href="/speakers/sp-x?sort=date&amp;order=asc&amp;offset=0&amp;'
            'before=2024-03-02T10%3A00%3A00%2B00%3A00">older printings') in latest
    older = " ".join(speaker_html(detail, _window([_printing(1)], before="2024-03-02T10:00:00"
                                                  "+00:00"), sort="outlet").split())
    assert "1 printing, 2024-03-01 10:00 UTC to 2024-03-01 10:00 UTC, of 900" in older
    assert 'href="/speakers/sp-x?sort=outlet&amp;order=asc&amp;offset=0">← the latest' in older
    assert "older printings" not in older
    assert "printings.csv?before=2024-03-02T10%3A00%3A00%2B00%3A00&amp;sort=outlet" in older


def test_speaker_table_sorts_pages_and_keeps_missing_values_last():
    quotes = [_printing(3, confidence=0.5, outlet="b"), _printing(1, confidence=None),
              _printing(2, confidence=0.95, outlet="A", published=None)]
    assert [q.quote_id for q in printings(quotes)] == ["q1", "q3", "q2"]  # undated last
    assert [q.quote_id for q in printings(quotes, "confidence", "desc")] == ["q2", "q3", "q1"]
    assert [q.quote_id for q in printings(quotes, "confidence", "asc")] == ["q3", "q2", "q1"]
    assert [q.quote_id for q in printings(quotes, "outlet")] == ["q2", "q3", "q1"]
    detail = SpeakerDetail(id="sp-x", name="Ann Lee", role=None, statements=[], statements_total=0,
                           aliases=["Lee", "Ann", "Mrs Lee", "Ann Lee"])
    page = speaker_html(detail, _window(quotes), sort="confidence", order="desc", offset=1, limit=1)
    table = page[page.index('id="speaker-printings"'):page.index("</table>")]
    assert table.count("<tr><td") == 1 and "Outlet 3" not in table and "b</td>" in table
    assert "showing 2–2 of\n  3" in page and "offset=0" in page and "offset=2" in page
    assert "/speakers/sp-x/printings.csv?sort=confidence&amp;order=desc&amp;offset=1" in page


def test_speaker_aliases_are_only_names_articles_used():
    detail = SpeakerDetail(id="sp-x", name="Ann Lee", role=None, statements=[], statements_total=0,
                           aliases=["Lee", "the minister said", "Ann Lee", "Ms Lee",
                                    "the minister"])
    quotes = [_printing(1, mention="Lee"), _printing(2, mention="Ann Lee"),
              _printing(3, mention="she"), _printing(4, mention="The minister")]
    assert used_aliases(detail, quotes) == (["Lee"], ["the minister"])
    page = " ".join(speaker_html(detail, _window(quotes)).split())
    assert "named in articles: Lee · described as: the minister</p>" in page
    assert "Ms Lee" not in page and "minister said" not in page


def test_speaker_timeline_rows_are_the_most_printed_statements():
    quotes = [_printing(1, statement_id=f"st-{n}", statement_text=f"said {n}")
              for n in range(40)]
    quotes += [_printing(2, statement_id="st-39", statement_text="said 39", quote_id=f"x{n}")
               for n in range(3)]
    drawn = timeline(quotes)
    assert len(drawn["rows"]) == 30 and drawn["rows"][-1] == "11 other statements"
    assert "said 39" in drawn["rows"]  # printed four times: a row of its own
    assert len(drawn["marks"]) == 43
    assert {m.y for m in drawn["marks"]} == {n * 18 + 9 for n in range(30)}


def test_speaker_timeline_has_one_mark_per_printing_on_a_date_axis():
    quotes = [_printing(1), _printing(2, mutation="truncated", statement_id="st-2"),
              _printing(4, published=None, text=EVIL)]
    drawn = timeline(quotes)
    marks = drawn["marks"]
    assert len(marks) == 3
    assert marks[0].x < marks[1].x < marks[2].x  # dated left to right, the undated after
    assert marks[0].y == marks[2].y != marks[1].y  # one row per statement
    assert [t["label"] for t in drawn["ticks"]][0] == "2024-03-01"
    page = speaker_html(SpeakerDetail(id="sp", name="N", role=None, aliases=[],
                                      statements=[], statements_total=0), _window(quotes))
    svg = page[page.index("<svg"):page.index("</svg>")]
    assert svg.count("<circle") == 3 and "#E69F00" in svg  # truncated's colour
    assert EVIL not in page and "&lt;script&gt;" in svg


def test_console_offers_the_readme_examples_and_states_the_limits():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```cypher\n(.*?)```", readme, re.S)
    assert [e.query for e in EXAMPLES] == blocks
    page = console_html(time_limit=7.5, row_cap=321)
    words = " ".join(page.split())
    assert "stops after 7.5 s" in words and "at most 321 rows" in words
    assert page.count('class="example"') == len(EXAMPLES)
    data = json.loads(re.search(r'id="qt-examples">(.*?)</script>', page, re.S).group(1))
    assert [d["query"] for d in data] == blocks
    assert "fetch(\"/api/cypher\"" in page and "innerHTML" not in page
    # nothing from elsewhere: vis-network's two files come from the app itself
    urls = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert sorted(u for u in urls if u.startswith("/assets/")) == sorted(vars(vis_links()).values())
    assert all(u.startswith("/") and not u.startswith("//") for u in urls), urls
    assert not re.search(r"<(iframe|img)\b", page)


def _trace() -> Trace:
    def variant(n: int, text: str, **kw) -> TraceVariant:
        return TraceVariant(quote_id=f"q{n}", text=text, kind="direct", speaker="Ann",
                            mutation=kw.get("mutation", "verbatim"), similarity=0.9,
                            diff=[("=", text)], derived_from=kw.get("derived_from"),
                            evidence=kw.get("evidence"),
                            article=ArticleRef(id=f"a{n}", title=EVIL, source=None,
                                               url="https://x.example/?a=1&b=2",
                                               outlet="Post\x01", outlet_id="post",
                                               published=None, kind="news"))
    return Trace(id="st<1>", text="=HYPERLINK(\"http://evil\")", speaker="Ann",
                 first_seen=None, quote_count=2,
                 variants=[variant(1, "@SUM(A1)"), variant(2, f"ok {EVIL}", derived_from="q1",
                                                          evidence="time & order")])


def test_csv_cells_never_start_a_formula():
    rows = exports.trace_rows(_trace())
    parsed = list(csv.DictReader(io.StringIO(exports.csv_text(rows, list(rows[0])))))
    assert [r["text"] for r in parsed] == ["'@SUM(A1)", f"ok {EVIL}"]
    assert parsed[0]["reference"] == "'=HYPERLINK(\"http://evil\")"
    assert parsed[1]["derived_from"] == "q1" and parsed[1]["evidence"] == "time & order"


def test_graphml_parses_and_keeps_the_trace():
    root = ET.fromstring(exports.trace_graphml(_trace()).encode())
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    graph = root.find("g:graph", ns)
    nodes = {n.get("id"): n for n in graph.findall("g:node", ns)}
    assert set(nodes) == {"statement", "q:q1", "q:q2"}
    edges = [(e.get("source"), e.get("target"), e.find("g:data[@key='e_type']", ns).text)
             for e in graph.findall("g:edge", ns)]
    assert sorted(edges) == [("q:q1", "statement", "VARIANT_OF"),
                             ("q:q2", "q:q1", "DERIVED_FROM"),
                             ("q:q2", "statement", "VARIANT_OF")]
    text = nodes["q:q2"].find("g:data[@key='n_text']", ns).text
    assert text == f"ok {EVIL}"  # escaped in the file, intact when read
    assert nodes["q:q1"].find("g:data[@key='n_outlet']", ns).text == "Post"  # \x01 dropped
