"""What a passage or an agreement is about: municipalities, water boards, projects, themes and the things of the
reference data (NOVEX areas, programmes, instruments), each found by the rules of its own module.

- municipalities and water boards: `ruimtegraaf.register` (official names, existing on the document's date),
  with the names of other things (NOVEX areas, organisations) blanked out first;
- projects: the projects `ingest.projects` found, named by their label or a variant, case-sensitively;
- themes (an agreement only): the words of the thema: scheme in its topic and text (longest word first, so
  "waterstof" is energy, not water; names of ministries and organisations do not count), and the themes
  the kinds of its projects and instruments are skos:related to;
- kinds of instrument (an agreement only) when its topic or first sentence names one ("stellen het
  Ruimtelijk Arrangement vast").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import Graph
from rdflib.namespace import RDF, SKOS

from ingest.afspraken import Afspraak
from ingest.projects import NameFinder, Project, merge, project_iri, project_kinds, sightings
from ruimtegraaf import iris
from ruimtegraaf.embed import fold
from ruimtegraaf.gazetteer import Gazetteer, Match, Named
from ruimtegraaf.mentions import entity_matches
from ruimtegraaf.model import Passage
from ruimtegraaf.normalize import normalize
from ruimtegraaf.register import Body, Register

# things whose names hide a municipality's name: "Regio Zwolle" is an area, "Havenbedrijf Rotterdam" a company
OTHER_TYPES = ("NovexGebied", "NationaalProgramma", "Instrument", "Ministerie", "Samenwerkingsverband", "Partij",
               "Rijk", "Landsdeel", "Provincie")
REFERENCE_CONCERNS = ("NovexGebied", "NationaalProgramma", "Instrument")
# words that contain a theme word but name an organisation, not the theme
_NOT_THEMES = ("waterschap", "waterschappen", "waterstaat", "wegen en", "af te wegen")
_MEETING_BEFORE = re.compile(r"\bBO(?:['’]s)?[- ]?$")
_FIRST_SENTENCE = re.compile(r"^.*?[.;:](?=\s|$)", re.S)


@dataclass(frozen=True)
class Theme:
    """A concept of the thema: scheme with the folded words that signal it."""

    iri: str
    label: str
    words: tuple[str, ...]


@dataclass
class Subjects:
    """Recognises the things passages and agreements are about; built once per ingest over the whole corpus."""

    base: str
    gazetteer: Gazetteer
    register: Register
    finder: NameFinder
    projects: list[Project]
    themes: list[Theme]
    related: dict[str, list[str]]  # concept IRI (kind of project or instrument) -> theme IRIs
    dates: dict[str, str | None]  # passage id -> the date of its document
    _project_pattern: re.Pattern[str] | None = None
    _project_by_label: dict[str, Project] = field(default_factory=dict)
    _theme_pattern: re.Pattern[str] | None = None
    _theme_by_word: dict[str, Theme] = field(default_factory=dict)
    _spans: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    _found: dict[str, list[Match]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        labels = {label: pr for pr in self.projects for label in (pr.label, *pr.variants)}
        self._project_by_label = {_space(k): v for k, v in labels.items()}
        if labels:
            ordered = sorted(labels, key=len, reverse=True)
            alternatives = "|".join(_flexible(x) for x in ordered)
            self._project_pattern = re.compile(r"(?<![\w-])(?:" + alternatives + r")(?![\w])")
        words = {w: th for th in self.themes for w in th.words}
        self._theme_by_word = words
        ordered_words = sorted(words, key=len, reverse=True)
        self._theme_pattern = re.compile(r"(?<![\w-])(?:" + "|".join(
            re.escape(w) + (r"(?![\w])" if len(w) <= 3 else "") for w in ordered_words) + ")")

    # --- names ----------------------------------------------------------------------------------

    def found(self, text: str) -> list[Match]:
        """The gazetteer's names in a text (remembered: the same texts are read by several rules)."""
        known = self._found.get(text)
        if known is None:
            known = self._found[text] = self.gazetteer.find(text)
        return known

    def other_spans(self, text: str) -> list[tuple[int, int]]:
        """Spans of reference things that are not a bare province name (those may be the city)."""
        known = self._spans.get(text)
        if known is not None:
            return known
        out = []
        for m in entity_matches(text, self.gazetteer, types=OTHER_TYPES):
            if m.named.type == "Provincie" and not fold(m.surface).startswith("provincie"):
                continue
            out.append((m.start, m.end))
        self._spans[text] = out
        return out

    def bodies(self, text: str, day: str | None) -> list[Body]:
        """Municipalities and water boards a text names as such on `day`, in order, each once."""
        found = self.register.find(text, day)
        if found:  # only then look for the names of other things that may hold them
            found = self.register.find(text, day, self.other_spans(text))
        return list({f.body.code: f.body for f in found}.values())

    def municipal(self, text: str, p: Passage) -> bool:
        """Whether a short text (a heading) names a municipality without being just its name."""
        return any(b.kind == "Gemeente" and _space(text) != b.name for b in self.bodies(text, self.dates.get(p.id)))

    def projects_in(self, text: str) -> list[Project]:
        """Projects a (normalised) text names, in order, each once; not inside a longer name of another thing."""
        if self._project_pattern is None:
            return []
        matches = list(self._project_pattern.finditer(text))
        if not matches:
            return []
        blocked = [(m.start, m.end) for m in self.found(text)]
        out: dict[str, Project] = {}
        for m in matches:
            if any(s <= m.start() and m.end() <= e and (e - s) > (m.end() - m.start()) for s, e in blocked):
                continue
            pr = self._project_by_label.get(_space(m.group()))
            if pr is not None:
                out.setdefault(pr.slug, pr)
        return list(out.values())

    def passage_things(self, p: Passage) -> list[Named]:
        """The municipalities, water boards and projects a passage (its heading path or text) names."""
        day = self.dates.get(p.id)
        found: dict[str, Named] = {}
        for text in (*(normal(h) for h in p.heading_path), normal(p.text)):
            for b in self.bodies(text, day):
                n = self.body_named(b)
                found.setdefault(n.iri, n)
            for pr in self.projects_in(text):
                n = self.project_named(pr)
                found.setdefault(n.iri, n)
        return list(found.values())

    def body_named(self, b: Body) -> Named:
        """A municipality or water board as a thing of the graph."""
        return Named(iris.thing(self.base, b.kind.lower(), iris.slug(b.name)), b.name, b.kind)  # label: register name

    def project_named(self, pr: Project) -> Named:
        """A project as a thing of the graph."""
        return Named(project_iri(self.base, pr.slug), pr.label, "MirtProject" if pr.mirt else "Project")

    # --- agreements -----------------------------------------------------------------------------

    def concerns(self, a: Afspraak, day: str | None, parties: Iterable[Named] = ()) -> list[Named]:
        """What an agreement is about (rg:betreft): reference things, projects, municipalities and water boards,
        kinds of instrument and themes, in that order, each once.

        Its topic and sub-heading count for all of these but instruments and themes, which come from its own
        words (the topic's themes only when its words name none): the topic "NOVEX-gebied MRA: uitvoeringsagenda
        – verstedelijking, infrastructuur, economie" does not make an agreement on flooding about economy. A
        party is linked as one (rg:partij), not as a subject, and "MIRT" in "BO MIRT 2025" names the meeting,
        not the programme."""
        party_iris = {p.iri for p in parties}
        party_names = {fold(p.label) for p in parties}
        heads = [normal(h) for h in (a.topic_title, a.sub_heading or "") if h]
        text = normal(a.text)
        found: dict[str, Named] = {}
        for source in (*heads, text):
            for m in self.found(source):
                if m.named.type not in REFERENCE_CONCERNS or _MEETING_BEFORE.search(source[:m.start]):
                    continue
                if source is text and fold(m.named.label) in party_names and m.named.iri not in found:
                    continue  # "afgestemd met … de Regio Groningen-Assen": the partnership, a party
                found.setdefault(m.named.iri, m.named)
        kinds: list[str] = []
        for source in (*heads, text):
            for pr in self.projects_in(source):
                found.setdefault(project_iri(self.base, pr.slug), self.project_named(pr))
                if pr.kind:
                    kinds.append(iris.thing(self.base, "projectsoort", pr.kind))
        for source in (*heads, text):
            for b in self.bodies(source, day):
                n = self.body_named(b)
                if n.iri not in party_iris:
                    found.setdefault(n.iri, n)
        first = _FIRST_SENTENCE.match(text)
        for m in self.found(first.group() if first else text):
            if m.named.type == "Concept" and "/instrumentsoort/" in m.named.iri:
                found.setdefault(m.named.iri, m.named)
                kinds.append(m.named.iri)
        themes = self.themes_of(text, kinds) or self.themes_of(" ".join(heads), kinds)
        for theme in themes:
            found.setdefault(theme.iri, Named(theme.iri, theme.label, "Concept"))
        return list(found.values())

    def themes_of(self, text: str, kinds: Iterable[str] = ()) -> list[Theme]:
        """Themes whose words a text uses (outside names of things), and those related to the given kinds."""
        if self._theme_pattern is None:
            return []
        folded = fold(text)
        for s, e in sorted(((m.start, m.end) for m in self.found(text)
                            if m.named.type not in ("Concept",)), reverse=True):
            folded = folded[:s] + " " * (e - s) + folded[e:]
        for word in _NOT_THEMES:
            folded = folded.replace(word, " " * len(word))
        out: dict[str, Theme] = {}
        for m in self._theme_pattern.finditer(folded):
            th = self._theme_by_word.get(m.group())
            if th is not None:
                out.setdefault(th.iri, th)
        by_iri = {th.iri: th for th in self.themes}
        for kind in kinds:
            for iri in self.related.get(kind, ()):
                if iri in by_iri:
                    out.setdefault(iri, by_iri[iri])
        order = {th.iri: i for i, th in enumerate(self.themes)}
        return sorted(out.values(), key=lambda th: order[th.iri])


def build_subjects(passages: Sequence[Passage], reference: Graph, gazetteer: Gazetteer, register: Register,
                   dates: dict[str, str | None], base: str) -> Subjects:
    """Find the projects over all passages and set up the recognisers."""
    finder = NameFinder(project_kinds())
    subjects = Subjects(base, gazetteer, register, finder, [], _themes(reference, base), _related(reference), dates)
    order = {p.id: i for i, p in enumerate(passages)}
    places = frozenset(fold(b.name) for b in register.bodies if b.kind == "Gemeente")
    found = sightings(passages, finder, subjects.municipal, subjects.other_spans)
    projects = merge(found, order, places, lambda v: finder.kind_of(v) if len(v.split()) == 1 else v)
    return Subjects(base, gazetteer, register, finder, projects, subjects.themes, subjects.related, dates)


def _themes(reference: Graph, base: str) -> list[Theme]:
    scheme = iris.thing(base, "thema", "")
    out = []
    for concept in sorted(set(reference.subjects(SKOS.inScheme, None)), key=str):
        if not str(concept).startswith(scheme):
            continue
        words = {fold(str(x)) for p in (SKOS.prefLabel, SKOS.altLabel) for x in reference.objects(concept, p)
                 if getattr(x, "language", None) == "nl"}
        label = next((str(x) for x in reference.objects(concept, SKOS.prefLabel)
                      if getattr(x, "language", None) == "nl"), str(concept))
        out.append(Theme(str(concept), label, tuple(sorted(words))))
    return out


def _related(reference: Graph) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for concept in set(reference.subjects(RDF.type, SKOS.Concept)):
        out[str(concept)] = sorted(str(t) for t in reference.objects(concept, SKOS.related))
    return out


@lru_cache(maxsize=65536)
def normal(text: str) -> str:
    """`normalize(text).text`, remembered: headings and passages are read by several rules."""
    return normalize(text).text


def _space(text: str) -> str:
    return re.sub(r"-\s+", "-", " ".join(text.split()))


def _flexible(label: str) -> str:
    return r"\s+".join(re.escape(part).replace(r"\-", r"-\s*") for part in label.split())
