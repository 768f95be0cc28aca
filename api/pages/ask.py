"""The ask page (/): the form, and for a question its answer with the citations as cards beside it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from api.pages.render import Named, base_of, collapse, doc_label, format_date, local_href, render, snippet, span_href
from api.pages.text import ASK_EXAMPLES, STRINGS
from ruimtegraaf.answering.answerer import Answerer
from ruimtegraaf.dataset import Dataset
from ruimtegraaf.errors import RuimtegraafError
from ruimtegraaf.settings import MAX_QUESTION, Settings


@dataclass
class CitationCard:
    """What a citation card shows: document title and date, page, heading path, quote, document link."""

    title: str
    date: str
    page: int | None
    heading: str
    quote: str
    href: str
    document: str
    start: int
    end: int


def ask_page(ds: Dataset, settings: Settings, question: str, lang: str) -> str:
    """The ask page: the form, and for a question its answer with the citations as cards beside it."""
    question = collapse(question)
    t = STRINGS[lang]
    answer, error = None, None
    if len(question) > MAX_QUESTION:
        error = t["too_long"].format(n=MAX_QUESTION)
    elif question:
        try:
            answer = Answerer(ds, settings).ask(question).to_json()
        except RuimtegraafError as exc:
            error = t["error_ask"].format(e=exc)
    cards = [citation_card(ds, c, lang) for c in answer["citations"]] if answer else []
    base = base_of(ds)
    entities = [Named(e["label"], local_href(e["iri"], base, lang)) for e in (answer or {}).get("entities", [])]
    return render("ask.html", lang, "/", {"vraag": question}, ds, question=question, answer=answer, error=error,
                  cards=cards, entities=entities, examples=ASK_EXAMPLES[lang])


def citation_card(ds: Dataset, c: dict[str, Any], lang: str) -> CitationCard:
    """The card of one citation of an answer (as /ask gives it)."""
    label = doc_label(ds, c["document"], c.get("subdocument"), c["start"])
    return CitationCard(label.title, format_date(label.date, lang), c.get("page"),
                        " › ".join(snippet(h, 80) for h in c.get("heading_path") or []), collapse(c["quote"]),
                        span_href(c["document"], c["start"], c["end"], lang), c["document"], c["start"], c["end"])


