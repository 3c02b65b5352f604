"""The plain records loaders hand to the graph layer; they import nothing of ours."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Literal

DocumentKind = Literal["news", "transcript", "press_release"]
QuoteKind = Literal["direct", "partial", "indirect"]


@dataclass(frozen=True)
class Document:
    """One article or transcript as read; `text` is stored verbatim and offsets refer to it."""

    text: str
    source: str  # the path as given to `load`, or the URL
    title: str | None = None
    outlet: str | None = None  # outlet name
    outlet_domain: str | None = None
    published: str | None = None  # ISO-8601 date or datetime, as given
    published_note: str | None = None  # how the date was inferred, when it was
    url: str | None = None
    kind: DocumentKind = "news"
    language: str | None = None
    speaker: str | None = None  # default speaker of a transcript's turns

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class QuoteMention:
    """One occurrence of quoted words; always `document.text[start:end] == text`."""

    text: str
    start: int
    end: int
    kind: QuoteKind
    cue: str | None = None  # said, told, warned, ... (None when no cue was found)
    speaker_mention: str | None = None  # surface form: "Mr Stoltenberg", "he", turn label
    speaker: str | None = None  # canonical speaker name, None when unattributed
    confidence: float = 0.0  # of the attribution, 0..1
    method: str = "none"  # how the speaker was found: cue-after, cue-before, turn, ...


@dataclass(frozen=True)
class Speaker:
    """A canonical person or organisation, with the names a document used for them."""

    name: str
    aliases: tuple[str, ...] = ()
    role: str | None = None


@dataclass(frozen=True)
class Credit:
    """One credited outlet: its canonical name, domain when known, and where it was named."""

    outlet: str
    domain: str | None
    start: int
    end: int
    cue: str  # told | according to | reported by | reported | news agency | dateline | sign-off


@dataclass(frozen=True)
class ExtractedDocument:
    """A document with what extraction and attribution found in it."""

    document: Document
    quotes: tuple[QuoteMention, ...] = ()
    speakers: tuple[Speaker, ...] = field(default_factory=tuple)
    credits: tuple[Credit, ...] = ()  # the agencies and outlets it credits
