"""Money, quantities and deadlines on the shapes the sources use (verbatim fragments)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from ruimtegraaf.amounts import find_amounts, find_deadlines, find_quantities, parse_number

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
D = Decimal


def euros(text: str) -> list[Decimal]:
    return [a.value_eur for a in find_amounts(text)]


@pytest.mark.parametrize(("text", "values"), [
    ("Rijk en Regio stellen elk €88,56 miljoen inclusief BTW beschikbaar", [D(88_560_000)]),
    ("Ze stellen elk € 88,56 miljoen beschikbaar", [D(88_560_000)]),
    ("€ 5 mld. beschikbaar gesteld … € 2,5 mld. vrijgemaakt in het Mobiliteitsfonds (MF)",
     [D(5_000_000_000), D(2_500_000_000)]),
    ("afweegkaders voor verdeling €2,5 miljard voor nieuwe woningen", [D(2_500_000_000)]),
    ("dat er 2,5 miljard beschikbaar wordt gesteld", [D(2_500_000_000)]),
    ("Dit kabinet heeft in de voorjaarsnota 1,9 miljard vrijgemaakt", [D(1_900_000_000)]),
    ("€ 25,4 miljoen (incl. btw, prijspeil 2024)", [D(25_400_000)]),
    ("€ 3 miljoen (excl. BTW)", [D(3_000_000)]),
    ("bedraagt het resterende tekort op de gebiedsontwikkeling € 23 \n\nmiljoen (incl. BTW, prijspeil 2025)",
     [D(23_000_000)]),
    ("€ 14,157 miljoen incl. btw", [D(14_157_000)]),
    ("€ 90 miljoen in 2 tranches \nuitkeren, waarvan € 45 miljoen in 2025 en € 45 miljoen in 2026.",
     [D(90_000_000), D(45_000_000), D(45_000_000)]),
    ("€ 1.145 mln. (prijspeil \n\n2022)", [D(1_145_000_000)]),
    ("circa € 475 mln. (met een \n\nbandbreedte van 25%)", [D(475_000_000)]),
    ("schattingen lopen uiteen van € 310 tot € 620 mln.", [D(310_000_000), D(620_000_000)]),
    ("maximale Rijksbijdrage van € 20.000 per woning (incl. btw); 65% van het financieel tekort", [D(20_000)]),
    ("Regio en Rijk hebben ieder€30 miljoen beschikbaar gesteld", [D(30_000_000)]),
    ("het Rijks €375 miljoen gereserveerd", [D(375_000_000)]),
    ("Daarnaast stelt het kabinet € 375 \n\nmiljoen beschikbaar", [D(375_000_000)]),
    ("• €5 mln voor NPRES", [D(5_000_000)]),
    ("Programma Woningbouw en Mobiliteit (€ 5 miljard + € 2,5 miljard)", [D(5_000_000_000), D(2_500_000_000)]),
    ("Van deze € 7,5 \nmiljard is € 1,5 miljard bestemd", [D(7_500_000_000), D(1_500_000_000)]),
    ("de € 2,5 miljard en € 5 miljard voor woningbouw", [D(2_500_000_000), D(5_000_000_000)]),
])
def test_money_shapes(text: str, values: list[Decimal]) -> None:
    assert euros(text) == values


@pytest.mark.parametrize("text", [
    "100.000 woningen per jaar",
    "65% van het financieel tekort",
    "verdeelsleutel 5/9 rijk, 3/9 \nprovincie en 1/9 gemeente",
    "Ruimtelijk Arrangement 2025",
    "Knooppunt A28 en de A1/A28",
    "het bergen van 10 à 15 \n\nmiljoen m3 water",
    "recreatief uitloopgebied voor miljoenen inwoners",
    "(POM 380-150-20 kV)",
])
def test_not_money(text: str) -> None:
    assert find_amounts(text) == []


def test_amount_spans_index_the_original_text() -> None:
    text = "het resterende tekort van € 23 \n\nmiljoen (incl. BTW, prijspeil 2025) op dit BO"
    (a,) = find_amounts(text)
    assert text[a.start:a.end] == a.text == "€ 23 \n\nmiljoen"
    assert a.qualifier == "incl. btw, prijspeil 2025"


@pytest.mark.parametrize(("text", "qualifier"), [
    ("Rijk en Regio stellen elk €88,56 miljoen inclusief BTW beschikbaar", "elk, incl. btw"),
    ("Regio en Rijk hebben ieder€30 miljoen", "elk"),
    ("maximale Rijksbijdrage van € 20.000 per woning (incl. btw)", "maximaal, per woning, incl. btw"),
    ("het Rijk maximaal € 38 mln. extra bijdragen", "maximaal"),
    ("€ 1.145 mln. (prijspeil \n\n2022)", "prijspeil 2022"),
    ("€ 5 mld. beschikbaar", None),
])
def test_qualifiers(text: str, qualifier: str | None) -> None:
    assert find_amounts(text)[0].qualifier == qualifier


def test_range_ends_are_both_amounts_with_spans() -> None:
    text = "schattingen lopen uiteen van € 310 tot € 620 mln. De"
    low, high = find_amounts(text)
    assert (low.text, high.text) == ("€ 310", "€ 620 mln.")
    assert euros("van € 310 tot 620 mln.") == [D(310_000_000), D(620_000_000)]


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*.txt")))
def test_every_euro_sign_in_the_corpus_is_an_amount(name: str) -> None:
    text = (CORPUS / name).read_text(encoding="utf-8")
    spans = [(a.start, a.end) for a in find_amounts(text)]
    missed = [text[i - 20:i + 25] for i, c in enumerate(text) if c == "€"
              and not any(s <= i < e for s, e in spans)]
    assert missed == []
    assert all(text[a.start:a.end] == a.text for a in find_amounts(text))


def test_parse_number() -> None:
    assert parse_number("1.145") == D(1145)
    assert parse_number("14,157") == D("14.157")
    assert parse_number("1000") == D(1000)


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("3.800 woningen bovenop de reeds", D(3800), "woningen"),
    ("100.000 woningen per jaar", D(100_000), "woningen per jaar"),
    ("28.000 arbeidsplaatsen/werkmilieus", D(28_000), "arbeidsplaatsen/werkmilieus"),
    ("een indicatieve ruimtevraag van 700 hectare1 voor de gehele", D(700), "hectare"),
    ("292 ha", D(292), "hectare"),
    ("netto pompcapaciteit van 410 m3/s het uitgangspunt", D(410), "m3/s"),
    ("400 woningen … 1000 woningen", D(400), "woningen"),
    ("Voortgang (bestaande) 17 grootschalige woningbouwgebieden", D(17), "woningbouwgebieden"),
    ("3.500 woningen t/m 2034", D(3500), "woningen"),
    ("uitgaande van 4 keer per jaar, wordt", D(4), "keer per jaar"),
    ("Haarlem zegt toe 729 extra woningen te realiseren", D(729), "woningen"),
    ("de zes stationsgebieden", D(6), "stationsgebieden"),
])
def test_quantity_shapes(text: str, value: Decimal, unit: str) -> None:
    q = find_quantities(text)[0]
    assert (q.value, q.unit) == (value, unit)
    assert text[q.start:q.end] == q.text


def test_quantity_ranges_and_multipliers() -> None:
    found = find_quantities("het bergen van 10 à 15 \n\nmiljoen m3 water")
    assert [(q.value, q.unit) for q in found] == [(D(10_000_000), "m3"), (D(15_000_000), "m3")]
    assert [q.value for q in find_quantities("400 woningen … 1000 woningen … 2000 woningen")] == \
        [D(400), D(1000), D(2000)]


@pytest.mark.parametrize("text", [
    "€ 23 miljoen", "verdeelsleutel 5/9 rijk, 3/9", "in 2025", "de A28 en N34", "Uitvoeringsagenda 1.0 vast",
    "url=https%3A%2F%2Fwww&data=05%7C02",
])
def test_not_quantities(text: str) -> None:
    assert find_quantities(text) == []


@pytest.mark.parametrize(("text", "surface", "year", "date"), [
    ("spreken af uiterlijk in het BO MIRT 2025 te besluiten", "uiterlijk in het BO MIRT 2025", 2025, None),
    ("het Ruimtelijk Arrangement in het najaar van 2025 vast te stellen", "in het najaar van 2025", 2025, None),
    ("In het BO MIRT najaar 2025 stellen", "In het BO MIRT najaar 2025", 2025, None),
    ("De aangepaste regeling gaat uiterlijk per 1 dec 2025 in", "uiterlijk per 1 dec 2025", 2025, "2025-12-01"),
    ("eind 2025 gereed", "eind 2025", 2025, None),
    ("Dit perspectief wordt in de tweede helft van 2025 met", "in de tweede helft van 2025", 2025, None),
    ("zal tijdens het BO Leefomgeving 2026 geagendeerd", "tijdens het BO Leefomgeving 2026", 2026, None),
    ("realisatie van 4.300 woningen tot en met 2030, met", "tot en met 2030", 2030, None),
    ("om deze uiterlijk in 2040 gerealiseerd te hebben", "uiterlijk in 2040", 2040, None),
    ("(3.500 woningen t/m 2034), het tempo", "t/m 2034", 2034, None),
    ("gestart kan worden voor 2030;", "voor 2030", 2030, None),
    ("in het eerste kwartaal van 2025 wordt", "in het eerste kwartaal van 2025", 2025, None),
    ("medio 2026 klaar", "medio 2026", 2026, None),
    ("Aan de \nhand van de kamerbrief d.d. 19 mei 2025 (“Financieel", "d.d. 19 mei 2025", 2025, "2025-05-19"),
    ("uiterlijk in het BO-MIRT (november 2025) een", "uiterlijk in het BO-MIRT (november 2025)", 2025, None),
    ("voor het BO MIRT van november 2025 voor te bereiden", "voor het BO MIRT van november 2025", 2025, None),
    ("uiterlijk bij het BO \nMIRT 2025 afgerond", "uiterlijk bij het BO MIRT 2025", 2025, None),
    ("richting het BO \n\nMIRT en voorzien", "richting het BO MIRT", None, None),
    ("Dit zal komend jaar leiden tot", "komend jaar", None, None),
    ("De regeling gaat uiterlijk per 31 jun 2025 in", "uiterlijk per 31 jun 2025", 2025, None),  # no such day
    ("Daardoor wordt de realisatie verschoven naar 2027.", "naar 2027", 2027, None),  # a moment moved to
    ("meegenomen met het groot onderhoud in 2025/2026.", "in 2025/2026", 2025, None),  # the turn of two years
    ("gelden tot het Bestuurlijk\nOverleg Leefomgeving van juni 2026.", "tot het Bestuurlijk Overleg Leefomgeving "
     "van juni 2026", 2026, None),  # the meeting written out
])
def test_deadline_shapes(text: str, surface: str, year: int | None, date: str | None) -> None:
    (d,) = find_deadlines(text)
    assert (" ".join(d.text.split()), d.year, d.date) == (surface, year, date)
    assert text[d.start:d.end] == d.text


def test_several_deadlines_in_order() -> None:
    text = ("De aangepaste \nregeling gaat uiterlijk per 1 dec 2025 in, met terugwerkende kracht tot \n"
            "11 juni 2025. Rijk en regio gaan uit van de verdeelsleutel 5/9 rijk")
    assert [(" ".join(d.text.split()), d.date) for d in find_deadlines(text)] == [
        ("uiterlijk per 1 dec 2025", "2025-12-01"), ("tot 11 juni 2025", "2025-06-11")]


@pytest.mark.parametrize("text", [
    "Rijk en Provincie Fryslân stellen het Ruimtelijk Arrangement 2025 vast.",
    "Uitvoeringsagenda NOVEX NZKG 2025-2029", "de A28", "(scope 2030-2050)", "5/9 rijk", "65%",
    "te agenderen op BO Leefomgeving en BO MIRT",
])
def test_not_deadlines(text: str) -> None:
    assert find_deadlines(text) == []
