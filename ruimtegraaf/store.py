"""The graph store: one named graph per document; queries see the union of all named graphs.

The embedded default is pyoxigraph's on-disk store. Results are pyoxigraph result objects
(`QuerySolutions`, `QueryBoolean`, `QueryTriples`) whatever store is behind the interface, so the
SPARQL endpoint serialises them the same way.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from pathlib import Path
from typing import IO, TYPE_CHECKING, Protocol

import pyoxigraph as ox

from ruimtegraaf.query_run import QueryJob, dataset_options
from ruimtegraaf.sparql_syntax import analyse

if TYPE_CHECKING:
    import rdflib


QueryResult = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples


RdfTerm = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple  # any term of a triple (pyoxigraph names no union)


class GraphStore(Protocol):
    """What the core needs from a store; the embedded one and a remote SPARQL server both fit."""

    def query(self, sparql: str, *, default_graphs: list[str] | None = None,
              named_graphs: list[str] | None = None, base_iri: str | None = None) -> QueryResult: ...

    def replace_graph(self, graph: str, triples: Iterable[ox.Triple]) -> None: ...

    def graphs(self) -> list[str]: ...

    def dump(self, output: IO[bytes], format: ox.RdfFormat) -> None: ...


_SERIALS = itertools.count(1)


def names_its_dataset(sparql: str) -> bool:
    """True when a query has a FROM or FROM NAMED clause (read from its tokens).

    >>> names_its_dataset("SELECT * FROM <urn:g> WHERE { ?s ?p ?o }"), names_its_dataset('ASK { ?s ?p "from" }')
    (True, False)
    """
    return analyse(sparql).names_dataset


class EmbeddedStore:
    """pyoxigraph on disk (or in memory when `path` is None).

    `serial` and `version` (counting the changes made through this object) tell query workers when
    the copy of an in-memory store they hold is out of date.

    >>> s = EmbeddedStore(None)
    >>> g = "https://w3id.org/ruimtegraaf/graph/x"
    >>> s.replace_graph(g, [ox.Triple(ox.NamedNode("urn:a"), ox.NamedNode("urn:p"), ox.Literal("1"))])
    >>> bool(s.query("ASK { ?s ?p ?o }"))
    True
    """

    def __init__(self, path: Path | None, *, read_only: bool = False) -> None:
        if path is None:
            self._store = ox.Store()
        elif read_only:
            self._store = ox.Store.read_only(str(path))
        else:
            path.mkdir(parents=True, exist_ok=True)
            self._store = ox.Store(str(path))
        self.path, self.read_only = path, read_only
        self.serial, self.version = next(_SERIALS), 0

    @property
    def native(self) -> ox.Store:
        """The pyoxigraph store itself, for bulk work inside ingest."""
        return self._store

    def query(self, sparql: str, *, default_graphs: list[str] | None = None,
              named_graphs: list[str] | None = None, base_iri: str | None = None) -> QueryResult:
        """Run a SPARQL query (relative IRIs against `base_iri`).

        Given graphs replace the dataset as in the SPARQL Protocol (only `named_graphs`: an empty
        default graph); without them a query's own FROM applies, else the default graph is the union.
        """
        job = QueryJob(sparql, default_graphs=None if default_graphs is None else tuple(default_graphs),
                       named_graphs=None if named_graphs is None else tuple(named_graphs),
                       names_dataset=default_graphs is None and named_graphs is None and names_its_dataset(sparql))
        return self._store.query(sparql, base_iri=base_iri, **dataset_options(job))  # type: ignore[arg-type]  # dataset_options gives the keyword arguments Store.query takes

    def replace_graph(self, graph: str, triples: Iterable[ox.Triple]) -> None:
        """Replace the content of one named graph."""
        g = ox.NamedNode(graph)
        self._store.remove_graph(g) if self._store.contains_named_graph(g) else None
        self._store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object, g) for t in triples)
        self.version += 1

    def remove_graph(self, graph: str) -> None:
        """Drop one named graph and its content."""
        g = ox.NamedNode(graph)
        if self._store.contains_named_graph(g):
            self._store.remove_graph(g)
            self.version += 1

    def graphs(self) -> list[str]:
        """The IRIs of the named graphs, sorted."""
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def dump(self, output: IO[bytes], format: ox.RdfFormat) -> None:
        """Write every quad (or, for triple formats, the union of the graphs) to `output`."""
        if format in (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG):
            self._store.dump(output, format=format)
            return
        ox.serialize(self._union_triples(), output, format=format)

    def _union_triples(self) -> Iterable[ox.Triple]:
        seen: set[ox.Triple] = set()
        for q in self._store:
            t = q.triple
            if t not in seen:
                seen.add(t)
                yield t

    def __len__(self) -> int:
        return len(self._store)

    def flush(self) -> None:
        """Persist pending writes."""
        self._store.flush()


def rdflib_triples(graph: rdflib.Graph) -> list[ox.Triple]:
    """The triples of an rdflib graph as pyoxigraph triples (through N-Triples, which both speak exactly)."""
    data = graph.serialize(format="nt", encoding="utf-8")
    return [t if isinstance(t, ox.Triple) else t.triple
            for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)]
