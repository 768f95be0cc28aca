"""Question understanding: language, kind of question, the terms that matter, and the entities named.

Entities are recognised through the labels and alternative labels in the graph (abbreviations,
spelling variants, English labels), so "RGA", "Regio Groningen-Assen" and "Groningen – Assen" all
find the same NOVEX area; passages that mention a recognised entity are boosted in the search.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ruimtegraaf.index import tokens

if TYPE_CHECKING:
    from ruimtegraaf.dataset import Dataset

_EN = frozenset("what which who whom whose when where how why did does do is are was were the of for and "
                "according document documents agreed agreement province".split())
_NL = frozenset("wat welke wie wanneer waar hoe waarom is zijn was werd de het een van voor en met over "
                "hoeveel afgesproken".split())
_NUMBER_Q = re.compile(r"\b(hoeveel|hoe groot|hoe veel|welk bedrag|how much|how many|welke .*capaciteit)\b", re.I)
_LIST_Q = re.compile(r"\b(welke|noem|which|what are|in welke)\b", re.I)
_WHO_Q = re.compile(r"\b(wie|who|welke partijen|welke ministeries|welke overheden)\b", re.I)
_WHEN_Q = re.compile(r"\b(wanneer|when|per wanneer|tot wanneer)\b", re.I)
_AGREE_Q = re.compile(r"\b(afgesproken|afspraak|afspraken|spraken|agreed|agreement)\b", re.I)
_YEAR = re.compile(r"\b(20[12]\d)\b")
_NUMBER = re.compile(r"\d")


@dataclass(frozen=True)
class Entity:
    """Something of the graph the question names."""

    iri: str
    label: str
    type: str
    surface: str


@dataclass
class Question:
    """A question as the answerer sees it."""

    text: str
    language: str
    kind: str
    terms: list[str]
    required: list[str]
    needs_number: bool
    years: list[int]
    entities: list[Entity] = field(default_factory=list)
    boosts: dict[str, float] = field(default_factory=dict)

    @property
    def search_text(self) -> str:
        return self.text

    def shape_bonus(self, sentence: str) -> float:
        """A small bonus for sentences of the shape the question asks for (a number, a year)."""
        bonus = 0.0
        if self.needs_number and _NUMBER.search(sentence):
            bonus += 0.08
        if self.years and any(str(y) in sentence for y in self.years):
            bonus += 0.04
        return bonus


class Vocabulary:
    """Document frequencies of the index terms over a dataset's passages (for term weights)."""

    def __init__(self, ds: Dataset) -> None:
        self.df: Counter[str] = Counter()
        for p in ds.passages:
            self.df.update(set(tokens(" ".join(p.heading_path) + " " + p.text)))
        self.n = len(ds.passages)


def understand(question: str, ds: Dataset) -> Question:
    """Analyse a question against the dataset's vocabulary and graph labels."""
    vocab = vocabulary(ds)
    words = set(re.findall(r"\w+", question.casefold()))
    language = "en" if len(words & _EN) > len(words & _NL) else "nl"
    terms = list(dict.fromkeys(tokens(question)))
    rare = [t for t in terms if not _NUMBER.match(t) and vocab.df.get(t, 0) <= max(3, vocab.n // 400)]
    kind = _kind(question)
    years = [int(y) for y in _YEAR.findall(question)]
    return Question(question, language, kind, terms, rare, kind == "number", years)


def _kind(question: str) -> str:
    if _NUMBER_Q.search(question):
        return "number"
    if _WHO_Q.search(question):
        return "who"
    if _WHEN_Q.search(question):
        return "when"
    if _AGREE_Q.search(question):
        return "agreement"
    if _LIST_Q.search(question):
        return "list"
    return "lookup"


def vocabulary(ds: Dataset) -> Vocabulary:
    """The dataset's term statistics, computed once per dataset."""
    vocab = getattr(ds, "_vocabulary", None)
    if vocab is None:
        vocab = Vocabulary(ds)
        ds._vocabulary = vocab  # type: ignore[attr-defined]
    return vocab
