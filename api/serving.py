"""How the HTTP server runs the app: uvicorn with a deadline for request headers and no server banner.

uvicorn closes idle keep-alive connections, but a client that sends its request headers one byte at
a time (slowloris) holds its connection for ever. `HeaderDeadline` is uvicorn's h11 protocol with one
more timer: the request line and headers must be complete within `HEADER_TIMEOUT_S` of the
connection opening, or of the first byte of the next request on a kept-alive connection; otherwise
the connection is closed. Bodies have their own deadline in `api/hardening.py`.
"""

from __future__ import annotations

import asyncio
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

HEADER_TIMEOUT_S = 10.0
KEEP_ALIVE_S = 5.0


class HeaderDeadline(H11Protocol):
    """uvicorn's h11 protocol, closing a connection whose request headers do not arrive in time."""

    header_timeout = HEADER_TIMEOUT_S

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        self._header_timer: asyncio.TimerHandle | None = None
        super().connection_made(transport)
        self._watch_headers()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        self._watch_headers()

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop_watching()
        super().connection_lost(exc)

    def _watch_headers(self) -> None:
        """Run the timer while the client owes us request headers; stop it once they are in."""
        waiting = self.conn.their_state is h11.IDLE and not self.transport.is_closing()
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
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            if self.timeout_keep_alive_task is None:  # bytes of a request came, but not its headers
                self.logger.warning("closing a connection whose request headers took over %g s", self.header_timeout)
            self.transport.close()


def server_options(header_timeout: float = HEADER_TIMEOUT_S) -> dict[str, Any]:
    """uvicorn keyword arguments for `ruimtegraaf serve` (and tests that run a real server).

    >>> server_options()["server_header"]
    False
    """
    protocol = type("HeaderDeadline", (HeaderDeadline,), {"header_timeout": header_timeout})
    return {"http": protocol, "server_header": False, "timeout_keep_alive": KEEP_ALIVE_S}
