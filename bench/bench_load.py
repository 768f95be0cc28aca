"""Load run: concurrent clients on /ask and /sparql of a real server on loopback, bounded in time.

    python bench/bench_load.py DATA_DIR [--clients 20] [--duration 60] [--model hash] [--timeout 60]

Starts `ruimtegraaf serve` on a free 127.0.0.1 port over DATA_DIR (ingest it first, e.g.
`ruimtegraaf --model hash --data /tmp/rgload ingest`), then runs `clients` threads for `duration`
seconds; each alternates POST /ask (the dev questions of ../shared/eval/qa_dev.jsonl, in turn) and
GET /sparql (a few small queries). Prints requests, errors (exceptions or a status other than 2xx),
throughput and p50/p95/p99 latency per endpoint and the server's peak memory; exits 1 on any error.
Requests still running at the end finish (each is bounded by --timeout); the server is always stopped.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from live import built_model, free_port, pct, peak_rss_mb, wait_for

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = ROOT.parent / "shared" / "eval" / "qa_dev.jsonl"
PREFIX = "PREFIX rg: <https://w3id.org/ruimtegraaf/def/>\nPREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
QUERIES = [
    "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g",
    PREFIX + "SELECT ?a ?tekst WHERE { ?a a rg:Afspraak ; rg:tekst ?tekst } ORDER BY ?a LIMIT 20",
    PREFIX + "SELECT ?p ?label WHERE { ?p a rg:Provincie ; skos:prefLabel ?label } ORDER BY ?label",
    PREFIX + "ASK { ?a a rg:Afspraak }",
    PREFIX + "SELECT ?c (COUNT(?x) AS ?n) WHERE { ?x a ?c } GROUP BY ?c ORDER BY DESC(?n) LIMIT 10",
]


@dataclass
class Sample:
    endpoint: str
    seconds: float
    status: int | None  # None: an exception (connection refused, time-out…)
    problem: str = ""






def request(base: str, endpoint: str, n: int, questions: list[str], timeout: float) -> Sample:
    """One request to `endpoint`: the n-th question or query; never raises."""
    if endpoint == "/ask":
        body = json.dumps({"question": questions[n % len(questions)]}).encode()
        req = urllib.request.Request(base + "/ask", data=body, headers={"Content-Type": "application/json"},
                                     method="POST")
    else:
        query = urllib.parse.urlencode({"query": QUERIES[n % len(QUERIES)]})
        req = urllib.request.Request(f"{base}/sparql?{query}", headers={"Accept": "application/sparql-results+json"})
    t0 = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            response.read()
            return Sample(endpoint, time.perf_counter() - t0, response.status)
    except urllib.error.HTTPError as error:
        body = error.read(200).decode("utf-8", "replace")
        return Sample(endpoint, time.perf_counter() - t0, error.code, body)
    except Exception as error:  # the load run counts every failure, whatever its kind
        return Sample(endpoint, time.perf_counter() - t0, None, f"{type(error).__name__}: {error}")


def client(index: int, base: str, deadline: float, questions: list[str], timeout: float,
           samples: list[Sample], lock: threading.Lock) -> None:
    """One client: alternate /ask and /sparql until the deadline."""
    n = index
    own: list[Sample] = []
    while time.monotonic() < deadline:
        endpoint = "/ask" if n % 2 == 0 else "/sparql"
        own.append(request(base, endpoint, n // 2, questions, timeout))
        n += 1
    with lock:
        samples.extend(own)


def report(samples: list[Sample], duration: float, clients: int) -> int:
    """Print the table; returns the number of errors."""
    errors_total = 0
    print(f"\n{clients} concurrent clients for {duration:.0f} s on loopback")
    print("| endpoint | requests | errors | req/s | p50 ms | p95 ms | p99 ms | max ms |")
    print("|---|---|---|---|---|---|---|---|")
    for endpoint in ("/ask", "/sparql"):
        mine = [s for s in samples if s.endpoint == endpoint]
        ok = [s.seconds * 1000 for s in mine if s.status is not None and 200 <= s.status < 300]
        errors = [s for s in mine if s.status is None or not 200 <= s.status < 300]
        errors_total += len(errors)
        every = [s.seconds * 1000 for s in mine]
        print(f"| {endpoint} | {len(mine)} | {len(errors)} | {len(mine) / duration:.1f} | {pct(ok, .5):.0f} | "
              f"{pct(ok, .95):.0f} | {pct(ok, .99):.0f} | {max(every, default=float('nan')):.0f} |")
    failed = [s for s in samples if s.status is None or not 200 <= s.status < 300]
    if failed:
        kinds = collections.Counter((s.endpoint, s.status, s.problem[:120]) for s in failed)
        print("\nerrors:")
        for (endpoint, status, problem), count in kinds.most_common(10):
            print(f"  {count} x {endpoint} {status}: {problem}")
    return errors_total


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", help="a data folder with a finished ingest")
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--duration", type=float, default=60.0)
    ap.add_argument("--model", help="the embedder the data was built with (default: the one its build names; "
                                          "hash for a new build)")
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds one request may take")
    args = ap.parse_args()
    args.model = args.model or built_model(args.data, "hash")
    if not (Path(args.data) / "current").exists():
        raise SystemExit(f"no built data in {args.data}; run `ruimtegraaf --model {args.model} --data {args.data} "
                         "ingest` first")
    questions = [json.loads(line)["question"] for line in QUESTIONS.read_text(encoding="utf-8").splitlines()
                 if line.strip()]
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = open(Path(args.data) / "bench-load-server.log", "wb")  # noqa: SIM115 (closed in finally)
    server = subprocess.Popen([sys.executable, "-m", "cli.main", "--data", args.data, "--model", args.model,
                               "serve", "--host", "127.0.0.1", "--port", str(port)],
                              stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "HF_HUB_OFFLINE": "1"})
    try:
        wait_for(f"{base}/health", 300, server)
        for n in range(len(QUERIES)):  # warm up: first queries and the first answer load lazily
            request(base, "/sparql", n, questions, args.timeout)
        request(base, "/ask", 0, questions, args.timeout)
        samples: list[Sample] = []
        lock = threading.Lock()
        started = time.monotonic()
        deadline = started + args.duration
        threads = [threading.Thread(target=client, args=(i, base, deadline, questions, args.timeout, samples, lock),
                                    daemon=True) for i in range(args.clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(args.duration + args.timeout + 10)
        elapsed = time.monotonic() - started
        errors = report(samples, elapsed, args.clients)
        print(f"\nserver peak memory (VmHWM): {peak_rss_mb(server.pid):.0f} MB; server log: {log.name}")
        return 1 if errors else 0
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


if __name__ == "__main__":
    sys.exit(main())
