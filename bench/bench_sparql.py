"""Benchmark of SPARQL: a small query mix through /sparql next to the same queries on the embedded store.

    python bench/bench_sparql.py [--data DIR --model NAME] [--rounds 50]

Without --data it ingests the corpus into a temporary folder with the model-free `hash` embedder (the
graph does not depend on the embedder). It starts `ruimtegraaf serve` on a free loopback port, runs
every query of the mix `rounds` times through HTTP (SPARQL JSON, Turtle for DESCRIBE) and directly on
the EmbeddedStore (evaluated and serialised to the same format, in this process), one query at a time;
the first round warms up and is not counted. It prints throughput (queries/s) and p50/p95 per query and
for the whole mix, so the cost of the HTTP layer is visible. Needs the project installed.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import pyoxigraph as ox
from live import free_port, pct, wait_for

PREFIXES = """PREFIX rg: <https://w3id.org/ruimtegraaf/def/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <https://schema.org/>
"""
MIX = {
    "count triples": "SELECT (COUNT(*) AS ?triples) WHERE { ?s ?p ?o }",
    "NOVEX areas + provinces": PREFIXES + """SELECT ?gebied ?naam ?provincie WHERE {
  ?gebied a rg:NovexGebied ; skos:prefLabel ?naam ; rg:ligtIn ?provincie FILTER(LANG(?naam) = "nl")
} ORDER BY ?naam""",
    "amounts per regio": PREFIXES + """SELECT ?regio (COUNT(DISTINCT ?afspraak) AS ?afspraken) (SUM(?euro) AS ?totaal)
WHERE { ?afspraak a rg:Afspraak ; rg:regio ?regio ; rg:bedrag ?bedrag . ?bedrag schema:value ?euro }
GROUP BY ?regio ORDER BY DESC(?totaal)""",
    "passages on a province": PREFIXES + """SELECT ?passage ?kop WHERE {
  ?passage a rg:Passage ; schema:mentions <{base}id/provincie/drenthe> . OPTIONAL { ?passage rg:kopPad ?kop }
}""",
    "DESCRIBE an agreement": "DESCRIBE <{agreement}>",
}


def over_http(url: str, query: str) -> bytes:
    """POST the query (application/sparql-query) and read the whole answer."""
    accept = "text/turtle" if query.lstrip().upper().startswith("DESCRIBE") else "application/sparql-results+json"
    request = urllib.request.Request(url, data=query.encode("utf-8"), method="POST", headers={
        "Content-Type": "application/sparql-query", "Accept": accept})
    with urllib.request.urlopen(request, timeout=60) as r:
        return r.read()


def directly(store, query: str) -> bytes:
    """The same query on the store, serialised to the same format as over HTTP."""
    result = store.query(query)
    if isinstance(result, ox.QueryTriples):
        return ox.serialize(result, format=ox.RdfFormat.TURTLE)
    return result.serialize(format=ox.QueryResultsFormat.JSON)


def line(name: str, direct: list[float], http: list[float]) -> str:
    return (f"{name:<26} {statistics.median(direct):7.2f} {pct(direct, 0.95):7.2f}   "
            f"{statistics.median(http):7.2f} {pct(http, 0.95):7.2f}   "
            f"{statistics.median(http) - statistics.median(direct):+7.2f}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", help="a data folder with a build (default: ingest into a temporary folder)")
    ap.add_argument("--model", default="hash", help="the embedder the data was built with (default: hash)")
    ap.add_argument("--rounds", type=int, default=50)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        data = Path(a.data or scratch)
        exe = [sys.executable, "-m", "ruimtegraaf.cli", "--data", str(data), "--model", a.model]
        if not (data / "current").exists():
            subprocess.run([*exe, "ingest"], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return bench(exe, data, a.rounds)


def bench(exe: list[str], data: Path, rounds: int) -> int:
    from ruimtegraaf.store import EmbeddedStore

    build = (data / "current").resolve()
    store = EmbeddedStore(build / "store", read_only=True)
    base = json.loads((build / "manifest.json").read_text(encoding="utf-8"))["base_iri"]
    agreement = next(iter(store.query("SELECT ?a WHERE { ?a a <https://w3id.org/ruimtegraaf/def/Afspraak> } "
                                      "ORDER BY ?a LIMIT 1")))["a"].value
    mix = {name: q.replace("{base}", base).replace("{agreement}", agreement) for name, q in MIX.items()}
    port = free_port()
    server = subprocess.Popen([*exe, "serve", "--port", str(port)], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, env={**os.environ})
    try:
        wait_for(f"http://127.0.0.1:{port}/health", 300)
        url = f"http://127.0.0.1:{port}/sparql"
        timings: dict[str, dict[str, list[float]]] = {name: {"direct": [], "http": []} for name in mix}
        spent = {"direct": 0.0, "http": 0.0}
        for rnd in range(rounds + 1):
            for name, query in mix.items():
                for way, run in (("direct", lambda q=query: directly(store, q)),
                                 ("http", lambda q=query: over_http(url, q))):
                    t0 = time.perf_counter()
                    body = run()
                    elapsed = time.perf_counter() - t0
                    assert body, name
                    if rnd > 0:
                        timings[name][way].append(elapsed * 1000)
                        spent[way] += elapsed
    finally:
        server.terminate()
        server.wait(timeout=30)
    count = rounds * len(mix)
    print(f"SPARQL query mix: {len(mix)} queries x {rounds} rounds (after one warm-up round), one at a time; "
          f"{len(store)} quads")
    print(f"{'milliseconds':<26} {'direct p50':>10} {'p95':>7}   {'/sparql p50':>10} {'p95':>7}   {'HTTP cost':>9}")
    for name in mix:
        print(line(name, timings[name]["direct"], timings[name]["http"]))
    every = {way: [t for name in mix for t in timings[name][way]] for way in ("direct", "http")}
    print(line("whole mix", every["direct"], every["http"]))
    print(f"throughput: direct {count / spent['direct']:.0f} queries/s, through /sparql "
          f"{count / spent['http']:.0f} queries/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
