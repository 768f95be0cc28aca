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


def thing_ref(iri: str) -> str:
    """The ref a thing's IRI was made from: the inverse of `thing` for its last part (refs are one segment).

    >>> thing_ref(thing("https://w3id.org/ruimtegraaf/", "passage", "000_e8c1-9a2b"))
    '000_e8c1-9a2b'
    """
    return iri.rsplit("/", 1)[-1]


def thing_parts(base: str, iri: str) -> tuple[str, str] | None:
    """The inverse of `thing`: (type, ref) of `{base}id/{type}/{ref}`, None for any other IRI.

    >>> thing_parts("https://w3id.org/ruimtegraaf/", "https://w3id.org/ruimtegraaf/id/provincie/drenthe")
    ('provincie', 'drenthe')
    >>> thing_parts("https://w3id.org/ruimtegraaf/", "https://w3id.org/ruimtegraaf/def/Provincie") is None
    True
    """
    prefix = base + "id/"
    if not iri.startswith(prefix):
        return None
    type_, _, ref = iri[len(prefix):].partition("/")
    return (type_, ref) if type_ and ref and "/" not in ref else None
