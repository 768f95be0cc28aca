"""Entity mentions per passage: provinces, NOVEX areas, programmes, ministries, landsdelen, with ambiguous names."""

from __future__ import annotations

import re
import time

import pytest
from rdflib import URIRef
from rdflib.namespace import SDO

from ontology import DEFAULT_BASE, RG_IRI, reference_graph
from ruimtegraaf import iris
from ruimtegraaf.gazetteer import Gazetteer
from ruimtegraaf.mentions import mentions_by_passage, mentions_graphs, passage_mentions
from ruimtegraaf.model import Passage

BASE = DEFAULT_BASE
PROVINCE_GRONINGEN = iris.thing(BASE, "provincie", "groningen")
RGA = iris.thing(BASE, "novexgebied", "regio-groningen-assen")


@pytest.fixture(scope="module")
def gazetteer():
    return Gazetteer.from_graph(reference_graph(BASE), RG_IRI)


@pytest.fixture(scope="module")
def mentions(corpus, gazetteer):
    return mentions_by_passage(corpus.passages, gazetteer)


def found(gazetteer, text: str, heading: tuple[str, ...] = ()) -> set[str]:
    p = Passage("p", "x.txt", 0, len(text), text, heading_path=heading)
    return {iri.removeprefix(BASE + "id/") for iri in passage_mentions(p, gazetteer)}


@pytest.mark.parametrize(("text", "expected"), [
    ("De provincie Groningen en Drenthe.", {"provincie/groningen", "provincie/drenthe"}),
    ("Gedeputeerde Staten van Groningen", {"provincie/groningen"}),
    ("In de Regio Groningen-Assen wordt gebouwd.", {"novexgebied/regio-groningen-assen"}),
    ("NOVEX-gebied Groningen – Assen", {"novexgebied/regio-groningen-assen"}),
    ("het NOVEX-gebied Groningen", {"novexgebied/groningen-masterplan-zeehavens"}),
    ("De gemeente Groningen en de stad Utrecht", set()),
    ("Onderzoek van de Rijksuniversiteit Groningen", set()),
    ("burgemeester van de Metropoolregio Utrecht", set()),
    ("In Zuid-Limburg en Noord-Limburg", {"novexgebied/zuid-limburg"}),
    ("Utrecht-Amersfoort groeit", {"novexgebied/utrecht-amersfoort"}),
    ("Regiodeal Parkstad Limburg", {"provincie/limburg"}),
    ("de minister voor VRO en de minister voor NenS", {"ministerie/bzk", "ministerie/lvvn"}),
    ("Ministeries van BZK, LNV, IenW en VWS",
     {"ministerie/bzk", "ministerie/lvvn", "ministerie/ienw", "ministerie/vws"}),
    ("Het NPLG en Water en bodem sturend", {"programma/nationaal-programma-landelijk-gebied",
                                            "programma/water-en-bodem-sturend"}),
    ("op de BO’s Leefomgeving Noord", {"landsdeel/noord-nederland"}),
    ("Regio Noord-Nederland", {"landsdeel/noord-nederland"}),
    ("Zuid en Oost Drenthe", {"provincie/drenthe"}),
    ("Rotterdam Zuid", set()),
])
def test_mentions_in_text(gazetteer, text, expected):
    assert found(gazetteer, text) == expected


def test_heading_path_counts_and_a_bare_landsdeel_in_a_heading_is_one(gazetteer):
    assert found(gazetteer, "Wat is de opgave?", ("Zuidwest", "NOVEX-gebied Regio Zwolle")) == {
        "landsdeel/zuidwest-nederland", "novexgebied/regio-zwolle"}


def test_province_groningen_in_the_corpus(corpus, mentions):
    named = [p for p in corpus.passages if re.search(r"[Pp]rovincie Groningen", p.text)]
    assert named
    assert all(PROVINCE_GRONINGEN in mentions.get(p.id, []) for p in named)


def test_regio_groningen_assen_in_the_corpus_is_the_area_not_the_province(corpus, mentions):
    named = [p for p in corpus.passages if "Regio Groningen-Assen" in p.text]
    assert named and all(RGA in mentions[p.id] for p in named)
    only_the_area = [p for p in named if "Groningen" not in p.text.replace("Regio Groningen-Assen", "")
                     and not any("Groningen" in h.replace("Groningen-Assen", "").replace("Groningen – Assen", "")
                                 for h in p.heading_path)]
    assert only_the_area
    assert all(PROVINCE_GRONINGEN not in mentions[p.id] for p in only_the_area)


def test_factsheet_passages_mention_their_area(corpus, mentions):
    nzkg = iris.thing(BASE, "novexgebied", "noordzeekanaalgebied")
    sheet = [p for p in corpus.passages if p.heading_path[:1] == ("NOVEX-gebied Noordzeekanaalgebied (NZKG)",)]
    assert len(sheet) > 10 and all(nzkg in mentions[p.id] for p in sheet)


def test_mentions_over_the_whole_corpus_take_a_few_seconds_at_most(corpus, gazetteer):
    t0 = time.perf_counter()
    by_passage = mentions_by_passage(corpus.passages, gazetteer)
    seconds = time.perf_counter() - t0
    assert seconds < 5, f"{seconds:.1f}s"
    assert len(by_passage) > len(corpus.passages) // 2


def test_mentions_graphs_hold_one_triple_per_mention(corpus, gazetteer, mentions):
    graphs = mentions_graphs(corpus.passages, BASE, gazetteer)
    assert set(graphs) <= set(corpus.infos)
    assert sum(len(g) for g in graphs.values()) == sum(len(v) for v in mentions.values())
    some_id, some_iris = next(iter(mentions.items()))
    document = next(p.document for p in corpus.passages if p.id == some_id)
    passage = URIRef(iris.thing(BASE, "passage", some_id))
    assert set(graphs[document].objects(passage, SDO.mentions)) == {URIRef(i) for i in some_iris}
