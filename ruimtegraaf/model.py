"""The records ingest produces and the server reads: documents as read, their catalog entries, and passages.

Passages travel from ingest to the server as JSON lines in the build (`write_passages`, `read_passages`).
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class SourceText:
    """A document as its reader extracted it: the text every offset indexes, and where pages start.

    `page_starts[k]` is the character offset where page k+1 begins; empty when pages are unknown.
    """

    path: str  # relative to the corpus folder, with forward slashes
    text: str
    page_starts: tuple[int, ...] = ()

    def page_at(self, offset: int) -> int | None:
        """The 1-based page that holds `offset`, or None when the reader knows no pages.

        >>> SourceText("a.txt", "one\\ntwo\\n", (0, 4)).page_at(5)
        2
        """
        if not self.page_starts:
            return None
        return max(1, bisect.bisect_right(self.page_starts, offset))


@dataclass(frozen=True)
class SubDocument:
    """One document embedded in a file (a bundle holds several); a passage never crosses one."""

    ref: str  # stable slug, unique in the corpus, e.g. "afsprakenlijst-bol-2025"
    title: str
    start: int  # character range in the file
    end: int
    first_line: int  # 1-based, inclusive
    last_line: int
    kind: str = "Document"  # rg: document type local name, e.g. "Kamerbrief"
    date: str | None = None  # ISO date


@dataclass(frozen=True)
class DocumentInfo:
    """What the catalog says about one corpus file (sensible defaults when it says nothing)."""

    path: str
    ref: str  # stable slug of the file, e.g. "000_e8c17795db0e2ae2"
    title: str
    kind: str = "Document"
    date: str | None = None
    subdocuments: tuple[SubDocument, ...] = ()
    duplicate_of: str | None = None  # path of the file this one repeats (lossier copy)


@dataclass(frozen=True)
class Passage:
    """A span of a corpus file that follows the document's structure; the unit we cite and index.

    `text` is exactly `source.text[start:end]`. `id` is derived from the document and the passage's
    own (normalised) content, so it survives re-ingest and edits elsewhere.
    """

    id: str
    document: str  # path relative to the corpus folder
    start: int
    end: int
    text: str
    page: int | None = None
    subdocument: str | None = None  # SubDocument.ref
    heading_path: tuple[str, ...] = ()
    kind: str = "paragraph"  # paragraph | bullet | afspraak | field | heading | footnote
    lead_in: str | None = None  # a lead-in line the bullet continues, e.g. "Rijk en Regio spreken af:"
    group: str | None = None  # for parts: the id shared by all parts of one agreement
    part: int | None = None  # 1-based part number when an agreement is split at "o" boundaries
    parts: int | None = None
    duplicate_of: str | None = None  # id of the passage this one repeats (same content elsewhere)
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)


def subdocument_at(info: DocumentInfo, offset: int) -> SubDocument | None:
    """The (innermost) sub-document that holds character `offset`, or None in a gap between them."""
    holding = [s for s in info.subdocuments if s.start <= offset < s.end]
    return max(holding, key=lambda s: s.start) if holding else None


def passage_from_json(d: dict[str, Any]) -> Passage:
    """A passage as written by `dataclasses.asdict`.

    >>> p = Passage("p1", "a.txt", 0, 5, "tekst", heading_path=("A", "B"))
    >>> passage_from_json(json.loads(json.dumps(asdict(p)))) == p
    True
    """
    d = dict(d)
    d["heading_path"] = tuple(d["heading_path"])
    return Passage(**d)


def write_passages(path: Path, passages: Iterable[Passage]) -> None:
    """Passages as JSON lines (the API loads them into memory)."""
    with path.open("w", encoding="utf-8") as f:
        for p in passages:
            f.write(json.dumps(asdict(p), ensure_ascii=False) + "\n")


def read_passages(path: Path) -> list[Passage]:
    """The passages of a build, in document order."""
    with path.open(encoding="utf-8") as f:
        return [passage_from_json(json.loads(line)) for line in f]
