"""Orders of passages for /search: the first ones by their best sentence as the answerer scores it, and the
rankings of a question's parts taken in turn, so each part's best passage stands near the top."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from ruimtegraaf import iris
from ruimtegraaf.answering.candidates import Candidate
from ruimtegraaf.answering.retrieval import SearchHit
from ruimtegraaf.answering.sentences import Sentence


def best_sentences(cands: list[Candidate]) -> dict[str, Candidate]:
    """Each retrieved passage's best-scored sentence of its own (not of the passage after it)."""
    best: dict[str, Candidate] = {}
    for c in cands:
        pid = c.hit.passage.id
        if not c.following and (pid not in best or c.score > best[pid].score):
            best[pid] = c
    return best


def by_best_sentence(hits: list[SearchHit], cands: list[Candidate], depth: int, *,
                     pin_graph: bool = True) -> list[SearchHit]:
    """The first `depth` hits reordered by the score of their best sentence (graph evidence stays first unless
    `pin_graph` is off), the rest after them; ranks renumbered and the scores those of the best sentences."""
    best = {pid: c.score for pid, c in best_sentences(cands).items()}
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


def with_antecedents(hits: list[SearchHit], cands: list[Candidate], depth: int,
                     antecedent: Callable[[Sentence], Sentence | None], base: str) -> list[SearchHit]:
    """Each of the first `depth` hits whose best sentence names a thing by pointing back ("… voor deze
    knooppunten") to a sentence of another passage is followed by that passage (moved up when found
    further down): the one says what was done, the other which things. Ranks renumbered."""
    best = best_sentences(cands)
    out: list[SearchHit] = []
    placed: set[str] = set()
    for i, h in enumerate(hits):
        if h.passage.id in placed:
            continue
        out.append(h)
        placed.add(h.passage.id)
        top = best.get(h.passage.id)
        back = antecedent(top.sentence) if top is not None and i < depth else None
        if back is None or back.passage.id in placed:
            continue
        found = next((x for x in hits if x.passage.id == back.passage.id), None)
        iri = iris.thing(base, "passage", back.passage.id)
        out.append(replace(found or h, passage=back.passage, iri=iri, score=h.score, from_graph=False, counted=False))
        placed.add(back.passage.id)
    return [replace(h, rank=i) for i, h in enumerate(out, start=1)]
