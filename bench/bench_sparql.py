"""Benchmark of /sparql next to the engine under it: the same queries on an in-memory `oxigraph serve`.

    python bench/bench_sparql.py [--data DIR] [--rounds 40] [--seconds 6] [--clients 1,8]

Without --data it ingests the corpus into a temporary folder with the model-free `hash` embedder (the
graph does not depend on the embedder). It starts `ruimtegraaf serve` on a free loopback port and
`oxigraph serve --union-default-graph` in memory (the `oxigraph` package, a test dependency) with the
same quads: the N-Quads of the build's store, which /sparql answers from. Both get the same five-query
mix (the one of issue 17), over keep-alive connections, with the same Accept headers:

- latency: one client, `rounds` rounds, every query sent to both servers back to back (which one goes
  first alternates), so noise on this shared machine hits both; medians per query and their ratio;
- throughput: `clients` threads send the mix in a loop for `seconds`, in short phases that alternate
  between the servers; requests per second and the ratio (/sparql over oxigraph).

The first answers of both servers are compared (same number of rows or triples) before timing. On a
shared machine, `nice -n -10 python bench/bench_sparql.py` (as root) keeps other work from deciding
the numbers; both servers inherit the priority.
"""

from __future__ import annotations

import argparse
import http.client
import io
import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
import pyoxigraph as ox
from live import built_model, free_port, wait_for

PREFIXES = """PREFIX rg: <https://w3id.org/ruimtegraaf/def/>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""
MIX = {
    "agreements per regio (GROUP BY)": PREFIXES + """SELECT ?regio (COUNT(?a) AS ?n)
WHERE { ?a a rg:Afspraak ; rg:regio ?regio } GROUP BY ?regio ORDER BY DESC(?n)""",
    "300 agreements, text/party/source": PREFIXES + """SELECT ?a ?tekst ?partij ?bron
WHERE { ?a a rg:Afspraak ; rg:tekst ?tekst ; rg:partij ?partij ; prov:wasDerivedFrom ?bron } LIMIT 300""",
    "quotes containing 'woningbouw'": PREFIXES + """SELECT ?p ?quote
WHERE { ?p a rg:Passage ; oa:hasSelector ?s . ?s oa:exact ?quote FILTER(CONTAINS(?quote, "woningbouw")) } LIMIT 50""",
    "instances per class (GROUP BY)": "SELECT ?c (COUNT(?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c ORDER BY DESC(?n)",
    "CONSTRUCT a NOVEX area": "CONSTRUCT { <{novex}> ?p ?o . ?s ?q <{novex}> } "
                              "WHERE { { <{novex}> ?p ?o } UNION { ?s ?q <{novex}> } }",
}
RESULTS_JSON = "application/sparql-results+json"
TURTLE = "text/turtle"


class Target:
    """A SPARQL endpoint reached over one keep-alive connection per thread."""

    def __init__(self, name: str, port: int, path: str) -> None:
        self.name, self.port, self.path = name, port, path
        self._local = threading.local()

    def ask(self, query: str) -> bytes:
        accept = TURTLE if query.lstrip().upper().startswith("CONSTRUCT") else RESULTS_JSON
        conn = getattr(self._local, "conn", None)
        for attempt in (1, 2):
            if conn is None:
                conn = self._local.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            try:
                conn.request("POST", self.path, body=urlencode({"query": query}), headers={
                    "Content-Type": "application/x-www-form-urlencoded", "Accept": accept})
                response = conn.getresponse()
                body = response.read()
                if response.status != 200:
                    raise RuntimeError(f"{self.name} answered {response.status}: {body[:300]!r}")
                return body
            except (http.client.HTTPException, OSError):
                conn.close()
                conn = self._local.conn = None
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")


def size(body: bytes, query: str) -> int:
    """Rows (SELECT) or triples (CONSTRUCT) in an answer, to check that both servers agree."""
    if query.lstrip().upper().startswith("CONSTRUCT"):
        return len(list(ox.parse(body, format=ox.RdfFormat.TURTLE)))
    return len(json.loads(body)["results"]["bindings"])


def latency(targets: list[Target], mix: dict[str, str], rounds: int) -> dict[str, dict[str, list[float]]]:
    times: dict[str, dict[str, list[float]]] = {name: {t.name: [] for t in targets} for name in mix}
    for rnd in range(rounds + 1):
        for name, query in mix.items():
            for target in (targets if rnd % 2 else targets[::-1]):
                start = time.perf_counter()
                target.ask(query)
                if rnd:  # the first round warms up
                    times[name][target.name].append((time.perf_counter() - start) * 1000)
    return times


def throughput(targets: list[Target], mix: dict[str, str], clients: int, seconds: float,
               phases: int = 6) -> dict[str, float]:
    """Requests per second of each target with `clients` concurrent clients, phases alternating."""
    done = {t.name: 0 for t in targets}
    spent = {t.name: 0.0 for t in targets}
    queries = list(mix.values())
    for phase in range(phases):
        target = targets[phase % len(targets)]
        stop = time.perf_counter() + seconds / phases * len(targets)
        counts = [0] * clients

        def client(i: int, target: Target = target, stop: float = stop, counts: list[int] = counts) -> None:
            k = i
            while time.perf_counter() < stop:
                target.ask(queries[k % len(queries)])
                counts[i] += 1
                k += 1

        threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
        start = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        spent[target.name] += time.perf_counter() - start
        done[target.name] += sum(counts)
    return {name: done[name] / spent[name] for name in done}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", help="a data folder with a build (default: ingest into a temporary folder)")
    ap.add_argument("--model", help="the embedder the data was built with (default: the one its build names; "
                                          "hash for a new build)")
    ap.add_argument("--rounds", type=int, default=40)
    ap.add_argument("--seconds", type=float, default=6.0, help="per server and client count")
    ap.add_argument("--clients", default="1,8")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        data = Path(a.data or scratch)
        exe = [sys.executable, "-m", "cli.main", "--data", str(data), "--model", a.model or built_model(data, "hash")]
        if not (data / "current").exists():
            subprocess.run([*exe, "ingest"], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return bench(exe, data, a.rounds, a.seconds, [int(c) for c in a.clients.split(",")])


def bench(exe: list[str], data: Path, rounds: int, seconds: float, client_counts: list[int]) -> int:
    build = (data / "current").resolve()
    store = ox.Store.read_only(str(build / "store"))
    quads = io.BytesIO()
    store.dump(quads, format=ox.RdfFormat.N_QUADS)
    novex = next(iter(store.query("SELECT ?n WHERE { GRAPH ?g { ?n a <https://w3id.org/ruimtegraaf/def/NovexGebied> "
                                  "} } ORDER BY ?n LIMIT 1")))["n"].value
    mix = {name: q.replace("{novex}", novex) for name, q in MIX.items()}
    ours_port, theirs_port = free_port(), free_port()
    ours = subprocess.Popen([*exe, "serve", "--port", str(ours_port)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    oxigraph = subprocess.Popen([str(Path(sys.executable).parent / "oxigraph"), "serve", "--bind",
                                 f"127.0.0.1:{theirs_port}", "--union-default-graph"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(f"http://127.0.0.1:{theirs_port}/query?query=ASK%7B%7D", 60, oxigraph)
        load = http.client.HTTPConnection("127.0.0.1", theirs_port, timeout=300)
        load.request("POST", "/store", body=quads.getvalue(), headers={"Content-Type": "application/n-quads"})
        assert load.getresponse().status in (200, 201, 204), "oxigraph did not load the quads"
        wait_for(f"http://127.0.0.1:{ours_port}/health", 300, ours)
        targets = [Target("/sparql", ours_port, "/sparql"), Target("oxigraph", theirs_port, "/query")]
        for name, query in mix.items():  # warm, and check that both answer the same
            sizes = {t.name: size(t.ask(query), query) for t in targets}
            assert len(set(sizes.values())) == 1 and min(sizes.values()) > 0, (name, sizes)
        times = latency(targets, mix, rounds)
        rates = {n: throughput(targets, mix, n, seconds) for n in client_counts}
    finally:
        for process in (ours, oxigraph):
            process.terminate()
            process.wait(timeout=30)
    report(times, rates, len(store), rounds)
    return 0


def report(times: dict[str, dict[str, list[float]]], rates: dict[int, dict[str, float]], quads: int,
           rounds: int) -> None:
    print(f"SPARQL: /sparql (ruimtegraaf serve) next to oxigraph serve --union-default-graph in memory; "
          f"{quads} quads; {rounds} rounds per query after a warm-up")
    print(f"{'query (median ms)':<36} {'/sparql':>8} {'oxigraph':>9} {'ratio':>6}")
    for name, by in times.items():
        ours, theirs = statistics.median(by["/sparql"]), statistics.median(by["oxigraph"])
        print(f"{name:<36} {ours:8.2f} {theirs:9.2f} {ours / theirs:5.2f}x")
    for clients, rate in rates.items():
        print(f"throughput, {clients} client{'s' if clients > 1 else ''}: /sparql {rate['/sparql']:.0f} req/s, "
              f"oxigraph {rate['oxigraph']:.0f} req/s, ratio {rate['/sparql'] / rate['oxigraph']:.2f}")


if __name__ == "__main__":
    sys.exit(main())
