"""Every data shape of the graph: the kinds, what linking produces, what reads return.

Linking records are frozen dataclasses (pure, cheap); read models are pydantic models
because the CLI's `--json`, the API and the pages serve exactly their JSON.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, Literal, TypeVar, get_args

from pydantic import BaseModel, ConfigDict

# the kinds of documents and quotes are the loaders' (they make them); re-exported here
from quotetrail.loaders.attribute.result import WITHHELD as WITHHELD
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


def withheld_reason(mention: str | None) -> str:
    """Why a quote has no speaker when doubt.py withheld it: pages and the CLI say so, since
    "unknown" would hide that the article does name someone, only ambiguously."""
    return (f"withheld: “{mention}” could be more than one person here" if mention
            else "withheld: the article's words could point to more than one person")


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
    confidence: float | None = None  # of the attribution to `speaker` (None: unknown)
    corrected: bool = False  # `speaker` was set by a journalist's correction
    # the article's text around the quote (graph/link/context.py): provenance's evidence
    context: str = ""


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
    outlet_count: int = 0  # outlets that printed it (a speaker's statements show it)


@dataclass(frozen=True)
class VariantRecord:
    """A VARIANT_OF edge: how one quote differs from its statement's reference wording."""

    quote_id: str
    statement_id: str
    similarity: float  # 0..1
    mutation: Mutation
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
    confidence: float | None = None  # of the DERIVED_FROM edge, 0..1
    speaker_inferred_from: int | None = None  # no speaker printed: other prints naming one
    speaker_corrected: str | None = None  # the speaker a journalist set (see `corrected`)
    corrected: bool = False  # the speaker shown is a human correction
    # no speaker because the article's mention (a pronoun) could be more than one person
    speaker_withheld: bool = False
    speaker_mention: str | None = None  # how the article names the speaker: "he", "Mr Ellis"


class Trace(Model):
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
        if v.speaker_inferred_from and self.speaker:
            n = v.speaker_inferred_from
            printed = (f"; printed as {v.speaker}" if v.speaker  # "a senior official"
                       else f"; {withheld_reason(v.speaker_mention)}" if v.speaker_withheld
                       else "")
            return (f"{self.speaker} (speaker inferred from {n} other "
                    f"printing{'s' * (n != 1)}{printed})")
        if not v.speaker and v.speaker_withheld:
            return withheld_reason(v.speaker_mention)
        return v.speaker or "unknown"

    def conflict_label(self) -> str | None:
        """"A (2 prints), B (1 print)" when the prints disagree on the speaker, else None."""
        if not self.conflict:
            return None
        return ", ".join(f"{name} ({n} print{'s' * (n != 1)})" for name, n in self.conflict)


class StatementHit(Model):
    id: str
    text: str
    speaker: str | None
    quote_count: int
    score: float  # 0..100, how well the asked fragment matches the statement or a variant
    speaker_id: str | None = None  # the speaker's page


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
    # how the speaker was attributed (ATTRIBUTED_TO.method), or `withheld`: the article's
    # mention (a pronoun) could be more than one person, so no speaker was given
    method: str | None = None
    confidence: float | None = None
    mention: str | None = None  # how the article names the speaker: "Mr Ellis", "he"
    speaker: str | None
    speaker_id: str | None
    statements: list[QuoteStatement]
    at_offsets: bool  # whether text[start:end] of the stored article is this quote's text


class ArticleDetail(ArticleFields):
    """An article with its stored text (quote offsets refer to it) and every quote in it."""

    published_note: str | None
    text: str
    quotes: list[ArticleQuote]  # in text order, one page of them (limit/offset)
    quotes_total: int  # every quote of the article


class SpeakerStatement(Model):
    id: str
    text: str
    first_seen: str | None
    quote_count: int
    outlets: int  # distinct outlets that printed a variant
    mutations: dict[Mutation, int]  # mutation kind -> variants
    faithful: int  # variants that are verbatim or trivial


class SpeakerQuote(Model):
    """One printing attributed to a speaker: where, when, how it changed, how it was credited."""

    quote_id: str
    text: str
    kind: QuoteKind
    mention: str | None  # the name the article used for the speaker
    cue: str | None
    method: str | None  # how the attribution was made (ATTRIBUTED_TO.method)
    confidence: float | None
    article_id: str
    title: str | None
    url: str | None
    published: str | None  # ISO-8601 in UTC
    outlet: str | None
    statement_id: str | None
    statement_text: str | None
    mutation: Mutation | None


class SpeakerDetail(Model):
    """What one speaker said, statement by statement, earliest first."""

    id: str
    name: str
    role: str | None
    aliases: list[str]
    statements: list[SpeakerStatement]  # one page of them (limit/offset)
    statements_total: int  # every statement the speaker made
    quotes_total: int = 0  # every printing credited to the speaker (the page shows 100 at a time)


class SpeakerPrintings(Model):
    """A window of a speaker's printings, the newest before a date: what their page shows
    (the time line and the sortable table), with the statements those printings belong to."""

    quotes: list[SpeakerQuote]  # in time order
    before: str | None  # the window holds printings dated before this; None: the latest
    older: str | None  # `before` of the next, older window; None when none is left
    statements: list[SpeakerStatement]  # of these printings, earliest first


ItemT = TypeVar("ItemT")
DEFAULT_LIMIT = 50  # a page of every list, unless asked otherwise
MAX_LIMIT = 1000  # the largest page any list serves: bodies stay bounded


class Page(Model, Generic[ItemT]):
    """One page of a list paged in the database: the total before paging and the items."""

    total: int  # matching rows before paging
    limit: int
    offset: int
    items: list[ItemT]


StatementPage = Page[StatementHit]
QuotePage = Page[QuoteRow]
SpeakerPage = Page[SpeakerRow]
ArticlePage = Page[ArticleRow]
OutletPage = Page[OutletRow]


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
