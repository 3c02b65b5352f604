"""Read inputs into Documents; every bad input becomes a ReadFailure, not a crash.

A batch load must report which inputs failed and still load the rest, so `read_inputs`
yields failures in line with documents instead of raising.

What an input may be (`read_inputs` decides by looking at it):

- `-`: standard input, read as JSONL (see loaders/read/jsonl.py);
- an `http://` or `https://` URL: fetched (loaders/read/fetch.py), never from a private
  address unless `ReadPolicy.allow_private_urls`; other `scheme://` fail;
- a folder: its `*.txt`, `*.html`/`*.htm` and `*.jsonl` files (not subfolders), in name
  order; `manifest.json` rows give metadata to its .txt and .html files; a link is read only
  when it resolves inside the folder (or with `ReadPolicy.follow_links`), a special file
  never (loaders/read/files.py);
- a `.html`/`.htm`/`.xhtml` file: a saved page (loaders/read/html.py);
- a `.jsonl`/`.ndjson` file: a batch, one document a line;
- any other file: plain UTF-8 text with optional front matter (loaders/read/text.py), unless it
  starts like an HTML page (`<!doctype html`, `<html`), when it is read as one.

Metadata precedence: a manifest row wins over front matter and over what a page says.
"""

from __future__ import annotations

import functools
import json
import os
import re
import sys
from collections.abc import Iterator, Sequence
from typing import Any

from quotetrail.errors import InputError
from quotetrail.loaders.read.fetch import fetch_url
from quotetrail.loaders.read.files import ReadPolicy, folder_entry, open_regular
from quotetrail.loaders.read.html import html_document
from quotetrail.loaders.read.jsonl import Fetch, bounded_lines, read_jsonl, read_jsonl_file
from quotetrail.loaders.read.meta import (
    KINDS,
    MAX_FILE_BYTES,
    TITLE_LIMIT,
    ReadFailure,
    check_meta,
    too_big,
)
from quotetrail.loaders.read.text import decode_utf8, text_document
from quotetrail.loaders.records import Document

__all__ = ["KINDS", "MANIFEST", "TITLE_LIMIT", "ReadFailure", "ReadPolicy", "read_inputs",
           "read_path"]

MANIFEST = "manifest.json"
# A manifest row takes about 220 bytes: 100,000 documents make 22 MB, over a document's cap.
MAX_MANIFEST_BYTES = 512 * 1024 * 1024
STDIN = "-"
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
FOLDER_SUFFIXES = (".txt", ".html", ".htm", ".jsonl")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")
_HTML_START = re.compile(
    rb"(\xef\xbb\xbf)?\s*(<!--.*?-->\s*)*<(!doctype\s+html|html[\s>])", re.I | re.S)


def read_inputs(paths: Sequence[str], policy: ReadPolicy | None = None
                ) -> Iterator[Document | ReadFailure]:
    """Yield a Document or a ReadFailure per document found under `paths`, in order."""
    for path in paths:
        yield from read_path(path, policy or ReadPolicy())


def read_path(path: str, policy: ReadPolicy | None = None) -> Iterator[Document | ReadFailure]:
    """One input as given on the command line (path, folder, URL or `-`)."""
    policy = policy or ReadPolicy()
    fetch = functools.partial(fetch_url, allow_private=policy.allow_private_urls)
    if path == STDIN:
        yield from read_jsonl(bounded_lines(sys.stdin.buffer), "<stdin>", fetch=fetch)
    elif _SCHEME.match(path) and not os.path.exists(path):
        try:
            yield fetch(path)
        except InputError as exc:
            yield ReadFailure(path, exc.message)
    elif os.path.isdir(path):
        yield from _read_folder(path, policy)
    elif os.path.isfile(path):  # a file the user named: a link to it is followed
        yield from _read_single(path, policy)
    elif os.path.lexists(path):
        yield ReadFailure(path, "not a regular file or folder; pass a file, a folder or a URL")
    else:
        yield ReadFailure(path, "no such file or folder; check the path")


def _read_folder(folder: str, policy: ReadPolicy) -> Iterator[Document | ReadFailure]:
    names = sorted(
        n for n in os.listdir(folder)
        if n.lower().endswith(FOLDER_SUFFIXES) and not os.path.isdir(os.path.join(folder, n))
    )
    rows: dict[str, dict[str, Any]] = {}
    manifest_path = os.path.join(folder, MANIFEST)
    if os.path.lexists(manifest_path):
        try:
            rows = _load_manifest(folder_entry(folder, MANIFEST, policy))
        except InputError as bad:
            yield ReadFailure(manifest_path, bad.message)
    if not names and not rows:
        yield ReadFailure(folder, "folder holds no .txt files (nor .html or .jsonl); "
                          "put the documents in as .txt, .html or .jsonl")
        return
    for file in sorted(set(rows) - set(names)):
        yield ReadFailure(
            os.path.join(folder, file),
            f"listed in {MANIFEST} but not found; add the file or remove its row",
        )
    fetch = functools.partial(fetch_url, allow_private=policy.allow_private_urls)
    for name in names:
        path = os.path.join(folder, name)
        try:
            target = folder_entry(folder, name, policy)
        except InputError as bad:
            yield ReadFailure(path, bad.message)
            continue
        yield from _read_file(path, rows.get(name), target, fetch)


def _read_single(path: str, policy: ReadPolicy) -> Iterator[Document | ReadFailure]:
    """A file passed directly; a manifest beside it contributes its row, if it has one."""
    manifest_path = os.path.join(os.path.dirname(path) or ".", MANIFEST)
    row = None
    if os.path.basename(path) != MANIFEST and os.path.isfile(manifest_path):
        try:
            row = _cached_manifest(manifest_path).get(os.path.basename(path))
        except InputError:
            row = None  # the user did not ask for the manifest; the file still loads
    fetch = functools.partial(fetch_url, allow_private=policy.allow_private_urls)
    yield from _read_file(path, row, os.path.realpath(path), fetch)


def _cached_manifest(path: str) -> dict[str, dict[str, Any]]:
    """The manifest beside a file, parsed once for all the files of its folder: a shell glob
    of 10,000 files would otherwise parse a 10,000-row manifest 10,000 times."""
    stat = os.stat(path)
    return _parsed_manifest(path, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=8)
def _parsed_manifest(path: str, mtime_ns: int, size: int) -> dict[str, dict[str, Any]]:
    return _load_manifest(path)


def _load_manifest(path: str) -> dict[str, dict[str, Any]]:
    """Return manifest rows by file name; raise InputError when the manifest is unusable."""
    try:
        with open_regular(path) as fh:
            raw = fh.read(MAX_MANIFEST_BYTES + 1)
        if len(raw) > MAX_MANIFEST_BYTES:
            raise InputError(f"manifest is larger than {MAX_MANIFEST_BYTES // 2**20} MiB; "
                             "split the folder into several, each with its own manifest")
        data = json.loads(raw.decode("utf-8-sig"))
    except json.JSONDecodeError as exc:
        raise InputError(
            f"manifest is not valid JSON (line {exc.lineno}: {exc.msg}); fix it") from exc
    except (OSError, UnicodeDecodeError, RecursionError) as exc:
        raise InputError(f"cannot read manifest ({exc.__class__.__name__}); check it") from exc
    docs = data.get("documents") if isinstance(data, dict) else None
    if not isinstance(docs, list):
        raise InputError('manifest has no "documents" list; see examples/nato-2022/manifest.json')
    rows: dict[str, dict[str, Any]] = {}
    for row in docs:
        if isinstance(row, dict) and isinstance(row.get("file"), str):
            rows[row["file"]] = row
    return rows


def _read_file(path: str, row: dict[str, Any] | None, target: str, fetch: Fetch
               ) -> Iterator[Document | ReadFailure]:
    """Read `target` (a link's resolved path, else `path`) as the document `path`."""
    lower = path.lower()
    if lower.endswith(JSONL_SUFFIXES):
        yield from read_jsonl_file(target, fetch=fetch, name=path)
        return
    try:
        meta = check_meta(row) if row else {}
        data = _read_bytes(target)
        if lower.endswith(HTML_SUFFIXES) or _HTML_START.match(data[:1024]):
            yield html_document(data, source=path, meta=meta)
        else:
            yield text_document(decode_utf8(data), path, meta)
    except InputError as bad:
        yield ReadFailure(path, bad.message)


def _read_bytes(path: str) -> bytes:
    try:
        with open_regular(path) as fh:
            data = fh.read(MAX_FILE_BYTES + 1)  # never more: a 50 GB file is refused as fast
    except OSError as exc:  # a read error after the open
        raise InputError(f"cannot read file ({exc.strerror or exc.__class__.__name__})") from exc
    if len(data) > MAX_FILE_BYTES:
        raise InputError(f"file is {too_big(os.path.getsize(path))}")
    return data
