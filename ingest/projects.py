"""Projects the documents treat as a unit: MIRT projects and studies, rail lines, locks, roads, HOV lines,
OV hubs, housing locations, ports, energy sites and area developments.

Found by general rules on the documents' structure and wording, with one curated list (the kinds of
project and the words that mark their names, `ontology/reference/projectsoorten.ttl`):

1. a name pattern: a head word before a proper name ("sluis Kornwerderzand", "OV-knoop Haarlem Nieuw-Zuid",
   "gebiedsontwikkeling Poort van Hoorn"), a compound with a kind's ending ("Nedersaksenlijn",
   "Paddepoelsterbrug"), a road number before a name ("A1/A30 Barneveld"), or a MIRT study ("MIRT-onderzoek
   Westflank Groningen", "MIRT-verkenning OV & Wonen");
2. the structure: every section of the MIRT-brief's "Voortgang MIRT-projecten" under a "Regio" heading is a
   project, and so is a short agreement topic or heading that names a municipality ("Poort van Hoorn").

A name counts as a project when a heading or agreement topic carries it, a MIRT study names it, or two
passages name it. Sightings of one project merge on their name words ("sluis Kornwerderzand" =
"Kornwerderzandsluis"; "knooppunt Hoevelaken" ⊂ "A1/A28 knooppunt Hoevelaken").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from rdflib.namespace import RDF, SKOS

from ontology import RG, reference_graph
from ruimtegraaf import iris
from ruimtegraaf.embed import fold
from ruimtegraaf.model import Passage
from ruimtegraaf.normalize import normalize

PROJECTSOORT = "projectsoort"
_STOP = (r"(?!(?:Op|In|Aan|Met|Voor|Om|Bij|Na|Dit|Deze|Dat|Die|Een|Eind|Conform|Daarna|Daarnaast|Ook|Tevens|Hierbij|"
         r"Moet|Zo|Er|We|Wij|Het|De|Als|Naast|Rijk|Regio|Programma)\b)")
_TOKEN = r"(?:[A-Z0-9][\w+&']*(?:\.\w+)*(?:-[\w+&']+)*|&)"
_CONNECTOR = r"(?:van|op|aan|de|den|der|bij)"
_PROPER = rf"{_TOKEN}(?:(?:\s+(?:{_CONNECTOR}\s+)?|\s*[/–-]\s*){_STOP}{_TOKEN}){{0,4}}"
_MIRT_NAME = rf"{_TOKEN}(?:(?:\s+(?:{_CONNECTOR}\s+|en\s+)?|\s*[/–-]\s*){_STOP}{_TOKEN}){{0,4}}"
_ROAD = r"[AN]\d{1,3}(?:\s*[/-]\s*[AN]\d{1,3})*"
_MIRT = re.compile(r"MIRT-(?:onderzoek|verkenning(?:en)?|project(?:beslissing)?)\s+"
                   r"(?:(?:naar|voor|van)\s+(?:de|het)\s+)?(?:het\s+project\s+)?(?P<name>" + _MIRT_NAME + r")")
_MIRT_SECTION = re.compile(r"Voortgang\s+MIRT-projecten", re.I)
_REGIO_SECTION = re.compile(r"^\S*\s*Regio\s+\S+")
_NUMBERING = re.compile(r"^(?:\d+(?:\.\d+)*\.?\s+)+")
_SENTENCE = re.compile(r"(?<=[.;:!?])\s+(?=[A-Z•])|\s*•\s*")
_NOT_KEY = {"mirt", "onderzoek", "verkenning", "pilot", "en", "&", "rond"}
_MAX_HEADING_WORDS = 5
_MAX_NAME_WORDS = 8


@dataclass(frozen=True)
class Kind:
    """A kind of project: its concept slug and the words that mark its names."""

    slug: str
    heads: tuple[str, ...]
    suffixes: tuple[str, ...]
    exceptions: frozenset[str]


@dataclass(frozen=True)
class Name:
    """A project name pattern in a text: its span, where its proper name starts, the words and the kind."""

    start: int
    end: int
    name_start: int
    label: str
    kind: str | None


@dataclass(frozen=True)
class Sighting:
    """One place where a passage names a project: the name as written, its kind, and how it was found."""

    label: str
    key: frozenset[str]
    kind: str | None
    passage_id: str
    how: str  # "heading" (heading or agreement topic), "mirt" (a MIRT study), "text"


@dataclass
class Project:
    """A project: label, variant names, kind, whether it is a MIRT project, and the passages naming it."""

    slug: str
    label: str
    variants: list[str]
    kind: str | None
    mirt: bool
    passages: list[str]  # ids of the passages that name it, in corpus order
    key: frozenset[str] = field(default_factory=frozenset)
    defining: list[str] = field(default_factory=list)  # those naming it as a unit: heading, MIRT study, agreement


@lru_cache(maxsize=1)
def project_kinds() -> tuple[Kind, ...]:
    """The kinds of project of the reference data, with their head words, endings and exceptions."""
    g = reference_graph()
    kinds = []
    for concept in sorted(set(g.subjects(RDF.type, SKOS.Concept)), key=str):
        if f"/{PROJECTSOORT}/" not in str(concept):
            continue
        kinds.append(Kind(str(concept).rsplit("/", 1)[-1], tuple(sorted(map(str, g.objects(concept, RG.kopwoord)))),
                          tuple(sorted(map(str, g.objects(concept, RG.achtervoegsel)))),
                          frozenset(fold(str(x)) for x in g.objects(concept, RG.uitzondering))))
    return tuple(kinds)


class NameFinder:
    """The name patterns of all kinds, compiled once."""

    def __init__(self, kinds: Sequence[Kind]) -> None:
        self.kinds = kinds
        self.head_kind = {h: k.slug for k in kinds for h in k.heads}
        self.suffix_kind = {s: k.slug for k in kinds for s in k.suffixes}
        self.exceptions = frozenset().union(*(k.exceptions for k in kinds))
        heads = "|".join(re.escape(h) for h in sorted(self.head_kind, key=len, reverse=True))
        suffixes = "|".join(re.escape(s) for s in sorted(self.suffix_kind, key=len, reverse=True))
        self.head = re.compile(rf"(?<![\w-])(?:[A-Z]{{2,}}-)?(?P<head>{heads})(?:(?P<glued>\d+)|"
                               rf"(?:\s+(?:bij|van|op(?:\s+en)?|rond)(?:\s+de|\s+het)?)*\s+(?P<name>{_PROPER}))")
        self.compound = re.compile(rf"(?<![\w-])(?P<name>[A-Z][\w]*?[a-zà-ÿ](?:{suffixes}))(?![\w])")
        self.road = re.compile(rf"(?<![\w-])(?P<road>{_ROAD})\s+(?:(?P<head>{heads})\s+)?(?P<name>{_PROPER})")

    def names(self, text: str) -> list[Name]:
        """Every project name pattern in a normalised text, outermost first."""
        found: list[Name] = []
        for m in self.road.finditer(text):
            if re.fullmatch(_ROAD, m.group("name")):
                continue
            found.append(Name(m.start(), m.end(), m.start("name"), m.group(), self.kind_of(m.group())))
        for m in self.head.finditer(text):
            name = m.group("glued") or m.group("name")
            if not m.group("glued") and not _proper(name):
                continue
            at = m.start("glued") if m.group("glued") else m.start("name")
            found.append(Name(m.start(), m.end(), at, _trim(m.group()), self.head_kind[m.group("head")]))
        for m in self.compound.finditer(text):
            word = m.group("name")
            if fold(word) in self.exceptions or len(word) < 6:
                continue
            found.append(Name(m.start(), m.end(), m.start(), word, self.kind_of(word)))
        return _outermost(found)

    def kind_of(self, label: str) -> str | None:
        """The kind the last kind word of a label names ("Wilhelminakanaal Sluis II" is a lock)."""
        best: tuple[int, int, str] | None = None
        for word, kind in [*self.head_kind.items(), *self.suffix_kind.items()]:
            pattern = (rf"(?<![\w]){re.escape(word)}(?![\w])" if word in self.head_kind
                       else rf"(?i:{re.escape(word)})(?![\w])")
            for m in re.finditer(pattern, label):
                if word in self.suffix_kind and fold(_word_at(label, m.start())) in self.exceptions:
                    continue
                candidate = (m.end(), len(word), kind)
                if best is None or candidate[:2] > best[:2]:
                    best = candidate
        return best[2] if best else None

    def key(self, label: str) -> frozenset[str]:
        """The words that identify a project: its name without head words, connectors or a compound's ending."""
        heads = {fold(h) for h in self.head_kind}
        out = set()
        for whole in re.findall(r"[\w+&/'.]+(?:-[\w+&/'.]+)*", label):
            if fold(whole) in heads:
                continue
            for w in re.split(r"[/-]", whole):
                f = fold(w)
                if not f or f in heads or f in self.exceptions or re.fullmatch(_CONNECTOR, f) or f in _NOT_KEY:
                    continue
                for suffix in self.suffix_kind:
                    if suffix in self.head_kind and f.endswith(suffix) and len(f) > len(suffix) + 3:
                        f = f[:-len(suffix)]  # "Kornwerderzandsluis" is "sluis Kornwerderzand"
                out.add(f)
        return frozenset(out)


@lru_cache(maxsize=65536)
def _normal(text: str) -> str:
    return normalize(text).text


def _proper(name: str) -> bool:
    return bool(re.match(r"[A-Z0-9&]", name)) and len(name.split()) <= _MAX_NAME_WORDS


def _trim(label: str) -> str:
    return re.sub(r"[\s,;:.–-]+$", "", " ".join(label.split()))


def _word_at(text: str, end: int) -> str:
    start = end
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "-"):
        start -= 1
    stop = end
    while stop < len(text) and text[stop].isalnum():
        stop += 1
    return text[start:stop]


def _outermost(found: list[Name]) -> list[Name]:
    """Overlapping names keep the longest ("A1/A28 knooppunt Hoevelaken" over "knooppunt Hoevelaken")."""
    out: list[Name] = []
    for item in sorted(found, key=lambda x: (x.start, -(x.end - x.start))):
        if out and item.start < out[-1].end:
            continue
        out.append(item)
    return out


def sightings(passages: Sequence[Passage], finder: NameFinder, municipal: Callable[[str, Passage], bool],
              other_things: Callable[[str], list[tuple[int, int]]]) -> list[Sighting]:
    """Every place a passage names a project, in corpus order (duplicate passages skipped).

    `municipal(text, passage)` says whether a short heading names a municipality existing at the passage's
    date; `other_things(text)` gives the spans of known things of other types (NOVEX areas, programmes).
    """
    leaves = _mirt_leaves(passages)
    out: list[Sighting] = []
    seen_headings: set[tuple[str, str, bool]] = set()
    for p in passages:
        if p.duplicate_of:
            continue
        for depth, heading in enumerate(p.heading_path):
            flat = _trim(_NUMBERING.sub("", _normal(heading)))
            if (p.document, flat, p.kind == "afspraak") in seen_headings or not flat:
                continue
            seen_headings.add((p.document, flat, p.kind == "afspraak"))
            out += _heading_sightings(flat, p, p.heading_path[:depth + 1] in leaves, finder, municipal, other_things)
        text = _normal(p.text)
        for m in _MIRT.finditer(text):
            label = _trim(m.group("name"))
            out.append(Sighting(label, finder.key(label), finder.kind_of(label), p.id, "mirt"))
        blocked = other_things(text)
        how = "agreement" if p.kind == "afspraak" else "text"
        for n in finder.names(text):
            if any(s <= n.start and n.end <= e and (s, e) != (n.start, n.end) for s, e in blocked):
                continue  # part of a longer name of another thing ("NOVEX-gebied Lelylijn" is the area)
            if any(s <= n.name_start and n.end <= e and n.start < s for s, e in blocked):
                continue  # the name is another thing ("woningbouwlocaties in de Nota Ruimte")
            out.append(Sighting(n.label, finder.key(n.label), n.kind, p.id, how))
    return out


def _heading_sightings(heading: str, p: Passage, mirt_leaf: bool, finder: NameFinder,
                       municipal: Callable[[str, Passage], bool],
                       other_things: Callable[[str], list[tuple[int, int]]]) -> list[Sighting]:
    """A heading or agreement topic that is a project's name, or holds one."""
    if mirt_leaf:
        return [Sighting(heading, finder.key(heading), finder.kind_of(heading), p.id, "heading")]
    mirt = _MIRT.search(heading)
    if mirt:
        label = _trim(mirt.group("name"))
        return [Sighting(label, finder.key(label), finder.kind_of(label), p.id, "heading")]
    names = finder.names(heading)
    if names:
        out = []
        for n in names:
            label = n.label
            tail = re.match(rf"\s+{_PROPER}", heading[n.end:])  # the whole name: "Powerport Regio Moerdijk"
            if tail and not finder.names(tail.group()) and municipal(tail.group(), p):
                label = _trim(label + tail.group())
            out.append(Sighting(label, finder.key(label), n.kind, p.id, "heading"))
        return out
    words = heading.split()
    topic = p.kind == "afspraak" and heading in (_NUMBERING.sub("", " ".join(h.split())) for h in p.heading_path[1:])
    described = finder.names(_normal(p.text))  # the text under it names a project: that is this one
    if ((topic or described) and len(words) <= _MAX_HEADING_WORDS and words[0][:1].isupper() and words[0] != "Regio"
            and not other_things(heading) and municipal(heading, p)):
        kind = finder.kind_of(heading) or (described[0].kind if described else None)
        variants = [Sighting(described[0].label, finder.key(heading), kind, p.id, "text")] if described else []
        return [Sighting(heading, finder.key(heading), kind, p.id, "heading"), *variants]
    return []


def _mirt_leaves(passages: Sequence[Passage]) -> set[tuple[str, ...]]:
    """Heading paths of the MIRT-brief's project sections: leaves under "Voortgang MIRT-projecten › Regio …"."""
    paths = {p.heading_path for p in passages}
    prefixes = {path[:i] for path in paths for i in range(1, len(path))}
    out = set()
    for path in paths:
        for i in range(len(path)):
            sub = path[:i + 1]
            above = path[:i]
            if (sub not in prefixes and any(_MIRT_SECTION.search(h) for h in above)
                    and any(_REGIO_SECTION.match(_NUMBERING.sub("", h)) for h in above)
                    and not _REGIO_SECTION.match(_NUMBERING.sub("", path[i]))):
                out.add(sub)
    return out


def merge(found: Iterable[Sighting], order: dict[str, int], places: frozenset[str],
          kind_word: Callable[[str], str | None]) -> list[Project]:
    """Sightings grouped into projects; kept when a heading, a MIRT study, an agreement or two passages name it.

    Names with the same words are one project unless their kinds differ ("PHS Nijmegen" is not "station
    Nijmegen"); a name whose words all stand in one longer name of the same kind is that project ("knooppunt
    Hoevelaken" in "A1/A28 knooppunt Hoevelaken"). `places` (folded municipality names) keeps a bare place
    name of unknown kind from joining a project it merely locates.
    """
    groups: dict[tuple[frozenset[str], str | None], list[Sighting]] = {}
    for s in found:
        if s.key:
            groups.setdefault((s.key, s.kind), []).append(s)
    for key, _ in [k for k in groups if k[1] is None]:
        kinded = [k for k in groups if k[0] == key and k[1] is not None]
        if len(kinded) == 1:
            groups[kinded[0]] += groups.pop((key, None))
    for small in sorted(groups, key=lambda k: len(k[0])):
        key, kind = small
        if kind is None and key <= places:
            continue
        bigger = [k for k in groups if key < k[0] and kind in (None, k[1])]
        if len(bigger) == 1:
            groups[bigger[0]] += groups.pop(small)
    projects = []
    for (key, _), group in groups.items():
        passages = sorted({s.passage_id for s in group}, key=lambda pid: order[pid])
        if not any(s.how in ("heading", "mirt", "agreement") for s in group) and len(passages) < 2:
            continue
        labels = Counter(s.label for s in group)
        headed = Counter(s.label for s in group if s.how == "heading")
        label = max(headed, key=lambda x: (headed[x], len(x))) if headed else labels.most_common(1)[0][0]
        kinds = Counter(s.kind for s in group if s.kind)
        variants = sorted(v for v in set(labels) - {label} if kind_word(v))
        defining = sorted({s.passage_id for s in group if s.how != "text"}, key=lambda pid: order[pid])
        projects.append(Project("", label, variants, kinds.most_common(1)[0][0] if kinds else None,
                                any(s.how == "mirt" for s in group), passages, key, defining))
    projects.sort(key=lambda pr: (order[pr.passages[0]], pr.label))
    taken: set[str] = set()
    for pr in projects:
        slug = iris.slug(pr.label)
        pr.slug = slug if slug not in taken else f"{slug}-{pr.kind or 'project'}"
        taken.add(pr.slug)
    return projects


def kind_iri(base: str, kind: str) -> str:
    """The IRI of a kind of project."""
    return iris.thing(base, PROJECTSOORT, kind)


def project_iri(base: str, slug: str) -> str:
    """The IRI of a project."""
    return iris.thing(base, "project", slug)
