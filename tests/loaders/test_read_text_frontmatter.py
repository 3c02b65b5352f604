"""Plain text with front matter, the UTF-8 policy, and what read_inputs dispatches on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quotetrail.errors import InputError
from quotetrail.loaders.read.inputs import ReadFailure, read_inputs
from quotetrail.loaders.read.text import decode_utf8, split_front_matter
from quotetrail.loaders.records import Document

PAGES = Path(__file__).resolve().parents[2] / "tests" / "data" / "pages"
BODY = "“We will not compromise,” Stoltenberg said.\n\nMinisters met on Wednesday.\n"


def one(path: Path) -> Document | ReadFailure:
    (item,) = list(read_inputs([str(path)]))
    return item


def test_yaml_front_matter_is_read_and_removed(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("---\ntitle: No compromise\noutlet: DW\noutlet_domain: dw.com\n"
                    "published: 2022-02-16\nkind: news\nlanguage: en\nauthor: ignored\n---\n\n"
                    + BODY, encoding="utf-8")
    doc = one(path)
    assert isinstance(doc, Document)
    assert doc.text == BODY  # offsets refer to the body
    assert doc.text[1:24] == "We will not compromise,"
    assert (doc.title, doc.outlet, doc.outlet_domain, doc.published, doc.language) == (
        "No compromise", "DW", "dw.com", "2022-02-16", "en")


def test_yaml_front_matter_with_transcript_speaker(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_text("---\nkind: transcript\nspeaker: Jens Stoltenberg\n"
                    "published: '2022-02-17T15:23:00+01:00'\n---\nQ: A question?\n",
                    encoding="utf-8")
    doc = one(path)
    assert isinstance(doc, Document)
    assert (doc.kind, doc.speaker, doc.published) == (
        "transcript", "Jens Stoltenberg", "2022-02-17T15:23:00+01:00")
    assert doc.text == "Q: A question?\n" and doc.title == "Q: A question?"


def test_header_lines_are_read_and_removed(tmp_path: Path) -> None:
    path = tmp_path / "h.txt"
    path.write_text("Title: No compromise\nOutlet: Daily Express\nDate: 15 February 2022\n"
                    "URL: https://www.express.co.uk/news/1\n\n" + BODY, encoding="utf-8")
    doc = one(path)
    assert isinstance(doc, Document)
    assert doc.text == BODY
    assert (doc.title, doc.outlet, doc.published, doc.url) == (
        "No compromise", "Daily Express", "2022-02-15", "https://www.express.co.uk/news/1")


@pytest.mark.parametrize("text", [
    "Speaker: words.",  # one line, no body after it
    "Moderator: Good afternoon.\n\nJens Stoltenberg: Thank you.\n",  # not a header name
    "Title: A headline\nand then prose without a blank line\n",
    "---\ntitle: never closed\n\nBody.\n",
    "\nTitle: after a blank line is text\n\nBody.\n",
])
def test_what_is_not_front_matter_stays_text(text: str) -> None:
    assert split_front_matter(text) == ({}, text)


def test_manifest_row_wins_over_front_matter(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Title: From the file\nOutlet: File Outlet\n\n" + BODY,
                                    encoding="utf-8")
    (tmp_path / "manifest.json").write_text(json.dumps(
        {"documents": [{"file": "a.txt", "title": "From the manifest"}]}), encoding="utf-8")
    doc = one(tmp_path / "a.txt")
    assert isinstance(doc, Document)
    assert (doc.title, doc.outlet, doc.text) == ("From the manifest", "File Outlet", BODY)


@pytest.mark.parametrize(("text", "words"), [
    ("---\ntitle: [unclosed\n---\nBody.\n", "not valid YAML"),
    ("---\n- a\n- b\n---\nBody.\n", "name: value"),
    ("---\nkind: blog\n---\nBody.\n", "front matter kind 'blog'"),
    ("Date: sometime last week\n\nBody.\n", "front matter published 'sometime last week'"),
    ("---\ntitle: Only metadata\n---\n\n", "empty"),
])
def test_bad_front_matter_is_a_failure(tmp_path: Path, text: str, words: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_text(text, encoding="utf-8")
    fail = one(path)
    assert isinstance(fail, ReadFailure) and words in fail.reason


def test_non_utf8_is_refused_with_the_iconv_fix() -> None:
    data = "Le ministre a déclaré: « Nous ne céderons pas », à Bruxelles.".encode("cp1252")
    with pytest.raises(InputError) as err:
        decode_utf8(data)
    assert "not UTF-8" in err.value.message and "iconv -f" in err.value.message
    assert decode_utf8("\ufeffA\r\nB".encode()) == "A\nB"


def test_folder_reads_txt_html_and_jsonl_with_manifest_rows(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "b.html").write_bytes((PAGES / "wire-002.html").read_bytes())
    (tmp_path / "c.jsonl").write_text('{"text": "Line one."}\n{"text": ""}\n', encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    (tmp_path / "manifest.json").write_text(json.dumps({"documents": [
        {"file": "b.html", "outlet": "EFE", "outlet_domain": "efe.com"}]}), encoding="utf-8")
    items = list(read_inputs([str(tmp_path)]))
    docs = [i for i in items if isinstance(i, Document)]
    fails = [i for i in items if isinstance(i, ReadFailure)]
    assert [Path(d.source).name for d in docs] == ["a.txt", "b.html", "c.jsonl:1"]
    assert (docs[1].outlet, docs[1].outlet_domain) == ("EFE", "efe.com")
    assert [Path(f.input).name for f in fails] == ["c.jsonl:2"]


def test_a_page_saved_without_html_suffix_is_read_as_html(tmp_path: Path) -> None:
    path = tmp_path / "article.php"
    path.write_bytes((PAGES / "dw-004.html").read_bytes())
    doc = one(path)
    assert isinstance(doc, Document) and doc.outlet == "DW" and "<" not in doc.text


def test_odd_inputs(tmp_path: Path) -> None:
    items = list(read_inputs([str(tmp_path / "nope.jsonl"), "mailto://x"]))
    assert all(isinstance(i, ReadFailure) for i in items)
    assert "no such file" in items[0].reason
    assert "only http and https" in items[1].reason
