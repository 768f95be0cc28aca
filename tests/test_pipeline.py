"""Ingest as a whole: builds aside, switches atomically, and a bad input loses nothing."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from conftest import SMALL

from ingest.pipeline import ingest
from ruimtegraaf.builds import DataFolder, read_manifest
from ruimtegraaf.dataset import Dataset
from ruimtegraaf.embed import HashEmbedder
from ruimtegraaf.errors import InputError
from ruimtegraaf.model import read_passages


def test_the_built_corpus_serves_from_current(built):
    build = DataFolder(built.data_dir).current()
    assert build is not None
    manifest = read_manifest(build)
    assert set(manifest["documents"]) == {p.name for p in built.corpus_dir.glob("*.txt")}
    assert manifest["afspraken"] == 169 and manifest["triples"] > 10_000
    passages = read_passages(build / "passages.jsonl")
    assert len(passages) == manifest["passages"]
    ds = Dataset.load(build, built.corpus_dir, HashEmbedder())
    assert ds.texts["000_e8c17795db0e2ae2.txt"][passages[0].start:passages[0].end] == passages[0].text


def test_a_new_document_without_catalog_entry_is_ingested_with_defaults(small):
    report = ingest(small, HashEmbedder())
    assert set(report.passages) == set(SMALL)
    ds = Dataset.load(DataFolder(small.data_dir).current(), small.corpus_dir, HashEmbedder())
    assert len(ds.passages) == sum(report.passages.values())
    graphs = ds.store.graphs()
    assert sum(1 for g in graphs if "/graph/00" in g) == len(SMALL)


@pytest.mark.parametrize("name, content, words", [
    ("leeg.txt", b"", "empty"),
    ("binair.txt", b"\x00\x01\x02PK\x03\x04" * 100, "binary"),
    ("latin1.txt", "Fryslân en Limburg\n".encode("latin-1"), "UTF-8"),
    ("kapot.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog", "PDF"),
])
def test_bad_input_names_the_file_and_keeps_the_previous_build(small, name, content, words):
    ingest(small, HashEmbedder())
    folder = DataFolder(small.data_dir)
    before = folder.current()
    (small.corpus_dir / name).write_bytes(content)
    with pytest.raises(InputError) as err:
        ingest(small, HashEmbedder())
    message = str(err.value)
    assert name in message and words.lower() in message.lower()
    assert "\n" not in message
    assert folder.current() == before
    assert len(list((small.data_dir / "builds").iterdir())) == 1
    Dataset.load(before, small.corpus_dir, HashEmbedder())  # still loads and serves


def test_a_crash_midway_leaves_the_previous_build(small, monkeypatch):
    ingest(small, HashEmbedder())
    before = DataFolder(small.data_dir).current()

    def boom(*_args, **_kwargs):
        raise RuntimeError("killed")

    monkeypatch.setattr("ingest.build.SearchIndex.build_or_reuse", boom)
    with pytest.raises(RuntimeError):
        ingest(small, HashEmbedder())
    assert DataFolder(small.data_dir).current() == before
    manifest = json.loads((before / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["passages"] > 0


def test_reingest_keeps_passage_identifiers(small):
    ingest(small, HashEmbedder())
    first = {p.id for p in read_passages(DataFolder(small.data_dir).current() / "passages.jsonl")}
    ingest(small, HashEmbedder())
    second = {p.id for p in read_passages(DataFolder(small.data_dir).current() / "passages.jsonl")}
    assert first == second


def test_data_folder_keeps_current_and_one_previous(small):
    for _ in range(3):
        ingest(small, HashEmbedder())
    builds = sorted(Path(small.data_dir, "builds").iterdir())
    assert len(builds) == 2
    assert DataFolder(small.data_dir).current() in builds


def test_an_ingest_killed_midway_leaves_the_old_data_serving_and_a_later_ingest_succeeds(small):
    import os
    import signal
    import subprocess
    import sys
    import time

    ingest(small, HashEmbedder())
    folder = DataFolder(small.data_dir)
    before = folder.current()
    cmd = [sys.executable, "-m", "cli.main", "--model", "hash", "--data", str(small.data_dir),
           "--corpus", str(small.corpus_dir), "ingest"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    started = False
    while time.monotonic() < deadline and proc.poll() is None:
        fresh = [b for b in (small.data_dir / "builds").iterdir() if b != before and not (b / "manifest.json").exists()]
        if fresh:
            started = True
            os.kill(proc.pid, signal.SIGKILL)
            break
        time.sleep(0.01)
    proc.wait(timeout=30)
    assert started, "the ingest finished before it could be killed"
    assert folder.current() == before
    Dataset.load(before, small.corpus_dir, HashEmbedder())  # the old data still loads and serves
    report = ingest(small, HashEmbedder())
    assert folder.current() == report.build != before


def test_an_undescribed_agreement_list_is_ingested_with_its_year_and_meetings(small, corpus_dir):
    text = (corpus_dir / "000_e8c17795db0e2ae2.txt").read_bytes().decode("utf-8")
    lines = text.split("\n")
    (small.corpus_dir / "006_afspraken.txt").write_text("\n".join(lines[1940:3687]) + "\n", encoding="utf-8")
    report = ingest(small, HashEmbedder())
    assert report.afspraken == 169
    ds = Dataset.load(report.build, small.corpus_dir, HashEmbedder())
    assert {a["jaar"] for a in ds.afspraken} == {2025}
    meetings = ds.store.query("ASK { ?a <https://w3id.org/ruimtegraaf/def/gemaaktOp> ?m . "
                              "?m a <https://w3id.org/ruimtegraaf/def/BOLeefomgeving> }")
    assert bool(meetings)


def test_a_huge_file_is_refused_by_name_and_the_previous_build_keeps_serving(small, monkeypatch):
    ingest(small, HashEmbedder())
    before = DataFolder(small.data_dir).current()
    monkeypatch.setattr("ingest.readers.MAX_BYTES", 40_000)  # the two letters are 28 and 34 kB
    (small.corpus_dir / "groot.txt").write_text("Rijk en Regio spreken af. " * 3000, encoding="utf-8")
    with pytest.raises(InputError) as err:
        ingest(small, HashEmbedder())
    assert "groot.txt" in str(err.value) and "MB" in str(err.value)
    assert DataFolder(small.data_dir).current() == before


def test_a_graph_that_fails_the_shapes_is_refused_with_a_report_and_the_previous_build_keeps_serving(
        small, monkeypatch):
    from rdflib import RDF, URIRef

    from ontology import RG
    from ruimtegraaf.errors import ValidationFailed

    ingest(small, HashEmbedder())
    before = DataFolder(small.data_dir).current()
    import ingest.build as build_module

    real = build_module.iter_corpus_graphs

    def broken(corpus, knowledge, base):  # an agreement without parties, meeting or source
        for n, (iri, graph) in enumerate(real(corpus, knowledge, base)):
            if n == 0:
                graph.add((URIRef(base + "id/afspraak/kapot"), RDF.type, RG.Afspraak))
            yield iri, graph

    monkeypatch.setattr(build_module, "iter_corpus_graphs", broken)
    with pytest.raises(ValidationFailed) as err:
        ingest(small, HashEmbedder())
    assert "id/afspraak/kapot" in str(err.value)
    assert DataFolder(small.data_dir).current() == before


def test_each_build_loaded_is_warmed_in_the_background_and_a_failing_warm_up_serves_on(small):
    import threading

    from ruimtegraaf.answering.reading import ANALYSED_PASSAGES, warm
    from ruimtegraaf.dataset import ServedData

    ingest(small, HashEmbedder())
    done = threading.Event()
    seen: list[Dataset] = []

    def on_load(ds: Dataset) -> None:
        warm(ds)
        seen.append(ds)
        done.set()

    data = ServedData(DataFolder(small.data_dir), small.corpus_dir, HashEmbedder(), on_load=on_load)
    ds = data.get()
    assert done.wait(60) and seen == [ds]
    assert set(ANALYSED_PASSAGES.of(ds)) == {p.id for p in ds.passages}  # every passage read before any question
    for _ in range(100):  # /health says "warm" once the warm-up has returned
        if ds.warm:
            break
        time.sleep(0.05)
    assert ds.warm

    failed = threading.Event()

    def broken(ds: Dataset) -> None:
        failed.set()
        raise RuntimeError("warm-up broke")

    other = ServedData(DataFolder(small.data_dir), small.corpus_dir, HashEmbedder(), on_load=broken)
    assert other.get().passages and failed.wait(60)
    assert other.get() is other.get() and not other.get().warm  # still serving, and says it is not warm
