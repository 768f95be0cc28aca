"""Linked data after the Dutch URI pattern: things under /id/, pages about them under /doc/, terms under /def/.

    GET /id/{type}/{ref}       303 See Other to /doc/{type}/{ref} (404 when the graph says nothing about it)
    GET /doc/{type}/{ref}      the description of the thing: HTML (the default, and for browsers) or RDF
    GET /def/, /def/{term}     the ontology, or one term (Turtle by default); /def/context.jsonld the context
    GET /.well-known/void      the DCAT-AP-NL + VoID description of the dataset (also at /dataset)
    GET /dumps/ruimtegraaf.{ttl,nt,nq,trig,jsonld,rdf}   the whole graph, streamed from a temporary file

Requests map to IRIs by the configured base (`settings.base_iri`), whatever host serves them: on
http://localhost:8000, GET /id/provincie/drenthe is about https://w3id.org/ruimtegraaf/id/provincie/drenthe
while the base is the default. The 303 Location is relative, so it stays on the host that was asked.
RDF formats: Turtle, N-Triples, JSON-LD (compacted with the published context) and RDF/XML, chosen by
Accept or overridden with `format=` (names as at /sparql); a format the client cannot take is a 406.
The description of a thing holds its own triples, the triples that point at it (at most
`MAX_INCOMING`) and the triples of the hash IRIs it owns (`<thing#citaat>`).
"""

from __future__ import annotations

import functools
import io
import re
import tempfile
import threading
import weakref
from collections.abc import Callable, Iterator, Sequence
from typing import IO, Any, cast
from urllib.parse import quote

import pyoxigraph as ox
from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse, RedirectResponse, StreamingResponse

from api.negotiation import GRAPH_FORMATS, HTML, JSONLD, RDFXML, TURTLE, Format, choose, describe
from api.pages.entity import entity_page
from api.pages.plain import ontology_page, triples_page
from api.pages.render import PageError
from ontology import RG_IRI, context, ontology_graph
from ruimtegraaf import jsonld
from ruimtegraaf.dataset import Dataset, ServedData
from ruimtegraaf.dataset_description import dataset_iri, served_description
from ruimtegraaf.export import DUMP_FORMATS, dump_format, export, prefixes
from ruimtegraaf.settings import Settings
from ruimtegraaf.store import GraphStore, RdfTerm, rdflib_triples

MAX_INCOMING = 5000  # triples pointing at a thing that its description lists
CHUNK = 64 * 1024
DOC_FORMATS = (HTML, *GRAPH_FORMATS)  # a /doc/ URL is a page: HTML unless the client asks for RDF
DATA_FORMATS = (*GRAPH_FORMATS, HTML)  # the ontology and the dataset description: Turtle first
FORMAT_NAMES = tuple(f.name for f in GRAPH_FORMATS)  # the RDF formats a plain page links to
_SEGMENT = r"[\w.~\-]+"
_KIND = re.compile(_SEGMENT)
_REF = re.compile(rf"(?:{_SEGMENT}(?:/{_SEGMENT})*)?")


class PerStore:
    """Values computed once per store (the store changes when a new build is published)."""

    def __init__(self, make: Callable[[Dataset], Any]) -> None:
        self._make = make
        self._values: weakref.WeakKeyDictionary[object, Any] = weakref.WeakKeyDictionary()
        self._lock = threading.Lock()

    def get(self, ds: Dataset) -> Any:
        with self._lock:
            if ds.store not in self._values:
                self._values[ds.store] = self._make(ds)
            return self._values[ds.store]


def linked_data_router(data: ServedData, settings: Settings) -> APIRouter:
    """The routes for /id/, /doc/, /def/, /.well-known/void, /dataset and /dumps/.

    Include it before any other router with a /doc/ route, so that this one negotiates.
    """
    router = APIRouter(tags=["linked data"])
    base = settings.base_iri
    # (description graph, whether the store holds it): ingest stores it; an older build gets one made here
    meta = PerStore(lambda ds: served_description(getattr(ds, "build", None), ds.store, base,
                                                  ds.manifest.get("created")))
    description = PerStore(lambda ds: list(rdflib_triples(meta.get(ds)[0])))
    owned = PerStore(lambda ds: hash_nodes(ds.store))

    def about(ds: Dataset, iri: str) -> list[ox.Triple]:
        return describe_thing(ds.store, iri, owned.get(ds), description.get(ds))

    def known(ds: Dataset, iri: str) -> bool:
        node = ox.NamedNode(iri)
        return (iri in owned.get(ds) or any(node in (t.subject, t.object) for t in description.get(ds))
                or bool(ds.store.query(f"ASK {{ {{ {node} ?p ?o }} UNION {{ ?s ?p {node} }} }}")))

    @router.get("/id/{kind}/{ref:path}", summary="A thing: 303 to the page about it")
    def thing(request: Request, kind: str, ref: str) -> Response:
        iri = thing_iri(base, kind, ref)
        if iri is None or not known(data.get(), iri):
            return not_found(f"the graph says nothing about {base}id/{kind}/{ref}")
        location = request.scope.get("root_path", "") + quote(f"/doc/{kind}/{ref}", safe="/-._~")
        if request.url.query:
            location += "?" + request.url.query
        return Response(status_code=303, headers={"Location": location})

    @router.get("/doc/{kind}/{ref:path}", summary="The page about a thing: HTML or RDF by negotiation")
    def page(request: Request, kind: str, ref: str, format: str | None = None) -> Response:
        fmt = choose(DOC_FORMATS, request.headers.get("accept"), format)
        if fmt is None:
            return negotiated(not_acceptable(DOC_FORMATS), request.url.path, DOC_FORMATS)
        ds = data.get()
        iri = thing_iri(base, kind, ref)
        triples = about(ds, iri) if iri else []
        if not iri or not triples:
            return negotiated(not_found(f"the graph says nothing about {base}id/{kind}/{ref}"), request.url.path,
                              DOC_FORMATS)
        if fmt.name == HTML.name:
            body = entity_html(ds, iri, language(request), triples, base)
            return negotiated(Response(body, media_type=HTML.content_type), request.url.path, DOC_FORMATS)
        return negotiated(rdf_response(ordered(triples, iri), fmt, base), request.url.path, DOC_FORMATS)

    @router.get("/def", summary="The ontology (OWL): Turtle, N-Triples, JSON-LD, RDF/XML or HTML")
    @router.get("/def/", include_in_schema=False)
    def vocabulary(request: Request, format: str | None = None) -> Response:
        fmt = choose(DATA_FORMATS, request.headers.get("accept"), format)
        if fmt is None:
            return negotiated(not_acceptable(DATA_FORMATS), request.url.path, DATA_FORMATS)
        if fmt.name == HTML.name:
            page = ontology_page(request.url.path.rstrip("/") + "/", FORMAT_NAMES)
            return negotiated(Response(page, media_type=HTML.content_type), request.url.path, DATA_FORMATS)
        return negotiated(rdf_response(ontology_triples(), fmt, base), request.url.path, DATA_FORMATS)

    @router.get("/def/context.jsonld", summary="The JSON-LD context the JSON-LD answers use")
    def json_context() -> Response:
        return JSONResponse(context(), media_type="application/ld+json")

    @router.get("/def/{term}", summary="One term of the ontology")
    def ontology_term(request: Request, term: str, format: str | None = None) -> Response:
        fmt = choose(DATA_FORMATS, request.headers.get("accept"), format)
        if fmt is None:
            return negotiated(not_acceptable(DATA_FORMATS), request.url.path, DATA_FORMATS)
        triples = [t for t in ontology_triples() if isinstance(t.subject, ox.NamedNode)
                   and t.subject.value == RG_IRI + term]
        if not triples:
            return negotiated(not_found(f"the ontology has no term {RG_IRI}{term}; GET /def/ lists them"),
                              request.url.path, DATA_FORMATS)
        if fmt.name == HTML.name:
            target = request.scope.get("root_path", "") + "/def/#" + quote(term, safe="")
            return negotiated(RedirectResponse(target, status_code=303), request.url.path, DATA_FORMATS)
        return negotiated(rdf_response(triples, fmt, base), request.url.path, DATA_FORMATS)

    def dataset_description(request: Request, format: str | None = None) -> Response:
        fmt = choose(DATA_FORMATS, request.headers.get("accept"), format)
        if fmt is None:
            return negotiated(not_acceptable(DATA_FORMATS), request.url.path, DATA_FORMATS)
        triples = ordered(description.get(data.get()), dataset_iri(base))
        if fmt.name == HTML.name:
            page = triples_page(dataset_iri(base), triples, base, language(request), FORMAT_NAMES)
            return negotiated(Response(page, media_type=HTML.content_type), request.url.path, DATA_FORMATS)
        return negotiated(rdf_response(triples, fmt, base), request.url.path, DATA_FORMATS)

    router.add_api_route("/.well-known/void", dataset_description, methods=["GET"], response_model=None,
                         summary="The dataset description: DCAT-AP-NL and VoID", operation_id="well_known_void")
    router.add_api_route("/dataset", dataset_description, methods=["GET"], response_model=None,
                         summary="The dataset description (same as /.well-known/void)", operation_id="dataset")

    @router.get("/dumps/ruimtegraaf.{extension}", summary="The whole graph in one file (with the description)")
    def dump(extension: str) -> Response:
        fmt = next((f for f in DUMP_FORMATS if f.extension == extension), None)
        if fmt is None:
            return not_found(f"the dumps are /dumps/{', /dumps/'.join(f.filename for f in DUMP_FORMATS)}")
        ds = data.get()
        graph, stored = meta.get(ds)
        spool, size = spooled(lambda out: export(ds.store, out, fmt, None if stored else graph, base_iri=base))
        headers = {"Content-Disposition": f'attachment; filename="{fmt.filename}"', "Content-Length": str(size)}
        media = f"{fmt.media_type}; charset=utf-8" if fmt.media_type.startswith("text/") else fmt.media_type
        return StreamingResponse(chunks(spool), media_type=media, headers=headers)

    return router


def thing_iri(base: str, kind: str, ref: str) -> str | None:
    """The IRI a /id/ or /doc/ path stands for, or None when the path cannot be one of ours."""
    if not _KIND.fullmatch(kind) or not _REF.fullmatch(ref):
        return None
    iri = f"{base}id/{kind}/{ref}"
    try:
        ox.NamedNode(iri)
    except ValueError:
        return None
    return iri


def hash_nodes(store: GraphStore) -> dict[str, list[str]]:
    """The hash IRIs that are subjects (`<thing#citaat>`), by the IRI of the thing that owns them."""
    rows = store.query('SELECT DISTINCT ?s WHERE { ?s ?p ?o FILTER(isIRI(?s) && CONTAINS(STR(?s), "#")) }')
    assert isinstance(rows, ox.QuerySolutions)
    owned: dict[str, list[str]] = {}
    for row in rows:
        iri = row["s"].value  # type: ignore[union-attr]  # the query binds IRIs only
        owned.setdefault(iri.split("#", 1)[0], []).append(iri)
    return {owner: sorted(nodes) for owner, nodes in owned.items()}


def describe_thing(store: GraphStore, iri: str, owned: dict[str, list[str]],
                   extra: Sequence[ox.Triple] = ()) -> list[ox.Triple]:
    """What the graph (and `extra` triples) say about `iri`: out, in (bounded) and its hash IRIs' triples."""
    node = ox.NamedNode(iri)
    subjects = " ".join(str(ox.NamedNode(s)) for s in [iri, *owned.get(iri, [])])
    found: dict[ox.Triple, None] = {}
    for query in (f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ VALUES ?s {{ {subjects} }} ?s ?p ?o }}",
                  f"CONSTRUCT {{ ?s ?p {node} }} WHERE {{ ?s ?p {node} }} LIMIT {MAX_INCOMING}"):
        result = store.query(query)
        assert isinstance(result, ox.QueryTriples)
        found.update(dict.fromkeys(result))
    own = {node, *(ox.NamedNode(s) for s in owned.get(iri, []))}
    found.update(dict.fromkeys(t for t in extra if t.subject in own or t.object == node
                               or (isinstance(t.subject, ox.NamedNode) and t.subject.value.startswith(iri + "#"))))
    return list(found)


def ordered(triples: list[ox.Triple], iri: str) -> list[ox.Triple]:
    """The thing's own triples first, then its hash IRIs', then the rest, each group by subject."""
    def key(t: ox.Triple) -> tuple[int, str, str, str]:
        s = t.subject.value if isinstance(t.subject, ox.NamedNode) else f"_:{t.subject}"
        rank = 0 if s == iri else 1 if s.startswith(iri + "#") else 2
        return rank, s, str(t.predicate), str(t.object)

    return sorted(triples, key=key)


def rdf_response(triples: list[ox.Triple], fmt: Format, base: str) -> Response:
    """The triples serialised in `fmt`, each subject's together; JSON-LD compacted with the published context."""
    first: dict[RdfTerm, int] = {}
    for t in triples:
        first.setdefault(t.subject, len(first))
    triples = sorted(triples, key=lambda t: first[t.subject])
    if fmt.name == JSONLD.name:
        out = io.BytesIO()
        jsonld.write(out, context()["@context"], triples)
        return Response(out.getvalue(), media_type=fmt.content_type)
    names = {TURTLE.name: "ttl", RDFXML.name: "rdf"}
    found = prefixes(dump_format(names[fmt.name]), base) if fmt.name in names else None
    if found:  # only the prefixes these triples use
        iris = {term.value for t in triples for term in (t.subject, t.predicate, t.object)
                if isinstance(term, ox.NamedNode)} | {t.object.datatype.value for t in triples
                                                      if isinstance(t.object, ox.Literal)}
        found = {name: ns for name, ns in found.items() if any(iri.startswith(ns) for iri in iris)}
    return Response(ox.serialize(triples, format=cast(ox.RdfFormat, fmt.writer), prefixes=found),
                    media_type=fmt.content_type)


def negotiated(response: Response, path: str, offers: tuple[Format, ...]) -> Response:
    """Add `Vary: Accept` and a `Link: <…?format=…>; rel="alternate"` per format to a negotiated answer."""
    response.headers["Vary"] = "Accept"
    response.headers["Link"] = ", ".join(f'<{quote(path, safe="/-._~")}?format={f.name}>; rel="alternate"; '
                                         f'type="{f.media_type}"' for f in offers)
    return response


def not_found(message: str) -> Response:
    return Response(message + "\n", 404, media_type="text/plain; charset=utf-8")


def not_acceptable(offers: tuple[Format, ...]) -> Response:
    return Response("none of the formats of this resource is acceptable. Ask for one of:\n" + describe(offers)
                    + "\n", 406, media_type="text/plain; charset=utf-8")


def language(request: Request) -> str:
    """`en` when the `lang` parameter asks for it, else `nl`: Dutch first, as on every page of the UI."""
    return "en" if request.query_params.get("lang") == "en" else "nl"


def spooled(write: Callable[[IO[bytes]], None]) -> tuple[IO[bytes], int]:
    """What `write` writes, in an anonymous temporary file rewound for reading, and its size."""
    spool = tempfile.TemporaryFile()  # noqa: SIM115 - chunks() closes it once streamed
    try:
        write(spool)
        size = spool.tell()
        spool.seek(0)
    except BaseException:
        spool.close()
        raise
    return spool, size


def chunks(spool: IO[bytes]) -> Iterator[bytes]:
    """The file in pieces, closed (and so deleted) at the end or when the client goes away."""
    try:
        while piece := spool.read(CHUNK):
            yield piece
    finally:
        spool.close()


def entity_html(ds: Dataset, iri: str, lang: str, triples: list[ox.Triple], base: str) -> str:
    """The entity page (api/pages/entity.py) when it knows the thing; else a plain table of the triples."""
    try:
        return entity_page(ds, iri, lang)
    except PageError as error:
        if error.status != 404:
            raise
    return triples_page(iri, ordered(triples, iri), base, lang, FORMAT_NAMES)


@functools.cache
def ontology_triples() -> list[ox.Triple]:
    """The ontology as pyoxigraph triples, parsed once."""
    return list(rdflib_triples(ontology_graph()))
