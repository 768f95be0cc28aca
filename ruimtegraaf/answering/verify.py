"""Verification: a candidate answers only when it holds what was asked, about what was asked.

- A value of the expected type (money, a count of the asked unit, an area, a date, …) that the question
  itself does not already state; questions that expect no particular value need none.
- Tied to the focus: the sentence itself covers enough of the focus, or it covers some and its headings,
  list lead-in and passage cover the rest, and the most telling focus term stands in the sentence or its
  headings. A value in a neighbouring sentence about something else does not count.
- Every constraint met: a year the question names is the year of the sentence's document or is named
  in its passage; a why-question's premise stands in the sentence's context (a premise the documents
  do not state, "why was X scrapped", is not answered).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from ruimtegraaf.answering.anaphora import POINTS_BACK
from ruimtegraaf.answering.asking import CONDITION, SUFFICES, SUFFICES_Q, QuestionKind, asks_case
from ruimtegraaf.answering.candidates import Candidate, named_terms, names_share, spaced, typed_values
from ruimtegraaf.answering.events import NEGATIVE_STATED, events_in, misses_event
from ruimtegraaf.answering.question import Constraints, Question
from ruimtegraaf.answering.tuning import Tuning
from ruimtegraaf.answering.values import NUMERIC, VALUED, AnswerType, Value
from ruimtegraaf.glossary import topic_words
from ruimtegraaf.index import tokens

_SINGLE = NUMERIC | {AnswerType.DATE, AnswerType.DURATION, AnswerType.PERSON, AnswerType.ORGANISATION,
                     AnswerType.PLACE}


def _median(focus: dict[str, float]) -> float:
    return sorted(focus.values())[len(focus) // 2]


class Problem(StrEnum):
    """Why a candidate does not answer."""

    NO_VALUE = "no value of the expected type"
    NOT_TIED = "not about the focus"
    UNREAD = "the question's words besides its names have no Dutch counterpart to look for"
    YEAR = "not of the year asked"
    PLACE = "not said of the place asked"
    PREMISE = "the premise is not stated"
    JUDGEMENT = "asks for an opinion or forecast"
    EVENT = "does not name the moment whose date is asked"
    WEAK = "covers too little of the question"
    ABSENT = "says only the names of a question whose other words the documents lack"
    CONDITION = "states no case, where the question asks what happens in one"


@dataclass(frozen=True)
class Verdict:
    """Whether a candidate answers, with the value it answers with and what is wrong when it does not."""

    candidate: Candidate
    problems: tuple[Problem, ...]
    values: tuple[Value, ...] = ()

    @property
    def answers(self) -> bool:
        return not self.problems


def tied(c: Candidate, q: Question, tuning: Tuning) -> bool:
    """The candidate is about the question's focus (see the module docstring). For a value the telling term
    must stand in the sentence or its headings; for a statement also in the sentence before it or its
    (short) passage."""
    if not q.focus:
        return True
    t = tuning
    if c.coverage < t.tie_minimum:
        return False
    # a single value (an amount, a date, a person, …) or a negative premise must be said of the things the
    # question names: most of their names' weight in the sentence or its headings (a thing named by another
    # of its labels counts). Lists and statements may run on from the sentence before, a short passage or
    # the list's lead-in: there the most telling term must be in reach.
    if q.expected in _SINGLE or q.constraints.negative_premise:
        terms = set(c.covered) | named_terms(c, q)
        if t.names_before:
            terms |= c.covered_before
        names = {term: q.focus[term] for term in q.names if term in q.focus}
        if names and sum(w for term, w in names.items() if term in terms) < t.names * sum(names.values()):
            return False
        # … and of what the question says happens to them ("de bouw start"): the rest of the focus
        rest = {term: w for term, w in q.focus.items() if term not in names}
        said = {term for term in rest if term in c.covered_wide or _inside_compound(term, c.sentence.text)}
        if rest and sum(w for term, w in rest.items() if term in said) < t.predicate * sum(rest.values()):
            return False
    else:  # the most telling term must be in reach, unless the sentence covers most of the question anyway
        strongest = max(q.focus, key=lambda term: q.focus[term])
        telling = q.focus[strongest] > 1.5 * _median(q.focus)
        # the noun a "welke …" question asks for may stand as the head of a compound ("welke theorie":
        # "de speltheorie")
        kind_of = strongest in _asked_noun(q.text)
        in_reach = strongest in c.covered_wide or (kind_of and _inside_compound(strongest, c.sentence.text))
        if not in_reach and telling and c.context < t.tie_context:
            return False
    return c.coverage >= t.tie_sentence or c.context >= t.tie_context


def _says_more_than_names(c: Candidate, q: Question) -> bool:
    """The candidate (with the sentence before it and a short passage) covers a focus term that is no name:
    "Lelystad Airport Business Park" says nothing of "vakantievluchten" beside the airport's name."""
    rest = [term for term in q.focus if term not in q.names]
    return any(term in c.covered_wide or _inside_compound(term, c.sentence.text) for term in rest)


def _inside_compound(term: str, text: str) -> bool:
    """What happens to the things asked about stands inside a compound of the sentence ("hoeveel woningen
    bouwen" in "de woningbouwopgave"): its term is a later part of one of the sentence's words."""
    return len(term) >= 4 and any(w.find(term) > 0 for w in _words(text))


@functools.lru_cache(maxsize=8192)
def _words(text: str) -> frozenset[str]:
    """A sentence's index terms, made once however many questions test it (tied() runs per candidate)."""
    return frozenset(tokens(text))


def place_met(c: Candidate, q: Question) -> bool:
    """A number asked for a place ("in de provincie Groningen") is stated for it: the sentence or its headings
    name the place (a national figure in a passage that also names the place does not count). Any other
    answer is not said of another place of the same kind without the one asked."""
    if not q.constraints.places:
        return True
    if c.names_place:
        return True
    if any(place.iri in c.things for place in q.constraints.places):  # the sentence or a heading names it
        return True
    heading = spaced(" ".join(c.passage.heading_path))  # "Arnhem – Nijmegen" is "Arnhem-Nijmegen"
    if any(spaced(place.label) in heading for place in q.constraints.places):
        return True
    if q.expected in NUMERIC:  # a figure for a thing the question places ("the bridge in Groningen"): said
        return _of_located_thing(c, q)  # of that thing, in a passage naming the place
    # any other answer may be said of the place without naming it, but not of another place of its kind
    # ("Utrecht" for "Drenthe"), in the sentence or in a heading it stands under ("… per provincie › Utrecht")
    kinds = {place.type for place in q.constraints.places}
    return not any(kind in kinds for _, _, kind in c.names) and not kinds & c.heading_kinds


def ministry_met(c: Candidate, q: Question) -> bool:
    """What the question says a ministry does ("What is the Ministry of LVVN developing …") is not answered by a
    sentence that says another ministry does it: one naming a ministry, none of those the question names. A
    question asking who or which party does it, or which other one, takes any."""
    asked = {e.iri for e in q.entities if e.type == "Ministerie"}
    if not asked or q.expected in (AnswerType.ORGANISATION, AnswerType.PERSON) or q.item or _asks_other(q.text):
        return True
    return bool(asked & c.things) or not any(kind == "Ministerie" for _, _, kind in c.names)


def _place_terms(q: Question) -> set[str]:
    """The words of the places the question asks about."""
    return {t for place in q.constraints.places for t in tokens(place.label)}


def _of_located_thing(c: Candidate, q: Question) -> bool:
    """The question names a thing besides the place, the sentence or its headings name that thing (its most
    telling name), and its section names the place: the place only says where the thing is."""
    place_terms = _place_terms(q)
    names = [t for t in q.names if t in q.focus and t not in place_terms]
    if not names or not c.place_in_section:
        return False
    terms = set(c.covered) | named_terms(c, q)
    return max(names, key=lambda t: q.focus[t]) in terms


def year_met(c: Candidate, q: Question) -> bool:
    """A year the question names is the year of the candidate's document, or stands in its passage. What came
    of a moment (`Constraints.outcome`) is not reported by a document written before that moment."""
    if q.constraints.outcome and c.date and after_document(q.constraints, c.date):
        return False
    years = q.constraints.years
    if not years or c.of_year:
        return True
    if q.constraints.document_year:
        return False
    if q.constraints.meeting and q.constraints.decided and c.year is not None and c.year < min(years):
        return False  # what a meeting of a later year decided, no earlier document reports (it may plan it)
    text = " ".join((*c.passage.heading_path, c.passage.text))
    return any(str(y) in text for y in years)


def after_document(asked: Constraints, date: str) -> bool:
    """The latest day or month the question names comes after a document's date (ISO, perhaps year-month).

    >>> after_document(Constraints(days=("2025-11-03",)), "2025-06-13")
    True
    >>> after_document(Constraints(months=((2025, 6),)), "2025-06-13"), after_document(Constraints(), "2025-06")
    (False, False)
    >>> after_document(Constraints(years=(2023,)), "2022-12"), after_document(Constraints(years=(2022,)), "2022-12")
    (True, False)
    """
    moments = [d[:len(date)] for d in asked.days] + [f"{y}-{m:02d}"[:len(date)] for y, m in asked.months]
    if not moments:  # only years named ("the planmonitor of mid-2023"): a later year than the document's
        moments = [str(y) for y in asked.years]
    return any(moment > date[:len(moment)] for moment in moments)


def premise_met(c: Candidate, q: Question, t: Tuning) -> bool:
    """A why-question's premise stands in the candidate's context; a negative event must be stated."""
    premise = q.constraints.premise
    if not premise:
        return True
    weights = {term: q.focus.get(term, 1.0) for term in premise}
    # a thing the sentence names by another of its labels ("RWS" for "Rijkswaterstaat") states its terms
    named = named_terms(c, q)
    said = {term for term in weights if term in c.covered_wide or term in named}
    if sum(weights[term] for term in said) / (sum(weights.values()) or 1.0) < t.premise:
        return False
    # … and not by the names alone: what the question says happened to them stands there too
    event = {term: w for term, w in weights.items() if term not in q.names}
    if event and sum(w for term, w in event.items() if term in said) < t.premise_event * sum(event.values()):
        return False
    # a negative event ("geschrapt") must be said of the focus: in the sentence itself, or the one before it
    return not q.constraints.negative_premise or bool(NEGATIVE_STATED.search(c.sentence.text))


def verdict(c: Candidate, q: Question, t: Tuning) -> Verdict:
    """Judge one candidate."""
    problems: list[Problem] = []
    if q.kind == QuestionKind.JUDGEMENT:
        problems.append(Problem.JUDGEMENT)
    values = typed_values(c, q)
    if q.expected in VALUED and q.expected != AnswerType.REASON and not values:
        problems.append(Problem.NO_VALUE)
    elif (q.expected == AnswerType.LIST and q.item in VALUED and q.item != AnswerType.REASON and not values
          and not c.sentence.text.rstrip().endswith(":") and (_asks_other(q.text) or q.unit)):
        problems.append(Problem.NO_VALUE)  # "welke andere bewindspersonen …": none but those the question names
    if not tied(c, q, t):
        problems.append(Problem.NOT_TIED)
    if q.absent and t.absent_words and (not _says_more_than_names(c, q) or _agreed_on_absent(q)):
        problems.append(Problem.ABSENT)
    if (len(q.unread) >= t.unread_words and all(term in q.names for term in q.focus)) or _topic_unread(q, t):
        problems.append(Problem.UNREAD)  # nothing but the names, or not the topic, is understood
    if asks_case(q.text) and not CONDITION.search(c.sentence.text):
        problems.append(Problem.CONDITION)
    if not year_met(c, q):
        problems.append(Problem.YEAR)
    if not place_met(c, q) or not ministry_met(c, q):
        problems.append(Problem.PLACE)
    if q.expected == AnswerType.DATE and misses_event(events_in(q.text), c.sentence.text):
        problems.append(Problem.EVENT)
    if q.kind == QuestionKind.WHY and not premise_met(c, q, t):
        problems.append(Problem.PREMISE)
    if q.kind == QuestionKind.YES_NO and (_yes_no_coverage(c, q) < t.yes_no or _unsaid_sufficiency(c, q)):
        problems.append(Problem.WEAK)
    if c.score < t.support and (q.focus or not values):  # with nothing but a unit asked, its count is the answer
        problems.append(Problem.WEAK)
    return Verdict(c, tuple(dict.fromkeys(problems)), tuple(values))


def _yes_no_coverage(c: Candidate, q: Question) -> float:
    """How much of a yes/no question a sentence covers; one that points back ("Het Rijk heeft daarvoor geen
    specifiek budget") says yes or no of what the sentence before it said, and covers that sentence's words."""
    if not POINTS_BACK.search(c.sentence.text):
        return c.coverage
    said = c.covered | c.covered_before
    return max(c.coverage, sum(w for term, w in q.focus.items() if term in said) / (sum(q.focus.values()) or 1.0))


def _unsaid_sufficiency(c: Candidate, q: Question) -> bool:
    """ "Is het budget voldoende om …?" asks whether it suffices: a sentence that does not say so either way
    ("voldoende", "ontoereikend", "schiet tekort") does not answer."""
    return _asks_sufficiency(q.text) and not SUFFICES.search(c.sentence.text)


# what the question's own words say, read once per question rather than once per candidate
_ASKED_NOUN = re.compile(r"\b(?:welke?|which|what)\s+([\w-]+)", re.I)
_OTHER = re.compile(r"\b(?:andere|other)\b", re.I)


@functools.lru_cache(maxsize=1024)
def _asked_noun(text: str) -> frozenset[str]:
    """The terms of the noun a "welke/which …" question asks for ("welke theorie": theorie)."""
    asked = _ASKED_NOUN.search(text)
    return frozenset(tokens(asked.group(1))) if asked else frozenset()


@functools.lru_cache(maxsize=1024)
def _asks_other(text: str) -> bool:
    return bool(_OTHER.search(text))


@functools.lru_cache(maxsize=1024)
def _asks_sufficiency(text: str) -> bool:
    return bool(SUFFICES_Q.search(text))


# what was agreed about a thing ("Welke afspraken zijn er gemaakt over X …?", "wat is afgesproken over de X …"):
# X, the first word after "over" in the asking sentence
_AGREED_ON = re.compile(r"\b(?:afspraken?|afgesproken|overeengekomen)\b[^?.]*?\bover\s+(?:(?:de|het|een)\s+)?"
                        r"(?P<thing>[\w-]+)[^.]*\?\s*$", re.I)


def _agreed_on_absent(q: Question) -> bool:
    """A question about what was agreed on a thing the documents nowhere name, nor the words it is made of: they
    record no agreement on it."""
    return bool(q.lacking) and _agreed_on(q.text) in q.lacking


@functools.lru_cache(maxsize=1024)
def _agreed_on(text: str) -> str | None:
    """The thing a question asks what was agreed on, read once per question rather than once per candidate."""
    m = _AGREED_ON.search(text)
    return m.group("thing") if m else None


def _topic_unread(q: Question, t: Tuning) -> bool:
    """An English question whose topic the glossaries mostly cannot read (`Tuning.unread_topic`)."""
    if q.language != "en":
        return False
    words, unread = topic_words(q.text)
    return bool(unread) and len(unread) >= t.unread_topic * len(words)


def verdicts(cands: list[Candidate], q: Question, t: Tuning) -> list[Verdict]:
    """Every candidate judged, in candidate order (best score first)."""
    return [verdict(c, q, t) for c in cands]


def near_answer(judged: list[Verdict], q: Question, t: Tuning) -> list[Verdict]:
    """For a part of a question another part answers ("welk deel betalen zij mee, en vanaf wanneer …"): the best
    candidate that fails only on the rest of the focus. Its value is there and said of the things the part
    names; the verb the question uses is not ("betalen mee" for "30% cofinanciering")."""
    return [v for v in judged if v.problems == (Problem.NOT_TIED,) and names_share(v.candidate, q) >= t.names][:1]


def own_words_first(part: Question, others: Sequence[Question], good: list[Verdict],
                    shown: Callable[[Verdict], bool]) -> list[Verdict]:
    """A part whose best answer is a sentence an earlier part gave already, and which says none of the part's
    own words (those no other part has): the verified sentences that do say some of them come first. A
    sentence that holds both parts' facts and words ("het station in 2028 klaar, … dienstregeling 2029")
    still answers both."""
    own = {t for t in part.terms if not any(t in other.terms for other in others)}
    if not good or not shown(good[0]) or own & good[0].candidate.covered:
        return good
    return [v for v in good[1:] if not shown(v) and own & v.candidate.covered] + good


def said_elsewhere(q: Question, judged: list[Verdict], answer: Verdict, share: float) -> Verdict | None:
    """The better sentence that says what is asked of another place or party ("Rijk, Provincie Zuid-Holland,
    gemeente Rotterdam … spreken af om een startbeslissing …" for the same asked of Noord-Holland and Amsterdam),
    when the verified answer covers less than `share` of the topic that sentence covers: the documents say it of
    someone else, and the answer only shares the asked place's name. None otherwise."""
    places = _place_terms(q)
    topic = {t: w for t, w in q.focus.items() if t not in q.names and t not in places}
    for v in judged:
        if v is answer:
            return None
        if v.problems == (Problem.PLACE,):
            theirs = sum(w for t, w in topic.items() if t in v.candidate.covered)
            ours = sum(w for t, w in topic.items() if t in answer.candidate.covered)
            return v if theirs and ours < share * theirs else None  # only the first such sentence counts
    return None


def abstention_reason(q: Question, judged: list[Verdict]) -> str:
    """The abstention reason the best candidates show: judgement, a word the documents lack, premise, a missing
    value, or weak."""
    if q.kind == QuestionKind.JUDGEMENT:
        return "judgement"
    top = [v for v in judged[:8] if Problem.NOT_TIED not in v.problems] or judged[:8]
    problems = {p for v in top for p in v.problems}
    if Problem.ABSENT in problems:
        return "absent"
    if Problem.UNREAD in problems:
        return "unread"
    if Problem.PREMISE in problems and q.kind == QuestionKind.WHY:
        return "premise"
    if Problem.NO_VALUE in problems:
        return "no_value"
    if Problem.CONDITION in problems:
        return "condition"
    return "weak"
