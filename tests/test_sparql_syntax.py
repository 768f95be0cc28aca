"""Reading a query's tokens as Oxigraph does: SERVICE however written, FROM, the form, nesting."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from ruimtegraaf.sparql_syntax import analyse, unescape_codepoints

EP = "<http://127.0.0.1:1/sparql>"


@pytest.mark.parametrize("query", [
    f"SELECT * {{ SERVICE {EP} {{ ?s ?p ?o }} }}",
    f"select * {{ service {EP} {{ ?s ?p ?o }} }}",
    f"SELECT ?x WHERE {{ BIND(1 AS ?k) .SERVICE {EP} {{ ?x ?y ?z }} }}",
    f"SELECT * {{ SERVICESILENT {EP} {{ ?s ?p ?o }} }}",
    f"SELECT * {{ ?s ?p trueSERVICE {EP} {{ ?s ?p ?o }} }}",
    "SELECT * { SERVICE?x{ ?s ?p ?o } }",
    f"SELECT * {{ SERVICE{EP}{{ ?s ?p ?o }} }}",
    f"PREFIX ex: <urn:ex:> SELECT * {{ ?s ?p ex:a\\#b . SERVICE {EP} {{ ?s ?p ?o }} }}",
    f"PREFIX ex: <urn:ex:> SELECT * {{ ?s ?p ex:a\\'b . SERVICE {EP} {{ ?s ?p ?o }} }}",
    f"SELECT * {{ ?s ?p <urn:a\\u0023b> . SERVICE {EP} {{ ?s ?p ?o }} }}",
    f'SELECT * {{ ?s ?p ?o FILTER(?o<1#> """\n) SERVICE {EP} {{ ?a ?b ?c }} # """\n}}',
    f"SELECT * {{ ?s ?p ?o FILTER(?o<a'''> )\nSERVICE {EP} {{ ?a ?b ?c }} # '''\n}}",
    f"SELECT * {{ ?s ?p ?o FILTER(?o<=a#> )\nSERVICE {EP} {{ ?a ?b ?c }}\n}}",
    f"SELECT * {{ {{ SELECT * {{ SERVICE {EP} {{ ?s ?p ?o }} }} }} }}",
    f"SELECT * {{ ?s ?p ?o FILTER EXISTS {{ SERVICE {EP} {{}} }} }}",
    f"SELECT * {{ ?s ?p ?o FILTERNOT EXISTS {{ SERVICE {EP} {{}} }} }}",
    "PREFIX ex: <urn:ex:> SELECT * { SERVICEex:ep { ?s ?p ?o } }",
    f"SELECT * {{ \\u0053ERVICE {EP} {{ ?s ?p ?o }} }}",
    f"ASK {{ SERVICE {EP} {{}} }}",
])
def test_service_is_found_however_written(query: str) -> None:
    assert analyse(query).uses_service


@pytest.mark.parametrize("query", [
    'SELECT * { ?s ?p "SERVICE <x> {}" }',
    "SELECT * { ?s ?p '''\nSERVICE <x> {}''' }",
    "SELECT * { ?s ?p ?o } # SERVICE <x> {}",
    "PREFIX sd: <http://www.w3.org/ns/sparql-service-description#> SELECT ?s { ?s a sd:Service }",
    "SELECT ?service { ?service <http://example.org/service#x> ?o }",
    "SELECT * { ?s ?p ?o FILTER(1<2&&3>2) }",
    "SELECT * { VALUES (?a ?b) { (<urn:x#1> <urn:y#2>) (<urn:x#3> <urn:y#4>) } }",
    "SELECT * { ?s ?p (<urn:x#1> <urn:y#2> <urn:z#3>) }",
    "SELECT (COUNT(*) AS ?n) { ?s a <http://www.w3.org/2002/07/owl#Class> } HAVING (COUNT(*) < 3)",
])
def test_what_only_mentions_service_is_not_federated(query: str) -> None:
    shape = analyse(query)
    assert not shape.uses_service and shape.readable and shape.checked


def test_every_service_example_is_a_query_oxigraph_accepts() -> None:
    """The ones Oxigraph 0.5 reads as SERVICE must parse: otherwise the test above proves nothing."""
    for query in (f"SELECT * {{ SERVICESILENT {EP} {{ ?s ?p ?o }} }}",
                  f'SELECT * {{ ?s ?p ?o FILTER(?o<1#> """\n) SERVICE {EP} {{ ?a ?b ?c }} # """\n}}',
                  f"PREFIX ex: <urn:ex:> SELECT * {{ ?s ?p ex:a\\#b . SERVICE {EP} {{ ?s ?p ?o }} }}"):
        ox.Store().query(query)  # SELECT is lazy: parsed, not evaluated


@pytest.mark.parametrize(("query", "form", "from_"), [
    ("SELECT * FROM <urn:g> { ?s ?p ?o }", "SELECT", True),
    ("SELECT*FROM<urn:g>{?s ?p ?o}", "SELECT", True),
    ('ASK { ?s ?p "from" }', "ASK", False),
    ("BASE <urn:construct>\nask {}", "ASK", False),
    ("# SELECT\nPREFIX ask: <urn:x>\nDESCRIBE ask:y", "DESCRIBE", False),
    ("PREFIX ex: <urn:x> INSERT DATA { <a> <b> <c> }", "UPDATE", False),
    ("CONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT", False),
])
def test_form_and_dataset(query: str, form: str, from_: bool) -> None:
    shape = analyse(query)
    assert (shape.form, shape.names_dataset) == (form, from_)


def test_depth_and_readability() -> None:
    assert analyse("SELECT (" + "(" * 300 + "1" + ")" * 300 + " AS ?x) {}").depth == 301
    assert not analyse("ASK {").readable
    assert not analyse('SELECT * { ?s ?p "unterminated }').readable


def test_ambiguity_is_bounded() -> None:
    many = "SELECT * { FILTER(" + " ".join("?a <urn:x#>" for _ in range(400)) + ") }"
    shape = analyse(many)
    assert shape.uses_service is False or not shape.checked  # never silently unchecked


def test_unescape_codepoints() -> None:
    assert unescape_codepoints("\\u0053ERVICE \\U0001D11E \\u00zz") == "SERVICE 𝄞 \\u00zz"
