"""Structured questions answered from the graph: which passages state the facts the question asks for.

A question that names a thing of the graph and asks for one of its relations ("Welke ministeries zijn
verantwoordelijk voor GIOS?", "Wie zijn de trekkers van NOVEX-gebied NZKG?", "Wat is met Gelderland
afgesproken over …?") is looked up with SPARQL; the passages the facts derive from lead the evidence,
so the answer is composed from, and cites, exactly the words the graph's facts rest on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib.namespace import SDO

from ontology import RG_IRI
from ruimtegraaf import iris
from ruimtegraaf.answering.question import MEETING_WORD, Question
from ruimtegraaf.gazetteer import Named
from ruimtegraaf.index import tokens
from ruimtegraaf.months import MONTHS_NL

if TYPE_CHECKING:
    from ruimtegraaf.dataset import Dataset

PREFIXES = f"""PREFIX rg: <{RG_IRI}>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <{SDO}>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
_RESPONSIBLE = re.compile(r"\b(verantwoordelijk\w*|ministerie\w*|departement\w*|responsible|ministr\w+)\b", re.I)
_LEADERS = re.compile(r"\b(trekk\w+|trok|trokken|bewindspersoon|bestuurder\w*|leads?|leaders?|led|lead cabinet member|"
                      r"coordinating administrator|ambassadeur|ambassador)\b", re.I)
_LOCATION = re.compile(r"\b(ligging|ligt|liggen|provincie\w*|where|located)\b", re.I)
_WITHIN = re.compile(r"\b(binnen|within|inside)\b", re.I)  # which things lie within an area, not where it lies
_NOVEX = re.compile(r"\bnovex", re.I)
_NOVEX_PLURAL = re.compile(r"\bnovex[- ]?(?:gebieden|areas)\b", re.I)  # which NOVEX areas (not: NOVEX area X)
_LIST = re.compile(r"\b(welke|which|what|noem|lijst|list)\b", re.I)
_WHEN = re.compile(r"\b(wanneer|welke datum|op welke dag|when|what date)\b", re.I)
_MEETING = re.compile(rf"\b(BO[’']?s?\s+Leefomgeving|BOL|Bestuurlijk\w*\s+Overleg\w*|{MEETING_WORD})\b", re.I)
_MONTHS = MONTHS_NL
_AGREEMENT = re.compile(r"\b(afgesproken|afspraak|afspraken|spraken|spreken|agreed|agreements?)\b", re.I)


@dataclass
class GraphEvidence:
    """Passages that state the facts a structured question asks for, best first; for a question the graph
    answers whole (a list, a date), also the answer composed from the graph's labels."""

    passage_ids: list[str] = field(default_factory=list)
    relation: str | None = None
    answer: str | None = None


def graph_evidence(q: Question, ds: Dataset) -> GraphEvidence:
    """Look up the relation a question asks for about the things it names; empty when it asks none."""
    things = {e.type: e for e in reversed(q.entities)}
    programme, area = things.get("NationaalProgramma"), things.get("NovexGebied")
    province, landsdeel = things.get("Provincie"), things.get("Landsdeel")
    if province and not area and _NOVEX_PLURAL.search(q.text) and _LIST.search(q.text):
        return _areas_in(ds, province, q.language)
    if _WHEN.search(q.text) and _MEETING.search(q.text) and (landsdeel or province) and not _dated(q):
        return _meeting_date(ds, q, landsdeel, province)
    if programme and _RESPONSIBLE.search(q.text):
        return GraphEvidence(_sources(ds, f"<{programme.iri}> rg:verantwoordelijke ?x ; prov:wasDerivedFrom ?src ."),
                             "verantwoordelijke")
    if area and _LEADERS.search(q.text) and _about_only(q, area):
        return GraphEvidence(_sources(ds, f"?role a schema:Role ; dcterms:spatial <{area.iri}> ; "
                                          f"prov:wasDerivedFrom ?src ."), "trekkers")
    if area and _LOCATION.search(q.text) and not _AGREEMENT.search(q.text) and not _WITHIN.search(q.text):
        return GraphEvidence(_sources(ds, f"<{area.iri}> rg:ligtIn ?p ; prov:wasDerivedFrom ?src ."), "ligtIn")
    if _AGREEMENT.search(q.text):
        targets = [e for e in q.entities if e.type in ("NovexGebied", "NationaalProgramma", "Provincie", "MirtProject",
                                                       "Gemeente")]
        years = ", ".join(f'"{y}"' for y in q.years)
        in_year = f"?m rg:jaar ?y . FILTER(STR(?y) IN ({years}))" if q.years else ""
        ids: list[str] = []
        for e in targets:
            ids += _sources(ds, f"?a a rg:Afspraak ; prov:wasDerivedFrom ?src ; rg:gemaaktOp ?m . "
                                f"{{ ?a rg:betreft <{e.iri}> }} UNION {{ ?a rg:partij <{e.iri}> }} "
                                f"UNION {{ ?a rg:provincieContext <{e.iri}> }} {in_year}")
        if ids and len(ids) <= 12:  # a handful of agreements is evidence; dozens are a topic, not an answer
            return GraphEvidence(list(dict.fromkeys(ids)), "afspraak")
    return GraphEvidence()


def _dated(q: Question) -> bool:
    """The question itself dates what it names ("op het BO Leefomgeving van juni 2020 …, wanneer wilden zij …"):
    its "when" asks another moment than the meeting's, unless it asks the day of a month it names."""
    c = q.constraints
    return bool(c.days) or (bool(c.months) and q.unit != "day")


def _about_only(q: Question, thing: Named) -> bool:
    """The question names `thing` and nothing else (not "who leads the ZL-EU vision for Zuid-Limburg")."""
    label = set(tokens(thing.label)) | {t for terms in q.things.values() for t in terms}
    return not [t for t in q.names if t not in label]


def _areas_in(ds: Dataset, province: Named, language: str) -> GraphEvidence:
    """The NOVEX areas that lie in a province, from the factsheets' Ligging fields."""
    found = _select(ds, f"SELECT DISTINCT ?label ?src WHERE {{ ?a a rg:NovexGebied ; rg:ligtIn <{province.iri}> ; "
                        f"skos:prefLabel ?label ; prov:wasDerivedFrom ?src . FILTER(LANG(?label) = 'nl') }}")
    if not found:
        return GraphEvidence()
    names = sorted({label for label, _ in found})
    frame = ("NOVEX areas in {p} ({n}): {names}." if language == "en"
             else "In {p} liggen {n} NOVEX-gebieden: {names}.")
    text = frame.format(p=province.label, n=len(names), names=", ".join(names))
    return GraphEvidence(_in_order(ds, [src for _, src in found]), "ligtIn", text)


def _meeting_date(ds: Dataset, q: Question, landsdeel: Named | None, province: Named | None) -> GraphEvidence:
    """The date of the BO Leefomgeving of a landsdeel (or of a province's landsdeel) in a year."""
    where = f"<{landsdeel.iri}>" if landsdeel else f"?l . <{province.iri}> rg:landsdeel ?l"  # type: ignore[union-attr]  # the caller passes a landsdeel or a province
    years = ", ".join(f'"{y}"' for y in q.years)
    in_year = f"FILTER(STR(?y) IN ({years}))" if q.years else ""
    found = _select(ds, f"SELECT ?label ?date ?src WHERE {{ ?m a rg:BOLeefomgeving ; rg:landsdeel {where} . "
                        f"?m rg:jaar ?y ; dcterms:date ?date ; skos:prefLabel ?label ; prov:wasDerivedFrom ?src . "
                        f"{in_year} }} ORDER BY ?date")
    if q.unit == "day":  # asked to the day: a meeting the documents date only to the month does not answer
        found = [row for row in found if row[1].count("-") == 2]
        if not found:
            return GraphEvidence(relation="datum")
    if not found:
        return GraphEvidence()
    parts = []
    for label, date, _ in found:
        y, m, *d = date.split("-")
        when = f"{int(d[0])} {_MONTHS[int(m) - 1]} {y}" if d else f"{_MONTHS[int(m) - 1]} {y}"
        parts.append(f"{label}: {when}")
    return GraphEvidence(_in_order(ds, [src for *_, src in found]), "datum", "; ".join(parts) + ".")


def _select(ds: Dataset, query: str) -> list[tuple[str, ...]]:
    """Rows of a SELECT as tuples of plain values (IRIs of passages reduced to their ids)."""
    out = []
    result = ds.store.query(PREFIXES + query)
    assert isinstance(result, ox.QuerySolutions)
    for row in result:
        out.append(tuple(str(row[v].value).rsplit("/", 1)[-1] if str(row[v].value).startswith("http")
                         else str(row[v].value) for v in result.variables))
    return out


def _in_order(ds: Dataset, ids: list[str]) -> list[str]:
    found = [i for i in dict.fromkeys(ids) if i in ds.by_id]
    return sorted(found, key=lambda i: (ds.by_id[i].document, ds.by_id[i].start))


def _sources(ds: Dataset, pattern: str) -> list[str]:
    """Passage ids bound to ?src by a graph pattern, in document order."""
    query = f"{PREFIXES}SELECT DISTINCT ?src WHERE {{ {pattern} }}"
    rows = ds.store.query(query)
    assert isinstance(rows, ox.QuerySolutions)
    ids = [iris.thing_ref(str(row["src"].value)) for row in rows]
    found = [i for i in ids if i in ds.by_id]
    return sorted(found, key=lambda i: (ds.by_id[i].document, ds.by_id[i].start))
