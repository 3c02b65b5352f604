"""Read files and folders into Documents; every bad input becomes a ReadFailure, not a crash.

A batch load must report which inputs failed and still load the rest, so `read_inputs`
yields failures in line with documents instead of raising.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from quotetrail.loaders.records import Document

MANIFEST = "manifest.json"
KINDS = ("news", "transcript", "press_release")
TITLE_LIMIT = 200
_TEXT_FIELDS = ("title", "outlet", "outlet_domain", "published_note", "url", "language", "speaker")


@dataclass(frozen=True)
class ReadFailure:
    """One input that could not be read, with a one-line reason a user can act on."""

    input: str
    reason: str


class _Bad(Exception):
    """Internal: carries a ReadFailure reason out of a helper."""


def read_inputs(paths: Sequence[str]) -> Iterator[Document | ReadFailure]:
    """Yield a Document or a ReadFailure per file found under `paths`, in order."""
    for path in paths:
        if os.path.isdir(path):
            yield from _read_folder(path)
        elif os.path.isfile(path):
            yield from _read_single(path)
        elif os.path.lexists(path):
            yield ReadFailure(path, "not a regular file or folder; pass a .txt file or a folder")
        else:
            yield ReadFailure(path, "no such file or folder; check the path")


def _read_folder(folder: str) -> Iterator[Document | ReadFailure]:
    names = sorted(
        n for n in os.listdir(folder)
        if n.lower().endswith(".txt") and not os.path.isdir(os.path.join(folder, n))
    )
    rows: dict[str, dict[str, Any]] = {}
    manifest_path = os.path.join(folder, MANIFEST)
    if os.path.exists(manifest_path):
        try:
            rows = _load_manifest(manifest_path)
        except _Bad as bad:
            yield ReadFailure(manifest_path, str(bad))
    if not names and not rows:
        yield ReadFailure(folder, "folder holds no .txt files; put the documents in as .txt")
        return
    for file in sorted(set(rows) - set(names)):
        yield ReadFailure(
            os.path.join(folder, file),
            f"listed in {MANIFEST} but not found; add the file or remove its row",
        )
    for name in names:
        yield _read_file(os.path.join(folder, name), rows.get(name))


def _read_single(path: str) -> Iterator[Document | ReadFailure]:
    """A file passed directly; a manifest beside it contributes its row, if it has one."""
    manifest_path = os.path.join(os.path.dirname(path) or ".", MANIFEST)
    row = None
    if os.path.basename(path) != MANIFEST and os.path.isfile(manifest_path):
        try:
            row = _load_manifest(manifest_path).get(os.path.basename(path))
        except _Bad:
            row = None  # the user did not ask for the manifest; the file still loads
    yield _read_file(path, row)


def _load_manifest(path: str) -> dict[str, dict[str, Any]]:
    """Return manifest rows by file name; raise _Bad when the manifest is unusable."""
    try:
        with open(path, encoding="utf-8-sig") as fh:
            data = json.load(fh)
    except json.JSONDecodeError as exc:
        raise _Bad(f"manifest is not valid JSON (line {exc.lineno}: {exc.msg}); fix it") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise _Bad(f"cannot read manifest ({exc.__class__.__name__}); check it") from exc
    docs = data.get("documents") if isinstance(data, dict) else None
    if not isinstance(docs, list):
        raise _Bad('manifest has no "documents" list; see examples/nato-2022/manifest.json')
    rows: dict[str, dict[str, Any]] = {}
    for row in docs:
        if isinstance(row, dict) and isinstance(row.get("file"), str):
            rows[row["file"]] = row
    return rows


def _check_row(row: dict[str, Any]) -> dict[str, Any]:
    """Keep the known manifest keys, validated; raise _Bad naming the bad field."""
    meta: dict[str, Any] = {}
    for key in _TEXT_FIELDS:
        value = row.get(key)
        if value is not None:
            meta[key] = str(value)
    kind = row.get("kind")
    if kind is not None:
        if kind not in KINDS:
            raise _Bad(f"manifest kind {kind!r} is not one of {', '.join(KINDS)}; fix the row")
        meta["kind"] = kind
    published = row.get("published")
    if published is not None:
        if not _is_iso(published):
            raise _Bad(
                f"manifest published {published!r} is not an ISO-8601 date; "
                "write it as YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS+HH:MM"
            )
        meta["published"] = published
    return meta


def _is_iso(value: Any) -> bool:
    if not isinstance(value, str) or len(value) < 10:
        return False
    for parse in (date.fromisoformat, datetime.fromisoformat):
        try:
            parse(value)
            return True
        except ValueError:
            continue
    return False


def _read_file(path: str, row: dict[str, Any] | None) -> Document | ReadFailure:
    try:
        meta = _check_row(row) if row else {}
        text = _decode(_read_bytes(path))
    except _Bad as bad:
        return ReadFailure(path, str(bad))
    if not text.strip():
        return ReadFailure(path, "file is empty or only whitespace; nothing to load")
    if "title" not in meta:
        first = next(line.strip() for line in text.splitlines() if line.strip())
        meta["title"] = first[:TITLE_LIMIT]
    return Document(text=text, source=path, **meta)


def _read_bytes(path: str) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except PermissionError as exc:
        raise _Bad("permission denied; make the file readable (chmod +r)") from exc
    except OSError as exc:
        raise _Bad(f"cannot read file ({exc.strerror or exc.__class__.__name__})") from exc


def _decode(data: bytes) -> str:
    """UTF-8 only, BOM stripped, CRLF to LF; everything else stays as written (offsets)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        guess = _guess_encoding(data)
        if guess:
            raise _Bad(
                f"not UTF-8 (looks like {guess}); convert it with iconv -f {guess} -t utf-8"
            ) from exc
        raise _Bad(
            f"not UTF-8 (bad byte at offset {exc.start}); convert it to UTF-8"
        ) from exc
    return text.replace("\r\n", "\n")


def _guess_encoding(data: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    best = from_bytes(data).best()
    if best is None or best.encoding in ("utf_8", "ascii") or best.chaos > 0.2:
        return None
    name = best.encoding.replace("_", "-")
    return "iso-8859-1" if name == "latin-1" else name
