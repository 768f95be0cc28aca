"""The published metadata against the official shapes: DCAT-AP-NL 3.0 (Geonovum) and NL-SBB (concept schemes).

The shapes are read at test time from ../shared/standards (unchanged copies), combined as Geonovum
documents the check; the data is everything the store holds (the union of its named graphs: data,
catalog and the dataset description), as a harvester reading /sparql or a dump gets it.
"""

from __future__ import annotations

import pyoxigraph as ox
import pyshacl
import pytest
import rdflib
from conftest import SHARED
from rdflib.namespace import RDF, SH

from ruimtegraaf.builds import DataFolder
from ruimtegraaf.store import EmbeddedStore

STANDARDS = SHARED / "standards"
BASE = "https://w3id.org/ruimtegraaf/"
# DCAT-AP 3.0 plus the Dutch profile: what conformance means (violations)
DCAT_AP_NL = ("dcat-ap-SHACL.ttl", "dcat-ap-nl-SHACL.ttl", "dcat-ap-nl-SHACL-klassebereik.ttl",
              "dcat-ap-nl-SHACL-klassebereik-codelijsten.ttl")
RECOMMENDED = "dcat-ap-nl-SHACL-aanbevolen.ttl"  # recommendations: warnings
NL_SBB = "nl-sbb/skos-ap-nl.ttl"


def shapes(*names: str) -> rdflib.Graph:
    """The named shape files as one graph, without the `sh:property` links to shapes that have no `sh:path`.

    The DCAT-AP copy refers from dcat:DataServiceShape to two property shapes it never defines, and
    pySHACL stops on those (the known defect its README names).
    """
    folder = STANDARDS / "dcat-ap-nl"
    if not folder.is_dir():
        pytest.skip("../shared/standards is not beside the project")
    graph = rdflib.Graph()
    for name in names:
        graph.parse(STANDARDS / name if "/" in name else folder / name, format="turtle")
    for shape, link, target in list(graph.triples((None, SH.property, None))):
        if (target, SH.path, None) not in graph:
            graph.remove((shape, link, target))
    return graph


def results(data: rdflib.Graph, shape_graph: rdflib.Graph) -> list[tuple[str, str, str, str]]:
    """(severity, focus node, path, message) of every validation result."""
    _, report, _ = pyshacl.validate(data, shacl_graph=shape_graph, inference="none", allow_warnings=True)
    found = []
    for r in report.subjects(RDF.type, SH.ValidationResult):
        severity = str(report.value(r, SH.resultSeverity)).rsplit("#", 1)[-1]
        found.append((severity, str(report.value(r, SH.focusNode)), str(report.value(r, SH.resultPath)),
                      str(report.value(r, SH.resultMessage))))
    return sorted(found)


@pytest.fixture(scope="module")
def published(built) -> rdflib.Graph:
    """Every triple the store holds, as one graph."""
    build = DataFolder(built.data_dir).current()
    assert build is not None
    data = rdflib.Graph()
    data.parse(data=ox.serialize((q.triple for q in EmbeddedStore(build / "store", read_only=True).native),
                                 format=ox.RdfFormat.N_TRIPLES), format="nt")
    return data


def test_dcat_ap_nl_has_no_violations(published: rdflib.Graph) -> None:
    found = results(published, shapes(*DCAT_AP_NL))
    assert found == []
    assert (rdflib.URIRef(BASE + "id/document/corpus"), rdflib.URIRef("http://www.w3.org/ns/dcat#dataset"),
            rdflib.URIRef(BASE + "id/dataset/ruimtegraaf")) in published  # the catalogue lists the dataset


def test_dcat_ap_nl_recommendations_left_are_the_ones_that_do_not_apply(published: rdflib.Graph) -> None:
    """A dump is a file, not served by a data service; the SPARQL distribution has no file to download."""
    found = {(severity, focus.rsplit("#", 1)[-1], path.rsplit("#", 1)[-1])
             for severity, focus, path, _ in results(published, shapes(RECOMMENDED))}
    dumps = {("Warning", f"dump-{ext}", "accessService") for ext in ("ttl", "nt", "nq", "trig", "jsonld", "rdf")}
    assert found == dumps | {("Warning", "sparql-distributie", "downloadURL")}


def test_concept_schemes_conform_to_nl_sbb(published: rdflib.Graph) -> None:
    """No warning or violation on the project's concept schemes and concepts (informational notes may stay).

    The EU data themes the dataset description uses are typed skos:Concept with their labels, as DCAT-AP
    requires of dcat:theme values; their definitions are the EU's to publish, so NL-SBB is not applied to them.
    """
    found = results(published, shapes(NL_SBB))
    ours = [r for r in found if r[1].startswith(BASE) and r[0] in ("Warning", "Violation")]
    assert ours == []
    schemes = set(published.subjects(RDF.type, rdflib.URIRef("http://www.w3.org/2004/02/skos/core#ConceptScheme")))
    assert {str(s) for s in schemes} >= {BASE + "id/thema/", BASE + "id/afspraaksoort/", BASE + "id/instrumentsoort/"}
    foreign = {(severity, focus, path.rsplit("#", 1)[-1]) for severity, focus, path, _ in found
               if not focus.startswith(BASE) and severity != "Info"}
    eu = "http://publications.europa.eu/resource/authority/data-theme/"
    assert foreign <= {("Violation", eu + code, "definition") for code in ("GOVE", "REGI")}


def test_the_shapes_catch_what_they_should(published: rdflib.Graph) -> None:
    """Without the typing of the vocabulary values and the catalogue's dataset, the same shapes object."""
    broken = rdflib.Graph()
    dcat = rdflib.Namespace("http://www.w3.org/ns/dcat#")
    dct = rdflib.Namespace("http://purl.org/dc/terms/")
    for t in published:
        if t[1] == dcat.dataset or (t[1] == RDF.type and t[2] == dct.LicenseDocument):
            continue
        broken.add(t)
    found = {(focus.rsplit("/", 1)[-1], path.rsplit("#", 1)[-1].rsplit("/", 1)[-1])
             for severity, focus, path, _ in results(broken, shapes(*DCAT_AP_NL)) if severity == "Violation"}
    assert ("corpus", "dataset") in found and ("ruimtegraaf#dump-ttl", "license") in found

