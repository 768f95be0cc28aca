"""The dataset description: DCAT-AP-NL metadata and VoID statistics, counted from the live store.

Served at GET /.well-known/void and /dataset and included in every dump (named graph
`{base}graph/dataset`). All addresses in it (SPARQL endpoint, dumps, landing page) are under the
configured base IRI, so the description is the same whether it comes from the server or from
`ruimtegraaf export`; a deployment that serves its own domain sets RUIMTEGRAAF_BASE_IRI to it.

Ruimtegraaf is a demonstration built for the Dutch ministry of Housing and Spatial Planning (VRO);
the publisher is recorded as that ministry's TOOI URI and the description says it is a demonstration.
The licence is CC0 1.0, the default for Dutch government open data; access is public.
"""

from __future__ import annotations

import hashlib
import re

import pyoxigraph as ox
from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, PROV, SKOS, VOID

from ruimtegraaf.export import DUMP_FORMATS, VOCABULARIES
from ruimtegraaf.store import GraphStore

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
EU = "http://publications.europa.eu/resource/authority/"
RG = "https://w3id.org/ruimtegraaf/def/"
PUBLISHER = URIRef("https://identifier.overheid.nl/tooi/id/ministerie/mnre1171")
LICENSE = URIRef("http://creativecommons.org/publicdomain/zero/1.0/")
PUBLIC = URIRef(EU + "access-right/PUBLIC")
EU_THEMES = (URIRef(EU + "data-theme/GOVE"), URIRef(EU + "data-theme/REGI"))
SPARQL_PROTOCOL = URIRef("https://www.w3.org/TR/sparql11-protocol/")
DATASET_REF = "ruimtegraaf"
# the classes of the things VoID names as example resources: a province, a NOVEX area, an agreement
EXAMPLE_CLASSES = (RG + "Provincie", RG + "NovexGebied", RG + "Afspraak")

TITLE = {"nl": "Ruimtegraaf: kennisgraaf van de Bestuurlijke Overleggen Leefomgeving",
         "en": "Ruimtegraaf: knowledge graph of the Bestuurlijke Overleggen Leefomgeving"}
DESCRIPTION = {
    "nl": "De afspraken die Rijk en regio's maken in de Bestuurlijke Overleggen Leefomgeving (2020–2025), met de "
          "partijen, NOVEX-gebieden, programma's, bedragen en termijnen, en voor elk feit de passage uit het "
          "brondocument waaruit het is afgeleid (prov:wasDerivedFrom). Eén benoemde graaf per brondocument, plus "
          "referentiegegevens en de catalogus van de bronnen. Dit is een demonstratie, gebouwd voor het ministerie "
          "van Volkshuisvesting en Ruimtelijke Ordening; de uitgever is vastgelegd als de TOOI-URI van dat "
          "ministerie. Geen officiële publicatie: controleer feiten in de brondocumenten.",
    "en": "The agreements the Dutch national government and the regions make in the Bestuurlijke Overleggen "
          "Leefomgeving (2020–2025), with parties, NOVEX areas, programmes, amounts and deadlines, and for every "
          "fact the passage of the source document it derives from (prov:wasDerivedFrom). One named graph per "
          "source document, plus reference data and the catalogue of the sources. This is a demonstration built "
          "for the Ministry of Housing and Spatial Planning; the publisher is given as that ministry's TOOI URI. "
          "Not an official publication: check facts against the source documents.",
}
KEYWORDS = {"nl": ("BO Leefomgeving", "NOVEX", "ruimtelijke ordening", "woningbouw", "MIRT", "afspraken"),
            "en": ("spatial planning", "housing", "NOVEX", "intergovernmental agreements")}


def dataset_iri(base_iri: str) -> str:
    """The IRI of the dataset itself: `{base}id/dataset/ruimtegraaf`."""
    return f"{base_iri}id/dataset/{DATASET_REF}"


def description_graph_iri(base_iri: str) -> str:
    """The named graph that holds the description in quad dumps."""
    return f"{base_iri}graph/dataset"


def dump_url(base_iri: str, extension: str) -> str:
    """Where a dump is downloaded: `{base}dumps/ruimtegraaf.{extension}`."""
    return f"{base_iri}dumps/{DATASET_REF}.{extension}"


def describe_dataset(store: GraphStore, base_iri: str, *, modified: str | None = None) -> Graph:
    """The DCAT-AP-NL + VoID description of the data in `store`, as a graph named `{base}graph/dataset`.

    `modified` is the build time (`manifest["created"]`, ISO 8601).

    >>> from ruimtegraaf.store import EmbeddedStore
    >>> g = describe_dataset(EmbeddedStore(None), "https://example.org/rg/")
    >>> str(g.value(URIRef("https://example.org/rg/id/dataset/ruimtegraaf"), VOID.sparqlEndpoint))
    'https://example.org/rg/sparql'
    """
    ds = URIRef(dataset_iri(base_iri))
    g = Graph(identifier=URIRef(description_graph_iri(base_iri)))
    for prefix, ns in (("dcat", DCAT), ("dcterms", DCTERMS), ("void", VOID), ("vcard", VCARD), ("foaf", FOAF),
                       ("prov", PROV), ("skos", SKOS), ("rg", RG)):
        g.bind(prefix, ns)
    g.add((ds, RDF.type, DCAT.Dataset))
    g.add((ds, RDF.type, VOID.Dataset))
    g.add((ds, DCTERMS.identifier, Literal(str(ds))))
    for lang in ("nl", "en"):
        g.add((ds, DCTERMS.title, Literal(TITLE[lang], lang=lang)))
        g.add((ds, DCTERMS.description, Literal(DESCRIPTION[lang], lang=lang)))
        for word in KEYWORDS[lang]:
            g.add((ds, DCAT.keyword, Literal(word, lang=lang)))
    _common(g, ds, base_iri)
    g.add((ds, DCTERMS.language, URIRef(EU + "language/NLD")))
    g.add((ds, DCTERMS.spatial, URIRef(EU + "country/NLD")))
    g.add((ds, DCTERMS.accrualPeriodicity, URIRef(EU + "frequency/IRREG")))
    g.add((ds, DCTERMS.conformsTo, URIRef(RG)))
    g.add((ds, DCAT.landingPage, URIRef(base_iri)))
    g.add((ds, PROV.wasDerivedFrom, URIRef(f"{base_iri}id/document/corpus")))
    if modified:
        g.add((ds, DCTERMS.modified, Literal(modified, datatype=XSD.dateTime)))
    for theme in EU_THEMES:
        g.add((ds, DCAT.theme, theme))
    for theme in _iris(store, f"SELECT DISTINCT ?t WHERE {{ ?t {_n(SKOS.inScheme)} <{base_iri}id/thema/> }}"):
        g.add((ds, DCAT.theme, URIRef(theme)))
    _distributions(g, ds, base_iri)
    _statistics(g, ds, store, base_iri)
    return g


def _common(g: Graph, resource: URIRef, base_iri: str) -> None:
    """Publisher, contact point, licence and access rights: the same on dataset, distributions and service."""
    g.add((resource, DCTERMS.publisher, PUBLISHER))
    g.add((resource, DCAT.contactPoint, URIRef(f"{dataset_iri(base_iri)}#contact")))
    g.add((resource, DCTERMS.license, LICENSE))
    g.add((resource, DCTERMS.accessRights, PUBLIC))
    if resource == URIRef(dataset_iri(base_iri)):
        g.add((PUBLISHER, RDF.type, FOAF.Agent))
        g.add((PUBLISHER, FOAF.name, Literal("Ministerie van Volkshuisvesting en Ruimtelijke Ordening", lang="nl")))
        g.add((PUBLISHER, FOAF.name, Literal("Ministry of Housing and Spatial Planning", lang="en")))
        contact = URIRef(f"{dataset_iri(base_iri)}#contact")
        g.add((contact, RDF.type, VCARD.Kind))
        g.add((contact, RDF.type, VCARD.Organization))
        g.add((contact, VCARD.fn, Literal("Project Ruimtegraaf", lang="nl")))
        g.add((contact, VCARD.hasURL, URIRef(base_iri)))


def _distributions(g: Graph, ds: URIRef, base_iri: str) -> None:
    """A dcat:Distribution per dump format, the SPARQL endpoint as dcat:DataService and as a distribution."""
    for fmt in DUMP_FORMATS:
        dist, url = URIRef(f"{ds}#dump-{fmt.extension}"), URIRef(dump_url(base_iri, fmt.extension))
        g.add((ds, DCAT.distribution, dist))
        g.add((ds, VOID.dataDump, url))
        g.add((dist, RDF.type, DCAT.Distribution))
        g.add((dist, DCTERMS.title, Literal(f"Ruimtegraaf, volledige download ({fmt.name})", lang="nl")))
        g.add((dist, DCTERMS.title, Literal(f"Ruimtegraaf, full download ({fmt.name})", lang="en")))
        g.add((dist, DCAT.downloadURL, url))
        g.add((dist, DCAT.accessURL, url))
        g.add((dist, DCAT.mediaType, URIRef(fmt.media_type_iri)))
        g.add((dist, DCTERMS.format, URIRef(fmt.file_type_iri)))
        g.add((dist, DCTERMS.license, LICENSE))
        g.add((dist, DCTERMS.accessRights, PUBLIC))
    endpoint = URIRef(f"{base_iri}sparql")
    service, dist = URIRef(f"{ds}#sparql"), URIRef(f"{ds}#sparql-distributie")
    g.add((ds, VOID.sparqlEndpoint, endpoint))
    g.add((service, RDF.type, DCAT.DataService))
    g.add((service, DCTERMS.title, Literal("SPARQL-endpoint van Ruimtegraaf (alleen lezen)", lang="nl")))
    g.add((service, DCTERMS.title, Literal("Ruimtegraaf SPARQL endpoint (read-only)", lang="en")))
    g.add((service, DCAT.endpointURL, endpoint))
    g.add((service, DCAT.endpointDescription, endpoint))  # GET /sparql answers with the service description
    g.add((service, DCAT.servesDataset, ds))
    g.add((service, DCTERMS.conformsTo, SPARQL_PROTOCOL))
    _common(g, service, base_iri)
    g.add((ds, DCAT.distribution, dist))
    g.add((dist, RDF.type, DCAT.Distribution))
    g.add((dist, DCTERMS.title, Literal("Bevragen met SPARQL", lang="nl")))
    g.add((dist, DCTERMS.title, Literal("Query with SPARQL", lang="en")))
    g.add((dist, DCAT.accessURL, endpoint))
    g.add((dist, DCAT.accessService, service))
    g.add((dist, DCTERMS.license, LICENSE))
    g.add((dist, DCTERMS.accessRights, PUBLIC))


def _statistics(g: Graph, ds: URIRef, store: GraphStore, base_iri: str) -> None:
    """VoID counts over the union of the graphs (each triple once), class and property partitions, examples."""
    distinct = "{ SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"
    counts = {
        VOID.triples: f"SELECT (COUNT(*) AS ?n) WHERE {distinct}",
        VOID.entities: f'SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s ?p ?o FILTER(isIRI(?s) && '
                       f'STRSTARTS(STR(?s), "{base_iri}id/")) }}',
        VOID.classes: "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?s a ?c }",
        VOID.properties: "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?s ?p ?o }",
        VOID.distinctSubjects: "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }",
        VOID.distinctObjects: "SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?s ?p ?o }",
    }
    for prop, query in counts.items():
        g.add((ds, prop, Literal(_count(store, query), datatype=XSD.integer)))
    g.add((ds, VOID.uriSpace, Literal(f"{base_iri}id/")))
    g.add((ds, VOID.feature, URIRef("http://www.w3.org/ns/formats/Turtle")))
    g.add((ds, VOID.rootResource, URIRef(f"{base_iri}id/document/corpus")))
    for row in _rows(store, "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c FILTER(isIRI(?c)) } GROUP BY ?c"):
        part = URIRef(f"{ds}#klasse-{_key(row[0])}")
        g.add((ds, VOID.classPartition, part))
        g.add((part, VOID["class"], URIRef(row[0])))
        g.add((part, VOID.entities, Literal(int(row[1]), datatype=XSD.integer)))
    for row in _rows(store, f"SELECT ?p (COUNT(*) AS ?n) WHERE {distinct} GROUP BY ?p"):
        part = URIRef(f"{ds}#eigenschap-{_key(row[0])}")
        g.add((ds, VOID.propertyPartition, part))
        g.add((part, VOID.property, URIRef(row[0])))
        g.add((part, VOID.triples, Literal(int(row[1]), datatype=XSD.integer)))
    for vocabulary in sorted({_namespace(p) for p in _iris(store, "SELECT DISTINCT ?p WHERE { ?s ?p ?o }")}):
        g.add((ds, VOID.vocabulary, URIRef(vocabulary)))
    for cls in EXAMPLE_CLASSES:
        for example in _iris(store, f"SELECT ?s WHERE {{ ?s a <{cls}> FILTER(isIRI(?s)) }} ORDER BY ?s LIMIT 1"):
            g.add((ds, VOID.exampleResource, URIRef(example)))


def _n(term: URIRef) -> str:
    return f"<{term}>"


def _key(iri: str) -> str:
    """A stable fragment for the partition of a class or property: `rg-Afspraak`, else a hash of the IRI."""
    for prefix, namespace in VOCABULARIES.items():
        local = iri[len(namespace):]
        if iri.startswith(namespace) and re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", local):
            return f"{prefix}-{local}"
    return hashlib.sha1(iri.encode("utf-8")).hexdigest()[:12]


def _namespace(iri: str) -> str:
    """The vocabulary an IRI belongs to: everything up to its last `#` or `/`."""
    cut = max(iri.rfind("#"), iri.rfind("/"))
    return iri[: cut + 1]


def _rows(store: GraphStore, query: str) -> list[tuple[str, ...]]:
    result = store.query(query)
    assert isinstance(result, ox.QuerySolutions)
    return [tuple(term.value if term is not None else "" for term in row) for row in result]


def _iris(store: GraphStore, query: str) -> list[str]:
    return [row[0] for row in _rows(store, query) if row[0]]


def _count(store: GraphStore, query: str) -> int:
    rows = _rows(store, query)
    return int(rows[0][0]) if rows else 0
