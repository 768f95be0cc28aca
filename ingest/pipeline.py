"""Ingest: corpus → passages → graph → validated store + search index, built aside and switched atomically.

Any error (unreadable file, shapes violated, a crash) leaves the previous build serving; the next
ingest removes what a killed one left. The build keeps the corpus files exactly as read
(`builds/<id>/corpus/`) and every document's text, so the server never reads the corpus folder, and
the report says which files changed since the build that served.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from ingest.catalog import CATALOG_FILE, corpus_files, load_catalog, load_records
from ingest.corpus import Corpus, IngestReport
from ingest.duplicates import link_duplicates
from ingest.readers import read_bytes, read_document
from ingest.reuse import DocumentCache, code_stamp, info_key
from ingest.segment import segment
from ruimtegraaf.builds import CATALOG_JSON, CORPUS_DIR, PASSAGES_FILE, STORE_DIR, DataFolder, read_manifest
from ruimtegraaf.catalog import DocumentCatalog, write_catalog
from ruimtegraaf.embed import Embedder
from ruimtegraaf.errors import DataFolderUnwritable, RuimtegraafError
from ruimtegraaf.model import DocumentInfo, Passage, SourceText, write_passages
from ruimtegraaf.normalize import furniture_spans
from ruimtegraaf.privacy import contact_spans
from ruimtegraaf.settings import Settings


def read_corpus(corpus_dir: Path, cache: DocumentCache | None = None, snapshot: Path | None = None) -> Corpus:
    """Read every corpus file and segment it; raises InputError naming the first bad file.

    With a `cache`, a file whose bytes and catalog entry the previous build saw is not read or
    segmented again; its text and passages come from the cache (and are kept for the next ingest).
    With a `snapshot` folder, the bytes read (and catalog.ttl) are written there and the catalog is
    read from it, so the build holds exactly what it was made from (`Corpus.corpus_dir` is then it).
    """
    if not corpus_dir.is_dir():
        raise RuimtegraafError(f"corpus folder {corpus_dir} does not exist; set RUIMTEGRAAF_CORPUS or --corpus")
    read: dict[str, SourceText] = {}
    keys: dict[str, str] = {}
    for path in corpus_files(corpus_dir):
        raw = read_bytes(corpus_dir / path)
        if snapshot is not None:
            _keep_bytes(snapshot / path, raw)
        keys[path] = DocumentCache.key(raw)
        known = cache.source(keys[path]) if cache is not None else None
        read[path] = known if known is not None and known.path == path else read_document(corpus_dir / path,
                                                                                           corpus_dir, raw)
    if snapshot is not None:
        if (corpus_dir / CATALOG_FILE).is_file():
            _keep_bytes(snapshot / CATALOG_FILE, read_bytes(corpus_dir / CATALOG_FILE))
        snapshot.mkdir(parents=True, exist_ok=True)
        corpus_dir = snapshot
    infos = load_catalog(corpus_dir, {path: source.text for path, source in read.items()})
    sources = {path: _with_unit_pages(read[path], infos[path]) for path in infos}
    passages: list[Passage] = []
    reused: list[str] = []
    for path, source in sources.items():
        segment_key = info_key(infos[path])
        cut = cache.passages(keys[path], segment_key) if cache is not None else None
        if cut is not None and all(p.document == path for p in cut):
            reused.append(path)
        else:
            cut = segment(source, infos[path], skip_spans=furniture_spans(source.text),
                          barrier_spans=contact_spans(source.text))
        if cache is not None:
            cache.keep(keys[path], read[path], segment_key, cut)
        passages.extend(cut)
    originals = [p for p, info in infos.items() if info.duplicate_of is None]
    return Corpus(corpus_dir, sources, infos, link_duplicates(passages, canonical_first=originals), reused, keys)


def document_catalog(corpus: Corpus, base: str) -> DocumentCatalog:
    """What the server needs of the catalog: each file's entry and the short titles of the documents."""
    records = load_records(corpus.corpus_dir, base)
    return DocumentCatalog(dict(corpus.infos), {ref: r.short_title for ref, r in records.items() if r.short_title})


def _keep_bytes(target: Path, raw: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(raw)


def corpus_changes(previous: dict[str, Any] | None, corpus: Corpus) -> dict[str, list[str]]:
    """Which documents were added, changed or removed since the build with manifest `previous`."""
    before: dict[str, str] = (previous or {}).get("documents", {})
    now = {path: hashlib.sha256(s.text.encode("utf-8")).hexdigest() for path, s in corpus.sources.items()}
    return {"added": sorted(set(now) - set(before)), "removed": sorted(set(before) - set(now)),
            "changed": sorted(p for p in set(now) & set(before) if now[p] != before[p])}


def ingest(settings: Settings, embedder: Embedder, *, full: bool = False,
           log: Callable[[str], None] = lambda _: None) -> IngestReport:
    """Build a new data set from the corpus and make it the one that serves.

    Unless `full`, what the serving build already holds for unchanged documents is taken over
    (module `ingest.reuse`): adding, replacing or removing one document redoes that document only.
    An unwritable data folder is one line (DataFolderUnwritable); another ingest running is refused.
    """
    folder = DataFolder(settings.data_dir)
    try:
        with folder.lock():
            return _ingest(folder, settings, embedder, full, log)
    except OSError as error:
        if isinstance(error, RuimtegraafError):  # e.g. an external store that cannot be reached
            raise
        raise DataFolderUnwritable(settings.data_dir, error) from None


def _ingest(folder: DataFolder, settings: Settings, embedder: Embedder, full: bool,
            log: Callable[[str], None]) -> IngestReport:
    from ingest.build import build_graph_and_index  # the heavier half: graph, shapes, store, index

    leftovers = folder.clean()
    if leftovers:
        log(f"removed {len(leftovers)} unfinished build(s) of an earlier ingest that was stopped")
    current = folder.current()
    previous = None if full else _reusable(current, settings, log)
    build = folder.new_build()
    report = IngestReport(build, leftovers=len(leftovers))
    created = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    try:
        t0 = time.perf_counter()
        corpus = read_corpus(settings.corpus_dir, DocumentCache(previous, build), snapshot=build / CORPUS_DIR)
        report.changes = corpus_changes(read_manifest(current) if current else None, corpus)
        for kind, paths in report.changes.items():
            if paths and current is not None:
                log(f"{kind} since the build that serves: {', '.join(paths)}")
        report.seconds["read+segment"] = time.perf_counter() - t0
        report.documents_reused = len(corpus.reused)
        log(f"read {len(corpus.sources)} documents into {len(corpus.passages)} passages"
            + (f" ({len(corpus.reused)} taken over from the previous build)" if corpus.reused else ""))
        write_passages(build / PASSAGES_FILE, corpus.passages)
        write_catalog(build / CATALOG_JSON, document_catalog(corpus, settings.base_iri))
        build_graph_and_index(corpus, settings, embedder, build, previous, current, report, log, created)
        _push_to_external_store(settings, build, report, log)
        folder.publish(build, _manifest(corpus, settings, embedder, report, created))
    except BaseException:
        folder.discard(build)
        raise
    for p in corpus.passages:
        report.passages[p.document] = report.passages.get(p.document, 0) + 1
    return report


def _reusable(current: Path | None, settings: Settings, log: Callable[[str], None]) -> Path | None:
    """The serving build when its documents, graphs and vectors may be taken over, else None."""
    if current is None:
        return None
    manifest = read_manifest(current)
    if manifest.get("base_iri") != settings.base_iri or manifest.get("ingest_code") != code_stamp():
        log("the serving build was made with other code or another base IRI: rebuilding everything")
        return None
    return current


def _push_to_external_store(settings: Settings, build: Path, report: IngestReport,
                            log: Callable[[str], None]) -> None:
    """With an external SPARQL server configured, bring its named graphs to the new build's (per graph).

    After an incremental ingest only the graphs that changed (and the new dataset description) are sent;
    the others are already there.
    """
    if not (settings.store_url and (settings.store_gsp_url or settings.store_update_url)):
        return
    from ruimtegraaf.dataset_description import description_graph_iri
    from ruimtegraaf.remote_store import RemoteStore, sync_graphs
    from ruimtegraaf.store import EmbeddedStore

    only = [*report.graphs_written, description_graph_iri(settings.base_iri)] if report.incremental else None
    count = sync_graphs(EmbeddedStore(build / STORE_DIR, read_only=True), RemoteStore.from_settings(settings), only)
    log(f"sent {count} named graphs to {settings.store_url}")


def _with_unit_pages(source: SourceText, info: DocumentInfo) -> SourceText:
    """An embedded document starts on a new page even when its first line carries no page signal."""
    if not source.page_starts or not info.subdocuments:
        return source
    starts = set(source.page_starts)
    starts.update(u.start for u in info.subdocuments if u.start > 0)
    return replace(source, page_starts=tuple(sorted(starts)))


def _manifest(corpus: Corpus, settings: Settings, embedder: Embedder, report: IngestReport,
              created: str) -> dict[str, Any]:
    return {
        "created": created,
        "base_iri": settings.base_iri,
        "ingest_code": code_stamp(),
        "embedding_model": embedder.name,
        "documents": {path: hashlib.sha256(s.text.encode("utf-8")).hexdigest() for path, s in corpus.sources.items()},
        "sources": corpus.keys,  # the documents/<key>.json that holds each text (what the server reads)
        "passages": len(corpus.passages),
        "afspraken": report.afspraken,
        "triples": report.triples,
        "seconds": report.seconds,
        "incremental": report.incremental,
    }
