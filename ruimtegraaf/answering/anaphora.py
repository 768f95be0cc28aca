"""A later part of a question that points back at what an earlier part named.

"In 2024 spraken Rijk en regio verstedelijkingsstrategieën af. Welke regio's zijn dat, en wanneer moeten
die strategieën worden vastgesteld?": the demonstrative ("die", "deze", "those") says that "strategieën"
is the thing the first part named, by the head of its compound. The documents write the compound
("verstedelijkingsstrategieën vast te stellen"); the bare head is a word they hardly use on its own, so
as a term of the later part it weighs most and matches nothing. The later part asks about the compound.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from ruimtegraaf.glossary import EN_NL
from ruimtegraaf.index import tokens

# a part that refers back to the part before it ("…, en met hoeveel provincies is dat gelukt?", "If not, how
# many had?"): it asks about all that part spoke of
REFERS_BACK = re.compile(r"\b(?:dat|die|dit|deze|daar\w*|hier\w*|er\w*(?:over|van|voor|bij|aan|in))\b"
                         r"(?!\s+(?:de|het|een)\b)|\b(?:it|its|this|that|them|they|there)\b|"
                         r"^\W*(?:if (?:not|so)|zo (?:nee|ja|niet)|indien (?:niet|wel))\b", re.I)

# a sentence of the documents that speaks of what the one before it said ("Het Rijk heeft daarvoor geen
# specifiek budget"): it is read with that sentence's words as its own
POINTS_BACK = re.compile(r"\b(?:daar|hier)(?:voor|mee|bij|in|over|aan|door|toe|op|van|uit|om|onder|tegen|binnen)\b",
                         re.I)

# a demonstrative and the word after it ("die strategie", "deze afspraken", "those strategies")
_POINTING = re.compile(r"\b(?:die|deze|dat|dit|diezelfde|dezelfde|datzelfde|those|these|that|this)\s+([\w-]+)",
                       re.I)
MIN_MODIFIER = 3  # a compound is at least this many letters longer than its head ("stads" + "strategie")
_PLURAL = ("en", "s")  # "strategieen" and "strategie", "afspraken" and "afspraak" point at each other


def pointed_at(text: str, language: str) -> list[str]:
    """The terms of the words a demonstrative stands before.

    >>> pointed_at("wanneer worden die strategieën vastgesteld?", "nl")
    ['strategieen']
    """
    words = [m.group(1) for m in _POINTING.finditer(text)]
    if language == "en":
        words = [EN_NL.get(w.casefold(), "") for w in words]
    return [t for w in words for t in tokens(w)]


def _head(term: str) -> str:
    for ending in _PLURAL:
        if term.endswith(ending) and len(term) > len(ending) + 4:
            return term[: -len(ending)]
    return term


def compound_of(term: str, earlier: Iterable[str]) -> str | None:
    """The longest earlier term that is a compound with `term` as its head, if any.

    >>> compound_of("strategie", ["regio", "verstedelijkingsstrategieen"])
    'verstedelijkingsstrategieen'
    >>> compound_of("regio", ["regio", "stedendriehoek"]) is None
    True
    >>> compound_of("strategie", ["verstedelijkingsstrateg"])
    'verstedelijkingsstrateg'
    """
    head = _head(term)  # the stemmer may cut a long compound's ending ("verstedelijkingsstrateg") where it keeps
    heads = {head, head[:-2]} if len(head) > 6 else {head}  # the short word's ("strategie")
    found = [c for c in earlier if c != term and len(c) >= len(term) + MIN_MODIFIER
             and any(_head(c).endswith(h) for h in heads)]
    return max(found, key=len, default=None)


def resolved(focus: Mapping[str, float], text: str, language: str, earlier: Iterable[str]) -> dict[str, float]:
    """The later part's focus with each pointed-at head replaced by the earlier compound, at the head's weight.

    >>> resolved({"strategieen": 6.0, "vaststel": 2.6, "verstedelijkingsstrategieen": 1.2},
    ...          "wanneer worden die strategieën vastgesteld?", "nl", ["verstedelijkingsstrategieen"])
    {'vaststel': 2.6, 'verstedelijkingsstrategieen': 6.0}
    """
    earlier = list(earlier)
    out = dict(focus)
    for term in pointed_at(text, language):
        compound = compound_of(term, earlier)
        if term in out and compound is not None:
            weight = out.pop(term)
            out[compound] = max(weight, out.get(compound, 0.0))
    return out
