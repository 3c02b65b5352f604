"""JSONL batches: one JSON object a line, each a document; a bad line fails alone.

A line holds `text` (plain text, stored as given but for CRLF), or `html` (a page, read like
a saved file), or only `url` (fetched); with optional `title`, `outlet`, `outlet_domain`,
`published` (ISO-8601), `published_note`, `url`, `kind` (news, transcript, press_release),
`language` and `speaker` (a transcript's default speaker). Other keys are ignored. Blank
lines are skipped. A failure's input is `NAME:LINE` (`batch.jsonl:17`).

The Document's `source` is `NAME:LINE` for text and html lines and the URL for fetched ones.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any, BinaryIO

from quotetrail.errors import InputError
from quotetrail.loaders.read.fetch import fetch_url
from quotetrail.loaders.read.files import open_regular
from quotetrail.loaders.read.html import html_document
from quotetrail.loaders.read.meta import (
    MAX_FILE_BYTES,
    ReadFailure,
    check_meta,
    check_size,
    first_line_title,
    too_big,
)
from quotetrail.loaders.records import Document

Fetch = Callable[..., Document]


def bounded_lines(stream: BinaryIO) -> Iterator[bytes]:
    """The lines of a stream, none held longer than MAX_FILE_BYTES: a longer line is given
    cut (read_jsonl refuses it) and the stream is read no further, so a 2 GiB line or
    `load - < /dev/zero` ends at once instead of filling memory."""
    while line := stream.readline(MAX_FILE_BYTES + 1):
        yield line
        if len(line) > MAX_FILE_BYTES:
            return


def read_jsonl(lines: Iterable[bytes | str], name: str, *, fetch: Fetch = fetch_url
               ) -> Iterator[Document | ReadFailure]:
    """Yield a Document or a ReadFailure per non-blank line, in order."""
    for number, raw in enumerate(lines, start=1):
        where = f"{name}:{number}"
        if len(raw) > MAX_FILE_BYTES:
            yield ReadFailure(where, f"line is {too_big(len(raw))}; the rest of the input "
                              "is not read")
            continue
        try:
            line = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        except UnicodeDecodeError:
            yield ReadFailure(where, "line is not UTF-8; JSONL must be UTF-8 (iconv -t utf-8)")
            continue
        line = line.strip().removeprefix("\ufeff")
        if not line:
            continue
        try:
            yield line_document(line, where, fetch=fetch)
        except InputError as exc:
            yield ReadFailure(where, exc.message)


def read_jsonl_file(path: str, *, fetch: Fetch = fetch_url, name: str | None = None
                    ) -> Iterator[Document | ReadFailure]:
    """Read a .jsonl file line by line (it may be large); `name` (else the path) labels its
    lines. Only a regular file is read (loaders/read/files.py)."""
    name = name or path
    try:
        fh = open_regular(path)
    except InputError as exc:
        yield ReadFailure(name, exc.message)
        return
    with fh:
        yield from read_jsonl(bounded_lines(fh), name, fetch=fetch)


def line_document(line: str, where: str, *, fetch: Fetch = fetch_url) -> Document:
    """One JSONL line as a Document; raises InputError saying what is wrong with it."""
    try:
        obj: Any = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"not JSON ({exc.msg} at column {exc.colno}); fix the line") from exc
    except RecursionError as exc:
        raise InputError("JSON nested too deeply; write one flat object a line") from exc
    if not isinstance(obj, dict):
        raise InputError("not a JSON object; write one {\"text\": ...} object a line")
    given = [key for key in ("text", "html") if obj.get(key) is not None]
    if len(given) > 1:
        raise InputError("has both text and html; give one")
    for key in (*given, "url"):
        if not isinstance(obj.get(key, ""), str):
            raise InputError(f"{key} is not a string; fix the line")
    try:  # `\ud800` is valid JSON but no UTF-8 text: it could never be stored or hashed
        json.dumps(obj, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InputError(f"holds a lone surrogate escape ({exc.object[exc.start]!r}); "
                         "fix the line's \\u escapes") from exc
    meta = check_meta(obj, origin="line")
    if given == ["text"]:
        text = obj["text"].replace("\r\n", "\n")
        if not text.strip():
            raise InputError("text is empty; nothing to load")
        check_size(text)
        meta.setdefault("title", first_line_title(text))
        return Document(text=text, source=where, **meta)
    if given == ["html"]:
        return html_document(obj["html"], source=where, url=meta.get("url"), meta=meta)
    if meta.get("url"):
        rest = {key: value for key, value in meta.items() if key != "url"}
        try:  # the page's canonical (or final) URL is the better `url`
            return fetch(meta["url"], meta=rest)
        except InputError as exc:
            raise InputError(f"{meta['url']}: {exc.message}") from exc
    raise InputError('has no "text", "html" or "url"; give one of them')
