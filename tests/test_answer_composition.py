"""How answers are composed: sentence splitting, windows, both sides of a comparison, agreements first."""

from __future__ import annotations

from ingest.model import Passage
from ruimtegraaf.answer import Scored, Sentence, _sides, _window, sentences
from ruimtegraaf.gazetteer import Gazetteer, Named
from ruimtegraaf.graphqa import graph_evidence
from ruimtegraaf.lexicon import lexicon
from ruimtegraaf.question import Question, states_agreement, understand


def _passage(text: str, **kw) -> Passage:
    return Passage(id="p1", document="doc.txt", start=0, end=len(text), text=text, **kw)


def _question(text: str, terms: list[str], *, kind: str = "lookup", years: list[int] | None = None) -> Question:
    return Question(text, "nl", kind, terms, [], years or [])


def test_an_abbreviation_does_not_end_a_sentence():
    text = ("Het resterende tekort van € 23 miljoen (incl. BTW) is niet gedekt. Dit geldt o.a. Rijkswaterstaat "
            "en zie Kamerstuk 35 603, nr. 51 voor de motie. De gemeente dient een voorstel in.")
    found = [s.text for s in sentences(_passage(text), text)]
    assert found == ["Het resterende tekort van € 23 miljoen (incl. BTW) is niet gedekt.",
                     "Dit geldt o.a. Rijkswaterstaat en zie Kamerstuk 35 603, nr. 51 voor de motie.",
                     "De gemeente dient een voorstel in."]


def test_a_name_broken_over_a_line_after_its_hyphen_is_found():
    g = Gazetteer([("Oost-Nederland", Named("urn:oost", "Oost-Nederland", "Landsdeel"))])
    text = "Vanuit het noorden is de kust genoemd. Oost-\nNederland denkt aan de Achterhoek."
    found = g.find(text)
    assert [m.named.iri for m in found] == ["urn:oost"]
    assert text[found[0].start:found[0].end] == "Oost-\nNederland"


def test_a_window_skips_a_long_sentence_that_repeats_the_question_but_keeps_one_that_adds():
    text = ("De omgevingsagenda Oost is besproken. "
            "Deze omgevingsagenda Oost bevat de gezamenlijke opgaven van Rijk en regio op het gebied van de fysieke "
            "leefomgeving, vertaald naar een programma van acties, maatregelen en projecten dat aanvult op wat al "
            "loopt en dat de komende jaren gezamenlijk wordt opgepakt. "
            "Dit is het resultaat van een samenwerking van de provincies, de waterschappen en het Rijk.")
    p = _passage(text)
    sents = sentences(p, text)
    q = _question("Wie hebben samengewerkt aan de omgevingsagenda Oost?", ["samenwerk", "omgevingsagenda", "oost"],
                  kind="who")
    chosen = _window(sents[0], sents, q, budget=600)
    assert [s.text for s in chosen] == [sents[0].text, sents[2].text]


def test_a_window_keeps_a_list_after_a_colon_whatever_its_length():
    items = "; ".join(f"locatie {i} met een lange omschrijving van wat daar gebouwd wordt" for i in range(4))
    text = f"Toegekend zijn:\n• {items}."
    sents = sentences(_passage(text), text)
    chosen = _window(sents[0], sents, _question("Welke locaties?", ["locatie"]), budget=780)
    assert len(chosen) == len(sents) == 2


def test_the_sides_of_a_question_are_the_years_it_compares():
    assert _sides(_question("Wat gold in 2020 en wat in 2024?", ["gold"], years=[2020, 2024])) == [2020, 2024]
    assert _sides(_question("Hoeveel zijn voorzien en wat spraken zij in 2025 af?", ["voorzien"], years=[2025])) \
        == [2025, None]
    assert _sides(_question("Wat is in 2025 afgesproken?", ["afgesproken"], years=[2025])) == []
    assert _sides(_question("Wat is afgesproken?", ["afgesproken"])) == []
    assert _sides(_question("Welke maatregelen zijn er voor 2025-2030?", ["maatregel"], years=[2025, 2030])) == []


def test_sentences_that_state_an_agreement():
    assert states_agreement("Rijk en Regio spreken af dat de gemeente een propositie indient.")
    assert states_agreement("Tijdens het overleg is afgesproken om te streven naar meer woningen.")
    assert states_agreement("Rijk en regio zijn verder overeengekomen dat uitvoering wordt gegeven.")
    assert not states_agreement("Het Rijk constateert dat er geen mogelijkheden zijn.")
    assert not states_agreement("Rijk en Regio hebben, zoals afgesproken op het BO, gezocht naar oplossingen.")


def test_a_question_that_compares_two_years_is_answered_from_documents_of_both(answerer, ds):
    q = understand("Wat stond er in 2020 over de woningbouwopgave, en wat spraken Rijk en regio daarover in 2025 af?",
                   ds)
    assert _sides(q) == [2020, 2025]
    graph = graph_evidence(q, ds)
    chosen, _ = answerer._compose_from(q, answerer._hits(q, 12, graph.passage_ids), graph)
    years = {lexicon(ds).year_of.get((s.passage.document, s.passage.subdocument)) for s in chosen}
    assert {2020, 2025} <= years
    assert sum(len(s.text) + 1 for s in chosen) <= 800


def test_an_agreement_question_takes_the_stated_agreement_before_other_strong_sentences(answerer, ds):
    q = understand("Wat is er afgesproken over de woningbouw?", ds)
    long_text = "Het Rijk constateert dat het tekort groot is en dat er geen middelen zijn. " * 4
    agreed_text = "Rijk en Regio spreken af dat de gemeente een voorstel indient."
    other = Passage(id="x", document="a.txt", start=0, end=len(long_text), text=long_text)
    agreed = Passage(id="y", document="a.txt", start=0, end=len(agreed_text), text=agreed_text)
    anchor = Sentence(other, 0, 60, long_text[:60])
    strong = Sentence(other, 300, 300 + len(long_text) - 60, long_text[60:])
    agreement = Sentence(agreed, 0, len(agreed_text), agreed_text)
    scored = [Scored(1.0, anchor, [anchor]), Scored(0.95, strong, [strong]), Scored(0.8, agreement, [agreement])]
    chosen = answerer._with_other_sources(q, scored, [anchor])
    assert agreement in chosen


def test_a_heading_as_anchor_brings_what_stands_under_it(answerer, ds):
    heading = next(p for p in ds.passages if p.kind == "heading" and (nxt := answerer._next.get(p.id)) is not None
                   and nxt.kind == "afspraak")
    under = answerer._next[heading.id]
    following = answerer._sentences_from(heading)
    q = understand(f"Wat is er afgesproken over {heading.heading_path[-1]}?", ds)
    chosen = answerer._around_anchor(q, Scored(1.0, following[0], following))
    assert chosen[0] == following[0]
    assert any(s.passage.id == under.id for s in chosen)  # not the heading alone


def test_an_amount_in_the_bullet_after_the_hit_answers_a_how_much_question(answerer):
    # the words "bedrag" or "geld" need not recur: a sentence that states an amount answers for them
    answer = answerer.ask("Welk bedrag is afgesproken voor Beethoven?")
    assert answer.answerable
    assert answer.answer.startswith("Het Rijk zal de toegezegde bijdrage van € 90 miljoen")
    assert any("€ 90 miljoen" in c["quote"] for c in answer.to_json()["citations"])


def test_a_lead_in_brings_the_list_it_opens(answerer, ds):
    def opens_a_list(p: Passage) -> bool:
        first = answerer._next.get(p.id)
        return (p.text.rstrip().endswith(":") and first is not None and first.kind == "afspraak"
                and answerer._next.get(first.id) is not None)

    lead_in = next(p for p in ds.passages if opens_a_list(p))
    own = sentences(lead_in, ds.texts[lead_in.document])
    q = understand(f"Wat is er afgesproken over {lead_in.heading_path[-1]}?", ds)
    chosen = answerer._around_anchor(q, Scored(1.0, own[0], answerer._sentences_from(lead_in)))
    assert chosen[:len(own)] == own
    assert len({s.passage.id for s in chosen[len(own):]}) >= 2  # the items, each its own passage
    assert sum(len(s.text) + 1 for s in chosen) <= 800


def test_an_english_question_about_dutch_names_is_english():
    from ruimtegraaf.question import question_language

    assert question_language("Which agreements were made about de Investeringsagenda voor de regio?") == "en"
    assert question_language("Welke afspraken zijn er gemaakt over the Green Deal?") == "nl"


def test_who_leads_an_area_in_english_reads_the_trekkers_field_whole(answerer, ds):
    q = understand("Who leads the NOVEX area De Peel?", ds)
    assert "who" not in q.terms and "trekker" in q.terms
    answer = answerer.ask("Who leads the NOVEX area De Peel?").answer
    assert answer.startswith("According to the documents: ")
    assert "Christianne van der Wal-Zeggelink" in answer and "Mario" in answer  # bewindspersoon and bestuurder


def test_the_passage_the_graph_derives_the_asked_relation_from_leads_the_answer(answerer):
    # the question names the area by its reference label, which the trekkers field does not repeat
    answer = answerer.ask("Wie zijn de trekkers van NOVEX-gebied Groningen-Masterplan Zeehavens?").answer
    assert "Vijlbrief" in answer and "Wulfse" in answer
