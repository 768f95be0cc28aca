"""Question understanding: language, kind of question, the terms that matter, the entities and years named.

Entities are recognised through the labels and alternative labels of the graph's reference data
(abbreviations, spelling variants, English labels), so "RGA", "Regio Groningen-Assen" and "Groningen –
Assen" find the same NOVEX area. The search query is expanded with the Dutch names of what the
question names (which lets an English question reach Dutch text), passages that name a recognised
entity are boosted, and so are passages from documents of a year the question asks about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ruimtegraaf.gazetteer import Named
from ruimtegraaf.glossary import EN_NL, translate
from ruimtegraaf.index import tokens
from ruimtegraaf.lexicon import Lexicon, lexicon

if TYPE_CHECKING:
    from ruimtegraaf.dataset import Dataset

_EN = frozenset("what which who whom whose when where how why did does do is are was were the of for and "
                "according document documents agreed agreement province region area with about from between "
                "has have been".split())
_EN_FIRST = frozenset("what which who whom whose when where how why did does do according".split())
_NL = frozenset("wat welke wie wanneer waar hoe waarom is zijn was werd de het een van voor en met over "
                "hoeveel afgesproken".split())
_NUMBER_Q = re.compile(r"\b(hoeveel|hoe groot|hoe veel|welke? bedrag(en)?|hoe hoog|how much|how many|"
                       r"welke \w*capaciteit|what (?:\w+ ){0,3}amounts?)\b", re.I)
_WHO_Q = re.compile(r"\b(wie|who|welke partijen|welke ministeries|welke overheden|trekkers?)\b", re.I)
_WHEN_Q = re.compile(r"\b(wanneer|when|per wanneer|tot wanneer)\b", re.I)
_AGREE_Q = re.compile(r"\b(afgesproken|afspraak|afspraken|spraken|spreken|agreed|agreement|afgesproken)\b", re.I)
_LIST_Q = re.compile(r"\b(welke|noem|which|what are|in welke)\b", re.I)
_YEAR = re.compile(r"\b(20[0-4]\d)\b")
YEAR_BOOST = 1.2  # a document of a year the question names
# "spreken af dat", "is afgesproken om", "zijn overeengekomen"; not a reference back ("zoals afgesproken op …")
_AGREEMENT_SENTENCE = re.compile(r"\b(?:spreken|spraken|spreekt)\b(?:\s+[\w-]+){0,4}\s+af\b|"
                                 r"\b(?:afgesproken|overeengekomen)\s+(?:dat|om)\b|"
                                 r"\bkomen\b(?:\s+[\w-]+){0,3}\s+overeen\b", re.I)
_UNITS = ("woningen", "arbeidsplaatsen", "hectare", "ha", "projecten", "miljoen", "miljard", "euro", "geld",
          "bedrag", "m3/s")
# question words carry no evidence; they must not count as missing from a passage
_QUESTION_WORDS = frozenset(tokens(
    "wat welk welke wie wanneer waar hoe hoeveel waarom volgens noemt noemde genoemd worden wordt werd gaan gaat per "
    "spraken spreken spreekt af afgesproken afspraak afspraken maakt maken gemaakt heeft hebben had zijn "
    "staat staan daar daarover erover"))
_UNIT_Q = re.compile(r"\b(?:hoeveel|how many)\s+(?:extra\s+|nieuwe\s+)?(\w+)", re.I)
_MONEY_WORDS = frozenset("geld euro bedrag budget middelen rijksgeld miljoen miljard money".split())


@dataclass
class Question:
    """A question as the answerer sees it."""

    text: str
    language: str
    kind: str
    terms: list[str]  # index terms of the question (typos corrected), question words removed
    unknown: list[str]  # specific terms the corpus does not have at all
    years: list[int]
    entities: list[Named] = field(default_factory=list)
    expansion: str = ""
    unit: str | None = None
    boosts: dict[str, float] = field(default_factory=dict)

    @property
    def needs_number(self) -> bool:
        return self.kind == "number"

    @property
    def search_text(self) -> str:
        return f"{self.text} {self.expansion}".strip()

    def shape_bonus(self, sentence: str) -> float:
        """A small bonus for sentences of the shape the question asks for (a number, a year)."""
        bonus = 0.0
        if self.needs_number and re.search(r"\d", sentence):
            bonus += 0.1
        if self.years and any(str(y) in sentence for y in self.years):
            bonus += 0.05
        return bonus


def states_agreement(sentence: str) -> bool:
    """True for a sentence that says what parties agreed ("Rijk en Regio spreken af dat …").

    >>> states_agreement("Rijk en Regio spreken af dat de gemeente een voorstel indient.")
    True
    >>> states_agreement("Zoals afgesproken op het BO MIRT is gezocht naar oplossingen.")
    False
    """
    return bool(_AGREEMENT_SENTENCE.search(sentence))


def question_language(question: str) -> str:
    """"en" or "nl": an English question word first decides (the names it asks about may be Dutch),
    else the more common of the two languages' small words.

    >>> question_language("What was agreed with Zeeland about de Investeringsagenda voor de Kustvisie?")
    'en'
    >>> question_language("Wat is er met Drenthe afgesproken over de Nedersaksenlijn?")
    'nl'
    """
    words = re.findall(r"\w+", question.casefold())
    if words and words[0] in _EN_FIRST:
        return "en"
    found = set(words)
    return "en" if len(found & _EN) > len(found & _NL) else "nl"


def understand(question: str, ds: Dataset) -> Question:
    """Analyse a question against the dataset's vocabulary and the graph's names."""
    lex = lexicon(ds)
    language = question_language(question)
    terms, unknown = _terms(question, lex, english=language == "en")
    entities = lex.entities(question)
    years = [int(y) for y in _YEAR.findall(question)]
    q = Question(question, language, _kind(question), terms, unknown, years, entities)
    q.expansion = _expansion(q, lex, language)
    q.unit = asked_unit(question, lex.units) if q.kind == "number" else None
    q.boosts = _boosts(q, ds, lex)
    return q


def _terms(question: str, lex: Lexicon, *, english: bool) -> tuple[list[str], list[str]]:
    """Index terms, misspellings corrected against the corpus; capitalised Dutch words the corpus lacks."""
    capitalised = {t for w in re.findall(r"\b[A-Z][\w-]+", question) for t in tokens(w)}
    if english:  # Dutch words for the English ones we know, names as written; other English words carry nothing
        dutch, _ = translate(question)
        names = " ".join(w for w in re.findall(r"\b[A-Z][\w-]+|\d[\d.,]*", question)
                         if w.casefold() not in EN_NL and w.casefold() not in _EN)  # "Who", "The" are no names
        source = f"{dutch} {names}"
    else:
        source = question
    terms, unknown = [], []
    for t in dict.fromkeys(tokens(source)):
        if t in _QUESTION_WORDS:
            continue
        fixed = lex.correct(t)
        if fixed is None:
            if t in capitalised and not t[:1].isdigit() and not english:
                unknown.append(t)
            continue
        terms.append(fixed)
    return terms, unknown


def asked_unit(question: str, units: set[str] | frozenset[str] = frozenset({"woningen"})) -> str | None:
    """What a how-many question counts ("woningen", "hectare"), "money" for amounts, else None.

    `units` are the words the corpus writes after numbers; "Hoeveel stellen …" counts nothing.

    >>> asked_unit("Hoeveel woningen passen er?"), asked_unit("Hoeveel geld maakt het kabinet vrij?")
    ('woningen', 'money')
    >>> asked_unit("Hoeveel stellen Rijk en Regio beschikbaar?") is None
    True
    """
    if re.search(r"\b(hoeveel geld|welke? bedrag(en)?|hoeveel rijksgeld|how much money|amounts?)\b", question, re.I):
        return "money"
    m = _UNIT_Q.search(question)
    if not m:
        return None
    word = m.group(1).casefold()
    if word in _MONEY_WORDS:
        return "money"
    return word if word in units else None


def _expansion(q: Question, lex: Lexicon, language: str) -> str:
    """The Dutch names of what the question names, the parts of compound words, corrected spellings."""
    extra = [translate(q.text)[0]] if language == "en" else []
    extra += [part for t in q.terms for part in lex.split_compound(t)]
    extra += [t for t in q.terms if t not in tokens(q.text)]
    for e in q.entities:
        extra.append(e.label)
        if language == "en":
            extra.extend(lex.labels.get(e.iri, [])[:3])
    return " ".join(dict.fromkeys(extra))


def boosts_for_years(q: Question, ds: Dataset, years: list[int]) -> dict[str, float]:
    """The question's boosts with only `years` favoured: to search one side of a question that compares years."""
    return _boosts(q, ds, lexicon(ds), years)


def _boosts(q: Question, ds: Dataset, lex: Lexicon, years: list[int] | None = None) -> dict[str, float]:
    """Passages that name a recognised entity (more when in their headings), or are of an asked year."""
    years = q.years if years is None else years
    boosts: dict[str, float] = {}
    for e in q.entities:
        if e.type in ("Concept", "Rijk"):
            continue
        for pid in lex.in_text.get(e.iri, ()):
            boosts[pid] = boosts.get(pid, 0.0) + 0.3
        for pid in lex.in_heading.get(e.iri, ()):
            boosts[pid] = boosts.get(pid, 0.0) + 0.5
    if years:
        for p in ds.passages:
            if lex.year_of.get((p.document, p.subdocument)) in years:
                boosts[p.id] = boosts.get(p.id, 0.0) + YEAR_BOOST
    if q.kind == "agreement":
        for p in ds.passages:
            if p.kind == "afspraak":
                boosts[p.id] = boosts.get(p.id, 0.0) + 0.3
    return boosts


def _kind(question: str) -> str:
    if _NUMBER_Q.search(question):
        return "number"
    if _WHO_Q.search(question):
        return "who"
    if _AGREE_Q.search(question):
        return "agreement"
    if _WHEN_Q.search(question):
        return "when"
    if _LIST_Q.search(question):
        return "list"
    return "lookup"
