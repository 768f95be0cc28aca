"""The second half of ingest: graph, SHACL validation, store, search index and agreement list."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ingest.graph import corpus_graphs, index_text
from ingest.knowledge import extract_knowledge
from ruimtegraaf.builds import AFSPRAKEN_FILE, INDEX_DIR, STORE_DIR
from ruimtegraaf.embed import Embedder
from ruimtegraaf.errors import ValidationFailed
from ruimtegraaf.index import IndexEntry, SearchIndex
from ruimtegraaf.settings import Settings
from ruimtegraaf.store import EmbeddedStore, rdflib_triples
from ruimtegraaf.validation import Report, validate

if TYPE_CHECKING:
    from ingest.pipeline import Corpus, IngestReport



def build_graph_and_index(corpus: Corpus, settings: Settings, embedder: Embedder, build: Path,
                          previous: Path | None, report: IngestReport, log: Callable[[str], None]) -> None:
    """Extract, validate, store and index into `build`; raises ValidationFailed before anything is stored."""
    t0 = time.perf_counter()
    knowledge = extract_knowledge(corpus, settings.base_iri)
    graphs = corpus_graphs(corpus, knowledge, settings.base_iri)
    report.afspraken = len(knowledge.afspraken)
    report.seconds["extract+graph"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    result = validate(graphs.values())
    report.seconds["validate"] = time.perf_counter() - t0
    if not result.conforms:
        raise ValidationFailed(result.text(limit=20))
    log(f"graph conforms to the shapes ({sum(len(g) for g in graphs.values())} triples)")

    t0 = time.perf_counter()
    store = EmbeddedStore(build / STORE_DIR)
    for iri, graph in graphs.items():
        store.replace_graph(iri, rdflib_triples(graph))
    store.flush()
    report.triples = len(store)
    del store
    report.seconds["store"] = time.perf_counter() - t0
    (build / AFSPRAKEN_FILE).write_text(json.dumps(knowledge.afspraken_json, ensure_ascii=False), encoding="utf-8")

    t0 = time.perf_counter()
    entries = [IndexEntry(p.id, index_text(p)) for p in corpus.passages]
    old = previous / INDEX_DIR if previous is not None else None
    SearchIndex.build_or_reuse(entries, embedder, build / INDEX_DIR, old if old and old.is_dir() else None,
                                **settings.fusion)
    report.seconds["index"] = time.perf_counter() - t0
    log(f"indexed {len(entries)} passages with {embedder.name}")


def validate_build(settings: Settings) -> Report:
    """Validate the graph of the build that serves now."""
    import io

    import pyoxigraph as ox
    import rdflib

    from ruimtegraaf.builds import DataFolder
    from ruimtegraaf.errors import NoData

    build = DataFolder(settings.data_dir).current()
    if build is None:
        raise NoData(settings.data_dir)
    store = EmbeddedStore(build / STORE_DIR, read_only=True)
    buffer = io.BytesIO()
    store.dump(buffer, ox.RdfFormat.N_TRIPLES)
    graph = rdflib.Graph().parse(data=buffer.getvalue(), format="nt")
    return validate([graph])
