"""JSONL batches: each good line is a Document, each bad one a failure named `file:line`."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from quotetrail.loaders.read.inputs import ReadFailure, ReadPolicy, read_inputs
from quotetrail.loaders.read.jsonl import read_jsonl
from quotetrail.loaders.records import Document

ROOT = Path(__file__).resolve().parents[2]
BATCH = ROOT / "tests" / "data" / "batches" / "mixed.jsonl"
PAGES = ROOT / "tests" / "data" / "pages"
SEED = ROOT / "examples" / "nato-2022"


def split(items: list[Document | ReadFailure]) -> tuple[list[Document], dict[str, str]]:
    docs = [d for d in items if isinstance(d, Document)]
    fails = {f.input: f.reason for f in items if isinstance(f, ReadFailure)}
    assert len(docs) + len(fails) == len(items)
    return docs, fails


def test_mixed_batch_good_lines_load_bad_lines_fail_with_line_numbers() -> None:
    docs, fails = split(list(read_inputs([str(BATCH)])))
    name = str(BATCH)
    assert [d.source for d in docs] == [f"{name}:1", f"{name}:2", f"{name}:9", f"{name}:12"]
    assert sorted(fails, key=lambda s: int(s.rsplit(":", 1)[1])) == [
        f"{name}:{n}" for n in (4, 5, 6, 7, 8, 10, 11)]
    assert "not JSON" in fails[f"{name}:4"]
    assert '"text", "html" or "url"' in fails[f"{name}:5"]
    assert "kind 'blog'" in fails[f"{name}:6"]
    assert "ISO-8601" in fails[f"{name}:7"]
    assert "not a JSON object" in fails[f"{name}:8"]
    assert "both text and html" in fails[f"{name}:10"]
    assert "text is not a string" in fails[f"{name}:11"]


def test_batch_metadata_and_text() -> None:
    docs, _ = split(list(read_inputs([str(BATCH)])))
    wire, brief, transcript, plain = docs
    seed_text = next(SEED.glob("002_*.txt")).read_text(encoding="utf-8")
    assert wire.text == seed_text  # text lines are stored as given
    assert (wire.outlet, wire.published, wire.kind, wire.language) == (
        "EFE", "2022-02-15", "news", "en")
    assert brief.text == ("Brief\n\nJens Stoltenberg said: “This is the new normal in Europe,” "
                          "speaking to reporters in Brussels on Wednesday.\n\nHe added that "
                          "allies would decide on new battle groups.")  # h1 in <article> stays
    assert (brief.outlet, brief.outlet_domain) == ("Alliance Wire", "alliance-wire.example")
    assert brief.url == "https://alliance-wire.example/brief/1"
    assert brief.published == "2022-02-16T11:00:00+01:00" and brief.language == "en"
    assert (transcript.kind, transcript.speaker, transcript.outlet_domain) == (
        "transcript", "Jens Stoltenberg", "nato.int")
    assert plain.text == "First line is the title\n\nSecond paragraph."
    assert plain.title == "First line is the title"


def test_url_lines_are_fetched_and_their_failures_name_the_line(page_server,
                                                                tmp_path: Path) -> None:
    good = page_server.add("/a", (PAGES / "dw-004.html").read_bytes())
    missing = page_server.url("/gone")
    batch = tmp_path / "links.jsonl"
    batch.write_text("\n".join(json.dumps(row) for row in [
        {"url": good, "kind": "news", "outlet": "Deutsche Welle"},
        {"url": missing},
        {"url": "ftp://example.org/a"},
    ]), encoding="utf-8")
    docs, fails = split(list(read_inputs([str(batch)], ReadPolicy(allow_private_urls=True))))
    (doc,) = docs
    assert doc.source == good and doc.outlet == "Deutsche Welle"  # the line's outlet wins
    assert doc.url == "https://www.dw.com/en/nato-sees-no-russian-de-escalation/a-60803456"
    assert fails[f"{batch}:2"].startswith(missing) and "404" in fails[f"{batch}:2"]
    assert "only http and https" in fails[f"{batch}:3"]


def test_a_line_that_is_not_utf8_fails_alone(tmp_path: Path) -> None:
    batch = tmp_path / "b.jsonl"
    batch.write_bytes(b'{"text": "ok one"}\n' + '{"text": "caf\u00e9"}'.encode("cp1252")
                      + b'\n{"text": "ok two"}\n')
    docs, fails = split(list(read_inputs([str(batch)])))
    assert [d.text for d in docs] == ["ok one", "ok two"]
    assert "not UTF-8" in fails[f"{batch}:2"]


def test_dash_reads_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    data = b'{"text": "From a pipe.", "outlet": "Stdin Times"}\nnot json\n'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    docs, fails = split(list(read_inputs(["-"])))
    assert [(d.text, d.outlet, d.source) for d in docs] == [
        ("From a pipe.", "Stdin Times", "<stdin>:1")]
    assert list(fails) == ["<stdin>:2"]


def test_dash_reads_a_real_pipe() -> None:
    code = ("from quotetrail.loaders.read.inputs import read_inputs\n"
            "for item in read_inputs(['-']): print(type(item).__name__, item.source "
            "if hasattr(item, 'source') else item.input)")
    lines = BATCH.read_bytes()
    out = subprocess.run([sys.executable, "-c", code], input=lines, capture_output=True,
                         check=True).stdout.decode().split("\n")
    assert out[:3] == ["Document <stdin>:1", "Document <stdin>:2", "ReadFailure <stdin>:4"]


def test_read_jsonl_takes_any_lines() -> None:
    items = list(read_jsonl(['{"text": "one"}', "", '{"html": "<p>x</p>"}'], "mem"))
    assert isinstance(items[0], Document) and items[0].source == "mem:1"
    assert isinstance(items[1], ReadFailure) and items[1].input == "mem:3"
    assert "no article text" in items[1].reason


def test_an_endless_line_is_refused_without_reading_it_whole(tmp_path):
    """A 2 GiB one-line .jsonl (sparse: zeros, no newline) is refused after reading about
    one line's limit, as `load - < /dev/zero` is: memory stays bounded and the read ends."""
    huge = tmp_path / "huge.jsonl"
    with open(huge, "wb") as fh:
        fh.truncate(2 * 1024**3)
    [failure] = list(read_inputs([str(huge)]))
    assert isinstance(failure, ReadFailure) and failure.input.endswith("huge.jsonl:1")
    assert "the rest of the input is not read" in failure.reason
