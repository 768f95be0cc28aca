"""Choose the fusion weights of search on one half of the dev questions and report the other half.

    python bench/tune_search.py --data DIR [--model NAME]

For every (dense weight, rrf_k) of a grid (the lexical weight stays 1: only the ratio matters) it runs the
search the answerer uses (/search: the question with its expansion, boosted by what it names) and counts
how often the gold evidence is in the top 1, 3 and 10. The weights that do best on half A (top 3 first,
then top 1, then top 10) are reported on half B, and the other way round, per language. The lexical and
dense rankers alone are printed beside them, with the index build time of the build.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from eval_qa import corpus_texts, open_dataset
from evaluation import EvalQuestion, first_gold_rank, gold_spans, load_questions

from ruimtegraaf.answering.answerer import Answerer
from ruimtegraaf.settings import Settings

DENSE = (0.0, 0.2, 0.5, 0.8, 1.0, 1.5, 2.0, 3.0)
RRF_K = (5.0, 10.0, 20.0, 40.0, 60.0)


def ranks(answerer: Answerer, questions: list[EvalQuestion], texts: dict[str, str]) -> list[int | None]:
    """For each question, the rank of the first passage of the fused top 10 that overlaps gold evidence."""
    out = []
    for q in questions:
        hits = answerer.search(q.question, 10)
        out.append(first_gold_rank([(h.passage.document, h.passage.start, h.passage.end) for h in hits],
                                   gold_spans(q, texts)))
    return out


def hits_at(found: list[int | None], k: int) -> float:
    return sum(1 for r in found if r is not None and r <= k) / max(len(found), 1)


def key(found: list[int | None]) -> tuple[float, float, float]:
    return hits_at(found, 3), hits_at(found, 1), hits_at(found, 10)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True)
    ap.add_argument("--model")
    a = ap.parse_args()
    settings = Settings.from_env(data_dir=a.data, embedding_model=a.model)
    ds = open_dataset(settings, a.model)
    answerer = Answerer(ds, settings)
    texts = corpus_texts(settings.corpus_dir)
    questions = [q for q in load_questions() if q.answerable]
    halves = {h: [q for q in questions if q.half == h] for h in ("A", "B")}
    index = ds.index
    results: dict[tuple[float, float], dict[str, list[int | None]]] = {}
    for dense in DENSE:
        for rrf_k in RRF_K:
            index.lexical_weight, index.dense_weight, index.rrf_k = 1.0, dense, rrf_k
            results[(dense, rrf_k)] = {h: ranks(answerer, qs, texts) for h, qs in halves.items()}
    manifest = json.loads((ds.build / "manifest.json").read_text()) if ds.build else {}
    print(f"model {index.embedder.name}; index build {manifest.get('seconds', {}).get('index', float('nan')):.0f} s")
    print(f"{'dense':>6} {'rrf_k':>6} | A top1 top3 top10 | B top1 top3 top10")
    for (dense, rrf_k), by_half in results.items():
        print(f"{dense:6.1f} {rrf_k:6.0f} | " + " | ".join(
            "  " + " ".join(f"{hits_at(by_half[h], k):4.2f}" for k in (1, 3, 10)) for h in ("A", "B")))
    for tune, report in (("A", "B"), ("B", "A")):
        best = max(results, key=lambda w: key(results[w][tune]))
        r = results[best][report]
        by_lang = {lang: [x for x, q in zip(r, halves[report], strict=True) if q.lang == lang] for lang in ("nl", "en")}
        print(f"chosen on {tune}: dense {best[0]} rrf_k {best[1]:g} -> on {report}: top1 {hits_at(r, 1):.2f} "
              f"top3 {hits_at(r, 3):.2f} top10 {hits_at(r, 10):.2f}; "
              + "; ".join(f"{lang} top3 {hits_at(v, 3):.2f} (n={len(v)})" for lang, v in by_lang.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
