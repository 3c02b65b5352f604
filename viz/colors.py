"""Colours and short explanations of mutation kinds, shared by every page.

The palette is Okabe-Ito (distinguishable with the common colour-vision deficiencies); the
legend always pairs a colour with its name, so colour never carries meaning alone.
"""

from __future__ import annotations

from quotetrail.graph.model import Mutation

MUTATION_COLORS: dict[Mutation, str] = {
    "verbatim": "#009E73",
    "trivial": "#56B4E9",
    "truncated": "#E69F00",
    "spliced": "#CC79A7",
    "reworded": "#F0E442",
    "paraphrased": "#0072B2",
    "misattributed": "#D55E00",
}
UNKNOWN_COLOR = "#999999"
STATEMENT_COLOR = "#2F3640"

MUTATION_MEANINGS: dict[Mutation, str] = {
    "verbatim": "same words as the reference",
    "trivial": "case, punctuation or spelling only",
    "truncated": "a contiguous part of the reference",
    "spliced": "parts joined that were apart",
    "reworded": "some words replaced, added or dropped",
    "paraphrased": "same meaning, mostly other words",
    "misattributed": "same words, credited to another speaker",
}

def mutation_color(mutation: str) -> str:
    """The node colour of a mutation kind (grey for a kind this page does not know)."""
    return MUTATION_COLORS.get(mutation, UNKNOWN_COLOR)  # type: ignore[call-overload]
