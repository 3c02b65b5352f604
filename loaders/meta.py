"""Metadata every reader shares: the failure record, the known fields and their checks.

A manifest row, a JSONL line and a front-matter block carry the same fields; one checker
keeps their rules (and their messages) the same.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

from quotetrail.errors import InputError

KINDS = ("news", "transcript", "press_release")
TITLE_LIMIT = 200
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
    return first[:TITLE_LIMIT] if first else None
