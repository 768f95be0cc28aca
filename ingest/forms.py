"""Field labels of the form-like documents (programme forms and NOVEX factsheets of the 2022 startpakket).

The PDF put these labels in a left column, so extraction splits one label over several short lines
("Verantwoordelijk(e)" / "department(en)") or glues it to the first line of its value
("Opgave In de brief …", "Ligging: in de provincie …"). A label is a tuple of its line pieces.
"""

from __future__ import annotations

import re

PROGRAMME_FIELDS: tuple[tuple[str, ...], ...] = (
    ("Wat",),
    ("Opgave",),
    ("Nationale doelen",),
    ("Doelen per", "provincie of gebied"),
    ("Deelopgaven",),
    ("Hoe",),
    ("Inrichtingsprincipes",),
    ("Randvoorwaarden",),
    ("Waar",),
    ("Door het Rijk", "vastgestelde", "locaties"),
    ("Voorkeurslocaties", "van het Rijk", "(zoekgebieden)"),
    ("Middelen &", "instrumenten"),
    ("Beschikbare", "middelen"),
    ("Beschikbare", "instrumenten"),
    ("Proces",),
    ("Verantwoordelijk(e)", "department(en)"),
    ("Verantwoordelijk(e)", "departement(en)"),
    ("Aanpak en", "besluitvormingsmo", "menten"),
    ("Aanpak en", "besluitvormings-", "momenten"),
    ("Geplande", "aanvullingen"),
    ("Geplande", "uitwerkingen en", "deadlines"),
    ("Overige activiteiten",),
    ("Nadere", "informatie"),
    ("A Vraag en aanbod (macro)",),
    ("B Grootschalige bedrijvigheid",),
    ("C Energie-intensieve", "industrieclusters"),
    ("C Energie-intensieve industrieclusters",),
    ("D Campussen",),
    ("E Toekomst",),
)

FACTSHEET_FIELDS: tuple[tuple[str, ...], ...] = (
    ("Ligging",),
    ("Andere NOVEX-gebieden die deels overlappen",),
    ("Bestuurlijke trekkers",),
    ("Fase waarin het NOVEX-gebied zich bevindt",),
    ("De fase waarin het NOVEX-gebied zich bevindt",),
    ("Fase in welke het NOVEX-gebied zich bevindt",),
    ("Achtergrondinformatie",),
    ("Beschikbare documenten lijst",),
    ("Beschikbare documenten",),
    ("Kern van hoofdopgave",),
    ("Hoofdopgave",),
    ("Meekoppelende opgaven",),
    ("Meegekoppelde opgaven",),
    ("Belangrijkste nationale programma's",),
    ("Belangrijkste nationale rogramma's",),
    ("Ruimtelijke schuurpunten en kansen",),
    ("Beeld bij het ontwikkelperspectief",),
    ("Mijlpalen",),
    ("Uitvoeringskracht",),
    ("Aandachtspunten",),
    ("Aandachtspunt",),
)

FIELDS = PROGRAMME_FIELDS + FACTSHEET_FIELDS
# how a label split over lines reads as one name
_DISPLAY: dict[tuple[str, ...], str] = {
    ("Aanpak en", "besluitvormingsmo", "menten"): "Aanpak en besluitvormingsmomenten",
    ("Aanpak en", "besluitvormings-", "momenten"): "Aanpak en besluitvormingsmomenten"}
# labels that are ordinary words too: only a field when they stand alone on their line
_BARE_ONLY = {"wat", "hoe", "waar", "proces", "mijlpalen"}


def _key(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'")
    return " ".join(text.split()).casefold()


def _compiled() -> dict[str, list[tuple[tuple[str, ...], tuple[str, ...], re.Pattern[str]]]]:
    """Labels by the first word of their first piece, longest first, with their keys and last-piece regex."""
    table: dict[str, list[tuple[tuple[str, ...], tuple[str, ...], re.Pattern[str]]]] = {}
    for label in sorted(FIELDS, key=lambda lab: (-len(lab), -len(lab[-1]))):
        keys = tuple(_key(piece) for piece in label)
        table.setdefault(keys[0].split()[0], []).append((label, keys, re.compile(re.escape(keys[-1]) + r"\s*:?")))
    return table


_TABLE = _compiled()


def match_label(lines: list[str]) -> tuple[int, str, int] | None:
    """Match a field label at the start of `lines` (stripped line texts).

    Returns (number of lines the label takes, the label, characters of the last line it takes),
    or None. The rest of the last line, if any, is the start of the field's value.

    >>> match_label(["Verantwoordelijk(e)", "department(en)", "Ministerie van IenW"])
    (2, 'Verantwoordelijk(e) department(en)', 14)
    >>> match_label(["Ligging: in de provincie Zeeland"])
    (1, 'Ligging', 9)
    >>> match_label(["Wat we doen is dit."]) is None
    True
    """
    if not lines:
        return None
    first = _key(lines[0])
    words = first.split()
    if not words:
        return None
    for label, keys, last_pattern in _TABLE.get(words[0].rstrip(":"), ()):
        n = len(label)
        if len(lines) < n:
            continue
        if n > 1 and (first != keys[0] or any(_key(lines[i]) != keys[i] for i in range(1, n - 1))):
            continue
        last = lines[n - 1]
        last_key = first if n == 1 else _key(last)
        m = last_pattern.match(last_key)
        if not m:
            continue
        if last_key[m.end():] and keys[-1] in _BARE_ONLY:
            continue
        return n, _DISPLAY.get(label, " ".join(label)).rstrip(":"), _raw_prefix_len(last, m.end())
    return None


def _raw_prefix_len(raw: str, key_len: int) -> int:
    """How many characters of `raw` the first `key_len` characters of its key cover."""
    count, i = 0, 0
    in_space = False
    while i < len(raw) and count < key_len:
        ch = raw[i]
        if ch.isspace():
            if not in_space and count > 0:
                count += 1
            in_space = True
        else:
            in_space = False
            count += 1
        i += 1
    while i < len(raw) and raw[i] in " :":
        i += 1
    return i
