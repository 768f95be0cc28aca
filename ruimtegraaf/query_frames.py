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
FIRST_READ = 256 * 1024  # most answers come whole in the first read


def frame(header: dict[str, Any], body: bytes = b"") -> bytes:
    """One message: header JSON and body, with their lengths."""
    head = json.dumps(header, ensure_ascii=True).encode("ascii")
    return _HEAD.pack(len(head)) + head + _SIZE.pack(len(body)) + body


def read_frame(fd: int) -> tuple[dict[str, Any], bytes] | None:
    """The next message on a blocking descriptor, or None when the other side closed it."""
    raw = _read_exact(fd, _HEAD.size)
    if raw is None:
        return None
    head = _read_exact(fd, _HEAD.unpack(raw)[0])
    size = _read_exact(fd, _SIZE.size)
    if head is None or size is None:
        return None
    body = _read_exact(fd, _SIZE.unpack(size)[0])
    return (json.loads(head), body) if body is not None else None


def _read_exact(fd: int, n: int) -> bytes | None:
    parts, got = [], 0
    while got < n:
        part = os.read(fd, min(n - got, 1 << 20))
        if not part:
            return None
        parts.append(part)
        got += len(part)
    return b"".join(parts)


def write_all(fd: int, data: bytes) -> None:
    """Write all of `data` to a blocking descriptor."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


async def receive(sock: socket.socket) -> tuple[dict[str, Any], bytes]:
    """One frame: most answers arrive in one read; larger ones are read on to their length."""
    loop = asyncio.get_running_loop()
    data = await loop.sock_recv(sock, FIRST_READ)
    while len(data) < _HEAD.size:
        data += await _more(loop, sock, FIRST_READ)
    head_end = _HEAD.size + _HEAD.unpack_from(data)[0]
    while len(data) < head_end + _SIZE.size:
        data += await _more(loop, sock, FIRST_READ)
    size = _SIZE.unpack_from(data, head_end)[0]
    end = head_end + _SIZE.size + size
    if len(data) < end:
        buffer = bytearray(end)
        buffer[:len(data)] = data
        view, got = memoryview(buffer), len(data)
        while got < end:
            count = await loop.sock_recv_into(sock, view[got:])
            if count == 0:
                raise EOFError("the query worker closed its socket")
            got += count
        data = bytes(buffer)
    return json.loads(data[_HEAD.size:head_end]), data[head_end + _SIZE.size:end]


async def _more(loop: asyncio.AbstractEventLoop, sock: socket.socket, n: int) -> bytes:
    part = await loop.sock_recv(sock, n)
    if not part:
        raise EOFError("the query worker closed its socket")
    return part
