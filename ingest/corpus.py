"""What an ingest works on and what it reports: the corpus as read (`Corpus`) and the `IngestReport`.

Their own module, so that the steps of an ingest (ingest/build.py, graph.py, knowledge.py …) can name
them without importing the pipeline that calls those steps.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ruimtegraaf.model import DocumentInfo, Passage, SourceText


@dataclass
class IngestReport:
    """What an ingest produced and how long each step took."""

    build: Path
    passages: dict[str, int] = field(default_factory=dict)  # per document
    triples: int = 0
    afspraken: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    incremental: bool = False  # graphs and store taken over from the previous build
    documents_reused: int = 0  # files not read or segmented again
    graphs_written: list[str] = field(default_factory=list)  # named graphs replaced in the store
    graphs_removed: list[str] = field(default_factory=list)
    graphs_validated: int = 0
    passages_embedded: int = 0
    changes: dict[str, list[str]] = field(default_factory=dict)  # added / changed / removed since the last build
    leftovers: int = 0  # unfinished builds of killed ingests removed

    def summary(self) -> str:
        """A few lines for the terminal."""
        docs = ", ".join(f"{d}: {n}" for d, n in self.passages.items())
        steps = ", ".join(f"{k} {v:.1f}s" for k, v in self.seconds.items())
        how = (f"incremental: {self.documents_reused} documents taken over, {len(self.graphs_written)} graphs "
               f"written, {len(self.graphs_removed)} removed, " if self.incremental else "full build: ")
        changed = "; ".join(f"{kind}: {', '.join(paths)}" for kind, paths in self.changes.items() if paths)
        return (f"built {self.build}\n" + (f"corpus changes since the last build: {changed}\n" if changed else "")
                + f"passages per document: {docs}\n"
                f"{sum(self.passages.values())} passages, {self.afspraken} afspraken, {self.triples} triples\n"
                f"{how}{self.graphs_validated} graphs validated, {self.passages_embedded} passages embedded\n"
                f"time: {steps}")


@dataclass
class Corpus:
    """The documents as read, their catalog entries and their passages."""

    corpus_dir: Path
    sources: dict[str, SourceText]
    infos: dict[str, DocumentInfo]
    passages: list[Passage]
    reused: list[str] = field(default_factory=list)  # files taken over from the previous build unread
    keys: dict[str, str] = field(default_factory=dict)  # path -> the DocumentCache entry of its text
