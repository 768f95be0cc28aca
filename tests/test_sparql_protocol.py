"""The SPARQL 1.1 Protocol endpoint: formats, negotiation, dataset, read-only, limits, W3C protocol tests."""

from __future__ import annotations

import csv
import io
import json
import time
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import quote, quote_plus

import httpx
import pyoxigraph as ox
import pytest
import rdflib
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.testclient import TestClient

from api.negotiation import negotiate, parse_accept
from api.sparql import sparql_router
from ruimtegraaf.settings import Settings
from ruimtegraaf.store import EmbeddedStore

# rdflib's own JSON-LD parser (an independent check of ours) uses its deprecated ConjunctiveGraph
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")

DATA = Path(__file__).parent / "data" / "sparql-protocol"
W3C = json.loads((DATA / "cases.json").read_text(encoding="utf-8"))
BASE = "https://w3id.org/ruimtegraaf/"
G_A, G_B = BASE + "graph/a", BASE + "graph/b"
DOC_A, DOC_B = BASE + "id/document/a", BASE + "id/document/b"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
NOTE = BASE + "def/notitie"
SRX = "{http://www.w3.org/2005/sparql-results#}"
SD = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
RESULT_TYPES = ("application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                "text/tab-separated-values")
RDF_TYPES = {"text/turtle": "turtle", "application/n-triples": "nt", "application/ld+json": "json-ld",
             "application/rdf+xml": "xml", "text/n3": "n3"}
SELECT_LABELS = f"SELECT ?s ?label WHERE {{ ?s <{LABEL}> ?label }} ORDER BY ?s"
CONSTRUCT_ALL = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"


def triple(s: str, p: str, o: ox.NamedNode | ox.Literal) -> ox.Triple:
    return ox.Triple(ox.NamedNode(s), ox.NamedNode(p), o)


def fill(store: EmbeddedStore) -> None:
    """Two named graphs, with a plus sign and non-ASCII text in the literals."""
    store.replace_graph(G_A, [triple(DOC_A, LABEL, ox.Literal("Overleg Noord")),
                              triple(DOC_A, NOTE, ox.Literal("a+b"))])
    store.replace_graph(G_B, [triple(DOC_B, LABEL, ox.Literal("Überleg é 𝄞", language="nl")),
                              triple(DOC_B, NOTE, ox.Literal("c d"))])


def snapshot(store: EmbeddedStore) -> set[str]:
    return {str(q) for q in store.native}


def app_for(store_provider: Callable[[], Any], **overrides: Any) -> FastAPI:
    app = FastAPI()
    app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST", "OPTIONS"],
                       allow_headers=["*"])
    app.include_router(sparql_router(store_provider, replace(Settings(), **overrides)))
    return app


def no_server_error(response: httpx.Response) -> None:
    assert response.status_code != 500, response.read()


def client_for(store: EmbeddedStore, **overrides: Any) -> TestClient:
    client = TestClient(app_for(lambda: store, **overrides))
    client.event_hooks["response"] = [no_server_error]
    return client


@pytest.fixture
def store() -> EmbeddedStore:
    s = EmbeddedStore(None)
    fill(s)
    return s


@pytest.fixture
def client(store: EmbeddedStore) -> Iterator[TestClient]:
    with client_for(store) as c:
        yield c


def media(response: httpx.Response) -> str:
    return response.headers["content-type"].split(";")[0].strip()


def bindings(response: httpx.Response) -> list[dict[str, str]]:
    """SELECT results as {variable: value} rows, whatever the format."""
    kind = media(response)
    if kind in ("application/sparql-results+json", "application/json"):
        doc = json.loads(response.content)
        return [{k: v["value"] for k, v in row.items()} for row in doc["results"]["bindings"]]
    if kind == "application/sparql-results+xml":
        root = ET.fromstring(response.content)
        return [{b.get("name"): b[0].text or "" for b in r.iter(SRX + "binding")}
                for r in root.iter(SRX + "result")]
    if kind == "text/csv":
        rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8"), newline="")))
        return [{k: v for k, v in row.items() if v} for row in rows]
    assert kind == "text/tab-separated-values", kind
    parsed = ox.parse_query_results(response.content, ox.QueryResultsFormat.TSV)
    return [{str(v)[1:]: term.value for v in parsed.variables if (term := row[v]) is not None}
            for row in parsed]


def boolean(response: httpx.Response) -> bool:
    kind = media(response)
    if kind in ("application/sparql-results+json", "application/json"):
        return json.loads(response.content)["boolean"]
    if kind in ("application/sparql-results+xml", "application/xml"):
        return ET.fromstring(response.content).find(SRX + "boolean").text == "true"
    return response.content.decode().strip() == "true"


def graph(response: httpx.Response) -> rdflib.Graph:
    return rdflib.Graph().parse(data=response.content, format=RDF_TYPES[media(response)])


# ---- every format parses back -----------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_select_in_every_format(client: TestClient, fmt: str) -> None:
    r = client.get("/sparql", params={"query": SELECT_LABELS, "format": fmt})
    assert r.status_code == 200
    assert bindings(r) == [{"s": DOC_A, "label": "Overleg Noord"}, {"s": DOC_B, "label": "Überleg é 𝄞"}]


@pytest.mark.parametrize("accept", RESULT_TYPES)
def test_ask_in_every_format(client: TestClient, accept: str) -> None:
    yes = client.get("/sparql", params={"query": f"ASK {{ <{DOC_A}> ?p ?o }}"}, headers={"Accept": accept})
    no = client.get("/sparql", params={"query": "ASK { <urn:nothing> ?p ?o }"}, headers={"Accept": accept})
    assert (media(yes), media(no)) == (accept, accept)
    assert (boolean(yes), boolean(no)) == (True, False)


@pytest.mark.parametrize("accept", list(RDF_TYPES))
def test_construct_and_describe_in_every_format(client: TestClient, accept: str) -> None:
    r = client.get("/sparql", params={"query": CONSTRUCT_ALL}, headers={"Accept": accept})
    assert r.status_code == 200 and media(r) == accept
    g = graph(r)
    assert len(g) == 4
    assert (rdflib.URIRef(DOC_A), rdflib.URIRef(NOTE), rdflib.Literal("a+b")) in g
    d = client.get("/sparql", params={"query": f"DESCRIBE <{DOC_B}>"}, headers={"Accept": accept})
    assert d.status_code == 200
    assert set(graph(d).subjects()) == {rdflib.URIRef(DOC_B)}


def test_json_ld_and_results_json_are_json(client: TestClient) -> None:
    ld = client.get("/sparql", params={"query": CONSTRUCT_ALL, "format": "jsonld"})
    assert isinstance(json.loads(ld.content), list)
    assert json.loads(client.get("/sparql", params={"query": "ASK {}"}).content) == {"head": {}, "boolean": True}


# ---- content negotiation ----------------------------------------------------------------------

@pytest.mark.parametrize(("accept", "offers", "expected"), [
    (None, ["a/b", "c/d"], "a/b"),
    ("", ["a/b", "c/d"], "a/b"),
    ("*/*", ["a/b", "c/d"], "a/b"),
    ("c/d", ["a/b", "c/d"], "c/d"),
    ("C/D", ["a/b", "c/d"], "c/d"),
    ("a/b;q=0.2, c/d;q=0.8", ["a/b", "c/d"], "c/d"),
    ("c/*;q=0.5, a/b;q=0.4", ["a/b", "c/d"], "c/d"),
    ("*/*;q=0.1, c/d;q=0", ["a/b", "c/d"], "a/b"),
    ("c/*, c/d;q=0", ["c/d", "c/e"], "c/e"),
    ("c/e, c/d", ["c/d", "c/e"], "c/e"),  # equal q and specificity: the client's order decides
    ("c/*, c/d", ["c/e", "c/d"], "c/d"),  # equal q: the more specific match wins
    ("a/b;q=2, c/d;q=0.5", ["a/b", "c/d"], "c/d"),  # an invalid q drops the range
    ("a/b;q=x, c/d;q=0.5", ["a/b", "c/d"], "c/d"),
    ("garbage, c/d;q=0.3", ["a/b", "c/d"], "c/d"),
    ("text/csv;charset=utf-8", ["text/csv"], "text/csv"),
    ("x/y", ["a/b", "c/d"], None),
    ("a/b;q=0", ["a/b"], None),
    ("*/b", ["a/b"], None),
])
def test_negotiate(accept: str | None, offers: list[str], expected: str | None) -> None:
    assert negotiate(accept, offers) == expected


def test_parse_accept_keeps_order_and_quality() -> None:
    ranges = parse_accept("text/html, application/xml;q=0.9, */*;q=0.8")
    assert [(r.type, r.subtype, r.q, r.order) for r in ranges] == [
        ("text", "html", 1.0, 0), ("application", "xml", 0.9, 1), ("*", "*", 0.8, 2)]


@pytest.mark.parametrize(("accept", "query", "expected"), [
    (None, SELECT_LABELS, "application/sparql-results+json"),
    ("*/*", CONSTRUCT_ALL, "text/turtle"),
    ("application/sparql-results+xml", SELECT_LABELS, "application/sparql-results+xml"),
    ("application/json", SELECT_LABELS, "application/json"),
    ("application/xml", "ASK {}", "application/xml"),
    ("application/sparql-results+json, application/json;q=0.9", SELECT_LABELS, "application/sparql-results+json"),
    ("text/csv;q=0.9, application/sparql-results+json;q=0.1", SELECT_LABELS, "text/csv"),
    ("text/*", SELECT_LABELS, "text/csv"),
    ("text/*", CONSTRUCT_ALL, "text/turtle"),
    ("application/*", CONSTRUCT_ALL, "application/n-triples"),
    ("application/rdf+xml, text/turtle;q=0.5", CONSTRUCT_ALL, "application/rdf+xml"),
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", SELECT_LABELS,
     "application/sparql-results+json"),
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", CONSTRUCT_ALL, "text/turtle"),
    ("text/html", "ASK {}", "application/sparql-results+json"),
])
def test_accept_header_picks_the_format(client: TestClient, accept: str | None, query: str, expected: str) -> None:
    headers = {"Accept": accept} if accept else {}
    r = client.get("/sparql", params={"query": query}, headers=headers)
    assert r.status_code == 200
    assert media(r) == expected
    assert "Accept" in r.headers["vary"]


@pytest.mark.parametrize(("fmt", "query", "expected"), [
    ("csv", SELECT_LABELS, "text/csv"), ("tsv", SELECT_LABELS, "text/tab-separated-values"),
    ("xml", SELECT_LABELS, "application/sparql-results+xml"), ("xml", CONSTRUCT_ALL, "application/rdf+xml"),
    ("ttl", CONSTRUCT_ALL, "text/turtle"), ("turtle", CONSTRUCT_ALL, "text/turtle"),
    ("nt", CONSTRUCT_ALL, "application/n-triples"), ("ntriples", CONSTRUCT_ALL, "application/n-triples"),
    ("jsonld", CONSTRUCT_ALL, "application/ld+json"), ("rdfxml", CONSTRUCT_ALL, "application/rdf+xml"),
    ("application/sparql-results+xml", "ASK {}", "application/sparql-results+xml"),
])
def test_format_parameter_overrides_accept(client: TestClient, fmt: str, query: str, expected: str) -> None:
    r = client.get("/sparql", params={"query": query, "format": fmt}, headers={"Accept": "application/json"})
    assert r.status_code == 200 and media(r) == expected


@pytest.mark.parametrize(("params", "accept"), [
    ({"query": SELECT_LABELS}, "image/png"),
    ({"query": SELECT_LABELS}, "application/sparql-results+json;q=0, */*;q=0"),
    ({"query": CONSTRUCT_ALL}, "text/csv"),
    ({"query": CONSTRUCT_ALL, "format": "csv"}, "text/csv"),
    ({"query": SELECT_LABELS, "format": "turtle"}, "image/png"),
    ({"query": SELECT_LABELS, "format": "yaml"}, "image/png"),
    ({}, "image/png"),
])
def test_nothing_acceptable_is_406_with_the_choices(client: TestClient, params: dict[str, str],
                                                     accept: str | None) -> None:
    r = client.get("/sparql", params=params, headers={"Accept": accept} if accept else {})
    assert r.status_code == 406
    assert media(r) == "text/plain"
    assert "format=" in r.text and "/" in r.text


@pytest.mark.parametrize(("formats", "accept", "query", "expected"), [
    (["yaml"], None, SELECT_LABELS, "application/sparql-results+json"),  # unknown: Accept decides
    (["yaml"], "text/csv", SELECT_LABELS, "text/csv"),
    (["csv"], None, CONSTRUCT_ALL, "text/turtle"),  # names no format a graph can take
    (["json-ld", "application/ld+json,application/x-json+ld"], None, CONSTRUCT_ALL, "application/ld+json"),
    (["application/ld+json,application/x-json+ld"], "text/turtle", CONSTRUCT_ALL, "application/ld+json"),
    (["n3"], None, CONSTRUCT_ALL, "text/n3"),
    (["json"], None, CONSTRUCT_ALL, "application/ld+json"),  # rdflib's SPARQLStore with returnFormat json
    (["xml"], None, f"DESCRIBE <{DOC_A}>", "application/rdf+xml"),
    (["turtle"], None, CONSTRUCT_ALL, "text/turtle"),
    (["json"], None, SELECT_LABELS, "application/sparql-results+json"),
    (["xml"], None, "ASK {}", "application/sparql-results+xml"),
    (["csv"], None, SELECT_LABELS, "text/csv"),
    (["tsv"], None, SELECT_LABELS, "text/tab-separated-values"),
])
def test_format_parameter_as_clients_send_it(client: TestClient, formats: list[str], accept: str | None,
                                             query: str, expected: str) -> None:
    r = client.get("/sparql", params=[("query", query), *(("format", f) for f in formats)],
                   headers={"Accept": accept} if accept else {})
    assert r.status_code == 200 and media(r) == expected, r.text


def test_rdf_xml_refuses_a_predicate_it_cannot_write(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": "CONSTRUCT { <urn:a> <urn:123> 1 } WHERE {}", "format": "rdfxml"})
    assert r.status_code == 406 and "Turtle" in r.text


# ---- dataset: union default graph, default-graph-uri, named-graph-uri -------------------------

LABELS_ONLY = f"SELECT ?label WHERE {{ ?s <{LABEL}> ?label }}"
GRAPH_NAMES = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"


def labels(response: httpx.Response) -> set[str]:
    assert response.status_code == 200, response.text
    return {row["label"] for row in bindings(response)}


def test_default_graph_is_the_union_of_the_named_graphs(client: TestClient) -> None:
    assert labels(client.get("/sparql", params={"query": LABELS_ONLY})) == {"Overleg Noord", "Überleg é 𝄞"}


def test_default_graph_uri_selects_the_default_graph(client: TestClient) -> None:
    only_a = client.get("/sparql", params={"query": LABELS_ONLY, "default-graph-uri": G_A})
    assert labels(only_a) == {"Overleg Noord"}
    both = client.get("/sparql", params=[("query", LABELS_ONLY), ("default-graph-uri", G_A),
                                         ("default-graph-uri", G_B)])
    assert labels(both) == {"Overleg Noord", "Überleg é 𝄞"}
    direct = client.post(f"/sparql?default-graph-uri={quote(G_B, safe='')}", content=LABELS_ONLY,
                         headers={"Content-Type": "application/sparql-query"})
    assert labels(direct) == {"Überleg é 𝄞"}
    form = client.post("/sparql", data={"query": LABELS_ONLY, "default-graph-uri": G_A})
    assert labels(form) == {"Overleg Noord"}


def test_named_graph_uri_limits_the_named_graphs(client: TestClient) -> None:
    def names(response: httpx.Response) -> set[str]:
        assert response.status_code == 200, response.text
        return {row["g"] for row in bindings(response)}

    assert names(client.get("/sparql", params={"query": GRAPH_NAMES})) == {G_A, G_B}
    assert names(client.get("/sparql", params={"query": GRAPH_NAMES, "named-graph-uri": G_B})) == {G_B}
    assert names(client.post("/sparql", data={"query": GRAPH_NAMES, "named-graph-uri": G_A})) == {G_A}


def test_unknown_graph_is_empty_and_a_relative_one_is_400(client: TestClient) -> None:
    empty = client.get("/sparql", params={"query": LABELS_ONLY, "default-graph-uri": BASE + "graph/none"})
    assert labels(empty) == set()
    bad = client.get("/sparql", params={"query": LABELS_ONLY, "default-graph-uri": "graph/a"})
    assert bad.status_code == 400 and "absolute IRI" in bad.text


def test_relative_iris_resolve_against_the_base_iri(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": "SELECT ?label { <id/document/a> ?p ?label } ORDER BY ?label"})
    assert [row["label"] for row in bindings(r)] == ["Overleg Noord", "a+b"]


def test_from_clause_applies_unless_the_protocol_names_a_dataset(client: TestClient) -> None:
    from_a = f"SELECT ?label FROM <{G_A}> WHERE {{ ?s <{LABEL}> ?label }}"
    assert labels(client.get("/sparql", params={"query": from_a})) == {"Overleg Noord"}
    overridden = client.get("/sparql", params={"query": from_a, "default-graph-uri": G_B})
    assert labels(overridden) == {"Überleg é 𝄞"}
    from_named = f"SELECT DISTINCT ?g FROM NAMED <{G_B}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"
    assert [row["g"] for row in bindings(client.get("/sparql", params={"query": from_named}))] == [G_B]


# ---- request parsing: form encoding, charset, duplicates --------------------------------------

PLUS_QUERY = f'SELECT ?o WHERE {{ ?s <{NOTE}> ?o FILTER(?o = "a+b" && 1+1 = 2) }}'
UMLAUT_QUERY = f'SELECT ?s WHERE {{ ?s <{LABEL}> "Überleg é 𝄞"@nl }}'


def test_form_post_decodes_plus_and_percent_2b_once(client: TestClient) -> None:
    encoded = quote_plus(PLUS_QUERY)  # spaces become '+', the query's '+' becomes %2B
    assert "+" in encoded and "%2B" in encoded
    r = client.post("/sparql", content="query=" + encoded,
                    headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert [row["o"] for row in bindings(r)] == ["a+b"]
    by_hand = "query=SELECT+%3Fo+%7B+%3Fs+%3Fp+%3Fo+FILTER(%3Fo+%3D+%22a%2Bb%22)+%7D"
    r = client.post("/sparql", content=by_hand, headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert [row["o"] for row in bindings(r)] == ["a+b"]


def test_form_post_and_get_carry_non_ascii(client: TestClient) -> None:
    form = client.post("/sparql", content="query=" + quote_plus(UMLAUT_QUERY),
                       headers={"Content-Type": "application/x-www-form-urlencoded; charset=UTF-8"})
    get = client.get("/sparql?query=" + quote(UMLAUT_QUERY, safe=""))
    assert bindings(form) == bindings(get) == [{"s": DOC_B}]


def test_plus_in_a_get_query_string_is_a_space(client: TestClient) -> None:
    r = client.get("/sparql?query=" + quote_plus(PLUS_QUERY))
    assert [row["o"] for row in bindings(r)] == ["a+b"]


def test_direct_post_is_utf8(client: TestClient) -> None:
    for content_type in ("application/sparql-query", "application/sparql-query; charset=UTF-8"):
        r = client.post("/sparql", content=UMLAUT_QUERY.encode("utf-8"), headers={"Content-Type": content_type})
        assert bindings(r) == [{"s": DOC_B}]
    latin = client.post("/sparql", content=UMLAUT_QUERY.encode("utf-8"),
                        headers={"Content-Type": "application/sparql-query; charset=ISO-8859-1"})
    assert latin.status_code == 415
    broken = client.post("/sparql", content=b"ASK { <urn:\xff> ?p ?o }",
                         headers={"Content-Type": "application/sparql-query"})
    assert broken.status_code == 400 and "UTF-8" in broken.text


@pytest.mark.parametrize(("method", "url", "body", "content_type"), [
    ("GET", "/sparql?query=ASK%7B%7D&query=ASK%7B%7D", None, None),
    ("POST", "/sparql?query=ASK%7B%7D", "ASK {}", "application/sparql-query"),
    ("POST", "/sparql?query=ASK%7B%7D", "query=ASK%7B%7D", "application/x-www-form-urlencoded"),
    ("POST", "/sparql", "query=ASK%7B%7D&query=ASK%7B%7D", "application/x-www-form-urlencoded"),
    ("POST", "/sparql", "default-graph-uri=urn%3Ag", "application/x-www-form-urlencoded"),
    ("POST", "/sparql", "query=%FF", "application/x-www-form-urlencoded"),
])
def test_ambiguous_or_missing_query_is_400(client: TestClient, method: str, url: str, body: str | None,
                                            content_type: str | None) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    r = client.request(method, url, content=body, headers=headers)
    assert r.status_code == 400 and media(r) == "text/plain"


def test_other_methods_and_content_types_are_refused(client: TestClient) -> None:
    assert client.put("/sparql?query=ASK%7B%7D").status_code == 405
    assert client.delete("/sparql").status_code == 405
    assert client.post("/sparql", content="ASK {}", headers={"Content-Type": "text/plain"}).status_code == 415
    assert client.post("/sparql", content="ASK {}").status_code == 415


# ---- read-only ---------------------------------------------------------------------------------

INSERT = f"INSERT DATA {{ GRAPH <{G_A}> {{ <urn:x> <urn:y> <urn:z> }} }}"


@pytest.mark.parametrize(("method", "url", "body", "content_type"), [
    ("GET", "/sparql?update=" + quote(INSERT), None, None),
    ("GET", "/sparql?query=" + quote(INSERT), None, None),
    ("GET", "/sparql?query=" + quote("PREFIX ex: <urn:ex:>\nBASE <urn:b>\nDELETE WHERE { ?s ?p ?o }"), None, None),
    ("POST", "/sparql", INSERT, "application/sparql-update"),
    ("POST", "/sparql", "CLEAR ALL", "application/sparql-update; charset=utf-8"),
    ("POST", "/sparql", "update=" + quote_plus(INSERT), "application/x-www-form-urlencoded"),
    ("POST", "/sparql", "query=" + quote_plus("DROP ALL"), "application/x-www-form-urlencoded"),
    ("POST", "/sparql", INSERT, "application/sparql-query"),
    ("POST", "/sparql", "LOAD <http://127.0.0.1:1/data.ttl>", "application/sparql-query"),
])
def test_updates_are_refused_and_change_nothing(store: EmbeddedStore, client: TestClient, method: str, url: str,
                                                body: str | None, content_type: str | None) -> None:
    before = snapshot(store)
    r = client.request(method, url, content=body, headers={"Content-Type": content_type} if content_type else {})
    assert r.status_code in (400, 403)
    assert "read-only" in r.text
    assert snapshot(store) == before


def test_the_endpoint_module_never_updates() -> None:
    source = (Path(__file__).parent.parent / "api" / "sparql.py").read_text(encoding="utf-8")
    assert ".update(" not in source


def test_service_is_refused(client: TestClient) -> None:
    for query in ("SELECT * { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }",
                  "select * { service silent ?x { ?s ?p ?o } }"):
        r = client.get("/sparql", params={"query": query})
        assert r.status_code == 400 and "SERVICE" in r.text
    harmless = f'SELECT ?service WHERE {{ ?service <{NOTE}> "SERVICE" }} # SERVICE <x>'
    assert client.get("/sparql", params={"query": harmless}).status_code == 200


# ---- malformed queries -------------------------------------------------------------------------

@pytest.mark.parametrize("query", ["ASK {", "SELECT * WHERE {\n ?s ?p \n}", "SELEC * {}", "SELECT * { ?s ex:p ?o }",
                                   "", "   ", "SELECT * { <a b> ?p ?o }"])
def test_malformed_query_is_400_with_the_parser_message(client: TestClient, query: str) -> None:
    r = client.get("/sparql", params={"query": query})
    assert r.status_code == 400 and media(r) == "text/plain"
    try:
        ox.Store().query(query)
    except SyntaxError as error:
        expected = str(error)
    else:  # relative IRIs only fail without a base; the endpoint has one
        pytest.fail("the query parses")
    if expected.startswith("error at"):
        assert expected in r.text  # positions are in the client's text, not shifted by our BASE line


def test_too_long_and_too_deep_queries_are_refused(client: TestClient) -> None:
    deep = "SELECT (" + "(" * 300 + "1" + ")" * 300 + " AS ?x) {}"
    assert client.post("/sparql", content=deep, headers={"Content-Type": "application/sparql-query"}
                       ).status_code == 400
    fine = "SELECT (" + "(" * 200 + "1" + ")" * 200 + " AS ?x) {}"
    assert bindings(client.post("/sparql", content=fine, headers={"Content-Type": "application/sparql-query"})
                    ) == [{"x": "1"}]
    long = "ASK {} #" + "x" * 200_000
    assert client.post("/sparql", content=long, headers={"Content-Type": "application/sparql-query"}
                       ).status_code == 413


# ---- time and size limits ----------------------------------------------------------------------

@pytest.fixture
def big_store() -> EmbeddedStore:
    s = EmbeddedStore(None)
    s.replace_graph(G_A, [triple(f"urn:n{i}", NOTE, ox.Literal(str(i))) for i in range(1500)])
    return s


def test_slow_query_without_rows_times_out(big_store: EmbeddedStore) -> None:
    silent = f"SELECT ?a ?b WHERE {{ ?a <{NOTE}> ?x . ?b <{NOTE}> ?y FILTER(STRLEN(CONCAT(?x, ?y)) > 99) }}"
    with client_for(big_store, sparql_timeout_s=0.3, sparql_max_rows=10**9) as c:
        start = time.monotonic()
        r = c.get("/sparql", params={"query": silent})
        assert r.status_code == 503 and "0.3 s" in r.text
        assert time.monotonic() - start < 1.0


def test_slow_query_with_many_rows_times_out_not_truncates(big_store: EmbeddedStore) -> None:
    cross = f"SELECT ?a ?b WHERE {{ ?a <{NOTE}> ?x . ?b <{NOTE}> ?y }}"
    with client_for(big_store, sparql_timeout_s=0.3, sparql_max_rows=10**9) as c:
        for fmt in ("json", "tsv"):
            r = c.get("/sparql", params={"query": cross, "format": fmt})
            assert r.status_code == 503, r.status_code
        time.sleep(0.3)  # the workers stop at their next chunk; the endpoint answers again
        assert c.get("/sparql", params={"query": "ASK {}"}).status_code == 200


def test_row_limit_is_an_error_not_a_truncation(store: EmbeddedStore) -> None:
    with client_for(store, sparql_max_rows=3) as c:
        rows = c.get("/sparql", params={"query": "SELECT * { ?s ?p ?o }"})
        assert rows.status_code == 422 and "LIMIT" in rows.text and "3" in rows.text
        assert len(bindings(c.get("/sparql", params={"query": "SELECT * { ?s ?p ?o } LIMIT 3"}))) == 3
        triples = c.get("/sparql", params={"query": CONSTRUCT_ALL})
        assert triples.status_code == 422 and "triples" in triples.text
        assert len(graph(c.get("/sparql", params={"query": CONSTRUCT_ALL + " LIMIT 3"}))) == 3


# ---- service description, query page, CORS, store swap -----------------------------------------

def test_service_description_in_turtle_by_default(store: EmbeddedStore, client: TestClient) -> None:
    r = client.get("/sparql")
    assert r.status_code == 200 and media(r) == "text/turtle"
    g = graph(r)
    service = g.value(predicate=rdflib.RDF.type, object=SD.Service)
    assert service is not None
    assert (service, SD.feature, SD.UnionDefaultGraph) in g
    assert (service, SD.supportedLanguage, SD.SPARQL11Query) in g
    assert g.value(service, SD.endpoint) == rdflib.URIRef("http://testserver/sparql")
    assert rdflib.URIRef("http://www.w3.org/ns/formats/SPARQL_Results_JSON") in set(g.objects(service,
                                                                                             SD.resultFormat))
    assert set(g.objects(None, SD.name)) == {rdflib.URIRef(G_A), rdflib.URIRef(G_B)}
    assert g.value(g.value(service, SD.defaultDataset), SD.defaultGraph) is not None


@pytest.mark.parametrize("accept", ["application/ld+json", "application/rdf+xml", "application/n-triples"])
def test_service_description_by_negotiation(client: TestClient, accept: str) -> None:
    r = client.get("/sparql", headers={"Accept": accept})
    assert media(r) == accept
    assert (None, SD.feature, SD.UnionDefaultGraph) in graph(r)


def test_browser_gets_the_query_page(client: TestClient) -> None:
    r = client.get("/sparql", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert r.status_code == 200 and media(r) == "text/html"
    page = r.text
    assert '<label for="query">' in page and '<textarea id="query" name="query"' in page
    assert '<label for="format">' in page and '<select id="format" name="format">' in page
    assert 'method="get" action="/sparql"' in page
    assert "<script" not in page and "<link" not in page and "SELECT ?graaf" in page
    assert client.get("/sparql", params={"format": "html"}).headers["content-type"].startswith("text/html")


def test_query_page_form_submission_works(client: TestClient) -> None:
    from api.sparql_service import EXAMPLE_QUERY

    r = client.get("/sparql", params={"query": EXAMPLE_QUERY, "format": ""},
                   headers={"Accept": "text/html,*/*;q=0.8"})
    assert r.status_code == 200 and media(r) == "application/sparql-results+json"
    assert {row["graaf"] for row in bindings(r)} == {G_A, G_B}


def test_cors_preflight_and_headers(client: TestClient) -> None:
    pre = client.options("/sparql", headers={"Origin": "https://example.org", "Access-Control-Request-Method": "POST",
                                             "Access-Control-Request-Headers": "content-type"})
    assert pre.status_code == 200
    assert pre.headers["access-control-allow-origin"] in ("*", "https://example.org")
    assert "POST" in pre.headers["access-control-allow-methods"]
    r = client.post("/sparql", content="ASK {}", headers={"Origin": "https://example.org",
                                                         "Content-Type": "application/sparql-query"})
    assert r.status_code == 200 and "access-control-allow-origin" in r.headers


def test_store_provider_is_asked_on_every_request() -> None:
    first, second = EmbeddedStore(None), EmbeddedStore(None)
    fill(second)
    current = [first]
    with TestClient(app_for(lambda: current[0])) as c:
        assert c.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"] is False
        current[0] = second
        assert c.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"] is True


def test_openapi_has_one_operation_per_method(store: EmbeddedStore) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # FastAPI warns about duplicate operation ids
        schema = app_for(lambda: store).openapi()
    assert {m: op["operationId"] for m, op in schema["paths"]["/sparql"].items()} == {
        "get": "sparql_get", "post": "sparql_post"}
    assert "/sparql/" not in schema["paths"]


# ---- W3C SPARQL 1.1 Protocol tests -------------------------------------------------------------

def w3c_cases(prefix: tuple[str, ...]) -> list[Any]:
    return [pytest.param(case, id=case["name"]) for case in W3C["cases"] if case["name"].startswith(prefix)]


def w3c_store(case: dict[str, Any]) -> EmbeddedStore:
    s = EmbeddedStore(None)
    for name, file in case["graph_data"].items():
        s.replace_graph(name, ox.parse(path=DATA / file, format=ox.RdfFormat.N_TRIPLES))
    return s


def send(client: TestClient, request: dict[str, Any]) -> httpx.Response:
    body = request.get("body")
    content = body.encode(request["body_encoding"].lower()) if body is not None else None
    return client.request(request["method"], request["path"], content=content, headers=request["headers"])


def check_status(response: httpx.Response, expected: str) -> None:
    assert str(response.status_code)[0] == expected[0], (response.status_code, response.text)


def check_answer(response: httpx.Response, expect: dict[str, Any]) -> None:
    """The manifest's mf:expectedFormat and mf:expectedBoolean."""
    kind = media(response)
    if expect.get("format") == "boolean":
        assert kind in ("application/sparql-results+json", "application/sparql-results+xml")
        if "boolean" in expect:
            assert boolean(response) is expect["boolean"]
    elif expect.get("format") == "tabular":
        assert kind in RESULT_TYPES
        bindings(response)
    elif expect.get("format") == "RDF":
        assert kind in RDF_TYPES
        graph(response)


@pytest.mark.parametrize("case", w3c_cases(("query_", "bad_query_", "bad_multiple_queries")))
def test_w3c_protocol_query(case: dict[str, Any]) -> None:
    store = w3c_store(case)
    with client_for(store) as c:
        for request in case["requests"]:
            response = send(c, request)
            check_status(response, request["expect"]["status"])
            if request["expect"]["status"] == "2xx":
                check_answer(response, request["expect"])


@pytest.mark.parametrize("case", w3c_cases(("update_", "bad_update_", "bad_multiple_updates")))
def test_w3c_protocol_update_is_refused(case: dict[str, Any]) -> None:
    store = w3c_store(case)
    before = snapshot(store)
    with client_for(store) as c:
        update, *follow_ups = case["requests"]
        refused = send(c, update)
        assert 400 <= refused.status_code < 500, refused.status_code
        assert snapshot(store) == before
        for request in follow_ups:  # what the update would have changed is not there
            response = send(c, request)
            check_status(response, "2xx")
            if request["expect"].get("format") == "boolean":
                assert boolean(response) is False
            else:
                assert bindings(response) == []


def test_w3c_transcription_covers_the_manifest() -> None:
    names = [case["name"] for case in W3C["cases"]]
    assert len(names) == len(set(names)) == 34
    covered = {p.id for p in w3c_cases(("query_", "bad_query_", "bad_multiple_queries"))}
    covered |= {p.id for p in w3c_cases(("update_", "bad_update_", "bad_multiple_updates"))}
    assert covered == set(names)


def test_w3c_dataset_named_graph_uri_alone_makes_the_default_graph_empty() -> None:
    """SPARQL 1.1 Protocol §2.1.4: the request's dataset replaces the service's; no default-graph-uri, no
    default graph. The manifest's named-graph cases only ask GRAPH; these ask the default graph too."""
    case = next(c for c in W3C["cases"] if c["name"] == "query_dataset_named_graphs_get")
    data1, data2 = list(case["graph_data"])[:2]
    with client_for(w3c_store(case)) as c:
        def ask(query: str, **dataset: list[str]) -> bool:
            params = [("query", query), *((k.replace("_", "-"), g) for k, gs in dataset.items() for g in gs)]
            r = c.get("/sparql", params=params, headers={"Accept": "application/sparql-results+json"})
            assert r.status_code == 200, r.text
            return r.json()["boolean"]

        in_default = f"ASK {{ <{data1}> a ?type }}"
        in_named = f"ASK {{ GRAPH ?g {{ <{data1}> a ?type }} }}"
        assert ask(in_default) and ask(in_named)  # the service's dataset: union default graph, all named graphs
        assert not ask(in_default, named_graph_uri=[data1, data2])
        assert ask(in_named, named_graph_uri=[data1, data2])
        assert ask(in_default, default_graph_uri=[data1]) and not ask(in_named, default_graph_uri=[data1])
        assert not ask(f"ASK {{ <{data2}> a ?type }}", default_graph_uri=[data1], named_graph_uri=[data2])


def test_xml_answers_never_carry_a_character_xml_cannot_hold(client: TestClient) -> None:
    query = 'SELECT ("a\\u0000b" AS ?x) {}'
    xml = client.get("/sparql", params={"query": query, "format": "xml"})
    assert xml.status_code == 406 and "U+0000" in xml.text
    json_answer = client.get("/sparql", params={"query": query, "format": "json"})
    assert json_answer.status_code == 200 and json_answer.json()["results"]["bindings"][0]["x"]["value"] == "a\x00b"
