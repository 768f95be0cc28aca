"""Composition: the answer leads with the asked fact, then at most a little support; every sentence carries
an inline marker ([1], [2]) tied to its citation. A list is its items; a comparison one short part per
side, each with its year and document; an abstention says what is missing and what the documents do say.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ruimtegraaf import iris
from ruimtegraaf.answering.sentences import Sentence, as_written, without_bullet
from ruimtegraaf.answering.values import AnswerType, Value

if TYPE_CHECKING:
    from ruimtegraaf.dataset import Dataset
    from ruimtegraaf.model import Passage

MAX_ANSWER = 800  # the contract's limit
_CLAUSE = re.compile(r"(?<=[;:,])\s+|\s+(?=(?:en|maar|waarbij|waarmee|zodat|omdat|die|dat|terwijl)\s)")


def citation_json(ds: Dataset, p: Passage, base: str | None = None) -> dict[str, Any]:
    """A citation of a whole passage: document, offsets, verbatim quote, page, passage IRI, heading path."""
    base = base or ds.manifest.get("base_iri", "https://w3id.org/ruimtegraaf/")
    return {"document": p.document, "start": p.start, "end": p.end, "quote": ds.texts[p.document][p.start:p.end],
            "page": p.page, "passage": iris.thing(base, "passage", p.id),
            "heading_path": list(p.heading_path), "subdocument": p.subdocument}


@dataclass(frozen=True)
class AnswerPart:
    """One sentence of an answer and the (1-based) number of the citation it rests on, None for framing."""

    text: str
    citation: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "citation": self.citation}


@dataclass
class Answer:
    """What /ask returns."""

    question: str
    answer: str
    answerable: bool
    citations: list[dict[str, Any]] = field(default_factory=list)
    parts: list[AnswerPart] = field(default_factory=list)
    kind: str = "fact"
    expected: str = "statement"
    language: str = "nl"
    entities: list[dict[str, str]] = field(default_factory=list)
    reason: str | None = None  # why the documents do not answer, when they do not

    def to_json(self) -> dict[str, Any]:
        """The response contract of POST /ask."""
        return {"answer": self.answer, "answerable": self.answerable, "citations": self.citations,
                "parts": [p.to_json() for p in self.parts], "question_kind": self.kind,
                "expected_answer": self.expected, "language": self.language, "entities": self.entities,
                "reason": self.reason}


def lead(sentence: Sentence, values: tuple[Value, ...], limit: int) -> str:
    """The sentence, or when it is longer than `limit` the clauses around its first value, marked with "…".

    >>> from ruimtegraaf.model import Passage
    >>> t = "Het Rijk, dat al eerder veel deed, draagt € 25 mln. bij aan de brug, mits de gemeente de rest betaalt."
    >>> s = Sentence(Passage("p", "d", 0, len(t), t), 0, len(t), t)
    >>> from ruimtegraaf.answering.values import values_in
    >>> lead(s, tuple(values_in(t)), 45)
    '… draagt € 25 mln. bij aan de brug, …'
    """
    written = as_written(sentence)
    text = without_bullet(written)
    if len(text) <= limit or not values:
        return text
    offset = len(written) - len(written.lstrip()) + (len(written.strip()) - len(text))
    at = max(0, values[0].start - offset)
    cuts = sorted({0, *(m.end() for m in _CLAUSE.finditer(text)), len(text)})
    a = max(k for k, c in enumerate(cuts[:-1]) if c <= at)
    b = a + 1
    while True:  # widen while the clauses still fit, the one after the value first
        if b + 1 < len(cuts) and cuts[b + 1] - cuts[a] <= limit:
            b += 1
        elif a > 0 and cuts[b] - cuts[a - 1] <= limit:
            a -= 1
        else:
            break
    start, end = cuts[a], cuts[b]
    piece = text[start:end].strip()
    return ("… " if start > 0 else "") + piece + (" …" if end < len(text) else "")


def sentence_text(s: Sentence) -> str:
    """A sentence as an answer states it: no list marker, ending in a full stop."""
    text = without_bullet(as_written(s))
    return text if text.endswith((".", "!", "?", ":", ";", "…")) else text + "."


SIDE_QUOTE_CHARS = 200  # a silent comparison side's nearest sentence, quoted up to this length
NEAREST_CHARS = 400  # what an abstention quotes of a lead-in ("Belangrijke dilemma's zijn:") with its items


def quoted_items(said: str, items: list[Sentence], cited: list[Passage], max_cited: int) -> list[AnswerPart]:
    """The items after a quoted lead-in (`said`), each quoted with the number of its passage among `cited`
    (added there), as long as the quote stays within NEAREST_CHARS and the citations within `max_cited`."""
    out = []
    for item in items:
        said += item.text
        if len(said) > NEAREST_CHARS or (len(cited) >= max_cited and item.passage not in cited):
            break
        if item.passage not in cited:
            cited.append(item.passage)
        out.append(AnswerPart(f"“{sentence_text(item)}”", cited.index(item.passage) + 1))
    return out


def render(parts: list[AnswerPart], limit: int = MAX_ANSWER) -> str:
    """The answer text: each part followed by its marker, cut to the contract's length at a word."""
    pieces = []
    for p in parts:
        pieces.append(f"{p.text} [{p.citation}]" if p.citation else p.text)
    text = " ".join(pieces)
    return text if len(text) <= limit else at_word(text, limit - 1) + "…"


def at_word(text: str, cut: int) -> str:
    """`text` cut to at most `cut` characters, at the end of a word."""
    return text[:cut].rsplit(" ", 1)[0]


TYPE_WORDS = {
    "nl": {AnswerType.MONEY: "bedrag", AnswerType.COUNT: "aantal", AnswerType.AREA: "oppervlakte",
           AnswerType.PERCENTAGE: "percentage", AnswerType.DATE: "datum of termijn", AnswerType.DURATION: "duur",
           AnswerType.PERSON: "persoon", AnswerType.ORGANISATION: "organisatie", AnswerType.PLACE: "locatie",
           AnswerType.REASON: "reden"},
    "en": {AnswerType.MONEY: "amount", AnswerType.COUNT: "number", AnswerType.AREA: "area",
           AnswerType.PERCENTAGE: "percentage", AnswerType.DATE: "date or deadline", AnswerType.DURATION: "duration",
           AnswerType.PERSON: "person", AnswerType.ORGANISATION: "organisation", AnswerType.PLACE: "location",
           AnswerType.REASON: "reason"},
}

ABSTAIN = {
    "nl": {
        "unknown": "De documenten noemen {names} niet.",
        "absent": "De documenten noemen {names} nergens.",
        "unread": "Voor {names} vind ik geen woorden in de documenten; ik kan de vraag daarom niet beantwoorden.",
        "not_covered": "De documenten gaan niet over {meeting}: ze beschrijven {moments}.",
        "no_value": "De documenten noemen geen {what} voor wat gevraagd wordt.",
        "premise": "De documenten bevestigen niet wat de vraag aanneemt ({premise}).",
        "condition": "De documenten zeggen niet wat er in dat geval gebeurt.",
        "judgement": "Daarover doen de documenten geen uitspraak.",
        "weak": "De documenten geven hierop geen antwoord.",
        "elsewhere": "De documenten zeggen dit van een andere plaats of partij dan gevraagd.",
        "nearest": "Wel staat er:",
        "silent_side": "{year}: daarover zeggen de documenten van dat jaar niets.",
        "near_side": "{year}: geen passage van dat jaar beantwoordt dit precies; het dichtst erbij: “{quote}”",
    },
    "en": {
        "unknown": "The documents do not mention {names}.",
        "absent": "The documents nowhere mention {names}.",
        "unread": "I find no words in the documents for {names}, so I cannot answer the question.",
        "not_covered": "The documents do not cover {meeting}: they describe {moments}.",
        "no_value": "The documents give no {what} for what is asked.",
        "premise": "The documents do not confirm what the question assumes ({premise}).",
        "condition": "The documents do not say what happens in that case.",
        "judgement": "The documents express no view on this.",
        "weak": "The documents do not answer this.",
        "elsewhere": "The documents say this of another place or party than the one asked about.",
        "nearest": "What they do say:",
        "silent_side": "{year}: the documents of that year say nothing about it.",
        "near_side": "{year}: no passage of that year answers this exactly; the nearest: “{quote}”",
    },
}


def silent_side(year: int, nearest: Sentence | None, language: str) -> tuple[str, Passage | None]:
    """A comparison side no sentence answers: the best-scored sentence of that year's documents, quoted as
    the nearest (cited: the reader judges it), or, when there is none, that the year's documents are silent."""
    if nearest is None:
        return ABSTAIN[language]["silent_side"].format(year=year), None
    quote = nearest.text if len(nearest.text) <= SIDE_QUOTE_CHARS else at_word(nearest.text, SIDE_QUOTE_CHARS) + " …"
    return ABSTAIN[language]["near_side"].format(year=year, quote=quote), nearest.passage
