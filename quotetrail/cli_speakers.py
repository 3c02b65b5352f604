"""`quotetrail speakers merge` and `quotetrail quotes set-speaker`: a journalist's
corrections of who said what (stored as data, applied before linking, kept through relinks
and re-loads). Called alone, `speakers` and `quotes` list (quotetrail/cli_lists.py)."""

from __future__ import annotations

import getpass
from typing import Annotated

import typer

from quotetrail.graph.model import Correction
from quotetrail.graph.store import corrections
from quotetrail.graph.store.driver import Store
from quotetrail.settings import get_settings

speakers_app = typer.Typer(help="List speakers; `speakers merge A B`: two are one person.")
quotes_app = typer.Typer(help="List quotes; `quotes set-speaker QUOTE NAME`: who said it.")

WhoOption = Annotated[str | None, typer.Option(
    "--who", help="Who decides (default: the login name).")]
WhyOption = Annotated[str, typer.Option("--why", help="Why: shown with the correction.")]


def _print(c: Correction) -> None:
    typer.echo(f"{c.id}: {c.kind} {c.subject} -> {c.value or '(nobody known)'} "
               f"by {c.who} at {c.at[:19]}: {c.why}")


@speakers_app.command("merge")
def merge(
    merged: Annotated[str, typer.Argument(help="The speaker (id or name) to fold in.")],
    into: Annotated[str, typer.Argument(help="The speaker (id or name) it is.")],
    who: WhoOption = None, why: WhyOption = "",
) -> None:
    """Record that two speakers are one person, then relink."""
    with Store.connect(get_settings()) as store:
        _print(corrections.merge_speakers(store, merged, into, who or getpass.getuser(), why))


@quotes_app.command("set-speaker")
def set_speaker(
    quote: Annotated[str, typer.Argument(help="The quote's id (`quotetrail quotes --json`).")],
    speaker: Annotated[str | None, typer.Argument(
        help="The speaker (id or name) who said it; leave out with --clear.")] = None,
    clear: Annotated[bool, typer.Option("--clear", help="Nobody known said it.")] = False,
    who: WhoOption = None, why: WhyOption = "",
) -> None:
    """Set (or clear) one quote's speaker, then relink."""
    if (speaker is None) != clear:
        raise typer.BadParameter("give a SPEAKER, or --clear (not both)")
    with Store.connect(get_settings()) as store:
        _print(corrections.set_speaker(store, quote, speaker, who or getpass.getuser(), why))
