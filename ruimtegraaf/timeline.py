"""How a thing developed over the years: the passages about it, grouped by moment, newest first.

A passage is about a thing when it mentions it (schema:mentions), states an agreement about it or with it
as a party (rg:betreft, rg:partij), or is a source of the thing itself (prov:wasDerivedFrom). Repeated
passages (rg:duplicaatVan) stand in their original.

The moment of a passage comes from its document in the catalog: a document that reports on BO Leefomgeving
meetings (rg:verslagVan) or came out of one (prov:wasGeneratedBy) belongs to the meetings of that year
("BO Leefomgeving 2025"); another document belongs to its own date, named after the file it is part of
("Provinciaal Startpakket fysieke leefomgeving 2022"). So the corpus's moments are the BOLs of 2020, the
startpakket of 2022 and the BOLs of 2024 and 2025, without a list of moments anywhere.

>>> later = Moment("bol-2025", 2025, "BO Leefomgeving 2025", "2025-06")
>>> later.sort_key > Moment("doc-2022", 2022, "Startpakket 2022", "2022-12").sort_key
True
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox
from rdflib.namespace import SDO

from ontology import RG_IRI
from ruimtegraaf import iris
from ruimtegraaf.dataset import Dataset, Derived

if TYPE_CHECKING:
    from ruimtegraaf.model import Passage

RG = RG_IRI
DCT = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
SCHEMA = str(SDO)
SKOS = "http://www.w3.org/2004/02/skos/core#"
MEETING_LABEL = {"nl": "BO Leefomgeving {year}", "en": "BO Leefomgeving {year}"}


@dataclass(frozen=True)
class Moment:
    """A moment of the timeline: its key, year, name and the (earliest) date it stands for."""

    key: str  # "bol-2025", or "doc-<file ref>" for a document that reports on no meeting
    year: int
    label: str
    date: str | None  # ISO day, year-month or year

    @property
    def sort_key(self) -> tuple[str, str]:
        return (self.date or str(self.year), self.key)


@dataclass(frozen=True)
class Entry:
    """One passage of a timeline, with the title of the (sub-)document it stands in."""

    passage: Passage
    document_title: str
    quote: str


@dataclass
class Timeline:
    """The passages about one thing, per moment, newest moment first, in document order within a moment."""

    iri: str
    label: str
    moments: list[tuple[Moment, list[Entry]]] = field(default_factory=list)

    def to_json(self, base: str) -> dict[str, Any]:
        """The timeline as JSON, every entry with its citation (document, offsets, verbatim quote, page)."""
        return {"iri": self.iri, "label": self.label, "moments": [
            {"moment": m.key, "label": m.label, "year": m.year, "date": m.date, "count": len(entries),
             "entries": [{"citation": {"document": e.passage.document, "start": e.passage.start,
                                       "end": e.passage.end, "quote": e.quote, "page": e.passage.page,
                                       "passage": iris.thing(base, "passage", e.passage.id)},
                          "document_title": e.document_title, "heading_path": list(e.passage.heading_path)}
                         for e in entries]}
            for m, entries in self.moments]}


def timeline_of(ds: Dataset, iri: str, lang: str = "nl") -> Timeline | None:
    """The timeline of the thing `iri`, or None when the graph knows nothing about it.

    Raises ValueError when `iri` is not an IRI.
    """
    node = ox.NamedNode(iri)  # refuses what is not an IRI: nothing from a URL reaches the query unchecked
    rows = _select(ds, f"""SELECT DISTINCT ?p WHERE {{
        {{ ?p <{SCHEMA}mentions> {node} }} UNION {{ ?a <{RG}betreft> {node} ; <{PROV}wasDerivedFrom> ?p }}
        UNION {{ ?a <{RG}partij> {node} ; <{PROV}wasDerivedFrom> ?p }}
        UNION {{ {node} <{PROV}wasDerivedFrom> ?p . ?p a <{RG}Passage> }} }}""")
    label = _label(ds, node, lang)
    if not rows and label is None:
        return None
    passages = _originals(ds, (iris.thing_ref(r["p"].value) for r in rows if isinstance(r["p"], ox.NamedNode)))
    moments = MOMENTS.of(ds)
    titles = TITLES.of(ds)
    groups: dict[str, tuple[Moment, list[Entry]]] = {}
    texts = ds.masked_texts
    for p in sorted(passages, key=lambda p: (p.document, p.start)):
        moment = moments.get(p.subdocument or "") or moments.get(_file_ref(ds, p.document))
        if moment is None:
            continue
        title = titles.get(p.subdocument or "") or titles.get(_file_ref(ds, p.document)) or p.document
        entry = Entry(p, title, texts.get(p.document, "")[p.start:p.end])
        groups.setdefault(moment.key, (moment, []))[1].append(entry)
    ordered = sorted(groups.values(), key=lambda g: g[0].sort_key, reverse=True)
    return Timeline(iri, label or iri, ordered)


def _originals(ds: Dataset, ids: Iterable[str]) -> list[Passage]:
    """The passages, each repeated one replaced by the passage it repeats; each once."""
    out: dict[str, Passage] = {}
    for pid in ids:
        p = ds.by_id.get(pid)
        while p is not None and p.duplicate_of and p.duplicate_of in ds.by_id:
            p = ds.by_id[p.duplicate_of]
        if p is not None:
            out.setdefault(p.id, p)
    return list(out.values())


def _moments(ds: Dataset) -> dict[str, Moment]:
    """Document ref (file or sub-document) → its moment, from the catalog triples in the store."""
    rows = _select(ds, f"""SELECT ?doc ?date ?year ?mdate ?parent WHERE {{
        ?doc a <{RG}Document> .
        OPTIONAL {{ ?doc <{DCT}date> ?date }}
        OPTIONAL {{ ?doc <{RG}verslagVan>|<{PROV}wasGeneratedBy> ?m . ?m <{RG}jaar> ?year .
                    OPTIONAL {{ ?m <{DCT}date> ?mdate }} }}
        OPTIONAL {{ ?doc <{DCT}isPartOf> ?parent }} }}""")
    docs: dict[str, dict[str, Any]] = {}
    for r in rows:
        ref = iris.thing_ref(r["doc"].value)
        d = docs.setdefault(ref, {"date": None, "years": {}, "parent": None})
        if "date" in r:
            d["date"] = r["date"].value
        if "year" in r:
            year = int(r["year"].value[:4])
            dates = d["years"].setdefault(year, set())
            if "mdate" in r:
                dates.add(r["mdate"].value)
        if "parent" in r:
            d["parent"] = iris.thing_ref(r["parent"].value)
    titles = TITLES.of(ds)
    meeting_dates: dict[int, set[str]] = {}
    for d in docs.values():
        for year, dates in d["years"].items():
            meeting_dates.setdefault(year, set()).update(dates)
    out: dict[str, Moment] = {}
    for ref, d in docs.items():
        chain = [ref]
        while docs.get(chain[-1], {}).get("parent") and len(chain) < 5:
            chain.append(docs[chain[-1]]["parent"])
        years: dict[int, set[str]] = next((docs[r]["years"] for r in chain if docs.get(r, {}).get("years")), {})
        if years:
            year = max(years)
            date = min(meeting_dates[year]) if meeting_dates.get(year) else d["date"]
            out[ref] = Moment(f"bol-{year}", year, MEETING_LABEL["nl"].format(year=year), date)
            continue
        date = next((docs[r]["date"] for r in chain if docs.get(r, {}).get("date")), None)
        if date and date[:4].isdigit():
            root = chain[-1]
            name = titles.get(root, root).split(":")[0].strip()
            out[ref] = Moment(f"doc-{root}", int(date[:4]), name, date)
    return out


def _titles(ds: Dataset) -> dict[str, str]:
    """Document ref → its title (Dutch where given)."""
    rows = _select(ds, f"SELECT ?doc ?title WHERE {{ ?doc a <{RG}Document> ; <{DCT}title> ?title }}")
    out: dict[str, str] = {}
    for r in rows:
        ref = iris.thing_ref(r["doc"].value)
        if ref not in out or getattr(r["title"], "language", None) == "nl":
            out[ref] = r["title"].value
    return out


def _file_ref(ds: Dataset, path: str) -> str:
    return FILE_REFS.of(ds).get(path, path)


def _file_refs(ds: Dataset) -> dict[str, str]:
    """Corpus path -> the ref of the document that is that file."""
    return {r["path"].value: iris.thing_ref(r["doc"].value)
            for r in _select(ds, f"SELECT ?doc ?path WHERE {{ ?doc <{RG}bestand> ?path }}")}


def _label(ds: Dataset, node: ox.NamedNode, lang: str) -> str | None:
    rows = _select(ds, f"SELECT ?l WHERE {{ {node} <{SKOS}prefLabel>|<{DCT}title> ?l }}")
    best = None
    for r in rows:
        language = getattr(r["l"], "language", None)
        if language == lang:
            return r["l"].value
        if best is None or language == "nl":
            best = r["l"].value
    return best


def _select(ds: Dataset, query: str) -> list[dict[str, Any]]:
    result = ds.store.query(query)
    if not isinstance(result, ox.QuerySolutions):
        raise TypeError("a SELECT query gave no solutions")
    names = [v.value for v in result.variables]
    return [{n: sol[n] for n in names if sol[n] is not None} for sol in result]


MOMENTS: Derived[dict[str, Moment]] = Derived(_moments)  # document ref -> the moment it belongs to
TITLES: Derived[dict[str, str]] = Derived(_titles)  # document ref -> its title
FILE_REFS: Derived[dict[str, str]] = Derived(_file_refs)
