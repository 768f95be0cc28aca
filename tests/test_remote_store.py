"""RemoteStore against a real Oxigraph server: same answers and same /sparql results as the embedded store.

The server is the `oxigraph` PyPI package's CLI, started on a free loopback port and always stopped.
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient

from ruimtegraaf.builds import DataFolder
from ruimtegraaf.remote_store import RemoteStore, StoreQueryError, StoreUnavailable, open_store, query_form, sync_graphs
from ruimtegraaf.store import EmbeddedStore

pytestmark = pytest.mark.slow

BASE = "https://w3id.org/ruimtegraaf/"
GRAPH = BASE + "graph/"
P = """PREFIX rg: <https://w3id.org/ruimtegraaf/def/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <https://schema.org/>
PREFIX oa: <http://www.w3.org/ns/oa#>
"""
# (name, query, ordered): ordered queries must give the rows in the same order too
QUERIES = [
    ("select-union", P + "SELECT ?a ?tekst WHERE { ?a a rg:Afspraak ; rg:tekst ?tekst } ORDER BY ?a", True),
    ("select-graph", "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g", True),
    ("select-graph-vars", P + "SELECT ?g ?a WHERE { GRAPH ?g { ?a a rg:Afspraak } }", False),
    ("count-per-class", "SELECT ?c (COUNT(?x) AS ?n) WHERE { ?x a ?c } GROUP BY ?c ORDER BY DESC(?n) ?c", True),
    ("amounts-per-regio", P + """SELECT ?regio (COUNT(DISTINCT ?afspraak) AS ?afspraken) (SUM(?euro) AS ?totaal)
WHERE { ?afspraak a rg:Afspraak ; rg:regio ?r ; rg:bedrag ?bedrag . ?bedrag schema:value ?euro .
        ?r skos:prefLabel ?regio . FILTER(LANG(?regio) = "nl") }
GROUP BY ?regio ORDER BY DESC(?totaal) ?regio""", True),
    ("labels-lang", P + "SELECT ?x ?l WHERE { ?x skos:prefLabel ?l } ORDER BY ?x ?l", True),
    ("passages-page", P + "SELECT ?p ?page ?start WHERE { ?p a rg:Passage ; rg:pagina ?page ; "
                          "oa:hasSelector [ oa:start ?start ] } ORDER BY ?p LIMIT 300", True),
    ("optional-filter", P + "SELECT ?a ?t WHERE { ?a a rg:Afspraak OPTIONAL { ?a rg:termijn ?t } "
                            "FILTER(!BOUND(?t)) }", False),
    ("from", f"SELECT (COUNT(*) AS ?n) FROM <{GRAPH}catalog> WHERE {{ ?s ?p ?o }}", True),
    ("from-named", f"SELECT ?g (COUNT(*) AS ?n) FROM NAMED <{GRAPH}reference> "
                   "WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g", True),
    ("ask-true", P + "ASK { ?a a rg:Afspraak }", True),
    ("ask-false", P + "ASK { ?a a rg:GeenKlasse }", True),
    ("construct", P + "CONSTRUCT { ?a rg:regio ?r } WHERE { ?a a rg:Afspraak ; rg:regio ?r }", False),
    ("describe", f"DESCRIBE <{BASE}id/provincie/drenthe>", False),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def oxigraph_executable() -> str:
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.is_file() else shutil.which("oxigraph")
    if found is None:
        pytest.fail("the `oxigraph` server is not installed; `pip install -e '.[test]'` installs it")
    return found


@contextlib.contextmanager
def oxigraph_server(location: Path, *flags: str) -> Iterator[str]:
    """A running `oxigraph serve` on a free loopback port; yields its base URL and always stops it."""
    port = free_port()
    log_path = location.parent / f"oxigraph-{port}.log"
    log = log_path.open("wb")
    process = subprocess.Popen([oxigraph_executable(), "serve", "--location", str(location),
                                "--bind", f"127.0.0.1:{port}", *flags], stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=2):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"oxigraph did not start: {log_path.read_text()}") from None
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def remote_for(base: str, **kwargs: object) -> RemoteStore:
    options: dict = {"timeout": 60, "union": "oxigraph"} | kwargs
    return RemoteStore(f"{base}/query", f"{base}/update", f"{base}/store", **options)


@pytest.fixture(scope="module")
def build(built) -> Path:
    current = DataFolder(built.data_dir).current()
    assert current is not None
    return current


@pytest.fixture(scope="module")
def embedded(build) -> EmbeddedStore:
    return EmbeddedStore(build / "store", read_only=True)


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph") / "db") as base:
        yield base


@pytest.fixture(scope="module")
def remote(server, embedded) -> RemoteStore:
    store = remote_for(server)
    assert sync_graphs(embedded, store) == len(embedded.graphs())
    return store


def rows(result: ox.QuerySolutions) -> tuple[list[str], list[tuple[str | None, ...]]]:
    names = [v.value for v in result.variables]
    return names, [tuple(None if s[n] is None else str(s[n]) for n in names) for s in result]


def same(a: object, b: object, ordered: bool) -> None:
    """Both results are of one kind and hold the same answers (in the same order when `ordered`)."""
    assert type(a) is type(b)
    if isinstance(a, ox.QueryBoolean):
        assert bool(a) == bool(b)
    elif isinstance(a, ox.QueryTriples):
        assert {str(t) for t in a} == {str(t) for t in b}  # type: ignore[union-attr]
    else:
        (va, ra), (vb, rb) = rows(a), rows(b)  # type: ignore[arg-type]
        assert va == vb
        assert (ra if ordered else sorted(ra, key=repr)) == (rb if ordered else sorted(rb, key=repr))
        assert ra, "a comparison on an empty answer proves little"


def test_same_graphs_and_size(remote, embedded):
    assert remote.graphs() == embedded.graphs()
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert rows(remote.query(count)) == rows(embedded.query(count))  # type: ignore[arg-type]


def assert_union_has_set_semantics(store) -> None:
    """COUNT(*) over the default graph is void:triples; each class partition is what SELECT counts."""
    count = int(rows(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"))[1][0][0].split('"')[1])
    void_triples = rows(store.query(f"SELECT ?n WHERE {{ <{BASE}id/dataset/ruimtegraaf> "
                                    "<http://rdfs.org/ns/void#triples> ?n }"))[1]
    assert [count] == [int(n[0].split('"')[1]) for n in void_triples]
    partitions = rows(store.query(
        f"SELECT ?c ?n WHERE {{ <{BASE}id/dataset/ruimtegraaf> <http://rdfs.org/ns/void#classPartition> "
        "[ <http://rdfs.org/ns/void#class> ?c ; <http://rdfs.org/ns/void#entities> ?n ] } ORDER BY ?c"))[1]
    counted = rows(store.query("SELECT ?c (COUNT(*) AS ?n) WHERE { ?s a ?c FILTER(isIRI(?c)) } GROUP BY ?c "
                               "ORDER BY ?c"))[1]
    assert len(partitions) > 20 and partitions == counted


def test_default_graph_counts_each_triple_once(remote, embedded):
    """The same numbers on the embedded store and on `oxigraph serve` (union by the request parameter)."""
    assert_union_has_set_semantics(embedded)
    assert_union_has_set_semantics(remote)


@pytest.mark.parametrize(("name", "sparql", "ordered"), QUERIES, ids=[q[0] for q in QUERIES])
def test_same_answers(remote, embedded, name, sparql, ordered):
    same(embedded.query(sparql), remote.query(sparql), ordered)


@pytest.mark.parametrize("dataset", [
    {"default_graphs": [GRAPH + "reference"]},
    {"named_graphs": [GRAPH + "catalog"]},
    {"default_graphs": [GRAPH + "catalog", GRAPH + "reference"], "named_graphs": [GRAPH + "reference"]},
], ids=["default", "named-only", "both"])
def test_same_answers_with_protocol_dataset(remote, embedded, dataset):
    sparql = ("SELECT ?g (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } } "
              "GROUP BY ?g ORDER BY ?g")
    same(embedded.query(sparql, **dataset), remote.query(sparql, **dataset), True)


def test_dump_is_the_same(remote, embedded):
    for fmt in (ox.RdfFormat.N_QUADS, ox.RdfFormat.N_TRIPLES):
        a, b = io.BytesIO(), io.BytesIO()
        embedded.dump(a, fmt)
        remote.dump(b, fmt)
        assert set(a.getvalue().splitlines()) == set(b.getvalue().splitlines())


def test_replace_and_remove_graph(remote):
    graph = GRAPH + "scratch"
    triple = ox.Triple(ox.NamedNode("urn:a"), ox.NamedNode("urn:p"), ox.Literal("één", language="nl"))
    other = ox.Triple(ox.NamedNode("urn:b"), ox.NamedNode("urn:p"), ox.Literal("2", datatype=ox.NamedNode(
        "http://www.w3.org/2001/XMLSchema#integer")))
    remote.replace_graph(graph, [triple])
    remote.replace_graph(graph, [other])  # replaces, does not add
    found = remote.query(f"SELECT ?s ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    assert rows(found)[1] == [("<urn:b>", str(other.object))]  # type: ignore[arg-type]
    remote.remove_graph(graph)
    remote.remove_graph(graph)  # removing a missing graph is fine
    assert graph not in remote.graphs()


def test_replace_graph_over_sparql_update(server):
    store = RemoteStore(f"{server}/query", f"{server}/update", None, timeout=30, union="oxigraph")
    graph = GRAPH + "scratch-update"
    text = ox.Literal('aanhalingsteken " en nieuwe\nregel')
    store.replace_graph(graph, [ox.Triple(ox.NamedNode("urn:a"), ox.NamedNode("urn:p"), text)])
    found = store.query(f"SELECT ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    assert [s["o"] for s in found] == [text]  # type: ignore[union-attr]
    store.remove_graph(graph)
    assert graph not in store.graphs()


def test_read_only_store_refuses_writes(server):
    store = RemoteStore(f"{server}/query", timeout=10)
    assert store.read_only
    with pytest.raises(Exception, match="read-only"):
        store.replace_graph(GRAPH + "x", [])


def test_malformed_query_fails_like_the_embedded_store(remote, embedded):
    with pytest.raises(SyntaxError) as local:
        embedded.query("SELECT ?s WHERE { ?s ?p }")
    with pytest.raises(SyntaxError) as far:
        remote.query("SELECT ?s WHERE { ?s ?p }")
    assert str(local.value) == str(far.value)
    with pytest.raises(StoreQueryError, match="400"):  # ASK is checked by the server, not evaluated here
        remote.query("ASK { ?s ?p }")


def test_query_form_never_evaluates_service():
    assert query_form("SELECT * WHERE { SERVICE <http://127.0.0.1:1/q> { ?s ?p ?o } }") == "solutions"
    assert query_form("# SELECT\nPREFIX ask: <urn:x>\nDESCRIBE ask:y") == "triples"
    assert query_form("BASE <urn:construct>\nask {}") == "boolean"


def test_unreachable_server_names_url_and_setting():
    store = RemoteStore(f"http://127.0.0.1:{free_port()}/query", timeout=5)
    with pytest.raises(StoreUnavailable, match=r"127\.0\.0\.1:\d+/query.*store_url") as error:
        store.query("SELECT * WHERE { ?s ?p ?o }")
    assert isinstance(error.value, OSError)  # the /sparql endpoint answers OSError with 503


def test_union_check_catches_a_server_without_union_default(remote, server):
    remote.check_union_default_graph()
    with pytest.raises(Exception, match="not the union"):
        remote_for(server, union="server").check_union_default_graph()
    explicit = remote_for(server, union="explicit")
    explicit.check_union_default_graph()
    same(remote.query(QUERIES[0][1]), explicit.query(QUERIES[0][1]), True)


def test_long_dataset_lists_travel_in_a_form_body(remote, embedded, server, monkeypatch):
    from ruimtegraaf import remote_store

    monkeypatch.setattr(remote_store, "MAX_URL", 40)  # every request with parameters goes form-encoded
    explicit = remote_for(server, union="explicit")
    for _, sparql, ordered in QUERIES[:5]:
        same(embedded.query(sparql), explicit.query(sparql), ordered)
    dataset = {"default_graphs": [GRAPH + "catalog"], "named_graphs": [GRAPH + "reference"]}
    sparql = "SELECT ?g (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } } GROUP BY ?g ORDER BY ?g"
    same(embedded.query(sparql, **dataset), explicit.query(sparql, **dataset), True)


def test_server_started_with_union_default_graph(tmp_path, embedded):
    with oxigraph_server(tmp_path / "db", "--union-default-graph") as base:
        store = remote_for(base, union="server")
        sync_graphs(embedded, store)
        store.check_union_default_graph()
        assert_union_has_set_semantics(store)
        for _, sparql, ordered in QUERIES:
            if "FROM" not in sparql:  # this server flag overrides a query's FROM (docs/deploy.md)
                same(embedded.query(sparql), store.query(sparql), ordered)


def test_open_store_picks_remote_when_configured(build, server):
    from ruimtegraaf.settings import Settings

    assert isinstance(open_store(Settings(), build), EmbeddedStore)
    settings = Settings()
    object.__setattr__(settings, "store_url", f"{server}/query")  # until Settings has the store_* fields
    object.__setattr__(settings, "store_union", "oxigraph")
    store = open_store(settings, build)
    assert isinstance(store, RemoteStore)
    assert store.union == "oxigraph" and store.read_only


# ---------------------------------------------------------------------------------------------------------
# GET /sparql through the app: the same bytes (or the same result set) from either store.


@pytest.fixture(scope="module")
def clients(built, build, remote) -> Iterator[tuple[TestClient, TestClient]]:
    from api.app import create_app
    from ruimtegraaf.dataset import Dataset, ServedData
    from ruimtegraaf.embed import HashEmbedder

    local = Dataset.load(build, built.corpus_dir, HashEmbedder())
    far = replace(local, store=remote)
    with TestClient(create_app(built, data=ServedData.fixed(local))) as a, \
            TestClient(create_app(built, data=ServedData.fixed(far))) as b:
        yield a, b


@pytest.mark.parametrize(("name", "sparql", "ordered"), QUERIES, ids=[q[0] for q in QUERIES])
@pytest.mark.parametrize("accept", ["application/sparql-results+json", "text/csv"])
def test_sparql_endpoint_gives_the_same_results(clients, name, sparql, ordered, accept):
    a, b = (c.get("/sparql", params={"query": sparql}, headers={"Accept": accept + ", text/turtle;q=0.5"})
            for c in clients)
    assert a.status_code == b.status_code == 200, (a.text[:300], b.text[:300])
    assert a.headers["content-type"] == b.headers["content-type"]
    if ordered and query_form(sparql) != "triples":
        assert a.content == b.content
    elif query_form(sparql) == "triples":
        parsed = [{str(t) for t in ox.parse(r.content, format=ox.RdfFormat.TURTLE)} for r in (a, b)]
        assert parsed[0] == parsed[1] and parsed[0]
    elif accept.endswith("json"):
        ja, jb = a.json(), b.json()
        assert ja["head"] == jb["head"]
        key = lambda row: json.dumps(row, sort_keys=True)  # noqa: E731
        assert sorted(ja["results"]["bindings"], key=key) == sorted(jb["results"]["bindings"], key=key)
    else:
        assert sorted(a.text.splitlines()) == sorted(b.text.splitlines())


@pytest.mark.parametrize("params", [
    {"query": "SELECT ?s WHERE { ?s ?p }"},  # malformed: the same message
    {"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "default-graph-uri": GRAPH + "catalog"},
    {"query": "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
     "named-graph-uri": GRAPH + "reference"},
    {"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 0"},
], ids=["malformed", "default-graph-uri", "named-graph-uri", "empty"])
def test_sparql_endpoint_protocol_cases_match(clients, params):
    a, b = (c.get("/sparql", params=params, headers={"Accept": "application/sparql-results+json"})
            for c in clients)
    assert (a.status_code, a.content) == (b.status_code, b.content)


def test_service_description_lists_the_same_graphs(clients):
    a, b = (c.get("/sparql", headers={"Accept": "application/n-triples"}) for c in clients)
    assert a.status_code == b.status_code == 200

    def names(body: bytes) -> set[str]:
        sd_name = "http://www.w3.org/ns/sparql-service-description#name"
        return {t.object.value for t in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)
                if t.predicate.value == sd_name}

    assert names(a.content) == names(b.content) and names(a.content)


def test_sparql_endpoint_answers_503_when_the_server_is_gone(built, build):
    from api.app import create_app
    from ruimtegraaf.dataset import Dataset, ServedData
    from ruimtegraaf.embed import HashEmbedder

    gone = RemoteStore(f"http://127.0.0.1:{free_port()}/query", timeout=5)
    data = ServedData.fixed(replace(Dataset.load(build, built.corpus_dir, HashEmbedder()), store=gone))
    with TestClient(create_app(built, data=data)) as client:
        response = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1"})
    assert response.status_code == 503
    assert "cannot be reached" in response.text and "Traceback" not in response.text


def test_the_app_serves_from_the_external_store_its_settings_name(built, remote, server):
    from dataclasses import replace as with_

    from api.app import create_app
    from ruimtegraaf.embed import HashEmbedder

    only_remote = "urn:x-test:only-in-the-external-store"
    remote.replace_graph(only_remote, [ox.Triple(ox.NamedNode("urn:a"), ox.NamedNode("urn:p"), ox.Literal("x"))])
    try:
        settings = with_(built, store_url=f"{server}/query", store_gsp_url=f"{server}/store",
                         store_union="oxigraph")
        ask = f"ASK {{ GRAPH <{only_remote}> {{ ?s ?p ?o }} }}"
        with TestClient(create_app(settings, embedder=HashEmbedder())) as client:
            body = client.get("/sparql", params={"query": ask}, headers={"Accept": "application/sparql-results+json"})
        assert body.status_code == 200 and body.json()["boolean"] is True
    finally:
        remote.remove_graph(only_remote)


def test_an_incremental_ingest_sends_only_the_changed_graphs(tmp_path, small):
    from dataclasses import replace as with_

    from ingest.pipeline import ingest
    from ruimtegraaf.embed import HashEmbedder

    corpus = small.corpus_dir
    with oxigraph_server(tmp_path / "db") as base:
        settings = with_(small, store_url=f"{base}/query", store_gsp_url=f"{base}/store", store_union="oxigraph")
        ingest(settings, HashEmbedder())
        (corpus / "004_086ed10f4ee8c79e.txt").unlink()
        (corpus / "005-nieuw.txt").write_text("Een nieuwe brief over de Nota Ruimte en de NOVEX-gebieden, met "
                                              "afspraken tussen Rijk en regio over woningbouw.\n", encoding="utf-8")
        messages: list[str] = []
        report = ingest(settings, HashEmbedder(), log=messages.append)
        assert report.incremental and [m for m in messages if m.startswith("sent ")] == [  # and the description
            f"sent {len(report.graphs_written) + 1} named graphs to {base}/query"]
        assert len(report.graphs_written) == 1 and report.graphs_removed
        remote, local = remote_for(base), EmbeddedStore(report.build / "store", read_only=True)
        assert remote.graphs() == local.graphs()
        dump = "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"
        same(local.query(dump), remote.query(dump), ordered=False)

        remote.remove_graph(GRAPH + "reference")  # a server that lost a graph gets it back with the next change
        (corpus / "005-nieuw.txt").write_text("Een gewijzigde brief over de Nota Ruimte.\n", encoding="utf-8")
        report = ingest(settings, HashEmbedder())
        assert report.graphs_written == [GRAPH + "005-nieuw"]
        local = EmbeddedStore(report.build / "store", read_only=True)
        same(local.query(dump), remote.query(dump), ordered=False)


def test_a_federated_query_is_refused_before_anything_is_sent():
    """Issue 11: the external store never gets a SERVICE to run, however it is written."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parent))
    from live_server import Listener

    with Listener() as server:
        store = RemoteStore(server.url, timeout=5)
        for query in (f"SELECT * {{ SERVICE <{server.url}> {{ ?s ?p ?o }} }}",
                      f"SELECT * {{ BIND(1 AS ?k) .service <{server.url}> {{ ?s ?p ?o }} }}",
                      f"ASK {{ ?s ?p ?o FILTER EXISTS {{ SERVICESILENT <{server.url}> {{}} }} }}"):
            with pytest.raises(StoreQueryError, match="SERVICE"):
                store.query(query)
    assert server.received == []
