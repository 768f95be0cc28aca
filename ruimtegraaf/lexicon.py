"""What the answerer knows about a dataset's words: term statistics, names of things, where they are named.

Built once per dataset (a few hundred milliseconds) and kept on it.
"""

from __future__ import annotations

import contextlib
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ruimtegraaf.dataset import Dataset, Derived
from ruimtegraaf.gazetteer import TYPE_ORDER, Gazetteer, Match, Named
from ruimtegraaf.index import tokens
from ruimtegraaf.mentions import entity_matches
from ruimtegraaf.settings import DEFAULT_BASE_IRI

_YEAR = re.compile(r"\b(20[0-4]\d)\b")
_COUNTED = re.compile(r"\b\d[\d.,]*\s+([a-zà-ÿ][\w-]*)")
_WORDS = re.compile(r"[A-Za-zÀ-ÿ][\w-]*")
UNIT_SHARE = 0.15
TYPES = TYPE_ORDER


COMPLETED_MIN = 6  # a shorter name begins too many words to stand for one of them
COMPLETED_TAIL = 8  # "-brug", "-sluis", "-kanaal", "-sterbrug": the head a compound adds to a name
CORRECTIONS_KEPT = 10_000  # corrections remembered (each a scan of the vocabulary); then the memory starts over


def _remembered(memory: dict[str, str | None], term: str, find: Callable[[str], str | None]) -> str | None:
    """`find(term)`, remembered: a question's parts, and later questions, ask for the same terms again (each
    a scan of the vocabulary); past CORRECTIONS_KEPT entries the memory starts over."""
    if term in memory:
        return memory[term]
    found = find(term)
    if len(memory) >= CORRECTIONS_KEPT:
        memory.clear()
    memory[term] = found
    return found


_BROKEN = re.compile(r"(\w+)-[ \t]*\n\s*([a-zà-ÿ]\w*)")  # a lower-case word after the break: one word


class Lexicon:
    """Document frequencies, the gazetteer, entity → passages, and the year of each passage's document."""

    def __init__(self, ds: Dataset) -> None:
        from ontology import RG_IRI

        self.df: Counter[str] = Counter()
        for p in ds.passages:
            self.df.update(set(tokens(" ".join(p.heading_path) + " " + p.text)))
        self.n = len(ds.passages)
        # units: words the corpus mostly writes after a number ("woningen", "hectare"), not verbs ("stellen")
        counted: Counter[str] = Counter()
        seen: Counter[str] = Counter()
        for p in ds.passages:
            counted.update(m.group(1).casefold() for m in _COUNTED.finditer(p.text))
            seen.update(w.casefold() for w in _WORDS.findall(p.text))
        self.units = {w for w, c in counted.items() if c >= 2 and c >= UNIT_SHARE * seen[w]}
        self.words = {w for w in self.df if not w[:1].isdigit()}
        # words a line break split at a hyphen ("delegatie-\nleider"): the index has their halves, a reader the whole
        self.joined = frozenset(t for p in ds.passages for m in _BROKEN.finditer(p.text)
                                for t in tokens(m.group(1) + m.group(2)))
        self._corrected: dict[str, str | None] = {}  # misspelt term -> its correction (or None), as found
        self._completed: dict[str, str | None] = {}  # name the corpus lacks -> the compound it begins (or None)
        base = ds.manifest.get("base_iri", DEFAULT_BASE_IRI)
        self.gazetteer = _gazetteer(ds, base, RG_IRI)
        self.in_heading: dict[str, set[str]] = defaultdict(set)  # entity IRI -> passage ids
        self.in_text: dict[str, set[str]] = defaultdict(set)
        # passage id -> the (IRI, type) of the things its headings name ("… › Utrecht": the province)
        self.heading_named: dict[str, frozenset[tuple[str, str]]] = {}
        for p in ds.passages:
            in_heading = self.named_in(" › ".join(p.heading_path), heading=True)
            self.heading_named[p.id] = frozenset((m.named.iri, m.named.type) for m in in_heading)
            for m in in_heading:
                self.in_heading[m.named.iri].add(p.id)
            for m in self.named_in(p.text):
                self.in_text[m.named.iri].add(p.id)
        self.labels: dict[str, list[str]] = defaultdict(list)
        # every label as a thing of its own ("NOVEX NZKG" is the Noordzeekanaalgebied), made once, not per question
        self.labelled: list[Named] = []
        for named, label in self.gazetteer.labels():
            self.labels[named.iri].append(label)
            self.labelled.append(Named(named.iri, label, named.type))
        self.documents = _document_facts(ds)
        # words of the documents' titles ("Statenbrief", "MIRT-brief") are known even where the text lacks them
        self.title_words = frozenset(t for d in self.documents.values() for t in tokens(f"{d.kind} {d.title}"))
        # (document, sub-document) -> the (IRI, type) of the things its own title names ("Ruimtelijk Arrangement
        # Rijk - provincie Drenthe"): what all of it is about, as a heading over every passage
        self.title_named = {key: frozenset((m.named.iri, m.named.type)
                                           for m in self.named_in(d.title.split(" | ")[0], heading=True))
                            for key, d in self.documents.items()}
        from ruimtegraaf.register import Register

        self.register = Register.load()
        self.year_of = {key: int(d.date[:4]) for key, d in self.documents.items() if d.date and d.date[:4].isdigit()}

    def date_of(self, p: Any) -> str | None:
        """The date of the (sub-)document a passage stands in (ISO, maybe only a year-month)."""
        facts = self.documents.get((p.document, p.subdocument))
        return facts.date if facts is not None else None

    def idf_weight(self, term: str) -> float:
        """How telling a term is: rare terms weigh more (BM25's idf, floored at a small positive value)."""
        import math

        df = self.df.get(term, 0)
        return max(0.05, math.log(1 + (self.n - df + 0.5) / (df + 0.5)))

    def correct(self, term: str) -> str | None:
        """The corpus word a misspelt query term most likely means (one or two edits, same first letter)."""
        if term in self.df or len(term) < 6 or term[:1].isdigit():
            return term if term in self.df else None
        return _remembered(self._corrected, term, self._closest)

    def _closest(self, term: str) -> str | None:
        limit = 1 if len(term) < 9 else 2
        best: tuple[int, int, str] | None = None
        for w in self.words:
            if w[0] != term[0] or abs(len(w) - len(term)) > limit:
                continue
            d = _edits(term, w, limit)
            if d <= limit and (best is None or (d, -self.df[w]) < best[:2]):
                best = (d, -self.df[w], w)
        return best[2] if best else None

    def completed(self, name: str) -> str | None:
        """The corpus word a name the corpus lacks begins, when it is the first part of a compound: the
        "Spijkenisser bridge" is the "Spijkenisserbrug". The most frequent such word; None for a short name."""
        if len(name) < COMPLETED_MIN or name in self.df:
            return None
        return _remembered(self._completed, name, self._completion)

    def _completion(self, name: str) -> str | None:
        found = [w for w in self.words if w.startswith(name) and len(w) - len(name) <= COMPLETED_TAIL]
        return max(found, key=lambda w: (self.df[w], w)) if found else None

    def split_compound(self, term: str) -> list[str]:
        """The two corpus words a long compound is made of ("coalitieakkoord" → coalitie, akkoord), or []."""
        if len(term) < 9 or term[:1].isdigit():
            return []
        best: list[str] = []
        for i in range(4, len(term) - 3):
            head, tail = term[:i], term[i:]
            for t in (tail, tail[1:] if tail[:1] == "s" else tail):
                found = len(t) >= 4 and head in self.words and t in self.words
                if found and (not best or self.df[head] + self.df[t] > self.df[best[0]] + self.df[best[1]]):
                    best = [head, t]
        return best

    def named_in(self, text: str, *, heading: bool = False) -> list[Match]:
        """Names in document text, minus bare names the context says mean something else."""
        return entity_matches(text, self.gazetteer, heading=heading, types=TYPES)

    def entities(self, text: str) -> list[Named]:
        """The things a text names, in order, each once; municipalities the graph does not know by the
        register's rules, with their TOOI identifier."""
        seen: dict[str, Named] = {}
        matches = self.gazetteer.find(text)
        for m in matches:
            seen.setdefault(m.named.iri, m.named)
        for f in self.register.find(text, None, [(m.start, m.end) for m in matches]):
            if f.body.kind == "Gemeente" and not _IN_LONGER_NAME.match(text, f.end) \
                    and not _REGION_BEFORE.search(text, 0, f.start):
                seen.setdefault(f.body.iri, Named(f.body.iri, f.body.name, f.body.kind))
        return list(seen.values())


# a municipality's name inside the name of something else: a station, a stop or a region named after it
# ("Eindhoven Centraal", "Veldhoven De Run", "Amsterdam metropolitan region", "Metropoolregio Amsterdam")
_IN_LONGER_NAME = re.compile(r"\s+(?:[A-Z]|(?:metropol\w*|regio\w*|region\w*|area|gebied|port|haven|airport)\b)")
_REGION_BEFORE = re.compile(r"\b(?:metropoolregio|regio|region|novex(?:-gebied)?|port of|haven)\s+$", re.I)


def _gazetteer(ds: Dataset, base: str, rg: str) -> Gazetteer:
    """The names of the reference data and, when the build has them, of the projects ingest derived."""
    from ontology import reference_graph

    names = Gazetteer.from_graph(reference_graph(base), rg).labels()
    with contextlib.suppress(OSError, RuntimeError, ValueError):  # a store that cannot say: reference data only
        names += Gazetteer.from_store(ds.store, rg).labels()
    return Gazetteer([(label, named) for named, label in names])


LEXICON: Derived[Lexicon] = Derived(Lexicon)


def lexicon(ds: Dataset) -> Lexicon:
    """The dataset's lexicon, built on first use."""
    return LEXICON.of(ds)


@dataclass(frozen=True)
class DocumentFacts:
    """What the catalog says of a (sub-)document: its date (ISO, maybe only year-month), kind and titles."""

    date: str | None
    kind: str
    title: str  # its own title, then the title of the file it is in


def _document_facts(ds: Dataset) -> dict[tuple[str, str | None], DocumentFacts]:
    """(document, sub-document) → date, kind and title, from the catalog."""
    facts: dict[tuple[str, str | None], DocumentFacts] = {}
    for path, info in ds.catalog.documents.items():
        for unit in info.subdocuments:
            facts[(path, unit.ref)] = DocumentFacts(unit.date or info.date, unit.kind, f"{unit.title} | {info.title}")
        facts[(path, info.ref)] = DocumentFacts(info.date, info.kind, info.title)
    return facts


def _edits(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, giving up early above `limit`."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        cur = [i]
        for j, cb in enumerate(b, start=1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        if min(cur) > limit:
            return limit + 1
        prev = cur
    return prev[-1]

