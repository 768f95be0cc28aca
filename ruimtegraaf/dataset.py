"""A finished build loaded for serving, and the handle that swaps in a newer build when one is published.

The build is the truth: texts, passages, graph, index and the corpus catalog all come from the build
(its `documents/` entries, `passages.jsonl` and `catalog.json`), never from the corpus folder, so
editing or deleting a corpus file changes nothing that is served until the next ingest.

What the server works out from a dataset once (the lexicon, the masked texts, the themes of the
agreements …) is a `Derived` value: a typed, named cache kept on the dataset while it serves.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from ruimtegraaf.builds import (
    AFSPRAKEN_FILE,
    CATALOG_JSON,
    CORPUS_DIR,
    DOCUMENTS_DIR,
    INDEX_DIR,
    PASSAGES_FILE,
    STORE_DIR,
    DataFolder,
    read_manifest,
)
from ruimtegraaf.catalog import DocumentCatalog, read_catalog
from ruimtegraaf.embed import Embedder
from ruimtegraaf.errors import BuildUnusable, NoData, RuimtegraafError
from ruimtegraaf.index import SearchIndex
from ruimtegraaf.model import Passage, read_passages
from ruimtegraaf.privacy import mask
from ruimtegraaf.store import EmbeddedStore, GraphStore

T = TypeVar("T")
log = logging.getLogger(__name__)


class Derived(Generic[T]):
    """A value made from a dataset on first use and kept while that dataset serves: `LEXICON.of(ds)`.

    Declare one per kind of value, at module level, so that the cache has a name and a type.

    >>> SIZE = Derived(lambda ds: len(ds.passages))
    >>> ds = Dataset(None, {}, [], None, None, [], {})  # type: ignore[arg-type]  # no store or index needed
    >>> SIZE.of(ds), SIZE.of(ds) is SIZE.of(ds)
    (0, True)
    """

    def __init__(self, make: Callable[[Dataset], T]) -> None:
        self.make = make

    def of(self, ds: Dataset) -> T:
        return ds.cached(self)


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
    catalog: DocumentCatalog = field(default_factory=DocumentCatalog)  # titles, dates, sub-documents
    warm: bool = False  # the server's background warm-up of this dataset has finished (/health says so)

    def __post_init__(self) -> None:
        self.by_id = {p.id: p for p in self.passages}
        self._derived: dict[object, Any] = {}
        self._derived_lock = threading.RLock()  # a derived value may be made from another one

    def cached(self, value: Derived[T]) -> T:
        """The dataset's `value`, made on first use."""
        with self._derived_lock:
            if value not in self._derived:
                self._derived[value] = value.make(self)
            return self._derived[value]  # type: ignore[no-any-return]  # stored by this very Derived[T]

    @property
    def masked_texts(self) -> dict[str, str]:
        """The texts with contact data masked at the same length: what document views serve."""
        return MASKED_TEXTS.of(self)

    @classmethod
    def load(cls, build: Path, corpus_dir: Path | None, embedder: Embedder, *, store: GraphStore | None = None,
             **fusion: float) -> Dataset:
        """Open a finished build read-only; `store` replaces the build's own store (an external server).

        `corpus_dir` is not read (the build holds its own copy); BuildUnusable when the build lacks
        what it needs (made by an older version) or a text does not match its manifest.
        """
        manifest = read_manifest(build)
        passages = read_passages(build / PASSAGES_FILE)
        texts = build_texts(build, manifest)
        afspraken_path = build / AFSPRAKEN_FILE
        afspraken = json.loads(afspraken_path.read_text(encoding="utf-8")) if afspraken_path.is_file() else []
        try:
            catalog = read_catalog(build / CATALOG_JSON)
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise BuildUnusable(build, f"its catalog cannot be read ({error}); it was made by an older version"
                                ) from None
        return cls(build, manifest, passages, store or EmbeddedStore(build / STORE_DIR, read_only=True),
                   SearchIndex.load(build / INDEX_DIR, embedder, **fusion), afspraken, texts, catalog)


MASKED_TEXTS: Derived[dict[str, str]] = Derived(lambda ds: {path: mask(text) for path, text in ds.texts.items()})


def build_texts(build: Path, manifest: dict[str, Any]) -> dict[str, str]:
    """Every document's text as the build read it (its documents/ entry), checked against the manifest."""
    sources = manifest.get("sources")
    if sources is None or not (build / CORPUS_DIR).is_dir():
        raise BuildUnusable(build, "it does not hold its document texts (it was made by an older version)")
    texts = {}
    for path, digest in manifest.get("documents", {}).items():
        entry = build / DOCUMENTS_DIR / f"{sources.get(path)}.json"
        try:
            text = json.loads(entry.read_text(encoding="utf-8"))["source"]["text"]
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise BuildUnusable(build, f"the text of {path} cannot be read ({error})") from None
        if hashlib.sha256(text.encode("utf-8")).hexdigest() != digest:
            raise BuildUnusable(build, f"the text of {path} is not the one the build was made from")
        texts[path] = text
    return texts


class ServedData:
    """The dataset that serves now; picks up a newly published build on the next request.

    A failed ingest never publishes, so the dataset loaded last keeps serving; so does it when a newly
    published build cannot be loaded (that is logged, and tried again at the next check).
    """

    def __init__(self, folder: DataFolder, corpus_dir: Path, embedder: Embedder, *, check_every: float = 1.0,
                 fusion: dict[str, float] | None = None,
                 open_store: Callable[[Path], GraphStore] | None = None,
                 on_load: Callable[[Dataset], None] | None = None) -> None:
        self.folder, self.corpus_dir, self.embedder = folder, corpus_dir, embedder
        self.open_store = open_store
        self.on_load = on_load  # run in the background for each dataset loaded (the server warms its caches)
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
                try:
                    store = self.open_store(build) if self.open_store else None
                    self._dataset = Dataset.load(build, self.corpus_dir, self.embedder, store=store, **self.fusion)
                    if self.on_load is not None:
                        threading.Thread(target=self._loaded, args=(self._dataset,), daemon=True,
                                         name="dataset-loaded").start()
                except (RuimtegraafError, OSError) as error:
                    if self._dataset is None:
                        raise
                    log.error("the new build %s cannot be served (%s); the previous one keeps serving", build, error)
            return self._dataset

    def _loaded(self, ds: Dataset) -> None:
        assert self.on_load is not None
        try:
            self.on_load(ds)
            ds.warm = True
        except Exception:  # a cache left cold is made on first use; serving goes on
            log.exception("after loading %s", ds.build)

    @classmethod
    def fixed(cls, dataset: Dataset) -> ServedData:
        """A handle that always serves one dataset (tests, embedding in other programs)."""
        handle = cls(DataFolder(Path("/nonexistent")), Path("."), dataset.index.embedder)
        handle._dataset = dataset
        handle.check_every = float("inf")
        return handle
