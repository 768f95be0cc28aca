"""Agreement extraction against the dev gold of the afsprakenlijst (read at run time, never copied)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from ingest.afspraken import Afspraak, agreement_text, extract_afspraken
from ingest.agreement_kinds import KINDS, classify
from ruimtegraaf.model import Passage

ROOT = Path(__file__).resolve().parent.parent
SOURCE = "000_e8c17795db0e2ae2.txt"
GOLD = ROOT.parent / "shared" / "eval" / "afspraken_dev.jsonl"
# the gold names two kinds shorter than the vocabulary's concepts
GOLD_KINDS = {"inspanning": "inspanningsverplichting", "financieel": "financiele-afspraak"}


def _line_starts(text: str) -> list[int]:
    starts = [0]
    for line in text.split("\n"):
        starts.append(starts[-1] + len(line) + 1)
    return starts


def _passages_from_gold(gold: list[dict], text: str) -> list[Passage]:
    """Stand-in for the segmenter: one "afspraak" passage per gold bullet, cut from its line range."""
    starts = _line_starts(text)
    out = []
    for g in gold:
        start, end = starts[g["start_line"] - 1], starts[g["end_line"]] - 1
        path = (f"Regio {g['regio']}", f"{g['topic_number']} {g['topic_title']}")
        sub = g["province_context"] or g["sub_heading"]
        out.append(Passage(f"p{start}", SOURCE, start, end, text[start:end], kind="afspraak",
                           heading_path=(*path, sub) if sub else path, lead_in=g["lead_in"]))
    return out


@pytest.fixture(scope="module")
def gold() -> list[dict]:
    if not GOLD.exists():
        pytest.skip(f"no dev gold at {GOLD}")
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def pairs(gold: list[dict]) -> list[tuple[dict, Afspraak]]:
    text = (ROOT / "corpus" / SOURCE).read_text(encoding="utf-8")
    found = extract_afspraken(_passages_from_gold(gold, text))
    assert len(found) == len(gold)
    return list(zip(gold, found, strict=True))


def _party_key(name: str) -> str:
    return " ".join(w for w in name.casefold().split() if w not in ("van", "de", "het"))


def _rate(oks: list[bool]) -> float:
    return sum(oks) / len(oks)


def test_amounts_match_gold_exactly(pairs: list[tuple[dict, Afspraak]]) -> None:
    for g, a in pairs:
        want = {Decimal(str(x["value_eur"])) for x in g["amounts"]}
        assert {x.value_eur for x in a.amounts} == want, a.text


def test_regio_and_topic(pairs: list[tuple[dict, Afspraak]]) -> None:
    for g, a in pairs:
        assert a.regio == g["regio"]
        assert a.regio_heading == f"Regio {g['regio']}"
        assert (a.topic_number, a.topic_title) == (g["topic_number"], g["topic_title"])
        assert a.province_context == g["province_context"]
        assert a.sub_heading == g["sub_heading"]


def test_parties_agree_with_gold(pairs: list[tuple[dict, Afspraak]]) -> None:
    oks = [{_party_key(p) for p in a.parties} == {_party_key(p) for p in g["parties"]} for g, a in pairs]
    print(f"parties agree on {sum(oks)}/{len(oks)} bullets")
    assert _rate(oks) >= 0.9


def test_kind_agrees_with_gold(pairs: list[tuple[dict, Afspraak]]) -> None:
    oks = [a.kind == GOLD_KINDS.get(g["kind"], g["kind"]) for g, a in pairs]
    print(f"kind agrees on {sum(oks)}/{len(oks)} bullets")
    assert all(a.kind in KINDS for _, a in pairs)
    assert _rate(oks) >= 0.85


def test_text_spans_and_refs(pairs: list[tuple[dict, Afspraak]]) -> None:
    refs = [a.ref for _, a in pairs]
    assert len(set(refs)) == len(refs)
    for g, a in pairs:
        assert " ".join(a.text.split()) == a.text
        assert "❖" not in a.text
        assert a.start < a.end
        assert a.ref.startswith(f"2025-{g['regio'].lower()}-{g['topic_number']:02d}-")
    assert sum(g["text"] == a.text for g, a in pairs) >= 0.9 * len(pairs)


def test_mentions_agree_with_gold(pairs: list[tuple[dict, Afspraak]]) -> None:
    for field in ("novex_area", "programme", "mirt_project"):
        oks = [a.mentioned(field) == g[field] for g, a in pairs]
        print(f"{field} agrees on {sum(oks)}/{len(oks)} bullets")
        assert _rate(oks) >= 0.8


def test_lead_in_supplies_the_parties() -> None:
    p = Passage("p1", SOURCE, 0, 40, "❖ De schaalsprong in te zetten voor de kernen.", kind="afspraak",
                heading_path=("Regio Oost-Nederland", "3 Verstedelijking Regio Twente"),
                lead_in="Rijk en Regio spreken af:")
    (a,) = extract_afspraken([p])
    assert a.parties == ("Rijk", "Regio Oost-Nederland")
    assert a.lead_in == "Rijk en Regio spreken af:"


def test_parts_of_one_bullet_make_one_afspraak() -> None:
    head = ("Regio Noordwest-Nederland", "7 Deltaprogramma deelgebied Centraal Holland")
    parts = [
        Passage("g-d1", SOURCE, 100, 150, "❖ Rijk en Regio spreken af:\no eerst € 5 miljoen", kind="afspraak",
                heading_path=head, group="g", part=1, parts=2),
        Passage("g-d2", SOURCE, 151, 190, "o dan uiterlijk in 2026 de rest", kind="afspraak",
                heading_path=head, group="g", part=2, parts=2),
        Passage("h", SOURCE, 191, 200, "8 Proces", kind="heading", heading_path=head),
    ]
    (a,) = extract_afspraken(parts)
    assert (a.start, a.end, a.passage_ids) == (100, 190, ("g-d1", "g-d2"))
    assert a.text == "Rijk en Regio spreken af:; eerst € 5 miljoen; dan uiterlijk in 2026 de rest"
    assert [x.value_eur for x in a.amounts] == [Decimal("5000000")]
    assert a.amounts[0].start == 100 + parts[0].text.index("€")
    assert [d.year for d in a.deadlines] == [2026]
    assert a.mentioned("programme") == "Deltaprogramma deelgebied Centraal Holland"


def test_partijen_defined_once_hold_for_the_topic() -> None:
    head = ("Regio Zuidwest-Nederland", "4 NOVEX-gebied Rotterdamse haven")
    texts = ["❖ Rijk, Provincie Zuid-Holland, gemeente Rotterdam en het Havenbedrijf Rotterdam (partijen) "
             "spreken af een startbeslissing voor te bereiden.",
             "❖ Onderdeel van de voorbereiding is inzicht geven.",
             "❖ Partijen spreken af deze verkenning voor te bereiden."]
    passages = [Passage(f"p{i}", SOURCE, i * 200, i * 200 + len(t), t, kind="afspraak", heading_path=head)
                for i, t in enumerate(texts)]
    found = extract_afspraken(passages)
    want = ("Rijk", "Provincie Zuid-Holland", "Gemeente Rotterdam", "Havenbedrijf Rotterdam")
    assert [a.parties for a in found] == [want, want, want]
    assert [a.ref for a in found] == [f"2025-zuidwest-nederland-04-0{i}" for i in (1, 2, 3)]
    assert found[0].mentioned("novex_area") == "Rotterdamse haven"


def test_province_sub_heading_gives_context_and_default_parties() -> None:
    head = ("Regio Noordwest-Nederland", "1 Eerste Ruimtelijk Arrangement per provincie", "Utrecht:")
    p = Passage("p", SOURCE, 0, 60, "❖ Rijk en Provincie stellen het eerste Ruimtelijk Arrangement vast.",
                kind="afspraak", heading_path=head)
    q = Passage("q", SOURCE, 70, 120, "❖ Het Ruimtelijk Arrangement wordt later herijkt.", kind="afspraak",
                heading_path=head)
    a, b = extract_afspraken([p, q])
    assert (a.province_context, a.sub_heading) == ("Utrecht", None)
    assert a.parties == b.parties == ("Rijk", "Provincie Utrecht")
    assert a.kind == "vaststelling"


def test_designated_gemeenten_are_not_parties() -> None:
    p = Passage("p", SOURCE, 0, 90, "❖ Het Rijk benoemt de gemeente Alkmaar tot een gemeente waarbinnen een "
                "locatie ontwikkeld kan worden.", kind="afspraak",
                heading_path=("Regio Noordwest-Nederland", "8 Proces aanwijzen"))
    (a,) = extract_afspraken([p])
    assert a.parties == ("Rijk",)
    assert a.kind == "vaststelling"


@pytest.mark.parametrize(("text", "kind"), [
    ("Rijk en Regio nemen kennis van de voortgang.", "kennisname"),
    ("Constateren dat de strategie voortvarend wordt opgepakt;", "kennisname"),
    ("Rijk en Regio stemmen in met het ontwikkelperspectief.", "vaststelling"),
    ("Rijk en Provincie X spreken af het arrangement in het najaar vast te stellen.", "procesafspraak"),
    ("Het Rijk zegt een aanvullende bijdrage van € 14,157 miljoen incl. btw toe.", "financiele-afspraak"),
    ("De kostenverdeling is hiermee 50% Rijk en 50% Regio.", "financiele-afspraak"),
    ("Rijk en Regio committeren zich aan de afspraken.", "inspanningsverplichting"),
    ("Rijk en Regio stellen een gezamenlijk proces op.", "procesafspraak"),
    ("In het BO MIRT 2025 stellen Rijk en Regio een Plan van Aanpak vast.", "procesafspraak"),
])
def test_classify(text: str, kind: str) -> None:
    assert classify(text, has_amounts="€" in text) == kind


def test_agreement_text_keeps_suspended_hyphens() -> None:
    assert agreement_text("❖ het haven- \nen industriecluster en OV-\nstations") == \
        "het haven- en industriecluster en OV-stations"


def test_bullet_cut_short_by_the_segmenter_takes_its_tail_back() -> None:
    head = ("Regio Noordwest-Nederland", "7 Deltaprogramma deelgebied Centraal Holland")
    lead = "Wateroverlast’ met de volgende scopebepaling:"
    texts = [("afspraak", None, "❖ Rijk en Regio besluiten tot het opstellen van een ‘Maatregelenpakket"),
             ("paragraph", None, lead),
             ("bullet", lead, "o Het pakket is ondeelbaar. Het kost € 2 \n\nmiljoen."),
             ("bullet", lead, "De keuze voor deze locaties wordt integraal afgewogen."),
             ("afspraak", lead, "❖ Rijk en Regio spreken af:\no De scopebepaling vormt de basis.")]
    passages, at = [], 0
    for kind, lead_in, text in texts:
        passages.append(Passage(f"p{at}", SOURCE, at, at + len(text), text, kind=kind, heading_path=head,
                                lead_in=lead_in))
        at += len(text) + 2
    first, second = extract_afspraken(passages)
    ids = [p.id for p in passages]
    assert first.passage_ids == tuple(ids[:4])
    assert first.text.startswith("Rijk en Regio besluiten tot het opstellen van een ‘Maatregelenpakket "
                                 "Wateroverlast’ met de volgende scopebepaling:; Het pakket")
    assert [a.value_eur for a in first.amounts] == [Decimal("2000000")]
    assert (first.end, second.passage_ids, second.lead_in) == (passages[3].end, (ids[4],), None)


def test_a_lead_in_between_bullets_is_not_swallowed() -> None:
    head = ("Regio Zuidwest-Nederland", "3 NOVEX-gebied Zuidelijke Randstad")
    lead = "Aangaande de investeringsstrategie spreken Rijk en Regio af:"
    passages = [Passage("a", SOURCE, 0, 40, "❖ Ook de programmalijn te prioriteren", kind="afspraak",
                        heading_path=head),
                Passage("b", SOURCE, 50, 110, lead, kind="paragraph", heading_path=head),
                Passage("c", SOURCE, 120, 160, "❖ Verder te werken aan de opgave.", kind="afspraak",
                        heading_path=head, lead_in=lead)]
    first, second = extract_afspraken(passages)
    assert first.passage_ids == ("a",)
    assert second.lead_in == lead


def test_the_novex_names_agreements_are_read_by_are_names_of_the_reference_data() -> None:
    """The NOVEX-area names the agreements' text is searched for (written as patterns, for the ways the
    documents break and hyphenate them) each name an area of the reference data, and every area has one."""
    import re

    from rdflib.namespace import RDF, SKOS

    from ingest.afspraken import _NOVEX_NAMES
    from ontology import RG, reference_graph

    graph = reference_graph()
    labels = {area: {str(label) for p in (SKOS.prefLabel, SKOS.altLabel) for label in graph.objects(area, p)}
              for area in graph.subjects(RDF.type, RG.NovexGebied)}
    named = set()
    for pattern in re.split(r"(?<!\\)\|", _NOVEX_NAMES):
        areas = {area for area, names in labels.items() if any(re.fullmatch(pattern, name) for name in names)}
        assert len(areas) == 1, f"{pattern!r} names {len(areas)} NOVEX areas of the reference data"
        named |= areas
    assert named == set(labels), f"no pattern for {sorted(set(labels) - named)}"
