"""Request bodies and the response models the API adds to the core's own.

Responses reuse the core's models wherever one exists (`Trace`, `StatementHit`, `QuoteRow`,
`CypherResult`, the browse rows), so the API's JSON for a thing is the CLI's JSON for it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from quotetrail.graph.model import ArticleDetail, DocumentKind


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _storable(cls, data: Any) -> Any:
        """Valid JSON the graph server cannot take is refused here (422), not in the driver
        (500): lone surrogates (`"\\ud800"`), integers past 64 bits, very deep nesting."""
        reason = _unstorable(data)
        if reason:
            raise ValueError(reason)
        return data


_INT64 = range(-(2**63), 2**63)
_DEPTH = 64


def _unstorable(value: Any, depth: int = 0) -> str | None:
    if depth > _DEPTH:
        return f"nested deeper than {_DEPTH} levels"
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return "holds a lone surrogate escape (\\ud800 to \\udfff); send valid UTF-8"
    elif isinstance(value, int) and not isinstance(value, bool) and value not in _INT64:
        return f"holds an integer past 64 bits ({str(value)[:30]}); the graph cannot store it"
    elif isinstance(value, dict):
        return next(filter(None, (_unstorable(k, depth + 1) or _unstorable(v, depth + 1)
                                  for k, v in value.items())), None)
    elif isinstance(value, list):
        return next(filter(None, (_unstorable(v, depth + 1) for v in value)), None)
    return None


class CypherRequest(_Model):
    """A read-only Cypher query and its parameters."""

    query: str = Field(min_length=1, max_length=100_000,
                       examples=["MATCH (s:Statement) RETURN s.text AS text LIMIT 5"])
    params: dict[str, Any] = Field(default_factory=dict)


class DocumentIn(_Model):
    """One document to load: its text (or an HTML page) and what is known about it."""

    text: str | None = Field(default=None, description="Plain text, stored verbatim; quote "
                             "offsets refer to it. Give `text` or `html`, not both.")
    html: str | None = Field(default=None, description="An HTML page; its article text is "
                             "extracted (metadata given here wins over the page's).")
    source: str | None = Field(default=None, description="Where it came from (a path or URL); "
                               "defaults to `url`, else a name made from the text's hash.")
    title: str | None = None
    outlet: str | None = None
    outlet_domain: str | None = None
    published: str | None = Field(default=None, description="ISO-8601 date or datetime.",
                                  examples=["2022-02-16", "2022-02-17T15:23:00+01:00"])
    published_note: str | None = None
    url: str | None = None
    kind: DocumentKind = "news"
    language: str | None = None
    speaker: str | None = Field(default=None,
                                description="A transcript's main speaker (its default).")

    @field_validator("published")
    @classmethod
    def _iso_date(cls, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            datetime.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value!r} is not an ISO-8601 date or datetime, "
                             "e.g. 2022-02-16 or 2022-02-16T09:30:00+01:00") from None
        return value

    @model_validator(mode="after")
    def _one_body(self) -> DocumentIn:
        given = [name for name in ("text", "html") if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of `text` or `html`")
        if not (self.text or self.html or "").strip():
            raise ValueError(f"`{given[0]}` is empty")
        return self

    def metadata(self) -> dict[str, Any]:
        """The metadata fields that were given (None means: not given)."""
        return {k: v for k, v in self.model_dump(exclude={"text", "html", "source"}).items()
                if v is not None}


class DocumentCreated(_Model):
    """What one POST /api/documents wrote, and the graph's totals afterwards."""

    created: bool  # False when the same text was already loaded (ids come from content)
    article: ArticleDetail  # with the first 1,000 of its quotes (quotes_total: all of them)
    statements: list[str]  # ids of the statements any of the document's quotes is a variant of
    articles: int
    quotes: int
    speakers: int
    statement_count: int
    outlets: int
