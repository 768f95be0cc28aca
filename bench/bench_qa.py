"""Benchmark of question answering: index build time, /ask and /search latency (p50/p95), server peak memory.

    python bench/bench_qa.py [--data DIR] [--model NAME] [--rebuild] [--rounds 3]

Starts `ruimtegraaf serve` on a free loopback port over the given data folder (ingesting first with
--rebuild or when empty), sends every question of ../shared/eval/qa_dev.jsonl `rounds` times (the
first round warms up and is not counted), and prints the numbers. Needs the project installed.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from live import free_port, pct, peak_rss_mb, wait_for

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = ROOT.parent / "shared" / "eval" / "qa_dev.jsonl"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(ROOT / "data"))
    ap.add_argument("--model", default=None)
    ap.add_argument("--rebuild", action="store_true")
    ap.add_argument("--rounds", type=int, default=3)
    a = ap.parse_args()
    exe = [sys.executable, "-m", "cli.main", "--data", a.data] + (["--model", a.model] if a.model else [])
    if a.rebuild or not (Path(a.data) / "current").exists():
        t0 = time.perf_counter()
        subprocess.run([*exe, "ingest"], check=True, stdout=subprocess.DEVNULL)
        print(f"ingest (graph + index build): {time.perf_counter() - t0:.1f} s")
    manifest = json.loads((Path(a.data) / "current" / "manifest.json").read_text())
    print(f"index build in last ingest: {manifest['seconds'].get('index', float('nan')):.1f} s "
          f"({manifest['passages']} passages, model {manifest['embedding_model']})")
    port = free_port()
    server = subprocess.Popen([*exe, "serve", "--port", str(port)], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, env={**os.environ})
    try:
        wait_for(f"http://127.0.0.1:{port}/health", 300)
        questions = [json.loads(line)["question"] for line in QUESTIONS.read_text().splitlines() if line.strip()]
        ask, search = [], []
        for rnd in range(a.rounds):
            for q in questions:
                t0 = time.perf_counter()
                req = urllib.request.Request(f"http://127.0.0.1:{port}/ask", data=json.dumps({"question": q}).encode(),
                                             headers={"Content-Type": "application/json"})
                urllib.request.urlopen(req, timeout=60).read()
                t1 = time.perf_counter()
                urllib.request.urlopen(f"http://127.0.0.1:{port}/search?" + urllib.parse.urlencode({"q": q, "k": 10}),
                                       timeout=60).read()
                t2 = time.perf_counter()
                if rnd > 0:
                    ask.append((t1 - t0) * 1000)
                    search.append((t2 - t1) * 1000)
        print(f"/ask    n={len(ask)} p50 {statistics.median(ask):.0f} ms  p95 {pct(ask, 0.95):.0f} ms")
        print(f"/search n={len(search)} p50 {statistics.median(search):.0f} ms  p95 {pct(search, 0.95):.0f} ms")
        print(f"server peak memory (VmHWM): {peak_rss_mb(server.pid):.0f} MB")
    finally:
        server.terminate()
        server.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
