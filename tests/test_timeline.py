"""The timeline of a thing: passages per moment (BOL 2020, startpakket 2022, BOL 2024, BOL 2025), newest first."""

from __future__ import annotations

import re

import pytest

CASES = ("novexgebied/regio-groningen-assen", "provincie/drenthe", "project/lelylijn")


@pytest.mark.parametrize("thing", CASES)
def test_a_novex_area_a_province_and_a_project_have_three_moments_newest_first(client, ds, thing) -> None:
    body = client.get(f"/api/tijdlijn/{thing}").json()
    moments = body["moments"]
    assert len(moments) >= 3, [m["label"] for m in moments]
    years = [m["year"] for m in moments]
    assert years == sorted(years, reverse=True)
    for m in moments:
        assert m["count"] == len(m["entries"]) >= 1
        for e in m["entries"]:
            c = e["citation"]
            assert ds.masked_texts[c["document"]][c["start"]:c["end"]] == c["quote"]
            assert c["passage"].startswith("https://w3id.org/ruimtegraaf/id/passage/")


def test_moments_come_from_the_catalog(client) -> None:
    labels = {m["moment"]: m["label"] for m in client.get("/api/tijdlijn/provincie/drenthe").json()["moments"]}
    assert labels["bol-2025"] == "BO Leefomgeving 2025" and labels["bol-2024"] == "BO Leefomgeving 2024"
    startpakket = [label for key, label in labels.items() if key.startswith("doc-")]
    assert startpakket == ["Provinciaal Startpakket fysieke leefomgeving 2022"]
    rga = {m["moment"] for m in client.get("/api/tijdlijn/novexgebied/regio-groningen-assen").json()["moments"]}
    assert "bol-2020" in rga


def test_a_repeated_passage_stands_in_its_original(client) -> None:
    body = client.get("/api/tijdlijn/project/nedersaksenlijn").json()
    documents = {e["citation"]["document"] for m in body["moments"] for e in m["entries"]}
    assert "001_0f943d2a735d3ec1.txt" not in documents  # the SNN letter's lossy copy


def test_unknown_things_and_bad_paths(client) -> None:
    assert client.get("/api/tijdlijn/project/bestaat-niet").status_code == 404
    assert client.get("/api/tijdlijn/project/a%20b").status_code == 400
    limited = client.get("/api/tijdlijn/provincie/drenthe?limit=2").json()
    assert all(len(m["entries"]) <= 2 for m in limited["moments"])


def test_the_entity_page_shows_the_timeline_with_source_links(client) -> None:
    page = client.get("/doc/project/lelylijn", headers={"accept": "text/html"}).text
    section = page[page.index('id="tijdlijn"'):]
    moments = re.findall(r'data-moment="([^"]+)"', section)
    assert len(moments) >= 3 and moments[0] == "bol-2025"
    assert re.search(r'<a class="source" href="/document/[^"]+\?van=\d+&amp;tot=\d+#citaat"', section)
    english = client.get("/doc/project/lelylijn?lang=en", headers={"accept": "text/html"}).text
    assert ">Timeline<" in english
