"""End to end in a real headless Chromium: ask, follow a citation to its exact highlight, filter, browse, SPARQL.

Needs Debian's chromium and chromium-driver (`tests/setup-system.sh` installs them) and the `selenium`
package; nothing is downloaded. Screenshots go to tests/artifacts/ (git-ignored) for a person to look at.
"""

from __future__ import annotations

import json
import os
import re
import socket
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
QUESTIONS = ("Welke NOVEX-gebieden liggen in Drenthe?", "Wat is het Ruimtelijk Arrangement?",
             "Wat is afgesproken over de Poort van Hoorn?")
WAIT = 60  # seconds any single browser step may take
ARGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage", "--window-size=1280,900")


@pytest.fixture(scope="module")
def site(built) -> Iterator[str]:
    """The app (pages, JSON API and SPARQL) served by uvicorn on a free loopback port, in a thread."""
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
    if missing:
        pytest.skip(f"{', '.join(missing)} missing: run tests/setup-system.sh (Debian chromium, chromium-driver)")
    pytest.importorskip("selenium", reason="the selenium package is not installed (pip install selenium)")
    import uvicorn

    server = uvicorn.Server(uvicorn.Config(_app(built), host="127.0.0.1", port=_free_port(), log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start within 30 s")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{server.config.port}"
    server.should_exit = True
    thread.join(10)


def _app(settings: Any) -> Any:
    from api.app import create_app
    from api.pages.routes import pages_router
    from api.sparql import sparql_router
    from ruimtegraaf.embed import HashEmbedder

    app = create_app(settings, embedder=HashEmbedder())
    try:  # the production headers (a Content-Security-Policy without inline scripts) apply to the pages too
        from api.hardening import harden
    except ImportError:
        harden = None
    if harden is not None and not getattr(app.state, "hardened", False):
        harden(app, settings)
    paths = {getattr(r, "path", None) for r in app.routes}
    if "/sparql" not in paths:
        app.include_router(sparql_router(lambda: app.state.data.get().store, settings))
    if "/" not in paths:
        app.include_router(pages_router(app.state.data, settings))
    return app


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def browser(site: str) -> Iterator[Any]:
    """Headless Chromium driven through Debian's chromedriver (no Selenium Manager, no downloads)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    os.environ.setdefault("SE_OFFLINE", "true")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in ARGS:
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(WAIT)
    driver.set_script_timeout(WAIT)
    ARTIFACTS.mkdir(exist_ok=True)
    yield driver
    driver.quit()


def wait_for(driver: Any, css: str) -> Any:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, WAIT).until(ec.visibility_of_element_located((By.CSS_SELECTOR, css)))


def screenshot(driver: Any, name: str, full: bool = False) -> Path:
    """Save a PNG to tests/artifacts/; `full` grows the window to the page's height (at most 4000 px)."""
    path = ARTIFACTS / f"{name}.png"
    size = driver.get_window_size()
    if full:
        height = min(driver.execute_script("return document.documentElement.scrollHeight"), 4000)
        driver.set_window_size(size["width"], max(height, size["height"]))
    driver.save_screenshot(str(path))
    driver.set_window_size(size["width"], size["height"])
    return path


def console_errors(driver: Any) -> list[str]:
    """Errors the page logged in the browser console since the last call (CSP violations, script errors)."""
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def answered(site: str) -> tuple[str, dict[str, Any]]:
    """A sample question the answerer answers, and its POST /ask response."""
    for question in QUESTIONS:
        request = urllib.request.Request(f"{site}/ask", json.dumps({"question": question}).encode(),
                                         {"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=WAIT) as response:
            body = json.load(response)
        if body["answerable"] and body["citations"]:
            return question, body
    pytest.skip("none of the sample questions is answerable with this answerer")


def test_ask_then_follow_the_first_citation_to_its_exact_highlight(site, browser):
    from selenium.webdriver.common.by import By

    question, expected = answered(site)
    browser.get(site + "/")
    box = browser.find_element(By.ID, "vraag")
    box.send_keys(question)
    browser.find_element(By.CSS_SELECTOR, ".ask-form button[type=submit]").click()
    answer = wait_for(browser, "#antwoord")
    assert answer.text.strip() and answer.text.strip() != "De documenten geven hier geen antwoord op."
    cards = browser.find_elements(By.CSS_SELECTOR, "li.card.citation")
    assert len(cards) == len(expected["citations"]) >= 1
    first = expected["citations"][0]
    assert (int(cards[0].get_attribute("data-start")), int(cards[0].get_attribute("data-end"))) == (
        first["start"], first["end"])
    assert cards[0].find_element(By.CSS_SELECTOR, "blockquote").text.strip() == " ".join(first["quote"].split())
    screenshot(browser, "ask")
    browser.set_window_size(390, 844)
    screenshot(browser, "ask-phone", full=True)
    browser.set_window_size(1280, 900)

    cards[0].find_element(By.CSS_SELECTOR, "a.open").click()
    wait_for(browser, "mark#citaat")
    assert browser.execute_script("return document.querySelector('mark').textContent") == first["quote"]
    top = browser.execute_script("return document.querySelector('mark').getBoundingClientRect().top")
    assert 0 <= top < browser.execute_script("return window.innerHeight")  # scrolled into view
    screenshot(browser, "document")
    assert console_errors(browser) == []


def test_each_answer_marker_scrolls_to_and_highlights_its_source(site, browser):
    from urllib.parse import quote

    from selenium.webdriver.common.by import By

    question, expected = answered(site)
    browser.get(f"{site}/?vraag={quote(question)}")
    wait_for(browser, "#antwoord")
    markers = browser.find_elements(By.CSS_SELECTOR, "#antwoord a.marker")
    numbers = sorted({p["citation"] for p in expected["parts"] if p["citation"]})
    assert markers and sorted({int(m.text.strip("[]")) for m in markers}) == numbers
    for marker in markers:
        n = int(marker.text.strip("[]"))
        browser.execute_script("window.scrollTo(0, 0)")
        marker.click()
        card = browser.find_element(By.ID, f"bron-{n}")
        assert browser.execute_script("return document.querySelector(':target') === arguments[0]", card)
        outline = browser.execute_script("return getComputedStyle(arguments[0]).outlineStyle", card)
        assert outline == "solid"  # the highlight of the source the marker points at
        rect = browser.execute_script("var r = arguments[0].getBoundingClientRect(); return [r.top, r.bottom]", card)
        assert 0 <= rect[0] < browser.execute_script("return window.innerHeight")  # scrolled into view
        quote_text = card.find_element(By.CSS_SELECTOR, "blockquote").text.strip()
        assert quote_text == " ".join(expected["citations"][n - 1]["quote"].split())
    screenshot(browser, "ask-marker")
    assert console_errors(browser) == []


def test_an_unanswerable_question_shows_what_the_documents_do_say(site, browser):
    from urllib.parse import quote

    from selenium.webdriver.common.by import By

    question = "Hoeveel hectare beslaat de Westflank Groningen?"
    request = urllib.request.Request(f"{site}/ask", json.dumps({"question": question}).encode(),
                                     {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=WAIT) as response:
        body = json.load(response)
    assert not body["answerable"] and body["reason"]
    browser.get(f"{site}/?vraag={quote(question)}")
    answer = wait_for(browser, "#antwoord")
    assert "none" in answer.get_attribute("class")
    assert answer.text.startswith(body["parts"][0]["text"])  # the reason first …
    if body["citations"]:  # … then what the documents do say, cited
        assert browser.find_elements(By.CSS_SELECTOR, "#antwoord a.marker")
        assert browser.find_elements(By.CSS_SELECTOR, "li.card.citation")
    screenshot(browser, "ask-unanswerable")


def test_filter_the_agreements_table(site, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    browser.get(site + "/afspraken")
    rows = browser.find_elements(By.CSS_SELECTOR, "table.afspraken tbody tr")
    assert len(rows) == 169
    Select(browser.find_element(By.ID, "f-provincie")).select_by_visible_text("Groningen")
    browser.find_element(By.CSS_SELECTOR, ".filters button[type=submit]").click()
    wait_for(browser, "#aantal")
    filtered = browser.find_elements(By.CSS_SELECTOR, "table.afspraken tbody tr")
    assert 0 < len(filtered) < 169
    assert "provincie=Groningen" in browser.current_url
    assert browser.find_element(By.ID, "aantal").text.startswith(f"{len(filtered)} van 169")
    screenshot(browser, "afspraken")
    assert console_errors(browser) == []


def test_open_an_entity_page_from_browse(site, browser):
    from selenium.webdriver.common.by import By

    browser.get(site + "/bladeren")
    browser.find_element(By.CSS_SELECTOR, "a.kind[href='/bladeren/NovexGebied']").click()
    browser.find_element(By.LINK_TEXT, "Regio Groningen-Assen").click()
    assert wait_for(browser, "h1").text == "Regio Groningen-Assen"
    assert browser.find_elements(By.CSS_SELECTOR, "table.facts tbody tr")
    sources = browser.find_elements(By.CSS_SELECTOR, "td.source a[href*='/document/']")
    assert sources, "a fact or reference links to the passage it derives from"
    screenshot(browser, "entity", full=True)
    assert console_errors(browser) == []


def test_a_project_page_shows_its_timeline_and_each_entry_opens_its_source(site, browser):
    from selenium.webdriver.common.by import By

    browser.get(site + "/bladeren/Project")
    browser.find_element(By.LINK_TEXT, "Lelylijn").click()
    assert wait_for(browser, "h1").text == "Lelylijn"
    moments = browser.find_elements(By.CSS_SELECTOR, "#tijdlijn section.moment")
    assert len(moments) >= 3
    headings = [m.find_element(By.TAG_NAME, "h3").text for m in moments]
    years = [int(re.search(r"\b(20\d\d)\b", h).group(1)) for h in headings]
    assert years == sorted(years, reverse=True), headings  # newest first
    for m in moments:
        assert m.find_elements(By.CSS_SELECTOR, "ol.timeline-entries li a.source[href*='/document/']")
    screenshot(browser, "timeline", full=True)
    with urllib.request.urlopen(f"{site}/api/tijdlijn/project/lelylijn", timeout=WAIT) as response:
        oldest = json.load(response)["moments"][-1]["entries"][0]["citation"]
    moments[-1].find_element(By.CSS_SELECTOR, "a.source").click()
    wait_for(browser, "mark#citaat")
    assert browser.execute_script("return document.querySelector('mark').textContent") == oldest["quote"]
    assert console_errors(browser) == []


def test_run_a_sparql_example_and_see_a_table(site, browser):
    from selenium.webdriver.common.by import By

    browser.get(site + "/sparql-pagina")
    browser.find_elements(By.CSS_SELECTOR, "a.example")[1].click()
    wait_for(browser, "#sparql-results table.results")
    rows = browser.find_elements(By.CSS_SELECTOR, "#sparql-results tbody tr")
    assert rows and "Regio Groningen-Assen" in browser.find_element(By.ID, "sparql-results").text
    screenshot(browser, "sparql")
    assert console_errors(browser) == []

    textarea = browser.find_element(By.ID, "query")
    textarea.clear()
    textarea.send_keys("SELECT * WHERE { ?s ?p }")
    browser.find_element(By.CSS_SELECTOR, "#sparql-form button[type=submit]").click()
    error = wait_for(browser, "#sparql-error")
    assert "error" in error.text.lower() or "fout" in error.text.lower()
