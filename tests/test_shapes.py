"""The SHACL shapes: valid fixtures conform, each invalid fixture fails for the reason its header states.

Shape tests as data: `data/shapes/valid/*.ttl` must conform; `data/shapes/invalid/<shape>-<what-breaks>.ttl`
must fail, and its header names the one shape that must report it and the constraint component:
    # expect-shape: rgsh:Afspraak-partij
    # expect-component: sh:MinCountConstraintComponent
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from rdflib import RDF, BNode, Graph, Literal, Namespace, URIRef

import shapes
from ontology import DEFAULT_BASE, RG, reference_graph

SH = Namespace("http://www.w3.org/ns/shacl#")
RGSH = shapes.SHAPES_IRI
DATA = Path(__file__).parent / "data" / "shapes"
VALID = sorted((DATA / "valid").glob("*.ttl"))
INVALID = sorted((DATA / "invalid").glob("*.ttl"))
HEADER = re.compile(r"^# expect-shape: rgsh:(\S+)\n# expect-component: sh:(\S+)$", re.M)


def expectation(path: Path) -> tuple[URIRef, URIRef]:
    """The shape and constraint component an invalid fixture's header promises."""
    match = HEADER.search(path.read_text(encoding="utf-8"))
    assert match, f"{path.name}: header lacks '# expect-shape:' / '# expect-component:'"
    return URIRef(RGSH + match.group(1)), URIRef(str(SH) + match.group(2))


def results(report: shapes.ShapesReport) -> list[tuple[URIRef, URIRef, URIRef | None]]:
    """(source shape, constraint component, result path) for every result in a report."""
    graph = report.graph
    return [
        (graph.value(r, SH.sourceShape), graph.value(r, SH.sourceConstraintComponent), graph.value(r, SH.resultPath))
        for r in graph.subjects(RDF.type, SH.ValidationResult)
    ]


@pytest.fixture(scope="module")
def shapes_graph() -> Graph:
    return shapes.shapes_graph()


def property_shapes(graph: Graph) -> set[URIRef]:
    return {s for s in graph.subjects(RDF.type, SH.PropertyShape) if isinstance(s, URIRef)}


def test_every_shape_is_targeted_grouped_and_explained(shapes_graph: Graph) -> None:
    named = property_shapes(shapes_graph)
    assert len(named) > 30
    for shape in named:
        assert str(shape).startswith(RGSH)
        assert shapes_graph.value(shape, SH.targetClass) is not None, shape
        assert shapes_graph.value(shape, SH.group) is not None, shape
        languages = {m.language for m in shapes_graph.objects(shape, SH.message) if isinstance(m, Literal)}
        assert {"nl", "en"} <= languages, shape
    assert not list(shapes_graph.subjects(RDF.type, SH.SPARQLConstraint))


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_valid_fixture_conforms(path: Path) -> None:
    report = shapes.validate(Graph().parse(path))
    assert report.conforms, report.text


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_fixture_fails_for_the_stated_reason(path: Path, shapes_graph: Graph) -> None:
    shape, component = expectation(path)
    assert (shape, RDF.type, SH.PropertyShape) in shapes_graph, f"{path.name}: unknown shape {shape}"
    assert path.stem.startswith(str(shape)[len(RGSH) :] + "-"), "file name must start with the shape name"
    report = shapes.validate(Graph().parse(path))
    assert not report.conforms
    found = results(report)
    assert {s for s, _, _ in found} == {shape}, report.text
    assert component in {c for _, c, _ in found}, report.text
    expected_path = shapes_graph.value(shape, SH.path)
    if not isinstance(expected_path, BNode):  # sequence paths come back as lists; skip those
        assert {p for _, _, p in found} == {expected_path}


def test_every_shape_has_an_invalid_fixture(shapes_graph: Graph) -> None:
    covered = {expectation(path)[0] for path in INVALID}
    assert property_shapes(shapes_graph) <= covered, property_shapes(shapes_graph) - covered


def test_validate_leaves_the_data_alone() -> None:
    data = Graph().parse(VALID[0])
    before = len(data)
    shapes.validate(data)
    assert len(data) == before


def test_validate_with_another_base() -> None:
    base = "https://data.example.org/rg/"
    assert shapes.validate(reference_graph(base), base_iri=base).conforms


def synthetic_graph(passages: int, agreements: int) -> Graph:
    """A graph shaped like an ingest result: passages with selectors, agreements with amounts."""
    oa = Namespace("http://www.w3.org/ns/oa#")
    sdo = Namespace("https://schema.org/")
    prov = Namespace("http://www.w3.org/ns/prov#")
    dct = Namespace("http://purl.org/dc/terms/")
    xsd = Namespace("http://www.w3.org/2001/XMLSchema#")
    ident = DEFAULT_BASE + "id/"
    g = Graph()
    doc, bol = URIRef(ident + "document/bench"), URIRef(ident + "overleg/bench")
    g.add((doc, RDF.type, RG.Bundel))
    g.add((doc, dct.title, Literal("Bench")))
    g.add((bol, RDF.type, RG.BOLeefomgeving))
    g.add((bol, dct.date, Literal("2025-06-02", datatype=xsd.date)))
    g.add((bol, RG.landsdeel, URIRef(ident + "landsdeel/noord-nederland")))
    for i in range(passages):
        p, sel, quote = URIRef(f"{ident}passage/p{i}"), BNode(), BNode()
        g.add((p, RDF.type, RG.Passage))
        g.add((p, oa.hasSource, doc))
        g.add((p, oa.hasSelector, sel))
        g.add((sel, RDF.type, oa.TextPositionSelector))
        g.add((sel, oa.start, Literal(i * 10)))
        g.add((sel, oa.end, Literal(i * 10 + 9)))
        g.add((p, oa.hasSelector, quote))
        g.add((quote, RDF.type, oa.TextQuoteSelector))
        g.add((quote, oa.exact, Literal(f"tekst {i}")))
        g.add((p, RG.kopPad, Literal("A › B")))
        g.add((p, RG.pagina, Literal(1 + i // 40)))
    for i in range(agreements):
        a, amount = URIRef(f"{ident}afspraak/a{i}"), URIRef(f"{ident}bedrag/a{i}")
        g.add((a, RDF.type, RG.Afspraak))
        g.add((a, RG.partij, URIRef(ident + "organisatie/rijk")))
        g.add((a, RG.partij, URIRef(ident + "provincie/drenthe")))
        g.add((a, RG.gemaaktOp, bol))
        g.add((a, prov.wasDerivedFrom, URIRef(f"{ident}passage/p{i}")))
        g.add((a, RG.tekst, Literal(f"afspraak {i}", lang="nl")))
        g.add((a, RG.soort, URIRef(ident + "afspraaksoort/procesafspraak")))
        g.add((a, dct.subject, URIRef(ident + "thema/wonen")))
        g.add((a, RG.bedrag, amount))
        g.add((amount, RDF.type, RG.Bedrag))
        g.add((amount, sdo.value, Literal("1000000", datatype=xsd.decimal)))
        g.add((amount, sdo.currency, Literal("EUR")))
    return g


@pytest.mark.slow
def test_validation_of_a_large_graph_is_fast() -> None:
    graph = synthetic_graph(passages=8000, agreements=2000)
    assert len(graph) > 100_000
    started = time.perf_counter()
    report = shapes.validate(graph)
    assert report.conforms, report.text[:2000]
    assert time.perf_counter() - started < 30


def test_each_document_is_validated_with_the_types_of_what_it_links_to() -> None:
    from ruimtegraaf.validation import validate_documents

    letters = synthetic_graph(3, 0)  # a document with passages and the meeting
    agreements = Graph()  # agreements that point at those passages and that meeting
    for t in synthetic_graph(3, 2):
        if any(part in str(t[0]) for part in ("/afspraak/", "/bedrag/")):
            agreements.add(t)
    reference = reference_graph()
    drenthe = URIRef(DEFAULT_BASE + "id/provincie/drenthe")
    for t in reference.triples((drenthe, None, None)):  # a statement the reference data also makes counts once
        agreements.add(t)
    documents = {"a.txt": letters, "b.txt": agreements}

    assert validate_documents(documents, [reference]).conforms
    assert validate_documents(documents, [reference], only=["b.txt"], with_shared=False).conforms
    alone = validate_documents({"b.txt": agreements}, [reference])
    assert not alone.conforms
    assert {v.document for v in alone.violations} == {"b.txt"}
    assert {v.path for v in alone.violations} >= {str(RG.gemaaktOp)}
    assert all(v.line().startswith("Violation: b.txt: ") for v in alone.violations)


def test_a_document_is_judged_on_the_nodes_it_describes_only() -> None:
    from ruimtegraaf.validation import validate_documents

    broken = synthetic_graph(1, 1)
    broken.remove((None, RG.gemaaktOp, None))  # the agreement lacks its meeting: a violation of this document
    linking = Graph()
    linking.add((URIRef("urn:x"), URIRef("urn:verwijstNaar"), URIRef(DEFAULT_BASE + "id/afspraak/a0")))
    report = validate_documents({"kapot.txt": broken, "verwijst.txt": linking}, [reference_graph()])
    assert not report.conforms
    assert {v.document for v in report.violations} == {"kapot.txt"}
