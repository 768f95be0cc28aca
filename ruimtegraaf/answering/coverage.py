"""What the documents cover: which meetings they report on, and what to say when a question asks about one
they do not (a BO Leefomgeving of a year or month without one, anything after the newest document)."""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

import pyoxigraph as ox

from ruimtegraaf.answering.question import MONTH_YEAR, Question
from ruimtegraaf.answering.values import VALUED
from ruimtegraaf.dataset import Derived
from ruimtegraaf.lexicon import Lexicon
from ruimtegraaf.months import MONTH_NUMBERS, MONTHS_EN, MONTHS_NL

if TYPE_CHECKING:
    from ruimtegraaf.dataset import Dataset


def _meeting_years(ds: Dataset) -> set[int]:
    rows = ds.store.query("PREFIX rg: <https://w3id.org/ruimtegraaf/def/> "
                          "SELECT DISTINCT ?y WHERE { ?m a rg:BOLeefomgeving ; rg:jaar ?y }")
    assert isinstance(rows, ox.QuerySolutions)
    return {int(str(row["y"].value)[:4]) for row in rows}


def _meeting_months(ds: Dataset) -> set[tuple[int, int]]:
    rows = ds.store.query("PREFIX rg: <https://w3id.org/ruimtegraaf/def/> PREFIX dct: <http://purl.org/dc/terms/> "
                          "SELECT DISTINCT ?d WHERE { ?m a rg:BOLeefomgeving ; dct:date ?d }")
    assert isinstance(rows, ox.QuerySolutions)
    dates = [str(row["d"].value) for row in rows]
    return {(int(d[:4]), int(d[5:7])) for d in dates if len(d) >= 7 and d[:4].isdigit() and d[5:7].isdigit()}


MEETING_YEARS: Derived[set[int]] = Derived(_meeting_years)  # the years of the BO's Leefomgeving in the graph
MEETING_MONTHS: Derived[set[tuple[int, int]]] = Derived(_meeting_months)  # … and the months, where the graph has them


# a meeting still to come, asked about as planned ("wat wil de regio op het BO MIRT van november bespreken")
_PLANNED = re.compile(r"\b(?:wil|wilde|willen|wilden|wensen|wenste|gepland|planned|want(?:s|ed)?|"
                      r"zou|zouden|zal|zullen|would|will|"  # "waarover zou in het BO MIRT 2020 worden gesproken"
                      r"intend(?:s|ed)?|agender\w*|op de agenda|on the agenda|voornemens?|van plan)\b", re.I)

# a question about what happened ("wat hebben zij … gepresenteerd", "what did the BOL decide")
_PAST = re.compile(r"\b(?:heeft|hebben|had|hadden|werd|werden|was|waren|did|were)\b|"
                   r"\b(?:is|zijn) er\b[^?]*\b(?:besloten|afgesproken|gepresenteerd|vastgesteld|beslist|gekozen)\b",
                   re.I)


class Coverage:
    """The moments one dataset's documents report on."""

    def __init__(self, ds: Dataset, lex: Lexicon) -> None:
        self.ds, self.lex = ds, lex

    def uncovered_meeting(self, q: Question) -> str | None:
        """A meeting the question asks about that no document reports on: one after the newest document, or
        (asking what it agreed) a BO Leefomgeving of a year the graph has none of; or what happened (asked in the
        past tense) in a year after the newest document."""
        c = q.constraints
        newest = max((d.date for d in self.lex.documents.values() if d.date), default="")
        if not c.years or _PLANNED.search(q.text):  # what was planned for a later meeting, the documents may say
            return None
        if newest[:4].isdigit() and min(c.years) > int(newest[:4]) and _PAST.search(q.text):
            # what happened in a year after the newest document, at a meeting or any other event: nothing reports it
            return (c.meeting or ("het jaar" if q.language == "nl" else "the year")) + f" {min(c.years)}"
        if c.meeting is None:
            return None
        for day in c.days:
            if day > newest:  # after the newest document: nothing can report on it
                return f"{c.meeting} {day[:4]}"
        if c.meeting == "BOL" and (without := self._month_without_bol(q)) is not None:
            return without
        asked_days = {day[:7] for day in c.days}
        for year, month in c.months or tuple((y, 1) for y in c.years):
            asked = f"{year:04d}-{month:02d}"
            if asked > newest[:7] and asked not in asked_days:  # a named day decided above
                return f"{c.meeting} {year}"
        if c.meeting == "BOL" and c.decided:
            held = self.meeting_years()
            missing = [y for y in c.years if y not in held]
            if missing and len(missing) == len(c.years):
                return f"het BO Leefomgeving van {missing[0]}" if q.language == "nl" else f"a BOL in {missing[0]}"
        if c.meeting == "BO MIRT" and (c.decided or q.expected in VALUED):
            # its outcomes stand only in a MIRT letter of that year; a plan for it ("in het BO MIRT najaar
            # 2022 worden … gemaakt") in an earlier document is no outcome
            reported = self.mirt_years
            missing = [y for y in c.years if y not in reported]
            if missing and len(missing) == len(c.years):
                return f"het BO MIRT van {missing[0]}" if q.language == "nl" else f"a BO MIRT in {missing[0]}"
        return None

    def _month_without_bol(self, q: Question) -> str | None:
        """A month named with its year ("in juni 2024") of a year whose BO's Leefomgeving the graph dates, none of
        them in that month: the documents report no BOL then (the BOLs of 2024 were held in November)."""
        held = MEETING_MONTHS.of(self.ds)
        dated = {year for year, _ in held}
        named = [(int(y), MONTH_NUMBERS[m.casefold()]) for m, y in MONTH_YEAR.findall(q.text)]
        asked = [(year, month) for year, month in named if year in dated]
        if not asked or any(pair in held for pair in asked):
            return None
        year, month = asked[0]
        if q.language == "en":
            return f"a BOL in {MONTHS_EN[month - 1]} {year}"
        return f"het BO Leefomgeving van {MONTHS_NL[month - 1]} {year}"

    @functools.cached_property
    def mirt_years(self) -> set[int]:
        """The years of the documents that report a BO MIRT's outcomes: the MIRT letters."""
        return {int(d.date[:4]) for d in self.lex.documents.values()
                if d.date and d.date[:4].isdigit() and "mirt" in d.title.split(" | ")[0].casefold()}

    def meeting_years(self) -> set[int]:
        """The years of the BO's Leefomgeving the graph knows."""
        return MEETING_YEARS.of(self.ds)

    def moments(self, language: str) -> str:
        """The moments the documents describe, in words."""
        years = ", ".join(str(y) for y in sorted(self.meeting_years()))
        mirt = " en ".join(str(y) for y in sorted(self.mirt_years))
        if language == "en":
            return f"the BOLs of {years}{f', the BO MIRT of {mirt}' if mirt else ''} and the 2022 starter package"
        mirt_nl = f", het BO MIRT van {mirt}" if mirt else ""
        return f"de BO's Leefomgeving van {years}{mirt_nl} en het startpakket van 2022"
