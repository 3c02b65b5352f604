"""What the site pages share: a Jinja environment with autoescaping, internal links, dates.

Internal links are root-relative paths built here with every id percent-encoded; external
links come only through `safe_url` (absolute http(s), nothing else). Every text from the data
reaches the page through Jinja's autoescaping; no template marks data as safe.
"""

from __future__ import annotations

import functools
from datetime import UTC, datetime
from urllib.parse import quote, urlsplit

from jinja2 import DictLoader, Environment, StrictUndefined

from quotetrail.viz._site_templates import TEMPLATES
from quotetrail.viz.colors import MUTATION_COLORS, MUTATION_MEANINGS, mutation_color


def safe_url(*candidates: str | None) -> str | None:
    """The first candidate that is an absolute http(s) URL, else None (no javascript: etc.)."""
    for raw in candidates:
        if not raw:
            continue
        value = raw.strip()
        if any(ord(c) < 32 or c.isspace() for c in value):
            continue
        try:
            parts = urlsplit(value)
        except ValueError:
            continue
        if parts.scheme.lower() in ("http", "https") and parts.netloc:
            return value
    return None


def link(kind: str, item_id: str | None) -> str | None:
    """The site path of a statement, article or speaker page (None for no id)."""
    if not item_id:
        return None
    return f"/{kind}/{quote(item_id, safe='')}"


EXPORT_FORMATS = {"csv": "CSV", "json": "JSON", "graphml": "GraphML (Gephi, yEd)",
                  "html": "one HTML file (works offline)"}


def export_links(base: str | None, name: str,
                 formats: tuple[str, ...] = ("csv", "json", "graphml", "html"),
                 query: str = "") -> list[dict[str, str]]:
    """The download links of a page's table: `<base>/<name>.<format>` for each format."""
    if not base:
        return []
    return [{"href": f"{base}/{name}.{fmt}{query}", "label": EXPORT_FORMATS[fmt]}
            for fmt in formats]


def date_label(value: str | None) -> str:
    """An ISO-8601 value as the pages show it: a date, or a date and time in UTC."""
    if not value:
        return "undated"
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return f"undated ({value})"
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    parsed = parsed.astimezone(UTC)
    if parsed.hour == parsed.minute == parsed.second == 0:
        return parsed.strftime("%Y-%m-%d")
    return parsed.strftime("%Y-%m-%d %H:%M UTC")


def legend() -> list[dict[str, str]]:
    return [{"mutation": m, "color": c, "meaning": MUTATION_MEANINGS[m]}
            for m, c in MUTATION_COLORS.items()]


@functools.cache
def environment() -> Environment:
    env = Environment(loader=DictLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined)
    env.globals.update(link=link, date_label=date_label, color=mutation_color,
                       export_links=export_links)
    return env


def render(template: str, **context: object) -> str:
    return environment().get_template(template).render(**context)
