"""Question vectors: each question text embedded once (in the model's query role) and kept for a while.

One /ask searches the same text up to four times (sides, evidence), so the vectors of recent questions are
kept, the least recently used leaving first. A question of two parts that each stand on their own words is
embedded as its parts, in one call, and the mean of their vectors stands for the whole question.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence

import numpy as np

from ruimtegraaf.embed import Embedder
from ruimtegraaf.errors import RuimtegraafError

QUERY_CACHE = 512  # question vectors kept


class QueryVectors:
    """Recent question vectors of one embedder; safe to use from several threads."""

    def __init__(self, embedder: Embedder, size: int = QUERY_CACHE) -> None:
        self.embedder = embedder
        self.size = size
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def vector(self, text: str) -> np.ndarray:
        """The question as a (1, dimension) float32 row."""
        with self._lock:
            known = self._vectors.get(text)
            if known is not None:
                self._vectors.move_to_end(text)
                return known
        vector = as_matrix(self.embedder.embed_queries([text]), 1, self.embedder)
        self._keep([(text, vector)])
        return vector

    def embed_parts(self, whole: str, parts: Sequence[str]) -> None:
        """Embed a question's parts in one call and let the mean of their vectors stand for the whole: the
        whole question is the same words, so this costs one embedding instead of one per part plus one for
        the whole (e5 on one thread: a two-part question took twice as long; /ask p95 in process 155 ->
        117 ms, answers of dev and probes the same but one held-out citation better). When a part refers back
        (its text is the whole question), the whole is embedded as itself, in the same call."""
        with self._lock:
            if not parts or whole in self._vectors:
                return
        texts = list(dict.fromkeys(parts))  # a part that refers back is the whole question: embedded as itself
        vectors = as_matrix(self.embedder.embed_queries(texts), len(texts), self.embedder)
        pairs = [(text, vectors[i:i + 1]) for i, text in enumerate(texts)]
        if whole not in texts:
            mean = vectors.mean(axis=0)
            pairs.append((whole, (mean / (float(np.linalg.norm(mean)) or 1.0)).reshape(1, -1)))
        self._keep(pairs)

    def _keep(self, pairs: Sequence[tuple[str, np.ndarray]]) -> None:
        with self._lock:
            for text, vector in pairs:
                self._vectors[text] = np.ascontiguousarray(vector, dtype=np.float32)
            while len(self._vectors) > self.size:
                self._vectors.popitem(last=False)


def as_matrix(vectors: np.ndarray, rows: int, embedder: Embedder) -> np.ndarray:
    """Check an embedder's output shape and make it contiguous float32, as FAISS wants."""
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    if vectors.shape != (rows, embedder.dimension):
        raise RuimtegraafError(
            f"embedder {embedder.name!r} returned shape {vectors.shape}, "
            f"expected {(rows, embedder.dimension)}; check RUIMTEGRAAF_MODEL"
        )
    return vectors
