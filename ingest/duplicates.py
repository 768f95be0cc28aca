"""Repeated content: a passage that says what an earlier passage of another document already says.

File 001 is a lossier copy of the SNN letter at the end of 000; letters repeat each other's paragraphs.
A repeat is linked to the passage it repeats (`duplicate_of`) instead of counting as a new fact, and
answers never cite the same sentence twice.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from ingest.model import Passage

SHINGLE = 5  # words per shingle
CONTAINMENT = 0.6  # share of a passage's shingles found in one earlier passage
MIN_SHINGLES = 8  # shorter passages (headings, signatures) are not judged
_WORD = re.compile(r"\w+")


def shingles(text: str, n: int = SHINGLE) -> set[tuple[str, ...]]:
    """The set of n-word sequences of a text, case-folded, punctuation ignored.

    >>> len(shingles("Rijk en Regio stellen elk €88,56 miljoen beschikbaar"))
    4
    """
    words = _WORD.findall(text.casefold())
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def link_duplicates(passages: Sequence[Passage], *, canonical_first: Sequence[str] = ()) -> list[Passage]:
    """Mark each passage whose content stands in an earlier passage of another (sub-)document.

    Agreements are read first, then documents listed in `canonical_first` (corpus paths), then the
    rest, so copies point at originals. The order of the returned list is the order of `passages`.
    """
    rank = {path: i for i, path in enumerate(canonical_first)}
    order = sorted(range(len(passages)), key=lambda i: (
        passages[i].kind != "afspraak",  # agreements are the originals the letters retell
        rank.get(passages[i].document, len(rank)), passages[i].document, passages[i].start))
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)
    original_of: dict[int, int] = {}
    result = list(passages)
    for i in order:
        p = passages[i]
        s = shingles(p.text)
        j = _best_original(p, s, index, passages) if len(s) >= MIN_SHINGLES else None
        if j is not None:
            j = original_of.get(j, j)  # a copy of a copy points at the original
            original_of[i] = j
            result[i] = replace(p, duplicate_of=passages[j].id)
        for sh in s:
            index[sh].append(i)
    return result


def _best_original(p: Passage, s: set[tuple[str, ...]], index: dict[tuple[str, ...], list[int]],
                   passages: Sequence[Passage]) -> int | None:
    counts: dict[int, int] = defaultdict(int)
    for sh in s:
        for j in index.get(sh, ()):
            q = passages[j]
            if (q.document, q.subdocument) != (p.document, p.subdocument):
                counts[j] += 1
    if not counts:
        return None
    j, shared = max(counts.items(), key=lambda kv: (kv[1], -kv[0]))
    return j if shared / len(s) >= CONTAINMENT else None
