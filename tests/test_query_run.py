"""Writing an answer once, in the engine, with rows counted from what pyoxigraph writes."""

from __future__ import annotations

import random

import pyoxigraph as ox
import pytest

from ruimtegraaf.query_run import RULES, QueryJob, RowCount, TooMany, execute

GRAPH_TYPES = ("application/n-triples", "text/turtle", "text/n3", "application/ld+json", "application/rdf+xml")
NASTY = ["a", "b , c", '"x"', "x\ny", "a .\nb", '{"@id":1}', "[{", ",{", "]},{", "<result>", "x\r\ny",
         "tab\there", "\\", '\\"', " ; \n", '"""', "'", "é𝄞", ""]


def random_store(rnd: random.Random) -> ox.Store:
    store = ox.Store()
    for _ in range(rnd.randint(0, 60)):
        subject = ox.NamedNode(f"http://ex.org/s{rnd.randint(0, 5)}") if rnd.random() < 0.8 else \
            ox.BlankNode(f"b{rnd.randint(0, 3)}")
        if rnd.random() < 0.6:
            obj = ox.Literal(rnd.choice(NASTY) * rnd.randint(1, 3), language=rnd.choice([None, "nl"]))
        else:
            obj = ox.NamedNode(f"http://ex.org/o{rnd.randint(0, 5)}")
        store.add(ox.Quad(subject, ox.NamedNode(f"http://ex.org/p{rnd.randint(0, 3)}"), obj))
    return store


@pytest.mark.parametrize("seed", range(40))
def test_rows_counted_from_the_bytes_match_the_engine(seed: int) -> None:
    rnd = random.Random(seed)
    store = random_store(rnd)
    select = "SELECT * { ?s ?p ?o OPTIONAL { ?s ?p ?x FILTER(false) } }"
    expected = {"triples": len(list(store.query("CONSTRUCT WHERE { ?s ?p ?o }"))),
                "solutions": len(list(store.query(select)))}
    for media in RULES:
        graph = media in GRAPH_TYPES or media == "application/n-quads"
        result = store.query("CONSTRUCT WHERE { ?s ?p ?o }" if graph else select)
        fmt = ox.RdfFormat.from_media_type(media) if graph else ox.QueryResultsFormat.from_media_type(media)
        body = result.serialize(format=fmt)
        for chunk in (1, 7, 8192):
            out = RowCount(media, 10**9)
            for i in range(0, len(body), chunk):
                out.write(body[i:i + chunk])
            want = expected["triples" if graph else "solutions"]
            assert out.count() == want, (media, chunk, body[:300])
            near = RowCount(media, max(0, want - 1))  # a limit just below: the exact count decides, early
            if want:
                with pytest.raises(TooMany):
                    for i in range(0, len(body), chunk):
                        near.write(body[i:i + chunk])


def test_over_the_limit_stops_early() -> None:
    store = ox.Store()
    store.extend(ox.Quad(ox.NamedNode(f"urn:s{i}"), ox.NamedNode("urn:p"), ox.Literal(str(i))) for i in range(5000))
    out = RowCount("application/sparql-results+json", 10)
    with pytest.raises(TooMany):
        store.query("SELECT * { ?s ?p ?o }").serialize(out, format=ox.QueryResultsFormat.JSON)
    assert len(out.body()) < 20_000  # stopped at the first chunk over the limit


@pytest.mark.parametrize(("job", "kind"), [
    (QueryJob("SELECT * { ?s ?p ?o }", max_rows=2), "too_many"),
    (QueryJob("CONSTRUCT WHERE { ?s ?p ?o }", max_rows=2), "too_many"),
    (QueryJob("SELECT * { ?s ?p ?o } LIMIT 2", max_rows=2), "ok"),
    (QueryJob("SELECT * {", max_rows=2), "syntax"),
    (QueryJob("SELECT (<urn:nope>(1) AS ?x) {}"), "error"),
    (QueryJob("SELECT * { ?s ?p ?o }", results=None), "not_acceptable"),
    (QueryJob('SELECT ("a\\u0000b" AS ?x) {}', results="application/sparql-results+xml"), "unwritable"),
    (QueryJob("CONSTRUCT { <urn:a> <urn:123> 1 } WHERE {}", graphs="application/rdf+xml"), "unwritable"),
    (QueryJob("CONSTRUCT { <urn:a> <urn:b> <<( <urn:a> <urn:b> <urn:c> )>> } WHERE {}",
              graphs="application/ld+json"), "unwritable"),
])
def test_outcomes_are_values(job: QueryJob, kind: str) -> None:
    store = ox.Store()
    store.extend(ox.Quad(ox.NamedNode(f"urn:s{i}"), ox.NamedNode("urn:p"), ox.Literal(str(i))) for i in range(3))
    assert execute(store, job).kind == kind


def test_protocol_dataset_replaces_the_union() -> None:
    store = ox.Store()
    for g in ("urn:g1", "urn:g2"):
        store.add(ox.Quad(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), ox.Literal(g), ox.NamedNode(g)))
    query = "SELECT ?g ?o { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"

    def rows(**dataset: object) -> set[tuple[str, str]]:
        body = execute(store, QueryJob(query, results="text/tab-separated-values", **dataset)).body  # type: ignore[arg-type]
        return {tuple(line.split("\t")) for line in body.decode().splitlines()[1:]}  # type: ignore[misc]

    assert rows() == {("", '"urn:g1"'), ("", '"urn:g2"'), ("<urn:g1>", '"urn:g1"'), ("<urn:g2>", '"urn:g2"')}
    assert rows(named_graphs=("urn:g1",)) == {("<urn:g1>", '"urn:g1"')}  # the default graph is empty
    assert rows(default_graphs=("urn:g2",)) == {("", '"urn:g2"')}  # and no named graphs


@pytest.mark.parametrize("query", [
    "SELECT ?x { VALUES ?x { UNDEF UNDEF UNDEF UNDEF UNDEF UNDEF UNDEF UNDEF } }",
    "SELECT ?x { VALUES ?x { 1 2 3 4 5 6 7 8 9 } }",
    'SELECT ?x { VALUES ?x { "" "" "" "" } }',
    "CONSTRUCT { _:a <urn:p> ?x } WHERE { VALUES ?x { 1 2 3 4 5 6 7 8 9 } }",
    "CONSTRUCT { <urn:s> <urn:p> ?x } WHERE { VALUES ?x { 1 2 3 4 5 6 7 8 9 true false } }",
    'CONSTRUCT { <urn:s> <urn:p> ?x } WHERE { VALUES ?x { "" "a" "b" "c" } }',
    "CONSTRUCT { ?x <urn:p> <urn:o> } WHERE { VALUES ?x { <urn:a> <urn:b> <urn:c> } }",
])
def test_no_row_is_shorter_than_its_format_says(query: str) -> None:
    """The size bound (`min_bytes`) holds for the shortest rows pyoxigraph can write in each format."""
    graph = query.startswith("CONSTRUCT")
    rows = len(list(ox.Store().query(query)))
    for media, rule in RULES.items():
        if graph != (media in GRAPH_TYPES or media == "application/n-quads"):
            continue
        fmt = ox.RdfFormat.from_media_type(media) if graph else ox.QueryResultsFormat.from_media_type(media)
        try:
            body = ox.Store().query(query).serialize(format=fmt)
        except OSError:  # RDF/XML cannot write every predicate
            continue
        assert len(body) // rule.min_bytes >= rows, (media, body)
        out = RowCount(media, rows - 1)
        with pytest.raises(TooMany):
            out.write(body)
