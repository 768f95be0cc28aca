"""A SPARQL query worker: a process cut off from the network that answers queries over one store.

    python -m ruimtegraaf.query_worker --fd N [--store DIR] [--copy FILE] [--memory-mb M]

Started and killed by `ruimtegraaf.query_pool`. Before it reads anything it isolates itself
(`ruimtegraaf.sandbox`: no socket can be created; SIGSYS kills it on a try), then opens the store:
the on-disk store `--store` read-only, and answers at once; `--copy`, an N-Quads file of the same data,
is meanwhile loaded into an in-memory store in the background (small data: the engine is several times
faster in memory), which takes over when loaded (without `--store`, the copy is loaded first). It
limits its address space to what it uses plus `--memory-mb` (RLIMIT_AS; an allocation past it ends
the process) and answers queries on the socket `--fd`, one at a time, in a thread with a large stack
(pyoxigraph's parser recurses).

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
LOADER_NICE = 5  # the in-memory copy loads behind queries


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

    from ruimtegraaf.query_run import execute  # noqa: F401  (imported before the memory limit)

    holder = _Store(a.memory_mb, os.path.getsize(a.copy) if a.copy else 0)
    try:
        if a.store:  # serve from disk at once; the copy, when there is one, takes over once loaded
            holder.store = ox.Store.read_only(a.store)
        elif a.copy:
            holder.load(a.copy)
    except (OSError, SyntaxError, ValueError) as error:
        _write(a.fd, frame({"ready": False, "error": f"the store cannot be opened: {error}"}))
        return 1
    holder.limit()
    ready = {"ready": True, "isolation": asdict(isolation), "rss_mb": rss_mb()}
    threading.stack_size(STACK_BYTES)
    worker = threading.Thread(target=_serve, args=(a.fd, holder, ready), name="sparql-worker")
    threading.stack_size(0)
    threading.Thread(target=_orphaned, args=(os.getppid(),), name="sparql-watchdog", daemon=True).start()
    if a.store and a.copy:
        threading.Thread(target=holder.load, args=(a.copy, LOADER_NICE), name="sparql-copy", daemon=True).start()
    worker.start()
    worker.join()
    return 0


class _Store:
    """The store queries run on, swapped for the in-memory copy when that has loaded; the memory limit."""

    def __init__(self, memory_mb: int, copy_bytes: int) -> None:
        self.store: Any = None
        self.memory_mb, self.copy_bytes = memory_mb, copy_bytes

    def limit(self) -> None:
        """RLIMIT_AS: what the process maps now, the query thread's stack, room for the copy, the budget."""
        room = 4 * self.copy_bytes if self.store is not None and self.copy_bytes else 0
        limit = _address_space() + 2 * STACK_BYTES + room + self.memory_mb * 2**20
        current, _ = resource.getrlimit(resource.RLIMIT_AS)
        if current == resource.RLIM_INFINITY or limit < current:  # a limit can only be lowered
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    def load(self, path: str, nice: int = 0) -> None:
        """Load the N-Quads copy into memory (in the background: at a lower priority than queries)."""
        import pyoxigraph as ox

        if nice:
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), nice)
        copy = ox.Store()
        copy.bulk_load(path=path, format=ox.RdfFormat.N_QUADS)
        loaded_in_background = self.store is not None
        self.store = copy
        if loaded_in_background:
            self.copy_bytes = 0
            self.limit()


def _serve(fd: int, holder: _Store, ready: dict[str, Any]) -> None:
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
            outcome = execute(holder.store, job)
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
