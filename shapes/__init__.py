"""The SHACL shapes of Ruimtegraaf, loaded with importlib.resources, and one call to validate a graph."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rdflib import Graph
from rdflib.graph import ReadOnlyGraphAggregate

from ontology import RG_IRI

SHAPES_FILE = "ruimtegraaf.ttl"
SHAPES_IRI = RG_IRI + "shapes/"


@dataclass(frozen=True)
class ShapesReport:
    """The outcome of a validation: a non-conforming graph is a value, not an exception."""

    conforms: bool
    text: str  # pySHACL's human-readable report
    graph: Graph  # the sh:ValidationReport graph (sh:result with sh:sourceShape, sh:resultPath, …)


def shapes_graph() -> Graph:
    """The SHACL shapes graph (shape IRIs under `https://w3id.org/ruimtegraaf/def/shapes/`)."""
    graph = Graph()
    graph.bind("rgsh", SHAPES_IRI)
    text = resources.files(__name__).joinpath(SHAPES_FILE).read_text(encoding="utf-8")
    return graph.parse(data=text, format="turtle")


@lru_cache(maxsize=1)
def _shared_shapes_graph() -> Graph:
    """The shapes graph parsed once per process; read-only use inside `validate` only."""
    return shapes_graph()


@lru_cache(maxsize=4)
def _context_graph(base_iri: str | None, with_reference: bool) -> Graph:
    """Ontology (plus reference data) parsed once per base; read-only use inside `validate` only."""
    from ontology import DEFAULT_BASE, ontology_graph, reference_graph

    graph = ontology_graph()
    if with_reference:
        graph += reference_graph(base_iri or DEFAULT_BASE)
    return graph


def validate(data: Graph, *, base_iri: str | None = None, with_reference: bool = True,
             context: Sequence[Graph] = ()) -> ShapesReport:
    """Validate `data` against the shapes, together with the ontology and (by default) the reference data.

    The ontology supplies rdfs:subClassOf for sh:class and sh:targetClass; the reference data types the
    provinces, ministries and concepts that extracted triples point to. pySHACL's own `ont_graph` copies
    only RDFS/OWL axioms, not instances, so a read-only union view is used instead: nothing is copied and
    `data` is not modified. Pass a Graph (or a Dataset with default_union=True).

    `context` graphs join the union without being copied (the shared graphs beside one document's).

    >>> from ontology import reference_graph
    >>> validate(reference_graph(), with_reference=False).conforms
    True
    """
    import pyshacl  # imported here: pySHACL is slow to import and only validation needs it

    graphs = [data, _context_graph(base_iri, with_reference), *context]
    conforms, report_graph, report_text = pyshacl.validate(
        ReadOnlyGraphAggregate(graphs), shacl_graph=_shared_shapes_graph(), inference="none", inplace=True,
        allow_warnings=False,
    )
    return ShapesReport(conforms=bool(conforms), text=str(report_text), graph=report_graph)
