"""Personal contact data (e-mail addresses, phone numbers of civil servants) and where it stands.

Lines that carry contact data never enter passages, the index, answers or exports. Document views
mask the same characters at the same length, so offsets stay true. Names of office holders are
public record and stay; only the letter-head block of the civil servant who handles a letter goes.
"""

from __future__ import annotations

import re

_EMAIL = re.compile(r"[\w.%+-]+(?:@|%40)[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}", re.IGNORECASE)
_PHONE = re.compile(r"(?<![\d-])(?:\+31[\s-]?(?:\(0\))?|0)(?:6[\s-]?\d{8}|\d{2,3}[\s-]?\d{3}[\s-]?\d{3,4})(?![\d-])")
_CONTACT_LABEL = re.compile(
    r"^\s*(?:Behandeld door|Telefoon(?:nummer)?|Tel\.|Mobiel|E-?mail|Contactpersoon|Doorkiesnummer)\s*:",
    re.IGNORECASE,
)
MASK = "█"


def contact_spans(text: str) -> list[tuple[int, int]]:
    """The spans of whole lines that carry contact data, in order.

    >>> t = "Groningen\\nE-mail :   j.jansen@example.nl \\nTekst\\n"
    >>> [t[s:e] for s, e in contact_spans(t)]
    ['E-mail :   j.jansen@example.nl ']
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        if _CONTACT_LABEL.search(line) or _EMAIL.search(line) or _PHONE.search(line):
            spans.append((pos, end))
        pos = end + 1
    return spans


def has_contact_data(text: str) -> bool:
    """True when `text` holds an e-mail address, a phone number or a contact label."""
    return bool(_EMAIL.search(text) or _PHONE.search(text) or _CONTACT_LABEL.search(text))


def mask(text: str, spans: list[tuple[int, int]] | None = None) -> str:
    """`text` with contact-data lines replaced by a mask of the same length (offsets stay true).

    >>> masked = mask("a\\nTel.: 06-12345678\\nb")
    >>> masked.split("\\n")[1] == "█" * len("Tel.: 06-12345678")
    True
    """
    spans = contact_spans(text) if spans is None else spans
    if not spans:
        return text
    out, last = [], 0
    for s, e in spans:
        out.append(text[last:s])
        out.append(MASK * (e - s))
        last = e
    out.append(text[last:])
    return "".join(out)
