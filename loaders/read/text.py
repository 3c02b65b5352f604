"""Plain text: UTF-8 decoding (refusing the rest with the fix) and optional front matter.

Encoding policy: text must be UTF-8 (a BOM is dropped, CRLF becomes LF). Anything else is
refused with the `iconv` command that converts it, naming the encoding charset-normalizer
guesses. We do not decode a guess ourselves: a wrong guess silently changes the words that
quotes are checked against, while a refusal costs the user one command.

Front matter: metadata written at the top of a text file, in one of two forms, is read and
**removed from the stored text** (quote offsets refer to the body that follows it):

    ---                               Title: NATO sees no de-escalation
    title: NATO sees no de-escalation Outlet: DW
    outlet: DW                        Date: 2022-02-16
    published: 2022-02-16
    ---                               (a blank line, then the body)

YAML between `---` lines (any field of a manifest row), or header lines of the known names
below followed by a blank line. A `---` block that is never closed is not front matter.
`Speaker:` is not a header line (transcripts start with speaker turns); put it in YAML.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

import yaml

from quotetrail.errors import InputError
from quotetrail.loaders.read.meta import check_meta, check_size, first_line_title, is_iso
from quotetrail.loaders.records import Document

if TYPE_CHECKING:
    from charset_normalizer import CharsetMatch

_ALIASES = {"date": "published", "domain": "outlet_domain", "outlet-domain": "outlet_domain",
            "outlet domain": "outlet_domain", "lang": "language", "link": "url"}
_HEADER = re.compile(
    r"(title|outlet|outlet[ _-]domain|domain|date|published|url|link|kind|language|lang)"
    r"[ \t]*:[ \t]*(\S.*)",
    re.IGNORECASE,
)
# Letters and punctuation of Western European text as windows-1252 decodes them.
_WESTERN = frozenset("ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿ"
                     "ŒœŠšŽžŸƒ«»‘’‚“”„–—…€¡¿°£§©®´·ªº¢¥\xa0½¼¾¹²³•†‰")
_CONTROLS = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])
_DATE_FORMATS = ("%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%b %d %Y",
                 "%Y/%m/%d")


def decode_utf8(data: bytes) -> str:
    """UTF-8 only, BOM stripped, CRLF to LF; everything else stays as written (offsets)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(not_utf8_reason(data, exc.start)) from exc
    return text.replace("\r\n", "\n")


def not_utf8_reason(data: bytes, bad_at: int) -> str:
    """Why bytes that are not UTF-8 are refused, with the command that converts them."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return ("not UTF-8 (UTF-16, by its byte order mark); convert it with "
                "iconv -f utf-16 -t utf-8")
    if looks_binary(data):
        return ("not a text file (binary data, not UTF-8 text); quotetrail reads UTF-8 text "
                "(.txt), HTML pages (.html) and JSONL batches (.jsonl)")
    guess = guess_encoding(data)
    if guess:
        return f"not UTF-8 (looks like {guess}); convert it with iconv -f {guess} -t utf-8"
    return (f"not UTF-8 (bad byte at offset {bad_at}) and its encoding is unclear; find it "
            "(file -i), then convert it with iconv -f ENCODING -t utf-8")


def looks_binary(data: bytes) -> bool:
    """NUL bytes, or more control bytes than any text has (random bytes: about 1 in 11)."""
    head = data[:65536]
    if b"\x00" in head:
        return True
    controls = sum(head.count(bytes([c])) for c in _CONTROLS)
    return controls > max(2, len(head) // 100)


def guess_encoding(data: bytes) -> str | None:
    """The encoding of non-UTF-8 text, named so that `iconv -f NAME` gives the right
    characters, or None when unsure.

    Western European text first: charset-normalizer often ranks cp1250 first for French,
    German or Spanish (their decodings look alike), and converting from cp1250 turns "prêts"
    into "pręts". Text whose windows-1252 decoding is all Western letters and punctuation is
    windows-1252 (iso-8859-1 when it has no byte that the two read differently) unless
    charset-normalizer is clearly surer of another encoding.
    """
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    best = matches[0] if matches else None
    if _western(data) and not _clearly_other(matches):
        return "windows-1252" if any(0x80 <= b <= 0x9F for b in data) else "iso-8859-1"
    if best is None or best.encoding in ("utf_8", "ascii") or best.chaos > 0.2:
        return None
    name = best.encoding.replace("_", "-")
    return "iso-8859-1" if name == "latin-1" else name


def _western(data: bytes) -> bool:
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return all(c < "\x80" or c in _WESTERN for c in text)


def _clearly_other(matches: list[CharsetMatch]) -> bool:
    """charset-normalizer finds another encoding's text far more coherent than Western."""
    western = [m.coherence for m in matches
               if {"cp1252", "latin_1", "iso8859_15"} & {m.encoding, *m.could_be_from_charset}]
    if not matches or not western:
        return bool(matches) and matches[0].chaos < 0.05
    return matches[0].coherence > max(western) + 0.1


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """Return (front-matter fields, body); ({}, text) when there is none.

    Field names are lower-cased and aliases mapped (`date` -> `published`, `domain` ->
    `outlet_domain`); values are not validated here (see `check_meta`).
    """
    if text.startswith("---\n"):
        return _yaml_block(text)
    return _header_block(text)


def _yaml_block(text: str) -> tuple[dict[str, Any], str]:
    lines = text.split("\n")
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        return {}, text
    try:
        data = yaml.safe_load("\n".join(lines[1:end]))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        raise InputError(f"front matter is not valid YAML{where}; fix it or remove it") from exc
    except (ValueError, RecursionError) as exc:  # `date: 2022-13-45`, `[[[[...` nested deep
        raise InputError(f"front matter holds a value YAML cannot read ({exc}); put it in "
                         "quotes or fix it") from exc
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InputError("front matter is not a list of `name: value` fields; fix it")
    return _normalise(data), "\n".join(lines[end + 1:]).lstrip("\n")


def _header_block(text: str) -> tuple[dict[str, Any], str]:
    fields: dict[str, Any] = {}
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if not line.strip():
            if fields and i + 1 < len(lines):
                return _normalise(fields), "\n".join(lines[i + 1:]).lstrip("\n")
            return {}, text
        match = _HEADER.fullmatch(line.strip())
        if match is None:
            return {}, text
        fields[match.group(1)] = match.group(2).strip()
    return {}, text  # header lines with no body after them: the text is all there is


def _normalise(data: Mapping[Any, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in data.items():
        name = str(key).strip().lower()
        out[_ALIASES.get(name, name)] = value
    published = out.get("published")
    if isinstance(published, str) and not is_iso(published):
        out["published"] = _parse_date(published)
    return out


def _parse_date(value: str) -> str:
    """A written-out date (`16 February 2022`, `Feb 16, 2022`) as ISO; else the value as is."""
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(value.strip(), fmt).date().isoformat()
        except ValueError:
            continue
    return value  # check_meta refuses it with the formats it accepts


def text_document(text: str, source: str, meta: Mapping[str, Any] | None = None) -> Document:
    """A Document from decoded text: front matter read and removed; `meta` (checked) wins.

    Raises InputError for bad front matter, an empty body or one past MAX_TEXT_BYTES.
    """
    check_size(text)
    front, body = split_front_matter(text)
    fields = {**check_meta(front, origin="front matter"), **(meta or {})}
    if not body.strip():
        raise InputError("file is empty or only whitespace; nothing to load")
    if "title" not in fields:
        fields["title"] = first_line_title(body)
    return Document(text=body, source=source, **fields)
