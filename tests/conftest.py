"""Shared fixtures: the real corpus, segmented once, and one ingest with the model-free hash embedder."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"
EVAL = SHARED / "eval"
AGREEMENTS_FILE = "000_e8c17795db0e2ae2.txt"
SMALL = ("002_252ae2c6ad85025d.txt", "004_086ed10f4ee8c79e.txt")  # two letters the catalog describes not


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def corpus():
    from ingest.pipeline import read_corpus

    return read_corpus(CORPUS)


@pytest.fixture(scope="session")
def gold_afspraken() -> list[dict]:
    path = EVAL / "afspraken_dev.jsonl"
    if not path.is_file():
        pytest.skip("../shared/eval is not beside the project")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture()
def small(tmp_path):
    """Two letters, without a catalog entry for either (defaults apply), and an empty data folder."""
    import shutil

    from ruimtegraaf.settings import Settings

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in SMALL:
        shutil.copy(CORPUS / name, corpus / name)
    return Settings(data_dir=tmp_path / "data", corpus_dir=corpus, embedding_model="hash")


@pytest.fixture(scope="session")
def settings(tmp_path_factory):
    from ruimtegraaf.settings import Settings

    return Settings(data_dir=tmp_path_factory.mktemp("data"), corpus_dir=CORPUS, embedding_model="hash")


@pytest.fixture(scope="session")
def built(settings):
    """The real corpus ingested once with the hash embedder; returns the settings that point at it."""
    from ingest.pipeline import ingest
    from ruimtegraaf.embed import HashEmbedder

    ingest(settings, HashEmbedder())
    return settings


@pytest.fixture(scope="session")
def ds(built):
    """The built corpus loaded as the API loads it (hash embedder)."""
    from ruimtegraaf.builds import DataFolder
    from ruimtegraaf.dataset import Dataset
    from ruimtegraaf.embed import HashEmbedder

    return Dataset.load(DataFolder(built.data_dir).current(), built.corpus_dir, HashEmbedder(), **built.fusion)


@pytest.fixture(scope="session")
def answerer(ds, built):
    from ruimtegraaf.answering.answerer import Answerer

    return Answerer(ds, built)


@pytest.fixture(scope="session")
def client(built):
    from fastapi.testclient import TestClient

    from api.app import create_app
    from ruimtegraaf.embed import HashEmbedder

    with TestClient(create_app(built, embedder=HashEmbedder())) as c:
        yield c


def line_starts(text: str) -> list[int]:
    """Offset of the start of every line (1-based line n starts at starts[n-1])."""
    starts = [0]
    for line in text.split("\n"):
        starts.append(starts[-1] + len(line) + 1)
    return starts
