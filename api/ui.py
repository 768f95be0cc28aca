"""The web pages for the people who ask: answers with their sources beside them, agreements, the graph, SPARQL.

Server-rendered with Jinja2, Dutch first (`?lang=en` switches the labels to English), nothing from
outside the app: one stylesheet and one small script under /static/. Every fact a page shows links to
the passage it derives from, and the document view marks exactly the cited characters.
"""

from __future__ import annotations

import csv
import functools
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import pyoxigraph as ox
from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, Response
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from api.ui_text import (
    ASK_EXAMPLES,
    BROWSE,
    DCT,
    DERIVED,
    FIRST,
    HIDDEN,
    INVERSE,
    LABEL_PATH,
    LAST,
    MONTHS,
    PREFIXES,
    RDF_TYPE,
    RG,
    SCHEMA,
    SHOWN,
    SKOS,
    SPARQL_EXAMPLES,
    STRINGS,
    TERMS,
)
from ruimtegraaf.dataset import Dataset, ServedData
from ruimtegraaf.errors import NoData, RuimtegraafError
from ruimtegraaf.settings import DEFAULT_BASE_IRI, Settings

HERE = Path(__file__).resolve().parent
STATIC = {"ruimtegraaf.css": "text/css; charset=utf-8", "ruimtegraaf.js": "text/javascript; charset=utf-8"}
MAX_QUESTION = 1000
MAX_REFERENCES = 2000  # incoming facts shown on an entity page
LONG_LABEL = 140  # characters of a linked label (a heading path can be a paragraph)

def ui_router(data: ServedData, settings: Settings) -> APIRouter:
    """The HTML pages: / (ask), /document/…, /afspraken(.csv), /bladeren, /doc/{type}/{ref}, /sparql-pagina.

    `app.include_router(ui_router(data, settings))` serves them beside the JSON API.
    """
    router = APIRouter(include_in_schema=False)

    def html(request: Request, lang: str, make: Callable[[Dataset, str], str]) -> Response:
        lang = lang if lang in STRINGS else "nl"
        try:
            return HTMLResponse(make(data.get(), lang))
        except NoData:
            return HTMLResponse(_error_page(STRINGS[lang]["no_data"], lang, request.url.path), 503)
        except PageError as error:
            return HTMLResponse(_error_page(error.message, lang, request.url.path, error.links), error.status)

    @router.get("/")
    def ask(request: Request, vraag: str = "", lang: str = "nl") -> Response:
        return html(request, lang, lambda ds, lg: ask_page(ds, settings, vraag, lg))

    @router.get("/document/{document:path}")
    def document(request: Request, document: str, van: str | None = None, tot: str | None = None,
                 lang: str = "nl") -> Response:
        return html(request, lang, lambda ds, lg: document_page(ds, document, van, tot, lg))

    @router.get("/afspraken")
    def afspraken(request: Request, lang: str = "nl") -> Response:
        return html(request, lang, lambda ds, lg: afspraken_page(ds, dict(request.query_params), lg))

    @router.get("/afspraken.csv")
    def afspraken_csv(request: Request) -> Response:
        try:
            items = select_afspraken(data.get(), dict(request.query_params))
        except PageError as error:
            return Response(error.message + "\n", error.status, media_type="text/plain; charset=utf-8")
        body = afspraken_table_csv(items, str(request.base_url).rstrip("/"))
        return Response(body, media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": 'attachment; filename="afspraken.csv"'})

    @router.get("/bladeren")
    def browse(request: Request, lang: str = "nl") -> Response:
        return html(request, lang, browse_index_page)

    @router.get("/bladeren/{soort}")
    def browse_type(request: Request, soort: str, lang: str = "nl") -> Response:
        return html(request, lang, lambda ds, lg: browse_list_page(ds, soort, lg))

    @router.get("/doc/{type_}/{ref}")
    def doc(request: Request, type_: str, ref: str, lang: str = "nl") -> Response:
        if not (_SEGMENT.fullmatch(type_) and _SEGMENT.fullmatch(ref)):
            return HTMLResponse(_error_page(STRINGS[lang if lang in STRINGS else "nl"]["not_found"],
                                            lang, request.url.path), 404)
        iri = f"{settings.base_iri}id/{type_}/{ref}"
        return html(request, lang, lambda ds, lg: entity_page(ds, iri, lg))

    @router.get("/sparql-pagina")
    def sparql(request: Request, voorbeeld: int = 0, lang: str = "nl") -> Response:
        return html(request, lang, lambda ds, lg: sparql_page(ds, voorbeeld, lg))

    @router.get("/static/{name}")
    def static(name: str) -> Response:
        if name not in STATIC:
            return Response("no such file; the pages use /static/ruimtegraaf.css and .js\n", 404)
        return FileResponse(HERE / "static" / name, media_type=STATIC[name],
                            headers={"Cache-Control": "public, max-age=3600"})

    return router


_SEGMENT = re.compile(r"[\w.~\-]+")


class PageError(Exception):
    """A request a page cannot answer: the status, a message that says what to do, and helpful links."""

    def __init__(self, status: int, message: str, links: list[tuple[str, str]] | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.links = status, message, links or []


# ---------------------------------------------------------------- rendering


@functools.cache
def _templates() -> Environment:
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(["html"]),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    return env


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
    return _templates().get_template(template).render(
        lang=lang, t=t, path=path, href=functools.partial(_href_in, lang), build=build,
        passages=len(ds.passages) if ds is not None else None,
        switch=href(path, t["switch_lang"], **params), **context)


def _href_in(lang: str, path: str, **params: Any) -> str:
    return href(path, lang, **params)


def _error_page(message: str, lang: str, path: str, links: list[tuple[str, str]] | None = None) -> str:
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


# ---------------------------------------------------------------- what pages derive from a dataset


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
    from ruimtegraaf.model import subdocument_at

    info = ds.catalog.documents.get(document)
    if info is None:
        return DocLabel(document, document, None, document, 0, len(ds.texts.get(document, "")))
    sub = next((s for s in info.subdocuments if s.ref == subdocument), None) or subdocument_at(info, offset)
    ref, title, date = (sub.ref, sub.title, sub.date or info.date) if sub else (info.ref, info.title, info.date)
    short = ds.catalog.short_titles.get(ref) or title
    start, end = (sub.start, sub.end) if sub else (0, len(ds.texts.get(document, "")))
    return DocLabel(title, short, date, document, start, end)


def _document_by_ref(ds: Dataset, ref: str) -> DocLabel | None:
    """The catalog's label of a file or sub-document, by its ref."""
    for path, info in ds.catalog.documents.items():
        if info.ref == ref:
            short = ds.catalog.short_titles.get(ref) or info.title
            return DocLabel(info.title, short, info.date, path, 0, len(ds.texts.get(path, "")))
        for sub in info.subdocuments:
            if sub.ref == ref:
                return doc_label(ds, path, ref, sub.start)
    return None


def _base(ds: Dataset) -> str:
    return ds.manifest.get("base_iri", DEFAULT_BASE_IRI)


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


# ---------------------------------------------------------------- ask


def ask_page(ds: Dataset, settings: Settings, question: str, lang: str) -> str:
    """The ask page: the form, and for a question its answer with the citations as cards beside it."""
    from ruimtegraaf.answering.answerer import Answerer

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
    base = _base(ds)
    entities = [{"label": e["label"], "href": local_href(e["iri"], base, lang)}
                for e in (answer or {}).get("entities", [])]
    return render("ask.html", lang, "/", {"vraag": question}, ds, question=question, answer=answer, error=error,
                  cards=cards, entities=entities, examples=ASK_EXAMPLES[lang])


def citation_card(ds: Dataset, c: dict[str, Any], lang: str) -> dict[str, Any]:
    """What a citation card shows: document title and date, page, heading path, quote, document link."""
    label = doc_label(ds, c["document"], c.get("subdocument"), c["start"])
    return {"title": label.title, "date": format_date(label.date, lang), "page": c.get("page"),
            "heading": " › ".join(_snippet(h, 80) for h in c.get("heading_path") or []), "quote": collapse(c["quote"]),
            "href": span_href(c["document"], c["start"], c["end"], lang), "document": c["document"],
            "start": c["start"], "end": c["end"]}


# ---------------------------------------------------------------- document view


def document_page(ds: Dataset, document: str, van: str | None, tot: str | None, lang: str) -> str:
    """The whole (masked) text of a document with characters van..tot in <mark id="citaat">."""
    t = STRINGS[lang]
    text = ds.masked_texts.get(document)
    if text is None:
        links = [(doc_label(ds, p).title, href("/document/" + quote(p), lang)) for p in ds.texts]
        raise PageError(404, t["no_document"], links)
    span = _span(van, tot, len(text), t)
    start, end = span or (0, 0)
    label = doc_label(ds, document, None, start)
    page = next((p.page for p in ds.passages if p.document == document and p.start <= start < p.end), None)
    marked = span is not None
    return render("document.html", lang, "/document/" + quote(document), {"van": van, "tot": tot}, ds,
                  label=label, date=format_date(label.date, lang), page=page, marked=marked,
                  start=start, end=end, before=text[:start] if marked else text, mark=text[start:end],
                  after=text[end:] if marked else "", masked="█" in text)


def _span(van: str | None, tot: str | None, size: int, t: dict[str, str]) -> tuple[int, int] | None:
    """(start, end) from the query, None when it asks for no mark; PageError(400) when it is invalid."""
    if not van and not tot:
        return None
    try:
        start = int(van or tot or "")
        end = int(tot) if tot else start
    except ValueError:
        start, end = -1, -1
    if not 0 <= start <= end <= size:
        raise PageError(400, t["bad_span"].format(n=size))
    return start, end


# ---------------------------------------------------------------- agreements


@dataclass(frozen=True)
class Theme:
    """A theme of the thema: scheme, and the words that signal it in an agreement's text."""

    slug: str
    labels: dict[str, str]
    pattern: re.Pattern[str]


def _themes(ds: Dataset) -> list[Theme]:
    from ruimtegraaf.embed import fold

    scheme = _base(ds) + "id/thema/"
    rows = _select(ds, f"SELECT ?t ?p ?l WHERE {{ ?t <{SKOS}inScheme> <{scheme}> ; ?p ?l . "
                       f"FILTER(?p IN (<{SKOS}prefLabel>, <{SKOS}altLabel>)) }}")
    words: dict[str, set[str]] = {}
    labels: dict[str, dict[str, str]] = {}
    for r in rows:
        slug = r["t"].value.rsplit("/", 1)[-1]
        words.setdefault(slug, set()).add(fold(r["l"].value))
        if r["p"].value.endswith("prefLabel") and r["l"].language:
            labels.setdefault(slug, {})[r["l"].language] = r["l"].value
    themes = []
    for slug in sorted(words):
        alternatives = sorted((re.escape(w) + (r"(?!\w)" if len(w) <= 3 else "") for w in words[slug]), key=len)
        themes.append(Theme(slug, labels.get(slug, {"nl": slug}), re.compile(r"(?<!\w)(?:" + "|".join(
            reversed(alternatives)) + ")")))
    return themes


def _item_themes(ds: Dataset) -> dict[str, list[str]]:
    from ruimtegraaf.embed import fold

    themes = ds.derived("themes", _themes)
    out = {}
    for it in ds.afspraken:
        text = fold(f"{it.get('onderwerp') or ''} {it.get('tekst') or ''}")
        out[it["ref"]] = [th.slug for th in themes if th.pattern.search(text)]
    return out


def select_afspraken(ds: Dataset, params: dict[str, str], lang: str = "nl") -> list[dict[str, Any]]:
    """The agreements the /afspraken filters select, sorted as asked (`sorteer=bedrag` or `bedrag-op`)."""
    from ruimtegraaf.afspraken import filter_afspraken

    jaar = (params.get("jaar") or "").strip()
    if jaar and not jaar.isdigit():
        raise PageError(400, STRINGS[lang]["bad_year"])
    wanted = {k: (params.get(k) or "").strip() or None for k in ("regio", "provincie", "novexgebied", "programma",
                                                                 "tekst")}
    items = filter_afspraken(ds.afspraken, jaar=int(jaar) if jaar else None, **wanted)
    theme = (params.get("thema") or "").strip()
    if theme:
        tagged = ds.derived("item_themes", _item_themes)
        items = [it for it in items if theme in tagged.get(it["ref"], [])]
    order = params.get("sorteer")
    if order in ("bedrag", "bedrag-op"):
        with_amount = [it for it in items if it.get("amounts")]
        with_amount.sort(key=_largest_amount, reverse=order == "bedrag")
        items = with_amount + [it for it in items if not it.get("amounts")]
    return items


def _largest_amount(item: dict[str, Any]) -> float:
    return max(a["value_eur"] for a in item["amounts"])


def afspraken_page(ds: Dataset, params: dict[str, str], lang: str) -> str:
    """The agreements table with its filters, sort and CSV link."""
    items = select_afspraken(ds, params, lang)
    tagged = ds.derived("item_themes", _item_themes)
    themes = ds.derived("themes", _themes)
    theme_label = {th.slug: th.labels.get(lang) or th.labels.get("nl", th.slug) for th in themes}
    kinds = labels(ds, {f"{_base(ds)}id/afspraaksoort/{it['soort']}" for it in items if it.get("soort")}, lang)
    rows = [_afspraak_row(ds, it, [theme_label[s] for s in tagged.get(it["ref"], [])], lang) for it in items]
    for row in rows:
        row["soort"] = kinds.get(f"{_base(ds)}id/afspraaksoort/{row['soort']}", row["soort"])
    chosen = {k: params.get(k, "") for k in ("regio", "provincie", "novexgebied", "programma", "thema", "jaar",
                                               "tekst", "sorteer")}
    return render("afspraken.html", lang, "/afspraken", chosen, ds, rows=rows, total=len(ds.afspraken),
                  chosen=chosen, options=_filter_options(ds.afspraken), themes=sorted(theme_label.items(),
                  key=lambda kv: kv[1]), csv_href=href("/afspraken.csv", "nl", **chosen))


def _filter_options(items: list[dict[str, Any]]) -> dict[str, list[str]]:
    def labels(key: str) -> list[str]:
        found = set()
        for it in items:
            value = it.get(key)
            for v in value if isinstance(value, list) else [value]:
                if isinstance(v, dict) and v.get("label"):
                    found.add(v["label"])
        return sorted(found)

    return {"regio": labels("regio"), "provincie": labels("provincies"), "novexgebied": labels("novexgebieden"),
            "programma": labels("programmas"), "jaar": sorted({str(it["jaar"]) for it in items}, reverse=True)}


def _afspraak_row(ds: Dataset, it: dict[str, Any], themes: list[str], lang: str) -> dict[str, Any]:
    from ruimtegraaf.privacy import mask

    c = it["citation"]
    base = _base(ds)
    about = [{"label": x["label"], "href": local_href(x.get("iri") or "", base, lang)}
             for key in ("provincies", "novexgebieden", "programmas") for x in it.get(key) or []]
    return {"ref": it["ref"], "jaar": it["jaar"], "regio": (it.get("regio") or {}).get("label") or "",
            "onderwerp": it.get("onderwerp") or "", "tekst": collapse(mask(it.get("tekst") or "")),
            "soort": it.get("soort") or "", "about": about, "themes": themes,
            "amounts": [a["text"] for a in it.get("amounts") or []],
            "href": local_href(it.get("iri") or "", base, lang),
            "source": span_href(c["document"], c["start"], c["end"], lang), "page": c.get("page")}


def afspraken_table_csv(items: list[dict[str, Any]], site: str) -> str:
    """The selected agreements as CSV (one row each; lists joined with "; "), with a link to each source."""
    from ruimtegraaf.privacy import mask

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["ref", "jaar", "regio", "onderwerp", "soort", "provincies", "novexgebieden", "programmas",
                     "bedragen_eur", "bedragen_tekst", "tekst", "document", "start", "end", "pagina", "bron"])

    def joined(values: list[dict[str, Any]] | None, key: str = "label") -> str:
        return "; ".join(str(v[key]) for v in values or [])

    for it in items:
        c = it["citation"]
        writer.writerow([it["ref"], it["jaar"], (it.get("regio") or {}).get("label") or "", it.get("onderwerp") or "",
                         it.get("soort") or "", joined(it.get("provincies")), joined(it.get("novexgebieden")),
                         joined(it.get("programmas")), "; ".join(f"{a['value_eur']:.2f}" for a in it["amounts"]),
                         joined(it.get("amounts"), "text"), mask(it.get("tekst") or ""), c["document"], c["start"],
                         c["end"], c.get("page") or "", site + span_href(c["document"], c["start"], c["end"], "nl")])
    return out.getvalue()


# ---------------------------------------------------------------- the graph


def _select(ds: Dataset, query: str) -> list[dict[str, Any]]:
    """The solutions of a SELECT query as dicts of bound variables (pyoxigraph terms)."""
    result = ds.store.query(query)
    names = [v.value for v in result.variables]
    return [{n: sol[n] for n in names if sol[n] is not None} for sol in result]


def _iri(value: str) -> str:
    """`<value>` for a SPARQL query, refused when it is not an absolute IRI (no injection through a URL)."""
    try:
        ox.NamedNode(value)
    except ValueError as error:
        raise PageError(400, f"{value!r} is not an IRI: {error}") from None
    if any(c in value for c in '<>"{}|^`\\ '):
        raise PageError(400, f"{value!r} is not an IRI")
    return f"<{value}>"


def labels(ds: Dataset, iris: set[str], lang: str) -> dict[str, str]:
    """The best label of each IRI (prefLabel, label, title or heading path) in `lang`, else Dutch, else any."""
    if not iris:
        return {}
    values = " ".join(_iri(i) for i in sorted(iris))
    rows = _select(ds, f"SELECT ?x ?l ?v ?u ?r ?d WHERE {{ VALUES ?x {{ {values} }} {{ ?x {LABEL_PATH} ?l }} UNION "
                       f"{{ ?x <{SCHEMA}value> ?v ; <{SCHEMA}unitText> ?u }} UNION "
                       f"{{ ?x <{SCHEMA}roleName> ?r ; <{SCHEMA}description> ?d }} }}")
    rank = {lang: 0, "nl": 1, "": 2}
    best: dict[str, tuple[int, str]] = {}
    for r in rows:
        if "u" in r:  # a quantity: "4300 woningen"
            r["l"] = ox.Literal(f"{r['v'].value} {r['u'].value}")
        elif "r" in r:  # a role: "Trekkende bewindspersoon: Minister voor VRO: Hugo de Jonge"
            r["l"] = ox.Literal(f"{r['r'].value}: {r['d'].value}", language=r["r"].language or None)
        score = rank.get(r["l"].language or "", 3) if isinstance(r["l"], ox.Literal) else 4
        key = r["x"].value
        if key not in best or (score, r["l"].value) < best[key]:
            best[key] = (score, r["l"].value)
    return {k: v for k, (_, v) in best.items()}


@functools.cache
def _vocabulary() -> dict[str, dict[str, str]]:
    from rdflib.namespace import RDFS as RDFS_NS

    from ontology import ontology_graph

    out: dict[str, dict[str, str]] = {}
    for s, o in ontology_graph().subject_objects(RDFS_NS.label):
        out.setdefault(str(s), {})[getattr(o, "language", None) or "nl"] = str(o)
    for iri, (nl, en) in TERMS.items():
        out.setdefault(iri, {"nl": nl, "en": en})
    return out


def term_label(iri: str, lang: str) -> str:
    """The label of an ontology term or a common vocabulary term; a prefixed name when none is known."""
    known = _vocabulary().get(iri)
    if known:
        return known.get(lang) or known.get("nl") or next(iter(known.values()))
    return short_name(iri)


def short_name(iri: str) -> str:
    """`prefix:local` for a known namespace, else the last segment of the IRI."""
    for ns, prefix in PREFIXES.items():
        if iri.startswith(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return re.split(r"[/#]", iri.rstrip("/#"))[-1] or iri


def readable_iri(iri: str, limit: int = 60) -> str:
    """An outside IRI as a reader scans it: no scheme, cut at `limit` characters.

    >>> readable_iri("https://identifier.overheid.nl/tooi/id/provincie/pv20")
    'identifier.overheid.nl/tooi/id/provincie/pv20'
    """
    text = re.sub(r"^[a-z]+://", "", iri)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _value(ds: Dataset, term: Any, names: dict[str, str], lang: str) -> dict[str, Any]:
    base = _base(ds)
    if isinstance(term, ox.NamedNode):
        iri = term.value
        local = local_href(iri, base, lang)
        text = names.get(iri) or (term_label(iri, lang) if iri.startswith(RG) else readable_iri(iri))
        if len(text) > LONG_LABEL:
            text = text[:LONG_LABEL - 1].rstrip() + "…"
        return {"text": text, "href": local or iri, "external": local is None, "lang": None, "iri": iri}
    if isinstance(term, ox.Literal):
        return {"text": term.value, "href": None, "external": False, "lang": term.language, "iri": None}
    return {"text": "[…]", "href": None, "external": False, "lang": None, "iri": None}


def _source(ds: Dataset, passage_iris: list[str], graph: str | None, lang: str) -> list[dict[str, Any]]:
    """Where a fact comes from: its passages (linked to the document view), else its named graph."""
    t = STRINGS[lang]
    out = []
    for iri in passage_iris:
        p = ds.by_id.get(iri.split("#", 1)[0].rsplit("/", 1)[-1])
        if p is not None:
            label = doc_label(ds, p.document, p.subdocument, p.start)
            page = f", {t['p']} {p.page}" if p.page else ""
            out.append({"text": label.short + page, "href": passage_href(ds, p.id, lang)})
    if out or graph is None:
        return out
    base = _base(ds)
    name = graph[len(base + "graph/"):] if graph.startswith(base + "graph/") else graph
    if name == "reference":
        return [{"text": t["reference_data"], "href": None}]
    if name == "catalog":
        return [{"text": t["catalog"], "href": None}]
    label = _document_by_ref(ds, name)
    return [{"text": label.short if label else name, "href": href(f"/doc/document/{name}", lang)}]


# ---------------------------------------------------------------- entity pages


def entity_page(ds: Dataset, iri: str, lang: str = "nl") -> str:
    """The HTML page about one thing of the graph: its label, its facts, its timeline (api/timeline.py) and what
    refers to it, each with its source.

    Raises PageError(404) when the graph says nothing about `iri`.
    """
    from api.timeline import timeline_section

    lang = lang if lang in STRINGS else "nl"
    node = _iri(iri)
    out_rows = _select(ds, f"SELECT ?p ?o ?g ?src WHERE {{ GRAPH ?g {{ {node} ?p ?o }} "
                           f"OPTIONAL {{ ?o <{DERIVED}> ?src }} }}")
    in_rows = _select(ds, f"SELECT ?s ?p (SAMPLE(?g) AS ?graph) (SAMPLE(?src) AS ?bron) WHERE {{ GRAPH ?g "
                          f"{{ ?s ?p {node} }} OPTIONAL {{ ?s <{DERIVED}> ?src }} }} GROUP BY ?s ?p "
                          f"LIMIT {MAX_REFERENCES}")
    if not out_rows and not in_rows:
        raise PageError(404, STRINGS[lang]["not_found"], [(STRINGS[lang]["nav_browse"], href("/bladeren", lang))])
    terms = {r[k].value for r in out_rows + in_rows for k in ("o", "s") if isinstance(r.get(k), ox.NamedNode)}
    names = labels(ds, terms | {iri}, lang)
    own_sources = sorted({r["o"].value for r in out_rows if r["p"].value == DERIVED})
    types = sorted({r["o"].value for r in out_rows if r["p"].value == RDF_TYPE})
    base = _base(ds)
    title = names.get(iri) or short_name(iri)
    context = {"iri": iri, "title": title, "types": [term_label(x, lang) for x in types if x.startswith(RG)],
               "crumb": _crumb(types, lang), "sources": _source(ds, own_sources, None, lang),
               "facts": _facts(ds, out_rows, names, own_sources, lang, _property_values(ds, node, lang)),
               "references": _references(ds, in_rows, names, lang), "passage": _passage_block(ds, iri, lang),
               "document": _document_block(ds, iri, base, lang),
               "in_table": _table_link(types, labels(ds, {iri}, "nl").get(iri), lang),
               "timeline": timeline_section(ds, iri, lang),
               "rdf": "/sparql?" + urlencode({"query": f"DESCRIBE <{iri}>", "format": "turtle"})}
    path = local_href(iri, base, "nl") or "/"
    return render("entity.html", lang, path, None, ds, shown=SHOWN, **context)


def _facts(ds: Dataset, rows: list[dict[str, Any]], names: dict[str, str], own: list[str],
           lang: str, extras: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Outgoing facts grouped by property and source, in a reading order (type and names first, notes last)."""
    base = _base(ds)
    groups: dict[tuple[str, tuple[str, ...]], dict[str, Any]] = {}
    seen: set[tuple[str, str]] = set()
    # a fact both in the reference data and in a document's graph is shown with the document's passage
    for r in sorted(rows, key=lambda r: r["g"].value.endswith(("/reference", "/catalog"))):
        p = r["p"].value
        if p in HIDDEN or (p, str(r["o"])) in seen:
            continue
        seen.add((p, str(r["o"])))
        document_graph = r["g"].value.startswith(base + "graph/") and r["g"].value[len(base + "graph/"):] not in (
            "reference", "catalog")
        # the subject's passage states the fact; a value node (an amount, a deadline) may name a closer one
        passages = own if document_graph and own else ([r["src"].value] if "src" in r else [])
        sources = _source(ds, passages, r["g"].value, lang)
        key = (p, tuple(s["text"] for s in sources))
        group = groups.setdefault(key, {"property": term_label(p, lang), "iri": p, "values": [], "sources": sources})
        group["values"].append(_type_value(r["o"].value, lang) if p == RDF_TYPE else _value(ds, r["o"], names, lang))

    for extra in extras:
        groups[(extra["property"], ())] = extra

    def order(g: dict[str, Any]) -> tuple[int, str]:
        iri = g["iri"]
        rank = FIRST.index(iri) if iri in FIRST else len(FIRST) + 1 + (LAST.index(iri) if iri in LAST else -1)
        return rank, g["property"].casefold()

    for g in groups.values():
        if any(v["lang"] == lang for v in g["values"]):  # a name or note in the page's language: drop the others
            g["values"] = [v for v in g["values"] if v["lang"] in (lang, None)]
        g["values"].sort(key=lambda v: v["text"].casefold())
        g["inline"] = all(v["iri"] is None and len(v["text"]) < 60 for v in g["values"])
    return sorted(groups.values(), key=order)


def _type_value(iri: str, lang: str) -> dict[str, Any]:
    """A class as a fact's value: its label, linked to the list of its things when one can browse it."""
    local = iri[len(RG):] if iri.startswith(RG) else ""
    label = term_label(iri, lang)
    return {"text": label[:1].upper() + label[1:], "href": href(f"/bladeren/{local}", lang) if local in BROWSE
            else None, "external": False, "lang": None, "iri": iri}


def _references(ds: Dataset, rows: list[dict[str, Any]], names: dict[str, str], lang: str) -> list[dict[str, Any]]:
    """Incoming facts grouped by property: the things that point here, each with its own source."""
    groups: dict[str, dict[str, Any]] = {}
    for r in rows:
        p = r["p"].value
        inverse = INVERSE.get(p)
        name = (inverse[0] if lang == "nl" else inverse[1]) if inverse else term_label(p, lang)
        group = groups.setdefault(p, {"property": name[:1].upper() + name[1:], "items": []})
        subject = r["s"].value
        passage = ds.by_id.get(subject.rsplit("/", 1)[-1]) if subject.startswith(_base(ds) + "id/passage/") else None
        passages = [subject] if passage else ([r["bron"].value] if "bron" in r else [])
        item = {"value": _value(ds, r["s"], names, lang), "sources": _source(ds, passages, r["graph"].value, lang),
                "note": None, "order": ("", 0)}
        if passage is not None:  # a passage reads best as its first words, under its heading, in document order
            item["value"]["text"] = _snippet(passage.text)
            item["note"] = " › ".join(_snippet(h, 60) for h in passage.heading_path)  # a "heading" may be a paragraph
            item["order"] = (passage.document, passage.start)
        group["items"].append(item)
    for p, g in groups.items():
        g["items"].sort(key=lambda i: (i["order"], i["value"]["text"].casefold()))
        g["last"] = p == SCHEMA + "mentions"  # passages that merely name it come after the facts about it
    return sorted(groups.values(), key=lambda g: (g["last"], -len(g["items"]), g["property"]))


def _snippet(text: str, size: int = 110) -> str:
    """The first words of a text, cut at a word boundary."""
    text = collapse(text)
    return text if len(text) <= size else text[:size].rsplit(" ", 1)[0] + " …"


def _property_values(ds: Dataset, node: str, lang: str) -> list[dict[str, Any]]:
    """Named fields of a factsheet or programme form (schema:additionalProperty), each as a fact of its own."""
    rows = _select(ds, f"SELECT ?n ?v ?src WHERE {{ {node} <{SCHEMA}additionalProperty> ?pv . ?pv <{SCHEMA}name> ?n ; "
                       f"<{SCHEMA}value> ?v . OPTIONAL {{ ?pv <{DERIVED}> ?src }} }}")
    groups: dict[str, dict[str, Any]] = {}
    for r in rows:
        group = groups.setdefault(r["n"].value, {"property": r["n"].value, "iri": SCHEMA + "additionalProperty",
                                                 "values": [], "sources": _source(
                                                     ds, [r["src"].value] if "src" in r else [], None, lang)})
        group["values"].append({"text": r["v"].value, "href": None, "external": False, "iri": None,
                                "lang": r["v"].language if isinstance(r["v"], ox.Literal) else None})
    return list(groups.values())


def _crumb(types: list[str], lang: str) -> dict[str, str] | None:
    for iri in types:
        local = iri[len(RG):] if iri.startswith(RG) else ""
        if local in BROWSE:
            names = BROWSE[local]
            return {"text": names[0] if lang == "nl" else names[1], "href": href(f"/bladeren/{local}", lang)}
    return None


def _table_link(types: list[str], dutch_label: str | None, lang: str) -> str | None:
    """The agreements table filtered on this thing (the table's labels are Dutch), when it has such a filter."""
    for iri in types:
        spec = BROWSE.get(iri[len(RG):] if iri.startswith(RG) else "")
        if spec and spec[2] and dutch_label:
            return href("/afspraken", lang, **{spec[2]: dutch_label})
    return None


def _passage_block(ds: Dataset, iri: str, lang: str) -> dict[str, Any] | None:
    p = ds.by_id.get(iri.rsplit("/", 1)[-1]) if "/id/passage/" in iri else None
    if p is None:
        return None
    return {"quote": ds.texts[p.document][p.start:p.end], "href": passage_href(ds, p.id, lang),
            "label": doc_label(ds, p.document, p.subdocument, p.start)}


def _document_block(ds: Dataset, iri: str, base: str, lang: str) -> dict[str, Any] | None:
    if not iri.startswith(base + "id/document/"):
        return None
    label = _document_by_ref(ds, iri.rsplit("/", 1)[-1])
    if label is None:
        return None
    return {"label": label, "href": href("/document/" + quote(label.path), lang, van=label.start,
                                         tot=label.start) + "#citaat"}


# ---------------------------------------------------------------- browsing


def browse_index_page(ds: Dataset, lang: str) -> str:
    """The kinds of things one can browse, with how many the graph holds of each."""
    values = " ".join(f"<{RG}{c}>" for c in BROWSE)
    rows = _select(ds, f"SELECT ?c (COUNT(DISTINCT ?x) AS ?n) WHERE {{ VALUES ?c {{ {values} }} ?x a ?c }} "
                       "GROUP BY ?c")
    counts = {r["c"].value[len(RG):]: int(r["n"].value) for r in rows}
    kinds = [{"name": names[0] if lang == "nl" else names[1], "href": href(f"/bladeren/{c}", lang),
              "count": counts.get(c, 0)} for c, names in BROWSE.items()]
    return render("browse_index.html", lang, "/bladeren", None, ds, kinds=kinds)


def browse_list_page(ds: Dataset, kind: str, lang: str) -> str:
    """The things of one class, each linked to its page, with its date and its number of agreements."""
    t = STRINGS[lang]
    if kind not in BROWSE:
        raise PageError(404, t["unknown_type"], [(n[0] if lang == "nl" else n[1], href(f"/bladeren/{c}", lang))
                                                  for c, n in BROWSE.items()])
    rows = _select(ds, f"SELECT ?x (COUNT(DISTINCT ?a) AS ?n) (SAMPLE(?d) AS ?datum) WHERE {{ ?x a <{RG}{kind}> "
                       f"OPTIONAL {{ ?a a <{RG}Afspraak> ; ?p ?x }} OPTIONAL {{ ?x <{DCT}date> ?d }} }} GROUP BY ?x")
    things = {r["x"].value for r in rows if isinstance(r["x"], ox.NamedNode)}
    names, dutch = labels(ds, things, lang), labels(ds, things, "nl")
    base = _base(ds)
    items = [{"label": names.get(r["x"].value) or short_name(r["x"].value), "iri": r["x"].value,
              "href": local_href(r["x"].value, base, lang), "count": int(r["n"].value),
              "table": _table_link([RG + kind], dutch.get(r["x"].value), lang),
              "date": format_date(r["datum"].value, lang) if "datum" in r else ""}
             for r in rows if isinstance(r["x"], ox.NamedNode)]
    items.sort(key=lambda i: i["iri"] if kind == "Afspraak" else i["label"].casefold())
    names_of_kind = BROWSE[kind]
    return render("browse_list.html", lang, f"/bladeren/{kind}", None, ds, kind=kind, items=items,
                  title=names_of_kind[0] if lang == "nl" else names_of_kind[1],
                  show_count=any(i["count"] for i in items) and kind != "Afspraak",
                  show_date=any(i["date"] for i in items))


# ---------------------------------------------------------------- SPARQL


def sparql_page(ds: Dataset, example: int, lang: str) -> str:
    """Example queries for data teams, a query form, and results as a table (fetched from GET /sparql)."""
    index = example if 0 <= example < len(SPARQL_EXAMPLES) else 0
    examples = [{"title": nl if lang == "nl" else en, "query": q, "href": href("/sparql-pagina", lang, voorbeeld=i)}
                for i, (nl, en, q) in enumerate(SPARQL_EXAMPLES)]
    return render("sparql.html", lang, "/sparql-pagina", {"voorbeeld": example or None}, ds, examples=examples,
                  query=SPARQL_EXAMPLES[index][2], chosen=index, base=_base(ds))
