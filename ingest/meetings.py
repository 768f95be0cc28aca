"""The BO Leefomgeving meetings the documents report on, with the date the text gives and its passage.

Which meetings a document reports on comes from the catalog (rg:verslagVan); the date comes from the
documents' own words: "op maandag 2 juni 2025", "BO Leefomgeving Noordwest van 7 november 2024",
"Op 6 en 7 november", "in juni 2020". A date that names one landsdeel belongs to that meeting; a date
said of all meetings ("op 2, 10 en 11 juni") gives each of them the month.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ingest.catalog import load_records
from ruimtegraaf.amounts import calendar_date
from ruimtegraaf.model import Passage
from ruimtegraaf.months import MONTHS_NL

if TYPE_CHECKING:
    from ingest.corpus import Corpus

MONTHS = {m: i for i, m in enumerate(MONTHS_NL, start=1)}
_MEETING = r"(?:Bestuurlijke?\s+[Oo]verleg(?:gen)?\s+[Ll]eef-?\s*omgeving|BO[’']?s?\s+Leefomgeving|BOL(?:[’']s)?\b)"
_DAYS = r"(?P<days>\d{1,2}(?:\s*,\s*\d{1,2})*(?:\s+en\s+\d{1,2})?)"
_MONTH = r"(?P<month>" + "|".join(MONTHS) + r")"
_DATE = re.compile(rf"(?:(?:maandag|dinsdag|woensdag|donderdag|vrijdag)\s+)?{_DAYS}\s+{_MONTH}(?:\s+(?P<year>20\d\d))?")
_MONTH_ONLY = re.compile(rf"\b(?:in|van)\s+{_MONTH}\s+(?P<year>20\d\d)")
_LANDSDEEL = re.compile(r"\b(Noordwest|Zuidwest|Noord|Zuid|Oost)(?:[- ]Nederland)?\b")
_WINDOW = 160  # characters between a meeting phrase and its date


@dataclass(frozen=True)
class Meeting:
    """One BO Leefomgeving: landsdeel, year, date (ISO day or month) and the passage that dates it."""

    iri: str
    landsdeel: str  # slug, e.g. "noord-nederland"
    year: int
    date: str | None
    passage_id: str
    label: str


def extract_meetings(corpus: Corpus, base: str) -> list[Meeting]:
    """Every meeting some document reports on, dated from the text where the text dates it."""
    records = load_records(corpus.corpus_dir, base)
    reported: dict[str, set[str]] = {}  # meeting IRI -> document paths that report on it
    for rec in records.values():
        for iri in rec.reports_on:
            reported.setdefault(iri, set()).add(rec.path)
    by_doc: dict[str, list[Passage]] = {}
    for p in corpus.passages:
        if p.duplicate_of is None:
            by_doc.setdefault(p.document, []).append(p)
    meetings = []
    for iri in sorted(reported):
        m = re.search(r"bol-(\d{4})-([a-z-]+)$", iri)
        if not m:
            continue
        year, landsdeel = int(m.group(1)), m.group(2)
        passages = [p for path in sorted(reported[iri]) for p in by_doc.get(path, [])]
        date, pid = _date_for(passages, year, landsdeel)
        if date is None or len(date) < len("2025-06-02"):  # a later document may give the day ("… van 7 november
            others = [p for path in sorted(set(by_doc) - reported[iri]) for p in by_doc[path]]  # 2024")
            day, source = _date_for(others, year, landsdeel, explicit=True)
            if day is not None and len(day) == len("2025-06-02"):
                date, pid = day, source
        if pid is None:
            continue  # no passage speaks of it: nothing to derive the meeting from
        name = landsdeel.replace("-nederland", "").capitalize()
        meetings.append(Meeting(iri, landsdeel, year, date, pid, f"BO Leefomgeving {name} {year}"))
    return meetings


def _date_for(passages: list[Passage], year: int, landsdeel: str,
              explicit: bool = False) -> tuple[str | None, str | None]:
    """The best date the passages give for one meeting: a day said of this landsdeel beats a shared month.
    `explicit`: only dates that write their year count (passages of a document that is not the meeting's
    own report, where a bare "7 november" may be of any year)."""
    own = landsdeel.split("-")[0].casefold()
    shared: tuple[str, str] | None = None
    mention: str | None = None
    for p in passages:
        text = " ".join(p.text.split())
        for meeting in re.finditer(_MEETING, text):
            window = text[max(0, meeting.start() - _WINDOW): meeting.end() + _WINDOW]
            names = {n.casefold() for n in _LANDSDEEL.findall(window)}
            mention = mention or p.id
            for d in _DATE.finditer(window):
                if explicit and not d.group("year"):
                    continue
                y = int(d.group("year") or year)
                if y != year:
                    continue
                days = re.findall(r"\d+", d.group("days"))
                month = MONTHS[d.group("month")]
                if len(days) == 1 and names == {own} and calendar_date(y, month, int(days[0])):
                    return f"{y}-{month:02d}-{int(days[0]):02d}", p.id
                shared = shared or (f"{y}-{month:02d}", p.id)
            for d in _MONTH_ONLY.finditer(window):
                if int(d.group("year")) == year and not explicit:
                    shared = shared or (f"{year}-{MONTHS[d.group('month')]:02d}", p.id)
    if shared:
        return shared
    return None, mention
