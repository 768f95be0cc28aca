"""The timeline of a thing over the web: JSON at /api/tijdlijn/{type}/{ref} and a section of its entity page.

Both read `ruimtegraaf.timeline.timeline_of`; this module only turns the timeline into JSON and page data.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Query

from ruimtegraaf import iris
from ruimtegraaf.dataset import Dataset, ServedData
from ruimtegraaf.settings import Settings
from ruimtegraaf.timeline import Timeline, timeline_of

SHOWN_PER_MOMENT = 5  # entries shown per moment before "show all"
MAX_ENTRIES = 10_000
WORDS = {"nl": {"timeline": "Tijdlijn", "timeline_intro": "Wat de documenten over dit onderwerp zeggen, per moment; "
                "het nieuwste eerst. Elke passage opent het document op de geciteerde plek.",
                "passages_n": "{n} passages", "passage_1": "1 passage"},
         "en": {"timeline": "Timeline", "timeline_intro": "What the documents say about this, by moment, newest "
                "first. Each passage opens the document at the cited place.",
                "passages_n": "{n} passages", "passage_1": "1 passage"}}


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


def timeline_section(ds: Dataset, iri: str, lang: str) -> dict[str, Any] | None:
    """What the entity page shows of a thing's timeline: per moment, newest first, entries with source links."""
    from api.ui import collapse, doc_label, passage_href

    try:
        found: Timeline | None = timeline_of(ds, iri, lang)
    except ValueError:
        return None
    if found is None or not found.moments:
        return None
    words = WORDS.get(lang, WORDS["nl"])
    moments = []
    for moment, entries in found.moments:
        items = []
        for e in entries:
            p = e.passage
            label = doc_label(ds, p.document, p.subdocument, p.start)
            page = f", p. {p.page}" if p.page else ""
            items.append({"text": _snippet(collapse(e.quote)), "note": " › ".join(_snippet(h, 60) for h in
                                                                                  p.heading_path),
                          "source": label.short + page, "href": passage_href(ds, p.id, lang)})
        count = words["passage_1"] if len(items) == 1 else words["passages_n"].format(n=len(items))
        moments.append({"key": moment.key, "label": moment.label, "date": moment.date, "count": count,
                        "shown": items[:SHOWN_PER_MOMENT], "rest": items[SHOWN_PER_MOMENT:]})
    return {"title": words["timeline"], "intro": words["timeline_intro"], "moments": moments}


def _snippet(text: str, size: int = 160) -> str:
    return text if len(text) <= size else text[:size].rsplit(" ", 1)[0] + " …"
