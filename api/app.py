"""The HTTP edge: questions, search, agreements, documents, SPARQL and linked data over one dataset."""

from __future__ import annotations

import os
from typing import Any

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse, PlainTextResponse
from pydantic import BaseModel, Field

from api.hardening import body_time_limit, harden, page_csp, page_headers, sparql_max_body
from api.linked_data import linked_data_router
from api.pages.routes import pages_router
from api.sparql import sparql_router
from api.sparql_front import App, SparqlFront
from api.timeline import timeline_router
from ruimtegraaf.builds import DataFolder
from ruimtegraaf.dataset import ServedData
from ruimtegraaf.embed import Embedder
from ruimtegraaf.errors import NoData, RuimtegraafError
from ruimtegraaf.remote_store import open_store
from ruimtegraaf.settings import MAX_QUESTION, Settings


class Question(BaseModel):
    """A question in Dutch or English."""

    question: str = Field(min_length=1, max_length=MAX_QUESTION)


def create_app(settings: Settings | None = None, *, data: ServedData | None = None,
               embedder: Embedder | None = None) -> FastAPI:
    """The FastAPI application; tests pass a ready `data` handle (with a fake embedder) instead of a data folder."""
    settings = settings or Settings.from_env()
    if data is None:
        if embedder is None:
            from ruimtegraaf.embed import load_embedder, query_threads

            embedder = load_embedder(settings.embedding_model,
                                     threads=query_threads(settings.embedding_model, settings.model_threads))
        from ruimtegraaf.answering.reading import warm

        data = ServedData(DataFolder(settings.data_dir), settings.corpus_dir, embedder, fusion=settings.fusion,
                          open_store=lambda build: open_store(settings, build), on_load=warm)
    app = App(title="Ruimtegraaf", version=_version(),
                  description="Kennisgraaf en vraagbeantwoording met bronvermelding over de Bestuurlijke "
                              "Overleggen Leefomgeving.")
    app.state.data = data
    app.state.settings = settings
    sparql = sparql_router(lambda: data.get().store, settings)
    app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST", "OPTIONS"],
                       allow_headers=["*"])
    _errors(app)
    _routes(app, data, settings)
    app.state.sparql_pool = sparql.pool  # type: ignore[attr-defined]  # the router carries its query workers (for tests)
    app.include_router(sparql)
    app.include_router(timeline_router(data, settings))
    app.include_router(linked_data_router(data, settings))  # before the pages: its /doc/ route negotiates
    app.include_router(pages_router(data, settings))
    harden(app, settings)
    app.sparql_front = SparqlFront(sparql.answer, max_body=sparql_max_body(settings),  # type: ignore[attr-defined]  # the router carries its answer function
                                   body_time_limit=body_time_limit(settings), headers=page_headers(page_csp()))
    return app


def app_from_env() -> FastAPI:
    """The app of one `ruimtegraaf serve --workers N` worker process (uvicorn's factory, by import string).

    Settings come from the `RUIMTEGRAAF_*` variables, which the command sets from its flags before the
    workers start. Every worker opens the same build read-only (store, memory-mapped index and model
    weights are shared through the page cache) and checks `current` on its own, so each one serves a
    newly switched build within a second of the switch.
    """
    return create_app(Settings.from_env())


def _routes(app: FastAPI, data: ServedData, settings: Settings) -> None:
    from ruimtegraaf.answering.answerer import Answerer, citation_json

    @app.get("/health")
    def health() -> dict[str, Any]:
        ds = data.get()
        return {"status": "ok", "passages": len(ds.passages), "afspraken": len(ds.afspraken),
                "build": ds.build.name if ds.build else None, "warm": ds.warm,
                "worker": os.getpid()}  # which `serve --workers N` process answered

    @app.post("/ask")
    def ask(q: Question) -> dict[str, Any]:
        ds = data.get()
        answer = Answerer(ds, settings).ask(q.question)
        return answer.to_json()

    @app.get("/search")
    def search(q: str = Query(min_length=1, max_length=MAX_QUESTION), k: int = Query(10, ge=1, le=100)
               ) -> dict[str, Any]:
        ds = data.get()
        hits = Answerer(ds, settings).search(q, k)
        return {"query": q, "results": [
            {"citation": citation_json(ds, h.passage), "score": round(h.score, 6),
             "passage": h.iri, "kind": h.passage.kind, "heading_path": list(h.passage.heading_path)}
            for h in hits]}

    @app.get("/api/afspraken")
    def afspraken(regio: str | None = None, provincie: str | None = None, novexgebied: str | None = None,
                  programma: str | None = None,
                  jaar: str | None = Query(None, pattern=r"^\s*(\d{1,4})?\s*$", description="a year; empty: any"),
                  tekst: str | None = None,
                  limit: int = Query(1000, ge=1, le=100_000), offset: int = Query(0, ge=0)) -> dict[str, Any]:
        from ruimtegraaf.afspraken import filter_afspraken

        year = int(jaar) if jaar and jaar.strip() else None  # `jaar=` (an empty form field) is any year
        items = filter_afspraken(data.get().afspraken, regio=regio, provincie=provincie, novexgebied=novexgebied,
                                 programma=programma, jaar=year, tekst=tekst)
        return {"total": len(items), "offset": offset, "items": items[offset:offset + limit]}

    @app.get("/documents/{document:path}/text", response_class=PlainTextResponse)
    def document_text(document: str) -> str:
        text = data.get().masked_texts.get(document)
        if text is None:
            raise HTTPException(404, f"no document {document!r}; GET /documents lists them")
        return text

    @app.get("/documents")
    def documents() -> dict[str, Any]:
        ds = data.get()
        return {"documents": [{"document": path, "characters": len(text)} for path, text in ds.texts.items()]}


def _errors(app: FastAPI) -> None:
    @app.exception_handler(NoData)
    async def no_data(_: Request, exc: NoData) -> JSONResponse:
        return JSONResponse({"error": str(exc)}, status_code=503)

    @app.exception_handler(RuimtegraafError)
    async def domain_error(_: Request, exc: RuimtegraafError) -> JSONResponse:
        status = 503 if isinstance(exc, OSError) else 400  # a store that cannot be reached is an outage
        return JSONResponse({"error": str(exc)}, status_code=status)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("ruimtegraaf")
    except PackageNotFoundError:
        return "0"
