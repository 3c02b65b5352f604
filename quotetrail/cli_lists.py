"""The listing commands (`statements`, `quotes`, `speakers`, `articles`, `outlets`), the
search that shows its doubt (`trace TEXT` candidates, `--pick`) and `--version`.

Each listing parses options, calls one paged function of `graph.store.browse` and prints its
`Page`: `--format json` is the API's JSON for the same list, byte for byte in content;
`--json` prints every matching row, all pages, one JSON object a line (what programs and the
accuracy scorers read: `quotetrail quotes --json --all`).
Registered on the typer app by `register(app)` (cli.py is long and edited by many).
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Callable
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any

import typer
from rich.table import Table

from quotetrail import __version__
from quotetrail.cli_common import err, out, store_session
from quotetrail.errors import NotFoundError
from quotetrail.graph.dates import day_start
from quotetrail.graph.model import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    DocumentKind,
    Mutation,
    Page,
    QuoteKind,
    StatementHit,
)
from quotetrail.graph.store import browse
from quotetrail.graph.store.driver import Store
from quotetrail.graph.store.search import search_page

GOOD_SCORE = 90  # of 100: below it, the best match is said to be doubtful
WEAK_SCORE = 50  # of 100: the closest statements shown when none matches well
CANDIDATES_SHOWN = 5  # the best match and the next ones, for `--pick`


class Format(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


LimitOption = Annotated[int, typer.Option("--limit", "-n", min=1, max=MAX_LIMIT,
                                          help=f"Rows per page (at most {MAX_LIMIT}).")]
OffsetOption = Annotated[int, typer.Option("--offset", min=0, help="Rows to skip.")]
FormatOption = Annotated[Format, typer.Option(
    "--format", "-f", help="table for people; json (the API's JSON of the page), jsonl (one "
    "row a line) or csv for programs.")]
JsonOption = Annotated[bool, typer.Option(
    "--json", help="Every matching row, all pages, one JSON object a line (for programs).")]
SpeakerOption = Annotated[str | None, typer.Option("--speaker", help="A speaker's id or name.")]
OutletOption = Annotated[str | None, typer.Option("--outlet", help="An outlet's id or name.")]
SinceOption = Annotated[datetime | None, typer.Option(
    "--since", formats=["%Y-%m-%d"], help="On or after this day (UTC), YYYY-MM-DD.")]
UntilOption = Annotated[datetime | None, typer.Option(
    "--until", formats=["%Y-%m-%d"], help="Before this day (UTC), YYYY-MM-DD.")]




def print_page(page: Page[Any], fmt: Format, columns: dict[str, Callable[[Any], object]],
               what: str) -> None:
    """A page in the asked format; for people, a table and where the page stands."""
    if fmt is Format.json:
        typer.echo(page.model_dump_json(indent=2))
    elif fmt is Format.jsonl:
        for item in page.items:
            typer.echo(item.model_dump_json())
    elif fmt is Format.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(list(columns))
        for item in page.items:
            writer.writerow([_text(get(item)) for get in columns.values()])
    else:
        table = Table(*columns)
        for item in page.items:
            table.add_row(*(_text(get(item)) for get in columns.values()))
        out.print(table)
        shown = (f"{page.offset + 1}-{page.offset + len(page.items)}" if page.items else "none")
        more = (f"; --offset {page.offset + page.limit} for the next"
                if page.offset + page.limit < page.total else "")
        err.print(f"{what} {shown} of {page.total}{more}", markup=False)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def show(fetch: Callable[[int, int], Page[Any]], *, limit: int, offset: int, fmt: Format,
         as_json: bool, columns: dict[str, Callable[[Any], object]], what: str) -> None:
    """One page in the asked format, or with --json every row from `offset` on."""
    if not as_json:
        print_page(fetch(limit, offset), fmt, columns, what)
        return
    while True:
        page = fetch(MAX_LIMIT, offset)
        for item in page.items:
            typer.echo(item.model_dump_json())
        offset += len(page.items)
        if not page.items or offset >= page.total:
            return


def statements(
    search: Annotated[str | None, typer.Option("--search", "-q",
                                               help="Words of the quote, best match first.")
                      ] = None,
    speaker: SpeakerOption = None, since: SinceOption = None, until: UntilOption = None,
    limit: LimitOption = DEFAULT_LIMIT, offset: OffsetOption = 0,
    fmt: FormatOption = Format.table, as_json: JsonOption = False,
) -> None:
    """List statements, most-spread first (or best match first with --search)."""
    with store_session() as store:
        show(lambda lim, off: browse.statement_page(
            store, q=search, speaker=speaker, since=day_start(since), until=day_start(until),
            limit=lim, offset=off), limit=limit, offset=offset, fmt=fmt, as_json=as_json,
            columns=STATEMENT_COLUMNS, what="statements")


STATEMENT_COLUMNS: dict[str, Callable[[Any], object]] = {
    "id": lambda s: s.id, "quotes": lambda s: s.quote_count, "score": lambda s: s.score,
    "speaker": lambda s: s.speaker, "text": lambda s: s.text}


def list_quotes(
    ctx: typer.Context,
    speaker: SpeakerOption = None, outlet: OutletOption = None,
    article: Annotated[str | None, typer.Option("--article", help="An article's id.")] = None,
    kind: Annotated[QuoteKind | None, typer.Option("--kind", help="The quote's kind.")] = None,
    mutation: Annotated[Mutation | None, typer.Option(
        "--mutation", help="How the quote differs from its statement.")] = None,
    since: SinceOption = None, until: UntilOption = None,
    limit: LimitOption = DEFAULT_LIMIT, offset: OffsetOption = 0,
    fmt: FormatOption = Format.table, as_json: JsonOption = False,
    show_all: Annotated[bool, typer.Option(
        "--all", help="Also list quoted words with no speaker (titles, scare quotes).")] = False,
) -> None:
    """List quotes with their article, offsets, speaker and statement, newest article first."""
    if ctx.invoked_subcommand:
        return
    with store_session() as store:
        show(lambda lim, off: browse.quote_page(
            store, speaker=speaker, outlet=outlet, article=article, kind=kind,
            mutation=mutation, since=day_start(since), until=day_start(until), limit=lim,
            offset=off, include_unattributed=show_all),
            limit=limit, offset=offset, fmt=fmt, as_json=as_json, what="quotes", columns={
                "id": lambda q: q.id, "source": lambda q: q.article.source,
                "published": lambda q: q.article.published,
                "outlet": lambda q: q.article.outlet, "offsets": lambda q: f"{q.start}-{q.end}",
                "kind": lambda q: q.kind, "speaker": lambda q: q.speaker,
                "statement": lambda q: q.statement, "mutation": lambda q: q.mutation,
                "text": lambda q: q.text})


def list_speakers(ctx: typer.Context, limit: LimitOption = DEFAULT_LIMIT,
                  offset: OffsetOption = 0, fmt: FormatOption = Format.table,
                  as_json: JsonOption = False) -> None:
    """List speakers, most-quoted first, with statement, quote and outlet counts."""
    if ctx.invoked_subcommand:
        return
    with store_session() as store:
        show(lambda lim, off: browse.speaker_page(store, limit=lim, offset=off),
             limit=limit, offset=offset, fmt=fmt, as_json=as_json, what="speakers", columns={
                 "id": lambda s: s.id, "name": lambda s: s.name, "role": lambda s: s.role,
                 "statements": lambda s: s.statements, "quotes": lambda s: s.quotes,
                 "outlets": lambda s: s.outlets})


def articles(
    outlet: OutletOption = None,
    kind: Annotated[DocumentKind | None, typer.Option("--kind", help="The document's kind.")
                    ] = None,
    since: SinceOption = None, until: UntilOption = None,
    limit: LimitOption = DEFAULT_LIMIT, offset: OffsetOption = 0,
    fmt: FormatOption = Format.table, as_json: JsonOption = False,
) -> None:
    """List articles, newest first, with outlet, date, kind and quote count."""
    with store_session() as store:
        show(lambda lim, off: browse.article_page(
            store, outlet=outlet, kind=kind, since=day_start(since), until=day_start(until),
            limit=lim, offset=off),
            limit=limit, offset=offset, fmt=fmt, as_json=as_json, what="articles", columns={
                "id": lambda a: a.id, "published": lambda a: a.published,
                "outlet": lambda a: a.outlet, "kind": lambda a: a.kind,
                "quotes": lambda a: a.quotes, "title": lambda a: a.title,
                "source": lambda a: a.url or a.source})


def outlets(limit: LimitOption = DEFAULT_LIMIT, offset: OffsetOption = 0,
            fmt: FormatOption = Format.table, as_json: JsonOption = False) -> None:
    """List outlets, most-quoting first, with article and quote counts."""
    with store_session() as store:
        show(lambda lim, off: browse.outlet_page(store, limit=lim, offset=off),
             limit=limit, offset=offset, fmt=fmt, as_json=as_json, what="outlets", columns={
                 "id": lambda o: o.id, "name": lambda o: o.name, "domain": lambda o: o.domain,
                 "articles": lambda o: o.articles, "quotes": lambda o: o.quotes})


# -- search that shows its doubt ---------------------------------------------------------

def pick_statement(store: Store, text: str, pick: int = 1, *, quiet: bool = False) -> str:
    """The id of the `pick`-th best statement for `text`; the others are listed on stderr
    (unless `quiet`) so a person sees how sure the match is and can `--pick` another."""
    hits = search_page(store, text, limit=CANDIDATES_SHOWN).items
    if not hits:
        near = search_page(store, text, limit=CANDIDATES_SHOWN, min_score=WEAK_SCORE).items
        closest = "".join(f"\n  {h.score:5.1f}  {h.id}  {_short(h.text)}" for h in near)
        raise NotFoundError(f"no statement matches {text!r} well; try other words, or load "
                            "more documents" + (f". The closest:{closest}" if near else ""))
    if not 1 <= pick <= len(hits):
        raise NotFoundError(f"--pick {pick}: there are {len(hits)} candidate(s) for {text!r}")
    if not quiet:
        _print_candidates(hits, pick)
    return hits[pick - 1].id


def _print_candidates(hits: list[StatementHit], pick: int) -> None:
    chosen = hits[pick - 1]
    err.print(f"match {pick} of {len(hits)} (score {chosen.score:.0f}/100): {chosen.id}",
              markup=False)
    if hits[0].score < GOOD_SCORE:
        err.print(f"no statement matches well (the best scores {hits[0].score:.0f}/100): "
                  "check the words, or this quote may not be loaded", markup=False)
    for n, h in enumerate(hits, 1):
        if n != pick:
            err.print(f"  --pick {n}: {h.score:5.1f}  {h.speaker or 'unattributed'}: "
                      f"{_short(h.text)}", markup=False)


def _short(text: str, width: int = 90) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


def print_version(value: bool) -> None:
    """`--version`: print it and stop (an eager option's callback)."""
    if value:
        typer.echo(f"quotetrail {__version__}")
        raise typer.Exit()


def register(app: typer.Typer, *, speakers: typer.Typer, quotes: typer.Typer) -> None:
    """Add the listing commands to the `quotetrail` app; `speakers` and `quotes` list when
    called alone and hold the corrections' subcommands."""
    for command in (statements, articles, outlets):
        app.command()(command)
    for name, group, listing in (("speakers", speakers, list_speakers),
                                 ("quotes", quotes, list_quotes)):
        group.callback(invoke_without_command=True)(listing)
        app.add_typer(group, name=name)

