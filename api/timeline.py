"""The timeline of a thing as JSON at /api/tijdlijn/{type}/{ref} (the entity page's section: api/pages/timeline.py).

Both read `ruimtegraaf.timeline.timeline_of`; this module only turns the timeline into JSON.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Query

from ruimtegraaf import iris
from ruimtegraaf.dataset import ServedData
from ruimtegraaf.settings import Settings
from ruimtegraaf.timeline import timeline_of

MAX_ENTRIES = 10_000


def timeline_router(data: ServedData, settings: Settings) -> APIRouter:
    """GET /api/tijdlijn/{type}/{ref}: the passages about a thing, per moment, newest first, with citations."""
    router = APIRouter()

    @router.get("/api/tijdlijn/{type_}/{ref}")
    def timeline(type_: str, ref: str, limit: int = Query(MAX_ENTRIES, ge=1, le=MAX_ENTRIES)) -> dict[str, Any]:
        ds = data.get()
        base = ds.manifest.get("base_iri", settings.base_iri)
        try:
            found = timeline_of(ds, iris.thing(base, type_, ref))
        except ValueError:
            raise HTTPException(400, f"{type_}/{ref} does not make an IRI; use a path like /api/tijdlijn/"
                                     "novexgebied/regio-zwolle") from None
        if found is None:
            raise HTTPException(404, f"the graph knows nothing about {type_}/{ref}; /bladeren lists what it knows")
        body = found.to_json(base)
        for moment in body["moments"]:
            moment["entries"] = moment["entries"][:limit]
        return body

    return router
