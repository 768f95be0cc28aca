"""Agreements of the afsprakenlijst: one record per ❖ bullet, with its parties, money, quantities and deadlines.

The segmenter gives each bullet (with its "o" sub-bullets) as one passage of kind "afspraak", or as
several parts sharing a `group`; the heading path names the regio, the numbered topic and an
optional sub-heading. This module reads those passages and nothing else, so it works the same on
every regio of the list.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TypeVar

from ingest.agreement_kinds import classify
from ontology import preferred_names
from ruimtegraaf.amounts import Amount, Deadline, Quantity, find_amounts, find_deadlines, find_quantities
from ruimtegraaf.iris import slug
from ruimtegraaf.model import Passage

_Span = TypeVar("_Span", Amount, Quantity, Deadline)
_Item = TypeVar("_Item")

PROVINCES = preferred_names("Provincie")  # the reference data's Dutch names
ALIASES = {"Friesland": "Fryslân"}  # another name the documents use for a province


@dataclass(frozen=True)
class Mention:
    """Something an agreement is about, as the text names it: kind is novex_area, programme or mirt_project."""

    kind: str
    text: str


@dataclass(frozen=True)
class Afspraak:
    """One agreement (❖ bullet) of a BO Leefomgeving, with the source span it is cited by."""

    ref: str
    regio: str
    regio_heading: str
    topic_number: int
    topic_title: str
    sub_heading: str | None
    province_context: str | None
    lead_in: str | None
    text: str
    document: str
    start: int
    end: int
    passage_ids: tuple[str, ...]
    parties: tuple[str, ...]
    amounts: tuple[Amount, ...]
    quantities: tuple[Quantity, ...]
    deadlines: tuple[Deadline, ...]
    kind: str
    mentions: tuple[Mention, ...] = ()

    def mentioned(self, kind: str) -> str | None:
        """The first mention of one kind (novex_area, programme, mirt_project), or None."""
        return next((m.text for m in self.mentions if m.kind == kind), None)


@dataclass
class _Topic:
    """What carries over between the bullets of one topic: their count and a defined "partijen"."""

    key: tuple[str, int, str] = ("", 0, "")
    count: int = 0
    defined: list[str] = field(default_factory=list)


def extract_afspraken(passages: Sequence[Passage], *, year: int = 2025) -> list[Afspraak]:
    """The agreements in the passages of an afsprakenlijst, in document order, one per ❖ bullet.

    Passages of other kinds are skipped, except the tail of a bullet the segmenter cut short.

    >>> p = Passage("p1", "000.txt", 10, 64, "❖ Rijk en Regio stellen elk €88,56 miljoen beschikbaar.",
    ...             heading_path=("Regio Noord-Nederland", "7 MIRT-onderzoek Westflank Groningen"),
    ...             kind="afspraak")
    >>> a = extract_afspraken([p])[0]
    >>> a.ref, a.parties, [x.value_eur for x in a.amounts], a.kind
    ('2025-noord-nederland-07-01', ('Rijk', 'Regio Noord-Nederland'), [Decimal('88560000')], 'financiele-afspraak')
    """
    out: list[Afspraak] = []
    topic = _Topic()
    for parts in _bullets(passages):
        regio_heading, number, title, sub = _headings(parts[0].heading_path)
        if topic.key != (regio_heading, number, title):
            topic = _Topic(key=(regio_heading, number, title))
        topic.count += 1
        out.append(_afspraak(parts, year, regio_heading, number, title, sub, topic))
    return out


def _bullets(passages: Sequence[Passage]) -> list[list[Passage]]:
    """Agreement passages grouped per bullet: the parts of one split bullet share a `group`.

    A bullet the segmenter ended too early (its text stops mid-sentence, or "o" sub-bullets follow
    as separate passages under the same heading) takes those passages back; a lead-in line that
    was really part of such a bullet is not passed on to the bullets after it.
    """
    bullets: list[list[Passage]] = []
    swallowed = ""
    for i, p in enumerate(passages):
        if p.kind != "afspraak":
            continue
        if p.lead_in and _flat(p.lead_in) in swallowed:
            p = replace(p, lead_in=None)
        if p.group is not None:
            if bullets and bullets[-1][0].group == p.group:
                bullets[-1].append(p)
            else:
                bullets.append([p])
            continue
        tail = _continuation(passages, i)
        swallowed = _flat(" ".join(passages[k].text for k in tail))
        bullets.append([p, *(passages[k] for k in tail)])
    return bullets


def _continuation(passages: Sequence[Passage], i: int) -> list[int]:
    """Indexes of the non-agreement passages after passages[i] that still belong to its bullet."""
    first, out = passages[i], []
    text = _flat(first.text)
    for k in range(i + 1, len(passages)):
        p = passages[k]
        if p.kind not in ("bullet", "paragraph") or p.heading_path != first.heading_path:
            break
        nxt = passages[k + 1] if k + 1 < len(passages) else None
        if nxt is not None and nxt.kind == "afspraak" and nxt.lead_in and _flat(nxt.lead_in) == _flat(p.text):
            break  # the lead-in line of the next bullet
        lead = _flat(p.lead_in or "")
        if not (_SUB_BULLET.match(p.text.strip()) or not _ENDS_SENTENCE.search(text) or (lead and lead in text)):
            break
        out.append(k)
        text = f"{text} {_flat(p.text)}"
    return out


def _flat(text: str) -> str:
    return " ".join(text.split())


_ENDS_SENTENCE = re.compile(r"[.!?][\"'’”)]*$")


_REGIO_HEADING = re.compile(r"^Regio\s+\S+-Nederland$")
_TOPIC_HEADING = re.compile(r"^(\d+)\s+(.+)$")


def _headings(path: tuple[str, ...]) -> tuple[str, int, str, str | None]:
    """(regio heading, topic number, topic title, sub-heading) from a passage's heading path."""
    path = tuple(" ".join(h.split()) for h in path)
    i = next((k for k, h in enumerate(path) if _REGIO_HEADING.match(h)), 0)
    rest = path[i + 1:] if path else ()
    regio_heading = path[i] if path else ""
    number, title = 0, rest[0] if rest else ""
    m = _TOPIC_HEADING.match(title)
    if m:
        number, title = int(m.group(1)), m.group(2)
    sub = rest[1].rstrip(": ") if len(rest) > 1 else None
    return regio_heading, number, title, sub or None


def _afspraak(parts: list[Passage], year: int, regio_heading: str, number: int, title: str,
              sub: str | None, topic: _Topic) -> Afspraak:
    regio = regio_heading.removeprefix("Regio ").strip()
    province = _province(sub) if sub else None
    text = agreement_text("\n".join(p.text for p in parts))
    lead_in = " ".join(parts[0].lead_in.split()) if parts[0].lead_in else None
    context = _Context(regio_heading, province, title)
    amounts = tuple(_shifted(find_amounts(p.text), p.start) for p in parts)
    return Afspraak(
        ref=f"{year}-{slug(regio)}-{number:02d}-{topic.count:02d}",
        regio=regio, regio_heading=regio_heading, topic_number=number, topic_title=title,
        sub_heading=None if province else sub, province_context=province, lead_in=lead_in, text=text,
        document=parts[0].document, start=parts[0].start, end=parts[-1].end,
        passage_ids=tuple(p.id for p in parts),
        parties=tuple(_parties(text, lead_in, context, topic)),
        amounts=tuple(a for group in amounts for a in group),
        quantities=tuple(q for p in parts for q in _shifted(find_quantities(p.text), p.start)),
        deadlines=tuple(d for p in parts for d in _shifted(find_deadlines(p.text), p.start)),
        kind=classify(text, has_amounts=any(amounts)),
        mentions=tuple(_mentions(text, title, sub)),
    )


def _shifted(items: list[_Span], offset: int) -> list[_Span]:
    """Spans found in a passage's text moved to offsets in the whole file."""
    return [replace(x, start=x.start + offset, end=x.end + offset) for x in items]


def _province(heading: str) -> str | None:
    name = heading.rstrip(": ").strip()
    return ALIASES.get(name) or (name if name in PROVINCES else None)


# --- text ------------------------------------------------------------------------------------

_SUB_BULLET = re.compile(r"^o\s+")


def agreement_text(raw: str) -> str:
    """The agreement as one line: marks removed, broken words rejoined, sub-bullets joined with "; ".

    >>> agreement_text("❖ Rijk en Provincie Zuid-\\n\\nHolland spreken af:\\n o eerst dit;\\n o dan dat")
    'Rijk en Provincie Zuid-Holland spreken af:; eerst dit; dan dat'
    """
    items: list[list[str]] = [[]]
    for line in raw.splitlines():
        s = line.strip()
        if not s:
            continue
        if s.startswith("❖"):
            s = s[1:].strip()
        elif _SUB_BULLET.match(s):
            items.append([])
            s = s[1:].strip()
        items[-1].append(s)
    texts = [_join_lines(lines) for lines in items if lines]
    out = texts[0] if texts else ""
    for t in texts[1:]:
        out += (" " if out.endswith(";") else "; ") + t
    return out


def _join_lines(lines: list[str]) -> str:
    out = ""
    for line in lines:
        broken = len(out) > 1 and out.endswith("-") and out[-2].isalpha()
        if broken and line.split()[0] not in ("en", "of", "tot"):
            out += line
        else:
            out = f"{out} {line}" if out else line
    return " ".join(out.split())


# --- parties ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Context:
    regio_heading: str
    province: str | None
    title: str

    def defaults(self) -> list[str]:
        """The parties of a bullet that names none: the BO's own, Rijk and the regio (or province)."""
        return ["Rijk", f"Provincie {self.province}" if self.province else self.regio_heading]


_PROV = rf"(?:{'|'.join(re.escape(name) for name in (*PROVINCES, *ALIASES))})(?![\w-])"
_NAME = r"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*"
_WE, _PARTIJEN = "\x00we", "\x00partijen"
_OTHERS = re.compile(r"^(?:Bestuurlijk Platform|Coördinatiebureau|Havenbedrijf|ProRail|Rijkswaterstaat|Vlaamse)")
_FREE_BEFORE = {"de", "het", "en", "met", "door", "aan", "tussen", "dat", "om", "van", "voor", "bij", "als",
                "zowel", "ook", "of", "waarin", "waarbij", "zodat", "hebben", "heeft"}
_FUNCTION_WORDS = {"Het", "De", "Een", "Dit", "Deze", "Dat", "Rijk", "Regio", "Provincie", "Partijen",
                   "Gemeente", "Ook", "Tevens", "Daarnaast", "Zij", "Ze", "Wij", "We", "Er", "Hier"}

# (pattern, how to name the party, whether the name must stand free: after "de", a comma, …)
_PARTY_PATTERNS: tuple[tuple[re.Pattern[str], str, bool], ...] = (
    (re.compile(r"(?<![\w-])[Rr]ijk en [Rr]egio(?![\w’'-])(?!\s+[A-Z])"), "rijk+regio", False),
    (re.compile(r"\bNederlandse\s+en\s+Vlaamse\s+regeringen\b"), "rijk+vlaanderen", False),
    (re.compile(r"\bNederlandse\s+regering\b"), "Rijk", False),
    (re.compile(r"(?<![\w-])(?<!Arrangement )Rijk(?![\w-])"), "Rijk", False),
    (re.compile(rf"(?<![\w-])Regio\s+(?P<name>{_NAME})"), "Regio {name}", True),
    (re.compile(r"(?<![\w-])Regio(?![\w’'-])(?!\s+[A-Z])"), "regio", False),
    (re.compile(r"\bregionale\s+(?:partijen|partners|overheden)\b"), "regio", False),
    (re.compile(rf"\bProvincies\s+(?P<a>{_PROV})\s+en\s+(?P<b>{_PROV})"), "provincies", False),
    (re.compile(rf"\b[Pp]rovincie\s+(?P<name>{_PROV})"), "Provincie {name}", True),
    (re.compile(rf"\bProvincie\b(?!\s+{_PROV})(?![/\w])"), "provincie", False),
    (re.compile(r"\b[Gg]emeenten\s+(?P<list>[A-Z][\w-]+(?:,\s*[A-Z][\w-]+)*\s+en\s+[A-Z][\w-]+)"), "gemeenten", True),
    (re.compile(r"\b[Gg]emeente\s+(?P<name>[A-Z][\w-]+)"), "Gemeente {name}", True),
    (re.compile(r"\bF4\b"), "F4", False),
    (re.compile(r"\b(?:Rijkswaterstaat|RWS)\b"), "Rijkswaterstaat", False),
    (re.compile(r"\bProRail\b"), "ProRail", False),
    (re.compile(r"\b(?P<name>MRE|MRU|SNN|IPO|VNG|UvW)\b"), "{name}", True),
    (re.compile(r"\b[Mm]inisterie\s+(?:van\s+)?(?P<name>[A-Z][\w&]+)"), "Ministerie van {name}", True),
    (re.compile(r"\b[Hh]avenbedrijf\s+(?P<name>Rotterdam|NSP|North Sea Port|Moerdijk|Amsterdam)\b"),
     "Havenbedrijf {name}", False),
    (re.compile(r"\bVlaamse\s+(?:\([^)]*\)\s+)?(?:overheid|regering)\b"), "Vlaamse overheid", False),
    (re.compile(rf"\b(?P<name>(?:Bestuurlijk Platform|Coördinatiebureau)\s+{_NAME})"), "{name}", False),
    (re.compile(r"(?<![\w-])(?:[Ww]e|onze)(?![\w-])"), _WE, False),
    (re.compile(r"(?<![\w-])[Pp]artijen(?![\w-])"), _PARTIJEN, False),
)
_DESIGNATED = re.compile(r"[^.;]{0,40}?(?:aan\s+te\s+wijzen|\btot\s+(?:een\s+)?gemeente)")
# a subject list that opens a bullet: "Rijk, Noord-Brabant en Limburg spreken af"
_SUBJECT_LIST = re.compile(r"^(?:(?:[Hh]et |[Dd]e )?[A-Z][\w-]*(?: [A-Z][\w-]*)*(?:,\s*|\s+en\s+))+"
                           r"(?:[Hh]et |[Dd]e )?[A-Z][\w-]*(?: [A-Z][\w-]*)*(?=\s+[a-z])")
_OPENING = 25  # a party first named after this many characters is an object, not the subject
_CITY_SUBJECT = re.compile(r"^(?P<name>[A-Z][a-z]+)\s+(?:zegt|stelt|realiseert|besluit|werkt|levert|draagt)\b")


def _parties(text: str, lead_in: str | None, ctx: _Context, topic: _Topic) -> list[str]:
    """The parties of one bullet as the gold convention names them, in order of mention.

    A lead-in line supplies its parties first; a "(partijen)" list holds for the rest of the topic;
    a bullet that names none of the BO's own parties gets the defaults (Rijk and the regio).
    """
    lead = _resolve(_scan(lead_in, ctx), ctx, topic) if lead_in else []
    found = _scan(text, ctx)
    names = _resolve(found, ctx, topic)
    cut = text.find("(partijen)")
    if cut >= 0:
        topic.defined = _unique(_resolve([f for f in found if f[0] < cut], ctx, topic))
    only_object = len(set(names)) == 1 and found and found[0][0] > _OPENING
    if not lead and (all(_OTHERS.match(n) for n in names) or only_object):
        names = (topic.defined or ctx.defaults()) + names
    return _unique(lead + names)


def _scan(text: str, ctx: _Context) -> list[tuple[int, str]]:
    """Every party mention in `text` as (offset, name); sentinels mark "we" and "partijen"."""
    hits: list[tuple[int, int, list[str]]] = []
    for pattern, how, must_be_free in _PARTY_PATTERNS:
        for m in pattern.finditer(text):
            if must_be_free and not _stands_free(text, m.start()):
                continue
            names = _names(how, m, text, ctx)
            if names:
                hits.append((m.start(), m.end(), names))
    city = _CITY_SUBJECT.match(text)
    if city and city.group("name") not in _FUNCTION_WORDS and city.group("name") not in PROVINCES:
        hits.append((0, city.end("name"), [f"Gemeente {city.group('name')}"]))
    subject = _SUBJECT_LIST.match(text)
    if subject:
        hits += [(m.start(), m.end(), [f"Provincie {_canon(m.group(0))}"])
                 for m in re.finditer(_PROV, subject.group(0))]
    hits.sort(key=lambda h: (h[0], -h[1]))
    out: list[tuple[int, str]] = []
    reach = -1
    for start, end, names in hits:
        if start < reach:
            continue
        reach = end
        out.extend((start, n) for n in names)
    return out


def _names(how: str, m: re.Match[str], text: str, ctx: _Context) -> list[str]:
    if how == "rijk+regio":
        return ["Rijk", ctx.regio_heading]
    if how == "rijk+vlaanderen":
        return ["Rijk", "Vlaamse overheid"]
    if how == "regio":
        return [ctx.regio_heading]
    if how == "provincies":
        return [f"Provincie {_canon(m.group('a'))}", f"Provincie {_canon(m.group('b'))}"]
    if how == "provincie":
        named = ctx.province or _single_province(text) or _single_province(ctx.title)
        return [f"Provincie {named}"] if named else []
    if how == "gemeenten":
        if _designated(text, m):
            return []
        return [f"Gemeente {n}" for n in re.split(r",\s*|\s+en\s+", m.group("list"))]
    if how.startswith("Gemeente") and _designated(text, m):
        return []
    if how == "Regio {name}" and f"Regio {m.group('name')}" == ctx.regio_heading:
        return [ctx.regio_heading]
    if "{name}" in how:
        name = m.group("name")
        name = {"NSP": "North Sea Port"}.get(name, name)
        return [how.format(name=_canon(name))]
    return [how]


def _resolve(found: list[tuple[int, str]], ctx: _Context, topic: _Topic) -> list[str]:
    out: list[str] = []
    for _, name in found:
        if name == _WE:
            out.extend(ctx.defaults())
        elif name == _PARTIJEN:
            out.extend(topic.defined)
        else:
            out.append(name)
    return out


def _stands_free(text: str, start: int) -> bool:
    """Whether a name at `start` is a party, not part of a title ("Omgevingsvisie Provincie Utrecht")."""
    before = text[:start].rstrip()
    if not before or before[-1] in ",;:(.":
        return True
    return before.split()[-1].lower() in _FREE_BEFORE


def _designated(text: str, m: re.Match[str]) -> bool:
    """Whether a gemeente is designated (benoemd, aangewezen) rather than acting as a party."""
    before = text[max(0, m.start() - 15):m.start()]
    return "benoemt" in before or bool(_DESIGNATED.match(text, m.end()))


def _canon(name: str) -> str:
    return ALIASES.get(name, name)


def _single_province(text: str) -> str | None:
    names = {_canon(n) for n in re.findall(_PROV, text)}
    return names.pop() if len(names) == 1 else None


def _unique(names: Iterable[_Item]) -> list[_Item]:
    return list(dict.fromkeys(names))


# --- mentions --------------------------------------------------------------------------------

_NOVEX_TITLE = re.compile(r"^NOVEX[- ]gebied\s+(?P<name>[^:]+?)\s*(?::|$)")
_NOVEX_NAMES = (
    r"Noordzeekanaalgebied|NZKG|Regio Schiphol|Metropoolregio Amsterdam|MRA|Zuidelijke Randstad|"
    r"Rotterdamse [Hh]aven|(?:Het )?Groene Hart|Utrecht\s*[-–]\s*Amersfoort|"
    r"Arnhem\s*[-–]?\s*Nijmegen\s*[-–]?\s*Foodvalley|ANF|North Sea Port District|NSPD|Stedelijk Brabant|"
    r"De Peel|Zuid[- ]Limburg|Regio Zwolle|Groningen \| Masterplan Zeehavens|Regio Groningen\s*[-–]?\s*Assen|"
    r"RGA|Lelylijn")
_NOVEX_TEXT = re.compile(rf"\bNOVEX(?:[- ]gebied)?[- ](?P<name>{_NOVEX_NAMES})(?![\w-])")
_PROGRAMME = re.compile(
    r"\bNationaa?le?\s+Programma\s+(?P<full>[A-Z][\w’'-]*(?:\s+(?:[A-Z][\w’'-]*|voor|en))*)"
    r"(?:\s*\((?P<abbr>[A-Z]{3,6})\))?"
    r"|\b(?P<delta>Deltaprogramma(?:\s+deelgebied)?(?:\s+[A-Z]\w*)*)"
    r"|\b(?P<named>Programma\s+[A-Z]\w*(?:\s+(?:en|voor|op)\s+[A-Z]\w*|\s+[A-Z]\w*)*)")
_WOMO = re.compile(r"[Ww]oningbouw(?:-)? en [Mm]obiliteit|Woningbouwimpuls|\bWoKT\b|[Gg]ebiedsbudget"
                   r"|^Financieel instrumentarium ten behoeve van woningbouw")
_MIRT = re.compile(r"\bMIRT-(?:onderzoek|verkenning)\s+(?P<name>(?:[A-Z0-9][\w/&-]*|&)(?:\s+(?:[A-Z0-9][\w/&-]*|&))*)")
_MIRT_NAMED = ("Poort van Hoorn", "OV-knoop Haarlem Nieuw-Zuid", "HOV4")


def _mentions(text: str, title: str, sub: str | None) -> list[Mention]:
    """NOVEX areas, national programmes and MIRT projects the topic title, sub-heading or text names."""
    out: list[Mention] = []
    m = _NOVEX_TITLE.match(title)
    if m:
        out.append(Mention("novex_area", m.group("name")))
    out += [Mention("novex_area", x.group("name")) for x in _NOVEX_TEXT.finditer(text)]
    for source in (title, text):
        if _WOMO.search(source):
            out.append(Mention("programme", "Programma Woningbouw en Mobiliteit"))
        for x in _PROGRAMME.finditer(source):
            name = x.group("abbr") or (f"Nationaal Programma {x.group('full')}" if x.group("full") else None)
            out.append(Mention("programme", name or x.group("delta") or x.group("named")))
    for heading in (title, sub or ""):
        mirt = re.search(r"MIRT-\S.*$", heading)
        if mirt or heading in _MIRT_NAMED:
            out.append(Mention("mirt_project", mirt.group(0) if mirt else heading))
    out += [Mention("mirt_project", x.group(0)) for x in _MIRT.finditer(text)]
    return _unique(out)
