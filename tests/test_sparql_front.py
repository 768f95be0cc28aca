"""GET, POST and HEAD /sparql answered ahead of the middleware stack answer as the stack itself would."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.sparql_front import App
from ruimtegraaf.embed import HashEmbedder
from ruimtegraaf.settings import Settings

SELECT = "SELECT ?c (COUNT(?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c ORDER BY DESC(?n) LIMIT 3"
REQUESTS = [
    ("GET", "/sparql", {"query": SELECT}, {}, None),
    ("GET", "/sparql", {"query": SELECT}, {"Origin": "https://example.org"}, None),
    ("GET", "/sparql/", {"query": "ASK {}", "format": "xml"}, {}, None),
    ("HEAD", "/sparql", {"query": SELECT}, {"Accept": "text/csv"}, None),
    ("POST", "/sparql", {}, {"Content-Type": "application/sparql-query", "Accept": "text/turtle"},
     b"CONSTRUCT { ?s a ?c } WHERE { ?s a ?c } LIMIT 2"),
    ("POST", "/sparql", {}, {"Content-Type": "application/x-www-form-urlencoded"}, b"query=ASK%7B%7D"),
    ("POST", "/sparql", {}, {"Content-Type": "application/sparql-update"}, b"CLEAR ALL"),
    ("POST", "/sparql", {}, {"Content-Type": "text/plain"}, b"ASK {}"),
    ("GET", "/sparql", {"query": "SELECT * {"}, {}, None),
    ("GET", "/sparql", {"query": "SELECT * { SERVICE <http://example.org/> { ?s ?p ?o } }"}, {}, None),
    ("GET", "/sparql", {"query": SELECT}, {"Accept": "image/png"}, None),
    ("GET", "/sparql", {}, {"Accept": "text/turtle"}, None),
    ("GET", "/sparql", {}, {"Accept": "text/html"}, None),
    ("POST", "/sparql", {}, {"Content-Type": "application/sparql-query", "Content-Length": "99999999"}, b"ASK {}"),
    ("POST", "/sparql", {}, {"Content-Type": "application/sparql-query", "Content-Length": "x"}, b"ASK {}"),
    ("OPTIONS", "/sparql", {}, {"Origin": "https://example.org", "Access-Control-Request-Method": "POST"}, None),
    ("PUT", "/sparql", {}, {}, b"ASK {}"),
]


@pytest.fixture(scope="module")
def app(built: Settings) -> Iterator[App]:
    application = create_app(built, embedder=HashEmbedder())
    with TestClient(application):
        yield application


def answers(app: App) -> list[tuple[int, dict[str, str], bytes]]:
    client = TestClient(app)
    got = []
    for method, path, params, headers, body in REQUESTS:
        r = client.request(method, path, params=params, headers=headers, content=body)
        got.append((r.status_code, {k: v for k, v in r.headers.items() if k != "date"}, r.content))
    return got


def test_the_front_answers_as_the_middleware_stack(app: App) -> None:
    front = app.sparql_front
    assert front is not None
    ahead = answers(app)
    app.sparql_front = None  # every request through FastAPI's middleware, CORS, hardening and the route
    try:
        through = answers(app)
    finally:
        app.sparql_front = front
    for request, mine, theirs in zip(REQUESTS, ahead, through, strict=True):
        if request[2] or request[4]:
            assert mine == theirs, request
        else:  # the service description: its blank nodes are new each time
            assert (mine[0], mine[1].keys()) == (theirs[0], theirs[1].keys()), request
            assert mine[1]["content-type"] == theirs[1]["content-type"] and mine[1]["vary"] == theirs[1]["vary"]
    statuses = [status for status, _, _ in ahead]
    assert statuses == [200, 200, 200, 200, 200, 200, 403, 415, 400, 400, 406, 200, 200, 413, 400, 200, 405]
    assert ahead[1][1]["access-control-allow-origin"] == "*" and ahead[1][1]["vary"] == "Accept, Origin"
    assert ahead[3][2] == b"" and int(ahead[3][1]["content-length"]) > 0  # HEAD: the GET's headers, no body


def test_an_unexpected_error_is_a_json_500_without_a_traceback(app: App, monkeypatch: pytest.MonkeyPatch) -> None:
    front = app.sparql_front
    assert front is not None

    async def broken(*_: object) -> None:
        raise RuntimeError("secret detail")

    monkeypatch.setattr(front, "answer", broken)
    r = TestClient(app, raise_server_exceptions=False).get("/sparql", params={"query": "ASK {}"})
    assert r.status_code == 500 and set(r.json()) == {"error", "id"} and "secret" not in r.text
    assert r.headers["x-content-type-options"] == "nosniff"


def test_a_response_head_and_body_go_out_in_one_send() -> None:
    import asyncio

    from api.serving import OneSend

    class Transport:
        def __init__(self) -> None:
            self.sends: list[list[bytes]] = []
            self.closed = False

        def writelines(self, parts: list[bytes]) -> None:
            self.sends.append(list(parts))

        def is_closing(self) -> bool:
            return self.closed

        def close(self) -> None:
            self.closed = True

        def get_extra_info(self, name: str) -> str:
            return name

    async def run() -> Transport:
        transport = Transport()
        one = OneSend(transport, asyncio.get_running_loop())  # type: ignore[arg-type]  # a stand-in transport
        one.write(b"HTTP/1.1 200 OK\r\n\r\n")
        one.write(b"body")
        assert transport.sends == []  # held until the loop's next turn
        await asyncio.sleep(0)
        one.write(b"last")
        one.close()  # what is held goes out before the connection closes
        assert one.get_extra_info("peername") == "peername"
        return transport

    transport = asyncio.run(run())
    assert transport.sends == [[b"HTTP/1.1 200 OK\r\n\r\n", b"body"], [b"last"]] and transport.closed
