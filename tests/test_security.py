"""Issue 11 probes against a live server on loopback: no outgoing request, queries that can be stopped.

The server is the real app over the session's build (hash embedder), served by uvicorn on a free
loopback port; the target of every SERVICE is a listener on another loopback port that must receive
nothing. Slow: each module starts a server and its query workers.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import httpx
import pytest
from live_server import Listener, LiveServer

from ruimtegraaf.sparql_syntax import QueryShape

pytestmark = pytest.mark.slow

HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
SIMPLE = "ASK { ?s ?p ?o }"
ROOT = Path(__file__).resolve().parent.parent


def service_variants(target: str) -> list[str]:
    """Every way of writing SERVICE found so far (issue 11 and its variants); each must be refused."""
    host = target.rsplit("/", 1)[0] + "/"
    return [
        f"SELECT * WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }}",
        f"SELECT ?x WHERE {{ BIND(1 AS ?k) .SERVICE <{target}> {{ ?x ?y ?z }} }}",  # a dot before the keyword
        f"select * {{ service <{target}> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ SERVICE SILENT <{target}> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ SERVICESILENT<{target}>{{ ?s ?p ?o }} }}",  # Oxigraph reads keywords without boundaries
        f"SELECT * {{ BIND(1 AS ?k) ?s ?p trueSERVICE <{target}> {{ ?a ?b ?c }} }}",
        f"PREFIX ex: <urn:ex:>\nSELECT * {{ OPTIONAL {{ ?x <urn:p> ex:a\\#b }} SERVICE <{target}> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ OPTIONAL {{ ?x <urn:p> <urn:a\\u0023b> }} SERVICE <{target}> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ BIND(1 AS ?k) FILTER EXISTS {{ SERVICE <{target}> {{ ?s ?p ?o }} }} }}",
        f"SELECT * {{ BIND(1 AS ?k) FILTER NOT EXISTS {{ SERVICE <{target}> {{ ?s ?p ?o }} }} }}",
        f"SELECT * {{ BIND(1 AS ?k) FILTERNOT EXISTS {{ SERVICE <{target}> {{ ?s ?p ?o }} }} }}",
        f"SELECT * {{ {{ SELECT * {{ SERVICE <{target}> {{ ?s ?p ?o }} }} }} }}",  # a subquery
        f"SELECT * {{ # a comment\nSERVICE <{target}> {{ ?s ?p ?o }} }}",
        f'SELECT * {{ #"\nSERVICE <{target}> {{ ?s ?p ?o }} }}',  # a quote inside a comment
        f'SELECT * {{ BIND(1 AS ?o) FILTER(?o<1#> """\n) SERVICE <{target}> {{ ?a ?b ?c }} # """\n}}',
        f"SELECT * {{ BIND(1 AS ?o) FILTER(?o<a'''> )\nSERVICE <{target}> {{ ?a ?b ?c }} # '''\n}}",
        f"SELECT * {{ BIND(<{target}> AS ?ep) SERVICE ?ep {{ ?s ?p ?o }} }}",
        f"PREFIX ex: <{host}>\nSELECT * {{ SERVICEex:sparql {{ ?s ?p ?o }} }}",
        f"SELECT * {{ \\u0053ERVICE <{target}> {{ ?s ?p ?o }} }}",  # escapes read before parsing (SPARQL 1.1)
        f"SELECT * {{ {{ BIND(1 AS ?k) }} UNION {{ SERVICE <{target}> {{ ?s ?p ?o }} }} }}",
        f"SELECT * {{ BIND(1 AS ?k) OPTIONAL {{ SERVICE <{target}> {{ ?s ?p ?o }} }} }}",
        f"SELECT * {{ BIND(1 AS ?k) MINUS {{ SERVICE <{target}> {{ ?s ?p ?o }} }} }}",
        f"ASK {{ SERVICE <{target}> {{ ?s ?p ?o }} }}",
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }}",
        f"DESCRIBE ?s WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }}",
    ]


@pytest.fixture(scope="module")
def server(built) -> Iterator[LiveServer]:
    from api.app import create_app
    from ruimtegraaf.embed import HashEmbedder

    app = create_app(replace(built, sparql_timeout_s=2.0), embedder=HashEmbedder())
    with LiveServer(app) as live:
        httpx.get(live.url + "/sparql", params={"query": SIMPLE}, timeout=60)  # workers warm
        yield live


CLIENT = httpx.Client(timeout=60)  # one client: no TLS context built per request, which takes a while under load


def ask(server: LiveServer, query: str, how: str = "GET", timeout: float = 30) -> httpx.Response:
    url = server.url + "/sparql"
    if how == "GET":
        return CLIENT.get(url, params={"query": query}, timeout=timeout)
    if how == "FORM":
        return CLIENT.post(url, data={"query": query}, timeout=timeout)
    return CLIENT.post(url, content=query.encode("utf-8"), timeout=timeout,
                      headers={"Content-Type": "application/sparql-query"})


# ---- no outgoing requests ----------------------------------------------------------------------

@pytest.mark.parametrize("how", ["GET", "FORM", "DIRECT"])
def test_every_service_variant_is_refused_and_nothing_is_reached(server: LiveServer, how: str) -> None:
    with Listener() as target:
        for query in service_variants(target.url):
            r = ask(server, query, how)
            assert r.status_code == 400 and "SERVICE" in r.text, (query, r.status_code, r.text)
        time.sleep(0.3)
    assert target.received == []


def test_the_sandbox_stops_a_service_the_check_missed(server: LiveServer, monkeypatch) -> None:
    """With the token check switched off, the engine tries SERVICE and its worker dies: still nothing sent."""
    import api.sparql

    monkeypatch.setattr(api.sparql, "analyse", lambda q: QueryShape("SELECT", False, False, 1, True))
    with Listener() as target:
        for query in service_variants(target.url)[:4] + service_variants(target.url)[8:10]:
            r = ask(server, query)
            assert r.status_code == 400 and "SERVICE" in r.text, (query, r.status_code, r.text)
        time.sleep(0.3)
    assert target.received == []
    assert ask(server, SIMPLE).json()["boolean"] is True  # new workers took the killed ones' place


def test_legitimate_queries_that_mention_service_still_run(server: LiveServer) -> None:
    for query in ['SELECT ?s WHERE { ?s ?p "SERVICE <http://127.0.0.1:1/> {}" } LIMIT 1',
                  "PREFIX sd: <http://www.w3.org/ns/sparql-service-description#>\n"
                  "SELECT ?s WHERE { ?s a sd:Service } # SERVICE <http://127.0.0.1:1/>",
                  "SELECT ?service WHERE { ?service <http://example.org/service> ?o }",
                  "SELECT * WHERE { ?s ?p ?o FILTER(1<2&&3>2) } LIMIT 1"]:
        assert ask(server, query).status_code == 200, query


def test_the_sandbox_kills_a_process_that_opens_a_socket(tmp_path) -> None:
    script = tmp_path / "probe.py"
    script.write_text("import socket, sys\nfrom ruimtegraaf.sandbox import isolate\nprint(isolate(), flush=True)\n"
                      "open(sys.argv[0]).read()\n"  # files still open
                      "print('files ok', flush=True)\nsocket.socket(socket.AF_UNIX)\nprint('not reached')\n")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert done.returncode == -31, done  # SIGSYS
    assert "seccomp=True" in done.stdout and "files ok" in done.stdout and "not reached" not in done.stdout


# ---- queries that can be stopped ---------------------------------------------------------------

def rss_mb(pids: list[int]) -> float:
    total = 0.0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) / 1024
        except OSError:
            pass
    return total


@pytest.mark.parametrize("heavy", [4, 6])
def test_heavy_queries_are_stopped_and_a_simple_one_is_answered(server: LiveServer, heavy: int) -> None:
    pool = server.app.state.sparql_pool
    before = rss_mb(pool.pids())
    answers: list[tuple[int, float]] = []

    def run_heavy() -> None:
        start = time.monotonic()
        r = ask(server, HEAVY)
        answers.append((r.status_code, time.monotonic() - start))

    threads = [threading.Thread(target=run_heavy) for _ in range(heavy)]
    for t in threads:
        t.start()
    time.sleep(0.8)  # the heavy ones run
    start = time.monotonic()
    during = ask(server, SIMPLE)
    assert during.json()["boolean"] is True and time.monotonic() - start < 1.0
    busy = pool.pids()
    for t in threads:
        t.join(timeout=30)
    assert len(answers) == heavy
    assert all(status == 503 for status, _ in answers), answers
    assert all(1.9 < took < 3.5 for _, took in answers), answers  # at the 2 s deadline, not later
    start = time.monotonic()
    after = ask(server, SIMPLE)
    assert after.json()["boolean"] is True and time.monotonic() - start < 1.0
    time.sleep(0.5)
    assert not set(pool.pids()) >= set(busy)  # the heavy queries' workers are gone
    assert rss_mb(pool.pids()) < before + 100  # their memory went with them


def test_a_long_path_expression_is_stopped_at_the_deadline(server: LiveServer) -> None:
    alternatives = "|".join(f"<urn:p{i}>" for i in range(9000))
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s ({alternatives})* ?o }}"
    assert 100_000 < len(query) < 128 * 1024
    start = time.monotonic()
    r = ask(server, query, "DIRECT")
    assert r.status_code in (200, 503) and time.monotonic() - start < 3.5
    assert ask(server, SIMPLE).status_code == 200


@pytest.fixture(scope="module")
def small_memory(built) -> Iterator[LiveServer]:
    from api.app import create_app
    from ruimtegraaf.embed import HashEmbedder

    app = create_app(replace(built, sparql_timeout_s=20.0, sparql_memory_mb=200), embedder=HashEmbedder())
    with LiveServer(app) as live:
        yield live


def test_a_query_past_the_memory_limit_is_stopped_and_its_memory_returned(small_memory: LiveServer) -> None:
    pool = small_memory.app.state.sparql_pool
    assert ask(small_memory, SIMPLE).status_code == 200
    before = rss_mb(pool.pids())
    query = "SELECT ?a ?b WHERE { ?a ?p ?x . ?b ?q ?y } ORDER BY ?x ?y LIMIT 1"  # sorts a billion rows
    start = time.monotonic()
    r = ask(small_memory, query)
    assert r.status_code == 503 and "MB" in r.text and time.monotonic() - start < 20
    assert ask(small_memory, SIMPLE).status_code == 200
    time.sleep(0.5)
    assert rss_mb(pool.pids()) < before + 100


# ---- slow clients, banner ----------------------------------------------------------------------

@pytest.fixture(scope="module", params=["httptools", "h11"])
def strict(built, request) -> Iterator[LiveServer]:
    """The server as `ruimtegraaf serve` runs it (api.serving), with one-second header and body deadlines,
    on both of uvicorn's HTTP protocols (httptools when installed, else h11)."""
    from api.app import create_app
    from api.serving import H11HeaderDeadline, server_options
    from ruimtegraaf.embed import HashEmbedder

    options = server_options(header_timeout=1.0)
    if request.param == "h11":
        options["http"] = type("H11", (H11HeaderDeadline,), {"header_timeout": 1.0})
    app = create_app(replace(built, body_timeout_s=1.0), embedder=HashEmbedder())
    with LiveServer(app, **options) as live:
        yield live


def closed_within(sock: socket.socket, seconds: float) -> bool:
    """Whether the server closes the connection within `seconds` (reading whatever it sends first)."""
    sock.settimeout(seconds)
    try:
        while sock.recv(4096):
            pass
        return True
    except (TimeoutError, OSError):
        return False


def test_headers_sent_slowly_are_cut_off(strict: LiveServer) -> None:
    with socket.create_connection(("127.0.0.1", strict.port)) as sock:
        sock.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n")  # and never the blank line
        start = time.monotonic()
        for _ in range(3):
            time.sleep(0.4)
            try:
                sock.sendall(b"X-a: b\r\n")
            except OSError:
                break
        assert closed_within(sock, 3.0) and time.monotonic() - start < 3.5
    with socket.create_connection(("127.0.0.1", strict.port)) as idle:  # connected and silent
        assert closed_within(idle, 3.0)


def test_a_body_sent_slowly_is_408_and_the_connection_closed(strict: LiveServer) -> None:
    with socket.create_connection(("127.0.0.1", strict.port)) as sock:
        sock.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                     b"Content-Length: 100\r\n\r\nASK")
        sock.settimeout(5)
        answer = sock.recv(4096)
        assert answer.startswith(b"HTTP/1.1 408"), answer
        assert closed_within(sock, 3.0)


def test_no_server_banner_and_the_server_still_answers(strict: LiveServer) -> None:
    r = httpx.get(strict.url + "/health", timeout=30)
    assert r.status_code == 200 and "server" not in r.headers
    head = httpx.head(strict.url + "/sparql?query=ASK%7B%7D", timeout=30)
    assert head.status_code == 200 and head.content == b"" and "server" not in head.headers
