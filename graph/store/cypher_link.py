"""The Cypher of a small load's relink: finding what its new quotes can touch by index
(graph/store/relink_scope.py), and giving link keys to quotes written before they existed.

As in cypher.py: the common subset of Neo4j 5 and ArcadeDB, always run with parameters;
property names come from constants (graph/link/keys.py), never from input.
"""

from __future__ import annotations

from quotetrail.graph.link.keys import BANDS

LINK_KEYS = ("wording", *(f"lsh{j}" for j in range(BANDS)))


# The quotes sharing a link key with the given ones: one branch per key, each by its index.
# A row of $keys per probed quote: {wording, lsh0, ..., lsh20} (nulls match nothing).
LINKED_BY_KEYS = "\nUNION\n".join(f"""
UNWIND [k IN $keys WHERE k.{key} IS NOT NULL | k.{key}] AS v
MATCH (q:Quote {{{key}: v}})
RETURN q.id AS id""" for key in LINK_KEYS)

# The fragments printing one of these runs of words (a new quote may host them).
FRAGMENTS_BY_WORDING = """
UNWIND $wordings AS w
MATCH (q:Quote {wording: w})
RETURN q.id AS id, q.text AS text
"""

# The statements holding all of a short fragment's content words (the word index, graph/
# store/search.py): every quote the fragment can be printed inside is in one of them.
HOSTS_OF_FRAGMENTS = """
UNWIND $fragments AS words
MATCH (:Word {id: words[0]})-[:IN]->(st:Statement)
WHERE ALL(w IN words WHERE EXISTS { MATCH (:Word {id: w})-[:IN]->(st) })
RETURN DISTINCT st.id AS id
"""

# A speaker's statements sharing $least content words with a quote of theirs, with the words
# they share: the parts it may splice (graph/link/splices.py looks among the speaker's quotes).
PARTS_OF_SPLICES = """
UNWIND $rows AS row
MATCH (:Speaker {id: row.speaker})-[:MADE]->(st:Statement)
WHERE COUNT { MATCH (w:Word)-[:IN]->(st) WHERE w.id IN row.words } >= $least
RETURN row.key AS key, st.id AS id
"""

# The words of each {key, id: statement, words} that the statement prints.
SHARED_WORDS = """
UNWIND $pairs AS p
MATCH (st:Statement {id: p.id})
MATCH (st)<-[:IN]-(w:Word)
WHERE w.id IN p.words
RETURN p.key AS key, p.id AS id, collect(w.id) AS shared
"""

# ... and the other way round: a speaker's statements sharing $least content words with a new
# quote of theirs that print a splice, which the new quote's statement may now be a part of.
SPLICES_OF_PARTS = """
UNWIND $rows AS row
MATCH (:Speaker {id: row.speaker})-[:MADE]->(st:Statement)
WHERE COUNT { MATCH (w:Word)-[:IN]->(st) WHERE w.id IN row.words } >= $least
  AND EXISTS { MATCH (:Quote)-[:VARIANT_OF {mutation: 'spliced'}]->(st) }
RETURN DISTINCT st.id AS id
"""

# ... of the fragment's speaker, per fragment ({speaker, words}).
SPEAKER_HOSTS_OF_FRAGMENTS = """
UNWIND $fragments AS f
MATCH (:Word {id: f.words[0]})-[:IN]->(st:Statement)<-[:MADE]-(:Speaker {id: f.speaker})
WHERE ALL(w IN f.words WHERE EXISTS { MATCH (:Word {id: w})-[:IN]->(st) })
RETURN f.speaker AS speaker, f.words AS words, collect(st.id) AS statements
"""

# Per fragment, at most $most+1 of the statements holding all its content words.
FEW_HOSTS_OF_FRAGMENTS = """
UNWIND $fragments AS words
CALL {
  WITH words
  MATCH (:Word {id: words[0]})-[:IN]->(st:Statement)
  WHERE ALL(w IN words WHERE EXISTS { MATCH (:Word {id: w})-[:IN]->(st) })
  RETURN st.id AS id
  LIMIT $most
}
RETURN words, collect(id) AS statements
"""

STATEMENTS_OF_QUOTES = """
UNWIND $quotes AS qid
MATCH (:Quote {id: qid})-[:VARIANT_OF]->(st:Statement)
RETURN DISTINCT st.id AS id
"""

# Each statement's quotes, and every statement each of them is in (a splice is in two;
# two MATCHes, since one pattern never binds the same relationship twice).
MEMBERS_OF_STATEMENTS = """
UNWIND $statements AS sid
MATCH (:Statement {id: sid})<-[:VARIANT_OF]-(q:Quote)
MATCH (q)-[:VARIANT_OF]->(st:Statement)
RETURN q.id AS quote, st.id AS statement
"""

LINK_INPUT_OF = """
UNWIND $quotes AS qid
MATCH (q:Quote {id: qid})
MATCH (a:Article)-[:CONTAINS]->(q)
OPTIONAL MATCH (q)-[r:ATTRIBUTED_TO]->(s:Speaker)
OPTIONAL MATCH (q)-[:VARIANT_OF]->(st:Statement)
RETURN q.id AS id, q.text AS text, s.id AS speaker, r.confidence AS confidence,
       a.id AS article, st.id AS statement
"""

QUOTES_OF_ARTICLES = """
UNWIND $articles AS aid
MATCH (:Article {id: aid})-[:CONTAINS]->(q:Quote)
RETURN q.id AS id
"""

# Outlets some article credits: the wires provenance prefers, the whole archive's.
WIRES = """
MATCH (o:Outlet)
WHERE EXISTS { MATCH (:Article)-[:CREDITS]->(o) }
RETURN o.name AS name
"""

# Outlets that only these articles credit: new wires, whose prints elsewhere are relinked.
NEW_WIRES = """
UNWIND $articles AS aid
MATCH (:Article {id: aid})-[:CREDITS]->(o:Outlet)
WITH DISTINCT o
WHERE NOT EXISTS { MATCH (a:Article)-[:CREDITS]->(o) WHERE NOT a.id IN $articles }
MATCH (o)<-[:PUBLISHED_BY]-(:Article)-[:CONTAINS]->(q:Quote)
RETURN q.id AS id
"""

# Quotes written before link keys existed: the full relink gives them theirs.
QUOTES_WITHOUT_KEYS = """
MATCH (q:Quote) WHERE q.wording IS NULL
RETURN q.id AS id, q.text AS text
LIMIT $limit
"""

SET_QUOTE_KEYS = """
UNWIND $rows AS row
MATCH (q:Quote {id: row.id})
SET q += row.keys
"""
