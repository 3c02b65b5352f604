"""Every data shape of the graph: the kinds, what linking produces, what reads return.

Linking records are frozen dataclasses (pure, cheap); read models are pydantic models
because the CLI's `--json`, the API and the pages serve exactly their JSON.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict

# the kinds of documents and quotes are the loaders' (they make them); re-exported here
from quotetrail.loaders.records import DocumentKind as DocumentKind
from quotetrail.loaders.records import QuoteKind as QuoteKind

Mutation = Literal[
    "verbatim", "trivial", "truncated", "spliced", "reworded", "paraphrased", "misattributed"
]
MUTATIONS: tuple[Mutation, ...] = get_args(Mutation)
QUOTE_KINDS: tuple[QuoteKind, ...] = get_args(QuoteKind)
DOCUMENT_KINDS: tuple[DocumentKind, ...] = get_args(DocumentKind)
FAITHFUL: tuple[Mutation, ...] = ("verbatim", "trivial")  # mutations that keep the words
DiffOp = tuple[Literal["=", "-", "+"], str]  # kept / dropped / added words, in order


@dataclass(frozen=True)
class LinkQuote:
    """A quote as linking sees it: its words, speaker and when/where it appeared."""

    id: str
    text: str
    speaker: str | None
    article_id: str
    article_kind: DocumentKind
    published: str | None  # ISO-8601, None when unknown
    order: int  # load order, the tie-break for equal dates
    outlet: str | None = None  # the publishing outlet's name, for "credited outlet" evidence
    credits: tuple[str, ...] = ()  # outlets the article credits (loaders.credits), by name


@dataclass(frozen=True)
class StatementRecord:
    id: str
    text: str  # reference wording
    speaker: str | None
    reference_quote_id: str
    first_seen: str | None
    quote_count: int


@dataclass(frozen=True)
class VariantRecord:
    """A VARIANT_OF edge: how one quote differs from its statement's reference wording."""

    quote_id: str
    statement_id: str
    similarity: float  # 0..1
    mutation: Mutation
    diff: tuple[DiffOp, ...]


@dataclass(frozen=True)
class DerivationRecord:
    """A DERIVED_FROM edge: the earlier occurrence a quote most likely came from."""

    quote_id: str
    source_quote_id: str
    evidence: str
    similarity: float


@dataclass(frozen=True)
class Linking:
    statements: tuple[StatementRecord, ...]
    variants: tuple[VariantRecord, ...]
    derivations: tuple[DerivationRecord, ...]


class Model(BaseModel):
    """The one base of every read model: unknown fields are an error, never silently kept."""

    model_config = ConfigDict(extra="forbid")


class ArticleRef(Model):
    id: str
    title: str | None
    source: str | None
    url: str | None
    outlet: str | None
    outlet_id: str | None
    published: str | None  # ISO-8601 in UTC, None when unknown
    kind: DocumentKind


class TraceVariant(Model):
    quote_id: str
    text: str
    kind: QuoteKind
    speaker: str | None
    mutation: Mutation
    similarity: float
    diff: list[tuple[str, str]]
    article: ArticleRef
    derived_from: str | None = None  # quote id of the likely source occurrence
    evidence: str | None = None


class Trace(Model):
    """One statement's spread: reference wording, speaker and every variant in time order."""

    id: str
    text: str
    speaker: str | None
    first_seen: str | None
    quote_count: int
    variants: list[TraceVariant]


class StatementHit(Model):
    id: str
    text: str
    speaker: str | None
    quote_count: int
    score: float  # 0..100, how well the asked fragment matches the statement or a variant


class QuoteArticle(Model):
    id: str
    source: str | None
    title: str | None
    outlet: str | None
    url: str | None
    published: str | None


class QuoteRow(Model):
    id: str
    article: QuoteArticle
    start: int
    end: int
    text: str
    kind: QuoteKind
    speaker: str | None
    cue: str | None
    confidence: float | None
    statement: str | list[str] | None  # a list for a quote that joins several statements
    mutation: Mutation | list[Mutation] | None


class Counts(Model):
    articles: int
    quotes: int
    speakers: int
    statements: int
    outlets: int


class SpeakerRow(Model):
    id: str
    name: str
    role: str | None
    aliases: list[str]
    statements: int  # statements the speaker made
    quotes: int  # quotes attributed to the speaker
    outlets: int  # outlets that printed those quotes


class ArticleFields(Model):
    id: str
    title: str | None
    url: str | None
    source: str | None
    kind: DocumentKind
    language: str | None
    published: str | None  # ISO-8601 in UTC
    outlet: str | None
    outlet_id: str | None


class ArticleRow(ArticleFields):
    quotes: int


class OutletRow(Model):
    id: str
    name: str | None
    domain: str | None
    articles: int
    quotes: int


class QuoteStatement(Model):
    """A statement one quote is a variant of, and how it differs from it."""

    id: str
    text: str
    mutation: Mutation
    similarity: float | None


class ArticleQuote(Model):
    id: str
    text: str
    kind: QuoteKind
    start: int  # offsets into the article's stored text
    end: int
    cue: str | None
    speaker: str | None
    speaker_id: str | None
    statements: list[QuoteStatement]
    at_offsets: bool  # whether text[start:end] of the stored article is this quote's text


class ArticleDetail(ArticleFields):
    """An article with its stored text (quote offsets refer to it) and every quote in it."""

    published_note: str | None
    text: str
    quotes: list[ArticleQuote]  # in text order


class SpeakerStatement(Model):
    id: str
    text: str
    first_seen: str | None
    quote_count: int
    outlets: int  # distinct outlets that printed a variant
    mutations: dict[Mutation, int]  # mutation kind -> variants
    faithful: int  # variants that are verbatim or trivial


class SpeakerDetail(Model):
    """What one speaker said, statement by statement, earliest first."""

    id: str
    name: str
    role: str | None
    aliases: list[str]
    statements: list[SpeakerStatement]


class StatementPage(Model):
    total: int  # matching statements before paging
    limit: int
    offset: int
    items: list[StatementHit]


class QuotePage(Model):
    total: int
    limit: int
    offset: int
    items: list[QuoteRow]


class Failure(Model):
    input: str
    reason: str


class LoadSummary(Model):
    loaded: int  # documents written in this run
    skipped: list[Failure]  # inputs whose text was already loaded (reason names where)
    failed: list[Failure]
    seconds: dict[str, float]  # per stage of the load: read, extract, write, link
    articles: int  # totals in the graph after the load
    quotes: int
    speakers: int
    statements: int
    outlets: int


class CypherResult(Model):
    columns: list[str]
    rows: list[dict[str, Any]]
    truncated: bool  # True when the row cap or the byte cap cut the result
    truncated_reason: Literal["row_cap", "byte_cap"] | None = None
    row_cap: int
    byte_cap: int  # of the rows as JSON (UTF-8)
    time_limit: float
