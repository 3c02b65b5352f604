"""Word lists compiled to regex alternations that run fast.

A plain `said|says|added|...` alternation is tried word by word at every position of the
text; the same words as a prefix tree (`sa(?:id|ys)|add(?:ed|s)?...`) fail on the first
letter. Extraction runs such patterns over every article, so this is most of its speed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

Tree = dict[str, "Tree"]  # a prefix tree of letters; "" marks the end of a word


def alternation(words: Iterable[str], extra: Iterable[str] = ()) -> str:
    """A non-capturing regex matching any of `words` (literal), longest first at each letter;
    `extra` are regex pieces tried before them ("secretary[- ]general")."""
    tree: Tree = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    pieces = [*extra, _emit(tree)] if tree else list(extra)
    return "(?:" + "|".join(pieces) + ")"


def any_case(words: Iterable[str]) -> set[str]:
    """Each word as written, Capitalised and UPPER: `(?i:...)` alternations are very slow."""
    return {v for w in words for v in (w, w[:1].upper() + w[1:], w.upper())}


def _emit(node: Tree) -> str:
    ends = "" in node
    branches = [re.escape(ch) + _emit(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        return f"(?:{body})?" if len(branches) == 1 else body + "?"
    return body
