"""Issue 11: no input gets a 500. Lone surrogates, invalid UTF-8, NaN and Infinity on every route that
takes input (query parameters, path segments, JSON bodies, SPARQL), through the real hardened app."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

BAD_TEXT = ["%ED%A0%80", "%FF", "%C0%AF", "NaN", "Infinity", "-Infinity", "%00", "..%2F..%2Fetc%2Fpasswd",
            "%F4%90%80%80", "x" * 3000]
JSON_BODIES = [b'{"question":"\\ud800"}', b'{"question":"\\udfff\\ud800"}', b'{"question":"\xff\xfe"}',
               b'{"question":NaN}', b'{"question":Infinity}', b'{"question":-Infinity}', b"NaN", b"\xff",
               b'{"question":"\\u0000"}', b'{"question":1e999}', b'{"question":["\\ud800"]}', b"[]", b""]
ROUTES = ["/search?q={}", "/search?q=x&k={}", "/api/afspraken?jaar={}", "/api/afspraken?regio={}",
          "/api/afspraken?limit={}", "/api/afspraken?tekst={}", "/documents/{}/text", "/id/provincie/{}",
          "/doc/provincie/{}", "/doc/{}/x", "/def/{}", "/sparql?query={}", "/sparql?query=ASK%7B%7D&format={}",
          "/sparql?query=ASK%7B%7D&default-graph-uri={}", "/?q={}", "/dataset?format={}",
          "/dumps/ruimtegraaf.{}"]


@pytest.fixture(scope="module")
def app_client(built):
    from api.app import create_app
    from ruimtegraaf.embed import HashEmbedder

    with TestClient(create_app(built, embedder=HashEmbedder()), raise_server_exceptions=False) as c:
        yield c


@pytest.mark.parametrize("route", ROUTES)
def test_no_server_error_for_bad_text(app_client: TestClient, route: str) -> None:
    for value in BAD_TEXT:
        for method in ("GET", "HEAD"):
            r = app_client.request(method, route.format(value))
            assert r.status_code < 500, (method, route, value, r.status_code, r.text[:300])


@pytest.mark.parametrize("body", JSON_BODIES)
def test_no_server_error_for_bad_json(app_client: TestClient, body: bytes) -> None:
    r = app_client.post("/ask", content=body, headers={"Content-Type": "application/json"})
    assert r.status_code in (400, 422) or (r.status_code == 200 and body == b'{"question":"\\u0000"}'), r.text
    assert "Traceback" not in r.text


SPARQL_BODIES = [b"ASK { <urn:\xff> ?p ?o }", "ASK { ?s ?p '\ud800' }".encode("utf-8", "surrogatepass"),
                 b"query=%ED%A0%80", b"query=ASK%7B%7D&format=%FF"]


@pytest.mark.parametrize("body", SPARQL_BODIES)
def test_no_server_error_for_bad_sparql_bodies(app_client: TestClient, body: bytes) -> None:
    for content_type in ("application/sparql-query", "application/x-www-form-urlencoded"):
        r = app_client.post("/sparql", content=body, headers={"Content-Type": content_type})
        assert r.status_code < 500, (body, content_type, r.status_code, r.text)


def test_empty_year_is_any_year_as_on_the_page(app_client: TestClient) -> None:
    every = app_client.get("/api/afspraken").json()["total"]
    assert app_client.get("/api/afspraken?jaar=").json()["total"] == every > 0
    assert app_client.get("/api/afspraken?jaar=abc").status_code == 422


def test_head_everywhere_get_is(app_client: TestClient) -> None:
    for path in ("/health", "/search?q=woningbouw", "/api/afspraken", "/documents", "/sparql",
                 "/sparql?query=ASK%7B%7D", "/id/provincie/drenthe", "/def/", "/dataset"):
        get, head = app_client.get(path, follow_redirects=False), app_client.head(path, follow_redirects=False)
        assert head.status_code == get.status_code and head.content == b"", path
        assert head.headers.get("content-type") == get.headers.get("content-type"), path
