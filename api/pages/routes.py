"""The routes of the pages: / (ask), /document/…, /afspraken(.csv), /bladeren, /sparql-pagina, /static/….

The page about a thing, /doc/{type}/{ref}, is api/linked_data.py's route (it negotiates HTML or RDF and
renders api/pages/entity.py for browsers).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, Response

from api.pages.agreements import afspraken_page, afspraken_table_csv, select_afspraken
from api.pages.ask import ask_page
from api.pages.browse import browse_index_page, browse_list_page, sparql_page
from api.pages.document import document_page
from api.pages.render import PageError, error_page
from api.pages.text import STRINGS
from ruimtegraaf.dataset import Dataset, ServedData
from ruimtegraaf.errors import NoData
from ruimtegraaf.settings import Settings

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
STATIC = {"ruimtegraaf.css": "text/css; charset=utf-8", "ruimtegraaf.js": "text/javascript; charset=utf-8"}


def pages_router(data: ServedData, settings: Settings) -> APIRouter:
    """The HTML pages: / (ask), /document/…, /afspraken(.csv), /bladeren, /sparql-pagina.

    `app.include_router(pages_router(data, settings))` serves them beside the JSON API.
    """
    router = APIRouter(include_in_schema=False)

    def html(request: Request, lang: str, make: Callable[[Dataset, str], str]) -> Response:
        lang = lang if lang in STRINGS else "nl"
        try:
            return HTMLResponse(make(data.get(), lang))
        except NoData:
            return HTMLResponse(error_page(STRINGS[lang]["no_data"], lang, request.url.path), 503)
        except PageError as error:
            return HTMLResponse(error_page(error.message, lang, request.url.path, error.links), error.status)

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

    @router.get("/sparql-pagina")
    def sparql(request: Request, voorbeeld: int = 0, lang: str = "nl") -> Response:
        return html(request, lang, lambda ds, lg: sparql_page(ds, voorbeeld, lg))

    @router.get("/static/{name}")
    def static(name: str) -> Response:
        if name not in STATIC:
            return Response("no such file; the pages use /static/ruimtegraaf.css and .js\n", 404)
        return FileResponse(STATIC_DIR / name, media_type=STATIC[name],
                            headers={"Cache-Control": "public, max-age=3600"})

    return router
