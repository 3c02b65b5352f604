"""Property tests against the real app and store, from its own OpenAPI schema: no input
gives a 500, and every API error has the one error shape.

schemathesis is not installed; this draws requests with hypothesis instead: every GET route's
parameters from their schema (in range, out of range, wrong type, huge), any unicode as a
path id (slashes encoded, very long), and any JSON (or not JSON) as the body of
POST /api/cypher and POST /api/documents.
"""

from __future__ import annotations

import json
from urllib.parse import quote, urlencode

import pytest
from fuzz.hostile import texts, transcript_texts
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from quotetrail.graph.store import queries

from helpers import clear

SHAPE = {"error", "detail", "status", "fields"}
FUZZ = settings(max_examples=150, deadline=None, database=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow, HealthCheck.data_too_large])
HUGE = [10**9, -(10**9), 2**31, 2**63, -(2**63) - 1, 10**30, -(10**30)]
ANY_TEXT = st.one_of(st.text(max_size=40), st.sampled_from(
    ["", " ", "null", "true", "1e9", "0x10", "-0", "NaN", "Infinity", "[]", "{}", "'", '"',
     "%00", "\x00", "<script>alert(1)</script>", "' OR 1=1 --", "}) DETACH DELETE n //",
     "MATCH (n) DETACH DELETE n", "../../etc/passwd", "ü" * 300, "x" * 5000]))


def check_response(response, *, path: str) -> None:
    """Never a 500; an API error has the one shape; a success is JSON (or a page)."""
    assert response.status_code < 500, (path, response.status_code, response.text[:500])
    event(f"{path}: {response.status_code}")  # --hypothesis-show-statistics
    is_api = path.startswith("/api")
    if response.status_code >= 400 and is_api:
        assert response.headers["content-type"].startswith("application/json"), path
        body = response.json()
        assert set(body) == SHAPE, body
        assert body["status"] == response.status_code
        assert isinstance(body["error"], str) and body["error"]
        assert isinstance(body["detail"], str) and body["detail"]
        assert isinstance(body["fields"], list)
        for field in body["fields"]:
            assert set(field) == {"location", "message"}
    elif response.status_code >= 400:
        assert response.headers["content-type"].startswith("text/html"), path
    elif is_api:
        response.json()


def value_for(schema: dict) -> st.SearchStrategy[object]:
    """Values for one parameter: valid ones from its schema, edges, and wrong types."""
    options = schema.get("anyOf", [schema])
    drawn: list[st.SearchStrategy[object]] = [ANY_TEXT, st.sampled_from(HUGE)]
    for option in options:
        kind = option.get("type")
        if "enum" in option:
            drawn.append(st.sampled_from(option["enum"]))
        if kind == "integer":
            low, high = option.get("minimum", -100), option.get("maximum", 10**6)
            drawn += [st.integers(low - 2, high + 2), st.sampled_from([low, high, low - 1,
                                                                     high + 1])]
            drawn.append(st.floats(allow_nan=True, allow_infinity=True))
        elif kind == "boolean":
            drawn.append(st.sampled_from(["true", "false", "1", "0", "yes", "off", "maybe"]))
        elif kind == "string":
            longest = option.get("maxLength", 1000)
            drawn += [st.text(min_size=max(0, longest - 2), max_size=longest + 2),
                      st.text(max_size=20)]
    return st.one_of(drawn)


def _get_routes(client) -> list[tuple[str, list[dict]]]:
    spec = client.app.openapi()
    return [(path, ops["get"].get("parameters", [])) for path, ops in spec["paths"].items()
            if "get" in ops]


PATH_IDS = st.one_of(
    st.text(min_size=1, max_size=60),
    st.text(min_size=190, max_size=210),
    st.sampled_from(["st-", "..", ".", "%", "%2F", "a/b", "\\", "\x00", "st-" + "f" * 5000,
                     "<script>alert(1)</script>", "' OR 1=1", "*", "?", "#", "😀" * 100,
                     "ا" * 201]),
)


@pytest.fixture
def routes(client):
    return _get_routes(client)


@FUZZ
@given(data=st.data())
def test_every_get_route_with_drawn_parameters(client, routes, data):
    template, params = data.draw(st.sampled_from(routes), label="route")
    path = template
    query: list[tuple[str, str]] = []
    for param in params:
        if param["in"] == "path":
            value = data.draw(PATH_IDS, label=param["name"])
            path = path.replace("{" + param["name"] + "}", quote(value, safe=""))
        elif data.draw(st.booleans()):
            value = data.draw(value_for(param["schema"]), label=param["name"])
            query.append((param["name"], str(value)))
            if data.draw(st.integers(0, 9)) == 0:  # the same parameter twice
                query.append((param["name"], str(data.draw(ANY_TEXT))))
    if data.draw(st.integers(0, 4)) == 0:
        query.append((data.draw(st.text(max_size=10)), data.draw(ANY_TEXT)))  # unknown
    url = path + ("?" + urlencode(query) if query else "")
    check_response(client.get(url), path=template)


@settings(FUZZ, max_examples=80)
@given(segment=st.one_of(
    st.text(max_size=300).map(lambda t: quote(t, safe="")),
    st.binary(max_size=60).map(lambda b: "".join(f"%{x:02X}" for x in b))))
@example(segment="%FF%FE")  # not UTF-8 once decoded
@example(segment="a%2Fb%2F..%2F..")
@example(segment="x" * 20_000)
def test_any_path_under_api_and_pages(client, segment):
    """`segment` is already percent-encoded: any unicode, or any bytes (not UTF-8 too)."""
    for prefix in ("/api/statements/", "/api/articles/", "/api/speakers/", "/statements/",
                   "/articles/", "/speakers/", "/api/", "/"):
        check_response(client.get(prefix + segment), path=prefix)


@FUZZ
@given(q=st.one_of(ANY_TEXT, texts), offset=value_for({"type": "integer", "minimum": 0}))
def test_the_index_page_with_drawn_search(client, q, offset):
    check_response(client.get("/?" + urlencode({"q": q, "offset": offset})), path="/")


JSON = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
              st.text(max_size=20)),
    lambda inner: st.one_of(st.lists(inner, max_size=3),
                            st.dictionaries(st.text(max_size=8), inner, max_size=3)),
    max_leaves=10,
)
CYPHER = st.one_of(
    ANY_TEXT,
    st.sampled_from([
        "MATCH (s:Statement) RETURN s.text LIMIT 3", "RETURN $x", "RETURN 1/0",
        "MATCH (n) RETURN n SKIP 999999999999 LIMIT 1", "UNWIND range(1, 10) AS x RETURN x",
        "UNWIND range(1, 5000) AS x RETURN x", "MATCH (n) DETACH DELETE n",
        "CREATE (n:Evil) RETURN n", "CALL db.labels()", "CALL dbms.components()",
        "MATCH (n) SET n.x = 1", "LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l",
        "RETURN '\\u0000'", "RETURN \"unclosed", "MATCH (n) RETURN n.`weird`", ";;;",
        "EXPLAIN MATCH (n) RETURN n", "PROFILE MATCH (n) RETURN n", "SHOW DATABASES",
        "RETURN $param.nested[0]", "MATCH (a)-[r]->(b) RETURN type(r), count(*)"]),
)


@st.composite
def cypher_bodies(draw: st.DrawFn) -> bytes:
    shape = draw(st.integers(0, 9))
    if shape == 0:
        return json.dumps(draw(JSON)).encode()
    if shape == 1:
        return draw(st.binary(max_size=50))
    body: dict[str, object] = {"query": draw(st.one_of(CYPHER, CYPHER, CYPHER, JSON))}
    if draw(st.booleans()):
        names = st.sampled_from(["x", "param", "id", "q"]) | st.text(max_size=6)
        params = st.dictionaries(names, JSON, max_size=3)
        body["params"] = draw(st.one_of(params, params, params, JSON))
    if shape == 2:
        body[draw(st.text(max_size=6))] = draw(JSON)
    return json.dumps(body, ensure_ascii=draw(st.booleans())).encode()


@settings(FUZZ, max_examples=100)
@given(body=cypher_bodies())
@example(body=b'{"query": "RETURN 1", "params": ' + b"[" * 50_000 + b"]" * 50_000 + b"}")
@example(body=b'{"query": "RETURN \\"\\ud800\\""}')
@example(body=b'{"query": "RETURN $x", "params": {"x": "\\udfff"}}')  # was a 500
@example(body=b'{"query": "RETURN $x", "params": {"x": 9223372036854775808}}')  # was a 500
@example(body=b'{"query": "RETURN $x", "params": {"x": ' + b"9" * 4400 + b"}}")
@example(body=b'{"query": "RETURN $x", "params": {"x": ' + b"[" * 500 + b"]" * 500 + b"}}")
def test_cypher_bodies(client, seeded_store, body):
    """Refused (400), invalid (422) or answered (200), and the graph unchanged."""
    before = queries.counts(seeded_store)
    response = client.post("/api/cypher", content=body,
                           headers={"content-type": "application/json"})
    check_response(response, path="/api/cypher")
    assert queries.counts(seeded_store) == before  # read-only, whatever was sent


DOC_FIELDS = ["text", "html", "source", "title", "outlet", "outlet_domain", "published",
              "published_note", "url", "kind", "language", "speaker"]


@st.composite
def document_bodies(draw: st.DrawFn) -> bytes:
    """Mostly objects with the known fields and hostile values; some load, most are refused."""
    shape = draw(st.integers(0, 6))
    if shape == 0:
        return json.dumps(draw(JSON)).encode()
    if shape == 1:
        return draw(st.binary(max_size=50))
    body: dict[str, object] = {}
    for name in draw(st.lists(st.sampled_from(DOC_FIELDS), max_size=5, unique=True)):
        body[name] = draw(st.one_of(ANY_TEXT, JSON, st.sampled_from(
            ["2022-02-16", "2022-13-45", "news", "transcript", "press_release",
             "javascript:alert(1)", "https://example.org/a", "<p>“Hi there all,” she said.</p>"])))
    if shape >= 4:  # a text body that may load
        body["text"] = draw(st.one_of(texts, transcript_texts()))
        body.pop("html", None)
    return json.dumps(body, ensure_ascii=draw(st.booleans())).encode()


@pytest.fixture
def fresh_client(make_client, empty_store):
    """Documents load into an empty graph, cleared again for the tests that follow."""
    yield make_client()
    clear(empty_store)


@settings(FUZZ, max_examples=80)
@given(body=document_bodies())
@example(body=b'{"text": "He said \\u201c\\ud800 x y\\u201d"}')
@example(body=b'{"text": "ok then", "title": "\\udfff"}')
@example(body=b'{"text": "' + b"[" * 10 + b'", "speaker": " ", "kind": "transcript"}')
@example(body=b'{"text": "Q: We . ", "speaker": " ", "kind": "transcript"}')
@example(body=b'{"text": ' + b"[" * 50_000 + b"]" * 50_000 + b"}")
@example(body=b'{"html": "<p>\\u0000</p>"}')
def test_document_bodies(fresh_client, body):
    response = fresh_client.post("/api/documents", content=body,
                                 headers={"content-type": "application/json"})
    check_response(response, path="/api/documents")
    if response.status_code == 201:
        article = response.json()["article"]
        for q in article["quotes"]:
            assert article["text"][q["start"]:q["end"]] == q["text"]


# -- limits: the body cap and query parameter bounds --------------------------------------


def test_a_50_mb_body_is_413_at_the_default_cap(client):
    body = json.dumps({"text": "word " * (10 * 1024 * 1024)}).encode()
    response = client.post("/api/documents", content=body,
                           headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert set(response.json()) == SHAPE and "5242880 bytes" in response.json()["detail"]


@pytest.mark.parametrize("path, field", [
    ("/api/statements?limit=1000000000", "query.limit"),
    ("/api/quotes?limit=1000000000", "query.limit"),
    ("/api/statements?limit=1001", "query.limit"),
    ("/api/quotes?limit=1001", "query.limit"),
    ("/api/statements?offset=-1", "query.offset"),
    ("/api/statements?q=" + "w" * 1001, "query.q"),
    ("/api/quotes?speaker=" + "s" * 201, "query.speaker"),
    ("/api/statements/" + "s" * 201, "path.statement_id"),
])
def test_query_parameters_have_bounds(client, path, field):
    response = client.get(path)
    assert response.status_code == 422, response.text
    assert [f["location"] for f in response.json()["fields"]] == [field]


@pytest.mark.parametrize("offset", [10**6, 2**63 - 1, 2**63, 10**30])
def test_a_huge_offset_is_an_empty_page_or_a_422_never_a_500(client, offset):
    """offset has no upper bound in the schema; past int64 it must still not be a 500."""
    for path in ("/api/statements", "/api/quotes", "/"):
        response = client.get(f"{path}?offset={offset}")
        assert response.status_code in (200, 422), (path, offset, response.text[:300])
