"""HTML pages (saved files or fetched bodies) into Documents: the article text and its metadata.

trafilatura finds the main text (leaving out navigation, cookie and newsletter boxes, "Read
more" teasers, footers) and most metadata. We add what it leaves out: the page language,
explicit publication datetimes (`article:published_time`, JSON-LD `datePublished`), the URL
from JSON-LD, and an outlet from the domain when the page names no site.

The stored text is trafilatura's text with one blank line between paragraphs (the extractor
treats blank-line-separated blocks as paragraphs); quote offsets refer to it. A saved file and
a fetch of the same page give the same text, hence the same `Document.sha256`.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator, Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from quotetrail.errors import InputError
from quotetrail.loaders.read.markup_limits import check_markup
from quotetrail.loaders.read.meta import check_size, domain_of, first_line_title
from quotetrail.loaders.records import Document

if TYPE_CHECKING:
    from lxml.html import HtmlElement

MIN_WORDS = 10  # fewer extracted words than this is a menu or a consent wall, not an article
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_URL_HOST = re.compile(r"https?://(?:www\.|w[0-9]+\.)?([^/]+)")  # as trafilatura's META_URL
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
# What WHATWG browsers decode these labels as: pages that say latin-1 mean windows-1252.
_WHATWG = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "ascii": "cp1252",
           "us-ascii": "cp1252", "iso8859-1": "cp1252"}
_ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle",
                  "blogposting", "webpage", "report", "opinionnewsarticle", "liveblogposting"}
_DATE_META = ("article:published_time", "og:article:published_time", "datepublished",
              "date", "dc.date", "dc.date.issued", "dcterms.created", "pubdate",
              "publish-date", "sailthru.date", "parsely-pub-date")
_LANG_META = ("language", "content-language", "dc.language", "og:locale")


def decode_html(data: bytes, header_charset: str | None = None) -> str:
    """Decode a page as a browser would: BOM, then the HTTP charset, then `<meta charset>`.

    A declared charset is trusted (undecodable bytes become U+FFFD, as in a browser); a page
    that declares none must be UTF-8, otherwise it is refused with the fix.
    """
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                       (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(codec, errors="replace")
    match = _META_CHARSET.search(data[:4096])
    for declared in (header_charset, match.group(1).decode("ascii") if match else None):
        codec = codec_name(declared)
        if codec:
            return data.decode(codec, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            "page declares no charset and is not UTF-8; add <meta charset=\"...\"> naming its "
            "encoding, or convert it with iconv -f windows-1252 -t utf-8"
        ) from exc


def codec_name(label: str | None) -> str | None:
    """The Python codec for a charset label, as browsers read labels; None if unknown."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    label = _WHATWG.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def html_document(page: str | bytes, *, source: str, url: str | None = None,
                  charset: str | None = None, meta: Mapping[str, Any] | None = None) -> Document:
    """A Document from an HTML page; `meta` (checked fields) wins over what the page says.

    `url` is where the page was fetched from (the final URL), if it was; `charset` the HTTP
    header's. Raises InputError when the page holds no article text.
    """
    import trafilatura  # imported here: half a second that only HTML inputs should pay
    from trafilatura.utils import load_html

    text_page = decode_html(page, charset) if isinstance(page, bytes) else page
    check_markup(text_page)
    tree = load_html(_XML_DECL.sub("", text_page, count=1))
    found = _page_metadata(tree) if tree is not None else {}
    result = None if tree is None else trafilatura.bare_extraction(
        tree, url=url, with_metadata=True, favor_recall=True, include_comments=False,
        include_images=False, include_links=False, include_formatting=False,
    )
    data: dict[str, Any] = {}
    if result is not None:
        data = result if isinstance(result, dict) else result.as_dict()
    text = _paragraphs(data.get("text") or "")
    check_size(text)
    if len(text.split()) < MIN_WORDS:
        raise InputError("no article text found in the page; save the article page itself "
                         "(not an index or consent page), or load its text as .txt")
    fields: dict[str, Any] = {}
    canonical = _absolute(found.get("canonical") or found.get("url"), url)
    fields["url"] = canonical or _absolute(data.get("url"), url) or url
    fields["title"] = data.get("title") or found.get("headline") or first_line_title(text)
    fields["outlet_domain"] = domain_of(fields["url"])
    sitename = (data.get("sitename") or found.get("publisher") or "").strip().lstrip("@")
    if _is_host(sitename, url, data.get("url")):  # trafilatura's fallback, not a name
        sitename = ""
    fields["outlet"] = sitename or fields["outlet_domain"]
    if found.get("published"):
        fields["published"], fields["published_note"] = found["published"], found["date_note"]
    elif data.get("date"):
        fields["published"] = data["date"]
        fields["published_note"] = "found in the page by trafilatura (htmldate); check it"
    fields["language"] = found.get("language")
    fields.update(meta or {})
    if meta and "url" in meta and "outlet_domain" not in meta:
        fields["outlet_domain"] = domain_of(meta["url"]) or fields["outlet_domain"]
    if meta and "published" in meta and "published_note" not in meta:
        fields.pop("published_note", None)
    clean = {k: v for k, v in fields.items() if v is not None}
    return Document(text=text, source=source, **clean)


def _paragraphs(text: str) -> str:
    """One blank line between paragraphs; lines and words otherwise as extracted."""
    return "\n\n".join(line.strip() for line in text.split("\n") if line.strip())


def _is_host(name: str, *urls: str | None) -> bool:
    """Whether `name` is what trafilatura puts as site name when a page names none."""
    hosts = (_URL_HOST.match(u) for u in urls if u)
    return any(m is not None and m[1] == name for m in hosts)


def _absolute(link: str | None, base: str | None) -> str | None:
    if not link:
        return None
    link = urljoin(base, link.strip()) if base else link.strip()
    return link if urlsplit(link).scheme in ("http", "https") else None


def _page_metadata(tree: HtmlElement) -> dict[str, str]:
    """What trafilatura leaves out: language, explicit datetimes, relative canonical links,
    JSON-LD url and publisher."""
    found: dict[str, str] = {}
    for obj in _json_ld(tree):
        types = obj.get("@type")
        names = {t.lower() for t in (types if isinstance(types, list) else [types]) if
                 isinstance(t, str)}
        if not names & _ARTICLE_TYPES:
            continue
        _set(found, "published", _iso(obj.get("datePublished")), "date_note",
             "stated in the page (JSON-LD datePublished)")
        _set(found, "language", _lang(obj.get("inLanguage")))
        _set(found, "headline", obj.get("headline") if isinstance(obj.get("headline"), str)
             else None)
        page = obj.get("mainEntityOfPage")
        page_url = page.get("@id") if isinstance(page, dict) else page
        for candidate in (obj.get("url"), page_url):
            if isinstance(candidate, str):
                _set(found, "url", candidate)
        publisher = obj.get("publisher")
        if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
            _set(found, "publisher", publisher["name"])
    metas = {}
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("http-equiv") or "").lower()
        if key and el.get("content") and key not in metas:
            metas[key] = el.get("content")
    for key in _DATE_META:
        _set(found, "published", _iso(metas.get(key)), "date_note",
             f"stated in the page (meta {key})")
    for link in tree.xpath('//link[@href]'):
        if "canonical" in (link.get("rel") or "").lower().split():
            _set(found, "canonical", link.get("href"))
    _set(found, "canonical", metas.get("og:url"))
    root = tree.getroottree().getroot()
    _set(found, "language", _lang(root.get("lang") or root.get("{http://www.w3.org/XML/1998/"
                                                                 "namespace}lang")))
    for key in _LANG_META:
        _set(found, "language", _lang(metas.get(key)))
    return found


def _set(found: dict[str, str], key: str, value: str | None, note_key: str | None = None,
         note: str | None = None) -> None:
    """Keep the first value found (sources are tried best first)."""
    if value and key not in found:
        found[key] = value
        if note_key and note:
            found[note_key] = note


def _json_ld(tree: HtmlElement) -> Iterator[dict[str, Any]]:
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text_content() or "null")
        except ValueError:
            continue  # a broken block is the page's problem; the rest of the page still loads
        stack = data if isinstance(data, list) else [data]
        while stack:
            obj = stack.pop(0)
            if isinstance(obj, dict):
                graph = obj.get("@graph")
                if isinstance(graph, list):
                    stack.extend(graph)
                yield obj
            elif isinstance(obj, list):
                stack.extend(obj)


def _iso(value: Any) -> str | None:
    """An ISO-8601 date or datetime as the page states it (normalised); None otherwise."""
    if not isinstance(value, str) or len(value.strip()) < 10:
        return None
    raw = value.strip().replace("Z", "+00:00")
    if len(raw) == 10:
        try:
            return date.fromisoformat(raw).isoformat()
        except ValueError:
            return None
    try:
        return datetime.fromisoformat(raw.replace(" ", "T", 1)).isoformat()
    except ValueError:
        return None


def _lang(value: Any) -> str | None:
    """The primary language subtag, lower case: `en-GB`, `en_GB` -> `en`."""
    if isinstance(value, dict):
        value = value.get("alternateName") or value.get("name")
    if not isinstance(value, str):
        return None
    primary = re.split(r"[-_]", value.strip())[0].lower()
    return primary if re.fullmatch(r"[a-z]{2,3}", primary) else None
