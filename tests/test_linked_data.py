"""Linked data: /id/ 303s, /doc/ negotiation, the ontology under /def/, the dataset description and the dumps."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pyoxigraph as ox
import pytest
import rdflib
from fastapi import FastAPI
from fastapi.testclient import TestClient
from rdflib.namespace import OWL, RDF, RDFS, VOID

from api.linked_data import linked_data_router
from ontology import RG_IRI, context, ontology_graph
from ruimtegraaf.dataset_description import dataset_iri, description_graph_iri
from ruimtegraaf.export import DUMP_FORMATS
from ruimtegraaf.settings import Settings
from ruimtegraaf.store import EmbeddedStore

pytestmark = [pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning"),
              pytest.mark.filterwarnings("ignore:Dataset.default_context is deprecated:DeprecationWarning")]

BASE = "https://w3id.org/ruimtegraaf/"
DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")  # rdflib's DefinedNamespace upsets pytest's collector
DRENTHE = BASE + "id/provincie/drenthe"
RDF_TYPES = {"text/turtle": "turtle", "application/n-triples": "nt", "application/ld+json": "json-ld",
             "application/rdf+xml": "xml"}
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def no_server_error(response: httpx.Response) -> None:
    assert response.status_code != 500, response.read()


def with_linked_data(app: FastAPI, settings: Settings) -> FastAPI:
    """Include the linked-data routes first, unless create_app does so already (then its order stands)."""
    with TestClient(app) as probe:
        if probe.get("/def/context.jsonld").status_code == 200:
            return app
    app.include_router(linked_data_router(app.state.data, settings))
    app.router.routes.insert(0, app.router.routes.pop())  # before any other /doc/ route
    app.openapi_schema = None
    return app


@pytest.fixture(scope="module")
def ld(built) -> Iterator[TestClient]:
    from api.app import create_app
    from ruimtegraaf.embed import HashEmbedder

    app = with_linked_data(create_app(built, embedder=HashEmbedder()), built)
    with TestClient(app) as client:
        client.event_hooks["response"] = [no_server_error]
        yield client


def media(response: httpx.Response) -> str:
    return response.headers["content-type"].split(";")[0].strip()


def graph(response: httpx.Response) -> rdflib.Graph:
    """The response's RDF as one rdflib graph (JSON-LD named graphs merged)."""
    dataset = rdflib.Dataset()
    dataset.parse(data=response.content, format=RDF_TYPES[media(response)])
    merged = rdflib.Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        merged.add((s, p, o))
    return merged


def oxigraph(response: httpx.Response) -> set[ox.Triple]:
    formats = {"text/turtle": ox.RdfFormat.TURTLE, "application/n-triples": ox.RdfFormat.N_TRIPLES,
               "application/ld+json": ox.RdfFormat.JSON_LD, "application/rdf+xml": ox.RdfFormat.RDF_XML}
    return {q.triple for q in ox.parse(response.content, format=formats[media(response)])}


def store_of(ld: TestClient) -> Any:
    return ld.app.state.data.get().store  # type: ignore[attr-defined]


# ---- /id/ ----------------------------------------------------------------------------------------

def test_id_answers_303_to_the_doc_page_on_the_same_host(ld: TestClient) -> None:
    r = ld.get("/id/provincie/drenthe", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/doc/provincie/drenthe"
    kept = ld.get("/id/provincie/drenthe", params={"format": "ttl"}, follow_redirects=False)
    assert kept.headers["location"] == "/doc/provincie/drenthe?format=ttl"
    followed = ld.get("/id/provincie/drenthe", headers={"Accept": "text/turtle"})
    assert followed.status_code == 200 and str(followed.url).endswith("/doc/provincie/drenthe")
    assert (rdflib.URIRef(DRENTHE), RDF.type, rdflib.URIRef(RG_IRI + "Provincie")) in graph(followed)


@pytest.mark.parametrize("path", ["/id/provincie/nergens", "/id/onbekend/drenthe", "/id/provincie/a%20b",
                                  "/id/provincie/%3Cx%3E", "/doc/provincie/nergens"])
def test_unknown_things_are_404(ld: TestClient, path: str) -> None:
    r = ld.get(path, follow_redirects=False, headers={"Accept": "text/turtle"})
    assert r.status_code == 404 and media(r) == "text/plain"


def test_every_kind_of_thing_dereferences(ld: TestClient) -> None:
    rows = store_of(ld).query(f'SELECT ?kind (SAMPLE(?s) AS ?thing) WHERE {{ ?s ?p ?o FILTER(isIRI(?s) && '
                              f'!CONTAINS(STR(?s), "#") && STRSTARTS(STR(?s), "{BASE}id/")) '
                              f'BIND(STRBEFORE(STRAFTER(STR(?s), "{BASE}id/"), "/") AS ?kind) }} GROUP BY ?kind')
    things = [row["thing"].value for row in rows]
    assert len(things) >= 12
    for iri in things:
        path = iri[len(BASE) - 1:]
        r = ld.get(path, follow_redirects=False)
        assert r.status_code == 303, iri
        described = oxigraph(ld.get(r.headers["location"], params={"format": "nt"}))
        assert ox.NamedNode(iri) in {t.subject for t in described}, iri


# ---- /doc/: what a thing's description holds ---------------------------------------------------

def test_doc_holds_outgoing_and_incoming_triples(ld: TestClient) -> None:
    store = store_of(ld)
    r = ld.get("/doc/provincie/drenthe", headers={"Accept": "application/n-triples"})
    got = oxigraph(r)
    node = ox.NamedNode(DRENTHE)
    outgoing = set(store.query(f"CONSTRUCT WHERE {{ {node} ?p ?o }}"))
    incoming = set(store.query(f"CONSTRUCT {{ ?s ?p {node} }} WHERE {{ ?s ?p {node} }}"))
    assert outgoing and incoming and outgoing | incoming <= got
    assert all(node in (t.subject, t.object) for t in got)


def test_doc_of_a_passage_holds_its_hash_iris(ld: TestClient) -> None:
    store = store_of(ld)
    passage = next(iter(store.query(f"SELECT ?p WHERE {{ ?p a <{RG_IRI}Passage> }} LIMIT 1")))["p"].value
    got = oxigraph(ld.get(passage[len(BASE) - 1:].replace("/id/", "/doc/", 1), params={"format": "ttl"}))
    selectors = {t.object for t in got if t.predicate.value == "http://www.w3.org/ns/oa#hasSelector"}
    assert {s.value for s in selectors} == {passage + "#citaat", passage + "#tekstpositie"}
    for selector in selectors:
        assert set(store.query(f"CONSTRUCT WHERE {{ {selector} ?p ?o }}")) <= got


def test_doc_holds_hash_iris_that_the_thing_does_not_link(ld: TestClient) -> None:
    """NOVEX factsheet fields (`<document#fase>`) hang off the NOVEX area, yet belong to the document's IRI."""
    rows = list(store_of(ld).query('SELECT ?h WHERE { ?h ?p ?o FILTER(STRENDS(STR(?h), "#fase")) } LIMIT 1'))
    if not rows:
        pytest.skip("no factsheet fields in this build")
    field_iri = rows[0]["h"].value
    owner = field_iri.split("#")[0]
    got = oxigraph(ld.get(owner[len(BASE) - 1:].replace("/id/", "/doc/", 1), params={"format": "nt"}))
    assert ox.NamedNode(field_iri) in {t.subject for t in got}


# ---- /doc/: negotiation ------------------------------------------------------------------------

@pytest.mark.parametrize("accept", list(RDF_TYPES))
def test_doc_in_every_rdf_format_by_accept(ld: TestClient, accept: str) -> None:
    r = ld.get("/doc/provincie/drenthe", headers={"Accept": accept})
    assert r.status_code == 200 and media(r) == accept and r.headers["vary"].startswith("Accept")
    turtle = oxigraph(ld.get("/doc/provincie/drenthe", params={"format": "turtle"}))
    assert oxigraph(r) == turtle  # pyoxigraph reads every format into the same triples
    assert len(graph(r)) == len(turtle)  # and so does rdflib


@pytest.mark.parametrize(("name", "expected"), [("ttl", "text/turtle"), ("turtle", "text/turtle"),
                                                ("nt", "application/n-triples"), ("jsonld", "application/ld+json"),
                                                ("rdfxml", "application/rdf+xml"), ("html", "text/html")])
def test_format_parameter_overrides_accept(ld: TestClient, name: str, expected: str) -> None:
    r = ld.get("/doc/provincie/drenthe", params={"format": name}, headers={"Accept": "image/png"})
    assert r.status_code == 200 and media(r) == expected


def test_doc_jsonld_is_compacted_with_the_published_context(ld: TestClient) -> None:
    doc = ld.get("/doc/provincie/drenthe", headers={"Accept": "application/ld+json"}).json()
    assert doc["@context"] == context()["@context"]
    node = next(n for n in doc["@graph"] if n["id"] == DRENTHE)
    assert node["type"] == "Provincie" and node["prefLabel"]["nl"] == "Drenthe"


def test_doc_link_header_lists_the_alternates(ld: TestClient) -> None:
    r = ld.get("/doc/provincie/drenthe", headers={"Accept": "text/turtle"})
    link = r.headers["link"]
    for fmt, kind in (("turtle", "text/turtle"), ("ntriples", "application/n-triples"),
                      ("jsonld", "application/ld+json"), ("rdfxml", "application/rdf+xml"), ("html", "text/html")):
        assert f'</doc/provincie/drenthe?format={fmt}>; rel="alternate"; type="{kind}"' in link


def test_doc_is_html_for_browsers_and_by_default(ld: TestClient) -> None:
    for headers in ({"Accept": BROWSER}, {}, {"Accept": "*/*"}):
        r = ld.get("/doc/provincie/drenthe", headers=headers)
        assert r.status_code == 200 and media(r) == "text/html", headers
        assert "Drenthe" in r.text and r.headers["vary"].startswith("Accept")


def test_doc_html_falls_back_to_a_plain_page_when_the_entity_page_knows_nothing(ld: TestClient, monkeypatch) -> None:
    from api.pages.render import PageError

    def unknown(*_: object) -> str:
        raise PageError(404, "not here")

    monkeypatch.setattr("api.linked_data.entity_page", unknown)
    r = ld.get("/doc/provincie/drenthe", headers={"Accept": BROWSER}, params={"lang": "en"})
    assert r.status_code == 200 and media(r) == "text/html"
    assert '<html lang="en">' in r.text and f"<code>{DRENTHE}</code>" in r.text
    assert 'href="/doc/landsdeel/noord-nederland"' in r.text  # things of the graph link to their pages here
    assert "<script" not in r.text


def test_doc_refuses_formats_it_cannot_write(ld: TestClient) -> None:
    for kwargs in ({"headers": {"Accept": "image/png"}}, {"params": {"format": "csv"}},
                   {"headers": {"Accept": "text/html;q=0, text/turtle;q=0"}}):
        r = ld.get("/doc/provincie/drenthe", **kwargs)
        assert r.status_code == 406 and "format=turtle" in r.text and r.headers["vary"].startswith("Accept")


# ---- /def/ -----------------------------------------------------------------------------------------

def test_ontology_in_turtle_by_default(ld: TestClient) -> None:
    for path in ("/def", "/def/"):
        r = ld.get(path)
        assert r.status_code == 200 and media(r) == "text/turtle"
        got = graph(r)
        assert (rdflib.URIRef(RG_IRI), RDF.type, OWL.Ontology) in got
        assert set(got) == set(ontology_graph())


@pytest.mark.parametrize("accept", ["application/ld+json", "application/rdf+xml", "application/n-triples"])
def test_ontology_by_negotiation(ld: TestClient, accept: str) -> None:
    r = ld.get("/def/", headers={"Accept": accept})
    assert media(r) == accept and len(graph(r)) == len(ontology_graph())


def test_ontology_page_for_people(ld: TestClient) -> None:
    r = ld.get("/def/", headers={"Accept": BROWSER})
    assert r.status_code == 200 and media(r) == "text/html"
    onto = ontology_graph()
    for cls in onto.subjects(RDF.type, OWL.Class):
        if str(cls).startswith(RG_IRI):
            local = str(cls)[len(RG_IRI):]
            assert f'<section id="{local}">' in r.text
            for label in onto.objects(cls, RDFS.label):
                assert str(label) in r.text
    assert '<dd lang="en">' in r.text and '<dd lang="nl">' in r.text


def test_one_term(ld: TestClient) -> None:
    r = ld.get("/def/Afspraak", headers={"Accept": "text/turtle"})
    got = graph(r)
    assert {str(s) for s in got.subjects()} == {RG_IRI + "Afspraak"}
    assert {lit.language for lit in got.objects(None, RDFS.label)} == {"nl", "en"}
    page = ld.get("/def/Afspraak", headers={"Accept": BROWSER}, follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"] == "/def/#Afspraak"
    assert ld.get("/def/Bestaatniet").status_code == 404


def test_json_ld_context_is_served(ld: TestClient) -> None:
    r = ld.get("/def/context.jsonld")
    assert r.status_code == 200 and media(r) == "application/ld+json" and r.json() == context()


# ---- the dataset description ---------------------------------------------------------------------

def test_dataset_description_at_the_well_known_place(ld: TestClient) -> None:
    r = ld.get("/.well-known/void")
    assert r.status_code == 200 and media(r) == "text/turtle"
    g = graph(r)
    ds = rdflib.URIRef(dataset_iri(BASE))
    assert (ds, RDF.type, VOID.Dataset) in g and (ds, RDF.type, DCAT.Dataset) in g
    assert str(g.value(ds, VOID.sparqlEndpoint)) == BASE + "sparql"
    assert int(g.value(ds, VOID.triples)) > 20_000
    assert set(graph(ld.get("/dataset"))) == set(g)


@pytest.mark.parametrize("accept", ["application/ld+json", "application/rdf+xml", "application/n-triples"])
def test_dataset_description_by_negotiation(ld: TestClient, accept: str) -> None:
    r = ld.get("/.well-known/void", headers={"Accept": accept})
    assert media(r) == accept
    assert (rdflib.URIRef(dataset_iri(BASE)), RDF.type, VOID.Dataset) in graph(r)


def test_dataset_description_html_and_its_iri_dereferences(ld: TestClient) -> None:
    page = ld.get("/dataset", headers={"Accept": BROWSER})
    assert media(page) == "text/html" and dataset_iri(BASE) in page.text
    r = ld.get("/id/dataset/ruimtegraaf", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/doc/dataset/ruimtegraaf"
    described = graph(ld.get("/doc/dataset/ruimtegraaf", headers={"Accept": "text/turtle"}))
    assert (rdflib.URIRef(dataset_iri(BASE)), RDF.type, DCAT.Dataset) in described
    assert ld.get("/doc/dataset/ruimtegraaf", headers={"Accept": BROWSER}).status_code == 200


# ---- dumps over HTTP ---------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", DUMP_FORMATS, ids=[f.extension for f in DUMP_FORMATS])
def test_dumps_over_http(ld: TestClient, fmt) -> None:
    with ld.stream("GET", f"/dumps/{fmt.filename}") as r:
        assert r.status_code == 200 and media(r) == fmt.media_type
        assert r.headers["content-disposition"] == f'attachment; filename="{fmt.filename}"'
        pieces = list(r.iter_raw())
    body = b"".join(pieces)
    assert int(r.headers["content-length"]) == len(body) > 1_000_000
    quads = list(ox.parse(body, format=fmt.rdf_format))
    store = store_of(ld)
    assert {q.triple for q in store.native} <= {q.triple for q in quads}
    described = [q for q in quads if q.subject == ox.NamedNode(dataset_iri(BASE))]
    assert described  # the dumps include the dataset description
    if fmt.quads:
        assert {q.graph_name for q in described} == {ox.NamedNode(description_graph_iri(BASE))}


def test_unknown_dump_is_404(ld: TestClient) -> None:
    r = ld.get("/dumps/ruimtegraaf.csv")
    assert r.status_code == 404 and "ruimtegraaf.ttl" in r.text


# ---- another base IRI --------------------------------------------------------------------------

@dataclass
class FakeDataset:
    store: EmbeddedStore
    manifest: dict[str, Any] = field(default_factory=dict)


class FixedData:
    def __init__(self, dataset: FakeDataset) -> None:
        self.dataset = dataset

    def get(self) -> FakeDataset:
        return self.dataset


def test_paths_map_to_iris_under_the_configured_base() -> None:
    base = "https://data.example.org/rg/"
    store = EmbeddedStore(None)
    thing = ox.NamedNode(base + "id/provincie/x")
    store.replace_graph(base + "graph/a", [ox.Triple(thing, ox.NamedNode(str(RDFS.label)), ox.Literal("X"))])
    app = FastAPI()
    app.include_router(linked_data_router(FixedData(FakeDataset(store)), Settings(base_iri=base)))  # type: ignore
    with TestClient(app) as c:
        assert c.get("/id/provincie/x", follow_redirects=False).headers["location"] == "/doc/provincie/x"
        doc = c.get("/doc/provincie/x", headers={"Accept": "application/n-triples"})
        assert oxigraph(doc) == {ox.Triple(thing, ox.NamedNode(str(RDFS.label)), ox.Literal("X"))}
        void = graph(c.get("/.well-known/void"))
        ds = rdflib.URIRef(base + "id/dataset/ruimtegraaf")
        assert str(void.value(ds, VOID.sparqlEndpoint)) == base + "sparql"
        dump = {q.triple for q in ox.parse(c.get("/dumps/ruimtegraaf.nt").content, format=ox.RdfFormat.N_TRIPLES)}
        assert int(void.value(ds, VOID.triples)) == len(dump) == 1 + len(void)  # the one triple and the description
        assert json.loads(c.get("/dumps/ruimtegraaf.jsonld").content)["@context"] == context()["@context"]
