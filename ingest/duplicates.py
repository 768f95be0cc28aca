"""Repeated content: a passage that says what an earlier passage of another document already says.

File 001 is a lossier copy of the SNN letter at the end of 000; letters repeat each other's paragraphs.
A repeat is linked to the passage it repeats (`duplicate_of`) instead of counting as a new fact, and
answers never cite the same sentence twice.

The rule: passages are read in a fixed order (agreements first, then the canonical documents, then the
rest). A passage repeats an *original* (an earlier passage that repeats nothing) of another unit
(document and sub-document) when at least CONTAINMENT of its shingles (5-word sequences, case-folded,
punctuation ignored) stand in that original; the original sharing most shingles wins, the earlier one in
corpus order on a tie. A copy of a copy is so linked to the original itself.

The work is an index, not a comparison of every pair: each shingle is hashed to an integer, and an
index from hash to the originals that hold it proposes the candidates, whose shared shingles are counted.
A passage costs its own shingles, whatever the size of the corpus:
- only originals are indexed, so a family of near-identical copies keeps one entry per shingle, not one
  per copy (the copies repeat the original and are linked to it);
- a shingle proposes at most PROPOSERS originals; a phrase that stands in more of them (boilerplate such as
  "Rijk en Regio spreken af") still counts in every comparison, but proposes no further candidates.
"""

from __future__ import annotations

import hashlib
import re
from collections import OrderedDict, defaultdict
from collections.abc import Sequence
from dataclasses import replace

from ruimtegraaf.model import Passage

SHINGLE = 5  # words per shingle
CONTAINMENT = 0.6  # share of a passage's shingles found in one original
MIN_SHINGLES = 8  # shorter passages (headings, signatures) are not judged
# originals a shingle proposes as candidates; a phrase in more is boilerplate. The real corpus gives the
# same links with as few as 2 (tests/test_duplicates.py); 16 leaves room for corpora with more copies
PROPOSERS = 16
RECOUNT_CACHE = 4096  # shingle sets of originals kept for recounting a candidate exactly
_WORD = re.compile(r"\w+")


def shingles(text: str, n: int = SHINGLE) -> set[int]:
    """The n-word sequences of a text (case-folded, punctuation ignored), each as a 64-bit hash.

    >>> len(shingles("Rijk en Regio stellen elk €88,56 miljoen beschikbaar"))  # 9 words
    5
    >>> shingles("Rijk en Regio spreken af") == shingles("rijk, en REGIO: spreken af!")
    True
    """
    words = _WORD.findall(text.casefold())
    return {int.from_bytes(hashlib.blake2b(" ".join(words[i:i + n]).encode(), digest_size=8).digest())
            for i in range(len(words) - n + 1)}


def link_duplicates(passages: Sequence[Passage], *, canonical_first: Sequence[str] = ()) -> list[Passage]:
    """Mark each passage whose content stands in an original of another (sub-)document.

    Agreements are read first, then documents listed in `canonical_first` (corpus paths), then the
    rest, so copies point at originals. The order of the returned list is the order of `passages`.
    """
    rank = {path: i for i, path in enumerate(canonical_first)}
    order = sorted(range(len(passages)), key=lambda i: (
        passages[i].kind != "afspraak",  # agreements are the originals the letters retell
        rank.get(passages[i].document, len(rank)), passages[i].document, passages[i].start))
    originals = Originals(passages)
    result = list(passages)
    for i in order:
        s = shingles(passages[i].text)
        j = originals.repeated_by(i, s) if len(s) >= MIN_SHINGLES else None
        if j is None:
            originals.add(i, s)
        else:
            result[i] = replace(passages[i], duplicate_of=passages[j].id)
    return result


class Originals:
    """The originals read so far, indexed by shingle: which one (if any) a passage repeats."""

    def __init__(self, passages: Sequence[Passage]) -> None:
        self.passages = passages
        self.holders: dict[int, list[int]] = {}  # shingle -> the first PROPOSERS originals holding it
        self._recounted: OrderedDict[int, set[int]] = OrderedDict()

    def add(self, i: int, s: set[int]) -> None:
        """Index passage `i` (an original) under its shingles `s`."""
        for h in s:
            listed = self.holders.get(h)
            if listed is None:
                self.holders[h] = [i]
            elif len(listed) < PROPOSERS:
                listed.append(i)

    def repeated_by(self, i: int, s: set[int]) -> int | None:
        """The original that passage `i` (shingles `s`) repeats, or None."""
        unit = self._unit(i)
        counts: dict[int, int] = defaultdict(int)
        full = 0  # shingles whose list is full: originals beyond it may hold them unlisted
        for h in s:
            listed = self.holders.get(h)
            if listed is None:
                continue
            full += len(listed) == PROPOSERS
            for j in listed:
                if self._unit(j) != unit:
                    counts[j] += 1
        if not counts:
            return None
        if full:  # counts are lower bounds; recount those that could still win
            floor = max(counts.values())
            counts = {j: len(s & self._shingles(j)) for j, n in counts.items()
                      if n + full >= floor and (n + full) / len(s) >= CONTAINMENT}
            if not counts:
                return None
        j, shared = max(counts.items(), key=lambda kv: (kv[1], -kv[0]))
        return j if shared / len(s) >= CONTAINMENT else None

    def _unit(self, i: int) -> tuple[str, str | None]:
        p = self.passages[i]
        return p.document, p.subdocument

    def _shingles(self, j: int) -> set[int]:
        """An original's shingles, computed again (a few recently used ones are kept)."""
        if j in self._recounted:
            self._recounted.move_to_end(j)
            return self._recounted[j]
        s = self._recounted[j] = shingles(self.passages[j].text)
        if len(self._recounted) > RECOUNT_CACHE:
            self._recounted.popitem(last=False)
        return s
