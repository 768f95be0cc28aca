"""Reading around a sentence: its passage's sentences, the passages before and after it under the same
heading, the list it belongs to, the sentence it points back at. Each passage is split and analysed once per
dataset and kept with it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ruimtegraaf.answering.asking import party_kind
from ruimtegraaf.answering.candidates import AnalysedPassage, analysed
from ruimtegraaf.answering.lists import LIST_SIZES
from ruimtegraaf.answering.retrieval import next_passages
from ruimtegraaf.answering.sentences import Sentence, unfinished
from ruimtegraaf.answering.texts import FLAT_TEXTS
from ruimtegraaf.dataset import Derived
from ruimtegraaf.index import tokens
from ruimtegraaf.lexicon import Lexicon, lexicon
from ruimtegraaf.model import Passage

if TYPE_CHECKING:
    from ruimtegraaf.dataset import Dataset

# "deze knooppunten", "dit programma": a sentence that points back at a thing by its noun
_POINTS_BACK = re.compile(r"\b(?:deze|dit|these|this|those)\s+(?!jaar|week|maand|brief|wijze|manier|keer)"
                          r"(?P<noun>[a-zà-ÿ][\w-]{3,})", re.I)


def _previous_passages(ds: Dataset) -> dict[str, Passage]:
    return {b.id: ds.by_id[a] for a, b in NEXT_PASSAGE.of(ds).items()}


def _resuming(ds: Dataset) -> dict[str, Passage]:
    """Passage id → the passage its unfinished last sentence resumes in, past the footnotes a page break put
    between them: the next passage of the document after only footnotes, starting in lower case."""
    out: dict[str, Passage] = {}
    ps = ds.passages
    for i, p in enumerate(ps):
        if p.kind == "footnote" or not unfinished(p.text):
            continue
        j = i + 1
        while j < len(ps) and ps[j].kind == "footnote" and ps[j].document == p.document:
            j += 1
        if i + 1 < j < len(ps) and ps[j].document == p.document and ps[j].text.lstrip()[:1].islower():
            out[p.id] = ps[j]
    return out


# passage id → its sentences analysed, filled as passages are read
ANALYSED_PASSAGES: Derived[dict[str, AnalysedPassage]] = Derived(lambda ds: {})
NEXT_PASSAGE: Derived[dict[str, Passage]] = Derived(next_passages)  # passage id → the one after it
PREVIOUS_PASSAGE: Derived[dict[str, Passage]] = Derived(_previous_passages)  # passage id → the one before it
RESUMES: Derived[dict[str, Passage]] = Derived(_resuming)  # passage id → where footnotes cut its last sentence


class Reader:
    """The passages of one dataset as an answer reads them."""

    def __init__(self, ds: Dataset, lex: Lexicon) -> None:
        self.ds, self.lex = ds, lex

    def analysed(self, p: Passage) -> AnalysedPassage:
        """A passage split into sentences and analysed, once per dataset (sentences, terms, values, names)."""
        cache = ANALYSED_PASSAGES.of(self.ds)
        found = cache.get(p.id)
        if found is None:
            found = cache[p.id] = analysed(p, self.ds.texts[p.document], self.lex, RESUMES.of(self.ds).get(p.id))
        return found

    def sentences(self, p: Passage) -> list[Sentence]:
        """The sentences of a passage."""
        return [a.sentence for a in self.analysed(p).sentences]

    @property
    def next(self) -> dict[str, Passage]:
        """Passage id → the passage after it under the same heading."""
        return NEXT_PASSAGE.of(self.ds)

    @property
    def previous(self) -> dict[str, Passage]:
        """Passage id → the passage before it under the same heading."""
        return PREVIOUS_PASSAGE.of(self.ds)

    def passages_of(self, text: str, p: Passage | None) -> list[Passage]:
        """The passages an answer's sentence from `p` stands in: `p`, and the passage it resumes in past a page's
        footnotes when the sentence runs on into it."""
        if p is None:
            return []
        resumes = RESUMES.of(self.ds).get(p.id)
        opening = " ".join(resumes.text.split()[:3]) if resumes is not None else ""
        return [p, resumes] if resumes is not None and opening in " ".join(text.split()) else [p]

    def around(self, p: Passage, reach: int) -> list[Passage]:
        """The passages up to `reach` either side of `p` under its heading, nearest first."""
        out: list[Passage] = []
        before: Passage | None = p
        after: Passage | None = p
        for _ in range(reach):
            before = self.previous.get(before.id) if before is not None else None
            after = self.next.get(after.id) if after is not None else None
            out += [x for x in (before, after) if x is not None]
        return out

    def after(self, s: Sentence) -> list[Sentence]:
        """The sentences after `s` in its passage."""
        return [x for x in self.sentences(s.passage) if x.start > s.start]

    def items(self, s: Sentence) -> list[Sentence]:
        """The items of the list a sentence opens or belongs to. A sentence that opens a list ("…:") is
        followed by its items: the rest of its passage and the passages after it under the same heading. An
        item of a list (a bullet under a lead-in) brings the whole list: every bullet of that lead-in."""
        p = s.passage
        if p.lead_in and not s.text.rstrip().endswith(":"):
            first = p
            while (before := self.previous.get(first.id)) is not None and before.lead_in == p.lead_in:
                first = before
            out: list[Sentence] = []
            member: Passage | None = first
            while member is not None and member.lead_in == p.lead_in and len(out) < 20:
                out += [x for x in self.sentences(member) if x.start != s.start]
                member = self.next.get(member.id)
            return out
        out = self.after(s)
        nxt = self.next.get(p.id)
        while nxt is not None and len(out) < 20 and (nxt.lead_in or s.text.rstrip().endswith(":")):
            out += self.sentences(nxt)
            nxt = self.next.get(nxt.id)
        return out

    def antecedent(self, s: Sentence) -> Sentence | None:
        """The sentence `s` points back at when it names a thing by a noun the sentence before it (or the one
        before that, in its passage or the paragraph before) said: "… voor deze knooppunten" after "De
        Limburgse energieknooppunten Maasbracht en …", so the answer says which."""
        pointer = _POINTS_BACK.search(s.text)
        before = [x for x in self.sentences(s.passage) if x.end <= s.start]
        if not before and (previous := self.previous.get(s.passage.id)) is not None:
            before = self.sentences(previous)  # the paragraph before, under the same heading
        if pointer is None or not before:
            return None
        kind = party_kind(pointer.group("noun"))  # "met Zeeland en Zuid-Holland … dat deze provincies": said here
        own = next((a for a in self.analysed(s.passage).sentences if a.sentence.start == s.start), None)
        if kind and own is not None and any(k == kind and end <= pointer.start() for _, end, k in own.names):
            return None
        noun = tokens(pointer.group("noun"))
        for candidate in reversed(before[-2:]):  # the noun, or a compound of it ("energieknooppunten")
            words = set(tokens(candidate.text))
            if noun and any(w.startswith(noun[0]) or w.endswith(noun[0]) for w in words):
                return candidate
        # "Dit beperkt de mogelijkheden …": a sentence whose subject is "dit" speaks of the sentence before it
        return before[-1] if opens_back(s.text) else None


def opens_back(text: str) -> bool:
    """Whether a sentence's subject is a bare "dit"/"dat"/"this" that stands for the sentence before it.

    >>> opens_back("Dit beperkt de mogelijkheden voor windenergie."), opens_back("Dit jaar komen er 100 woningen.")
    (True, False)
    """
    return bool(_OPENS_BACK.match(text))


_OPENS_BACK = re.compile(r"\W*(?:dit|dat|this|that)\s+(?:is|was|zijn|wordt|werd|betekent|leidt|zorgt|maakt|beperkt|"
                         r"vraagt|geldt|gaat|komt|heeft|kan|moet|zal|means|limits|restricts|requires|leads|makes)\b",
                         re.I)


def warm(ds: Dataset) -> None:
    """Make, once per dataset, what answers read from every passage (its sentences and their analysis, the
    list lengths, the texts quoted phrases are looked for in), so that no question pays for it: the server
    runs this in the background when it loads a build. In process it takes about two seconds."""
    read = Reader(ds, lexicon(ds))
    for p in ds.passages:
        read.analysed(p)
    read.previous  # noqa: B018  # made on first use; here, before a question uses it
    LIST_SIZES.of(ds)
    FLAT_TEXTS.of(ds)
