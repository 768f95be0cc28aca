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

from ruimtegraaf.question import Question

if TYPE_CHECKING:
    from ruimtegraaf.dataset import Dataset

PREFIXES = """PREFIX rg: <https://w3id.org/ruimtegraaf/def/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <https://schema.org/>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
_RESPONSIBLE = re.compile(r"\b(verantwoordelijk\w*|ministerie\w*|departement\w*|responsible|ministr\w+)\b", re.I)
_LEADERS = re.compile(r"\b(trekk\w+|bewindspersoon|bestuurder\w*|leads?|leaders?)\b", re.I)
_LOCATION = re.compile(r"\b(ligging|ligt|liggen|provincie\w*|where|located)\b", re.I)
_AGREEMENT = re.compile(r"\b(afgesproken|afspraak|afspraken|spraken|spreken|agreed|agreements?)\b", re.I)


@dataclass
class GraphEvidence:
    """Passages that state the facts a structured question asks for, best first."""

    passage_ids: list[str] = field(default_factory=list)
    relation: str | None = None


def graph_evidence(q: Question, ds: Dataset) -> GraphEvidence:
    """Look up the relation a question asks for about the things it names; empty when it asks none."""
    things = {e.type: e for e in reversed(q.entities)}
    programme, area = things.get("NationaalProgramma"), things.get("NovexGebied")
    if programme and _RESPONSIBLE.search(q.text):
        return GraphEvidence(_sources(ds, f"<{programme.iri}> rg:verantwoordelijke ?x ; prov:wasDerivedFrom ?src ."),
                             "verantwoordelijke")
    if area and _LEADERS.search(q.text):
        return GraphEvidence(_sources(ds, f"?role a schema:Role ; dcterms:spatial <{area.iri}> ; "
                                          f"prov:wasDerivedFrom ?src ."), "trekkers")
    if area and _LOCATION.search(q.text) and not _AGREEMENT.search(q.text):
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


def _sources(ds: Dataset, pattern: str) -> list[str]:
    """Passage ids bound to ?src by a graph pattern, in document order."""
    query = f"{PREFIXES}SELECT DISTINCT ?src WHERE {{ {pattern} }}"
    ids = [str(row["src"].value).rsplit("/", 1)[-1] for row in ds.store.query(query)]
    found = [i for i in ids if i in ds.by_id]
    return sorted(found, key=lambda i: (ds.by_id[i].document, ds.by_id[i].start))
