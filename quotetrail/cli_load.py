"""`quotetrail load` and `quotetrail demo`: the load path with a progress display."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from quotetrail.cli import JsonOption, QuietOption, app, err, out, store_session
from quotetrail.graph import model
from quotetrail.graph.store import browse, queries, tallies
from quotetrail.graph.store import relink as relinking
from quotetrail.loaders.read.files import ReadPolicy
from quotetrail.settings import get_settings

if TYPE_CHECKING:
    from quotetrail import pipeline as loading

# -- load ------------------------------------------------------------------------------

@app.command()
def load(
    paths: Annotated[list[str], typer.Argument(help="Text files or folders (a folder's "
                                                     "manifest.json supplies metadata).")],
    as_json: JsonOption = False,
    quiet: QuietOption = False,
    reload: Annotated[bool, typer.Option(
        "--reload", help="Load documents whose text is already in the graph again.")] = False,
    follow_links: Annotated[bool, typer.Option(
        "--follow-links", help="Read what a folder's links point to, even outside it.")
    ] = False,
    allow_private_urls: Annotated[bool, typer.Option(
        "--allow-private-urls", help="Fetch URLs on loopback, private or link-local "
        "addresses (internal services), from arguments and JSONL lines.")] = False,
) -> None:
    """Load documents into the graph, then link their quotes into statements."""
    # the pipeline is imported here, not at the top: extraction compiles its phrase patterns
    # on import (about 1 s), which `quotetrail quotes`, `trace` or `cypher` do not need
    from quotetrail import pipeline as loading

    policy = ReadPolicy(follow_links=follow_links, allow_private_urls=allow_private_urls)
    with store_session() as store, _progress(quiet) as progress:
        summary = loading.summarize(store, loading.load_paths(store, paths, progress,
                                                              reload=reload, policy=policy))
    if as_json:
        typer.echo(summary.model_dump_json(indent=2))
    else:
        _print_summary(summary)
    if summary.failed:
        raise typer.Exit(1)


@app.command()
def relink(quiet: QuietOption = False) -> None:
    """Relink the whole archive: the repair after an upgrade or a suspected stale statement
    (a load relinks only what its quotes can touch)."""
    with store_session() as store, _progress(quiet) as progress:
        linking = relinking.relink(store, stages=progress)
        tallies.refresh_all(store)  # the kept counts too, from every edge
        err.print(f"relinked {len(linking.variants)} quotes into "
                  f"{len(linking.statements)} statements")


@contextmanager
def _progress(quiet: bool) -> Iterator[loading.Progress]:
    """Each stage as a line on stderr: done/total, elapsed and the time left; a finished
    stage stays, with its time."""
    from quotetrail import pipeline as loading

    if quiet:
        yield loading.Progress()
        return
    bar = Progress(TextColumn("{task.description:<26}"), BarColumn(), MofNCompleteColumn(),
                   TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
                   console=err)
    task: list[TaskID] = []

    def stage(name: str, steps: int | None) -> None:
        if task:
            bar.stop_task(task[-1])
        task.append(bar.add_task(name, total=steps))

    with bar:
        yield loading.Progress(on_stage=stage, on_step=lambda: bar.advance(task[-1]))
        if task:
            bar.stop_task(task[-1])


def _print_summary(summary: model.LoadSummary) -> None:
    if summary.skipped:
        out.print(f"skipped {len(summary.skipped)} document(s) already in the graph "
                  "(--reload loads them again)")
    out.print(f"loaded {summary.loaded} document(s); the graph now holds "
              f"{summary.articles} articles, {summary.quotes} quotes, {summary.speakers} "
              f"speakers, {summary.statements} statements, {summary.outlets} outlets")
    if summary.seconds:
        stages = " · ".join(f"{name} {seconds:.1f} s" for name, seconds in summary.seconds.items())
        out.print(f"time: {stages} (total {sum(summary.seconds.values()):.1f} s)")
    if summary.failed:
        table = Table("input", "reason", title=f"{len(summary.failed)} input(s) failed",
                      title_style="bold red")
        for f in summary.failed:
            table.add_row(f.input, f.reason)
        err.print(table)


# -- demo ------------------------------------------------------------------------------

@app.command()
def demo(quiet: QuietOption = False) -> None:
    """Load the example corpus, write the page of the most-quoted statement, suggest traces."""
    from quotetrail.demo import TRY_TRACES, load_example
    from quotetrail.viz.statement_page import render_statement

    settings = get_settings()
    with store_session() as store:
        with _progress(quiet) as progress:
            summary = load_example(store, progress)
        _print_summary(summary)
        top = browse.statement_page(store, limit=1).items[0]
        page = render_statement(queries.trace(store, top.id),
                                settings.home / "pages" / f"{top.id}.html")
    out.print(f"\nThe most-quoted statement ({top.quote_count} quotes): “{top.text}”",
              markup=False)
    out.print(f"Its page: {page.resolve()}", markup=False)
    out.print("\nTry:")
    for fragment in TRY_TRACES:
        out.print(f"  .venv/bin/quotetrail trace \"{fragment}\"", markup=False)
