"""The `quotetrail` command: parse options, call one core function, format its result.

This module holds the app and what every command shares (consoles, options, the store);
the commands live in `cli_load`, `cli_trace` and `cli_server`, imported at the end so that
they register on `app`.
"""

from __future__ import annotations

import json
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from neo4j.exceptions import Neo4jError, ServiceUnavailable, SessionExpired
from rich.console import Console
from rich.table import Table

from quotetrail import cli_common, cli_lists
from quotetrail.cli_speakers import quotes_app, speakers_app
from quotetrail.errors import CypherSyntaxQueryError, QuotetrailError
from quotetrail.graph.model import Mutation
from quotetrail.graph.store.user_cypher import check_limits, run_read_only
from quotetrail.settings import ENV_FILE_VARIABLE, get_settings


class Color(StrEnum):
    """When to colour: the plain form must carry everything the colours carry."""

    auto = "auto"
    always = "always"
    never = "never"


# pretty_exceptions_show_locals=False: a traceback must never print settings or passwords
app = typer.Typer(help="Where did this quote come from, and how did it change on its way "
                       "through the news?", no_args_is_help=True, add_completion=False,
                  pretty_exceptions_show_locals=False)
server_app = typer.Typer(help="Manage the local graph server (used when NEO4J_URI is unset).",
                         no_args_is_help=True, pretty_exceptions_show_locals=False)
app.add_typer(server_app, name="server")
# statements, quotes, speakers, articles, outlets; --version; quotes and speakers are
# groups too, for the corrections (speakers merge, quotes set-speaker)
cli_lists.register(app, speakers=speakers_app, quotes=quotes_app)

out, err = cli_common.out, cli_common.err
store_session = cli_common.store_session

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
PickOption = Annotated[int, typer.Option("--pick", min=1, help="Take the N-th best matching "
                                         "statement (the others are listed on stderr).")]
SYNTAX_ERROR_EXIT = 4  # `cypher`: the query is not valid Cypher (1: refused or failed)
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")]
ColorOption = Annotated[Color, typer.Option(
    "--color", help="Colour the output: auto (when stdout is a terminal), always or never. "
    "Without colour, dropped words print as [-words-] and added ones as {+words+}.")]

MUTATION_STYLE: dict[Mutation, str] = {
    "verbatim": "green", "trivial": "cyan", "truncated": "yellow", "spliced": "magenta",
    "reworded": "bright_red", "paraphrased": "red", "misattributed": "bold red",
}


@app.callback()
def _options(
    version: Annotated[bool, typer.Option(
        "--version", callback=cli_lists.print_version, is_eager=True,
        help="Print the version and exit.")] = False,
    env_file: Annotated[Path | None, typer.Option(
        "--env-file", help="Read settings from this .env file (none is read unless named).",
        exists=True, dir_okay=False)] = None,
) -> None:
    """Where did this quote come from, and how did it change on its way through the news?"""
    if env_file is not None:
        os.environ[ENV_FILE_VARIABLE] = str(env_file.resolve())  # API workers read it too
        get_settings.cache_clear()
        err.print(f"read settings from {env_file.resolve()}", markup=False)
    elif Path(".env").is_file() and ENV_FILE_VARIABLE not in os.environ:
        err.print("note: ./.env is not read (pass --env-file .env to read it)", markup=False)


def main() -> None:
    """Console-script entry: every failure a user can meet is one line and exit 1, never a
    traceback: domain errors, a graph server that went away, a path that cannot be written."""
    try:
        app()
    except QuotetrailError as e:
        _fail(str(e))
    except (ServiceUnavailable, SessionExpired) as e:
        _fail(f"the graph server went away ({type(e).__name__}); check it with `quotetrail "
              "server status` and run the command again (a load resumes where it stopped)")
    except Neo4jError as e:
        _fail(f"the graph server refused the request: {e.message or e.code}")
    except OSError as e:
        where = f"{e.filename}: " if e.filename else ""
        _fail(f"{where}{e.strerror or e}")


def _fail(message: str) -> None:
    err.print(f"[red]error:[/] {message}", highlight=False)
    sys.exit(1)


def color_console(color: Color) -> Console | None:
    """The console for coloured output, or None when the output is to be plain text."""
    if color is Color.always:
        return Console(highlight=False, soft_wrap=True, emoji=False, force_terminal=True)
    if color is Color.auto and out.is_terminal and not out.no_color:
        return out
    return None


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
    """Run a read-only Cypher query; a write is refused and changes nothing. Exit 1 when
    refused or failed, 4 when the query is not valid Cypher."""
    settings = get_settings()
    params = _parse_params(param or [])
    seconds = settings.query_timeout if time_limit is None else time_limit
    cap = settings.query_row_cap if row_cap is None else row_cap
    check_limits(time_limit=seconds, row_cap=cap)  # before a server is started for nothing
    with store_session() as store:
        try:
            result = run_read_only(store, query, params, time_limit=seconds, row_cap=cap,
                                   byte_cap=settings.query_byte_cap,
                                   concurrency=settings.query_concurrency)
        except CypherSyntaxQueryError as e:
            err.print(f"[red]error:[/] {e}")
            raise typer.Exit(SYNTAX_ERROR_EXIT) from e
    if as_json:
        for row in result.rows:
            typer.echo(json.dumps(row, ensure_ascii=False))
    else:
        table = Table(*result.columns, show_header=True)
        for row in result.rows:
            table.add_row(*(_cell(row[c]) for c in result.columns))
        out.print(table)
    rows = len(result.rows)
    err.print(f"{rows} row{'' if rows == 1 else 's'}", markup=False)
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


# The commands in modules of their own register on `app` when imported (after `app` exists).
from quotetrail import cli_load, cli_server, cli_trace, cli_watch  # noqa: E402, F401, I001
