"""One home graph per triple: a triple that several named graphs state is stored once.

The SPARQL default graph is the union of the named graphs. A store that keeps a triple in two graphs
answers it twice through that union on some engines (pyoxigraph 0.5.13 and `oxigraph serve` do), so
counts, `void:triples` and class partitions would disagree with the data. The rule, the same for a
rebuild and an incremental ingest because it runs over every graph each time:

    a triple is stored in the first graph that states it, in this order:
    the reference data, the catalog, the document graphs by IRI, the dataset description.

A document graph therefore holds what that document adds: a province the reference data already
places in a landsdeel keeps that triple in the reference graph only. Validation still sees each
document's full graph (ingest validates before it drops anything).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pyoxigraph as ox

from ingest.staging import StagedGraph


def home_order(graphs: Sequence[str], first: Sequence[str]) -> list[str]:
    """The graphs in the order that decides a shared triple's home: `first` (present ones), then the rest sorted.

    >>> home_order(["g/b", "g/catalog", "g/a", "g/reference"], ["g/reference", "g/catalog"])
    ['g/reference', 'g/catalog', 'g/a', 'g/b']
    """
    head = [g for g in first if g in graphs]
    return head + sorted(set(graphs) - set(head))


def stated_earlier(graphs: Mapping[str, StagedGraph], order: Sequence[str]) -> dict[str, set[ox.Triple]]:
    """For each graph, the triples a graph earlier in `order` already states (they are not stored again).

    Only subjects that occur in two graphs can share a triple, so only their triples are compared:
    memory grows with the shared subjects, not with the graphs.
    """
    first_graph: dict[str, str] = {}
    shared: set[str] = set()
    for iri in order:
        for subject in {str(t.subject) for t in graphs[iri].triples()}:
            if first_graph.setdefault(subject, iri) != iri:
                shared.add(subject)
    del first_graph
    seen: set[ox.Triple] = set()
    repeated: dict[str, set[ox.Triple]] = {}
    for iri in order:
        again = set()
        for triple in graphs[iri].triples():
            if str(triple.subject) in shared:
                if triple in seen:
                    again.add(triple)
                seen.add(triple)
        if again:
            repeated[iri] = again
    return repeated


def stored_triples(graph: StagedGraph, repeated: set[ox.Triple] | None) -> list[ox.Triple]:
    """The triples of `graph` that are stored in its named graph: all but those homed in an earlier graph."""
    triples = graph.triples()
    return [t for t in triples if t not in repeated] if repeated else triples
