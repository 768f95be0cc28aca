"""Normalisation for matching: repair PDF-extraction artefacts, keeping a map back to the original text.

Never used for storage: passages and citations keep the original characters. Search, duplicate
detection and extraction match on `normalize(text).text` and map what they find back with
`to_original`. The repairs, in the order they run:

1. page furniture (margin blocks "Ministerie van … Pagina 16 van 17", bare page numbers and the
   running title next to them) is removed, so the sentence around it reads on;
2. characters: curly quotes become straight, "₂" becomes "2", every bullet glyph (❖ • ▪ ▶ U+F0A7, and a
   line-initial "o" or "-") becomes "•" (kept, one character for one, so list items stay apart);
   soft hyphens (U+00AD, "¬" between letters) are removed;
3. form labels split over lines without a hyphen ("besluitvormingsmo" / "menten") are joined;
4. line-end hyphens are dropped for plain syllables ("Leef-\\nomgeving") and kept, without the line
   break, for compounds ("Noord-\\nNederland", "NOVEX-\\ngebied"); "natuur-\\nen" keeps hyphen and space;
5. split ligatures are rejoined ("Westf lank" -> "Westflank") but not real words ("constructief in");
6. footnote numbers glued to words are removed ("Drenthe1", "(MF).1"), not those in names ("A28", "CO2");
7. every whitespace run (line breaks, blank lines, NBSP, TAB) becomes one space; the ends are stripped.

Case is kept; `fold` casefolds and strips accents one character for one, so offsets still hold.

Known limits: a real hyphen after a whole lower-case word at a line end ("woningbouw-\nbedrijvigheid")
is dropped, as no lexicon tells it from a syllable break; a note glued to a short capitalised word
("Plan7") stays; a bullet mark that ends a text, and a running title whose repetition lies outside the
text given, are left in (normalise the whole file to match across them).
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from array import array
from collections import Counter
from dataclasses import dataclass

from ruimtegraaf.months import MONTHS_NL_PATTERN

Edit = tuple[int, int, str]  # replace text[start:end] by the string; its characters come from `start`


@dataclass(frozen=True)
class Normalized:
    """A normalised text with, for each of its characters, the offset of its source character."""

    text: str
    origin: array  # origin[i]: offset in the original of text[i]; one extra entry, the original's end

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The original span whose characters produced `text[start:end]` (a space maps to its run's start).

        >>> n = normalize("Leef-\\nomgeving op")
        >>> n.text, n.to_original(0, 12)
        ('Leefomgeving op', (0, 14))
        """
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span {start}:{end} lies outside the normalised text (0:{len(self.text)})")
        if start == end:
            return self.origin[start], self.origin[start]
        return self.origin[start], self.origin[end - 1] + 1

    def from_original(self, start: int, end: int) -> tuple[int, int]:
        """The normalised span holding what survives of the original span `start:end`."""
        if start > end:
            raise ValueError(f"span {start}:{end} is reversed; pass start <= end")
        size = len(self.text)
        return (bisect.bisect_left(self.origin, start, 0, size), bisect.bisect_left(self.origin, end, 0, size))


def normalize(text: str, base: int = 0) -> Normalized:
    """Repair extraction artefacts for matching; `base` is where `text` starts in its file.

    >>> normalize("De Westf lank van Drenthe1 is\\n\\nNoord-\\nNederlands.").text
    'De Westflank van Drenthe is Noord-Nederlands.'
    """
    origin = array("q", range(base, base + len(text) + 1))
    current = text
    for stage in (
        _furniture_edits,
        _character_edits,
        _label_edits,
        _hyphen_edits,
        _ligature_edits,
        _footnote_edits,
        _whitespace_edits,
    ):
        current, origin = _apply(current, origin, stage(current))
    return Normalized(current, origin)


def _apply(text: str, origin: array, edits: list[Edit]) -> tuple[str, array]:
    """Carry out sorted edits, composing the offset map; an edit overlapping an earlier one is skipped."""
    pieces: list[str] = []
    mapped = array("q")
    pos = 0
    for start, end, replacement in edits:
        if start < pos:
            continue
        pieces.append(text[pos:start])
        mapped.extend(origin[pos:start])
        pieces.append(replacement)
        mapped.extend([origin[start]] * len(replacement))
        pos = end
    pieces.append(text[pos:])
    mapped.extend(origin[pos:])
    return "".join(pieces), mapped


# --- 1. page furniture ------------------------------------------------------------------------------

_PAGE_OF = re.compile(r"Pagina \d+ van \d+")
_MARGIN_LABEL = re.compile(
    r"Datum|Onze referentie|Uw referentie|Ons kenmerk|Uw kenmerk|Kenmerk|Bijlage\(n\)"
    r"|Postbus \d+|\d{4} ?[A-Z]{2} [A-Z][\w ]*"
)
_MARGIN_VALUE = re.compile(
    rf"\d{{1,2}} {MONTHS_NL_PATTERN} \d{{4}}|\d{{4}}-\d{{6,}}|\d{{1,3}}"
)
_MINISTRY_LINE = re.compile(r"[A-Z][^\d.,:;()]{0,39}")
_PAGE_NUMBER = re.compile(r"\d{1,3}")
_TITLE_LINE = re.compile(r"[A-Z‘'\"][^\t]{0,78}[^.,;:\s]")
_TITLE_WORD = r"(?:[A-Z]\w*|\w{1,3}|-)"  # a capitalised word, a short word ("en", "van") or a dash
_TITLE_WITH_YEAR = re.compile(rf"{_TITLE_WORD}(?: {_TITLE_WORD})* (?:19|20)\d\d(?:-(?:19|20)\d\d)?")


def furniture_spans(text: str) -> list[tuple[int, int]]:
    """Original spans of page furniture (margin blocks, page numbers, running titles), for skipping.

    >>> furniture_spans("woningen.\\n\\n\\n7\\n\\nDe regio")
    [(12, 13)]
    """
    lines = _line_spans(text)
    stripped = [text[s:e].strip() for s, e in lines]
    found = _margin_blocks(stripped) + _page_numbers(stripped)
    return [(lines[first][0], lines[last][1]) for first, last in sorted(set(found))]


def _furniture_edits(text: str) -> list[Edit]:
    return [(start, end, "") for start, end in furniture_spans(text)]


def _line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, without its line break."""
    starts = [0, *(m.end() for m in re.finditer("\n", text))]
    ends = [s - 1 for s in starts[1:]] + [len(text)]
    return list(zip(starts, ends, strict=True))


def _margin_blocks(lines: list[str]) -> list[tuple[int, int]]:
    """Letter margin blocks: 'Ministerie van' or 'Pagina n van m' with the labels and values around them."""
    blocks = []
    i = 0
    while i < len(lines):
        if lines[i] == "Ministerie van" or _PAGE_OF.fullmatch(lines[i]):
            last, strong = _margin_block_end(lines, i)
            if strong >= 2 or any(_PAGE_OF.fullmatch(lines[k]) for k in range(i, last + 1)):
                blocks.append((i, last))
                i = last
        i += 1
    return blocks


def _margin_block_end(lines: list[str], first: int) -> tuple[int, int]:
    """Last line of the margin block starting at `first`, and how many labels it holds."""
    last, labels, previous = first, 0, lines[first]
    for k in range(first + 1, len(lines)):
        line = lines[k]
        if not line:
            continue
        ministry = previous == "Ministerie van" or previous.endswith(" en")
        if _PAGE_OF.fullmatch(line) or line == "Ministerie van" or _MARGIN_LABEL.fullmatch(line):
            labels += 1
        elif not (_MARGIN_VALUE.fullmatch(line) or (ministry and _MINISTRY_LINE.fullmatch(line))):
            break
        last, previous = k, line
    return last, labels


def _page_numbers(lines: list[str]) -> list[tuple[int, int]]:
    """Bare page numbers between blank lines, with the running title just before or after them."""
    counts = Counter(lines)
    found = []
    for i in range(1, len(lines) - 1):
        if not (_PAGE_NUMBER.fullmatch(lines[i]) and not lines[i - 1] and not lines[i + 1]):
            continue
        found.append((i, i))
        for step in (-1, 1):
            k = _nearest_text(lines, i, step)
            if (
                k is not None
                and _TITLE_LINE.fullmatch(lines[k])
                and (counts[lines[k]] >= 2 or _TITLE_WITH_YEAR.fullmatch(lines[k]))
            ):
                found.append((k, k))
    return found


def _nearest_text(lines: list[str], i: int, step: int, reach: int = 6) -> int | None:
    """Index of the nearest non-blank line from `i` in direction `step`, within `reach` lines."""
    for k in range(i + step, i + step * (reach + 1), step):
        if not 0 <= k < len(lines):
            return None
        if lines[k]:
            return k
    return None


# --- 2. characters and bullets ------------------------------------------------------------------------

_CHARACTERS = {"’": "'", "‘": "'", "“": '"', "”": '"', "«": '"', "»": '"', "₂": "2"}
_CHARACTERS |= dict.fromkeys("❖▪▶\uf0a7", "•")
_ODD_CHARACTER = re.compile("[" + "".join(_CHARACTERS) + "]")
_SOFT_HYPHEN = re.compile(r"\u00ad|(?<=[^\W\d_])¬(?=[^\W\d_])")
_LINE_BULLET = re.compile(r"^[ \t]*([o-])(?=[ \t]+\S)", re.MULTILINE)


def _character_edits(text: str) -> list[Edit]:
    edits = [(m.start(), m.end(), _CHARACTERS[m.group()]) for m in _ODD_CHARACTER.finditer(text)]
    edits += [(m.start(), m.end(), "") for m in _SOFT_HYPHEN.finditer(text)]
    edits += [(m.start(1), m.end(1), "•") for m in _LINE_BULLET.finditer(text)]
    return sorted(edits)


# --- 3. form labels split without a hyphen ----------------------------------------------------------

_LABEL_SPLITS = (("besluitvormingsmo", "menten"),)  # 003: the label column wraps inside the word
_LABEL_SPLIT = re.compile("|".join(rf"(?<=\b{head})[ \t]*\n\s*(?={tail}\b)" for head, tail in _LABEL_SPLITS))


def _label_edits(text: str) -> list[Edit]:
    return [(m.start(), m.end(), "") for m in _LABEL_SPLIT.finditer(text)]


# --- 4. hyphenation across lines ----------------------------------------------------------------------

_LINE_HYPHEN = re.compile(r"(?<![^\W_])([^\W_]+)(-)([ \t]*\n\s*)(?=(\S+))")
_LIST_WORD = re.compile(r"(?:en|of)\b")  # "onderzoeks- en", "natuur- of": a real hyphen and a space
_NAME_PARTS = frozenset(
    {"Noord", "Zuid", "Oost", "West", "Midden", "Noordoost", "Noordwest", "Zuidoost", "Zuidwest", "Neder"}
)


def _hyphen_edits(text: str) -> list[Edit]:
    edits = []
    for m in _LINE_HYPHEN.finditer(text):
        part, following = m.group(1), m.group(4)
        if _LIST_WORD.match(following) or not following[0].isalnum():
            continue  # the line break becomes a plain space
        if _keeps_hyphen(part, following) or _in_url(text, m.start()):
            edits.append((m.start(3), m.end(3), ""))
        else:
            edits.append((m.start(2), m.end(3), ""))
    return edits


def _keeps_hyphen(part: str, following: str) -> bool:
    """A compound hyphen: before a capital or digit, after an acronym, a compass name or a whole name."""
    if following[0].isupper() or following[0].isdigit():
        return True
    acronym = not any(c.islower() for c in part)
    whole_name = part[0].isupper() and len(part) >= 10  # "BO Leefomgeving-afspraak", not "Leef-omgeving"
    return acronym or len(part) == 1 or part in _NAME_PARTS or whole_name


def _in_url(text: str, pos: int) -> bool:
    """Whether the token ending at `pos` looks like part of a URL or path (its hyphens are real)."""
    token = text[max(text.rfind(" ", 0, pos), text.rfind("\n", 0, pos)) + 1 : pos]
    return "/" in token or "www." in token


# --- 5. split ligatures ---------------------------------------------------------------------------------

_LIGATURE_GAP = re.compile(r"(?<![^\W\d_])([^\W\d_]*f) (?=[il][^\W\d_])")
# a fragment that cannot end a Dutch word: a lone "f", consonant + "f" ("Westf"), consonant + "if" ("specif")
_LIGATURE_HEAD = re.compile(r"f|.*[bcdghkpqstvwxz]f|.*[bcdfghklmnpqrstvwxz]if", re.IGNORECASE)


def _ligature_edits(text: str) -> list[Edit]:
    return [(m.end(1), m.end(1) + 1, "") for m in _LIGATURE_GAP.finditer(text) if _LIGATURE_HEAD.fullmatch(m.group(1))]


# --- 6. footnote numbers ------------------------------------------------------------------------------

_NOTE_NUMBER = re.compile(r"(?<=[^\s\d])\d{1,2}(?=\s|[;:,!?)](?!\d)|\.(?!\d)|$)")
_TRAILING_WORD = re.compile(r"(?:^|[^\w])([^\W\d_]+)$")
_ABBREVIATION = re.compile(r"(?:^|\W)[^\W\d_]\.[^\W\d_]\.$")  # "c.s."


def _footnote_edits(text: str) -> list[Edit]:
    edits = []
    for m in _NOTE_NUMBER.finditer(text):
        token = text[max(text.rfind(" ", 0, m.start()), text.rfind("\n", 0, m.start())) + 1 : m.start()]
        if _is_note_anchor(token, text, m.end()):
            edits.append((m.start(), m.end(), ""))
    return edits


def _is_note_anchor(token: str, text: str, after: int) -> bool:
    """Whether digits glued to `token` are a footnote number rather than part of a name or value."""
    if any(mark in token for mark in ("/", "%", "=", "www.")):
        return False
    if _ABBREVIATION.search(token):
        return True
    if token.endswith("."):
        next_text = text[after : after + 3].lstrip(" ")
        sentence_ends = not next_text or not next_text[0].islower()
        word = _TRAILING_WORD.search(token[:-1])
        return sentence_ends and (token.endswith(").") or (word is not None and len(word.group(1)) >= 3))
    if token.endswith(")"):
        return len(token) >= 2 and token[-2].isalpha()
    word = _TRAILING_WORD.search(token)
    return word is not None and _is_plain_word(word.group(1))


def _is_plain_word(word: str) -> bool:
    """A lower-case word of 3+ letters or a capitalised one of 5+ ("Drenthe"), not a code like "Doc"."""
    if not word[-3:].islower() or len(word) < 3:
        return False
    return word.islower() or (word[0].isupper() and word[1:].islower() and len(word) >= 5)


# --- 7. whitespace -------------------------------------------------------------------------------------

_SPACE_RUN = re.compile(r"\s+")


def _whitespace_edits(text: str) -> list[Edit]:
    edits = []
    for m in _SPACE_RUN.finditer(text):
        at_edge = m.start() == 0 or m.end() == len(text)
        if at_edge:
            edits.append((m.start(), m.end(), ""))
        elif m.group() != " ":
            edits.append((m.start(), m.end(), " "))
    return edits


# --- folding --------------------------------------------------------------------------------------------


class _FoldTable(dict[int, str]):
    """Character -> folded character, filled on first use; a fold that would change length is refused."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        folded = char.casefold()
        if len(folded) != 1:
            folded = char.lower() if len(char.lower()) == 1 else char
        parts = unicodedata.normalize("NFD", folded)
        if all(unicodedata.combining(mark) for mark in parts[1:]):
            folded = parts[0]
        self[code] = folded
        return folded


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """Casefold and strip accents, one character for one, so offsets into `text` stay valid.

    >>> fold("Fryslân Coördinatie")
    'fryslan coordinatie'
    """
    return text.translate(_FOLD)
