"""The data folder: every ingest builds aside in `builds/<id>/`, then `current` is switched atomically.

A failed or killed ingest leaves `current` pointing at the previous build, which keeps serving.

    data/
      current -> builds/20261122T161000Z-1234   (a relative symlink, replaced with os.replace)
      builds/<id>/store/           pyoxigraph store, one named graph per document
      builds/<id>/index/           search index (BM25 + FAISS)
      builds/<id>/passages.jsonl   every passage with its offsets
      builds/<id>/afspraken.json   the agreements as served by /api/afspraken
      builds/<id>/description.nt   the dataset description (DCAT-AP-NL, VoID) as served by /dataset
      builds/<id>/documents/       per corpus file: its text and passages, reused by the next ingest
      builds/<id>/manifest.json    what went in, counts, timings
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path
from typing import Any

CURRENT = "current"
BUILDS = "builds"
MANIFEST = "manifest.json"
STORE_DIR = "store"
INDEX_DIR = "index"
PASSAGES_FILE = "passages.jsonl"
AFSPRAKEN_FILE = "afspraken.json"
DESCRIPTION_FILE = "description.nt"
DOCUMENTS_DIR = "documents"
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


def read_manifest(build: Path) -> dict[str, Any]:
    """The manifest of a finished build."""
    return json.loads((build / MANIFEST).read_text(encoding="utf-8"))


def _older_than(path: Path, seconds: float) -> bool:
    try:
        return time.time() - path.stat().st_mtime > seconds
    except OSError:
        return False
