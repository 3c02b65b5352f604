"""`quotetrail trace` and `quotetrail view`: one statement's variants, as text or a page."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from quotetrail import cli_lists
from quotetrail.cli import (
    MUTATION_STYLE,
    Color,
    ColorOption,
    JsonOption,
    PickOption,
    app,
    color_console,
    out,
    store_session,
)
from quotetrail.graph.link.mutation import tokenize
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
    color: ColorOption = Color.auto,
    pick: PickOption = 1,
) -> None:
    """Find the statement best matching TEXT and show every variant that news printed."""
    with store_session() as store:
        result = _find_trace(store, text, pick, quiet=as_json)
    if as_json:
        typer.echo(result.model_dump_json(indent=2))
        return
    console = color_console(color)
    for line in trace_lines(result, plain=console is None):
        if console is None:
            typer.echo(line.plain)
        else:
            console.print(line)


def _find_trace(store: Store, text: str, pick: int = 1, *, quiet: bool = False) -> Trace:
    if text.startswith("st-"):
        return queries.trace(store, text)
    return queries.trace(store, cli_lists.pick_statement(store, text, pick, quiet=quiet))


def trace_lines(t: Trace, *, plain: bool) -> list[Text]:
    """The trace for people, one Text per line, never wrapped or cut. `plain` marks the
    changes in the words themselves (git's word-diff) for output that loses colours."""
    legend = (Text("[-dropped-] / {+added+} words are against the reference wording above")
              if plain else Text.assemble(("dropped", "red strike"), " / ", ("added", "green"),
                                          " words are against the reference wording above"))
    lines = [Text.assemble(("Statement ", "bold"), (t.id, "dim")),
             Text.assemble(("“", "bold"), (t.text, "bold"), ("”", "bold")),
             Text(f"speaker: {t.speaker or 'unattributed'} · first seen: "
                  f"{(t.first_seen or 'no date')[:10]} · {t.quote_count} quote(s)"),
             *([Text(f"attribution conflict: {t.conflict_label()}")] if t.conflict else []),
             Text(), legend]
    for n, v in enumerate(t.variants, 1):
        date = v.article.published[:10] if v.article.published else "NO DATE"
        credited = (f" · credited to {v.speaker or 'nobody'}"
                    if v.mutation == "misattributed" else "")
        source = v.article.url or v.article.source or ""
        lines += [Text(), Text.assemble(
            f"{n}. ", (date, "yellow" if not v.article.published else "bold"),
            f" · {v.article.outlet or 'unknown outlet'} · {v.kind} · ",
            (v.mutation, MUTATION_STYLE.get(v.mutation, "")), f" ({v.similarity:.2f})",
            (credited, "bold red")),
            Text("   ") + _diff_text(printed_diff(t.text, v.text, v.diff), plain),
            Text(f"   said by: {t.speaker_of(v)}", "dim"),
            Text(f"   {v.article.title or ''} — {source}", "dim")]
    return [*lines, Text(), *_provenance_lines(t)]


def _provenance_lines(t: Trace) -> list[Text]:
    """DERIVED_FROM as a tree: each variant under the earlier occurrence it came from."""
    number = {v.quote_id: n for n, v in enumerate(t.variants, 1)}
    children: dict[str | None, list[TraceVariant]] = {}
    for v in t.variants:
        parent = v.derived_from if v.derived_from in number else None
        children.setdefault(parent, []).append(v)
    lines = [Text("Provenance (each variant under the occurrence it most likely came from)",
                  "bold")]

    def grow(parent: str | None, indent: str) -> None:
        kids = children.get(parent, [])
        for i, v in enumerate(kids):
            last = i == len(kids) - 1
            lines.append(Text.assemble(
                indent + ("└── " if last else "├── "),
                f"{number[v.quote_id]}. {(v.article.published or 'NO DATE')[:10]} "
                f"{v.article.outlet or 'unknown outlet'} ",
                (v.mutation, MUTATION_STYLE.get(v.mutation, "")),
                (f"  [{v.evidence}]" if v.evidence else "", "dim")))
            grow(v.quote_id, indent + ("    " if last else "│   "))

    grow(None, "")
    return lines


def printed_diff(reference: str, variant: str,
                 diff: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """`diff` (compared words, punctuation dropped) with each run of words as the texts
    printed it, punctuation kept: kept and added words from `variant`, dropped ones from
    `reference`. The diff as it is when its words do not line up with the texts."""
    if not diff:
        return [("=", variant)]
    pieces = {"-": _pieces(reference), "+": _pieces(variant)}
    at = {"-": 0, "+": 0}
    shown: list[tuple[str, str]] = []
    for op, words in diff:
        n = len(words.split())
        source = "-" if op == "-" else "+"
        shown.append((op, "".join(pieces[source][at[source]:at[source] + n]).strip()))
        at[source] += n
        if op == "=":
            at["-"] += n
    if any(at[k] != len(pieces[k]) for k in at):
        return [(op, words) for op, words in diff]
    return shown


def _pieces(text: str) -> list[str]:
    """`text` cut into one piece per word, each with the punctuation that touches it: cuts
    fall after the whitespace before a word (or at the word, when none separates them)."""
    starts: list[int] = []
    pos = 0
    for word in tokenize(text)[0]:
        found = text.index(word, pos)
        gap = text[pos:found]
        space = max(gap.rfind(" "), gap.rfind("\n"), gap.rfind("\t"))
        starts.append(pos + space + 1 if space >= 0 and starts else found)
        pos = found + len(word)
    if not starts:
        return []
    starts[0] = 0
    return [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]


def _diff_text(diff: Sequence[tuple[str, str]], plain: bool) -> Text:
    text = Text()
    for op, words in diff:
        if text:
            text.append(" ")
        if plain:
            text.append({"-": f"[-{words}-]", "+": f"{{+{words}+}}"}.get(op, words))
        else:
            text.append(words, {"-": "red strike", "+": "green"}.get(op, ""))
    return text


# -- view ------------------------------------------------------------------------------

@app.command()
def view(
    text: Annotated[str, typer.Argument(help="Words of the quote, or a statement id.")],
    output: Annotated[Path | None, typer.Option("--out", "-o", help="Where to write the page "
                                                "(default: $QUOTETRAIL_HOME/pages/ID.html).")
                      ] = None,
    pick: PickOption = 1,
) -> None:
    """Write an HTML page of one statement's spread and print its path."""
    from quotetrail.viz.statement_page import render_statement

    settings = get_settings()
    with store_session() as store:
        result = _find_trace(store, text, pick, quiet=True)
    path = render_statement(result, output or settings.home / "pages" / f"{result.id}.html")
    out.print(str(path.resolve()), markup=False)
