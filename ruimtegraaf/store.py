"""The graph store: one named graph per document; queries see the union of all named graphs.

The embedded default is pyoxigraph's on-disk store. Results are pyoxigraph result objects
(`QuerySolutions`, `QueryBoolean`, `QueryTriples`) whatever store is behind the interface, so the
SPARQL endpoint serialises them the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import IO, TYPE_CHECKING, Protocol

import pyoxigraph as ox

from ruimtegraaf.builds import STORE_DIR

if TYPE_CHECKING:
    import rdflib

    from ruimtegraaf.settings import Settings

QueryResult = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples


class GraphStore(Protocol):
    """What the core needs from a store; the embedded one and a remote SPARQL server both fit."""

    def query(self, sparql: str, *, default_graphs: list[str] | None = None,
              named_graphs: list[str] | None = None) -> QueryResult: ...

    def replace_graph(self, graph: str, triples: Iterable[ox.Triple]) -> None: ...

    def graphs(self) -> list[str]: ...

    def dump(self, output: IO[bytes], format: ox.RdfFormat) -> None: ...


_LITERALS_AND_IRIS = re.compile("|".join([
    r'"""[\s\S]*?"""', r"'''[\s\S]*?'''",  # long strings
    r'"(?:[^"\\\n]|\\.)*"', r"'(?:[^'\\\n]|\\.)*'",  # short strings
    r"<[^<>\s]*>", r"#[^\n]*",  # IRIs, comments
]))
_FROM = re.compile(r"\bFROM\b", re.IGNORECASE)


def names_its_dataset(sparql: str) -> bool:
    """True when a query has a FROM or FROM NAMED clause (strings, IRIs and comments ignored).

    >>> names_its_dataset("SELECT * FROM <urn:g> WHERE { ?s ?p ?o }"), names_its_dataset('ASK { ?s ?p "from" }')
    (True, False)
    """
    return bool(_FROM.search(_LITERALS_AND_IRIS.sub(" ", sparql)))


class EmbeddedStore:
    """pyoxigraph on disk (or in memory when `path` is None).

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
        self.read_only = read_only

    @property
    def native(self) -> ox.Store:
        """The pyoxigraph store itself, for bulk work inside ingest."""
        return self._store

    def query(self, sparql: str, *, default_graphs: list[str] | None = None,
              named_graphs: list[str] | None = None) -> QueryResult:
        """Run a SPARQL query; without `default_graphs` the default graph is the union of all graphs."""
        kwargs: dict[str, object] = {}
        if default_graphs:
            kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
        elif not names_its_dataset(sparql):  # a query's own FROM / FROM NAMED wins over the union
            kwargs["use_default_graph_as_union"] = True
        if named_graphs:
            kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        return self._store.query(sparql, **kwargs)  # type: ignore[arg-type]

    def replace_graph(self, graph: str, triples: Iterable[ox.Triple]) -> None:
        """Replace the content of one named graph."""
        g = ox.NamedNode(graph)
        self._store.remove_graph(g) if self._store.contains_named_graph(g) else None
        self._store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object, g) for t in triples)

    def remove_graph(self, graph: str) -> None:
        """Drop one named graph and its content."""
        g = ox.NamedNode(graph)
        if self._store.contains_named_graph(g):
            self._store.remove_graph(g)

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


def rdflib_triples(graph: rdflib.Graph) -> Iterable[ox.Triple]:
    """The triples of an rdflib graph as pyoxigraph triples (through N-Triples, which both speak exactly)."""
    data = graph.serialize(format="nt", encoding="utf-8")
    return [t if isinstance(t, ox.Triple) else t.triple
            for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)]


def open_store(settings: Settings, build_dir: Path) -> GraphStore:
    """The store a build serves from: the SPARQL server `settings.store_url` names, else the build's own.

    >>> import tempfile
    >>> from ruimtegraaf.settings import Settings
    >>> from ruimtegraaf.builds import STORE_DIR
    >>> build = Path(tempfile.mkdtemp()); EmbeddedStore(build / STORE_DIR).flush()
    >>> type(open_store(Settings(), build)).__name__
    'EmbeddedStore'
    """
    if getattr(settings, "store_url", None):  # the remote store settings are optional fields
        from ruimtegraaf.remote_store import RemoteStore

        return RemoteStore.from_settings(settings)
    return EmbeddedStore(build_dir / STORE_DIR, read_only=True)
