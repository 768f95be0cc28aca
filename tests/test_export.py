"""Dumps: every format parses back, with rdflib and with pyoxigraph, into the store's graph; the description."""

from __future__ import annotations

import io
import json
from collections import Counter
from datetime import datetime
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, RDF, VOID

from ontology import context
from ruimtegraaf.builds import DataFolder, read_manifest
from ruimtegraaf.dataset_description import (
    VCARD,
    dataset_iri,
    describe_dataset,
    description_graph_iri,
    dump_url,
    served_description,
)
from ruimtegraaf.errors import RuimtegraafError
from ruimtegraaf.export import DUMP_FORMATS, DumpFormat, dump_format, export
from ruimtegraaf.store import EmbeddedStore

# rdflib's JSON-LD parser (a second, independent reading of ours) uses its deprecated ConjunctiveGraph
pytestmark = [pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning"),
              pytest.mark.filterwarnings("ignore:Dataset.default_context is deprecated:DeprecationWarning")]

BASE = "https://w3id.org/ruimtegraaf/"
DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")  # rdflib's DefinedNamespace upsets pytest's collector
RG = BASE + "def/"
RDFLIB_FORMATS = {"turtle": "turtle", "ntriples": "nt", "nquads": "nquads", "trig": "trig", "jsonld": "json-ld",
                  "rdfxml": "xml"}


@pytest.fixture(scope="module")
def build(built) -> Path:
    current = DataFolder(built.data_dir).current()
    assert current is not None
    return current


@pytest.fixture(scope="module")
def store(build: Path) -> EmbeddedStore:
    return EmbeddedStore(build / "store", read_only=True)


@pytest.fixture(scope="module")
def description(build: Path, store: EmbeddedStore) -> rdflib.Graph:
    """The description ingest made and stored with the data."""
    graph, stored = served_description(build, store, BASE)
    assert stored
    return graph


@pytest.fixture(scope="module")
def expected_quads(store: EmbeddedStore) -> set[ox.Quad]:
    """What a quad dump must hold: the store's quads, the description's in its own named graph among them."""
    quads = set(store.native)
    assert {q.graph_name for q in quads if q.subject == ox.NamedNode(dataset_iri(BASE))} == {
        ox.NamedNode(description_graph_iri(BASE))}
    return quads


def dump(store: EmbeddedStore, fmt: DumpFormat | str, description: rdflib.Graph | None = None) -> bytes:
    """A dump; `description` is only given for a store that does not hold one (ingest stores it)."""
    out = io.BytesIO()
    export(store, out, fmt, description, base_iri=BASE)
    return out.getvalue()


def rdflib_quads(data: bytes, rdflib_format: str) -> set[tuple]:
    dataset = rdflib.Dataset()
    dataset.parse(data=data, format=rdflib_format)
    return {(s, p, o, g) for s, p, o, g in dataset.quads((None, None, None, None))}


@pytest.mark.parametrize("fmt", DUMP_FORMATS, ids=[f.name for f in DUMP_FORMATS])
def test_every_dump_parses_back_with_pyoxigraph(store, expected_quads, fmt: DumpFormat) -> None:
    data = dump(store, fmt)
    parsed = list(ox.parse(data, format=fmt.rdf_format))
    if fmt.quads:
        assert set(parsed) == expected_quads
        assert len(parsed) == len(expected_quads)  # nothing written twice
    else:
        triples = {q.triple for q in expected_quads}
        assert {q.triple for q in parsed} == triples
        assert all(isinstance(q.graph_name, ox.DefaultGraph) for q in parsed)


@pytest.fixture(scope="module")
def reference(expected_quads) -> set[tuple]:
    """The expected quads as rdflib reads them (rdflib normalises some literals; both sides get the same)."""
    quads = rdflib_quads(ox.serialize(sorted(expected_quads, key=str), format=ox.RdfFormat.N_QUADS), "nquads")
    assert not [t for q in quads for t in q if isinstance(t, rdflib.BNode)]  # so equal sets mean isomorphic
    return quads


@pytest.mark.parametrize("fmt", DUMP_FORMATS, ids=[f.name for f in DUMP_FORMATS])
def test_every_dump_parses_back_with_rdflib_into_an_isomorphic_graph(store, reference, fmt: DumpFormat) -> None:
    data = dump(store, fmt)
    if fmt.quads:
        assert rdflib_quads(data, RDFLIB_FORMATS[fmt.name]) == reference
        return
    got = rdflib.Graph().parse(data=data, format=RDFLIB_FORMATS[fmt.name])
    assert set(got) == {(s, p, o) for s, p, o, _ in reference}


def test_isomorphism_is_checked_with_blank_nodes_too(store) -> None:
    """The description has no blank nodes; a graph that has some still dumps into an isomorphic one."""
    g = rdflib.Graph(identifier=rdflib.URIRef(description_graph_iri(BASE)))
    node = rdflib.BNode()
    g.add((rdflib.URIRef(dataset_iri(BASE)), DCAT.contactPoint, node))
    g.add((node, VCARD.fn, rdflib.Literal("x")))
    for fmt, name in (("ttl", "turtle"), ("trig", "trig"), ("jsonld", "json-ld"), ("rdf", "xml")):
        back = rdflib.Graph()
        for s, p, o, _ in rdflib_quads(dump(EmbeddedStore(None), fmt, g), name):
            back.add((s, p, o))
        assert isomorphic(back, g), fmt


def test_without_a_description_the_dump_is_exactly_the_store(store) -> None:
    assert set(ox.parse(dump(store, "nq", None), format=ox.RdfFormat.N_QUADS)) == set(store.native)


def test_the_store_is_a_real_graph_with_named_graphs(store) -> None:
    graphs = store.graphs()
    assert f"{BASE}graph/reference" in graphs and f"{BASE}graph/catalog" in graphs and len(graphs) >= 8
    assert len(store) > 20_000
    assert description_graph_iri(BASE) in graphs  # the description is queryable like the data


def test_jsonld_dump_uses_the_published_context(store) -> None:
    doc = json.loads(dump(store, "jsonld"))
    assert doc["@context"] == context()["@context"]
    graphs = {g["@id"]: g["@graph"] for g in doc["@graph"]}
    assert description_graph_iri(BASE) in graphs and f"{BASE}graph/reference" in graphs
    nodes = [n for g in graphs.values() for n in g]
    afspraak = next(n for n in nodes if n.get("type") == "Afspraak")
    assert afspraak["id"].startswith(f"{BASE}id/afspraak/")  # the context's aliases and terms are used
    assert isinstance(afspraak["prefLabel"], dict) and "nl" in afspraak["prefLabel"]  # a language map
    assert afspraak["regio"].startswith(f"{BASE}id/landsdeel/")  # "@type": "@id" terms take plain strings
    passage = next(n for n in nodes if n.get("type") == "Passage")
    assert isinstance(passage["pagina"], str) and isinstance(passage["hasSource"], str)


def test_dumps_are_written_in_pieces_not_as_one_string(store) -> None:
    class Recorder(io.RawIOBase):
        def __init__(self) -> None:
            self.sizes: list[int] = []

        def writable(self) -> bool:
            return True

        def write(self, chunk) -> int:  # type: ignore[override]
            self.sizes.append(len(chunk))
            return len(chunk)

    for fmt in DUMP_FORMATS:
        recorder = Recorder()
        export(store, recorder, fmt, base_iri=BASE)
        assert sum(recorder.sizes) > 1_000_000, fmt.name
        assert len(recorder.sizes) > 50 and max(recorder.sizes) < 1_000_000, (fmt.name, max(recorder.sizes))


def test_dumps_hold_no_contact_data(store) -> None:
    from ruimtegraaf.privacy import has_contact_data

    nt = dump(store, "nt")
    literals = [q.object.value for q in ox.parse(nt, format=ox.RdfFormat.N_TRIPLES) if isinstance(q.object,
                                                                                                    ox.Literal)]
    assert literals and not [text for text in literals if has_contact_data(text)]


def test_format_names_and_aliases() -> None:
    for names, extension in ((("ttl", "turtle", "text/turtle"), "ttl"), (("nt", "ntriples"), "nt"),
                             (("nq", "nquads", "application/n-quads"), "nq"), (("trig",), "trig"),
                             (("jsonld", "json-ld", "application/ld+json"), "jsonld"),
                             (("rdf", "rdfxml", "xml", ".rdf"), "rdf")):
        assert {dump_format(name).extension for name in names} == {extension}
    with pytest.raises(RuimtegraafError, match="turtle"):
        dump_format("csv")


# ---- the dataset description -------------------------------------------------------------------

def value(g: rdflib.Graph, s, p) -> rdflib.term.Node:
    found = g.value(s, p)
    assert found is not None, (s, p)
    return found


def test_description_is_dcat_ap_nl(build, description) -> None:
    g, ds = description, rdflib.URIRef(dataset_iri(BASE))
    assert (ds, RDF.type, DCAT.Dataset) in g and (ds, RDF.type, VOID.Dataset) in g
    assert str(value(g, ds, DCTERMS.identifier)) == dataset_iri(BASE)
    for prop in (DCTERMS.title, DCTERMS.description):
        assert {lit.language for lit in g.objects(ds, prop)} == {"nl", "en"}
    assert "TOOI" in " ".join(str(d) for d in g.objects(ds, DCTERMS.description))
    assert value(g, ds, DCTERMS.publisher) == rdflib.URIRef(
        "https://identifier.overheid.nl/tooi/id/ministerie/mnre1171")
    contact = value(g, ds, DCAT.contactPoint)
    assert (contact, RDF.type, VCARD.Kind) in g and value(g, contact, VCARD.hasURL) == rdflib.URIRef(BASE)
    assert not list(g.objects(contact, VCARD.hasEmail))  # no invented addresses
    assert value(g, ds, DCTERMS.license) == rdflib.URIRef(  # CC0 1.0 in Geonovum's DCAT-AP-NL licence list
        "https://definities.geostandaarden.nl/dcat-ap-nl/id/waardelijst/licenties/cc0")
    assert value(g, ds, DCTERMS.accessRights) == rdflib.URIRef(
        "http://publications.europa.eu/resource/authority/access-right/PUBLIC")
    assert {str(t) for t in g.objects(ds, DCAT.theme)} == {  # the EU data themes; the project's own as subjects
        "http://publications.europa.eu/resource/authority/data-theme/GOVE",
        "http://publications.europa.eu/resource/authority/data-theme/REGI"}
    assert rdflib.URIRef(f"{BASE}id/thema/wonen") in set(g.objects(ds, DCTERMS.subject))
    created = datetime.fromisoformat(read_manifest(build)["created"].replace("Z", "+00:00"))
    assert value(g, ds, DCTERMS.modified).toPython() == created  # type: ignore[union-attr]


def test_description_has_a_distribution_per_dump_and_the_endpoint(description) -> None:
    g, ds = description, rdflib.URIRef(dataset_iri(BASE))
    downloads = {}
    for dist in g.objects(ds, DCAT.distribution):
        assert (dist, RDF.type, DCAT.Distribution) in g
        assert value(g, dist, DCTERMS.license) and value(g, dist, DCAT.accessURL)
        url = g.value(dist, DCAT.downloadURL)
        if url is not None:
            downloads[str(url)] = str(value(g, dist, DCAT.mediaType))
    assert downloads == {dump_url(BASE, f.extension): f.media_type_iri for f in DUMP_FORMATS}
    assert {str(u) for u in g.objects(ds, VOID.dataDump)} == set(downloads)
    service = g.value(predicate=DCAT.servesDataset, object=ds)
    assert service is not None and (service, RDF.type, DCAT.DataService) in g
    assert str(value(g, service, DCAT.endpointURL)) == f"{BASE}sparql" == str(value(g, ds, VOID.sparqlEndpoint))
    assert any(g.value(d, DCAT.accessService) == service for d in g.objects(ds, DCAT.distribution))


def test_void_statistics_match_the_store(store, description) -> None:
    g, ds = description, rdflib.URIRef(dataset_iri(BASE))
    triples = {q.triple for q in store.native}
    subjects = {t.subject for t in triples}
    assert int(value(g, ds, VOID.triples)) == len(triples)  # each triple once, though said in several graphs
    assert int(value(g, ds, VOID.distinctSubjects)) == len(subjects)
    assert int(value(g, ds, VOID.entities)) == len({s for s in subjects if s.value.startswith(BASE + "id/")})
    assert int(value(g, ds, VOID.properties)) == len({t.predicate for t in triples})
    rdf_type = ox.NamedNode(str(RDF.type))
    classes = Counter(t.object.value for t in triples if t.predicate == rdf_type)
    assert int(value(g, ds, VOID.classes)) == len(classes)
    partitions = {str(value(g, p, VOID["class"])): int(value(g, p, VOID.entities))
                  for p in g.objects(ds, VOID.classPartition)}
    assert partitions[RG + "Afspraak"] == classes[RG + "Afspraak"] > 100
    per_property = {str(value(g, p, VOID.property)): int(value(g, p, VOID.triples))
                    for p in g.objects(ds, VOID.propertyPartition)}
    assert sum(per_property.values()) == len(triples)


def test_void_example_resources_are_a_province_a_novex_area_and_an_agreement(store, description) -> None:
    examples = {str(e) for e in description.objects(rdflib.URIRef(dataset_iri(BASE)), VOID.exampleResource)}
    kinds = {e.split("/id/")[1].split("/")[0] for e in examples}
    assert kinds == {"provincie", "novexgebied", "afspraak"}
    for iri in examples:
        assert bool(store.query(f"ASK {{ <{iri}> a ?c }}"))


def test_description_follows_the_base_iri() -> None:
    empty = EmbeddedStore(None)
    g = describe_dataset(empty, "https://example.org/rg/")
    ds = rdflib.URIRef("https://example.org/rg/id/dataset/ruimtegraaf")
    assert str(g.identifier) == "https://example.org/rg/graph/dataset"
    assert str(value(g, ds, VOID.sparqlEndpoint)) == "https://example.org/rg/sparql"
    assert int(value(g, ds, VOID.triples)) == len(g)  # an empty store: the description counts only itself
    assert not list(g.objects(ds, VOID.exampleResource))
    iris = {str(t) for triple in g for t in triple if isinstance(t, rdflib.URIRef)}
    assert not {iri for iri in iris if iri.startswith(BASE) and not iri.startswith(RG)}
    assert not list(g.objects(ds, DCTERMS.subject))  # no SKOS themes in an empty store


# ---- the command line --------------------------------------------------------------------------

def test_cli_export_writes_a_file_in_each_format(built, tmp_path: Path, capsys) -> None:
    from cli.main import main

    for fmt in (dump_format("nt"), dump_format("jsonld")):  # export() itself is tested in every format above
        target = tmp_path / fmt.filename
        assert main(["export", "--format", fmt.name, "--output", str(target), "--data", str(built.data_dir),
                     "--model", "hash"]) == 0
        parsed = list(ox.parse(path=target, format=fmt.rdf_format))
        assert len(parsed) > 20_000
        assert any(q.subject == ox.NamedNode(dataset_iri(BASE)) for q in parsed)
        assert not (tmp_path / (fmt.filename + ".partial")).exists()
    assert main(["export", "--format", "csv", "--data", str(built.data_dir)]) == 1
    assert "unknown dump format" in capsys.readouterr().err


def test_cli_export_to_stdout(built, capsysbinary) -> None:
    from cli.main import main

    assert main(["export", "--format", "nt", "--data", str(built.data_dir), "--model", "hash"]) == 0
    out = capsysbinary.readouterr().out
    assert len(list(ox.parse(out, format=ox.RdfFormat.N_TRIPLES))) > 20_000


def test_cli_sparql_in_the_endpoints_formats(built, store, capsysbinary) -> None:
    from cli.main import main

    query = f"SELECT ?p WHERE {{ ?p a <{RG}Provincie> }} ORDER BY ?p"
    expected = [row["p"].value for row in store.query(query)]
    args = ["--data", str(built.data_dir), "--model", "hash"]
    assert main(["sparql", query, "--format", "csv", *args]) == 0
    lines = capsysbinary.readouterr().out.decode().splitlines()
    assert lines[0] == "p" and lines[1:] == expected
    assert main(["sparql", query, *args]) == 0  # JSON by default, as at /sparql
    body = json.loads(capsysbinary.readouterr().out)
    assert [b["p"]["value"] for b in body["results"]["bindings"]] == expected
    assert main(["sparql", "DESCRIBE <id/provincie/drenthe>", "--format", "nt", *args]) == 0  # BASE as at /sparql
    described = list(ox.parse(capsysbinary.readouterr().out, format=ox.RdfFormat.N_TRIPLES))
    assert described and {q.subject.value for q in described} == {BASE + "id/provincie/drenthe"}


@pytest.mark.parametrize(("query", "message"), [("SELEC *", "malformed query"),
                                                ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "read-only"),
                                                ("ASK {}", "unknown format")])
def test_cli_sparql_errors_say_what_to_do(built, capsys, query: str, message: str) -> None:
    from cli.main import main

    extra = ["--format", "png"] if message == "unknown format" else []
    assert main(["sparql", query, *extra, "--data", str(built.data_dir), "--model", "hash"]) == 1
    assert message in capsys.readouterr().err
