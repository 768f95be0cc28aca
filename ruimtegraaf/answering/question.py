"""Question analysis: what is asked (kind, expected answer type), about what (focus), under which conditions.

The result is a typed `Question`: its language, its `kind` (how the answer is composed), the `expected`
answer type (a sentence can only answer when it holds a value of that type), the `focus` terms with their
weights (what the value must be about), the `constraints` (years, months, meetings, documents, places, a
premise), and, for a question with two parts ("…, en waar?"), one `Question` per part.

Everything is decided by general patterns of Dutch and English questions and the corpus vocabulary; a
name the corpus does not know is `unknown`, which the answerer reports instead of guessing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ruimtegraaf.answering.anaphora import REFERS_BACK, resolved
from ruimtegraaf.answering.asking import (
    VALUE_NOUNS,
    QuestionKind,
    after_preamble,
    asked_party,
    asked_unit,
    asks_day,
    asks_end,
    asks_name,
    asks_period,
    expected_type,
    question_kind,
    question_language,
    quoted_phrases,
)
from ruimtegraaf.answering.events import NEGATIVE_PREMISE
from ruimtegraaf.answering.lists import asked_items
from ruimtegraaf.answering.sides import each_place, named_things, sides_differ, without_change_words
from ruimtegraaf.answering.terms import DOCUMENT_WORDS, question_terms
from ruimtegraaf.answering.texts import written
from ruimtegraaf.answering.values import ONE_VALUE, AnswerType
from ruimtegraaf.embed import fold
from ruimtegraaf.gazetteer import Named
from ruimtegraaf.glossary import translate, unread
from ruimtegraaf.index import tokens
from ruimtegraaf.lexicon import Lexicon, lexicon
from ruimtegraaf.months import MONTH_NUMBERS

if TYPE_CHECKING:
    from ruimtegraaf.dataset import Dataset


@dataclass(frozen=True)
class Constraints:
    """Conditions an answer must meet besides being about the focus."""

    years: tuple[int, ...] = ()
    months: tuple[tuple[int, int], ...] = ()  # (year, month) named together: "november 2024"
    meeting: str | None = None  # "BOL" or "BO MIRT" when the question speaks of a meeting
    decided: bool = False  # … and asks what it agreed, decided or produced
    documents: tuple[str, ...] = ()  # document kinds named: startpakket, kamerbrief, mirt-brief, …
    places: tuple[Named, ...] = ()  # provinces, landsdelen, municipalities, NOVEX areas named
    premise: tuple[str, ...] = ()  # terms of what a why-question takes for granted ("geschrapt")
    negative_premise: bool = False  # the premise is an event such as scrapping, refusing, cancelling
    document_year: bool = False  # the year must be the year of the document (one side of a comparison)
    days: tuple[str, ...] = ()  # dates named to the day ("30 juni 2025"), ISO
    outcome: bool = False  # asks what came of a moment: its conclusions, results, what was reported or decided


@dataclass
class Question:
    """A question as the answerer understands it."""

    text: str
    language: str
    kind: QuestionKind
    expected: AnswerType
    unit: str | None  # what a count counts ("woningen"); "day", "period" or "name": a date to the day, a span, a name
    terms: list[str]  # index terms of the question (typos corrected), question words removed
    focus: dict[str, float]  # focus terms → weight (idf): what the answer must be about
    entities: list[Named]
    constraints: Constraints
    unknown: list[str] = field(default_factory=list)  # names the corpus does not have at all
    expansion: str = ""  # Dutch words and names added for lexical search
    parts: list[Question] = field(default_factory=list)  # the parts of a two-part question
    item: AnswerType | None = None  # for a list: what its items are
    names: list[str] = field(default_factory=list)  # focus terms that come from names in the question
    # for a part: the whole question, whose embedding serves the part's dense search too (one model call per
    # question; the same scores on both dev halves as one call per part)
    whole: str = ""
    things: dict[str, list[str]] = field(default_factory=dict)  # IRI of a thing named → the terms naming it
    labels: frozenset[str] = frozenset()  # every label of the things named (folded): no answer to "which"
    quoted: list[str] = field(default_factory=list)  # phrases the question quotes (folded): the documents' own words
    count: int | None = None  # how many items a list question asks for ("welke zeven uitgangspunten")
    absent: list[str] = field(default_factory=list)  # its words (not names) the documents lack, as written
    lacking: list[str] = field(default_factory=list)  # … of them those that are not two corpus words joined either
    unread: list[str] = field(default_factory=list)  # English words (no names) no glossary gives Dutch for

    @property
    def wanted(self) -> AnswerType:
        """The type of value that answers: a list's items' type, else the expected type."""
        return self.item if self.expected == AnswerType.LIST and self.item else self.expected

    @property
    def key_term(self) -> str | None:
        """The focus term an answer cannot do without: the most telling name, else the most telling term."""
        pool = [t for t in self.names if t in self.focus] or list(self.focus)
        return max(pool, key=lambda t: self.focus[t]) if pool else None

    @property
    def years(self) -> list[int]:
        return list(self.constraints.years)

    @property
    def search_text(self) -> str:
        return f"{self.text} {self.expansion}".strip()

    @property
    def dense_text(self) -> str:
        """What dense search embeds: the question as asked; for a part, its own words, unless it refers back to
        the part before it ("welke daarvan", "regarding it"): then the whole question. An English one is followed
        by its glossary translation (English half A, fused top 3 0.94 -> 1.00; held out same). Parts' own words
        were chosen 6 Dec on half A (two-part answers right +1 on dev and probe half A, halves B unchanged)."""
        asked = self.whole if self.whole and REFERS_BACK.search(self.text) else self.text
        return f"{asked} {translate(asked, wide=True)[0]}" if self.language == "en" else asked


_YEAR = re.compile(r"\b(20[0-4]\d)\b")
MONTH_YEAR = re.compile(r"\b(" + "|".join(MONTH_NUMBERS) + r")\s+(?:van\s+)?(20[0-4]\d)\b", re.I)
_DAY_MONTH_YEAR = re.compile(r"\b([0-3]?\d)\s+(" + "|".join(MONTH_NUMBERS) + r")\s+(20[0-4]\d)\b", re.I)
_SEASON_YEAR = re.compile(r"\b(voorjaar|najaar|zomer|winter|spring|autumn|fall|summer)\s+(?:van\s+|of\s+)?"
                          r"(20[0-4]\d)\b", re.I)
_SEASON_MONTH = dict(voorjaar=4, spring=4, zomer=7, summer=7, najaar=10, autumn=10, fall=10, winter=1)

# "meeting" names the BO Leefomgeving ("the meeting with Drenthe"); "which meeting" asks for one and names none
MEETING_WORD = r"(?<!which )(?<!what )meeting"
_MEETING = re.compile(r"\b(?P<mirt>BO[’'`]?s?[\s-]+MIRT)\b|\bBO[\s-]+(?!Leefomgeving\b)(?P<other>(?-i:[A-Z])[\w-]+)|"
                      r"\b(?:BOL|BO[’'`]?s?[\s-]+Leefomgeving|Bestuurlijk\w*\s+"
                      rf"Overleg\w*(?:\s+Leefomgeving)?|{MEETING_WORD})\b", re.I)
_DECIDED = re.compile(r"\b(?:afgesproken|afspraken|besluit\w*|besloten|genomen|gemaakt|vastgesteld|toegevoegd|"
                      r"uitkomst\w*|resultaten|opgeleverd|agreed|decided|decisions?|agreements?|added|adopted|"
                      r"outcomes?|results?|what was|wat is er|welke|which)\b", re.I)
# what came of a moment: only a document written after it can report it ("Wat waren de conclusies van het
# symposium op 3 november 2025?" is not answered by a letter of June 2025 that announces the symposium)
_OUTCOME = re.compile(r"\b(?:conclusies?|uitkomsten?|resultaten|geconcludeerd|conclusions?|outcomes?|results?|"
                      r"(?:what|which)\b[^?]{0,80}?\bdid (?:[\w'’-]+ ){1,6}?(?:report|conclude|decide|present)|"
                      r"(?:wat|welke)\b[^?]{0,80}?\b(?:heeft|hebben)\b[^?]{0,80}?\b(?:gemeld|gerapporteerd|"
                      r"besloten|gepresenteerd)|"
                      # what a document delivered at that moment held: "welke keuzes bevatte X", "wat stond er in X"
                      r"(?:wat|welke)\b[^?]{0,60}?\b(?:bevatte|bevatten|stond(?:en)? (?:er )?in)|"
                      r"(?:what|which)\b[^?]{0,60}?\b(?:did (?:[\w'’-]+ ){1,6}?contain|contained))\b", re.I)
_DOCUMENTS = {
    "startpakket": r"startpakket|starter package|factsheet",
    "kamerbrief": r"kamerbrief|statenbrief|snn-brief|brief|letter",
    "mirt-brief": r"mirt-brief|mirt letter", "afsprakenlijst": r"afsprakenlijst|list of agreements",
    "ruimtelijk arrangement": r"ruimtelijk(?:e)? arrangement(?:en)?|spatial arrangement",
    "handreiking": r"handreiking|guide",
}
_DOCUMENT_RES = {kind: re.compile(rf"\b(?:{p})\b", re.I) for kind, p in _DOCUMENTS.items()}
_PART_SPLIT = re.compile(r",?\s+(?:en|and)\s+(?=(?:wat|welke?|wie|wanneer|waar\w*|hoeveel|hoe|what|which|who|"
                         r"when|where|how|why|from when|in welke|voor welke|met hoeveel)\b)|[;?]\s+(?=\w)|"
                         # ", and did the minister agree …", ", en hoort X daarbij?": a yes/no question after a comma
                         r",\s+and\s+(?=(?:did|does|do|is|are|was|were|has|have|will|would|can|could)\s+"
                         r"(?:the|a|an|it|they|there|this|these|that|extra|additional|more|any|enough)\b)|"
                         r",\s+en\s+(?=(?:is|zijn|was|waren|wordt|worden|werd|werden|heeft|hebben|hoort|horen|valt|"
                         r"vallen|kan|kunnen|gaat|gaan|komt|komen|staat|staan|zal|zullen|geldt|gelden)\s[^,]*\?\s*$)|"
                         # ", en verspreid over hoeveel locaties?": a question word a few words on, after a comma
                         r",\s+(?:en|and)\s+(?=(?:[\w-]+\s+){1,3}?(?:hoeveel|welke?|wie|wat|waar|wanneer|how many|"
                         r"how much|which|what|who|where|when)\b)", re.I)

_AND_WHY = re.compile(r",?\s+(?:and|en)\s+(why|waarom)\s*\?\s*$", re.I)  # a reason asked of the question before it


def analyse(text: str, ds: Dataset) -> Question:
    """Analyse a question against the dataset's vocabulary and the graph's names."""
    lex = lexicon(ds)
    q = _analyse(text, lex, ds)
    pieces = [p.strip(" ,") for p in _PART_SPLIT.split(text) if len(p.strip(" ,").split()) >= 2]
    dated = set(lex.year_of.values())  # years documents are of: "tot 2030" is a target, not a moment a side is of
    if len(pieces) < 2 and (why := _AND_WHY.search(text)):  # "…, whose involvement must it show, and why?"
        main = text[:why.start()].rstrip(" ,") + "?"
        pieces = [main, f"{why.group(1)} {main}"]  # the fact asked, then its reason
    if len(pieces) < 2:  # "X in the 2022 package compare with Y at the 2025 talks": a side each, with its own words
        pieces = _compared(text, dated) or pieces
    if len(pieces) >= 2:
        lead = _TOPIC.match(pieces[0])  # "Regio Zwolle: wat …, en wat …": the topic belongs to every part
        if lead:
            pieces = [pieces[0], *(f"{lead.group(1)}: {piece}" for piece in pieces[1:3])]
        parts = [_analyse(piece, lex, ds) for piece in pieces[:3]]
        q.parts = [_part(part, q, parts[:i], parts[i + 1:], lex, ds) for i, part in enumerate(parts)]
        first = q.parts[0]
        for part in q.parts[1:]:  # "…, en wat zegt de brief over de publicatie?": the first part's topic
            topic = {t: first.focus[t] for t in first.names if t in first.focus}
            if REFERS_BACK.search(part.text):  # "…, en met hoeveel provincies is dat gelukt?": all it spoke of
                topic.update({t: 0.5 * w for t, w in first.focus.items() if t not in topic})
            if part.names:  # "…, en wat vroeg de Tweede Kamer erover?": what it names itself is what it asks about
                topic = {t: 0.5 * w for t, w in topic.items()}
            else:
                part.names = [t for t in first.names if t in topic]
            part.focus.update({t: w for t, w in topic.items() if t not in part.focus})
            part.focus = resolved(part.focus, part.text, q.language, first.focus)  # "die strategieën"
            part.expansion = " ".join(dict.fromkeys([*part.expansion.split(), *topic]))
        if sides_differ([tuple(y for y in p.constraints.years if y in dated) for p in q.parts],
                        [p.constraints.documents for p in q.parts]):
            q.kind = QuestionKind.COMPARISON
            q.parts = [replace(part, focus=without_change_words(part.focus)) for part in q.parts]
    else:  # "in 2020 en in 2025": one side per year that documents are of
        moments = [y for y in q.constraints.years if y in dated]
        if len(moments) >= 2 and not _PERIOD.search(text):
            q.parts = [_year_side(q, year, lex, ds) for year in moments[:3]]
            q.kind = QuestionKind.COMPARISON
        elif q.expected in ONE_VALUE:  # "hoeveel woningen bouwen Flevoland en Overijssel": a value for each
            each = each_place(text, lex)
            if each:
                parts = [_analyse(piece, lex, ds) for piece in each]
                q.parts = [_part(part, q, parts[:i], parts[i + 1:], lex, ds) for i, part in enumerate(parts)]
    return q


_TOPIC = re.compile(r"^([^:?]{3,80}):\s+\S")
_COMPARED_WITH = re.compile(r"\s+(?:compared?s?|is compared) (?:with|to)\s+|\s+(?:vergeleken met|in vergelijking met|"
                            r"ten opzichte van)\s+", re.I)


def _compared(text: str, dated: set[int]) -> list[str]:
    """The two sides of a question that compares something of one year with something of another ("How does
    X in the 2022 package compare with Y at the 2025 talks?"), each in its own words; else nothing."""
    pieces = _COMPARED_WITH.split(text, maxsplit=1)
    if len(pieces) != 2 or any(len(p.split()) < 2 for p in pieces):
        return []
    years = [{int(y) for y in _YEAR.findall(p)} & dated for p in pieces]
    return pieces if all(years) and years[0] != years[1] else []


_PERIOD = re.compile(r"\b20\d\d\s*(?:-|–|t/m|tot en met|tot)\s*20\d\d\b")  # "2025-2030" is one period


def _year_side(q: Question, year: int, lex: Lexicon, ds: Dataset) -> Question:
    """One side of a question that compares years: the same question, about that year only."""
    dated = year in set(lex.year_of.values())  # else an earlier meeting reported in a later document
    side = replace(q, constraints=replace(q.constraints, years=(year,), months=(), document_year=dated), parts=[],
                   focus=without_change_words(q.focus),
                   kind=QuestionKind.FACT if q.kind == QuestionKind.COMPARISON else q.kind)
    return side


# "NOVEX Veluwe", "het Nationaal Programma Toerisme": a thing of a kind the graph lists completely, by name
_NAMED_OF_KIND = (
    ("NovexGebied", re.compile(r"\bnovex(?:[- ]?gebied| area| region)?\s+(?!(?:gebied|area|region|programm?a|"
                               r"deelgebied|verstedelijk|landelijk|haven|regio's)\w*\b)(?P<name>[A-Za-zÀ-ÿ][\w-]*)",
                               re.I)),
    ("NationaalProgramma", re.compile(r"\b(?:[Nn]ationaal\s+)?[Pp]rogramma\s+"
                                      r"(?P<name>[A-Z][\w-]*(?:\s+(?:en\s+|voor\s+)?[A-Z][\w-]*)*)")),
)


_GENERIC_NAME_WORDS = frozenset(tokens("nationaal programma novex gebied regio"))


def unknown_things(text: str, known: list[Named]) -> list[str]:
    """Names the question gives as a NOVEX area or a national programme that the graph does not have
    (the reference data lists every one of them); `known` are the graph's things.

    >>> unknown_things("novex veluwe: wat is er afgesproken", [Named("urn:x", "Regio Zwolle", "NovexGebied")])
    ['NOVEX Veluwe']
    >>> unknown_things("Wanneer was de conferentie Zuid-Limburg/NOVEX gepland?", [])
    []
    """
    out = []
    for kind, pattern in _NAMED_OF_KIND:
        m = pattern.search(text)
        if m is None or not tokens(m.group("name")):  # "NOVEX-gebied is …": no name follows
            continue
        name = m.group("name")
        if name[:1].islower() and any(c.isupper() for c in text[1:]):
            continue  # a question written with capitals writes a name with one: "Zuid-Limburg/NOVEX gepland?"
        words = set(tokens(name)) - _GENERIC_NAME_WORDS  # "en", "voor", "programma" tell no programme apart
        labels = [e.label for e in known if e.type == kind and e.label != "Programma NOVEX"]
        if words and not any(words <= set(tokens(label)) for label in labels):  # every word of one label's
            label = "NOVEX" if kind == "NovexGebied" else "programma"
            out.append(f"{label} {name[:1].upper()}{name[1:]}")
    return out


# lists of things say how many ("welke zeven …", "wie zijn de 5 …"); "wat spraken de twee provincies af" does not
_LISTED = (AnswerType.LIST, AnswerType.PERSON, AnswerType.ORGANISATION, AnswerType.PLACE)


def _analyse(text: str, lex: Lexicon, ds: Dataset) -> Question:
    language = question_language(text)
    terms, unknown, absent, lacking = question_terms(text, lex, english=language == "en")
    entities = lex.entities(text)
    # every label counts, not only the preferred one; a name the documents write is no unknown thing
    unnamed = [u for u in unknown_things(text, lex.labelled) if not written(ds, u)]
    unknown = [u for u in unknown if not any(set(tokens(u)) <= set(tokens(thing)) for thing in unnamed)] + unnamed
    expected = expected_type((asks := after_preamble(text)) or text)  # what a preamble says is not asked
    kind = question_kind(text, expected)
    item = None
    if kind == QuestionKind.LIST:
        item = expected if expected in (AnswerType.PERSON, AnswerType.ORGANISATION, AnswerType.PLACE) else None
        expected = AnswerType.LIST
    elif kind == QuestionKind.AGREEMENT and expected is None:
        expected = AnswerType.AGREEMENT
    elif kind == QuestionKind.WHY:
        expected = AnswerType.REASON
    elif kind in (QuestionKind.YES_NO, QuestionKind.JUDGEMENT):
        expected = AnswerType.YES_NO if kind == QuestionKind.YES_NO else AnswerType.STATEMENT
    expected = expected or AnswerType.STATEMENT
    unit = asked_unit(text, language) if expected == AnswerType.COUNT else None
    if expected in (AnswerType.ORGANISATION, AnswerType.PLACE) or item in (AnswerType.ORGANISATION, AnswerType.PLACE):
        unit = asked_party(text)  # "welke gemeente": a municipality, not a province
    if expected == AnswerType.DATE and asks_day(text):
        unit = "day"  # "op welke datum": a month or a season does not answer
    elif expected == AnswerType.DATE and asks_period(text):
        unit = "period"  # "over welke periode": a span of years (or a duration), not one moment
    elif expected == AnswerType.DATE and asks_end(text):
        unit = "end"  # "tot wanneer": the date something holds until ("tot juni 2026"), not when it began
    if expected == AnswerType.PERSON and asks_name(text):
        unit = "name"  # "hoe heet de minister": the office alone does not answer
    items = asked_items(text) if expected in _LISTED else None
    if items:  # "welke zeven …": how many, not a word to look for
        terms = [t for t in terms if t not in tokens(items[1])]
    constraints = _constraints(text, entities, terms, kind)
    focus = _focus(terms, lex, constraints, unit)
    things = named_things(text, lex)
    q = Question(text, language, kind, expected, unit, terms, focus, entities, constraints, unknown, item=item,
                 names=_subject_names(_name_terms(text, lex, things), things, entities), things=things,
                 labels=frozenset(" ".join(fold(label).replace("-", " ").split()) for e in entities
                                  for label in lex.labels.get(e.iri, [e.label])),
                 quoted=quoted_phrases(text), count=items[0] if items else None, absent=absent, lacking=lacking,
                 unread=[w for w in unread(text) if not set(tokens(w)) <= lex.df.keys()] if language == "en" else [])
    if asks is not None:  # "X did not adopt Y. What did it agree?": the rest is context
        asked = set(tokens(asks)) | set(q.names)
        # "Wij zitten namens de provincie aan tafel. Wat …?": who asks says nothing of what is asked (its names do)
        halved = {t: w * (1.0 if t in asked else 0.5) for t, w in q.focus.items()}
        kept = {t: w for t, w in halved.items() if t in asked} if _FIRST_PERSON.match(text) else halved
        q.focus = kept or halved  # never an empty focus, which ties to anything
    q.expansion = _expansion(q, lex, language)
    return q


_FIRST_PERSON = re.compile(r"\W*(?:ik|wij|we|i|mijn|onze|my|our)\b", re.I)


def _part(part: Question, whole: Question, earlier: list[Question], later: list[Question], lex: Lexicon,
          ds: Dataset) -> Question:
    """One part of a two-part question: its own type, constraints and terms, plus the terms of the whole
    question that stand in no other part (the topic said once: "Regio Zwolle: wat …, en wat …")."""
    others = earlier + later
    in_others = {t for other in others for t in other.terms}
    shared = {t: w for t, w in whole.focus.items() if t not in in_others}
    focus = {**shared, **part.focus}
    named_later = {e.iri for other in later for e in other.entities}
    entities = part.entities or [e for e in whole.entities if e.iri not in named_later]
    things = part.things or {iri: terms for iri, terms in whole.things.items() if iri not in named_later}
    constraints = part.constraints
    # the places of the whole, said once for all parts; not one a later part names ("How many … nationwide, and
    # according to the Drenthe arrangement …": Drenthe is the second part's; a later part does take the
    # place an earlier one names: "Wie vertegenwoordigde Drenthe …, en wie was delegatieleider?")
    elsewhere = {place for other in later for place in other.constraints.places}
    inherited = tuple(place for place in whole.constraints.places if place not in elsewhere)
    if not constraints.places and inherited:
        constraints = replace(constraints, places=inherited)
    part = replace(part, focus=focus, entities=entities, things=things, constraints=constraints,
                   terms=list(dict.fromkeys([*part.terms, *(t for t in whole.terms if t not in in_others)])),
                   language=whole.language, whole=whole.text)
    part.expansion = _expansion(part, lex, whole.language)
    return part


def _constraints(text: str, entities: list[Named], terms: list[str], kind: QuestionKind) -> Constraints:
    years = tuple(dict.fromkeys(int(y) for y in _YEAR.findall(text)))
    months = tuple((int(y), MONTH_NUMBERS[m.casefold()]) for m, y in MONTH_YEAR.findall(text))
    months += tuple((int(y), _SEASON_MONTH[s.casefold()]) for s, y in _SEASON_YEAR.findall(text))
    meeting = None
    found = _MEETING.search(text)
    if found:  # a meeting the question asks about: whether the documents report on it is checked later
        meeting = "BO MIRT" if found.group("mirt") else f"BO {found.group('other')}" if found.group("other") else "BOL"
    documents = tuple(kind_ for kind_, pattern in _DOCUMENT_RES.items() if pattern.search(text))
    places = tuple(e for e in entities if e.type in ("Provincie", "Landsdeel", "Gemeente", "NovexGebied"))
    premise: tuple[str, ...] = ()
    negative = False
    if kind == QuestionKind.WHY:
        negative = bool(NEGATIVE_PREMISE.search(text))
        premise = tuple(t for t in terms if t not in VALUE_NOUNS)
    days = tuple(f"{y}-{MONTH_NUMBERS[m.casefold()]:02d}-{int(d):02d}" for d, m, y in _DAY_MONTH_YEAR.findall(text))
    decided = bool(_DECIDED.search(text))
    return Constraints(years, months, meeting, decided, documents, places, premise, negative, days=days,
                       outcome=bool(_OUTCOME.search(text)))


_TIME_WORDS = frozenset(tokens(" ".join(MONTH_NUMBERS) + " voorjaar najaar zomer winter"))


def _focus(terms: list[str], lex: Lexicon, constraints: Constraints, unit: str | None) -> dict[str, float]:
    """The terms the answer must be about, weighted by how telling they are; type words, years, the
    documents named and the counted unit excluded (they are constraints or the value itself, which a
    sentence stating "88 gemeenten" need not repeat)."""
    skip = set(VALUE_NOUNS) | DOCUMENT_WORDS | _TIME_WORDS | {str(y) for y in constraints.years}
    if unit:
        skip |= set(tokens(unit))
    focus = {t: lex.idf_weight(t) for t in terms if t not in skip and not t.isdigit()}
    # the kind of document asked about ("in het ruimtelijk arrangement") is a constraint, checked on the
    # document; its words are what the answer is about only when nothing else is asked
    named_documents = set(tokens(" ".join(constraints.documents)))
    return {t: w for t, w in focus.items() if t not in named_documents} or focus


def _name_terms(text: str, lex: Lexicon, things: dict[str, list[str]]) -> list[str]:
    """Index terms of the names a question uses: capitalised words past its start and words with inner
    capitals, not adjectives of places ("Drentse") nor words as common as "Rijk" or "Regio"; and the terms
    of the graph's things it names however it writes them ("waarom is de nedersaksenlijn …")."""
    words = re.findall(r"(?<![.?!:]\s)(?<!^)\b[A-Z][\w-]+|\b[A-Z][a-z]+[A-Z][\w-]*|\b[A-Z]{2,}[\w-]*", text)
    words = [w for w in words if not re.fullmatch(r"[A-Z][a-zà-ÿ]+(?:se|sche)", w)]
    found = [lex.correct(t) or lex.completed(t) or t for w in words for t in tokens(w)]
    found += [t for terms in things.values() for t in terms]
    return [t for t in dict.fromkeys(found) if lex.idf_weight(t) >= COMMON_NAME_IDF and t not in _NOT_NAMES]


# capitalised, but constraints rather than what the answer is about: months, meetings, document kinds
_NOT_NAMES = _TIME_WORDS | frozenset(tokens("bol bo mirt leefomgeving bestuurlijk bestuurlijke overleg overleggen"))


COMMON_NAME_IDF = 2.0  # "Rijk", "Regio", "NOVEX", "Provincie" (idf ≈ 1.0-1.4) name nothing in particular


ACTORS = ("Ministerie",)  # who acts ("wanneer wilde de minister van VRO …") rather than what it is about


def _subject_names(names: list[str], things: dict[str, list[str]], entities: list[Named]) -> list[str]:
    """The names the answer must be about: without the ministries that act in the question, when it names
    something else too ("… de minister van VRO … de ontwerp-Nota Ruimte …")."""
    actor_iris = {e.iri for e in entities if e.type in ACTORS}
    actor_terms = {t for iri, terms in things.items() if iri in actor_iris for t in terms}
    subject = [t for t in names if t not in actor_terms]
    return subject or names




def _expansion(q: Question, lex: Lexicon, language: str) -> str:
    """The Dutch names of what the question names, the parts of compound words, corrected spellings."""
    extra = [translate(q.text, wide=True)[0]] if language == "en" else []
    if q.expected == AnswerType.DURATION or q.unit == "end":  # "how long may it take", "until when does it hold":
        extra.append("looptijd duur")  # the documents say how long by "looptijd"
    extra += [part for t in q.terms for part in lex.split_compound(t)]
    extra += [t for t in q.terms if t not in tokens(q.text)]
    for e in q.entities:
        extra.append(e.label)
        if language == "en":
            extra.extend(lex.labels.get(e.iri, [])[:3])
    return " ".join(dict.fromkeys(extra))
