"""Journalists' corrections applied to linking's input: pure, before any linking step.

A speaker merged into another is that other speaker wherever a quote names it (merges
chain: A into B, B into C makes A C); a quote whose speaker was set or cleared takes that
speaker, marked `corrected` (it then outweighs every other print in the statement's vote).
When one subject was corrected twice, the later decision stands.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..model import Correction, LinkQuote


def merged_speakers(corrections: Sequence[Correction]) -> dict[str, str]:
    """speaker id -> the speaker id it was merged into, chains followed (cycles cut)."""
    into: dict[str, str] = {}
    for c in sorted(corrections, key=lambda c: (c.at, c.id)):
        if c.kind == "merge_speakers" and c.value and c.value != c.subject:
            into[c.subject] = c.value
    resolved: dict[str, str] = {}
    for start in into:
        seen, at = {start}, into[start]
        while at in into and into[at] not in seen:
            seen.add(at)
            at = into[at]
        resolved[start] = at
    return resolved


def apply_corrections(quotes: Sequence[LinkQuote], corrections: Sequence[Correction]
                      ) -> list[LinkQuote]:
    """`quotes` with merged speakers renamed and set speakers applied."""
    if not corrections:
        return list(quotes)
    merged = merged_speakers(corrections)
    set_to: dict[str, str | None] = {}
    for c in sorted(corrections, key=lambda c: (c.at, c.id)):
        if c.kind == "set_speaker":
            set_to[c.subject] = c.value
    out = []
    for q in quotes:
        if q.id in set_to:
            speaker = set_to[q.id]
            q = replace(q, speaker=merged.get(speaker, speaker) if speaker else None,
                        corrected=True, confidence=1.0)
        elif q.speaker in merged:
            q = replace(q, speaker=merged[q.speaker])
        out.append(q)
    return out
