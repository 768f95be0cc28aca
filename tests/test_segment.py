"""Segmentation on the real corpus: exact offsets, structure, agreements, stable identifiers, duplicates."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from conftest import AGREEMENTS_FILE, line_starts

from ingest.pipeline import read_corpus
from ingest.segment import MAX_CHARS, segment
from ruimtegraaf.model import DocumentInfo, SourceText, SubDocument
from ruimtegraaf.normalize import normalize
from ruimtegraaf.privacy import has_contact_data


def test_every_passage_is_exactly_its_span_of_the_corpus_file(corpus, corpus_dir):
    for p in corpus.passages:
        text = (corpus_dir / p.document).read_bytes().decode("utf-8")
        assert text[p.start:p.end] == p.text, p.id
        assert 0 < len(p.text) <= MAX_CHARS, p.id
        assert p.text == p.text.strip(), p.id


def test_normalised_text_maps_back_into_the_passage(corpus):
    for p in corpus.passages[::7]:
        n = normalize(p.text, base=p.start)
        if not n.text:
            continue
        s, e = n.to_original(0, len(n.text))
        assert p.start <= s < e <= p.end
        words = n.text.split()
        first = n.text.index(words[-1])
        s2, e2 = n.to_original(first, first + len(words[-1]))
        assert normalize(corpus.sources[p.document].text[s2:e2]).text == words[-1]


def test_no_passage_crosses_a_sub_document(corpus):
    for p in corpus.passages:
        info = corpus.infos[p.document]
        units = [u for u in info.subdocuments if u.start <= p.start < u.end] or None
        if units:
            unit = min(units, key=lambda u: u.end - u.start)
            assert p.end <= unit.end, p.id
            assert p.subdocument == unit.ref


def test_pages_come_from_page_signals(corpus):
    pages = {p.page for p in corpus.passages if p.document == AGREEMENTS_FILE}
    assert None not in pages and max(pages) > 50
    first = min((p for p in corpus.passages if p.document == AGREEMENTS_FILE), key=lambda p: p.start)
    assert first.page == 1


def test_contact_data_stays_out_of_passages(corpus):
    assert not [p.id for p in corpus.passages if has_contact_data(p.text)]
    snn = "".join(p.text for p in corpus.passages if p.document == AGREEMENTS_FILE)
    assert "@" not in snn and "06-1" not in snn


def _agreement_spans(corpus) -> list[tuple[int, int]]:
    groups: dict[str, tuple[int, int]] = {}
    for p in corpus.passages:
        if p.kind == "afspraak":
            key = p.group or p.id
            s, e = groups.get(key, (p.start, p.end))
            groups[key] = (min(s, p.start), max(e, p.end))
    return sorted(groups.values())


def test_each_agreement_bullet_is_one_passage_or_its_parts(corpus):
    text = corpus.sources[AGREEMENTS_FILE].text
    bullets = [m.start() for m in re.finditer("❖", text)]
    spans = _agreement_spans(corpus)
    assert len(bullets) == 169 == len(spans)
    for b in bullets:
        assert sum(1 for s, e in spans if s <= b < e) == 1
    for p in corpus.passages:
        assert p.text.count("❖") <= 1, p.id
        if p.part is not None:
            assert p.kind == "afspraak" and p.group and 1 <= p.part <= (p.parts or 0)


def test_gold_agreements_each_match_exactly_one_passage_group(corpus, gold_afspraken):
    starts = line_starts(corpus.sources[AGREEMENTS_FILE].text)
    spans = _agreement_spans(corpus)
    for g in gold_afspraken:
        gs, ge = starts[g["start_line"] - 1], starts[g["end_line"]] - 1
        covering = [(s, e) for s, e in spans if min(ge, e) - max(gs, s) >= 0.5 * (ge - gs)]
        touching = [(s, e) for s, e in spans if s < ge and gs < e]
        assert len(covering) == 1 and len(touching) == 1, g["id"]


def test_agreements_carry_regio_topic_and_lead_in(corpus):
    agreements = [p for p in corpus.passages if p.kind == "afspraak"]
    assert all(p.heading_path[0].startswith("Regio ") for p in agreements)
    assert all(re.match(r"\d+ ", p.heading_path[1]) for p in agreements)
    assert any(p.lead_in and p.lead_in.endswith("af:") for p in agreements)


def test_programme_forms_are_segmented_by_field(corpus):
    fields = {p.heading_path[-1] for p in corpus.passages if p.document.startswith("003") and p.heading_path}
    assert {"Opgave", "Verantwoordelijk(e) department(en)", "Ligging", "Bestuurlijke trekkers"} <= fields


def test_the_lossier_copy_links_to_the_original(corpus):
    copies = [p for p in corpus.passages if p.document.startswith("001")]
    linked = [p for p in copies if p.duplicate_of]
    assert len(linked) >= len(copies) * 0.6
    by_id = {p.id: p for p in corpus.passages}
    assert all(by_id[p.duplicate_of].document == AGREEMENTS_FILE for p in linked)


def test_identifiers_are_stable_across_runs_and_other_documents(tmp_path, corpus):
    corpus_copy = tmp_path / "corpus"
    shutil.copytree(Path(corpus.corpus_dir), corpus_copy)
    # another document is added, and another one is edited
    (corpus_copy / "005_nieuw.txt").write_text("Nieuwe brief\n\nRijk en Regio spreken af om samen te werken.\n",
                                               encoding="utf-8")
    edited = corpus_copy / "004_086ed10f4ee8c79e.txt"
    edited.write_text(edited.read_text(encoding="utf-8").replace("Ter afsluiting", "Tot besluit"), encoding="utf-8")
    again = read_corpus(corpus_copy)
    before = {p.id for p in corpus.passages if not p.document.startswith("004")}
    after = {p.id for p in again.passages}
    assert before <= after
    assert {p.id for p in read_corpus(Path(corpus.corpus_dir)).passages} == {p.id for p in corpus.passages}


def test_an_edit_in_a_document_keeps_the_identifiers_of_its_other_passages():
    text = "Kop één\nRijk en Regio spreken af het plan vast te stellen.\n\nKop twee\nDe provincie werkt het uit.\n"
    info = DocumentInfo("x.txt", "x", "x", subdocuments=(SubDocument("x", "x", 0, len(text), 1, 5),))
    ids = {p.id for p in segment(SourceText("x.txt", text), info)}
    edited = text.replace("werkt het uit", "werkt het verder uit")
    info2 = DocumentInfo("x.txt", "x", "x", subdocuments=(SubDocument("x", "x", 0, len(edited), 1, 5),))
    ids2 = {p.id for p in segment(SourceText("x.txt", edited), info2)}
    assert len(ids & ids2) == len(ids) - 1
