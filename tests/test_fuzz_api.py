"""Fuzz the OpenAPI surface with schemathesis (valid and invalid inputs): no request may get a 5xx.

The app is the real one over the hash-embedder build, hardened as it serves, called over ASGI. Every
operation of /openapi.json is fuzzed in both generation modes; all 5xx found are reported together.
`RUIMTEGRAAF_FUZZ_EXAMPLES` (default 150) bounds the examples per operation and mode.

(schemathesis' own `@schema.parametrize()` over a fixture-made schema needs `from_fixture`, which
does not work with pytest 9, so the operations are driven here with Hypothesis directly.)
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import replace

import pytest
import schemathesis
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

FUZZ_EXAMPLES = int(os.environ.get("RUIMTEGRAAF_FUZZ_EXAMPLES", "150"))
MODES = (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)


@pytest.fixture(scope="module")
def api_schema(built):
    from api.app import create_app
    from api.hardening import harden
    from ruimtegraaf.embed import HashEmbedder

    app = create_app(built, embedder=HashEmbedder())
    harden(app, built)  # a no-op once create_app hardens the app itself
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def server_errors(operation, mode: GenerationMode) -> list[str]:
    """Fuzz one operation; the 5xx answers (as curl commands) it provoked."""
    found: list[str] = []

    @given(case=operation.as_strategy(generation_mode=mode))
    @hypothesis_settings(max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck),
                         derandomize=True, database=None)
    def run(case) -> None:
        response = case.call()
        if response.status_code >= 500 or "Traceback" in response.text:
            found.append(f"{case.as_curl_command()}\n  -> {response.status_code} {response.text[:300]}")

    with contextlib.suppress(Unsatisfiable):  # nothing invalid to send (e.g. no parameters in negative mode)
        run()
    return found


@pytest.mark.slow
def test_no_server_error_anywhere(api_schema):
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 6, [op.label for op in operations]
    problems = []
    for operation in operations:
        for mode in MODES:
            problems += [f"{operation.label} ({mode.value}): {p}" for p in server_errors(operation, mode)]
    assert not problems, "\n".join(problems[:20])


def conformance_failures(operation, mode: GenerationMode, examples: int) -> list[str]:
    """Answers that are a server error or disagree with the OpenAPI description of their status code."""
    from schemathesis.checks import not_a_server_error, response_schema_conformance

    found: list[str] = []

    @given(case=operation.as_strategy(generation_mode=mode))
    @hypothesis_settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck),
                         derandomize=True, database=None)
    def run(case) -> None:
        response = case.call()
        try:
            case.validate_response(response, checks=[not_a_server_error, response_schema_conformance])
        except BaseException as failure:  # schemathesis raises a FailureGroup (an exception group)
            if isinstance(failure, KeyboardInterrupt):
                raise
            found.append(f"{case.as_curl_command()}\n  -> {response.status_code}: {str(failure)[:300]}")

    with contextlib.suppress(Unsatisfiable):
        run()
    return found


@pytest.mark.slow
def test_responses_conform_to_the_openapi_description(api_schema):
    """Issue 11: schemathesis' not_a_server_error and response_schema_conformance hold on every operation."""
    examples = max(20, FUZZ_EXAMPLES // 4)
    problems = []
    for result in api_schema.get_all_operations():
        operation = result.ok()
        for mode in MODES:
            problems += [f"{operation.label} ({mode.value}): {p}" for p in conformance_failures(operation, mode,
                                                                                                examples)]
    assert not problems, "\n".join(problems[:20])


# /sparql parses its own parameters, so its OpenAPI entry declares none: fuzz it with SPARQL-shaped text.
TOKENS = ["SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "WHERE", "FROM", "NAMED", "GRAPH", "OPTIONAL", "UNION",
          "MINUS", "FILTER", "BIND", "AS", "VALUES", "SERVICE", "GROUP BY", "ORDER BY", "HAVING", "LIMIT",
          "OFFSET", "DISTINCT", "COUNT", "SUM", "REGEX", "STR", "LANG", "IF", "EXISTS", "NOT", "*", "{", "}",
          "(", ")", ".", ";", ",", "?s", "?p", "?o", "?g", "$x", "a", "rg:Afspraak", "rg:regio", "<urn:x>",
          "<id/provincie/drenthe>", "<<", ">>", '"tekst"', '"x"@nl', "'''y'''", "1", "-2.5e3", "true", "_:b",
          "[]", "^^", "|", "/", "+", "!", "=", "<", ">", "&&", "||", "PREFIX rg: <https://w3id.org/ruimtegraaf/def/>",
          "BASE <urn:b/>", "#", "\n", "INSERT DATA", "DELETE", "\\u0000", "é", "𝄞"]
PREFIX = "PREFIX rg: <https://w3id.org/ruimtegraaf/def/>"
FORMS = ["SELECT *", "SELECT DISTINCT ?s", "SELECT (COUNT(*) AS ?n)", "SELECT ?s (SAMPLE(?o) AS ?x)", "ASK",
         "CONSTRUCT { ?s ?p ?o }", "DESCRIBE ?s", "SELECT ?o"]
EXTRAS = ["", "FILTER(isIRI(?s))", 'FILTER(REGEX(STR(?o), "^a", "i"))', "FILTER(?o > 1)", 'FILTER(LANG(?o) = "nl")',
          "OPTIONAL { ?s rg:regio ?r }", "BIND(STRLEN(STR(?o)) AS ?n)", "FILTER(1/0)", "MINUS { ?s a rg:Passage }",
          'VALUES ?o { "x" 1 }', "GRAPH ?g { ?s ?p ?o }", "FILTER(<urn:f>(?o))", "BIND(<<?s ?p ?o>> AS ?t)"]
MODIFIERS = ["", "LIMIT 5", "ORDER BY ?s LIMIT 3", "OFFSET 2 LIMIT 2", "LIMIT 0", "GROUP BY ?s", "ORDER BY DESC(?o)"]
ACCEPTS = ["application/sparql-results+json", "application/sparql-results+xml", "text/csv",
           "text/tab-separated-values", "text/turtle", "application/n-triples", "application/ld+json",
           "application/rdf+xml", "text/html", "*/*", "image/png", "", "text/*;q=0.1, */*;q=0"]


@pytest.mark.slow
def test_sparql_fuzz_no_server_error(built):
    from fastapi.testclient import TestClient
    from hypothesis import strategies as st

    from api.app import create_app
    from api.hardening import harden
    from ruimtegraaf.embed import HashEmbedder

    app = create_app(replace(built, sparql_timeout_s=3.0), embedder=HashEmbedder())
    harden(app, built)
    client = TestClient(app, raise_server_exceptions=False)
    problems: list[str] = []
    triple = st.tuples(st.sampled_from(["?s", "<id/provincie/drenthe>", "_:b"]),
                       st.sampled_from(["?p", "a", "rg:regio", "rg:tekst", "<urn:p>"]),
                       st.sampled_from(["?o", '"x"@nl', "rg:Afspraak", "1", "?s"])).map(" ".join)
    valid = st.builds(lambda form, triples, extra, modifier: f"{PREFIX}\n{form} WHERE {{ {' . '.join(triples)} "
                                                             f"{extra} }} {modifier}",
                      st.sampled_from(FORMS), st.lists(triple, min_size=1, max_size=3), st.sampled_from(EXTRAS),
                      st.sampled_from(MODIFIERS))
    query = st.one_of(valid, st.lists(st.sampled_from(TOKENS), max_size=25).map(" ".join), st.text(max_size=200))
    graphs = st.lists(st.one_of(st.sampled_from(["https://w3id.org/ruimtegraaf/graph/catalog", ""]),
                                st.text(max_size=30)), max_size=2)

    @given(query=query, accept=st.sampled_from(ACCEPTS), fmt=st.one_of(st.none(), st.text(max_size=10)),
           graphs=graphs, post=st.sampled_from([None, "application/sparql-query", "application/x-www-form-urlencoded",
                                                "application/sparql-query; charset=latin-1", "text/plain"]))
    @hypothesis_settings(max_examples=FUZZ_EXAMPLES * 4, deadline=None, suppress_health_check=list(HealthCheck),
                         derandomize=True, database=None)
    def run(query, accept, fmt, graphs, post) -> None:
        params = [("default-graph-uri", g) for g in graphs] + ([("format", fmt)] if fmt is not None else [])
        headers = {"Accept": accept}
        if post is None:
            response = client.get("/sparql", params=[("query", query), *params], headers=headers)
        elif post.startswith("application/x-www"):
            response = client.post("/sparql", data={"query": query}, params=params, headers=headers)
        else:
            response = client.post("/sparql", content=query.encode("utf-8", "surrogatepass"), params=params,
                                   headers={**headers, "Content-Type": post})
        if (response.status_code >= 500 and response.status_code != 503) or "Traceback" in response.text:
            problems.append(f"{post or 'GET'} query={query!r} accept={accept!r} format={fmt!r} graphs={graphs!r}"
                            f" -> {response.status_code} {response.text[:200]}")

    run()
    assert not problems, "\n".join(problems[:20])
