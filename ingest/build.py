"""The second half of ingest: graph, SHACL validation, store, search index and agreement list."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
import rdflib

from ingest.graph import CATALOG_GRAPH, REFERENCE_GRAPH, index_text, iter_corpus_graphs
from ingest.homes import home_order, stated_earlier, stored_triples
from ingest.knowledge import extract_knowledge
from ingest.staging import ParsedGraphs, StagedGraph, stage, to_rdflib
from ruimtegraaf import iris
from ruimtegraaf.builds import AFSPRAKEN_FILE, DESCRIPTION_FILE, INDEX_DIR, STORE_DIR
from ruimtegraaf.dataset_description import describe_dataset, description_graph_iri
from ruimtegraaf.embed import Embedder
from ruimtegraaf.errors import ValidationFailed
from ruimtegraaf.index import IndexEntry, SearchIndex
from ruimtegraaf.settings import Settings
from ruimtegraaf.store import EmbeddedStore, rdflib_triples
from ruimtegraaf.validation import Report, types_by_node, validate_documents

if TYPE_CHECKING:
    from ingest.corpus import Corpus, IngestReport



def build_graph_and_index(corpus: Corpus, settings: Settings, embedder: Embedder, build: Path,
                          previous: Path | None, vectors_from: Path | None, report: IngestReport,
                          log: Callable[[str], None], created: str) -> None:
    """Extract, validate, store and index into `build`; raises ValidationFailed before anything is stored.

    With a `previous` build to take over, its store is copied (hard links) and only the named graphs
    whose triples changed are validated and replaced. The index reuses the vectors of `vectors_from`
    (the serving build, even when its graphs are not taken over) for texts it embedded before.
    Each triple is stored in one graph (`ingest.homes`); the dataset description, made last with
    `created` as its modification time, is stored too, so /sparql and the dumps hold the same data.
    """
    t0 = time.perf_counter()
    knowledge = extract_knowledge(corpus, settings.base_iri)
    report.afspraken = len(knowledge.afspraken)
    graphs = stage(iter_corpus_graphs(corpus, knowledge, settings.base_iri))  # one rdflib graph alive at a time
    report.seconds["extract+graph"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    shared = {iris.graph(settings.base_iri, name) for name in (REFERENCE_GRAPH, CATALOG_GRAPH)}
    repeated = stated_earlier(graphs, home_order(list(graphs), [iris.graph(settings.base_iri, name)
                                                                 for name in (REFERENCE_GRAPH, CATALOG_GRAPH)]))
    description = description_graph_iri(settings.base_iri)
    old = EmbeddedStore(previous / STORE_DIR, read_only=True) if previous is not None else None
    # one graph's triples at a time: a full build never holds them all a second time
    changed = [iri for iri, g in graphs.items()
               if old is None or _stored(old, iri) != set(stored_triples(g, repeated.get(iri)))]
    removed = sorted(set(old.graphs()) - set(graphs) - {description}) if old is not None else []
    report.seconds["compare"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    files = {iris.graph(settings.base_iri, info.ref): path for path, info in corpus.infos.items()}
    staged_documents = {files.get(iri, iri): g for iri, g in graphs.items() if iri not in shared}
    recheck = (_linked_to_retyped(old, staged_documents, {files.get(iri, iri): r for iri, r in repeated.items()},
                                  shared | {description})
               if old is not None and not shared & set(changed) else None)
    only = None if recheck is None else {files.get(iri, iri) for iri in set(changed)} | recheck
    result = validate_documents(ParsedGraphs(staged_documents), [graphs[iri].graph() for iri in sorted(shared)],
                                only=only, with_shared=recheck is None, types=_types(staged_documents.values()))
    report.graphs_validated = len(staged_documents) if only is None else len(only)
    report.seconds["validate"] = time.perf_counter() - t0
    if not result.conforms:
        raise ValidationFailed(result.text(limit=20))
    log(f"graph conforms to the shapes ({sum(len(g) for g in graphs.values())} triples; "
        f"{report.graphs_validated} document graphs validated)")

    t0 = time.perf_counter()
    if old is not None:
        old.native.backup(str(build / STORE_DIR))
        del old
        report.incremental = True
    store = EmbeddedStore(build / STORE_DIR)
    for iri in changed:
        store.replace_graph(iri, stored_triples(graphs[iri], repeated.get(iri)))
    for iri in removed:
        store.remove_graph(iri)
    store.remove_graph(description)
    report.graphs_written, report.graphs_removed = changed, removed
    report.seconds["store"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    store_description(store, build, settings.base_iri, created)
    store.flush()
    report.triples = len(store)
    del store
    report.seconds["describe"] = time.perf_counter() - t0
    (build / AFSPRAKEN_FILE).write_text(json.dumps(knowledge.afspraken_json, ensure_ascii=False), encoding="utf-8")

    t0 = time.perf_counter()
    entries = [IndexEntry(p.id, index_text(p)) for p in corpus.passages]
    old_index = vectors_from / INDEX_DIR if vectors_from is not None else None
    index = SearchIndex.build_or_reuse(entries, embedder, build / INDEX_DIR,
                                       old_index if old_index and old_index.is_dir() else None,
                                       progress=embedding_progress(log), **settings.fusion)
    report.passages_embedded = index.embedded
    report.seconds["index"] = time.perf_counter() - t0
    log(f"indexed {len(entries)} passages with {embedder.name} ({index.embedded} embedded, the rest reused)")


PROGRESS_EVERY_S = 10.0  # a long first ingest says how far embedding got this often


def embedding_progress(log: Callable[[str], None]) -> Callable[[int, int], None]:
    """A progress callback that logs texts embedded, speed and time left, at most every PROGRESS_EVERY_S."""
    started = time.perf_counter()
    last = [started]

    def report(done: int, total: int) -> None:
        now = time.perf_counter()
        if now - last[0] < PROGRESS_EVERY_S and done < total:
            return
        last[0] = now
        rate = done / max(now - started, 1e-9)
        log(f"embedded {done}/{total} passages ({rate:.1f}/s, about {(total - done) / max(rate, 1e-9):.0f} s left)")

    return report


def store_description(store: EmbeddedStore, build: Path, base_iri: str, created: str) -> None:
    """Describe the stored data (DCAT-AP-NL + VoID, counting the description itself) and store the description.

    The whole description goes to `description.nt` in the build (GET /dataset serves it); its named graph
    holds the triples no other graph states (in practice all of them).
    """
    description = describe_dataset(store, base_iri, modified=created)
    (build / DESCRIPTION_FILE).write_bytes(description.serialize(format="nt", encoding="utf-8"))
    native = store.native
    store.replace_graph(description_graph_iri(base_iri),
                        [t for t in rdflib_triples(description)
                         if next(native.quads_for_pattern(t.subject, t.predicate, t.object), None) is None])


def _stored(store: EmbeddedStore, graph: str) -> set[ox.Triple]:
    """The triples of one named graph of a store."""
    return {q.triple for q in store.native.quads_for_pattern(None, None, None, ox.NamedNode(graph))}


def _linked_to_retyped(old: EmbeddedStore, documents: dict[str, StagedGraph],
                       repeated: dict[str, set[ox.Triple]], skip: set[str]) -> set[str]:
    """Documents whose graph links to a node whose rdf:types changed (their sh:class checks may now differ).

    `documents` maps corpus files to their staged graphs, compared as stored (without the triples homed
    elsewhere, `repeated`) with the old store's document graphs (those in `skip` do not count).
    """
    rdf_type = ox.NamedNode(str(rdflib.RDF.type))
    before = types_by_node((q.subject.value, q.object.value)  # type: ignore[union-attr]  # IRI or blank subjects
                           for q in old.native.quads_for_pattern(None, rdf_type, None)
                           if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value not in skip)
    after = types_by_node((t.subject.value, t.object.value)  # type: ignore[union-attr]  # IRI or blank subjects
                          for path, g in documents.items()
                          for t in stored_triples(g, repeated.get(path)) if t.predicate == rdf_type)
    retyped = {n for n in before.keys() | after.keys() if before.get(n) != after.get(n)}
    return {path for path, g in documents.items()
            if retyped and any(isinstance(t.object, ox.NamedNode) and t.object.value in retyped for t in g.triples())}


def _types(documents: Iterable[StagedGraph]) -> dict[rdflib.term.Node, set[rdflib.term.Node]]:
    """Node -> its rdf:types over all document graphs (validation types what a document links to)."""
    rdf_type = ox.NamedNode(str(rdflib.RDF.type))
    terms: dict[object, rdflib.term.Node] = {}
    return types_by_node((to_rdflib(t.subject, terms), to_rdflib(t.object, terms))
                         for g in documents for t in g.triples() if t.predicate == rdf_type)


def validate_build(settings: Settings) -> Report:
    """Validate the graph of the build that serves now, one document graph at a time as ingest does."""
    import io

    from ruimtegraaf.builds import DataFolder
    from ruimtegraaf.errors import NoData

    build = DataFolder(settings.data_dir).current()
    if build is None:
        raise NoData(settings.data_dir)
    store = EmbeddedStore(build / STORE_DIR, read_only=True)
    graphs: dict[str, rdflib.Graph] = {}
    for iri in store.graphs():
        buffer = io.BytesIO()
        ox.serialize(_stored(store, iri), buffer, ox.RdfFormat.N_TRIPLES)
        graphs[iri] = rdflib.Graph().parse(data=buffer.getvalue(), format="nt")
    shared = {iris.graph(settings.base_iri, name) for name in (REFERENCE_GRAPH, CATALOG_GRAPH)}
    graphs.pop(description_graph_iri(settings.base_iri), None)  # DCAT-AP-NL, not the ontology's shapes
    return validate_documents({iri: g for iri, g in graphs.items() if iri not in shared},
                              [g for iri, g in graphs.items() if iri in shared])
