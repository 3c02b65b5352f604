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
RETURN q.id AS id, q.text AS text""" for key in LINK_KEYS)

# The fragments printing one of these runs of words (a new quote may host them), with who
# each credits and whose its statements are.
FRAGMENTS_BY_WORDING = """
UNWIND $wordings AS w
MATCH (q:Quote {wording: w})
OPTIONAL MATCH (q)-[:ATTRIBUTED_TO]->(credited:Speaker)
OPTIONAL MATCH (q)-[:VARIANT_OF]->(:Statement)<-[:MADE]-(made:Speaker)
RETURN q.id AS id, q.text AS text, w AS wording, credited.id AS credited,
       collect(made.id) AS speakers
"""

# What the full-text index on Quote.text found (dialect.FullText.quote_hits, one query per
# row of $rows: {key, lucene, speaker}) goes on with one of these: the statements each hit
# quote is in, with its text (the caller checks what the index cannot, e.g. word order).
# ... with who the hit quote credits and whose its statement is (a fragment's hosts).
HITS_IN_STATEMENTS = """
MATCH (node)-[:VARIANT_OF]->(st:Statement)
OPTIONAL MATCH (node)-[:ATTRIBUTED_TO]->(credited:Speaker)
OPTIONAL MATCH (made:Speaker)-[:MADE]->(st)
RETURN row.key AS key, node.text AS text, st.id AS id, credited.id AS credited,
       made.id AS speaker
"""

# The statements the Statement.said index found (dialect.FullText.said_hits; rows of $rows:
# {key, lucene, speaker}), of the row's speaker, with each distinct print of them (its
# `prints` key: one row per statement, not one per quote) and its reference wording (a
# splice's parts, the splices a new part may belong to or make).
PRINTS_OF_SPEAKER = """
WITH row, node AS st
MATCH (:Speaker {id: row.speaker})-[:MADE]->(st)
RETURN row.key AS key, st.id AS id, st.prints AS prints, st.text AS reference,
       row.speaker AS speaker
"""

# ... the hit quotes alone (those sharing a run of words with a new one).
HITS_QUOTES = """
RETURN row.key AS key, node.id AS quote, node.text AS text
"""

# Of these statements, those printed by a primary source (a transcript, a press release):
# linking keeps news printed before the source's day apart from them.
PRIMARY_PRINTED = """
UNWIND $statements AS sid
MATCH (st:Statement {id: sid})<-[:VARIANT_OF]-(:Quote)<-[:CONTAINS]-(a:Article)
WHERE a.kind IN $kinds
RETURN DISTINCT st.id AS id
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

# What linking reads of each quote `q` (every quote, or a small load's), with its article.
LINK_INPUT_COLUMNS = """
OPTIONAL MATCH (q)-[r:ATTRIBUTED_TO]->(s:Speaker)
OPTIONAL MATCH (q)-[:VARIANT_OF]->(st:Statement)
RETURN q.id AS id, q.text AS text, s.id AS speaker, r.confidence AS confidence,
       {article} AS article, st.id AS statement, q.start AS start, q.end AS end
"""
# ... by the quote's `article` (upgrade.py): on ArcadeDB, `a.id` through the CONTAINS edge
# read the whole article record, text and all (the 7,000 quotes a viral document's relink
# reads at 100k: 1.3 s against 0.5).
LINK_INPUT_OF = """
UNWIND $quotes AS qid
MATCH (q:Quote {id: qid})""" + LINK_INPUT_COLUMNS.format(article="q.article")

QUOTES_OF_ARTICLES = """
UNWIND $articles AS aid
MATCH (:Article {id: aid})-[:CONTAINS]->(q:Quote)
RETURN q.id AS id
"""

# Outlets some article credits: the wires provenance prefers, the whole archive's. Asked of
# the outlets ever credited (`credited`, cypher.MERGE_CREDITS) and not of every outlet: that
# walked the edges of all 1,323 outlets of the 100k archive on each load (15 to 60 ms; an
# ArcadeDB vertex keeps its edges of every type in one list). A credit can go (an article
# reloaded by an extractor that reads it otherwise), so each is asked again: after a WITH,
# as ArcadeDB asked `AND EXISTS` of every outlet (12 ms against 3).
WIRES = """
MATCH (o:Outlet) WHERE o.credited = true
WITH o WHERE EXISTS { MATCH (o)<-[:CREDITS]-(:Article) }
RETURN o.name AS name
"""
# ... given to a graph written before the flag, once (relink_scope.wires).
FLAG_CREDITED = """
MATCH (o:Outlet)
WHERE EXISTS { MATCH (o)<-[:CREDITS]-(:Article) }
SET o.credited = true
"""

# Outlets that only these articles credit: new wires. A wire is a name (linking compares
# outlet names, and an outlet credited by name alone is another node than the one its own
# articles, with their domain, are published by). Its prints matter to provenance only in
# statements printed in two articles or more, and there only when one of its articles is not
# the statement's latest (a source is always an earlier print in another article): so per
# statement holding one of its prints, those prints, the articles they are in, and how many
# prints the statement has (more than theirs: another article prints it).
# A name all of whose credits come from `$articles` (ids without repeats): their count of
# its credits is all of them. (Asking `NOT a.id IN $articles` of every other credit read the
# list once per credit: a bulk load of 100k articles waited on it for over 20 minutes.) The
# counted pattern starts at the outlet: written from the article, ArcadeDB read every article
# (0.5 s of a 5-article load into 100k; from the outlet, 3 to 7 ms).
NEW_WIRES = """
UNWIND $articles AS aid
MATCH (:Article {id: aid})-[:CREDITS]->(c:Outlet)
WITH c.name AS name, count(*) AS theirs
WHERE name IS NOT NULL AND COUNT { MATCH (:Outlet {name: name})<-[:CREDITS]-(:Article) } = theirs
MATCH (:Outlet {name: name})<-[:PUBLISHED_BY]-(a:Article)-[:CONTAINS]->(q:Quote)
MATCH (q)-[:VARIANT_OF]->(st:Statement)
WITH st, collect(DISTINCT a.id) AS articles, collect(DISTINCT q.id) AS ids
RETURN st.id AS statement, ids, articles,
       COUNT { MATCH (st)<-[:VARIANT_OF]-(:Quote) } AS prints
"""

# The articles printing these statements, with what orders them in time (provenance's
# time_key: published, then load order, then id).
ARTICLES_OF_STATEMENTS = """
UNWIND $statements AS sid
MATCH (:Statement {id: sid})<-[:VARIANT_OF]-(:Quote)<-[:CONTAINS]-(a:Article)
RETURN DISTINCT sid AS statement, a.id AS article,
       toString(a.published) AS published,
       a.loaded_at AS loaded_at
"""

# Quotes written before link keys (or the latest of them, `runs`) existed: the full relink
# gives them theirs.
QUOTES_WITHOUT_KEYS = """
MATCH (q:Quote) WHERE q.wording IS NULL OR q.runs IS NULL
RETURN q.id AS id, q.text AS text
LIMIT $limit
"""

SET_QUOTE_KEYS = """
UNWIND $rows AS row
MATCH (q:Quote {id: row.id})
SET q += row.keys
"""
