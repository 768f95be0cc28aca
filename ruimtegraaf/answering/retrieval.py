"""Retrieval for answering: the passages a question's evidence is looked for in, best first.

The passages the graph's facts derive from come first (a question about a relation the graph holds);
then the fused BM25 + dense search of the question, boosted by the things it names and the years it
asks about. A passage that repeats another stands in for its original, each original once.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ruimtegraaf import iris
from ruimtegraaf.answering.lists import LIST_SIZES
from ruimtegraaf.answering.texts import FLAT_TEXTS
from ruimtegraaf.dataset import Derived
from ruimtegraaf.index import Hit
from ruimtegraaf.model import Passage

if TYPE_CHECKING:
    from ruimtegraaf.answering.question import Question
    from ruimtegraaf.answering.tuning import Tuning
    from ruimtegraaf.dataset import Dataset


SIDE_CANDIDATES = 400  # how far down each retriever's list a comparison side looks for passages of its year


@dataclass(frozen=True)
class SearchHit:
    """A passage found for a query: its fused score, its rank (1-based) and IRI."""

    passage: Passage
    score: float
    iri: str
    rank: int = 1
    from_graph: bool = False  # the graph derives a fact the question asks for from this passage
    counted: bool = False  # it holds a list as long as the question asks for


def search_hits(ds: Dataset, base: str, q: Question, k: int, tuning: Tuning,
                evidence: Sequence[str] = ()) -> list[SearchHit]:
    """The `evidence` passages first, then fused search hits boosted for what the question names and asks;
    a repeated passage stands in for its original, each original once."""
    wanted = max(k * 3, 30)
    if q.constraints.document_year and q.constraints.years:  # one side of a comparison: its year's passages first,
        of_year = OF_YEAR.of(ds)  # from further down both retrievers' lists than the whole corpus's top
        mine = {pid for year in q.constraints.years for pid in of_year.get(year, ())}
        wide = ds.index.search(q.search_text, k=len(ds.passages), boost=boosts(q, ds, tuning),
                               dense_query=q.dense_text, candidates=SIDE_CANDIDATES)
        raw = sorted(wide, key=lambda h: h.passage_id not in mine)[:wanted]  # stable: each group in its order
    else:
        raw = ds.index.search(q.search_text, k=wanted, boost=boosts(q, ds, tuning), dense_query=q.dense_text)
    top = raw[0].score if raw else 1.0
    facts = [Hit(pid, top * (2.0 - i / 100), None, None) for i, pid in enumerate(evidence)]
    out: list[SearchHit] = []
    seen: set[str] = set()
    sizes = LIST_SIZES.of(ds) if q.count else {}
    for n, h in enumerate([*facts, *raw]):
        p = ds.by_id.get(h.passage_id)
        if p is None:
            continue
        if p.duplicate_of and p.duplicate_of in ds.by_id:
            p = ds.by_id[p.duplicate_of]
        if p.id in seen:
            continue
        seen.add(p.id)
        out.append(SearchHit(p, h.score, iris.thing(base, "passage", p.id), len(out) + 1, n < len(facts),
                             q.count in sizes.get(p.id, ())))
        if len(out) == k:
            break
    return out


def in_search_order(ds: Dataset, base: str, q: Question, ids: list[str], tuning: Tuning) -> list[str]:
    """`ids` (a thing's passages of one moment) with those the question's own search finds first, in its order;
    the others after them, in their own order."""
    if not ids:
        return ids
    found = {h.passage.id: i for i, h in enumerate(search_hits(ds, base, q, 3 * tuning.passages, tuning))}
    return sorted(ids, key=lambda pid: found.get(pid, len(found)))


def boosts(q: Question, ds: Dataset, t: Tuning) -> dict[str, float]:
    """Passages that name a thing the question names (more when their headings do), that are of a year it
    asks about, or that are agreements when it asks what was agreed: factors on the fused score."""
    from ruimtegraaf.answering.asking import QuestionKind
    from ruimtegraaf.lexicon import lexicon

    lex = lexicon(ds)
    out: dict[str, float] = {}
    for e in q.entities:
        if e.type in ("Concept", "Rijk"):
            continue
        for pid in lex.in_text.get(e.iri, ()):
            out[pid] = out.get(pid, 0.0) + t.entity_boost
        for pid in lex.in_heading.get(e.iri, ()):
            out[pid] = out.get(pid, 0.0) + t.heading_boost
    out = {pid: min(b, t.entity_boost_cap) for pid, b in out.items()}
    if q.quoted:  # the question quotes the documents' words: the passages that hold them
        for pid, text in FLAT_TEXTS.of(ds).items():
            if any(phrase in text for phrase in q.quoted):
                out[pid] = out.get(pid, 0.0) + t.quote_boost
    if q.count:  # "welke zeven uitgangspunten": the passages with a list of seven
        for pid, sizes in LIST_SIZES.of(ds).items():
            if q.count in sizes:
                out[pid] = out.get(pid, 0.0) + t.count_boost
    by_year = OF_YEAR.of(ds)
    for year in set(q.constraints.years):
        for pid in by_year.get(year, ()):
            out[pid] = out.get(pid, 0.0) + t.year_boost
    if q.kind == QuestionKind.AGREEMENT:
        for pid in AGREEMENTS.of(ds):
            out[pid] = out.get(pid, 0.0) + t.agreement_boost
    return out


def _of_year(ds: Dataset) -> dict[int, list[str]]:
    from ruimtegraaf.lexicon import lexicon

    year_of = lexicon(ds).year_of
    out: dict[int, list[str]] = {}
    for p in ds.passages:
        year = year_of.get((p.document, p.subdocument))
        if year is not None:
            out.setdefault(year, []).append(p.id)
    return out


# year -> the passages of the documents of that year; the agreements (❖): boosted without a pass over all passages
OF_YEAR: Derived[dict[int, list[str]]] = Derived(_of_year)
AGREEMENTS: Derived[list[str]] = Derived(lambda ds: [p.id for p in ds.passages if p.kind == "afspraak"])


def next_passages(ds: Dataset) -> dict[str, Passage]:
    """Passage id → the passage after it under the same heading of the same document."""
    return {a.id: b for a, b in itertools.pairwise(ds.passages)
            if (a.document, a.subdocument, a.heading_path) == (b.document, b.subdocument, b.heading_path)}
