"""Document size limits with clear errors (loaders/read/meta.py MAX_TEXT_BYTES, MAX_FILE_BYTES).

Before them nothing stopped a 50 MB text file: it was read whole and extracted for minutes.
The API's limits (body cap, query parameters) are tested in tests/api/test_schema_fuzz.py.
"""

from __future__ import annotations

import json
import time

import pytest

from quotetrail.errors import InputError
from quotetrail.loaders.read.inputs import read_inputs
from quotetrail.loaders.read.jsonl import read_jsonl
from quotetrail.loaders.read.meta import MAX_FILE_BYTES, MAX_TEXT_BYTES, ReadFailure
from quotetrail.loaders.read.text import text_document
from quotetrail.loaders.records import Document

SENTENCE = "The council met again on Monday and talked about the harbour. "


def _text(size: int) -> str:
    return (SENTENCE * (size // len(SENTENCE) + 1))[:size]


def test_a_50_mb_file_is_refused_fast_naming_the_limit(tmp_path):
    big = tmp_path / "dump.txt"
    with open(big, "wb") as fh:
        for _ in range(50):
            fh.write(_text(1024 * 1024).encode())
    began = time.perf_counter()
    [failure] = list(read_inputs([str(big)]))
    assert time.perf_counter() - began < 2  # refused after reading 10 MiB, not 50 MB
    assert isinstance(failure, ReadFailure) and failure.input == str(big)
    assert "50 MiB" in failure.reason and "10 MiB limit" in failure.reason
    assert "split it" in failure.reason


def test_text_past_the_document_limit_is_refused_and_at_it_is_read(tmp_path):
    at_limit = _text(MAX_TEXT_BYTES)
    doc = text_document(at_limit, "at-limit.txt")
    assert isinstance(doc, Document) and len(doc.text.encode()) == MAX_TEXT_BYTES
    with pytest.raises(InputError, match="5 MiB limit for one document"):
        text_document(at_limit + "x", "over.txt")
    # multi-byte text counts in bytes: 2 MiB characters of Cyrillic are 4 MiB, past 5 MiB: 6
    assert isinstance(text_document("Москва " * (MAX_TEXT_BYTES // 14), "ru.txt"), Document)
    with pytest.raises(InputError, match="limit"):
        text_document("Москва " * (MAX_TEXT_BYTES // 12 + 1), "ru.txt")
    over = tmp_path / "six.txt"
    over.write_text(_text(6 * 1024 * 1024))
    [failure] = list(read_inputs([str(over)]))
    assert isinstance(failure, ReadFailure) and "6 MiB, over the 5 MiB limit" in failure.reason


def test_jsonl_lines_past_the_limits_fail_alone():
    lines = [json.dumps({"text": _text(6 * 1024 * 1024)}),
             json.dumps({"text": "A short one, he said, is fine."}),
             "x" * (MAX_FILE_BYTES + 1)]
    results = list(read_jsonl(lines, "batch.jsonl"))
    assert [type(r).__name__ for r in results] == ["ReadFailure", "Document", "ReadFailure"]
    assert results[0].input == "batch.jsonl:1" and "5 MiB limit" in results[0].reason
    assert results[2].input == "batch.jsonl:3" and "10 MiB limit" in results[2].reason
