"""Municipalities, water boards, projects and what agreements are about, in the graph built from the real corpus."""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from conftest import SHARED

from ruimtegraaf.builds import STORE_DIR, DataFolder

RG = "https://w3id.org/ruimtegraaf/def/"
ID = "https://w3id.org/ruimtegraaf/id/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
REFERENCE = Path(__file__).resolve().parent.parent / "ontology" / "reference"
PREFIXES = f"PREFIX rg: <{RG}>\nPREFIX skos: <{SKOS}>\nPREFIX schema: <https://schema.org/>\n" \
           "PREFIX owl: <http://www.w3.org/2002/07/owl#>\nPREFIX prov: <http://www.w3.org/ns/prov#>\n" \
           "PREFIX oa: <http://www.w3.org/ns/oa#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"


@pytest.fixture(scope="module")
def store(built) -> ox.Store:
    return ox.Store.read_only(str(DataFolder(built.data_dir).current() / STORE_DIR))


def select(store: ox.Store, query: str) -> list[dict[str, Any]]:
    result = store.query(PREFIXES + query, use_default_graph_as_union=True)
    names = [v.value for v in result.variables]
    return [{n: s[n].value for n in names if s[n] is not None} for s in result]


def flat(text: str) -> str:
    return re.sub(r"-\s+", "-", " ".join(text.replace("’", "'").split()))


def rows(name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((REFERENCE / name).read_text(encoding="utf-8"))))


def existed(row: dict[str, str], day: str) -> bool:
    return (not row["begin"] or row["begin"][:len(day)] <= day) and (not row["einde"] or day <= row["einde"])


# --- municipalities ---------------------------------------------------------------------------

def expected_municipalities(corpus) -> dict[str, str]:
    """Code → name of every municipality whose name the corpus uses while it existed, from the CSV alone.

    Ambiguous names are handled as the curated list says, explicitly: a name that is also a province, a common
    word or another place counts only where the text says "gemeente"/"stad"/"wethouder" before it or lists it
    among municipalities; other names of a code (TOOI's "Den Haag") count as that code.
    """
    names = rows("gemeentenamen.csv")
    context_only = {r["code"] for r in names if r["soort"] == "context"}
    aliases = [(r["naam"], r["code"]) for r in names if r["soort"] == "alias" and r["code"].startswith("gm")]
    register = {r["code"]: r for r in rows("tooi-gemeenten.csv")}
    spellings = [(r["naam"], r["code"]) for r in register.values()] + aliases
    municipal = r"(?:[Gg]emeenten?|[Ss]tad|[Ww]ethouder|[Gg]emeenteraadsleden van de gemeenten)\s+(?:[A-Z][\w-]*,\s*)*"
    found: dict[str, str] = {}
    for p in corpus.passages:
        info = corpus.infos[p.document]
        unit = next((u for u in info.subdocuments if u.ref == p.subdocument), None)
        day = (unit.date if unit else None) or info.date or "2100"
        text = flat(p.text)
        for name, code in spellings:
            if code in found or not existed(register[code], day):
                continue
            pattern = re.escape(flat(name)).replace("'", "['’]")
            if code in context_only:
                pattern = municipal + pattern
            for m in re.finditer(rf"(?<![\w]){pattern}(?![\w])", text):
                before = text[:m.start()]
                if not re.search(r"(?:\d{4} ?[A-Z]{2}|\b(?:dorp|de|het))\s*$", before):  # an address, a village
                    found[code] = register[code]["naam"]
                    break
    return found


def test_every_municipality_the_corpus_names_is_in_the_graph_with_its_tooi_iri(store, corpus) -> None:
    expected = expected_municipalities(corpus)
    graph = {r["code"]: r for r in select(store, "SELECT DISTINCT ?g ?code ?tooi ?name WHERE { ?g a rg:Gemeente ; "
                                                 "skos:notation ?code ; owl:sameAs ?tooi ; skos:prefLabel ?name }")}
    assert set(graph) == set(expected)
    assert len(graph) >= 100
    for code, r in graph.items():
        assert r["tooi"] == f"https://identifier.overheid.nl/tooi/id/gemeente/{code}"
    # the ambiguous names, one by one
    assert "gm0014" in graph and "gm0344" in graph  # "De Gemeente Groningen realiseert", "de stad Utrecht"
    assert not {"gm0888", "gm1714", "gm0273", "gm1581"} & set(graph)  # Beek, Sluis II, Voorne Putten, the Heuvelrug
    assert "gm0010" not in graph  # Delfzijl: a town of Eemsdelta in the 2022 and 2025 documents
    assert graph["gm0518"]["name"] == "'s-Gravenhage"  # named as "Den Haag"


def test_no_municipality_is_linked_that_the_text_does_not_name(store, ds) -> None:
    names = {r["code"]: [r["naam"]] for r in rows("tooi-gemeenten.csv")}
    for r in rows("gemeentenamen.csv"):
        if r["soort"] == "alias" and r["code"] in names:
            names[r["code"]].append(r["naam"])
    mentions = select(store, "SELECT ?p ?code WHERE { ?p schema:mentions ?g . ?g a rg:Gemeente ; skos:notation ?code }")
    assert len(mentions) > 300
    for r in mentions:
        p = ds.by_id[r["p"].rsplit("/", 1)[-1]]
        text = flat(" ".join((*p.heading_path, p.text)))
        assert any(flat(n) in text for n in names[r["code"]]), (p.id, r["code"])
    linked = select(store, "SELECT ?a ?code ?text ?headings WHERE { ?a rg:partij|rg:betreft ?g ; rg:tekst ?text ; "
                           "prov:wasDerivedFrom/rg:kopPad ?headings . ?g a rg:Gemeente ; skos:notation ?code }")
    assert len(linked) > 20
    for r in linked:  # its topic, sub-heading or text names it
        assert any(flat(n) in flat(f"{r['headings']} {r['text']}") for n in names[r["code"]]), r


def test_a_designated_municipality_is_what_the_agreement_is_about_and_a_committing_one_is_a_party(store) -> None:
    helmond = f"{ID}gemeente/helmond"
    about = {r["a"] for r in select(store, f"SELECT ?a WHERE {{ ?a rg:betreft <{helmond}> }}")}
    parties = {r["a"] for r in select(store, f"SELECT ?a WHERE {{ ?a rg:partij <{helmond}> }}")}
    assert f"{ID}afspraak/2025-zuid-nederland-07-01" in about and not parties & about
    haarlem = select(store, f"SELECT ?a WHERE {{ ?a rg:partij <{ID}gemeente/haarlem> }}")
    assert {r["a"] for r in haarlem} == {f"{ID}afspraak/2025-noordwest-nederland-12-01"}


def test_water_boards_come_from_the_register(store) -> None:
    boards = {r["code"]: r for r in select(store, "SELECT DISTINCT ?code ?name ?tooi WHERE { ?w a rg:Waterschap ; "
                                                  "skos:notation ?code ; skos:prefLabel ?name ; owl:sameAs ?tooi }")}
    assert {"ws0654", "ws0653", "ws0152", "ws0662", "ws0621", "ws0663", "ws0664", "ws0650"} == set(boards)
    assert boards["ws0654"]["name"] == "Waterschap Aa en Maas"
    assert boards["ws0653"]["tooi"] == "https://identifier.overheid.nl/tooi/id/waterschap/ws0653"


# --- projects ---------------------------------------------------------------------------------

PROJECTS = """SELECT ?p ?label ?kind (COUNT(DISTINCT ?src) AS ?sources) (COUNT(DISTINCT ?m) AS ?mentions)
    (COUNT(DISTINCT ?place) AS ?places) (COUNT(DISTINCT ?ld) AS ?landsdelen) WHERE {
    VALUES ?class { rg:Project rg:MirtProject } ?p a ?class ; skos:prefLabel ?label .
    OPTIONAL { ?p rg:projectSoort ?kind } OPTIONAL { ?p prov:wasDerivedFrom ?src }
    OPTIONAL { ?m schema:mentions ?p } OPTIONAL { ?p rg:ligtIn ?place } OPTIONAL { ?p rg:landsdeel ?ld }
} GROUP BY ?p ?label ?kind"""


def test_projects_have_passages_and_places(store) -> None:
    projects = select(store, PROJECTS)
    assert len(projects) >= 40
    for p in projects:
        assert int(p["sources"]) >= 1 and int(p["mentions"]) >= 1, p["label"]
        assert int(p["places"]) + int(p["landsdelen"]) >= 1, p["label"]
    located = [p for p in projects if int(p["places"]) >= 1]  # in a province or municipality
    assert len(located) >= 25
    assert sum("kind" in p for p in projects) >= 0.8 * len(projects)


def test_known_projects_and_what_they_are(store) -> None:
    def facts(slug: str) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for r in select(store, f"SELECT ?p ?o WHERE {{ <{ID}project/{slug}> ?p ?o }}"):
            out.setdefault(r["p"].rsplit("/", 1)[-1].rsplit("#", 1)[-1], set()).add(r["o"])
        return out

    nedersaksenlijn = facts("nedersaksenlijn")
    assert f"{RG}MirtProject" in nedersaksenlijn["type"]
    assert nedersaksenlijn["projectSoort"] == {f"{ID}projectsoort/spoor"}
    assert {f"{ID}provincie/{p}" for p in ("drenthe", "groningen", "overijssel")} == nedersaksenlijn["ligtIn"]
    lock = facts("kornwerderzandsluis")
    assert lock["projectSoort"] == {f"{ID}projectsoort/sluis"} and "sluis Kornwerderzand" in lock["altLabel"]
    hub = facts("ov-knoop-haarlem-nieuw-zuid")
    assert hub["ligtIn"] == {f"{ID}gemeente/haarlem"} and hub["landsdeel"] == {f"{ID}landsdeel/noordwest-nederland"}
    about = select(store, f"SELECT ?a ?euro WHERE {{ ?a rg:betreft <{ID}project/ov-knoop-haarlem-nieuw-zuid> "
                          "OPTIONAL { ?a rg:bedrag/schema:value ?euro } }")
    assert len({r["a"] for r in about}) == 3
    assert Decimal("14157000") in {Decimal(r["euro"]) for r in about if "euro" in r}


def rail_query(region: str = "Noord-Nederland", kind: str = "Spoorproject") -> str:
    from api.pages.text import RAIL_PROJECTS_QUERY

    return RAIL_PROJECTS_QUERY.replace('"Noord-Nederland"@nl', f'"{region}"@nl').replace('"Spoorproject"@nl',
                                                                                        f'"{kind}"@nl')


def test_all_agreements_and_amounts_about_rail_projects_in_noord_nederland_come_from_the_graph(store, ds) -> None:
    found = select(store, rail_query())
    projects = {r["project"] for r in found}
    assert {"Nedersaksenlijn", "Flessenhals Zwolle-Meppel"} <= projects
    assert not projects & {"PHS Nijmegen", "Oude Lijn", "Dubbelspoor Zwolle – Deventer", "Merwedelijn"}
    amounts = {(r["project"], Decimal(r["euro"])) for r in found if "euro" in r}
    assert ("Nedersaksenlijn", Decimal("1900000000")) in amounts
    assert {("Flessenhals Zwolle-Meppel", Decimal(x)) for x in ("75000000", "100000000")} <= amounts
    for r in found:  # every amount is cited: its passage states it
        p = ds.by_id[r["bron"].rsplit("/", 1)[-1]]
        if "bedrag" in r:
            assert flat(r["bedrag"]) in flat(p.text), r
    # the same query finds agreements where the documents make them: OV hubs in Zuid-Nederland
    hubs = select(store, rail_query("Zuid-Nederland", "OV-knooppunt"))
    assert {r["project"] for r in hubs if "afspraak" in r} >= {"OV-knoop Eindhoven"}


# --- what agreements are about ----------------------------------------------------------------

def test_nearly_every_agreement_says_what_it_is_about(store) -> None:
    agreements = select(store, "SELECT ?a (COUNT(?x) AS ?n) WHERE { ?a a rg:Afspraak OPTIONAL { ?a rg:betreft ?x } } "
                               "GROUP BY ?a")
    assert len(agreements) == 169
    assert sum(int(r["n"]) > 0 for r in agreements) >= 0.95 * 169
    untyped = select(store, "SELECT DISTINCT ?x WHERE { ?a rg:betreft ?x FILTER NOT EXISTS { ?x a ?t } }")
    assert not untyped


def test_themes_are_subjects_and_bo_mirt_is_a_meeting(store) -> None:
    themes = select(store, f"SELECT ?a ?t WHERE {{ ?a rg:betreft ?t ; <http://purl.org/dc/terms/subject> ?t . "
                           f"?t skos:inScheme <{ID}thema/> }}")
    assert len({r["a"] for r in themes}) > 100
    mirt = f"{ID}programma/mirt"
    meeting_only = f"{ID}afspraak/2025-noord-nederland-02-03"  # "Besluitvorming hierover is voorzien in het BO MIRT"
    assert not select(store, f"SELECT * WHERE {{ <{meeting_only}> rg:betreft <{mirt}> }}")


def test_the_theme_and_project_kind_schemes_conform_to_nl_sbb() -> None:
    import pyshacl
    from rdflib import RDF, Graph
    from rdflib.namespace import SH
    from rdflib.namespace import SKOS as SKOS_NS

    from ontology import reference_graph

    path = SHARED / "standards" / "nl-sbb" / "skos-ap-nl.ttl"
    if not path.is_file():
        pytest.skip("../shared/standards is not beside the project")
    reference = reference_graph()
    nodes = {s for kind in (SKOS_NS.Concept, SKOS_NS.ConceptScheme) for s in reference.subjects(RDF.type, kind)}
    data = Graph()
    for t in reference:
        if t[0] in nodes:
            data.add(t)
    conforms, report, _ = pyshacl.validate(data, shacl_graph=Graph().parse(path), advanced=True, inference="none",
                                           allow_warnings=True)
    assert conforms
    ours = (f"{ID}thema/", f"{ID}projectsoort/")
    serious = [r for r in report.subjects(RDF.type, SH.ValidationResult)
               if report.value(r, SH.resultSeverity) in (SH.Violation, SH.Warning)
               and str(report.value(r, SH.focusNode)).startswith(ours)]
    assert not serious, [str(report.value(r, SH.resultMessage)) for r in serious]


def test_projects_are_recognised_in_a_question_from_the_built_graph(ds) -> None:
    from ruimtegraaf.gazetteer import Gazetteer

    gazetteer = Gazetteer.from_store(ds.store, RG)
    found = [m.named.iri for m in gazetteer.find("Wat is afgesproken over de sluis Kornwerderzand en HOV4?")]
    assert found == [f"{ID}project/kornwerderzandsluis", f"{ID}project/hov4"]


def test_the_municipality_example_query_lists_municipalities_with_their_agreements(ds) -> None:
    from api.pages.text import SPARQL_EXAMPLES

    (query,) = [q for nl, _, q in SPARQL_EXAMPLES if nl.startswith("Gemeenten")]
    result = ds.store.query(query)
    rows = [{v.value: s[v.value].value for v in result.variables if s[v.value] is not None} for s in result]
    assert len(rows) >= 100
    by_name = {r["gemeente"]: r for r in rows}
    assert by_name["Helmond"]["tooi"].endswith("/gemeente/gm0794") and int(by_name["Helmond"]["als_onderwerp"]) >= 1
    assert int(by_name["Haarlem"]["als_partij"]) == 1
