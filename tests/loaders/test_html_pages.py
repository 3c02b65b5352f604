"""Saved news pages (fixtures written from the seed texts) give the article and its metadata.

The labels are the seed texts: which of their paragraphs are the article and which are page
furniture (newsletter box, cookie banner, editor's message, "Read more") was decided by
reading them, and the fixture pages wrap the same paragraphs in realistic markup.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from quotetrail.errors import InputError
from quotetrail.loaders.read.html import decode_html, html_document
from quotetrail.loaders.read.inputs import ReadFailure, read_inputs
from quotetrail.loaders.records import Document

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "tests" / "data" / "pages"
SEED = ROOT / "examples" / "nato-2022"

BOILERPLATE = (
    "cookie", "Accept all", "Sign up", "newsletter", "Read more", "Share on", "All rights",
    "A message from the editor", "Thank you for reading", "Related topics", "Privacy",
    "We use your sign-up", "Source: Read Full Article", "Reproduction prohibited", "Subscribe",
)


def seed_paragraphs(prefix: str, sep: str) -> list[str]:
    text = next(SEED.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")
    return [p.strip() for p in text.split(sep) if p.strip()]


def page(name: str) -> Document:
    return html_document((PAGES / name).read_bytes(), source=str(PAGES / name))


def paragraphs(doc: Document) -> list[str]:
    return doc.text.split("\n\n")


def assert_in_order(wanted: list[str], got: list[str]) -> None:
    positions = [got.index(w) for w in wanted]  # ValueError names a missing paragraph
    assert positions == sorted(positions)


def test_nationalworld_page_text_is_the_article_without_furniture() -> None:
    doc = page("nationalworld-000.html")
    seed = seed_paragraphs("000", "\n\n")
    # The seed's lines 0-1 are headline and standfirst (page header); the newsletter line
    # and the editor's message are page furniture; everything else is the article.
    article = [p for p in seed[2:] if not p.startswith("Sign up to our")]
    article = article[:article.index("A message from the editor:")]
    assert paragraphs(doc) == article
    for phrase in BOILERPLATE:
        assert phrase.lower() not in doc.text.lower(), phrase
    assert "\n\n" in doc.text and "\n\n\n" not in doc.text


def test_nationalworld_metadata_from_opengraph_and_meta() -> None:
    doc = page("nationalworld-000.html")
    assert doc.title == seed_paragraphs("000", "\n\n")[0]
    assert doc.outlet == "NationalWorld" and doc.outlet_domain == "nationalworld.com"
    assert doc.url == ("https://www.nationalworld.com/news/world/"
                       "ukraine-what-did-nato-leader-jens-stoltenberg-say-3570041")
    assert doc.published == "2022-02-16T13:05:00+00:00"
    assert "article:published_time" in (doc.published_note or "")
    assert doc.language == "en" and doc.kind == "news"


def test_dw_page_json_ld_metadata_and_read_more_teasers_gone() -> None:
    doc = page("dw-004.html")
    seed = seed_paragraphs("004", "\n")
    got = paragraphs(doc)
    assert_in_order(seed, got)  # the lead, every paragraph and the sign-off
    extra = [p for p in got if p not in seed]
    assert set(extra) <= {"Conflicts", "NATO sees no Russian de-escalation, plans Romania "
                                        "battlegroup"}  # kicker and headline at most
    for phrase in BOILERPLATE:
        assert phrase.lower() not in doc.text.lower(), phrase
    assert doc.title == "NATO sees no Russian de-escalation, plans Romania battlegroup"
    assert doc.outlet == "DW" and doc.outlet_domain == "dw.com"
    assert doc.url == "https://www.dw.com/en/nato-sees-no-russian-de-escalation/a-60803456"
    assert doc.published == "2022-02-16T14:12:00+00:00"
    assert "JSON-LD" in (doc.published_note or "")
    assert doc.language == "en"


def test_express_page_opengraph_only() -> None:
    doc = page("express-001.html")
    seed = seed_paragraphs("001", "\n\n")
    article = seed[3:-1]  # headline, video caption, consent text ... "Source: Read Full Article"
    assert_in_order(article, paragraphs(doc))
    assert "We use your sign-up" not in doc.text and "Read Full Article" not in doc.text
    assert doc.title == seed[0]
    assert doc.outlet == "Express.co.uk" and doc.outlet_domain == "express.co.uk"
    assert doc.published == "2022-02-15T16:48:00+00:00"
    assert doc.language == "en"  # from og:locale en_GB


def test_wire_page_plain_meta_tags_and_no_site_name() -> None:
    doc = page("wire-002.html")
    assert_in_order(seed_paragraphs("002", "\n"), paragraphs(doc))
    assert "Reproduction prohibited" not in doc.text and "Contact" not in doc.text
    assert doc.title == "Stoltenberg: NATO has not seen any de-escalation on the ground"
    assert doc.published == "2022-02-15" and "meta date" in (doc.published_note or "")
    assert doc.language == "en"
    assert (doc.outlet, doc.outlet_domain, doc.url) == (None, None, None)  # the page names none


def test_given_metadata_wins_and_outlet_falls_back_to_domain() -> None:
    data = (PAGES / "wire-002.html").read_bytes()
    doc = html_document(data, source="x", meta={"url": "https://www.wire.example/a/1",
                                                  "published": "2022-02-14", "kind": "news"})
    assert doc.url == "https://www.wire.example/a/1" and doc.outlet_domain == "wire.example"
    assert doc.published == "2022-02-14" and doc.published_note is None
    fetched = html_document(data, source="y", url="https://agency.example/story")
    assert (fetched.outlet, fetched.outlet_domain) == ("agency.example", "agency.example")


def test_same_page_gives_same_text_hash_from_bytes_or_str() -> None:
    data = (PAGES / "dw-004.html").read_bytes()
    assert html_document(data, source="a").sha256 == html_document(
        data.decode("utf-8"), source="b").sha256


def test_json_ld_in_a_graph_and_relative_canonical() -> None:
    body = "<p>" + "Ministers met in Brussels and talked for a long time about it. " * 6 + "</p>"
    html = f"""<html><head><link rel="canonical" href="/news/1">
    <script type="application/ld+json">{{"@context": "https://schema.org", "@graph": [
      {{"@type": "WebSite", "name": "Site"}},
      {{"@type": ["NewsArticle"], "datePublished": "2022-02-16T09:00:00+01:00",
        "inLanguage": "fr-BE", "publisher": {{"@type": "Organization", "name": "Le Soir"}}}}
    ]}}</script><script type="application/ld+json">{{ broken</script></head>
    <body><article><h1>Titre</h1>{body}</article></body></html>"""
    doc = html_document(html, source="s", url="https://www.lesoir.example/x?utm=1")
    assert doc.published == "2022-02-16T09:00:00+01:00" and doc.language == "fr"
    assert doc.url == "https://www.lesoir.example/news/1"
    assert doc.outlet_domain == "lesoir.example"


def test_charset_declared_in_meta_is_used() -> None:
    body = "<p>" + "Le ministre a déclaré « pas de désescalade » à Bruxelles ce mercredi. " * 5
    html = f'<html><head><meta charset="iso-8859-1"></head><body><article>{body}</p>' \
           "</article></body></html>"
    doc = html_document(html.encode("cp1252"), source="fr.html")
    assert "« pas de désescalade »" in doc.text


def test_undeclared_non_utf8_page_is_refused_with_the_fix() -> None:
    data = "<html><body><p>Le café était fermé.</p></body></html>".encode("cp1252")
    with pytest.raises(InputError) as err:
        decode_html(data)
    assert "charset" in err.value.message and "iconv" in err.value.message
    assert decode_html(data, header_charset="windows-1252").count("café") == 1


@pytest.mark.parametrize("html", [
    "<html><head><title>Cookies</title></head><body><nav><a href='/'>Home</a></nav></body></html>",
    "",
])
def test_page_without_article_text_is_an_input_error(html: str) -> None:
    with pytest.raises(InputError):
        html_document(html, source="empty.html")


def test_read_inputs_reads_html_files_and_reports_a_bad_one(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_bytes((PAGES / "dw-004.html").read_bytes())
    (tmp_path / "b.htm").write_bytes((PAGES / "wire-002.html").read_bytes())
    (tmp_path / "c.html").write_text("<html><body><div>menu</div></body></html>", "utf-8")
    out = list(read_inputs([str(tmp_path)]))
    docs = [d for d in out if isinstance(d, Document)]
    (fail,) = [f for f in out if isinstance(f, ReadFailure)]
    assert [Path(d.source).name for d in docs] == ["a.html", "b.htm"]
    assert docs[0].outlet == "DW" and docs[1].published == "2022-02-15"
    assert Path(fail.input).name == "c.html" and "no article text" in fail.reason
