"""Sentences of a passage with absolute offsets into the document, so every answer sentence can be cited."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from ruimtegraaf.model import Passage
from ruimtegraaf.normalize import normalize

# a sentence ends at . ! ? ; before a capital or bullet, at a colon only where a line ends (a list follows),
# and at a line that starts a bullet
_BOUNDARY = re.compile(r"[.!?;][\"'’”)]*\s+(?=[A-Z0-9À-Ý•❖▪‘\"(\-–])|:[\"'’”)]*[ \t]*\n\s*(?=\S)"
                       r"|\n\s*\n\s*(?=[•❖▪o\-–]\s)|\n\s*(?=[•❖▪]\s|o\s)")
# abbreviations that never end a sentence ("€ 23 miljoen (incl. BTW)", "o.a. Rijkswaterstaat", "nr. 51"),
# titles before a name among them (a letter's signature: "De minister van …, drs. A.B. Jansen")
_ABBREVIATION = re.compile(r"(?:\b(?:incl|excl|bijv|ca|resp|nr|nrs|pag|blz|art|jl|vgl|mln|mld|mrd|milj"
                           r"|drs|dr|ir|mr|prof|ing)"
                           r"|\b(?:[a-z]\.){1,3}[a-z])\.$", re.I)
_LINK = re.compile(r"(?:https?://|www\.)\S+")
# a line that is only a web address (a footnote's link repeated at a page break) stands apart, so the
# sentence that resumes after it is not dropped with the links
_LINK_LINE = re.compile(r"^[ \t]*(?:https?://|www\.)\S*[ \t]*$", re.M)
_BULLET = re.compile(r"^[❖•▪▶\uf0a7o\-–]\s+")


@dataclass(frozen=True)
class Sentence:
    """A sentence of a passage: absolute offsets into the document, and its text with PDF breaks repaired."""

    passage: Passage
    start: int
    end: int
    text: str


_TYPOGRAPHIC = frozenset("’‘“”")


def as_written(s: Sentence) -> str:
    """The sentence as the document writes it: its text with the document's own quotation marks ("de letter
    “R” voor Risico’s"), which the repaired text has plain for reading; same length, same positions.

    >>> t = "Vaak komt er de letter “R” voor Risico’s bij."
    >>> s = sentences(Passage("p", "d.txt", 0, len(t), t), t)[0]
    >>> print(s.text)
    Vaak komt er de letter "R" voor Risico's bij.
    >>> print(as_written(s))
    Vaak komt er de letter “R” voor Risico’s bij.
    """
    p = s.passage
    raw = p.text[s.start - p.start:s.end - p.start] if p.start <= s.start < s.end <= p.end else ""
    if not any(c in _TYPOGRAPHIC for c in raw):
        return s.text
    n = normalize(raw)
    kept = "".join(raw[n.origin[i]] if c in "'\"" and raw[n.origin[i]] in _TYPOGRAPHIC else c
                   for i, c in enumerate(n.text))
    shown = " ".join(kept.split())
    return shown if len(shown) == len(s.text) else s.text


def sentences(p: Passage, text: str) -> list[Sentence]:
    """The sentences of a passage with absolute offsets; a bullet or list item counts as one.

    >>> t = "Het Rijk draagt € 25 mln. bij. Dat is o.a. voor Sluis."
    >>> p = Passage("p", "d.txt", 0, len(t), t)
    >>> [s.text for s in sentences(p, p.text)]
    ['Het Rijk draagt € 25 mln. bij.', 'Dat is o.a. voor Sluis.']
    """
    out = []
    body = text[p.start:p.end]
    ends = {m.end() for m in _BOUNDARY.finditer(body)
            if not _ABBREVIATION.search(body[:m.start() + 1]) and not _in_parentheses(body, m.start())}
    ends.update(at for m in _LINK_LINE.finditer(body) for at in (m.start(), m.end()))
    cuts = [0, *sorted(at for at in ends if 0 < at < len(body)), len(body)]
    for a, b in itertools.pairwise(cuts):
        raw = body[a:b]
        s = p.start + a + (len(raw) - len(raw.lstrip()))
        e = p.start + a + len(raw.rstrip())
        s = _after_heading_line(text, s, e, p.heading_path)
        if e - s < 3 or not re.search(r"\w\w", body[s - p.start:e - p.start]):
            continue
        clean = " ".join(normalize(text[s:e]).text.split())
        if mostly_links(clean) or repeats_heading(clean, p.heading_path) or _LETTERHEAD.search(clean):
            continue
        out.append(Sentence(p, s, e, clean))
    return out


def resumed(own: list[Sentence], after: list[Sentence]) -> list[Sentence]:
    r"""A passage's sentences, the last one continued by the first of `after` when a page's footnotes cut it
    ("… zoals toegezegd aan" | footnotes | "de leden De Groot en Veltman."): one sentence, from the start of the
    first part to the end of the second, its text without the footnotes between them.

    >>> t = "De kosten zijn gedeeld, zoals toegezegd aan\n1 Kamerstuk 1\nde leden Aland en Bland. Daarna meer."
    >>> own, after = Passage("a", "d", 0, 43, t[:43]), Passage("b", "d", 57, len(t), t[57:])
    >>> [x.text for x in resumed(sentences(own, t), sentences(after, t))]
    ['De kosten zijn gedeeld, zoals toegezegd aan de leden Aland en Bland.']
    """
    if not own or not after or not unfinished(own[-1].text):
        return own
    last, first = own[-1], after[0]
    return [*own[:-1], Sentence(last.passage, last.start, first.end, f"{last.text} {first.text}")]


def unfinished(text: str) -> bool:
    """The text stops without a sentence's end (".", "!", "?", ":" or ";"): a page break may have cut it."""
    return text.rstrip()[-1:] not in _SENTENCE_END


_SENTENCE_END = frozenset(".!?:;")


def _in_parentheses(body: str, at: int) -> bool:
    """A semicolon inside parentheses ("(digitaal; 2 maal per jaar)") separates within a sentence: it does
    not end one. Only a bracket opened at most `_BRACKET_REACH` characters before counts, so an unclosed one far
    above does not hold a whole passage together.

    >>> _in_parentheses("Oploop (digitaal; 2 maal per jaar)", 16), _in_parentheses("Oploop (digitaal); Platform", 17)
    (True, False)
    """
    if body[at] != ";":
        return False
    opened = body.rfind("(", 0, at)
    return opened >= 0 and body.find(")", opened, at) < 0 and at - opened <= _BRACKET_REACH


_BRACKET_REACH = 200  # characters a parenthesis may hold a semicolon across (a PDF line or two)


def _after_heading_line(text: str, s: int, e: int, heading_path: tuple[str, ...]) -> int:
    r"""Where a sentence starts once the heading lines the passage opens with are left off: a heading has no
    full stop, so "Nedersaksenlijn als aanjager …\nDit kabinet heeft …" would read as one sentence. A line
    that is one of the passage's headings ends them, with any title lines above it (at most `_TITLE_LINES`).

    >>> t = "Meekoppelende opgaven\nOnderzocht worden de effecten."
    >>> t[_after_heading_line(t, 0, len(t), ("Lelylijn", "Meekoppelende opgaven")):]
    'Onderzocht worden de effecten.'
    >>> t = "Programma (MIRT) \nNedersaksenlijn \nHet kabinet reserveert geld."
    >>> t[_after_heading_line(t, 0, len(t), ("Nedersaksenlijn",)):]
    'Het kabinet reserveert geld.'
    """
    headings = {" ".join(h.split()).casefold() for h in heading_path}
    at, start = s, s
    for _ in range(_TITLE_LINES + 1):
        line_end = text.find("\n", at, e)
        if line_end < 0 or not text[line_end:e].strip():
            break
        line = " ".join(text[at:line_end].split())
        if line.endswith((".", ";", ":", "!", "?")):
            break  # a sentence, not a heading
        at = line_end + (len(text[line_end:e]) - len(text[line_end:e].lstrip()))
        if line.casefold() in headings:
            start = at
    return start


_TITLE_LINES = 2  # lines of a title that may stand above a passage's heading in its text


def repeats_heading(text: str, heading_path: tuple[str, ...]) -> bool:
    """A "sentence" whose words are all in its headings only repeats them ("Proces Verantwoordelijk(e)
    department(en)" under that heading): it says nothing an answer can use.

    >>> repeats_heading("Ligging:", ("NOVEX-gebied Groningen", "Ligging"))
    True
    """
    words = set(_WORDS.findall(text.casefold()))
    return bool(words) and words <= set(_WORDS.findall(" ".join(heading_path).casefold()))


_WORDS = re.compile(r"\w+")
# a letter's address block ("Retouradres Postbus 20901 2500 EX Den Haag …"): boilerplate, not a statement
_LETTERHEAD = re.compile(r"\b(?:Retouradres|Postbus\s+\d+)\b.*\b\d{4}\s?[A-Z]{2}\b", re.S)


def mostly_links(text: str) -> bool:
    """A "sentence" that is mostly web addresses says nothing an answer can use."""
    return sum(len(m.group()) for m in _LINK.finditer(text)) > 0.5 * len(text)


def without_bullet(text: str) -> str:
    """The sentence without its list marker ("❖ ", "• ", "o ").

    >>> without_bullet("❖ Rijk en Regio spreken af dat")
    'Rijk en Regio spreken af dat'
    """
    return _BULLET.sub("", text.strip())


# "In de RFL is besproken of een planMER nodig is", "we examined whether …": the sentence poses the question; the
# sentence after it gives the yes or no ("Dit is niet het geval zolang …")
_POSES = re.compile(r"\b(?:besproken|bekeken|onderzocht|nagegaan|gevraagd|getoetst|afgewogen|gekeken|beoordeeld|"
                    r"verkend|vraag|discussed|examined|explored|considered|assessed|question)\b[^.?!;]{0,60}?"
                    r"\b(?:of|whether)\b", re.I)


def poses_question(text: str) -> bool:
    """The sentence asks whether something holds rather than saying it.

    >>> poses_question("In de RFL is kort besproken of een planMER nodig is op de arrangementen.")
    True
    >>> poses_question("Een planMER is niet nodig.")
    False
    """
    return bool(_POSES.search(text))
