"""Documents and passages as RDF, one named graph per corpus file, plus the reference data.

Passages are Web Annotation specific resources: the source file, a text-position selector (the exact
offsets) and a text-quote selector (the exact words).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS

from ingest.catalog import catalog_graph
from ontology import RG, reference_graph
from ruimtegraaf import iris
from ruimtegraaf.model import Passage

if TYPE_CHECKING:
    from ingest.corpus import Corpus
    from ingest.knowledge import Knowledge

OA = Namespace("http://www.w3.org/ns/oa#")
REFERENCE_GRAPH = "reference"
CATALOG_GRAPH = "catalog"


def passage_iri(base: str, passage_id: str) -> URIRef:
    """The IRI of a passage."""
    return URIRef(iris.thing(base, "passage", passage_id))


def document_iri(base: str, ref: str) -> URIRef:
    """The IRI of a document or sub-document."""
    return URIRef(iris.thing(base, "document", ref))


def iter_corpus_graphs(corpus: Corpus, knowledge: Knowledge, base: str) -> Iterator[tuple[str, Graph]]:
    """Named graph IRI and graph, one at a time: the reference data, one per corpus file, then the catalog.

    Each file's graph takes over its knowledge graph (removed from `knowledge.graphs`), so a caller that
    stages each graph as it comes never holds the whole corpus as rdflib graphs. The catalog graph holds
    the catalog triples no file's graph copied.
    """
    catalog = catalog_graph(corpus.corpus_dir, base)
    reference = reference_graph(base)
    held = {t for t in catalog if t in reference}  # catalog triples another graph states
    yield iris.graph(base, REFERENCE_GRAPH), reference
    by_doc: dict[str, list[Passage]] = {}
    for p in corpus.passages:
        by_doc.setdefault(p.document, []).append(p)
    for path, info in corpus.infos.items():
        g = Graph()
        doc = document_iri(base, info.ref)
        _describe_document(g, catalog, doc, info.ref, [u.ref for u in info.subdocuments], base)
        for p in by_doc.pop(path, []):
            add_passage(g, p, doc, base)
        g += knowledge.graphs.pop(path, Graph())
        held.update(t for t in catalog if t in g)
        yield iris.graph(base, info.ref), g
    rest = Graph()
    for t in catalog:
        if t not in held:
            rest.add(t)
    yield iris.graph(base, CATALOG_GRAPH), rest


def _describe_document(g: Graph, catalog: Graph, doc: URIRef, ref: str, parts: list[str], base: str) -> None:
    """Copy the catalog's description of a file and its sub-documents into the file's graph."""
    nodes = [doc, *(document_iri(base, r) for r in parts)]
    for node in nodes:
        for t in catalog.triples((node, None, None)):
            g.add(t)
        for t in catalog.triples((None, None, node)):
            if t[0] in nodes:
                g.add(t)
    if (doc, RDF.type, None) not in g:
        g.add((doc, RDF.type, RG.Document))
        g.add((doc, DCTERMS.title, Literal(ref)))


def add_passage(g: Graph, p: Passage, doc: URIRef, base: str) -> URIRef:
    """The triples of one passage; returns its IRI."""
    node = passage_iri(base, p.id)
    pos = URIRef(f"{node}#tekstpositie")
    quote = URIRef(f"{node}#citaat")
    g.add((node, RDF.type, RG.Passage))
    g.add((node, OA.hasSource, doc))
    if p.subdocument and p.subdocument != iris.thing_ref(doc):
        g.add((node, DCTERMS.isPartOf, document_iri(base, p.subdocument)))
    g.add((node, OA.hasSelector, pos))
    g.add((pos, RDF.type, OA.TextPositionSelector))
    g.add((pos, OA.start, Literal(p.start, datatype=XSD.integer)))
    g.add((pos, OA.end, Literal(p.end, datatype=XSD.integer)))
    g.add((node, OA.hasSelector, quote))
    g.add((quote, RDF.type, OA.TextQuoteSelector))
    g.add((quote, OA.exact, Literal(p.text)))
    if p.heading_path:
        g.add((node, RG.kopPad, Literal(" › ".join(p.heading_path))))
    if p.page is not None:
        g.add((node, RG.pagina, Literal(p.page, datatype=XSD.integer)))
    g.add((node, RG.passageSoort, Literal(p.kind)))
    if p.part is not None:  # rg:deelVan (part → its agreement) is stated with the agreement
        g.add((node, RG.deelNummer, Literal(p.part, datatype=XSD.integer)))
    if p.duplicate_of:
        g.add((node, RG.duplicaatVan, passage_iri(base, p.duplicate_of)))
    return node


def index_text(p: Passage) -> str:
    """What the search index sees of a passage: its heading path, lead-in and normalised text."""
    from ruimtegraaf.normalize import normalize

    head = " › ".join(p.heading_path)
    lead = f" {p.lead_in}" if p.lead_in else ""
    return f"{head}{lead}\n{normalize(p.text).text}"

