"""A SPARQL query worker: a process cut off from the network that answers queries over one store.

    python -m ruimtegraaf.query_worker --fd N [--store DIR] [--copy FILE] [--memory-mb M]

Started and killed by `ruimtegraaf.query_pool`. Before it reads anything it isolates itself
(`ruimtegraaf.sandbox`: no socket can be created; SIGSYS kills it on a try), then opens the store:
`--copy` is an N-Quads file loaded into an in-memory store (small data: the engine is several times
faster in memory), else the on-disk store `--store` read-only. Then it limits its address space to what
it uses plus `--memory-mb` (RLIMIT_AS; an allocation past it ends the process) and answers queries on
the socket `--fd`, one at a time, in a thread with a large stack (pyoxigraph's parser recurses).

Frames on the socket, both ways: 4-byte big-endian header length, the header as JSON, 8-byte body
length, the body. The first frame the worker writes is `{"ready": true, ...}` or `{"ready": false,
"error": ...}`; then each request header is a `QueryJob` and each answer an `Outcome` with its body.
JSON (not pickle) so that nothing a worker writes can run code in the server.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import struct
import sys
import threading
import time
from dataclasses import asdict
from typing import Any

_HEAD = struct.Struct(">I")
_SIZE = struct.Struct(">Q")
STACK_BYTES = 256 * 1024 * 1024  # pyoxigraph's recursive parser overflows 8 MiB on deeply nested queries


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


def _write(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def rss_mb() -> float:
    """Resident memory of this process, in MB."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _address_space() -> int:
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="ruimtegraaf.query_worker")
    ap.add_argument("--fd", type=int, required=True)
    ap.add_argument("--store")
    ap.add_argument("--copy")
    ap.add_argument("--memory-mb", type=int, default=1024)
    a = ap.parse_args(argv)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a worker killed by SIGSYS or SIGABRT leaves no core
    from ruimtegraaf.sandbox import SandboxUnavailable, isolate

    try:
        isolation = isolate()
    except SandboxUnavailable as error:
        _write(a.fd, frame({"ready": False, "error": str(error)}))
        return 1
    import pyoxigraph as ox

    from ruimtegraaf.query_run import Outcome, QueryJob, execute  # noqa: F401  (before the memory limit)

    try:
        if a.copy:
            store = ox.Store()
            store.bulk_load(path=a.copy, format=ox.RdfFormat.N_QUADS)
        else:
            store = ox.Store.read_only(a.store)
    except (OSError, SyntaxError, ValueError) as error:
        _write(a.fd, frame({"ready": False, "error": f"the store cannot be opened: {error}"}))
        return 1
    limit = _address_space() + 2 * STACK_BYTES + a.memory_mb * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    ready = {"ready": True, "isolation": asdict(isolation), "rss_mb": rss_mb(), "memory_limit_mb": limit // 2**20}
    threading.stack_size(STACK_BYTES)
    worker = threading.Thread(target=_serve, args=(a.fd, store, ready), name="sparql-worker")
    threading.stack_size(0)
    threading.Thread(target=_orphaned, args=(os.getppid(),), name="sparql-watchdog", daemon=True).start()
    worker.start()
    worker.join()
    return 0


def _serve(fd: int, store: object, ready: dict[str, Any]) -> None:
    """Say ready (with this thread's id, which the server may renice), then answer jobs until it hangs up."""
    from ruimtegraaf.query_run import Outcome, QueryJob, execute

    _write(fd, frame({**ready, "thread": threading.get_native_id()}))
    while True:
        message = read_frame(fd)
        if message is None:
            return
        header, _ = message
        try:
            job = QueryJob(**{**header, "default_graphs": _tuple(header.get("default_graphs")),
                              "named_graphs": _tuple(header.get("named_graphs"))})
            outcome = execute(store, job)  # type: ignore[arg-type]
        except MemoryError:
            outcome = Outcome("memory")
        answer = {"kind": outcome.kind, "media_type": outcome.media_type, "message": outcome.message,
                  "what": outcome.what, "rss_mb": rss_mb()}
        _write(fd, frame(answer, outcome.body))
        del outcome


def _orphaned(parent: int) -> None:
    """End the process when the server is gone (a long query would otherwise run on unseen)."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(0)


def _tuple(value: list[str] | None) -> tuple[str, ...] | None:
    return None if value is None else tuple(value)


if __name__ == "__main__":
    sys.exit(main())
