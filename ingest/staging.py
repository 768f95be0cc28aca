"""Named graphs between extraction and the store, held compactly: compressed N-Triples, not rdflib objects.

An rdflib graph costs about 1.5 KB per triple, so a corpus of millions of triples does not fit in
memory as rdflib graphs. Ingest builds one graph at a time, stages it here (a few dozen bytes per
triple) and reads it back as each step needs it: as pyoxigraph triples to compare, share out
(`ingest.homes`) and store, and as an rdflib graph, one document at a time, to validate.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

import pyoxigraph as ox
import rdflib
from rdflib.term import Node

from ruimtegraaf.store import rdflib_triples

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
COMPRESSION = 1  # zlib level: fast; N-Triples of passages shrink about sevenfold already


@dataclass(frozen=True)
class StagedGraph:
    """One named graph as compressed N-Triples.

    >>> g = rdflib.Graph(); _ = g.add((rdflib.URIRef("urn:a"), rdflib.RDFS.label, rdflib.Literal("a", lang="nl")))
    >>> staged = StagedGraph.of(g)
    >>> len(staged), [str(t) for t in staged.triples()]
    (1, ['<urn:a> <http://www.w3.org/2000/01/rdf-schema#label> "a"@nl'])
    >>> set(staged.graph()) == set(g)
    True
    """

    data: bytes
    size: int

    @classmethod
    def of(cls, graph: rdflib.Graph) -> StagedGraph:
        """Stage an rdflib graph (each triple once)."""
        triples = rdflib_triples(graph)
        data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
        assert data is not None  # without an output, serialize returns the bytes
        return cls(zlib.compress(data, COMPRESSION), len(triples))

    def __len__(self) -> int:
        return self.size

    def triples(self) -> list[ox.Triple]:
        """The triples, as pyoxigraph reads them."""
        return [q.triple for q in ox.parse(zlib.decompress(self.data), format=ox.RdfFormat.N_TRIPLES)]

    def graph(self) -> rdflib.Graph:
        """The triples as a new rdflib graph (built term by term: faster than rdflib's N-Triples parser).

        rdflib's default store: its SimpleMemory store builds in half the time but makes pySHACL ~20× slower.
        """
        graph = rdflib.Graph()
        terms: dict[object, Node] = {}
        for t in self.triples():
            graph.add((to_rdflib(t.subject, terms), to_rdflib(t.predicate, terms), to_rdflib(t.object, terms)))
        return graph


def stage(graphs: Iterable[tuple[str, rdflib.Graph]]) -> dict[str, StagedGraph]:
    """Stage graphs as they come (each rdflib graph can be dropped as soon as it is staged)."""
    return {iri: StagedGraph.of(graph) for iri, graph in graphs}


class ParsedGraphs(Mapping[str, rdflib.Graph]):
    """Staged graphs seen as rdflib graphs, each made when asked for and not kept (validation, one by one)."""

    def __init__(self, staged: Mapping[str, StagedGraph]) -> None:
        self.staged = staged

    def __getitem__(self, key: str) -> rdflib.Graph:
        return self.staged[key].graph()

    def __iter__(self) -> Iterator[str]:
        return iter(self.staged)

    def __len__(self) -> int:
        return len(self.staged)


def to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple, cache: dict[object, Node]) -> Node:
    """The rdflib term for a pyoxigraph term (IRIs shared through `cache`)."""
    if isinstance(term, ox.NamedNode):
        found = cache.get(term.value)
        if found is None:
            found = cache[term.value] = rdflib.URIRef(term.value)
        return found
    if isinstance(term, ox.Literal):
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return rdflib.Literal(term.value, datatype=None if datatype == XSD_STRING else rdflib.URIRef(datatype))
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    raise TypeError(f"RDF-star triples are not staged: {term}")
