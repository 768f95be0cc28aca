"""VoID statistics of the stored union graph, and of that graph with a few more triples (a description).

`statistics` counts what the store answers through its default graph (the union of the named graphs,
each triple once: ingest stores a triple in one graph only). `including` adds triples the store does
not hold yet without writing them: what the statistics will be once they are stored. The dataset
description uses it to count itself.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

import pyoxigraph as ox

from ruimtegraaf.store import GraphStore

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


@dataclass(frozen=True)
class Statistics:
    """The VoID numbers of a graph: sizes, distinct terms, entities per class and triples per property."""

    triples: int = 0
    entities: int = 0  # distinct IRI subjects under `{base}id/`
    distinct_subjects: int = 0
    classes: frozenset[str] = frozenset()  # every object of rdf:type
    class_entities: dict[str, int] = field(default_factory=dict)  # IRI class -> distinct instances
    property_triples: dict[str, int] = field(default_factory=dict)  # property -> triples

    @property
    def vocabularies(self) -> list[str]:
        """The namespaces of the properties used (everything up to the last `#` or `/`)."""
        return sorted({namespace(p) for p in self.property_triples})


def statistics(store: GraphStore, base_iri: str) -> Statistics:
    """The statistics of the store's default graph (the union of its named graphs).

    >>> from ruimtegraaf.store import EmbeddedStore
    >>> s = EmbeddedStore(None)
    >>> s.replace_graph("urn:g", [ox.Triple(ox.NamedNode("urn:a"), RDF_TYPE, ox.NamedNode("urn:C"))])
    >>> statistics(s, "https://example.org/").class_entities
    {'urn:C': 1}
    """
    count = {
        "triples": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
        "entities": f'SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s ?p ?o FILTER(isIRI(?s) && '
                    f'STRSTARTS(STR(?s), "{base_iri}id/")) }}',
        "distinct_subjects": "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }",
    }
    numbers = {name: int(_rows(store, query)[0][0].value) for name, query in count.items()}
    classes = frozenset(str(row[0]) for row in _rows(store, "SELECT DISTINCT ?c WHERE { ?s a ?c }"))
    per_class = {row[0].value: int(row[1].value) for row in _rows(
        store, "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c FILTER(isIRI(?c)) } GROUP BY ?c")}
    per_property = {row[0].value: int(row[1].value)
                    for row in _rows(store, "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p")}
    return Statistics(classes=classes, class_entities=per_class, property_triples=per_property, **numbers)


class Membership:
    """Whether the store holds a triple or a subject; each answer asked once (ASK queries)."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self._known: dict[str, bool] = {}

    def holds(self, t: ox.Triple) -> bool:
        return self._ask(f"{_term(t.subject)} {t.predicate} {_term(t.object)}")

    def has_subject(self, term: ox.NamedNode | ox.BlankNode | ox.Triple) -> bool:
        return self._ask(f"{_term(term)} ?p ?o")

    def _ask(self, pattern: str) -> bool:
        if "_:" in pattern:
            return False  # a blank node of new triples is never one the store holds
        if pattern not in self._known:
            self._known[pattern] = bool(self.store.query(f"ASK {{ {pattern} }}"))
        return self._known[pattern]


def including(stats: Statistics, store: Membership, triples: Iterable[ox.Triple], base_iri: str) -> Statistics:
    """`stats` of the store, updated for `triples` added to it (those it holds already count once).

    >>> from ruimtegraaf.store import EmbeddedStore
    >>> s = EmbeddedStore(None)
    >>> a, c = ox.NamedNode("urn:a"), ox.NamedNode("urn:C")
    >>> s.replace_graph("urn:g", [ox.Triple(a, RDF_TYPE, c)])
    >>> more = including(statistics(s, "urn:"), Membership(s), [ox.Triple(a, RDF_TYPE, c),
    ...                  ox.Triple(ox.NamedNode("urn:b"), RDF_TYPE, c)], "urn:")
    >>> more.triples, more.distinct_subjects, more.class_entities
    (2, 2, {'urn:C': 2})
    """
    new = list(dict.fromkeys(t for t in triples if not store.holds(t)))
    subjects = {t.subject for t in new if not store.has_subject(t.subject)}
    typed = [t for t in new if t.predicate == RDF_TYPE]
    per_class = Counter(stats.class_entities)
    per_class.update(t.object.value for t in typed if isinstance(t.object, ox.NamedNode))
    per_property = Counter(stats.property_triples)
    per_property.update(t.predicate.value for t in new)
    ours = f"{base_iri}id/"
    return replace(
        stats, triples=stats.triples + len(new),
        entities=stats.entities + sum(1 for s in subjects if isinstance(s, ox.NamedNode) and s.value.startswith(ours)),
        distinct_subjects=stats.distinct_subjects + len(subjects),
        classes=stats.classes | {str(t.object) for t in typed},
        class_entities=dict(per_class), property_triples=dict(per_property))


def namespace(iri: str) -> str:
    """The vocabulary an IRI belongs to: everything up to its last `#` or `/`.

    >>> namespace("http://www.w3.org/ns/dcat#theme")
    'http://www.w3.org/ns/dcat#'
    """
    cut = max(iri.rfind("#"), iri.rfind("/"))
    return iri[: cut + 1]


def _term(term: object) -> str:
    """A term in SPARQL syntax (pyoxigraph writes terms as N-Triples, which SPARQL reads)."""
    return str(term)


def _rows(store: GraphStore, query: str) -> list[list[ox.NamedNode | ox.Literal | ox.BlankNode]]:
    result = store.query(query)
    assert isinstance(result, ox.QuerySolutions)
    return [[term for term in row] for row in result]  # type: ignore[misc]  # a solution iterates over its bound terms
