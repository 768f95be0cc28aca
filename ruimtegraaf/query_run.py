"""Run one SPARQL query on a pyoxigraph store and write the answer once, by the engine, in the asked format.

The engine writes every format itself (`QuerySolutions.serialize`, `QueryTriples.serialize`); the rows
are counted while the bytes stream out, from the structure of what pyoxigraph writes (`RowCount`), so
an answer over the row limit stops early and nothing is serialised twice. Every failure is a value
(`Outcome.kind`), so this runs the same in a sandboxed worker process and in the server itself.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import IO, cast

import pyoxigraph as ox

QueryResult = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples
_JSON_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_CSV_FIELD = re.compile(rb'"[^"]*"')
# characters XML 1.0 cannot carry, even as references: C0 controls but TAB, LF, CR; U+FFFE, U+FFFF
_NOT_XML = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]|\xef\xbf[\xbe\xbf]")
_EMPTY_XML_NAME = re.compile(rb"<[A-Za-z_][\w.\-]*:[\s/>]")  # a QName ending in ':' (pyoxigraph's RDF/XML)
XML_TYPES = ("application/sparql-results+xml", "application/rdf+xml")


@dataclass(frozen=True)
class QueryJob:
    """One query as the endpoint asks for it; formats are the writers' media types (None: not acceptable).

    A protocol dataset (`default_graphs` or `named_graphs` not None) replaces the service's: the default
    graph is the merge of `default_graphs` (empty when none), GRAPH sees `named_graphs` only. Without
    one, a query's own FROM / FROM NAMED applies, and otherwise the default graph is the union of all.
    """

    query: str
    base_iri: str | None = None
    default_graphs: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None
    names_dataset: bool = False  # the query has FROM or FROM NAMED
    results: str | None = "application/sparql-results+json"
    graphs: str | None = "text/turtle"
    max_rows: int = 100_000


@dataclass(frozen=True)
class Outcome:
    """What a query gave: `ok` with the body, or why not (`syntax`, `error`, `too_many`, `not_acceptable`,
    `unwritable`, `unreadable`), with a message for the client."""

    kind: str
    body: bytes = b""
    media_type: str = ""
    message: str = ""
    what: str = ""  # "solutions" or "triples": what `too_many` counted, what `not_acceptable` needed


def dataset_options(job: QueryJob) -> dict[str, object]:
    """The keyword arguments of `pyoxigraph.Store.query` that give the job's dataset."""
    if job.default_graphs is not None or job.named_graphs is not None:
        return {"default_graph": [ox.NamedNode(g) for g in job.default_graphs or ()],
                "named_graphs": [ox.NamedNode(g) for g in job.named_graphs or ()]}
    return {} if job.names_dataset else {"use_default_graph_as_union": True}


def execute(store: ox.Store, job: QueryJob) -> Outcome:
    """Evaluate and write the job's query on a pyoxigraph store.

    >>> s = ox.Store()
    >>> s.add(ox.Quad(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), ox.Literal("x"), ox.NamedNode("urn:g")))
    >>> execute(s, QueryJob("SELECT ?o { ?s ?p ?o }", results="text/tab-separated-values")).body
    b'?o\\n"x"\\n'
    """
    try:
        result = store.query(job.query, base_iri=job.base_iri, **dataset_options(job))  # type: ignore[arg-type]
    except SyntaxError as error:
        return Outcome("syntax", message=str(error))
    except OSError as error:
        return Outcome("unreadable", message=str(error))
    except (RuntimeError, ValueError, TypeError, UnicodeError) as error:  # e.g. an unknown function
        return Outcome("error", message=str(error))
    return write_result(result, job)


def write_result(result: QueryResult, job: QueryJob) -> Outcome:
    """Serialise a query result once, in the engine, counting rows as the bytes come."""
    triples = isinstance(result, ox.QueryTriples)
    media = job.graphs if triples else job.results
    what = "triples" if triples else "solutions"
    if media is None:
        return Outcome("not_acceptable", what=what)
    out = RowCount(None if isinstance(result, ox.QueryBoolean) else media, job.max_rows)
    # pyoxigraph's stubs ask for typing.IO[bytes]; its writers only call `write` on a binary file object
    sink = cast(IO[bytes], out)
    try:
        if isinstance(result, ox.QueryTriples):
            result.serialize(sink, format=ox.RdfFormat.from_media_type(media))
        else:
            result.serialize(sink, format=ox.QueryResultsFormat.from_media_type(media))
    except TooMany:
        return Outcome("too_many", what=what, message=str(job.max_rows))
    except OSError as error:
        if "not support" in str(error):  # pyoxigraph: "JSON-LD does not support RDF 1.2 yet"
            return Outcome("unwritable", message=str(error))
        return Outcome("unreadable", message=str(error))
    except (RuntimeError, ValueError, TypeError, UnicodeError) as error:  # evaluation is lazy: errors come here
        return Outcome("error", message=str(error))
    body = out.body()
    problem = unwritable(body, media)
    if problem:
        return Outcome("unwritable", message=problem)
    return Outcome("ok", body, media)


def unwritable(body: bytes, media: str) -> str | None:
    """Why an XML answer is not well-formed XML, if it is not (pyoxigraph writes what it is given)."""
    if media not in XML_TYPES:
        return None
    bad = _NOT_XML.search(body)
    if bad:
        char = bad.group().decode("utf-8")
        return f"the answer holds the character U+{ord(char):04X}, which XML cannot carry"
    if media == "application/rdf+xml" and _EMPTY_XML_NAME.search(body):
        return "RDF/XML cannot write a predicate IRI that does not end in a name (such as <urn:123>)"
    return None


class TooMany(Exception):
    """More rows than the limit: the answer is refused, never truncated."""


@dataclass(frozen=True)
class _Rule:
    """How rows show in one format: marks outside string literals, each a row (minus `minus`).

    `min_bytes`: no row takes fewer bytes than this, so an answer of `size` bytes has at most
    `size // min_bytes` rows, and one that cannot pass the limit is not looked at.
    """

    strings: re.Pattern[bytes] | None
    marks: tuple[bytes, ...]
    minus: tuple[bytes, ...] = ()
    offset: int = 0  # header lines, top-level objects
    min_bytes: int = 1


# what pyoxigraph 0.5 writes, one rule per media type (tests/test_query_run.py compares with real counts
# and checks `min_bytes` on the shortest rows each format can hold)
RULES = {
    "application/sparql-results+json": _Rule(_JSON_STRING, (b"[{", b",{"), min_bytes=3),  # [{} or ,{}
    "application/sparql-results+xml": _Rule(None, (b"<result>",), min_bytes=8),  # <result></result>
    "text/csv": _Rule(_CSV_FIELD, (b"\r\n",), offset=-1, min_bytes=2),  # CR LF
    "text/tab-separated-values": _Rule(None, (b"\n",), offset=-1),  # LF
    "application/n-triples": _Rule(None, (b"\n",), min_bytes=8),  # _:a <b> 1 .
    "application/n-quads": _Rule(None, (b"\n",), min_bytes=8),
    "text/turtle": _Rule(_JSON_STRING, (b" .\n", b" ;\n", b" , "), min_bytes=2),  # " , 1" after the first
    "text/n3": _Rule(_JSON_STRING, (b" .\n", b" ;\n", b" , "), min_bytes=2),
    "application/ld+json": _Rule(_JSON_STRING, (b"{",), (b"]},{",), offset=-1, min_bytes=2),  # value objects
    "application/rdf+xml": _Rule(None, (b"\n\t\t<",), min_bytes=4),  # property elements of each rdf:Description
}


class RowCount(io.RawIOBase):
    """A binary sink for pyoxigraph's writers that keeps the bytes and counts rows as they arrive.

    Three bounds, each looked at only when the one before passes the limit: the size (no row is
    shorter than the format's `min_bytes`: an ordinary answer is never looked at); the marks counted
    in the raw bytes, which can only overcount; and where rows are told apart from string content
    (JSON, CSV, Turtle), the exact count with the strings stripped, from the first byte. `media_type`
    None keeps the bytes without counting (a boolean answer).
    """

    def __init__(self, media_type: str | None, limit: int) -> None:
        super().__init__()
        self.limit, self.rows = limit, 0
        self._rule = RULES.get(media_type) if media_type else None
        marks = (*self._rule.marks, *self._rule.minus) if self._rule else ()
        self._keep = max((len(m) for m in marks), default=1) - 1
        self._exact = self._rule is not None and self._rule.strings is None
        self._room = self.limit * self._rule.min_bytes if self._rule else 0  # bytes that cannot pass the limit
        self._bound = 0  # marks in the raw bytes: at least the rows
        self._raw_tail = b""
        self._chunks: list[bytes] = []
        self._open = b""  # an unterminated string literal at the end of what came so far
        self._tail = b""  # the last bytes outside strings, for marks cut by a chunk boundary

    def writable(self) -> bool:
        return True

    def write(self, chunk: bytes) -> int:  # type: ignore[override]
        data = bytes(chunk)
        self._chunks.append(data)
        rule = self._rule
        if rule is None:
            return len(data)
        size = len(data)
        if self._room >= 0:
            self._room -= size
            if self._room >= 0:
                return size
            data = b"".join(self._chunks)  # past the size bound: the marks are counted from the first byte
        if not self._exact:
            window = self._raw_tail + data
            self._bound += sum(window.count(m) - self._raw_tail.count(m) for m in rule.marks)
            self._raw_tail = window[-self._keep:] if self._keep else b""
            if self._bound + rule.offset <= self.limit:
                return size
            self._exact = True  # near the limit: count exactly, from the start
            for earlier in self._chunks:
                self._count(rule, earlier)
        else:
            self._count(rule, data)
        if self.rows + rule.offset > self.limit:
            raise TooMany
        return size

    def count(self) -> int:
        """The exact number of rows (solutions or triples) written so far."""
        if self._rule is None:
            return 0
        if self._room >= 0 or not self._exact:  # not counted exactly so far: from the first byte
            self._room, self._exact, self.rows, self._open, self._tail = -1, True, 0, b"", b""
            for earlier in self._chunks:
                self._count(self._rule, earlier)
        return max(0, self.rows + self._rule.offset)

    def _count(self, rule: _Rule, data: bytes) -> None:
        if rule.strings is not None:
            if self._open and b'"' not in data:
                self._open += data  # still inside one long literal
                return
            plain = rule.strings.sub(b"", self._open + data)
            cut = plain.find(b'"')
            plain, self._open = (plain, b"") if cut < 0 else (plain[:cut], plain[cut:])
        else:
            plain = data
        window = self._tail + plain
        self.rows += sum(window.count(m) - self._tail.count(m) for m in rule.marks)
        self.rows -= sum(window.count(m) - self._tail.count(m) for m in rule.minus)
        self._tail = window[-self._keep:] if self._keep else b""

    def body(self) -> bytes:
        """Everything written, as one bytes object."""
        return b"".join(self._chunks)
