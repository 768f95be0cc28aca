"""Municipalities, water boards and projects as things of the graph, with what the documents say about them.

A municipality or water board is described by its register record in every graph that refers to it (a passage
naming it, an agreement with it as party or subject). A project is described once, in the graph of the first
corpus file (by path) that names it; other graphs only point to it.

A project gets, besides its names and kind:
- the passages of its home file naming it (prov:wasDerivedFrom); every passage naming it mentions it
  (schema:mentions);
- where it lies (rg:ligtIn): municipalities its own name names ("Flessenhals Zwolle-Meppel"), or that a
  sentence places it in ("Amercentrale-terrein in Geertruidenberg"); municipalities that are parties to, and
  the province context of, the agreements whose topic it is; a "gemeente X" in the section headed by its name;
  provinces a sentence that names it names as
  provinces ("met de provincies Groningen, Drenthe en Overijssel … MIRT-verkenning Nedersaksenlijn") or
  right after it ("Eemshaven (Groningen)"), not in passing ("(inclusief Limburg)"); the provinces
  of a NOVEX area of the same name (the Lelylijn);
- the landsdeel the documents treat it under (rg:landsdeel): the regio of its agreements, the "Regio …"
  section of the MIRT-brief, the one meeting a document reports on; when it lies in provinces, only a
  landsdeel of one of them (else theirs);
A project the documents place nowhere (no place, no landsdeel) is not described.
- the amounts (rg:bedrag) of sentences that name it and no other project, each derived from its passage.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rdflib import OWL, RDF, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDFS, SDO, SKOS

from ingest.projects import Project, kind_iri, project_iri
from ingest.subjects import Subjects, normal
from ontology import RG
from ruimtegraaf import iris
from ruimtegraaf.amounts import Amount, find_amounts
from ruimtegraaf.gazetteer import Named
from ruimtegraaf.mentions import entity_matches
from ruimtegraaf.model import Passage
from ruimtegraaf.register import REGISTER_SOURCES, Body

_SENTENCES = re.compile(r"(?<=[.;!?])\s+(?=[A-Z•(])|\s*•\s*")
_PROVINCE_LIST = re.compile(r"\b[Pp]rovincies\s+(?:[A-Z][\w-]*(?:\s*,\s*|\s+en\s+))*$")
_RIGHT_AFTER = re.compile(r"\s*(?:\(|\bin\s+(?:de\s+provincie\s+)?)")  # "Eemshaven (Groningen)", "… in Drenthe"
_MUNICIPALITY_BEFORE = re.compile(r"\b[Gg]emeente\s+$")
_NUMBERING = re.compile(r"^(?:\d+(?:\.\d+)*\.?\s+)+")
_PLACED = re.compile(r"^(?:-terrein)?\s+(?:(?:in|bij|te|rond)\s+)?")
_REGIO_HEADING = re.compile(r"^(?:\d+(?:\.\d+)*\.?\s+)?Regio\s+(\S+)$")


@dataclass
class Where:
    """Where a project lies and under which landsdeel the documents treat it (IRIs)."""

    places: set[str] = field(default_factory=set)
    landsdelen: set[str] = field(default_factory=set)
    bodies: dict[str, Body] = field(default_factory=dict)  # the municipalities among the places

    def add_body(self, iri: str, body: Body) -> None:
        self.places.add(iri)
        self.bodies[iri] = body


@dataclass(frozen=True)
class AgreementFacts:
    """What knowledge.py knows of an agreement that places its projects: regio, province, parties, topic."""

    regio: str | None
    province: str | None
    parties: tuple[Named, ...]
    topic_projects: tuple[str, ...]  # slugs of projects its topic or sub-heading names
    projects: tuple[str, ...]  # slugs of all projects it is about


def project_places(subjects: Subjects, passages: Sequence[Passage], agreements: Iterable[AgreementFacts],
                   meetings_of: dict[str, set[str]], novex: dict[str, set[str]],
                   province_landsdeel: dict[str, str]) -> dict[str, Where]:
    """Project slug → where it lies; `meetings_of` maps a passage id to the landsdelen its document reports on,
    `novex` a folded NOVEX-area label to the provinces it lies in, `province_landsdeel` a province to its
    landsdeel (a landsdeel that contradicts the provinces a project lies in is dropped)."""
    out = {pr.slug: Where() for pr in subjects.projects}
    for pr in subjects.projects:
        day = subjects.dates.get(pr.passages[0]) if pr.passages else None
        for label in (pr.label, *pr.variants):
            for b in subjects.bodies(label, day):
                if b.kind == "Gemeente" and label != b.name:
                    out[pr.slug].add_body(subjects.body_named(b).iri, b)
            out[pr.slug].places.update(novex.get(label.casefold(), ()))
    for a in agreements:
        for slug in a.projects:
            if a.regio:
                out[slug].landsdelen.add(a.regio)
        for slug in a.topic_projects:
            if a.province:
                out[slug].places.add(a.province)
            for party in a.parties:
                body = subjects.register.lookup(party.label, None, "Gemeente") if party.type == "Gemeente" else None
                if body is not None:
                    out[slug].add_body(party.iri, body)
    by_slug = {pr.slug: pr for pr in subjects.projects}
    for p in passages:
        if p.duplicate_of:
            continue
        text = normal(p.text)
        named = subjects.projects_in(text)
        if not named:
            continue
        regio = _regio_section(p, subjects)
        headings = {_NUMBERING.sub("", " ".join(h.split())) for h in p.heading_path}
        for pr in named:
            out[pr.slug].landsdelen.update(meetings_of.get(p.id, ()))
            if regio:
                out[pr.slug].landsdelen.add(regio)
            if pr.label in headings:  # its own section: "de gemeente Dordrecht" there is where it lies
                for f in subjects.register.find(text, subjects.dates.get(p.id), subjects.other_spans(text)):
                    if f.body.kind == "Gemeente" and _MUNICIPALITY_BEFORE.search(text[:f.start]):
                        out[pr.slug].add_body(subjects.body_named(f.body).iri, f.body)
        for sentence in _SENTENCES.split(text):
            for pr in subjects.projects_in(sentence):
                _sentence_places(subjects, sentence, by_slug[pr.slug], subjects.dates.get(p.id), out[pr.slug])
    for where in out.values():
        _agreeing(where, province_landsdeel)
    return out


def _agreeing(where: Where, province_landsdeel: dict[str, str]) -> None:
    """Keep the landsdelen that agree with the provinces a project lies in (its own, when none agree)."""
    own = {province_landsdeel[p] for p in where.places if p in province_landsdeel}
    if own:
        where.landsdelen = (where.landsdelen & own) or own


def _sentence_places(subjects: Subjects, sentence: str, pr: Project, day: str | None, where: Where) -> None:
    """Provinces a sentence names beside the project, and a municipality it places the project in."""
    spans = [m.span() for label in (pr.label, *pr.variants) for m in re.finditer(re.escape(label), sentence)]
    for m in entity_matches(sentence, subjects.gazetteer, types=("Provincie",)):
        if any(s <= m.start < e for s, e in spans):
            continue
        named_as_province = m.surface.casefold().startswith("provincie") or _PROVINCE_LIST.search(sentence[:m.start])
        right_after = any(_RIGHT_AFTER.fullmatch(sentence[e:m.start]) for _, e in spans if e <= m.start)
        if named_as_province or right_after:
            where.places.add(m.named.iri)
    for _, end in spans:
        placed = _PLACED.match(sentence[end:])
        if not placed:
            continue
        rest = sentence[end + placed.end():end + placed.end() + 80]
        at = 0
        for f in subjects.register.find(rest, day):  # a run of municipalities: "Oude Lijn Leiden-Dordrecht"
            if f.start != at or f.body.kind != "Gemeente":
                break
            where.add_body(subjects.body_named(f.body).iri, f.body)
            sep = re.match(r"\s*(?:[-–/,]|\ben\b)\s*", rest[f.end:])
            at = f.end + (sep.end() if sep else 0)


def _regio_section(p: Passage, subjects: Subjects) -> str | None:
    """The landsdeel of a "2.1. Regio Noord" section above the passage."""
    for heading in p.heading_path:
        m = _REGIO_HEADING.match(" ".join(heading.split()))
        if m:
            named = subjects.gazetteer.resolve(f"landsdeel {m.group(1)}")
            if named is not None and named.type == "Landsdeel":
                return named.iri
    return None


def project_amounts(subjects: Subjects, passages: Sequence[Passage]) -> dict[str, list[tuple[Amount, str]]]:
    """Project slug → (amount, passage id) for every sentence that names that project and no other."""
    out: dict[str, list[tuple[Amount, str]]] = {}
    for p in passages:
        if p.duplicate_of:
            continue
        for sentence in _SENTENCES.split(normal(p.text)):
            named = subjects.projects_in(sentence)
            if len(named) != 1:
                continue
            for amount in find_amounts(sentence):
                out.setdefault(named[0].slug, []).append((amount, p.id))
    return out


def display_name(b: Body) -> str:
    """A municipality by its official name; a water board with its kind ("Waterschap Aa en Maas").

    >>> display_name(Body("ws0654", "Aa en Maas", "x", None, None, "Waterschap"))
    'Waterschap Aa en Maas'
    """
    if b.kind == "Waterschap" and not re.match(r"(?:Hoogheemraadschap|Wetterskip)\b", b.name):
        return f"Waterschap {b.name}"
    return b.name


def describe_body(g: Graph, b: Body, node: Named) -> None:
    """A municipality or water board with its register identity: TOOI IRI, code, name, period."""
    s = URIRef(node.iri)
    g.add((s, RDF.type, getattr(RG, b.kind)))
    g.add((s, SKOS.prefLabel, Literal(display_name(b), lang="nl")))
    g.add((s, SKOS.altLabel, Literal(b.name if display_name(b) != b.name else f"gemeente {b.name}", lang="nl")))
    g.add((s, SKOS.notation, Literal(b.code)))
    g.add((s, OWL.sameAs, URIRef(b.iri)))
    g.add((s, DCTERMS.source, URIRef(REGISTER_SOURCES[b.kind])))
    if b.begin:
        g.add((s, SDO.foundingDate, Literal(b.begin, datatype=XSD.date)))
    if b.end:
        g.add((s, SDO.dissolutionDate, Literal(b.end, datatype=XSD.date)))


def describe_project(g: Graph, pr: Project, where: Where, passages: Sequence[str],
                     amounts: Sequence[tuple[Amount, str]], base: str) -> None:
    """A project: type, names, kind, places, landsdelen, source passages and amounts."""
    s = URIRef(project_iri(base, pr.slug))
    g.add((s, RDF.type, RG.Project))  # stated for a MIRT project too: `?p a rg:Project` finds every project
    if pr.mirt:
        g.add((s, RDF.type, RG.MirtProject))
    g.add((s, SKOS.prefLabel, Literal(pr.label, lang="nl")))
    for v in pr.variants:
        g.add((s, SKOS.altLabel, Literal(v, lang="nl")))
    if pr.kind:
        g.add((s, RG.projectSoort, URIRef(kind_iri(base, pr.kind))))
    for place in sorted(where.places):
        g.add((s, RG.ligtIn, URIRef(place)))
    for landsdeel in sorted(where.landsdelen):
        g.add((s, RG.landsdeel, URIRef(landsdeel)))
    for pid in passages:
        g.add((s, PROV.wasDerivedFrom, URIRef(iris.thing(base, "passage", pid))))
    seen: set[tuple[str, str]] = set()
    for amount, pid in amounts:
        if (str(amount.value_eur), pid) in seen:
            continue
        seen.add((str(amount.value_eur), pid))
        b = URIRef(iris.thing(base, "bedrag", f"project-{pr.slug}-{len(seen)}"))
        g.add((s, RG.bedrag, b))
        g.add((b, RDF.type, RG.Bedrag))
        g.add((b, SDO.value, Literal(amount.value_eur, datatype=XSD.decimal)))
        g.add((b, SDO.currency, Literal("EUR")))
        g.add((b, RDFS.label, Literal(amount.text, lang="nl")))
        if amount.qualifier:
            g.add((b, RG.doel, Literal(amount.qualifier, lang="nl")))
        g.add((b, PROV.wasDerivedFrom, URIRef(iris.thing(base, "passage", pid))))
