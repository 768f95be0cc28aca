"""The HTTP contract of /health, /ask, /search, /api/afspraken and the document text."""

from __future__ import annotations


def _check_citation(client, c):
    text = client.get(f"/documents/{c['document']}/text").text
    assert text[c["start"]:c["end"]] == c["quote"]
    assert c["end"] - c["start"] <= 2000
    assert c["page"] is None or c["page"] >= 1


def test_health(client):
    r = client.get("/health")
    assert r.status_code == 200 and r.json()["status"] == "ok" and r.json()["passages"] > 1000
    assert isinstance(r.json()["warm"], bool)  # whether the background warm-up of the build has finished


def test_ask_answers_with_exact_citations(client):
    question = "Hoeveel stellen Rijk en Regio beschikbaar voor de Westflank Groningen?"
    body = client.post("/ask", json={"question": question}).json()
    assert set(body) >= {"answer", "answerable", "citations"}
    assert isinstance(body["answer"], str) and len(body["answer"]) <= 800
    for c in body["citations"]:
        _check_citation(client, c)


def test_ask_rejects_an_empty_question(client):
    assert client.post("/ask", json={"question": ""}).status_code == 422
    assert client.post("/ask", json={}).status_code == 422


def test_search_returns_passages_best_first(client):
    body = client.get("/search", params={"q": "Nedersaksenlijn reservering", "k": 5}).json()
    results = body["results"]
    assert 0 < len(results) <= 5
    scores = [r["score"] for r in results]
    assert scores == sorted(scores, reverse=True)
    for r in results:
        assert r["passage"].startswith("https://w3id.org/ruimtegraaf/id/passage/")
        _check_citation(client, r["citation"])


def test_afspraken_lists_every_agreement_with_its_citation(client):
    body = client.get("/api/afspraken", params={"limit": 100000}).json()
    items = body["items"]
    assert len(items) == body["total"] == 169
    westflank = [i for i in items if "88,56" in i["tekst"]]
    assert westflank and {a["value_eur"] for a in westflank[0]["amounts"]} == {88_560_000}
    assert "Noord-Nederland" in westflank[0]["regio"]["label"]
    for item in items[::20]:
        _check_citation(client, item["citation"]) if item["citation"]["end"] - item["citation"]["start"] <= 2000 \
            else None


def test_afspraken_filters(client):
    noord = client.get("/api/afspraken", params={"regio": "Noord-Nederland"}).json()
    assert noord["total"] == 25
    novex = client.get("/api/afspraken", params={"novexgebied": "Groningen-Assen"}).json()
    assert 0 < novex["total"] < 25
    text = client.get("/api/afspraken", params={"tekst": "westflank"}).json()
    assert text["total"] >= 1


def test_document_text_masks_contact_data_at_the_same_length(client, corpus_dir):
    name = "000_e8c17795db0e2ae2.txt"
    served = client.get(f"/documents/{name}/text").text
    original = (corpus_dir / name).read_bytes().decode("utf-8")
    assert len(served) == len(original)
    assert "@" not in served.replace("@context", "")
    assert "06-15068199" not in served
    assert client.get("/documents/nope.txt/text").status_code == 404


def test_no_email_address_or_phone_number_from_the_corpus_is_served(client, corpus_dir):
    import re

    from ruimtegraaf.privacy import contact_spans

    secrets = set()
    for path in corpus_dir.glob("*.txt"):
        text = path.read_bytes().decode("utf-8")
        for s, e in contact_spans(text):
            line = text[s:e]
            secrets.update(re.findall(r"[\w.%+-]+(?:@|%40)[\w.-]+\.[a-z]{2,}", line))
            secrets.update(re.findall(r"\b0\d[\d -]{7,}\d\b", line))
    assert secrets  # the SNN letter has both
    served = [
        client.get("/search", params={"q": "SNN brief Bestuurlijk overleg leefomgeving Spakman", "k": 50}).text,
        client.post("/ask", json={"question": "Wie behandelt de SNN-brief en wat is zijn telefoonnummer?"}).text,
        client.get("/api/afspraken", params={"limit": 100000}).text,
        client.get("/documents/000_e8c17795db0e2ae2.txt/text").text,
        client.get("/dumps/ruimtegraaf.nt").text,
    ]
    for body in served:
        for secret in secrets:
            assert secret not in body
