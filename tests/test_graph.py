"""The built graph answers SPARQL, each fact traceable to a passage whose text holds it."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from ruimtegraaf.builds import DataFolder
from ruimtegraaf.store import EmbeddedStore

PREFIXES = """PREFIX rg: <https://w3id.org/ruimtegraaf/def/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""


@pytest.fixture(scope="module")
def store(built) -> EmbeddedStore:
    return EmbeddedStore(DataFolder(built.data_dir).current() / "store", read_only=True)


def rows(store: EmbeddedStore, query: str) -> list[dict[str, str]]:
    result = store.query(PREFIXES + query)
    return [{v.value: s[v].value for v in result.variables if s[v] is not None} for s in result]


def _euro_texts(value: Decimal) -> list[str]:
    """How an amount in euro can be written: "88,56" for 88.560.000 (miljoen) or "2,5" (miljard)."""
    out = []
    for scale in (Decimal(10**6), Decimal(10**9), Decimal(1)):
        n = value / scale
        if n == n.to_integral_value() or len(str(n.normalize())) < 8:
            out.append(format(n.normalize(), "f").replace(".", ","))
    return out


def test_every_amount_derives_from_a_passage_that_states_it(store):
    found = rows(store, """SELECT ?a ?v ?quote WHERE {
        ?a a rg:Afspraak ; rg:bedrag ?b . ?b schema:value ?v ; prov:wasDerivedFrom ?p .
        ?p oa:hasSelector ?sel . ?sel a oa:TextQuoteSelector ; oa:exact ?quote }""")
    assert len(found) >= 10
    for r in found:
        quote = re.sub(r"(?<=\d)\.(?=\d{3})", "", " ".join(r["quote"].split()))
        assert any(t in quote for t in _euro_texts(Decimal(r["v"]))), r


def test_amounts_summed_per_regio(store):
    sums = rows(store, """SELECT ?regio (SUM(?v) AS ?total) (COUNT(DISTINCT ?a) AS ?n) WHERE {
        ?a a rg:Afspraak ; rg:regio ?r ; rg:bedrag/schema:value ?v . ?r skos:prefLabel ?regio .
        FILTER(LANG(?regio) = "nl") } GROUP BY ?regio""")
    by_regio = {r["regio"]: Decimal(r["total"]) for r in sums}
    assert by_regio["Noord-Nederland"] == Decimal("88560000")  # "elk €88,56 miljoen": one amount, as stated
    assert set(by_regio) <= {"Noord-Nederland", "Zuidwest-Nederland", "Oost-Nederland", "Noordwest-Nederland",
                             "Zuid-Nederland"}


def test_meetings_of_three_years_with_their_landsdelen_and_source(store):
    found = rows(store, """SELECT ?m ?jaar ?date ?quote WHERE {
        ?m a rg:BOLeefomgeving ; rg:jaar ?jaar ; rg:landsdeel ?l ; dcterms:date ?date ; prov:wasDerivedFrom ?p .
        ?p oa:hasSelector/oa:exact ?quote }""")
    years = {}
    for r in found:
        years.setdefault(r["jaar"], set()).add(r["m"])
        month = {"06": "juni", "11": "november"}[r["date"][5:7]]
        assert month in r["quote"]
    assert {y: len(ms) for y, ms in years.items()} == {"2020": 5, "2024": 5, "2025": 5}
    # a day that only a later document gives ("BO Leefomgeving Noordwest van 7 november 2024") dates the meeting
    days = {r["m"].rsplit("/", 1)[1]: (r["date"], r["quote"]) for r in found if len(r["date"]) == 10}
    assert days["bol-2024-noordwest-nederland"][0] == "2024-11-07"
    assert "7 november 2024" in " ".join(days["bol-2024-noordwest-nederland"][1].split())


def test_novex_areas_lie_in_provinces_stated_by_their_factsheet(store):
    found = rows(store, """SELECT ?area ?prov ?quote ?label WHERE {
        ?area a rg:NovexGebied ; rg:ligtIn ?prov ; prov:wasDerivedFrom ?p .
        ?p rg:kopPad ?path ; oa:hasSelector/oa:exact ?quote . FILTER(CONTAINS(?path, "Ligging"))
        ?prov skos:prefLabel ?label . FILTER(LANG(?label) = "nl") }""")
    assert len({r["area"] for r in found}) == 16
    for r in found:
        stated = r["quote"].replace("Friesland", "Fryslân")
        assert r["label"] in stated, r


def test_programme_forms_and_their_responsible_ministries(store):
    found = rows(store, """SELECT ?prog ?min ?quote WHERE {
        ?prog a rg:NationaalProgramma ; rg:verantwoordelijke ?min ; prov:wasDerivedFrom ?p .
        ?p rg:kopPad ?path ; oa:hasSelector/oa:exact ?quote . FILTER(CONTAINS(?path, "Verantwoordelijk")) }""")
    assert len({r["prog"] for r in found}) == 17
    geluid = rows(store, """SELECT ?min WHERE { ?prog skos:prefLabel "Geluid"@nl . ?prog rg:verantwoordelijke ?min }""")
    assert geluid == []


def test_every_agreement_derives_from_exactly_one_passage_holding_its_text(store):
    found = rows(store, """SELECT ?a (COUNT(DISTINCT ?p) AS ?n) WHERE { ?a a rg:Afspraak ; prov:wasDerivedFrom ?p }
                           GROUP BY ?a""")
    assert len(found) == 169 and all(r["n"] == "1" for r in found)


def test_passages_mention_the_things_they_are_about(store):
    found = rows(store, """SELECT (COUNT(*) AS ?n) WHERE { ?p a rg:Passage ; schema:mentions ?e .
                           ?e a rg:NovexGebied }""")
    assert int(found[0]["n"]) > 100
