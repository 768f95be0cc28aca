"""The data folder: every ingest builds aside in `builds/<id>/`, then `current` is switched atomically.

A failed or killed ingest leaves `current` pointing at the previous build, which keeps serving; the
next ingest removes what it left (`clean`), under a lock that keeps two ingests from building at once.
A build is self-contained: the server reads nothing but the build, never the corpus folder.

    data/
      .ingest.lock                 held (flock) while an ingest runs
      current -> builds/20261122T161000Z-1234   (a relative symlink, replaced with os.replace)
      builds/<id>/store/           pyoxigraph store, one named graph per document
      builds/<id>/index/           search index (BM25 + FAISS)
      builds/<id>/passages.jsonl   every passage with its offsets
      builds/<id>/afspraken.json   the agreements as served by /api/afspraken
      builds/<id>/catalog.json     titles, kinds, dates and sub-document ranges of the documents
      builds/<id>/description.nt   the dataset description (DCAT-AP-NL, VoID) as served by /dataset
      builds/<id>/documents/       per corpus file: its text and passages, reused by the next ingest
      builds/<id>/corpus/          the corpus files and catalog.ttl exactly as this build read them
      builds/<id>/manifest.json    what went in (and which documents/ entry holds each text), counts
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ruimtegraaf.errors import RuimtegraafError

CURRENT = "current"
BUILDS = "builds"
MANIFEST = "manifest.json"
STORE_DIR = "store"
INDEX_DIR = "index"
PASSAGES_FILE = "passages.jsonl"
AFSPRAKEN_FILE = "afspraken.json"
CATALOG_JSON = "catalog.json"
DESCRIPTION_FILE = "description.nt"
DOCUMENTS_DIR = "documents"
CORPUS_DIR = "corpus"
LOCK = ".ingest.lock"
KEEP = 2  # the current build and the one before it (reused for incremental index builds)


class DataFolder:
    """Builds in a data folder and the pointer to the one that serves.

    >>> import tempfile
    >>> d = DataFolder(Path(tempfile.mkdtemp()))
    >>> d.current() is None
    True
    >>> b = d.new_build(); d.publish(b, {"passages": 1}); d.current() == b
    True
    """

    def __init__(self, root: Path) -> None:
        self.root = root

    def current(self) -> Path | None:
        """The build that serves, or None before the first successful ingest."""
        link = self.root / CURRENT
        if not link.is_symlink() and not link.exists():
            return None
        target = link.resolve()
        return target if (target / MANIFEST).is_file() else None

    def new_build(self) -> Path:
        """A fresh, empty folder to build in."""
        stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
        build = self.root / BUILDS / f"{stamp}-{os.getpid()}-{time.monotonic_ns() % 10**6}"
        build.mkdir(parents=True)
        return build

    def publish(self, build: Path, manifest: dict[str, Any]) -> None:
        """Write the manifest, then point `current` at the build in one atomic rename."""
        (build / MANIFEST).write_text(json.dumps(manifest, indent=1, ensure_ascii=False), encoding="utf-8")
        tmp = self.root / f".{CURRENT}.{os.getpid()}"
        if tmp.is_symlink() or tmp.exists():
            tmp.unlink()
        tmp.symlink_to(build.relative_to(self.root))
        os.replace(tmp, self.root / CURRENT)
        self.prune()

    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        """Hold the ingest lock; RuimtegraafError when another ingest holds it."""
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / LOCK, "a+b") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise RuimtegraafError(f"another ingest is building in {self.root}; wait for it to finish") from None
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def clean(self) -> list[Path]:
        """Remove builds that never finished (an ingest killed midway); call it holding the lock."""
        current = self.current()
        left = [b for b in (self.root / BUILDS).glob("*") if b != current and not (b / MANIFEST).is_file()]
        for build in left:
            shutil.rmtree(build, ignore_errors=True)
        for link in self.root.glob(f".{CURRENT}.*"):  # a switch interrupted between symlink and rename
            with contextlib.suppress(OSError):
                link.unlink()
        return left

    def discard(self, build: Path) -> None:
        """Remove a build that failed."""
        shutil.rmtree(build, ignore_errors=True)

    def prune(self) -> None:
        """Keep the current build and the newest other finished one; drop the rest and stale leftovers."""
        current = self.current()
        builds = sorted((self.root / BUILDS).glob("*"), key=lambda p: p.name, reverse=True)
        kept = 0
        for b in builds:
            if b == current:
                continue
            finished = (b / MANIFEST).is_file()
            if finished and kept < KEEP - 1:
                kept += 1
                continue
            if finished or _older_than(b, 3600):
                shutil.rmtree(b, ignore_errors=True)

    def previous(self) -> Path | None:
        """The newest finished build other than the current one (for reuse), if any."""
        current = self.current()
        for b in sorted((self.root / BUILDS).glob("*"), key=lambda p: p.name, reverse=True):
            if b != current and (b / MANIFEST).is_file():
                return b
        return None


def self_contained(build: Path) -> bool:
    """Whether a build holds its texts, corpus copy and catalog (builds of older versions read the corpus folder)."""
    try:
        return "sources" in read_manifest(build) and (build / CORPUS_DIR).is_dir() and (build / CATALOG_JSON).is_file()
    except (OSError, ValueError):
        return False


def read_manifest(build: Path) -> dict[str, Any]:
    """The manifest of a finished build."""
    return json.loads((build / MANIFEST).read_text(encoding="utf-8"))


def _older_than(path: Path, seconds: float) -> bool:
    try:
        return time.time() - path.stat().st_mtime > seconds
    except OSError:
        return False
