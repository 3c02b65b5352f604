"""One base class for every error a user can fix; the CLI and API translate only these.

This is a leaf module: every layer may import it (it imports nothing of ours).
"""

from __future__ import annotations


class QuotetrailError(Exception):
    """An error with a message that names the input and what is wrong."""

    status_code = 400

    def __init__(self, message: str, *, input: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.input = input

    def __str__(self) -> str:
        return f"{self.input}: {self.message}" if self.input else self.message


class InputError(QuotetrailError):
    """A document, path or manifest row that cannot be read as given."""


class NotFoundError(QuotetrailError):
    """The statement, article, speaker... asked for is not in the graph."""

    status_code = 404


class QueryError(QuotetrailError):
    """User Cypher that was refused (a write) or failed (syntax, time limit)."""


class CypherSyntaxQueryError(QueryError):
    """User Cypher that is not valid Cypher (the CLI exits with its own code for it)."""


class BusyError(QuotetrailError):
    """Too many user queries at once: the caller may try again in a moment (HTTP 429)."""

    status_code = 429
    retry_after = 2


class StoreError(QuotetrailError):
    """The graph server cannot be reached or started."""

    status_code = 503
