"""Content negotiation for the SPARQL endpoint: the formats we write and how a client picks one.

A client picks with the `Accept` header (RFC 9110 §12.5.1: q-values, `type/*` and `*/*` wildcards,
`q=0` meaning "not acceptable") or with a `format` parameter that overrides it. Media-type
parameters other than `q` (such as `charset`) are ignored when matching.

`format` is read as real clients send it: repeated (`format=json-ld&format=application/ld+json,...`
from SPARQLWrapper), comma-separated, a short name (`json`, `xml`, `csv`, `tsv`, `turtle`, `n3`,
`json-ld`, ...) or a media type. The first value that names a format the answer can take wins. When
none does, `choose(..., lenient=True)` (the SPARQL endpoint) lets the Accept header decide, as if there
were no `format`; otherwise that is a 406.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, replace

import pyoxigraph as ox

FORMATS_NS = "http://www.w3.org/ns/formats/"


@dataclass(frozen=True)
class Format:
    """One serialisation we can answer with."""

    name: str  # the canonical value of the `format` parameter
    media_type: str  # what we put in Content-Type (a charset is added for text/*)
    also: tuple[str, ...]  # other media types that select this format in Accept
    aliases: tuple[str, ...]  # other `format` parameter values
    writer: ox.QueryResultsFormat | ox.RdfFormat | None
    iri: str | None  # the W3C formats IRI, for the service description

    def __hash__(self) -> int:  # kept by the dataclass; equal formats have equal names (negotiation caches by them)
        return hash((self.name, self.media_type))

    @property
    def media_types(self) -> tuple[str, ...]:
        return (self.media_type, *self.also)

    @property
    def content_type(self) -> str:
        return f"{self.media_type}; charset=utf-8" if self.media_type.startswith("text/") else self.media_type


RQ = ox.QueryResultsFormat
JSON = Format("json", "application/sparql-results+json", ("application/json",), (), RQ.JSON,
              FORMATS_NS + "SPARQL_Results_JSON")
XML = Format("xml", "application/sparql-results+xml", ("application/xml",), (), RQ.XML,
             FORMATS_NS + "SPARQL_Results_XML")
CSV = Format("csv", "text/csv", (), (), RQ.CSV, FORMATS_NS + "SPARQL_Results_CSV")
TSV = Format("tsv", "text/tab-separated-values", (), (), RQ.TSV, FORMATS_NS + "SPARQL_Results_TSV")
TURTLE = Format("turtle", "text/turtle", ("application/x-turtle",), ("ttl",), ox.RdfFormat.TURTLE,
                FORMATS_NS + "Turtle")
NTRIPLES = Format("ntriples", "application/n-triples", (), ("nt",), ox.RdfFormat.N_TRIPLES,
                  FORMATS_NS + "N-Triples")
JSONLD = Format("jsonld", "application/ld+json", (), ("json-ld", "json"), ox.RdfFormat.JSON_LD,
                FORMATS_NS + "JSON-LD")
RDFXML = Format("rdfxml", "application/rdf+xml", (), ("xml", "rdf", "rdf+xml"), ox.RdfFormat.RDF_XML,
                FORMATS_NS + "RDF_XML")
N3 = Format("n3", "text/n3", ("text/rdf+n3",), (), ox.RdfFormat.N3, FORMATS_NS + "N3")
HTML = Format("html", "text/html", ("application/xhtml+xml",), (), None, None)

# Server preference comes first: JSON for SELECT/ASK, Turtle for graphs.
RESULT_FORMATS = (JSON, XML, CSV, TSV)
GRAPH_FORMATS = (TURTLE, NTRIPLES, JSONLD, RDFXML)
QUERY_GRAPH_FORMATS = (*GRAPH_FORMATS, N3)  # CONSTRUCT and DESCRIBE at /sparql (SPARQLWrapper asks for N3)
DESCRIPTION_FORMATS = (*GRAPH_FORMATS, HTML)


@dataclass(frozen=True)
class MediaRange:
    """One element of an Accept header."""

    type: str
    subtype: str
    q: float
    order: int

    def specificity(self, media_type: str) -> int:
        """3 for an exact match, 2 for `type/*`, 1 for `*/*`, 0 when the range does not match."""
        kind, _, sub = media_type.partition("/")
        if self.type == "*":
            return 1
        if self.type != kind:
            return 0
        if self.subtype == "*":
            return 2
        return 3 if self.subtype == sub else 0


def parse_accept(header: str | None) -> list[MediaRange]:
    """The media ranges of an Accept header; a missing or empty header accepts anything.

    Malformed elements are skipped rather than failing the request.

    >>> [(r.type, r.subtype, r.q) for r in parse_accept("text/*;q=0.5, application/json")]
    [('text', '*', 0.5), ('application', 'json', 1.0)]
    """
    if header is None or not header.strip():
        return [MediaRange("*", "*", 1.0, 0)]
    ranges = []
    for order, element in enumerate(header.split(",")):
        media, *params = (part.strip() for part in element.split(";"))
        kind, slash, sub = media.lower().partition("/")
        if not slash or not kind or not sub or " " in media or (kind == "*" and sub != "*"):
            continue
        q = _quality(params)
        if q is not None:
            ranges.append(MediaRange(kind, sub, q, order))
    return ranges


def _quality(params: list[str]) -> float | None:
    """The q parameter (1 when absent), or None when it is not a number between 0 and 1."""
    for param in params:
        key, _, value = param.partition("=")
        if key.strip().lower() == "q":
            try:
                q = float(value.strip())
            except ValueError:
                return None
            return q if 0.0 <= q <= 1.0 else None
    return 1.0


def negotiate(accept: str | None, offers: Sequence[str]) -> str | None:
    """The offered media type the client prefers, or None when it accepts none of them.

    Each offer takes the quality of the most specific range that matches it; the best quality
    wins, then the more specific match, then the range listed first, then the earlier offer.

    >>> negotiate("text/csv;q=0.5, */*;q=0.1", ["application/json", "text/csv"])
    'text/csv'
    >>> negotiate("text/*, text/csv;q=0", ["text/csv"]) is None
    True
    """
    ranges = parse_accept(accept)
    scored = []
    for index, offer in enumerate(offers):
        matches = [(r.specificity(offer), r.q, -r.order) for r in ranges if r.specificity(offer)]
        if not matches:
            continue
        specificity, q, neg_order = max(matches)
        if q > 0:
            scored.append((q, specificity, neg_order, -index, offer))
    return max(scored)[-1] if scored else None


def choose(offers: Sequence[Format], accept: str | None, format_param: str | Sequence[str] | None = None,
           *, lenient: bool = False) -> Format | None:
    """The format to answer with, or None when the client accepts none of `offers` (a 406).

    `format_param` (names such as `csv` or media types, see the module docstring) overrides Accept
    when one of its values names an offer. When `offers` has no HTML but the client prefers HTML (a
    browser), it gets our default, `offers[0]`. A client that asked for an alias (`application/json`)
    gets that media type in Content-Type.

    >>> choose(RESULT_FORMATS, "text/html,*/*;q=0.8").name
    'json'
    >>> choose(GRAPH_FORMATS, None, "nt").name
    'ntriples'
    >>> choose(GRAPH_FORMATS, "text/turtle", ["yaml", "application/ld+json,application/x-json+ld"]).name
    'jsonld'
    >>> choose(GRAPH_FORMATS, "text/turtle", "yaml") is None
    True
    >>> choose(GRAPH_FORMATS, "text/turtle", "yaml", lenient=True).name
    'turtle'
    """
    values = (format_param,) if isinstance(format_param, str) else tuple(format_param or ())
    return _choose(tuple(offers), accept, values, lenient)


@functools.lru_cache(maxsize=1024)
def _choose(offers: tuple[Format, ...], accept: str | None, values: tuple[str, ...], lenient: bool) -> Format | None:
    """`choose`, kept for the Accept headers and format values clients send again and again."""
    for value in values:
        for piece in value.split(","):
            named = by_name(offers, piece.split(";")[0]) if piece.strip() else None
            if named is not None:
                return named
    if any(v.strip() for v in values) and not lenient:
        return None
    # main media types before aliases, so that a wildcard picks a main one
    by_media = {f.media_type: f for f in offers} | {media: f for f in offers for media in f.also}
    candidates = list(by_media)
    if HTML not in offers:
        candidates += HTML.media_types
    best = negotiate(accept, candidates)
    if best is None:
        return None
    if best not in by_media:
        return offers[0]
    fmt = by_media[best]
    return fmt if best == fmt.media_type else replace(fmt, media_type=best, also=())


def by_name(offers: Sequence[Format], value: str) -> Format | None:
    """The offer a `format` parameter names, by name, alias or media type."""
    value = value.strip().lower()
    for f in offers:
        if value == f.name or value in f.aliases or value in f.media_types:
            return f
    return None


def describe(offers: Sequence[Format]) -> str:
    """A line per offer for a 406 body: the format name and its media types."""
    return "\n".join(f"  format={f.name:<9} Accept: {', '.join(f.media_types)}" for f in offers)
