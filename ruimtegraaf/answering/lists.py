"""Lists and their length: how many items a question asks for ("welke zeven uitgangspunten", "which four
centres"), and how many items the lists in each passage have, so a passage whose list is as long as asked
can be found first.

A list in a passage is a run of lines that start with a bullet (•, ▪, -, o …) or with a number (1., 2) …);
numbered items count from 1 without a gap. Bullets the segmenter made passages of their own (one item
each, under one lead-in) form one list across those passages.
"""

from __future__ import annotations

import functools
import itertools
import re
from typing import TYPE_CHECKING

from ruimtegraaf.dataset import Derived

if TYPE_CHECKING:
    from ruimtegraaf.dataset import Dataset

_NUMBERS = {
    "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8, "negen": 9, "tien": 10,
    "elf": 11, "twaalf": 12, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}
# "welke zeven uitgangspunten", "de 5 opdrachtgevende partijen", "which four Frisian centres"; not a
# compound ("four-track") and not a quantity ("de drie jaar", "the two million")
_ASKED = re.compile(r"\b(?:welke|which|de|the|noem|name)\s+(?P<n>\d{1,2}|" + "|".join(_NUMBERS) + r")\s+"
                    r"(?P<noun>[^\W\d][\w'’-]*)", re.I)
_NOT_ITEMS = frozenset(("jaar", "jaren", "maanden", "maand", "weken", "dagen", "keer", "procent", "miljoen",
                        "miljard", "years", "months", "weeks", "days", "times", "percent", "million", "billion"))
_BULLET = re.compile(r"^[ \t]*[•▪●◦▶►■□➢✓*o\-–][ \t]+\S")
_NUMBERED = re.compile(r"^[ \t]*\(?(?P<n>\d{1,2})[.)][ \t]+\S")
MIN_ITEMS = 2  # fewer is not a list


# "Opgaven die hierbij genoemd zijn: waterkwaliteit, transities in het landelijk gebied en verstedelijking"
# (or "te weten", "namelijk": "verdeeld in drie clusters, te weten haven-/industrie-, landelijke en …")
_ENUMERATION = re.compile(r"(?::|\b(?:te weten|namelijk|namely)\b)\s*[^:;.]{2,}?(?:,\s*[^:;.,]{2,}?)+,?\s+"
                          r"(?:en|and|of|or)\s+\S"
                          # or numbers its items in the running text: "1) …, 2) … en 3) …", "a) … b) … c) …"
                          r"|(?<![\w)])\(?(?:1|a)\)\s.+?\s\(?(?:2|b)\)\s.+?\s\(?(?:3|c)\)\s"
                          # or names four or more places or names in a row without a colon: "aan de havens, De Peel,
                          # het Groene Hart en Zuid-Limburg" (not "het Rijk, provincie, gemeenten en waterschappen")
                          r"|(?:,\s*[^,;:.()]{0,30}?(?-i:[A-Z])[^,;:.()]{0,30}?){2,},?\s+(?:en|and)\s+"
                          r"[^,;:.()]{0,30}?(?-i:[A-Z])", re.I)


def enumerates(text: str) -> bool:
    """A sentence that lists three or more items after a colon, or numbered in its text, or four or more names
    in a row without a colon, within the sentence.

    >>> enumerates("Genoemd zijn: water, bodem en wonen."), enumerates("Dit is: water en bodem.")
    (True, False)
    >>> enumerates("Het zijn 1) kaarten van nu, 2) wettelijke kaders en 3) kenniskaarten.")
    True
    >>> enumerates("Zie artikel 2) en 3) van de wet."), enumerates("Het zijn 1) kaarten en 2) kaders.")
    (False, False)
    >>> enumerates("Wij denken aan de havens, De Peel, het Groene Hart en Zuid-Limburg.")
    True
    >>> enumerates("Het Rijk, provincie, gemeenten en waterschappen werken samen.")
    False
    >>> enumerates("Ze zijn verdeeld in drie clusters, te weten haven-/industrie-, landelijke en stedelijke gebieden.")
    True
    """
    return bool(_ENUMERATION.search(text))


def asked_items(question: str) -> tuple[int, str] | None:
    """How many items a question asks for, when it says so, and the word that says it: a count, not what the
    answer is about ("zeven" would otherwise be looked for as a word, and stems to "zeef").

    >>> asked_items("Welke zeven uitgangspunten geeft de handreiking?"), asked_items("wie zijn de 5 partijen")
    ((7, 'zeven'), (5, '5'))
    >>> asked_items("Why was the four-track expansion cancelled?"), asked_items("Wat gebeurt de drie jaar erna?")
    (None, None)
    """
    for m in _ASKED.finditer(question):
        if m.group("noun").casefold() in _NOT_ITEMS:
            continue
        raw = m.group("n").casefold()
        n = int(raw) if raw.isdigit() else _NUMBERS[raw]
        if MIN_ITEMS <= n <= 20:
            return n, m.group("n")
    return None


def says_count(text: str, n: int) -> bool:
    """The text says the number of items a question asks for, in digits or in words ("acht voorlopige
    NOVI-gebieden" for "which eight provisional NOVI areas").

    >>> says_count("Momenteel hebben we acht voorlopige gebieden.", 8), says_count("Er zijn 8 gebieden.", 7)
    (True, False)
    """
    return _count_pattern(n).search(text) is not None


@functools.lru_cache(maxsize=32)
def _count_pattern(n: int) -> re.Pattern[str]:
    """N in digits or words, compiled once per number (says_count runs per candidate)."""
    words = [w for w, k in _NUMBERS.items() if k == n] + [str(n)]
    return re.compile(rf"\b(?:{'|'.join(words)})\b", re.I)


def asked_count(question: str) -> int | None:
    """How many items a question asks for (`asked_items`)."""
    found = asked_items(question)
    return found[0] if found else None


def count_word(question: str) -> str | None:
    """The word that says how many items a question asks for (`asked_items`)."""
    found = asked_items(question)
    return found[1] if found else None


def item_counts(text: str) -> set[int]:
    """The lengths of the lists in a text: bullet lines in a row, and numbered lines counted from 1. A line
    without a marker continues the item before it when it starts in lower case or that item's last line ends
    without a full stop (PDF text wraps items); otherwise it ends the list.

    >>> sorted(item_counts("Drie zaken:\\n• een\\n\\n• twee die\\ndoorloopt\\n• drie.\\nSlot.\\n1.\\t A\\n2.\\t B"))
    [2, 3]
    >>> item_counts("1. Alleen een regel.\\nDaarna tekst.\\n2. Geen lijst.")
    set()
    """
    counts: set[int] = set()
    bullets = numbered = 0
    last = ""
    for line in text.splitlines():
        if not line.strip():
            continue  # PDF text leaves blank lines between items
        numbered_item = _NUMBERED.match(line)
        marked = _BULLET.match(line) is not None or numbered_item is not None
        ended = last.rstrip().endswith((".", ":", ";", "!", "?"))
        continues = not marked and (line.lstrip()[:1].islower() or not ended)
        last = line
        if continues and (bullets or numbered):
            continue
        if _BULLET.match(line):
            bullets += 1
            continue
        if bullets >= MIN_ITEMS:
            counts.add(bullets)
        bullets = 0
        if numbered_item is not None and int(numbered_item.group("n")) == numbered + 1:
            numbered += 1
            continue
        if numbered >= MIN_ITEMS:
            counts.add(numbered)
        numbered = 1 if numbered_item is not None and numbered_item.group("n") == "1" else 0
    counts |= {n for n in (bullets, numbered) if n >= MIN_ITEMS}
    return counts


def _list_sizes(ds: Dataset) -> dict[str, frozenset[int]]:
    ps = ds.passages
    sizes: dict[str, set[int]] = {p.id: item_counts(p.text) for p in ps}
    # a list the segmenter cut between two passages (the next one opening with an item) counts for both
    for a, b in itertools.pairwise(ps):
        first = b.text.lstrip().split("\n", 1)[0]
        opens_with_item = _BULLET.match(first) is not None or _NUMBERED.match(first) is not None
        if (a.document, a.subdocument) == (b.document, b.subdocument) and opens_with_item:
            joined = item_counts(a.text + "\n" + b.text) - sizes[a.id] - sizes[b.id]
            sizes[a.id] |= joined
            sizes[b.id] |= joined
    # bullets that are passages of their own, one item each under one lead-in, are one list
    run: list[str] = []
    for before, p in zip([None, *ps], ps, strict=False):
        place = (p.document, p.heading_path, p.lead_in)
        if not (before is not None and p.kind == before.kind == "bullet" and p.lead_in
                and (before.document, before.heading_path, before.lead_in) == place):
            _close(run, sizes)
        if p.kind == "bullet" and p.lead_in:
            run.append(p.id)
    _close(run, sizes)
    return {pid: frozenset(n) for pid, n in sizes.items() if n}


def _close(run: list[str], sizes: dict[str, set[int]]) -> None:
    if len(run) >= MIN_ITEMS:
        for pid in run:
            sizes[pid].add(len(run))
    run.clear()


# passage id -> the lengths of the lists it holds or belongs to
LIST_SIZES: Derived[dict[str, frozenset[int]]] = Derived(_list_sizes)
