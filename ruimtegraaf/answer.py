"""Answers with citations, composed without a language model from the best sentences of cited passages.

The answerer searches (hybrid BM25 + dense, boosted by the entities recognised in the question), picks
the sentences that best cover the question, frames them in the question's language, and cites each
passage it used. When the evidence is weak it says so: `answerable=False` and no invented answer.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ingest.model import Passage
from ingest.normalize import normalize
from ruimtegraaf import iris
from ruimtegraaf.index import tokens
from ruimtegraaf.question import Question, understand, vocabulary

if TYPE_CHECKING:
    from ruimtegraaf.dataset import Dataset
    from ruimtegraaf.settings import Settings

MAX_ANSWER = 800
MAX_CITATIONS = 5
_SENTENCE = re.compile(r"[^.!?;]+(?:[.!?;]+(?=\s|$)|$)", re.S)


@dataclass(frozen=True)
class SearchHit:
    """A passage found for a query, with its fused score and IRI."""

    passage: Passage
    score: float
    iri: str


@dataclass(frozen=True)
class Sentence:
    """A sentence of a passage: absolute offsets into the document, and its normalised text."""

    passage: Passage
    start: int
    end: int
    text: str
    score: float = 0.0


@dataclass
class Answer:
    """What /ask returns."""

    question: str
    answer: str
    answerable: bool
    citations: list[dict[str, Any]] = field(default_factory=list)
    kind: str = "lookup"
    language: str = "nl"
    entities: list[dict[str, str]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The response contract of POST /ask."""
        return {"answer": self.answer, "answerable": self.answerable, "citations": self.citations,
                "question_kind": self.kind, "language": self.language, "entities": self.entities}


def citation_json(ds: Dataset, p: Passage, base: str | None = None) -> dict[str, Any]:
    """A citation of a whole passage: document, offsets, verbatim quote, page, passage IRI, heading path."""
    base = base or ds.manifest.get("base_iri", "https://w3id.org/ruimtegraaf/")
    return {"document": p.document, "start": p.start, "end": p.end, "quote": ds.texts[p.document][p.start:p.end],
            "page": p.page, "passage": iris.thing(base, "passage", p.id),
            "heading_path": list(p.heading_path), "subdocument": p.subdocument}


class Answerer:
    """Question answering over one dataset."""

    def __init__(self, ds: Dataset, settings: Settings) -> None:
        self.ds = ds
        self.base = settings.base_iri

    def search(self, query: str, k: int = 10) -> list[SearchHit]:
        """Hybrid search, boosted by recognised entities, duplicates folded into their originals."""
        q = understand(query, self.ds)
        return self._hits(q, k)

    def _hits(self, q: Question, k: int) -> list[SearchHit]:
        boost = q.boosts
        raw = self.ds.index.search(q.search_text, k=max(k * 3, 30), boost=boost)
        out: list[SearchHit] = []
        seen: set[str] = set()
        for h in raw:
            p = self.ds.by_id.get(h.passage_id)
            if p is None:
                continue
            key = p.duplicate_of or p.id
            if key in seen:
                continue
            seen.add(key)
            out.append(SearchHit(p, h.score, iris.thing(self.base, "passage", p.id)))
            if len(out) == k:
                break
        return out

    def ask(self, question: str) -> Answer:
        """Answer a question from the passages, or say that the documents do not answer it."""
        q = understand(question, self.ds)
        hits = self._hits(q, 12)
        entities = [{"label": e.label, "iri": e.iri, "type": e.type} for e in q.entities]
        if not hits:
            return Answer(question, "", False, kind=q.kind, language=q.language, entities=entities)
        chosen = self._best_sentences(q, hits)
        if not chosen or not self._supported(q, chosen):
            return Answer(question, "", False, [citation_json(self.ds, h.passage, self.base) for h in hits[:3]],
                          kind=q.kind, language=q.language, entities=entities)
        text = compose(q, chosen)
        cited: list[Passage] = []
        for s in chosen:
            if s.passage not in cited:
                cited.append(s.passage)
        for h in hits:
            if len(cited) >= MAX_CITATIONS:
                break
            if h.passage not in cited and h.score >= 0.5 * hits[0].score:
                cited.append(h.passage)
        return Answer(question, text, True, [citation_json(self.ds, p, self.base) for p in cited],
                      kind=q.kind, language=q.language, entities=entities)

    def _best_sentences(self, q: Question, hits: list[SearchHit]) -> list[Sentence]:
        """The sentences that together cover the question best, from the top passages."""
        terms = q.terms
        if not terms:
            return []
        weight = {t: self._idf(t) for t in terms}
        candidates: list[Sentence] = []
        for rank, h in enumerate(hits[:8]):
            for s in sentences(h.passage, self.ds.texts[h.passage.document]):
                toks = set(tokens(s.text)) | set(tokens(" ".join(h.passage.heading_path)))
                covered = sum(weight[t] for t in terms if t in toks)
                total = sum(weight.values())
                score = covered / total * (1.0 / (1 + 0.15 * rank)) + q.shape_bonus(s.text)
                candidates.append(Sentence(s.passage, s.start, s.end, s.text, score))
        candidates.sort(key=lambda s: -s.score)
        chosen: list[Sentence] = []
        size = 0
        for s in candidates:
            if s.score < 0.6 * candidates[0].score or len(chosen) >= 3:
                break
            if any(_same_sentence(s, c) for c in chosen) or size + len(s.text) > MAX_ANSWER - 80:
                continue
            chosen.append(s)
            size += len(s.text) + 1
        return sorted(chosen, key=lambda s: (hits.index(next(h for h in hits if h.passage == s.passage)), s.start))

    def _supported(self, q: Question, chosen: list[Sentence]) -> bool:
        """Enough of the question's weight is covered, and a how-much question meets a number."""
        best = max(s.score for s in chosen)
        if best < 0.45:
            return False
        if q.needs_number and not any(re.search(r"\d", s.text) for s in chosen):
            return False
        return all(any(t in set(tokens(s.text + " " + " ".join(s.passage.heading_path))) for s in chosen)
                   for t in q.required)

    def _idf(self, term: str) -> float:
        vocab = vocabulary(self.ds)
        df, n = vocab.df.get(term, 0), max(1, vocab.n)
        return math.log(1 + (n - df + 0.5) / (df + 0.5))


def sentences(p: Passage, text: str) -> list[Sentence]:
    """The sentences of a passage with absolute offsets (a bullet or line list item counts as one)."""
    out = []
    body = text[p.start:p.end]
    for m in _SENTENCE.finditer(body):
        raw = m.group()
        lead = len(raw) - len(raw.lstrip())
        s, e = p.start + m.start() + lead, p.start + m.end() - (len(raw) - len(raw.rstrip()))
        if e - s < 12:
            continue
        out.append(Sentence(p, s, e, " ".join(normalize(text[s:e]).text.split())))
    return out


def compose(q: Question, chosen: list[Sentence]) -> str:
    """The short answer: the chosen sentences, framed in the language of the question."""
    body = " ".join(_clean(s.text) for s in chosen)
    frame = "According to the documents: " if q.language == "en" else ""
    text = frame + body
    return text if len(text) <= MAX_ANSWER else text[: MAX_ANSWER - 1].rsplit(" ", 1)[0] + "…"


def _clean(text: str) -> str:
    text = re.sub(r"^[❖•▪▶\uf0a7o\-–]\s+", "", text.strip())
    return text if text.endswith((".", "!", "?", ":", ";")) else text + "."


def _same_sentence(a: Sentence, b: Sentence) -> bool:
    return a.text.casefold() == b.text.casefold() or (a.passage.id == b.passage.id and a.start == b.start)
