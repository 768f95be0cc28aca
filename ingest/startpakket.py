"""Facts from the forms of the Provinciaal Startpakket 2022 (file 003): the 18 programme forms of Bijlage 1 and
the 16 NOVEX factsheets of Bijlage 3, field by field, each traceable to the passage that states it.

RDF patterns (standard terms only; `<P>` is the IRI of the passage the fact comes from):

- A form is a document part: `<{base}id/document/{bijlage-ref}-{slug}> a rg:Document, rg:Programmabeschrijving`
  (or `rg:Factsheet`) with dcterms:title, dcterms:isPartOf the bijlage (and dcterms:hasPart back),
  dcterms:subject the programme / NOVEX area, dcterms:date, rg:beginOffset/rg:eindOffset, rg:eersteRegel/
  rg:laatsteRegel.
- Responsible ministry ("Verantwoordelijk(e) department(en)"): `<programme> rg:verantwoordelijke <ministry> ;
  prov:wasDerivedFrom <P>`. The programme derives from no other passage in this graph, so
  `?prog rg:verantwoordelijke ?min ; prov:wasDerivedFrom ?p . ?p rg:kopPad ?k FILTER(CONTAINS(?k, "Verantwoordelijk"))`
  finds the source, and <P>'s text names the ministry. Ministers "in afstemming met" (consulted) are not
  responsible. An empty field gives no triple.
- Location ("Ligging"): `<area> rg:ligtIn <province> ; prov:wasDerivedFrom <P>` (Dutch provinces only).
- Bestuurlijke trekkers: `<{factsheet}#trekker-rijk>` / `#trekker-regio` `a schema:Role ; schema:roleName
  "Trekkende bewindspersoon"@nl ; schema:description` the value as written (whitespace normalised) `;
  dcterms:spatial <area> ; dcterms:date ; prov:wasDerivedFrom <P>`; for the bewindspersoon also
  schema:namedPosition (the office, "Minister van EZK") and schema:name (the person holding the role).
- Phase ("Fase waarin het NOVEX-gebied zich bevindt"): `<area> schema:additionalProperty <{factsheet}#fase> .
  <{factsheet}#fase> a schema:PropertyValue ; schema:name` the field label `; schema:value` the text `;
  dcterms:date ; prov:wasDerivedFrom <P>`.

Programme and area IRIs come from the reference data through the gazetteer; a title it does not know gets a
minted `{base}id/programma/{slug}` (or novexgebied) with its type and skos:prefLabel.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rdflib import RDF, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SDO, SKOS

from ontology import RG, RG_IRI, reference_graph
from ruimtegraaf import iris
from ruimtegraaf.gazetteer import Gazetteer, Named
from ruimtegraaf.mentions import entity_matches
from ruimtegraaf.model import Passage, SubDocument

if TYPE_CHECKING:
    from ingest.corpus import Corpus

PROGRAMMES_REF = "startpakket-2022-bijlage-1-nationale-programmas"
FACTSHEETS_REF = "startpakket-2022-bijlage-3-novex-gebieden"

_RESPONSIBLE = re.compile(r"Verantwoordelijk\(e\)\s+departe?ment\(en\)\s*")
_CONSULTED = re.compile(r"\bin\s+afstemming\s+met\b.*?(?=[•▪]|\Z)", re.S | re.I)
_LIGGING = re.compile(r"Ligging\s*:?\s*")
_FASE = re.compile(r"(?:de\s+)?fase\s+(?:waarin|in\s+welke)\s+het\s+NOVEX-gebied\s+zich\s+bevindt\s*:?\s*", re.I)
_TREKKER = re.compile(r"Trekkende\s+(bewindspersoon|bestuurder\s+vanuit\s+de\s+regio)\s*:\s*(.*?)"
                      r"(?=\n\s*(?:[•▪]|o\s)|\Z)", re.S)
_TREKKER_ROLES = {"bewindspersoon": ("trekker-rijk", "Trekkende bewindspersoon"),
                  "regio": ("trekker-regio", "Trekkende bestuurder vanuit de regio")}
_FASE_LABEL = "Fase waarin het NOVEX-gebied zich bevindt"


@dataclass(frozen=True)
class Form:
    """One programme form or NOVEX factsheet: its title (the passages' first heading), range and passages."""

    title: str
    start: int
    end: int
    passages: tuple[Passage, ...]


def programme_forms(corpus: Corpus) -> list[Form]:
    """The programme forms of Bijlage 1, in document order."""
    return _forms(corpus, PROGRAMMES_REF, "")


def novex_factsheets(corpus: Corpus) -> list[Form]:
    """The NOVEX factsheets of Bijlage 3 (headed "NOVEX-gebied …"), in document order."""
    return _forms(corpus, FACTSHEETS_REF, "NOVEX-gebied")


def _forms(corpus: Corpus, ref: str, prefix: str) -> list[Form]:
    """The passages of one sub-document grouped by their first heading; a form starts where its title stands."""
    groups: dict[str, list[Passage]] = {}
    for p in corpus.passages:
        if p.subdocument == ref and p.heading_path and p.heading_path[0].startswith(prefix):
            groups.setdefault(p.heading_path[0], []).append(p)
    forms = []
    for title, ps in groups.items():
        at = re.search(r"\s+".join(map(re.escape, title.split())), ps[0].text)
        start = ps[0].start + at.start() if at else ps[0].start
        forms.append(Form(" ".join(title.split()), start, ps[-1].end, tuple(ps)))
    return forms


def startpakket_graphs(corpus: Corpus, base: str, gazetteer: Gazetteer | None = None) -> dict[str, Graph]:
    """Corpus file path → triples from the programme forms and NOVEX factsheets (patterns: module docstring).

    `gazetteer` should match hidden labels (`Gazetteer.from_graph`) so that "minister voor NenS"
    resolves; by default it is built from the reference data under `base`.
    """
    gazetteer = gazetteer or Gazetteer.from_graph(reference_graph(base), RG_IRI)
    graphs: dict[str, Graph] = {}
    for ref, forms, add in ((PROGRAMMES_REF, programme_forms(corpus), add_programme_form),
                            (FACTSHEETS_REF, novex_factsheets(corpus), add_factsheet)):
        found = _subdocument(corpus, ref)
        if found is None or not forms:
            continue
        path, unit = found
        g = graphs.setdefault(path, Graph())
        line_starts = _line_starts(corpus.sources[path].text)
        for form in forms:
            add(g, form, unit, line_starts, gazetteer, base)
    return graphs


def responsible_ministries(text: str, gazetteer: Gazetteer) -> list[Named]:
    """The ministries a "Verantwoordelijk(e) department(en)" passage names as responsible, in text order.

    >>> g = Gazetteer.from_graph(reference_graph(), RG_IRI)
    >>> [n.iri.rsplit("/", 1)[-1] for n in responsible_ministries(
    ...     "Verantwoordelijk(e) department(en) minister van IenW, mede namens de minister voor NenS en in "
    ...     "afstemming met de minister voor KenE.", g)]
    ['ienw', 'lvvn']
    """
    label = _RESPONSIBLE.search(text)
    value = _CONSULTED.sub(" ", text[label.end():] if label else text)
    return _unique(m.named for m in entity_matches(value, gazetteer, types=("Ministerie",)))


def add_programme_form(g: Graph, form: Form, unit: SubDocument, line_starts: list[int], gazetteer: Gazetteer,
                       base: str) -> URIRef:
    """The form as a document part, its programme, and the programme's responsible ministries."""
    known = _resolve(gazetteer, form.title, "NationaalProgramma")
    programme = known or _minted(base, "programma", form.title)
    node = URIRef(programme.iri)
    doc = _describe_form(g, form, unit, line_starts, RG.Programmabeschrijving, node, base)
    if known is None:
        g.add((node, RDF.type, RG.NationaalProgramma))
        g.add((node, SKOS.prefLabel, Literal(programme.label, lang="nl")))
    for p in form.passages:
        if not any(h.startswith("Verantwoordelijk") for h in p.heading_path):
            continue
        ministries = responsible_ministries(p.text, gazetteer)
        for ministry in ministries:
            g.add((node, RG.verantwoordelijke, URIRef(ministry.iri)))
        if ministries:
            g.add((node, PROV.wasDerivedFrom, _passage(base, p)))
    return doc


def add_factsheet(g: Graph, form: Form, unit: SubDocument, line_starts: list[int], gazetteer: Gazetteer,
                  base: str) -> URIRef:
    """The factsheet as a document part, and its area's provinces, trekkers and phase."""
    area = _resolve(gazetteer, form.title, "NovexGebied")
    if area is None:
        area = _minted(base, "novexgebied", form.title.removeprefix("NOVEX-gebied").strip())
        g.add((URIRef(area.iri), RDF.type, RG.NovexGebied))
        g.add((URIRef(area.iri), SKOS.prefLabel, Literal(area.label, lang="nl")))
    node = URIRef(area.iri)
    doc = _describe_form(g, form, unit, line_starts, RG.Factsheet, node, base)
    date = _date(unit.date)
    fase_done = False
    for p in form.passages:
        field = p.heading_path[1] if len(p.heading_path) > 1 else ""
        if field == "Ligging":
            _add_ligging(g, node, p, gazetteer, base)
        elif field == "Bestuurlijke trekkers":
            _add_trekkers(g, doc, node, p, date, base)
        elif _FASE.fullmatch(field) and not fase_done:
            fase_done = _add_fase(g, doc, node, p, date, base)
    return doc


def _add_ligging(g: Graph, area: URIRef, p: Passage, gazetteer: Gazetteer, base: str) -> None:
    label = _LIGGING.search(p.text)
    value = p.text[label.end():] if label else p.text
    provinces = _unique(m.named for m in entity_matches(value, gazetteer, types=("Provincie",)))
    for province in provinces:
        g.add((area, RG.ligtIn, URIRef(province.iri)))
    if provinces:
        g.add((area, PROV.wasDerivedFrom, _passage(base, p)))


def _add_trekkers(g: Graph, doc: URIRef, area: URIRef, p: Passage, date: Literal | None, base: str) -> None:
    for m in _TREKKER.finditer(p.text):
        fragment, role_name = _TREKKER_ROLES[m.group(1).split()[-1]]
        value = _normalise(m.group(2))
        if not value:
            continue
        role = URIRef(f"{doc}#{fragment}")
        g.add((role, RDF.type, SDO.Role))
        g.add((role, SDO.roleName, Literal(role_name, lang="nl")))
        g.add((role, SDO.description, Literal(value, lang="nl")))
        position, colon, person = value.rpartition(":")
        if fragment == "trekker-rijk" and colon and position.strip() and person.strip():
            g.add((role, SDO.namedPosition, Literal(position.strip(), lang="nl")))
            g.add((role, SDO.name, Literal(person.strip().rstrip("."))))
        g.add((role, DCTERMS.spatial, area))
        if date is not None:
            g.add((role, DCTERMS.date, date))
        g.add((role, PROV.wasDerivedFrom, _passage(base, p)))


def _add_fase(g: Graph, doc: URIRef, area: URIRef, p: Passage, date: Literal | None, base: str) -> bool:
    label = _FASE.search(p.text)
    value = _normalise(p.text[label.end():] if label else p.text)
    if not value:
        return False
    fase = URIRef(f"{doc}#fase")
    g.add((area, SDO.additionalProperty, fase))
    g.add((fase, RDF.type, SDO.PropertyValue))
    g.add((fase, SDO.name, Literal(_FASE_LABEL, lang="nl")))
    g.add((fase, SDO.value, Literal(value, lang="nl")))
    if date is not None:
        g.add((fase, DCTERMS.date, date))
    g.add((fase, PROV.wasDerivedFrom, _passage(base, p)))
    return True


def _describe_form(g: Graph, form: Form, unit: SubDocument, line_starts: list[int], kind: URIRef,
                   subject: URIRef, base: str) -> URIRef:
    doc = URIRef(iris.thing(base, "document", f"{unit.ref}-{subject.rsplit('/', 1)[-1]}"))
    parent = URIRef(iris.thing(base, "document", unit.ref))
    g.add((doc, RDF.type, RG.Document))
    g.add((doc, RDF.type, kind))
    g.add((doc, DCTERMS.title, Literal(form.title, lang="nl")))
    g.add((doc, DCTERMS.isPartOf, parent))
    g.add((parent, DCTERMS.hasPart, doc))
    g.add((doc, DCTERMS.subject, subject))
    date = _date(unit.date)
    if date is not None:
        g.add((doc, DCTERMS.date, date))
    g.add((doc, RG.beginOffset, Literal(form.start, datatype=XSD.integer)))
    g.add((doc, RG.eindOffset, Literal(form.end, datatype=XSD.integer)))
    g.add((doc, RG.eersteRegel, Literal(bisect.bisect_right(line_starts, form.start), datatype=XSD.integer)))
    g.add((doc, RG.laatsteRegel, Literal(bisect.bisect_right(line_starts, max(form.start, form.end - 1)),
                                         datatype=XSD.integer)))
    return doc


def _resolve(gazetteer: Gazetteer, title: str, typ: str) -> Named | None:
    """The thing of type `typ` a title names: the whole title as a label, else the first such name inside it."""
    named = gazetteer.resolve(title)
    if named is not None and named.type == typ:
        return named
    return next((m.named for m in gazetteer.find(title) if m.named.type == typ), None)

def _minted(base: str, type_: str, label: str) -> Named:
    kind = "NationaalProgramma" if type_ == "programma" else "NovexGebied"
    return Named(iris.thing(base, type_, iris.slug(label)), label, kind)


def _subdocument(corpus: Corpus, ref: str) -> tuple[str, SubDocument] | None:
    for path, info in corpus.infos.items():
        for unit in info.subdocuments:
            if unit.ref == ref:
                return path, unit
    return None


def _line_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in re.finditer("\n", text))]


def _normalise(value: str) -> str:
    """Whitespace collapsed; a word the PDF broke at its hyphen ("Noord-" / "Holland") joined again."""
    return re.sub(r"(\w)-\s+(?=[A-Z])", r"\1-", " ".join(value.split())).strip()


def _date(date: str | None) -> Literal | None:
    if not date:
        return None
    kinds = {4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}
    return Literal(date, datatype=kinds[len(date)]) if len(date) in kinds else None


def _passage(base: str, p: Passage) -> URIRef:
    return URIRef(iris.thing(base, "passage", p.id))


def _unique(items: Iterable[Named]) -> list[Named]:
    seen: dict[str, Named] = {}
    for n in items:
        seen.setdefault(n.iri, n)
    return list(seen.values())
