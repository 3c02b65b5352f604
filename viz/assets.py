"""vis-network's JS and CSS (pyvis's bundle): inlined in a one-file page, and served once at a
same-origin URL named by their content to the pages the app serves.

A statement page inlined 688 KB of them on every request (of a 917 KB body). The app's pages
link them instead; the name holds the content's hash, so a browser keeps them for good
(`immutable`) and a new pyvis bundle is a new URL. The downloaded and CLI-written pages keep
them inline: they must work as one file, offline. Nothing comes from a CDN either way.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path

import pyvis
from markupsafe import Markup

VIS_DIR = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
ASSETS_PATH = "/assets"
CACHE_FOREVER = "public, max-age=31536000, immutable"


@dataclass(frozen=True)
class Asset:
    """One served file: its bytes and the content type the browser must be told (`nosniff`
    makes it refuse a script served as anything else)."""

    body: bytes
    media_type: str


@dataclass(frozen=True)
class VisLinks:
    """Where a served page finds vis-network's script and stylesheet."""

    js: str
    css: str


@functools.cache
def vis_assets() -> tuple[Markup, Markup]:
    """vis-network's JS and CSS, checked safe to inline."""
    js = (VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8")
    css = (VIS_DIR / "vis-network.css").read_text(encoding="utf-8")
    if "</script" in js.lower() or "<!--" in js or "</style" in css.lower():
        raise RuntimeError(f"the vis-network files under {VIS_DIR} cannot be inlined safely")
    # The library's own code, checked above: mark it safe so autoescaping leaves it alone.
    return Markup(js), Markup(css)


@functools.cache
def served() -> dict[str, Asset]:
    """The files under ASSETS_PATH, by their content-named file name."""
    js, css = vis_assets()
    return {_named("vis-network", ".min.js", js): Asset(js.encode(), "text/javascript"),
            _named("vis-network", ".css", css): Asset(css.encode(), "text/css")}


@functools.cache
def vis_links() -> VisLinks:
    """The URLs of vis-network's files, for a page the app serves."""
    js, css = (f"{ASSETS_PATH}/{name}" for name in served())
    return VisLinks(js=js, css=css)


def _named(stem: str, suffix: str, text: str) -> str:
    return f"{stem}-{hashlib.sha256(text.encode()).hexdigest()[:16]}{suffix}"
