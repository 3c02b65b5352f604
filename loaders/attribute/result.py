"""What attribution decides for one quote (a leaf module every attribution step shares)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Attribution:
    """Who a quote is credited to, by which cue, how it was decided and how surely."""

    speaker: str | None
    mention: str | None
    cue: str | None
    method: str
    confidence: float
    at: int = -1  # where the speaker's mention stands in the text (-1: nowhere, or unknown)


NONE = Attribution(None, None, None, "none", 0.1)

# An unnamed source ("a former senior official", "one party activist"): credited by its
# description, as the article prints it, and never merged with another article's source of
# the same description (the writer scopes its Speaker to the article; linking lets a
# named speaker of the same words decide the statement's speaker).
DESCRIBED = "described"
DESCRIBED_METHODS = frozenset({DESCRIBED, f"indirect-{DESCRIBED}"})
WITHHELD = "withheld"  # a speaker found but not given: its evidence was split (doubt.py)
