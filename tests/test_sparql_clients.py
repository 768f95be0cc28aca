"""Real clients against a live server (uvicorn on a loopback port): SPARQLWrapper, rdflib, Comunica.

Slow: each module starts uvicorn in a thread over the session's built data (hash embedder). Comunica
(@comunica/query-sparql) comes from npm through tests/setup-node.sh, which this module runs itself;
its tests are skipped, with the reason, when node or npm is missing or the install fails.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import time
import urllib.error
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pyoxigraph as ox
import pytest
import rdflib
from fastapi import FastAPI
from fastapi.testclient import TestClient
from live_server import LiveServer
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import (
    ASK as ASK_FORM,
)
from SPARQLWrapper import (
    CONSTRUCT as CONSTRUCT_FORM,
)
from SPARQLWrapper import (
    CSV,
    GET,
    JSON,
    JSONLD,
    N3,
    POST,
    POSTDIRECTLY,
    RDF,
    RDFXML,
    TSV,
    TURTLE,
    XML,
    SPARQLWrapper,
)
from SPARQLWrapper import (
    DESCRIBE as DESCRIBE_FORM,
)
from SPARQLWrapper import (
    SELECT as SELECT_FORM,
)
from SPARQLWrapper.SPARQLExceptions import EndPointInternalError, QueryBadFormed

from ruimtegraaf.settings import Settings

pytestmark = pytest.mark.slow

HERE = Path(__file__).resolve().parent
COMUNICA = HERE / ".node" / "node_modules" / ".bin" / "comunica-sparql"
BASE = "https://w3id.org/ruimtegraaf/"
RG = BASE + "def/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DRENTHE = BASE + "id/provincie/drenthe"
PROVINCES = (f"PREFIX rg: <{RG}>\nPREFIX skos: <{SKOS}>\nSELECT ?p ?label WHERE {{ ?p a rg:Provincie ; "
             'skos:prefLabel ?label FILTER(LANG(?label) = "nl") } ORDER BY ?p')
AGREEMENTS_PER_REGION = (f"PREFIX rg: <{RG}>\nSELECT ?regio (COUNT(?a) AS ?n) WHERE {{ ?a a rg:Afspraak ; "
                         "rg:regio ?regio } GROUP BY ?regio ORDER BY ?regio")
# no solutions and about two seconds of work: a timeout, not a row limit, stops it
SLOW = (f"PREFIX rg: <{RG}>\nSELECT ?a ?p WHERE {{ ?a a rg:Afspraak . ?p rg:pagina ?n . ?q rg:pagina ?m "
        "FILTER(STRLEN(CONCAT(STR(?a), STR(?p), STR(?q))) < 0) }")  # 169 × 1,713 × 1,713 rows: never in time


def app_for(settings: Settings) -> FastAPI:
    """create_app over the built data, with the linked-data routes first unless create_app includes them."""
    from api.app import create_app
    from api.linked_data import linked_data_router
    from ruimtegraaf.embed import HashEmbedder

    app = create_app(settings, embedder=HashEmbedder())
    with TestClient(app) as probe:
        if probe.get("/def/context.jsonld").status_code == 200:
            return app
    app.include_router(linked_data_router(app.state.data, settings))
    app.router.routes.insert(0, app.router.routes.pop())
    return app


@pytest.fixture(scope="module")
def live(built) -> Iterator[LiveServer]:
    with LiveServer(app_for(built)) as server:
        yield server


@pytest.fixture(scope="module")
def limited(built) -> Iterator[LiveServer]:
    """A server with a short deadline and a small row limit, for the documented errors."""
    with LiveServer(app_for(replace(built, sparql_timeout_s=0.5, sparql_max_rows=1000))) as server:
        yield server


@pytest.fixture(scope="module")
def direct(built) -> Any:
    """The same store, queried without HTTP: what every client must get."""
    from ruimtegraaf.builds import DataFolder
    from ruimtegraaf.store import EmbeddedStore

    build = DataFolder(built.data_dir).current()
    assert build is not None
    return EmbeddedStore(build / "store", read_only=True)


def rows(store: Any, query: str) -> list[dict[str, str]]:
    return [{str(v)[1:]: term.value for v in solutions.variables if (term := row[v]) is not None}
            for solutions in [store.query(query)] for row in solutions]


def wrapper(server: LiveServer, query: str, method: str, fmt: str) -> SPARQLWrapper:
    sw = SPARQLWrapper(server.url + "/sparql")
    sw.setQuery(query)
    sw.setMethod(POST if method in (POST, POSTDIRECTLY) else GET)
    if method == POSTDIRECTLY:
        sw.setRequestMethod(POSTDIRECTLY)
    sw.setReturnFormat(fmt)
    return sw


def bindings(result: Any, fmt: str) -> list[dict[str, str]]:
    """SPARQLWrapper's converted SELECT result as {variable: value} rows."""
    if fmt == JSON:
        return [{k: v["value"] for k, v in b.items()} for b in result["results"]["bindings"]]
    out = []
    for r in result.getElementsByTagName("result"):
        row = {}
        for b in r.getElementsByTagName("binding"):
            value = next(n for n in b.childNodes if n.nodeType == n.ELEMENT_NODE)
            row[b.getAttribute("name")] = "".join(t.data for t in value.childNodes if t.nodeType == t.TEXT_NODE)
        out.append(row)
    return out


# ---- SPARQLWrapper -----------------------------------------------------------------------------

@pytest.mark.parametrize("method", [GET, POST, POSTDIRECTLY])
@pytest.mark.parametrize("fmt", [JSON, XML])
def test_sparqlwrapper_select(live: LiveServer, direct: Any, method: str, fmt: str) -> None:
    for query in (PROVINCES, AGREEMENTS_PER_REGION):
        result = wrapper(live, query, method, fmt).query().convert()
        assert bindings(result, fmt) == rows(direct, query)
    assert len(rows(direct, PROVINCES)) == 12


@pytest.mark.parametrize("fmt", [JSON, XML])
def test_sparqlwrapper_ask(live: LiveServer, fmt: str) -> None:
    yes = wrapper(live, f"ASK {{ <{DRENTHE}> ?p ?o }}", GET, fmt).query().convert()
    no = wrapper(live, f"ASK {{ <{DRENTHE}x> ?p ?o }}", POST, fmt).query().convert()
    if fmt == JSON:
        assert yes["boolean"] is True and no["boolean"] is False
    else:
        assert [b.firstChild.data for b in yes.getElementsByTagName("boolean")] == ["true"]
        assert [b.firstChild.data for b in no.getElementsByTagName("boolean")] == ["false"]


def test_sparqlwrapper_describe_in_turtle(live: LiveServer, direct: Any) -> None:
    body = wrapper(live, f"DESCRIBE <{DRENTHE}>", GET, TURTLE).query().convert()
    got = rdflib.Graph().parse(data=body, format="turtle")
    described = direct.query(f"DESCRIBE <{DRENTHE}>").serialize(format=ox.RdfFormat.N_TRIPLES)
    expected = rdflib.Graph().parse(data=described, format="nt")
    assert len(got) > 10 and set(got) == set(expected)


# ---- SPARQLWrapper: every query form x every return format it offers for it x every way of sending ---

CONSTRUCT_DRENTHE = (f"PREFIX skos: <{SKOS}>\nCONSTRUCT {{ ?p skos:prefLabel ?l }} WHERE {{ "
                     f"BIND(<{DRENTHE}> AS ?p) ?p skos:prefLabel ?l }}")
FORMS = {SELECT_FORM: (JSON, XML, CSV, TSV), ASK_FORM: (JSON, XML, CSV, TSV),
         CONSTRUCT_FORM: (TURTLE, N3, XML, RDFXML, JSONLD, JSON, RDF), DESCRIBE_FORM: (TURTLE, N3, XML, RDFXML,
                                                                                    JSONLD, JSON, RDF)}
MATRIX = [(form, fmt, method) for form, formats in FORMS.items() for fmt in formats
          for method in (GET, POST, POSTDIRECTLY)]


def expected_graph(direct: Any, query: str) -> set[Any]:
    data = direct.query(query).serialize(format=ox.RdfFormat.N_TRIPLES)
    return set(rdflib.Graph().parse(data=data, format="nt"))


def as_graph(result: Any, fmt: str) -> rdflib.Graph:
    """SPARQLWrapper's converted CONSTRUCT/DESCRIBE answer as an rdflib graph."""
    if isinstance(result, rdflib.Graph):
        return result
    if isinstance(result, dict):  # JSON: the JSON-LD document, parsed by json
        return rdflib.Graph().parse(data=json.dumps(result), format="json-ld")
    return rdflib.Graph().parse(data=result, format={TURTLE: "turtle", N3: "n3"}.get(fmt, "turtle"))


def table(result: Any, fmt: str) -> list[dict[str, str]]:
    """SPARQLWrapper's converted SELECT answer as {variable: value} rows."""
    if fmt in (JSON, XML):
        return bindings(result, fmt)
    if fmt == CSV:
        return [{k: v for k, v in row.items() if v} for row in csv.DictReader(io.StringIO(result.decode("utf-8")))]
    parsed = ox.parse_query_results(result, ox.QueryResultsFormat.TSV)
    return [{str(v)[1:]: term.value for v in parsed.variables if (term := row[v]) is not None} for row in parsed]


@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # SPARQLWrapper warns when it sends Accept: */*
@pytest.mark.parametrize(("form", "fmt", "method"), MATRIX, ids=[f"{f}-{r}-{m}" for f, r, m in MATRIX])
def test_sparqlwrapper_matrix(live: LiveServer, direct: Any, form: str, fmt: str, method: str) -> None:
    query = {SELECT_FORM: PROVINCES, ASK_FORM: f"ASK {{ <{DRENTHE}> ?p ?o }}", CONSTRUCT_FORM: CONSTRUCT_DRENTHE,
             DESCRIBE_FORM: f"DESCRIBE <{DRENTHE}>"}[form]
    result = wrapper(live, query, method, fmt).query().convert()
    if form == SELECT_FORM:
        assert table(result, fmt) == rows(direct, query)
    elif form == ASK_FORM:
        if fmt == JSON:
            assert result["boolean"] is True
        elif fmt == XML:
            assert [b.firstChild.data for b in result.getElementsByTagName("boolean")] == ["true"]
        else:
            assert result.decode().strip().splitlines()[-1] == "true"
    else:
        got = set(as_graph(result, fmt))
        assert got == expected_graph(direct, query) and len(got) >= 2


@pytest.mark.parametrize("return_format", ["xml", "json"])
def test_rdflib_sparqlstore_settings(live: LiveServer, direct: Any, return_format: str) -> None:
    """rdflib's SPARQLStore with its default and with JSON results: SELECT, ASK, CONSTRUCT and len()."""
    graph = rdflib.Graph(store=SPARQLStore(live.url + "/sparql", returnFormat=return_format))
    got = [{k: str(v) for k, v in row.asdict().items()} for row in graph.query(PROVINCES)]
    assert got == rows(direct, PROVINCES)
    assert graph.query(f"ASK {{ <{DRENTHE}> ?p ?o }}").askAnswer is True
    assert set(graph.query(CONSTRUCT_DRENTHE).graph) == expected_graph(direct, CONSTRUCT_DRENTHE)
    count = rows(direct, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[0]["n"]
    assert len(graph) == int(count)


# ---- rdflib ------------------------------------------------------------------------------------

@pytest.mark.parametrize("method", ["GET", "POST", "POST_FORM"])
def test_rdflib_sparqlstore(live: LiveServer, direct: Any, method: str) -> None:
    graph = rdflib.Graph(store=SPARQLStore(live.url + "/sparql", method=method))
    got = [{k: str(v) for k, v in row.asdict().items()} for row in graph.query(PROVINCES)]
    assert got == rows(direct, PROVINCES)
    labels = set(graph.objects(rdflib.URIRef(DRENTHE), rdflib.URIRef(SKOS + "prefLabel")))
    assert {(str(label), label.language) for label in labels} >= {("Drenthe", "nl"), ("Drenthe", "en")}


def test_rdflib_follows_the_303_and_reads_the_linked_data(live: LiveServer) -> None:
    graph = rdflib.Graph().parse(live.url + "/id/provincie/drenthe")
    assert (rdflib.URIRef(DRENTHE), rdflib.RDF.type, rdflib.URIRef(RG + "Provincie")) in graph


# ---- Comunica ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def comunica() -> Path:
    if not (shutil.which("node") and shutil.which("npm")):
        pytest.skip("node and npm are not installed; Comunica (@comunica/query-sparql) needs them")
    setup = subprocess.run(["bash", str(HERE / "setup-node.sh")], capture_output=True, text=True, timeout=600)
    if setup.returncode != 0 or not COMUNICA.exists():
        pytest.skip(f"tests/setup-node.sh could not install Comunica from npm: {setup.stderr.strip()[-300:]}")
    return COMUNICA


def comunica_select(binary: Path, source: str, query: str) -> list[dict[str, str]]:
    done = subprocess.run([str(binary), source, "-q", query, "-t", "application/sparql-results+json"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return [{k: v["value"] for k, v in b.items()} for b in json.loads(done.stdout)["results"]["bindings"]]


def test_comunica_on_the_endpoint(live: LiveServer, direct: Any, comunica: Path) -> None:
    for query in (PROVINCES, AGREEMENTS_PER_REGION):
        assert comunica_select(comunica, f"sparql@{live.url}/sparql", query) == rows(direct, query)


def test_comunica_on_the_linked_data(live: LiveServer, comunica: Path) -> None:
    query = f'SELECT ?label WHERE {{ <{DRENTHE}> <{SKOS}prefLabel> ?label FILTER(LANG(?label) = "nl") }}'
    assert comunica_select(comunica, f"{live.url}/id/provincie/drenthe", query) == [{"label": "Drenthe"}]


# ---- the documented errors, on the live server -------------------------------------------------

def http_error(sw: SPARQLWrapper) -> urllib.error.HTTPError:
    with pytest.raises(urllib.error.HTTPError) as caught:
        sw.query()
    return caught.value


def test_update_is_refused_403(limited: LiveServer) -> None:
    sw = wrapper(limited, "INSERT DATA { <urn:a> <urn:b> <urn:c> }", POST, JSON)
    error = http_error(sw)
    assert error.code == 403 and b"read-only" in error.read()
    r = httpx.post(limited.url + "/sparql", content="DROP ALL", headers={"Content-Type": "application/sparql-update"})
    assert r.status_code == 403


def test_timeout_is_503_on_time(limited: LiveServer) -> None:
    start = time.monotonic()
    error = http_error(wrapper(limited, SLOW, GET, JSON))
    assert error.code == 503 and b"did not finish within 0.5 s" in error.read()
    assert time.monotonic() - start < 1.5


def test_oversized_result_is_422_not_truncated(limited: LiveServer) -> None:
    error = http_error(wrapper(limited, "SELECT * WHERE { ?s ?p ?o }", GET, JSON))
    assert error.code == 422 and b"LIMIT" in error.read()
    fine = wrapper(limited, "SELECT * WHERE { ?s ?p ?o } LIMIT 1000", POST, JSON).query().convert()
    assert len(fine["results"]["bindings"]) == 1000


def test_malformed_query_is_400(limited: LiveServer) -> None:
    with pytest.raises(QueryBadFormed, match="malformed query"):
        wrapper(limited, "SELECT * WHERE { ?s ?p ", GET, JSON).query()


def test_no_request_got_a_500(live: LiveServer, limited: LiveServer) -> None:
    for server in (live, limited):
        for query, fmt in (("SELECT * WHERE { ?s ?p ?o } LIMIT 1", XML), ("ASK {", JSON),
                           ("CONSTRUCT WHERE { ?s ?p ?o } LIMIT 5", TURTLE), (SLOW, JSON)):
            try:
                wrapper(server, query, GET, fmt).query()
            except EndPointInternalError as error:  # pragma: no cover - the failure this guards against
                pytest.fail(f"500 for {query!r}: {error}")
            except (QueryBadFormed, urllib.error.HTTPError):
                pass
