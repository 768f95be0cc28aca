"""One value asked of two places named side by side ("hoeveel woningen bouwen Flevoland en Overijssel"):
`question.analyse` asks it of each place, as the parts of a two-part question; and the things a question names."""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING

from ruimtegraaf.index import tokens

if TYPE_CHECKING:
    from ruimtegraaf.lexicon import Lexicon


_AND = re.compile(r"\s*(?:,|\ben\b|\band\b)\s*", re.I)


def each_place(text: str, lex: Lexicon) -> list[str]:
    """The question once per place when it asks one value of places of one type named side by side ("Flevoland
    en Overijssel"), each with that place alone; else nothing."""
    places = [m for m in lex.gazetteer.find(text) if m.named.type in ("Provincie", "Gemeente", "Landsdeel")]
    for a, b in itertools.pairwise(places):
        if a.named.type == b.named.type and a.named.iri != b.named.iri and _AND.fullmatch(text[a.end:b.start]):
            return [text[:a.start] + m.surface + text[b.end:] for m in (a, b)]
    return []


def named_things(text: str, lex: Lexicon) -> dict[str, list[str]]:
    """The things of the graph a question names, each with the terms it is named by here ("NPLG")."""
    out: dict[str, list[str]] = {}
    for m in lex.gazetteer.find(text):
        if m.named.type not in ("Concept", "Rijk"):
            out.setdefault(m.named.iri, []).extend(tokens(m.surface))
    return out
