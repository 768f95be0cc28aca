"""The TOOI registers of municipalities and water boards, and the rules that find their names in text."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from conftest import SHARED

from ruimtegraaf.register import Register

REFERENCE = Path(__file__).resolve().parent.parent / "ontology" / "reference"


@pytest.fixture(scope="module")
def register() -> Register:
    return Register.load()


def codes(register: Register, text: str, day: str | None = "2025-06-13") -> list[str]:
    return [f.body.code for f in register.find(text, day)]


@pytest.mark.parametrize("name", ["tooi-gemeenten.csv", "tooi-waterschappen.csv"])
def test_the_shipped_registers_are_the_shared_reference_files(name: str) -> None:
    shared = SHARED / "reference" / name
    if not shared.is_file():
        pytest.skip("../shared/reference is not beside the project")
    assert hashlib.sha256((REFERENCE / name).read_bytes()).digest() == hashlib.sha256(shared.read_bytes()).digest()


def test_the_registers_hold_every_municipality_and_water_board(register: Register) -> None:
    municipalities = [b for b in register.bodies if b.kind == "Gemeente"]
    boards = [b for b in register.bodies if b.kind == "Waterschap"]
    assert len(municipalities) == 605 and sum(b.end is None for b in municipalities) == 342
    assert len(boards) == 32 and sum(b.end is None for b in boards) == 21
    groningen = register.lookup("Gemeente Groningen", "2025-06-13")
    assert groningen is not None and groningen.iri == "https://identifier.overheid.nl/tooi/id/gemeente/gm0014"


def test_an_unambiguous_name_is_the_municipality(register: Register) -> None:
    assert codes(register, "De Spoorzone Hengelo Enschede en de spoorzone Almelo") == ["gm0164", "gm0153", "gm0141"]
    assert codes(register, "Flessenhals Zwolle-Meppel") == ["gm0193", "gm0119"]
    assert codes(register, "Heesch-West (Oss/’s-Hertogenbosch)", "2022-12") == ["gm0828", "gm0796"]
    assert codes(register, "Sittard-\nGeleen en Den Haag") == ["gm1883", "gm0518"]  # Den Haag: TOOI's preferred name


def test_a_province_name_needs_municipal_context(register: Register) -> None:
    assert codes(register, "In de provincie Groningen en in Utrecht") == []
    assert codes(register, "De Gemeente Groningen realiseert 3.800 woningen") == ["gm0014"]
    # Maarssen merged into Stichtse Vecht in 2011: in 2022 it is a town
    assert codes(register, "woningen in de stad Utrecht, Maarssen en Nieuwegein", "2022-12") == ["gm0344", "gm0356"]
    assert codes(register, "De gemeenteraadsleden van de gemeenten Groningen, Leeuwarden, Súdwest-Fryslân, Assen") == [
        "gm0014", "gm0080", "gm1900", "gm0106"]


@pytest.mark.parametrize("text", ["de aanleg van Sluis II in het Wilhelminakanaal", "Sittard- Geleen/ Beek is klaar",
                                  "de gebiedsuitwerking Voorne Putten", "Defensie op Oostflank Utrechtse Heuvelrug"])
def test_a_common_word_or_other_place_needs_municipal_context(register: Register, text: str) -> None:
    assert {f.body.code for f in register.find(text, "2025-06-13")} <= {"gm1883"}


def test_a_merged_municipality_counts_only_while_it_existed(register: Register) -> None:
    assert codes(register, "de zeehavens van Delfzijl en de Eemshaven", "2025-06-12") == []
    assert codes(register, "de zeehavens van Delfzijl en de Eemshaven", "2020-06-23") == ["gm0010"]
    assert codes(register, "knooppunt Hoevelaken", "2025-06-12") == []  # a municipality until 1999


def test_a_village_an_address_or_an_article_names_something_else(register: Register) -> None:
    assert codes(register, "de inwoners van dorp Moerdijk") == []
    assert codes(register, "Postbus 20011 2500 EA Den Haag") == []
    assert codes(register, "gebied rond de Beemster en het Westland", "2020-06") == []
    assert codes(register, "Regiopoorten De Bilt; Bilthoven; Breukelen", "2022-12") == ["gm0310"]  # De Bilt starts "De"


def test_a_water_board_needs_its_kind_or_a_list_of_water_boards(register: Register) -> None:
    assert codes(register, "Waterschap Aa en Maas en Waterschap ZuiderzeeLand") == ["ws0654", "ws0650"]
    assert codes(register, "vijf waterschappen (Rijn en IJssel, Vallei en Veluwe, \nRivierenland, Vechtstromen "
                           "en Drents Overijsselse Delta)", "2020-06-23") == ["ws0152", "ws0662", "ws0621", "ws0663",
                                                                              "ws0664"]
    assert codes(register, "Het Algemeen Bestuur Wetterkip Fryslân") == ["ws0653"]  # a misspelling in the SNN letter
    assert codes(register, "de rivieren Rijn en IJssel in Rivierenland en Limburg") == []
