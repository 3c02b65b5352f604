"""Misattribution: who made a statement, decided from its printings, not from any one of them.

Each print votes for the name it credits, weighted by the attribution's confidence; a
primary source (transcript, press release) outweighs any number of news prints, and a
journalist's correction outweighs everything. A print credited to another name is
`misattributed` only when the statement's speaker is clearly ahead (CLEAR_RATIO times the
votes of the next name, or a primary source the next name lacks); otherwise the statement
carries an attribution conflict (each name with its prints) and nobody is flagged.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from ..model import LinkQuote
from .provenance import PRIMARY_KINDS
from .units import credited

PRIMARY_WEIGHT = 100.0
CORRECTION_WEIGHT = 10_000.0
CLEAR_RATIO = 2.0
DEFAULT_CONFIDENCE = 1.0


@dataclass(frozen=True)
class SpeakerVote:
    """The decided speaker (None when no print credits anyone) and the evidence."""

    speaker: str | None
    clear: bool  # the speaker is clearly ahead of every other credited name
    counts: tuple[tuple[str, int], ...]  # credited names with their prints, strongest first

    @property
    def conflict(self) -> tuple[tuple[str, int], ...]:
        """The names and prints of an attribution conflict, () when there is none."""
        return () if self.clear or len(self.counts) < 2 else self.counts

    def inferred_from(self, q: LinkQuote) -> int | None:
        """For a print credited to nobody (or to an unnamed source): how many other prints
        name the speaker."""
        if credited(q) is not None or self.speaker is None:
            return None
        return dict(self.counts)[self.speaker]

    def misattributed(self, q: LinkQuote) -> bool:
        """True when `q` credits another name and the decided speaker is clearly ahead."""
        return self.clear and credited(q) not in (None, self.speaker)


def _weight(q: LinkQuote) -> float:
    if q.corrected:
        return CORRECTION_WEIGHT
    weight = q.confidence if q.confidence is not None else DEFAULT_CONFIDENCE
    return weight * PRIMARY_WEIGHT if q.article_kind in PRIMARY_KINDS else weight


def vote(quotes: Iterable[LinkQuote]) -> SpeakerVote:
    """The speaker of a statement printed by `quotes` (see the module docstring)."""
    weights: dict[str, float] = defaultdict(float)
    prints: Counter[str] = Counter()
    for q in quotes:
        name = credited(q)
        if name is not None:
            weights[name] += _weight(q)
            prints[name] += 1
    if not weights:
        return SpeakerVote(None, True, ())
    ranked = sorted(weights, key=lambda s: (-weights[s], -prints[s], s))
    top = weights[ranked[0]]
    second = weights[ranked[1]] if len(ranked) > 1 else 0.0
    # ahead by weight, and by more than one print's confidence (or by a primary source)
    clear = top >= CLEAR_RATIO * second and (
        second == 0 or prints[ranked[0]] > 1 or top >= PRIMARY_WEIGHT)
    return SpeakerVote(ranked[0], clear, tuple((s, prints[s]) for s in ranked))
