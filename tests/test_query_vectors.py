"""Question vectors: embedded once, kept, and a question of two parts embedded as its parts in one call."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from ruimtegraaf.embed import HashEmbedder
from ruimtegraaf.errors import RuimtegraafError
from ruimtegraaf.query_vectors import QueryVectors


class CountingEmbedder(HashEmbedder):
    """The hash fake, counting its calls and the texts of each."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[list[str]] = []

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        self.calls.append(list(texts))
        return super().embed_queries(texts)


def test_a_question_is_embedded_once_and_kept() -> None:
    embedder = CountingEmbedder()
    queries = QueryVectors(embedder)
    first = queries.vector("Hoeveel woningen komen er in Almere?")
    again = queries.vector("Hoeveel woningen komen er in Almere?")
    assert first.shape == (1, embedder.dimension) and first.dtype == np.float32
    assert np.array_equal(first, again) and len(embedder.calls) == 1


def test_the_least_recent_question_leaves_first() -> None:
    embedder = CountingEmbedder()
    queries = QueryVectors(embedder, size=2)
    queries.vector("a b")
    queries.vector("c d")
    queries.vector("a b")  # now the most recent
    queries.vector("e f")  # "c d" leaves
    queries.vector("a b")
    assert len(embedder.calls) == 3
    queries.vector("c d")
    assert len(embedder.calls) == 4


def test_parts_are_embedded_in_one_call_and_their_mean_stands_for_the_whole() -> None:
    embedder = CountingEmbedder()
    queries = QueryVectors(embedder)
    whole = "Wat kreeg Zeeland in 2022, en wat Drenthe in 2025?"
    parts = ["Wat kreeg Zeeland in 2022", "wat Drenthe in 2025?"]
    queries.embed_parts(whole, parts)
    assert embedder.calls == [parts]
    own = HashEmbedder().embed_queries(parts)
    mean = own.mean(axis=0)
    assert np.allclose(queries.vector(whole)[0], mean / np.linalg.norm(mean), atol=1e-6)
    assert np.allclose(queries.vector(parts[1])[0], own[1], atol=1e-6)
    assert len(embedder.calls) == 1  # the whole and its parts came from that one call
    queries.embed_parts(whole, parts)  # known already: nothing embedded again
    assert len(embedder.calls) == 1


def test_a_part_that_refers_back_is_the_whole_question_embedded_as_itself_in_the_same_call() -> None:
    embedder = CountingEmbedder()
    queries = QueryVectors(embedder)
    whole = "Wat kreeg Zeeland in 2022, en waarvoor is dat geld bedoeld?"
    queries.embed_parts(whole, ["Wat kreeg Zeeland in 2022", whole])
    assert embedder.calls == [["Wat kreeg Zeeland in 2022", whole]]
    assert np.allclose(queries.vector(whole)[0], HashEmbedder().embed_queries([whole])[0], atol=1e-6)
    assert len(embedder.calls) == 1


def test_an_embedder_of_the_wrong_size_is_named() -> None:
    class Broken(HashEmbedder):
        def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
            return np.zeros((len(texts), 3), dtype=np.float32)

    with pytest.raises(RuimtegraafError, match="RUIMTEGRAAF_MODEL"):
        QueryVectors(Broken()).vector("vraag")
