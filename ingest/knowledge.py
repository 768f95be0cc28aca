"""Facts the corpus states, as triples in the graph of the document that states them.

Every statement is traceable: the agreement, its amounts, quantities and deadlines derive
(`prov:wasDerivedFrom`) from the passage whose text holds them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date as date_type
from typing import TYPE_CHECKING, Any

from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, RDFS, SDO, SKOS

from ingest.afspraken import Afspraak, extract_afspraken
from ingest.meetings import Meeting, extract_meetings
from ingest.projects import Project
from ingest.startpakket import startpakket_graphs
from ingest.subjects import Subjects, build_subjects
from ingest.things import AgreementFacts, describe_body, describe_project, project_amounts, project_places
from ontology import RG, RG_IRI, reference_graph
from ruimtegraaf import iris
from ruimtegraaf.gazetteer import Gazetteer, Named
from ruimtegraaf.mentions import mentions_graphs
from ruimtegraaf.model import Passage
from ruimtegraaf.register import Body, Register

if TYPE_CHECKING:
    from ingest.corpus import Corpus

TIME = Namespace("http://www.w3.org/2006/time#")
PARTY_TYPES = ("Partij", "Rijk", "Ministerie", "Provincie", "Gemeente", "Waterschap", "Landsdeel",
               "Samenwerkingsverband")


@dataclass
class Knowledge:
    """What extraction found: agreement records, their JSON for the API, and triples per corpus file."""

    afspraken: list[Afspraak] = field(default_factory=list)
    afspraken_json: list[dict[str, Any]] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    graphs: dict[str, Graph] = field(default_factory=dict)

    def graph(self, document: str) -> Graph:
        """The graph of one corpus file, created on first use."""
        return self.graphs.setdefault(document, Graph())


def extract_knowledge(corpus: Corpus, base: str) -> Knowledge:
    """Run every extractor over the corpus."""
    reference = reference_graph(base)
    gazetteer = Gazetteer.from_graph(reference, RG_IRI)
    register = Register.load()
    dates = passage_dates(corpus)
    subjects = build_subjects(corpus.passages, reference, gazetteer, register, dates, base)
    k = Knowledge()
    by_id = {p.id: p for p in corpus.passages}
    k.meetings = extract_meetings(corpus, base)
    for m in k.meetings:
        add_meeting(k.graph(by_id[m.passage_id].document), m, base)
    refs: set[str] = set()
    known_meetings = {m.iri for m in k.meetings}
    things = _Things()
    facts: list[AgreementFacts] = []
    for unit_passages, year in _agreement_lists(corpus):
        for a in extract_afspraken(unit_passages, year=year):
            a = replace(a, ref=_unique_ref(a.ref, corpus.infos[a.document].ref, refs))
            refs.add(a.ref)
            meeting = str(meeting_iri(base, year, a.regio))
            if meeting not in known_meetings:  # a list whose meeting no catalog entry names
                m = Meeting(meeting, iris.slug(a.regio), year, str(year), a.passage_ids[0],
                            f"BO Leefomgeving {a.regio.replace('-Nederland', '')} {year}")
                k.meetings.append(m)
                add_meeting(k.graph(a.document), m, base)
                known_meetings.add(meeting)
            k.afspraken.append(a)
            day = dates.get(a.passage_ids[0])
            parties = [_party(gazetteer, register, name, base, day) for name in a.parties]
            concerns = subjects.concerns(a, day, parties)
            sources = [by_id[pid] for pid in a.passage_ids]
            add_afspraak(k.graph(a.document), a, parties, concerns, gazetteer, base, sources)
            k.afspraken_json.append(afspraak_json(a, parties, concerns, gazetteer, base, by_id,
                                                  corpus.sources[a.document].text))
            things.refer(a.document, [*parties, *concerns], register, day)
            facts.append(_facts(a, parties, concerns, gazetteer, subjects))
    for extra in (startpakket_graphs(corpus, base, gazetteer), mentions_graphs(corpus.passages, base, gazetteer)):
        for path, g in extra.items():
            target = k.graph(path)
            target += g
    _add_things(k, corpus, subjects, things, facts, reference, base)
    return k


def passage_dates(corpus: Corpus) -> dict[str, str | None]:
    """Passage id → the date of its (sub-)document as the catalog gives it (ISO day, month or year)."""
    out: dict[str, str | None] = {}
    for p in corpus.passages:
        info = corpus.infos[p.document]
        unit = next((u for u in info.subdocuments if u.ref == p.subdocument), None)
        out[p.id] = (unit.date if unit else None) or info.date
    return out


@dataclass
class _Things:
    """The municipalities, water boards and projects referred to, and the corpus files that refer to them."""

    bodies: dict[str, Body] = field(default_factory=dict)  # IRI -> register record
    files: dict[str, set[str]] = field(default_factory=dict)  # IRI -> corpus files

    def refer(self, path: str, named: list[Named], register: Register, day: str | None) -> None:
        for n in named:
            if n.type in ("Gemeente", "Waterschap") and n.iri not in self.bodies:
                body = register.lookup(n.label, day, n.type) or register.lookup(n.label, None, n.type)
                if body is None:
                    continue
                self.bodies[n.iri] = body
            if n.type in ("Gemeente", "Waterschap", "Project", "MirtProject"):
                self.files.setdefault(n.iri, set()).add(path)


def _facts(a: Afspraak, parties: list[Named], concerns: list[Named], gazetteer: Gazetteer,
           subjects: Subjects) -> AgreementFacts:
    regio = gazetteer.resolve(a.regio_heading) or gazetteer.resolve(a.regio)
    province = gazetteer.resolve(a.province_context) if a.province_context else None
    heads = " ".join(h for h in (a.topic_title, a.sub_heading or "") if h)
    topic = tuple(pr.slug for pr in subjects.projects_in(heads))
    slugs = tuple(iris.thing_ref(c.iri) for c in concerns if c.type in ("Project", "MirtProject"))
    return AgreementFacts(regio.iri if regio else None, province.iri if province else None, tuple(parties),
                          topic, slugs)


def _add_things(k: Knowledge, corpus: Corpus, subjects: Subjects, things: _Things, facts: list[AgreementFacts],
                reference: Graph, base: str) -> None:
    """Mentions of municipalities, water boards and projects, and their descriptions.

    A municipality or water board is described (from the register alone) in every graph that refers to it, so
    a graph changes only with its own document; a project in the graph of the first corpus file that names it,
    derived (prov:wasDerivedFrom) from that file's passages; the passages of other files mention it."""
    by_id = {p.id: p for p in corpus.passages}
    project_passages: dict[str, list[str]] = {}
    mentioned: list[tuple[str, URIRef, str]] = []  # (corpus file, passage, thing)
    for p in corpus.passages:
        named = subjects.passage_things(p)
        node = URIRef(iris.thing(base, "passage", p.id))
        for n in named:
            mentioned.append((p.document, node, n.iri))
            if n.type in ("Project", "MirtProject") and not p.duplicate_of:
                project_passages.setdefault(n.iri, []).append(p.id)
        things.refer(p.document, named, subjects.register, subjects.dates.get(p.id))
    for iri, body in things.bodies.items():  # register facts only: the same in every graph that refers to it
        for path in sorted(things.files[iri]):
            describe_body(k.graph(path), body, Named(iri, body.name, body.kind))
    province_landsdeel = {str(p): str(ld) for p, ld in reference.subject_objects(RG.landsdeel)
                          if (p, RDF.type, RG.Provincie) in reference}
    places = project_places(subjects, corpus.passages, facts, _meetings_by_passage(corpus, base),
                            _novex_provinces(reference), province_landsdeel)
    amounts = project_amounts(subjects, corpus.passages)
    described: set[str] = set()
    for pr in subjects.projects:
        iri = subjects.project_named(pr).iri
        where = places[pr.slug]
        if iri not in things.files or iri not in project_passages or not (where.places or where.landsdelen):
            continue
        for place, body in sorted(where.bodies.items()):
            if place not in things.bodies:  # a municipality only the project's name names
                things.bodies[place] = body
                describe_body(k.graph(min(things.files[iri])), body, Named(place, body.name, body.kind))
        home = min(things.files[iri])
        describe_project(k.graph(home), pr, where, _sources(pr, project_passages[iri], home, by_id),
                         amounts.get(pr.slug, []), base)
        described.add(iri)
    for path, node, iri in mentioned:
        if iri in described or iri in things.bodies:
            k.graph(path).add((node, SDO.mentions, URIRef(iri)))


def _sources(pr: Project, naming: list[str], home: str, by_id: dict[str, Passage]) -> list[str]:
    """The passages of its home file a project derives from: those that name it as a unit (a heading, a MIRT
    study, an agreement), else the first that names it."""
    own = [pid for pid in naming if by_id[pid].document == home] or naming
    defining = [pid for pid in pr.defining if pid in own]
    return defining or own[:1]


def _meetings_by_passage(corpus: Corpus, base: str) -> dict[str, set[str]]:
    """Passage id → the landsdeel of the one meeting its (sub-)document reports on or came out of."""
    from ingest.catalog import load_records

    records = load_records(corpus.corpus_dir, base)
    out: dict[str, set[str]] = {}
    for p in corpus.passages:
        record = records.get(p.subdocument or "") or records.get(corpus.infos[p.document].ref)
        meetings = set(record.reports_on) | set(record.generated_by) if record else set()
        landsdelen = {m.group(1) for m in (re.search(r"bol-\d{4}-([a-z-]+)$", x) for x in meetings) if m}
        if len(landsdelen) == 1:
            out[p.id] = {iris.thing(base, "landsdeel", landsdelen.pop())}
    return out


def _novex_provinces(reference: Graph) -> dict[str, set[str]]:
    """Folded label of a NOVEX area → the provinces it lies in (a project of the same name lies there too)."""
    out: dict[str, set[str]] = {}
    for area in reference.subjects(RDF.type, RG.NovexGebied):
        provinces = {str(p) for p in reference.objects(area, RG.ligtIn)}
        for label in reference.objects(area, SKOS.prefLabel):
            out[str(label).casefold()] = provinces
    return out


def _unique_ref(ref: str, document_ref: str, taken: set[str]) -> str:
    """An agreement's ref, made unique: a second list of the same year and regio (another document) keeps
    its own IRIs, and a list whose numbering repeats itself counts on.

    >>> _unique_ref("2025-noord-nederland-01-01", "brief", {"2025-noord-nederland-01-01"})
    '2025-noord-nederland-01-01-brief'
    >>> _unique_ref("2025-noord-nederland-01-01", "brief", {"2025-noord-nederland-01-01",
    ...                                                     "2025-noord-nederland-01-01-brief"})
    '2025-noord-nederland-01-01-brief-2'
    """
    if ref not in taken:
        return ref
    candidate, n = f"{ref}-{document_ref}", 2
    while candidate in taken:
        candidate, n = f"{ref}-{document_ref}-{n}", n + 1
    return candidate


def _agreement_lists(corpus: Corpus) -> Iterable[tuple[list[Passage], int]]:
    """The passages of each unit that holds ❖ agreements, with the year of its meetings."""
    units: dict[tuple[str, str | None], list[Passage]] = {}
    for p in corpus.passages:
        units.setdefault((p.document, p.subdocument), []).append(p)
    for (path, ref), passages in units.items():
        if not any(p.kind == "afspraak" for p in passages):
            continue
        info = corpus.infos[path]
        unit = next((u for u in info.subdocuments if u.ref == ref), None)
        date = (unit.date if unit else None) or info.date or ""
        yield passages, int(date[:4]) if date[:4].isdigit() else _year_in(passages)


def _year_in(passages: list[Passage]) -> int:
    """The year an undescribed agreement list speaks of most (its title, "BO MIRT 2025" …)."""
    years = Counter(int(y) for p in passages for y in re.findall(r"\b(20[0-4]\d)\b", " ".join(p.heading_path) + p.text))
    return years.most_common(1)[0][0] if years else date_type.today().year


def meeting_iri(base: str, year: int, regio: str) -> URIRef:
    """The IRI of the BO Leefomgeving of one landsdeel in one year."""
    return URIRef(iris.thing(base, "overleg", f"bol-{year}-{iris.slug(regio)}"))


def add_meeting(g: Graph, m: Meeting, base: str) -> None:
    """A BO Leefomgeving with its date, landsdeel and source passage."""
    node = URIRef(m.iri)
    g.add((node, RDF.type, RG.BOLeefomgeving))
    g.add((node, SKOS.prefLabel, Literal(m.label, lang="nl")))
    g.add((node, RG.landsdeel, URIRef(iris.thing(base, "landsdeel", m.landsdeel))))
    g.add((node, RG.jaar, Literal(m.year, datatype=XSD.gYear)))
    if m.date:
        dt = {10: XSD.date, 7: XSD.gYearMonth}.get(len(m.date), XSD.gYear)
        g.add((node, DCTERMS.date, Literal(m.date, datatype=dt)))
    g.add((node, PROV.wasDerivedFrom, URIRef(iris.thing(base, "passage", m.passage_id))))


def add_afspraak(g: Graph, a: Afspraak, parties: list[Named], concerns: list[Named], gazetteer: Gazetteer,
                 base: str, sources: list[Passage]) -> URIRef:
    """The triples of one agreement and of the amounts, quantities and deadlines it states."""
    node = URIRef(iris.thing(base, "afspraak", a.ref))
    first = URIRef(iris.thing(base, "passage", a.passage_ids[0]))
    g.add((node, RDF.type, RG.Afspraak))
    g.add((node, SKOS.prefLabel, Literal(f"Afspraak {a.regio} {a.topic_number}.{a.ref[-2:]} ({a.topic_title})",
                                         lang="nl")))
    g.add((node, RG.tekst, Literal(a.text, lang="nl")))
    g.add((node, PROV.wasDerivedFrom, first))
    for pid in a.passage_ids if len(a.passage_ids) > 1 else ():
        g.add((URIRef(iris.thing(base, "passage", pid)), RG.deelVan, node))
    regio = gazetteer.resolve(a.regio_heading) or gazetteer.resolve(a.regio)
    if regio is not None:
        g.add((node, RG.regio, URIRef(regio.iri)))
    year = int(a.ref[:4])
    g.add((node, RG.gemaaktOp, meeting_iri(base, year, a.regio)))
    g.add((node, RG.onderwerp, Literal(a.topic_title, lang="nl")))
    g.add((node, RG.onderwerpNummer, Literal(a.topic_number, datatype=XSD.integer)))
    if a.province_context:
        prov = gazetteer.resolve(a.province_context)
        if prov is not None:
            g.add((node, RG.provincieContext, URIRef(prov.iri)))
    for party in parties:
        g.add((node, RG.partij, URIRef(party.iri)))
        if party.iri.startswith(iris.thing(base, "organisatie", "")):
            _describe_minted(g, party)
    g.add((node, RG.soort, URIRef(iris.thing(base, "afspraaksoort", a.kind))))
    for target in concerns:
        g.add((node, RG.betreft, URIRef(target.iri)))
        if "/thema/" in target.iri:
            g.add((node, DCTERMS.subject, URIRef(target.iri)))

    def source_of(offset: int) -> URIRef:  # the part of the agreement that holds the offset
        part = next((p for p in reversed(sources) if p.start <= offset), sources[0])
        return URIRef(iris.thing(base, "passage", part.id))

    for i, amount in enumerate(a.amounts, start=1):
        b = URIRef(iris.thing(base, "bedrag", f"{a.ref}-{i}"))
        g.add((node, RG.bedrag, b))
        g.add((b, RDF.type, RG.Bedrag))
        g.add((b, SDO.value, Literal(amount.value_eur, datatype=XSD.decimal)))
        g.add((b, SDO.currency, Literal("EUR")))
        g.add((b, RDFS.label, Literal(amount.text, lang="nl")))
        if amount.qualifier:
            g.add((b, RG.doel, Literal(amount.qualifier, lang="nl")))
        g.add((b, PROV.wasDerivedFrom, source_of(amount.start)))
    for i, q in enumerate(a.quantities, start=1):
        h = URIRef(iris.thing(base, "hoeveelheid", f"{a.ref}-{i}"))
        g.add((node, RG.hoeveelheid, h))
        g.add((h, RDF.type, RG.Hoeveelheid))
        g.add((h, SDO.value, Literal(q.value, datatype=XSD.decimal)))
        g.add((h, SDO.unitText, Literal(q.unit)))
        g.add((h, PROV.wasDerivedFrom, source_of(q.start)))
    for i, d in enumerate(a.deadlines, start=1):
        t = URIRef(iris.thing(base, "termijn", f"{a.ref}-{i}"))
        g.add((node, RG.termijn, t))
        g.add((t, RDF.type, RG.Termijn))
        g.add((t, RG.termijnTekst, Literal(d.text, lang="nl")))
        if d.date:
            g.add((t, TIME.inXSDDate, Literal(d.date, datatype=XSD.date)))
        elif d.year:
            g.add((t, TIME.inXSDgYear, Literal(str(d.year), datatype=XSD.gYear)))
        g.add((t, PROV.wasDerivedFrom, source_of(d.start)))
    return node


def afspraak_json(a: Afspraak, parties: list[Named], concerns: list[Named], gazetteer: Gazetteer, base: str,
                  by_id: dict[str, Passage], text: str) -> dict[str, Any]:
    """One item of GET /api/afspraken; `text` is the text of the file the agreement stands in."""
    regio = gazetteer.resolve(a.regio_heading) or gazetteer.resolve(a.regio)
    first = by_id[a.passage_ids[0]]
    province = gazetteer.resolve(a.province_context) if a.province_context else None
    provinces = [province] if province else [p for p in parties if p.type == "Provincie"]
    return {
        "iri": iris.thing(base, "afspraak", a.ref),
        "ref": a.ref,
        "jaar": int(a.ref[:4]),
        "regio": {"label": a.regio_heading, "iri": regio.iri if regio else None},
        "onderwerp": a.topic_title,
        "onderwerp_nummer": a.topic_number,
        "subkop": a.sub_heading,
        "provincies": [{"label": p.label, "iri": p.iri} for p in provinces],
        "tekst": a.text,
        "soort": a.kind,
        "partijen": [{"label": name, "iri": p.iri} for name, p in zip(a.parties, parties, strict=True)],
        "amounts": [{"value_eur": float(x.value_eur), "text": x.text, "qualifier": x.qualifier} for x in a.amounts],
        "hoeveelheden": [{"value": float(q.value), "unit": q.unit, "text": q.text} for q in a.quantities],
        "termijnen": [{"text": d.text, "year": d.year, "date": d.date} for d in a.deadlines],
        "novexgebieden": [{"label": c.label, "iri": c.iri} for c in concerns if c.type == "NovexGebied"],
        "programmas": [{"label": c.label, "iri": c.iri} for c in concerns if c.type == "NationaalProgramma"],
        "projecten": [{"label": c.label, "iri": c.iri} for c in concerns if c.type in ("Project", "MirtProject")],
        "gemeenten": [{"label": c.label, "iri": c.iri} for c in concerns if c.type == "Gemeente"],
        "themas": [{"label": c.label, "iri": c.iri} for c in concerns if "/thema/" in c.iri],
        "betreft": [{"label": c.label, "iri": c.iri, "type": c.type} for c in concerns],
        "overleg": str(meeting_iri(base, int(a.ref[:4]), a.regio)),
        "citation": {"document": a.document, "start": a.start, "end": a.end,
                     "quote": text[a.start:a.end], "page": first.page,
                     "passage": iris.thing(base, "passage", first.id)},
    }


def _party(gazetteer: Gazetteer, register: Register, name: str, base: str, day: str | None) -> Named:
    """The graph node of a party named in an agreement; a municipality is the register's, others get a minted IRI."""
    known = gazetteer.resolve(name)
    if known is not None and known.type in PARTY_TYPES:
        return known
    lowered = name.casefold()
    if lowered.startswith("gemeente "):
        body = register.lookup(name, day, "Gemeente")
        if body is not None:
            return Named(iris.thing(base, "gemeente", iris.slug(body.name)), body.name, "Gemeente")
    # a "Regio …" that names an area (a NOVEX area) as a party is the partnership of its governments
    kind = "Samenwerkingsverband" if lowered.startswith("regio ") else "Partij"
    return Named(iris.thing(base, "organisatie", iris.slug(name)), name, kind)


def _describe_minted(g: Graph, party: Named) -> None:
    node = URIRef(party.iri)
    g.add((node, RDF.type, getattr(RG, party.type)))
    g.add((node, SKOS.prefLabel, Literal(party.label, lang="nl")))
