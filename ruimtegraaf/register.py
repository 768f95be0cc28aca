"""The TOOI registers of municipalities and water boards, and where a text names one of them.

The registers (`ontology/reference/tooi-gemeenten.csv`, `tooi-waterschappen.csv`; source and checks in
`ontology/reference/README.md`) give every Dutch municipality since the register's history began, with
its official name, TOOI IRI and end date. `gemeentenamen.csv` is the one curated list: names that are
also a province or a common word (recognised only with municipal context) and other names of a code.

Recognition is deliberately strict, because a municipality the text does not name must never be linked:

- names are matched case-sensitively on whole words (a hyphen may join two: "Zwolle-Meppel");
- a name counts only for a municipality that existed on the document's date: "Delfzijl" in a 2025 letter
  is a town in Eemsdelta, not the municipality that ended on 31 December 2020;
- a name right after "dorp", "kern", "polder", "eiland", an article ("de Beemster") or a postcode (a return
  address) names something else;
- a curated ambiguous name ("Groningen", "Utrecht", "Sluis", …) needs municipal context: "gemeente",
  "stad", "wethouder", or a list of municipalities ("de gemeenten Groningen, Leeuwarden en Assen");
- a water board needs "Waterschap"/"Hoogheemraadschap" before it, a name that says so itself
  ("Wetterskip Fryslân"), or a list after "waterschappen (".
Spans the caller marks as other things (a NOVEX area "Regio Zwolle", an organisation "Havenbedrijf
Rotterdam") are skipped.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

GEMEENTEN_FILE = "tooi-gemeenten.csv"
WATERSCHAPPEN_FILE = "tooi-waterschappen.csv"
NAMES_FILE = "gemeentenamen.csv"
REGISTER_SOURCES = {"Gemeente": "https://identifier.overheid.nl/tooi/set/rwc_gemeenten_compleet/5",
                    "Waterschap": "https://identifier.overheid.nl/tooi/set/rwc_waterschappen_compleet/2"}

_ITEM = r"[A-Z'’][\w'’.-]*(?:\s+(?:[a-z]{1,4}\s+)?[A-Z][\w'’.-]*)*"  # "Súdwest-Fryslân", "Bergen op Zoom"
_MORE = rf"(?:{_ITEM}\s*(?:,|/|\ben\b|\bof\b)\s*)*"
_MUNICIPAL = re.compile(r"\b(?:[Gg]emeenten?|[Ss]tad|[Ss]teden|[Ww]ethouders?|[Bb]urgemeesters?|[Gg]emeentebestuur"
                        r"|[Gg]emeenteraad(?:sleden)?)(?:\s+van(?:\s+de\s+gemeenten?)?)?\s+" + _MORE + r"$")
_WATER = re.compile(r"(?:\b[Ww]aterschap|\b[Hh]oogheemraadschap)\s+$|\bwaterschappen\s*\(\s*" + _MORE + r"$")
_NOT_THE_BODY = re.compile(r"(?:\b(?:dorp|kern|dorpskern|polder|eiland|de|het|een)|\d{4}\s?[A-Z]{2})\s+$")
_SELF_NAMED = re.compile(r"^(?:Wetterskip|Hoogheemraadschap)\b")
_CONTEXT_CHARS = 160


@dataclass(frozen=True)
class Body:
    """A municipality or water board of the TOOI register: code, official name, TOOI IRI and period."""

    code: str  # TOOI organisatiecode, e.g. "gm0014"
    name: str  # officieleNaamExclSoort
    iri: str  # e.g. https://identifier.overheid.nl/tooi/id/gemeente/gm0014
    begin: str | None  # ISO date, or None when the register gives none
    end: str | None  # last day it existed; None while it exists
    kind: str  # "Gemeente" | "Waterschap" (the rg: class)

    def existed_on(self, day: str | None) -> bool:
        """Whether it existed on `day` (ISO date, a year-month or a year; None means today).

        >>> Body("gm0010", "Delfzijl", "x", None, "2020-12-31", "Gemeente").existed_on("2025-06-12")
        False
        >>> Body("gm0010", "Delfzijl", "x", None, "2020-12-31", "Gemeente").existed_on("2020-06")
        True
        """
        if day is None:
            return self.end is None
        return (self.begin is None or self.begin[:len(day)] <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Found:
    """A name of a body in a text: the span, the words as written, and the body."""

    start: int
    end: int
    surface: str
    body: Body


class Register:
    """The municipalities and water boards, by name, and the rules that find them in text.

    >>> reg = Register.load()
    >>> [f.body.code for f in reg.find("De gemeenten Groningen, Leeuwarden en Assen", "2025-06-13")]
    ['gm0014', 'gm0080', 'gm0106']
    >>> [f.body.code for f in reg.find("de provincie Groningen en het dorp Moerdijk", "2025-06-13")]
    []
    """

    def __init__(self, bodies: Sequence[Body], aliases: Iterable[tuple[str, str]] = (),
                 context_only: Iterable[str] = ()) -> None:
        self.bodies = list(bodies)
        self.by_code = {b.code: b for b in self.bodies}
        self.context_only = set(context_only)
        self._names: dict[str, list[Body]] = {}
        spellings: dict[str, str] = {}  # as written, for case-sensitive matching of municipality names
        named = [(b.name, b) for b in self.bodies] + [(n, self.by_code[c]) for n, c in aliases if c in self.by_code]
        for name, b in named:
            self._names.setdefault(_key(name), []).append(b)
            if b.kind == "Gemeente":
                spellings[name] = b.kind
        municipal = sorted(spellings, key=len, reverse=True)
        water = sorted((k for k, bs in self._names.items() if any(b.kind == "Waterschap" for b in bs)), key=len,
                       reverse=True)
        self._pattern = re.compile(r"(?<!\w)(?:" + "|".join(_name_regex(n) for n in municipal) + r")(?!\w)")
        self._water = re.compile(r"(?<!\w)(?:" + "|".join(_name_regex(n) for n in water) + r")(?!\w)", re.I)

    @classmethod
    def load(cls) -> Register:
        """The registers and curated names shipped in the `ontology` package (parsed once per process)."""
        return _load()

    def lookup(self, name: str, day: str | None = None, kind: str | None = None) -> Body | None:
        """The body a whole name stands for on `day` ("Groningen", "Gemeente Helmond" → its municipality)."""
        name = re.sub(r"^(?:[Gg]emeente|[Ww]aterschap)\s+", "", " ".join(name.split()))
        options = [b for b in self._names.get(_key(name), []) if b.existed_on(day) and (kind is None or b.kind == kind)]
        return options[0] if options else None

    def find(self, text: str, day: str | None = None, skip: Sequence[tuple[int, int]] = ()) -> list[Found]:
        """The municipalities and water boards `text` names, in text order (see the module's rules)."""
        out = [f for f in self._find_municipalities(text, day, skip)]
        taken = [(f.start, f.end) for f in out]
        out += [f for f in self._find_water_boards(text, day, [*skip, *taken])]
        return sorted(out, key=lambda f: f.start)

    def _find_municipalities(self, text: str, day: str | None, skip: Sequence[tuple[int, int]]) -> Iterable[Found]:
        for m in self._pattern.finditer(text):
            if _overlaps(m.start(), m.end(), skip):
                continue
            bodies = [b for b in self._names.get(_key(m.group()), []) if b.kind == "Gemeente" and b.existed_on(day)]
            if not bodies:
                continue
            before = " ".join(text[max(0, m.start() - _CONTEXT_CHARS):m.start()].split()) + " "
            starts_with_article = m.group().startswith(("De ", "Het "))
            if _NOT_THE_BODY.search(before) and not starts_with_article:
                continue
            if bodies[0].code in self.context_only and not _MUNICIPAL.search(before):
                continue
            yield Found(m.start(), m.end(), m.group(), bodies[0])

    def _find_water_boards(self, text: str, day: str | None, skip: Sequence[tuple[int, int]]) -> Iterable[Found]:
        for m in self._water.finditer(text):
            if _overlaps(m.start(), m.end(), skip):
                continue
            bodies = [b for b in self._names.get(_key(m.group()), []) if b.kind == "Waterschap" and b.existed_on(day)]
            if not bodies:
                continue
            before = " ".join(text[max(0, m.start() - _CONTEXT_CHARS):m.start()].split()) + " "
            if _SELF_NAMED.match(bodies[0].name) or _WATER.search(before):
                yield Found(m.start(), m.end(), m.group(), bodies[0])


def _overlaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


def _key(name: str) -> str:
    """Names compare with apostrophes, case of water-board names and white space made uniform."""
    return re.sub(r"-\s+", "-", " ".join(name.replace("’", "'").split())).casefold()


def _name_regex(name: str) -> str:
    """A name as a pattern: any apostrophe, any white space, a line break allowed after a hyphen."""
    parts = [re.sub(r"['’]", "['’]", re.escape(p)).replace(r"\-", r"-\s*") for p in name.split()]
    return r"\s+".join(parts)


@lru_cache(maxsize=1)
def _load() -> Register:
    root = resources.files("ontology").joinpath("reference")
    bodies: list[Body] = []
    for file, kind in ((GEMEENTEN_FILE, "Gemeente"), (WATERSCHAPPEN_FILE, "Waterschap")):
        for row in csv.DictReader(io.StringIO(root.joinpath(file).read_text(encoding="utf-8"))):
            bodies.append(Body(row["code"], row["naam"], row["tooi_iri"], row["begin"] or None, row["einde"] or None,
                               kind))
    aliases, context_only = [], []
    for row in csv.DictReader(io.StringIO(root.joinpath(NAMES_FILE).read_text(encoding="utf-8"))):
        if row["soort"] == "alias":
            aliases.append((row["naam"], row["code"]))
        elif row["soort"] == "context":
            context_only.append(row["code"])
    return Register(bodies, aliases, context_only)
