"""Question answering on the real corpus with the hash embedder: the contract, the asked fact first, markers
tied to citations, the graph first for relations, and abstention with a reason for every kind of question
the documents cannot answer."""

from __future__ import annotations

import re

import pytest

from ruimtegraaf.answering.answerer import Answerer
from ruimtegraaf.answering.question import analyse
from ruimtegraaf.answering.sentences import sentences
from ruimtegraaf.builds import DataFolder
from ruimtegraaf.dataset import Dataset
from ruimtegraaf.graphqa import graph_evidence
from ruimtegraaf.index import tokens


def _check(ds, answer):
    """The contract: at most 800 characters, verbatim quotes, passage-sized citations, markers that exist."""
    assert len(answer.answer) <= 800
    for c in answer.citations:
        assert ds.texts[c["document"]][c["start"]:c["end"]] == c["quote"]
        assert c["end"] - c["start"] <= 2000
    markers = {int(m) for m in re.findall(r"\[(\d+)\]", answer.answer)}
    assert markers <= set(range(1, len(answer.citations) + 1))
    assert {p.citation for p in answer.parts if p.citation} == markers


def test_a_number_question_leads_with_the_number_as_written(answerer, ds):
    a = answerer.ask("Hoeveel stellen Rijk en Regio elk beschikbaar voor de Westflank Groningen?")
    _check(ds, a)
    assert a.answerable and "88,56 miljoen" in a.answer[:300]
    assert "88,56" in a.citations[0]["quote"] and a.answer.find("[1]") > a.answer.find("88,56")


def test_an_english_question_reaches_the_dutch_sentence_and_is_marked_english(answerer, ds):
    a = answerer.ask("How much do the Rijk and the region each make available for the Westflank Groningen?")
    _check(ds, a)
    assert a.language == "en" and a.answerable
    assert "88,56 miljoen" in a.answer[:300]  # quoted as the documents write it


def test_a_name_the_corpus_does_not_know_is_reported(answerer):
    a = answerer.ask("Hoeveel woningen komen er volgens de afspraken in Zwanenburg-Oostpolder?")
    assert not a.answerable and a.reason == "unknown" and "zwanenburg" in a.answer.casefold()


def test_a_novex_area_that_does_not_exist_is_reported(answerer):
    a = answerer.ask("Wat is er met NOVEX Texel afgesproken?")
    assert not a.answerable and a.reason == "unknown" and "NOVEX Texel" in a.answer


def test_a_detail_the_documents_do_not_give_is_not_made_up_but_the_nearest_evidence_is_cited(answerer, ds):
    a = answerer.ask("Hoeveel hectare beslaat de Westflank Groningen?")
    _check(ds, a)
    assert not a.answerable and a.reason == "no_value"
    assert a.answer.startswith("De documenten noemen geen oppervlakte") and "[1]" in a.answer
    assert "Westflank" in a.citations[0]["quote"]


def test_a_false_premise_is_not_answered(answerer, ds):
    a = answerer.ask("Waarom heeft het kabinet de Lelylijn geschrapt?")
    _check(ds, a)
    assert not a.answerable and a.reason == "premise"


def test_a_thing_named_in_lower_case_still_binds_the_premise(answerer, ds):
    q = analyse("waarom heeft het kabinet de lelylijn geschrapt", ds)
    assert tokens("Lelylijn")[0] in q.names
    a = answerer.ask("waarom heeft het kabinet de lelylijn geschrapt")
    assert not a.answerable and a.reason == "premise"


def test_each_side_of_a_development_speaks_of_the_thing_asked_about(answerer, ds):
    a = answerer.ask("Hoe heeft de positie van de Lelylijn zich tussen 2022 en 2025 ontwikkeld?")
    _check(ds, a)
    assert a.kind == "comparison" and a.answerable
    assert "positie" not in analyse("Hoe heeft de positie van de Lelylijn zich tussen 2022 en 2025 ontwikkeld?",
                                    ds).parts[0].focus
    cited = {p.citation for p in a.parts if p.citation}
    for n in cited:  # every side's sentence comes from a passage about the Lelylijn
        assert "lelylijn" in a.citations[n - 1]["quote"].casefold() or any(
            "lelylijn" in h.casefold() for h in a.citations[n - 1]["heading_path"])


def test_a_bol_in_a_month_of_its_year_when_none_was_held_is_not_answered(answerer):
    """The graph dates the BO's Leefomgeving (those of 2024 in November, of 2025 in June): a month of such a
    year without one is a meeting no document reports on; the month of one is covered."""
    a = answerer.ask("Wat is er op het BO Leefomgeving van maart 2025 over woningbouw afgesproken?")
    assert not a.answerable and a.reason == "not_covered" and "maart 2025" in a.answer
    en = answerer.ask("What was agreed on housing at the BO Leefomgeving of May 2024?")
    assert en.reason == "not_covered" and "May 2024" in en.answer
    assert answerer.ask("Wat is er op het BO Leefomgeving van juni 2025 over woningbouw afgesproken?").reason \
        != "not_covered"
    assert answerer.ask("Wat is er in het voorjaar van 2025 over woningbouw afgesproken?").reason != "not_covered"


def test_an_opinion_or_forecast_is_not_answered(answerer):
    a = answerer.ask("Wordt de Nedersaksenlijn uiteindelijk een succes?")
    assert not a.answerable and a.reason == "judgement"


def test_a_meeting_no_document_reports_is_not_answered(answerer):
    a = answerer.ask("Welke afspraken zijn op het BO Leefomgeving van 2023 gemaakt?")
    assert not a.answerable and a.reason == "not_covered" and "2023" in a.answer
    later = answerer.ask("Wat is er op het BO MIRT van november 2026 besloten over de A1?")
    assert not later.answerable and later.reason == "not_covered"
    assert answerer.ask("Welke besluiten zijn er op het BO-MIRT van november 2026 genomen?").reason == "not_covered"
    # any BO by its name, and a day after the newest document (June 2025) within its month
    for text in ("What was decided at the BO Voorbeeldregio of 30 June 2025?",
                 "Wat is er op het BO Voorbeeldregio van 30 juni 2025 besloten?"):
        assert answerer.ask(text).reason == "not_covered"
    planned = answerer.ask("Welke onderwerpen wil de regio op het BO MIRT van november 2026 bespreken?")
    assert planned.reason != "not_covered"  # what is planned for a later meeting, the documents may say
    # a BO MIRT's outcomes stand only in a MIRT letter of its year (the corpus has the one of 2025); what an
    # earlier document says was to be agreed there is a plan, not its outcome
    outcome = answerer.ask("How much did each location receive at the BO MIRT of autumn 2022?")
    assert not outcome.answerable and outcome.reason == "not_covered" and "2022" in outcome.answer
    assert answerer.ask("Waarover zou volgens de brief op het BO MIRT 2022 worden gesproken?").reason != "not_covered"
    assert answerer.ask("Welke afspraken zijn op het BO MIRT van 2025 gemaakt?").reason != "not_covered"


def test_what_happened_after_the_newest_document_is_not_answered(answerer):
    # no meeting named: any event of a later year, asked in the past tense, no document can report
    for text in ("Wat hebben Rijk en regio op de top van 2027 over de Lelylijn gepresenteerd?",
                 "Wat is er op de top van 2027 over de Lelylijn besloten?",
                 "What did the Rijk and the region present about the Lelylijn at the summit of 2028?"):
        a = answerer.ask(text)
        assert not a.answerable and a.reason == "not_covered" and str(2027 if "2027" in text else 2028) in a.answer
    # a target year, or what is planned for it, the documents may well give
    assert answerer.ask("Hoeveel woningen moeten er in 2030 gebouwd zijn?").reason != "not_covered"
    assert answerer.ask("Wat willen Rijk en regio op de top van 2027 over de Lelylijn presenteren?"
                        ).reason != "not_covered"


def test_both_sides_of_a_comparison_are_answered_or_said_to_be_silent(answerer, ds):
    a = answerer.ask("Wat is er in 2020 en in 2025 gezegd over de Lelylijn?")
    _check(ds, a)
    assert a.kind == "comparison" and a.answerable
    assert "2025" in a.answer and "2020:" in a.answer  # the 2020 letter does not name the Lelylijn


def test_typos_are_corrected_against_the_corpus(ds):
    q = analyse("Hoeveel geld is er in de Voorjaarsnota gereseveerd voor de Lelylijn?", ds)
    assert tokens("gereserveerd")[0] in q.terms
    assert not q.unknown


def test_abbreviations_and_variants_find_the_same_entity(ds):
    a = {e.iri for e in analyse("Wat is er afgesproken over RGA?", ds).entities}
    b = {e.iri for e in analyse("Wat is er afgesproken over Regio Groningen - Assen?", ds).entities}
    assert a and a == b


def test_structured_questions_are_looked_up_in_the_graph(ds):
    q = analyse("Welke ministeries zijn verantwoordelijk voor het programma Water en bodem sturend?", ds)
    evidence = graph_evidence(q, ds)
    assert evidence.relation == "verantwoordelijke" and evidence.passage_ids
    assert "IenW" in ds.by_id[evidence.passage_ids[0]].text


def test_where_an_area_lies_is_asked_of_the_graph_but_what_lies_within_it_is_not(ds):
    from ruimtegraaf.lexicon import lexicon

    area = next(n for n in lexicon(ds).labelled if n.type == "NovexGebied")
    assert graph_evidence(analyse(f"In welke provincie ligt NOVEX-gebied {area.label}?", ds), ds).relation == "ligtIn"
    within = analyse(f"Welke woningbouwgebieden liggen binnen het NOVEX-gebied {area.label}?", ds)
    assert graph_evidence(within, ds).relation != "ligtIn"


def test_a_relation_answer_is_the_passage_the_graph_derives_it_from(answerer, ds):
    a = answerer.ask("Welke ministeries zijn verantwoordelijk voor het programma Water en bodem sturend?")
    _check(ds, a)
    assert a.answerable and "IenW" in a.answer[:300]
    assert "Verantwoordelijk" in " ".join(a.citations[0]["heading_path"])


def test_the_trekkers_of_an_area_are_read_from_the_graph(answerer, ds):
    a = answerer.ask("Wie zijn de trekkers van NOVEX-gebied Regio Zwolle?")
    _check(ds, a)
    assert a.answerable and "Harbers" in a.answer and "Boerman" in a.answer


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


def test_a_meeting_the_question_dates_itself_is_not_what_its_when_asks(ds):
    dated = analyse("Op het BO Leefomgeving Noord van juni 2025 ging het over Aland. Wanneer stellen zij het plan "
                    "voor Aland vast?", ds)
    assert graph_evidence(dated, ds).relation != "datum"
    to_the_day = analyse("Op welke dag in juni 2025 was het BO Leefomgeving Noord?", ds)
    assert graph_evidence(to_the_day, ds).relation == "datum"


def test_a_sentence_a_pages_footnotes_cut_resumes_after_them_and_cites_both_passages(answerer, ds):
    cut = next(p for p in ds.passages if p.text.rstrip().endswith("zoals toegezegd aan"))
    last = answerer.read.sentences(cut)[-1]
    assert "zoals toegezegd aan de leden De Groot en Veltman" in last.text
    assert "Kamerstuk" not in last.text  # the footnotes between the two parts are not read into it
    resumed = answerer.read.passages_of(last.text, cut)
    assert resumed[0] == cut and resumed[1].text.startswith("de leden De Groot")
    whole = [s for s in answerer.read.sentences(ds.passages[0]) if s.end <= ds.passages[0].end]
    assert answerer.read.passages_of(whole[0].text, ds.passages[0]) == [ds.passages[0]]


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


def test_answers_are_short(answerer):
    questions = ["Hoeveel heeft het kabinet gereserveerd voor de Nedersaksenlijn?",
                 "Wat is er afgesproken over de Westflank Groningen?",
                 "Wie zijn de trekkers van NOVEX-gebied Regio Zwolle?"]
    lengths = sorted(len(answerer.ask(q).answer) for q in questions)
    assert lengths[1] <= 400  # the median


@pytest.mark.slow
def test_the_bundled_model_answers_end_to_end_offline(built, tmp_path):
    from ingest.pipeline import ingest
    from ruimtegraaf.embed import load_embedder
    from ruimtegraaf.settings import Settings

    settings = Settings(data_dir=tmp_path / "data", corpus_dir=built.corpus_dir)
    embedder = load_embedder(settings.embedding_model)
    assert embedder.name.startswith("multilingual-e5-small")
    ingest(settings, embedder)
    ds = Dataset.load(DataFolder(settings.data_dir).current(), settings.corpus_dir, embedder, **settings.fusion)
    a = Answerer(ds, settings).ask("Hoeveel heeft het kabinet gereserveerd voor de Nedersaksenlijn?")
    _check(ds, a)
    assert a.answerable and re.search(r"1,9 (?:miljard|mld)", a.answer[:300])
    english = Answerer(ds, settings).ask("How much has the cabinet reserved for the Nedersaksenlijn?")
    assert english.answerable and re.search(r"1,9 (?:miljard|mld)", english.answer[:300])


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


def test_a_quoted_phrase_lifts_the_passages_that_hold_it(ds: Dataset) -> None:
    from ruimtegraaf.answering.retrieval import boosts
    from ruimtegraaf.answering.tuning import DEFAULT

    q = analyse("Welke rol spelen 'hydrologische  Buffers' in de plannen?", ds)
    assert q.quoted == ["hydrologische buffers"]
    lifted = boosts(q, ds, DEFAULT)
    holding = {p.id for p in ds.passages if "hydrologische buffers" in " ".join(p.text.split())}
    assert holding and all(lifted.get(pid, 0.0) >= DEFAULT.quote_boost for pid in holding)
    assert not {pid for pid, b in lifted.items() if b >= DEFAULT.quote_boost} - holding
    unquoted = analyse("Welke rol spelen hydrologische buffers in de plannen?", ds)
    assert unquoted.quoted == [] and not boosts(unquoted, ds, DEFAULT)


def test_english_field_words_reach_the_dutch_text() -> None:
    from ruimtegraaf.glossary import translate

    dutch, _ = translate("Which principles does the draft plan list, and what did it cover?")
    assert {"uitgangspunten", "ontwerp", "concept", "plan", "omvat"} <= set(dutch.split())
    # "regional" reads "regionaal" ("de regionale zoetwaterstrategie"), but a "regional deal" is a Regio Deal
    assert translate("the regional deal")[0] == "regio deal" and translate("the regional strategy")[0] == (
        "regionaal strategie")
    dutch, _ = translate("Which power plant does the House of Representatives name?")
    assert dutch.split() == ["centrale", "tweede", "kamer"]  # not "stroom" (power alone) nor "kamer" twice
    assert {"financiering", "middelen"} <= set(translate("Is there funding?")[0].split())  # "Rijksmiddelen"


def test_the_side_of_a_comparison_that_asks_what_was_agreed_gives_that_moments_agreement(answerer, monkeypatch) -> None:
    real = answerer._timeline

    def agreements_last(q):  # the moment's agreements behind more than a side reads of its other passages
        moments = real(q)
        ds = answerer.ds
        for year, ids in moments.items():
            others = [pid for pid in ids if ds.by_id[pid].kind != "afspraak"]
            padding = [p.id for p in ds.passages if p.kind == "paragraph" and p.id not in ids]
            padding = padding[:answerer.tuning.passages]
            moments[year] = others + padding + [pid for pid in ids if ds.by_id[pid].kind == "afspraak"]
        return moments

    monkeypatch.setattr(answerer, "_timeline", agreements_last)
    answer = answerer.ask("Groene Hart: wat zei het startpakket van 2022 over de opgave, en wat spraken Rijk en regio "
                          "in juni 2025 af?")
    assert answer.answerable
    side = next(part for part in answer.parts if part.text.startswith("juni 2025:"))
    cited = answer.citations[side.citation - 1]
    passage = next(p for p in answerer.ds.passages if cited["passage"].endswith("/" + p.id))
    assert passage.kind == "afspraak", side.text


def test_search_for_a_question_in_two_parts_puts_each_parts_best_passage_first(answerer) -> None:
    question = ("Wat zei de Kamerbrief van juni 2020 over de Omgevingsagenda, en wat werd in juni 2025 afgesproken "
                "over woningbouw?")
    hits = answerer.search(question, 10)
    first_two = {h.passage.document[:3] for h in hits[:2]}
    assert first_two == {"004", "000"}, [(h.passage.document, h.passage.text[:60]) for h in hits[:2]]
    assert [h.rank for h in hits] == list(range(1, len(hits) + 1))
    assert len({h.passage.id for h in hits}) == len(hits)


def test_a_programme_whose_form_names_no_ministry_is_still_answered_from_the_text(answerer, ds):
    from ruimtegraaf.answering.question import analyse
    from ruimtegraaf.graphqa import graph_evidence

    text = "Welke ministeries geven binnen het Nationaal Programma Verduurzaming Industrie opdracht voor onderzoek?"
    graph = graph_evidence(analyse(text, ds), ds)
    assert graph.relation == "verantwoordelijke" and not graph.passage_ids  # the graph names no ministry
    a = answerer.ask(text)
    assert a.reason != "no_value"  # the text is read: it names who commissions the programme's studies


def test_a_side_its_things_timeline_cannot_answer_is_answered_from_its_own_search(answerer, monkeypatch) -> None:
    real = answerer._timeline

    def elsewhere(q):  # the timeline's passages of each moment replaced by passages about something else
        unrelated = [p.id for p in answerer.ds.passages if "hart" not in p.text.casefold()]
        return {year: unrelated[:answerer.tuning.passages] for year in real(q)}

    question = ("Groene Hart: wat zei het startpakket van 2022 over de opgave, en wat spraken Rijk en regio "
                "in juni 2025 af?")
    monkeypatch.setattr(answerer, "_timeline", elsewhere)
    answer = answerer.ask(question)
    assert answer.answerable
    side = next(part for part in answer.parts if part.text.startswith("juni 2025:"))
    cited = answer.citations[side.citation - 1]
    assert "hart" in cited["quote"].casefold() or "Hart" in side.text, side.text


def test_a_sentence_that_answers_two_parts_stands_in_the_answer_once_and_whole(answerer, monkeypatch) -> None:
    from ruimtegraaf.answering.compose import sentence_text

    real = answerer._part_answers
    chosen = []

    def the_first_answer_for_every_part(part, evidence, relation):
        cands, good = real(part, evidence, relation)
        chosen.extend(good[:1] if not chosen else [])
        return cands, chosen[:1] or good

    monkeypatch.setattr(answerer, "_part_answers", the_first_answer_for_every_part)
    answer = answerer.ask("Groene Hart: wat zei het startpakket van 2022 over de opgave, en wat spraken Rijk en "
                          "regio in juni 2025 af?")
    whole = sentence_text(chosen[0].candidate.sentence)
    assert sum(whole in part.text for part in answer.parts) == 1, [p.text for p in answer.parts]
    assert not any(part.text.endswith("…") for part in answer.parts)  # not cut to a clause for the first part


def test_an_abstention_whose_nearest_evidence_opens_a_list_quotes_the_items_too(answerer, ds):
    from ruimtegraaf.answering.candidates import Candidate
    from ruimtegraaf.answering.retrieval import SearchHit

    # any sentence of the corpus that opens a list of at least two items
    opener, items = next((s, answerer.read.items(s)) for p in ds.passages for s in answerer.read.sentences(p)
                         if s.text.rstrip().endswith(":") and len(answerer.read.items(s)) >= 2)
    hit = SearchHit(opener.passage, 1.0, "urn:x")
    nearest = Candidate(opener, hit, (), 0.0, 0.0, frozenset(), frozenset(), frozenset(), False, False, False)
    q = analyse("Welke dilemma's noemen de documenten?", ds)
    a = answerer._abstain(q, [hit], "no_value", nearest=nearest)
    _check(ds, a)
    assert not a.answerable
    assert items[0].text.strip()[:40] in a.answer  # what the lead-in opens is said, not just "…zijn:"
    assert len(a.answer) <= 800


def test_the_small_words_of_an_english_question_are_not_what_it_asks_about(ds):
    q = analyse("On what date was the BO Leefomgeving Noordwest held, and by whom?", ds)
    assert q.language == "en"
    assert not {"on", "by"} & set(q.focus)  # "On" first is no name the corpus happens to hold as a rare token


def test_a_meeting_asked_for_is_no_bo_leefomgeving_named(ds) -> None:
    """"At which meeting, and on what date, was X agreed with Drenthe?" asks which meeting: it names no BO
    Leefomgeving, so the graph does not answer with the date of Drenthe's BO; "when was the meeting with
    Drenthe" names one."""
    from ruimtegraaf.answering.question import analyse
    from ruimtegraaf.graphqa import graph_evidence

    asked = analyse("At which meeting, and on what date, was the nature plan agreed with Drenthe?", ds)
    assert asked.constraints.meeting is None and all(graph_evidence(p, ds).answer is None for p in asked.parts)
    named = analyse("When was the meeting with Drenthe?", ds)
    assert named.constraints.meeting == "BOL" and graph_evidence(named, ds).answer


def test_a_comparison_side_reads_passages_of_its_own_year_first(ds: Dataset, built) -> None:
    """One side of a comparison of two years ("tussen de brief van 2020 en die van 2025") is answered only by a
    document of its year: its search brings that year's passages first, from further down the retrievers' lists
    than the whole corpus's top, so the side does not fall silent while its year holds the answer."""
    from ruimtegraaf.answering.retrieval import OF_YEAR, search_hits
    from ruimtegraaf.answering.tuning import DEFAULT

    q = analyse("Hoe veranderde het aantal woningen in Aland tussen de brief van 2020 en die van 2025?", ds)
    assert len(q.parts) == 2
    for side in q.parts:
        assert side.constraints.document_year
        year = set(OF_YEAR.of(ds)[side.constraints.years[0]])
        hits = search_hits(ds, built.base_iri, side, 10, DEFAULT)
        assert len(hits) == 10 and all(h.passage.id in year for h in hits)


def test_a_documents_own_title_places_all_of_it(ds: Dataset, answerer: Answerer) -> None:
    """A passage of the Ruimtelijk Arrangement with Drenthe speaks of Drenthe although its headings ("3.6.
    Erfgoed en cultuurhistorie") and its sentences ("Rijk en provincie …") do not name it: asked what was
    agreed with another province, its sentences are said of another place."""
    from ruimtegraaf.answering.candidates import candidates
    from ruimtegraaf.answering.retrieval import SearchHit
    from ruimtegraaf.answering.tuning import DEFAULT
    from ruimtegraaf.answering.verify import Problem, verdict

    p = next(p for p in ds.passages if p.subdocument == "ruimtelijk-arrangement-drenthe-2025"
             and "Erfgoed" in " ".join(p.heading_path) and "Drenthe" not in " ".join(p.heading_path))
    q = analyse("Wat spraken Rijk en de provincie Zeeland af over erfgoed?", ds)
    read = answerer.read
    cands = [c for c in candidates(q, [SearchHit(p, 1.0, "urn:p")], answerer.lex, read.analysed, read.next,
                                   DEFAULT, frozenset(), read.previous) if c.passage.id == p.id]
    assert cands and all("Provincie" in c.heading_kinds for c in cands)
    assert all(Problem.PLACE in verdict(c, q, DEFAULT).problems for c in cands if "Drenthe" not in c.sentence.text)
