"""Adding, replacing or removing one document redoes that document only, with the result of a rebuild."""

from __future__ import annotations

import json
import shutil
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pyoxigraph as ox
import pytest
from conftest import SMALL

from ingest.pipeline import IngestReport, ingest
from ruimtegraaf import iris
from ruimtegraaf.builds import AFSPRAKEN_FILE, INDEX_DIR, PASSAGES_FILE, STORE_DIR, DataFolder, read_manifest
from ruimtegraaf.embed import HashEmbedder
from ruimtegraaf.index import SearchIndex
from ruimtegraaf.model import read_passages
from ruimtegraaf.settings import Settings

COPY = "005-kopie.txt"  # repeats paragraphs of 002: its passages link to 002's (`duplicate_of`)
CATALOG = "https://w3id.org/ruimtegraaf/graph/catalog"
QUERIES = ("Nota Ruimte", "woningbouw bereikbaarheid", "NOVEX-gebieden ontwikkelperspectief")


class CountingEmbedder(HashEmbedder):
    """The hash embedder, remembering every text it was asked to embed."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        self.texts.extend(texts)
        return super().embed(texts)


def copy_document(corpus_dir: Path) -> str:
    """A new letter that quotes three paragraphs of 002 word for word."""
    text = (corpus_dir / SMALL[0]).read_text(encoding="utf-8")
    start = text.index("De Nota Ruimte is een zelfbindend")
    end = text.index("Het Rijk en de medeoverheden zijn in gesprek")
    return "Kopie van een deel van de brief over de Nota Ruimte\n\n" + text[start:end] + "Einde van de kopie.\n"


def rebuild(settings: Settings, tmp_path: Path) -> Path:
    """A full ingest of the same corpus into a fresh data folder; returns its build."""
    fresh = Settings(data_dir=tmp_path / f"rebuild-{len(list(tmp_path.glob('rebuild-*')))}",
                     corpus_dir=settings.corpus_dir, embedding_model="hash")
    report = ingest(fresh, HashEmbedder(), full=True)
    assert not report.incremental
    return report.build


MODIFIED = ox.NamedNode("http://purl.org/dc/terms/modified")


def quads(build: Path) -> set[str]:
    """The build's quads but the dataset description's dct:modified, which is the build's own time."""
    all_quads = list(ox.Store.read_only(str(build / STORE_DIR)))
    built_at = [q for q in all_quads if q.predicate == MODIFIED and q.subject.value.endswith("/id/dataset/ruimtegraaf")]
    assert [q.object.value for q in built_at] == [read_manifest(build)["created"]]
    return {str(q) for q in all_quads if q not in built_at}


def assert_same_build(a: Path, b: Path) -> None:
    """Two builds serve the same thing: passages, agreements, quads, index vectors and rankings."""
    assert read_passages(a / PASSAGES_FILE) == read_passages(b / PASSAGES_FILE)
    assert json.loads((a / AFSPRAKEN_FILE).read_text()) == json.loads((b / AFSPRAKEN_FILE).read_text())
    assert quads(a) == quads(b)
    ia, ib = (SearchIndex.load(x / INDEX_DIR, HashEmbedder()) for x in (a, b))
    assert ia.ids == ib.ids and ia.fingerprint == ib.fingerprint
    assert np.array_equal(ia._dense.reconstruct_n(0, len(ia)), ib._dense.reconstruct_n(0, len(ib)))
    for q in QUERIES:
        assert ia.search(q, k=10) == ib.search(q, k=10)
    ma, mb = read_manifest(a), read_manifest(b)
    for key in ("documents", "passages", "afspraken", "triples"):
        assert ma[key] == mb[key]


def graph_of(path: str, catalogued: bool = False) -> str:
    """The named graph of a corpus file (a file without catalog entry is named by the slug of its name)."""
    stem = Path(path).stem
    return f"https://w3id.org/ruimtegraaf/graph/{stem if catalogued else iris.slug(stem)}"


def test_adding_a_document_reads_embeds_and_writes_only_that_document(small, tmp_path):
    ingest(small, HashEmbedder())
    (small.corpus_dir / COPY).write_text(copy_document(small.corpus_dir), encoding="utf-8")
    embedder = CountingEmbedder()
    report = ingest(small, embedder)

    assert report.incremental and report.documents_reused == len(SMALL)
    assert report.graphs_written == [graph_of(COPY)] and report.graphs_removed == []
    assert report.graphs_validated == 1
    passages = read_passages(report.build / PASSAGES_FILE)
    new = [p for p in passages if p.document == COPY]
    repeats = [p for p in new if p.duplicate_of]
    assert repeats and all(p.duplicate_of.startswith("002") for p in repeats)
    assert 0 < report.passages_embedded <= len(new) and len(embedder.texts) == report.passages_embedded
    assert all(p.id.startswith("005-kopie") for p in new)
    assert_same_build(report.build, rebuild(small, tmp_path))


def test_replacing_a_document_redoes_that_document_only(small, tmp_path):
    ingest(small, HashEmbedder())
    path = small.corpus_dir / SMALL[1]
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("2025", "2026", 1) + "\nEen nieuwe alinea over de Nota Ruimte en de NOVEX-gebieden "
                    "die in de vorige versie van deze brief niet stond.\n", encoding="utf-8")
    embedder = CountingEmbedder()
    report = ingest(small, embedder)

    assert report.incremental and report.documents_reused == 1
    assert report.graphs_written == [graph_of(SMALL[1])] and report.graphs_validated == 1
    assert 0 < report.passages_embedded < report.passages[SMALL[1]]
    assert_same_build(report.build, rebuild(small, tmp_path))


def test_removing_a_document_relinks_the_documents_that_repeated_it(small, tmp_path):
    (small.corpus_dir / COPY).write_text(copy_document(small.corpus_dir), encoding="utf-8")
    ingest(small, HashEmbedder())
    (small.corpus_dir / SMALL[0]).unlink()
    embedder = CountingEmbedder()
    report = ingest(small, embedder)

    assert report.incremental and report.graphs_removed == [graph_of(SMALL[0])]
    # the copy's file did not change, but its passages are no longer repeats: its graph is rewritten (and a graph
    # that now becomes the home of a triple the removed document's graph held, such as a shared municipality)
    assert graph_of(COPY) in report.graphs_written and graph_of(SMALL[0]) not in report.graphs_written
    assert not any(p.duplicate_of for p in read_passages(report.build / PASSAGES_FILE))
    assert report.passages_embedded == len(embedder.texts) == 0
    assert_same_build(report.build, rebuild(small, tmp_path))


def test_an_unchanged_corpus_is_taken_over_whole(small):
    first = ingest(small, HashEmbedder())
    embedder = CountingEmbedder()
    again = ingest(small, embedder)
    assert again.incremental and again.documents_reused == len(SMALL)
    assert (again.graphs_written, again.graphs_removed, again.graphs_validated, embedder.texts) == ([], [], 0, [])
    assert_same_build(again.build, first.build)


def test_a_build_made_by_other_ingest_code_is_not_taken_over(small, monkeypatch):
    ingest(small, HashEmbedder())
    current = DataFolder(small.data_dir).current()
    manifest = read_manifest(current)
    manifest["ingest_code"] = "older"
    (current / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    messages: list[str] = []
    embedder = CountingEmbedder()
    report = ingest(small, embedder, log=messages.append)
    assert not report.incremental and report.documents_reused == 0 and report.graphs_validated == len(SMALL)
    assert embedder.texts == []  # vectors depend on the text and the model only: still reused
    assert any("rebuilding everything" in m for m in messages)


def test_full_redoes_every_document(small):
    ingest(small, HashEmbedder())
    report = ingest(small, HashEmbedder(), full=True)
    assert not report.incremental and report.documents_reused == 0
    assert len(report.graphs_written) == len(SMALL) + 2  # and the reference and catalog graphs


def test_a_new_document_that_fails_the_shapes_leaves_the_build_serving(small, monkeypatch):
    from ingest import build as build_module
    from ruimtegraaf.errors import ValidationFailed
    from ruimtegraaf.validation import Report, Violation

    first = ingest(small, HashEmbedder())
    (small.corpus_dir / COPY).write_text(copy_document(small.corpus_dir), encoding="utf-8")
    seen: list[set[str] | None] = []

    def failing(documents, shared, *, only=None, with_shared=True, types=None) -> Report:
        seen.append(set(only) if only is not None else None)
        return Report(False, [Violation("urn:x", None, "broken", None, "Violation", document=COPY)])

    monkeypatch.setattr(build_module, "validate_documents", failing)
    with pytest.raises(ValidationFailed, match=COPY):
        ingest(small, HashEmbedder())
    assert seen == [{COPY}]
    assert DataFolder(small.data_dir).current() == first.build


@pytest.mark.slow
def test_the_corpus_with_one_letter_removed_and_added_back(built, tmp_path):
    """On the real corpus: agreements, meetings and the SNN copy (001 repeats 000) come out as in a rebuild."""
    corpus = tmp_path / "corpus"
    shutil.copytree(built.corpus_dir, corpus)
    settings = Settings(data_dir=tmp_path / "data", corpus_dir=corpus, embedding_model="hash")
    first = shutil.copytree(ingest(settings, HashEmbedder()).build, tmp_path / "first")  # builds get pruned
    copy = "001_0f943d2a735d3ec1.txt"
    moved = tmp_path / copy
    shutil.move(corpus / copy, moved)
    without = ingest(settings, CountingEmbedder())
    assert without.incremental and without.graphs_removed == [graph_of(copy, catalogued=True)]
    # the catalog still describes 001: that description moves to the catalog graph (so all are validated)
    assert without.graphs_written == [CATALOG] and without.passages_embedded == 0
    assert_same_build(without.build, rebuild(settings, tmp_path))
    shutil.move(moved, corpus / copy)
    back: IngestReport = ingest(settings, CountingEmbedder())
    assert back.incremental and sorted(back.graphs_written) == sorted([CATALOG, graph_of(copy, catalogued=True)])
    assert_same_build(back.build, first)
