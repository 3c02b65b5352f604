"""Statements the generated news quotes: the seed corpus's real ones, then made-up ones.

Real: every sentence Jens Stoltenberg speaks in the seed transcript, and the seed articles'
direct quotes (split into sentences). Made up: sentences from a word-bigram chain trained on
the same real speech (never the writers' sentences, which hold
attribution cues), given to fictional speakers (and to Stoltenberg once his real ones run
out), so that a 100k-article corpus has tens of thousands of distinct statements.

Near-duplicates are dropped (two families whose words nearly match would be one statement
to any reader, so a linker joining them is not an error the benchmark should count).
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz.distance import Indel

from quotetrail.graph.link.mutation import canonical_words
from quotetrail.loaders.extract.document import extract
from quotetrail.loaders.read.inputs import read_inputs
from quotetrail.loaders.records import Document

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "nato-2022"
TRANSCRIPT_FILE = "003_8b20a37537ac4c18.txt"
REAL_SPEAKER = "Jens Stoltenberg"
MIN_WORDS, MAX_WORDS = 8, 40
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"])")
_WORD = re.compile(r"[A-Za-z][\w’'-]*[.,;:!?]?|\d[\d,.]*[.,;:!?]?")


@dataclass(frozen=True)
class SeedCorpus:
    transcript: Document  # the real primary source, loaded as is
    transcript_sentences: tuple[str, ...]  # its main speaker's sentences, as extracted
    real: dict[str, list[str]]  # speaker -> distinct real statements (not near-duplicates)
    chain: dict[str, list[str]]  # word -> following words (bigram chain)
    starts: tuple[str, ...]  # sentence-initial words


def load_seed(seed_dir: Path = SEED) -> SeedCorpus:
    docs = sorted((d for d in read_inputs([str(seed_dir)]) if isinstance(d, Document)),
                  key=lambda d: d.source)
    transcript = next(d for d in docs if d.source.endswith(TRANSCRIPT_FILE))
    sentences = tuple(q.text for q in extract(transcript).quotes if q.speaker == REAL_SPEAKER)
    real: dict[str, list[str]] = defaultdict(list)
    kept: dict[str, list[tuple[str, ...]]] = defaultdict(list)

    def keep(speaker: str, text: str) -> None:
        text = text if "\n" not in text else " ".join(text.split())
        words = canonical_words(text)
        if not MIN_WORDS <= len(words) <= MAX_WORDS or '"' in text or "“" in text:
            return
        if any(Indel.normalized_similarity(words, w) >= 0.5 for w in kept[speaker]):
            return
        kept[speaker].append(words)
        real[speaker].append(text if text[-1] in ".!?" else text + ".")

    for s in sentences:
        keep(REAL_SPEAKER, s)
    names = {"Stoltenberg": REAL_SPEAKER}
    for d in docs:
        if d.kind != "news":
            continue
        for q in extract(d).quotes:
            if q.kind == "direct" and q.speaker and " " in names.get(q.speaker, q.speaker):
                for part in _SENTENCE.split(q.text):
                    keep(names.get(q.speaker, q.speaker), part)
    chain: dict[str, list[str]] = defaultdict(list)
    starts: list[str] = []
    speech = [q.text for d in docs if d.kind == "news" for q in extract(d).quotes
              if q.kind == "direct"]
    for text in [*sentences, *(t for s in speech for t in _SENTENCE.split(s))]:
        words = _WORD.findall(text.replace("“", "").replace("”", "").replace('"', ""))
        if len(words) < 4:
            continue
        starts.append(words[0])
        for a, b in zip(words, words[1:], strict=False):
            if not a.endswith((".", "!", "?")):
                chain[a].append(b)
    return SeedCorpus(transcript, sentences, dict(real), dict(chain), tuple(starts))


class MadeUp:
    """Sentences from the bigram chain: new to every speaker's earlier statements."""

    def __init__(self, seed: SeedCorpus, rng: random.Random) -> None:
        self.seed, self.rng = seed, rng
        self.grams: dict[str, set[tuple[str, ...]]] = defaultdict(set)  # speaker -> 5-grams

    def sentence(self, speaker: str) -> str:
        for _ in range(200):
            text = self._draw()
            words = canonical_words(text)
            grams = {words[i:i + 5] for i in range(len(words) - 4)}
            if len(grams & self.grams[speaker]) <= 1:
                self.grams[speaker] |= grams
                return text
        raise RuntimeError("the bigram chain keeps repeating itself; grow the seed text")

    def note(self, speaker: str, text: str) -> None:
        """A real statement: made-up ones must not copy long runs of it."""
        words = canonical_words(text)
        self.grams[speaker] |= {words[i:i + 5] for i in range(len(words) - 4)}

    def _draw(self) -> str:
        rng, chain = self.rng, self.seed.chain
        while True:
            words = [rng.choice(self.seed.starts)]
            target = rng.randint(10, 24)
            while len(words) < 30 and not words[-1].endswith((".", "!", "?")):
                nxt = chain.get(words[-1])
                if not nxt:
                    break
                words.append(rng.choice(nxt))
            if not MIN_WORDS <= len(words) <= 30:
                continue
            if not words[-1].endswith((".", "!", "?")):
                if len(words) < target:
                    continue
                words[-1] = words[-1].rstrip(",;:") + "."
            text = " ".join(words)
            return text[0].upper() + text[1:]
