"""One JSON error shape for every error, pinned: keys, types and the status that fits."""

from __future__ import annotations

import pytest

SHAPE = {"error", "detail", "status", "fields"}


def _check_shape(response, status: int, error: str) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == SHAPE
    assert body["status"] == status and body["error"] == error
    assert isinstance(body["detail"], str) and body["detail"]
    assert isinstance(body["fields"], list)
    return body


@pytest.mark.parametrize("path", ["/api/statements/st-does-not-exist",
                                  "/api/articles/art-does-not-exist",
                                  "/api/speakers/sp-does-not-exist"])
def test_unknown_ids_are_404_naming_the_id(client, path):
    body = _check_shape(client.get(path), 404, "not_found")
    assert path.rsplit("/", 1)[1] in body["detail"]


def test_unknown_path_and_method(client):
    _check_shape(client.get("/api/no-such-thing"), 404, "not_found")
    _check_shape(client.delete("/api/statements"), 405, "method_not_allowed")


@pytest.mark.parametrize("path, field", [
    ("/api/statements?limit=0", "query.limit"),
    ("/api/statements?limit=abc", "query.limit"),
    ("/api/statements?offset=-1", "query.offset"),
    ("/api/quotes?kind=shouted", "query.kind"),
    ("/api/quotes?mutation=improved", "query.mutation"),
    ("/api/quotes?limit=100000", "query.limit"),
])
def test_bad_parameters_are_422_naming_the_field(client, path, field):
    body = _check_shape(client.get(path), 422, "invalid_request")
    assert [f["location"] for f in body["fields"]] == [field]
    assert field in body["detail"]


def test_bad_bodies_are_422(client):
    body = _check_shape(client.post("/api/cypher", json={"params": {}}), 422, "invalid_request")
    assert "body.query" in [f["location"] for f in body["fields"]]
    _check_shape(client.post("/api/cypher", content=b"{not json",
                             headers={"content-type": "application/json"}),
                 422, "invalid_request")
    body = _check_shape(client.post("/api/documents", json={"text": "x", "html": "<p>x</p>"}),
                        422, "invalid_request")
    assert "exactly one of `text` or `html`" in body["detail"]


def test_refused_cypher_is_400(client):
    body = _check_shape(client.post("/api/cypher", json={"query": "CREATE (n:Evil) RETURN n"}),
                        400, "query_refused")
    assert "read-only" in body["detail"]


def test_too_big_a_body_is_413(make_client, seeded_store):
    small = make_client(max_body_bytes=1000)
    text = "He said: “" + "word " * 400 + "”"
    body = _check_shape(small.post("/api/documents", json={"text": text}), 413, "too_large")
    assert "1000 bytes" in body["detail"]
    # a chunked body (no Content-Length) is counted too
    more = iter([b'{"text": "', b"a" * 600, b"b" * 600, b'"}'])
    _check_shape(small.post("/api/documents", content=more,
                            headers={"content-type": "application/json"}), 413, "too_large")


def test_the_shape_is_in_the_openapi_document(client):
    spec = client.get("/openapi.json").json()
    schema = spec["components"]["schemas"]["ErrorBody"]
    assert set(schema["properties"]) == SHAPE
    trace_responses = spec["paths"]["/api/statements/{statement_id}"]["get"]["responses"]
    assert trace_responses["404"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "/ErrorBody")


def test_pages_answer_errors_in_html_for_people(client):
    response = client.get("/statements/st-<script>alert(1)</script>")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "<script>alert(1)" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text
