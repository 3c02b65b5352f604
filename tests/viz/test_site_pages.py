"""The index, article and speaker pages: hostile text only escaped, no remote resource, only
http(s) or site links, and the article's text kept exactly with quotes at their offsets."""

from __future__ import annotations

import html
import re

import pytest

from quotetrail.graph.model import (
    ArticleDetail,
    ArticlePage,
    ArticleQuote,
    ArticleRow,
    Counts,
    OutletPage,
    OutletRow,
    QuoteStatement,
    SpeakerDetail,
    SpeakerPage,
    SpeakerPrintings,
    SpeakerRow,
    SpeakerStatement,
    StatementHit,
    StatementPage,
)
from quotetrail.viz.article_page import article_html, segments
from quotetrail.viz.index_page import index_html
from quotetrail.viz.speaker_page import speaker_html

EVIL = "<script>alert(1)</script>"
EVIL_ATTR = '"><img src=x onerror=alert(2)>'

TEXT = f"Intro {EVIL}. She said “we will win {EVIL_ATTR}” and “we will win”. End."


def _quote(qid: str, words: str, mutation: str | None, nth: int = 0) -> ArticleQuote:
    start = [m.start() for m in re.finditer(re.escape(words), TEXT)][nth]
    statements = [QuoteStatement(id=f"st-{EVIL}", text=EVIL, mutation=mutation,
                                 similarity=1.0)] if mutation else []
    return ArticleQuote(id=qid, text=words, kind="direct", start=start, end=start + len(words),
                        cue="said", speaker=EVIL_ATTR, speaker_id=f"sp-{EVIL}",
                        statements=statements, at_offsets=True)


@pytest.fixture
def article() -> ArticleDetail:
    outer = _quote("q-outer", f"we will win {EVIL_ATTR}", "reworded")
    inner = _quote("q-inner", "we will win", "truncated")  # nested in the outer quote
    second = _quote("q-2", "we will win", None, nth=1)  # linked to no statement
    misplaced = ArticleQuote(id="q-bad", text="not there", kind="partial", start=0, end=9,
                             cue=None, speaker=None, speaker_id=None, statements=[],
                             at_offsets=False)
    return ArticleDetail(id="art-1", title=EVIL, url="javascript:alert(3)", source=EVIL,
                         kind="news", language="en", published="2024-03-04T00:00:00+00:00",
                         published_note=EVIL_ATTR, outlet=EVIL, outlet_id="o", text=TEXT,
                         quotes=[outer, inner, second, misplaced], quotes_total=4)


def _no_injection(page: str, scripts: int = 0) -> None:
    lowered = page.lower()
    assert EVIL not in page and "<img" not in lowered
    assert page.count("<script") == scripts  # only the page's own (data as escaped JSON)
    markup = re.sub(r"<script[^>]*>.*?</script>", "", page, flags=re.S)
    for tag in re.findall(r"<[a-zA-Z][^>]*>", markup):  # no inline handler: a CSP forbids them
        names = re.sub(r'"[^"]*"', '""', tag)  # attribute names only, values blanked
        assert not re.search(r"\son[a-z]+\s*=", names), tag
    assert not re.search(r"<(link|iframe|embed|object)\b", lowered)
    assert "@import" not in lowered and "url(" not in lowered
    for href in re.findall(r'href="([^"]*)"', page):
        assert href.startswith(("https://", "http://", "/")) and not href.startswith("//"), href


def test_segments_rebuild_the_text_and_never_nest(article):
    parts = segments(article)
    assert "".join(p.text for p in parts) == TEXT
    inner = [p for p in parts if p.quote == "q-inner"]
    assert [p.text for p in inner] == ["we will win"] and inner[0].mutation == "truncated"
    outer = [p for p in parts if p.quote == "q-outer"]
    assert "".join(p.text for p in outer) == f" {EVIL_ATTR}"
    unlinked = [p for p in parts if p.quote == "q-2"]
    assert unlinked and unlinked[0].href is None
    assert not any(p.quote == "q-bad" for p in parts)  # its words are not at its offsets


def test_article_page_escapes_and_links(article):
    page = article_html(article)
    _no_injection(page, scripts=2)
    body = page[page.index('id="article-text">') + len('id="article-text">'):]
    body = body[:body.index("</div>")]
    assert html.unescape(re.sub(r"<[^>]+>", "", body)) == TEXT  # the stored text, exactly
    assert page.count('<a class="q"') == 2 and page.count('<mark class="q"') == 1
    assert 'href="/statements/st-%3Cscript%3Ealert%281%29%3C%2Fscript%3E"' in page
    assert "javascript:" not in page  # not an http(s) URL: shown as text, not linked
    assert "(not found at these offsets" in page


def test_index_and_speaker_pages_escape(article):
    hit = StatementHit(id=EVIL, text=EVIL, speaker=EVIL_ATTR, quote_count=2, score=100)
    page = index_html(
        counts=Counts(articles=1, quotes=2, speakers=1, statements=1, outlets=1),
        page=StatementPage(total=120, limit=50, offset=50, items=[hit]),
        speakers=SpeakerPage(total=30, limit=20, offset=0, items=[SpeakerRow(
            id="sp-x", name=EVIL_ATTR, role=EVIL, aliases=[], statements=1, quotes=2,
            outlets=1)]),
        outlets=OutletPage(total=1, limit=20, offset=0, items=[OutletRow(
            id="o", name=EVIL, domain=EVIL_ATTR, articles=1, quotes=2)]),
        articles=ArticlePage(total=1, limit=20, offset=0, items=[ArticleRow(
            id="art-1", title=EVIL, url=None, source=None, kind="news", language=None,
            published=None, outlet=EVIL, outlet_id="o", quotes=2)]),
        q=EVIL)
    _no_injection(page)
    assert 'href="/speakers/sp-x"' in page  # the statement's speaker links to their page
    assert "the 1 most quoted of\n  30" in page  # a side list says it is the first page
    assert "/?q=%3Cscript%3E" in page and "offset=0" in page and "offset=100" in page
    speaker = speaker_html(SpeakerDetail(
        id="sp-x", name=EVIL, role=EVIL_ATTR, aliases=[EVIL], statements=[],
        statements_total=1), SpeakerPrintings(quotes=[], before=EVIL, older=EVIL, statements=[
            SpeakerStatement(id="st-1", text=EVIL, first_seen=None, quote_count=3,
                             outlets=2, mutations={"truncated": 1, "verbatim": 2},
                             faithful=2)]))
    _no_injection(speaker)
    assert "2 of 3 faithful" in speaker and 'href="/statements/st-1"' in speaker


def test_every_mutation_kind_has_a_colour_a_meaning_and_a_cli_style() -> None:
    """The kinds are defined once (graph.model); each place that shows them covers all."""
    from quotetrail.cli import MUTATION_STYLE
    from quotetrail.graph.model import MUTATIONS
    from quotetrail.viz.colors import MUTATION_COLORS, MUTATION_MEANINGS

    for table in (MUTATION_COLORS, MUTATION_MEANINGS, MUTATION_STYLE):
        assert list(table) == list(MUTATIONS)
