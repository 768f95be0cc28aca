"""The read-only SPARQL 1.1 Protocol endpoint: GET and POST /sparql, answers in a negotiated format.

Without a query, GET /sparql answers with the SPARQL 1.1 Service Description (Turtle by default) or,
for a browser, a small query page.

Every query runs in a worker thread with a deadline (`settings.sparql_timeout_s`) that covers the
evaluation and the whole serialisation: pyoxigraph evaluates lazily while results are written, so the
answer is materialised as bytes before a status is chosen and a timeout never becomes a truncated 200.
Limitation: Python cannot stop a thread. A worker checks the deadline each time the serialiser emits a
chunk (SELECT) or a triple (CONSTRUCT, DESCRIBE); a query that computes for long without emitting
anything (ORDER BY, an aggregate, a join that matches nothing) keeps its worker busy until pyoxigraph
returns, although the client got its 503 on time. At most `WORKERS` such queries run at once; later
queries wait for a free worker and time out (503) if none frees up in time.

Status codes (bodies are text/plain and say what to do next):
400 malformed request or query (the parser's message; also update text sent as `query`, which is a
query that does not parse); 403 a SPARQL Update operation (`update` parameter or
application/sparql-update: read-only) or SERVICE (no outgoing requests); 405 other methods;
406 no acceptable format; 413 query too long; 415 unsupported POST content type or a charset other
than UTF-8 for application/sparql-query; 422 more than `settings.sparql_max_rows` solutions or triples
(refused, never truncated: the query is fine but unprocessable as asked; add LIMIT); 503 timeout or
an unreadable store. pyoxigraph errors are all mapped; an unexpected exception is logged and is a 500.

Queries get `BASE <settings.base_iri>` so relative IRIs such as `<id/…>` resolve to the dataset's own.
Length (`MAX_QUERY_CHARS`) and bracket depth (`MAX_NESTING`) are bounded and workers get large stacks
because pyoxigraph's recursive parser overflows an 8 MiB stack (and crashes the process) on
nesting a few thousand deep.
"""

from __future__ import annotations

import asyncio
import html
import io
import logging
import queue
import re
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass
from typing import TypeVar
from urllib.parse import parse_qs

import pyoxigraph as ox
from fastapi import APIRouter, Request, Response

from api.negotiation import (
    DESCRIPTION_FORMATS,
    GRAPH_FORMATS,
    HTML,
    JSONLD,
    RDFXML,
    RESULT_FORMATS,
    TSV,
    TURTLE,
    Format,
    choose,
    describe,
)
from ontology import RG_IRI
from ruimtegraaf.settings import Settings
from ruimtegraaf.store import GraphStore

log = logging.getLogger(__name__)
T = TypeVar("T")

FORM = "application/x-www-form-urlencoded"
QUERY_TYPE = "application/sparql-query"
UPDATE_TYPE = "application/sparql-update"
MAX_QUERY_CHARS = 128 * 1024  # pyoxigraph parses recursively: size and nesting bound its stack use
MAX_NESTING = 256
MAX_BODY_BYTES = 12 * MAX_QUERY_CHARS  # a form-encoded query may take 3 bytes per UTF-8 byte
WORKERS = 4
WORKER_STACK_BYTES = 256 * 1024 * 1024  # virtual; a deeply nested query would overflow 8 MiB and crash
SD = "http://www.w3.org/ns/sparql-service-description#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
PREFIXES = {"rg": RG_IRI, "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
            "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "xsd": "http://www.w3.org/2001/XMLSchema#",
            "dcterms": "http://purl.org/dc/terms/"}
UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}

# Comments, strings and IRIs: their content is not syntax (see check_query_text, looks_like_update).
_OPAQUE = re.compile(r'''\#[^\n\r]*
    | """(?:[^"\\]|\\.|"(?!""))*""" | \'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'
    | "(?:[^"\\\n\r]|\\.)*" | '(?:[^'\\\n\r]|\\.)*'
    | <[^<>"{}|^`\\\x00-\x20]*>''', re.VERBOSE | re.DOTALL)
_SERVICE = re.compile(r"(?<![\w:?$.\-\\%])SERVICE(?![\w:\-])", re.IGNORECASE)
_ERROR_AT = re.compile(r"^error at (\d+):(\d+)(?:-(\d+):(\d+))?")
_XML_NAME_END = re.compile(r"[^\W\d][\w.\-]*$")


class ProtocolError(Exception):
    """A request the endpoint answers with an error status and a plain-text message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status

    def response(self) -> Response:
        return Response(str(self) + "\n", self.status, media_type="text/plain; charset=utf-8")


@dataclass(frozen=True)
class SparqlRequest:
    """What a protocol request asks: the query (None: describe the service), dataset and format."""

    query: str | None
    default_graphs: list[str]
    named_graphs: list[str]
    format: str | None
    accept: str | None


def sparql_router(store_provider: Callable[[], GraphStore], settings: Settings) -> APIRouter:
    """The /sparql routes: SPARQL 1.1 Protocol queries, the service description and a query page.

    `store_provider` is called for every request, so the app may swap the store after an ingest.

    >>> from fastapi import FastAPI
    >>> from fastapi.testclient import TestClient
    >>> from ruimtegraaf.store import EmbeddedStore
    >>> app = FastAPI()
    >>> store = EmbeddedStore(None)
    >>> app.include_router(sparql_router(lambda: store, Settings()))
    >>> TestClient(app).get("/sparql", params={"query": "ASK {}"}).json()
    {'head': {}, 'boolean': True}
    """
    router = APIRouter(tags=["sparql"])
    workers = QueryWorkers(WORKERS, WORKER_STACK_BYTES)

    async def sparql(request: Request) -> Response:
        store = store_provider()
        try:
            req = await parse_request(request)
            if req.query is None:
                response = await describe_service(request, req, store, workers, settings)
            else:
                response = await answer_query(req, store, workers, settings)
        except ProtocolError as error:
            response = error.response()
        except Exception:
            log.exception("SPARQL request failed")  # errors from a worker were logged there
            response = ProtocolError(500, "internal error while answering the query").response()
        response.headers["Vary"] = "Accept"
        return response

    for method in ("GET", "POST"):
        router.add_api_route("/sparql", sparql, methods=[method], response_model=None,
                             operation_id=f"sparql_{method.lower()}", summary="SPARQL 1.1 query endpoint",
                             description="Read-only SPARQL 1.1 Protocol: `query` (GET, form POST) or an "
                                         "application/sparql-query body; `default-graph-uri`, "
                                         "`named-graph-uri`; `format` or Accept picks the result format.")
    router.add_api_route("/sparql/", sparql, methods=["GET", "POST"], response_model=None, include_in_schema=False)
    return router


async def parse_request(request: Request) -> SparqlRequest:
    """Read query, dataset and format from a GET or POST request; raise ProtocolError when invalid."""
    params = parse_params(request.scope.get("query_string", b""))
    queries = params.get("query", [])
    if request.method == "POST":
        media, charset = content_type(request.headers.get("content-type"))
        if media == UPDATE_TYPE:
            raise read_only()
        body = await read_body(request)
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
    if request.method == "POST" and not queries:
        raise ProtocolError(400, "no query: POST a `query` form field or an application/sparql-query body")
    if len(queries) > 1:
        raise ProtocolError(400, "more than one `query` parameter; send exactly one query")
    query = queries[0] if queries else None
    if query is not None:
        check_query_text(query)
    formats = [f for f in params.get("format", []) if f.strip()]
    return SparqlRequest(query, graph_list(params, "default-graph-uri"), graph_list(params, "named-graph-uri"),
                         formats[-1] if formats else None, request.headers.get("accept"))


def parse_params(raw: bytes, encoding: str = "utf-8") -> dict[str, list[str]]:
    """Decode URL-encoded parameters once (`+` is a space, `%2B` a plus); 400 on invalid text."""
    try:
        text = raw.decode(encoding)
        return parse_qs(text, keep_blank_values=True, encoding=encoding, errors="strict", max_num_fields=1000)
    except (UnicodeDecodeError, LookupError, ValueError) as error:
        raise ProtocolError(400, f"the parameters cannot be decoded as {encoding}: {error}") from None


def content_type(header: str | None) -> tuple[str, str | None]:
    """The media type (lower case) and charset of a Content-Type header."""
    media, *params = (header or "").split(";")
    charset = None
    for param in params:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    return media.strip().lower(), charset


async def read_body(request: Request) -> bytes:
    """The request body, refused with 413 when it is larger than any query we accept."""
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise ProtocolError(413, f"the request body is over {MAX_BODY_BYTES} bytes; send a shorter query")
        chunks.append(chunk)
    return b"".join(chunks)


def decode_query(body: bytes, charset: str | None) -> str:
    """The text of an application/sparql-query body, which SPARQL 1.1 fixes to UTF-8."""
    if charset not in (None, "utf-8", "utf8", "us-ascii", "ascii"):
        raise ProtocolError(415, f"{QUERY_TYPE} is always UTF-8 (SPARQL 1.1 Query, appendix C), "
                                 f"not charset={charset}; re-encode the query as UTF-8")
    try:
        return body.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        raise ProtocolError(400, f"the query is not valid UTF-8: {error}") from None


def graph_list(params: dict[str, list[str]], name: str) -> list[str]:
    """The graph IRIs of a repeatable dataset parameter; 400 when one is not an absolute IRI."""
    graphs = [value.strip() for value in params.get(name, []) if value.strip()]
    for graph in graphs:
        try:
            ox.NamedNode(graph)
        except ValueError as error:
            raise ProtocolError(400, f"{name} {graph!r} is not an absolute IRI: {error}") from None
    return graphs


def read_only() -> ProtocolError:
    """The refusal of any SPARQL Update."""
    return ProtocolError(403, "this SPARQL endpoint is read-only: SPARQL Update is not accepted. "
                              "The graph is rebuilt from the sources with `ruimtegraaf ingest`.")


def check_query_text(query: str) -> None:
    """Refuse queries that are too long, too deeply nested or federated before pyoxigraph sees them."""
    if len(query) > MAX_QUERY_CHARS:
        raise ProtocolError(413, f"the query has {len(query)} characters; the limit is {MAX_QUERY_CHARS}")
    syntax = _OPAQUE.sub(" ", query)
    depth = deepest = 0
    for bracket in re.finditer(r"[(){}\[\]]", syntax):
        depth += 1 if bracket.group() in "({[" else -1
        deepest = max(deepest, depth)
    if deepest > MAX_NESTING:
        raise ProtocolError(400, f"the query nests {deepest} brackets deep; the limit is {MAX_NESTING}")
    if _SERVICE.search(syntax):
        raise ProtocolError(403, "federated queries (SERVICE) are disabled: this endpoint makes no "
                                 "outgoing requests. Query the other endpoint yourself.")


def looks_like_update(query: str) -> bool:
    """Whether text that failed to parse as a query starts like a SPARQL Update operation."""
    words = _OPAQUE.sub(" ", query).split()
    while words and words[0].upper() in ("BASE", "PREFIX"):
        words = words[2:] if words[0].upper() == "PREFIX" else words[1:]
    keyword = re.match(r"[A-Za-z]*", words[0]).group().upper() if words else ""
    return keyword in UPDATE_WORDS


async def answer_query(req: SparqlRequest, store: GraphStore, workers: QueryWorkers,
                       settings: Settings) -> Response:
    """Run the query in a worker under the deadline and answer with the serialised result."""
    results = choose(RESULT_FORMATS, req.accept, req.format)
    graphs = choose(GRAPH_FORMATS, req.accept, req.format)
    if results is None and graphs is None:
        raise not_acceptable(RESULT_FORMATS + GRAPH_FORMATS)
    deadline = Deadline.after(settings.sparql_timeout_s)

    def job() -> tuple[bytes, Format]:
        deadline.check()  # it may have waited for a free worker
        return run_query(store, req, results, graphs, settings, deadline)

    body, fmt = await workers.run(job, deadline.seconds)
    return Response(body, media_type=fmt.content_type)


@dataclass(frozen=True)
class Deadline:
    """When a query must give up; `check` raises the 503 from then on."""

    at: float
    seconds: float

    @classmethod
    def after(cls, seconds: float) -> Deadline:
        return cls(time.monotonic() + seconds, seconds)

    def check(self) -> None:
        if time.monotonic() > self.at:
            raise timed_out(self.seconds)


def timed_out(seconds: float) -> ProtocolError:
    return ProtocolError(503, f"the query did not finish within {seconds:g} s and was stopped; make it more "
                              "selective (narrower patterns, LIMIT) or ask the operator to raise "
                              "RUIMTEGRAAF_SPARQL_TIMEOUT")


def not_acceptable(offers: tuple[Format, ...]) -> ProtocolError:
    return ProtocolError(406, "none of the formats this answer can take is acceptable. Ask for one of:\n"
                              + describe(offers))


def run_query(store: GraphStore, req: SparqlRequest, results: Format | None, graphs: Format | None,
              settings: Settings, deadline: Deadline) -> tuple[bytes, Format]:
    """Evaluate and serialise the query completely (in a worker thread); ProtocolError on failure."""
    assert req.query is not None
    try:
        result = store.query(f"BASE <{settings.base_iri}>\n{req.query}",
                             default_graphs=req.default_graphs or None, named_graphs=req.named_graphs or None)
    except SyntaxError as error:
        raise bad_query(req.query, error) from None
    except (RuntimeError, ValueError, TypeError) as error:  # e.g. an unknown extension function
        raise ProtocolError(400, f"the query cannot be evaluated: {error}") from None
    except OSError as error:
        raise unreadable(error) from None
    deadline.check()
    try:
        if isinstance(result, ox.QueryTriples):
            if graphs is None:
                raise not_acceptable(GRAPH_FORMATS)
            return write_graph(result, graphs, settings.sparql_max_rows, deadline), graphs
        if results is None:
            raise not_acceptable(RESULT_FORMATS)
        if isinstance(result, ox.QueryBoolean):
            return result.serialize(format=results.writer), results
        return write_solutions(result, results, settings.sparql_max_rows, deadline), results
    except OSError as error:  # pyoxigraph reads the store lazily, while serialising
        raise unreadable(error) from None


def unreadable(error: OSError) -> ProtocolError:
    return ProtocolError(503, f"the graph store could not be read: {error}; try again later")


def bad_query(query: str, error: SyntaxError) -> ProtocolError:
    """The 400 for a query pyoxigraph cannot parse, with positions in the client's own text."""
    if looks_like_update(query):
        return ProtocolError(400, "this is a SPARQL Update, not a query; this endpoint is read-only and "
                                  "answers SELECT, ASK, CONSTRUCT and DESCRIBE only")

    def unshift(match: re.Match[str]) -> str:  # the BASE line we prepend shifts every line by one
        numbers = [int(n) if n else None for n in match.groups()]
        start = f"error at {numbers[0] - 1}:{numbers[1]}"
        return start + (f"-{numbers[2] - 1}:{numbers[3]}" if numbers[2] else "")

    return ProtocolError(400, "malformed query: " + _ERROR_AT.sub(unshift, str(error)))


class _ChunkWriter(io.RawIOBase):
    """Where pyoxigraph writes TSV: counts solutions (one line each) and checks the deadline."""

    def __init__(self, max_rows: int, deadline: Deadline) -> None:
        self.chunks: list[bytes] = []
        self.lines = 0
        self.max_rows, self.deadline = max_rows, deadline

    def writable(self) -> bool:
        return True

    def write(self, chunk: bytes) -> int:  # type: ignore[override]
        data = bytes(chunk)
        self.lines += data.count(b"\n")
        if self.lines - 1 > self.max_rows:  # the first line is the header
            raise too_many(self.max_rows, "solutions")
        self.deadline.check()
        self.chunks.append(data)
        return len(data)


def write_solutions(solutions: ox.QuerySolutions, fmt: Format, max_rows: int, deadline: Deadline) -> bytes:
    """SELECT results in `fmt`, via TSV (one line per solution) so the rows can be counted."""
    writer = _ChunkWriter(max_rows, deadline)
    solutions.serialize(writer, format=TSV.writer)
    tsv = b"".join(writer.chunks)
    if fmt.name == TSV.name:
        return tsv
    body = ox.parse_query_results(tsv, format=TSV.writer).serialize(format=fmt.writer)
    deadline.check()
    return body


def write_graph(triples: Iterable[ox.Triple], fmt: Format, max_rows: int, deadline: Deadline) -> bytes:
    """CONSTRUCT/DESCRIBE results in `fmt`, counting the triples and checking the deadline."""

    def guarded() -> Iterator[ox.Triple]:
        for count, triple in enumerate(triples, 1):
            if count > max_rows:
                raise too_many(max_rows, "triples")
            deadline.check()
            problem = unwritable(triple, fmt)
            if problem:
                raise ProtocolError(406, f"{problem}; ask for Turtle or N-Triples instead")
            yield triple

    prefixes = PREFIXES if fmt.name in (TURTLE.name, RDFXML.name) else None
    return ox.serialize(guarded(), format=fmt.writer, prefixes=prefixes)


def unwritable(triple: ox.Triple, fmt: Format) -> str | None:
    """Why `fmt` cannot express `triple` (pyoxigraph would write broken XML or fail), if it cannot."""
    if fmt.name == RDFXML.name and not _XML_NAME_END.search(triple.predicate.value):
        return f"RDF/XML cannot write the predicate <{triple.predicate.value}>"
    if fmt.name == JSONLD.name and isinstance(triple.object, ox.Triple):
        return "JSON-LD cannot write RDF 1.2 triple terms"
    return None


def too_many(limit: int, what: str) -> ProtocolError:
    return ProtocolError(422, f"the answer has more than {limit} {what}, the limit of this endpoint; nothing "
                              "was returned. Add LIMIT and OFFSET (with ORDER BY) to fetch it in pages.")


class QueryWorkers:
    """A few daemon threads with large stacks; `run` waits for a job with a timeout.

    A job that outlives its timeout keeps its thread until it returns; the caller already got a 503.
    """

    def __init__(self, count: int, stack_bytes: int) -> None:
        self._jobs: queue.SimpleQueue[tuple[Callable[[], object], Future[object]]] = queue.SimpleQueue()
        self._count, self._stack_bytes = count, stack_bytes
        self._lock = threading.Lock()
        self._started = False

    async def run(self, job: Callable[[], T], timeout: float) -> T:
        """The job's result, or a 503 ProtocolError when it takes longer than `timeout` seconds."""
        self._start()
        future: Future[object] = Future()
        self._jobs.put((job, future))
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), timeout)  # type: ignore[return-value]
        except TimeoutError:
            future.cancel()
            raise timed_out(timeout) from None

    def _start(self) -> None:
        with self._lock:
            if self._started:
                return
            self._started = True
            previous = threading.stack_size()
            try:
                threading.stack_size(self._stack_bytes)
            except (ValueError, RuntimeError):
                log.warning("cannot set a %d-byte thread stack; SPARQL workers use the default", self._stack_bytes)
            try:
                for n in range(self._count):
                    threading.Thread(target=self._serve, name=f"sparql-{n}", daemon=True).start()
            finally:
                threading.stack_size(previous)

    def _serve(self) -> None:
        while True:
            job, future = self._jobs.get()
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(job())
            except BaseException as error:
                future.set_exception(detached(error))
            del job, future


def detached(error: BaseException) -> BaseException:
    """The error without traceback or context, whose frames hold pyoxigraph results.

    pyoxigraph result objects must be dropped in the thread that made them (pyo3 "unsendable"), so
    nothing that refers to them may travel to the event loop thread. Unexpected errors are logged here.
    """
    if not isinstance(error, ProtocolError):
        log.error("SPARQL query failed", exc_info=error)
    traceback.clear_frames(error.__traceback__)
    error.__context__ = error.__cause__ = None
    return error.with_traceback(None)


async def describe_service(request: Request, req: SparqlRequest, store: GraphStore, workers: QueryWorkers,
                           settings: Settings) -> Response:
    """GET without a query: the Service Description, or the query page for a browser."""
    fmt = choose(DESCRIPTION_FORMATS, req.accept, req.format)
    if fmt is None:
        raise not_acceptable(DESCRIPTION_FORMATS)
    endpoint = str(request.url.replace(query="", fragment=""))
    if fmt.name == HTML.name:
        page = query_page(request.url.path, settings.sparql_timeout_s, settings.sparql_max_rows)
        return Response(page, media_type=HTML.content_type)
    graphs = await workers.run(store.graphs, settings.sparql_timeout_s)
    prefixes = {"sd": SD, "formats": "http://www.w3.org/ns/formats/"}
    body = ox.serialize(service_description(endpoint, graphs), format=fmt.writer,
                        prefixes=prefixes if fmt.name in (TURTLE.name, RDFXML.name) else None)
    return Response(body, media_type=fmt.content_type)


def service_description(endpoint: str, graphs: list[str]) -> list[ox.Triple]:
    """The sd: description: endpoint, language, formats, the union default graph and the named graphs."""
    service, dataset, default = ox.BlankNode(), ox.BlankNode(), ox.BlankNode()

    def sd(term: str) -> ox.NamedNode:
        return ox.NamedNode(SD + term)

    triples = [ox.Triple(service, RDF_TYPE, sd("Service")),
               ox.Triple(service, sd("endpoint"), ox.NamedNode(endpoint)),
               ox.Triple(service, sd("supportedLanguage"), sd("SPARQL11Query")),
               ox.Triple(service, sd("feature"), sd("UnionDefaultGraph")),
               ox.Triple(service, sd("defaultDataset"), dataset),
               ox.Triple(dataset, RDF_TYPE, sd("Dataset")),
               ox.Triple(dataset, sd("defaultGraph"), default),
               ox.Triple(default, RDF_TYPE, sd("Graph"))]
    triples += [ox.Triple(service, sd("resultFormat"), ox.NamedNode(f.iri))
                for f in RESULT_FORMATS + GRAPH_FORMATS if f.iri]
    for graph in graphs:
        named = ox.BlankNode()
        triples += [ox.Triple(dataset, sd("namedGraph"), named), ox.Triple(named, RDF_TYPE, sd("NamedGraph")),
                    ox.Triple(named, sd("name"), ox.NamedNode(graph))]
    return triples


EXAMPLE_QUERY = """PREFIX rg: <https://w3id.org/ruimtegraaf/def/>

# Hoeveel triples staan er in elke benoemde graaf?
SELECT ?graaf (COUNT(*) AS ?triples)
WHERE { GRAPH ?graaf { ?s ?p ?o } }
GROUP BY ?graaf
ORDER BY DESC(?triples)
LIMIT 50
"""

_PAGE = """<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>SPARQL – Ruimtegraaf</title>
<style>
body {{ font: 16px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem;
       color: #1a1a1a; }}
label {{ display: block; font-weight: 600; margin: 1rem 0 .25rem; }}
textarea {{ width: 100%; min-height: 16rem; font: 14px/1.4 ui-monospace, monospace; box-sizing: border-box; }}
select, button {{ font: inherit; padding: .3rem .6rem; }}
button {{ margin-top: 1rem; }}
:focus-visible {{ outline: 3px solid #1f5fbf; outline-offset: 2px; }}
p.hint {{ color: #444; }}
</style>
</head>
<body>
<main>
<h1>SPARQL-endpoint van Ruimtegraaf</h1>
<p>Alleen lezen (SPARQL 1.1 Query). Zonder <code>FROM</code> of <code>default-graph-uri</code> is de
standaardgraaf de vereniging van alle benoemde grafen. Tijdslimiet {timeout:g} s, hoogstens {rows} rijen.</p>
<form method="get" action="{action}">
<label for="query">Query</label>
<textarea id="query" name="query" spellcheck="false" required>{example}</textarea>
<label for="format">Resultaatformaat</label>
<select id="format" name="format">
<option value="">Automatisch (JSON of Turtle)</option>
<option value="json">SPARQL JSON</option><option value="xml">SPARQL XML of RDF/XML</option>
<option value="csv">CSV</option><option value="tsv">TSV</option>
<option value="turtle">Turtle</option><option value="ntriples">N-Triples</option>
<option value="jsonld">JSON-LD</option>
</select>
<div><button type="submit">Uitvoeren</button></div>
</form>
<p class="hint">Machines: <a href="{action}?format=turtle">servicebeschrijving</a> (SPARQL 1.1 Service
Description, Turtle).</p>
</main>
</body>
</html>
"""


def query_page(action: str, timeout: float, rows: int) -> str:
    """The HTML query page: a labelled textarea and format choice that submit GET /sparql."""
    return _PAGE.format(action=html.escape(action), example=html.escape(EXAMPLE_QUERY), timeout=timeout,
                        rows=rows)
