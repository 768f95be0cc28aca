"""The corpus catalog: its ranges agree with the real text, and the loader fills in what it omits."""

from __future__ import annotations

import itertools
import logging
import re
import shutil
from pathlib import Path

import pytest
from rdflib import Graph, Namespace
from rdflib.namespace import DCTERMS, RDF

from ingest.catalog import catalog_graph, load_catalog, load_records
from ruimtegraaf.errors import InputError
from ruimtegraaf.model import DocumentInfo, subdocument_at

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
RG = Namespace("https://w3id.org/ruimtegraaf/def/")
ID = "https://w3id.org/ruimtegraaf/id/"
BUNDLE = "000_e8c17795db0e2ae2.txt"
STARTPAKKET = "003_96b59ff8675cf4bb.txt"
KINDS = {"Document", "Kamerbrief", "Statenbrief", "Brief", "Afsprakenlijst", "Bijlage", "Nota", "Handreiking",
         "Bundel", "Factsheet", "Programmabeschrijving"}
ORG = re.compile(ID + r"(ministerie/(vro|ienw|bzk|kgg|lvvn|ez|ocw|defensie|financien|vws)"
                 r"|provincie/[a-z-]+|landsdeel/[a-z-]+-nederland|organisatie/[a-z0-9-]+)")
MEETING = re.compile(ID + r"overleg/bol-(2020|2024|2025)-(noord|zuidwest|oost|noordwest|zuid)-nederland")

# What each sub-document's first lines say (a check that the line ranges sit where they should).
OPENINGS = {
    "statenbrief-drenthe-bol-2025": "Ons kenmerk 24/5.1/2025000800",
    "ruimtelijk-arrangement-drenthe-2025": "Ruimtelijk Arrangement Rijk - provincie",
    "kamerbrief-vro-bol-2025": "> Retouradres Postbus 20011",
    "afsprakenlijst-bol-2025": " Regio Noord-Nederland",
    "kamerbrief-mirt-voorjaar-2025": " > Retouradres Postbus 20901",
    "snn-brief-bol-2025": "Briefnummer :  109",
    "startpakket-2022-bijlage-1-nationale-programmas": " Water en bodem sturend",
    "startpakket-2022-bijlage-3-novex-gebieden": " BIJLAGE 3 - Beschrijving",
    "startpakket-2022-bijlage-4-vragen-per-provincie": " BIJLAGE 4 – Vragen per provincie",
    "startpakket-2022-bijlage-5-basisset-ruimtelijke-data": " BIJLAGE 5 - Afspraken over de basisset",
    "handreiking-gebiedsgericht-werken-2022": "Inleiding: werken aan",
    "nota-verzending-startpakket-2022": " Verzending Provinciaal Startpakket",
    "nota-startpakket-cfl-2022": " Aanbieding provinciaal startpakket aan CFL",
    "nota-startpakket-rfl-2022": " Aanbieding provinciale startpakket aan RFL",
    "nota-startpakket-mr-2022": " Verzending Provinciaal startpakket fysieke leefomgeving",
}


def _text(name: str) -> str:
    return (CORPUS / name).read_bytes().decode("utf-8")


def _line_span(text: str, first: int, last: int) -> tuple[int, int]:
    """Independent of the loader: lines split on "\\n"; the end includes the last line's newline."""
    lines = text.split("\n")
    if text.endswith("\n"):
        lines.pop()
    start = sum(len(line) + 1 for line in lines[: first - 1])
    end = min(len(text), sum(len(line) + 1 for line in lines[:last]))
    return start, end


@pytest.fixture(scope="module")
def graph() -> Graph:
    return catalog_graph(CORPUS)


@pytest.fixture(scope="module")
def infos() -> dict[str, DocumentInfo]:
    return load_catalog(CORPUS)


def _file_of(graph: Graph, node: object) -> str:
    path = graph.value(node, RG.bestand)
    if path is None:
        path = graph.value(graph.value(node, DCTERMS.isPartOf), RG.bestand)
    return str(path)


# --- the catalog file against the real corpus ------------------------------------------------

def test_catalog_offsets_agree_with_line_ranges(graph: Graph) -> None:
    checked = 0
    for node in set(graph.subjects(RG.eersteRegel, None)):
        text = _text(_file_of(graph, node))
        first, last, begin, end = (graph.value(node, p).toPython()
                                   for p in (RG.eersteRegel, RG.laatsteRegel, RG.beginOffset, RG.eindOffset))
        assert (begin, end) == _line_span(text, first, last), node
        checked += 1
    assert checked == 5 + 6 + 9


def test_every_corpus_file_is_described(graph: Graph) -> None:
    described = {str(p) for p in graph.objects(None, RG.bestand)}
    assert described == {p.name for p in CORPUS.glob("*.txt")}
    dcat = Namespace("http://www.w3.org/ns/dcat#")
    catalog = next(graph.subjects(RDF.type, dcat.Catalog))
    assert len(list(graph.objects(catalog, dcat.resource))) == len(described)


@pytest.mark.parametrize("name", [BUNDLE, STARTPAKKET])
def test_subdocuments_tile_their_file(infos: dict[str, DocumentInfo], name: str) -> None:
    units = infos[name].subdocuments
    assert units[0].start == 0 and units[-1].end == len(_text(name))
    assert all(a.end == b.start and a.last_line + 1 == b.first_line for a, b in itertools.pairwise(units))


def test_subdocuments_open_where_the_sources_say(infos: dict[str, DocumentInfo]) -> None:
    units = {u.ref: (name, u) for name, info in infos.items() for u in info.subdocuments}
    for ref, opening in OPENINGS.items():
        name, unit = units[ref]
        head = _text(name)[unit.start:unit.end].split("\n")[:40]
        assert any(line.startswith(opening) or opening in line for line in head), ref


def test_refs_unique_kinds_and_dates(infos: dict[str, DocumentInfo]) -> None:
    refs = [info.ref for info in infos.values()]
    refs += [u.ref for info in infos.values() for u in info.subdocuments if u.ref != info.ref]
    assert len(refs) == len(set(refs)) == 5 + 6 + 9
    for info in infos.values():
        for item in (info, *info.subdocuments):
            assert re.fullmatch(r"[a-z0-9][a-z0-9_-]*", item.ref)
            assert item.kind in KINDS and item.kind != "Document"
            assert item.date and re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", item.date)
            assert item.title


def test_single_documents_are_their_own_unit(infos: dict[str, DocumentInfo]) -> None:
    for name in ("001_0f943d2a735d3ec1.txt", "002_252ae2c6ad85025d.txt", "004_086ed10f4ee8c79e.txt"):
        info = infos[name]
        (unit,) = info.subdocuments
        assert (unit.ref, unit.start, unit.end, unit.first_line) == (info.ref, 0, len(_text(name)), 1)
        assert unit.kind == info.kind and unit.date == info.date


def test_texts_mapping_gives_the_same_catalog(infos: dict[str, DocumentInfo]) -> None:
    texts = {p.name: _text(p.name) for p in CORPUS.glob("*.txt")}
    assert load_catalog(CORPUS, texts) == infos


def test_subdocument_at(infos: dict[str, DocumentInfo]) -> None:
    info, text = infos[BUNDLE], _text(BUNDLE)
    assert subdocument_at(info, 0).ref == "statenbrief-drenthe-bol-2025"
    assert subdocument_at(info, text.index("Rijk en Regio stellen elk")).ref == "afsprakenlijst-bol-2025"
    assert subdocument_at(info, text.index("Briefnummer")).ref == "snn-brief-bol-2025"
    assert subdocument_at(info, len(text)) is None


def test_metadata_records() -> None:
    records = load_records(CORPUS)
    letter = records["kamerbrief-vro-bol-2025"]
    assert letter.identifiers == ("2025-0000378741",)
    assert letter.creators == (ID + "ministerie/vro",)
    assert letter.recipients == (ID + "organisatie/tweede-kamer",)
    assert len(letter.reports_on) == 5
    assert all(m.startswith(ID + "overleg/bol-2025-") for m in letter.reports_on)
    assert records["statenbrief-drenthe-bol-2025"].identifiers == ("24/5.1/2025000800",)
    assert records["snn-brief-bol-2025"].identifiers == ("Briefnummer 109",)
    assert records["snn-brief-bol-2025"].reports_on == (ID + "overleg/bol-2025-noord-nederland",)
    assert records["001_0f943d2a735d3ec1"].duplicate_of == ID + "document/snn-brief-bol-2025"
    for record in records.values():
        assert all(ORG.fullmatch(c) for c in record.creators), record.ref
        assert all(ORG.fullmatch(r) for r in record.recipients if r.startswith("http")), record.ref
        assert all(MEETING.fullmatch(m) for m in record.reports_on + record.generated_by), record.ref


def test_duplicate_points_at_the_bundle(infos: dict[str, DocumentInfo]) -> None:
    assert infos["001_0f943d2a735d3ec1.txt"].duplicate_of == BUNDLE


def test_rebase_moves_instances_not_the_ontology() -> None:
    base = "http://example.org/rg/"
    g = catalog_graph(CORPUS, base)
    terms = {str(t) for triple in g for t in triple}
    assert not any(t.startswith(ID) for t in terms)
    assert base + "id/document/afsprakenlijst-bol-2025" in terms
    assert str(RG.bestand) in terms
    assert load_records(CORPUS, base)["snn-brief-bol-2025"].creators == (base + "id/organisatie/snn",)


# --- the loader on small corpora ---------------------------------------------------------------

CATALOG_HEAD = """@prefix rg: <https://w3id.org/ruimtegraaf/def/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix document: <https://w3id.org/ruimtegraaf/id/document/> .
"""


def test_defaults_without_catalog(tmp_path: Path) -> None:
    text = "\n  \n  Aan de Kamer  \ntekst\n"
    (tmp_path / "Mijn Brief_2024.txt").write_text(text, encoding="utf-8")
    (tmp_path / "notitie.md").write_text("# Notitie\n", encoding="utf-8")
    (tmp_path / "plaatje.png").write_bytes(b"\x89PNG")
    infos = load_catalog(tmp_path)
    assert sorted(infos) == ["Mijn Brief_2024.txt", "notitie.md"]
    info = infos["Mijn Brief_2024.txt"]
    assert (info.ref, info.title, info.kind) == ("mijn-brief-2024", "Aan de Kamer", "Document")
    (unit,) = info.subdocuments
    assert (unit.ref, unit.start, unit.end) == ("mijn-brief-2024", 0, len(text))
    assert (unit.first_line, unit.last_line) == (1, 4)


def test_undescribed_file_next_to_described_ones(tmp_path: Path) -> None:
    shutil.copy(CORPUS / "catalog.ttl", tmp_path)
    shutil.copy(CORPUS / "002_252ae2c6ad85025d.txt", tmp_path)
    (tmp_path / "nieuw.txt").write_text("Nieuwe brief\n", encoding="utf-8")
    infos = load_catalog(tmp_path)
    assert sorted(infos) == ["002_252ae2c6ad85025d.txt", "nieuw.txt"]
    assert infos["002_252ae2c6ad85025d.txt"].kind == "Kamerbrief"
    assert infos["nieuw.txt"].title == "Nieuwe brief"


def test_line_numbers_win_over_wrong_offsets(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "b.txt").write_text("een\ntwee\ndrie\nvier\n", encoding="utf-8")
    (tmp_path / "catalog.ttl").write_text(CATALOG_HEAD + """
document:b rg:bestand "b.txt" ; dcterms:hasPart document:b-1 , document:b-2 .
document:b-1 a rg:Brief ; dcterms:title "Eerste" ; rg:eersteRegel 1 ; rg:laatsteRegel 2 ;
    rg:beginOffset 0 ; rg:eindOffset 7 .
document:b-2 a rg:Nota ; dcterms:title "Tweede" ; rg:eersteRegel 3 ; rg:laatsteRegel 9 .
""", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="ingest.catalog"):
        info = load_catalog(tmp_path)["b.txt"]
    first, second = info.subdocuments
    assert (first.start, first.end, first.kind) == (0, 9, "Brief")
    assert (second.start, second.end, second.last_line, second.kind) == (9, 19, 4, "Nota")
    assert "disagree" in caplog.text and "cut at the end" in caplog.text
    assert subdocument_at(info, 8).ref == "b-1" and subdocument_at(info, 9).ref == "b-2"


def test_offsets_alone_give_the_lines(tmp_path: Path) -> None:
    (tmp_path / "c.txt").write_text("een\ntwee\ndrie\n", encoding="utf-8")
    (tmp_path / "catalog.ttl").write_text(CATALOG_HEAD + """
document:c rg:bestand "c.txt" .
document:c-1 dcterms:isPartOf document:c ; rg:beginOffset 4 ; rg:eindOffset 9 .
""", encoding="utf-8")
    (unit,) = load_catalog(tmp_path)["c.txt"].subdocuments
    assert (unit.first_line, unit.last_line, unit.start, unit.end, unit.title) == (2, 2, 4, 9, "twee")


def test_described_file_that_is_missing_is_skipped(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    shutil.copy(CORPUS / "catalog.ttl", tmp_path)
    with caplog.at_level(logging.WARNING, logger="ingest.catalog"):
        assert load_catalog(tmp_path) == {}
    assert "000_e8c17795db0e2ae2.txt" in caplog.text


def test_bad_turtle_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "catalog.ttl").write_text("dit is geen turtle", encoding="utf-8")
    with pytest.raises(InputError, match=r"catalog\.ttl"):
        load_catalog(tmp_path)


def test_missing_corpus_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="corpus folder"):
        load_catalog(tmp_path / "weg")
