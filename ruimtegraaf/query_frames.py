"""The wire format between the server and its query processes: a JSON header and a body, with lengths.

Each frame: 4-byte big-endian header length, the header as JSON (ASCII), 8-byte body length, the body.
JSON, not pickle, so that nothing a sandboxed process writes can run code in the server. The
processes read and write with blocking calls; the server reads with its event loop (`receive`).
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
import struct
from typing import Any

_HEAD = struct.Struct(">I")
_SIZE = struct.Struct(">Q")
FIRST_READ = 64 * 1024  # most answers come whole in the first read (more would cost an mmap per read)
REQUEST_READ = 64 * 1024  # and most requests
LARGE_READ = 1024 * 1024  # the rest of a large answer, at most this much a read


def frame(header: dict[str, Any], body: bytes = b"") -> bytes:
    """One message: header JSON and body, with their lengths."""
    return frame_prefix(header, len(body)) + body


def frame_prefix(header: dict[str, Any], body_size: int) -> bytes:
    """A message without its body: header JSON and the lengths (the body follows, see `write_all`)."""
    head = json.dumps(header, ensure_ascii=True).encode("ascii")
    return _HEAD.pack(len(head)) + head + _SIZE.pack(body_size)


def read_frame(fd: int) -> tuple[dict[str, Any], bytes] | None:
    """The next message on a blocking descriptor, or None when the other side closed it.

    One read takes a whole request (the other side sends one and waits for its answer, so nothing of
    the next message is read ahead); a larger one is read on to its length.
    """
    data = _fill(fd, os.read(fd, REQUEST_READ) or None, _HEAD.size)
    if data is None:
        return None
    head_end = _HEAD.size + _HEAD.unpack_from(data)[0]
    data = _fill(fd, data, head_end + _SIZE.size)
    if data is None:
        return None
    end = head_end + _SIZE.size + _SIZE.unpack_from(data, head_end)[0]
    data = _fill(fd, data, end)
    return None if data is None else (json.loads(data[_HEAD.size:head_end]), data[head_end + _SIZE.size:end])


def _fill(fd: int, data: bytes | None, n: int) -> bytes | None:
    """`data` read on to at least `n` bytes; None when the other side closed first."""
    if data is None or len(data) >= n:
        return data
    rest = _read_exact(fd, n - len(data))
    return None if rest is None else data + rest


def _read_exact(fd: int, n: int) -> bytes | None:
    parts, got = [], 0
    while got < n:
        part = os.read(fd, min(n - got, 1 << 20))
        if not part:
            return None
        parts.append(part)
        got += len(part)
    return b"".join(parts)


def write_all(fd: int, data: bytes, *more: bytes) -> None:
    """Write all of `data` (and `more` after it, without joining them) to a blocking descriptor."""
    views = [memoryview(part) for part in (data, *more) if part]
    while views:
        written = os.writev(fd, views[:_IOV_MAX])
        while written:
            if written >= len(views[0]):
                written -= len(views.pop(0))
            else:
                views[0], written = views[0][written:], 0


_IOV_MAX = 1024


async def receive(sock: socket.socket) -> tuple[dict[str, Any], bytes]:
    """One frame from a non-blocking socket: most answers arrive in one read; larger ones are read on
    into their place. The socket is read directly and awaited only when it has nothing (`readable`):
    the event loop's `sock_recv` costs several times more per call (a future and a reader per call,
    and under uvloop a buffer of the full size asked for).
    """
    loop = asyncio.get_running_loop()
    data = await _recv(loop, sock)
    while len(data) < _HEAD.size:
        data += await _recv(loop, sock)
    head_end = _HEAD.size + _HEAD.unpack_from(data)[0]
    while len(data) < head_end + _SIZE.size:
        data += await _recv(loop, sock)
    start = head_end + _SIZE.size
    size = _SIZE.unpack_from(data, head_end)[0]
    header = json.loads(data[_HEAD.size:head_end])
    if len(data) >= start + size:
        return header, data[start:start + size]
    parts: list[bytes | memoryview] = [memoryview(data)[start:]]  # a large answer: its parts, joined once
    got = len(data) - start
    while got < size:
        try:
            part = sock.recv(min(size - got, LARGE_READ))
        except BlockingIOError:
            await readable(loop, sock)
            continue
        if not part:
            raise EOFError("the query worker closed its socket")
        parts.append(part)
        got += len(part)
    return header, b"".join(parts)


async def send(sock: socket.socket, data: bytes) -> None:
    """All of `data` on a non-blocking socket: straight away when it fits in the socket's buffer."""
    try:
        sent = sock.send(data)
    except BlockingIOError:
        sent = 0
    if sent < len(data):
        await asyncio.get_running_loop().sock_sendall(sock, memoryview(data)[sent:])


async def _recv(loop: asyncio.AbstractEventLoop, sock: socket.socket) -> bytes:
    while True:
        try:
            part = sock.recv(FIRST_READ)
        except BlockingIOError:
            await readable(loop, sock)
            continue
        if not part:
            raise EOFError("the query worker closed its socket")
        return part


async def readable(loop: asyncio.AbstractEventLoop, sock: socket.socket) -> None:
    """Wait until `sock` has bytes to read (or is closed)."""
    ready = loop.create_future()
    fd = sock.fileno()
    loop.add_reader(fd, _set, ready)
    try:
        await ready
    finally:
        loop.remove_reader(fd)


def _set(ready: asyncio.Future[None]) -> None:
    if not ready.done():  # the reader may fire again before the waiting task runs
        ready.set_result(None)
