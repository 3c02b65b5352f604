"""`quotetrail trace` and `quotetrail view`: one statement's variants, as text or a page."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text
from rich.tree import Tree

from quotetrail.cli import MUTATION_STYLE, JsonOption, app, out, store_session
from quotetrail.errors import NotFoundError
from quotetrail.graph.model import Trace, TraceVariant
from quotetrail.graph.store import queries
from quotetrail.graph.store.driver import Store
from quotetrail.settings import get_settings

# -- trace -----------------------------------------------------------------------------

@app.command()
def trace(
    text: Annotated[str, typer.Argument(help="Words of the quote (a fragment is enough) or a "
                                             "statement id (st-...).")],
    as_json: JsonOption = False,
) -> None:
    """Find the statement best matching TEXT and show every variant that news printed."""
    with store_session() as store:
        result = _find_trace(store, text)
    if as_json:
        typer.echo(result.model_dump_json(indent=2))
    else:
        _print_trace(result)


def _find_trace(store: Store, text: str) -> Trace:
    if text.startswith("st-"):
        return queries.trace(store, text)
    hits = queries.search_statements(store, text, limit=1)
    if not hits:
        raise NotFoundError(f"no statement matches {text!r}; try other words, or load more "
                            "documents")
    return queries.trace(store, hits[0].id)


def _print_trace(t: Trace) -> None:
    out.print(Text.assemble(("Statement ", "bold"), (t.id, "dim")))
    out.print(Text.assemble(("“", "bold"), (t.text, "bold"), ("”", "bold")))
    out.print(f"speaker: {t.speaker or 'unattributed'} · first seen: "
              f"{(t.first_seen or 'no date')[:10]} · {t.quote_count} quote(s)")
    out.print(Text.assemble("\n", ("dropped", "red strike"), " / ", ("added", "green"),
                            " words are against the reference wording above"))
    for n, v in enumerate(t.variants, 1):
        date = v.article.published[:10] if v.article.published else "NO DATE"
        head = Text.assemble(
            f"\n{n}. ", (date, "yellow" if not v.article.published else "bold"),
            f" · {v.article.outlet or 'unknown outlet'} · {v.kind} · ",
            (v.mutation, MUTATION_STYLE.get(v.mutation, "")), f" ({v.similarity:.2f})")
        out.print(head)
        out.print(Text("   ") + (_diff_text(v.diff) if v.diff else Text(v.text)))
        source = v.article.url or v.article.source or ""
        out.print(Text(f"   {v.article.title or ''} — {source}", "dim"))
    out.print()
    out.print(_provenance_tree(t))


def _provenance_tree(t: Trace) -> Tree:
    """DERIVED_FROM as a tree: each variant under the earlier occurrence it came from."""
    number = {v.quote_id: n for n, v in enumerate(t.variants, 1)}
    children: dict[str | None, list[TraceVariant]] = {}
    for v in t.variants:
        parent = v.derived_from if v.derived_from in number else None
        children.setdefault(parent, []).append(v)
    tree = Tree(Text("Provenance (each variant under the occurrence it most likely came from)",
                     "bold"))

    def grow(node: Tree, parent: str | None) -> None:
        for v in children.get(parent, []):
            label = Text.assemble(
                f"{number[v.quote_id]}. {(v.article.published or 'NO DATE')[:10]} "
                f"{v.article.outlet or 'unknown outlet'} ",
                (v.mutation, MUTATION_STYLE.get(v.mutation, "")),
                (f"  [{v.evidence}]" if v.evidence else "", "dim"))
            grow(node.add(label), v.quote_id)

    grow(tree, None)
    return tree


def _diff_text(diff: list[tuple[str, str]]) -> Text:
    text = Text()
    for op, words in diff:
        if text:
            text.append(" ")
        style = {"-": "red strike", "+": "green"}.get(op, "")
        text.append(words, style)
    return text


# -- view ------------------------------------------------------------------------------

@app.command()
def view(
    text: Annotated[str, typer.Argument(help="Words of the quote, or a statement id.")],
    output: Annotated[Path | None, typer.Option("--out", "-o", help="Where to write the page "
                                                "(default: $QUOTETRAIL_HOME/pages/ID.html).")
                      ] = None,
) -> None:
    """Write an HTML page of one statement's spread and print its path."""
    from quotetrail.viz.statement_page import render_statement

    settings = get_settings()
    with store_session() as store:
        result = _find_trace(store, text)
    path = render_statement(result, output or settings.home / "pages" / f"{result.id}.html")
    out.print(str(path.resolve()), markup=False)
