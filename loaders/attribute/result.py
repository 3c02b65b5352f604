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


NONE = Attribution(None, None, None, "none", 0.1)
