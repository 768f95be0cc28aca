"""Programme forms and NOVEX factsheets of the 2022 startpakket (file 003) as triples, each traceable to its passage."""

from __future__ import annotations

import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, SKOS

from ingest.graph import add_passage, document_iri
from ingest.startpakket import novex_factsheets, programme_forms, responsible_ministries, startpakket_graphs
from ontology import DEFAULT_BASE, RG, RG_IRI, reference_graph
from ruimtegraaf import iris
from ruimtegraaf.embed import fold
from ruimtegraaf.gazetteer import Gazetteer
from ruimtegraaf.store import EmbeddedStore, rdflib_triples

FILE = "003_96b59ff8675cf4bb.txt"
SCHEMA = Namespace("https://schema.org/")
BASE = DEFAULT_BASE


def ministry(ref: str) -> URIRef:
    return URIRef(iris.thing(BASE, "ministerie", ref))


def province(ref: str) -> URIRef:
    return URIRef(iris.thing(BASE, "provincie", ref))


def area(ref: str) -> URIRef:
    return URIRef(iris.thing(BASE, "novexgebied", ref))


def programme(ref: str) -> URIRef:
    return URIRef(iris.thing(BASE, "programma", ref))


@pytest.fixture(scope="module")
def reference() -> Graph:
    return reference_graph(BASE)


@pytest.fixture(scope="module")
def gazetteer(reference):
    return Gazetteer.from_graph(reference, RG_IRI)


@pytest.fixture(scope="module")
def graph(corpus, gazetteer) -> Graph:
    graphs = startpakket_graphs(corpus, BASE, gazetteer)
    assert list(graphs) == [FILE]
    return graphs[FILE]


@pytest.fixture(scope="module")
def by_id(corpus):
    return {iris.thing(BASE, "passage", p.id): p for p in corpus.passages}


def labels(reference: Graph, node: URIRef) -> list[str]:
    """Every name the reference data gives a thing (preferred, alternative and hidden)."""
    return [str(o) for pred in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel) for o in reference.objects(node, pred)]


def names_in(text: str, names: list[str]) -> bool:
    folded = " ".join(fold(text).split())
    return any(" ".join(fold(n).split()) in folded for n in names)


def test_all_18_programme_forms_are_found_and_resolve_to_reference_programmes(corpus, graph, reference):
    forms = programme_forms(corpus)
    assert len(forms) == 18
    docs = set(graph.subjects(RDF.type, RG.Programmabeschrijving))
    assert len(docs) == 18
    subjects = {graph.value(d, DCTERMS.subject) for d in docs}
    assert len(subjects) == 18
    assert all((s, RDF.type, RG.NationaalProgramma) in reference for s in subjects)
    assert programme("geluid") in subjects and programme("water-en-bodem-sturend") in subjects
    for d in docs:
        assert graph.value(d, DCTERMS.isPartOf) == document_iri(BASE, "startpakket-2022-bijlage-1-nationale-programmas")
        assert graph.value(d, RG.eersteRegel).toPython() <= graph.value(d, RG.laatsteRegel).toPython() <= 4575


def test_seventeen_programmes_have_a_responsible_ministry_and_geluid_none(graph):
    programmes = {graph.value(d, DCTERMS.subject) for d in graph.subjects(RDF.type, RG.Programmabeschrijving)}
    with_ministry = {p for p in programmes if (p, RG.verantwoordelijke, None) in graph}
    assert len(with_ministry) == 17
    assert programme("geluid") not in with_ministry
    assert (programme("geluid"), PROV.wasDerivedFrom, None) not in graph


@pytest.mark.parametrize(("ref", "expected"), [
    ("groen-in-en-om-de-stad", {"bzk", "lvvn", "ienw", "vws"}),
    ("water-en-bodem-sturend", {"ienw"}),
    ("mobiliteit-en-bereikbaarheid", {"ienw"}),
    ("nationaal-programma-ruimte-voor-defensie", {"defensie"}),
    ("agenda-natuurinclusief", {"lvvn", "bzk", "ienw", "ez", "ocw", "defensie", "financien"}),
    # "minister voor NenS" / "minister voor VRO" are 2022 posts inside LNV and BZK;
    # ministers "in afstemming met" are consulted, not responsible
    ("nationaal-waterprogramma", {"ienw", "lvvn", "bzk"}),
])
def test_responsible_ministries(graph, ref, expected):
    assert set(graph.objects(programme(ref), RG.verantwoordelijke)) == {ministry(m) for m in expected}


def test_each_responsibility_comes_from_a_verantwoordelijk_passage_that_names_the_ministry(graph, by_id, reference):
    pairs = list(graph.subject_objects(RG.verantwoordelijke))
    assert len(pairs) >= 30
    for prog, min_ in pairs:
        sources = [by_id[str(s)] for s in graph.objects(prog, PROV.wasDerivedFrom)]
        assert any(any(h.startswith("Verantwoordelijk") for h in p.heading_path)
                   and names_in(p.text, labels(reference, min_)) for p in sources), (prog, min_)


def test_consulted_ministers_are_not_responsible(gazetteer):
    text = ("Verantwoordelijk(e) department(en) • Programma Noordzee: minister van IenW, mede namens de minister voor "
            "NenS, en in afstemming met de minister van LNV, de minister voor KenE.")
    assert [n.iri for n in responsible_ministries(text, gazetteer)] == [str(ministry("ienw")), str(ministry("lvvn"))]


def test_sixteen_novex_areas_lie_in_their_provinces(corpus, graph, by_id, reference):
    assert len(novex_factsheets(corpus)) == 16
    sheets = set(graph.subjects(RDF.type, RG.Factsheet))
    areas = {graph.value(s, DCTERMS.subject) for s in sheets}
    assert len(areas) == 16 and all((a, RDF.type, RG.NovexGebied) in reference for a in areas)
    for a in areas:
        provinces = set(graph.objects(a, RG.ligtIn))
        assert provinces, a
        sources = [by_id[str(s)] for s in graph.objects(a, PROV.wasDerivedFrom)]
        assert all(any("Ligging" in p.heading_path and names_in(p.text, labels(reference, prov)) for p in sources)
                   for prov in provinces), a
    assert set(graph.objects(area("regio-zwolle"), RG.ligtIn)) == {
        province(p) for p in ("overijssel", "gelderland", "flevoland", "drenthe")}
    assert set(graph.objects(area("north-sea-port-district"), RG.ligtIn)) == {province("zeeland")}
    assert province("fryslan") in set(graph.objects(area("lelylijn"), RG.ligtIn))  # "Friesland" in the source
    assert set(graph.objects(area("utrecht-amersfoort"), RG.ligtIn)) == {province("utrecht"), province("gelderland")}


def test_extracted_provinces_agree_with_the_reference_data(graph, reference):
    for a in set(graph.subjects(RG.ligtIn, None)):
        assert set(graph.objects(a, RG.ligtIn)) == set(reference.objects(a, RG.ligtIn)), a


def test_trekkers_of_the_noordzeekanaalgebied(graph, by_id):
    nzkg = area("noordzeekanaalgebied")
    roles = {str(graph.value(r, SCHEMA.roleName)): r for r in graph.subjects(DCTERMS.spatial, nzkg)}
    rijk, regio = roles["Trekkende bewindspersoon"], roles["Trekkende bestuurder vanuit de regio"]
    assert "Adriaansens" in str(graph.value(rijk, SCHEMA.name))
    assert str(graph.value(rijk, SCHEMA.namedPosition)) == "Minister van EZK"
    assert "Rosan Kocken" in str(graph.value(regio, SCHEMA.description))
    for role in (rijk, regio):
        assert (role, RDF.type, SCHEMA.Role) in graph
        source = by_id[str(graph.value(role, PROV.wasDerivedFrom))]
        assert "Bestuurlijke trekkers" in source.heading_path


def test_every_factsheet_has_trekkers_and_a_phase_from_its_passages(graph, by_id):
    for sheet in graph.subjects(RDF.type, RG.Factsheet):
        a = graph.value(sheet, DCTERMS.subject)
        assert len(list(graph.subjects(DCTERMS.spatial, a))) == 2, a
        fase = graph.value(a, SCHEMA.additionalProperty)
        value = str(graph.value(fase, SCHEMA.value))
        source = by_id[str(graph.value(fase, PROV.wasDerivedFrom))]
        assert value and names_in(source.text, [value[:40]]), a
    assert str(graph.value(graph.value(area("regio-groningen-assen"), SCHEMA.additionalProperty), SCHEMA.value)) \
        == "Focus op uitvoeringsagenda"


def test_another_base_moves_every_instance_iri(corpus):
    other = "https://example.org/rg/"
    g = startpakket_graphs(corpus, other)[FILE]
    nodes = {t for triple in g for t in triple if isinstance(t, URIRef)}
    assert not any(str(n).startswith(BASE + "id/") for n in nodes)
    assert (URIRef(other + "id/programma/water-en-bodem-sturend"), RG.verantwoordelijke,
            URIRef(other + "id/ministerie/ienw")) in g


def test_graph_conforms_to_the_shapes(graph):
    from shapes import validate

    report = validate(graph)
    assert report.conforms, report.text


SPARQL_RESPONSIBLE = """
PREFIX rg: <https://w3id.org/ruimtegraaf/def/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?prog ?min ?passage ?exact WHERE {
  ?prog rg:verantwoordelijke ?min ; prov:wasDerivedFrom ?passage .
  ?passage rg:kopPad ?path ; oa:hasSelector ?sel .
  ?sel a oa:TextQuoteSelector ; oa:exact ?exact .
  FILTER(CONTAINS(?path, "Verantwoordelijk"))
  FILTER EXISTS { ?min skos:prefLabel|skos:altLabel|skos:hiddenLabel ?name .
                  FILTER(CONTAINS(LCASE(?exact), LCASE(STR(?name)))) }
}
"""


def test_sparql_lists_programmes_ministries_and_the_passage_that_names_them(corpus, graph, reference):
    passages = Graph()
    doc = document_iri(BASE, corpus.infos[FILE].ref)
    for p in corpus.passages:
        if p.document == FILE:
            add_passage(passages, p, doc, BASE)
    store = EmbeddedStore(None)
    store.replace_graph(iris.graph(BASE, "reference"), rdflib_triples(reference))
    store.replace_graph(iris.graph(BASE, corpus.infos[FILE].ref), rdflib_triples(graph + passages))
    rows = list(store.query(SPARQL_RESPONSIBLE))
    supported = {(r["prog"].value, r["min"].value) for r in rows}
    assert supported == {(str(s), str(o)) for s, o in graph.subject_objects(RG.verantwoordelijke)}
    assert len({prog for prog, _ in supported}) == 17
    gios = {m for p, m in supported if p == str(programme("groen-in-en-om-de-stad"))}
    assert gios == {str(ministry(m)) for m in ("bzk", "lvvn", "ienw", "vws")}
    assert any("Ministeries van BZK, LNV, IenW en VWS" in r["exact"].value for r in rows)
