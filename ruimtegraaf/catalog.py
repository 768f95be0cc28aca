"""What the corpus catalog says of each document, as ingest writes it into the build for the server.

Ingest reads `catalog.ttl` (module `ingest.catalog`); the server never does. It reads this file of
the build: per corpus file its title, kind, date and sub-documents (with their character ranges), and
per document the short title (`dcterms:alternative`) pages name it by.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ruimtegraaf.model import DocumentInfo, SubDocument


@dataclass(frozen=True)
class DocumentCatalog:
    """The catalog entries of a build's documents.

    >>> import tempfile
    >>> info = DocumentInfo("a.txt", "a", "Brief", subdocuments=(SubDocument("a-1", "Bijlage", 0, 9, 1, 2),))
    >>> path = Path(tempfile.mkdtemp()) / "catalog.json"
    >>> write_catalog(path, DocumentCatalog({"a.txt": info}, {"a": "Brief A"}))
    >>> read_catalog(path) == DocumentCatalog({"a.txt": info}, {"a": "Brief A"})
    True
    """

    documents: dict[str, DocumentInfo] = field(default_factory=dict)  # corpus path -> its entry
    short_titles: dict[str, str] = field(default_factory=dict)  # document or sub-document ref -> short title


def write_catalog(path: Path, catalog: DocumentCatalog) -> None:
    """The catalog as JSON (what the server reads instead of catalog.ttl)."""
    value = {"documents": {p: asdict(info) for p, info in catalog.documents.items()},
             "short_titles": catalog.short_titles}
    path.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")


def read_catalog(path: Path) -> DocumentCatalog:
    """The catalog a build holds; OSError or ValueError when it is missing or damaged."""
    value = json.loads(path.read_text(encoding="utf-8"))
    return DocumentCatalog({p: _info(d) for p, d in value["documents"].items()}, dict(value["short_titles"]))


def _info(d: dict[str, Any]) -> DocumentInfo:
    d = dict(d)
    d["subdocuments"] = tuple(SubDocument(**s) for s in d.get("subdocuments", ()))
    return DocumentInfo(**d)
