"""Repeated passages: the indexed detection gives what comparing every earlier passage gave, on the real corpus."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

import pytest

from ingest import duplicates
from ingest.duplicates import CONTAINMENT, MIN_SHINGLES, link_duplicates
from ruimtegraaf.model import Passage


def reference_links(passages: Sequence[Passage], canonical_first: Sequence[str]) -> dict[str, str]:
    """The rule as it ran before the index: count shared shingles against every earlier passage.

    Every passage (also a repeat) is a candidate; the one sharing most shingles wins, and a copy of a
    copy points at the original. Its cost grows with the square of the number of similar passages.
    """
    def words(text: str) -> set[tuple[str, ...]]:
        w = re.findall(r"\w+", text.casefold())
        return {tuple(w[i:i + 5]) for i in range(len(w) - 4)}

    rank = {path: i for i, path in enumerate(canonical_first)}
    order = sorted(range(len(passages)), key=lambda i: (passages[i].kind != "afspraak", rank.get(
        passages[i].document, len(rank)), passages[i].document, passages[i].start))
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)
    original_of: dict[int, int] = {}
    for i in order:
        p, s = passages[i], words(passages[i].text)
        counts: dict[int, int] = defaultdict(int)
        for sh in s if len(s) >= MIN_SHINGLES else ():
            for j in index.get(sh, ()):
                if (passages[j].document, passages[j].subdocument) != (p.document, p.subdocument):
                    counts[j] += 1
        if counts:
            j, shared = max(counts.items(), key=lambda kv: (kv[1], -kv[0]))
            if shared / len(s) >= CONTAINMENT:
                original_of[i] = original_of.get(j, j)
        for sh in s:
            index[sh].append(i)
    return {passages[i].id: passages[j].id for i, j in original_of.items()}


@pytest.fixture(scope="module")
def unlinked(corpus) -> tuple[list[Passage], list[str]]:
    """The real corpus's passages before linking, and the documents read first (the originals)."""
    originals = [path for path, info in corpus.infos.items() if info.duplicate_of is None]
    return [replace(p, duplicate_of=None) for p in corpus.passages], originals


def test_same_links_as_comparing_every_earlier_passage(unlinked) -> None:
    passages, originals = unlinked
    linked = {p.id: p.duplicate_of for p in link_duplicates(passages, canonical_first=originals) if p.duplicate_of}
    assert linked == reference_links(passages, originals)
    assert len(linked) >= 15  # file 001 repeats the SNN letter; letters quote each other


def test_same_links_when_proposers_are_few(unlinked, monkeypatch) -> None:
    """Boilerplate lists fill up at once; the recount keeps the real corpus's answer all the same."""
    passages, originals = unlinked
    monkeypatch.setattr(duplicates, "PROPOSERS", 2)
    linked = {p.id: p.duplicate_of for p in link_duplicates(passages, canonical_first=originals) if p.duplicate_of}
    assert linked == reference_links(passages, originals)


def test_copies_of_a_document_point_at_the_original_not_at_each_other() -> None:
    text = ("Rijk en regio spreken af dat de woningbouwopgave in de regio Zwolle met voorrang wordt "
            "uitgevoerd en dat de bereikbaarheid van de nieuwe wijken vóór 2030 op orde is.")
    passages = [Passage(id=f"d{k}-1", document=f"d{k}.txt", subdocument=None, start=0, end=len(text),
                        text=text, heading_path=(), page=None, kind="paragraph") for k in range(50)]
    linked = link_duplicates(passages, canonical_first=["d0.txt"])
    assert linked[0].duplicate_of is None
    assert {p.duplicate_of for p in linked[1:]} == {"d0-1"}
    originals = duplicates.Originals(passages)
    originals.add(0, duplicates.shingles(text))
    assert max(len(v) for v in originals.holders.values()) == 1  # copies add nothing to the index
