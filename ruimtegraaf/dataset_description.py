"""The dataset description: DCAT-AP-NL 3.0 metadata and VoID statistics, counted from the store.

Ingest makes it after the data is stored and stores it too, in the named graph `{base}graph/dataset`,
so /sparql answers from exactly what the dumps hold; GET /.well-known/void and /dataset serve it. The
statistics count the description itself: `void:triples` is what `SELECT (COUNT(*) AS ?n) { ?s ?p ?o }`
gives once the description is stored. All addresses in it (SPARQL endpoint, dumps, landing page) are
under the configured base IRI, so the description is the same whether it comes from the server or from
`ruimtegraaf export`; a deployment that serves its own domain sets RUIMTEGRAAF_BASE_IRI to it.

It conforms to DCAT-AP-NL 3.0 as Geonovum validates it (tests/test_dcat_ap_nl.py): values from the
controlled vocabularies the profile names (EU data themes, access rights, frequency, language, file
types; Geonovum's licence list; IANA media types), typed as the profile expects
(ontology/dcat-waarden.ttl). Ruimtegraaf is a demonstration built for the Dutch ministry of Housing and
Spatial Planning (VRO); publisher and creator are that ministry's TOOI URI and the description says it
is a demonstration. The contact point is the project, never a person. The licence is CC0 1.0, the
default for Dutch government open data; access is public.
"""

from __future__ import annotations

import hashlib
import re
from importlib import resources
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, PROV, SKOS, VOID

from ontology import RG_IRI
from ruimtegraaf import void
from ruimtegraaf.builds import DESCRIPTION_FILE
from ruimtegraaf.export import DUMP_FORMATS, VOCABULARIES
from ruimtegraaf.store import GraphStore, rdflib_triples

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
EU = "http://publications.europa.eu/resource/authority/"
RG = RG_IRI
VALUES_FILE = "dcat-waarden.ttl"  # in the ontology package
PUBLISHER = URIRef("https://identifier.overheid.nl/tooi/id/ministerie/mnre1171")
LICENSE = URIRef("https://definities.geostandaarden.nl/dcat-ap-nl/id/waardelijst/licenties/cc0")
PUBLIC = URIRef(EU + "access-right/PUBLIC")
DUTCH = URIRef(EU + "language/NLD")
EU_THEMES = (URIRef(EU + "data-theme/GOVE"), URIRef(EU + "data-theme/REGI"))
SPARQL_PROTOCOL = URIRef("https://www.w3.org/TR/sparql11-protocol/")
# the W3C specification of each dump format (dct:conformsTo of its distribution)
SPECIFICATIONS = {"turtle": "turtle/", "ntriples": "n-triples/", "nquads": "n-quads/", "trig": "trig/",
                  "jsonld": "json-ld11/", "rdfxml": "rdf-syntax-grammar/"}
DATASET_REF = "ruimtegraaf"
# the classes of the things VoID names as example resources: a province, a NOVEX area, an agreement
EXAMPLE_CLASSES = (RG + "Provincie", RG + "NovexGebied", RG + "Afspraak")
# Counting the description into its own statistics settles in three rounds: the first adds the
# partitions of its own classes and properties, the next count them, the last finds nothing new.
ROUNDS = 5

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
SERVICE_DESCRIPTION = {
    "nl": "Alleen-lezen SPARQL 1.1-endpoint op de hele kennisgraaf: de standaardgraaf is de vereniging van de "
          "benoemde grafen (elk triple één keer); GET zonder query geeft de servicebeschrijving.",
    "en": "Read-only SPARQL 1.1 endpoint on the whole knowledge graph: the default graph is the union of the named "
          "graphs (each triple once); GET without a query returns the service description.",
}
KEYWORDS = {"nl": ("BO Leefomgeving", "NOVEX", "ruimtelijke ordening", "woningbouw", "MIRT", "afspraken"),
            "en": ("spatial planning", "housing", "NOVEX", "intergovernmental agreements")}


def dataset_iri(base_iri: str) -> str:
    """The IRI of the dataset itself: `{base}id/dataset/ruimtegraaf`."""
    return f"{base_iri}id/dataset/{DATASET_REF}"


def description_graph_iri(base_iri: str) -> str:
    """The named graph that holds the description."""
    return f"{base_iri}graph/dataset"


def dump_url(base_iri: str, extension: str) -> str:
    """Where a dump is downloaded: `{base}dumps/ruimtegraaf.{extension}`."""
    return f"{base_iri}dumps/{DATASET_REF}.{extension}"


def describe_dataset(store: GraphStore, base_iri: str, *, modified: str | None = None) -> Graph:
    """The DCAT-AP-NL + VoID description of `store` with this description added to it, as graph `{base}graph/dataset`.

    `store` does not hold a description yet; `modified` is the build time (ISO 8601).

    >>> from ruimtegraaf.store import EmbeddedStore
    >>> g = describe_dataset(EmbeddedStore(None), "https://example.org/rg/")
    >>> ds = URIRef("https://example.org/rg/id/dataset/ruimtegraaf")
    >>> str(g.value(ds, VOID.sparqlEndpoint)), int(g.value(ds, VOID.triples)) == len(g)
    ('https://example.org/rg/sparql', True)
    """
    metadata = _metadata(store, base_iri, modified)
    data, members = void.statistics(store, base_iri), void.Membership(store)
    examples = [iri for cls in EXAMPLE_CLASSES
                for iri in _iris(store, f"SELECT ?s WHERE {{ ?s a <{cls}> FILTER(isIRI(?s)) }} ORDER BY ?s LIMIT 1")]
    graph = metadata
    for _ in range(ROUNDS):
        counted = _with_statistics(metadata, void.including(data, members, rdflib_triples(graph), base_iri),
                                   base_iri, examples)
        if set(counted) == set(graph):
            return graph
        graph = counted
    raise RuntimeError(f"the dataset description's statistics did not settle in {ROUNDS} rounds")


def served_description(build: Path | None, store: GraphStore, base_iri: str,
                       modified: str | None = None) -> tuple[Graph, bool]:
    """The description of a build and whether its store holds it (ingest stores it in every build).

    A build from before ingest stored its description (or a store without a build) gets one made now,
    which the caller adds to dumps itself.
    """
    path = build / DESCRIPTION_FILE if build is not None else None
    if path is not None and path.is_file():
        graph = Graph(identifier=URIRef(description_graph_iri(base_iri)))
        return graph.parse(path, format="nt"), True
    return describe_dataset(store, base_iri, modified=modified), False


def values_graph() -> Graph:
    """The controlled-vocabulary values the description uses, with their types and labels."""
    text = resources.files("ontology").joinpath(VALUES_FILE).read_text(encoding="utf-8")
    return Graph().parse(data=text, format="turtle")


def _metadata(store: GraphStore, base_iri: str, modified: str | None) -> Graph:
    """Everything but the statistics: dataset, distributions, data service, contact point, vocabulary values."""
    ds = URIRef(dataset_iri(base_iri))
    g = Graph(identifier=URIRef(description_graph_iri(base_iri)))
    for prefix, ns in (("dcat", DCAT), ("dcterms", DCTERMS), ("void", VOID), ("vcard", VCARD), ("foaf", FOAF),
                       ("prov", PROV), ("skos", SKOS), ("rg", RG)):
        g.bind(prefix, ns)
    g += values_graph()
    g.add((ds, RDF.type, DCAT.Dataset))
    g.add((ds, RDF.type, VOID.Dataset))
    g.add((ds, DCTERMS.identifier, Literal(str(ds))))
    for lang in ("nl", "en"):
        g.add((ds, DCTERMS.title, Literal(TITLE[lang], lang=lang)))
        g.add((ds, DCTERMS.description, Literal(DESCRIPTION[lang], lang=lang)))
        for word in KEYWORDS[lang]:
            g.add((ds, DCAT.keyword, Literal(word, lang=lang)))
    _common(g, ds, base_iri)
    g.add((ds, DCTERMS.creator, PUBLISHER))
    g.add((ds, DCTERMS.spatial, URIRef(EU + "country/NLD")))
    g.add((ds, DCTERMS.accrualPeriodicity, URIRef(EU + "frequency/IRREG")))
    g.add((ds, DCTERMS.conformsTo, URIRef(RG)))
    for page, kind in ((URIRef(base_iri), DCAT.landingPage), (URIRef(f"{base_iri}def/"), FOAF.page)):
        g.add((ds, kind, page))
        g.add((page, RDF.type, FOAF.Document))
    g.add((ds, PROV.wasDerivedFrom, URIRef(f"{base_iri}id/document/corpus")))
    if modified:
        g.add((ds, DCTERMS.modified, Literal(modified, datatype=XSD.dateTime)))
    for theme in EU_THEMES:
        g.add((ds, DCAT.theme, theme))
    # the project's own themes (a SKOS scheme in the reference data) as subjects: dcat:theme keeps to the EU list
    for subject in _iris(store, f"SELECT DISTINCT ?t WHERE {{ ?t <{SKOS.inScheme}> <{base_iri}id/thema/> }}"):
        g.add((ds, DCTERMS.subject, URIRef(subject)))
    _distributions(g, ds, base_iri)
    return g


def _common(g: Graph, resource: URIRef, base_iri: str) -> None:
    """Publisher, contact point, licence, access rights and language: the same on dataset and data service."""
    contact = URIRef(f"{dataset_iri(base_iri)}#contact")
    g.add((resource, DCTERMS.publisher, PUBLISHER))
    g.add((resource, DCAT.contactPoint, contact))
    g.add((resource, DCTERMS.license, LICENSE))
    g.add((resource, DCTERMS.accessRights, PUBLIC))
    g.add((resource, DCTERMS.language, DUTCH))
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
        g.add((dist, DCTERMS.conformsTo, URIRef("https://www.w3.org/TR/" + SPECIFICATIONS[fmt.name])))
        g.add((dist, DCTERMS.license, LICENSE))
        g.add((dist, DCTERMS.language, DUTCH))
    endpoint = URIRef(f"{base_iri}sparql")
    service, dist = URIRef(f"{ds}#sparql"), URIRef(f"{ds}#sparql-distributie")
    g.add((ds, VOID.sparqlEndpoint, endpoint))
    g.add((service, RDF.type, DCAT.DataService))
    g.add((service, DCTERMS.identifier, Literal(str(service))))
    g.add((service, DCTERMS.title, Literal("SPARQL-endpoint van Ruimtegraaf (alleen lezen)", lang="nl")))
    g.add((service, DCTERMS.title, Literal("Ruimtegraaf SPARQL endpoint (read-only)", lang="en")))
    for lang, text in SERVICE_DESCRIPTION.items():
        g.add((service, DCTERMS.description, Literal(text, lang=lang)))
    for word in ("SPARQL", "linked data", "BO Leefomgeving"):
        g.add((service, DCAT.keyword, Literal(word, lang="nl")))
    g.add((service, DCAT.endpointURL, endpoint))
    g.add((service, DCAT.endpointDescription, endpoint))  # GET /sparql answers with the service description
    g.add((service, DCAT.servesDataset, ds))
    g.add((service, DCTERMS.conformsTo, SPARQL_PROTOCOL))
    g.add((service, DCTERMS.creator, PUBLISHER))
    for theme in EU_THEMES:
        g.add((service, DCAT.theme, theme))
    _common(g, service, base_iri)
    g.add((ds, DCAT.distribution, dist))
    g.add((dist, RDF.type, DCAT.Distribution))
    g.add((dist, DCTERMS.title, Literal("Bevragen met SPARQL", lang="nl")))
    g.add((dist, DCTERMS.title, Literal("Query with SPARQL", lang="en")))
    g.add((dist, DCAT.accessURL, endpoint))
    g.add((dist, DCAT.accessService, service))
    g.add((dist, DCTERMS.conformsTo, SPARQL_PROTOCOL))
    g.add((dist, DCTERMS.license, LICENSE))
    g.add((dist, DCTERMS.language, DUTCH))


def _with_statistics(metadata: Graph, stats: void.Statistics, base_iri: str, examples: list[str]) -> Graph:
    """`metadata` plus VoID: counts, class and property partitions, vocabularies, example resources.

    No void:distinctObjects: the description's own numbers are objects of the graph it counts, and for some
    graphs no number can state it truly (when the literal one above the others is already an object and
    the number itself is not; pyoxigraph also stores equal numbers of different integer types as one).
    """
    g = Graph(identifier=metadata.identifier)
    for prefix, ns in metadata.namespaces():
        g.bind(prefix, ns)
    g += metadata
    ds = URIRef(dataset_iri(base_iri))
    numbers = {VOID.triples: stats.triples, VOID.entities: stats.entities, VOID.classes: len(stats.classes),
               VOID.properties: len(stats.property_triples), VOID.distinctSubjects: stats.distinct_subjects}
    for count, number in numbers.items():
        g.add((ds, count, Literal(number, datatype=XSD.integer)))
    g.add((ds, VOID.uriSpace, Literal(f"{base_iri}id/")))
    g.add((ds, VOID.feature, URIRef("http://www.w3.org/ns/formats/Turtle")))
    g.add((ds, VOID.rootResource, URIRef(f"{base_iri}id/document/corpus")))
    for cls, entities in stats.class_entities.items():
        part = URIRef(f"{ds}#klasse-{_key(cls)}")
        g.add((ds, VOID.classPartition, part))
        g.add((part, VOID["class"], URIRef(cls)))
        g.add((part, VOID.entities, Literal(entities, datatype=XSD.integer)))
    for prop, triples in stats.property_triples.items():
        part = URIRef(f"{ds}#eigenschap-{_key(prop)}")
        g.add((ds, VOID.propertyPartition, part))
        g.add((part, VOID.property, URIRef(prop)))
        g.add((part, VOID.triples, Literal(triples, datatype=XSD.integer)))
    for vocabulary in stats.vocabularies:
        g.add((ds, VOID.vocabulary, URIRef(vocabulary)))
    for example in examples:
        g.add((ds, VOID.exampleResource, URIRef(example)))
    return g


def _key(iri: str) -> str:
    """A stable fragment for the partition of a class or property: `rg-Afspraak`, else a hash of the IRI."""
    for prefix, namespace in VOCABULARIES.items():
        local = iri[len(namespace):]
        if iri.startswith(namespace) and re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", local):
            return f"{prefix}-{local}"
    return hashlib.sha1(iri.encode("utf-8")).hexdigest()[:12]


def _iris(store: GraphStore, query: str) -> list[str]:
    result = store.query(query)
    assert isinstance(result, ox.QuerySolutions)
    return [row[0].value for row in result if isinstance(row[0], ox.NamedNode)]
