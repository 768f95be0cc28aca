"""What every page uses: the Jinja environment and layout, links inside the site, dates, and how a page
names a document (from the build's catalog)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from api.pages.text import MONTHS, STRINGS
from ruimtegraaf.dataset import Dataset
from ruimtegraaf.model import subdocument_at
from ruimtegraaf.settings import DEFAULT_BASE_IRI

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


class PageError(Exception):
    """A request a page cannot answer: the status, a message that says what to do, and helpful links."""

    def __init__(self, status: int, message: str, links: list[tuple[str, str]] | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.links = status, message, links or []


@dataclass
class Link:
    """A linked text on a page; `href` None when there is nothing to link to."""

    text: str
    href: str | None


@dataclass
class Named:
    """A thing a page names (its label), linked to its page when it has one."""

    label: str
    href: str | None


@functools.cache
def templates() -> Environment:
    """The pages' templates (autoescaped HTML, undefined names are errors)."""
    return Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]),
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def href(path: str, lang: str = "nl", **params: Any) -> str:
    """A link inside the site that keeps the page language (`lang=en`) and drops empty parameters.

    >>> href("/afspraken", "en", regio="Noord", jaar=None)
    '/afspraken?regio=Noord&lang=en'
    """
    query = {k: v for k, v in params.items() if v not in (None, "")}
    if lang != "nl":
        query["lang"] = lang
    return path + ("?" + urlencode(query) if query else "")


def render(template: str, lang: str, path: str, params: dict[str, Any] | None = None,
           ds: Dataset | None = None, **context: Any) -> str:
    """A page in the site's layout; `path` and `params` give the language switch its target."""
    params = {k: v for k, v in (params or {}).items() if k != "lang"}
    t = STRINGS[lang]
    build = ds.build.name if ds is not None and ds.build is not None else None
    return templates().get_template(template).render(
        lang=lang, t=t, path=path, href=functools.partial(_href_in, lang), build=build,
        passages=len(ds.passages) if ds is not None else None,
        switch=href(path, t["switch_lang"], **params), **context)


def _href_in(lang: str, path: str, **params: Any) -> str:
    return href(path, lang, **params)


def error_page(message: str, lang: str, path: str, links: list[tuple[str, str]] | None = None) -> str:
    """The page that says what went wrong and where to go instead."""
    lang = lang if lang in STRINGS else "nl"
    return render("error.html", lang, path, message=message, links=links or [])


def format_date(iso: str | None, lang: str) -> str:
    """An ISO date (or year-month) as people write it: "12 juni 2025", "December 2022".

    >>> format_date("2025-06-12", "nl"), format_date("2022-12", "en")
    ('12 juni 2025', 'December 2022')
    """
    if not iso:
        return ""
    parts = iso.split("-")
    try:
        month = MONTHS[lang][int(parts[1]) - 1] if len(parts) > 1 else ""
        day = str(int(parts[2])) if len(parts) > 2 else ""
    except (ValueError, IndexError):
        return iso
    return " ".join(p for p in (day, month, parts[0]) if p)


def collapse(text: str) -> str:
    """Whitespace runs as one space, for showing a quote in a card."""
    return " ".join(text.split())


def snippet(text: str, size: int = 110) -> str:
    """The first words of a text, cut at a word boundary.

    >>> snippet("een twee drie", 8)
    'een …'
    """
    text = collapse(text)
    return text if len(text) <= size else text[:size].rsplit(" ", 1)[0] + " …"


def base_of(ds: Dataset) -> str:
    """The base IRI the dataset was built with."""
    return str(ds.manifest.get("base_iri", DEFAULT_BASE_IRI))


# ---------------------------------------------------------------- naming documents


@dataclass(frozen=True)
class DocLabel:
    """How a page names a document or sub-document."""

    title: str
    short: str
    date: str | None
    path: str
    start: int
    end: int


def doc_label(ds: Dataset, document: str, subdocument: str | None = None, offset: int = 0) -> DocLabel:
    """Title, short title and date of the (sub-)document a passage or offset belongs to, from the catalog."""
    info = ds.catalog.documents.get(document)
    if info is None:
        return DocLabel(document, document, None, document, 0, len(ds.texts.get(document, "")))
    sub = next((s for s in info.subdocuments if s.ref == subdocument), None) or subdocument_at(info, offset)
    ref, title, date = (sub.ref, sub.title, sub.date or info.date) if sub else (info.ref, info.title, info.date)
    short = ds.catalog.short_titles.get(ref) or title
    start, end = (sub.start, sub.end) if sub else (0, len(ds.texts.get(document, "")))
    return DocLabel(title, short, date, document, start, end)


def document_by_ref(ds: Dataset, ref: str) -> DocLabel | None:
    """The catalog's label of a file or sub-document, by its ref."""
    for path, info in ds.catalog.documents.items():
        if info.ref == ref:
            short = ds.catalog.short_titles.get(ref) or info.title
            return DocLabel(info.title, short, info.date, path, 0, len(ds.texts.get(path, "")))
        for sub in info.subdocuments:
            if sub.ref == ref:
                return doc_label(ds, path, ref, sub.start)
    return None


def passage_href(ds: Dataset, passage_id: str, lang: str) -> str | None:
    """The document view of a passage, its characters marked; None when the passage is unknown."""
    p = ds.by_id.get(passage_id)
    if p is None:
        return None
    return span_href(p.document, p.start, p.end, lang)


def span_href(document: str, start: int, end: int, lang: str) -> str:
    """The document view with characters start..end marked and scrolled into view."""
    return href("/document/" + quote(document), lang, van=start, tot=end) + "#citaat"


def local_href(iri: str, base: str, lang: str) -> str | None:
    """The page about a thing of the graph (`{base}id/t/r` → `/doc/t/r`), or None for other IRIs."""
    prefix = base + "id/"
    if not iri.startswith(prefix):
        return None
    rest = iri[len(prefix):].split("#", 1)[0]
    return href("/doc/" + rest, lang) if rest.count("/") == 1 else None
