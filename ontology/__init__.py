"""The Ruimtegraaf ontology, its reference data and JSON-LD context, loaded with importlib.resources.

The Turtle files are written with the default base IRI; `reference_graph(base)` rebases the instance IRIs
(`{base}id/…`) for a deployment with another base. Ontology terms (`…/def/`) never move.
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DefinedNamespace
from rdflib.term import Node

DEFAULT_BASE = "https://w3id.org/ruimtegraaf/"  # the base IRI (a deployment may set another: RUIMTEGRAAF_BASE_IRI)
RG_IRI = DEFAULT_BASE + "def/"  # the rg: namespace; ontology terms never move with the base

ONTOLOGY_FILE = "ruimtegraaf.ttl"
CONTEXT_FILE = "context.jsonld"
REFERENCE_DIR = "reference"


class RG(DefinedNamespace):
    """Every term of the rg: vocabulary; a misspelt term raises AttributeError (`_fail = True`)."""

    _NS = Namespace(RG_IRI)
    _fail = True

    # Classes
    Afspraak: URIRef
    Afsprakenlijst: URIRef
    BOLeefomgeving: URIRef
    Bedrag: URIRef
    Bijlage: URIRef
    Brief: URIRef
    Bundel: URIRef
    Document: URIRef
    Factsheet: URIRef
    Gemeente: URIRef
    Handreiking: URIRef
    Hoeveelheid: URIRef
    Instrument: URIRef
    Kamerbrief: URIRef
    Landsdeel: URIRef
    Ministerie: URIRef
    MirtProject: URIRef
    NationaalProgramma: URIRef
    Nota: URIRef
    NotaRuimte: URIRef
    NovexGebied: URIRef
    Ontwikkelperspectief: URIRef
    Partij: URIRef
    Passage: URIRef
    Programmabeschrijving: URIRef
    Project: URIRef
    Provincie: URIRef
    RegionaleInvesteringsagenda: URIRef
    Rijk: URIRef
    RuimtelijkArrangement: URIRef
    Samenwerkingsverband: URIRef
    Statenbrief: URIRef
    Termijn: URIRef
    Uitvoeringsagenda: URIRef
    Waterschap: URIRef

    # Properties
    achtervoegsel: URIRef
    bedrag: URIRef
    beginOffset: URIRef
    bestand: URIRef
    betreft: URIRef
    deelNummer: URIRef
    deelVan: URIRef
    doel: URIRef
    duplicaatVan: URIRef
    eersteRegel: URIRef
    eindOffset: URIRef
    gemaaktOp: URIRef
    hoeveelheid: URIRef
    jaar: URIRef
    kopPad: URIRef
    kopwoord: URIRef
    laatsteRegel: URIRef
    landsdeel: URIRef
    ligtIn: URIRef
    novexSoort: URIRef
    onderwerp: URIRef
    onderwerpNummer: URIRef
    opvolger: URIRef
    pagina: URIRef
    partij: URIRef
    passageSoort: URIRef
    projectSoort: URIRef
    provincieContext: URIRef
    regio: URIRef
    soort: URIRef
    tekst: URIRef
    termijn: URIRef
    termijnTekst: URIRef
    uitzondering: URIRef
    verantwoordelijke: URIRef
    verslagVan: URIRef
    voorganger: URIRef


def files() -> list[Traversable]:
    """The Turtle files shipped with the package: the ontology first, then the reference data by name."""
    root = resources.files(__name__)
    reference = sorted(
        (f for f in root.joinpath(REFERENCE_DIR).iterdir() if f.name.endswith(".ttl")), key=lambda f: f.name
    )
    return [root.joinpath(ONTOLOGY_FILE), *reference]


def _parse(files_: list[Traversable]) -> Graph:
    """Parse Turtle files into one graph with the usual prefixes bound."""
    graph = Graph()
    graph.bind("rg", RG_IRI)
    for file in files_:
        graph.parse(data=file.read_text(encoding="utf-8"), format="turtle")
    return graph


def ontology_graph() -> Graph:
    """The OWL ontology (classes and properties of rg:), for validation and for serving /def/.

    >>> from rdflib import OWL, RDF
    >>> (RG.Afspraak, RDF.type, OWL.Class) in ontology_graph()
    True
    """
    return _parse([resources.files(__name__).joinpath(ONTOLOGY_FILE)])


def reference_graph(base_iri: str = DEFAULT_BASE) -> Graph:
    """The reference data (provinces, ministries, NOVEX areas, …) with instance IRIs under `base_iri`.

    >>> g = reference_graph("https://example.org/rg/")
    >>> from rdflib import URIRef
    >>> (URIRef("https://example.org/rg/id/provincie/drenthe"), RG.landsdeel, None) in g
    True
    """
    graph = _parse(files()[1:])
    if not base_iri.endswith("/"):
        base_iri += "/"
    if base_iri == DEFAULT_BASE:
        return graph
    rebased = Graph()
    for prefix, namespace in graph.namespaces():
        rebased.bind(prefix, str(_rebase(URIRef(namespace), base_iri)), replace=True)
    for s, p, o in graph:
        rebased.add((_rebase(s, base_iri), p, _rebase(o, base_iri)))
    return rebased


def _rebase(term: Node, base_iri: str) -> Node:
    """Move an IRI under the default base (but not an ontology term) to `base_iri`; leave others alone."""
    if isinstance(term, URIRef) and term.startswith(DEFAULT_BASE) and not term.startswith(RG_IRI):
        return URIRef(base_iri + term[len(DEFAULT_BASE) :])
    return term


def context() -> dict[str, Any]:
    """The JSON-LD context for Ruimtegraaf data (prefixes and short names for the terms we use)."""
    text = resources.files(__name__).joinpath(CONTEXT_FILE).read_text(encoding="utf-8")
    return json.loads(text)


@functools.cache
def preferred_names(cls: str, lang: str = "nl") -> tuple[str, ...]:
    """The preferred names in `lang` of the reference data's things of class rg:`cls`, sorted.

    >>> preferred_names("Provincie")[:3]
    ('Drenthe', 'Flevoland', 'Fryslân')
    """
    from rdflib.namespace import RDF, SKOS

    graph = reference_graph()
    return tuple(sorted({str(label) for thing in graph.subjects(RDF.type, URIRef(RG_IRI + cls))
                         for label in graph.objects(thing, SKOS.prefLabel)
                         if getattr(label, "language", None) == lang}))
