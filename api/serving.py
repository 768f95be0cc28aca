"""How the HTTP server runs the app: uvicorn with a deadline for request headers and no server banner.

uvicorn closes idle keep-alive connections, but a client that sends its request headers one byte at
a time (slowloris) holds its connection for ever. `HeaderDeadline` adds one timer to uvicorn's HTTP
protocol (httptools, the C parser, when installed; else h11): the request line and headers must be
complete within `HEADER_TIMEOUT_S` of the connection opening, or of the first byte of the next request
on a kept-alive connection; otherwise the connection is closed. Bodies have their own deadline in
`api/hardening.py`. A response's head and body go out in one send (`OneSend`). The event loop is uvloop
when installed (uvicorn's "auto").
"""

from __future__ import annotations

import asyncio
import functools
from typing import Any, cast

from uvicorn.protocols.http.h11_impl import H11Protocol

HEADER_TIMEOUT_S = 10.0
KEEP_ALIVE_S = 5.0


class HeaderDeadline:
    """Mixin for a uvicorn HTTP protocol: close a connection whose request headers do not arrive in time.

    The protocol says when it waits for headers (`_awaiting_headers`); the timer runs while it does.
    """

    header_timeout = HEADER_TIMEOUT_S
    _header_timer: asyncio.TimerHandle | None = None
    loop: asyncio.AbstractEventLoop
    transport: asyncio.Transport

    def _awaiting_headers(self) -> bool:
        raise NotImplementedError

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        stream = cast(asyncio.Transport, transport)  # a stream connection's (asyncio's signature names the base)
        super().connection_made(OneSend(stream, self.loop))  # type: ignore[misc]
        self._watch_headers()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)  # type: ignore[misc]
        self._watch_headers()

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop_watching()
        super().connection_lost(exc)  # type: ignore[misc]

    def _watch_headers(self) -> None:
        waiting = self._awaiting_headers() and not self.transport.is_closing()
        if waiting and self._header_timer is None:
            self._header_timer = self.loop.call_later(self.header_timeout, self._headers_too_late)
        elif not waiting:
            self._stop_watching()

    def _stop_watching(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _headers_too_late(self) -> None:
        self._header_timer = None
        if self._awaiting_headers() and not self.transport.is_closing():
            self.transport.close()


class OneSend:
    """A transport that sends what is written in one turn of the event loop at once, at the end of it.

    uvicorn writes a response's head and its body apart: two sends, and a client that reads the
    head wakes up twice. Writes held until the event loop's next turn go out together (one writev);
    closing sends what is held first. Everything else is the transport's own.
    """

    def __init__(self, transport: asyncio.Transport, loop: asyncio.AbstractEventLoop) -> None:
        self._transport, self._loop = transport, loop
        self._held: list[bytes] = []

    def write(self, data: bytes) -> None:
        if not self._held:
            self._loop.call_soon(self._send)
        self._held.append(data)

    def _send(self) -> None:
        held, self._held = self._held, []
        if held and not self._transport.is_closing():
            self._transport.writelines(held)

    def close(self) -> None:
        self._send()
        self._transport.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)


class H11HeaderDeadline(HeaderDeadline, H11Protocol):
    """uvicorn's h11 protocol with the header deadline."""

    def _awaiting_headers(self) -> bool:
        import h11

        return self.conn.their_state is h11.IDLE


def _httptools_protocol() -> type | None:
    """uvicorn's httptools protocol with the header deadline, or None without httptools."""
    try:
        from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
    except ImportError:
        return None

    class HttpToolsHeaderDeadline(HeaderDeadline, HttpToolsProtocol):
        _headers_in = False  # of the request being read; false again once its response is done

        def _awaiting_headers(self) -> bool:
            return not self._headers_in

        def on_headers_complete(self) -> None:
            self._headers_in = True
            self._stop_watching()
            super().on_headers_complete()

        def on_response_complete(self) -> None:
            self._headers_in = False  # idle now: uvicorn's keep-alive timer runs until bytes come
            super().on_response_complete()

    return HttpToolsHeaderDeadline


def server_options(header_timeout: float = HEADER_TIMEOUT_S) -> dict[str, Any]:
    """uvicorn keyword arguments for `ruimtegraaf serve` (and tests that run a real server).

    >>> server_options()["server_header"]
    False
    """
    return {"http": protocol_class(header_timeout), "server_header": False, "timeout_keep_alive": KEEP_ALIVE_S}


def worker_options() -> dict[str, Any]:
    """`server_options` for `serve --workers N`: uvicorn starts each worker as a fresh process from a
    pickled configuration, which cannot carry a class made at run time; the protocol is named by import
    string and takes its header deadline from `RUIMTEGRAAF_HEADER_TIMEOUT` in the worker.
    """
    return {"http": "api.serving:protocol_from_env", "server_header": False, "timeout_keep_alive": KEEP_ALIVE_S}


@functools.lru_cache(maxsize=8)
def protocol_class(header_timeout: float) -> type:
    """uvicorn's HTTP protocol (httptools when installed, else h11) with this header deadline."""
    base = _httptools_protocol() or H11HeaderDeadline
    return type(base.__name__, (base,), {"header_timeout": header_timeout})


def protocol_from_env(**options: Any) -> asyncio.Protocol:
    """A connection's protocol in a `serve --workers N` worker (uvicorn calls this for each connection)."""
    return protocol_class(_env_header_timeout())(**options)  # type: ignore[no-any-return]


@functools.lru_cache(maxsize=1)
def _env_header_timeout() -> float:
    from ruimtegraaf.settings import Settings

    return Settings.from_env().header_timeout_s
