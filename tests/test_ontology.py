"""The ontology, its namespace constants, the JSON-LD context and the reference data keep their promises."""

from __future__ import annotations

import json
import re
from collections import defaultdict

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, ORG, SKOS

import ontology
from ontology import DEFAULT_BASE, RG, RG_IRI

ID = DEFAULT_BASE + "id/"
TOOI = "https://identifier.overheid.nl/tooi/id/"
SDO = Namespace("https://schema.org/")
XSD_IRI = "http://www.w3.org/2001/XMLSchema#"
TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)


@pytest.fixture(scope="module")
def onto() -> Graph:
    return ontology.ontology_graph()


@pytest.fixture(scope="module")
def ref() -> Graph:
    return ontology.reference_graph()


def declared_terms(graph: Graph) -> set[URIRef]:
    return {s for t in TERM_TYPES for s in graph.subjects(RDF.type, t) if str(s).startswith(RG_IRI)}


def used_terms(graph: Graph) -> set[URIRef]:
    nodes = {n for triple in graph for n in triple if isinstance(n, URIRef)}
    return {n for n in nodes if str(n).startswith(RG_IRI) and str(n) != RG_IRI}


def labels(graph: Graph, node: URIRef, prop: URIRef) -> dict[str | None, list[str]]:
    out: dict[str | None, list[str]] = defaultdict(list)
    for value in graph.objects(node, prop):
        assert isinstance(value, Literal)
        out[value.language].append(str(value))
    return out


def test_ontology_header(onto: Graph) -> None:
    head = URIRef(RG_IRI)
    assert (head, RDF.type, OWL.Ontology) in onto
    for prop in (DCTERMS.title, DCTERMS.description):
        assert set(labels(onto, head, prop)) == {"nl", "en"}
    for prop in (DCTERMS.license, DCTERMS.creator, OWL.versionInfo):
        assert onto.value(head, prop) is not None


def test_every_term_has_labels_and_definitions_in_dutch_and_english(onto: Graph) -> None:
    terms = declared_terms(onto)
    assert len(terms) > 60
    for term in terms:
        for prop in (RDFS.label, SKOS.definition):
            found = labels(onto, term, prop)
            assert len(found["nl"]) == 1 and len(found["en"]) == 1, (term, prop, dict(found))
        assert (term, RDFS.isDefinedBy, URIRef(RG_IRI)) in onto


def test_every_term_in_use_is_declared(onto: Graph, ref: Graph) -> None:
    from shapes import shapes_graph

    shape_terms = {t for t in used_terms(shapes_graph()) if not str(t).startswith(RG_IRI + "shapes/")}
    undeclared = (used_terms(onto) | used_terms(ref) | shape_terms) - declared_terms(onto)
    assert not undeclared


def test_classes_and_properties_link_to_the_standards(onto: Graph) -> None:
    for cls in onto.subjects(RDF.type, OWL.Class):
        assert list(onto.objects(cls, RDFS.subClassOf)), f"{cls} has no superclass"
    assert (RG.Passage, RDFS.subClassOf, URIRef("http://www.w3.org/ns/oa#SpecificResource")) in onto
    assert (RG.Partij, RDFS.subClassOf, ORG.Organization) in onto
    assert (RG.Bedrag, RDFS.subClassOf, SDO.MonetaryAmount) in onto


def test_namespace_constants_equal_the_declared_terms(onto: Graph) -> None:
    assert set(dir(RG)) == declared_terms(onto)
    assert str(RG) == RG_IRI
    with pytest.raises(AttributeError):
        RG.Afsprak  # noqa: B018  (misspelt on purpose)


def test_json_ld_context_covers_the_terms(onto: Graph) -> None:
    ctx = ontology.context()["@context"]
    assert ctx["rg"] == RG_IRI
    for term in declared_terms(onto):
        name = str(term)[len(RG_IRI) :]
        entry = ctx[name]
        iri = entry if isinstance(entry, str) else entry["@id"]
        assert iri == f"rg:{name}"
        if (term, RDF.type, OWL.ObjectProperty) in onto:
            assert entry["@type"] == "@id", name
        range_ = str(onto.value(term, RDFS.range) or "")
        typed = range_.startswith(XSD_IRI) and range_ != XSD_IRI + "string"
        if (term, RDF.type, OWL.DatatypeProperty) in onto and typed:
            assert entry["@type"] == "xsd:" + range_[len(XSD_IRI) :], name


def test_json_ld_context_round_trips_through_rdflib() -> None:
    doc = {
        "@context": ontology.context()["@context"],
        "@id": ID + "afspraak/voorbeeld",
        "type": "Afspraak",
        "partij": [ID + "provincie/drenthe"],
        "gemaaktOp": ID + "overleg/bol-noord-nederland-2025-06-02",
        "tekst": "Rijk en regio spreken af.",
        "bedrag": {"type": "Bedrag", "value": "88560000", "currency": "EUR"},
        "prefLabel": {"nl": "voorbeeld", "en": "example"},
    }
    graph = Graph().parse(data=json.dumps(doc), format="json-ld")
    node = URIRef(ID + "afspraak/voorbeeld")
    assert (node, RDF.type, RG.Afspraak) in graph
    assert (node, RG.partij, URIRef(ID + "provincie/drenthe")) in graph
    amount = graph.value(node, RG.bedrag)
    assert graph.value(amount, SDO.value).datatype == URIRef(XSD_IRI + "decimal")
    assert labels(graph, node, SKOS.prefLabel) == {"nl": ["voorbeeld"], "en": ["example"]}


def test_files_are_the_shipped_turtle_files() -> None:
    shipped = ontology.files()
    assert shipped[0].name == "ruimtegraaf.ttl"
    names = {f.name for f in shipped[1:]}
    assert {
        "provincies.ttl",
        "landsdelen.ttl",
        "ministeries.ttl",
        "novexgebieden.ttl",
        "programmas.ttl",
        "themas.ttl",
        "afspraaksoorten.ttl",
        "organisaties.ttl",
        "instrumenten.ttl",
    } <= names
    assert all(f.is_file() for f in shipped)


def test_twelve_provinces_with_tooi_and_cbs_codes(ref: Graph) -> None:
    provinces = sorted(ref.subjects(RDF.type, RG.Provincie))
    assert len(provinces) == 12
    numbers = set()
    for province in provinces:
        (same,) = [str(o) for o in ref.objects(province, OWL.sameAs)]
        match = re.fullmatch(TOOI + r"provincie/pv(\d\d)", same)
        assert match, same
        assert str(ref.value(province, SKOS.notation)) == f"PV{match.group(1)}"
        numbers.add(int(match.group(1)))
    assert numbers == set(range(20, 32))
    drenthe = URIRef(ID + "provincie/drenthe")
    assert (drenthe, OWL.sameAs, URIRef(TOOI + "provincie/pv22")) in ref
    fryslan = URIRef(ID + "provincie/fryslan")
    assert {"Friesland", "FRYSLÂN", "Fryslán"} <= set(labels(ref, fryslan, SKOS.altLabel)["nl"])


def test_landsdelen_and_their_provinces_agree(ref: Graph) -> None:
    landsdelen = set(ref.subjects(RDF.type, RG.Landsdeel))
    assert {str(x)[len(ID) :] for x in landsdelen} == {
        "landsdeel/noord-nederland",
        "landsdeel/oost-nederland",
        "landsdeel/zuid-nederland",
        "landsdeel/noordwest-nederland",
        "landsdeel/zuidwest-nederland",
    }
    from_provinces = {(ref.value(p, RG.landsdeel), p) for p in ref.subjects(RDF.type, RG.Provincie)}
    from_landsdelen = {(ld, p) for ld in landsdelen for p in ref.objects(ld, ORG.hasMember)}
    assert from_provinces == from_landsdelen
    noord = URIRef(ID + "landsdeel/noord-nederland")
    assert {"Noord", "landsdeel Noord", "Regio Noord-Nederland", "Noord Nederland", "Noordelijk Nederland"} <= set(
        labels(ref, noord, SKOS.altLabel)["nl"]
    )


def test_sixteen_novex_areas_lie_in_provinces(ref: Graph) -> None:
    areas = set(ref.subjects(RDF.type, RG.NovexGebied))
    assert len(areas) == 16
    for area in areas:
        provinces = list(ref.objects(area, RG.ligtIn))
        assert provinces and all((p, RDF.type, RG.Provincie) in ref for p in provinces), area
    kinds = defaultdict(set)
    for area in areas:
        kinds[str(ref.value(area, RG.novexSoort))].add(str(area)[len(ID + "novexgebied/") :])
    assert len(kinds["verstedelijking"]) == 6 and len(kinds["haven-industrie"]) == 5 and len(kinds["landelijk"]) == 3
    assert kinds["None"] == {"lelylijn", "regio-schiphol"}
    rga = URIRef(ID + "novexgebied/regio-groningen-assen")
    assert {"RGA", "Groningen-Assen", "Regio Groningen Assen"} <= set(labels(ref, rga, SKOS.altLabel)["nl"])


def test_ministries_have_their_tooi_codes(ref: Graph) -> None:
    expected = {
        "vro": "mnre1171",
        "ienw": "mnre1130",
        "bzk": "mnre1034",
        "kgg": "mnre1182",
        "lvvn": "mnre1153",
        "ez": "mnre1045",
        "ocw": "mnre1109",
        "defensie": "mnre1018",
        "financien": "mnre1090",
        "vws": "mnre1025",
    }
    found = {
        str(m)[len(ID + "ministerie/") :]: str(ref.value(m, OWL.sameAs))[len(TOOI + "ministerie/") :]
        for m in ref.subjects(RDF.type, RG.Ministerie)
    }
    assert found == expected
    lvvn = URIRef(ID + "ministerie/lvvn")
    assert {"LVVN", "LNV"} <= set(labels(ref, lvvn, SKOS.altLabel)["nl"])
    assert (URIRef(ID + "ministerie/kgg"), RG.voorganger, URIRef(ID + "ministerie/ez")) in ref
    assert "minister voor VRO" in labels(ref, URIRef(ID + "ministerie/bzk"), SKOS.hiddenLabel)["nl"]


def test_every_reference_entity_is_named_and_sourced(ref: Graph) -> None:
    named = set(ref.subjects(SKOS.prefLabel, None))
    assert len(named) > 100
    for entity in named:
        found = labels(ref, entity, SKOS.prefLabel)
        assert len(found["nl"]) == 1 and len(found["en"]) == 1, entity
        if (entity, RDF.type, SKOS.ConceptScheme) in ref or (entity, SKOS.inScheme, None) in ref:
            continue
        if str(entity).startswith(ID + "instrumentsoort/"):
            continue
        assert list(ref.objects(entity, DCTERMS.source)), f"{entity} has no dcterms:source"


def test_reference_data_asserts_no_facts_the_corpus_states(ref: Graph) -> None:
    assert not list(ref.triples((None, RG.verantwoordelijke, None)))


def test_labels_do_not_point_to_two_things(ref: Graph) -> None:
    owners: dict[tuple[str, str | None], set[URIRef]] = defaultdict(set)
    for prop in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel):
        for entity, label in ref.subject_objects(prop):
            owners[(str(label).casefold(), label.language)].add(entity)
    shared = {key for key, things in owners.items() if len(things) > 1}
    # "Defensie" is both the ministry and the theme: a theme is a subject, never an entity mention.
    assert shared <= {("defensie", "nl")}


def test_reference_data_conforms_to_the_shapes(ref: Graph) -> None:
    from shapes import validate

    report = validate(ref, with_reference=False)
    assert report.conforms, report.text


def test_reference_graph_rebases_instance_iris(ref: Graph) -> None:
    base = "https://data.example.org/rg/"
    moved = ontology.reference_graph(base)
    assert len(moved) == len(ref)
    nodes = {n for triple in moved for n in triple if isinstance(n, URIRef)}
    assert not any(str(n).startswith(ID) for n in nodes)
    drenthe = URIRef(base + "id/provincie/drenthe")
    assert (drenthe, RG.landsdeel, URIRef(base + "id/landsdeel/noord-nederland")) in moved
    assert (drenthe, RDF.type, RG.Provincie) in moved
    assert (drenthe, OWL.sameAs, URIRef(TOOI + "provincie/pv22")) in moved
