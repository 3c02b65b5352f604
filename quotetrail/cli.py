"""The `quotetrail` command: parse options, call one core function, format its result."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from quotetrail import pipeline as loading
from quotetrail.errors import NotFoundError, QuotetrailError
from quotetrail.graph import model
from quotetrail.graph.local_server.manager import LocalServer
from quotetrail.graph.model import Mutation, Trace, TraceVariant
from quotetrail.graph.store import queries
from quotetrail.graph.store.driver import Store
from quotetrail.graph.store.user_cypher import check_limits, run_read_only
from quotetrail.settings import Settings, get_settings

app = typer.Typer(help="Where did this quote come from, and how did it change on its way "
                       "through the news?", no_args_is_help=True, add_completion=False)
server_app = typer.Typer(help="Manage the local graph server (used when NEO4J_URI is unset).",
                         no_args_is_help=True)
app.add_typer(server_app, name="server")

out = Console(highlight=False, soft_wrap=True, emoji=False)
err = Console(stderr=True, highlight=False, emoji=False)

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")]

MUTATION_STYLE: dict[Mutation, str] = {
    "verbatim": "green", "trivial": "cyan", "truncated": "yellow", "spliced": "magenta",
    "reworded": "bright_red", "paraphrased": "red", "misattributed": "bold red",
}


def main() -> None:
    """Console-script entry: domain errors become one line and exit 1, never a traceback."""
    try:
        app()
    except QuotetrailError as e:
        err.print(f"[red]error:[/] {e}")
        sys.exit(1)


@contextmanager
def _store() -> Iterator[Store]:
    with Store.connect(get_settings()) as store:
        yield store


# -- load ------------------------------------------------------------------------------

@app.command()
def load(
    paths: Annotated[list[str], typer.Argument(help="Text files or folders (a folder's "
                                                     "manifest.json supplies metadata).")],
    as_json: JsonOption = False,
    quiet: QuietOption = False,
    reload: Annotated[bool, typer.Option(
        "--reload", help="Load documents whose text is already in the graph again.")] = False,
) -> None:
    """Load documents into the graph, then link their quotes into statements."""
    with _store() as store, _progress(quiet) as progress:
        summary = loading.summarize(store, loading.load_paths(store, paths, progress,
                                                              reload=reload))
    if as_json:
        typer.echo(summary.model_dump_json(indent=2))
    else:
        _print_summary(summary)
    if summary.failed:
        raise typer.Exit(1)


@contextmanager
def _progress(quiet: bool) -> Iterator[loading.Progress]:
    if quiet:
        yield loading.Progress()
        return
    bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                   TimeElapsedColumn(), console=err, transient=True)
    task = [bar.add_task("loading", total=None)]

    def stage(name: str, steps: int | None) -> None:  # linking: minutes on an archive
        bar.remove_task(task[0])  # a new task: update() cannot set an unknown total
        task[0] = bar.add_task(name, total=steps)

    with bar:
        yield loading.Progress(on_total=lambda n: bar.update(task[0], total=n),
                               on_done=lambda source: bar.advance(task[0]),
                               on_stage=stage, on_step=lambda: bar.advance(task[0]))


def _print_summary(summary: model.LoadSummary) -> None:
    if summary.skipped:
        out.print(f"skipped {len(summary.skipped)} document(s) already in the graph "
                  "(--reload loads them again)")
    out.print(f"loaded {summary.loaded} document(s); the graph now holds "
              f"{summary.articles} articles, {summary.quotes} quotes, {summary.speakers} "
              f"speakers, {summary.statements} statements, {summary.outlets} outlets")
    if summary.failed:
        table = Table("input", "reason", title=f"{len(summary.failed)} input(s) failed",
                      title_style="bold red")
        for f in summary.failed:
            table.add_row(f.input, f.reason)
        err.print(table)


# -- trace -----------------------------------------------------------------------------

@app.command()
def trace(
    text: Annotated[str, typer.Argument(help="Words of the quote (a fragment is enough) or a "
                                             "statement id (st-...).")],
    as_json: JsonOption = False,
) -> None:
    """Find the statement best matching TEXT and show every variant that news printed."""
    with _store() as store:
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


# -- statements, quotes ----------------------------------------------------------------

@app.command()
def statements(as_json: JsonOption = False) -> None:
    """List statements, most-spread first."""
    with _store() as store:
        rows = queries.list_statements(store)
    if as_json:
        for row in rows:
            typer.echo(row.model_dump_json(exclude={"score"}))
        return
    table = Table("id", "quotes", "speaker", "text")
    for row in rows:
        table.add_row(row.id, str(row.quote_count), row.speaker or "", row.text)
    out.print(table)


@app.command()
def quotes(
    as_json: JsonOption = False,
    show_all: Annotated[bool, typer.Option(
        "--all", help="Also list quoted words with no speaker (titles, scare quotes).")] = False,
) -> None:
    """List every quote with its article, offsets, speaker and statement."""
    with _store() as store:
        rows = queries.list_quotes(store, include_unattributed=show_all)
    if as_json:
        for row in rows:
            typer.echo(row.model_dump_json())
        return
    table = Table("source", "offsets", "kind", "speaker", "mutation", "text")
    for row in rows:
        mutation = row.mutation if isinstance(row.mutation, str) else ", ".join(row.mutation or [])
        table.add_row(row.article.source or "", f"{row.start}-{row.end}", row.kind,
                      row.speaker or "", mutation, row.text)
    out.print(table)


# -- cypher ----------------------------------------------------------------------------

@app.command()
def cypher(
    query: Annotated[str, typer.Argument(help="A read-only Cypher query.")],
    param: Annotated[list[str] | None, typer.Option(
        "--param", "-p", help="A query parameter k=v (v is read as JSON when it parses).")] = None,
    as_json: JsonOption = False,
    time_limit: Annotated[float | None, typer.Option(
        help="Seconds before the query is stopped (on the server too); more than 0.")] = None,
    row_cap: Annotated[int | None, typer.Option(help="The most rows to return; 1 or more.")] = None,
) -> None:
    """Run a read-only Cypher query; a write is refused and changes nothing."""
    settings = get_settings()
    params = _parse_params(param or [])
    seconds = settings.query_timeout if time_limit is None else time_limit
    rows = settings.query_row_cap if row_cap is None else row_cap
    check_limits(time_limit=seconds, row_cap=rows)  # before a server is started for nothing
    with _store() as store:
        result = run_read_only(store, query, params, time_limit=seconds, row_cap=rows,
                               byte_cap=settings.query_byte_cap,
                               concurrency=settings.query_concurrency)
    if as_json:
        for row in result.rows:
            typer.echo(json.dumps(row, ensure_ascii=False))
    else:
        table = Table(*result.columns)
        for row in result.rows:
            table.add_row(*(_cell(row[c]) for c in result.columns))
        out.print(table)
    if result.truncated_reason == "byte_cap":
        err.print(f"[yellow]stopped at the byte cap of {result.byte_cap} bytes[/]")
    elif result.truncated:
        err.print(f"[yellow]stopped at the row cap of {result.row_cap} rows[/]")


def _parse_params(pairs: list[str]) -> dict[str, Any]:
    params: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise QuotetrailError(f"--param {pair!r} is not k=v")
        try:
            params[key] = json.loads(value)
        except ValueError:
            params[key] = value
    return params


def _cell(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


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
    with _store() as store:
        result = _find_trace(store, text)
    path = render_statement(result, output or settings.home / "pages" / f"{result.id}.html")
    out.print(str(path.resolve()), markup=False)


# -- demo ------------------------------------------------------------------------------

@app.command()
def demo(quiet: QuietOption = False) -> None:
    """Load the example corpus, write the page of the most-quoted statement, suggest traces."""
    from quotetrail.demo import TRY_TRACES, load_example
    from quotetrail.viz.statement_page import render_statement

    settings = get_settings()
    with _store() as store:
        with _progress(quiet) as progress:
            summary = load_example(store, progress)
        _print_summary(summary)
        top = queries.list_statements(store)[0]
        page = render_statement(queries.trace(store, top.id),
                                settings.home / "pages" / f"{top.id}.html")
    out.print(f"\nThe most-quoted statement ({top.quote_count} quotes): “{top.text}”",
              markup=False)
    out.print(f"Its page: {page.resolve()}", markup=False)
    out.print("\nTry:")
    for fragment in TRY_TRACES:
        out.print(f"  .venv/bin/quotetrail trace \"{fragment}\"", markup=False)


# -- server ----------------------------------------------------------------------------

def _local_server(settings: Settings) -> LocalServer:
    if settings.neo4j_uri:
        raise QuotetrailError(f"NEO4J_URI is set ({settings.neo4j_uri}): quotetrail uses that "
                              "server, not the local one; unset it to manage the local server")
    return LocalServer(settings.home, settings.local_heap)


@server_app.command("start")
def server_start() -> None:
    """Start the local server (or report the one already running)."""
    server = _local_server(get_settings())
    info = server.ensure_running()
    out.print(f"local server running at {info.uri} (pid {info.pid}), data in {server.root}",
              markup=False)


@server_app.command("stop")
def server_stop() -> None:
    """Stop the local server."""
    info = _local_server(get_settings()).stop()
    out.print(f"stopped the local server (pid {info.pid})" if info else "no local server running")


@server_app.command("status")
def server_status(as_json: JsonOption = False) -> None:
    """Print the local server's URI, data folder, pid and uptime."""
    server = _local_server(get_settings())
    info = server.status()
    status = {"running": info is not None, "uri": info.uri if info else None,
              "data": str(server.root), "pid": info.pid if info else None,
              "uptime_seconds": round(info.uptime, 1) if info else None,
              "started_at": time.strftime("%Y-%m-%dT%H:%M:%S%z", time.localtime(info.started_at))
              if info else None}
    if as_json:
        typer.echo(json.dumps(status, indent=2))
    elif info:
        out.print(f"running\n  uri:    {info.uri}\n  data:   {server.root}\n  pid:    {info.pid}"
                  f"\n  uptime: {_duration(info.uptime)}", markup=False)
    else:
        out.print(f"not running\n  data:   {server.root}", markup=False)
    if not info:
        raise typer.Exit(3)


def _duration(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m{secs:02d}s" if hours else f"{minutes}m{secs:02d}s"


# -- serve -----------------------------------------------------------------------------

@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to bind (loopback unless told).")
                    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(
        min=1, help="Server processes (about one per core). Each has its own graph connection "
        "and trace cache: a load through one shows in the others' traces within "
        "QUOTETRAIL_API_CACHE_SECONDS.")] = 1,
) -> None:
    """Serve the pages and the JSON API (docs at /docs) with uvicorn."""
    import uvicorn

    # Start the local server and create the schema once, here, before the workers connect:
    # a clear error now rather than one per worker.
    Store.connect(get_settings()).close()
    where = "loopback only" if host in ("127.0.0.1", "localhost", "::1") else "NOT loopback"
    out.print(f"serving on http://{host}:{port}/ (bound to {host}: {where}); API docs at "
              f"http://{host}:{port}/docs; Ctrl-C stops", markup=False)
    # uvicorn's own fast parts (uvloop, httptools) are used when installed, as they are here
    uvicorn.run("quotetrail.api.app:create_app", factory=True, host=host, port=port,
                workers=workers, log_level="warning")
