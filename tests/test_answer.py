"""Question answering on the real corpus with the hash embedder: contract, abstention, graph evidence."""

from __future__ import annotations

import pytest

from ruimtegraaf.answer import Answerer, has_quantity, sentences
from ruimtegraaf.builds import DataFolder
from ruimtegraaf.dataset import Dataset
from ruimtegraaf.graphqa import graph_evidence
from ruimtegraaf.index import tokens
from ruimtegraaf.question import asked_unit, understand


def _check(ds, answer):
    assert len(answer.answer) <= 800
    for c in answer.citations:
        assert ds.texts[c["document"]][c["start"]:c["end"]] == c["quote"]
        assert c["end"] - c["start"] <= 2000


def test_a_number_question_is_answered_with_the_number_as_written(answerer, ds):
    a = answerer.ask("Hoeveel stellen Rijk en Regio elk beschikbaar voor de Westflank Groningen?")
    _check(ds, a)
    assert a.answerable and "88,56 miljoen" in a.answer
    assert any("88,56" in c["quote"] for c in a.citations[:3])


def test_an_english_question_gets_an_english_frame_around_dutch_words(answerer, ds):
    a = answerer.ask("How much do the Rijk and the region each make available for the Westflank Groningen?")
    _check(ds, a)
    assert a.language == "en" and a.answerable and a.answer.startswith("According to")


def test_a_name_the_corpus_does_not_know_is_not_answered(answerer):
    a = answerer.ask("Hoeveel woningen komen er volgens de afspraken in Zwanenburg-Oostpolder?")
    assert not a.answerable and a.answer == "" and a.citations == []


def test_a_how_many_question_without_that_quantity_in_the_sources_is_not_answered(answerer):
    a = answerer.ask("Hoeveel hectare natuur legt de provincie Zeeland volgens het arrangement aan tot 2040?")
    assert not a.answerable


def test_typos_are_corrected_against_the_corpus(ds):
    q = understand("Hoeveel heeft het kabinet gereseveerd voor de Nedersaksenlijn?", ds)
    assert tokens("gereserveerd")[0] in q.terms
    assert not q.unknown


def test_abbreviations_and_variants_find_the_same_entity(ds):
    a = {e.iri for e in understand("Wat is er afgesproken over RGA?", ds).entities}
    b = {e.iri for e in understand("Wat is er afgesproken over Regio Groningen - Assen?", ds).entities}
    assert a and a == b


def test_structured_questions_are_looked_up_in_the_graph(ds):
    q = understand("Welke ministeries zijn verantwoordelijk voor het programma Water en bodem sturend?", ds)
    evidence = graph_evidence(q, ds)
    assert evidence.relation == "verantwoordelijke" and evidence.passage_ids
    assert "IenW" in ds.by_id[evidence.passage_ids[0]].text


def test_a_graph_answer_cites_the_passage_the_fact_derives_from(answerer, ds):
    a = answerer.ask("Welke ministeries zijn verantwoordelijk voor het programma Water en bodem sturend?")
    _check(ds, a)
    assert a.answerable and "IenW" in a.answer
    assert "Verantwoordelijk" in " ".join(a.citations[0]["heading_path"])


def test_no_two_citations_of_the_same_passage_or_a_copy_of_it(answerer, ds):
    a = answerer.ask("Wat zegt het SNN over de Westflank Groningen en de Nedersaksenlijn?")
    _check(ds, a)
    cited = [c["passage"] for c in a.citations]
    assert len(cited) == len(set(cited))
    ids = [c["passage"].rsplit("/", 1)[-1] for c in a.citations]
    assert not any(ds.by_id[i].duplicate_of in ids for i in ids if i in ds.by_id)


def test_search_returns_originals_not_their_copies(answerer):
    hits = answerer.search("Westflank Groningen maatregelen 88,56 miljoen", 10)
    assert hits and all(h.passage.duplicate_of is None for h in hits)


def test_sentences_keep_exact_offsets(ds):
    p = next(p for p in ds.passages if p.kind == "paragraph" and len(p.text) > 600)
    for s in sentences(p, ds.texts[p.document]):
        assert p.start <= s.start < s.end <= p.end


def test_quantity_and_unit_shapes():
    assert asked_unit("Hoeveel woningen passen er?", {"woningen"}) == "woningen"
    assert asked_unit("Hoeveel stellen zij beschikbaar?", {"woningen"}) is None
    assert asked_unit("Hoeveel geld is er?") == "money"
    assert has_quantity("Twaalf projecten zijn gehonoreerd", "projecten")
    assert not has_quantity("In 2025 is het plan vastgesteld", None)


@pytest.mark.slow
def test_the_bundled_model_answers_end_to_end_offline(built, tmp_path):
    from ingest.pipeline import ingest
    from ruimtegraaf.embed import load_embedder
    from ruimtegraaf.settings import Settings

    settings = Settings(data_dir=tmp_path / "data", corpus_dir=built.corpus_dir)
    embedder = load_embedder(settings.embedding_model)
    ingest(settings, embedder)
    ds = Dataset.load(DataFolder(settings.data_dir).current(), settings.corpus_dir, embedder, **settings.fusion)
    a = Answerer(ds, settings).ask("Hoeveel heeft het kabinet gereserveerd voor de Nedersaksenlijn?")
    _check(ds, a)
    assert a.answerable and "1,9 miljard" in a.answer


def test_a_list_the_graph_holds_is_answered_from_the_graph(answerer, ds):
    a = answerer.ask("Welke NOVEX-gebieden liggen in Zuid-Holland?")
    _check(ds, a)
    assert a.answerable and "Zuidelijke Randstad" in a.answer and "Rotterdamse" in a.answer
    assert all("Ligging" in " ".join(c["heading_path"]) for c in a.citations)


def test_a_meeting_date_is_answered_from_the_graph_with_its_source(answerer, ds):
    a = answerer.ask("Wanneer was het BO Leefomgeving Noord in 2025?")
    _check(ds, a)
    assert "2 juni 2025" in a.answer
    assert "2 juni 2025" in " ".join(a.citations[0]["quote"].split())


class _Rephraser:
    def __init__(self, reply: str) -> None:
        self.reply = reply

    def rephrase(self, question: str, answer: str, quotes: list[str]) -> str | None:
        return self.reply


def test_a_generator_may_only_rephrase_what_the_citations_say(ds, built):
    question = "Hoeveel stellen Rijk en Regio elk beschikbaar voor de Westflank Groningen?"
    faithful_one = Answerer(ds, built, rephraser=_Rephraser("Rijk en Regio geven elk 88,56 miljoen.")).ask(question)
    assert faithful_one.answer == "Rijk en Regio geven elk 88,56 miljoen."
    invented = Answerer(ds, built, rephraser=_Rephraser("Rijk en Regio geven elk 99 miljoen.")).ask(question)
    assert "99" not in invented.answer and "88,56" in invented.answer
