"""Segmentation: a document's own structure turned into passages with exact offsets.

Sub-document → heading (numbered topic, form field) → block (❖ agreement with its "o" sub-bullets,
bullet, numbered item, paragraph) → passage of at most 2,000 characters. Short neighbouring blocks
under one heading are packed together; an agreement is always one passage or its declared parts.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ingest.forms import match_label
from ingest.lines import Line, classify, ends_sentence, line_width, split_lines, wraps
from ruimtegraaf.model import DocumentInfo, Passage, SourceText, SubDocument

MAX_CHARS = 2000
TARGET_CHARS = 900
AGREEMENT_MARKER = "❖"
_SENTENCE_CUT = re.compile(r"[.!?;][\"'’”)]*\s+(?=[A-Z0-9À-Ý•❖‘\"(])")


@dataclass
class Block:
    """A structural unit before packing: its kind, span and place under the headings."""

    kind: str  # afspraak | bullet | paragraph | footnote | leadin | heading
    start: int
    end: int
    heading_path: tuple[str, ...]
    head_start: int | None = None  # where the heading this block opens under begins
    lead_in: str | None = None
    splits: list[int] = field(default_factory=list)  # offsets of "o" sub-bullets
    last: Line | None = None


def segment(source: SourceText, info: DocumentInfo, *, skip_spans: Sequence[tuple[int, int]] = (),
            barrier_spans: Sequence[tuple[int, int]] = ()) -> list[Passage]:
    """Passages of one document, in order.

    `skip_spans` (page furniture) are left out of passages without ending them; `barrier_spans`
    (lines with contact data) are left out and end any passage around them.
    """
    passages: list[Passage] = []
    for unit in units_of(source, info):
        lines = split_lines(source.text, unit.start, unit.end)
        skip = _line_numbers(lines, [*skip_spans, *barrier_spans])
        barriers = _line_numbers(lines, barrier_spans)
        classify(lines, skip, in_form=_looks_like_form(lines))
        blocks = build_blocks(lines, barriers, line_width(lines))
        passages.extend(_passages(source, info, unit, blocks))
    return _with_unique_ids(passages)


def units_of(source: SourceText, info: DocumentInfo) -> list[SubDocument]:
    """The sub-documents of a file, or the whole file as one unit."""
    if info.subdocuments:
        return sorted(info.subdocuments, key=lambda u: u.start)
    last_line = source.text.count("\n") + 1
    return [SubDocument(info.ref, info.title, 0, len(source.text), 1, last_line, info.kind, info.date)]


def build_blocks(lines: list[Line], barriers: set[int], width: int) -> list[Block]:
    """Walk classified lines and group them into blocks under a heading stack."""
    builder = _BlockBuilder(width)
    for ln in lines:
        if ln.no in barriers:
            builder.close()
            builder.pending_head = None  # a passage never reaches back over a barrier line
            continue
        builder.feed(ln)
    builder.close()
    return builder.blocks


class _BlockBuilder:
    def __init__(self, width: int) -> None:
        self.width = width
        self.blocks: list[Block] = []
        self.stack: list[tuple[int, str]] = []
        self.current: Block | None = None
        self.pending_head: int | None = None
        self.open_title: Line | None = None  # a topic title that may continue on the next line
        self.lead_in: str | None = None
        self.blank_before = False

    @property
    def path(self) -> tuple[str, ...]:
        return tuple(label for _, label in self.stack)

    def feed(self, ln: Line) -> None:
        kind = ln.kind
        if kind == "blank":
            self.blank_before = True
            return
        if kind in ("skip", "fieldcont"):
            return
        if kind == "headcont":  # the wrapped rest of the heading above
            if self.stack:
                level, label = self.stack[-1]
                self.stack[-1] = (level, f"{label} {ln.text}")
            return
        if self.open_title is not None and kind == "text" and self._continues_title(ln):
            return
        self.open_title = None
        handler = getattr(self, f"_on_{kind}")
        handler(ln)
        self.blank_before = False

    def _continues_title(self, ln: Line) -> bool:
        title = self.open_title
        assert title is not None
        level, label = self.stack[-1]
        self.stack[-1] = (level, f"{label} {ln.text}")
        self.open_title = ln if wraps(ln, self.width) or len(ln.text) >= 0.6 * self.width else None
        return True

    def _on_heading(self, ln: Line) -> None:
        self.close()
        while self.stack and self.stack[-1][0] >= ln.level:
            self.stack.pop()
        self.stack.append((ln.level, ln.label))
        self.lead_in = None
        if self.pending_head is None or ln.level == 0:  # a new document part drops empty labels before it
            self.pending_head = ln.content_start
        if ln.level == 1 and (wraps(ln, self.width) or len(ln.text) >= 0.65 * self.width):
            self.open_title = ln

    def _on_field(self, ln: Line) -> None:
        self.close()
        while self.stack and self.stack[-1][0] >= 50:
            self.stack.pop()
        self.stack.append((50, ln.label))
        self.lead_in = None
        head = ln.content_start if self.pending_head is None else self.pending_head
        self.pending_head = None
        value = ln.raw[ln.value_offset:]
        if value.strip():
            start = ln.start + ln.value_offset + (len(value) - len(value.lstrip()))
            self._open("paragraph", start, ln, head_start=head)
        else:
            self.pending_head = head

    def _on_bullet(self, ln: Line) -> None:
        cur = self.current
        if ln.marker == "o" and cur is not None and cur.kind in ("afspraak", "bullet"):
            cur.splits.append(ln.content_start)
            self._extend(ln)
            return
        if ln.marker != AGREEMENT_MARKER and cur is not None and cur.kind == "afspraak":
            cur.splits.append(ln.content_start)  # a stray bullet inside an agreement stays in it
            self._extend(ln)
            return
        self.close()
        kind = "afspraak" if ln.marker == AGREEMENT_MARKER else "bullet"
        self._open(kind, ln.content_start, ln)

    def _on_item(self, ln: Line) -> None:
        if self.current is not None and self.current.kind == "afspraak":
            self._extend(ln)
            return
        self.close()
        self._open("bullet", ln.content_start, ln)

    def _on_leadin(self, ln: Line) -> None:
        cur = self.current
        if cur is not None and cur.kind == "leadin":
            self._extend(ln)
            self.lead_in = f"{self.lead_in} {' '.join(ln.text.split())}"
            return
        self.close()
        self.lead_in = " ".join(ln.text.split())
        self._open("leadin", ln.content_start, ln)

    def _on_footnote(self, ln: Line) -> None:
        self.close()
        self._open("footnote", ln.content_start, ln)

    def _on_text(self, ln: Line) -> None:
        cur = self.current
        if cur is not None and cur.last is not None:
            prev = cur.last
            if cur.kind == "afspraak":
                self._extend(ln)
                return
            joined = wraps(prev, self.width) or ln.text[:1].islower() or not ends_sentence(prev.text)
            if cur.kind in ("bullet", "leadin"):
                joined = wraps(prev, self.width) or ln.text[:1].islower()
            if cur.kind == "footnote":
                joined = False
            if joined:
                self._extend(ln)
                return
        self.close()
        self._open("paragraph", ln.content_start, ln)

    def _open(self, kind: str, start: int, ln: Line, head_start: int | None = None) -> None:
        if head_start is None:
            head_start, self.pending_head = self.pending_head, None
        lead = self.lead_in if kind in ("afspraak", "bullet") else None
        self.current = Block(kind, start, ln.content_end, self.path, head_start, lead, [], ln)

    def _extend(self, ln: Line) -> None:
        assert self.current is not None
        self.current.end = max(self.current.end, ln.content_end)
        self.current.last = ln

    def close(self) -> None:
        if self.current is not None:
            self.blocks.append(self.current)
            self.current = None


def _passages(source: SourceText, info: DocumentInfo, unit: SubDocument, blocks: list[Block]) -> list[Passage]:
    out: list[Passage] = []
    group: list[Block] = []

    def flush() -> None:
        if group:
            out.extend(_packed(source, info, unit, group))
            group.clear()

    for block in blocks:
        if block.kind in ("afspraak", "footnote"):
            flush()
            if block.head_start is not None and block.head_start < block.start:
                out.append(_make(source, info, unit, block.head_start, _before(source.text, block.start),
                                 block.heading_path, "heading"))
            out.extend(_agreement(source, info, unit, block) if block.kind == "afspraak"
                       else [_make(source, info, unit, block.start, block.end, block.heading_path, "footnote")])
            continue
        if group and (group[0].heading_path != block.heading_path or block.head_start is not None
                      or _span(group[0], block) > TARGET_CHARS):
            flush()
        group.append(block)
    flush()
    return out


def _packed(source: SourceText, info: DocumentInfo, unit: SubDocument, group: list[Block]) -> list[Passage]:
    """One passage for a run of small blocks, or several cut at sentence ends when it is too long."""
    first = group[0]
    start = first.start if first.head_start is None else first.head_start
    end = group[-1].end
    kind = "bullet" if all(b.kind in ("bullet", "leadin") for b in group) else "paragraph"
    if all(b.kind == "leadin" for b in group):
        kind = "paragraph"
    lead = next((b.lead_in for b in group if b.lead_in), None)
    return [_make(source, info, unit, s, e, first.heading_path, kind, lead_in=lead)
            for s, e in _cut(source.text, start, end)]


def _agreement(source: SourceText, info: DocumentInfo, unit: SubDocument, block: Block) -> list[Passage]:
    """An agreement with its sub-bullets: one passage, or parts cut at "o" boundaries."""
    whole = _make(source, info, unit, block.start, block.end, block.heading_path, "afspraak",
                  lead_in=block.lead_in)
    if block.end - block.start <= MAX_CHARS:
        return [whole]
    pieces = _pieces(source.text, block.start, block.end, block.splits)
    parts: list[tuple[int, int]] = []
    for s, e in pieces:
        if parts and e - parts[-1][0] <= MAX_CHARS:
            parts[-1] = (parts[-1][0], e)
        else:
            parts.append((s, e))
    out = []
    for n, (s, e) in enumerate(parts, start=1):
        p = _make(source, info, unit, s, e, block.heading_path, "afspraak", lead_in=block.lead_in)
        out.append(_replace(p, id=f"{whole.id}-d{n}", group=whole.id, part=n, parts=len(parts)))
    return out


def _pieces(text: str, start: int, end: int, splits: list[int]) -> list[tuple[int, int]]:
    """Cut [start, end) at the split offsets, then cut any piece still too long at sentence ends."""
    bounds = [start, *[s for s in splits if start < s < end], end]
    pieces = []
    for s, e in itertools.pairwise(bounds):
        e = _before(text, e)
        pieces.extend(_cut(text, s, e))
    return pieces


def _cut(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a span longer than TARGET_CHARS at sentence ends into spans of at most MAX_CHARS."""
    if end - start <= max(TARGET_CHARS * 1.5, 1):
        return [(start, end)]
    cuts = [m.end() for m in _SENTENCE_CUT.finditer(text, start, end)]
    spans: list[tuple[int, int]] = []
    s = start
    while end - s > TARGET_CHARS * 1.5:
        fitting = [c for c in cuts if s + 200 <= c <= s + TARGET_CHARS]
        if not fitting:
            fitting = [c for c in cuts if s + 200 <= c <= s + MAX_CHARS]
        c = fitting[-1] if fitting else _space_before(text, s, min(end, s + MAX_CHARS))
        spans.append((s, _before(text, c)))
        s = _after(text, c)
    spans.append((s, end))
    return [(a, b) for a, b in spans if b > a]


def _space_before(text: str, lo: int, hi: int) -> int:
    i = text.rfind(" ", lo + 1, hi)
    return hi if i < 0 else i


def _before(text: str, i: int) -> int:
    """Move an end offset back over whitespace."""
    while i > 0 and text[i - 1].isspace():
        i -= 1
    return i


def _after(text: str, i: int) -> int:
    """Move a start offset forward over whitespace."""
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def _span(first: Block, block: Block) -> int:
    start = first.start if first.head_start is None else first.head_start
    return block.end - start


def _make(source: SourceText, info: DocumentInfo, unit: SubDocument, start: int, end: int,
          path: tuple[str, ...], kind: str, *, lead_in: str | None = None) -> Passage:
    text = source.text[start:end]
    key = "|".join([unit.ref, " › ".join(path), kind, " ".join(text.split()).casefold()])
    pid = f"{info.ref}-{hashlib.sha1(key.encode()).hexdigest()[:12]}"
    return Passage(pid, info.path, start, end, text, source.page_at(start), unit.ref, path, kind, lead_in)


def _replace(p: Passage, **changes: object) -> Passage:
    from dataclasses import replace

    return replace(p, **changes)  # type: ignore[arg-type]  # changes holds fields of Passage


def _with_unique_ids(passages: list[Passage]) -> list[Passage]:
    """Identical passages under one heading (rare) get -2, -3 … in document order."""
    seen: dict[str, int] = {}
    out = []
    for p in passages:
        n = seen.get(p.id, 0) + 1
        seen[p.id] = n
        out.append(p if n == 1 else _replace(p, id=f"{p.id}-{n}"))
    return out


def _line_numbers(lines: list[Line], spans: Sequence[tuple[int, int]]) -> set[int]:
    """Numbers of the lines that overlap any of the spans."""
    if not spans:
        return set()
    ordered = sorted(spans)
    out, j = set(), 0
    for ln in lines:
        while j < len(ordered) and ordered[j][1] <= ln.start:
            j += 1
        k = j
        while k < len(ordered) and ordered[k][0] < max(ln.end, ln.start + 1):
            if ordered[k][1] > ln.start:
                out.add(ln.no)
                break
            k += 1
    return out


def _looks_like_form(lines: list[Line]) -> bool:
    """A unit is a form when many distinct field labels stand alone on their lines."""
    labels = set()
    texts = [ln.text for ln in lines if ln.text]
    for i in range(len(texts)):
        m = match_label(texts[i:i + 3])
        if m is not None and m[2] >= len(texts[i + m[0] - 1]) - 1:
            labels.add(m[1])
    return len(labels) >= 6
