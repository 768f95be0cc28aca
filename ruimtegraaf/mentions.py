"""Which provinces, NOVEX areas, programmes, ministries, landsdelen and MIRT projects each passage is about.

A passage mentions (`schema:mentions`) every such thing that its text or its heading path names, found with
the gazetteer (longest name first, so "Regio Groningen-Assen" and "Zuid-Limburg" are the areas, not the
provinces). Two rules keep ambiguous bare names honest:

- a province named by its bare name right after "gemeente", "stad", "wethouder", "burgemeester",
  "metropoolregio" or "(rijks)universiteit" is the city or another area ("gemeente Groningen",
  "Rijksuniversiteit Groningen", "Metropoolregio Utrecht"): no mention, since the reference data
  has no entity for it and asserting the province would be wrong;
- a landsdeel named by a bare compass word ("Noord", "Zuidwest") counts only in a heading or after
  "landsdeel", "BO('s) Leefomgeving", "BOL('s)", "BO MIRT", "Omgevingsagenda" or "bestuurlijk overleg".

The gazetteer knows the reference data's skos:hiddenLabel too: the 2022 post
titles "minister voor VRO" / "minister voor NenS" are hidden labels of BZK and LNV.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rdflib import Graph, URIRef
from rdflib.namespace import SDO

from ruimtegraaf import iris
from ruimtegraaf.embed import fold
from ruimtegraaf.gazetteer import Gazetteer, Match
from ruimtegraaf.model import Passage

MENTION_TYPES = ("Provincie", "NovexGebied", "NationaalProgramma", "Ministerie", "Landsdeel", "MirtProject")
_NOT_THE_PROVINCE = re.compile(r"(?:\b(?:gemeente|stad|wethouder|burgemeester|metropoolregio)|universiteit)\s*$", re.I)
_LANDSDEEL_CONTEXT = re.compile(r"\b(?:landsdeel|bo(?:['’]s)?\s+leefomgeving|bol(?:['’]s)?|bo(?:['’]s)?\s+mirt"
                                r"(?:['’]s)?|omgevingsagenda|bestuurlijk\s+overleg)\s*$", re.I)
_CONTEXT_CHARS = 40


def entity_matches(text: str, gazetteer: Gazetteer, *, heading: bool = False,
                   types: Iterable[str] = MENTION_TYPES) -> list[Match]:
    """The names of things of `types` in `text`, minus the bare names the context says mean something else."""
    wanted = set(types)
    out = []
    for m in gazetteer.find(text):
        if m.named.type not in wanted:
            continue
        before = fold(text[max(0, m.start - _CONTEXT_CHARS):m.start])
        surface = fold(m.surface)
        if m.named.type == "Provincie" and not surface.startswith("provincie") and _NOT_THE_PROVINCE.search(before):
            continue
        if (m.named.type == "Landsdeel" and " " not in surface.strip() and "nederland" not in surface
                and not heading and not _LANDSDEEL_CONTEXT.search(before)):
            continue
        out.append(m)
    return out


def passage_mentions(p: Passage, gazetteer: Gazetteer) -> list[str]:
    """IRIs of the things one passage is about (heading path first, then text order), each once."""
    found: dict[str, None] = {}
    for head in p.heading_path:
        for m in entity_matches(head, gazetteer, heading=True):
            found.setdefault(m.named.iri)
    for m in entity_matches(p.text, gazetteer):
        found.setdefault(m.named.iri)
    return list(found)


def mentions_by_passage(passages: Iterable[Passage], gazetteer: Gazetteer) -> dict[str, list[str]]:
    """Passage id → IRIs of the entities it mentions (only passages that mention something), e.g. to boost search.

    >>> from ontology import RG_IRI, reference_graph
    >>> g = Gazetteer.from_graph(reference_graph(), RG_IRI)
    >>> p = Passage("p1", "x.txt", 0, 46, "De gemeente Groningen en Regio Groningen-Assen")
    >>> [iri.rsplit("/", 1)[-1] for iri in mentions_by_passage([p], g)["p1"]]
    ['regio-groningen-assen']
    """
    out = {}
    for p in passages:
        iris_ = passage_mentions(p, gazetteer)
        if iris_:
            out[p.id] = iris_
    return out


def mentions_graphs(passages: Iterable[Passage], base: str, gazetteer: Gazetteer) -> dict[str, Graph]:
    """Corpus file path → graph of `<passage> schema:mentions <entity>` triples for the passages of that file."""
    graphs: dict[str, Graph] = {}
    for p in passages:
        found = passage_mentions(p, gazetteer)
        if not found:
            continue
        g = graphs.setdefault(p.document, Graph())
        node = URIRef(iris.thing(base, "passage", p.id))
        for iri in found:
            g.add((node, SDO.mentions, URIRef(iri)))
    return graphs
