"""Scores of the answerer and of search, in process, per set, half, question type and language.

    python bench/eval_qa.py --data DIR [--model NAME] [--sets qa_dev,qa_dev2] [--half A|B|all]
                            [--retrieval] [--fails] [--out report.json]

Loads the build in DIR (as `ruimtegraaf serve` would) and asks every question of the dev sets in
../shared/eval, scoring each answer as score_qa.py scores the service: facts, lead, evidence@3,
integrity, abstain, unanswerable, median answer length. With --retrieval it also prints where the
evidence ranks in lexical search alone, dense search alone, and the fused search (/search), top 1/3/10.
The halves are fixed by a hash of the question id (bench/evaluation.py): tune on one, report the other.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from evaluation import (
    SETS,
    EvalQuestion,
    Row,
    first_gold_rank,
    fmt,
    gold_spans,
    load_questions,
    retrieval_summary,
    score_answer,
    summary,
)

from ruimtegraaf.answering.answerer import Answerer
from ruimtegraaf.dataset import Dataset
from ruimtegraaf.settings import Settings

RETRIEVERS = ("lexical", "dense", "fused")


def open_dataset(settings: Settings, model: str | None = None) -> Dataset:
    """The build that serves now in the settings' data folder, with its embedder."""
    from ruimtegraaf.builds import DataFolder
    from ruimtegraaf.embed import load_embedder, query_threads

    build = DataFolder(settings.data_dir).current()
    if build is None:
        raise SystemExit(f"no build in {settings.data_dir}; run `ruimtegraaf --data {settings.data_dir} ingest`")
    name = model or settings.embedding_model
    embedder = load_embedder(name, threads=query_threads(name, settings.model_threads))  # as a server does
    return Dataset.load(build, settings.corpus_dir, embedder, **settings.fusion)


def corpus_texts(folder: Path) -> dict[str, str]:
    """The corpus as the scorer reads it: .txt/.md files by path relative to the folder."""
    return {str(p.relative_to(folder)): p.read_bytes().decode("utf-8", "replace")
            for p in sorted(folder.rglob("*")) if p.is_file() and p.suffix.lower() in {".txt", ".md"}}


def retrieval_ranks(answerer: Answerer, q: EvalQuestion, texts: dict[str, str]) -> dict[str, int | None]:
    """Rank of the first passage overlapping gold evidence in each retriever's top 10."""
    ds = answerer.ds
    gold = gold_spans(q, texts)

    def spans(ids: Sequence[str]) -> list[tuple[str, int, int]]:
        return [(p.document, p.start, p.end) for p in (ds.by_id[i] for i in ids if i in ds.by_id)]

    lexical = [h.passage_id for h in ds.index.lexical_search(q.question, 10)]
    dense = [h.passage_id for h in ds.index.dense_search(q.question, 10)]
    fused = [h.passage.id for h in answerer.search(q.question, 10)]
    return {name: first_gold_rank(spans(ids), gold) for name, ids in zip(RETRIEVERS, (lexical, dense, fused),
                                                                           strict=True)}


def run(answerer: Answerer, questions: Sequence[EvalQuestion], texts: dict[str, str], *,
        retrieval: bool = False) -> tuple[list[Row], list[float]]:
    """Ask every question; the rows and the milliseconds each answer took."""
    rows, times = [], []
    for q in questions:
        t0 = time.perf_counter()
        body = answerer.ask(q.question).to_json()
        times.append((time.perf_counter() - t0) * 1000)
        row = score_answer(q, body, texts)
        if retrieval and q.answerable:
            row.retrieval = retrieval_ranks(answerer, q, texts)
        rows.append(row)
    return rows, times


def report(rows: Sequence[Row], *, retrieval: bool, out: Callable[[str], None] = print) -> None:
    """Print the scores overall, per set, per half, per type and per language."""
    groups: list[tuple[str, list[Row]]] = [("all", list(rows))]
    for key in ("set", "half", "lang", "type"):
        for value in sorted({getattr(r.q, key) for r in rows}):
            groups.append((f"{key}={value}", [r for r in rows if getattr(r.q, key) == value]))
    header = f"{'group':24} {'n':>4} facts  lead   ev@3  integ abst   unans  chars"
    if retrieval:
        header += "  | " + "  ".join(f"{r[:3]}@1 @3   @10 " for r in RETRIEVERS)
    out(header)
    for name, sub in groups:
        s = summary(sub)
        line = (f"{name:24} {s['n']:4d} {fmt(s['facts'])}  {fmt(s['lead'])}  {fmt(s['evidence'])}  "
                f"{fmt(s['integrity'])} {fmt(s['abstain'])}  {fmt(s['unanswerable'])}  "
                f"{s['chars'] if s['chars'] is not None else '-':>5}")
        if retrieval:
            line += "  | " + "  ".join(" ".join(fmt(v) for v in retrieval_summary(sub, r).values())
                                       for r in RETRIEVERS)
        out(line)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True)
    ap.add_argument("--model")
    ap.add_argument("--sets", default=",".join(SETS))
    ap.add_argument("--half", default="all", choices=("A", "B", "all"))
    ap.add_argument("--retrieval", action="store_true")
    ap.add_argument("--fails", action="store_true", help="list the questions that fail, with their answers")
    ap.add_argument("--out")
    a = ap.parse_args()
    settings = Settings.from_env(data_dir=a.data, embedding_model=a.model)
    ds = open_dataset(settings, a.model)
    answerer = Answerer(ds, settings)
    texts = corpus_texts(settings.corpus_dir)
    questions = load_questions(a.sets.split(","), a.half)
    answerer.ask("warm up")
    rows, times = run(answerer, questions, texts, retrieval=a.retrieval)
    report(rows, retrieval=a.retrieval)
    times.sort()
    print(f"ask: p50 {statistics.median(times):.0f} ms, p95 {times[int(0.95 * (len(times) - 1))]:.0f} ms "
          f"(in process, model {ds.index.embedder.name})")
    if a.fails:
        for r in rows:
            bad = [k for k in ("facts", "lead", "evidence", "abstain") if getattr(r, k) is False]
            if bad:
                print(f"- {r.q.id} [{r.q.type}/{r.q.lang}/{r.q.half}] fails {','.join(bad)}: {r.q.question}\n"
                      f"    -> {r.answer[:240]!r}")
    if a.out:
        Path(a.out).write_text(json.dumps([{"id": r.q.id, "answer": r.answer, "answerable": r.answerable,
                                            "facts": r.facts, "lead": r.lead, "evidence": r.evidence,
                                            "abstain": r.abstain, "retrieval": r.retrieval} for r in rows],
                                          ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
