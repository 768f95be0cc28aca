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

from ingest.model import Passage
from ruimtegraaf import iris
from ruimtegraaf.index import Hit

if TYPE_CHECKING:
    from ruimtegraaf.answering.question import Question
    from ruimtegraaf.dataset import Dataset


@dataclass(frozen=True)
class SearchHit:
    """A passage found for a query: its fused score, its rank (1-based) and IRI."""

    passage: Passage
    score: float
    iri: str
    rank: int = 1
    from_graph: bool = False  # the graph derives a fact the question asks for from this passage


def search_hits(ds: Dataset, base: str, q: Question, k: int, evidence: Sequence[str] = (),
                boosts: dict[str, float] | None = None) -> list[SearchHit]:
    """The `evidence` passages first, then fused search hits boosted by `boosts` (the question's own unless
    given); a repeated passage stands in for its original, each original once."""
    raw = ds.index.search(q.search_text, k=max(k * 3, 30), boost=q.boosts if boosts is None else boosts,
                          dense_query=q.text)
    top = raw[0].score if raw else 1.0
    facts = [Hit(pid, top * (2.0 - i / 100), None, None) for i, pid in enumerate(evidence)]
    out: list[SearchHit] = []
    seen: set[str] = set()
    for n, h in enumerate([*facts, *raw]):
        p = ds.by_id.get(h.passage_id)
        if p is None:
            continue
        if p.duplicate_of and p.duplicate_of in ds.by_id:
            p = ds.by_id[p.duplicate_of]
        if p.id in seen:
            continue
        seen.add(p.id)
        out.append(SearchHit(p, h.score, iris.thing(base, "passage", p.id), len(out) + 1, n < len(facts)))
        if len(out) == k:
            break
    return out


def next_passages(ds: Dataset) -> dict[str, Passage]:
    """Passage id → the passage after it under the same heading of the same document."""
    return {a.id: b for a, b in itertools.pairwise(ds.passages)
            if (a.document, a.subdocument, a.heading_path) == (b.document, b.subdocument, b.heading_path)}
