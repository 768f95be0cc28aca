"""The read-only SPARQL 1.1 Protocol endpoint: GET and POST /sparql, answers in a negotiated format.

Without a query, GET /sparql answers with the SPARQL 1.1 Service Description (Turtle by default) or,
for a browser, a small query page (`api/sparql_service.py`).

A query is read into tokens first (`ruimtegraaf.sparql_syntax`), and refused there when it is an
update, federated (SERVICE, however written) or nested too deep. The embedded store's queries then
run in warm worker processes (`ruimtegraaf.query_pool`) that cannot reach the network and have a
memory limit each; at the deadline the worker is killed, so no query outlives its 503. The engine
writes the answer once, in the asked format, counting rows as it goes (`ruimtegraaf.query_run`).
With an external store (`RUIMTEGRAAF_STORE_URL`) the query runs in a thread of the server, which
sends it on to that server under `store_timeout_s`.

The protocol dataset replaces the service's (SPARQL 1.1 Protocol §2.1.4): `default-graph-uri` makes
the default graph the merge of the graphs named (empty when only `named-graph-uri` is given),
`named-graph-uri` makes only those graphs visible to GRAPH (none when only `default-graph-uri` is
given). Without either, a query's own FROM / FROM NAMED applies, and else the default graph is the
union of the named graphs.

Status codes (bodies are text/plain and say what to do next):
400 malformed request or query (the parser's message), an update sent as a query, or SERVICE
(federated queries are off); 403 a SPARQL Update operation (`update` parameter or
application/sparql-update: read-only); 405 other methods; 406 no acceptable format, or an answer the
asked format cannot carry (a character XML cannot hold); 413 query too long; 415 unsupported POST
content type or a charset other than UTF-8 for application/sparql-query; 422 more than
`settings.sparql_max_rows` solutions or triples (refused, never truncated: add LIMIT); 503 timeout,
all workers busy, a query past the memory limit, or an unreadable store.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qs

import pyoxigraph as ox
from fastapi import APIRouter, Request, Response
from starlette.requests import ClientDisconnect
from starlette.types import Receive, Scope

from api.negotiation import (
    DESCRIPTION_FORMATS,
    JSONLD,
    QUERY_GRAPH_FORMATS,
    RDFXML,
    RESULT_FORMATS,
    Format,
    choose,
    describe,
)
from api.sparql_service import describe_service
from ruimtegraaf.errors import RuimtegraafError
from ruimtegraaf.query_pool import QueryPool
from ruimtegraaf.query_run import Outcome, QueryJob, write_result
from ruimtegraaf.settings import Settings
from ruimtegraaf.sparql_syntax import analyse
from ruimtegraaf.store import EmbeddedStore, GraphStore

log = logging.getLogger(__name__)

FORM = "application/x-www-form-urlencoded"
QUERY_TYPE = "application/sparql-query"
UPDATE_TYPE = "application/sparql-update"
MAX_QUERY_CHARS = 128 * 1024  # pyoxigraph parses recursively: size and nesting bound its stack use
MAX_NESTING = 256
MAX_BODY_BYTES = 12 * MAX_QUERY_CHARS  # a form-encoded query may take 3 bytes per UTF-8 byte
GRAPHS_FOR_RESULTS = {"json": JSONLD, "xml": RDFXML}  # CONSTRUCT/DESCRIBE for clients that accept results only
VARY_ACCEPT = (b"vary", b"Accept")


class ProtocolError(Exception):
    """A request the endpoint answers with an error status and a plain-text message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status

    def response(self) -> Response:
        return Response(str(self) + "\n", self.status, media_type="text/plain; charset=utf-8")


@dataclass(frozen=True)
class SparqlRequest:
    """What a protocol request asks: the query (None: describe the service), dataset and formats.

    A dataset list is None when the request does not give that parameter.
    """

    query: str | None
    default_graphs: tuple[str, ...] | None
    named_graphs: tuple[str, ...] | None
    formats: tuple[str, ...]
    accept: str | None


def sparql_router(store_provider: Callable[[], GraphStore], settings: Settings) -> APIRouter:
    """The /sparql routes: SPARQL 1.1 Protocol queries, the service description and a query page.

    `store_provider` is called for every request, so the app may swap the store after an ingest.

    >>> from fastapi import FastAPI
    >>> from fastapi.testclient import TestClient
    >>> app = FastAPI()
    >>> store = EmbeddedStore(None)
    >>> app.include_router(sparql_router(lambda: store, Settings()))
    >>> with TestClient(app) as client:
    ...     client.get("/sparql", params={"query": "ASK {}"}).json()
    {'head': {}, 'boolean': True}
    """
    pool = QueryPool(size=settings.sparql_workers, spare=settings.sparql_spare_workers,
                     memory_mb=settings.sparql_memory_mb, copy_max_quads=settings.sparql_copy_max_quads)

    async def warm() -> None:
        store = store_provider_or_none(store_provider)
        if isinstance(store, EmbeddedStore):
            await pool.warm(store)

    router = APIRouter(tags=["sparql"], on_startup=[warm], on_shutdown=[pool.close])
    router.pool = pool  # type: ignore[attr-defined]  # for tests and the operator

    async def answer(scope: Scope, receive: Receive) -> Response:
        """The answer to a GET or POST (HEAD: as a GET) /sparql, from the ASGI scope; without a Vary header."""
        try:
            req = await parse_request(scope, receive)
            store = store_provider()
            if req.query is None:
                fmt = choose(DESCRIPTION_FORMATS, req.accept, req.formats, lenient=True)
                if fmt is None:
                    raise not_acceptable(DESCRIPTION_FORMATS)
                graphs = await asyncio.wait_for(asyncio.to_thread(store.graphs), settings.sparql_timeout_s)
                return describe_service(Request(scope, receive), fmt, graphs, settings.sparql_timeout_s,
                                        settings.sparql_max_rows)
            return await answer_query(req, store, pool, settings)
        except ProtocolError as error:
            return error.response()
        except TimeoutError:
            return timed_out(settings.sparql_timeout_s).response()
        except OSError as error:
            return unreadable(str(error)).response()

    async def sparql(request: Request) -> Response:
        response = await answer(request.scope, request.receive)
        response.raw_headers.append(VARY_ACCEPT)
        return response

    for method in ("GET", "POST"):
        router.add_api_route("/sparql", sparql, methods=[method], response_model=None,
                             operation_id=f"sparql_{method.lower()}", summary="SPARQL 1.1 query endpoint",
                             description="Read-only SPARQL 1.1 Protocol: `query` (GET, form POST) or an "
                                         "application/sparql-query body; `default-graph-uri`, "
                                         "`named-graph-uri`; `format` or Accept picks the result format.")
    router.add_api_route("/sparql/", sparql, methods=["GET", "POST"], response_model=None, include_in_schema=False)
    router.answer = answer  # type: ignore[attr-defined]  # for api/sparql_front.py
    return router


def store_provider_or_none(store_provider: Callable[[], GraphStore]) -> GraphStore | None:
    """The store that serves now, or None when there is none yet (no build)."""
    try:
        return store_provider()
    except (RuimtegraafError, OSError):
        return None


async def parse_request(scope: Scope, receive: Receive) -> SparqlRequest:
    """Read query, dataset and format from a GET or POST request; raise ProtocolError when invalid."""
    params = parse_params(scope.get("query_string", b""))
    queries = params.get("query", [])
    post = scope["method"] == "POST"
    header_type = accept = None
    for name, value in scope["headers"]:  # the first of each, as Starlette's Headers.get
        if name == b"content-type" and header_type is None:
            header_type = value.decode("latin-1")
        elif name == b"accept" and accept is None:
            accept = value.decode("latin-1")
    if post:
        media, charset = content_type(header_type)
        if media == UPDATE_TYPE:
            raise read_only()
        body = await read_body(receive)
        if media == FORM:
            form = parse_params(body, charset or "utf-8")
            if queries and form.get("query"):
                raise ProtocolError(400, "the query is both in the URL and in the body; send it once")
            for key, values in form.items():
                params.setdefault(key, []).extend(values)
            queries = params.get("query", [])
        elif media == QUERY_TYPE:
            if queries:
                raise ProtocolError(400, "the query is both in the URL and in the body; send it once")
            queries = [decode_query(body, charset)]
        else:
            raise ProtocolError(415, f"POST needs Content-Type {QUERY_TYPE} or {FORM}, not {media or 'none'}")
    if "update" in params:
        raise read_only()
    if post and not queries:
        raise ProtocolError(400, "no query: POST a `query` form field or an application/sparql-query body")
    if len(queries) > 1:
        raise ProtocolError(400, "more than one `query` parameter; send exactly one query")
    return SparqlRequest(queries[0] if queries else None, graph_list(params, "default-graph-uri"),
                         graph_list(params, "named-graph-uri"), tuple(params.get("format", [])), accept)


def parse_params(raw: bytes, encoding: str = "utf-8") -> dict[str, list[str]]:
    """Decode URL-encoded parameters once (`+` is a space, `%2B` a plus); 400 on invalid text.

    Decoding a long query is slow in Python, and the same query comes again and again (dashboards,
    clients polling): the decoded form of recent requests is kept.
    """
    return {key: list(values) for key, values in _decoded(raw, encoding)}


@functools.lru_cache(maxsize=1024)
def _decoded(raw: bytes, encoding: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    try:
        text = raw.decode(encoding)
        parsed = parse_qs(text, keep_blank_values=True, encoding=encoding, errors="strict", max_num_fields=1000)
    except (UnicodeDecodeError, LookupError, ValueError) as error:
        raise ProtocolError(400, f"the parameters cannot be decoded as {encoding}: {error}") from None
    return tuple((key, tuple(values)) for key, values in parsed.items())


def content_type(header: str | None) -> tuple[str, str | None]:
    """The media type (lower case) and charset of a Content-Type header."""
    media, *params = (header or "").split(";")
    charset = None
    for param in params:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    return media.strip().lower(), charset


async def read_body(receive: Receive) -> bytes:
    """The request body, refused with 413 when it is larger than any query we accept."""
    chunks, size = [], 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise ClientDisconnect()
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise ProtocolError(413, f"the request body is over {MAX_BODY_BYTES} bytes; send a shorter query")
        chunks.append(chunk)
        if not message.get("more_body", False):
            return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def decode_query(body: bytes, charset: str | None) -> str:
    """The text of an application/sparql-query body, which SPARQL 1.1 fixes to UTF-8."""
    if charset not in (None, "utf-8", "utf8", "us-ascii", "ascii"):
        raise ProtocolError(415, f"{QUERY_TYPE} is always UTF-8 (SPARQL 1.1 Query, appendix C), "
                                 f"not charset={charset}; re-encode the query as UTF-8")
    try:
        return body.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        raise ProtocolError(400, f"the query is not valid UTF-8: {error}") from None


def graph_list(params: dict[str, list[str]], name: str) -> tuple[str, ...] | None:
    """The graph IRIs of a repeatable dataset parameter (None when absent); 400 when one is not absolute."""
    graphs = tuple(value.strip() for value in params.get(name, []) if value.strip())
    for graph in graphs:
        try:
            ox.NamedNode(graph)
        except ValueError as error:
            raise ProtocolError(400, f"{name} {graph!r} is not an absolute IRI: {error}") from None
    return graphs or None


def read_only() -> ProtocolError:
    """The refusal of any SPARQL Update."""
    return ProtocolError(403, "this SPARQL endpoint is read-only: SPARQL Update is not accepted. "
                              "The graph is rebuilt from the sources with `ruimtegraaf ingest`.")


def federated() -> ProtocolError:
    return ProtocolError(400, "federated queries (SERVICE) are off: this endpoint makes no outgoing requests. "
                              "Query the other endpoint yourself and combine the answers.")


def check_query(query: str) -> bool:
    """Refuse a query that is too long, nested too deep, federated or an update; True when it has FROM."""
    if len(query) > MAX_QUERY_CHARS:
        raise ProtocolError(413, f"the query has {len(query)} characters; the limit is {MAX_QUERY_CHARS}")
    shape = analyse(query)
    if not shape.checked:
        raise ProtocolError(400, "the query has too many ways to read its `<` signs to be checked; "
                                 "put spaces around comparisons and write IRIs in full")
    if shape.depth > MAX_NESTING:
        raise ProtocolError(400, f"the query nests {shape.depth} brackets deep; the limit is {MAX_NESTING}")
    if shape.uses_service:
        raise federated()
    if shape.form == "UPDATE":
        raise ProtocolError(400, "this is a SPARQL Update, not a query; this endpoint is read-only and "
                                 "answers SELECT, ASK, CONSTRUCT and DESCRIBE only")
    return shape.names_dataset


async def answer_query(req: SparqlRequest, store: GraphStore, pool: QueryPool, settings: Settings) -> Response:
    """Check, run and answer one query."""
    assert req.query is not None
    names_dataset = check_query(req.query)
    results, graphs = answer_formats(req.accept, req.formats)
    if results is None and graphs is None:
        raise not_acceptable(RESULT_FORMATS + QUERY_GRAPH_FORMATS)
    job = QueryJob(req.query, settings.base_iri, req.default_graphs, req.named_graphs, names_dataset,
                   writer_type(results), writer_type(graphs), settings.sparql_max_rows)
    if isinstance(store, EmbeddedStore):
        outcome = await pool.run(store, job, settings.sparql_timeout_s)
    else:
        outcome = await asyncio.wait_for(asyncio.to_thread(run_elsewhere, store, job), settings.sparql_timeout_s)
    return respond(outcome, results, graphs, settings)


@functools.lru_cache(maxsize=1024)
def answer_formats(accept: str | None, formats: tuple[str, ...]) -> tuple[Format | None, Format | None]:
    """The formats for solutions (or a boolean) and for triples, for the Accept and `format` a client sent
    (kept: clients send the same again and again)."""
    results = choose(RESULT_FORMATS, accept, formats, lenient=True)
    graphs = choose(QUERY_GRAPH_FORMATS, accept, formats, lenient=True)
    if graphs is None and results is not None:  # a client that asks for results JSON or XML only (rdflib's
        graphs = GRAPHS_FOR_RESULTS.get(results.name)  # SPARQLStore) gets a CONSTRUCT in JSON-LD or RDF/XML
    return results, graphs


def writer_type(fmt: Format | None) -> str | None:
    """The media type pyoxigraph's writer knows the format by (not the alias a client asked for)."""
    return fmt.writer.media_type if fmt is not None and fmt.writer is not None else None


def run_elsewhere(store: GraphStore, job: QueryJob) -> Outcome:
    """A job on a store that is not embedded (a remote SPARQL server): queried and written in this thread."""
    try:
        result = store.query(job.query, base_iri=job.base_iri,
                             default_graphs=None if job.default_graphs is None else list(job.default_graphs),
                             named_graphs=None if job.named_graphs is None else list(job.named_graphs))
    except SyntaxError as error:
        return Outcome("syntax", message=str(error))
    except OSError as error:
        return Outcome("unreadable", message=str(error))
    except (RuntimeError, ValueError, TypeError) as error:
        return Outcome("error", message=str(error))
    return write_result(result, job)


def respond(outcome: Outcome, results: Format | None, graphs: Format | None, settings: Settings) -> Response:
    """The HTTP answer for an outcome."""
    if outcome.kind == "ok":
        fmt = results if results is not None and outcome.media_type == writer_type(results) else graphs
        assert fmt is not None
        return Response(outcome.body, media_type=fmt.content_type)
    raise _errors(outcome, settings)


def _errors(outcome: Outcome, settings: Settings) -> ProtocolError:
    kind = outcome.kind
    if kind == "syntax":
        return ProtocolError(400, f"malformed query: {outcome.message}")
    if kind == "error":
        return ProtocolError(400, f"the query cannot be evaluated: {outcome.message}")
    if kind == "federated":
        return federated()
    if kind == "too_many":
        return ProtocolError(422, f"the answer has more than {settings.sparql_max_rows} {outcome.what}, the limit of "
                                  "this endpoint; nothing was returned. Add LIMIT and OFFSET (with ORDER BY) to "
                                  "fetch it in pages.")
    if kind == "not_acceptable":
        return not_acceptable(QUERY_GRAPH_FORMATS if outcome.what == "triples" else RESULT_FORMATS)
    if kind == "unwritable":
        return ProtocolError(406, f"{outcome.message}; ask for another format, such as JSON or Turtle")
    if kind == "timed_out":
        return timed_out(settings.sparql_timeout_s)
    if kind == "busy":
        return ProtocolError(503, f"all {settings.sparql_workers} query workers stayed busy for "
                                  f"{settings.sparql_timeout_s:g} s; try again shortly")
    if kind == "memory":
        return ProtocolError(503, f"the query needed more than {settings.sparql_memory_mb} MB and was stopped; "
                                  "make it more selective or add LIMIT")
    if kind == "broken":
        return ProtocolError(503, f"SPARQL queries cannot run on this server: {outcome.message}")
    if kind == "unreadable":
        return unreadable(outcome.message)
    log.error("SPARQL query worker failed: %s %s", kind, outcome.message)
    return ProtocolError(503, "the query stopped its worker process; simplify the query or try again")


def timed_out(seconds: float) -> ProtocolError:
    return ProtocolError(503, f"the query did not finish within {seconds:g} s and was stopped; make it more "
                              "selective (narrower patterns, LIMIT) or ask the operator to raise "
                              "RUIMTEGRAAF_SPARQL_TIMEOUT")


def unreadable(message: str) -> ProtocolError:
    return ProtocolError(503, f"the graph store could not be read: {message}; try again later")


def not_acceptable(offers: tuple[Format, ...]) -> ProtocolError:
    return ProtocolError(406, "none of the formats this answer can take is acceptable. Ask for one of:\n"
                              + describe(offers))
