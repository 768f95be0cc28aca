"""The moments a comparison's sides stand for: a thing's passages per year (its timeline, from the graph) and
the label that says when a side's document is dated ("november 2024")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ruimtegraaf.index import tokens
from ruimtegraaf.months import MONTHS_EN, MONTHS_NL

if TYPE_CHECKING:
    from ruimtegraaf.answering.question import Question
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
