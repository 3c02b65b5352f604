"""The app's check of user Cypher: tokenised as the servers do, then writes and procedures.

A regex over the raw text missed a SET after a carriage return ended a `//` comment, and a
SET inside the string handed to `apoc.do.when`. So the query is cut into tokens the way the
Cypher lexer cuts it (comments end at every line terminator, strings with their escapes,
backtick names with doubled backticks), and then:

- a write or admin clause keyword among the tokens refuses the query;
- `CALL name.of.procedure` is allowed only for the read-only procedures in `PROCEDURES`
  (a procedure can write whatever its arguments say); `CALL { ... }` subqueries are checked
  like the rest of the query;
- a namespaced function is allowed only from the built-in namespaces (`apoc.*` functions can
  run Cypher too).

Where this lexer and a server's could disagree (an unterminated comment or string) the text
is left visible to the check: it sees more than the server would, never less.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Line terminators end a `//` comment: \n, \r (so \r\n), \u2028, \u2029 in Neo4j's lexer;
# also the other terminators Python knows, so the check never hides more than a server.
_LINE_END = "\n\r\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85"
_TOKEN = re.compile(rf"""
    (?P<space>\s+)
  | (?P<comment>//[^{_LINE_END}]*|/\*.*?\*/)
  | (?P<string>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")
  | (?P<name>`(?:[^`]|``)*`)
  | (?P<word>\w+)
  | (?P<other>.)
""", re.S | re.X)

WRITE_WORDS = frozenset({
    "CREATE", "MERGE", "SET", "DELETE", "REMOVE", "DROP", "FOREACH", "LOAD", "DETACH",
    "INSERT", "ALTER", "GRANT", "DENY", "REVOKE", "PERIODIC",
})
# Admin commands whose first word is a common variable name (`start`, `stop`): refused only
# when the second word follows (START DATABASE, TERMINATE TRANSACTIONS, ...).
ADMIN_WORDS = frozenset({"START", "STOP", "TERMINATE", "ENABLE", "RENAME", "DEALLOCATE",
                         "REALLOCATE"})
ADMIN_OBJECTS = frozenset({"DATABASE", "DATABASES", "SERVER", "SERVERS", "TRANSACTION",
                           "TRANSACTIONS", "ROLE", "USER", "ALIAS", "COMPOSITE"})
_NAME_BEFORE = frozenset({".", "$", ":"})  # `n.set`, `$set`, `:Set` name things
# Read-only procedures users may call (lower case); every other procedure is refused.
PROCEDURES = frozenset({
    "db.labels", "db.relationshiptypes", "db.propertykeys", "db.schema.visualization",
    "db.schema.nodetypeproperties", "db.schema.reltypeproperties", "db.indexes",
    "db.constraints", "db.info", "db.ping", "dbms.components",
    "db.index.fulltext.querynodes", "db.index.fulltext.queryrelationships",
})
# Namespaces of Cypher's own functions (date.truncate, duration.between, point.distance...).
FUNCTION_NAMESPACES = frozenset({
    "date", "datetime", "localdatetime", "localtime", "time", "duration", "point", "vector",
    "db",
})


@dataclass(frozen=True)
class Token:
    kind: str  # word, string, name, other
    text: str

    @property
    def ident(self) -> str | None:
        """The identifier this token names (a word or a `quoted` name), else None."""
        if self.kind == "word":
            return self.text
        if self.kind == "name":
            return self.text[1:-1].replace("``", "`")
        return None


def tokens(query: str) -> list[Token]:
    """The query's tokens without spaces and comments, as the Cypher lexer cuts them."""
    found = (Token(m.lastgroup or "other", m.group()) for m in _TOKEN.finditer(query))
    return [t for t in found if t.kind not in ("space", "comment")]


def refusal(query: str) -> str | None:
    """Why the query may not run as user Cypher (a sentence), or None when it may."""
    toks = tokens(query)
    for i, tok in enumerate(toks):
        if tok.kind != "word" and tok.kind != "name":
            continue
        before = toks[i - 1].text if i else ""
        word = tok.text.upper() if tok.kind == "word" and before not in _NAME_BEFORE else ""
        after = toks[i + 1] if i + 1 < len(toks) else Token("other", "")
        if word in WRITE_WORDS or (word in ADMIN_WORDS and after.text.upper() in ADMIN_OBJECTS):
            return f"{word} would change the graph or the server"
        if word == "CALL":
            name, _ = _dotted(toks, i + 1)
            if name and name.lower() not in PROCEDURES:
                return f"the procedure {name} is not on the read-only list"
        elif before not in (".", "CALL") and before.upper() != "CALL":
            name, end = _dotted(toks, i)
            called = end < len(toks) and toks[end].text == "("
            if called and "." in name and name.split(".")[0].lower() not in FUNCTION_NAMESPACES:
                return f"the function {name} is not one of Cypher's own"
    return None


def _dotted(toks: list[Token], start: int) -> tuple[str, int]:
    """The dotted name (`apoc.do.when`) starting at toks[start], and the index after it."""
    parts: list[str] = []
    i = start
    while i < len(toks) and toks[i].ident is not None:
        parts.append(toks[i].ident or "")
        if i + 1 < len(toks) and toks[i + 1].text == ".":
            i += 2
        else:
            i += 1
            break
    return ".".join(parts), i
