"""What a page shows, as files a journalist keeps: CSV, JSON rows, GraphML of a trace.

CSV comes from the csv module, GraphML from xml.etree (both escape for their format). A CSV
cell that a spreadsheet would run as a formula (it starts with = + - @ or a control
character) gets a leading apostrophe, so a hostile quote cannot run in Excel or LibreOffice.
The self-contained HTML of a trace is the statement page itself without the site's links
(`statement_html(trace)`).
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from quotetrail.graph.model import Trace

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"

Row = Mapping[str, Any]


def trace_rows(trace: Trace) -> list[dict[str, Any]]:
    """One row per printed variant, in the page's time order, with its article and source."""
    return [{
        "statement_id": trace.id,
        "reference": trace.text,
        "statement_speaker": trace.speaker,
        "quote_id": v.quote_id,
        "published": v.article.published,
        "outlet": v.article.outlet or v.article.outlet_id,
        "title": v.article.title,
        "url": v.article.url,
        "source": v.article.source,
        "article_id": v.article.id,
        "article_kind": v.article.kind,
        "quote_kind": v.kind,
        "speaker": v.speaker,
        "mutation": v.mutation,
        "similarity": round(v.similarity, 3),
        "text": v.text,
        "changes": " ".join(f"[{op}{words}]" if op != "=" else words for op, words in v.diff),
        "derived_from": v.derived_from,
        "evidence": v.evidence,
    } for v in trace.variants]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple | dict):
        value = json.dumps(value, ensure_ascii=False)
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_text(rows: Iterable[Row], columns: list[str]) -> str:
    """Rows as CSV with a header, values of `columns` in that order."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
    return out.getvalue()


def json_text(rows: Sequence[Row] | Mapping[str, Any]) -> str:
    return json.dumps(rows, ensure_ascii=False, indent=1, default=str)


def trace_graphml(trace: Trace) -> str:
    """The trace as GraphML: the statement and each printed quote as nodes, VARIANT_OF and
    DERIVED_FROM as edges, with the fields Gephi and yEd show as attributes."""
    ET.register_namespace("", _GRAPHML_NS)
    root = ET.Element(f"{{{_GRAPHML_NS}}}graphml")
    node_keys = ["label", "kind", "text", "speaker", "outlet", "published", "url", "mutation"]
    edge_keys = ["type", "mutation", "similarity", "evidence"]
    for name in node_keys:
        ET.SubElement(root, "key", id=f"n_{name}", attrib={"for": "node", "attr.name": name,
                                                            "attr.type": "string"})
    for name in edge_keys:
        ET.SubElement(root, "key", id=f"e_{name}", attrib={"for": "edge", "attr.name": name,
                                                            "attr.type": "string"})
    graph = ET.SubElement(root, "graph", id=trace.id, edgedefault="directed")
    _node(graph, "statement", {"label": trace.text[:80], "kind": "Statement",
                               "text": trace.text, "speaker": trace.speaker})
    known = {v.quote_id for v in trace.variants}
    for n, v in enumerate(trace.variants):
        outlet = v.article.outlet or v.article.outlet_id
        _node(graph, f"q:{v.quote_id}", {
            "label": f"{outlet or 'unknown outlet'} {v.article.published or 'undated'}",
            "kind": "Quote", "text": v.text, "speaker": v.speaker, "outlet": outlet,
            "published": v.article.published, "url": v.article.url, "mutation": v.mutation})
        _edge(graph, f"v{n}", f"q:{v.quote_id}", "statement",
              {"type": "VARIANT_OF", "mutation": v.mutation, "similarity": f"{v.similarity:.3f}"})
        if v.derived_from and v.derived_from in known and v.derived_from != v.quote_id:
            _edge(graph, f"d{n}", f"q:{v.quote_id}", f"q:{v.derived_from}",
                  {"type": "DERIVED_FROM", "evidence": v.evidence})
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _data(parent: ET.Element, prefix: str, values: Mapping[str, Any]) -> None:
    for name, value in values.items():
        if value is not None:
            ET.SubElement(parent, "data", key=f"{prefix}_{name}").text = _xml_text(str(value))


def _node(graph: ET.Element, node_id: str, values: Mapping[str, Any]) -> None:
    _data(ET.SubElement(graph, "node", id=node_id), "n", values)


def _edge(graph: ET.Element, edge_id: str, source: str, target: str,
          values: Mapping[str, Any]) -> None:
    _data(ET.SubElement(graph, "edge", id=edge_id, source=source, target=target), "e", values)


def _xml_text(text: str) -> str:
    """Drop the control characters XML 1.0 cannot hold (etree escapes the rest)."""
    return "".join(c for c in text if c in "\t\n\r" or ord(c) >= 32)
