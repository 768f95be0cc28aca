"""HTTP hardening: body size and time limits, security headers, no stack traces, a token for writes.

`harden(app, settings)` wraps the whole app in one pure ASGI middleware:

- HEAD is answered wherever GET is: the request runs as a GET and the body is dropped (the headers,
  Content-Length included, stay);
- a request body larger than the limit (1 MiB; /sparql: its own query limit) is refused with 413,
  from its Content-Length before anything is read, or as soon as the streamed body passes the limit;
- a body that has not arrived in full within `BODY_TIMEOUT_S` of the first read is answered 408 and
  the connection closed (a slow client cannot hold a worker); the request headers have their own
  deadline in the HTTP server (`api/serving.py`);
- a request other than /sparql (which has its own deadline) that has not started its response after
  `REQUEST_TIMEOUT_S` gets 503. Limitation: Python cannot stop a thread, so a synchronous route keeps
  its worker thread until it returns; its late response is dropped;
- every response carries security headers (nosniff, a same-origin Content-Security-Policy without
  inline scripts, frame-ancestors 'none' / X-Frame-Options DENY, Referrer-Policy, Permissions-Policy),
  and /static/ files a Cache-Control;
- any unexpected exception becomes a JSON 500 with an error id, logged with its traceback server-side;
  the response never holds a stack trace;
- a request that does not validate (FastAPI's 422) echoes its input safely: lone surrogates escaped,
  NaN and Infinity as text, long values cut, so that the error itself can always be written.

Routes that change data take `Depends(write_guard(settings))`: off (404) unless the operator set a
write token, then `Authorization: Bearer <token>` is required (401 otherwise, compared in constant time).
"""

from __future__ import annotations

import asyncio
import base64
import functools
import hashlib
import hmac
import json
import logging
import math
import re
import time
import uuid
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from ruimtegraaf.settings import Settings

log = logging.getLogger(__name__)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

MAX_BODY_BYTES = 1024 * 1024
REQUEST_TIMEOUT_S = 30.0
BODY_TIMEOUT_S = 20.0  # from the first read of the body to its last byte
ECHO_CHARS = 200  # how much of a rejected value a 422 repeats
SPARQL_PATHS = ("/sparql", "/sparql/")
STATIC_PREFIX = "/static/"
STATIC_CACHE = "public, max-age=3600"  # file names carry no version: an hour keeps a deploy visible soon
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'{styles}; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
       "frame-ancestors 'none'")
# FastAPI's /docs and /redoc pages load Swagger UI / ReDoc from a CDN and start them with an inline script
DOCS_CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
            "style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; img-src 'self' data: "
            "https://fastapi.tiangolo.com https://cdn.redoc.ly; worker-src 'self' blob:; connect-src 'self'; "
            "object-src 'none'; base-uri 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "strict-origin-when-cross-origin",
    "permissions-policy": "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
                          "microphone=(), payment=(), usb=(), browsing-topics=()",
    "cross-origin-opener-policy": "same-origin",
}
_STYLE = re.compile(r"<style[^>]*>(.*?)</style>", re.DOTALL | re.IGNORECASE)


def harden(app: FastAPI, settings: Settings) -> None:
    """Add the limits, security headers and the JSON 500 handler to `app` (once; call it in create_app)."""
    if getattr(app.state, "hardened", False):
        return
    app.state.hardened = True
    docs = {p for p in (app.docs_url, app.redoc_url, app.swagger_ui_oauth2_redirect_url) if p}
    app.add_middleware(
        HardeningMiddleware,  # type: ignore[arg-type]  # Starlette types middleware classes narrower than it accepts
        max_body=int(getattr(settings, "max_body_bytes", MAX_BODY_BYTES)), sparql_max_body=sparql_max_body(settings),
        time_limit=float(getattr(settings, "request_timeout_s", REQUEST_TIMEOUT_S)), csp=page_csp(),
        docs_paths=frozenset(docs), body_time_limit=body_time_limit(settings))
    app.add_exception_handler(Exception, internal_error)
    app.add_exception_handler(RequestValidationError, validation_error)  # type: ignore[arg-type]  # Starlette types exception handlers narrower than it accepts


def sparql_max_body(settings: Settings) -> int:
    """The body limit of /sparql: its own query limit, or the general one when that is larger."""
    from api.sparql import MAX_BODY_BYTES as SPARQL_MAX_BODY

    return max(SPARQL_MAX_BODY, int(getattr(settings, "max_body_bytes", MAX_BODY_BYTES)))


def body_time_limit(settings: Settings) -> float:
    return float(getattr(settings, "body_timeout_s", BODY_TIMEOUT_S))


@functools.lru_cache(maxsize=1)
def page_csp() -> str:
    """The Content-Security-Policy of the app's own pages (made once: it renders the query page)."""
    return CSP.format(styles="".join(f" '{h}'" for h in inline_style_hashes()))


def page_headers(csp: str) -> list[tuple[bytes, bytes]]:
    """The security headers of a page (and of an API answer), as ASGI header pairs."""
    pairs = [*SECURITY_HEADERS.items(), ("content-security-policy", csp)]
    return [(name.encode(), value.encode()) for name, value in pairs]


def write_guard(settings: Settings) -> Callable[[Request], None]:
    """A FastAPI dependency for routes that change data: 404 unless a write token is set, then 401 without it.

    >>> guard = write_guard(Settings())
    >>> try:
    ...     guard(None)  # type: ignore[arg-type]  # a wrong input, on purpose
    ... except HTTPException as error:
    ...     error.status_code
    404
    """
    token = getattr(settings, "write_token", None)

    def guard(request: Request) -> None:
        if not token:
            raise HTTPException(404, "not found; changing data over HTTP is off (set RUIMTEGRAAF_WRITE_TOKEN)")
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
            raise HTTPException(401, "this operation needs `Authorization: Bearer <write token>`",
                                headers={"WWW-Authenticate": "Bearer"})

    return guard


async def internal_error(request: Request, exc: Exception) -> JSONResponse:
    """Any unexpected exception: logged with its traceback, answered as JSON without one."""
    error_id = uuid.uuid4().hex[:12]
    log.error("unexpected error %s on %s %s", error_id, request.method, request.url.path, exc_info=exc)
    return JSONResponse(error_body(error_id), status_code=500)


async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    """FastAPI's 422 (`{"detail": [{"loc", "msg", "type", "input"}]}`) with an input that can be written."""
    detail = [{key: safe_echo(value) for key, value in error.items() if key != "url"} for error in exc.errors()]
    return JSONResponse({"detail": detail}, status_code=422)


def safe_echo(value: Any) -> Any:
    """A value as JSON can carry it: lone surrogates escaped, NaN and infinities as text, long text cut.

    >>> safe_echo({"q": "\\ud800" * 2, "n": float("nan"), "x": [b"\\xff"]})
    {'q': '\\\\ud800\\\\ud800', 'n': 'NaN', 'x': ['\\\\xff']}
    """
    if isinstance(value, str):
        text = value.encode("utf-8", "backslashreplace").decode("utf-8")
        return text if len(text) <= ECHO_CHARS else text[:ECHO_CHARS] + "…"
    if isinstance(value, bytes):
        return safe_echo(value.decode("utf-8", "backslashreplace"))
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, dict):
        return {str(safe_echo(k)): safe_echo(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [safe_echo(v) for v in value]
    if value is None or isinstance(value, (bool, int, float)):
        return value
    return safe_echo(str(value))


def error_body(error_id: str) -> dict[str, str]:
    return {"error": f"internal error; try again later, or report error id {error_id} to the operator",
            "id": error_id}


def inline_style_hashes() -> list[str]:
    """CSP hashes of the inline <style> blocks of the built-in SPARQL query page (so it keeps its look)."""
    try:
        from api.sparql_service import query_page

        page = query_page("/sparql", 1, 1)
    except (ImportError, AttributeError, TypeError):
        return []
    return [f"sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}"
            for s in _STYLE.findall(page)]


class HardeningMiddleware:
    """Pure ASGI middleware: body limit, time limit before the response starts, headers, JSON 500."""

    def __init__(self, app: ASGIApp, *, max_body: int, sparql_max_body: int, time_limit: float, csp: str,
                 docs_paths: frozenset[str] = frozenset(), body_time_limit: float = BODY_TIMEOUT_S) -> None:
        self.app, self.max_body, self.sparql_max_body = app, max_body, sparql_max_body
        self.time_limit, self.csp, self.docs_paths = time_limit, csp, docs_paths
        self.body_time_limit = body_time_limit
        self._page_headers = page_headers(csp)  # made once, not per request
        self._docs_headers = page_headers(DOCS_CSP)
        self._static_headers = [*self._page_headers, (b"cache-control", STATIC_CACHE.encode())]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        sparql = path in SPARQL_PATHS
        opened = await open_exchange(scope, send, self._headers(path),
                                     self.sparql_max_body if sparql else self.max_body, self.body_time_limit)
        if opened is None:
            return
        scope, exchange = opened

        async def limited_receive() -> Message:
            return await exchange.receive(receive)

        try:
            if sparql:
                await self.app(scope, limited_receive, exchange.send)
            else:
                await self._within_time(scope, limited_receive, exchange)
        except Exception as error:
            if exchange.rejected:
                return
            if exchange.started:
                log_unexpected(error, scope)
                raise
            await answer_unexpected(exchange, error, scope)

    async def _within_time(self, scope: Scope, receive: Receive, exchange: _Exchange) -> None:
        """Run the app; 503 when it has not started a response within the time limit."""
        task = asyncio.ensure_future(self.app(scope, receive, exchange.send))
        started = asyncio.ensure_future(exchange.started_event.wait())
        try:
            done, _ = await asyncio.wait({task, started}, timeout=self.time_limit,
                                         return_when=asyncio.FIRST_COMPLETED)
        except asyncio.CancelledError:
            task.cancel()
            raise
        finally:
            started.cancel()
        if task in done or started in done:
            await task
            return
        task.add_done_callback(_forget)  # a worker thread may still be busy; its answer will be dropped
        task.cancel()
        log.warning("%s %s did not answer within %g s", scope.get("method"), scope.get("path"), self.time_limit)
        await exchange.reject(503, f"the request did not finish within {self.time_limit:g} s; try again later "
                                   "or narrow it down")

    def _headers(self, path: str) -> list[tuple[bytes, bytes]]:
        if path in self.docs_paths:
            return self._docs_headers
        return self._static_headers if path.startswith(STATIC_PREFIX) else self._page_headers


class _Exchange:
    """One request's response side: adds headers, counts the body, answers an error at most once."""

    def __init__(self, send: Send, headers: list[tuple[bytes, bytes]], limit: int, *, head: bool = False,
                 body_time_limit: float = BODY_TIMEOUT_S) -> None:
        self._send, self._headers, self.limit, self.head = send, headers, limit, head
        self.body_time_limit = body_time_limit
        self.started = False
        self.rejected = False
        self.received = 0
        self.started_event = asyncio.Event()
        self._body_until: float | None = None

    async def send(self, message: Message) -> None:
        if self.rejected:  # we answered already (413, 503): the app's own answer is dropped
            return
        if message["type"] == "http.response.start":
            self.started = True
            self.started_event.set()
            present = {name.lower() for name, _ in message.get("headers", [])}
            extra = [(k, v) for k, v in self._headers if k not in present]
            message = {**message, "headers": [*message.get("headers", []), *extra]}
        elif self.head and message["type"] == "http.response.body":
            message = {**message, "body": b""}  # HEAD: the headers of the GET, no body
        await self._send(message)

    async def receive(self, receive: Receive) -> Message:
        if self.rejected:
            return {"type": "http.disconnect"}
        if self._body_until is None:
            self._body_until = time.monotonic() + self.body_time_limit
        try:
            async with asyncio.timeout(max(0.0, self._body_until - time.monotonic())):  # no task per read
                message = await receive()
        except TimeoutError:
            if not self.started:
                await self.reject(408, f"the request body did not arrive within {self.body_time_limit:g} s; "
                                       "send it at once")
            self.rejected = True
            return {"type": "http.disconnect"}
        if message["type"] == "http.request":
            self.received += len(message.get("body", b""))
            if self.received > self.limit:
                if not self.started:
                    await self.reject(413, self.too_large())
                self.rejected = True
                return {"type": "http.disconnect"}  # the app stops reading as if the client had gone
        return message

    def too_large(self) -> str:
        return f"the request body is larger than {self.limit} bytes, the limit of this route; send less"

    async def reject(self, status: int, message: str, *, body: dict[str, str] | None = None) -> None:
        """Answer `status` with a JSON error (when no response has started) and drop the app's answer."""
        if self.started or self.rejected:
            self.rejected = True
            return
        content = json.dumps(body or {"error": message}).encode()
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(content)).encode()),
                   *self._headers]
        if status in (408, 413):
            headers.append((b"connection", b"close"))
        self.started = self.rejected = True
        self.started_event.set()
        await self._send({"type": "http.response.start", "status": status, "headers": headers})
        await self._send({"type": "http.response.body", "body": b"" if self.head else content})


async def open_exchange(scope: Scope, send: Send, headers: list[tuple[bytes, bytes]], limit: int,
                        body_time_limit: float) -> tuple[Scope, _Exchange] | None:
    """A request's exchange, with HEAD taken as a GET without the body; None when its declared
    Content-Length is refused (400 not a number, 413 over `limit`), which is answered already."""
    head = scope.get("method") == "HEAD"
    if head:
        scope = {**scope, "method": "GET"}
    exchange = _Exchange(send, headers, limit, head=head, body_time_limit=body_time_limit)
    declared = _content_length(scope)
    if declared == -1:
        await exchange.reject(400, "the Content-Length header is not a number")
        return None
    if declared is not None and declared > limit:
        await exchange.reject(413, exchange.too_large())
        return None
    return scope, exchange


def log_unexpected(error: Exception, scope: Scope) -> str:
    """Log an unexpected error with its traceback under a new error id, and return the id."""
    error_id = uuid.uuid4().hex[:12]
    log.error("unexpected error %s on %s %s", error_id, scope.get("method"), scope.get("path", ""), exc_info=error)
    return error_id


async def answer_unexpected(exchange: _Exchange, error: Exception, scope: Scope) -> None:
    """A JSON 500 with the error id the log names, for an error before the response started."""
    await exchange.reject(500, "", body=error_body(log_unexpected(error, scope)))


def _content_length(scope: Scope) -> int | None:
    """The declared body size, None when not declared, -1 when not a number."""
    for name, value in scope.get("headers", []):
        if name.lower() == b"content-length":
            text = value.decode("latin-1").strip()
            return int(text) if text.isdigit() else -1
    return None


def _forget(task: asyncio.Future[None]) -> None:
    """Retrieve an abandoned request's outcome, so asyncio does not warn about it."""
    if not task.cancelled():
        task.exception()
