"""Normalisation for matching: repairs on real seed fragments, and exact mapping back to the original."""

from __future__ import annotations

import random
import re
import time
from functools import cache
from pathlib import Path

import pytest

from ruimtegraaf.normalize import Normalized, fold, furniture_spans, normalize

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
FILES = {path.name[:3]: path for path in sorted(CORPUS.glob("*.txt"))}


@cache
def source(name: str) -> str:
    """The whole corpus file, decoded as the offsets expect."""
    return FILES[name].read_text(encoding="utf-8")


@cache
def line_starts(name: str) -> tuple[int, ...]:
    text = source(name)
    return (0, *(m.end() for m in re.finditer("\n", text)), len(text) + 1)


def line_span(name: str, first: int, last: int) -> tuple[int, int]:
    """File offsets of 1-based lines first..last inclusive, without the last line break."""
    starts = line_starts(name)
    return starts[first - 1], starts[last] - 1


def lines(name: str, first: int, last: int) -> Normalized:
    """Normalise lines first..last of a corpus file, with offsets into the whole file."""
    start, end = line_span(name, first, last)
    return normalize(source(name)[start:end], base=start)


def original_of(name: str, n: Normalized, phrase: str) -> str:
    """The original characters behind the first occurrence of `phrase` in the normalised text."""
    assert phrase in n.text, f"{phrase!r} not in {n.text!r}"
    at = n.text.index(phrase)
    start, end = n.to_original(at, at + len(phrase))
    return source(name)[start:end]


@cache
def whole(name: str) -> Normalized:
    return normalize(source(name))


# --- hyphenation ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "first", "last", "phrase", "original"),
    [
        ("000", 23, 26, "Overleg Leefomgeving op maandag", "Overleg Leef- \nomgeving op maandag"),
        ("000", 23, 26, "minister van Volkshuisvesting en", "minister van Volkshuis- \nvesting en"),
        ("000", 27, 28, "was delegatieleider namens", "was delegatie-\nleider namens"),
        ("003", 11450, 11451, "ontwikkelingen staan", "ontwikkelin-\ngen staan"),
    ],
)
def test_line_end_hyphen_of_a_syllable_is_dropped(name, first, last, phrase, original):
    assert original_of(name, lines(name, first, last), phrase) == original


@pytest.mark.parametrize(
    ("name", "first", "last", "phrase", "original"),
    [
        ("000", 24, 25, "hebben Noord-Nederlandse bestuurders", "hebben Noord- \nNederlandse bestuurders"),
        ("002", 734, 736, "De NOVEX-verstedelijkingsgebieden Utrecht", "De NOVEX-\n\nverstedelijkingsgebieden Utrecht"),
        ("000", 2464, 2466, "de ontwerp-Nota Ruimte", "de ontwerp-\n\nNota Ruimte"),
        ("000", 2690, 2692, "BO Leefomgeving-afspraak Deltaprogramma", "BO Leefomgeving-\n\nafspraak Deltaprogramma"),
        ("003", 10306, 10308, "natuur- en landbouwgebieden", "natuur- \n\nen landbouwgebieden"),
        ("000", 2001, 2001, "van de onderzoeks- en", "van de onderzoeks- en"),
    ],
)
def test_compound_hyphen_is_kept(name, first, last, phrase, original):
    assert original_of(name, lines(name, first, last), phrase) == original


def test_hyphen_wrapped_url_is_rejoined():
    n = lines("000", 4390, 4392)
    assert "/nrm-quickscan-opknippen-mirt-project-a1-a28-knooppunt-hoevelaken en" in n.text


def test_form_label_split_without_hyphen_is_joined():
    n = lines("003", 569, 571)
    assert original_of("003", n, "besluitvormingsmomenten") == "besluitvormingsmo\nmenten"


# --- split ligatures ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "phrase", "original"),
    [
        (5474, "ontwikkelagenda Westflank Groningen", "ontwikkelagenda Westf lank Groningen"),
        (5478, "van de Westflank. Groningen", "van de Westf lank. Groningen"),
        (5480, "een flinke verbetering", "een f linke verbetering"),
        (5484, "fiets. In de toekomst", "f iets. In de toekomst"),
        (5425, "specifiek en integraal", "specif iek en integraal"),
        (5573, "de financiering hiervan", "de f inanciering hiervan"),
    ],
)
def test_split_ligature_is_rejoined(line, phrase, original):
    assert original_of("000", lines("000", line, line), phrase) == original


def test_real_word_ending_in_f_is_not_joined():
    n = lines("000", 5460, 5460)
    assert original_of("000", n, "gaf aan constructief in dit") == "gaf aan constructief in dit"


def test_ligature_join_only_for_fragments():
    assert normalize("de vijf locaties, zelf landelijke, of in, draaischijf in").text == (
        "de vijf locaties, zelf landelijke, of in, draaischijf in"
    )


# --- page furniture -------------------------------------------------------------------------------------


def test_margin_block_in_kamerbrief_is_read_through():
    n = lines("000", 1843, 1868)
    assert "ontsluiting van nieuwe woningen. 8 Dit betreft de bestaande 17" in n.text
    assert "Pagina" not in n.text and "Onze referentie" not in n.text and "0000378741" not in n.text
    behind = original_of("000", n, "woningen. 8 Dit")
    assert behind.startswith("woningen.\n") and behind.endswith("\n\n8 Dit")
    assert "Ministerie van\nVolkshuisvesting en" in behind and "Pagina 16 van 17" in behind
    assert line_span("000", 1851, 1861) in furniture_spans(source("000"))


@pytest.mark.parametrize(
    ("name", "first", "last", "phrase"),
    [
        ("000", 1110, 1135, "Leefomgeving 2025 We staan in Nederland"),
        ("002", 840, 870, "nr. 378 woningbouw en infrastructuur betrokken partijen"),
        ("004", 420, 442, "voor landelijk gebied wordt onderzocht of de uitwerking"),
        ("000", 2045, 2056, "uitvoeringsagenda. 6 Voortgang (bestaande) 17"),
    ],
)
def test_sentences_read_on_over_furniture(name, first, last, phrase):
    n = lines(name, first, last)
    assert phrase in n.text
    assert not re.search(r"Pagina \d+ van|Kenmerk|Afsprakenlijst Bestuurlijke", n.text)


def test_running_footer_and_header_of_003():
    spans = furniture_spans(source("003"))
    for line in (138, 141, 146, 367, 370, 375, 763, 766, 771):
        assert line_span("003", line, line) in spans
    assert "landelijk gebied onder het NPLG. 6. We begrenzen de koelwaterlozingen" in whole("003").text
    assert "Bijlage - beschrijving nationale programma's 4" not in whole("003").text


def test_lone_lines_next_to_page_numbers_stay_unless_they_repeat():
    spans = furniture_spans(source("000"))
    assert line_span("000", 1103, 1103) in spans  # the page number "18"
    assert line_span("000", 1101, 1101) not in spans  # "M Ke depu", garbled but text
    assert "M Ke depu" in whole("000").text
    assert "Provincie Zeeland De landbouwsector" in whole("003").text


# --- footnote numbers -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "line", "phrase", "original"),
    [
        ("000", 5371, "provincie Drenthe is het", "provincie Drenthe1 is het"),
        ("000", 1829, "de Nota Ruimte; de motie", "de Nota Ruimte4; de motie"),
        ("000", 1844, "geïnformeerd. Het gaat", "geïnformeerd7. Het gaat"),
        ("000", 3730, "(MF). In de Kamerbrief", "(MF).1 In de Kamerbrief"),
        ("000", 3136, "van 700 hectare voor de gehele", "van 700 hectare1 voor de gehele"),
        ("003", 70, "een overeenkomst. Dit bereiken", "een overeenkomst1. Dit bereiken"),
    ],
)
def test_glued_footnote_number_is_removed(name, line, phrase, original):
    n = lines(name, line, line)
    assert original_of(name, n, phrase) == original
    word = phrase.split()[1].rstrip(".;")
    start, end = n.to_original(n.text.index(word), n.text.index(word) + len(word))
    assert source(name)[start:end] == word  # the span stops before the note number


@pytest.mark.parametrize(
    ("name", "line", "kept"),
    [
        ("000", 4339, "MIRT-project A1/A28 Knooppunt"),
        ("000", 3783, "de N36 en de sluis"),
        ("000", 454, '"36200-XII-33 waarin het'),
        ("000", 1678, "CO2 -uitstoot"),
        ("003", 121, "Stroomgebiedbeheerplannen 2022-20273, het"),  # note 3 glued to a year range: left as is
        ("003", 10602, "versie 1.0 22 juni 2022"),
    ],
)
def test_digits_that_belong_to_a_token_stay(name, line, kept):
    assert kept in lines(name, line, line).text


def test_codes_and_short_names_keep_their_digits():
    text = "de PV20 en A28, BO Leefomgeving 2026, rekenmethode Doc29 en • Park15 (ViA15), nr.48) in 410 m3/s"
    assert normalize(text).text == text


# --- characters, bullets and spaces ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "line", "phrase", "original"),
    [
        ("000", 2244, "• het groenblauwe netwerk", "o het groenblauwe netwerk"),
        ("000", 2057, "• Rijk en Regio nemen kennis", "❖ Rijk en Regio nemen kennis"),
        ("003", 11509, "• het centraal stellen", "▶ het centraal stellen"),
        ("003", 7521, "• Trekkende bewindspersoon", "▪ Trekkende bewindspersoon"),
        ("000", 1874, "• Versimpeling van het criterium", "- Versimpeling van het criterium"),
        ("003", 12157, "De Nieuwe Aanpak BV, 2002", "De Nieuwe Aanpak\u00a0BV, 2002"),
        ("003", 3420, "van Soortenmanagementplannen.", "van Soortenmanagement¬plannen."),
        ("000", 35, "regio's (Noordwest", "regio’s (Noordwest"),
    ],
)
def test_characters_bullets_and_spaces(name, line, phrase, original):
    n = lines(name, line, line)
    assert original_of(name, n, phrase) == original
    assert not n.text.startswith(" ") and "  " not in n.text and "\t" not in n.text


def test_private_use_bullet_and_narrow_space():
    assert "•" in lines("003", 10127, 10127).text
    assert lines("003", 6626, 6630).text == "zone Amersfoort. Nabijheid is het leidende principe"


def test_line_breaks_and_blank_lines_become_one_space():
    n = normalize("eerste regel  \n\n \n\t tweede\u00a0regel ")
    assert n.text == "eerste regel tweede regel"
    assert n.to_original(0, len(n.text)) == (0, 32)


# --- the offset map ---------------------------------------------------------------------------------------


def test_offset_map_shape_and_inverse():
    _, end = line_span("000", 23, 26)
    n = lines("000", 23, 26)
    assert len(n.origin) == len(n.text) + 1 and n.origin[-1] == end
    assert list(n.origin) == sorted(n.origin)
    leef = source("000").index("Leef- \nomgeving")
    s, e = n.from_original(leef, leef + len("Leef- \nomgeving"))
    assert n.text[s:e] == "Leefomgeving"
    assert n.to_original(s, e) == (leef, leef + len("Leef- \nomgeving"))
    assert n.to_original(3, 3) == (n.origin[3], n.origin[3])
    with pytest.raises(ValueError, match="outside"):
        n.to_original(0, len(n.text) + 1)


def test_empty_and_blank_text():
    assert normalize("").text == "" and list(normalize("", base=7).origin) == [7]
    assert normalize(" \n\n\t ").text == ""


BULLET_EDGES = {"• ", "- ", "o ", " •", " -", " o"}  # a span that starts or ends with a bullet mark


def test_random_spans_map_back_to_their_source():
    """For ~2000 word-aligned spans: to_original stays in bounds and re-normalises to the same text."""
    rng = random.Random(20250612)
    checked = 0
    for name in FILES:
        text, n = source(name), whole(name)
        furniture = furniture_spans(text)
        words = [m.span() for m in re.finditer(r"\S+", n.text)]
        for _ in range(400):
            i = rng.randrange(len(words))
            j = min(len(words) - 1, i + rng.randrange(0, 40))
            start, end = words[i][0], words[j][1]
            s, e = n.to_original(start, end)
            assert 0 <= s < e <= len(text)
            edges = {n.text[start : start + 2], n.text[end - 2 : end]}
            if edges & BULLET_EDGES or any(s < f_end and f_start < e for f_start, f_end in furniture):
                continue  # bullets and running titles need the file around them (line start, repeats)
            again = normalize(text[s:e], base=s)
            assert " ".join(again.text.split()) == " ".join(n.text[start:end].split()), (name, s, e)
            assert again.to_original(0, len(again.text)) == (s, e)
            checked += 1
    assert checked > 1800


def test_whole_corpus_is_fast():
    started = time.perf_counter()
    for name in FILES:
        normalize(source(name))
    assert time.perf_counter() - started < 5.0


# --- folding ----------------------------------------------------------------------------------------------


def test_fold_keeps_length():
    assert fold("Fryslân Coördinatie ÍNWONERS") == "fryslan coordinatie inwoners"
    for odd in ("ß", "İ", "ﬁ", "ŉ"):
        assert len(fold(odd)) == 1
    for name in FILES:
        assert len(fold(source(name))) == len(source(name))
