"""Cut the current process off from the network, so a SPARQL engine inside it cannot make a request.

Two layers, installed by a query worker before it reads any query:

1. A seccomp filter (Linux; installed with `prctl(PR_SET_NO_NEW_PRIVS)` and the `seccomp` system call
   on every thread): creating a socket of any family, a socket pair or an io_uring kills the process
   (SIGSYS). Nothing in a query worker needs a new socket; its channel to the server exists before.
   Killing rather than failing the call makes an attempt visible to the server, which answers that
   federated queries are off. Any other system-call architecture (an x32 or i386 call) kills too.
2. A network namespace of its own (`unshare(CLONE_NEWNET)`, when the process may: root, or a kernel
   that allows it), which has no interface but a loopback that is down.

`isolate()` fails closed: when the filter cannot be installed it raises `SandboxUnavailable`, and the
worker refuses to run queries. Python 3.11 has no `os.unshare`, so both go through ctypes.
"""

from __future__ import annotations

import ctypes
import os
import platform
from dataclasses import dataclass

# <linux/audit.h>, <linux/seccomp.h>, <linux/filter.h>, <linux/prctl.h>, <sched.h>
_ARCHES = {  # machine -> (AUDIT_ARCH, seccomp syscall, denied system calls)
    "x86_64": (0xC000003E, 317, {"socket": 41, "socketpair": 53, "io_uring_setup": 425,
                                 "io_uring_enter": 426, "io_uring_register": 427}),
    "aarch64": (0xC00000B7, 277, {"socket": 198, "socketpair": 199, "io_uring_setup": 425,
                                  "io_uring_enter": 426, "io_uring_register": 427}),
}
_X32_SYSCALL_BIT = 0x40000000
PR_SET_NO_NEW_PRIVS = 38
SECCOMP_SET_MODE_FILTER = 1
SECCOMP_FILTER_FLAG_TSYNC = 1
SECCOMP_RET_KILL_PROCESS = 0x80000000
SECCOMP_RET_ALLOW = 0x7FFF0000
CLONE_NEWNET = 0x40000000
_LD_W_ABS, _JEQ_K, _JGE_K, _RET_K = 0x20, 0x15, 0x35, 0x06
_NR_OFFSET, _ARCH_OFFSET = 0, 4  # struct seccomp_data


class SandboxUnavailable(OSError):
    """This system cannot keep a process off the network (not Linux, unknown architecture, no seccomp)."""


@dataclass(frozen=True)
class Isolation:
    """What is in force: the seccomp filter always; a network namespace when the process was allowed one."""

    seccomp: bool
    network_namespace: bool


class _SockFilter(ctypes.Structure):
    _fields_ = [("code", ctypes.c_ushort), ("jt", ctypes.c_ubyte), ("jf", ctypes.c_ubyte), ("k", ctypes.c_uint)]


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.POINTER(_SockFilter))]


def filter_program(machine: str | None = None) -> list[tuple[int, int, int, int]]:
    """The BPF program: (code, jt, jf, k) rows that kill the process on any socket or io_uring call.

    >>> rows = filter_program("x86_64")
    >>> rows[-2:] == [(0x06, 0, 0, SECCOMP_RET_ALLOW), (0x06, 0, 0, SECCOMP_RET_KILL_PROCESS)]
    True
    """
    arch, _, denied = _ARCHES[machine or platform.machine()]
    numbers = sorted(denied.values())
    kill = len(numbers) + 1  # jumps count from the next row; the kill row follows the allow row
    rows = [(_LD_W_ABS, 0, 0, _ARCH_OFFSET),
            (_JEQ_K, 1, 0, arch),
            (_RET_K, 0, 0, SECCOMP_RET_KILL_PROCESS),
            (_LD_W_ABS, 0, 0, _NR_OFFSET),
            (_JGE_K, kill, 0, _X32_SYSCALL_BIT)]
    for i, number in enumerate(numbers):
        rows.append((_JEQ_K, kill - 1 - i, 0, number))
    rows += [(_RET_K, 0, 0, SECCOMP_RET_ALLOW), (_RET_K, 0, 0, SECCOMP_RET_KILL_PROCESS)]
    return rows


def isolate() -> Isolation:
    """Install both layers in this process (call it before starting threads); raises SandboxUnavailable."""
    machine = platform.machine()
    if os.name != "posix" or platform.system() != "Linux" or machine not in _ARCHES:
        raise SandboxUnavailable(f"no network sandbox for {platform.system()} on {machine}: SPARQL queries need "
                                 "Linux on x86_64 or aarch64 to run cut off from the network")
    libc = ctypes.CDLL(None, use_errno=True)
    namespace = libc.unshare(CLONE_NEWNET) == 0  # not allowed without privileges: the filter alone holds
    rows = filter_program(machine)
    program = (_SockFilter * len(rows))(*(_SockFilter(*row) for row in rows))
    fprog = _SockFprog(len(rows), program)
    if libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        raise SandboxUnavailable(f"prctl(PR_SET_NO_NEW_PRIVS) failed: {os.strerror(ctypes.get_errno())}")
    _, seccomp_call, _ = _ARCHES[machine]
    if libc.syscall(seccomp_call, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC, ctypes.byref(fprog)) != 0:
        raise SandboxUnavailable(f"the seccomp filter could not be installed: {os.strerror(ctypes.get_errno())}")
    if not filtered():
        raise SandboxUnavailable("the seccomp filter is not in force after installing it")
    return Isolation(seccomp=True, network_namespace=namespace)


def filtered() -> bool:
    """Whether this process runs under a seccomp filter (`Seccomp: 2` in /proc/self/status)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            return any(line.split() == ["Seccomp:", "2"] for line in status)
    except OSError:
        return False

