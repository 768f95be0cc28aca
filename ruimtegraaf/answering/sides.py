"""The sides of a question: two parts that compare two moments, without the words that ask for the change;
one value asked of two places named side by side ("hoeveel woningen bouwen Flevoland en Overijssel"), which
`question.analyse` asks of each place, as the parts of a two-part question; and the things a question names."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from ruimtegraaf.embed import fold
from ruimtegraaf.index import tokens

if TYPE_CHECKING:
    from ruimtegraaf.gazetteer import Named
    from ruimtegraaf.lexicon import Lexicon


# "X en Y", "X versus Y", "X of Y": a value asked of each; "X, Y"
_AND = re.compile(r"\s*(?:,|\b(?:en|and|of|or|versus|vs|tegenover)\b\.?)\s*", re.I)


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


# "hoe heeft de positie van X zich ontwikkeld", "how did X change": how a comparison asks, not what about;
# no side's sentence says "developed", it says what X was then
_CHANGE_WORDS = frozenset(tokens("positie rol stand ontwikkeld ontwikkelen veranderd veranderen verschil verschillen "
                                 "geëvolueerd evolueerd position role developed develop changed change evolved "
                                 "difference differ"))


def without_change_words(focus: dict[str, float]) -> dict[str, float]:
    """A side's focus without the words that ask for a change (when something else remains)."""
    rest = {t: w for t, w in focus.items() if t not in _CHANGE_WORDS}
    return rest or focus


def sides_differ(years: Sequence[tuple[int, ...]], documents: Sequence[tuple[str, ...]]) -> bool:
    """Parts that name different years or different document kinds (each part's, in order) compare two moments."""
    return (len({y for y in years if y}) >= 2) or (len({d for d in documents if d}) >= 2)


class _Asked(Protocol):
    """What a part of a question asks of (question.Constraints; not imported: question imports this module)."""

    @property
    def places(self) -> tuple[Named, ...]: ...

    @property
    def years(self) -> tuple[int, ...]: ...


class _Part(Protocol):
    @property
    def constraints(self) -> _Asked: ...


def place_side(part: _Part, parts: Sequence[_Part], sentence: str) -> str | None:
    """The label of a part's answer when the parts are one value asked of one place each ("Flevoland versus
    Overijssel"): that place, unless the sentence names it ("De provincie draagt …" → "Overijssel: De provincie
    draagt …"; "" when it does); None when the parts are not asked of a place each, or are of different years
    (sides of two moments are labelled with their moment)."""
    places = [p.constraints.places for p in parts]
    if any(len(p) != 1 for p in places) or len({p[0].iri for p in places}) != len(places):
        return None
    if len({p.constraints.years for p in parts}) > 1:
        return None
    label = part.constraints.places[0].label
    return "" if fold(label) in fold(sentence) else label
