"""The SPARQL service without a query: its Service Description (sd:) and the query page for browsers."""

from __future__ import annotations

import html
from typing import cast

import pyoxigraph as ox
from fastapi import Request, Response

from api.negotiation import GRAPH_FORMATS, HTML, RDFXML, RESULT_FORMATS, TURTLE, Format

SD = "http://www.w3.org/ns/sparql-service-description#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def describe_service(request: Request, fmt: Format, graphs: list[str], timeout: float, max_rows: int) -> Response:
    """GET without a query: the Service Description in `fmt`, or the query page (HTML)."""
    if fmt.name == HTML.name:
        return Response(query_page(request.url.path, timeout, max_rows), media_type=HTML.content_type)
    endpoint = str(request.url.replace(query="", fragment=""))
    prefixes = {"sd": SD, "formats": "http://www.w3.org/ns/formats/"}
    body = ox.serialize(service_description(endpoint, graphs), format=cast(ox.RdfFormat, fmt.writer),
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
