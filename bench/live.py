"""What the benchmarks share: a free loopback port, waiting for a server, percentiles, peak memory."""

from __future__ import annotations

import json
import socket
import subprocess
import time
import urllib.request
from pathlib import Path


def built_model(data: str | Path, default: str) -> str:
    """The model setting of the embedder a data folder's current build was made with (its index manifest
    names it), so a benchmark serves a build with its own model; `default` when there is no build yet."""
    from ruimtegraaf.embed import model_setting
    from ruimtegraaf.index import MANIFEST

    manifest = Path(data) / "current" / "index" / MANIFEST
    if not manifest.is_file():
        return default
    return model_setting(str(json.loads(manifest.read_text(encoding="utf-8"))["embedder"]))


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, seconds: float, server: subprocess.Popen | None = None) -> None:
    """Return once `url` answers 200 (for /health: once the server's background warm-up has finished, in
    every worker: eight answers in a row say so); exit with a message when it does not within `seconds` or
    `server` dies."""
    health = url.endswith("/health")
    deadline = time.monotonic() + seconds
    warm_in_a_row = 0
    while time.monotonic() < deadline:
        if server is not None and server.poll() is not None:
            raise SystemExit(f"the server stopped (exit {server.returncode}) before answering {url}")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                warm = r.status == 200 and (not health or json.loads(r.read()).get("warm", True))
        except OSError:
            warm = False
        warm_in_a_row = warm_in_a_row + 1 if warm else 0
        if warm_in_a_row >= (8 if health else 1):
            return
        if not warm:
            time.sleep(0.3)
    raise SystemExit(f"server did not answer {url} within {seconds:.0f}s")


def pct(values: list[float], p: float) -> float:
    """The p-th percentile (0..1) of `values`, nearest rank; nan when there are none."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p * (len(ordered) - 1)))]


def peak_rss_mb(pid: int) -> float:
    """Peak resident memory (VmHWM) of a running process, in MB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:  # the process has ended
        pass
    return float("nan")
