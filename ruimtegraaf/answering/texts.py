"""The documents' passages as flat text: words joined across line ends, folded, single spaces. A quoted phrase
or a name is looked for in them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ruimtegraaf.dataset import Derived
from ruimtegraaf.embed import fold
from ruimtegraaf.normalize import normalize

if TYPE_CHECKING:
    from ruimtegraaf.dataset import Dataset


def _flat_texts(ds: Dataset) -> dict[str, str]:
    return {p.id: " ".join(fold(normalize(p.text).text).split()) for p in ds.passages}


# passage id -> its text as a quoted phrase is looked for in it: words joined across line ends, folded, single spaces
FLAT_TEXTS: Derived[dict[str, str]] = Derived(_flat_texts)


def written(ds: Dataset, phrase: str) -> bool:
    """Whether some passage writes `phrase` (folded, words joined across line ends): "Nationaal Programma
    Rotterdam Zuid" is written although the graph's list of national programmes lacks it."""
    wanted = " ".join(fold(phrase).split())
    return bool(wanted) and any(wanted in text for text in FLAT_TEXTS.of(ds).values())
