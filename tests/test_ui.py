"""The web pages: ask with citation cards, the exact highlight of the document view, agreements, the graph, SPARQL."""

from __future__ import annotations

import csv
import html
import io
import re
from urllib.parse import parse_qs, urlsplit

import pytest

QUESTIONS = ("Welke NOVEX-gebieden liggen in Drenthe?", "Wat is het Ruimtelijk Arrangement?",
             "Wat is afgesproken over de Poort van Hoorn?")
MARK = re.compile(r'<mark id="citaat"[^>]*>(.*?)</mark>', re.DOTALL)
PRE = re.compile(r'<pre class="source-text"[^>]*>\n(.*?)</pre>', re.DOTALL)
ROW = re.compile(r"<tr>\s*<td data-label=")


@pytest.fixture(scope="module")
def ui(client):
    """The session client, with the pages included when the app does not include them yet."""
    from api.pages.routes import pages_router

    app = client.app
    if not any(getattr(r, "path", None) == "/" for r in app.routes):
        app.include_router(pages_router(app.state.data, app.state.settings))
    return client


@pytest.fixture(scope="module")
def ds(ui):
    return ui.app.state.data.get()


@pytest.fixture(scope="module")
def answered(ui):
    """A question the answerer answers with the hash embedder, and its POST /ask response."""
    for question in QUESTIONS:
        body = ui.post("/ask", json={"question": question}).json()
        if body["answerable"] and body["citations"]:
            return question, body
    pytest.skip("none of the sample questions is answerable with this answerer")


def cards(page: str) -> list[dict[str, str]]:
    found = re.findall(r'<li class="card citation" id="bron-\d+" tabindex="-1" data-document="([^"]*)" '
                       r'data-start="(\d+)" data-end="(\d+)">'
                       r'(.*?)</li>', page, re.DOTALL)
    return [{"document": html.unescape(d), "start": s, "end": e, "body": b} for d, s, e, b in found]


def test_ask_page_without_a_question_explains_and_offers_examples(ui):
    page = ui.get("/").text
    assert '<label for="vraag">' in page and 'name="vraag"' in page
    assert "Stel een vraag" in page and "/?vraag=" in page
    assert 'lang="nl"' in page and "/static/ruimtegraaf.css" in page


def test_ask_page_shows_the_answer_and_a_card_per_citation(ui, answered):
    question, body = answered
    page = ui.get("/", params={"vraag": question}).text
    shown = re.search(r'<p class="answer-text[^"]*" id="antwoord">(.*?)</p>', page, re.DOTALL).group(1)
    assert " ".join(html.unescape(re.sub(r"<[^>]+>", "", shown)).split()) == " ".join(body["answer"].split())
    for n in re.findall(r'<a class="marker" href="#bron-(\d+)"', shown):  # each marker points at its card
        assert f'id="bron-{n}"' in page
    found = cards(page)
    assert len(found) == len(body["citations"])
    for card, citation in zip(found, body["citations"], strict=True):
        assert (card["document"], int(card["start"]), int(card["end"])) == (
            citation["document"], citation["start"], citation["end"])
        quote = re.search(r'<blockquote class="quote">(.*?)</blockquote>', card["body"], re.DOTALL).group(1)
        assert html.unescape(quote) == " ".join(citation["quote"].split())
        link = re.search(r'<a class="open" href="([^"]+)"', card["body"]).group(1)
        query = parse_qs(urlsplit(html.unescape(link)).query)
        assert query["van"] == [str(citation["start"])] and query["tot"] == [str(citation["end"])]
        if citation["page"]:
            assert f"pagina {citation['page']}" in card["body"]


def test_citation_cards_name_the_document_from_the_catalog(ui, answered, ds):
    from api.pages.render import doc_label

    question, body = answered
    page = ui.get("/", params={"vraag": question}).text
    first = body["citations"][0]
    title = doc_label(ds, first["document"], first["subdocument"], first["start"]).title
    assert html.escape(title, quote=False) in page.replace("&#39;", "'")


def test_an_unanswerable_question_says_so(ui):
    question = "Hoeveel kost een brood bij de bakker in Timboektoe op dinsdag?"
    body = ui.post("/ask", json={"question": question}).json()
    page = ui.get("/", params={"vraag": question}).text
    assert not body["answerable"] and body["reason"] == "unknown"  # nobody bakes bread in Timboektoe here
    assert 'class="answer-text none"' in page and "Timboektoe" in page  # says which name it does not know


def test_a_too_long_question_says_what_to_do(ui):
    page = ui.get("/", params={"vraag": "woord " * 300})
    assert page.status_code == 200 and "Maak hem korter" in page.text


def test_document_view_marks_exactly_the_requested_characters(ui, ds):
    from ruimtegraaf.privacy import mask

    for p in (ds.passages[0], ds.passages[len(ds.passages) // 2], ds.passages[-1]):
        response = ui.get(f"/document/{p.document}", params={"van": p.start, "tot": p.end})
        assert response.status_code == 200
        marked = MARK.findall(response.text)
        assert len(marked) == 1
        assert html.unescape(marked[0]) == ds.texts[p.document][p.start:p.end] == p.text
        whole = html.unescape(re.sub(r"</?mark[^>]*>", "", PRE.search(response.text).group(1)))
        assert whole == mask(ds.texts[p.document])


def test_document_view_escapes_markup_in_the_text(ui, ds):
    document = next(d for d, text in ds.texts.items() if "<" in text or "&" in text)
    text = ds.texts[document]
    at = text.index("&") if "&" in text else text.index("<")
    page = ui.get(f"/document/{document}", params={"van": at, "tot": at + 1}).text
    assert html.unescape(MARK.search(page).group(1)) == text[at]


def test_document_view_without_a_span_shows_the_text_unmarked(ui, ds):
    document = next(iter(ds.texts))
    page = ui.get(f"/document/{document}").text
    assert "<mark" not in page and PRE.search(page)


@pytest.mark.parametrize("params", [{"van": "5", "tot": "2"}, {"van": "x", "tot": "3"},
                                    {"van": "0", "tot": "999999999"}])
def test_document_view_refuses_a_bad_span_and_says_what_to_do(ui, ds, params):
    response = ui.get(f"/document/{next(iter(ds.texts))}", params=params)
    assert response.status_code == 400 and "0 ≤ van ≤ tot" in response.text


def test_an_unknown_document_lists_the_documents(ui, ds):
    response = ui.get("/document/nope.txt")
    assert response.status_code == 404
    assert all(f"/document/{d}" in response.text for d in ds.texts)


def test_afspraken_table_lists_all_agreements_and_filters(ui, ds):
    page = ui.get("/afspraken").text
    assert len(ROW.findall(page)) == len(ds.afspraken) == 169
    for name in ("regio", "provincie", "novexgebied", "programma", "thema", "jaar", "tekst", "sorteer"):
        assert f'<label for="f-{name}">' in page
    filtered = ui.get("/afspraken", params={"provincie": "Groningen"}).text
    assert 0 < len(ROW.findall(filtered)) < 169
    assert len(ROW.findall(ui.get("/afspraken", params={"tekst": "westflank"}).text)) > 0


def test_afspraken_sort_by_amount_puts_the_largest_first(ui, ds):
    from api.pages.agreements import select_afspraken

    items = select_afspraken(ds, {"sorteer": "bedrag"})
    amounts = [max(a["value_eur"] for a in it["amounts"]) for it in items if it["amounts"]]
    assert amounts == sorted(amounts, reverse=True) and len(items) == 169
    page = ui.get("/afspraken", params={"sorteer": "bedrag"}).text
    assert html.escape(items[0]["amounts"][0]["text"], quote=False) in page


def test_afspraken_theme_filter_is_derived_from_the_text(ui):
    housing = len(ROW.findall(ui.get("/afspraken", params={"thema": "wonen"}).text))
    assert 0 < housing < 169


def test_afspraken_year_must_be_a_number(ui):
    response = ui.get("/afspraken", params={"jaar": "twintig"})
    assert response.status_code == 400 and "2025" in response.text


def test_afspraken_csv_has_every_agreement_and_follows_the_filters(ui):
    response = ui.get("/afspraken.csv")
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))
    assert len(rows) == 169
    assert all(r["bron"].startswith("http") and "/document/" in r["bron"] for r in rows)
    assert any(r["bedragen_eur"] for r in rows)
    filtered = list(csv.DictReader(io.StringIO(ui.get("/afspraken.csv", params={"provincie": "Groningen"}).text)))
    assert 0 < len(filtered) < 169
    assert all("@" not in r["tekst"] for r in rows)


@pytest.mark.parametrize(("path", "label"), [("/doc/provincie/groningen", "Groningen"),
                                             ("/doc/novexgebied/regio-groningen-assen", "Regio Groningen-Assen")])
def test_entity_pages_show_the_label_and_facts_with_sources(ui, path, label):
    response = ui.get(path)
    assert response.status_code == 200
    assert f"<h1>{label}</h1>" in response.text
    facts = re.findall(r'<tr>\s*<th scope="row">', response.text)
    assert len(facts) >= 1
    assert "/document/" in response.text  # what refers to it links to its passage


def test_an_agreement_page_links_the_passage_it_derives_from(ui, ds):
    item = ds.afspraken[0]
    page = ui.get(f"/doc/afspraak/{item['ref']}").text
    derived = re.search(r'class="derived">.*?<a href="([^"]+)"', page, re.DOTALL).group(1)
    query = parse_qs(urlsplit(html.unescape(derived)).query)
    passage = ds.by_id[item["citation"]["passage"].rsplit("/", 1)[-1]]
    assert query == {"van": [str(passage.start)], "tot": [str(passage.end)]}


def test_entity_page_renders_in_english_and_is_importable(ds, built):
    from api.pages.entity import entity_page

    page = entity_page(ds, f"{built.base_iri}id/provincie/fryslan", "en")
    assert "<h1>Friesland</h1>" in page and "What the graph knows" in page


def test_an_unknown_entity_is_a_404_with_a_way_on(ui, ds, built):
    from api.pages.entity import entity_page
    from api.pages.render import PageError

    assert ui.get("/doc/provincie/atlantis").status_code == 404
    with pytest.raises(PageError) as raised:
        entity_page(ds, f"{built.base_iri}id/provincie/atlantis")
    assert raised.value.status == 404 and any(link == "/bladeren" for _, link in raised.value.links)
    assert ui.get("/doc/provincie/x%3E%20%3Fs").status_code in (400, 404)  # no SPARQL through the URL


def test_browse_index_and_lists(ui):
    index = ui.get("/bladeren").text
    assert "12 in de graaf" in index and "/bladeren/NovexGebied" in index
    provinces = ui.get("/bladeren/Provincie").text
    assert len(re.findall(r'href="/doc/provincie/[^"]+"', provinces)) == 12
    assert ui.get("/bladeren/Onbekend").status_code == 404


def test_sparql_page_has_example_queries_that_run(ui, ds):
    from api.pages.text import SPARQL_EXAMPLES

    page = ui.get("/sparql-pagina").text
    assert page.count('class="example"') == len(SPARQL_EXAMPLES) >= 4
    assert '<textarea id="query" name="query"' in page and '<label for="query">' in page
    for _, _, query in SPARQL_EXAMPLES:
        list(ds.store.query(query))
    assert len(list(ds.store.query(SPARQL_EXAMPLES[1][2]))) > 0
    second = ui.get("/sparql-pagina", params={"voorbeeld": 1}).text
    assert html.escape(SPARQL_EXAMPLES[1][2], quote=False) in second.replace("&#34;", '"')


def test_english_labels_and_links_keep_the_language(ui):
    page = ui.get("/", params={"lang": "en"}).text
    assert 'lang="en"' in page and "Ask a question" in page
    assert 'href="/afspraken?lang=en"' in page
    assert re.search(r'<a class="lang" href="/" hreflang="nl"', page)  # the switch back to Dutch


def test_pages_load_nothing_from_elsewhere(ui):
    for path in ("/", "/afspraken", "/bladeren", "/sparql-pagina", "/doc/provincie/drenthe"):
        page = ui.get(path).text
        assert not re.search(r'<(?:script|link|img)[^>]+(?:src|href)="(?:https?:)?//', page), path
    assert ui.get("/static/ruimtegraaf.css").headers["content-type"].startswith("text/css")
    assert ui.get("/static/ruimtegraaf.js").headers["content-type"].startswith("text/javascript")
    assert ui.get("/static/other.js").status_code == 404


def test_every_label_exists_in_both_languages():
    from api.pages.text import STRINGS

    assert set(STRINGS["nl"]) == set(STRINGS["en"])
