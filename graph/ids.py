"""Deterministic ids: derived from content and keys, so a reload changes nothing and two
machines loading the same corpus build the same graph."""

from __future__ import annotations

import hashlib
import re
import unicodedata


def _digest(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or _digest(text)


def article_id(text_sha256: str) -> str:
    """The same text from a URL and from a saved file is one Article."""
    return f"art-{text_sha256[:16]}"


def outlet_id(name: str | None, domain: str | None) -> str:
    if domain:
        return f"outlet-{slug(domain.removeprefix('www.'))}"
    return f"outlet-{slug(name)}" if name else "outlet-unknown"


def quote_id(article: str, start: int, end: int) -> str:
    return f"q-{_digest(article, str(start), str(end))}"


def speaker_id(name: str) -> str:
    return f"sp-{slug(name)}"


DESCRIBED_PREFIX = "sd-"


def described_source_id(article: str, description: str) -> str:
    """An unnamed source ("a senior official") of one article: two articles' sources of the
    same description are not known to be one person, so they never share a Speaker."""
    return f"{DESCRIBED_PREFIX}{slug(description)[:60]}-{_digest(article)[:8]}"


def is_described_source(speaker: str | None) -> bool:
    return speaker is not None and speaker.startswith(DESCRIBED_PREFIX)
