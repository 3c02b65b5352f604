"""Metadata every reader shares: the failure record, the known fields and their checks.

A manifest row, a JSONL line and a front-matter block carry the same fields; one checker
keeps their rules (and their messages) the same.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, get_args
from urllib.parse import urlsplit

from quotetrail.errors import InputError
from quotetrail.loaders.records import DocumentKind

KINDS: tuple[DocumentKind, ...] = get_args(DocumentKind)
TITLE_LIMIT = 200
# One document's stored text, in UTF-8 bytes: a long article is ~50 KB, a day-long transcript
# ~1 MB. Past this it is a dump, not a document, and extraction would run for minutes.
MAX_TEXT_BYTES = 5 * 1024 * 1024
MAX_FILE_BYTES = 10 * 1024 * 1024  # one file or JSONL line as read (a page carries markup)
TEXT_FIELDS = ("title", "outlet", "outlet_domain", "published_note", "url", "language", "speaker")
FIELDS = (*TEXT_FIELDS, "published", "kind")


@dataclass(frozen=True)
class ReadFailure:
    """One input that could not be read, with a one-line reason a user can act on."""

    input: str
    reason: str


def check_meta(row: Mapping[str, Any], *, origin: str = "manifest") -> dict[str, Any]:
    """Keep the known fields, validated; unknown keys are ignored (exports carry extras).

    Raises InputError naming the field; `origin` says where it was written ("manifest",
    "line", "front matter") so the message points at the right place to fix.
    """
    meta: dict[str, Any] = {}
    for key in TEXT_FIELDS:
        value = row.get(key)
        if value is not None and not isinstance(value, (str, int, float, date)):
            # a list, mapping, set or bytes: str() of a YAML alias bomb would never end
            raise InputError(f"{origin} {key} is not text ({type(value).__name__}); "
                             "write it as text")
        if value is not None and str(value).strip():
            meta[key] = str(value).strip()
    kind = row.get("kind")
    if kind is not None:
        if kind not in KINDS:
            raise InputError(f"{origin} kind {kind!r} is not one of {', '.join(KINDS)}; fix it")
        meta["kind"] = kind
    published = row.get("published")
    if isinstance(published, (date, datetime)):  # YAML parses unquoted dates itself
        published = published.isoformat()
    if published is not None:
        if not is_iso(published):
            raise InputError(
                f"{origin} published {published!r} is not an ISO-8601 date; "
                "write it as YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS+HH:MM"
            )
        meta["published"] = published
    return meta


def is_iso(value: Any) -> bool:
    """An ISO-8601 date or datetime of at least YYYY-MM-DD."""
    if not isinstance(value, str) or len(value) < 10:
        return False
    for parse in (date.fromisoformat, datetime.fromisoformat):
        try:
            parse(value)
            return True
        except ValueError:
            continue
    return False


def domain_of(url: str | None) -> str | None:
    """The host of an http(s) URL, lower case, without `www.`; None for anything else."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not host:
        return None
    return host.lower().removeprefix("www.")


def first_line_title(text: str) -> str | None:
    """The first non-blank line, trimmed to TITLE_LIMIT: the title when none was given."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), None)
    return first[:TITLE_LIMIT].rstrip() if first else None  # no space left by the cut


def check_size(text: str) -> None:
    """Refuse a document's text past MAX_TEXT_BYTES, naming the limit and the fix."""
    size = len(text.encode("utf-8", errors="surrogatepass"))
    if size > MAX_TEXT_BYTES:
        raise InputError(f"text is {_mib(size)}, over the {_mib(MAX_TEXT_BYTES)} limit for one "
                         "document; split it into articles (one file each)")


def too_big(size: int) -> str:
    """The reason for a file or line past MAX_FILE_BYTES."""
    return (f"{_mib(size)}, over the {_mib(MAX_FILE_BYTES)} limit for one file or JSONL line; "
            "split it into one file per article")


def _mib(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MiB" if size % (1024 * 1024) else f"{size >> 20} MiB"
