"""Dumps of the whole graph in six RDF formats, written as a stream, for `ruimtegraaf export` and GET /dumps/.

Quad formats (N-Quads, TriG, JSON-LD) keep the named graphs (one per document, plus reference data
and catalog); triple formats (Turtle, N-Triples, RDF/XML) hold the union of the graphs, each triple
once. The dataset description (DCAT/VoID), when given, goes into its own named graph, or into the union.
JSON-LD is compacted with the published context (ontology/context.jsonld); the others are written by
pyoxigraph. Nothing is built as one string: quads flow from the store to `output`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO

import pyoxigraph as ox
import rdflib
from rdflib.namespace import SDO

from ontology import RG_IRI
from ruimtegraaf.errors import RuimtegraafError
from ruimtegraaf.store import GraphStore, rdflib_triples

FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
IANA = "https://www.iana.org/assignments/media-types/"
VOCABULARIES = {"rg": RG_IRI, "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
                "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "xsd": "http://www.w3.org/2001/XMLSchema#",
                "owl": "http://www.w3.org/2002/07/owl#", "dcterms": "http://purl.org/dc/terms/",
                "dcat": "http://www.w3.org/ns/dcat#", "prov": "http://www.w3.org/ns/prov#",
                "skos": "http://www.w3.org/2004/02/skos/core#", "org": "http://www.w3.org/ns/org#",
                "schema": str(SDO), "oa": "http://www.w3.org/ns/oa#",
                "time": "http://www.w3.org/2006/time#", "foaf": "http://xmlns.com/foaf/0.1/",
                "void": "http://rdfs.org/ns/void#", "vcard": "http://www.w3.org/2006/vcard/ns#"}
# the {type} segments of instance IRIs (VOCAB.md), which Turtle and TriG get as prefixes
INSTANCE_TYPES = ("document", "passage", "provincie", "ministerie", "landsdeel", "gemeente", "waterschap",
                  "organisatie", "novexgebied", "programma", "project", "instrument", "overleg", "afspraak",
                  "bedrag", "hoeveelheid", "termijn", "thema", "afspraaksoort", "documentsoort", "dataset")


@dataclass(frozen=True)
class DumpFormat:
    """One dump format: its names, file extension, media type and writer."""

    name: str
    extension: str
    aliases: tuple[str, ...]
    media_type: str
    rdf_format: ox.RdfFormat
    quads: bool  # keeps the named graphs
    file_type: str  # the EU file-type authority code, for DCAT

    @property
    def file_type_iri(self) -> str:
        return FILE_TYPE + self.file_type

    @property
    def media_type_iri(self) -> str:
        return IANA + self.media_type

    @property
    def filename(self) -> str:
        return f"ruimtegraaf.{self.extension}"


DUMP_FORMATS = (
    DumpFormat("turtle", "ttl", ("ttl",), "text/turtle", ox.RdfFormat.TURTLE, False, "RDF_TURTLE"),
    DumpFormat("ntriples", "nt", ("nt", "n-triples"), "application/n-triples", ox.RdfFormat.N_TRIPLES, False,
               "RDF_N_TRIPLES"),
    DumpFormat("nquads", "nq", ("nq", "n-quads"), "application/n-quads", ox.RdfFormat.N_QUADS, True, "RDF_N_QUADS"),
    DumpFormat("trig", "trig", (), "application/trig", ox.RdfFormat.TRIG, True, "RDF_TRIG"),
    DumpFormat("jsonld", "jsonld", ("json-ld",), "application/ld+json", ox.RdfFormat.JSON_LD, True, "JSON_LD"),
    DumpFormat("rdfxml", "rdf", ("rdf", "xml", "rdf/xml"), "application/rdf+xml", ox.RdfFormat.RDF_XML, False,
               "RDF_XML"),
)


def dump_format(name: str) -> DumpFormat:
    """The dump format a name, alias, file extension or media type stands for.

    >>> dump_format("ttl").media_type, dump_format("application/n-quads").extension
    ('text/turtle', 'nq')
    """
    value = name.strip().lower().lstrip(".")
    for fmt in DUMP_FORMATS:
        if value in (fmt.name, fmt.extension, fmt.media_type, *fmt.aliases):
            return fmt
    names = ", ".join(f"{f.name} ({f.extension})" for f in DUMP_FORMATS)
    raise RuimtegraafError(f"unknown dump format {name!r}; use one of {names}")


def export(store: GraphStore, output: IO[bytes], format: str | DumpFormat,
           description: rdflib.Graph | None = None, *, base_iri: str | None = None) -> None:
    """Write the whole store (and the dataset description, if given) to `output` in `format`.

    `base_iri` only adds prefixes for the instance IRIs to Turtle and TriG.

    >>> import io
    >>> from ruimtegraaf.store import EmbeddedStore
    >>> s = EmbeddedStore(None)
    >>> s.replace_graph("urn:g", [ox.Triple(ox.NamedNode("urn:a"), ox.NamedNode("urn:p"), ox.Literal("1"))])
    >>> out = io.BytesIO(); export(s, out, "nq"); out.getvalue()
    b'<urn:a> <urn:p> "1" <urn:g> .\\n'
    """
    fmt = format if isinstance(format, DumpFormat) else dump_format(format)
    extra = description_quads(description) if description is not None else []
    if fmt.quads:
        items: Iterable[ox.Triple | ox.Quad] = _chain(extra, quads(store))
    else:
        items = union(_chain(extra, quads(store)))
    if fmt.name == "jsonld":
        from ontology import context
        from ruimtegraaf import jsonld

        jsonld.write(output, context()["@context"], items)
        return
    ox.serialize(items, output, format=fmt.rdf_format,  # type: ignore[arg-type]  # all triples or all quads: fmt decides
                 prefixes=prefixes(fmt, base_iri))


def _chain(first: list[ox.Quad], rest: Iterable[ox.Quad]) -> Iterator[ox.Quad]:
    yield from first
    yield from rest


def quads(store: GraphStore) -> Iterator[ox.Quad]:
    """Every quad of the store, graph by graph (and subject by subject within a graph where the store can)."""
    native = getattr(store, "native", None)
    if isinstance(native, ox.Store):
        yield from native.quads_for_pattern(None, None, None, ox.DefaultGraph())
        for graph in store.graphs():
            yield from native.quads_for_pattern(None, None, None, ox.NamedNode(graph))
        return
    for graph in store.graphs():
        name = ox.NamedNode(graph)
        rows = store.query(f"SELECT ?s ?p ?o WHERE {{ GRAPH {name} {{ ?s ?p ?o }} }}")
        assert isinstance(rows, ox.QuerySolutions)
        for row in rows:
            yield ox.Quad(row["s"], row["p"], row["o"], name)  # type: ignore[arg-type]  # the query binds ?s ?p ?o to terms a quad takes


def union(items: Iterable[ox.Quad]) -> Iterator[ox.Triple]:
    """The triples of the quads, each once (a triple may be said in several documents' graphs)."""
    seen: set[ox.Triple] = set()
    for quad in items:
        triple = quad.triple
        if triple not in seen:
            seen.add(triple)
            yield triple


def description_quads(description: rdflib.Graph) -> list[ox.Quad]:
    """The description's triples as quads in its own named graph (the rdflib graph's identifier, if an IRI)."""
    name = description.identifier
    graph = ox.NamedNode(str(name)) if isinstance(name, rdflib.URIRef) else ox.DefaultGraph()
    return [ox.Quad(t.subject, t.predicate, t.object, graph) for t in rdflib_triples(description)]


def prefixes(fmt: DumpFormat, base_iri: str | None = None) -> dict[str, str] | None:
    """Prefixes for Turtle, TriG and RDF/XML: the vocabularies, and for Turtle/TriG the instance types."""
    if fmt.rdf_format not in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG, ox.RdfFormat.RDF_XML):
        return None
    found = dict(VOCABULARIES)
    if base_iri and fmt.rdf_format != ox.RdfFormat.RDF_XML:
        found |= {kind: f"{base_iri}id/{kind}/" for kind in INSTANCE_TYPES}
        found["graaf"] = f"{base_iri}graph/"
    return found
