"""Money amounts, quantities and deadlines in Dutch running text, each with the span it occupies.

Spans index the text exactly as given (the original source), so they can be cited; the patterns
tolerate the line breaks, blank lines and double spaces that PDF extraction leaves between a
number and its unit ("€ 23\\n\\nmiljoen").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ruimtegraaf.months import MONTHS_NL, MONTHS_NL_PATTERN


@dataclass(frozen=True)
class Amount:
    """A money amount in euro; `qualifier` keeps what modifies it ("elk", "incl. btw", "prijspeil 2025")."""

    value_eur: Decimal
    text: str
    start: int
    end: int
    qualifier: str | None = None


@dataclass(frozen=True)
class Quantity:
    """A counted or measured quantity such as "3.800 woningen" or "410 m3/s"."""

    value: Decimal
    unit: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Deadline:
    """A moment an agreement points at: a meeting, a season, a year or a full date (ISO in `date`)."""

    text: str
    start: int
    end: int
    year: int | None = None
    date: str | None = None


# Dutch numbers: thousands dots, decimal comma ("1.145", "88,56", "1000").
NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?(?![\d.])|\d+(?:,\d+)?"
_SCALES = {"duizend": 3, "miljoen": 6, "mln": 6, "milj": 6, "miljard": 9, "mld": 9, "mrd": 9}
_SCALE = r"(?i:duizend|miljoen|miljard)(?![a-zà-ÿ])|(?i:mln|milj|mld|mrd)(?![a-zà-ÿ])\.?"
_BIG_SCALE = r"(?i:miljoen|miljard)(?![a-zà-ÿ])|(?i:mln|mld|mrd)(?![a-zà-ÿ])\.?"

_EURO = re.compile(rf"€\s*(?P<num>{NUMBER})(?:\s*(?P<scale>{_SCALE}))?")
_RANGE_NEXT = re.compile(
    rf"\s*(?:tot en met|tot|à|-|–|\+|en|of)\s*(?P<euro>€\s*)?(?P<num>{NUMBER})(?:\s*(?P<scale>{_SCALE}))?")
_BARE = re.compile(rf"(?<![\w€.,/])(?P<num>{NUMBER})\s*(?P<scale>{_BIG_SCALE})(?P<euro>\s*euro\b)?")
_NOT_MONEY_AFTER = re.compile(
    r"\s*(?i:m3|m³|m2|m²|kuub|liter|ton\b|kg\b|km|inwoners|mensen|woningen|huishoudens|reizigers|"
    r"bezoekers|passagiers|banen|jaar|kwh|mwh|gwh|co2|dieren|bomen)")
_MONEY_CUE = re.compile(
    r"(?i:beschikba|vrijgemaakt|vrij te maken|gereserveerd|reserver|investe|budget|bijdrage|kosten|"
    r"tekort|subsidie|middelen|financi|bekostig|begroting|uitgetrokken|fonds|euro)")

_QUALIFY_BEFORE = re.compile(
    r"(?i:\b(?P<word>elk|ieder|circa|ca\.|ongeveer|ruim|bijna|maximaal|minimaal|in totaal|totaal))\s*$")
_MAXIMUM_BEFORE = re.compile(r"(?i:\bmaxima(?:al|le)\b)[^.;:€]{0,40}$")
_QUALIFY_AFTER = (
    (re.compile(r"\b(?i:incl(?:\.|usief)\s*btw)"), "incl. btw"),
    (re.compile(r"\b(?i:excl(?:\.|usief)\s*btw)"), "excl. btw"),
    (re.compile(r"(?i:prijspeil\s+(?:19|20)\d\d)"), None),
)
_PER_AFTER = re.compile(r"\s*(per\s+(?:woning|jaar|maand|inwoner|hectare|ha|m2|stuk))\b", re.I)


def parse_number(text: str) -> Decimal:
    """A Dutch-written number as a Decimal: thousands dots dropped, decimal comma read as a point.

    >>> parse_number("1.145"), parse_number("88,56")
    (Decimal('1145'), Decimal('88.56'))
    """
    return Decimal(text.replace(".", "").replace(",", "."))


def _tidy(value: Decimal) -> Decimal:
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def _scaled(num: str, scale: str | None) -> Decimal:
    value = parse_number(num)
    if scale:
        value = value.scaleb(_SCALES[scale.rstrip(".").lower()])
    return _tidy(value)


def find_amounts(text: str) -> list[Amount]:
    """Every money amount in `text`, with exact euro values, so agreements can be compared and summed.

    A bare "€ 310" before "tot € 620 mln." takes the unit of the range's other end; a number without
    € counts only with miljoen/miljard and a money context ("2,5 miljard beschikbaar").

    >>> [(a.value_eur, a.text) for a in find_amounts("elk €88,56 miljoen en € 310 tot € 620 mln.")]
    [(Decimal('88560000'), '€88,56 miljoen'), (Decimal('310000000'), '€ 310'), (Decimal('620000000'), '€ 620 mln.')]
    """
    found: dict[int, Amount] = {}
    for m in _EURO.finditer(text):
        scale = m.group("scale")
        nxt = _RANGE_NEXT.match(text, m.end())
        if nxt and nxt.group("scale") and not scale and parse_number(m.group("num")) < 1000:
            scale = nxt.group("scale")
        found.setdefault(m.start(), _amount(text, m.start(), m.end(), m.group("num"), scale))
        if nxt and nxt.group("scale") and not nxt.group("euro") and scale:
            s = nxt.start("num")
            found.setdefault(s, _amount(text, s, nxt.end(), nxt.group("num"), nxt.group("scale")))
    taken = [(a.start, a.end) for a in found.values()]
    for m in _BARE.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken) or not _bare_is_money(text, m):
            continue
        found[m.start()] = _amount(text, m.start(), m.end(), m.group("num"), m.group("scale"))
    return [found[k] for k in sorted(found)]


def _bare_is_money(text: str, m: re.Match[str]) -> bool:
    if m.group("euro"):
        return True
    if _NOT_MONEY_AFTER.match(text, m.end()):
        return False
    return bool(_MONEY_CUE.search(_sentence_window(text, m.start(), m.end())))


def _sentence_window(text: str, start: int, end: int, reach: int = 80) -> str:
    before = text[max(0, start - reach):start]
    after = text[end:end + reach]
    before = re.split(r"[.;:!?]\s", before)[-1]
    after = re.split(r"[.;:!?]\s", after)[0]
    return f"{before} {after}"


def _amount(text: str, start: int, end: int, num: str, scale: str | None) -> Amount:
    surface = text[start:end].rstrip()
    end = start + len(surface)
    return Amount(_scaled(num, scale), surface, start, end, _qualifier(text, start, end))


def _qualifier(text: str, start: int, end: int) -> str | None:
    """The words around an amount that change what it means: each party, incl. btw, price level."""
    words: list[str] = []
    before = text[max(0, start - 60):start]
    m = _QUALIFY_BEFORE.search(before)
    if m:
        word = m.group("word").lower()
        words.append({"ieder": "elk", "totaal": "in totaal", "circa": "ca."}.get(word, word))
    elif _MAXIMUM_BEFORE.search(before):
        words.append("maximaal")
    per = _PER_AFTER.match(text, end)
    if per:
        words.append(" ".join(per.group(1).lower().split()))
    after = re.split(r"[€;)]", text[end:end + 50])[0]
    for pattern, label in _QUALIFY_AFTER:
        m = pattern.search(after)
        if m:
            words.append(label or " ".join(m.group(0).lower().split()))
    return ", ".join(words) or None


# --- quantities -------------------------------------------------------------------------------

NUMBER_WORDS = {  # the Dutch number words the documents write for counts, two to twenty
    "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8, "negen": 9, "tien": 10,
    "elf": 11, "twaalf": 12, "dertien": 13, "veertien": 14, "vijftien": 15, "zestien": 16,
    "zeventien": 17, "achttien": 18, "negentien": 19, "twintig": 20,
}
_ADJECTIVES = (
    "extra|nieuwe|additionele|aanvullende|betaalbare|sociale|grootschalige|grote|kleine|volwaardige|"
    "afzonderlijke|betrokken|bestaande|strategische|potentiële|te bouwen|geplande")
# (pattern, canonical unit or None to keep the surface word in lower case); longest first
_UNITS: tuple[tuple[str, str | None], ...] = (
    (r"m3/s|m³/s", "m3/s"), (r"km2|km²", "km2"), (r"m3|m³|kuub", "m3"), (r"m2|m²", "m2"),
    (r"kilometer|km", "km"), (r"hectare|ha", "hectare"), (r"MW", "MW"), (r"GW", "GW"),
    (r"%(?![0-9A-Fa-f]{2})|procent", "%"),
    (r"(?i:[a-z]*woningen|woning)", None), (r"(?i:arbeidsplaatsen(?:/[a-z]+)?|banen|werkplekken)", None),
    (r"(?i:[a-z]*locaties|[a-z]*projecten|[a-z]*gebieden|gemeenten|steden|provincies|stations)", None),
    (r"(?i:perrons|partners|tranches|keer)", None), (r"(?i:jaar|jaren|maanden|maand|weken)", None),
)
_UNIT = "|".join(f"(?P<u{i}>{p})" for i, (p, _) in enumerate(_UNITS))
_QNUM = rf"{NUMBER}|(?i:{'|'.join(NUMBER_WORDS)})\b"
_QUANTITY = re.compile(
    rf"(?<![\w.,/€=%–-])(?P<num>{_QNUM})(?:\s*(?P<mult>(?i:duizend|miljoen|miljard))(?![a-z]))?\s*"
    rf"(?:(?:{_ADJECTIVES})\s+){{0,2}}(?:{_UNIT})(?![a-zA-Z])"
    r"(?P<per>\s+per\s+(?:jaar|maand|week|dag|uur|woning))?")
_RANGE_BEFORE = re.compile(rf"(?<![\w.,/€-])(?P<num>{NUMBER})\s*(?:à|tot|-|–)\s*$")


def _quantity_value(num: str, mult: str | None) -> Decimal:
    value = Decimal(NUMBER_WORDS[num.lower()]) if num.lower() in NUMBER_WORDS else parse_number(num)
    if mult:
        value = value.scaleb({"duizend": 3, "miljoen": 6, "miljard": 9}[mult.lower()])
    return _tidy(value)


def find_quantities(text: str) -> list[Quantity]:
    """Counted and measured quantities (woningen, arbeidsplaatsen, hectare, m3/s, …); never money.

    >>> [(q.value, q.unit) for q in find_quantities("3.800 woningen en 700 hectare1 en 4 keer per jaar")]
    [(Decimal('3800'), 'woningen'), (Decimal('700'), 'hectare'), (Decimal('4'), 'keer per jaar')]
    """
    out: list[Quantity] = []
    for m in _QUANTITY.finditer(text):
        if re.search(r"€\s*$", text[max(0, m.start() - 3):m.start()]):
            continue
        i = next(k for k in range(len(_UNITS)) if m.group(f"u{k}") is not None)
        unit = _UNITS[i][1] or m.group(f"u{i}").lower()
        if m.group("per"):
            unit = f"{unit} {' '.join(m.group('per').split())}"
        value = _quantity_value(m.group("num"), m.group("mult"))
        rng = _RANGE_BEFORE.search(text[max(0, m.start() - 30):m.start()])
        if rng and not re.fullmatch(r"(?:19|20)\d\d", rng.group("num")):
            s = m.start() - 30 + rng.start("num") if m.start() >= 30 else rng.start("num")
            first = _quantity_value(rng.group("num"), m.group("mult"))
            out.append(Quantity(first, unit, rng.group("num"), s, s + len(rng.group("num"))))
        out.append(Quantity(value, unit, m.group(0), m.start(), m.end()))
    return out


# --- deadlines --------------------------------------------------------------------------------

_MONTHS = {**{name: number for number, name in enumerate(MONTHS_NL, start=1)},
           "jan": 1, "febr": 2, "feb": 2, "mrt": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sept": 9, "sep": 9,
           "okt": 10, "nov": 11, "dec": 12}
_MONTH = r"(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")(?![a-z])\.?"
_FULL_MONTH = MONTHS_NL_PATTERN
_YEAR = r"(?:(?:19|20)\d\d|2100)(?!\d)"
_REGION = r"(?:\s+(?:Noordwest|Noord|Zuidwest|Zuid|Oost)(?![\w-]))?"
_MEETING_WHEN = (rf"(?:\s+(?:van\s+)?(?:{_MONTH}\s+)?(?P<myear>{_YEAR})|\s+(?:najaar|voorjaar)\s+(?P<syear>{_YEAR})"
                 rf"|\s*\((?:{_MONTH}\s+)?(?P<pyear>{_YEAR})\)"
                 rf"|\s+van\s+(?P<mday>\d{{1,2}})\s+(?P<mmonth>{_MONTH})(?:\s+(?P<dyear>{_YEAR}))?"
                 r"(?:\s+(?:aanstaande|a\.s\.))?)?")
_CORES: tuple[tuple[str, str], ...] = (
    ("meeting", rf"\b(?:BO|Bestuurlijke?\s+Overleg(?:gen)?)[-\s]+(?:MIRT|Leefomgeving|Brainport){_REGION}"
                rf"{_MEETING_WHEN}"),
    ("date", rf"\b(?P<day>\d{{1,2}})\s+(?P<month>{_MONTH})(?:\s+(?P<year>{_YEAR}))?"
             r"(?:\s+(?:jl\.?|aanstaande|a\.s\.))?"),
    ("date", rf"\b(?P<day>\d{{1,2}})-(?P<nmonth>\d{{1,2}})-(?P<year>{_YEAR})"),
    ("season", rf"\b(?:voorjaar|zomer|najaar|winter)(?:\s+(?:van\s+)?(?P<year>{_YEAR}))?"),
    ("part", rf"\b(?:eind|begin|medio|midden)\s+(?:{_MONTH}\s+)?(?P<year>{_YEAR})"),
    ("part", rf"\b(?:eerste|tweede)\s+helft\s+(?:van\s+)?(?P<year>{_YEAR})"),
    ("part", rf"\b(?:eerste|tweede|derde|vierde)\s+kwartaal\s+(?:van\s+)?(?P<year>{_YEAR})"),
    ("part", rf"\bQ[1-4]\s+(?P<year>{_YEAR})"),
    ("month", rf"\b{_FULL_MONTH}\s+(?P<year>{_YEAR})"),
    ("year", rf"\b(?P<year>{_YEAR})(?:/(?:19|20)\d\d)?(?![-–/]\d)"),  # "in 2025/2026": the turn of two years
    ("relative", r"\bbinnen\s+(?:een|één|\d+)\s+(?:jaar|maanden|maand|weken|week)\b"),
    ("relative", r"\bkomende?\s+(?:half\s+)?jaar\b"),
)
_CORE_RES = tuple((kind, re.compile(p, re.I if kind != "meeting" else 0)) for kind, p in _CORES)
_LEAD = re.compile(
    r"(?P<late>\buiterlijk\s+)?"
    r"(?P<prep>\b(?:tot en met|t/m|tot|in|bij|op|per|tijdens|richting|vóór|voor|vanaf|na|d\.d\.|sinds|rond|"
    r"naar)\s+)?"  # "verschoven naar 2027"
    r"(?P<art>\b(?:het|de)\s+)?(?P<next>\bvolgende\s+)?$", re.I)


def find_deadlines(text: str) -> list[Deadline]:
    """Deadlines and dates an agreement names, with the preposition that makes them one ("uiterlijk in").

    Bare years count only after a temporal preposition ("tot en met 2030"), so titles such as
    "Ruimtelijk Arrangement 2025" do not; full dates get an ISO `date`.

    >>> [(d.text, d.year, d.date) for d in find_deadlines("uiterlijk per 1 dec 2025 en tot en met 2030")]
    [('uiterlijk per 1 dec 2025', 2025, '2025-12-01'), ('tot en met 2030', 2030, None)]
    """
    candidates: list[Deadline] = []
    for kind, pattern in _CORE_RES:
        for m in pattern.finditer(text):
            lead = _LEAD.search(text[max(0, m.start() - 40):m.start()])
            assert lead is not None  # every part of the lead is optional
            if not _lead_ok(kind, m, lead):
                continue
            keep = lead.group("late") or lead.group("prep") or lead.group("next")
            start = m.start() - (len(lead.group(0)) if keep else 0)
            surface = text[start:m.end()].rstrip()
            year, date = _when(m)
            candidates.append(Deadline(surface, start, start + len(surface), year, date))
    chosen: list[Deadline] = []
    for d in sorted(candidates, key=lambda d: (d.start, -d.end)):
        if chosen and d.start < chosen[-1].end:
            continue
        chosen.append(d)
    return chosen


def _lead_ok(kind: str, m: re.Match[str], lead: re.Match[str]) -> bool:
    """Whether a time expression is a deadline here: some need a preposition before them."""
    has_year = any(m.groupdict().get(g) for g in ("year", "myear", "syear", "pyear", "dyear", "mday"))
    prep = lead.group("prep").split()[0].lower() if lead.group("prep") else ""
    if kind == "year":
        return bool(prep or lead.group("late"))
    if kind == "meeting" and not has_year:
        return bool(lead.group("next") or lead.group("late") or prep in {"richting", "tijdens", "voor", "vóór", "bij"}
                    or (prep in {"in", "op"} and lead.group("art")))
    if kind == "season" and not has_year:
        return bool(lead.group("prep") and lead.group("art"))
    return True


def _when(m: re.Match[str]) -> tuple[int | None, str | None]:
    groups = m.groupdict()
    year_text = next((groups[g] for g in ("year", "myear", "syear", "pyear", "dyear") if groups.get(g)), None)
    year = int(year_text) if year_text else None
    day, month = groups.get("day") or groups.get("mday"), groups.get("month") or groups.get("mmonth")
    number = _MONTHS[month.rstrip(".").lower()] if month else groups.get("nmonth")
    if year and day and number and calendar_date(year, int(number), int(day)):
        return year, f"{year:04d}-{int(number):02d}-{int(day):02d}"
    return year, None  # no day, or no such day ("31 juni"): the year still stands


def calendar_date(year: int, month: int, day: int) -> bool:
    """True for a day that exists (the text may say "31 juni" or "52 mei").

    >>> calendar_date(2025, 6, 30), calendar_date(2025, 6, 31), calendar_date(2024, 2, 29)
    (True, False, True)
    """
    import datetime

    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True
