"""IRIs after the Dutch URI pattern: things under /id/, pages about them under /doc/, terms under /def/."""

from __future__ import annotations

import re
import unicodedata

ONTOLOGY_PATH = "def/"


def slug(text: str) -> str:
    """A readable, stable IRI segment.

    >>> slug("Regio Groningen – Assen")
    'regio-groningen-assen'
    >>> slug("Fryslân")
    'fryslan'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def thing(base: str, type_: str, ref: str) -> str:
    """The IRI of a thing: `{base}id/{type}/{ref}`."""
    return f"{base}id/{type_}/{ref}"


def page(base: str, type_: str, ref: str) -> str:
    """The IRI of the page about a thing: `{base}doc/{type}/{ref}`."""
    return f"{base}doc/{type_}/{ref}"


def graph(base: str, document_ref: str) -> str:
    """The named graph that holds what one document says."""
    return f"{base}graph/{document_ref}"
