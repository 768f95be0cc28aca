"""Scoring the answerer and the search in process, the way ../shared/eval/score_qa.py scores the service.

Shared by `eval_qa.py` (scores per set, half, question type and language) and `tune.py` (chooses the
tuning values on one half and reports the other). The questions are read from ../shared/eval at run time;
nothing of them is kept in the project.

Halves: a question belongs to half A or B by a hash of its id, so the split is fixed, even over both
sets, and independent of order or content.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import statistics
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
SETS = ("qa_dev", "qa_dev2")
MAX_CITATION_CHARS = 2000
LEAD_CHARS = 300
MAX_ANSWER_CHARS = 800


def _scorer() -> Any:
    """The official scorer module, for its text normalisation (so both agree on what matches)."""
    spec = importlib.util.spec_from_file_location("score_qa", EVAL / "score_qa.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


norm: Callable[[str], str] = _scorer().norm


def half_of(question_id: str) -> str:
    """"A" or "B": a fixed split by a hash of the question id."""
    return "A" if hashlib.sha256(question_id.encode("utf-8")).digest()[0] % 2 == 0 else "B"


@dataclass(frozen=True)
class EvalQuestion:
    """A question of a dev set with what the scorer checks."""

    id: str
    set: str
    question: str
    type: str
    lang: str
    facts: tuple[str, ...]
    evidence: tuple[str, ...]

    @property
    def half(self) -> str:
        return half_of(self.id)

    @property
    def answerable(self) -> bool:
        return bool(self.evidence)


def load_questions(sets: Iterable[str] = SETS, half: str = "all") -> list[EvalQuestion]:
    """The questions of the named sets (file stems in ../shared/eval, or paths of .jsonl files in the same
    format), of one half or all."""
    out = []
    for name in sets:
        path = Path(name) if name.endswith(".jsonl") else EVAL / f"{name}.jsonl"  # a set name, or any file
        name = path.stem
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            q = json.loads(line)
            lang = q.get("lang") or ("en" if _english(q["question"]) else "nl")
            out.append(EvalQuestion(q["id"], name, q["question"], q.get("type", "?"), lang,
                                    tuple(q.get("answer_facts", [])), tuple(e["quote"] for e in q.get("evidence", []))))
    return [q for q in out if half == "all" or q.half == half]


def _english(text: str) -> bool:
    """qa_dev.jsonl has no language field: its English questions start with an English question word."""
    first = text.split()[0].casefold() if text.split() else ""
    return first in {"what", "which", "who", "when", "where", "how", "why", "did", "does", "is", "are", "according"}


Span = tuple[str, int, int]


def gold_spans(q: EvalQuestion, texts: dict[str, str]) -> list[Span]:
    """Every place in the corpus where a gold evidence quote stands."""
    spans = []
    for quote in q.evidence:
        for doc, text in texts.items():
            i = text.find(quote)
            while i >= 0:
                spans.append((doc, i, i + len(quote)))
                i = text.find(quote, i + 1)
    return spans


def overlaps(cited: Sequence[Span], gold: Sequence[Span]) -> bool:
    """A cited span (of passage size) overlaps a gold span."""
    return any(d == gd and s < ge and gs < e and e - s <= MAX_CITATION_CHARS
               for (d, s, e) in cited for (gd, gs, ge) in gold)


@dataclass
class Row:
    """One question's scores."""

    q: EvalQuestion
    answer: str = ""
    answerable: bool = True
    facts: bool | None = None
    lead: bool | None = None
    evidence: bool | None = None
    integrity: bool = True
    abstain: bool = False
    chars: int | None = None
    retrieval: dict[str, int | None] = field(default_factory=dict)  # retriever -> rank of first gold hit


def score_answer(q: EvalQuestion, body: dict[str, Any], texts: dict[str, str]) -> Row:
    """Score one /ask response as score_qa.py does."""
    raw = str(body.get("answer") or "")
    row = Row(q, raw, bool(body.get("answerable", True)))
    spans: list[Span] = []
    for c in body.get("citations") or []:
        doc, s, e = str(c.get("document", "")), c.get("start"), c.get("end")
        entry = texts.get(doc)
        good = (entry is not None and isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(entry)
                and entry[s:e] == c.get("quote"))
        row.integrity &= good
        if good:
            spans.append((doc, s, e))
    row.abstain = row.answerable == q.answerable
    if q.answerable:
        answer = norm(raw)
        row.facts = len(raw) <= MAX_ANSWER_CHARS and all(norm(f) in answer for f in q.facts)
        lead = norm(raw[:LEAD_CHARS])
        row.lead = row.facts and all(norm(f) in lead for f in q.facts)
        row.chars = len(raw)
        row.evidence = overlaps(spans[:3], gold_spans(q, texts))
    return row


def first_gold_rank(cited: Sequence[Span], gold: Sequence[Span]) -> int | None:
    """1-based rank of the first cited span overlapping gold, None when none does."""
    for rank, span in enumerate(cited, start=1):
        if overlaps([span], gold):
            return rank
    return None


def rate(values: Iterable[bool | None]) -> float | None:
    kept = [bool(v) for v in values if v is not None]
    return sum(kept) / len(kept) if kept else None


def summary(rows: Sequence[Row]) -> dict[str, float | int | None]:
    """The scorer's summary numbers for some rows."""
    answerable = [r for r in rows if r.q.answerable]
    unanswerable = [r for r in rows if not r.q.answerable]
    chars = [r.chars for r in answerable if r.chars is not None]
    return {
        "n": len(rows),
        "facts": rate(r.facts for r in answerable),
        "lead": rate(r.lead for r in answerable),
        "evidence": rate(r.evidence for r in answerable),
        "integrity": rate(r.integrity for r in rows),
        "abstain": rate(r.abstain for r in rows),
        "unanswerable": rate(r.abstain for r in unanswerable),
        "chars": statistics.median(chars) if chars else None,
    }


def retrieval_summary(rows: Sequence[Row], retriever: str) -> dict[str, float | None]:
    """Evidence among the top 1/3/10 of one retriever."""
    ranks = [r.retrieval.get(retriever) for r in rows if r.q.answerable and retriever in r.retrieval]
    if not ranks:
        return {"top1": None, "top3": None, "top10": None}
    return {f"top{k}": sum(1 for x in ranks if x is not None and x <= k) / len(ranks) for k in (1, 3, 10)}


def fmt(value: float | int | None) -> str:
    if value is None:
        return "   -"
    return f"{value:4.2f}" if isinstance(value, float) else f"{value:4d}"
