"""Record types of the graph: what linking produces and what a trace returns.

Linking records are frozen dataclasses (pure, cheap); the trace types are pydantic models
because the CLI's `--json` and the API serve exactly their JSON.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict

Mutation = Literal[
    "verbatim", "trivial", "truncated", "spliced", "reworded", "paraphrased", "misattributed"
]
MUTATIONS: tuple[str, ...] = (
    "verbatim", "trivial", "truncated", "spliced", "reworded", "paraphrased", "misattributed",
)
DiffOp = tuple[Literal["=", "-", "+"], str]  # kept / dropped / added words, in order


@dataclass(frozen=True)
class LinkQuote:
    """A quote as linking sees it: its words, speaker and when/where it appeared."""

    id: str
    text: str
    speaker: str | None
    article_id: str
    article_kind: str  # news | transcript | press_release
    published: str | None  # ISO-8601, None when unknown
    order: int  # load order, the tie-break for equal dates
    outlet: str | None = None  # the publishing outlet's name, for "credited outlet" evidence
    credits: tuple[str, ...] = ()  # outlets the article credits (loaders.credits), by name
    confidence: float | None = None  # of the attribution to `speaker` (None: unknown)
    corrected: bool = False  # `speaker` was set by a journalist's correction


@dataclass(frozen=True)
class StatementRecord:
    id: str
    text: str  # reference wording
    speaker: str | None
    reference_quote_id: str
    first_seen: str | None
    quote_count: int
    # names its prints credit, with their prints, when no name is clearly ahead (else ())
    conflict: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class VariantRecord:
    """A VARIANT_OF edge: how one quote differs from its statement's reference wording."""

    quote_id: str
    statement_id: str
    similarity: float  # 0..1
    mutation: str  # one of MUTATIONS
    diff: tuple[DiffOp, ...]
    inferred_from: int | None = None  # unattributed quote: prints naming the speaker
    corrected: bool = False  # the quote's speaker was set by a journalist's correction
    corrected_speaker: str | None = None  # ... to this speaker id (None: cleared)


@dataclass(frozen=True)
class DerivationRecord:
    """A DERIVED_FROM edge: the earlier occurrence a quote most likely came from."""

    quote_id: str
    source_quote_id: str
    evidence: str
    similarity: float
    confidence: float = 0.0  # 0..1, how much the evidence supports the edge


CorrectionKind = Literal["merge_speakers", "set_speaker"]


@dataclass(frozen=True)
class Correction:
    """A journalist's decision about who said what: stored as data, applied before linking.

    `merge_speakers`: speaker `subject` is speaker `value` (one person, two nodes);
    `set_speaker`: quote `subject` was said by speaker `value` (None: by nobody known)."""

    id: str
    kind: CorrectionKind
    subject: str
    value: str | None
    who: str
    at: str  # ISO-8601, UTC
    why: str


@dataclass(frozen=True)
class Linking:
    statements: tuple[StatementRecord, ...]
    variants: tuple[VariantRecord, ...]
    derivations: tuple[DerivationRecord, ...]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ArticleRef(_Model):
    id: str
    title: str | None
    source: str | None
    url: str | None
    outlet: str | None
    outlet_id: str | None
    published: str | None  # ISO-8601 in UTC, None when unknown
    kind: str


class TraceVariant(_Model):
    quote_id: str
    text: str
    kind: str  # direct | partial | indirect
    speaker: str | None
    mutation: str
    similarity: float
    diff: list[tuple[str, str]]
    article: ArticleRef
    derived_from: str | None = None  # quote id of the likely source occurrence
    evidence: str | None = None
    confidence: float | None = None  # of the DERIVED_FROM edge, 0..1
    speaker_inferred_from: int | None = None  # no speaker printed: other prints naming one
    speaker_corrected: str | None = None  # the speaker a journalist set (see `corrected`)
    corrected: bool = False  # the speaker shown is a human correction


class Trace(_Model):
    """One statement's spread: reference wording, speaker and every variant in time order."""

    id: str
    text: str
    speaker: str | None
    first_seen: str | None
    quote_count: int
    variants: list[TraceVariant]
    # names its prints credit, with their prints, when no name is clearly ahead
    conflict: list[tuple[str, int]] = []

    def speaker_of(self, v: TraceVariant) -> str:
        """Who a variant is shown as said by, and on what ground: the printed name, a
        journalist's correction, or the statement's speaker inferred from other prints."""
        if v.corrected:
            return f"{v.speaker_corrected or 'nobody known'} (corrected by a journalist)"
        if v.speaker is None and v.speaker_inferred_from and self.speaker:
            n = v.speaker_inferred_from
            return f"{self.speaker} (speaker inferred from {n} other printing{'s' * (n != 1)})"
        return v.speaker or "unknown"

    def conflict_label(self) -> str | None:
        """"A (2 prints), B (1 print)" when the prints disagree on the speaker, else None."""
        if not self.conflict:
            return None
        return ", ".join(f"{name} ({n} print{'s' * (n != 1)})" for name, n in self.conflict)
