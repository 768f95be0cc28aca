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
# labels that are ordinary words too: only a field when they stand alone on their line
_BARE_ONLY = {"wat", "hoe", "waar", "proces", "mijlpalen"}


def _key(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'")
    return " ".join(text.split()).casefold()


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
    for label in sorted(FIELDS, key=lambda lab: (-len(lab), -len(lab[-1]))):
        if len(lines) < len(label):
            continue
        if any(_key(lines[i]) != _key(piece) for i, piece in enumerate(label[:-1])):
            continue
        last = lines[len(label) - 1]
        head = _key(label[-1])
        m = re.match(re.escape(head) + r"\s*:?", _key(last))
        if not m:
            continue
        rest = _key(last)[m.end():]
        if rest and head in _BARE_ONLY:
            continue
        consumed = _raw_prefix_len(last, m.end())
        return len(label), " ".join(label).rstrip(":"), consumed
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
