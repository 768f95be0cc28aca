"""Hybrid search: Dutch lexical matching, dense ranking, fusion with boosts, persistence and reuse."""

from __future__ import annotations

import hashlib
import itertools
import json
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from ruimtegraaf.embed import HashEmbedder, load_embedder
from ruimtegraaf.errors import RuimtegraafError
from ruimtegraaf.index import MANIFEST, Hit, IndexEntry, SearchIndex, fingerprint, tokens

ENTRIES = [
    IndexEntry("fryslan", "Wonen > Noord-Nederland\nIn Fryslân komt bij Leeuwarden een nieuwe woning."),
    IndexEntry("westflank", "Financiën\nRijk en Regio stellen elk €88,56 miljoen voor Groningen."),
    IndexEntry("zeeland", "Water > Zeeland\nDe dijken in Zeeland worden versterkt tegen hoogwater."),
    IndexEntry("a4", "Bereikbaarheid > Zuidwest-Nederland\nDe A4 bij Rotterdam wordt verbreed."),
    IndexEntry("netcongestie", "Energie > Oost-Nederland\nHet stroomnet in Gelderland raakt vol."),
    IndexEntry("groningen", "Huisvesting > Groningen\nIn de stad Groningen komen 10.000 betaalbare huizen."),
]


class CountingEmbedder:
    """A HashEmbedder that remembers every text it was asked to embed."""

    def __init__(self) -> None:
        self._inner = HashEmbedder()
        self.name = self._inner.name
        self.dimension = self._inner.dimension
        self.texts: list[str] = []

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        self.texts.extend(texts)
        return self._inner.embed(texts)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        self.texts.extend(texts)
        return self._inner.embed(texts)


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex.build(ENTRIES, HashEmbedder())


def ids(hits: list[Hit]) -> list[str]:
    return [hit.passage_id for hit in hits]


def test_tokens_fold_stem_and_drop_stopwords() -> None:
    assert tokens("woningen") == tokens("Woning")
    assert tokens("FRYSLAN") == tokens("Fryslân")
    assert tokens("de en het van") == []
    assert "88,56" in tokens("€88,56 miljoen") and "10.000" in tokens("10.000 huizen")


def test_lexical_search_stems(index: SearchIndex) -> None:
    hits = index.lexical_search("woningen")
    assert ids(hits) == ["fryslan"]  # the passage says "woning"
    assert hits[0].lexical_rank == 1 and hits[0].dense_rank is None and hits[0].score > 0


def test_lexical_search_folds_case_and_diacritics(index: SearchIndex) -> None:
    assert ids(index.lexical_search("fryslan")) == ["fryslan"]
    assert ids(index.lexical_search("ZEELAND")) == ["zeeland"]


def test_lexical_search_finds_amounts(index: SearchIndex) -> None:
    assert ids(index.lexical_search("88,56 miljoen"))[0] == "westflank"


def test_lexical_search_without_matching_terms_is_empty(index: SearchIndex) -> None:
    assert index.lexical_search("klimaatadaptatie") == []
    assert index.lexical_search("de het een") == []


def test_dense_search_ranks_all_passages(index: SearchIndex) -> None:
    hits = index.dense_search("dijken versterken in Zeeland", k=10)
    assert ids(hits)[0] == "zeeland"
    assert len(hits) == len(ENTRIES)
    assert [hit.dense_rank for hit in hits] == list(range(1, len(ENTRIES) + 1))
    assert all(a.score >= b.score for a, b in itertools.pairwise(hits))


def test_search_fuses_ranks_with_weights() -> None:
    index = SearchIndex.build(ENTRIES, HashEmbedder(), lexical_weight=2.0, dense_weight=0.5, rrf_k=10)
    hits = index.search("woningen in Groningen", k=10)
    assert ids(hits)[0] in {"fryslan", "groningen"}
    for hit in hits:
        expected = 0.0
        if hit.lexical_rank is not None:
            expected += 2.0 / (10 + hit.lexical_rank)
        if hit.dense_rank is not None:
            expected += 0.5 / (10 + hit.dense_rank)
        assert hit.score == pytest.approx(expected)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_search_with_one_retriever_follows_its_order() -> None:
    lexical_only = SearchIndex.build(ENTRIES, HashEmbedder(), dense_weight=0.0)
    dense_only = SearchIndex.build(ENTRIES, HashEmbedder(), lexical_weight=0.0)
    query = "Groningen woningen"
    assert ids(lexical_only.search(query)) == ids(lexical_only.lexical_search(query))
    assert ids(dense_only.search(query)) == ids(dense_only.dense_search(query))


def test_passage_found_by_both_retrievers_beats_one_found_by_one(index: SearchIndex) -> None:
    hits = index.search("dijken Zeeland")
    assert hits[0].passage_id == "zeeland"
    assert hits[0].lexical_rank == 1 and hits[0].dense_rank == 1


def test_boost_reorders_candidates(index: SearchIndex) -> None:
    query = "Groningen"
    plain = ids(index.search(query))
    runner_up = plain[1]
    boosted = index.search(query, boost={runner_up: 1.0})
    assert ids(boosted)[0] == runner_up
    assert index.search(query, boost={"unknown": 5.0}) == index.search(query)


def test_candidates_limits_each_retriever(index: SearchIndex) -> None:
    hits = index.search("Groningen woningen", k=10, candidates=1)
    assert 1 <= len(hits) <= 2
    assert all((h.lexical_rank or 1) == 1 and (h.dense_rank or 1) == 1 for h in hits)


def test_blank_query_finds_nothing(index: SearchIndex) -> None:
    assert index.search("  ") == [] and index.dense_search("") == []


def test_save_load_round_trip_gives_identical_results(tmp_path: Path, index: SearchIndex) -> None:
    index.save(tmp_path / "index")
    embedder = CountingEmbedder()
    loaded = SearchIndex.load(tmp_path / "index", embedder)
    assert embedder.texts == []  # loading embeds nothing
    assert loaded.ids == index.ids and loaded.fingerprint == index.fingerprint
    queries = ["woningen", "Fryslan", "dijken Zeeland", "88,56 miljoen Groningen", "netcongestie"]
    for query in queries:
        assert loaded.search(query) == index.search(query)
        assert loaded.lexical_search(query) == index.lexical_search(query)
    assert embedder.texts == queries


def test_load_refuses_another_embedder(tmp_path: Path, index: SearchIndex) -> None:
    index.save(tmp_path / "index")
    with pytest.raises(RuimtegraafError, match="RUIMTEGRAAF_MODEL") as refused:
        SearchIndex.load(tmp_path / "index", HashEmbedder(dimension=64))
    advised = re.search(r"RUIMTEGRAAF_MODEL=(\S+)", str(refused.value))
    assert advised is not None
    SearchIndex.load(tmp_path / "index", load_embedder(advised.group(1)))  # the advice loads the right model
    with pytest.raises(RuimtegraafError, match="ingest"):
        SearchIndex.load(tmp_path / "nothing-here", HashEmbedder())


def test_build_or_reuse_embeds_only_changed_entries(tmp_path: Path) -> None:
    first = CountingEmbedder()
    SearchIndex.build_or_reuse(ENTRIES, first, tmp_path / "v1", previous=None)
    assert sorted(first.texts) == sorted(e.text for e in ENTRIES)

    edited = IndexEntry("zeeland", "Water > Zeeland\nDe dijken worden verhoogd.")
    changed = [*ENTRIES[:2], edited, *ENTRIES[3:]]
    changed.append(IndexEntry("nieuw", "Mobiliteit\nEen nieuwe fietsbrug over het IJ."))
    second = CountingEmbedder()
    rebuilt = SearchIndex.build_or_reuse(changed, second, tmp_path / "v2", previous=tmp_path / "v1")
    assert sorted(second.texts) == sorted([changed[2].text, changed[-1].text])

    fresh = SearchIndex.build(changed, HashEmbedder())
    for query in ("dijken verhoogd", "fietsbrug", "woningen Groningen"):
        assert ids(rebuilt.search(query)) == ids(fresh.search(query))
    reloaded = SearchIndex.load(tmp_path / "v2", HashEmbedder())
    assert ids(reloaded.search("fietsbrug")) == ids(fresh.search("fietsbrug"))


def test_build_or_reuse_skips_unchanged_build(tmp_path: Path) -> None:
    SearchIndex.build_or_reuse(ENTRIES, HashEmbedder(), tmp_path / "v1")
    embedder = CountingEmbedder()
    again = SearchIndex.build_or_reuse(ENTRIES, embedder, tmp_path / "v2", previous=tmp_path / "v1")
    assert embedder.texts == []
    assert (tmp_path / "v2" / MANIFEST).read_bytes() == (tmp_path / "v1" / MANIFEST).read_bytes()
    for name in ("dense.faiss", "vectors.npy", "ids.json"):
        assert (tmp_path / "v2" / name).read_bytes() == (tmp_path / "v1" / name).read_bytes()
    assert ids(again.search("Fryslan"))[0] == "fryslan"


def test_saving_over_linked_files_leaves_previous_index_intact(tmp_path: Path) -> None:
    SearchIndex.build_or_reuse(ENTRIES, HashEmbedder(), tmp_path / "v1")
    SearchIndex.build_or_reuse(ENTRIES, HashEmbedder(), tmp_path / "v2", previous=tmp_path / "v1")
    before = (tmp_path / "v1" / MANIFEST).read_bytes()
    SearchIndex.build(ENTRIES[:3], HashEmbedder()).save(tmp_path / "v2")
    assert (tmp_path / "v1" / MANIFEST).read_bytes() == before
    assert len(SearchIndex.load(tmp_path / "v1", HashEmbedder())) == len(ENTRIES)


def test_build_or_reuse_rebuilds_everything_for_another_embedder(tmp_path: Path) -> None:
    SearchIndex.build_or_reuse(ENTRIES, HashEmbedder(dimension=64), tmp_path / "v1")
    embedder = CountingEmbedder()
    SearchIndex.build_or_reuse(ENTRIES, embedder, tmp_path / "v2", previous=tmp_path / "v1")
    assert len(embedder.texts) == len(ENTRIES)


def test_fingerprint_is_stable_and_content_sensitive(tmp_path: Path, index: SearchIndex) -> None:
    one = [IndexEntry("p1", "tekst")]
    assert fingerprint(one) == hashlib.sha256(b"p1\x1ftekst\x1e").hexdigest()
    assert fingerprint(ENTRIES) == fingerprint(list(ENTRIES)) == index.fingerprint
    assert fingerprint([IndexEntry("p2", "tekst")]) != fingerprint(one)
    assert fingerprint([IndexEntry("p1", "tekst!")]) != fingerprint(one)
    index.save(tmp_path / "index")
    assert json.loads((tmp_path / "index" / MANIFEST).read_text())["fingerprint"] == index.fingerprint


def test_bad_entries_are_refused() -> None:
    with pytest.raises(RuimtegraafError, match="no passages"):
        SearchIndex.build([], HashEmbedder())
    with pytest.raises(RuimtegraafError, match="twice"):
        SearchIndex.build([IndexEntry("a", "een"), IndexEntry("a", "twee")], HashEmbedder())
