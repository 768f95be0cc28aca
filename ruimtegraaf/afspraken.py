"""Filtering the agreement list that /api/afspraken serves."""

from __future__ import annotations

from typing import Any

from ruimtegraaf.embed import fold


def filter_afspraken(items: list[dict[str, Any]], *, regio: str | None = None, provincie: str | None = None,
                     novexgebied: str | None = None, programma: str | None = None, jaar: int | None = None,
                     tekst: str | None = None) -> list[dict[str, Any]]:
    """The agreements that match every given filter (labels and IRIs match case- and accent-insensitively).

    >>> items = [{"regio": {"label": "Regio Noord-Nederland"}, "jaar": 2025, "tekst": "Westflank"}]
    >>> len(filter_afspraken(items, regio="noord-nederland", tekst="westflank"))
    1
    """
    def has(value: Any, wanted: str | None) -> bool:
        if wanted is None:
            return True
        w = fold(wanted)
        return any(w in fold(v) for v in _strings(value))

    return [it for it in items
            if has(it.get("regio"), regio) and has(it.get("provincies"), provincie)
            and has(it.get("novexgebieden"), novexgebied) and has(it.get("programmas"), programma)
            and (jaar is None or it.get("jaar") == jaar)
            and has([it.get("tekst"), it.get("onderwerp")], tekst)]


def _strings(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [str(v) for v in value.values() if isinstance(v, str)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [str(value)]
