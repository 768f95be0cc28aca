"""SPARQL query workers: processes cut off from the network that answer queries over one store.

    python -m ruimtegraaf.query_worker --fd N [--store DIR] [--copy FILE] [--memory-mb M]

This starts a *zygote*, started and ended by `ruimtegraaf.query_pool`. Before it reads anything it
isolates itself (`ruimtegraaf.sandbox`: no socket can be created; SIGSYS kills on a try), which every
process it forks inherits. It loads `--copy`, an N-Quads file of the store, into an in-memory store
(small data: the engine is several times faster in memory than on the read-only on-disk store), says
ready, and then forks a worker for each request on its control socket `--fd`: the request carries the
worker's own socket (SCM_RIGHTS), the answer is the worker's pid. Forking a loaded process takes
milliseconds where starting Python takes a few hundred (under load, seconds), and the copy's pages
are shared. The zygote is single-threaded, so forking it is safe; it reaps its workers and reports
how one ended (`{"status": pid}`), which tells the pool that the sandbox stopped a socket.

A worker opens `--store` read-only when there is no copy (large data), limits its address space to
what it maps plus `--memory-mb` (RLIMIT_AS; an allocation past it ends the process) and answers
queries one at a time in a thread with a large stack (pyoxigraph's parser recurses). It ends when
its socket closes or the zygote is gone.

Frames on every socket (`ruimtegraaf.query_frames`): a worker's first is `{"ready": true, "thread":
tid, ...}`; then each request header is a `QueryJob` and each answer an `Outcome` with its body.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import select
import signal
import socket
import sys
import threading
import time
from dataclasses import asdict
from typing import Any

from ruimtegraaf.query_frames import frame, frame_prefix, read_frame, write_all

STACK_BYTES = 256 * 1024 * 1024  # pyoxigraph's recursive parser overflows 8 MiB on deeply nested queries
_ENDED: dict[int, int] = {}  # worker pid -> exit code (negative: the signal), reaped by the zygote


def rss_mb(statm: int | None = None) -> float:
    """Resident memory of this process, in MB (`statm`: this process's /proc/self/statm, kept open)."""
    if statm is not None:
        return int(os.pread(statm, 128, 0).split()[1]) * _PAGE / 2**20
    with open("/proc/self/statm", encoding="ascii") as file:
        return int(file.read().split()[1]) * _PAGE / 2**20


_PAGE = os.sysconf("SC_PAGE_SIZE")


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
        write_all(a.fd, frame({"ready": False, "error": str(error)}))
        return 1
    import pyoxigraph as ox

    from ruimtegraaf.query_run import execute  # noqa: F401  (imported once, in the zygote)

    copy = None
    try:
        if a.copy:
            copy = ox.Store()
            copy.bulk_load(path=a.copy, format=ox.RdfFormat.N_QUADS)
        elif not a.store:
            raise OSError("neither a store nor a copy of one was given")
    except (OSError, SyntaxError, ValueError) as error:
        write_all(a.fd, frame({"ready": False, "error": f"the store cannot be opened: {error}"}))
        return 1
    signal.signal(signal.SIGCHLD, _reap)
    write_all(a.fd, frame({"ready": True, "isolation": asdict(isolation), "rss_mb": rss_mb()}))
    return _fork_on_request(a.fd, copy, a.store, a.memory_mb)


def _reap(*_: object) -> None:
    """Collect ended workers (SIGCHLD), keeping how each ended for a later `status` question."""
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        _ENDED[pid] = os.waitstatus_to_exitcode(status)
        if len(_ENDED) > 1000:
            _ENDED.pop(next(iter(_ENDED)))


def _fork_on_request(ctrl_fd: int, copy: Any, store_path: str | None, memory_mb: int) -> int:
    """The zygote's loop: a worker per `fork` request, how one ended per `status` request."""
    ctrl = socket.socket(fileno=ctrl_fd)
    server = os.getppid()
    while os.getppid() == server:
        ready, _, _ = select.select([ctrl], [], [], 1.0)
        if not ready:
            continue
        try:
            data, fds, _, _ = socket.recv_fds(ctrl, 4096, 1)
        except InterruptedError:
            continue
        if not data:
            return 0  # the server closed the control socket
        request = json.loads(data)
        if "status" in request:
            pid = int(request["status"])
            if pid not in _ENDED:
                try:
                    _, status = os.waitpid(pid, 0)
                    _ENDED[pid] = os.waitstatus_to_exitcode(status)
                except ChildProcessError:
                    pass
            ctrl.sendall(json.dumps({"code": _ENDED.get(pid)}).encode() + b"\n")
            continue
        child = os.fork()
        if child == 0:
            ctrl.close()
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            os._exit(_worker(fds[0], copy, store_path, memory_mb))
        for fd in fds:
            os.close(fd)
        ctrl.sendall(json.dumps({"pid": child}).encode() + b"\n")
    return 0


def _worker(fd: int, copy: Any, store_path: str | None, memory_mb: int) -> int:
    """A forked worker: its store, its memory limit, then queries until its socket closes."""
    import pyoxigraph as ox

    try:
        if copy is not None:
            store = copy
        elif store_path is not None:
            store = ox.Store.read_only(store_path)
        else:  # main() does not start workers without a store or a copy
            raise OSError("neither a store nor a copy of one was given")
    except OSError as error:
        write_all(fd, frame({"ready": False, "error": f"the store cannot be opened: {error}"}))
        return 1
    limit = _address_space() + 2 * STACK_BYTES + memory_mb * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    threading.stack_size(STACK_BYTES)
    worker = threading.Thread(target=_serve, args=(fd, store), name="sparql-worker")
    threading.stack_size(0)
    threading.Thread(target=_orphaned, args=(os.getppid(),), name="sparql-watchdog", daemon=True).start()
    worker.start()
    worker.join()
    return 0


def _serve(fd: int, store: Any) -> None:
    """Say ready (with this thread's id, which the server may renice), then answer jobs until it hangs up."""
    from ruimtegraaf.query_run import Outcome, QueryJob, execute

    statm = os.open("/proc/self/statm", os.O_RDONLY)  # opened here: /proc/self is the process that opens it
    write_all(fd, frame({"ready": True, "thread": threading.get_native_id(), "rss_mb": rss_mb(statm)}))
    while True:
        message = read_frame(fd)
        if message is None:
            return
        header, _ = message
        try:
            job = QueryJob(**{**header, "default_graphs": _tuple(header.get("default_graphs")),
                              "named_graphs": _tuple(header.get("named_graphs"))})
            outcome = execute(store, job)
        except MemoryError:
            outcome = Outcome("memory")
        answer = {"kind": outcome.kind, "media_type": outcome.media_type, "message": outcome.message,
                  "what": outcome.what, "rss_mb": rss_mb(statm)}
        write_all(fd, frame_prefix(answer, len(outcome.body)), outcome.body)  # one writev, the body not copied
        del outcome


def _orphaned(parent: int) -> None:
    """End the process when its parent is gone (a long query would otherwise run on unseen)."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(0)


def _tuple(value: list[str] | None) -> tuple[str, ...] | None:
    return None if value is None else tuple(value)


if __name__ == "__main__":
    sys.exit(main())
