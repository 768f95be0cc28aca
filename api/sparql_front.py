"""GET, POST and HEAD /sparql in one pure ASGI layer, ahead of the app's middleware stack.

A query's answer takes a few milliseconds, and each layer between the HTTP server and the endpoint
(FastAPI's telemetry check, Starlette's error and exception middleware, CORS, hardening, routing,
request and response objects) costs per request. `App` (a FastAPI) hands these requests to
`SparqlFront`, which does for them what those layers do, with what does not depend on the request
made once:

- hardening (`api/hardening.py`): HEAD as a GET without the body; the body limit, from the declared
  Content-Length and while the body streams in (413), and its deadline (408); the security headers;
  an unexpected exception is a JSON 500 with an error id, logged with its traceback;
- CORS as the app's `CORSMiddleware` (any origin, no credentials) answers a simple request:
  `Access-Control-Allow-Origin: *` when the request has an Origin, and `Vary: Accept, Origin`.

Other methods (OPTIONS preflight, 405s) and every other path go through the app as before.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Response
from starlette.types import Message, Receive, Scope, Send

from api.hardening import SPARQL_PATHS, answer_unexpected, open_exchange

log = logging.getLogger(__name__)

Answer = Callable[[Scope, Receive], Awaitable[Response]]
METHODS = ("GET", "POST", "HEAD")
VARY = (b"vary", b"Accept, Origin")
ANY_ORIGIN = (b"access-control-allow-origin", b"*")


class SparqlFront:
    """Pure ASGI: the HTTP side of GET, POST and HEAD /sparql (see the module docstring)."""

    def __init__(self, answer: Answer, *, max_body: int, body_time_limit: float,
                 headers: list[tuple[bytes, bytes]]) -> None:
        self.answer, self.max_body, self.body_time_limit = answer, max_body, body_time_limit
        self.headers = headers
        self._plain = [VARY, *headers]  # made once: a response's own headers come before these
        self._cors = [VARY, ANY_ORIGIN, *headers]

    def wants(self, scope: Scope) -> bool:
        return scope["type"] == "http" and scope["path"] in SPARQL_PATHS and scope["method"] in METHODS

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        opened = await open_exchange(scope, send, self.headers, self.max_body, self.body_time_limit)
        if opened is None:
            return
        scope, exchange = opened

        async def limited_receive() -> Message:
            return await exchange.receive(receive)

        try:
            response = await self.answer(scope, limited_receive)
        except Exception as error:
            if not exchange.rejected:
                await answer_unexpected(exchange, error, scope)
            return
        if exchange.rejected:  # answered already (408, 413): this answer is dropped
            return
        origin = any(name == b"origin" for name, _ in scope["headers"])
        exchange.started = True
        await send({"type": "http.response.start", "status": response.status_code,
                    "headers": [*response.raw_headers, *(self._cors if origin else self._plain)]})
        await send({"type": "http.response.body", "body": b"" if exchange.head else response.body})


class App(FastAPI):
    """FastAPI, with GET, POST and HEAD /sparql answered by `sparql_front` (when set) before anything else."""

    sparql_front: SparqlFront | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        front = self.sparql_front
        if front is not None and front.wants(scope):
            scope["app"] = self
            await front(scope, receive, send)
            return
        await super().__call__(scope, receive, send)
