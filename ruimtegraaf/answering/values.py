"""Typed values in a sentence: money, counts with their unit, areas, percentages, dates, durations, people,
organisations, places and reasons, each with its span in the sentence.

An answer must carry a value of the type the question expects ("Hoeveel hectare …" wants an area), so
these finders decide which sentences can answer at all. Money and counts reuse the parsers that read
the agreements' amounts; the rest are small patterns over Dutch (and some English) running text.

>>> [(v.type.value, v.text) for v in values_in("Het Rijk draagt € 25 mln. bij, uiterlijk in 2026.")]
[('money', '€ 25 mln.'), ('date', 'uiterlijk in 2026')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from ruimtegraaf.amounts import NUMBER_WORDS, find_amounts, find_deadlines, find_quantities
from ruimtegraaf.index import tokens


class AnswerType(StrEnum):
    """What kind of thing a question asks for, and what kind of value a sentence holds."""

    MONEY = "money"
    COUNT = "count"  # a number of something, with its unit ("88 gemeenten")
    AREA = "area"
    PERCENTAGE = "percentage"
    DATE = "date"  # a day, month, season or year; a deadline
    DURATION = "duration"
    PERSON = "person"  # a person or an office holder
    ORGANISATION = "organisation"
    PLACE = "place"
    REASON = "reason"
    LIST = "list"
    AGREEMENT = "agreement"
    YES_NO = "yes_no"
    STATEMENT = "statement"  # anything the documents state: no particular value


# the types a sentence must hold a value of before it can answer; the rest are judged by their words
VALUED = frozenset({AnswerType.MONEY, AnswerType.COUNT, AnswerType.AREA, AnswerType.PERCENTAGE, AnswerType.DATE,
                    AnswerType.DURATION, AnswerType.PERSON, AnswerType.ORGANISATION, AnswerType.PLACE,
                    AnswerType.REASON})


@dataclass(frozen=True)
class Value:
    """A typed value found in a text: its type, the words as written, their span, and a unit for counts."""

    type: AnswerType
    text: str
    start: int
    end: int
    unit: str | None = None


_AREA_UNITS = frozenset({"hectare", "km2", "m2"})
_DURATION_UNITS = re.compile(r"^(?:jaar|jaren|maanden|maand|weken)$")
# number words: the counts amounts reads (two to twenty) and a hundred; a duration also "een" and the tens
_COUNT_WORD = "(?:" + "|".join(sorted([*NUMBER_WORDS, "honderd"], key=len, reverse=True)) + ")"
_NUMBER_WORD = "(?:" + "|".join(sorted([*NUMBER_WORDS, "een", "één", "dertig", "veertig", "vijftig", "honderd"],
                                       key=len, reverse=True)) + ")"
_DURATION = re.compile(rf"(?<![\w.,])(?:\d+(?:,\d+)?|{_NUMBER_WORD})(?:\s*(?:à|tot|-|–)\s*\d+)?\s+"
                       r"(?:(?:extra|volle|ruim|lang)\s+)?(?:jaar|jaren|maanden|maand|weken|week|dagen|decennia)\b"
                       r"(?!\s+(?:oud|geleden))", re.I)
# a period of years: "2025-2029", "2023 t/m 2030", "2024 tot en met 2027" (a bare year alone is no date)
_YEARS = re.compile(r"(?<![\w.,/-])(?:19|20)\d\d\s*(?:-|–|t/m|tot en met|tot|to|through)\s*(?:19|20)\d\d(?![\w.,/-]\d)",
                    re.I)
_UNTIL = re.compile(r"(?:uiterlijk\s+)?(?:tot(?:\s+en\s+met)?|t/m|until|till|through)\b", re.I)  # a date that ends
_PERCENT = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)?\s*(?:%|procent\b|procentpunt\w*)", re.I)
_AREA = re.compile(r"(?<![\w.,])\d{1,3}(?:\.\d{3})*(?:,\d+)?\s*(?:ha|hectare|km2|km²|vierkante kilometer)\b", re.I)
# a number before a noun: "88 gemeenten", "zeven NOVEX-verstedelijkingsgebieden", "400 woningen"
_NUMBER = rf"(?:\d{{1,3}}(?:\.\d{{3}})+|\d+|{_COUNT_WORD})"
# … also a range: "10 à 15 woningen", "(3-5) strategische locaties"
_COUNT = re.compile(rf"(?<![\w.,/€(-])\(?(?P<num>{_NUMBER})(?:\s*(?:-|–|à|tot)\s*(?P<to>{_NUMBER}))?\)?\s+['‘\"“]?"
                    r"(?:(?:extra|nieuwe|huidige|grote|kleine|grootschalige|betaalbare|sociale|concrete|"
                    r"[a-z]+e)\s+){0,2}(?P<unit>[A-Za-zÀ-ÿ][\w'-]{2,})", re.I)
_NOT_UNITS = frozenset(("jaar jaren maand maanden week weken dagen uur procent miljoen miljard mln mld euro "
                        "januari februari maart april mei juni juli augustus september oktober november december "
                        "en of tot van in op te voor met bij per over als").split())
_OFFICE = re.compile(r"\b(?:minister(?:-president)?|staatssecretaris|gedeputeerde|wethouder|burgemeester|"
                     r"commissaris van de koning|cdk|voorzitter|directeur|dijkgraaf|ambassadeur|bestuurder|"
                     r"bewindspersoon|secretaris-generaal|gouverneur|kwartiermaker|minister|minister of|"
                     r"state secretary|alderman|mayor|king's commissioner|chair(?:man|person)?|director)\b", re.I)
# the first word of a portfolio written without "van" ("staatssecretaris Herstel Groningen", "minister Klimaat en
# Groene Groei"), where a name could stand: an office, not a person
PORTFOLIO_WORDS = (r"(?:Herstel|Infrastructuur|Volkshuisvesting|Klimaat|Economische|Binnenlandse|Buitenlandse|"
                   r"Financiën|Defensie|Landbouw|Onderwijs|Justitie|Sociale|Asiel|Natuur|Ruimtelijke|Wonen|"
                   r"Toeslagen|Koninkrijksrelaties|Digitalisering|Cultuur|Jeugd|Medische|Langdurige|"
                   r"Rechtsbescherming|Fiscaliteit|Armoedebeleid)")
_PORTFOLIO_NAME = re.compile(PORTFOLIO_WORDS + r"\b")  # a "name" that is a portfolio ("Herstel Groningen")
_PARTICLE = r"(?:van|de|der|den|ter|ten|te|'t|van de|van der|van den)"
_NAME = re.compile(rf"\b[A-Z][a-zà-ÿ]+(?:-[A-Z][a-zà-ÿ]+)?(?:\s+(?:{_PARTICLE}\s+)?[A-Z][a-zà-ÿ]+(?:-[A-Z][a-zà-ÿ]+)?)*"
                   r"|\b(?:[A-Z]\.){1,4}\s*(?:[A-Z]\.)?\s*(?:(?:van|de|der|den)\s+)*[A-Z][a-zà-ÿ]+")
_ROMAN = re.compile(r"[IVXLCDM]+")
_ABBREVIATION = re.compile(r"\b(?:[A-Z][A-Za-z]?){1,2}[A-Z](?:[a-z]?[A-Z])?\b")  # LNV, UvW, BZK, KenE, IPO
_REASON = re.compile(r"\b(?:omdat|doordat|vanwege|als gevolg van|door\s+(?:de|het|een|middel)|want|daardoor|"
                     r"daarom|dankzij|gezien|aangezien|wegens|ten gevolge van|reden|oorzaak|"
                     r"aanleiding\s+(?:voor|tot|hiervoor|daarvoor)|(?:is|was|vormt|vormde)\s+(?:de\s+)?aanleiding|"
                     r"because|due to|owing to|since)\b", re.I)
# a body that acts ("het Coördinatiebureau Groene Hart", "een hoog-ambtelijke vertegenwoordiging", "de
# stuurgroep"): who does something when no one person does it
_BODY = re.compile(r"\b(?:(?!(?i:de|the)\s)[\w-]+e\s+)?[\w-]*(?i:bureau|vertegenwoordiging|delegatie|commissie|"
                   r"werkgroep|stuurgroep|taskforce|kernteam|projectteam|regiegroep|kwartiermakers?)\b(?:\s+[A-Z][\w-]*)*")
_PLACE_PREPOSITION = re.compile(r"\b(?:in|bij|nabij|rond|rondom|te|op|tussen|langs)\s+"
                                r"(?P<place>[A-Z][\w'-]+(?:[\s-]+[A-Z][\w'-]+)*)")


def values_in(text: str, names: list[tuple[int, int, str]] | None = None) -> list[Value]:
    """Every typed value in `text`, in order of position; `names` are (start, end, type) of the things a
    gazetteer found in it (organisations and places come from them)."""
    found: list[Value] = []
    for a in find_amounts(text):
        found.append(Value(AnswerType.MONEY, a.text, a.start, a.end))
    for q in find_quantities(text):
        if q.unit in _AREA_UNITS:
            found.append(Value(AnswerType.AREA, q.text, q.start, q.end, q.unit))
        elif q.unit == "%":
            found.append(Value(AnswerType.PERCENTAGE, q.text, q.start, q.end, "%"))
        elif not _DURATION_UNITS.match(q.unit.split()[0]):
            found.append(Value(AnswerType.COUNT, q.text, q.start, q.end, q.unit))
    found += [Value(AnswerType.AREA, m.group(), m.start(), m.end(), "hectare") for m in _AREA.finditer(text)]
    found += [Value(AnswerType.PERCENTAGE, m.group(), m.start(), m.end(), "%") for m in _PERCENT.finditer(text)]
    found += [Value(AnswerType.DURATION, m.group(), m.start(), m.end()) for m in _DURATION.finditer(text)]
    for m in _COUNT.finditer(text):
        unit = m.group("unit")
        years = [n for n in (m.group("num"), m.group("to")) if n and re.match(r"(?:19|20)\d\d$", n)]
        if unit.casefold() not in _NOT_UNITS and not years:
            start = m.start() if ")" in m.group() else m.start("num")  # "(3-5) …" whole, a lone "(" not
            found.append(Value(AnswerType.COUNT, text[start:m.end()], start, m.end(), unit.casefold().strip("'’\"”")))
    for d in find_deadlines(text):
        found.append(Value(AnswerType.DATE, d.text, d.start, d.end))
    found += [Value(AnswerType.DATE, m.group(), m.start(), m.end()) for m in _YEARS.finditer(text)]
    found += _people(text)
    for start, end, typ in names or []:
        kind = _NAMED_TYPES.get(typ)
        if kind is not None:  # the unit says what kind of thing it names ("Gemeente", "Ministerie")
            found.append(Value(kind, text[start:end], start, end, typ))
    found += [Value(AnswerType.ORGANISATION, m.group(), m.start(), m.end()) for m in _ABBREVIATION.finditer(text)
              if not _ROMAN.fullmatch(m.group())]  # "Kamerstuk 36200-XII": a numeral, not an organisation
    found += [Value(AnswerType.ORGANISATION, m.group(), m.start(), m.end(), "body") for m in _BODY.finditer(text)]
    for m in _PLACE_PREPOSITION.finditer(text):
        found.append(Value(AnswerType.PLACE, m.group("place"), m.start("place"), m.end("place")))
    found += [Value(AnswerType.REASON, m.group(), m.start(), m.end()) for m in _REASON.finditer(text)]
    return _distinct(found)


# gazetteer types as answer types (NOVEX areas and landsdelen are places too)
_NAMED_TYPES = {"Ministerie": AnswerType.ORGANISATION, "Partij": AnswerType.ORGANISATION,
                "Samenwerkingsverband": AnswerType.ORGANISATION, "Waterschap": AnswerType.ORGANISATION,
                "Rijk": AnswerType.ORGANISATION, "Provincie": AnswerType.PLACE, "Gemeente": AnswerType.PLACE,
                "Landsdeel": AnswerType.PLACE, "NovexGebied": AnswerType.PLACE,
                "Project": AnswerType.PLACE, "MirtProject": AnswerType.PLACE}


def _people(text: str) -> list[Value]:
    """Names near an office ("minister De Jonge", "gedeputeerde Erik Ronnes", "René Paas, Commissaris van de
    Koning"), and offices with their portfolio ("de minister van IenW")."""
    out = []
    for office in _OFFICE.finditer(text):
        window_start, window_end = max(0, office.start() - 60), min(len(text), office.end() + 60)
        for name in _NAME.finditer(text, window_start):  # a name that starts in the window, read whole
            if name.start() >= window_end:
                break
            if name.group().casefold() in _NOT_NAMES or _OFFICE.fullmatch(name.group()) \
                    or _PORTFOLIO_NAME.match(name.group()):
                continue
            after = name.start() >= office.end()
            between = text[office.end():name.start()] if after else text[name.end():office.start()]
            if " " not in name.group() and between.strip(" ,(") and "." not in name.group():
                continue  # one capitalised word is a surname only right beside the office ("minister Keijzer")
            out.append(Value(AnswerType.PERSON, name.group(), name.start(), name.end()))
        out.append(Value(AnswerType.PERSON, office.group(), office.start(), office.end(), "office"))
    return out


_NOT_NAMES = frozenset(("rijk regio het de een namens in op voor van minister provincie gemeente koning "
                        "staten tweede kamer eerste").split())


def _distinct(values: list[Value]) -> list[Value]:
    """Values in order of position; one value per (type, span)."""
    seen: set[tuple[AnswerType, int, int]] = set()
    out = []
    for v in sorted(values, key=lambda v: (v.start, -v.end)):
        key = (v.type, v.start, v.end)
        if key not in seen:
            seen.add(key)
            out.append(v)
    return out


_DAY = re.compile(r"\b\d{1,2}(?:\s+[a-z]+\.?|-\d{1,2}-)", re.I)
NUMERIC = frozenset({AnswerType.MONEY, AnswerType.COUNT, AnswerType.AREA, AnswerType.PERCENTAGE})
ONE_VALUE = NUMERIC | {AnswerType.DATE, AnswerType.DURATION}  # a single value answers, not a statement


def of_type(values: list[Value], wanted: AnswerType, unit: str | None = None, text: str = "") -> list[Value]:
    """The values of one type. A count asked without a unit takes any number (money, counts, areas,
    percentages); a count of a unit takes counts of that unit (a compound ending in it, or starting with it,
    counts: "woningen" ~ "huurwoningen", "waterstoftankstations" ~ "tankstations") and numbers that the
    unit's word follows in `text` ("40% CO2-uitstoot").

    >>> [v.text for v in of_type(values_in("Er komen 400 woningen en 3 stations."), AnswerType.COUNT, "woningen")]
    ['400 woningen']
    """
    if wanted == AnswerType.COUNT and not unit:
        return [v for v in values if v.type in NUMERIC]
    if wanted in (AnswerType.ORGANISATION, AnswerType.PLACE) and unit:  # "welke gemeente": municipalities only
        return [v for v in values if v.type in (AnswerType.ORGANISATION, AnswerType.PLACE) and v.unit == unit]
    if wanted == AnswerType.DATE and unit == "day":  # asked to the day: "12 juni 2025", not "juni 2025"
        return [v for v in values if v.type == AnswerType.DATE and _DAY.search(v.text)]
    if wanted == AnswerType.DATE and unit == "end":  # "tot wanneer": "tot het BO van juni 2026", not "januari 2024"
        return [v for v in values if v.type == AnswerType.DATE and _UNTIL.match(v.text)]
    if wanted == AnswerType.DATE and unit == "period":  # "welke periode": "2025-2029" or "vijf jaar", not "2025"
        return [v for v in values if (v.type == AnswerType.DATE and _YEARS.fullmatch(v.text))
                or v.type == AnswerType.DURATION]
    out = []
    for v in values:
        if wanted == AnswerType.COUNT and unit:
            counted = v.type == AnswerType.COUNT and same_unit(v.unit or "", unit)
            if counted or (v.type in NUMERIC and _unit_follows(text[v.end:v.end + 30], unit)):
                out.append(v)
            continue
        if v.type == wanted:
            out.append(v)
    return out


def _unit_follows(after: str, unit: str) -> bool:
    """The asked unit's word (or a compound of it) comes right after a number."""
    words = re.findall(r"[\w-]+", after.casefold())[:3]
    return any(same_unit(w, unit) or w.startswith(unit.casefold()[:5]) for w in words)


def same_unit(found: str, asked: str) -> bool:
    """Whether a counted word is the unit asked for, allowing plural/singular and compounds of the asked word: a
    kind of it answers ("huurwoningen" for "woningen"), the general word does not answer for a kind of it
    ("woningen" for "studentenwoningen").

    >>> same_unit("huurwoningen", "woningen"), same_unit("gemeenten", "gemeente"), same_unit("banen", "woningen")
    (True, True, False)
    >>> same_unit("woningen", "studentenwoningen")
    False
    """
    a, b = _stem(found), _stem(asked)
    return bool(a and b) and (a == b or a.endswith(b) or (len(b) >= 5 and a.startswith(b)))


def _stem(word: str) -> str:
    """A word's Dutch stem as the search index makes it ("gemeenten", "gemeente" → "gemeent")."""
    stems = tokens(word.replace("-", ""))
    return stems[0] if stems else word.casefold()


def names_someone(values: tuple[Value, ...]) -> bool:
    """Among the values an organisation, an office, a person or a place (a relation's sentence names someone)."""
    return any(v.type in (AnswerType.ORGANISATION, AnswerType.PERSON, AnswerType.PLACE) for v in values)
