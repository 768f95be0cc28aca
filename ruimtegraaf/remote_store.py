"""A graph store on any SPARQL 1.1 server: Query and Update protocols, Graph Store Protocol for whole graphs.

`RemoteStore` answers with the same pyoxigraph result objects as `EmbeddedStore` (`QuerySolutions`,
`QueryBoolean`, `QueryTriples`), so the /sparql endpoint and the answerer work unchanged on Oxigraph
server, Apache Jena Fuseki, Virtuoso, GraphDB or QLever.

The default graph. Ruimtegraaf keeps one named graph per document and expects a query without
`FROM` or `default-graph-uri` to see the union of the named graphs. Queries are never rewritten;
`union` says how the server provides that union:

- "server": the server's default graph already is the union. Fuseki: `tdb2:unionDefaultGraph true` on
  the dataset; GraphDB, Virtuoso and QLever: their default graph spans all graphs out of the box;
  Oxigraph: `oxigraph serve --union-default-graph`, which however also overrides a query's own
  `FROM` (prefer "oxigraph" there).
- "oxigraph": Oxigraph's per-request `union-default-graph` parameter, sent only when the query names
  no dataset itself, so `FROM` / `FROM NAMED` keep working (server started without the flag).
- "explicit": every named graph sent as a `default-graph-uri` and a `named-graph-uri` (any server; one
  extra query, and long parameter lists travel in a form-encoded body).

`check_union_default_graph()` verifies the choice against the live server. Dataset parameters are
sent as the SPARQL Protocol defines them, as the embedded store reads them: given graphs replace the
dataset (only `named_graphs`: an empty default graph; only `default_graphs`: no named graphs).

A query is read into tokens first (`ruimtegraaf.sparql_syntax`): a federated one (SERVICE, however
written) is refused here, so the server is never asked to call out. SELECT, CONSTRUCT and DESCRIBE
queries are parsed locally by pyoxigraph first (not evaluated), so a malformed one fails with the same
`SyntaxError` as on the embedded store; an ASK goes to the server as it is. The query form picks the
result format asked for. Failures are
`RuimtegraafError`s: `StoreUnavailable` (also an `OSError`: unreachable, refused, server error, time
out) and `StoreQueryError` (also a `ValueError`: the server rejected the query), so the /sparql
endpoint answers them with 503 and 400 like the embedded store's own errors.

`open_store` is the one place that picks the store a build serves from: this one or the build's own.
"""

from __future__ import annotations

import base64
import urllib.error
import urllib.request
from collections.abc import Iterable
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any
from urllib.parse import urlencode

import pyoxigraph as ox

from ruimtegraaf.builds import STORE_DIR
from ruimtegraaf.errors import RuimtegraafError
from ruimtegraaf.sparql_syntax import analyse
from ruimtegraaf.store import EmbeddedStore, GraphStore, QueryResult, names_its_dataset

if TYPE_CHECKING:
    from ruimtegraaf.settings import Settings

UNION_MODES = ("server", "oxigraph", "explicit")
QUERY_TYPE = "application/sparql-query"
UPDATE_TYPE = "application/sparql-update"
FORM_TYPE = "application/x-www-form-urlencoded"
RESULTS_ACCEPT = "application/sparql-results+json, application/sparql-results+xml;q=0.9"
GRAPH_ACCEPT = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5"
MAX_URL = 4096  # longer dataset parameter lists travel in a form-encoded body instead of the URL
ERROR_SNIPPET = 500
GRAPHS_QUERY = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
QUADS_QUERY = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
_FORMS = {"SELECT": "solutions", "ASK": "boolean", "CONSTRUCT": "triples", "DESCRIBE": "triples"}


class StoreUnavailable(RuimtegraafError, OSError):
    """The SPARQL server cannot be reached, refuses access, fails or times out."""

    status: int | None = None  # the HTTP status, when the server answered


class StoreQueryError(RuimtegraafError, ValueError):
    """The SPARQL server rejected a query or update as invalid."""

    status: int | None = None


class RemoteStore:
    """A GraphStore on a SPARQL 1.1 server; read-only unless an update or Graph Store URL is given.

    `auth` is a (user, password) pair for HTTP Basic or a bearer token string.

    >>> store = RemoteStore("http://127.0.0.1:7878/query", graph_store_url="http://127.0.0.1:7878/store",
    ...                     timeout=30, union="oxigraph")
    >>> store.query_url
    'http://127.0.0.1:7878/query'
    """

    def __init__(self, query_url: str, update_url: str | None = None, graph_store_url: str | None = None, *,
                 timeout: float, auth: tuple[str, str] | str | None = None, union: str = "server") -> None:
        if union not in UNION_MODES:
            raise RuimtegraafError(f"unknown union default graph mode {union!r}; use one of {', '.join(UNION_MODES)}")
        self.query_url, self.update_url, self.graph_store_url = query_url, update_url, graph_store_url
        self.timeout, self.union = timeout, union
        self._authorization = _authorization(auth)
        self.read_only = update_url is None and graph_store_url is None

    @classmethod
    def from_settings(cls, settings: Settings) -> RemoteStore:
        """The store the `store_*` settings describe (see docs/deploy.md)."""
        user, password = getattr(settings, "store_user", None), getattr(settings, "store_password", None)
        token = getattr(settings, "store_token", None)
        auth: tuple[str, str] | str | None = (user, password or "") if user else token
        return cls(settings.store_url, getattr(settings, "store_update_url", None),  # type: ignore[arg-type]  # called when store_url is set
                   getattr(settings, "store_gsp_url", None), timeout=getattr(settings, "store_timeout_s", 60.0),
                   auth=auth, union=getattr(settings, "store_union", "server"))

    def query(self, sparql: str, *, default_graphs: list[str] | None = None,
              named_graphs: list[str] | None = None, base_iri: str | None = None) -> QueryResult:
        """Run a SPARQL query on the server; without a dataset the default graph is the union.

        A federated query (SERVICE) is refused with StoreQueryError before anything is sent.
        """
        if analyse(sparql).uses_service:
            raise StoreQueryError("federated queries (SERVICE) are off: the SPARQL server is never asked to "
                                  "call another endpoint")
        return self._run(sparql, self._dataset(sparql, default_graphs, named_graphs), base_iri)

    def _run(self, sparql: str, params: list[tuple[str, str]], base_iri: str | None = None) -> QueryResult:
        """Send a query with these protocol parameters and parse the answer."""
        form = query_form(sparql, base_iri)
        if base_iri:
            sparql = f"BASE <{base_iri}>\n{sparql}"
        accept = GRAPH_ACCEPT if form == "triples" else RESULTS_ACCEPT
        url = _with_params(self.query_url, params)
        if len(url) <= MAX_URL:
            body, media = self._send("POST", url, sparql.encode("utf-8"), QUERY_TYPE, accept, "store_url")
        else:
            data = urlencode([("query", sparql), *params]).encode("ascii")
            body, media = self._send("POST", self.query_url, data, FORM_TYPE, accept, "store_url")
        return self._results(body, media, form)

    def update(self, sparql: str) -> None:
        """Run a SPARQL Update on the server (needs `update_url`)."""
        if self.update_url is None:
            raise RuimtegraafError("this remote store is read-only: set store_update_url to the server's "
                                   "SPARQL Update endpoint to change data")
        self._send("POST", self.update_url, sparql.encode("utf-8"), UPDATE_TYPE, "*/*", "store_update_url")

    def replace_graph(self, graph: str, triples: Iterable[ox.Triple]) -> None:
        """Replace one named graph: Graph Store Protocol PUT, or DROP + INSERT DATA over SPARQL Update."""
        data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
        assert data is not None  # without an output, serialize returns the bytes
        if self.graph_store_url is not None:
            url = _with_params(self.graph_store_url, [("graph", graph)])
            self._send("PUT", url, data, ox.RdfFormat.N_TRIPLES.media_type, "*/*", "store_gsp_url")
            return
        iri = str(ox.NamedNode(graph))
        self.update(f"DROP SILENT GRAPH {iri} ;\nINSERT DATA {{ GRAPH {iri} {{\n{data.decode('utf-8')}}} }}")

    def remove_graph(self, graph: str) -> None:
        """Drop one named graph (no error when it does not exist)."""
        if self.graph_store_url is not None:
            url = _with_params(self.graph_store_url, [("graph", graph)])
            try:
                self._send("DELETE", url, None, None, "*/*", "store_gsp_url")
            except StoreUnavailable as error:
                if error.status != 404:
                    raise
            return
        self.update(f"DROP SILENT GRAPH {ox.NamedNode(graph)}")

    def graphs(self) -> list[str]:
        """The IRIs of the named graphs, sorted."""
        solutions = self._run(GRAPHS_QUERY, [])  # GRAPH ?g: every named graph whatever the union mode
        assert isinstance(solutions, ox.QuerySolutions)
        return sorted(s["g"].value for s in solutions if isinstance(s["g"], ox.NamedNode))

    def dump(self, output: IO[bytes], format: ox.RdfFormat) -> None:
        """Write every quad (or, for triple formats, the union of the graphs) to `output`."""
        solutions = self._run(QUADS_QUERY, [])
        assert isinstance(solutions, ox.QuerySolutions)
        quads = [ox.Quad(s["s"], s["p"], s["o"], s["g"]) for s in solutions]  # type: ignore[arg-type]  # the query binds ?s ?p ?o ?g to terms a quad takes
        if format in (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG):
            ox.serialize(quads, output, format=format)
            return
        ox.serialize(dict.fromkeys(q.triple for q in quads), output, format=format)

    def check_union_default_graph(self) -> None:
        """Raise RuimtegraafError when a triple of a named graph is missing from the default graph."""
        sample = self.query("SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } "
                            "FILTER(!isBlank(?s) && !isBlank(?o) && !isTriple(?o)) } LIMIT 1")
        assert isinstance(sample, ox.QuerySolutions)
        rows = list(sample)
        if not rows:
            return
        s, p, o = (rows[0][v] for v in ("s", "p", "o"))
        if not self.query(f"ASK {{ {s} {p} {o} }}"):
            raise RuimtegraafError(
                f"the default graph of the SPARQL server at {self.query_url} is not the union of its named "
                f"graphs (store_union={self.union!r}); set store_union to 'oxigraph' for an Oxigraph server, "
                "set tdb2:unionDefaultGraph true on a Fuseki dataset, or set store_union to 'explicit' for any "
                "server (docs/deploy.md)")

    def _dataset(self, sparql: str, default_graphs: list[str] | None,
                 named_graphs: list[str] | None) -> list[tuple[str, str]]:
        """The protocol's dataset parameters that make the server see what the embedded store would."""
        if default_graphs is not None or named_graphs is not None:  # the protocol's dataset replaces ours
            return ([("default-graph-uri", g) for g in default_graphs or []]
                    + [("named-graph-uri", g) for g in named_graphs or []])
        if names_its_dataset(sparql):
            return []
        if self.union == "oxigraph":
            return [("union-default-graph", "")]
        if self.union == "explicit":  # naming the default graphs would hide the named ones: name them too
            every = self.graphs()
            return [("default-graph-uri", g) for g in every] + [("named-graph-uri", g) for g in every]
        return []

    def _results(self, body: bytes, media: str, form: str) -> QueryResult:
        """Parse the server's answer into the pyoxigraph result object of the query's form."""
        try:
            if form == "triples":
                fmt = ox.RdfFormat.from_media_type(media) or ox.RdfFormat.N_TRIPLES
                return as_query_triples(t if isinstance(t, ox.Triple) else t.triple for t in ox.parse(body, format=fmt))
            results_format = ox.QueryResultsFormat.from_media_type(media) or ox.QueryResultsFormat.JSON
            return ox.parse_query_results(body, format=results_format)
        except (SyntaxError, ValueError) as error:
            raise StoreUnavailable(f"the SPARQL server at {self.query_url} sent an answer that cannot be read "
                                   f"as {media or 'an unnamed format'}: {error}; check store_url") from None

    def _send(self, method: str, url: str, data: bytes | None, content_type: str | None, accept: str,
              setting: str) -> tuple[bytes, str]:
        """One HTTP request; returns body and media type, raises StoreUnavailable / StoreQueryError."""
        headers = {"Accept": accept}
        if content_type:
            headers["Content-Type"] = content_type + ("; charset=utf-8" if content_type != FORM_TYPE else "")
        if self._authorization:
            headers["Authorization"] = self._authorization
        request = urllib.request.Request(url, data=data, headers=headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.read(), response.headers.get("Content-Type", "").split(";")[0].strip()
        except urllib.error.HTTPError as error:
            raise _http_error(error, method, url, setting) from None
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            if isinstance(reason, TimeoutError):
                raise StoreUnavailable(f"the SPARQL server at {url} did not answer within {self.timeout:g} s; "
                                       "check the server's load or raise store_timeout_s") from None
            raise StoreUnavailable(f"the SPARQL server at {url} cannot be reached ({reason}); start it or "
                                   f"point the {setting} setting at it") from None


def query_form(sparql: str, base_iri: str | None = None) -> str:
    """"solutions", "boolean" or "triples"; SyntaxError (from a local parse) for a malformed query.

    SELECT, CONSTRUCT and DESCRIBE are parsed by pyoxigraph without being evaluated (its results are
    lazy). An ASK would be evaluated at once, SERVICE calls included, so its syntax is left to the server.

    >>> query_form("ASK { ?s ?p ?o }"), query_form("PREFIX ask: <urn:x> CONSTRUCT WHERE { ?s ask:p ?o }")
    ('boolean', 'triples')
    """
    form = _FORMS.get(analyse(sparql).form or "")
    if form == "boolean":
        return form
    result = ox.Store().query(sparql, base_iri=base_iri)  # an empty store: SyntaxError as the embedded store
    if isinstance(result, ox.QueryBoolean):
        return "boolean"
    return "triples" if isinstance(result, ox.QueryTriples) else "solutions"


def as_query_triples(triples: Iterable[ox.Triple]) -> ox.QueryTriples:
    """The triples as a pyoxigraph `QueryTriples` (the type a CONSTRUCT on the embedded store returns)."""
    scratch = ox.Store()
    scratch.extend(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples)
    result = scratch.query("CONSTRUCT WHERE { ?s ?p ?o }")
    assert isinstance(result, ox.QueryTriples)
    return result


def sync_graphs(source: EmbeddedStore, target: Any, only: Iterable[str] | None = None) -> int:
    """Copy the named graphs of a build's store into `target` and drop the graphs it no longer has.

    `only` names the graphs that changed since the last sync (an incremental ingest); the others are
    left alone unless `target` lacks them (a new or emptied server gets everything). Returns the number
    of graphs sent.
    """
    wanted = source.graphs()
    present = set(target.graphs())
    sent = wanted if only is None else sorted((set(only) | (set(wanted) - present)) & set(wanted))
    for graph in sent:
        quads = source.native.quads_for_pattern(None, None, None, ox.NamedNode(graph))
        target.replace_graph(graph, [q.triple for q in quads])
    for stale in sorted(present - set(wanted)):
        target.remove_graph(stale)
    return len(sent)


def _with_params(url: str, params: list[tuple[str, str]]) -> str:
    if not params:
        return url
    return url + ("&" if "?" in url else "?") + urlencode(params)


def _authorization(auth: tuple[str, str] | str | None) -> str | None:
    if auth is None or auth == "":
        return None
    if isinstance(auth, str):
        return f"Bearer {auth}"
    user, password = auth
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode("ascii")


def _http_error(error: urllib.error.HTTPError, method: str, url: str, setting: str) -> RuimtegraafError:
    """A clear error for an HTTP error status from the server."""
    try:
        detail = error.read(ERROR_SNIPPET).decode("utf-8", "replace").strip()
    except OSError:
        detail = ""
    status = error.code
    where = f"the SPARQL server at {url} answered {method} with {status}"
    result: StoreUnavailable | StoreQueryError
    if status in (400, 422):
        result = StoreQueryError(f"{where}: {detail or error.reason}")
    elif status in (401, 403):
        result = StoreUnavailable(f"{where}: access refused; check store_user / store_password or store_token, "
                                  f"and that {setting} allows this operation")
    elif status in (404, 405):
        result = StoreUnavailable(f"{where}: no such endpoint or graph; check the {setting} setting")
    else:
        result = StoreUnavailable(f"{where}: {detail or error.reason}; try again later")
    result.status = status
    return result


def open_store(settings: Settings, build_dir: Path) -> GraphStore:
    """The store a build serves from: the SPARQL server `settings.store_url` names, else the build's own.

    >>> import tempfile
    >>> from ruimtegraaf.settings import Settings
    >>> from ruimtegraaf.builds import STORE_DIR
    >>> build = Path(tempfile.mkdtemp()); EmbeddedStore(build / STORE_DIR).flush()
    >>> type(open_store(Settings(), build)).__name__
    'EmbeddedStore'
    """
    if getattr(settings, "store_url", None):  # the remote store settings are optional fields
        return RemoteStore.from_settings(settings)
    return EmbeddedStore(build_dir / STORE_DIR, read_only=True)
