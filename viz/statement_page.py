"""One statement's spread as a self-contained HTML page (pyvis graph, legend, table).

The page needs no network: vis-network's JS and CSS (bundled with pyvis) are inlined (the app's
page links them at a same-origin URL instead: `viz/assets.py`), and the
template is our own (pyvis's links Bootstrap from a CDN). Nothing is written anywhere but the
path asked for: the HTML comes from `Network.generate_html()`, never `show()`/`write_html()`,
which copy a `lib/` folder into the current directory.

Every text from the data (quotes, titles, outlets, speakers, paths) is escaped: the table by
Jinja's autoescaping, the graph and details data by `tojson` (`<` becomes `\\u003c`), and the
browser side writes them with `textContent` only. Node tooltips are plain text: vis-network
9.1.2 shows a string `title` with `innerText`. Only http(s) URLs become links.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from jinja2 import DictLoader, Environment, StrictUndefined
from pyvis.edge import Edge
from pyvis.network import Network

from quotetrail.graph.model import MUTATIONS, Trace, TraceVariant
from quotetrail.viz._arrow_router import ROUTE_MAX, router_js
from quotetrail.viz._page_template import STATEMENT_TEMPLATE
from quotetrail.viz._site import export_links, link
from quotetrail.viz._site import safe_url as _safe_url
from quotetrail.viz._timeline import LABEL_CHARS, Layout, layout
from quotetrail.viz.assets import vis_assets, vis_links
from quotetrail.viz.colors import (
    MUTATION_MEANINGS,
    STATEMENT_COLOR,
    mutation_color,
)

_TEMPLATE_NAME = "statement_page.html"
_STATEMENT_LABEL_CHARS = 110
_TOOLTIP_TEXT_CHARS = 300
STATEMENT_NODE = "statement"  # node id of the statement; variants are "q:<quote id>"
TICK_PREFIX = "tick:"  # the day ticks of the time axis: text nodes, not data
CONFLICT_COLOR = "#cf222e"

_OPTIONS = {
    "physics": {"enabled": False},
    "interaction": {"hover": True, "tooltipDelay": 120, "multiselect": False,
                    "dragNodes": False},
    "nodes": {"font": {"size": 13, "face": "arial"}, "borderWidth": 1},
    "edges": {"smooth": False},
}


@dataclass(frozen=True)
class _When:
    """A variant's publication time as the page sorts and shows it."""

    sort_key: datetime | None  # None: undated or unreadable
    label: str  # what the page shows
    iso: str | None  # machine-readable value for <time datetime>


def statement_html(trace: Trace, *, site: bool = False, speaker_id: str | None = None) -> str:
    """The page of one statement's spread, as an HTML string (see `render_statement`).

    With `site`, the page is served by the app: it gets the site's navigation and links to
    the speaker's page and to each article's text page (root-relative paths).
    """
    ordered = _time_order(trace.variants)
    placed = layout([when.sort_key for _, when in ordered])
    net = Network(height=f"{placed.height_px}px", width="100%", directed=True,
                  cdn_resources="in_line")
    net.set_options(json.dumps(_OPTIONS))
    _add_nodes_and_edges(net, trace, ordered, placed)
    # generate_html() renders `self.path` from `self.templateEnv`: point both at our template,
    # compiled once, with this page's data as a global of its own.
    net.templateEnv = _PageTemplates(_page_data(trace, ordered, site=site,
                                                speaker_id=speaker_id))
    net.path = _TEMPLATE_NAME
    return net.generate_html()


_ENV = Environment(loader=DictLoader({_TEMPLATE_NAME: STATEMENT_TEMPLATE}), autoescape=True,
                   undefined=StrictUndefined)


@functools.cache
def _compiled() -> Any:
    """The page template's code: compiling it took 70 ms, longer than reading a trace."""
    return _ENV.compile(STATEMENT_TEMPLATE, _TEMPLATE_NAME, _TEMPLATE_NAME)


@dataclass(frozen=True)
class _PageTemplates:
    """What generate_html() asks of `templateEnv`: the template, with `page` as a global of
    this page alone (a shared environment's globals would mix pages of parallel requests)."""

    page: dict[str, Any]

    def get_template(self, name: str) -> Any:
        assert name == _TEMPLATE_NAME
        return _ENV.template_class.from_code(_ENV, _compiled(), _ENV.make_globals(
            {"page": self.page}))


def render_statement(trace: Trace, out_path: Path) -> Path:
    """Write the page of one statement's spread to `out_path` and return that path.

    The page is one file that works offline: the graph (statement, one node per variant in
    time order, VARIANT_OF and DERIVED_FROM edges), a legend of mutation colours, a details
    panel for the clicked node, and a table of the variants with their diffs.
    """
    out_path = Path(out_path)
    html = statement_html(trace)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(html, encoding="utf-8")
    return out_path


# -- ordering and formatting --------------------------------------------------------------


def _when(published: str | None) -> _When:
    if not published:
        return _When(None, "undated", None)
    try:
        parsed = datetime.fromisoformat(published)
    except ValueError:
        return _When(None, f"undated ({published})", None)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    parsed = parsed.astimezone(UTC)
    # The graph gives every date as a UTC datetime: midnight exactly means "a date only".
    has_time = ("T" in published or " " in published.strip()) and (
        parsed.hour, parsed.minute, parsed.second) != (0, 0, 0)
    label = parsed.strftime("%Y-%m-%d %H:%M UTC") if has_time else parsed.strftime("%Y-%m-%d")
    return _When(parsed, label, parsed.isoformat())


def _time_order(variants: list[TraceVariant]) -> list[tuple[TraceVariant, _When]]:
    """Variants earliest first, undated last; equal times keep the trace's order."""
    timed = [(v, _when(v.article.published)) for v in variants]
    return sorted(
        timed,
        key=lambda vw: (vw[1].sort_key is None, vw[1].sort_key or datetime.min.replace(tzinfo=UTC)),
    )


def _outlet(variant: TraceVariant) -> str:
    return variant.article.outlet or variant.article.outlet_id or "unknown outlet"


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _node_id(variant: TraceVariant) -> str:
    return f"q:{variant.quote_id}"


# -- graph ------------------------------------------------------------------------------


def _add_nodes_and_edges(
    net: Network, trace: Trace, ordered: list[tuple[TraceVariant, _When]], placed: Layout
) -> None:
    x, y = placed.reference
    net.add_node(
        STATEMENT_NODE,
        label=_shorten(trace.text, _STATEMENT_LABEL_CHARS),
        shape="box",
        color=STATEMENT_COLOR,
        font={"color": "#ffffff", "size": 13},
        widthConstraint={"maximum": 200},
        title=f"Reference wording ({trace.speaker or 'unknown speaker'}):\n{trace.text}",
        x=x, y=y, physics=False, fixed=True,
    )
    for n, (label, tick_x) in enumerate(placed.ticks):
        net.add_node(f"{TICK_PREFIX}{n}", label=label, shape="text", x=tick_x,
                     y=placed.tick_y, physics=False, fixed=True, chosen=False,
                     font={"color": "#57606a", "size": 13, "face": "arial", "bold": True})
    for (variant, when), (vx, vy) in zip(ordered, placed.positions, strict=True):
        _add_variant_node(net, trace, variant, when, vx, vy)
    _add_edges(net, trace, ordered)


@dataclass(frozen=True)
class _Attribution:
    """What a checker must know about who a print credits."""

    notes: list[str]
    conflict: bool  # credited to someone else, or the linking flagged a conflict
    inferred: bool  # the speaker was inferred, not named next to the quote
    withheld: bool  # the article's mention could be more than one person (doubt.py)


def _attribution(trace: Trace, variant: TraceVariant) -> _Attribution:
    """Conflicts, inferred speakers and corrections of one print (from the linking)."""
    notes = []
    conflict = bool(variant.speaker and trace.speaker and variant.speaker != trace.speaker)
    if variant.corrected:
        notes.append(f"speaker set by a journalist: {trace.speaker_of(variant)}")
    elif conflict:
        notes.append(f"credited to {variant.speaker}, not {trace.speaker}")
    inferred = bool(variant.speaker is None and variant.speaker_inferred_from and trace.speaker)
    withheld = variant.speaker is None and variant.speaker_withheld and not variant.corrected
    if inferred or withheld:
        notes.append(trace.speaker_of(variant))
    elif variant.speaker is None and not variant.corrected:
        notes.append("no speaker named for this print")
    if trace.conflict and variant.speaker:
        conflict = True
        notes.append(f"attribution conflict: {trace.conflict_label()}")
    return _Attribution(notes=notes, conflict=conflict, inferred=inferred, withheld=withheld)


def _add_variant_node(net: Network, trace: Trace, variant: TraceVariant, when: _When,
                      x: float, y: float) -> None:
    outlet = _outlet(variant)
    who = _attribution(trace, variant)
    time = when.label[11:] if when.sort_key and len(when.label) > 10 else ""
    label = ("⚠ " if who.conflict else "") + ("? " if who.inferred or who.withheld else "") + \
        _shorten(outlet, LABEL_CHARS)
    net.add_node(
        _node_id(variant),
        label=f"{label}\n{time}" if time else label,
        shape="dot",
        size=11,
        color={"background": mutation_color(variant.mutation),
               "border": CONFLICT_COLOR if who.conflict else "#333333"},
        borderWidth=4 if who.conflict else (3 if who.inferred else 1),
        shapeProperties={"borderDashes": [3, 2] if who.inferred else False},
        # an opaque strip under the label: arrows pass beneath it, never across the words
        font={"background": "rgba(255,255,255,0.92)"},
        title=(
            f"{outlet} · {when.label}\n{variant.mutation} ({variant.kind})\n"
            + "".join(f"{note}\n" for note in who.notes)
            + f"“{_shorten(variant.text, _TOOLTIP_TEXT_CHARS)}”"
        ),
        x=x, y=y, physics=False, fixed=True,
    )


def _add_edges(net: Network, trace: Trace, ordered: list[tuple[TraceVariant, _When]]) -> None:
    """DERIVED_FROM from each likely source (every node is a variant of the reference)."""
    known = {v.quote_id for v in trace.variants}
    for variant, _ in ordered:
        source = variant.derived_from
        if source and source in known and source != variant.quote_id:
            # pyvis's add_edge lists every node per edge to check both ends (quadratic:
            # 13 ms for 64 edges); both are nodes here, so the Edge is appended as it would
            net.edges.append(Edge(
                f"q:{source}",
                _node_id(variant),
                True,
                title=f"DERIVED_FROM: {variant.evidence or 'no evidence recorded'}",
                dashes=True,
                width=1.5,
                color={"color": "#555555", "opacity": 0.8},
                arrows={"to": {"enabled": True, "scaleFactor": 0.6}},
                smooth={"enabled": True, "type": "curvedCW", "roundness": 0.15},
            ).options)


# -- page data --------------------------------------------------------------------------


def _source_label(variant: TraceVariant,
                  by_quote: dict[str, tuple[TraceVariant, _When]]) -> str:
    """The likely source occurrence as a reader names it: outlet, date (evidence)."""
    if not variant.derived_from or variant.derived_from not in by_quote:
        return ""
    source, when = by_quote[variant.derived_from]
    label = f"{_outlet(source)}, {when.label}"
    return f"{label} ({variant.evidence})" if variant.evidence else label


def _statement_details(trace: Trace) -> dict[str, Any]:
    return {
        "heading": "Reference wording",
        "text": trace.text,
        "diff": [],
        "fields": [
            ["speaker", trace.speaker or "unknown"],
            *([["attribution conflict", trace.conflict_label()]] if trace.conflict else []),
            ["first seen", _when(trace.first_seen).label],
            ["quotes", str(trace.quote_count)],
            ["statement id", trace.id],
        ],
        "url": None,
    }


def _variant_row(variant: TraceVariant, when: _When, source_label: str,
                 site: bool, notes: list[str], speaker: str) -> dict[str, Any]:
    """One row of the variants table (and what the details panel is built from)."""
    article = variant.article
    url = _safe_url(article.url, article.source)
    diff = [(op, words) for op, words in variant.diff]
    return {
        "node_id": _node_id(variant),
        "date": when.label,
        "datetime": when.iso,
        "outlet": _outlet(variant),
        "title": article.title or "(untitled)",
        "url": url,
        "source": None if url else (article.source or article.url),
        "quote_kind": variant.kind,
        "mutation": variant.mutation,
        "color": mutation_color(variant.mutation),
        "speaker": speaker,
        "text": variant.text,
        "diff": diff,
        "diff_changed": any(op != "=" for op, _ in diff),
        "source_label": source_label,
        "article_href": link("articles", article.id) if site else None,
        "notes": notes,
    }


def _variant_details(variant: TraceVariant, when: _When, row: dict[str, Any]) -> dict[str, Any]:
    """The details panel of a variant's node."""
    fields = [
        ["outlet", row["outlet"]],
        ["date", when.label],
        ["article", row["title"]],
        ["mutation", f"{variant.mutation} (similarity {variant.similarity:.2f})"],
        ["kind", variant.kind],
        ["speaker", row["speaker"]],
    ]
    fields.extend(["attribution", note] for note in row["notes"])
    if row["source_label"]:
        fields.append(["likely source", row["source_label"]])
    if row["source"]:
        fields.append(["source", row["source"]])
    return {
        "heading": f"{row['outlet']}, {when.label}",
        "text": variant.text,
        "diff": row["diff"] if row["diff_changed"] else [],
        "fields": fields,
        "url": row["url"],
    }


def _page_data(trace: Trace, ordered: list[tuple[TraceVariant, _When]], *, site: bool = False,
               speaker_id: str | None = None) -> dict[str, Any]:
    vis_js, vis_css = (None, None) if site else vis_assets()
    by_quote = {v.quote_id: (v, w) for v, w in ordered}
    rows = []
    details: dict[str, dict[str, Any]] = {STATEMENT_NODE: _statement_details(trace)}
    for variant, when in ordered:
        row = _variant_row(variant, when, _source_label(variant, by_quote), site,
                           _attribution(trace, variant).notes, trace.speaker_of(variant))
        rows.append(row)
        details[row["node_id"]] = _variant_details(variant, when, row)
    return {
        "title": _shorten(trace.text, 80),
        "text": trace.text,
        "speaker": trace.speaker or "unknown",
        "first_seen": _when(trace.first_seen).label,
        "quote_count": trace.quote_count,
        "variant_count": len(ordered),
        "statement_id": trace.id,
        "statement_color": STATEMENT_COLOR,
        "legend": [
            {"mutation": m, "color": mutation_color(m), "meaning": MUTATION_MEANINGS[m]}
            for m in MUTATIONS
        ],
        "rows": rows,
        "details": details,
        "site": site,
        "speaker_href": link("speakers", speaker_id) if site else None,
        "exports": export_links(link("statements", trace.id), "trace") if site else [],
        "vis_js": vis_js,
        "vis_css": vis_css,
        "vis_links": vis_links() if site else None,
        "arrow_js": router_js(),
        "route_max": ROUTE_MAX,
    }
