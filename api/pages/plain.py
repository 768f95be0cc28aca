"""Plain pages without the site's layout (no script, no stylesheet file): the triples about a thing as a
table (the dataset description, things the entity page does not know) and the ontology for people."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox
from rdflib import OWL, RDF, RDFS, SKOS, URIRef

from api.pages.render import templates
from ontology import RG_IRI, ontology_graph
from ruimtegraaf.store import RdfTerm

HEADINGS = {"nl": ("Gegevens over", "onderwerp", "eigenschap", "waarde", "Ook als"),
            "en": ("Data about", "subject", "property", "value", "Also as")}


@dataclass
class Term:
    """An RDF term on a plain page: an IRI links to its page here (`/doc/…`) or to itself."""

    kind: str  # iri | literal | other
    text: str
    href: str | None = None
    lang: str | None = None


@dataclass
class TripleRow:
    subject: Term
    predicate: Term
    object: Term


@dataclass
class Text:
    text: str
    lang: str


@dataclass
class OntologyRef:
    """A term an ontology term refers to: an rg: term by its local name, any other by its IRI."""

    iri: str
    local: str | None


@dataclass
class OntologyTerm:
    local: str
    labels: list[Text]
    definitions: list[Text]
    relations: list[tuple[str, list[OntologyRef]]] = field(default_factory=list)


@dataclass
class OntologySection:
    title: str
    terms: list[OntologyTerm]


def term(node: RdfTerm, base: str) -> Term:
    """A term for a plain page."""
    if isinstance(node, ox.NamedNode):
        iri = node.value
        return Term("iri", iri, "/doc/" + iri[len(base) + 3:] if iri.startswith(base + "id/") else iri)
    if isinstance(node, ox.Literal):
        return Term("literal", node.value, None, node.language or None)
    return Term("other", str(node))


def triples_page(iri: str, triples: list[ox.Triple], base: str, lang: str, formats: tuple[str, ...]) -> str:
    """A readable page listing what the graph says about `iri` (subject, property, value); `formats` are the
    names of the RDF formats the same data comes in (`?format=`)."""
    rows = [TripleRow(term(t.subject, base), term(t.predicate, base), term(t.object, base)) for t in triples]
    return templates().get_template("plain/triples.html").render(
        lang=lang, title=iri, iri=iri, heading=HEADINGS[lang], formats=formats, rows=rows)


@functools.lru_cache(maxsize=8)
def ontology_page(path: str, formats: tuple[str, ...]) -> str:
    """The ontology for people: every rg: class and property with its Dutch and English label and definition."""
    graph = ontology_graph()

    def texts(subject: URIRef, prop: URIRef) -> list[Text]:
        values = sorted(graph.objects(subject, prop), key=lambda v: (getattr(v, "language", "") or "") != "nl")
        return [Text(str(v), getattr(v, "language", None) or "nl") for v in values]

    def ref(node: Any) -> OntologyRef:
        text = str(node)
        return OntologyRef(text, text[len(RG_IRI):] if text.startswith(RG_IRI) else None)

    sections = []
    for title, kinds, parent in (("Klassen · Classes", (OWL.Class,), RDFS.subClassOf),
                                 ("Eigenschappen · Properties", (OWL.ObjectProperty, OWL.DatatypeProperty,
                                                                  RDF.Property), RDFS.subPropertyOf)):
        found = sorted({s for k in kinds for s in graph.subjects(RDF.type, k)
                        if isinstance(s, URIRef) and str(s).startswith(RG_IRI)}, key=str)
        terms = []
        for t in found:
            relations = [(name, [ref(v) for v in sorted(graph.objects(t, p))])  # type: ignore[type-var]  # rdflib orders terms
                         for name, p in (("rdfs:subClassOf / subPropertyOf", parent), ("rdfs:domain", RDFS.domain),
                                         ("rdfs:range", RDFS.range)) if list(graph.objects(t, p))]
            terms.append(OntologyTerm(str(t)[len(RG_IRI):], texts(t, RDFS.label), texts(t, SKOS.definition),
                                      relations))
        sections.append(OntologySection(title, terms))
    return templates().get_template("plain/ontology.html").render(
        lang="nl", title="Ontologie", namespace=RG_IRI, path=path, formats=formats, sections=sections)
