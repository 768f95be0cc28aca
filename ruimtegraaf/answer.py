"""Answers with citations, composed without a language model from the best sentences of cited passages.

The answerer searches (hybrid BM25 + dense, boosted by the entities recognised in the question), picks
the sentences that best cover the question, frames them in the question's language, and cites each
passage it used. When the evidence is weak it says so: `answerable=False` and no invented answer.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ingest.model import Passage
from ingest.normalize import normalize
from ruimtegraaf import iris
from ruimtegraaf.generator import ChatRephraser, Rephraser, faithful
from ruimtegraaf.graphqa import GraphEvidence, graph_evidence
from ruimtegraaf.index import Hit, tokens
from ruimtegraaf.lexicon import Lexicon, lexicon
from ruimtegraaf.question import Question, boosts_for_years, states_agreement, understand

if TYPE_CHECKING:
    from ruimtegraaf.dataset import Dataset
    from ruimtegraaf.settings import Settings

MAX_ANSWER = 800
MAX_CITATIONS = 5
SUPPORT = 0.28  # least support of the anchor: chosen on half A of the dev questions (answerable ≥ 0.31,
# unanswerable ≤ 0.07 there), checked on half B
WINDOW = 680  # characters of context taken from the anchor passage
LIST_WINDOW = 780  # lists and agreements need more of it
SHORT_PASSAGE = 480  # a passage this short is answered whole
YEAR_BONUS = 0.1  # a sentence from a document of a year the question names
PLACE_TYPES = ("Provincie", "NovexGebied", "Gemeente", "Landsdeel")
SAME_PASSAGE = 0.7  # share of the best score a non-adjacent sentence of the anchor's passage needs
PLACE_BONUS = 0.08  # a sentence that itself names the place the question is about
MONEY_TERMS = frozenset(tokens("geld bedrag bedragen budget euro rijksgeld money amount"))
RELATIONS = ("trekkers", "verantwoordelijke", "ligtIn")  # graph relations whose source passage answers
RELATION_BONUS = 0.15  # a sentence of a passage the graph derives the asked relation from
NEXT_PENALTY = 0.05  # a sentence of the passage after a hit, as anchor of a how-much answer
REPEAT = 200  # a longer sentence in a window must bring a question term the window lacks
SIDE_HITS = 4  # passages searched for each side of a question that compares years
SIDE_SUPPORT = 0.4  # share of the anchor's score the best sentence of a missing side needs
SIDE_WINDOW = 380  # characters of context for each side of such a question


@dataclass(frozen=True)
class SearchHit:
    """A passage found for a query, with its fused score and IRI."""

    passage: Passage
    score: float
    iri: str


@dataclass(frozen=True)
class Sentence:
    """A sentence of a passage: absolute offsets into the document, and its normalised text."""

    passage: Passage
    start: int
    end: int
    text: str
    score: float = 0.0


@dataclass(frozen=True)
class Scored:
    """A candidate sentence with its score and the sentences that follow it (its possible context)."""

    score: float
    sentence: Sentence
    following: list[Sentence]


@dataclass
class Answer:
    """What /ask returns."""

    question: str
    answer: str
    answerable: bool
    citations: list[dict[str, Any]] = field(default_factory=list)
    kind: str = "lookup"
    language: str = "nl"
    entities: list[dict[str, str]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The response contract of POST /ask."""
        return {"answer": self.answer, "answerable": self.answerable, "citations": self.citations,
                "question_kind": self.kind, "language": self.language, "entities": self.entities}


def citation_json(ds: Dataset, p: Passage, base: str | None = None) -> dict[str, Any]:
    """A citation of a whole passage: document, offsets, verbatim quote, page, passage IRI, heading path."""
    base = base or ds.manifest.get("base_iri", "https://w3id.org/ruimtegraaf/")
    return {"document": p.document, "start": p.start, "end": p.end, "quote": ds.texts[p.document][p.start:p.end],
            "page": p.page, "passage": iris.thing(base, "passage", p.id),
            "heading_path": list(p.heading_path), "subdocument": p.subdocument}


class Answerer:
    """Question answering over one dataset."""

    def __init__(self, ds: Dataset, settings: Settings, *, rephraser: Rephraser | None = None) -> None:
        self.ds = ds
        self.base = settings.base_iri
        if rephraser is None and settings.generator_url:
            rephraser = ChatRephraser(settings.generator_url)
        self.rephraser = rephraser

    def search(self, query: str, k: int = 10) -> list[SearchHit]:
        """Hybrid search, boosted by recognised entities, duplicates folded into their originals."""
        q = understand(query, self.ds)
        return self._hits(q, k, graph_evidence(q, self.ds).passage_ids)

    def _hits(self, q: Question, k: int, evidence: Sequence[str] = (),
              boosts: dict[str, float] | None = None) -> list[SearchHit]:
        """The `evidence` passages (those the graph's facts rest on) first, then fused search hits, boosted
        by the question's `boosts` unless others are given; a repeated passage stands in for its original,
        each original once."""
        raw = self.ds.index.search(q.search_text, k=max(k * 3, 30), boost=q.boosts if boosts is None else boosts,
                                   dense_query=q.text)
        top = raw[0].score if raw else 1.0
        facts = [Hit(pid, top * (2.0 - i / 100), None, None) for i, pid in enumerate(evidence)]
        out: list[SearchHit] = []
        seen: set[str] = set()
        for h in [*facts, *raw]:
            p = self.ds.by_id.get(h.passage_id)
            if p is None:
                continue
            if p.duplicate_of and p.duplicate_of in self.ds.by_id:
                p = self.ds.by_id[p.duplicate_of]
            if p.id in seen:
                continue
            seen.add(p.id)
            out.append(SearchHit(p, h.score, iris.thing(self.base, "passage", p.id)))
            if len(out) == k:
                break
        return out

    def ask(self, question: str) -> Answer:
        """Answer a question from the passages, or say that the documents do not answer it."""
        q = understand(question, self.ds)
        graph = graph_evidence(q, self.ds)
        hits = self._hits(q, 12, graph.passage_ids)
        entities = [{"label": e.label, "iri": e.iri, "type": e.type} for e in q.entities]

        def unanswerable() -> Answer:
            return Answer(question, "", False, [], kind=q.kind, language=q.language, entities=entities)

        if not hits or q.unknown or not q.terms:
            return unanswerable()
        if graph.answer:  # the graph answers whole; cite the passages its facts derive from
            cited = [self.ds.by_id[i] for i in graph.passage_ids[:MAX_CITATIONS]]
            frame = "According to the documents: " if q.language == "en" else ""
            return Answer(question, (frame + graph.answer)[:MAX_ANSWER], True,
                          [citation_json(self.ds, p, self.base) for p in cited], kind=q.kind,
                          language=q.language, entities=entities)
        chosen, support = self._compose_from(q, hits, graph)
        if not chosen or support < SUPPORT:
            return unanswerable()
        cited: list[Passage] = []
        for s in chosen:
            if s.passage not in cited:
                cited.append(s.passage)
        for h in hits:
            if len(cited) >= 3:
                break
            if h.passage not in cited:
                cited.append(h.passage)
        citations = [citation_json(self.ds, p, self.base) for p in cited[:MAX_CITATIONS]]
        return Answer(question, self._rephrased(question, compose(q, chosen), citations), True, citations,
                      kind=q.kind, language=q.language, entities=entities)

    def _rephrased(self, question: str, text: str, citations: list[dict[str, Any]]) -> str:
        """The generator's rephrasing when one is configured and it stays faithful to the quotes."""
        if self.rephraser is None:
            return text
        quotes = [c["quote"] for c in citations]
        better = self.rephraser.rephrase(question, text, quotes)
        return better if better is not None and faithful(better, quotes, MAX_ANSWER) else text

    def _sentences_from(self, p: Passage) -> list[Sentence]:
        """The sentences of a passage followed by those of the passage after it under the same heading."""
        own = sentences(p, self.ds.texts[p.document])
        nxt = self._next.get(p.id)
        return own + sentences(nxt, self.ds.texts[nxt.document]) if nxt is not None else own

    @property
    def _next(self) -> dict[str, Passage]:
        return self.ds.derived("next_passage", _next_passages)

    def _compose_from(self, q: Question, hits: list[SearchHit], graph: GraphEvidence) -> tuple[list[Sentence], float]:
        """The anchor sentence and its context, and a second source when it adds what the first lacks;
        with the anchor's support (the weighted share of the question it covers, and its passage)."""
        # the passages the graph says state the asked relation (trekkers, responsible ministries, location)
        relation = frozenset(graph.passage_ids) if graph.relation in RELATIONS else frozenset()
        scored = self._scored(q, hits, relation)
        if q.needs_number:  # the anchor must state a number of what is asked
            stating = {id(x) for x in scored if has_quantity(x.sentence.text, q.unit)}
            scored = sorted(scored, key=lambda x: id(x) not in stating)  # stable: score order kept within
        if not scored or (q.needs_number and not has_quantity(scored[0].sentence.text, q.unit)):
            return [], 0.0
        chosen = self._around_anchor(q, scored[0])
        chosen = self._with_sides(q, scored, chosen, relation)
        chosen = self._with_other_sources(q, scored, chosen)
        order: dict[str, float] = {h.passage.id: i for i, h in enumerate(hits)}
        for h in hits:  # a sentence of the passage after a hit stands with that hit
            following = self._next.get(h.passage.id)
            if following is not None:
                order.setdefault(following.id, order[h.passage.id] + 0.5)
        chosen.sort(key=lambda c: (order.get(c.passage.id, len(hits)), c.start))
        return chosen, scored[0].score

    def _scored(self, q: Question, hits: list[SearchHit], relation: frozenset[str] = frozenset(), *,
                strict: bool = True) -> list[Scored]:
        """Every sentence of the top passages, scored by how much of the question it and its passage cover,
        more in a `relation` passage; `strict`: only passages that name the place the question is about
        (else they lose a little)."""
        lex = self.lex
        # a question for an amount is answered by a sentence stating one: its money words need not recur
        unit_words = MONEY_TERMS if q.unit == "money" else frozenset()
        weight = {t: lex.idf_weight(t) for t in q.terms if t not in unit_words} or {t: 1.0 for t in q.terms}
        total = sum(weight.values())

        def coverage(words: set[str]) -> float:
            return sum(w for t, w in weight.items() if covered(t, words)) / total

        scored: list[Scored] = []
        places = [e.iri for e in q.entities if e.type in PLACE_TYPES]
        for rank, h in enumerate(hits[:8]):
            named = {iri for iri in places
                     if h.passage.id in lex.in_text.get(iri, ()) or h.passage.id in lex.in_heading.get(iri, ())}
            if places and not named and strict:
                continue  # the question is about a place this passage does not name
            sents = [x for x in self._sentences_from(h.passage) if not _mostly_links(x.text)]
            of_year = lex.year_of.get((h.passage.document, h.passage.subdocument)) in q.years
            context = set(tokens(" ".join(h.passage.heading_path) + " " + (h.passage.lead_in or "")))
            passage_cov = coverage(set(tokens(h.passage.text)) | context)
            previous: set[str] = set()
            for i, s in enumerate(sents):
                following = s.passage.id != h.passage.id
                if following and not q.needs_number:
                    break  # sentences of the next passage only follow an anchor; they are not anchors
                # … except for a how-much question: the amount may stand in the next bullet under the heading
                toks = set(tokens(s.text)) | context
                # a sentence that completes the one before it ("… koplopergebieden. Vanuit Noord zijn …")
                cov = max(coverage(toks), 0.8 * coverage(toks | previous))
                previous = toks
                names_place = bool(named) and any(m.named.iri in named for m in lex.named_in(s.text))
                score = (0.55 * cov + 0.45 * passage_cov + q.shape_bonus(s.text) + _names_bonus(q, s.text)
                         - 0.03 * rank + (YEAR_BONUS if of_year else 0.0) + (PLACE_BONUS if names_place else 0.0)
                         - (PLACE_BONUS if places and not named else 0.0) - (NEXT_PENALTY if following else 0.0)
                         + (RELATION_BONUS if s.passage.id in relation else 0.0))
                scored.append(Scored(score, s, sents[i:]))
        scored.sort(key=lambda x: -x.score)
        return scored

    def _around_anchor(self, q: Question, top: Scored) -> list[Sentence]:
        """The anchor with what belongs with it: its whole passage when short, else the sentences after it."""
        anchor = top.sentence
        budget = 380 if _two_sided(q) else LIST_WINDOW if q.kind in ("list", "who", "agreement") else WINDOW
        own = [x for x in sentences(anchor.passage, self.ds.texts[anchor.passage.document])
               if not _mostly_links(x.text)]
        if anchor.passage.kind == "heading" or anchor.passage.text.rstrip().endswith(":"):
            # a heading names the topic and a lead-in ("Rijk en Regio spreken af:") opens a list: what they
            # introduce stands in the passages under them
            lead = [s for s in own if s.start >= anchor.start] or [anchor]
            under = self._under(anchor.passage, budget)
            if under:
                room = budget - _length(lead)
                if lead[-1].text.rstrip().endswith(":"):
                    rest = _window(lead[-1], [lead[-1], *under], q, budget=room + len(lead[-1].text))[1:]
                else:
                    rest = _window(under[0], under, q, budget=room)
                return [*lead, *rest]
        whole = budget if q.kind in ("who", "list") else SHORT_PASSAGE  # names and lists are read in full
        if len(anchor.passage.text) <= whole and own:  # a bullet or form field is one statement
            return own
        return _window(anchor, top.following, q, budget=budget)

    def _under(self, p: Passage, budget: int) -> list[Sentence]:
        """The sentences of the passages after `p` under the same heading, about `budget` characters' worth."""
        out: list[Sentence] = []
        nxt = self._next.get(p.id)
        while nxt is not None and _length(out) < budget:
            out += [s for s in sentences(nxt, self.ds.texts[nxt.document]) if not _mostly_links(s.text)]
            nxt = self._next.get(nxt.id)
        return out

    def _on_side(self, p: Passage, text: str, side: int | None, q: Question) -> bool:
        """Text of passage `p` speaks for one side of a comparison: its document is of that year, or the text
        names the year when no document is of that year (an earlier meeting reported later); side None
        stands for every year the question does not name."""
        year = self.lex.year_of.get((p.document, p.subdocument))
        if side is None:
            return year not in q.years
        return year == side or (side not in self.lex.year_of.values() and str(side) in text)

    def _side_scored(self, q: Question, side: int | None, relation: frozenset[str]) -> list[Scored]:
        """The scored sentences of the passages found when only one side's documents are favoured."""
        hits = self._hits(q, 3 * SIDE_HITS, boosts=boosts_for_years(q, self.ds, [] if side is None else [side]))
        hits = [h for h in hits if self._on_side(h.passage, h.passage.text, side, q)]
        return self._scored(q, hits[:SIDE_HITS], relation, strict=False)

    def _with_sides(self, q: Question, scored: list[Scored], chosen: list[Sentence],
                    relation: frozenset[str]) -> list[Sentence]:
        """For a question that compares years ("in 2020 … en in 2024"), the best sentence of each side the
        anchor does not speak for, with a little context, before anything else fills the answer."""
        sides = _sides(q)
        best = scored[0].score
        for i, side in enumerate(sides):
            if any(self._on_side(c.passage, c.text, side, q) for c in chosen):
                continue
            pool = [x for x in [*scored, *self._side_scored(q, side, relation)]
                    if x.sentence.passage.kind != "heading"  # a bare heading says nothing about its side
                    and self._on_side(x.sentence.passage, x.sentence.text, side, q)
                    and not any(_same_sentence(x.sentence, c) for c in chosen)]
            if not pool:
                continue
            top = max(pool, key=lambda x: x.score)
            room = MAX_ANSWER - _length(chosen) - 40
            if top.score < SIDE_SUPPORT * best or room < 80:
                continue
            chosen.extend(_window(top.sentence, top.following, q, budget=min(room // (len(sides) - i), SIDE_WINDOW)))
        return chosen

    @property
    def lex(self) -> Lexicon:
        """The dataset's lexicon (built once, kept on the dataset)."""
        return lexicon(self.ds)

    def _with_other_sources(self, q: Question, scored: list[Scored], chosen: list[Sentence]) -> list[Sentence]:
        """Strong later sentences of the anchor's passage, and other sources that add what is missing."""
        lex = self.lex
        best, anchor = scored[0].score, scored[0].sentence
        two_sided = _two_sided(q)
        used = {t for s in chosen for t in tokens(s.text)}
        missing = {t for t in q.terms if t not in used}
        anchor_year = lex.year_of.get((anchor.passage.document, anchor.passage.subdocument))
        sources = {(c.passage.document, c.passage.subdocument) for c in chosen}
        candidates = scored[1:]
        if q.kind == "agreement":  # what was agreed first: the sentences that state an agreement
            candidates.sort(key=lambda x: not states_agreement(x.sentence.text))
        for x in candidates:
            s, score = x.sentence, x.score
            room = MAX_ANSWER - _length(chosen) - 40
            if room < 80:
                break
            if any(_same_sentence(s, c) for c in chosen):
                continue
            if s.passage.id == anchor.passage.id:  # a later, strong sentence of the anchor's own passage
                if score >= SAME_PASSAGE * best and len(s.text) < room:
                    chosen.append(s)
                continue
            adds = {t for t in tokens(s.text) if t in missing}
            other_document = (s.passage.document, s.passage.subdocument) not in sources and len(sources) < 2
            other_year = lex.year_of.get((s.passage.document, s.passage.subdocument)) != anchor_year
            agreed = q.kind == "agreement" and states_agreement(s.text)
            wanted = adds or agreed or (other_document and len(chosen) < 4) or (two_sided and other_year)
            if score >= (0.5 if two_sided else 0.6) * best and wanted and len(s.text) < room:
                extra = _window(s, x.following, q, budget=room)
                if extra and not any(_same_sentence(e, c) for e in extra for c in chosen):
                    chosen.extend(extra)
                    missing -= {t for e in extra for t in tokens(e.text)}
        return chosen

def _next_passages(ds: Dataset) -> dict[str, Passage]:
    """Passage id → the passage after it under the same heading of the same document."""
    return {a.id: b for a, b in itertools.pairwise(ds.passages)
            if (a.document, a.subdocument, a.heading_path) == (b.document, b.subdocument, b.heading_path)}


_PERIOD = re.compile(r"\b20\d\d\s*(?:-|–|t/m|tot en met|tot)\s*20\d\d\b")


def _sides(q: Question) -> list[int | None]:
    """The years a question compares; with one year named and a second question asked, that year and
    None (the other years)."""
    if _PERIOD.search(q.text):  # "2025-2030" is one period, not two moments
        return []
    years = list(dict.fromkeys(q.years))
    if len(years) >= 2:
        return years
    return [years[0], None] if years and _two_sided(q) else []


def _length(chosen: list[Sentence]) -> int:
    """Characters the sentences take in an answer (each with the space after it)."""
    return sum(len(s.text) + 1 for s in chosen)


def _two_sided(q: Question) -> bool:
    """A question that asks about two moments or two things ("in 2020 en 2024", "…, en wat spraken …")."""
    return len(set(q.years)) >= 2 or bool(re.search(r"\ben\s+(?:wat|welk|welke|hoe|wie|hoeveel)\b|"
                                                    r"\bnog dezelfde\b|\bvergeleken\b", q.text, re.I))


_BOUNDARY = re.compile(r"[.!?;:][\"'’”)]*\s+(?=[A-Z0-9À-Ý•❖▪‘\"(\-–])|\n\s*\n\s*(?=[•❖▪o\-–]\s)|\n\s*(?=[•❖▪]\s|o\s)")
# abbreviations that never end a sentence ("€ 23 miljoen (incl. BTW)", "o.a. Rijkswaterstaat", "nr. 51")
_ABBREVIATION = re.compile(r"(?:\b(?:incl|excl|bijv|ca|resp|nr|nrs|pag|blz|art|jl|vgl)|\b(?:[a-z]\.){1,3}[a-z])\.$",
                           re.I)


def sentences(p: Passage, text: str) -> list[Sentence]:
    """The sentences of a passage with absolute offsets; a bullet or list item counts as one."""
    out = []
    body = text[p.start:p.end]
    cuts = [0, *(m.end() for m in _BOUNDARY.finditer(body) if not _ABBREVIATION.search(body[:m.start() + 1])),
            len(body)]
    for a, b in itertools.pairwise(cuts):
        raw = body[a:b]
        s = p.start + a + (len(raw) - len(raw.lstrip()))
        e = p.start + a + len(raw.rstrip())
        if e - s < 3 or not re.search(r"\w\w", body[s - p.start:e - p.start]):
            continue
        out.append(Sentence(p, s, e, " ".join(normalize(text[s:e]).text.split())))
    return out


def covered(term: str, words: set[str]) -> bool:
    """A question term is covered by a text's terms, also as the head of a compound or inflected form.

    >>> covered("vrij", {"vrijgemaakt"}), covered("arbeidsplaats", {"arbeid"})
    (True, False)
    """
    if term in words:
        return True
    if len(term) < 4:
        return False
    return any(w.startswith(term) or (len(term) >= 7 and w[:7] == term[:7] and len(w) >= 7) for w in words)


def _names_bonus(q: Question, text: str) -> float:
    """Which/who questions want names: a sentence listing several capitalised names gets a bonus."""
    if q.kind not in ("list", "who"):
        return 0.0
    names = re.findall(r"(?<=[\s,(;/])[A-Z][\w’'-]+", text)
    return 0.06 if len(names) >= 3 else 0.0


def compose(q: Question, chosen: list[Sentence]) -> str:
    """The short answer: the chosen sentences, framed in the language of the question."""
    body = " ".join(_clean(s.text) for s in chosen)
    frame = "According to the documents: " if q.language == "en" else ""
    text = frame + body
    return text if len(text) <= MAX_ANSWER else text[: MAX_ANSWER - 1].rsplit(" ", 1)[0] + "…"


def _clean(text: str) -> str:
    text = re.sub(r"^[❖•▪▶\uf0a7o\-–]\s+", "", text.strip())
    return text if text.endswith((".", "!", "?", ":", ";")) else text + "."


_MONEY = re.compile(r"€\s*\d|\d\s*(?:miljoen|miljard|mln|mld)\b", re.I)
_NUMBER_WORDS = r"(?:\d[\d.,/]*%?|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|twintig|honderd)"


def has_quantity(text: str, unit: str | None) -> bool:
    """True when `text` states a number of what is asked: an amount of money, "<n> woningen", or any number.

    >>> has_quantity("Rijk en Regio stellen elk €88,56 miljoen beschikbaar", "money")
    True
    >>> has_quantity("Het Ruimtelijk Arrangement Zeeland 2025 is vastgesteld.", "woningen")
    False
    """
    if unit == "money":
        return bool(_MONEY.search(text))
    if unit:
        stem = tokens(unit)[:1]
        pattern = re.compile(rf"{_NUMBER_WORDS}((?:\s+[\w/-]+){{1,3}})", re.I)
        return bool(stem) and any(stem[0] in tokens(m.group(1)) for m in pattern.finditer(text))
    return bool(re.search(r"\d", re.sub(r"\b(?:19|20)\d\d\b", "", text)))


def _window(anchor: Sentence, following: list[Sentence], q: Question, budget: int = WINDOW) -> list[Sentence]:
    """The anchor sentence and the ones after it that belong with it: a list after a colon, sentences
    that speak of the question's terms, or short context."""
    chosen = [anchor]
    size = len(anchor.text)
    said = set(tokens(anchor.text))
    colon = anchor.text.rstrip().endswith(":")
    listing = colon or q.kind in ("list", "who")
    for s in following[1:]:
        if size + len(s.text) + 1 > budget:
            break
        words = set(tokens(s.text))
        relevant = any(covered(t, words) for t in q.terms)
        if not (listing or relevant or size < 160):
            break
        if not colon and len(s.text) > REPEAT and not any(covered(t, words) and not covered(t, said) for t in q.terms):
            continue  # a long sentence that only says again which of the question's terms are at stake
        chosen.append(s)
        said |= words
        size += len(s.text) + 1
        colon = colon or s.text.rstrip().endswith(":")
        listing = listing or colon
    return chosen


def _mostly_links(text: str) -> bool:
    """A "sentence" that is mostly web addresses says nothing an answer can use."""
    links = sum(len(m.group()) for m in re.finditer(r"(?:https?://|www\.)\S+", text))
    return links > 0.5 * len(text)


def _same_sentence(a: Sentence, b: Sentence) -> bool:
    return a.text.casefold() == b.text.casefold() or (a.passage.id == b.passage.id and a.start == b.start)
