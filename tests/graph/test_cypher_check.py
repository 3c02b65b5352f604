"""The app's Cypher check tokenises as the servers do (pure: no database)."""

from __future__ import annotations

import pytest

from quotetrail.graph.store.cypher_check import refusal, tokens


@pytest.mark.parametrize("end", ["\n", "\r", "\r\n", "\u2028", "\u2029"])
def test_every_line_terminator_ends_a_comment(end: str) -> None:
    assert refusal(f"MATCH (n) // c{end}SET n.x = 1") == "SET would change the graph or the server"
    assert refusal(f"MATCH (n) // SET{end}RETURN n") is None


@pytest.mark.parametrize("query", [
    "RETURN 'a\\'b SET' AS s", 'RETURN "a\\"b CREATE" AS s', "RETURN 1 AS `we``ird SET`",
    "/* SET \n DELETE */ RETURN 1", "MATCH (n:Set) WHERE n.delete = $merge RETURN n.set",
    "MATCH p = (start)-[*1..2]->(stop) RETURN p", "CALL { MATCH (n) RETURN n } RETURN n",
    "CALL db.labels", "CALL db.relationshipTypes() YIELD relationshipType RETURN *",
    "RETURN duration.between(date('2020-01-01'), date()) AS d",
])
def test_reads_pass(query: str) -> None:
    assert refusal(query) is None


@pytest.mark.parametrize(("query", "why"), [
    ("RETURN 'x\\\\' // \nCREATE ()", "CREATE"),  # the escaped backslash ends the string
    ("RETURN `a``b` SET", "SET"),
    ("CALL { CREATE (:X) } RETURN 1", "CREATE"),
    ("CALL apoc.do.when(true, 'SET', '', {})", "procedure apoc.do.when"),
    ("CALL /* c */ apoc /* d */ . create.node(['X'], {})", "procedure apoc.create.node"),
    ("CALL dbms.security.createUser('a', 'b', false)", "procedure dbms.security.createUser"),
    ("RETURN apoc.cypher.runFirstColumnSingle('CREATE (n)', {})", "function apoc.cypher"),
    ("TERMINATE TRANSACTIONS 'neo4j-transaction-1'", "TERMINATE"),
    ("STOP DATABASE neo4j", "STOP"), ("insert (:X)", "INSERT"),
    ("RETURN 'unterminated SET", "SET"),  # an open string hides nothing from the check
    ("/* open comment SET", "SET"),
])
def test_refusals_name_the_cause(query: str, why: str) -> None:
    reason = refusal(query)
    assert reason is not None and why in reason


def test_tokens_drop_comments_and_keep_strings_whole() -> None:
    texts = [t.text for t in tokens("MATCH (n) // x\r\nRETURN 'a // b' /* c */ AS `d`")]
    assert texts == ["MATCH", "(", "n", ")", "RETURN", "'a // b'", "AS", "`d`"]
