"""A finished build loaded for serving, and the handle that swaps in a newer build when one is published."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from ingest.model import Passage
from ruimtegraaf.builds import AFSPRAKEN_FILE, INDEX_DIR, PASSAGES_FILE, STORE_DIR, DataFolder, read_manifest
from ruimtegraaf.embed import Embedder
from ruimtegraaf.errors import NoData
from ruimtegraaf.index import SearchIndex
from ruimtegraaf.store import EmbeddedStore, GraphStore

T = TypeVar("T")


@dataclass
class Dataset:
    """Everything the API answers from: passages, graph store, search index, agreements, source texts."""

    build: Path | None
    manifest: dict[str, Any]
    passages: list[Passage]
    store: GraphStore
    index: SearchIndex
    afspraken: list[dict[str, Any]]
    texts: dict[str, str]  # corpus path -> text (the text citations index)
    corpus_dir: Path = Path("corpus")

    def __post_init__(self) -> None:
        self.by_id = {p.id: p for p in self.passages}
        self._derived: dict[str, Any] = {}
        self._derived_lock = threading.RLock()  # a derived value may be made from another one

    def derived(self, name: str, make: Callable[[Dataset], T]) -> T:
        """A value computed from this dataset once (lexicon, masked texts, …) and kept while it serves."""
        with self._derived_lock:
            if name not in self._derived:
                self._derived[name] = make(self)
            return self._derived[name]

    @property
    def masked_texts(self) -> dict[str, str]:
        """The texts with contact data masked at the same length: what document views serve."""
        from ingest.privacy import mask

        return self.derived("masked_texts", lambda ds: {path: mask(text) for path, text in ds.texts.items()})

    @classmethod
    def load(cls, build: Path, corpus_dir: Path, embedder: Embedder, *, store: GraphStore | None = None,
             **fusion: float) -> Dataset:
        """Open a finished build read-only; `store` replaces the build's own store (an external server)."""
        from ingest.pipeline import read_passages
        from ingest.readers import read_document

        manifest = read_manifest(build)
        passages = read_passages(build / PASSAGES_FILE)
        texts = {path: read_document(corpus_dir / path, corpus_dir).text for path in manifest.get("documents", {})}
        afspraken_path = build / AFSPRAKEN_FILE
        afspraken = json.loads(afspraken_path.read_text(encoding="utf-8")) if afspraken_path.is_file() else []
        return cls(build, manifest, passages, store or EmbeddedStore(build / STORE_DIR, read_only=True),
                   SearchIndex.load(build / INDEX_DIR, embedder, **fusion), afspraken, texts, corpus_dir)


class ServedData:
    """The dataset that serves now; picks up a newly published build on the next request.

    A failed ingest never publishes, so the dataset loaded last keeps serving.
    """

    def __init__(self, folder: DataFolder, corpus_dir: Path, embedder: Embedder, *, check_every: float = 1.0,
                 fusion: dict[str, float] | None = None,
                 open_store: Callable[[Path], GraphStore] | None = None) -> None:
        self.folder, self.corpus_dir, self.embedder = folder, corpus_dir, embedder
        self.open_store = open_store
        self.check_every = check_every
        self.fusion = fusion or {}
        self._lock = threading.Lock()
        self._dataset: Dataset | None = None
        self._checked = 0.0

    def get(self) -> Dataset:
        """The current dataset, reloading when `current` points at another build."""
        now = time.monotonic()
        if self._dataset is not None and now - self._checked < self.check_every:
            return self._dataset
        with self._lock:
            self._checked = now
            build = self.folder.current()
            if build is None:
                if self._dataset is None:
                    raise NoData(self.folder.root)
                return self._dataset
            if self._dataset is None or self._dataset.build != build:
                store = self.open_store(build) if self.open_store else None
                self._dataset = Dataset.load(build, self.corpus_dir, self.embedder, store=store, **self.fusion)
            return self._dataset

    @classmethod
    def fixed(cls, dataset: Dataset) -> ServedData:
        """A handle that always serves one dataset (tests, embedding in other programs)."""
        handle = cls(DataFolder(Path("/nonexistent")), Path("."), dataset.index.embedder)
        handle._dataset = dataset
        handle.check_every = float("inf")
        return handle
