"""The default graph is the union of the named graphs with set semantics: each triple once, whatever the engine.

Ingest stores a triple in one home graph (`ingest.homes`), so the union has nothing to count twice; the
dataset description is stored too, so what /sparql counts, what VoID says and what the dumps hold agree.
"""

from __future__ import annotations

from collections import Counter

import pyoxigraph as ox
import pytest
import rdflib

from ingest.homes import home_order, stated_earlier, stored_triples
from ingest.staging import stage
from ruimtegraaf.builds import DataFolder
from ruimtegraaf.dataset_description import dataset_iri
from ruimtegraaf.export import DUMP_FORMATS
from ruimtegraaf.store import EmbeddedStore

BASE = "https://w3id.org/ruimtegraaf/"
VOID = "http://rdfs.org/ns/void#"
RG = BASE + "def/"


@pytest.fixture(scope="module")
def store(built) -> EmbeddedStore:
    build = DataFolder(built.data_dir).current()
    assert build is not None
    return EmbeddedStore(build / "store", read_only=True)


def number(store: EmbeddedStore, query: str) -> int:
    rows = list(store.query(query))  # type: ignore[arg-type]
    return int(rows[0][0].value)


def void_numbers(store: EmbeddedStore) -> tuple[int, dict[str, int], dict[str, int]]:
    """void:triples, the class partitions and the property partitions, as the stored description says them."""
    ds = f"<{dataset_iri(BASE)}>"
    triples = number(store, f"SELECT ?n WHERE {{ {ds} <{VOID}triples> ?n }}")
    classes = {r["c"].value: int(r["n"].value) for r in store.query(  # type: ignore[union-attr]
        f"SELECT ?c ?n WHERE {{ {ds} <{VOID}classPartition> [ <{VOID}class> ?c ; <{VOID}entities> ?n ] }}")}
    properties = {r["p"].value: int(r["n"].value) for r in store.query(  # type: ignore[union-attr]
        f"SELECT ?p ?n WHERE {{ {ds} <{VOID}propertyPartition> [ <{VOID}property> ?p ; <{VOID}triples> ?n ] }}")}
    return triples, classes, properties


def test_no_triple_is_stored_in_two_graphs(store: EmbeddedStore) -> None:
    homes = Counter(q.triple for q in store.native)
    assert homes and max(homes.values()) == 1


def test_default_graph_count_equals_void_triples_and_the_dumps(client, store: EmbeddedStore) -> None:
    counted = number(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    triples, _, _ = void_numbers(store)
    assert counted == triples == len(store) > 20_000
    for fmt in DUMP_FORMATS:
        body = client.get(f"/dumps/{fmt.filename}").content
        assert len({q.triple for q in ox.parse(body, format=fmt.rdf_format)}) == triples, fmt.name


def test_class_and_property_partitions_agree_with_select_counts(store: EmbeddedStore) -> None:
    _, classes, properties = void_numbers(store)
    plain = {r["c"].value: int(r["n"].value) for r in store.query(  # type: ignore[union-attr]
        "SELECT ?c (COUNT(*) AS ?n) WHERE { ?s a ?c FILTER(isIRI(?c)) } GROUP BY ?c")}
    assert classes == plain  # COUNT(*) over the union, not COUNT(DISTINCT): nothing is seen twice
    assert classes[RG + "Partij"] == number(store, f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s a <{RG}Partij> }}") > 10
    per_property = {r["p"].value: int(r["n"].value) for r in store.query(  # type: ignore[union-attr]
        "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p")}
    assert properties == per_property


def test_a_triple_the_reference_data_states_lives_in_the_reference_graph(store: EmbeddedStore) -> None:
    """Agreements name reference parties (the Rijk) and the startpakket restates where NOVEX areas lie."""
    rijk = f"<{BASE}id/organisatie/rijk> a <{RG}Rijk>"
    graphs = [r["g"].value for r in store.query(f"SELECT ?g WHERE {{ GRAPH ?g {{ {rijk} }} }}")]  # type: ignore
    assert graphs == [BASE + "graph/reference"]
    assert bool(store.query(f"ASK {{ GRAPH ?g {{ ?a <{RG}partij> <{BASE}id/organisatie/rijk> }} "
                            f"FILTER(?g != <{BASE}graph/reference>) }}"))


def test_home_rule() -> None:
    """The first graph in the order keeps a shared triple; the others drop it; unshared triples stay."""
    ex = rdflib.Namespace("urn:x:")
    shared, only_b = (ex.a, ex.p, ex.o), (ex.a, ex.q, ex.o)
    made = {name: rdflib.Graph() for name in ("g/b", "g/a", "g/reference")}
    for name in made:
        made[name].add(shared)
    made["g/b"].add(only_b)
    graphs = stage(made.items())
    order = home_order(list(graphs), ["g/reference", "g/catalog"])
    assert order == ["g/reference", "g/a", "g/b"]
    repeated = stated_earlier(graphs, order)
    assert set(repeated) == {"g/a", "g/b"}
    assert [str(t) for t in stored_triples(graphs["g/b"], repeated["g/b"])] == ["<urn:x:a> <urn:x:q> <urn:x:o>"]
    assert len(stored_triples(graphs["g/reference"], repeated.get("g/reference"))) == 1
