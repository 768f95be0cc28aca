"""Questions of our own, asked the way the held-out set asks them, as a second check beside the dev halves.

    python bench/probe_qa.py --data DIR [--model NAME] [--show]

bench/probes/ holds questions written by the team, never by the evaluators and never tuned on wholesale:
- agreements.jsonl: "what was agreed about …" on the two regio's whose agreements the dev sets do not ask
  about (Noordwest- and Zuid-Nederland); evidence is the agreement's own citation;
- facts.jsonl: numbers, names and dates from the factsheets and letters on those regio's; evidence is the
  passage the fact stands in;
- abstention.jsonl: questions the documents do and do not answer (only the answerable flag is judged).
facts: every expected fact in the answer; lead: in its first 300 characters; evidence: a first-three
citation overlaps the expected source. A failure found here may be fixed only by a rule that is general,
and the dev halves must not drop (see README, "How answers are made").
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from eval_qa import open_dataset

from ruimtegraaf.answering.answerer import Answerer
from ruimtegraaf.settings import Settings

PROBES = Path(__file__).resolve().parent / "probes"
LEAD = 300


def _flat(text: str) -> str:
    return " ".join(text.casefold().replace("’", "'").split())


def _overlaps(citations: list[dict[str, Any]], document: str, start: int, end: int) -> bool:
    return any(c["document"] == document and c["start"] < end and start < c["end"] for c in citations[:3])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", required=True)
    ap.add_argument("--model")
    ap.add_argument("--show", action="store_true", help="print every question and the start of its answer")
    args = ap.parse_args(argv)
    settings = Settings.from_env(data_dir=args.data, embedding_model=args.model)
    ds = open_dataset(settings, args.model)
    answerer = Answerer(ds, settings)
    agreements = {a["ref"]: a["citation"] for a in ds.afspraken}

    for name in ("agreements", "facts"):
        scores = {"facts": 0, "lead": 0, "evidence": 0}
        rows = [json.loads(line) for line in (PROBES / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()]
        for row in rows:
            body = answerer.ask(row["question"]).to_json()
            if "afspraak" in row:
                c = agreements[row["afspraak"]]
                source = (c["document"], c["start"], c["end"])
            else:
                p = ds.by_id[row["passage"]]
                source = (p.document, p.start, p.end)
            got = {"facts": all(_flat(f) in _flat(body["answer"]) for f in row["facts"]),
                   "lead": all(_flat(f) in _flat(body["answer"][:LEAD]) for f in row["facts"]),
                   "evidence": _overlaps(body["citations"], *source)}
            for key, ok in got.items():
                scores[key] += ok
            if args.show:
                mark = "ok" if got["facts"] and got["evidence"] else "XX"
                print(f"{mark} {row['question'][:90]}\n     -> {body['answer'][:160]}")
        print(f"{name:11} n={len(rows):3} " + " ".join(f"{k} {v / len(rows):.2f}" for k, v in scores.items()))

    rows = [json.loads(line) for line in (PROBES / "abstention.jsonl").read_text(encoding="utf-8").splitlines()]
    right = {True: 0, False: 0}
    for row in rows:
        body = answerer.ask(row["question"]).to_json()
        right[row["answerable"]] += body["answerable"] == row["answerable"]
        if args.show and body["answerable"] != row["answerable"]:
            print(f"XX {row['question'][:90]} (answerable {row['answerable']}) -> {body['answer'][:120]}")
    answerable = sum(r["answerable"] for r in rows)
    print(f"abstention  n={len(rows):3} answered {right[True]}/{answerable}, "
          f"refused {right[False]}/{len(rows) - answerable}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
