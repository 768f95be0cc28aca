"""Orders of passages for /search: the first ones by their best sentence as the answerer scores it, and the
rankings of a question's parts taken in turn, so each part's best passage stands near the top."""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import replace

from ruimtegraaf.answering.candidates import Candidate
from ruimtegraaf.answering.retrieval import SearchHit


def by_best_sentence(hits: list[SearchHit], cands: list[Candidate], depth: int, *,
                     pin_graph: bool = True) -> list[SearchHit]:
    """The first `depth` hits reordered by the score of their best sentence (graph evidence stays first unless
    `pin_graph` is off), the rest after them; ranks renumbered and the scores those of the best sentences."""
    best: dict[str, float] = {}
    for c in cands:
        if not c.following:
            best[c.hit.passage.id] = max(best.get(c.hit.passage.id, 0.0), c.score)
    head = sorted(hits[:depth], key=lambda h: (pin_graph and not h.from_graph, -best.get(h.passage.id, 0.0)))
    ranked = [*head, *hits[depth:]]
    return [replace(h, rank=i, score=best.get(h.passage.id, h.score)) for i, h in enumerate(ranked, start=1)]


def interleaved(rankings: list[list[SearchHit]]) -> list[SearchHit]:
    """The first of each ranking in turn, then the second of each …, each passage once; ranks renumbered."""
    out: list[SearchHit] = []
    seen: set[str] = set()
    for row in itertools.zip_longest(*rankings):
        for h in row:
            if h is not None and h.passage.id not in seen:
                seen.add(h.passage.id)
                out.append(h)
    return [replace(h, rank=i) for i, h in enumerate(out, start=1)]


def of_moments_first(hits: list[SearchHit], year_of: Mapping[tuple[str, str | None], int],
                     years: Sequence[int]) -> list[SearchHit]:
    """The hits from documents of `years` first (all of them when no year is asked), each group in its order."""
    if not years:
        return hits
    return sorted(hits, key=lambda h: year_of.get((h.passage.document, h.passage.subdocument)) not in years)
