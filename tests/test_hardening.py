"""HTTP hardening: body limits, time limit, security headers, JSON 500 without traceback, write token."""

from __future__ import annotations

import asyncio
import re
import time
from types import SimpleNamespace

import pytest
from fastapi import Depends, FastAPI, Request
from fastapi.testclient import TestClient

from api.hardening import CSP, MAX_BODY_BYTES, harden, inline_style_hashes, write_guard


def small_app(**settings: object) -> FastAPI:
    app = FastAPI()

    @app.post("/echo")
    async def echo(request: Request) -> dict[str, int]:
        return {"bytes": len(await request.body())}

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("secret detail /etc/passwd")

    @app.get("/slow")
    async def slow() -> dict[str, str]:
        await asyncio.sleep(3)
        return {"status": "late"}

    @app.get("/slow-sync")
    def slow_sync() -> dict[str, str]:
        time.sleep(1.5)
        return {"status": "late"}

    @app.post("/sparql")
    async def sparql(request: Request) -> dict[str, int]:
        await asyncio.sleep(0.6)  # /sparql has its own deadline: no time limit here
        return {"bytes": len(await request.body())}

    @app.get("/static/x.css")
    def static() -> str:
        return "body {}"

    @app.post("/admin/reload", dependencies=[Depends(write_guard(settings.get("guard", SimpleNamespace())))])
    def reload() -> dict[str, bool]:
        return {"reloaded": True}

    harden(app, SimpleNamespace(**settings))  # type: ignore[arg-type]
    harden(app, SimpleNamespace(**settings))  # type: ignore[arg-type]  # a second call changes nothing
    return app


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(small_app(request_timeout_s=0.5), raise_server_exceptions=False)


def test_body_within_limit_passes(client):
    assert client.post("/echo", content=b"x" * 1000).json() == {"bytes": 1000}


def test_declared_body_over_limit_is_413(client):
    response = client.post("/echo", content=b"x" * (MAX_BODY_BYTES + 1))
    assert response.status_code == 413
    assert "larger than" in response.json()["error"]
    assert response.headers["x-content-type-options"] == "nosniff"


def test_streamed_body_over_limit_is_413_without_reading_it_all(client):
    sent = []

    def chunks():
        for _ in range(40):
            sent.append(1)
            yield b"x" * 64 * 1024  # 2.5 MiB in all, no Content-Length

    response = client.post("/echo", content=chunks())
    assert response.status_code == 413
    assert "larger than" in response.json()["error"]


def test_sparql_route_accepts_its_own_larger_bodies(client):
    body = b"x" * (MAX_BODY_BYTES + 10)
    assert client.post("/sparql", content=body).json() == {"bytes": len(body)}


def test_bad_content_length_is_400():
    app = small_app()
    messages = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        messages.append(message)

    scope = {"type": "http", "method": "POST", "path": "/echo", "headers": [(b"content-length", b"12x")],
             "query_string": b"", "root_path": "", "scheme": "http", "server": ("test", 80), "http_version": "1.1"}
    asyncio.run(app(scope, receive, send))
    assert messages[0]["status"] == 400


def test_security_headers_on_every_response(client):
    for response in (client.get("/static/x.css"), client.get("/nope"), client.post("/echo", content=b"{}")):
        h = response.headers
        assert h["x-content-type-options"] == "nosniff"
        assert h["x-frame-options"] == "DENY"
        assert "frame-ancestors 'none'" in h["content-security-policy"]
        assert "script-src 'self';" in h["content-security-policy"]
        assert "unsafe-inline" not in h["content-security-policy"]
        assert h["referrer-policy"] and "camera=()" in h["permissions-policy"]
    assert client.get("/static/x.css").headers["cache-control"].startswith("public, max-age=")
    assert "cache-control" not in client.get("/nope").headers


def test_docs_page_keeps_working(client):
    csp = client.get("/docs").headers["content-security-policy"]
    assert "https://cdn.jsdelivr.net" in csp and "frame-ancestors 'none'" in csp


def test_unexpected_exception_is_json_500_without_traceback(client, caplog):
    response = client.get("/boom")
    assert response.status_code == 500
    body = response.json()
    assert set(body) == {"error", "id"} and body["id"] in body["error"]
    assert "Traceback" not in response.text and "secret" not in response.text and "RuntimeError" not in response.text
    assert response.headers["x-content-type-options"] == "nosniff"
    assert any(body["id"] in r.getMessage() and r.exc_info for r in caplog.records)  # logged with its traceback


def test_time_limit_503_for_slow_routes(client):
    started = time.monotonic()
    response = client.get("/slow")
    assert response.status_code == 503
    assert "did not finish within 0.5 s" in response.json()["error"]
    assert time.monotonic() - started < 2.5
    assert client.get("/slow-sync").status_code == 503  # a sync route: its thread finishes, the answer is dropped


def test_time_limit_does_not_apply_to_sparql(client):
    assert client.post("/sparql", content=b"ASK {}").status_code == 200


def test_writes_are_off_without_a_token(client):
    assert client.post("/admin/reload").status_code == 404


def test_writes_need_the_token():
    client = TestClient(small_app(guard=SimpleNamespace(write_token="s3cret")))
    assert client.post("/admin/reload").status_code == 401
    assert client.post("/admin/reload", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert client.post("/admin/reload", headers={"Authorization": "Bearer s3cret"}).json() == {"reloaded": True}


def test_csp_allows_the_sparql_query_page_its_own_style():
    hashes = inline_style_hashes()
    assert all(re.fullmatch(r"sha256-[A-Za-z0-9+/]+=*", h) for h in hashes)
    assert "{styles}" in CSP


# ---------------------------------------------------------------------------------------------------------
# The real app


@pytest.fixture(scope="module")
def real(built):
    from api.app import create_app
    from ruimtegraaf.embed import HashEmbedder

    app = create_app(built, embedder=HashEmbedder())
    try:
        from api.pages.routes import pages_router

        if not any(getattr(r, "path", None) == "/static/{name}" for r in app.routes):
            app.include_router(pages_router(app.state.data, built))
    except ImportError:
        pass
    harden(app, built)
    with TestClient(app) as c:
        yield c


def test_real_app_headers_and_limits(real):
    response = real.get("/health")
    assert response.status_code == 200 and response.headers["x-frame-options"] == "DENY"
    assert real.post("/ask", content=b"{" + b" " * MAX_BODY_BYTES + b"}",
                     headers={"Content-Type": "application/json"}).status_code == 413
    page = real.get("/sparql", headers={"Accept": "text/html"})
    for style in re.findall(r"<style[^>]*>(.*?)</style>", page.text, re.DOTALL):
        import base64
        import hashlib

        digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in page.headers["content-security-policy"]


def test_real_pages_need_no_inline_script(real):
    """The CSP forbids inline scripts and style attributes: the pages must not rely on them."""
    for path in ("/", "/afspraken", "/bladeren", "/sparql-pagina"):
        response = real.get(path)
        if response.status_code == 404:
            continue
        assert "text/html" in response.headers["content-type"], path
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", response.text), path
        assert not re.search(r"\son[a-z]+\s*=", response.text), path
        assert not re.search(r"<style", response.text), path
        assert not re.search(r"\sstyle\s*=", response.text), path


# ---------------------------------------------------------------------------------------------------------
# Issue 11: HEAD, body deadline, validation errors that can always be written


def test_head_is_answered_wherever_get_is(client):
    get, head = client.get("/static/x.css"), client.head("/static/x.css")
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-length"] == get.headers["content-length"]
    assert head.headers["x-content-type-options"] == "nosniff"
    assert client.head("/echo").status_code == 405  # POST only, as GET would say


def test_a_body_that_does_not_arrive_in_time_is_408():
    app = small_app(body_timeout_s=0.3)
    messages: list[dict] = []
    calls = 0

    async def receive():
        nonlocal calls
        calls += 1
        if calls == 1:
            return {"type": "http.request", "body": b"x", "more_body": True}
        await asyncio.sleep(5)  # the rest never comes
        return {"type": "http.disconnect"}

    async def send(message):
        messages.append(message)

    scope = {"type": "http", "method": "POST", "path": "/echo", "headers": [], "query_string": b"",
             "root_path": "", "scheme": "http", "server": ("test", 80), "http_version": "1.1"}
    started = time.monotonic()
    asyncio.run(app(scope, receive, send))
    assert time.monotonic() - started < 2
    assert messages[0]["status"] == 408 and (b"connection", b"close") in messages[0]["headers"]


def test_validation_errors_echo_their_input_safely():
    from fastapi import Body

    app = FastAPI()

    @app.post("/q")
    def q(question: str = Body(embed=True)) -> dict[str, int]:
        return {"length": len(question)}

    harden(app, SimpleNamespace())  # type: ignore[arg-type]
    client = TestClient(app, raise_server_exceptions=False)
    for body in (b'{"question": NaN}', b'{"question": Infinity}', b'{"question": 1e999}', b"NaN",
                 b'{"question": -Infinity}', b'{"question": ["\\udfff", {"a": NaN}]}'):
        r = client.post("/q", content=body, headers={"Content-Type": "application/json"})
        assert r.status_code == 422, (body, r.status_code, r.text)
        detail = r.json()["detail"]
        assert detail and all({"loc", "msg", "type"} <= set(d) for d in detail)
