"""One speaker's page: what they said, statement by statement over time, and how faithfully
outlets printed each."""

from __future__ import annotations

from typing import TYPE_CHECKING

from quotetrail.viz._site import legend, render

if TYPE_CHECKING:
    from quotetrail.graph.model import SpeakerDetail


def speaker_html(speaker: SpeakerDetail) -> str:
    """The page of one speaker (statements earliest first)."""
    total = sum(sum(st.mutations.values()) for st in speaker.statements)
    return render("speaker.html", speaker=speaker, legend=legend(), total_quotes=total)
