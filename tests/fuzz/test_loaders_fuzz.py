"""Property tests over the loaders: any bytes, front matter, JSONL line or page gives a
Document or the project's own InputError (read_inputs: a ReadFailure), never a crash.

Each Document read is then extracted, and its quotes checked as in test_extract_fuzz.
Crashes these found (fixed in loaders/, kept below as explicit examples): YAML values that
match but cannot be built (`published: 2022-13-45`, `x: 0x_`: ValueError), YAML nested past
the recursion limit, JSON nested past it (a JSONL line, a manifest), lone surrogate escapes
in JSONL (`"\\ud800"`: a Document that could never be hashed or stored), and a YAML alias
bomb in a title (str() of 10**7 characters).
"""

from __future__ import annotations

import json
import os
import tempfile

from fuzz.hostile import MARKS, check, fuzz_settings, texts, transcript_texts
from hypothesis import example, given
from hypothesis import strategies as st

from quotetrail.errors import InputError, QuotetrailError
from quotetrail.loaders.read.html import html_document
from quotetrail.loaders.read.inputs import read_inputs
from quotetrail.loaders.read.jsonl import line_document, read_jsonl
from quotetrail.loaders.read.meta import FIELDS, KINDS, ReadFailure
from quotetrail.loaders.read.text import decode_utf8, text_document
from quotetrail.loaders.records import Document


def no_fetch(url: str, **_: object) -> Document:
    """A URL-only line would be fetched; the fuzz run stays off the network."""
    raise InputError("not fetched in tests")


def check_document(doc: Document) -> None:
    """What every reader promises of a Document, then the extractor's invariants on it."""
    assert isinstance(doc, Document)
    assert doc.text.strip(), "an empty document must be refused, not returned"
    assert doc.kind in KINDS
    for name in ("title", "outlet", "outlet_domain", "published", "url", "language", "speaker"):
        value = getattr(doc, name)
        assert value is None or (isinstance(value, str) and value.strip() == value and value)
    doc.text.encode("utf-8")  # storable and hashable
    assert len(doc.sha256) == 64
    check(doc.text, doc.kind, doc.speaker)


YAML_VALUES = st.one_of(
    st.sampled_from(["2022-02-16", "2022-13-45", "2022-02-30T25:00:00", "16 February 2022",
                     "Feb 16, 2022", "[1, 2]", "{a: 1}", "!!python/object:os.system", "&a x",
                     "*a", "|\n  block\n  text", "null", "~", "yes", "'unclosed", '"x\\q"',
                     "0x_", "1e999", "!!binary '***'", "!!set {a, b}", "[" * 300 + "]" * 300,
                     "news", "transcript", "press_release", "<script>x</script>", "- a\n- b",
                     "\t", "@x", "`x`", "%TAG", "? [a]\n: b", "https://example.org/a?b=c",
                     "javascript:alert(1)"]),
    st.text(max_size=20),
)
KEYS = st.one_of(st.sampled_from([*FIELDS, "date", "Date", "domain", "lang", "link", "TITLE",
                                  "outlet domain", "speaker", "file", ""]), st.text(max_size=8))


@st.composite
def front_matter_texts(draw: st.DrawFn) -> str:
    """A text with YAML (`---`) or header-line front matter of drawn fields, then a body."""
    fields = draw(st.lists(st.tuples(KEYS, YAML_VALUES), max_size=6))
    body = draw(texts)
    if draw(st.booleans()):
        closing = draw(st.sampled_from(["---", "...", "--- ", ""]))
        head = "\n".join(f"{k}: {v}" for k, v in fields)
        return f"---\n{head}\n{closing}\n{body}"
    head = "\n".join(f"{k}: {v}".replace("\n", " ") for k, v in fields)
    gap = draw(st.sampled_from(["", "\n", " \n"]))
    return f"{head}\n{gap}{body}"


JSON_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
              st.text(max_size=30), texts, st.sampled_from(MARKS)),
    lambda inner: st.one_of(st.lists(inner, max_size=3),
                            st.dictionaries(st.text(max_size=5), inner, max_size=3)),
    max_leaves=8,
)


@st.composite
def jsonl_lines(draw: st.DrawFn) -> str:
    """A JSONL line: mostly objects with known keys and odd values, sometimes not JSON."""
    keys = st.sampled_from(["text", "html", "url", *FIELDS])
    obj = draw(st.dictionaries(keys, JSON_VALUES, max_size=6))
    if draw(st.booleans()):
        obj["text"] = draw(st.one_of(texts, transcript_texts()))
    if "url" in obj and not isinstance(obj.get("text"), str):
        obj["url"] = draw(st.sampled_from(["http://127.0.0.1:9/", "ftp://x", "javascript:1"]))
    line = json.dumps(obj, ensure_ascii=draw(st.booleans()), allow_nan=True)
    return draw(st.sampled_from([line, line, line[: len(line) // 2], "[" + line + "]",
                                 "\ufeff" + line, line.replace('"', "'")]))


@fuzz_settings(200)
@given(data=st.binary(max_size=300))
@example(data=b"\xef\xbb\xbf\xff")
@example(data=b"\x00\r\n\r\n")
def test_decode_utf8_gives_text_or_says_the_fix(data):
    try:
        text = decode_utf8(data)
    except InputError as exc:
        assert "UTF-8" in exc.message
        return
    assert "\r\n" not in text
    assert text.encode("utf-8").replace(b"\n", b"") in (
        data.removeprefix(b"\xef\xbb\xbf").replace(b"\r\n", b"\n").replace(b"\n", b""),)


@fuzz_settings(200)
@given(text=front_matter_texts())
@example(text="---\npublished: 2022-13-45\n---\nbody text")
@example(text="---\nx: 0x_\n---\nbody text")
@example(text="---\ntitle: " + "[" * 500 + "]" * 500 + "\n---\nbody text")
@example(text="---\na: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
         "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
         "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
         "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
         "title: *h\n---\nbody text")
def test_text_with_front_matter(text):
    try:
        doc = text_document(text, "fuzz.txt")
    except InputError:
        return
    check_document(doc)


@fuzz_settings(150)
@given(line=jsonl_lines())
@example(line="[" * 100_000 + "]" * 100_000)
@example(line='{"text": "he said “\\ud800”"}')
@example(line='{"text": "ok", "title": "\\udfff"}')
@example(line='{"text": "ok", "published": 1e999}')
@example(line='{"url": "http://127.0.0.1:9/"}')
def test_jsonl_lines(line):
    try:
        doc = line_document(line, "fuzz.jsonl:1", fetch=no_fetch)
    except InputError:
        return
    check_document(doc)


PAGE_PARTS = st.one_of(
    st.sampled_from(["<p>", "</p>", "<article>", "</article>", "<h1>", "</h1>", "<br>",
                     "<script>window.x=1</script>", "<!--", "-->", "<![CDATA[", "]]>",
                     '<meta charset="utf-16">', '<meta charset="x-bogus">',
                     '<meta property="article:published_time" content="2022-13-45">',
                     '<script type="application/ld+json">{"@type":"NewsArticle",'
                     '"datePublished":"yesterday","url":"javascript:1"}</script>',
                     '<link rel="canonical" href="javascript:alert(1)">', "<title>",
                     "</title>", "<html lang='\x00'>", "<?xml version='1.0'?>", "&#0;",
                     "&amp;", "&#x110000;", "<svg onload=1>", "<", ">", "\x00"]),
    texts,
)


@fuzz_settings(120, deadline_ms=5_000)
@given(parts=st.lists(PAGE_PARTS, max_size=25), as_bytes=st.booleans(),
       url=st.sampled_from([None, "https://example.org/a", "javascript:alert(1)", "x"]))
def test_html_pages(parts, as_bytes, url):
    page = "".join(parts)
    try:
        doc = html_document(page.encode("utf-8", "surrogatepass") if as_bytes else page,
                            source="fuzz.html", url=url)
    except InputError:
        return
    check_document(doc)


FILES = st.tuples(
    st.sampled_from(["a.txt", "b.html", "c.jsonl", "d.htm", "e.md", "f.TXT", "manifest.json",
                     "g.ndjson", "h"]),
    st.one_of(texts.map(lambda t: t.encode("utf-8", "surrogatepass")),
              front_matter_texts().map(lambda t: t.encode("utf-8", "surrogatepass")),
              st.lists(jsonl_lines(), max_size=4).map(lambda ls: "\n".join(ls).encode()),
              st.binary(max_size=200),
              st.just(b'{"documents": ' + b"[" * 50_000 + b"]" * 50_000 + b"}"),
              JSON_VALUES.map(lambda v: json.dumps({"documents": [{"file": "a.txt", "x": v},
                                                                  v]}).encode())),
)


@fuzz_settings(120, deadline_ms=10_000)
@given(files=st.lists(FILES, max_size=5))
def test_read_inputs_on_files_gives_documents_or_failures(files):
    with tempfile.TemporaryDirectory() as folder:
        for name, data in files:
            with open(os.path.join(folder, name), "wb") as fh:
                fh.write(data)
        for given_path in (folder, *(os.path.join(folder, n) for n, _ in files)):
            for result in read_inputs([given_path]):
                assert isinstance(result, (Document, ReadFailure)), result
                if isinstance(result, ReadFailure):
                    assert result.reason and isinstance(result.reason, str)
                else:
                    check_document(result)


def test_read_jsonl_never_raises_on_bad_bytes():
    lines = [b"\xff\xfe", b'{"text": "a b c"}', b"[" * 100_000, b'{"text": "\\ud800"}', b""]
    results = list(read_jsonl(lines, "bad.jsonl", fetch=no_fetch))
    assert [type(r).__name__ for r in results] == [
        "ReadFailure", "Document", "ReadFailure", "ReadFailure"]


def test_every_error_is_ours():
    """The only exceptions the tests above let through are the project's own."""
    assert issubclass(InputError, QuotetrailError)
