"""What an ingest takes over from the build that serves, so that one changed document costs one document.

Each build keeps, per corpus file, what reading and segmenting it gave (`documents/<key>.json`, keyed by
the file's bytes and the ingest code). The next ingest reads and segments only files whose bytes, catalog
entry or code changed; their passages are embedded only when their text is new (the search index reuses
vectors by text), and only the named graphs whose triples changed are validated and written.

Steps that relate documents to each other (repeated passages, agreement references, meetings several
documents report on) run over all passages every time, from the kept passages: they are quick, and a
new document may change what an old one links to. The result is the same as a rebuild (tested).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict
from functools import lru_cache
from pathlib import Path

from ruimtegraaf.builds import DOCUMENTS_DIR
from ruimtegraaf.model import DocumentInfo, Passage, SourceText, passage_from_json

# the code and vocabularies that decide passages and triples (the core modules ingest calls)
CODE_PACKAGES = ("ingest", "ontology", "shapes")
CODE_MODULES = ("ruimtegraaf.iris", "ruimtegraaf.gazetteer", "ruimtegraaf.embed", "ruimtegraaf.validation",
                "ruimtegraaf.register", "ruimtegraaf.model", "ruimtegraaf.normalize", "ruimtegraaf.privacy",
                "ruimtegraaf.mentions", "ruimtegraaf.amounts", "ruimtegraaf.months")
# the other core modules ingest imports, and why a change to them cannot change what a build reuses
# (tests/test_imports.py checks that every core module ingest imports is in one of the two)
NOT_CODE_MODULES = {
    "ruimtegraaf": "the package itself",
    "ruimtegraaf.builds": "where a build's files go, not what they hold",
    "ruimtegraaf.catalog": "writes catalog.json afresh in every build",
    "ruimtegraaf.dataset_description": "the description is made afresh for every build",
    "ruimtegraaf.errors": "error types",
    "ruimtegraaf.index": "the search index reuses vectors by passage text, not by this stamp",
    "ruimtegraaf.remote_store": "sends the finished graphs to an external store",
    "ruimtegraaf.settings": "settings; the base IRI is checked on its own (pipeline._reusable)",
    "ruimtegraaf.store": "stores triples, does not decide them",
}
CODE_SUFFIXES = (".py", ".ttl", ".jsonld", ".csv")  # .csv: the TOOI registers and curated names


@lru_cache(maxsize=1)
def code_stamp() -> str:
    """A hash of the code and vocabularies that turn documents into passages and triples.

    A build made by other code is not reused: the next ingest rebuilds everything.
    """
    import importlib

    def source(name: str) -> Path:
        return Path(importlib.import_module(name).__file__ or "")

    files = [source(m) for m in CODE_MODULES]
    for name in CODE_PACKAGES:
        folder = source(name).parent
        files += sorted(p for p in folder.rglob("*") if p.suffix in CODE_SUFFIXES and "__pycache__" not in p.parts)
    digest = hashlib.sha256()
    for path in files:
        digest.update(f"{path.parent.name}/{path.name}".encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def info_key(info: DocumentInfo) -> str:
    """A hash of a file's catalog entry (its sub-documents decide where passages break)."""
    return hashlib.sha256(repr(info).encode("utf-8")).hexdigest()[:16]


class DocumentCache:
    """Read-and-segment results per corpus file: looked up in the previous build, kept in the new one.

    >>> import tempfile
    >>> new = Path(tempfile.mkdtemp())
    >>> cache = DocumentCache(None, new)
    >>> key = cache.key(b"tekst")
    >>> cache.source(key) is None
    True
    >>> cache.keep(key, SourceText("a.txt", "tekst"), "i", [])
    >>> DocumentCache(new, Path(tempfile.mkdtemp())).source(key).text
    'tekst'
    """

    def __init__(self, previous: Path | None, build: Path) -> None:
        self.previous = previous / DOCUMENTS_DIR if previous is not None else None
        self.folder = build / DOCUMENTS_DIR
        self.folder.mkdir(parents=True, exist_ok=True)
        self._infos: dict[str, str] = {}  # key -> the catalog-entry key the previous build segmented under

    @staticmethod
    def key(raw: bytes) -> str:
        """The key of a file's bytes as read by this code."""
        return hashlib.sha256(code_stamp().encode() + b"\0" + raw).hexdigest()[:32]

    def source(self, key: str) -> SourceText | None:
        """The text the previous build read from these bytes, if it kept it."""
        entry = self._entry(key)
        if entry is None:
            return None
        s = entry["source"]
        return SourceText(s["path"], s["text"], tuple(s["page_starts"]))

    def passages(self, key: str, info: str) -> list[Passage] | None:
        """The passages (before linking repeats) the previous build cut from these bytes under this catalog entry."""
        entry = self._entry(key) if self._infos.get(key, info) == info else None
        if entry is None or entry["info"] != info:
            return None
        return [passage_from_json(d) for d in entry["passages"]]

    def keep(self, key: str, source: SourceText, info: str, passages: list[Passage]) -> None:
        """Keep a file's text and passages in the new build (a hard link when nothing changed)."""
        target = self.folder / f"{key}.json"
        old = self.previous / f"{key}.json" if self.previous is not None else None
        if old is not None and self._infos.get(key) == info:
            try:
                os.link(old, target)
                return
            except OSError:
                pass  # another file system: write a copy
        value = {"source": asdict(source), "info": info, "passages": [asdict(p) for p in passages]}
        target.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")

    def _entry(self, key: str) -> dict | None:
        """The previous build's entry for a file, read each time it is asked for: entries are not kept in
        memory (at scale they hold every text and passage of the corpus a second time)."""
        path = self.previous / f"{key}.json" if self.previous is not None else None
        if path is None or not path.is_file():
            return None
        try:
            entry = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None  # a damaged entry is read again from the corpus
        self._infos[key] = entry["info"]
        return entry
