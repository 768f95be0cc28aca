"""The answering stages one by one, on small texts: analysis, typed values, verification, composition, tuning."""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

import pytest

from ruimtegraaf.answering.asking import (
    QuestionKind,
    asked_unit,
    asks_day,
    expected_type,
    question_kind,
    question_language,
)
from ruimtegraaf.answering.candidates import Candidate, states_agreement
from ruimtegraaf.answering.compose import AnswerPart, lead, render
from ruimtegraaf.answering.question import Constraints, Question, unknown_things
from ruimtegraaf.answering.retrieval import SearchHit
from ruimtegraaf.answering.sentences import Sentence, sentences
from ruimtegraaf.answering.tuning import DEFAULT, Tuning
from ruimtegraaf.answering.values import AnswerType, Value, of_type, same_unit, values_in
from ruimtegraaf.answering.verify import Problem, abstention_reason, verdict
from ruimtegraaf.gazetteer import Named
from ruimtegraaf.model import Passage


def _passage(text: str, **kw) -> Passage:
    return Passage(id="p1", document="doc.txt", start=0, end=len(text), text=text, **kw)


@pytest.mark.parametrize(("text", "expected"), [
    ("Hoeveel hectare natuur komt er bij Lelystad?", AnswerType.AREA),
    ("Wat kost de nieuwe brug over de Waal?", AnswerType.MONEY),
    ("Hoeveel kostte de verbreding van de A1?", AnswerType.MONEY),
    ("Hoeveel is er gereserveerd voor de aanpak van de N33?", AnswerType.MONEY),
    ("How much money goes to the dikes in Zeeland?", AnswerType.MONEY),
    ("Wat legt de gemeente Aland zelf in?", AnswerType.MONEY),  # what a party puts in
    ("What does the Rijk contribute to the proposal?", None),  # may be knowledge, not money
    ("Hoeveel woningen komen er in Almere?", AnswerType.COUNT),
    ("Welk percentage van de stikstof moet omlaag?", AnswerType.PERCENTAGE),
    ("Hoe lang loopt het convenant?", AnswerType.DURATION),
    ("Wat is de beoogde maximale looptijd van het onderzoek?", AnswerType.DURATION),
    ("Hoeveel korter leven mensen door luchtvervuiling?", AnswerType.DURATION),  # a difference in time
    ("Over hoeveel jaar plannen de overheden hun opgaven?", AnswerType.DURATION),  # years counted are a time span
    ("Over roughly how many years is the work planned?", AnswerType.DURATION),
    ("How much longer will the works take?", AnswerType.DURATION),
    ("Wanneer gaat de sluis open?", AnswerType.DATE),
    ("Over welke periode loopt de uitvoeringsagenda?", AnswerType.DATE),
    ("Which period does the programme cover?", AnswerType.DATE),
    ("Over welke termijn werken de overheden samen?", AnswerType.DATE),  # a span ("10 à 15 jaar"), not a list
    ("What time frame does the agenda cover?", AnswerType.DATE),
    ("By when must the plan be ready?", AnswerType.DATE),
    ("Voorbeeldstrategie – deadline?", AnswerType.DATE),  # terse, keyword style
    ("Wie is voorzitter van de stuurgroep?", AnswerType.PERSON),
    ("Met welke andere bewindspersonen sprak de minister?", AnswerType.PERSON),
    ("Welke gedeputeerden tekenden de overeenkomst?", AnswerType.PERSON),
    ("Which Aland gedeputeerde signed the process agreement?", AnswerType.PERSON),  # the Dutch office in English
    ("Welk ministerie betaalt het onderzoek?", AnswerType.ORGANISATION),
    ("Waar komt de nieuwe haven?", AnswerType.PLACE),
    ("Tussen welke haltes rijdt de nieuwe bus?", AnswerType.PLACE),
    ("Welk deel van het rivierengebied is een aandachtspunt?", None),  # a part of a thing, not a share
    ("Welk deel van de bijdrage komt in 2026?", AnswerType.PERCENTAGE),
    ("Welk deel van het project betaalt de provincie?", AnswerType.PERCENTAGE),  # a share of its cost
    ("Welk percentage van het gebied is natuur?", AnswerType.PERCENTAGE),
    ("Waar lag in 2020 de nadruk van de wateropgave?", None),  # where the emphasis lay: no place
    ("Where was the focus of the talks?", None),
    ("Between which stations will the new line run?", AnswerType.PLACE),
    ("Waarom is het project vertraagd?", AnswerType.REASON),
    ("I'd like to know by which date the study will be finished.", AnswerType.DATE),
    ("Hoe verhoudt de nieuwe kostenraming zich tot het budget?", AnswerType.MONEY),  # two sums side by side
    ("How does the cost estimate compare with the budget?", AnswerType.MONEY),
    ("Hoe verhoudt de provincie zich tot het Rijk?", None),
    ("Welke CO2-reductie streeft het cluster na in 2030?", AnswerType.PERCENTAGE),  # a reduction is a share
    ("What emission reduction does the port aim for?", AnswerType.PERCENTAGE),
    ("What year will the bridge open?", AnswerType.DATE),
    ("On what exact date was the Aland plan published?", AnswerType.DATE),
    ("Which town centres get priority when it comes to attractive centres in Aland?", None),  # an idiom
    ("What will they look at when doing so?", None),  # "when" before a verb in -ing: a time clause, no date asked
    ("Which standards should the data meet when creating digital twins of Aland?", None),
    ("When will the Aland bridge open?", AnswerType.DATE),
    ("How far ahead is the Aland programme fixed?", AnswerType.DURATION),  # a horizon is a span of time
    ("Hoe ver vooruit ligt de programmering van Aland vast?", AnswerType.DURATION),
    ("Op welke precieze datum is het plan voor Aland gepubliceerd?", AnswerType.DATE),
    ("Wat staat er over de Nota Ruimte?", None),
])
def test_the_expected_answer_type_follows_the_question_words(text, expected):
    assert expected_type(text) == expected


def test_units_of_count_questions_in_dutch_and_english():
    assert asked_unit("Hoeveel laadpalen komen er?") == "laadpalen"
    assert asked_unit("How many homes are planned?", "en") == "woningen"
    assert asked_unit("Hoeveel is er nodig?") is None
    assert asked_unit("If not, how many had?", "en") is None  # an auxiliary is no unit
    assert asked_unit("How many did the province build?", "en") is None
    assert asked_unit("In how many other Dutch regions does Aland study this?", "en") == "regio's"


def test_an_exact_date_is_a_date_to_the_day():
    assert asks_day("On what exact date was the Aland plan published?")
    assert asks_day("Op welke exacte datum is het plan voor Aland gepubliceerd?")
    assert not asks_day("When was the Aland plan published?")


def test_an_english_question_word_first_makes_a_question_english():
    assert question_language("Which provinces signed the Ruimtelijk Arrangement van Drenthe?") == "en"
    assert question_language("Welke provincies tekenden het arrangement?") == "nl"


def test_a_novex_area_or_programme_the_graph_lacks_is_unknown():
    known = [Named("urn:a", "Regio Zwolle", "NovexGebied"),
             Named("urn:b", "Programma Woningbouw", "NationaalProgramma")]
    assert unknown_things("Wat is er met NOVEX Texel afgesproken?", known) == ["NOVEX Texel"]
    assert unknown_things("Wat is er met NOVEX Regio Zwolle afgesproken?", known) == []
    assert unknown_things("Wat zegt het Nationaal Programma Toekomstige Kusten?", known) == [
        "programma Toekomstige Kusten"]
    assert unknown_things("Wat zegt het Programma Woningbouw?", known) == []
    assert unknown_things("Welk NOVEX-gebied is het grootst?", known) == []
    # "en" and "voor" in a name tell no programme apart: a made-up "… Toerisme en Recreatie" stays unknown
    known.append(Named("urn:c", "Programma Landelijk Gebied en Water", "NationaalProgramma"))
    assert unknown_things("Wat zegt het Nationaal Programma Toerisme en Recreatie?", known) == [
        "programma Toerisme en Recreatie"]
    # one shared word is not the programme: every distinctive word of the name is in one label
    known.append(Named("urn:d", "Programma Ruimte voor Defensie", "NationaalProgramma"))
    assert unknown_things("Wat zegt het Nationaal Programma Ruimte voor Vervoer?", known) == [
        "programma Ruimte voor Vervoer"]
    assert unknown_things("Wat zegt het Programma Landelijk Gebied?", known) == []  # a shortened name


def test_values_of_every_type_with_their_spans():
    text = ("Het Rijk draagt € 25 mln. bij aan 400 woningen op 12 ha, 30% sociaal, binnen tien jaar, "
            "uiterlijk in 2026, omdat de regio dat vroeg.")
    found = {(v.type, v.text) for v in values_in(text)}
    assert {(AnswerType.MONEY, "€ 25 mln."), (AnswerType.COUNT, "400 woningen"), (AnswerType.AREA, "12 ha"),
            (AnswerType.PERCENTAGE, "30%"), (AnswerType.DURATION, "tien jaar"),
            (AnswerType.DATE, "uiterlijk in 2026"), (AnswerType.REASON, "omdat")} <= found
    for v in values_in(text):
        assert text[v.start:v.end] == v.text


def test_what_gave_rise_to_something_is_a_reason_but_announcing_it_is_not():
    def reasons(text: str) -> list[str]:
        return [v.text for v in values_in(text) if v.type == AnswerType.REASON]

    assert reasons("Aanleiding voor deze verbreding is dat de opgaven een bredere aanpak vragen.") == [
        "Aanleiding voor"]
    assert reasons("De droogte van 2018 was de aanleiding tot het programma.") == ["was de aanleiding"]
    assert reasons("Ik geef eerst een toelichting op de aanleiding en doelen van de verbreding.") == []


def test_an_auxiliary_of_the_past_is_no_term_of_what_a_question_asks(ds) -> None:
    from ruimtegraaf.answering.question import analyse
    from ruimtegraaf.tokens import tokens

    q = analyse("Waarom werden de overleggen in 2020 verbreed?", ds)
    assert "verbreed" in q.constraints.premise
    assert not set(tokens("werden zouden konden")) & (set(q.focus) | set(q.constraints.premise))


def test_a_body_that_acts_is_an_organisation_and_answers_who_when_no_person_does() -> None:
    def bodies(text: str) -> list[str]:
        return [v.text for v in values_in(text) if v.type == AnswerType.ORGANISATION and v.unit == "body"]

    assert bodies("Een verkenning door het Coördinatiebureau Veenland naar de financiering.") == [
        "Coördinatiebureau Veenland"]
    assert bodies("Een brede hoog-ambtelijke vertegenwoordiging van het Rijk sprak met de provincies.") == [
        "hoog-ambtelijke vertegenwoordiging"]
    assert bodies("De Commissie Jansen adviseerde; de bureaucratie bleef.") == ["Commissie Jansen"]
    from ruimtegraaf.answering.candidates import typed_values

    q = _question(AnswerType.PERSON, {"verken": 5.0})
    told = _candidate("Een verkenning door het Coördinatiebureau Veenland naar de financiering.", {"verken"})
    assert [v.text for v in typed_values(told, q)] == ["Coördinatiebureau Veenland"]
    named = _candidate("Gedeputeerde Anna de Vries en het Coördinatiebureau Veenland doen de verkenning.", {"verken"})
    assert all(v.type == AnswerType.PERSON for v in typed_values(named, q))  # a person, when one is named


def test_a_roman_numeral_is_no_organisation() -> None:
    text = "De motie (Kamerstuk 36200-XII, nr. 33) vraagt LNV en het IPO om deel III."
    assert [v.text for v in values_in(text) if v.type == AnswerType.ORGANISATION] == ["LNV", "IPO"]


def test_a_range_of_a_count_is_one_count_of_its_unit():
    text = "Het water wordt geborgen op (3-5) strategische locaties, met 10 à 15 gemalen en 3 tot 5 dijken."
    counts = [(v.text, v.unit) for v in values_in(text) if v.type == AnswerType.COUNT]
    assert ("(3-5) strategische locaties", "locaties") in counts
    assert ("10 à 15 gemalen", "gemalen") in counts and ("3 tot 5 dijken", "dijken") in counts
    assert [v.text for v in of_type(values_in(text), AnswerType.COUNT, "locaties", text)] == [
        "(3-5) strategische locaties"]
    assert not [v for v in values_in("Van 2024-2030 woningen bouwen") if v.type == AnswerType.COUNT]
    assert [v.text for v in values_in("in (12 provincies") if v.type == AnswerType.COUNT] == ["12 provincies"]


def test_a_span_of_years_is_a_date_and_answers_a_question_for_a_period():
    text = "De agenda loopt 2025-2029, met een eerste herziening in 2027 en het tweede deel 2030 t/m 2034."
    dates = [v.text for v in values_in(text) if v.type == AnswerType.DATE]
    assert "2025-2029" in dates and "2030 t/m 2034" in dates
    assert not [v for v in values_in("Het arrangement 2025 en het rapport 2024-01.") if v.type == AnswerType.DATE]
    spans = [v.text for v in of_type(values_in(text), AnswerType.DATE, "period", text)]
    assert spans == ["2025-2029", "2030 t/m 2034"]  # a span, not one moment ("t/m 2034" alone is a deadline)


def test_counts_match_their_unit_and_a_number_the_unit_word_follows():
    assert same_unit("huurwoningen", "woningen") and same_unit("gemeenten", "gemeente")
    assert not same_unit("banen", "woningen")
    text = "IenW kan maximaal 40% CO2-uitstoot vermijden en bouwt 3 stations."
    assert [v.text for v in of_type(values_in(text), AnswerType.COUNT, "co2-uitstoot", text)] == ["40%"]
    assert {v.text for v in of_type(values_in(text), AnswerType.COUNT, None, text)} >= {"40%", "3 stations"}


def test_number_words_from_thirteen_to_nineteen_count_as_the_others_do():
    for word in ("dertien", "veertien", "zestien", "zeventien", "achttien", "negentien"):
        text = f"Aland heeft {word} MIRT-projecten gepauzeerd, na {word} jaar werk."
        found = {(v.type, v.text) for v in values_in(text)}
        assert {(AnswerType.COUNT, f"{word} MIRT-projecten"), (AnswerType.DURATION, f"{word} jaar")} <= found


def test_a_long_sentence_leads_with_the_clauses_around_its_value():
    text = ("Na een lange voorbereiding, waarin veel partijen meepraatten en de gemeente haar plannen bijstelde, "
            "stelt het Rijk € 12 mln. beschikbaar voor de kade, mits de provincie het restant betaalt.")
    s = Sentence(_passage(text), 0, len(text), text)
    short = lead(s, tuple(values_in(text)), 80)
    assert "€ 12 mln." in short and short.startswith("…") and len(short) <= 90
    assert lead(s, tuple(values_in(text)), 400) == text


def test_markers_follow_the_parts_they_cite():
    parts = [AnswerPart("According to the documents:"), AnswerPart("Er komen 400 woningen.", 1),
             AnswerPart("De provincie betaalt mee.", 2)]
    assert render(parts) == "According to the documents: Er komen 400 woningen. [1] De provincie betaalt mee. [2]"
    assert len(render([AnswerPart("woord " * 300, 1)])) <= 800


def test_a_heading_line_is_not_part_of_the_sentence_after_it():
    text = "Nedersaksenlijn als aanjager\nDit kabinet heeft 1,9 miljard vrijgemaakt. Dat helpt."
    p = _passage(text, heading_path=("Energie", "Nedersaksenlijn als aanjager"))
    found = sentences(p, text)
    assert [s.text for s in found] == ["Dit kabinet heeft 1,9 miljard vrijgemaakt.", "Dat helpt."]
    assert text[found[0].start:found[0].end] == "Dit kabinet heeft 1,9 miljard vrijgemaakt."
    # a first line that is not a heading stays: it is the sentence's own start
    other = _passage(text, heading_path=("Energie",))
    assert sentences(other, text)[0].text.startswith("Nedersaksenlijn als aanjager Dit kabinet")


def test_sentences_split_at_a_colon_only_where_a_list_follows():
    text = "Regiokernen: een ondergrens van 400 woningen. Afgesproken is:\n• een verkenning;\n• een plan."
    found = [s.text for s in sentences(_passage(text), text)]
    assert found[0] == "Regiokernen: een ondergrens van 400 woningen."
    assert found[1] == "Afgesproken is:" and len(found) == 4


def test_a_sentence_resumes_after_the_link_lines_of_a_page_break():
    text = ("Ter vergelijking: het budget van project Knooppunt \n\n8 Rapporten staan op \n"
            "https://www.example.nl/rapport-a en \nhttps://www.example.nl/rapport-b. \n\n"
            "https://www.example.nl/rapport-a\n Hoevelaken voorafgaand aan de herprioritering bedroeg "
            "€ 1.145 mln. (prijspeil \n\n2022). ")
    found = [s.text for s in sentences(_passage(text), text)]
    assert "Hoevelaken voorafgaand aan de herprioritering bedroeg € 1.145 mln. (prijspeil 2022)." in found
    assert not any(s.startswith("https://") for s in found)


def test_sentences_that_state_an_agreement():
    assert states_agreement("Rijk en Regio spreken af dat de gemeente een plan maakt.")
    assert states_agreement("Het Rijk zegt een bijdrage van € 5 mln. toe.")
    assert not states_agreement("Zoals afgesproken op het BO MIRT is verder gezocht.")


def _question(expected: AnswerType, focus: dict[str, float], *, names: list[str] | None = None,
              kind: QuestionKind = QuestionKind.FACT, constraints: Constraints | None = None) -> Question:
    return Question("vraag", "nl", kind, expected, None, list(focus), focus, [], constraints or Constraints(),
                    names=names or [])


def _candidate(text: str, covered: set[str], *, coverage: float = 0.6, context: float = 0.8,
               wide: set[str] | None = None, score: float = 1.0, names_place: bool = False) -> Candidate:
    p = _passage(text)
    return Candidate(Sentence(p, 0, len(text), text), SearchHit(p, 1.0, "urn:p1"), tuple(values_in(text)),
                     coverage, context, frozenset(covered), frozenset(wide or covered), frozenset(), False,
                     names_place, False, score=score)


def test_a_value_must_be_of_the_expected_type():
    q = _question(AnswerType.AREA, {"voorbeeldpolder": 6.0, "beslaat": 2.0}, names=["voorbeeldpolder"])
    no_area = _candidate("De Voorbeeldpolder beslaat een groot gebied.", {"voorbeeldpolder", "beslaat"})
    assert Problem.NO_VALUE in verdict(no_area, q, DEFAULT).problems
    area = _candidate("De Voorbeeldpolder beslaat 40 ha.", {"voorbeeldpolder", "beslaat"})
    assert verdict(area, q, DEFAULT).answers


def test_a_value_said_of_something_else_does_not_answer():
    q = _question(AnswerType.AREA, {"houtrakpolder": 6.0, "beslaat": 7.0}, names=["houtrakpolder"])
    other = _candidate("Het voorkeursalternatief beslaat 292 ha.", {"beslaat"}, wide={"beslaat", "houtrakpolder"})
    assert Problem.NOT_TIED in verdict(other, q, DEFAULT).problems


def test_what_happens_to_the_counted_things_may_stand_inside_a_compound():
    q = _question(AnswerType.COUNT, {"voorbeeldstad": 6.0, "bouw": 4.0}, names=["voorbeeldstad"])
    compound = _candidate("Voorbeeldstad draagt met 8.000 woningen bij aan de woningbouwopgave.", {"voorbeeldstad"})
    assert verdict(compound, q, DEFAULT).answers
    other = _candidate("Voorbeeldstad draagt met 8.000 woningen bij aan de opgave.", {"voorbeeldstad"})
    assert Problem.NOT_TIED in verdict(other, q, DEFAULT).problems


def test_a_count_of_the_unit_answers_a_question_that_names_nothing_else():
    q = Question("hoeveel tankstations zijn er?", "nl", QuestionKind.FACT, AnswerType.COUNT, "tankstations", [], {},
                 [], Constraints())
    count = _candidate("Er komen 16 tankstations.", set(), coverage=0.0, context=0.0, score=0.1)
    assert verdict(count, q, DEFAULT).answers
    assert Problem.WEAK in verdict(_candidate("Er komen tankstations.", set(), score=0.1), q, DEFAULT).problems


def test_a_number_asked_for_a_place_must_be_said_of_that_place():
    groningen = Named("urn:g", "Groningen", "Provincie")
    q = _question(AnswerType.COUNT, {"tankstation": 5.0}, constraints=Constraints(places=(groningen,)))
    national = _candidate("Landelijk komen er 50 tankstations.", {"tankstation"})
    assert Problem.PLACE in verdict(national, q, DEFAULT).problems
    local = _candidate("In Groningen komen 5 tankstations.", {"tankstation"}, names_place=True)
    assert verdict(local, q, DEFAULT).answers



def test_a_place_named_in_a_heading_counts_however_its_dashes_are_written():
    from dataclasses import replace

    area = Named("urn:anf", "Arnhem-Nijmegen-Foodvalley", "NovexGebied")
    q = _question(AnswerType.COUNT, {"woning": 5.0}, constraints=Constraints(places=(area,)))
    text = "Voor dit gebied is een strategie gericht op 100.000 woningen."
    p = _passage(text, heading_path=("NOVEX-gebied Arnhem – Nijmegen Foodvalley (ANF)", "Achtergrondinformatie"))
    under = replace(_candidate(text, {"woning"}), sentence=Sentence(p, 0, len(text), text))
    assert verdict(under, q, DEFAULT).answers
    elsewhere = replace(under, sentence=Sentence(_passage(text, heading_path=("Arnhem",)), 0, len(text), text))
    assert Problem.PLACE in verdict(elsewhere, q, DEFAULT).problems  # a part of the name is not the place
    by_iri = replace(elsewhere, things=frozenset({"urn:anf"}))  # the gazetteer found it by another label
    assert verdict(by_iri, q, DEFAULT).answers


def test_a_negative_premise_must_be_stated_of_the_thing():
    q = _question(AnswerType.REASON, {"lijn": 5.0, "geschrapt": 3.0}, names=["lijn"], kind=QuestionKind.WHY,
                  constraints=Constraints(premise=("lijn", "geschrapt"), negative_premise=True))
    assert Problem.PREMISE in verdict(_candidate("De lijn krijgt extra geld.", {"lijn"}), q, DEFAULT).problems
    stated = _candidate("De lijn is geschrapt omdat het geld op was.", {"lijn", "geschrapt"})
    assert verdict(stated, q, DEFAULT).answers



def test_a_premise_is_stated_by_a_thing_the_sentence_names_by_another_label():
    q = _question(AnswerType.REASON, {"alanddienst": 5.0, "standaardiseert": 3.0}, names=["alanddienst"],
                  kind=QuestionKind.WHY, constraints=Constraints(premise=("alanddienst", "standaardiseert")))
    q = replace(q, things={"urn:alanddienst": ["alanddienst"]})
    text = "AD standaardiseert de contracten om te zorgen voor eenvoud."
    short = _candidate(text, {"standaardiseert"})
    assert Problem.PREMISE in verdict(short, q, DEFAULT).problems
    assert verdict(replace(short, things=frozenset({"urn:alanddienst"})), q, DEFAULT).answers


def test_a_premise_is_not_stated_by_the_names_alone() -> None:
    """"Waarom is Aland Noord opgegaan in Aland Zuid?": a sentence naming both areas but not the merging does
    not state the premise, however much of its weight the names carry."""
    focus = {"aland": 5.0, "noord": 4.0, "zuid": 4.0, "opgaan": 2.0}
    q = _question(AnswerType.REASON, focus, names=["aland", "noord", "zuid"], kind=QuestionKind.WHY,
                  constraints=Constraints(premise=tuple(focus)))
    names_only = _candidate("Afstemming tussen Aland Noord en Aland Zuid moet nog geregeld worden.",
                            {"aland", "noord", "zuid"}, coverage=0.87)
    assert Problem.PREMISE in verdict(names_only, q, DEFAULT).problems
    stated = _candidate("Aland Noord is opgegaan in Aland Zuid omdat de opgaven samenvielen.", set(focus))
    assert Problem.PREMISE not in verdict(stated, q, DEFAULT).problems
    assert Problem.PREMISE not in verdict(names_only, q, DEFAULT.replace(premise_event=0.0)).problems


def test_an_abolition_is_a_negative_premise_that_must_be_stated(ds) -> None:
    """"Waarom is de regeling afgeschaft?" takes the abolition for granted: a sentence that says the regeling
    is reinstated does not give its reason."""
    from ruimtegraaf.answering.question import analyse

    assert analyse("Waarom is de Aland-regeling in 2025 afgeschaft?", ds).constraints.negative_premise
    assert analyse("Why did the Rijk decide not to index the Aland scheme?", ds).constraints.negative_premise
    assert analyse("Waarom hebben zij besloten de Aland-regeling niet te indexeren?", ds).constraints.negative_premise
    assert analyse("Why was Aland left out of the urban network?", ds).constraints.negative_premise  # an exclusion
    for withdrawn in ("Why did Aland withdraw its contribution?", "Why did Aland pull out of the design table?",
                      "Waarom trok de provincie Aland haar bijdrage van € 3 miljoen terug?"):
        assert analyse(withdrawn, ds).constraints.negative_premise, withdrawn
    q = _question(AnswerType.REASON, {"regeling": 5.0}, names=["regeling"], kind=QuestionKind.WHY,
                  constraints=Constraints(premise=("regeling",), negative_premise=True))
    again = _candidate("Daarom wordt de regeling weer in werking gesteld.", {"regeling"})
    assert Problem.PREMISE in verdict(again, q, DEFAULT).problems
    for said in ("De regeling is afgeschaft omdat zij te duur werd.",
                 "Het Rijk schaft de regeling af omdat zij te duur is."):
        assert verdict(_candidate(said, {"regeling"}), q, DEFAULT).answers


def test_a_judgement_is_never_answered():
    q = _question(AnswerType.STATEMENT, {"lijn": 5.0}, kind=QuestionKind.JUDGEMENT)
    assert Problem.JUDGEMENT in verdict(_candidate("De lijn komt er.", {"lijn"}), q, DEFAULT).problems


def test_tuning_values_are_checked_by_name():
    assert Tuning().replace(support=0.5).support == 0.5
    with pytest.raises(ValueError, match="unknown tuning"):
        Tuning().replace(suport=0.5)


def test_an_abbreviation_does_not_end_a_sentence():
    text = ("Het resterende tekort van € 23 miljoen (incl. BTW) is niet gedekt. Dit geldt o.a. Rijkswaterstaat "
            "en zie Kamerstuk 35 603, nr. 51 voor de motie. De gemeente dient een voorstel in.")
    found = [s.text for s in sentences(_passage(text), text)]
    assert found == ["Het resterende tekort van € 23 miljoen (incl. BTW) is niet gedekt.",
                     "Dit geldt o.a. Rijkswaterstaat en zie Kamerstuk 35 603, nr. 51 voor de motie.",
                     "De gemeente dient een voorstel in."]


def test_a_semicolon_inside_parentheses_does_not_end_a_sentence():
    text = ("• Oploop Aland (digitaal; \n2 maal per jaar)\n• Platform Aland (4 maal per jaar). "
            "Dat is veel; Zo blijft het.")
    found = [s.text for s in sentences(_passage(text), text)]
    assert found == ["• Oploop Aland (digitaal; 2 maal per jaar)", "• Platform Aland (4 maal per jaar).",
                     "Dat is veel;", "Zo blijft het."]


def test_a_name_broken_over_a_line_after_its_hyphen_is_found():
    from ruimtegraaf.gazetteer import Gazetteer

    g = Gazetteer([("Oost-Nederland", Named("urn:oost", "Oost-Nederland", "Landsdeel"))])
    text = "Vanuit het noorden is de kust genoemd. Oost-\nNederland denkt aan de Achterhoek."
    found = g.find(text)
    assert [m.named.iri for m in found] == ["urn:oost"]
    assert text[found[0].start:found[0].end] == "Oost-\nNederland"


def test_a_list_question_says_how_many_items_and_that_count_is_no_word_to_look_for() -> None:
    from ruimtegraaf.answering.lists import asked_count, count_word, item_counts

    assert asked_count("Which four urban centres make up the network?") == 4
    assert asked_count("Welke 3 locaties noemt de brief?") == 3 and count_word("Welke 3 locaties") == "3"
    assert asked_count("Hoeveel woningen komen er in de twee jaar na 2030?") is None
    assert asked_count("Wat kost de vierde fase?") is None
    # wrapped bullets, blank lines between items, a numbered list that runs on
    text = ("De actualisatie richt zich op drie zaken:\n\n• Eerste zaak.\n\n• Tweede zaak die over\n\nde regel loopt.\n"
            "\n• Derde zaak.\n\nHet kader staat in de bijlage.\n1.\t Een\n2.\t Twee\n3.\t Drie\n4.\t Vier")
    assert item_counts(text) == {3, 4}


def test_a_passage_whose_list_is_as_long_as_asked_is_found_first(ds) -> None:
    from ruimtegraaf.answering.lists import LIST_SIZES
    from ruimtegraaf.answering.question import analyse
    from ruimtegraaf.answering.retrieval import boosts

    sizes = LIST_SIZES.of(ds)
    q = analyse("Welke vier punten noemt de brief?", ds)
    assert q.count == 4 and "vier" not in " ".join(q.focus)
    assert analyse("Wat spraken Rijk en de twee provincies af over water?", ds).count is None  # no list asked
    lifted = boosts(q, ds, DEFAULT)
    assert {pid for pid, n in sizes.items() if 4 in n} <= set(lifted)
    assert not {pid for pid in lifted if 4 not in sizes.get(pid, ())}


def test_a_passage_speaks_of_what_its_documents_own_title_names(ds) -> None:
    from ruimtegraaf.answering.candidates import analysed
    from ruimtegraaf.lexicon import lexicon

    lex = lexicon(ds)
    guide = "handreiking-gebiedsgericht-werken-2022"
    p = next(p for p in ds.passages if p.subdocument == guide and "VNG" not in p.text)
    context = analysed(p, ds.texts[p.document], lex).context_words
    assert {"vng", "ipo", "uvw"} <= context  # "Handreiking Gebiedsgericht Werken – … (VNG, IPO en UvW)"
    bundle = next(p for p in ds.passages if p.subdocument == "kamerbrief-vro-bol-2025")
    assert "statenbrief" not in analysed(bundle, ds.texts[bundle.document], lex).context_words  # not the file's title


def test_how_much_of_a_kind_of_money_asks_for_money() -> None:
    for question in ("Hoeveel co-financiering brengt de regio in?", "Hoeveel subsidie krijgt de provincie?",
                     "Hoeveel rijksbijdrage is er voor de brug?"):
        assert expected_type(question) == AnswerType.MONEY, question
    assert expected_type("Hoeveel woningen bouwt de provincie?") == AnswerType.COUNT


def test_a_thing_named_by_one_of_its_other_labels_is_no_unknown_programme_or_area() -> None:
    known = [Named("urn:nzkg", "Noordzeekanaalgebied", "NovexGebied"), Named("urn:nzkg", "NZKG", "NovexGebied")]
    assert unknown_things("Wat steunt NOVEX NZKG?", known) == []
    assert unknown_things("Wat steunt NOVEX Veluwe?", known) == ["NOVEX Veluwe"]


def _scored_sentence(s: Sentence, hit: SearchHit, score: float) -> Candidate:
    """A candidate that only ranking reads: its sentence, its hit and its score."""
    return Candidate(s, hit, (), 0.0, 0.0, frozenset(), frozenset(), frozenset(), False, False, False, frozenset(),
                     score=score)


def test_search_pins_the_graphs_relation_passages_but_reads_agreements_about_a_thing_like_the_rest() -> None:
    from ruimtegraaf.answering.ranking import by_best_sentence

    doc = "Rijk en regio spreken af verder te werken. Er komen 70.000 woningen."
    agreement = Passage(id="a", document="d.txt", start=0, end=42, text=doc[:42])
    other = Passage(id="b", document="d.txt", start=43, end=len(doc), text=doc[43:])
    hits = [SearchHit(agreement, 1.0, "urn:a", 1, from_graph=True), SearchHit(other, 0.5, "urn:b", 2)]
    best = {id(agreement): 0.4, id(other): 1.3}
    cands = [_scored_sentence(sentences(h.passage, doc)[0], h, best[id(h.passage)]) for h in hits]
    assert [h.passage for h in by_best_sentence(hits, cands, 10)] == [agreement, other]
    assert [h.passage for h in by_best_sentence(hits, cands, 10, pin_graph=False)] == [other, agreement]


def test_a_result_that_points_back_at_the_paragraph_before_brings_that_paragraph_with_it() -> None:
    from ruimtegraaf.answering.ranking import with_antecedents

    doc = "De havens Noord en Zuid groeien. Rijk en regio spreken over een aanpak voor deze havens."
    which = Passage(id="w", document="d.txt", start=0, end=32, text=doc[:32])
    what = Passage(id="x", document="d.txt", start=33, end=len(doc), text=doc[33:])
    other = Passage(id="o", document="e.txt", start=0, end=10, text="Iets anders")
    hits = [SearchHit(what, 1.0, "urn:x", 1), SearchHit(other, 0.8, "urn:o", 2)]
    cands = [_scored_sentence(sentences(h.passage, doc if h.passage is what else h.passage.text)[0], h, h.score)
             for h in hits]

    def antecedent(s: Sentence) -> Sentence | None:
        return sentences(which, doc)[0] if "deze havens" in s.text else None

    ranked = with_antecedents(hits, cands, 10, antecedent, "https://example.org/")
    assert [(h.passage.id, h.rank) for h in ranked] == [("x", 1), ("w", 2), ("o", 3)]
    assert ranked[1].iri == "https://example.org/id/passage/w"
    # below the depth the answerer reads, results stay as they were
    assert [h.passage.id for h in with_antecedents(hits, cands, 0, antecedent, "https://example.org/")] == ["x", "o"]


@pytest.mark.parametrize(("text", "kind"), [
    ("Wat maken Rijk en regio samen voor de Voorbeeldhaven?", QuestionKind.AGREEMENT),
    ("Wat gaan het Rijk en de provincie doen met het Voorbeeldpark?", QuestionKind.AGREEMENT),
    ("What will the Rijk and the province do about the Example Port?", QuestionKind.AGREEMENT),
    ("Wat hebben Rijk en regio besproken over de Voorbeeldhaven?", QuestionKind.FACT),
    ("What did the Rijk and the region discuss about the Example Port?", QuestionKind.FACT),
    ("Was het besluit over de Voorbeeldhaven genomen?", QuestionKind.YES_NO),  # a past-tense verb first
    ("Was het verstandig om de Voorbeeldhaven te sluiten?", QuestionKind.JUDGEMENT),
    ("Were the plans for the Example Port adopted?", QuestionKind.YES_NO),
])
def test_the_parties_acting_together_ask_for_their_agreement_but_a_discussion_does_not(text, kind) -> None:
    assert question_kind(text, expected_type(text)) == kind


def test_one_value_asked_of_two_places_side_by_side_is_asked_of_each(ds) -> None:
    from ruimtegraaf.answering.question import analyse

    q = analyse("Hoeveel hectare natuur komt er in Utrecht en Zeeland bij?", ds)
    assert [p.text for p in q.parts] == ["Hoeveel hectare natuur komt er in Utrecht bij?",
                                         "Hoeveel hectare natuur komt er in Zeeland bij?"]
    assert [[e.label for e in p.constraints.places] for p in q.parts] == [["Utrecht"], ["Zeeland"]]
    assert not analyse("Welke gemeenten in Utrecht en Zeeland krijgen geld?", ds).parts  # a list: one answer
    assert not analyse("Hoeveel hectare natuur komt er in Utrecht bij?", ds).parts
    for joined in ("versus", "of", "vs.", "or"):  # set against each other, or one of the two: a value of each
        pair = analyse(f"Utrecht {joined} Zeeland: hoeveel hectare natuur komt erbij?", ds)
        assert [[e.label for e in p.constraints.places] for p in pair.parts] == [["Utrecht"], ["Zeeland"]]
    # each side's answer says which place it is of: a sentence that does not name it is labelled with it
    from ruimtegraaf.answering.sides import place_side
    utrecht, zeeland = pair.parts
    assert place_side(zeeland, pair.parts, "De provincie voegt 40 ha toe.") == "Zeeland"
    assert place_side(utrecht, pair.parts, "Utrecht voegt 30 ha toe.") == ""
    assert place_side(q, [q, q], "De provincie voegt 40 ha toe.") is None  # not one place per side
    then = analyse("Hoeveel hectare natuur kwam er in 2020 in Utrecht bij, en hoeveel in 2025 in Zeeland?", ds)
    assert place_side(then.parts[1], then.parts, "De provincie voegt 40 ha toe.") is None  # sides of two moments


def test_a_later_part_that_names_its_own_thing_weighs_the_first_parts_thing_half(ds) -> None:
    from ruimtegraaf.answering.question import analyse

    own = analyse("Hoeveel geld krijgt Zeeland in 2022, en wat zei Drenthe erover in 2025?", ds)
    assert own.parts[1].names == ["drenthe"]
    assert own.parts[1].focus["zeeland"] == 0.5 * own.parts[0].focus["zeeland"]
    bare = analyse("Hoeveel geld krijgt Zeeland in 2022, en wat werd erover gezegd in 2025?", ds)
    assert bare.parts[1].names == ["zeeland"]  # nothing of its own: the first part's thing is what it asks about
    assert bare.parts[1].focus["zeeland"] == bare.parts[0].focus["zeeland"]


def test_a_yes_no_question_after_a_comma_is_a_part_of_its_own(ds) -> None:
    from ruimtegraaf.answering.question import analyse

    q = analyse("Which areas did the 2022 starter package list for Utrecht, and did the minister agree in 2025 to "
                "add new ones?", ds)
    assert [p.text.split()[0] for p in q.parts] == ["Which", "did"]
    assert not analyse("Which areas were listed and did they change?", ds).parts  # no comma: one question
    extra = analyse("What capacity does the Aland station get, and is extra capacity assumed on top?", ds)
    assert [p.text.split()[0] for p in extra.parts] == ["What", "is"]
    dutch = analyse("Met hoeveel gemeenten is een akkoord gesloten, en hoort Aland daarbij?", ds)
    assert [p.text.split()[0] for p in dutch.parts] == ["Met", "hoort"]
    assert not analyse("Met hoeveel gemeenten is een akkoord gesloten en hoort Aland daarbij?", ds).parts
    spread = analyse("Hoeveel water wordt in Zeeland geborgen, en verspreid over hoeveel locaties?", ds)
    assert [p.text for p in spread.parts][1].startswith("verspreid over hoeveel")
    assert not analyse("Hoeveel water wordt in Zeeland geborgen en verspreid over hoeveel locaties?", ds).parts


def test_a_target_year_makes_no_side_of_a_comparison(ds) -> None:
    """"tot 2030" in one part is a target, not a moment the documents are of: two parts of 2020 compare
    nothing. Parts of two documents' years do."""
    from ruimtegraaf.answering.asking import QuestionKind
    from ruimtegraaf.answering.question import analyse

    q = analyse("Aland in 2020: tot hoeveel woningen moest de bouw tot 2030 omhoog, en welke productie wilde de "
                "minister halen?", ds)
    assert len(q.parts) == 2 and q.kind != QuestionKind.COMPARISON
    q = analyse("Hoeveel woningen bouwt Aland volgens de brief van 2020, en hoeveel volgens die van 2025?", ds)
    assert q.kind == QuestionKind.COMPARISON


def test_a_question_comparing_two_years_in_other_words_has_a_side_in_each_ones_words(ds) -> None:
    """"How does X in the 2022 package compare with Y at the 2025 talks?": each side asks its own thing (the
    2025 side the ambition, not the contribution); without two different years there is nothing to split."""
    from ruimtegraaf.answering.asking import QuestionKind
    from ruimtegraaf.answering.question import analyse

    q = analyse("How does Aland's housing contribution in the 2022 starter package compare with the ambition the "
                "province voiced at the 2025 talks?", ds)
    assert q.kind == QuestionKind.COMPARISON and len(q.parts) == 2
    assert "ambitie" not in q.parts[0].focus and "ambitie" in q.parts[1].focus
    assert [p.constraints.years for p in q.parts] == [(2022,), (2025,)]
    same = analyse("Hoe verhoudt de groei in Aland in 2022 zich, vergeleken met de groei in Bland in 2022?", ds)
    assert len(same.parts) != 2 or same.kind != QuestionKind.COMPARISON


def test_an_office_with_its_portfolio_written_without_van_answers_which_office_holder() -> None:
    """"Which state secretary took part?": "De staatssecretaris Herstel Aland nam deel" names the office with
    its portfolio ("Herstel Aland", without "van"), as "de staatssecretaris van Aland" would; the bare office
    ("de staatssecretaris nam deel") does not say which one."""
    from ruimtegraaf.answering.candidates import typed_values

    q = _question(AnswerType.PERSON, {"overleg": 1.0})
    for text, found in (("De staatssecretaris Herstel Aland nam deel aan het overleg.", ["staatssecretaris"]),
                        ("De staatssecretaris van Aland nam deel aan het overleg.", ["staatssecretaris"]),
                        ("De staatssecretaris nam deel aan het overleg.", [])):
        assert [v.text for v in typed_values(_candidate(text, {"overleg"}), q)] == found


def test_a_question_for_a_name_is_answered_by_a_name_not_by_the_office_alone() -> None:
    from ruimtegraaf.answering.candidates import typed_values

    assert expected_type("Hoe heet de minister van Voorbeeldzaken?") == AnswerType.PERSON
    assert expected_type("What is the name of the mayor of Voorbeeld?") == AnswerType.PERSON
    office_only = "Via deze brief informeer ik u mede namens de minister van Voorbeeldzaken over de uitkomsten."
    named = "De brief is mede namens minister Jansen verstuurd, die Voorbeeldzaken leidt."
    people = [v.text for v in values_in(office_only) if v.type == AnswerType.PERSON]
    assert "Via" not in people  # a capitalised word that opens the sentence, far from the office, is no surname
    from dataclasses import replace

    office = _question(AnswerType.PERSON, {"voorbeeldzak": 1.0})
    asked = replace(office, unit="name")
    for text, by_name, by_office in ((office_only, [], ["minister"]), (named, ["Jansen"], ["Jansen"])):
        c = _candidate(text, {"voorbeeldzak"})
        assert [v.text for v in typed_values(c, asked)] == by_name
        assert [v.text for v in typed_values(c, office)] == by_office


def test_what_a_question_states_before_it_asks_weighs_half(ds) -> None:
    from ruimtegraaf.answering.question import analyse

    stated = analyse("Zeeland stelde geen programma voor natuur vast. Wat spraken Rijk en regio over water af?", ds)
    plain = analyse("Wat spraken Rijk en regio over water en over een programma voor natuur in Zeeland af?", ds)
    assert stated.focus["natuur"] == 0.5 * plain.focus["natuur"]  # stated context, not what is asked
    assert stated.focus["water"] == plain.focus["water"]
    assert stated.focus["zeeland"] == plain.focus["zeeland"]  # a name keeps its weight: "it" is still Zeeland


def test_dense_search_embeds_an_english_question_with_its_dutch_glossary_words(ds) -> None:
    from ruimtegraaf.answering.question import analyse

    english = analyse("How much money does the housing programme get?", ds)
    assert english.dense_text.startswith(english.text)
    assert {"geld", "woningbouw", "programma"} <= set(english.dense_text.split())
    dutch = analyse("Hoeveel geld krijgt het woningbouwprogramma?", ds)
    assert dutch.dense_text == dutch.text


def test_dense_search_embeds_a_part_on_its_own_unless_it_refers_back(ds) -> None:
    from ruimtegraaf.answering.question import analyse

    own = analyse("Hoeveel geld krijgt Zeeland in 2022, en welke afspraken over water maakt Drenthe in 2025?", ds)
    assert [p.dense_text for p in own.parts] == [p.text for p in own.parts]
    back = analyse("Hoeveel geld krijgt Zeeland in 2022, en waarvoor is dat geld in 2025 bedoeld?", ds)
    assert back.parts[0].dense_text == back.parts[0].text
    assert back.parts[1].dense_text == back.text  # "dat geld": the part alone does not say what it is about


def test_the_meeting_a_question_names_is_a_constraint_not_a_name(ds) -> None:
    from ruimtegraaf.answering.question import analyse

    q = analyse("Wie leidde de delegatie van Zeeland op het Bestuurlijk Overleg Leefomgeving van juni 2025?", ds)
    assert q.constraints.meeting == "BOL"
    assert "zeeland" in q.names and not {"bestuurlijk", "overleg", "leefomgef"} & set(q.names)


def test_the_first_word_of_an_english_question_is_no_name_unless_the_documents_have_it(ds) -> None:
    from ruimtegraaf.answering.question import analyse

    besides = analyse("Besides the agreements already made, which topics did Zeeland want to discuss?", ds)
    assert "beide" not in besides.focus and "zeeland" in besides.focus  # not a misspelt Dutch "beide"
    named = analyse("Zeeland: which topics did the province want to discuss?", ds)
    assert "zeeland" in named.focus


def test_a_letters_head_is_no_candidate() -> None:
    from ruimtegraaf.answering.candidates import _LETTERHEAD

    assert _LETTERHEAD.search("Briefnummer : 109 Onderwerp : Bestuurlijk overleg leefomgeving 2 juni 2025")
    assert _LETTERHEAD.search("Geachte leden van Provinciale Staten, op 2 juni vond het overleg plaats.")
    assert _LETTERHEAD.search("Assen, 13 juni 2025 Ons kenmerk 24/5.1/2025000800 Behandeld door thema Verkeer")
    assert not _LETTERHEAD.search("Het onderwerp van het overleg was de aanpak van de woningbouw in Assen.")


def test_a_corrected_term_is_remembered_and_the_memory_is_bounded(ds, monkeypatch) -> None:
    import ruimtegraaf.lexicon as lexicon_module
    from ruimtegraaf.lexicon import lexicon

    lex = lexicon(ds)
    word = max(lex.words, key=len)  # a long corpus word, misspelt by one letter
    typo = word[:-1] + ("x" if word[-1] != "x" else "y")
    assert lex.correct(typo) == word and lex.correct(typo) == word
    assert typo in lex._corrected
    monkeypatch.setattr(lexicon_module, "CORRECTIONS_KEPT", len(lex._corrected))
    lex.correct("q" * 12)  # one more than the memory holds: it starts over
    assert list(lex._corrected) == ["q" * 12]


def test_a_share_of_a_whole_is_a_percentage_or_the_parts_amount_beside_the_whole() -> None:
    from dataclasses import replace

    from ruimtegraaf.answering.candidates import typed_values

    q = replace(_question(AnswerType.PERCENTAGE, {"bijdrage": 3.0}), text="Welk deel van de bijdrage komt in 2025?")
    part = _candidate("De bijdrage van € 90 miljoen komt in 2 tranches, waarvan € 45 miljoen in 2025.", {"bijdrage"})
    assert [v.text for v in typed_values(part, q)] == ["€ 90 miljoen", "€ 45 miljoen"]
    whole_only = _candidate("Rijk en regio stellen elk € 30 miljoen beschikbaar als bijdrage.", {"bijdrage"})
    assert typed_values(whole_only, q) == []  # one amount is the whole, not a part of it
    percent = _candidate("Van de bijdrage komt 40% in 2025.", {"bijdrage"})
    assert [v.text for v in typed_values(percent, q)] == ["40%"]
    plain = replace(q, text="Welk percentage van de bijdrage komt in 2025?")
    assert typed_values(part, plain) == []  # asked for a percentage as such, amounts do not answer


def test_a_comparison_side_keeps_the_timelines_answer_unless_the_parts_own_says_more():
    from dataclasses import replace

    from ruimtegraaf.answering.moments import on_timeline
    from ruimtegraaf.answering.verify import Verdict

    def verdict_in(passage_id: str, text: str, covered: set[str]) -> Verdict:
        p = Passage(id=passage_id, document="doc.txt", start=0, end=len(text), text=text)
        c = replace(_candidate(text, covered), sentence=Sentence(p, 0, len(text), text))
        return Verdict(c, (), ())

    part = _question(AnswerType.LIST, {"veenweideprogramma": 7.0, "fryslan": 4.0})
    own = verdict_in("own", "• Fries Veenweideprogramma 2021-2030", {"veenweideprogramma", "fryslan"})
    timeline = verdict_in("t", "Perspectief voor de landbouw in Fryslân.", {"fryslan"})
    assert on_timeline(part, [own, timeline], ["t"])[0] is own  # it names the programme the part asks for
    weaker = verdict_in("own", "• Een programma", {"fryslan"})
    assert on_timeline(part, [weaker, timeline], ["t"]) == [timeline]  # as much said: the timeline's moment
    assert on_timeline(part, [weaker], ["t"]) == [weaker]  # nothing on the timeline: the part's own


def test_a_name_written_apart_from_its_head_completes_to_the_corpus_compound(ds) -> None:
    """ "the Spijkenisser bridge" is the Spijkenisserbrug: a name the corpus lacks stands for the
    compound it begins; a short name or a word the corpus has stays as it is."""
    from ruimtegraaf.answering.question import analyse
    from ruimtegraaf.lexicon import lexicon
    from ruimtegraaf.tokens import tokens

    lex = lexicon(ds)
    (compound,) = tokens("Spijkenisserbrug")
    (name,) = tokens("Spijkenisser")
    assert compound in lex.words and name not in lex.words
    assert lex.completed(name) == compound
    assert lex.completed(compound) is None and lex.completed(name[:4]) is None
    q = analyse("What does the Spijkenisser bridge cost?", ds)
    assert compound in q.terms and "Spijkenisser" not in q.unknown


def test_a_trailing_and_why_asks_the_reason_as_a_second_part(ds) -> None:
    from ruimtegraaf.answering.question import analyse

    for text in ("Welke partij betaalt het Alandplan, en waarom?", "Whose consent does the Aland plan need, and why?"):
        q = analyse(text, ds)
        assert [p.kind for p in q.parts][1:] == [QuestionKind.WHY] and q.parts[0].kind != QuestionKind.WHY, text


def test_a_programme_the_documents_write_is_no_unknown_thing_though_the_graph_lacks_it(ds) -> None:
    from ruimtegraaf.answering.question import analyse

    assert not analyse("Wie werken samen in het Nationaal Programma Rotterdam Zuid?", ds).unknown
    assert analyse("Wie werken samen in het Nationaal Programma Aland Zuid?", ds).unknown


def test_an_mp_is_a_member_of_parliament_not_a_name_the_documents_lack(ds) -> None:
    from ruimtegraaf.answering.question import analyse

    q = analyse("What does the motion by MP Aland ask the cabinet to do?", ds)
    assert "MP" not in q.unknown and "lid" in q.terms


def test_lead_to_is_a_result_and_lead_alone_a_leader() -> None:
    from ruimtegraaf.glossary import translate

    assert "leiden" in translate("What is the Aland plan meant to lead to?")[0].split()
    assert "trekker" not in translate("What did the Aland plan lead to?")[0].split()
    assert "trekker" in translate("Who is the lead for Aland?")[0].split()


def test_a_hyphenated_name_first_in_an_english_question_is_no_word_the_glossary_lacks() -> None:
    from ruimtegraaf.glossary import unread

    found = unread("Zuid-Aland's joint application was partly granted. What happened to the rejected ones?")
    assert not {"zuid", "aland", "aland's"} & set(found)
    assert "whatever" in unread("Whatever Aland agreed, what did Bland do?")  # a plain first word is no name


def test_english_words_of_the_field_and_its_phrases_reach_the_dutch_text() -> None:
    from ruimtegraaf.glossary import translate

    dutch, _ = translate("Which landowners and water boards work on the layout of business parks?")
    assert dutch.split() == ["waterschappen", "bedrijventerreinen", "grondeigenaren", "werk", "inrichting"]
    dutch, unknown = translate("Which preferred alternative keeps traffic flow, and who chaired it?")
    assert {"voorkeur", "alternatief", "doorstroming", "voorzitter"} <= set(dutch.split())
    assert not {"preferred", "alternative", "flow", "chaired"} & set(unknown)
    dutch, _ = translate("Why does the army want a larger training area near Aland?")
    assert "oefenterrein" in dutch.split()  # the compound the documents write, not "oefen" + "gebied"
    dutch, _ = translate("How often is the work at Aland coordinated?")
    assert "afgestemd" in dutch.split()  # the documents' word for coordinating work between parties
    dutch, _ = translate("In which document will the Aland sites be presented?")
    assert "gepresenteerd" in dutch.split()  # verification reads it too, not only search's wide glossary
    dutch, _ = translate("What pumping capacity does the Aland station get?")
    assert "pompcapaciteit" in dutch.split()  # the compound, which "pomp" + "capaciteit" do not find
    dutch, _ = translate("When can class IV vessels use the Aland canal?")
    assert {"klasse", "schepen"} <= set(dutch.split())


def test_an_earlier_part_takes_no_place_a_later_part_names_but_a_later_part_takes_the_earlier_ones(ds) -> None:
    from ruimtegraaf.answering.question import analyse
    from ruimtegraaf.lexicon import lexicon

    province = next(n for n in lexicon(ds).labelled if n.type == "Provincie")
    q = analyse(f"Hoeveel woningen zijn in 2022 landelijk nodig, en wanneer stelde {province.label} in 2025 "
                "haar ambitie vast?", ds)
    first, second = q.parts
    assert province.iri in {p.iri for p in second.constraints.places}
    assert not first.constraints.places and province.iri not in {e.iri for e in first.entities}
    q = analyse(f"Wie vertegenwoordigde {province.label} in 2025, en wie was delegatieleider?", ds)
    assert province.iri in {p.iri for p in q.parts[1].constraints.places}


def test_a_lowercase_part_of_a_hyphenated_name_is_no_name_the_documents_lack(ds) -> None:
    """"IPO-gremium": the documents name the IPO and write "gremia"; the word asks for a body of the IPO, it
    names no thing the documents lack. A capitalised part they lack still does ("Xyzzy-gremium")."""
    from ruimtegraaf.answering.question import analyse

    assert analyse("In welk IPO-gremium is het uitstel besproken?", ds).unknown == []
    assert analyse("In welk Xyzzy-gremium is het uitstel besproken?", ds).unknown == ["Xyzzy-gremium"]


def test_a_capitalised_english_word_the_corpus_glossary_knows_is_no_name_the_documents_lack(ds) -> None:
    """An English title written in capitals ("the Agenda for Affordability Actions (XYZ)"): "Affordability"
    and "Actions" are English words for the documents' own, not names they lack. A capitalised word no
    glossary knows still is one, and in a Dutch question the English glossary is not read."""
    from ruimtegraaf.answering.question import analyse

    assert analyse("Who runs the Agenda for Affordability Actions?", ds).unknown == []
    assert analyse("Who runs the Agenda for Xyzzy Actions?", ds).unknown == ["Xyzzy"]
    assert analyse("Wie voert de Affordability agenda uit?", ds).unknown == ["Affordability"]


def test_the_corpus_glossary_widens_the_search_of_an_english_question_but_not_its_focus(ds) -> None:
    """glossary_corpus.tsv gives English words for the documents' Dutch words: search reads them, verification
    does not (a near translation the text does not use would make the answering sentence look off-topic)."""
    from ruimtegraaf.answering.question import analyse
    from ruimtegraaf.glossary import CORPUS_EN_NL, EN_NL, translate

    assert CORPUS_EN_NL and not set(CORPUS_EN_NL) & set(EN_NL)  # the hand-made entries stand
    word = next(w for w in sorted(CORPUS_EN_NL) if w.isalpha() and len(CORPUS_EN_NL[w].split()) == 1)
    assert translate(f"What about {word}?", wide=True)[0] == CORPUS_EN_NL[word]
    assert translate(f"What about {word}?")[0] == ""
    q = analyse("Which landscapes did the province choose?", ds)
    assert "landschappen" in q.search_text and "landschappen" in q.dense_text
    assert not any(t.startswith("landschap") for t in q.focus)


def test_the_corpus_glossary_gives_dutch_words_the_documents_use() -> None:
    import re

    from conftest import CORPUS

    from ruimtegraaf.glossary import CORPUS_EN_NL

    words = {w for path in CORPUS.glob("*.txt") for w in re.findall(r"\w+", path.read_text("utf-8").casefold())}
    unused = {nl for dutch in CORPUS_EN_NL.values() for nl in dutch.split() if nl.casefold() not in words}
    assert not unused


def test_what_the_rijk_asks_of_a_region_is_read_in_dutch() -> None:
    """"What does the national government ask the province regarding the regional water plan?": the Rijk
    "vraagt" the province, about a "regionale" plan; both are words a sentence that answers says."""
    from ruimtegraaf.glossary import translate

    dutch, _ = translate("What does the national government ask the province regarding the regional water plan?")
    assert {"vraagt", "regionaal", "rijk"} <= set(dutch.split())
    # "national government" is the Rijk: sentences say "het Rijk", not "het nationale Rijk"
    assert "nationaal" not in dutch.split() and "nationaal" in translate("the national programme")[0].split()


def test_english_names_of_meetings_and_compounds_read_as_the_documents_write_them() -> None:
    """"BOs" is the plural of BO ("BO's"), not the Dutch "bos"; "grid congestion" and "cultural landscape" are
    the documents' single words "netcongestie" and "cultuurlandschap" (read word by word, "congestie" is no
    corpus word and was corrected to a different one)."""
    from ruimtegraaf.glossary import translate

    dutch, _ = translate("Which BOs discussed grid congestion in the cultural landscape?")
    assert dutch.split()[:3] == ["netcongestie", "cultuurlandschap", "BO's"]


def test_an_english_aside_adds_no_small_english_words_and_an_apostrophe_quotes_nothing(ds) -> None:
    """Parenthesised or quoted words are often the Dutch term itself and count as the question's words, but
    their small English words do not ("the" is a rare, so heavy, word in the Dutch text); the apostrophe of
    a possessive opens no quote."""
    from ruimtegraaf.answering.question import analyse
    from ruimtegraaf.answering.terms import QUOTED as _QUOTED

    assert _QUOTED.findall("Did Defence's plans change the region's tasks?") == []
    assert _QUOTED.findall("What is the 'ontwerptafel' (around the ports)?") == [("ontwerptafel", ""),
                                                                              ("", "around the ports")]
    q = analyse("Which harbour plans (around the river) did the province adopt?", ds)
    assert "the" not in q.terms and "around" not in q.terms


def test_a_title_before_a_name_does_not_end_the_sentence() -> None:
    """A letter's signature stays one sentence, office and name together, so the name is the office holder's."""
    from ruimtegraaf.answering.values import values_in

    t = "Met deze brief informeren wij uw Kamer. De minister van Infrastructuur, drs. A.B. Jansen"
    p = Passage("p", "d.txt", 0, len(t), t)
    signature = [s.text for s in sentences(p, p.text)][-1]
    assert signature == "De minister van Infrastructuur, drs. A.B. Jansen"
    assert "A.B. Jansen" in {v.text for v in values_in(signature) if v.type == AnswerType.PERSON}


def test_a_signature_says_who_signed_the_letter(ds) -> None:
    """An office with a long portfolio keeps its holder's whole name (not cut off at the window's end), and
    the signature sentence counts as saying who signed."""
    from ruimtegraaf.answering.candidates import analysed
    from ruimtegraaf.lexicon import lexicon
    from ruimtegraaf.tokens import tokens

    t = "De minister van Binnenlandse Zaken en Koninkrijksrelaties, drs. A.B. Pietersen"
    assert "A.B. Pietersen" in {v.text for v in values_in(t) if v.type == AnswerType.PERSON}
    p = Passage("p", "d.txt", 0, len(t), t)
    (a,) = analysed(p, t, lexicon(ds)).sentences
    assert set(tokens("ondertekende")) <= a.words


def test_a_silent_comparison_side_quotes_its_nearest_sentence_or_says_the_year_is_silent() -> None:
    from ruimtegraaf.answering.compose import SIDE_QUOTE_CHARS, silent_side

    t = "De strategie volgt in het tweede kwartaal. " + "Een lange zin met veel woorden erin " * 10 + "einde."
    p = _passage(t)
    first, long = sentences(p, t)
    text, cited = silent_side(2024, first, "nl")
    assert text == ("2024: geen passage van dat jaar beantwoordt dit precies; het dichtst erbij: "
                    "“De strategie volgt in het tweede kwartaal.”") and cited is p
    text, _ = silent_side(2025, long, "en")
    assert text.startswith("2025: no passage of that year answers this exactly") and text.endswith(" …”")
    assert len(text) < SIDE_QUOTE_CHARS + 80
    assert silent_side(2025, None, "en") == ("2025: the documents of that year say nothing about it.", None)


def test_a_statement_about_another_place_of_the_kind_asked_is_not_said_of_the_place() -> None:
    from dataclasses import replace

    from ruimtegraaf.gazetteer import Named

    asked = Named("urn:provincie/a", "Aland", "Provincie")
    q = _question(AnswerType.STATEMENT, {"woningbouw": 2.0},
                  constraints=Constraints(places=(asked,)))
    other = "Het bod van de provincie Beland is 5.000 woningen."
    about_other = replace(_candidate(other, {"woningbouw"}), names=((25, 31, "Provincie"),))
    assert Problem.PLACE in verdict(about_other, q, DEFAULT).problems
    unnamed = _candidate("De woningbouw versnelt.", {"woningbouw"})  # said of the place without naming it
    assert Problem.PLACE not in verdict(unnamed, q, DEFAULT).problems
    named = replace(about_other, things=frozenset({asked.iri}))  # a heading names the asked place
    assert Problem.PLACE not in verdict(named, q, DEFAULT).problems


def test_a_statement_under_a_heading_of_another_place_of_the_kind_asked_is_not_said_of_the_place() -> None:
    from dataclasses import replace

    from ruimtegraaf.gazetteer import Named

    asked = Named("urn:provincie/a", "Aland", "Provincie")
    q = _question(AnswerType.AGREEMENT, {"vernatting": 2.0}, constraints=Constraints(places=(asked,)))
    bullet = _candidate("Vernatting van de polders.", {"vernatting"})
    under_other = replace(bullet, heading_kinds=frozenset({"Provincie"}))  # "… per provincie › Beland"
    assert Problem.PLACE in verdict(under_other, q, DEFAULT).problems
    under_region = replace(bullet, heading_kinds=frozenset({"Landsdeel"}))  # a region is no province
    assert Problem.PLACE not in verdict(under_region, q, DEFAULT).problems


def test_a_municipality_a_question_names_is_a_place_it_asks_about_by_its_tooi_identifier(ds) -> None:
    from ruimtegraaf.answering.candidates import analysed
    from ruimtegraaf.lexicon import lexicon

    lex = lexicon(ds)

    def places(text: str) -> list[str]:
        return [e.label for e in lex.entities(text) if e.type == "Gemeente"]

    assert places("Waarom wees het Rijk Emmen aan?") == ["Emmen"]
    assert next(e for e in lex.entities("Waarom wees het Rijk Emmen aan?") if e.label == "Emmen").iri.startswith(
        "https://identifier.overheid.nl/tooi/id/gemeente/")
    # its name inside another name is no question about the municipality: a station, a region named after it
    for text in ("Wat kost de lijn naar Eindhoven Centraal?", "Wat sprak het Rijk af met Metropoolregio Amsterdam?",
                 "What did they agree with the Amsterdam metropolitan region?"):
        assert places(text) == [], text
    # a sentence naming another municipality is not said of the asked one (verify.place_met)
    emmen = next(e for e in lex.entities("Waarom wees het Rijk Emmen aan?") if e.label == "Emmen")
    q = _question(AnswerType.REASON, {"aanwijz": 2.0}, kind=QuestionKind.WHY,
                  constraints=Constraints(places=(emmen,)))
    for text, met in (("Het Rijk wijst de gemeente Apeldoorn aan.", False), ("Het Rijk wijst Emmen aan.", True)):
        p = _passage(text)
        (a,) = analysed(p, text, lex).sentences
        c = replace(_candidate(text, {"aanwijz"}), names=a.names, things=a.things)
        assert (Problem.PLACE not in verdict(c, q, DEFAULT).problems) is met, text


def test_a_sentence_naming_other_places_does_not_continue_the_sentence_before_it(ds) -> None:
    """Asked how many homes come in Breda: after a sentence about Breda, one about Eindhoven's 30.000 homes
    speaks of Eindhoven. Asked which places, the places a sentence names are the answer, not another subject."""
    from ruimtegraaf.answering.candidates import analysed, candidates
    from ruimtegraaf.lexicon import lexicon
    from ruimtegraaf.tokens import tokens

    lex = lexicon(ds)
    p = _passage("Ook liggen er kansen voor woningbouw in de spoorzone van Breda. "
                 "In Eindhoven liggen kansen voor circa 30.000 woningen.")
    focus = {tokens(w)[0]: weight for w, weight in (("spoorzone", 5.0), ("breda", 5.0), ("woningen", 1.0))}
    hit = SearchHit(p, 1.0, "urn:p1")

    def eindhoven(q: Question) -> Candidate:
        found = candidates(q, [hit], lex, lambda x: analysed(x, x.text, lex), {}, DEFAULT)
        return next(c for c in found if "Eindhoven" in c.sentence.text)

    about = replace(_question(AnswerType.COUNT, focus), text="Hoeveel woningen komen er in de spoorzone van Breda?")
    assert not eindhoven(about).covered_before and eindhoven(about).coverage < 0.2
    which = replace(_question(AnswerType.PLACE, focus), text="In welke plaatsen bij Breda komen woningen?")
    assert eindhoven(which).covered_before


def test_what_a_passage_says_of_another_place_of_the_kind_asked_is_no_context_for_the_asked_place(ds) -> None:
    """A bullet about Aland beside one about Beland: Beland's words do not make the Aland bullet about them."""
    from ruimtegraaf.answering.candidates import analysed, candidates
    from ruimtegraaf.lexicon import lexicon

    lex = lexicon(ds)
    aland = next(n for n in lex.labelled if n.type == "Provincie")
    beland = next(n for n in lex.labelled if n.type == "Provincie" and n.iri != aland.iri)
    text = (f"De provincie {beland.label} onderzoekt de vernatting van veenweiden. "
            f"De provincie {aland.label} werkt aan de energietransitie.")
    p = _passage(text)
    from ruimtegraaf.tokens import tokens

    focus = {tokens(w)[0]: weight for w, weight in (("vernatting", 5.0), ("veenweiden", 5.0),
                                                     ("energietransitie", 1.0))}
    q = _question(AnswerType.STATEMENT, focus, constraints=Constraints(places=(aland,)))
    hit = SearchHit(p, 1.0, "urn:p1")
    found = candidates(q, [hit], lex, lambda x: analysed(x, x.text, lex), {}, DEFAULT)
    own = next(c for c in found if aland.label in c.sentence.text)
    assert own.context < 0.2 and not own.covered_before  # only its own "energietransitie"
    unplaced = candidates(replace(q, constraints=Constraints()), [hit], lex, lambda x: analysed(x, x.text, lex),
                          {}, DEFAULT)
    assert next(c for c in unplaced if aland.label in c.sentence.text).context == 1.0


def test_a_figure_in_a_document_whose_title_names_the_asked_place_is_said_of_that_place(ds) -> None:
    """"Hoeveel geld trekt het programma volgens het arrangement met Aland uit …?": a sentence of the document
    titled after Aland need not name Aland itself; the title stands over every passage, as a heading does."""
    from ruimtegraaf.answering.candidates import analysed, candidates
    from ruimtegraaf.answering.verify import place_met
    from ruimtegraaf.lexicon import lexicon
    from ruimtegraaf.tokens import tokens

    lex = lexicon(ds)
    aland = next(n for n in lex.labelled if n.type == "Provincie")
    p = _passage("In het programma is opgenomen dat er 2,5 miljard beschikbaar wordt gesteld voor de ontsluiting.")
    focus = {tokens(w)[0]: 5.0 for w in ("programma", "ontsluiting")}
    q = replace(_question(AnswerType.MONEY, focus, constraints=Constraints(places=(aland,))),
                things={aland.iri: tokens(aland.label)})
    hit = SearchHit(p, 1.0, "urn:p1")

    def placed() -> bool:
        (c,) = candidates(q, [hit], lex, lambda x: analysed(x, x.text, lex), {}, DEFAULT)
        return place_met(c, q)

    assert not placed()
    lex.title_named[(p.document, p.subdocument)] = frozenset({(aland.iri, aland.type)})
    try:
        assert placed()
    finally:
        del lex.title_named[(p.document, p.subdocument)]


def test_a_part_that_says_if_not_asks_about_what_the_part_before_it_asked(ds) -> None:
    from ruimtegraaf.answering.question import analyse

    q = analyse("Hebben alle provincies in 2024 een omgevingsvisie vastgesteld? Zo nee, hoeveel wel?", ds)
    assert len(q.parts) == 2 and set(q.parts[0].focus) <= set(q.parts[1].focus)


def test_the_noun_a_which_question_asks_for_may_head_a_compound_of_the_answer() -> None:
    focus = {"theorie": 6.5, "partners": 2.0, "werken": 1.5, "aland": 2.0}
    q = replace(_question(AnswerType.LIST, focus, kind=QuestionKind.LIST, names=["aland"]),
                text="Volgens welke theorie werken de partners in Aland?")
    kind_of = _candidate("We werken volgens de speltheorie.", {"werken"}, coverage=0.5, context=0.5)
    assert Problem.NOT_TIED not in verdict(kind_of, q, DEFAULT).problems
    not_asked = replace(q, text="Hoe werken de partners in Aland met de theorie?")  # no noun asked for
    assert Problem.NOT_TIED in verdict(kind_of, not_asked, DEFAULT).problems


def test_whether_something_suffices_is_answered_only_by_a_sentence_that_says_so() -> None:
    focus = {"budget": 2.0, "voldoende": 3.0, "a12": 6.0}
    for text in ("Is het extra budget voldoende om de A12 veilig te maken?", "Is the budget enough for the A12?"):
        q = replace(_question(AnswerType.YES_NO, focus, kind=QuestionKind.YES_NO), text=text)
        silent = _candidate("Het budget voor de A12 is opgehoogd.", set(focus), coverage=0.9)
        assert Problem.WEAK in verdict(silent, q, DEFAULT).problems
        for said in ("Het budget voor de A12 is ontoereikend.", "Het budget voor de A12 is voldoende."):
            assert verdict(_candidate(said, set(focus), coverage=0.9), q, DEFAULT).answers


def test_what_a_question_names_as_known_besides_what_it_asks_weighs_half(ds) -> None:
    from ruimtegraaf.answering.asking import after_preamble
    from ruimtegraaf.answering.question import analyse

    assert after_preamble("Besides the agreements on water and soil, which topics will they discuss?") == \
        "which topics will they discuss?"
    assert after_preamble("Naast water: wat nog?") is None  # too short to be a statement of what is known
    first = analyse("Naast afspraken over vernatting en veenweiden: over welke onderwerpen gaan zij nog praten?", ds)
    last = analyse("Over welke onderwerpen gaan zij nog praten, naast afspraken over vernatting en veenweiden?", ds)

    def ratio(q: Question) -> float:
        return q.focus["veenweid"] / q.focus["onderwerp"]
    assert ratio(first) == pytest.approx(ratio(last) / 2)


def test_a_sentence_right_before_a_bullet_opens_a_list_though_its_colon_is_lost() -> None:
    from ruimtegraaf.answering.candidates import opens_list

    text = "Vraag en aanbod lopen uiteen. De vijf locaties zijn • Aland • Beland"
    p = _passage(text)
    said, lead_in, item = (Sentence(p, a, b, text[a:b]) for a, b in ((0, 29), (30, 51), (52, 59)))
    assert opens_list(lead_in, item) and not opens_list(said, lead_in)  # a full stop ends a statement
    assert opens_list(Sentence(p, 0, 4, "Zijn:"), None) and not opens_list(lead_in, None)


def test_a_yes_no_sentence_that_points_back_covers_what_the_sentence_before_it_said() -> None:
    focus = {"rijk": 1.0, "budget": 2.0, "groen": 3.0, "aland": 4.0}
    q = replace(_question(AnswerType.YES_NO, focus, kind=QuestionKind.YES_NO),
                text="Heeft het Rijk een budget voor groen in Aland?")
    for text, answers in (("Het Rijk heeft daarvoor geen budget.", True), ("Het Rijk heeft geen budget.", False)):
        c = replace(_candidate(text, {"rijk", "budget"}, coverage=0.3), covered_before=frozenset({"groen", "aland"}))
        assert verdict(c, q, DEFAULT).answers is answers, text


def test_a_later_part_that_points_back_asks_about_the_earlier_compound(ds) -> None:
    """"die strategieën" in a later part is the "stadsstrategieën" the first part named: the documents write
    the compound, so the later part weighs the compound, not the bare head."""
    from ruimtegraaf.answering.anaphora import compound_of, resolved
    from ruimtegraaf.answering.question import analyse

    assert compound_of("strategie", ["stadsstrategieen"]) == "stadsstrategieen"  # singular points at plural
    assert compound_of("regio", ["regio", "aland"]) is None  # the same word is no compound of itself
    assert resolved({"plan": 3.0}, "wanneer komen die plannen?", "nl", ["woonplan"]) == {"woonplan": 3.0}
    assert resolved({"plan": 3.0}, "wanneer komen de plannen?", "nl", ["woonplan"]) == {"plan": 3.0}
    q = analyse("Welke gemeenten maken een uitvoeringsprogramma, en wanneer wordt dat programma vastgesteld?", ds)
    later = q.parts[1].focus
    assert "programma" not in later and later["uitvoeringsprogramma"] == max(later.values())


def test_a_date_that_only_repeats_a_year_the_question_names_comes_after_the_asked_date() -> None:
    """"Wanneer … volgens de brief van juni 2025": "op het BO 2025" restates the letter's year, "in 2026" answers;
    a date with its month ("juni 2025") is a date of its own and keeps its place."""
    from ruimtegraaf.answering.candidates import typed_values

    q = _question(AnswerType.DATE, {"vaststel": 2.0}, constraints=Constraints(years=(2025,)))
    c = _candidate("Zij agenderen het op het BO MIRT 2025 en stellen het vast in het BO Leefomgeving 2026.",
                   {"vaststel"})
    assert typed_values(c, q)[0].text.endswith("2026")
    dated = _candidate("Op het overleg van juni 2025 is het vastgesteld, na een aanloop in 2024.", {"vaststel"})
    assert typed_values(dated, q)[0].text.endswith("juni 2025")


def test_a_date_asked_of_a_moment_is_answered_by_a_sentence_naming_that_moment() -> None:
    """"Wanneer wordt de brug opengesteld?": the start of its study is another moment; "startpakket" and
    "begin 2023" name no start."""
    from ruimtegraaf.answering.events import Event, events_in

    q = Question("Wanneer wordt de Alandbrug in gebruik genomen?", "nl", QuestionKind.FACT, AnswerType.DATE, None,
                 ["brug"], {"brug": 5.0}, [], Constraints(), names=["brug"])
    started = _candidate("Eind 2023 is de studie naar de brug gestart.", {"brug"})
    assert Problem.EVENT in verdict(started, q, DEFAULT).problems
    opens = _candidate("De openstelling van de brug volgt eind 2027.", {"brug"})
    assert verdict(opens, q, DEFAULT).answers
    assert events_in("Volgens het startpakket volgt het perspectief begin 2023.") == frozenset()
    assert events_in("When will the bridge be opened?") == {Event.OPENING}


class _CompoundLexicon:
    """A fake lexicon: "hoogvaart" is no corpus word, but two ("hoog", "vaart"), two edits from "hoogaard",
    and the start of the corpus compound "hoogvaartroute"."""

    df: ClassVar[dict[str, int]] = {"hoog": 9, "vaart": 9, "hoogaard": 3, "hoogvaartroute": 2}
    title_words: frozenset[str] = frozenset()
    joined: frozenset[str] = frozenset()

    def correct(self, term: str) -> str | None:
        return term if term in self.df else {"hoogvaart": "hoogaard"}.get(term)

    def completed(self, term: str) -> str | None:
        return "hoogvaartroute" if "hoogvaartroute".startswith(term) and term != "hoogvaartroute" else None

    def split_compound(self, term: str) -> list[str]:
        return ["hoog", "vaart"] if term == "hoogvaart" else []


def test_a_compound_of_two_corpus_words_is_completed_not_corrected_to_a_near_word() -> None:
    """A word made of two corpus words is no typo: it means the corpus compound it begins, not the corpus word
    two letters away."""
    from ruimtegraaf.answering.terms import question_terms as _terms

    lex = _CompoundLexicon()
    found, _, _, _ = _terms("Wat is er over hoogvaart afgesproken?", lex, english=False)  # type: ignore[arg-type]
    assert "hoogvaartroute" in found and "hoogaard" not in found


def test_a_verb_of_lying_or_being_somewhere_is_no_question_term(ds) -> None:
    """"… bedrijven die niet aan het net liggen": where a thing lies or finds itself frames the question (as
    "zich bevinden" does); the documents say "buiten", "langs" or nothing, so the verb is no term to cover."""
    from ruimtegraaf.answering.question import analyse

    q = analyse("Welke bedrijven liggen niet aan het Alandnet, en waar ligt het Belandcluster?", ds)
    assert not {"lig", "ligt", "liggen"} & set(q.terms)
    assert "bedrijf" in q.terms


@pytest.mark.parametrize(("text", "kind"), [
    ("Op welke locatie binnen de gemeente Aland komt de woonwijk?", QuestionKind.FACT),
    ("Which contractor was chosen for the Aland lock?", QuestionKind.FACT),
    ("Welke projecten liggen in Aland?", QuestionKind.LIST),
    ("Which municipalities take part in the Aland deal?", QuestionKind.LIST),
])
def test_the_word_after_a_singular_noun_is_no_plural_of_a_list_question(text, kind) -> None:
    """"welke locatie binnen …", "which contractor was …": a preposition or verb ending in -en or -s is no plural."""
    assert question_kind(text, expected_type(text)) == kind


def test_a_contractor_asked_for_is_a_company_that_no_place_or_programme_answers() -> None:
    """"Which contractor" asks for a company; the places and programmes a sentence names are no contractor, so
    a sentence that only says a contract will be awarded does not answer."""
    from ruimtegraaf.answering.asking import asked_party
    from ruimtegraaf.answering.candidates import typed_values

    text = "Which contractor builds the Aland lock?"
    assert expected_type(text) == AnswerType.ORGANISATION and asked_party(text) == "Bedrijf"
    q = _question(AnswerType.ORGANISATION, {"sluis": 5.0}, names=["sluis"])
    q = Question(text, "en", q.kind, q.expected, "Bedrijf", q.terms, q.focus, [], q.constraints, names=q.names)
    c = _candidate("De aanleg van de sluis in Aland gaat met het MIRT naar een aannemer in Beland.", {"sluis"})
    assert typed_values(c, q) == []


def test_a_date_marked_as_past_does_not_answer_when_a_plan_is_asked() -> None:
    """"Wanneer willen zij het opnieuw presenteren?" asks a plan's date: "1 april jl." is when it happened."""
    from ruimtegraaf.answering.candidates import typed_values

    plan = Question("Wanneer willen de partners het plan opnieuw presenteren?", "nl", QuestionKind.FACT,
                    AnswerType.DATE, None, ["plan"], {"plan": 3.0}, [], Constraints())
    past = _candidate("Het plan is op de top van 1 april jl. gepresenteerd.", {"plan"})
    assert typed_values(past, plan) == []
    assert [v.text for v in typed_values(_candidate("In 2027 volgt het plan.", {"plan"}), plan)] == ["In 2027"]
    happened = Question("Wanneer is het plan gepresenteerd?", "nl", QuestionKind.FACT, AnswerType.DATE, None,
                        ["plan"], {"plan": 3.0}, [], Constraints())
    assert typed_values(past, happened)


def test_a_document_of_the_kind_the_question_names_is_preferred() -> None:
    """"Volgens de MIRT-brief": a passage of the MIRT letter (or of a bundle titled so) scores above the same
    sentence elsewhere; "brief" alone names too many letters to prefer one."""
    from ruimtegraaf.answering.candidates import _scored, of_kind
    from ruimtegraaf.lexicon import DocumentFacts

    mirt = DocumentFacts("2025-06", "Kamerbrief", "MIRT-brief voorjaar 2025 | Bundel over het BO")
    snn = DocumentFacts("2025-06", "Brief", "Brief van het SNN | Bundel over het BO")
    assert of_kind(mirt, ("mirt-brief",)) and not of_kind(snn, ("mirt-brief",))
    assert not of_kind(mirt, ("kamerbrief",)) and not of_kind(None, ("mirt-brief",))
    q = _question(AnswerType.STATEMENT, {"masterplan": 4.0})
    c = _candidate("Het masterplan wordt uitgewerkt.", {"masterplan"})
    assert _scored(c, q, DEFAULT, False, True).score == pytest.approx(
        _scored(c, q, DEFAULT, False, False).score + DEFAULT.document_bonus)


def test_a_figure_for_a_thing_the_question_places_is_said_of_that_thing() -> None:
    """"… the Aland bridge in Beland": the place says where the thing is. A sentence about the thing (its name
    in the sentence or heading) whose section names the place answers; one about something else does not."""
    from dataclasses import replace

    beland = Named("urn:beland", "Beland", "Provincie")
    q = _question(AnswerType.MONEY, {"alandbrug": 6.0, "bouw": 3.0, "beland": 2.5}, names=["alandbrug", "beland"],
                  constraints=Constraints(places=(beland,)))
    text = "Het Rijk levert een bijdrage van € 15 mln. voor de bouw."
    of_thing = _candidate(text, {"alandbrug", "bouw"})
    assert Problem.PLACE in verdict(of_thing, q, DEFAULT).problems  # no place in its section
    assert verdict(replace(of_thing, place_in_section=True), q, DEFAULT).answers
    other = replace(_candidate(text, {"bouw"}), place_in_section=True)  # not about the bridge
    assert Problem.PLACE in verdict(other, q, DEFAULT).problems


def test_a_section_reaches_back_past_a_footnote_to_the_passage_that_names_the_place(ds) -> None:
    from ruimtegraaf.answering.candidates import _section, names_place

    heading = ("Projecten", "Alandbrug")
    first = Passage(id="a", document="d.txt", start=0, end=40, text="De brug ligt in de gemeente Beland.",
                    heading_path=heading)
    note = Passage(id="b", document="d.txt", start=40, end=60, text="3 Kamerstuk 1", heading_path=heading,
                   kind="footnote")
    rest = Passage(id="c", document="d.txt", start=60, end=100, text="Het Rijk betaalt € 5 mln.", heading_path=heading)
    section = _section(rest, {"c": note, "b": first})
    assert [p.id for p in section] == ["c", "a"]
    q = _question(AnswerType.MONEY, {"alandbrug": 6.0},
                  constraints=Constraints(places=(Named("urn:beland", "Beland", "Gemeente"),)))
    assert names_place(q, first) and not names_place(q, rest)


def test_a_pronominal_adverb_is_no_question_term(ds) -> None:
    """"… en wat moet Aland in plaats daarvan doen?": "daarvan" points back at what the question said."""
    from ruimtegraaf.answering.question import analyse

    q = analyse("Wat moet de gemeente Aland in plaats daarvan doen, en waarmee begint zij?", ds)
    assert not {"daarvan", "waarmee"} & set(q.terms)


def test_a_part_another_part_answers_may_take_its_sentence_about_the_named_things() -> None:
    """"Welk deel betalen Aland en Beland mee, en …": "30% cofinanciering door Aland en Beland" holds the
    value and the names but not the verb; as a part of an answered question it may stand, unlike a sentence
    that lacks the names or the value."""
    from ruimtegraaf.answering.verify import near_answer, verdicts

    q = _question(AnswerType.PERCENTAGE, {"aland": 5.0, "beland": 5.0, "betaal": 5.0}, names=["aland", "beland"])
    share = _candidate("Afgesproken is 30% cofinanciering door Aland en Beland.", {"aland", "beland"},
                       coverage=0.3, context=0.3)
    no_names = _candidate("Afgesproken is 30% cofinanciering.", set(), coverage=0.3, context=0.3)
    no_value = _candidate("Aland en Beland dragen bij.", {"aland", "beland"}, coverage=0.3, context=0.3)
    judged = verdicts([no_names, no_value, share], q, DEFAULT)
    assert not any(v.answers for v in judged)
    assert [v.candidate for v in near_answer(judged, q, DEFAULT)] == [share]


def test_a_place_asked_inside_a_municipality_is_no_other_municipality() -> None:
    """"Op welke locatie binnen de gemeente Aland …": "in de gemeenten Aland en Beland" names no place inside
    Aland (a municipality lies in no other), so it does not answer; a district would."""
    from dataclasses import replace

    from ruimtegraaf.answering.candidates import typed_values

    q = replace(_question(AnswerType.PLACE, {"aland": 6.0, "woningbouwlocatie": 4.0}, names=["aland"]),
                text="Op welke locatie binnen de gemeente Aland komt de woningbouwlocatie?")
    text = "Locaties zijn in beeld in de gemeenten Aland en Beland."
    c = replace(_candidate(text, {"aland", "woningbouwlocatie"}), values=(
        Value(AnswerType.PLACE, "Aland", text.index("Aland"), text.index("Aland") + 5, "Gemeente"),
        Value(AnswerType.PLACE, "Beland", text.index("Beland"), text.index("Beland") + 6, "Gemeente")))
    assert typed_values(c, q) == []
    district = Value(AnswerType.PLACE, "Alandpoort", 0, 10, "Project")
    assert typed_values(replace(c, values=(*c.values, district)), q) == [district]
    other = replace(q, text="Op welke locatie komt de woningbouwlocatie?")
    assert [v.text for v in typed_values(c, other)] == ["Aland", "Beland"]


def test_other_people_asked_for_are_not_answered_by_the_one_the_question_names() -> None:
    """"Met welke andere bewindspersonen voerde de minister van Aland de gesprekken?": the sentence in which
    that minister speaks answers only when it names someone else too."""
    from dataclasses import replace

    q = replace(_question(AnswerType.LIST, {"gesprek": 4.0, "aland": 6.0}, names=["aland"]),
                text="Met welke andere bewindspersonen voerde de minister van Aland de gesprekken?",
                item=AnswerType.PERSON)
    alone = _candidate("Het kabinet heeft onder mijn leiding als minister van Aland de gesprekken gevoerd.",
                       {"gesprek", "aland"})
    assert Problem.NO_VALUE in verdict(alone, q, DEFAULT).problems
    others = _candidate("De gesprekken heb ik samen met de staatssecretaris van Beland gevoerd.", {"gesprek"},
                        coverage=0.5)
    assert Problem.NO_VALUE not in verdict(others, q, DEFAULT).problems
    plain = replace(q, text="Welke bewindspersonen voerden de gesprekken?")  # no "andere": as before
    assert Problem.NO_VALUE not in verdict(alone, plain, DEFAULT).problems


def test_a_pronominal_question_word_after_en_opens_a_part(ds) -> None:
    """"…, en waarover zijn afspraken gemaakt?": waarover, waarvoor, waarmee ask as "wat" does."""
    from ruimtegraaf.answering.question import analyse

    q = analyse("Waarover is met de provincie Aland gesproken, en waarover zijn afspraken gemaakt?", ds)
    assert [p.text.split()[0] for p in q.parts] == ["Waarover", "waarover"]
    q = analyse("Welk budget is er voor Aland, en waarvoor is het bedoeld?", ds)
    assert [p.text.split()[0] for p in q.parts] == ["Welk", "waarvoor"]


def test_a_question_with_a_word_the_documents_lack_is_not_answered_by_its_names_alone() -> None:
    """"Wat is afgesproken over vakantievluchten op Aland Airport?": the documents never say "vakantievluchten";
    a sentence naming only the airport does not answer, one that says more of the question may."""
    from dataclasses import replace

    q = replace(_question(AnswerType.STATEMENT, {"aland": 6.0, "airport": 6.0, "openstel": 6.0},
                          names=["aland", "airport"], kind=QuestionKind.AGREEMENT), absent=["vakantievluchten"])
    names_only = _candidate("• Aland Airport Business Park (Aland),", {"aland", "airport"}, coverage=0.67)
    assert Problem.ABSENT in verdict(names_only, q, DEFAULT).problems
    more = _candidate("Het openstellen van Aland Airport is uitgesteld.", {"aland", "airport", "openstel"})
    assert Problem.ABSENT not in verdict(more, q, DEFAULT).problems
    assert Problem.ABSENT not in verdict(names_only, replace(q, absent=[]), DEFAULT).problems
    assert Problem.ABSENT not in verdict(names_only, q, DEFAULT.replace(absent_words=False)).problems


def test_agreements_on_a_thing_the_documents_nowhere_name_are_not_answered() -> None:
    """"Welke afspraken zijn er gemaakt over alandinstallaties bij woningbouwlocaties?": the documents name no
    "alandinstallaties", nor the words it is made of, so no sentence on woningbouwlocaties answers it; a word
    that is two corpus words joined ("kustvisie") may be what the documents write apart."""
    from dataclasses import replace

    text = "Welke afspraken zijn er gemaakt over alandinstallaties bij nieuwe woningbouwlocaties?"
    q = replace(_question(AnswerType.STATEMENT, {"nieuw": 2.0, "woningbouwloceer": 3.0}, kind=QuestionKind.AGREEMENT),
                text=text, absent=["alandinstallaties"], lacking=["alandinstallaties"])
    more = _candidate("Rijk en regio spreken af de nieuwe woningbouwlocaties te ontsluiten.",
                      {"nieuw", "woningbouwloceer"})
    assert Problem.ABSENT in verdict(more, q, DEFAULT).problems
    assert Problem.ABSENT not in verdict(more, replace(q, lacking=[]), DEFAULT).problems
    elsewhere = replace(q, text="Welke afspraken over woningbouwlocaties noemen alandinstallaties?")
    assert Problem.ABSENT not in verdict(more, elsewhere, DEFAULT).problems


def test_the_answer_type_is_read_from_the_question_after_its_preamble(ds) -> None:
    """"When the Aland letter explains the plan, it calls for new solutions. What example does it give?": the
    preamble's "When" asks nothing; the question after it asks for no date."""
    from ruimtegraaf.answering.question import analyse

    q = analyse("When the Aland letter explains the plan, it calls for new solutions. What example does it give?", ds)
    assert q.expected != AnswerType.DATE
    assert analyse("The Aland plan was adopted. When will the bridge open?", ds).expected == AnswerType.DATE


def test_a_part_that_names_nothing_knows_the_things_the_whole_question_names(ds) -> None:
    """"Hoe ver vooruit plant <party>, en voor hoeveel jaar wil de sector inzicht?": the second part asks about
    the party too, so a sentence naming it by another of its labels (an abbreviation) names it for that part."""
    from ruimtegraaf.answering.question import analyse
    from ruimtegraaf.lexicon import lexicon

    lex = lexicon(ds)
    party = next(n for n in lex.labelled if n.type == "Partij" and len(lex.labels[n.iri]) > 1)
    q = analyse(f"Hoe ver vooruit plant {party.label} zijn projecten, en voor hoeveel jaar wil de sector inzicht?", ds)
    assert len(q.parts) == 2 and all(party.iri in part.things for part in q.parts)


def test_a_dutch_word_the_documents_use_is_no_unread_word_of_an_english_question(ds) -> None:
    """"… progress on the basiskwaliteitsniveau in Aland?": the Dutch term is the documents' own, not English the
    glossaries cannot read."""
    from ruimtegraaf.answering.question import analyse

    q = analyse("When will parliament hear about progress on the basiskwaliteitsniveau in Aland?", ds)
    assert "basiskwaliteitsniveau" not in q.unread and "hear" in q.unread


def test_what_another_ministry_does_does_not_answer_what_the_asked_one_does() -> None:
    """"Which approach is the Ministry of Aland developing with the provinces?": a sentence saying the Ministry of
    Beland develops it says it of another party; one naming no ministry, or the asked one, may answer."""
    aland, beland = Named("urn:m:aland", "Aland", "Ministerie"), Named("urn:m:beland", "Beland", "Ministerie")
    q = replace(_question(AnswerType.STATEMENT, {"aanpak": 3.0, "provincie": 1.0}), entities=[aland])
    text = "Het ministerie van Beland werkt met de provincies aan een aanpak."
    other = replace(_candidate(text, {"aanpak", "provincie"}), names=((0, 25, "Ministerie"),),
                    things=frozenset({beland.iri}))
    assert Problem.PLACE in verdict(other, q, DEFAULT).problems
    asked = replace(other, things=frozenset({aland.iri, beland.iri}))
    assert Problem.PLACE not in verdict(asked, q, DEFAULT).problems
    assert Problem.PLACE not in verdict(replace(other, names=()), q, DEFAULT).problems
    who = replace(q, expected=AnswerType.ORGANISATION)
    assert Problem.PLACE not in verdict(other, who, DEFAULT).problems


def test_a_moment_said_around_a_year_is_no_term_of_what_is_asked(ds) -> None:
    """"Had Aland ten tijde van het plan (eind 2022) al een visie vastgesteld?": "ten tijde van" and "eind" say
    when, so a sentence about Aland's visie need not hold them."""
    from ruimtegraaf.answering.question import analyse

    q = analyse("Had de provincie Aland ten tijde van het plan (eind 2022) al een eigen visie vastgesteld?", ds)
    assert not {"ten", "eind", "tijd"} & set(q.focus) and "visie" in q.focus
    en = analyse("Had Aland adopted its vision by the end of 2022?", ds)
    assert "eind" not in en.focus


def test_a_word_made_of_two_corpus_words_is_absent_but_not_lacking(ds) -> None:
    from ruimtegraaf.answering.question import analyse

    q = analyse("Welke afspraken zijn er gemaakt over de kustvisie en over alandvluchten?", ds)
    assert q.absent == ["kustvisie", "alandvluchten"] and q.lacking == ["alandvluchten"]


def test_a_word_a_line_break_split_at_its_hyphen_is_no_word_the_documents_lack(ds) -> None:
    from ruimtegraaf.answering.question import analyse
    from ruimtegraaf.lexicon import lexicon

    lex = lexicon(ds)
    assert "escalatiemodel" in lex.joined and "escalatiemodel" not in lex.df  # "escalatie-\nmodel" in the text
    assert analyse("Welk escalatiemodel geldt voor Aland?", ds).absent == []
    assert analyse("Welke vakantievluchten gaan naar Aland?", ds).absent == ["vakantievluchten"]


def test_every_parts_lead_comes_before_any_parts_support(answerer, monkeypatch) -> None:
    """"Wat kost de Alandbrug, en wanneer start de bouw?": both asked facts first, then what supports them."""
    from dataclasses import replace

    from ruimtegraaf.answering.answerer import _Draft
    from ruimtegraaf.answering.question import analyse
    from ruimtegraaf.answering.verify import Verdict

    q = analyse("Wat kost de Alandbrug, en wanneer start de bouw?", answerer.ds)
    assert len(q.parts) == 2
    texts = iter(["De brug kost € 5 mln.", "De bouw start in 2027."])

    def answers(part, evidence, relation):
        text = next(texts)
        p = _passage(text)
        return [], [Verdict(replace(_candidate(text, set()), sentence=Sentence(p, 0, len(text), text)), (), ())]

    def compose(part, anchor, cands, budget=None, lead_chars=None, support=None):
        lead_text = anchor.candidate.sentence.text
        return _Draft([(lead_text, None), (f"Steun bij: {lead_text}", None)], support=1)

    monkeypatch.setattr(answerer, "_part_answers", answers)
    monkeypatch.setattr(answerer, "_compose", compose)
    draft = answerer._parts(q, [], frozenset())
    assert [text for text, _ in draft.parts] == [
        "De brug kost € 5 mln.", "De bouw start in 2027.",
        "Steun bij: De brug kost € 5 mln.", "Steun bij: De bouw start in 2027."]
    monkeypatch.setattr(answerer, "tuning", answerer.tuning.replace(support_last=False))
    texts = iter(["De brug kost € 5 mln.", "De bouw start in 2027."])
    draft = answerer._parts(q, [], frozenset())
    assert [text for text, _ in draft.parts][1] == "Steun bij: De brug kost € 5 mln."


def test_the_rest_of_an_agreement_supports_its_first_sentence(answerer, monkeypatch) -> None:
    """An agreement is read whole; in a two-part answer its further sentences come after every part's lead."""
    from ruimtegraaf.answering.compose import sentence_text
    from ruimtegraaf.answering.question import analyse
    from ruimtegraaf.answering.verify import Verdict

    text = "Rijk en regio sluiten een overeenkomst over de Alandbrug. Hiermee kan de regio verder."
    p = _passage(text, kind="afspraak")
    cut = text.index("Hiermee")
    first, rest = Sentence(p, 0, cut - 1, text[:cut - 1]), Sentence(p, cut, len(text), text[cut:])
    monkeypatch.setattr(answerer.read, "after", lambda s: [rest])
    monkeypatch.setattr(answerer.read, "antecedent", lambda s: None)
    q = analyse("Wanneer sluiten Rijk en regio de overeenkomst over de Alandbrug?", answerer.ds)
    draft = answerer._compose(q, Verdict(replace(_candidate(first.text, set()), sentence=first), (), ()), [])
    assert draft.support == 1 and draft.parts[-1][0] == sentence_text(rest)


def test_a_demonstrative_after_the_parties_it_stands_for_needs_no_sentence_before_it(ds, monkeypatch) -> None:
    """"Met Zeeland en Zuid-Holland … dat deze provincies …" says which provinces itself; "… voor deze
    knooppunten" does not, and takes the sentence before it that names the knooppunten."""
    from ruimtegraaf.answering.candidates import analysed
    from ruimtegraaf.answering.reading import Reader
    from ruimtegraaf.lexicon import lexicon

    lex = lexicon(ds)
    provinces = [n.label for n in lex.labelled if n.type == "Provincie"][:3]
    text = (f"De provincies {provinces[0]} en {provinces[1]} werken samen. "
            f"Met {provinces[2]} bleek dat deze provincies water tekort hebben.")
    p = _passage(text)
    reader = Reader(ds, lex)
    monkeypatch.setattr(reader, "analysed", lambda x: analysed(x, text, lex))
    said_here = analysed(p, text, lex).sentences[1].sentence
    assert reader.antecedent(said_here) is None
    knooppunten = f"De knooppunten {provinces[0]} en {provinces[1]} groeien. Er is geld voor deze knooppunten."
    q = _passage(knooppunten)
    monkeypatch.setattr(reader, "analysed", lambda x: analysed(x, knooppunten, lex))
    before, after = (a.sentence for a in analysed(q, knooppunten, lex).sentences)
    assert reader.antecedent(after) == before


def test_a_sentence_that_lists_the_items_leads_a_list_answer(answerer, monkeypatch) -> None:
    from ruimtegraaf.answering.question import analyse
    from ruimtegraaf.answering.verify import Verdict

    text = "Rijk en regio zien opgaven in Aland. De opgaven zijn: water, bodem en wonen."
    p = _passage(text)
    cut = text.index("De opgaven")
    said, listed = Sentence(p, 0, cut - 1, text[:cut - 1]), Sentence(p, cut, len(text), text[cut:])
    monkeypatch.setattr(answerer.read, "items", lambda s: [listed])
    monkeypatch.setattr(answerer.read, "antecedent", lambda s: None)
    q = analyse("Welke opgaven zien Rijk en regio in Aland?", answerer.ds)
    draft = answerer._compose(q, Verdict(replace(_candidate(said.text, set()), sentence=said), (), ()), [])
    assert [text for text, _ in draft.parts] == ["De opgaven zijn: water, bodem en wonen.",
                                                 "Rijk en regio zien opgaven in Aland."]


def test_an_english_question_understood_only_by_its_names_is_not_answered(ds) -> None:
    """"How was the closure of the nautical post at Aland reversed?": no glossary reads "closure", "nautical"
    or "reversed" ("post" the documents write too), so only the name is left to look for; a sentence about Aland
    cannot be judged to answer. With a word understood besides the names it can."""
    from ruimtegraaf.answering.question import analyse

    q = analyse("How was the closure of the nautical post at Aland reversed in 2025?", ds)
    assert q.unread == ["closure", "nautical", "reversed"]
    names_only = replace(_question(AnswerType.STATEMENT, {"aland": 6.0}, names=["aland"]), unread=q.unread)
    about = _candidate("De post op Aland is gesloten.", {"aland"}, coverage=1.0)
    assert Problem.UNREAD in verdict(about, names_only, DEFAULT).problems
    understood = replace(names_only, focus={"aland": 6.0, "gesloten": 3.0})
    assert Problem.UNREAD not in verdict(about, understood, DEFAULT).problems
    assert Problem.UNREAD not in verdict(about, replace(names_only, unread=q.unread[:2]), DEFAULT).problems
    assert analyse("Hoe is de sluiting van de post op Aland teruggedraaid?", ds).unread == []  # Dutch: not used


def test_an_english_question_whose_topic_is_not_understood_is_not_answered() -> None:
    """"… agree about snowmobile trails?": most words of what is asked about are words no glossary reads, so
    a sentence about Aland that does answer something else cannot be judged to answer it. A topic with as
    many words understood as not ("the large water depot": water) can be answered, and a Dutch one is judged
    by its own words."""
    about = _candidate("Rijk en Aland spreken af de waterberging uit te breiden.", {"aland", "afspraak"}, coverage=1.0)

    def asked(text: str, language: str = "en") -> Question:
        return replace(_question(AnswerType.AGREEMENT, {"aland": 6.0, "afspraak": 1.0}, names=["aland"],
                                 kind=QuestionKind.AGREEMENT), text=text, language=language)

    assert Problem.UNREAD in verdict(about, asked("What was agreed with Aland about snowmobile trails?"),
                                     DEFAULT).problems
    assert Problem.UNREAD not in verdict(about, asked("What was agreed with Aland about the large water depot?"),
                                         DEFAULT).problems
    assert Problem.UNREAD not in verdict(about, asked("Wat is met Aland afgesproken about snowmobile trails?", "nl"),
                                         DEFAULT).problems
    assert Problem.UNREAD not in verdict(about, asked("What was agreed with Aland about upgrading the Alandlijn?"),
                                         DEFAULT).problems


@pytest.mark.parametrize(("text", "kind"), [
    ("Which ministry pays for the register?", QuestionKind.FACT),  # "pays" is the verb of one ministry
    ("Which municipality hosts the site?", QuestionKind.FACT),
    ("Which national programmes are listed?", QuestionKind.LIST),  # "national" is no noun: a plural follows
    ("Which provinces signed?", QuestionKind.LIST),
])
def test_a_singular_noun_after_which_makes_the_word_after_it_a_verb_not_a_plural(text, kind) -> None:
    assert question_kind(text, expected_type(text)) == kind


def test_a_later_part_answered_by_an_earlier_parts_sentence_takes_one_with_its_own_words_first() -> None:
    from ruimtegraaf.answering.verify import Verdict, own_words_first

    first = replace(_question(AnswerType.PERCENTAGE, {"reductie": 4.0}), terms=["reductie", "aland"])
    part = replace(_question(AnswerType.STATEMENT, {"brandstof": 4.0}), terms=["brandstof", "aland"])
    shared = Verdict(_candidate("Aland wil 55% reductie in 2030.", {"reductie", "aland"}), ())
    own = Verdict(_candidate("20% van de brandstoffen op Aland is hernieuwbaar.", {"brandstof", "aland"}), ())
    shown = {shared.candidate.sentence.text}

    def seen(v: Verdict) -> bool:
        return v.candidate.sentence.text in shown

    assert own_words_first(part, [first], [shared, own], seen)[0] is own
    both = Verdict(_candidate("Aland: 55% reductie en schone brandstof.", {"reductie", "brandstof"}), ())
    shown.add(both.candidate.sentence.text)  # a sentence with the part's own word still answers it
    assert own_words_first(part, [first], [both, own], seen)[0] is both
    assert own_words_first(part, [first], [own, shared], seen)[0] is own  # not shown before: kept


@pytest.mark.parametrize("text", ["What happens if Aland does not sign the agreement?",
                                  "If the pilot in Aland fails, what happens then?",
                                  "Wat doen Rijk en regio als de pilot in Aland mislukt?"])
def test_what_happens_in_a_case_is_answered_only_by_a_sentence_that_states_a_case(text: str) -> None:
    """"What happens if Aland does not sign?": a sentence that Aland signs after the summer says when, not what
    happens otherwise; one that states the case ("Als Aland niet tekent, …") can answer, and without such a
    question the case is not needed."""
    q = replace(_question(AnswerType.STATEMENT, {"aland": 6.0, "ondertekening": 2.0}, names=["aland"]), text=text)
    plain = _candidate("De ondertekening door Aland volgt na de zomer.", {"aland", "ondertekening"}, coverage=1.0)
    case = _candidate("Als Aland niet tekent, volgt een nieuwe ondertekening.", {"aland", "ondertekening"},
                      coverage=1.0)
    assert Problem.CONDITION in verdict(plain, q, DEFAULT).problems
    assert Problem.CONDITION not in verdict(case, q, DEFAULT).problems
    assert Problem.CONDITION not in verdict(plain, replace(q, text="Wanneer tekent Aland?"), DEFAULT).problems
    assert abstention_reason(q, [verdict(plain, q, DEFAULT)]) == "condition"


def test_a_count_of_a_kind_is_not_answered_by_a_count_of_the_general_word() -> None:
    """"Hoeveel studentenwoningen …?": "400 woningen" counts homes of any kind, not the kind asked; "400
    studentenwoningen" (or "400 woningen" asked as "hoeveel woningen") answers."""
    from ruimtegraaf.answering.values import of_type

    general, kind = values_in("Er komen 400 woningen."), values_in("Er komen 400 studentenwoningen.")
    assert of_type(general, AnswerType.COUNT, "studentenwoningen", "Er komen 400 woningen.") == []
    assert [v.text for v in of_type(kind, AnswerType.COUNT, "studentenwoningen")] == ["400 studentenwoningen"]
    assert [v.text for v in of_type(kind, AnswerType.COUNT, "woningen")] == ["400 studentenwoningen"]


def test_what_a_meeting_of_a_later_year_decided_no_earlier_document_reports() -> None:
    """"Tijdens welk BO Leefomgeving in 2025 werd X vastgesteld?": a letter of 2024 that reports X adopted at
    its own BO (and plans more for 2025 in the same passage) does not answer for 2025; a document of 2025 may,
    and without a meeting asked for what it decided the earlier document is judged as before."""
    text = "Tijdens het BO Leefomgeving Zuid is het perspectief voor Aland vastgesteld. In 2025 volgt meer."
    q = _question(AnswerType.STATEMENT, {"aland": 6.0, "perspectief": 2.0}, names=["aland"],
                  constraints=Constraints(years=(2025,), meeting="BOL", decided=True))
    earlier = replace(_candidate(text, {"aland", "perspectief"}, coverage=1.0), year=2024)
    assert Problem.YEAR in verdict(earlier, q, DEFAULT).problems
    assert Problem.YEAR not in verdict(replace(earlier, year=2025), q, DEFAULT).problems
    plan = replace(q, constraints=replace(q.constraints, decided=False))
    assert Problem.YEAR not in verdict(earlier, plan, DEFAULT).problems


def test_a_yes_no_anchor_that_only_poses_the_question_brings_the_sentence_that_answers_it() -> None:
    from ruimtegraaf.answering.support import support

    text = ("In het overleg is besproken of een snowmobielplan nodig is voor Aland. "
            "Dit is niet het geval zolang de afspraken niet bindend zijn. "
            "Voor de uitwerking van het snowmobielplan kan wel een studie nodig zijn.")
    p = _passage(text)
    anchor, reply, later = sentences(p, text)
    asked = _question(AnswerType.YES_NO, {"snowmobielplan": 5.0, "nood": 2.0, "aland": 6.0}, names=["aland"],
                      kind=QuestionKind.YES_NO)
    assert support(asked, anchor, [reply, later], 1) == [reply]  # the yes or no, not the sentence on its terms
    plain = replace(asked, kind=QuestionKind.FACT)
    assert support(plain, anchor, [reply, later], 1) == [later]
    stated = sentences(_passage("Aland heeft een snowmobielplan nodig. " + text[71:]),
                       "Aland heeft een snowmobielplan nodig. " + text[71:])
    assert support(asked, stated[0], stated[1:], 1) == [stated[2]]  # a statement brings what is on its terms


def test_the_anchor_leads_a_list_of_organisations_the_gazetteer_found_in_it(answerer) -> None:
    """"Which parties paid?": the anchor names them by the gazetteer ("Waterschap Alandmaas"), which its text's
    own values do not find; a support sentence with an acronym ("BOK") is no better lead."""
    from ruimtegraaf.answering.answerer import _Draft
    from ruimtegraaf.answering.verify import Verdict

    anchor_text = "Waterschap Alandmaas en de provincie hebben de extra kosten betaald."
    support_text = "De Kamer is geïnformeerd over de BOK en de overgang naar de realisatie."
    q = replace(_question(AnswerType.LIST, {"kost": 2.0, "betaal": 3.0}, kind=QuestionKind.LIST),
                item=AnswerType.ORGANISATION)
    waterschap = Value(AnswerType.ORGANISATION, "Alandmaas", 11, 20, "Waterschap")
    anchor = Verdict(_candidate(anchor_text, {"kost", "betaal"}), (), (waterschap,))
    draft = answerer._fact_first(q, _Draft([(anchor_text, None), (support_text, None)], support=1), anchor)
    assert [text for text, _ in draft.parts] == [anchor_text, support_text]


def test_what_came_of_a_moment_after_a_documents_date_is_not_answered_by_that_document() -> None:
    """A letter of June announces "Op 3 november vindt het Alandsymposium plaats"; what that symposium
    concluded only a later document can say. When it takes place, the letter does answer."""
    text = "Op 3 november 2025 vindt het slotsymposium van Aland plaats."
    june = replace(_candidate(text, {"symposium", "aland"}, coverage=1.0), date="2025-06-13", year=2025)
    december = replace(june, date="2025-12-01")
    concluded = _question(AnswerType.STATEMENT, {"symposium": 3.0, "aland": 5.0},
                          constraints=Constraints(years=(2025,), days=("2025-11-03",), outcome=True))
    assert Problem.YEAR in verdict(june, concluded, DEFAULT).problems
    assert Problem.YEAR not in verdict(december, concluded, DEFAULT).problems
    when = replace(concluded, constraints=replace(concluded.constraints, outcome=False))
    assert Problem.YEAR not in verdict(june, when, DEFAULT).problems


def test_a_question_for_the_conclusions_of_a_moment_asks_for_its_outcome(ds) -> None:
    from ruimtegraaf.answering.question import analyse

    assert analyse("Wat waren de conclusies van het symposium op 3 november 2025?", ds).constraints.outcome
    assert analyse("What did the minister report on 3 November 2025?", ds).constraints.outcome
    assert not analyse("Wanneer vindt het symposium plaats?", ds).constraints.outcome
    assert not analyse("When was the Aland agreement concluded, in November 2025?", ds).constraints.outcome
    assert analyse("What progress on Aland did the cabinet report in autumn 2025?", ds).constraints.outcome
    assert analyse("Wat heeft het kabinet in het najaar van 2025 over Aland gemeld?", ds).constraints.outcome
    assert not analyse("Wat meldt het kabinet in het najaar van 2025 over Aland?", ds).constraints.outcome
    assert analyse("What did Aland's yearly monitor of mid-2030 conclude?", ds).constraints.outcome
    assert analyse("Welke keuzes bevatte het Alandplan dat in maart 2030 is opgeleverd?", ds).constraints.outcome
    assert analyse("Wat stond er in het Alandplan van juli 2030?", ds).constraints.outcome
    assert analyse("What did the Aland plan of March 2030 contain?", ds).constraints.outcome
    assert not analyse("Wat staat er in het Alandplan?", ds).constraints.outcome


def test_what_came_of_a_later_year_than_a_documents_is_not_answered_by_it() -> None:
    text = "In de jaarlijkse monitor (te verwachten medio 2026) brengt Aland de ontwikkelingen in beeld."
    earlier = replace(_candidate(text, {"monitor", "aland"}, coverage=1.0), date="2025-06", year=2025)
    concluded = _question(AnswerType.STATEMENT, {"monitor": 3.0, "aland": 5.0},
                          constraints=Constraints(years=(2026,), outcome=True))
    assert Problem.YEAR in verdict(earlier, concluded, DEFAULT).problems
    assert Problem.YEAR not in verdict(replace(earlier, date="2026-12"), concluded, DEFAULT).problems


def test_what_was_agreed_prefers_an_agreement_and_passes_over_a_report_of_a_discussion() -> None:
    from ruimtegraaf.answering.candidates import _scored

    asked = _question(AnswerType.AGREEMENT, {"strategie": 3.0, "aland": 5.0}, names=["aland"],
                      kind=QuestionKind.AGREEMENT)
    texts = ["Afgesproken is dat de strategie van Aland in het BO MIRT terugkomt.",
             "De strategie van Aland krijgt vorm in het BO MIRT.",
             "Verder is gesproken over de strategie van Aland."]
    scores = [_scored(_candidate(t, {"strategie", "aland"}, coverage=0.8), asked, DEFAULT, False).score
              for t in texts]
    assert scores[0] > scores[1] > scores[2]
    plain = replace(asked, kind=QuestionKind.FACT)  # asked what X is, a discussion of it is as good as any
    assert len({round(_scored(_candidate(t, {"strategie", "aland"}, coverage=0.8), plain, DEFAULT, False).score, 9)
                for t in texts[1:]}) == 1


def test_a_list_question_whose_anchor_precedes_the_lists_lead_in_is_answered_by_the_lead_in_and_its_items(
        answerer, monkeypatch) -> None:
    """"What criteria must proposals meet?": the anchor says what the scheme is; the sentence after it opens the
    list ("…, namelijk:"). The lead-in and its items lead, the anchor follows."""
    from ruimtegraaf.answering.compose import sentence_text
    from ruimtegraaf.answering.verify import Verdict

    text = ("Aland kent een regeling voor woningbouw. De voorstellen worden beoordeeld via criteria, namelijk:\n"
            "• Snelheid: binnen vijf jaar.\n• Omvang: minimaal 200 woningen.")
    p = _passage(text)
    anchor, opener, first, second = sentences(p, text)
    monkeypatch.setattr(answerer.read, "items", lambda s: [opener, first, second] if s == anchor else
                        [first, second] if s == opener else [])
    monkeypatch.setattr(answerer.read, "antecedent", lambda s: None)
    q = replace(_question(AnswerType.LIST, {"criteria": 3.0, "aland": 5.0}, kind=QuestionKind.LIST))
    draft = answerer._compose(q, Verdict(replace(_candidate(anchor.text, set()), sentence=anchor), (), ()), [])
    assert [text for text, _ in draft.parts] == [sentence_text(x) for x in (opener, first, second, anchor)]
    assert question_kind("What knock-out criteria must the proposals meet?", None) == QuestionKind.LIST


def test_who_pays_asks_for_the_paying_parties() -> None:
    assert expected_type("Wie droegen de extra kosten van de vertraging?") == AnswerType.ORGANISATION
    assert expected_type("Who paid for the extra costs of the Aland bridge?") == AnswerType.ORGANISATION
    assert expected_type("Wie is de wethouder van Aland?") == AnswerType.PERSON
    assert expected_type("Wat kost de Alandbrug?") == AnswerType.MONEY


def test_a_support_sentence_with_the_asked_value_the_long_anchor_lacks_joins_and_leads(answerer, monkeypatch) -> None:
    """"Waarom duurde de fase langer?": the anchor restates the question at length; the reason stands in the
    sentence after it, which joins however long the anchor is, and leads."""
    from ruimtegraaf.answering.compose import sentence_text
    from ruimtegraaf.answering.verify import Verdict

    text = ("Alandbrug De Kamer is eerder geïnformeerd over de brug over de Aland en over de overgang naar de "
            "realisatie; destijds was al duidelijk dat de planning- en studiefase van de Alandbrug tien maanden "
            "langer had geduurd dan bij de aanvang van die fase door alle partijen samen werd verwacht. "
            "Primaire oorzaak hiervoor was de juridische complexiteit van de grond onder de brug.")
    p = _passage(text)
    anchor, reason = sentences(p, text)
    monkeypatch.setattr(answerer.read, "antecedent", lambda s: None)
    monkeypatch.setattr(answerer.read, "sentences", lambda passage: [anchor, reason])
    q = _question(AnswerType.REASON, {"studiefas": 4.0, "langer": 3.0, "alandbrug": 5.0}, kind=QuestionKind.WHY)
    draft = answerer._compose(q, Verdict(replace(_candidate(anchor.text, set()), sentence=anchor), (), ()), [],
                              budget=len(anchor.text) + 20)
    assert [text for text, _ in draft.parts] == [sentence_text(reason), sentence_text(anchor)]


def test_a_list_question_for_n_items_prefers_the_sentence_that_says_n() -> None:
    """"Which eight provisional Aland areas …?": a list question, and the sentence that says "acht" is its
    anchor rather than a sentence equally about the areas."""
    from ruimtegraaf.answering.candidates import _scored

    text = "Which eight provisional Aland areas were identified in 2020?"
    assert question_kind(text, expected_type(text)) == QuestionKind.LIST
    asked = replace(_question(AnswerType.LIST, {"aland": 5.0, "gebied": 1.0}, kind=QuestionKind.LIST), count=8)
    says, plain = (_scored(_candidate(t, {"aland", "gebied"}), asked, DEFAULT, False).score for t in (
        "Momenteel hebben we acht voorlopige Aland-gebieden geïdentificeerd.",
        "Tijdens het overleg is de selectie van de Aland-gebieden toegelicht."))
    assert says > plain


def test_a_list_of_a_named_kind_is_answered_only_by_a_sentence_naming_some() -> None:
    """"Welke waterschappen werkten mee …?": a sentence about the work that names no water board does not
    answer; one that names them does."""
    asked = replace(_question(AnswerType.LIST, {"aland": 5.0, "werk": 1.0}, kind=QuestionKind.LIST),
                    unit="Waterschap", item=AnswerType.ORGANISATION)
    plain = _candidate("In Aland is hard gewerkt aan de omgevingsagenda.", {"aland", "werk"})
    assert Problem.NO_VALUE in verdict(plain, asked, DEFAULT).problems
    named = replace(_candidate("Aan de agenda van Aland werkten de waterschappen Alandmaas en Beta mee.",
                               {"aland", "werk"}),
                    values=(Value(AnswerType.ORGANISATION, "Alandmaas", 44, 53, "Waterschap"),))
    assert Problem.NO_VALUE not in verdict(named, asked, DEFAULT).problems


def test_no_value_for_a_list_names_the_type_of_its_items(answerer) -> None:
    q = replace(_question(AnswerType.LIST, {"aland": 5.0}, kind=QuestionKind.LIST), item=AnswerType.ORGANISATION,
                language="en")
    assert answerer._abstain(q, [], "no_value").answer.startswith("The documents give no organisation")


def test_a_question_for_a_duration_searches_the_documents_word_for_it(ds) -> None:
    from ruimtegraaf.answering.question import analyse

    q = analyse("How long may the Aland exploration take?", ds)
    assert q.expected == AnswerType.DURATION and "looptijd" in q.expansion.split()
    assert "looptijd" not in analyse("How much does the Aland exploration cost?", ds).expansion.split()


def test_who_asks_in_a_first_person_preamble_adds_nothing_to_the_focus(ds) -> None:
    """"Wij zitten namens de provincie aan tafel. Wat …?": the asker's words ('tafel') are no part of what is
    asked; a preamble about the matter itself still counts, at half weight."""
    from ruimtegraaf.answering.question import analyse

    asker = analyse("Wij zitten namens de provincie aan tafel over de woningbouw. Wat is er afgesproken over "
                    "de brug?", ds)
    assert "tafel" not in asker.focus and "brug" in asker.focus
    matter = analyse("De provincie zat aan tafel over de woningbouw. Wat is er afgesproken over de brug?", ds)
    assert 0 < matter.focus["tafel"] < matter.focus["brug"] * 2


def test_what_a_party_investigates_is_no_judgement_and_a_part_without_its_mark_keeps_its_preamble() -> None:
    from ruimtegraaf.answering.asking import after_preamble

    studied = "Welke provincies gaan onderzoeken hoe de voorraad van Aland het best benut kan worden?"
    assert question_kind(studied, expected_type(studied)) != QuestionKind.JUDGEMENT
    judged = "Welke aanpak van Aland werkt het best?"
    assert question_kind(judged, expected_type(judged)) == QuestionKind.JUDGEMENT
    assert after_preamble("Ik werk bij een waterschap in Aland. Wat spraken zij af over zoetwater") == \
        "Wat spraken zij af over zoetwater"


def test_a_first_person_preamble_never_leaves_the_focus_empty(ds) -> None:
    from ruimtegraaf.answering.question import analyse

    assert analyse("Ik werk aan de woningbouw in de provincie. Wat nu?", ds).focus


def test_what_a_better_sentence_says_of_another_party_is_not_answered_by_one_sharing_only_the_name() -> None:
    """Asked what Aland agreed about a start decision for an exploration, the sentence saying that Beland agreed
    it (rejected: another place) covers the topic; a verified sentence about Aland that covers less than
    `Tuning.elsewhere` of that topic only shares the name: the documents say it of someone else. An answer
    about Aland that covers the topic as well stands."""
    from ruimtegraaf.answering.verify import Verdict, said_elsewhere
    from ruimtegraaf.gazetteer import Named

    aland = Named("urn:provincie/aland", "Aland", "Provincie")
    q = _question(AnswerType.AGREEMENT, {"aland": 3.0, "startbesliss": 2.0, "verken": 2.0, "ruimtegebrek": 2.0},
                  names=["aland"], kind=QuestionKind.AGREEMENT, constraints=Constraints(places=(aland,)))
    other = Verdict(_candidate("Rijk en Beland spreken af een startbeslissing voor een verkenning naar ruimtegebrek "
                               "voor te bereiden.", {"startbesliss", "verken", "ruimtegebrek"}), (Problem.PLACE,))
    name_only = Verdict(_candidate("Rijk en Aland stellen het arrangement vast.", {"aland"}), ())
    assert said_elsewhere(q, [other, name_only], name_only, DEFAULT.elsewhere) is other
    own = Verdict(_candidate("Rijk en Aland bereiden een startbeslissing voor een verkenning naar ruimtegebrek voor.",
                             {"aland", "startbesliss", "verken", "ruimtegebrek"}), ())
    assert said_elsewhere(q, [other, own], own, DEFAULT.elsewhere) is None
    assert said_elsewhere(q, [name_only, other], name_only, DEFAULT.elsewhere) is None  # the answer ranks first


def test_until_when_is_answered_by_the_date_something_holds_until(ds) -> None:
    """"Tot wanneer gelden de afspraken?" asks for the date that ends them ("tot het BO Leefomgeving van juni
    2026"), not one that dates something else in the sentence ("het voorstel van januari 2024")."""
    from ruimtegraaf.answering.question import analyse

    q = analyse("Until when do the agreements with Aland apply?", ds)
    assert (q.expected, q.unit) == (AnswerType.DATE, "end") and "looptijd" in q.expansion.split()
    text = "De afspraken bouwen voort op het voorstel van januari 2024 en gelden tot het BO Leefomgeving van juni 2026."
    assert [v.text for v in of_type(values_in(text), AnswerType.DATE, "end")] == [
        "tot het BO Leefomgeving van juni 2026"]
    assert not of_type(values_in("Het voorstel van januari 2024 is de basis."), AnswerType.DATE, "end")


def test_a_place_named_as_the_acting_body_answers_which_party_though_the_question_names_the_place() -> None:
    """"Aland rail yard: which party commissions the study?" names Aland only as where the yard is; "De gemeente
    Aland verleent opdracht …" names the municipality as the party that acts, so it answers. Asked of "the
    municipality of Aland" itself, it is what the question states."""
    from dataclasses import replace

    from ruimtegraaf.answering.candidates import typed_values

    text = "De gemeente Aland verleent ProRail opdracht om een plan op te stellen."
    at = text.index("Aland")
    c = replace(_candidate(text, {"opdracht", "plan"}), values=(Value(AnswerType.PLACE, "Aland", at, at + 5,
                                                                          "Gemeente"),))
    q = replace(_question(AnswerType.ORGANISATION, {"opdracht": 1.0, "plan": 1.0}),
                text="Aland rail yard: which party commissions the plan?")
    assert [v.text for v in typed_values(c, q)] == ["Aland"]
    itself = replace(q, text="What does the municipality of Aland commission?")
    assert typed_values(c, itself) == []


def test_an_answer_quotes_the_documents_own_quotation_marks() -> None:
    """The text is read with plain quotes ("R", Risico's), but an answer states the sentence as the document
    writes it: "de letter “R” voor Risico’s", so a reader (and a check for the words as written) finds them."""
    from ruimtegraaf.answering.compose import lead, sentence_text
    from ruimtegraaf.answering.sentences import sentences

    t = "Vaak wordt de letter “R” voor Risico’s toegevoegd aan de vijf factoren van Aland."
    s = sentences(_passage(t), t)[0]
    assert "'" in s.text and sentence_text(s) == t
    assert lead(s, tuple(values_in(t)), 40) == t  # no value: read whole
