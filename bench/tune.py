"""Choose the answerer's tuning values on one half of the dev questions and report the other half.

    python bench/tune.py --data DIR [--model NAME] [--tune A|B] [--rounds 2] [--sets qa_dev,qa_dev2,…]

Coordinate descent over the knobs of `ruimtegraaf.answering.tuning.Tuning` and the search fusion (dense
weight, rrf_k): each knob in turn takes the value of its grid that scores best on the tuning half, the
others held, for `--rounds` rounds. The score is the mean of facts, lead, evidence@3, the share of
answerable questions answered and the share of unanswerable ones refused (all as score_qa.py counts them).
Then the chosen values are reported on both halves, per question type and language, beside the defaults.
Run it both ways (--tune A, --tune B): values that only hold on the half they were chosen on are luck.
--sets takes other question files too (bench/probes/qa_probe.jsonl …): a larger tuning half.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from eval_qa import corpus_texts, open_dataset, report, run
from evaluation import SETS, EvalQuestion, Row, load_questions, summary

from ruimtegraaf.answering.answerer import Answerer
from ruimtegraaf.answering.tuning import DEFAULT
from ruimtegraaf.settings import Settings

GRID: dict[str, tuple[float, ...]] = {
    "dense_weight": (0.2, 0.5, 0.8, 1.2),
    "rrf_k": (5.0, 10.0, 20.0),
    "entity_boost": (0.0, 0.15, 0.3, 0.6),
    "heading_boost": (0.0, 0.25, 0.5, 1.0),
    "year_boost": (0.3, 0.6, 1.2, 2.0),
    "agreement_boost": (0.0, 0.3, 0.6),
    "passages": (6, 8, 10, 14),
    "sentence_weight": (0.35, 0.55, 0.75),
    "context_weight": (0.15, 0.3, 0.45),
    "retrieval_weight": (0.1, 0.25, 0.4),
    "value_bonus": (0.05, 0.15, 0.3),
    "year_bonus": (0.0, 0.1, 0.2),
    "document_bonus": (0.0, 0.1, 0.2),
    "tie_sentence": (0.35, 0.45, 0.55),
    "tie_context": (0.5, 0.6, 0.7),
    "tie_minimum": (0.1, 0.15, 0.25),
    "support": (0.2, 0.3, 0.4, 0.5),
    "premise": (0.4, 0.55, 0.7),
    "lead_chars": (200, 260, 320),
    "answer_chars": (300, 400, 500),
    "support_sentences": (0, 1, 2, 3),
    "completes": (0.1, 0.15, 0.25, 1.0),
}
FUSION = ("dense_weight", "rrf_k")


def objective(rows: list[Row]) -> float:
    """Mean of facts, lead, evidence@3, answerable answered and unanswerable refused."""
    s = summary(rows)
    answered = [r.answerable for r in rows if r.q.answerable]
    refused = [not r.answerable for r in rows if not r.q.answerable]
    parts = [s["facts"] or 0.0, s["lead"] or 0.0, s["evidence"] or 0.0,
             sum(answered) / max(len(answered), 1), sum(refused) / max(len(refused), 1)]
    return sum(parts) / len(parts)


class Bench:
    """One loaded dataset, scored under any tuning."""

    def __init__(self, data: str, model: str | None) -> None:
        self.settings = Settings.from_env(data_dir=data, embedding_model=model)
        self.ds = open_dataset(self.settings, model)
        self.texts = corpus_texts(self.settings.corpus_dir)

    def rows(self, values: dict[str, float], questions: list[EvalQuestion]) -> list[Row]:
        index = self.ds.index
        index.dense_weight, index.rrf_k = values["dense_weight"], values["rrf_k"]
        tuning = DEFAULT.replace(**{k: v for k, v in values.items() if k not in FUSION})
        rows, _ = run(Answerer(self.ds, self.settings, tuning=tuning), questions, self.texts)
        return rows


def descend(bench: Bench, questions: list[EvalQuestion], start: dict[str, float], rounds: int) -> dict[str, float]:
    """Coordinate descent: each knob takes its best grid value in turn (ties keep the current value)."""
    values = dict(start)
    best = objective(bench.rows(values, questions))
    print(f"start: {best:.3f}")
    for r in range(rounds):
        changed = False
        for name, grid in GRID.items():
            for value in grid:
                if value == values[name]:
                    continue
                trial = {**values, name: value}
                score = objective(bench.rows(trial, questions))
                if score > best + 1e-9:
                    best, values, changed = score, trial, True
                    print(f"  round {r + 1}: {name} = {value} -> {best:.3f}")
        if not changed:
            break
    return values


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True)
    ap.add_argument("--model")
    ap.add_argument("--tune", default="A", choices=("A", "B"))
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--sets", default=",".join(SETS), help="question sets (names in ../shared/eval or .jsonl paths)")
    a = ap.parse_args()
    bench = Bench(a.data, a.model)
    other = "B" if a.tune == "A" else "A"
    halves = {h: load_questions(a.sets.split(","), half=h) for h in ("A", "B")}
    start = {**{k: v for k, v in asdict(DEFAULT).items() if k in GRID},
             "dense_weight": bench.settings.dense_weight, "rrf_k": bench.settings.rrf_k}
    chosen = descend(bench, halves[a.tune], start, a.rounds)
    print("\nchanged from the defaults:", {k: v for k, v in chosen.items() if start[k] != v} or "nothing")
    for label, values in (("defaults", start), ("chosen on " + a.tune, chosen)):
        for half in (a.tune, other):
            rows = bench.rows(values, halves[half])
            print(f"\n== {label}, half {half}{' (held out)' if half == other else ''}: "
                  f"objective {objective(rows):.3f}")
            report(rows, retrieval=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
