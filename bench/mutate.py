"""The edits news makes to a statement's words, as pure functions of (text, rng).

Each returns the printed words; the caller records which kind it applied (the ground truth).
"""

from __future__ import annotations

import random
import re

SPELLING = {  # British <-> American, both ways
    "defence": "defense", "organisation": "organization", "centre": "center",
    "programme": "program", "recognise": "recognize", "prioritise": "prioritize",
    "favour": "favor", "neighbours": "neighbors", "labour": "labor", "realise": "realize",
    "stabilise": "stabilize", "criticised": "criticized", "modernise": "modernize",
}
SPELLING |= {v: k for k, v in SPELLING.items()}
SYNONYMS = {
    "big": "large", "large": "big", "important": "crucial", "crucial": "important",
    "very": "extremely", "serious": "grave", "clear": "plain", "ready": "prepared",
    "prepared": "ready", "continue": "keep", "help": "assist", "support": "backing",
    "strong": "firm", "see": "observe", "need": "require", "must": "should", "will": "shall",
    "threat": "danger", "risk": "danger", "security": "safety", "forces": "troops",
    "troops": "soldiers", "countries": "nations", "nations": "countries", "Allies": "allies",
    "also": "too", "now": "today", "today": "now", "new": "fresh", "close": "near",
    "increase": "rise", "decided": "agreed", "agreed": "decided", "work": "labour",
    "fundamental": "basic", "aggression": "hostility", "efforts": "attempts",
}
FILLERS = ("really", "now", "also", "indeed", "still", "simply")
_TOKEN = re.compile(r"\S+")
_WORD_CORE = re.compile(r"^([^\w]*)([\w’'-]+)([^\w]*)$")


def _words(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _swap_core(token: str, table: dict[str, str]) -> str | None:
    m = _WORD_CORE.match(token)
    if not m:
        return None
    core = m.group(2)
    new = table.get(core) or table.get(core.lower())
    if new is None:
        return None
    if core[0].isupper():
        new = new[0].upper() + new[1:]
    return m.group(1) + new + m.group(3)


def trivial(text: str, rng: random.Random) -> str:
    """Case, punctuation or spelling only: the same words to a reader."""
    words = _words(text)
    spellable = [i for i, w in enumerate(words) if _swap_core(w, SPELLING)]
    choice = rng.random()
    if spellable and choice < 0.4:
        i = rng.choice(spellable)
        words[i] = _swap_core(words[i], SPELLING) or words[i]
        return " ".join(words)
    if choice < 0.7:
        out = text.rstrip(".!?")  # the full stop dropped, as a quote inside a sentence
        if out != text:
            return out.replace(",", "", 1) if rng.random() < 0.5 else out
    if "’" in text:
        return text.replace("’", "'")
    return text[0].lower() + text[1:]  # the caller keeps it only if it changed


def truncate(text: str, rng: random.Random, min_words: int = 7) -> str:
    """A contiguous run of at least `min_words` words, shorter than the whole."""
    words = _words(text)
    size = rng.randint(min(min_words, len(words) - 1), len(words) - 1)
    start = rng.randint(0, len(words) - size)
    part = " ".join(words[start:start + size]).rstrip(",;:")
    return part[0].upper() + part[1:] if start == 0 or rng.random() < 0.5 else part


def fragment(text: str, rng: random.Random) -> str:
    """2-6 words the writer weaves into a sentence of their own."""
    words = [w.strip(".,;:!?“”\"") for w in _words(text)]
    size = rng.randint(3, min(6, len(words) - 1))
    start = rng.randint(0, len(words) - size)
    part = [w for w in words[start:start + size]]
    return " ".join(part).strip()


def splice_inside(text: str, rng: random.Random) -> str | None:
    """Two runs of one statement joined, the words between them dropped."""
    words = _words(text)
    if len(words) < 12:
        return None
    cut = rng.randint(4, len(words) - 6)
    gap = rng.randint(2, min(5, len(words) - cut - 4))
    return " ".join(words[:cut] + words[cut + gap:])


def splice_two(first: str, second: str, rng: random.Random) -> str:
    """The start of one statement joined to the end of another."""
    a, b = _words(first), _words(second)
    head = a[:max(4, len(a) * 2 // 3)]
    tail = b[len(b) // 3:]
    head[-1] = head[-1].rstrip(".!?,;:")
    return " ".join(head + (tail if tail[0][0].islower() else [tail[0].lower(), *tail[1:]]))


def reword(text: str, rng: random.Random) -> str:
    """One to three words replaced, dropped or added; the rest as said."""
    words = _words(text)
    for _ in range(rng.randint(1, min(3, max(1, len(words) // 6)))):
        swappable = [i for i, w in enumerate(words) if _swap_core(w, SYNONYMS)]
        if swappable and rng.random() < 0.7:
            i = rng.choice(swappable)
            words[i] = _swap_core(words[i], SYNONYMS) or words[i]
        elif rng.random() < 0.5 and len(words) > 8:
            del words[rng.randrange(1, len(words) - 1)]
        else:
            words.insert(rng.randrange(1, len(words)), rng.choice(FILLERS))
    return " ".join(words)


_INDIRECT = {"we": "they", "We": "They", "our": "their", "Our": "Their", "us": "them",
             "I": "he", "my": "his", "My": "His", "will": "would", "is": "was", "are": "were",
             "have": "had", "can": "could", "ours": "theirs", "we’re": "they were",
             "I’m": "he was", "we've": "they had", "don’t": "did not", "do": "did"}


def paraphrase(text: str, rng: random.Random) -> str:
    """Reported speech: pronouns and tenses shifted, some words swapped; no quote marks."""
    words = [_swap_core(w, _INDIRECT) or w for w in _words(text.rstrip(".!?"))]
    words = [(_swap_core(w, SYNONYMS) or w) if rng.random() < 0.5 else w for w in words]
    out = " ".join(words)
    return out[0].lower() + out[1:] if not out.startswith(("I ", "NATO")) else out
