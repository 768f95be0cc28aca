"""Lines of a source text and what each one is: the first step of segmentation.

A line is classified on its own text and its neighbours: blank, skipped (page furniture, contact data,
bare URLs), a heading (with a level), a form field label, a bullet or numbered item, a lead-in
("Rijk en Regio spreken af:"), a footnote body, or running text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.forms import match_label

BULLET = re.compile(r"^(?:❖|•|▪|▶|\uf0a7|►|-(?=\s)|o(?=\s)|\*(?=\s))\s*")
NUMBERED_ITEM = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?|[a-z]\.|\([a-z0-9]\))\s+(?=\S)")
NUMBERED_HEADING = re.compile(r"^(\d{1,2}(?:\s?\.\s?\d{1,2})*)(\.?)\s+(?=[A-ZÀ-Ý‘'\"(])")
LANDSDEEL_HEADING = re.compile(r"^Regio\s+\S+-Nederland$")
URL_ONLY = re.compile(r"^(?:\d{1,2}\s+)?(?:https?://|file:/|www\.)\S*$")
FOOTNOTE_REF = re.compile(r"^\d{1,2}\s+(?:Kamerstuk|Tweede Kamer|Eerste Kamer|Bijlage|Bron|Zie|https?://|"
                          r"Kamerbrief|Stcrt|Staatscourant|Zoals|Dit|De|Het|Een)\b")
SENTENCE_END = re.compile(r"[.!?:;][\"'’”)\]]*$")
CONNECTORS = frozenset(
    "de het een van en of in op voor met te tot aan door bij om dat die als naar uit over is zijn wordt "
    "worden heeft hebben zal zullen kan kunnen deze dit ook nog niet wel maar waar waarbij waarin "
    "zoals onder tussen tegen binnen vanuit via per and the of".split()
)
LEAD_IN_WORDS = re.compile(r"\b(?:Rijk|Regio|spreken|partijen|afgesproken|volgende|als volgt)\b",
                           re.IGNORECASE)


@dataclass
class Line:
    """One physical line: 1-based number, offsets of its text (without the newline), its kind."""

    no: int
    start: int
    end: int
    raw: str
    kind: str = "text"  # blank|skip|heading|headcont|field|fieldcont|bullet|item|leadin|footnote|text
    level: int = 0  # heading level: 0 title, 1.. numbered, 40 capitals, 50 field, 60 plain
    label: str = ""  # heading text or field label
    value_offset: int = 0  # field: where the value starts in the line (relative to start)
    marker: str = ""  # bullet marker

    @property
    def text(self) -> str:
        return self.raw.strip()

    @property
    def content_start(self) -> int:
        """Offset of the first non-space character."""
        return self.start + (len(self.raw) - len(self.raw.lstrip()))

    @property
    def content_end(self) -> int:
        """Offset just after the last non-space character."""
        return self.start + len(self.raw.rstrip())

    @property
    def page_start(self) -> bool:
        """A line that begins with exactly one space begins a PDF page in these extractions."""
        return len(self.raw) > 1 and self.raw[0] == " " and not self.raw[1].isspace()


def split_lines(text: str, start: int, end: int) -> list[Line]:
    """The lines of `text[start:end]` with absolute offsets (start is assumed to begin a line)."""
    lines, pos = [], start
    no = text.count("\n", 0, start) + 1
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        lines.append(Line(no, pos, stop, text[pos:stop]))
        pos, no = stop + 1, no + 1
    return lines


def ends_sentence(t: str) -> bool:
    """True when a line ends like a sentence or a lead-in."""
    return bool(SENTENCE_END.search(t))


def last_word(t: str) -> str:
    words = t.split()
    return words[-1].casefold() if words else ""


def wraps(line: Line, width: int) -> bool:
    """True when the line was broken by the layout rather than by the writer."""
    t = line.text
    return (len(t) >= 0.8 * width or t.endswith("-") or last_word(t) in CONNECTORS
            or t.count("(") > t.count(")"))


def classify(lines: list[Line], skip: set[int], in_form: bool) -> None:
    """Set `kind`, `level` and `label` of every line in place (one unit: a sub-document)."""
    for ln in lines:
        if not ln.text:
            ln.kind = "blank"
        elif ln.no in skip or URL_ONLY.match(ln.text):
            ln.kind = "skip"
    content = [ln for ln in lines if ln.kind == "text"]
    width = line_width(lines)
    titles = _form_titles(content, in_form)
    topic = _TopicCounter()
    title: str | None = None
    prev: Line | None = None
    for i, ln in enumerate(content):
        if ln.kind != "text":  # already taken as part of a multi-line field label
            continue
        if ln.text in titles:
            if titles[ln.text] == title:
                ln.kind = "skip"  # printed twice, or the running header of the form
                continue
            title = titles[ln.text]
            ln.kind, ln.level, ln.label = "heading", 0, title
        elif in_form and _classify_field(ln, content, i):
            pass
        else:
            _classify_one(ln, prev, _next_content(content, i), width, topic, in_form)
        prev = ln
    _demote_heading_runs(content)
    _extend_lead_ins(content)
    _headings_before_agreements(content, width)


def _may_head(ln: Line) -> bool:
    """Running text or a plain heading that does not end a sentence, short enough to be a sub-heading."""
    plain = ln.kind == "text" or (ln.kind == "heading" and ln.level >= 40)
    return plain and not ends_sentence(ln.text) and len(ln.text) <= 100


def _headings_before_agreements(content: list[Line], width: int) -> None:
    """In a list of ❖ agreements, the unpunctuated line(s) just before a ❖ after a finished sentence are a
    sub-heading ("Vaststellen regeling gebiedsbudget …" / "Eindhoven/Veldhoven"), or the rest of a
    heading that wrapped ("11 Procesafspraak … (Brabant" / "Bouwt)")."""
    for j, ln in enumerate(content):
        if ln.kind != "bullet" or ln.marker != "❖":
            continue
        group: list[Line] = []
        k = j - 1
        while k >= 0 and len(group) < 2 and _may_head(content[k]):
            group.insert(0, content[k])
            k -= 1
        if not group or k < 0:
            continue
        before = content[k]
        long_title = wraps(before, width) or len(before.text) >= 0.65 * width
        if before.kind == "heading" and (before.text.count("(") > before.text.count(")") or long_title):
            for g in group:  # the wrapped rest of the heading above
                g.kind, g.label = "headcont", g.text
            continue
        finished = ends_sentence(before.text) or before.kind in ("heading", "footnote")
        if not finished or not group[0].text[:1].isupper():
            continue
        first = group[0]
        first.kind, first.level = "heading", 60
        first.label = " ".join(g.text for g in group).rstrip(":").strip()
        for g in group[1:]:
            g.kind, g.label = "skip", ""


def _extend_lead_ins(content: list[Line]) -> None:
    """A lead-in that wraps starts on the line before: "Aangaande … netwerk" / "spreken Rijk en Regio af:"."""
    for i, ln in enumerate(content):
        if ln.kind != "leadin" or i < 2:
            continue
        prev, before = content[i - 1], content[i - 2]
        if (prev.kind == "text" and not ends_sentence(prev.text) and prev.text[:1].isupper()
                and (ends_sentence(before.text) or before.kind in ("heading", "field"))):
            prev.kind = "leadin"


def _classify_field(ln: Line, content: list[Line], i: int) -> bool:
    """A form field label, possibly over several lines, possibly glued to its value."""
    window = [x.text for x in content[i:i + 3]]
    m = match_label(window)
    if m is None:
        return False
    n, label, consumed = m
    ln.kind, ln.level, ln.label = "field", 50, label
    if n == 1:
        ln.value_offset = len(ln.raw) - len(ln.raw.lstrip()) + consumed
    else:
        ln.value_offset = len(ln.raw)
        for extra in content[i + 1:i + n]:
            extra.kind = "fieldcont"
    return True


def _classify_one(ln: Line, prev: Line | None, nxt: Line | None, width: int, topic: _TopicCounter,
                  in_form: bool) -> None:
    t = ln.text
    if LANDSDEEL_HEADING.match(t):
        ln.kind, ln.level, ln.label = "heading", 0, t
        topic.reset()
        return
    m = BULLET.match(t)
    if m and len(t) > m.end():
        ln.kind, ln.marker = "bullet", t[: m.end()].strip()
        return
    num = NUMBERED_HEADING.match(t)
    if num and not num.group(2) and "." not in num.group(1) and not ends_sentence(t):
        n = int(num.group(1))
        if topic.accepts(n) and not FOOTNOTE_REF.match(t):
            topic.take(n)
            ln.kind, ln.level, ln.label = "heading", 1, t
        else:
            ln.kind = "footnote"
        return
    if FOOTNOTE_REF.match(t):
        ln.kind = "footnote"
        return
    continues = prev is not None and prev.kind in ("bullet", "item", "text") and not ends_sentence(prev.text) \
        and (prev.kind != "text" or prev.text[:1].islower())
    if t.endswith(":") and LEAD_IN_WORDS.search(t) and len(t) < 160 and not continues:
        ln.kind = "leadin"  # a colon line that ends a bullet's own sentence is that bullet's text
        return
    if num and prev is not None and prev.kind == "item" and _next_number(prev.text) == num.group(1):
        ln.kind = "item"  # "7. De praktijk …" right after "6. Zorg …": the list goes on, not a heading
        return
    if not (in_form and num) and _is_heading(ln, prev, nxt, width):
        level = 60
        if num:
            level = min(1 + num.group(1).count("."), 9)
        elif t.isupper() and len(t) > 3:
            level = 40
        ln.kind, ln.level, ln.label = "heading", level, t.rstrip(":").strip()
        return
    if NUMBERED_ITEM.match(t) and (prev is None or ends_sentence(prev.text) or prev.kind == "heading"):
        ln.kind = "item"


def _next_number(item: str) -> str | None:
    """The number of the item after a numbered item ("6. Zorg …" → "7").

    >>> _next_number("6.\t Zorg voor democratische legitimatie."), _next_number("a. Eerst")
    ('7', None)
    """
    m = re.match(r"(\d{1,2})\.?\s", item)
    return str(int(m.group(1)) + 1) if m else None


def _is_heading(ln: Line, prev: Line | None, nxt: Line | None, width: int) -> bool:
    t = ln.text
    words = t.split()
    if not (2 <= len(t) <= 110 and len(words) <= 14):
        return False
    if not (t[0].isupper() or t[0].isdigit() or t[0] in "‘'\"("):
        return False
    if t.endswith((".", ",", ";", "-", "–")) or last_word(t.rstrip(":")) in CONNECTORS:
        return False
    if t.endswith(":") and (len(words) > 4 or LEAD_IN_WORDS.search(t) or _starts_sub_bullet(nxt)):
        return False
    if t.count("(") > t.count(")"):
        return False
    if not NUMBERED_HEADING.match(t) and len(t) >= 0.8 * width and not _set_apart_title(ln, prev, nxt, width):
        return False
    if nxt is None or (nxt.text[:1].islower() and not BULLET.match(nxt.text)):
        return False
    if prev is not None and prev.kind in ("field", "fieldcont"):
        return False  # the line after a form label is its value
    if prev is None or prev.kind in ("heading", "footnote"):
        return True
    if prev.kind == "bullet" or prev.kind == "item":
        return ends_sentence(prev.text) or not wraps(prev, width)
    return ends_sentence(prev.text) and not prev.text.endswith(",")


# the lower-case words a title may hold between its capitalised ones ("Programma Woningbouw en Mobiliteit")
_TITLE_LINKS = frozenset("en van de het der den voor in op met of te tot aan bij uit naar and the for".split())
_PARENTHESISED = re.compile(r"\([^)]*\)")
_WORD = re.compile(r"[^\W\d_][\w’'-]*")


def _set_apart_title(ln: Line, prev: Line | None, nxt: Line | None, width: int) -> bool:
    """A line as long as a full one that is still a heading: the writer broke it, not the layout (the first
    word of the next line would have fitted on it), it stands after a blank line right above its text, and
    it reads as a title, every word capitalised but the linking ones (parentheses aside):
    "Verstedelijkingsstrategieën Twente, Stedendriehoek en Limburg Centraal" over " In het BO …"."""
    if nxt is None or nxt.no != ln.no + 1 or (prev is not None and prev.no >= ln.no - 1):
        return False
    first = (nxt.text.split() or [""])[0]
    if len(ln.text) + 1 + len(first) > width:
        return False
    words = _WORD.findall(_PARENTHESISED.sub(" ", ln.text))
    return bool(words) and all(w[0].isupper() or w in _TITLE_LINKS for w in words)


def _starts_sub_bullet(nxt: Line | None) -> bool:
    return nxt is not None and nxt.text.startswith("o ")


def _demote_heading_runs(content: list[Line]) -> None:
    """Three or more plain headings in a row are a list, not headings."""
    run: list[Line] = []
    for ln in [*content, None]:
        if ln is not None and ln.kind == "heading" and ln.level >= 40:
            run.append(ln)
            continue
        if len(run) >= 3:
            for h in run:
                h.kind, h.level, h.label = "text", 0, ""
        run = []


class _TopicCounter:
    """Numbered topics ("7 MIRT-onderzoek …") count up; a number out of turn is a footnote."""

    def __init__(self) -> None:
        self.last: int | None = None
        self.fresh = True

    def accepts(self, n: int) -> bool:
        if self.last is None:
            return n == 1
        return n == self.last + 1 or (n == 1 and self.fresh)

    def take(self, n: int) -> None:
        self.last, self.fresh = n, False

    def reset(self) -> None:
        self.last, self.fresh = None, True


def line_width(lines: list[Line]) -> int:
    """The typical full line length of a unit (90th percentile), the yardstick for wrapped lines."""
    lengths = sorted(len(ln.text) for ln in lines if ln.text and ln.kind != "skip")
    if not lengths:
        return 80
    return max(40, lengths[int(0.9 * (len(lengths) - 1))])


def _form_titles(content: list[Line], in_form: bool) -> dict[str, str]:
    """Titles of forms (alias → title): the line before a form's first label ("Wat", "Ligging").

    The title is often printed twice (once as a page-start line, or as a longer variant); the copy
    just before it, and later running headers with the same text, are aliases of the title.
    """
    if not in_form:
        return {}
    titles: dict[str, str] = {}
    for j, ln in enumerate(content[1:], start=1):
        label = match_label([ln.text])
        if label is None or label[1] not in ("Wat", "Ligging"):
            continue
        title = content[j - 1]
        if len(title.text) > 110 or match_label([title.text]) is not None or ends_sentence(title.text):
            continue
        titles[title.text] = title.text
        before = content[j - 2] if j >= 2 else None
        if before is not None and len(before.text) <= 110 and (before.text == title.text or before.page_start):
            titles[before.text] = title.text
    return titles

def _next_content(content: list[Line], i: int) -> Line | None:
    return content[i + 1] if i + 1 < len(content) else None
