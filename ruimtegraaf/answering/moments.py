"""The moments a comparison's sides stand for: a thing's passages per year (its timeline, from the graph) and
the label that says when a side's document is dated ("november 2024"), and which answers a side keeps."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ruimtegraaf.index import tokens
from ruimtegraaf.months import MONTHS_EN, MONTHS_NL

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ruimtegraaf.answering.question import Question
    from ruimtegraaf.answering.verify import Verdict
    from ruimtegraaf.dataset import Dataset
    from ruimtegraaf.lexicon import Lexicon
    from ruimtegraaf.model import Passage

# things whose timeline (passages per moment) feeds the sides of a question that compares moments
TIMELINE_TYPES = ("NovexGebied", "Project", "MirtProject", "NationaalProgramma", "Gemeente", "Provincie")


def passages_by_year(ds: Dataset, q: Question) -> dict[int, list[str]]:
    """Year → ids of the passages about the first thing the question names (its timeline, from the graph),
    those that cover the question's focus best first; empty when it names nothing with a timeline."""
    from ruimtegraaf.timeline import timeline_of

    things = [e for e in q.entities if e.type in TIMELINE_TYPES]
    line = timeline_of(ds, things[0].iri) if things else None
    out: dict[int, list[str]] = {}
    if line is None:
        return out
    for moment, entries in line.moments:
        ranked = sorted(entries, key=lambda e: -len(set(tokens(e.passage.text)) & set(q.focus)))
        out.setdefault(moment.year, []).extend(e.passage.id for e in ranked)
    return out


def moment_label(lex: Lexicon, p: Passage, language: str) -> str:
    """"november 2024": when the document a side's sentence comes from is dated ("" when it is not). The
    document's kind is on its citation; here it would push the other side past the lead."""
    facts = lex.documents.get((p.document, p.subdocument))
    if facts is None or not facts.date:
        return ""
    year, _, month = facts.date.partition("-")
    names = MONTHS_EN if language == "en" else MONTHS_NL
    return f"{names[int(month[:2]) - 1]} {year}" if month[:2].isdigit() else year


def on_timeline(part: Question, good: list[Verdict], evidence: Sequence[str]) -> list[Verdict]:
    """The verified answers among the timeline's passages, unless the best answer of the part's own search
    says more of what the part asks (more of its focus weight) than the best of them: "welk
    veenweideprogramma" is answered by the bullet that names it, under a heading the timeline does not index."""
    on = [v for v in good if v.candidate.passage.id in evidence]
    if not on or not part.focus:
        return on or good

    def said(v: Verdict) -> float:
        return sum(w for term, w in part.focus.items() if term in v.candidate.covered)

    return good if said(good[0]) > said(on[0]) else on
