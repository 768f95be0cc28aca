"""Warm query worker processes that are killed at the deadline: no query outlives its answer.

`QueryPool.run(store, job, timeout)` sends a `QueryJob` to an idle worker (`ruimtegraaf.query_worker`,
cut off from the network, with a memory limit) and awaits its `Outcome`. Past the deadline the worker
is killed (SIGKILL): the engine stops, its memory returns to the system, and a spare takes its place.

- Workers are forked by a zygote per store, a process that has isolated itself and loaded the store's
  copy once: a new worker is ready in milliseconds, also while heavy queries keep the CPU busy. When
  the store changes (a new build), a new zygote starts; the old one ends with its last worker.
- A small store (at most `copy_max_quads`) is written once as N-Quads, which the zygote loads into
  memory and its workers share; a larger one is opened read-only on disk by each worker.
- `spare` idle workers are kept beyond the busy ones, so a simple query finds one at once while heavy
  ones run; at most `size` run at a time, and a query that finds none free within its deadline gets
  `busy`. A query still running after `HEAVY_AFTER_S` gets the lowest CPU priority, so short queries
  go first.
- Workers are kept (a new process pays for its first queries: copy-on-write page faults), up to `size`;
  one whose resident memory grew `RECYCLE_MB` past its start is replaced after its answer.
- A worker that died answers for itself: SIGSYS (the sandbox stopped a socket) is `federated`, SIGABRT
  (an allocation past the memory limit) `memory`, any other death `crashed`.

The pool works from any asyncio event loop (socket operations are per call) and keeps no task running.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import functools
import json
import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruimtegraaf.query_frames import frame, receive, send
from ruimtegraaf.query_run import Outcome, QueryJob

RECYCLE_MB = 256
HEAVY_AFTER_S = 1.0  # a query still running then yields the CPU to short ones (nice LOW_PRIORITY)
LOW_PRIORITY = 19
START_TIMEOUT_S = 120.0  # a zygote loading a large copy
CONTROL_TIMEOUT_S = 10.0  # a zygote answers a fork or status request within this
ANSWER_BUFFER = 1024 * 1024  # a worker's socket send buffer (the kernel caps it at net.core.wmem_max)
_POOLS: weakref.WeakSet[QueryPool] = weakref.WeakSet()


@dataclass(frozen=True)
class StoreKey:
    """Which store a worker serves: an on-disk path, or an in-memory store by serial number and version."""

    path: str | None
    token: str


class _Zygote:
    """The process that forks the workers of one store."""

    def __init__(self, key: StoreKey, process: subprocess.Popen[bytes], control: socket.socket,
                 copy: str | None) -> None:
        self.key, self.process, self.control, self.copy = key, process, control, copy
        self.ready = self.starting = False

    def fork(self) -> tuple[int, socket.socket]:
        """A new worker's pid and our end of its socket."""
        ours, theirs = socket.socketpair()
        with contextlib.suppress(OSError):  # most answers then go in one write and one read
            theirs.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, ANSWER_BUFFER)
        try:
            socket.send_fds(self.control, [json.dumps({"fork": True}).encode()], [theirs.fileno()])
            pid = int(self._answer()["pid"])
        finally:
            theirs.close()
        ours.setblocking(False)
        return pid, ours

    def status(self, pid: int) -> int | None:
        """How a worker ended: its exit code, or minus the signal that ended it."""
        self.control.sendall(json.dumps({"status": pid}).encode())
        return self._answer().get("code")

    def _answer(self) -> dict[str, Any]:
        line = b""
        while not line.endswith(b"\n"):
            part = self.control.recv(4096)
            if not part:
                raise EOFError("the query zygote has ended")
            line += part
        return json.loads(line)

    def end(self) -> None:
        """Kill the zygote (its workers end with it) and remove its copy of the store."""
        with contextlib.suppress(OSError):
            self.process.kill()
        self.control.close()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=5)
        if self.copy:
            with contextlib.suppress(OSError):
                os.unlink(self.copy)


class _Worker:
    def __init__(self, key: StoreKey, pid: int, sock: socket.socket) -> None:
        self.key, self.pid, self.sock = key, pid, sock
        self.ready = False
        self.start_rss = 0.0
        self.thread: int | None = None  # the worker's query thread, for renicing
        self.lowered = False

    def lower(self) -> None:
        """Give the running query the lowest CPU priority, so that short queries go first."""
        if self.thread is not None:
            with contextlib.suppress(OSError):
                os.setpriority(os.PRIO_PROCESS, self.thread, LOW_PRIORITY)
                self.lowered = True

    def restore(self) -> bool:
        """Back to normal priority; False when that is not allowed (an unprivileged server)."""
        if not self.lowered or self.thread is None:
            return True
        try:
            os.setpriority(os.PRIO_PROCESS, self.thread, 0)
        except OSError:
            return False
        self.lowered = False
        return True

    def kill(self) -> None:
        with contextlib.suppress(OSError):
            os.kill(self.pid, signal.SIGKILL)
        self.sock.close()


class QueryPool:
    """Query worker processes for one server (see the module docstring)."""

    def __init__(self, *, size: int = 8, spare: int = 2, memory_mb: int = 1024,
                 copy_max_quads: int = 500_000) -> None:
        self.size, self.spare, self.memory_mb, self.copy_max_quads = size, spare, memory_mb, copy_max_quads
        self._lock = threading.Lock()
        self._idle: list[_Worker] = []
        self._busy: set[_Worker] = set()
        self._zygotes: dict[StoreKey, _Zygote] = {}
        self._current: StoreKey | None = None
        self._folder: str | None = None
        self.broken: str | None = None
        _POOLS.add(self)

    async def run(self, store: Any, job: QueryJob, timeout: float) -> Outcome:
        """The outcome of `job` on `store` (an EmbeddedStore), within `timeout` seconds or `timed_out`."""
        deadline = time.monotonic() + timeout
        key = store_key(store)
        zygote = self._zygotes.get(key)
        if zygote is None or not zygote.ready:
            try:
                async with asyncio.timeout(timeout):
                    await self._prepare(store, key)
            except TimeoutError:
                return Outcome("timed_out")
            except PoolBroken as error:
                return Outcome("broken", message=str(error))
        worker = await self._acquire(key, deadline)
        if worker is None:
            return Outcome("broken", message=self.broken) if self.broken is not None else Outcome("busy")
        loop = asyncio.get_running_loop()
        heavy = loop.call_later(HEAVY_AFTER_S, worker.lower)
        try:
            async with asyncio.timeout_at(loop.time() + max(0.0, deadline - time.monotonic())):
                header, body = await self._exchange(worker, job)
        except TimeoutError:
            self._retire(worker)
            return Outcome("timed_out")
        except (ConnectionError, OSError, EOFError):
            return self._died(worker)
        finally:
            heavy.cancel()
        self._release(worker, header.get("rss_mb", 0.0))
        return Outcome(header["kind"], body, header.get("media_type", ""), header.get("message", ""),
                       header.get("what", ""))

    async def warm(self, store: Any) -> None:
        """Start the store's zygote and spare workers before the first query needs them."""
        key = store_key(store)
        with contextlib.suppress(PoolBroken):
            await self._prepare(store, key)
            with self._lock:
                self._top_up(key)

    async def _prepare(self, store: Any, key: StoreKey) -> None:
        """The zygote for `key`, started (after writing the store's copy, in a thread) and ready."""
        zygote = self._zygotes.get(key)
        if zygote is None:
            copy = await asyncio.to_thread(self._copy, store, key)
            with self._lock:
                zygote = self._zygotes.get(key) or self._start_zygote(key, copy)
        while not zygote.ready:
            if not zygote.starting:  # one request reads the ready frame; others wait for it
                zygote.starting = True
                await self._zygote_ready(zygote)
            elif zygote.key not in self._zygotes:
                raise PoolBroken(self.broken or "the query zygote did not start")
            else:
                await asyncio.sleep(0.01)
        self._current = key

    def _copy(self, store: Any, key: StoreKey) -> str | None:
        if key.path is not None and len(store) > self.copy_max_quads:
            return None
        import pyoxigraph as ox

        if self._folder is None:
            self._folder = tempfile.mkdtemp(prefix="ruimtegraaf-sparql-")
        path = os.path.join(self._folder, f"{abs(hash(key))}.nq")
        with open(path, "wb") as out:
            store.dump(out, ox.RdfFormat.N_QUADS)
        return path

    def _start_zygote(self, key: StoreKey, copy: str | None) -> _Zygote:
        ours, theirs = socket.socketpair()
        command = [sys.executable, "-m", "ruimtegraaf.query_worker", "--fd", str(theirs.fileno()),
                   "--memory-mb", str(self.memory_mb)]
        command += ["--store", key.path] if key.path else []
        command += ["--copy", copy] if copy else []
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [_root(), os.environ.get("PYTHONPATH")]))}
        process = subprocess.Popen(command, pass_fds=[theirs.fileno()], stdin=subprocess.DEVNULL, env=env)
        theirs.close()
        ours.setblocking(False)
        zygote = _Zygote(key, process, ours, copy)
        self._zygotes[key] = zygote
        return zygote

    async def _zygote_ready(self, zygote: _Zygote) -> None:
        try:
            header, _ = await asyncio.wait_for(receive(zygote.control), START_TIMEOUT_S)
        except (EOFError, OSError, ValueError) as error:
            header = {"ready": False, "error": f"the query zygote ended while starting ({error})"}
        if not header.get("ready"):
            self.broken = str(header.get("error", "the query zygote did not start"))
            with self._lock:
                self._zygotes.pop(zygote.key, None)
            zygote.end()
            raise PoolBroken(self.broken)
        zygote.control.setblocking(True)
        zygote.control.settimeout(CONTROL_TIMEOUT_S)
        zygote.ready = True

    async def _acquire(self, key: StoreKey, deadline: float) -> _Worker | None:
        """An idle worker for `key` (forking one when allowed), or None at the deadline."""
        while True:
            worker = self._take(key)
            if worker is not None:
                try:
                    if await self._ready(worker, deadline):
                        return worker
                except TimeoutError:  # still starting: it stays for the next query
                    self._release(worker, 0.0)
                    return None
                except (ConnectionError, OSError, EOFError, ValueError):
                    self._retire(worker)
                if self.broken is not None:
                    return None
                continue
            if self.broken is not None or time.monotonic() >= deadline:
                return None
            await asyncio.sleep(0.005)

    def _take(self, key: StoreKey) -> _Worker | None:
        with self._lock:
            for stale in [w for w in self._idle if w.key != key]:
                self._idle.remove(stale)
                stale.kill()
            self._end_stale_zygotes(key)
            worker = self._pick_idle()
            if worker is None and len(self._busy) < self.size:
                worker = self._fork(key)
            if worker is not None:
                self._busy.add(worker)
            self._top_up(key)
            return worker

    def _top_up(self, key: StoreKey) -> None:
        while len(self._idle) < self.spare and len(self._busy) + len(self._idle) < self.size:
            worker = self._fork(key)
            if worker is None:
                return
            self._idle.append(worker)

    def _fork(self, key: StoreKey) -> _Worker | None:
        zygote = self._zygotes.get(key)
        if zygote is None or not zygote.ready:
            return None
        try:
            pid, sock = zygote.fork()
        except (OSError, EOFError, ValueError, KeyError):
            self._zygotes.pop(key, None)  # it ended: the next query starts another
            zygote.end()
            return None
        return _Worker(key, pid, sock)

    def _end_stale_zygotes(self, key: StoreKey) -> None:
        serving = {w.key for w in self._busy}
        for stale in [k for k in self._zygotes if k != key and k not in serving]:
            self._zygotes.pop(stale).end()

    def _pick_idle(self) -> _Worker | None:
        """An idle worker, one that has said it is ready first."""
        if not self._idle:
            return None
        chosen = next((w for w in self._idle if w.ready), None)
        if chosen is None:
            with contextlib.suppress(OSError, ValueError):
                readable, _, _ = select.select([w.sock for w in self._idle], [], [], 0)
                chosen = next((w for w in self._idle if w.sock in readable), None)
        chosen = chosen or self._idle[0]
        self._idle.remove(chosen)
        return chosen

    async def _ready(self, worker: _Worker, deadline: float) -> bool:
        """Read the worker's first frame once; False when it could not start."""
        if worker.ready:
            return True
        wait = max(0.0, min(START_TIMEOUT_S, deadline - time.monotonic()))
        header, _ = await asyncio.wait_for(receive(worker.sock), wait)
        if not header.get("ready"):
            self.broken = str(header.get("error", "the query worker did not start"))
            self._retire(worker)
            return False
        worker.ready, worker.start_rss = True, float(header.get("rss_mb", 0.0))
        worker.thread = header.get("thread")
        return True

    async def _exchange(self, worker: _Worker, job: QueryJob) -> tuple[dict[str, Any], bytes]:
        await send(worker.sock, job_frame(job))
        return await receive(worker.sock)

    def _release(self, worker: _Worker, rss_mb: float) -> None:
        with self._lock:
            self._busy.discard(worker)
            if rss_mb > worker.start_rss + RECYCLE_MB or worker.key != self._current or not worker.restore():
                worker.kill()
            else:
                self._idle.append(worker)

    def _retire(self, worker: _Worker) -> None:
        with self._lock:
            self._busy.discard(worker)
            worker.kill()

    def _died(self, worker: _Worker) -> Outcome:
        self._retire(worker)
        zygote = self._zygotes.get(worker.key)
        code = None
        with contextlib.suppress(OSError, EOFError, ValueError):
            code = zygote.status(worker.pid) if zygote is not None else None
        if code == -signal.SIGSYS:
            return Outcome("federated")
        if code == -signal.SIGABRT:  # Rust aborts when an allocation fails under RLIMIT_AS
            return Outcome("memory")
        return Outcome("crashed", message=f"exit status {code}")

    def stats(self) -> dict[str, int]:
        """Counts for tests and the operator: idle and busy workers, zygotes."""
        with self._lock:
            return {"idle": len(self._idle), "busy": len(self._busy), "zygotes": len(self._zygotes)}

    def pids(self) -> list[int]:
        """The process ids of the live workers (idle and busy) and of the zygotes."""
        with self._lock:
            return [w.pid for w in (*self._idle, *self._busy)] + [z.process.pid for z in self._zygotes.values()]

    def close(self) -> None:
        """End every worker and zygote and remove the copies."""
        with self._lock:
            for worker in (*self._idle, *self._busy):
                worker.kill()
            self._idle, self._busy = [], set()
            for zygote in self._zygotes.values():
                zygote.end()
            self._zygotes, self._current = {}, None
            if self._folder:
                shutil.rmtree(self._folder, ignore_errors=True)
                self._folder = None


class PoolBroken(Exception):
    """Workers cannot start here (no sandbox, an unreadable store); the message says why."""


@functools.lru_cache(maxsize=256)
def job_frame(job: QueryJob) -> bytes:
    """The frame that carries a job to a worker (kept: the same queries come again and again)."""
    return frame(job_header(job))


def job_header(job: QueryJob) -> dict[str, Any]:
    """The job as the frame header a worker reads (a plain dict: asdict's deep copy costs per query)."""
    return {f: getattr(job, f) for f in _JOB_FIELDS}


_JOB_FIELDS = tuple(QueryJob.__dataclass_fields__)


def store_key(store: Any) -> StoreKey:
    """The identity of an EmbeddedStore for the workers: its path, or (in memory) its serial and version."""
    path = getattr(store, "path", None)
    if path is not None:
        return _disk_key(str(path))
    return StoreKey(None, f"{getattr(store, 'serial', id(store))}:{getattr(store, 'version', 0)}")


@functools.lru_cache(maxsize=64)
def _disk_key(path: str) -> StoreKey:
    return StoreKey(str(Path(path).resolve()), "disk")  # resolving walks the file system: once per store


def _root() -> str:
    """The folder that holds the `ruimtegraaf` package, so workers import this very code."""
    return str(Path(__file__).resolve().parent.parent)


@atexit.register
def _close_all() -> None:
    for pool in list(_POOLS):
        pool.close()
