"""The answering stages in order: analyse, retrieve, make candidates, verify, compose — or abstain, saying why.

No language model writes the answers: every sentence comes from the documents (or from the graph's labels),
quoted with its offsets. When nothing verifies, the answer is `answerable: false` with the reason and
the nearest evidence, cited.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ruimtegraaf.answering.asking import QuestionKind
from ruimtegraaf.answering.candidates import PARTY_SUBJECT, Candidate, candidates, covered, states_agreement
from ruimtegraaf.answering.compose import (
    ABSTAIN,
    MAX_ANSWER,
    TYPE_WORDS,
    Answer,
    AnswerPart,
    citation_json,
    lead,
    quoted_items,
    render,
    sentence_text,
    silent_side,
)
from ruimtegraaf.answering.coverage import Coverage
from ruimtegraaf.answering.lists import enumerates
from ruimtegraaf.answering.moments import moment_label, on_timeline, passages_by_year
from ruimtegraaf.answering.question import COMMON_NAME_IDF, Question, analyse
from ruimtegraaf.answering.ranking import by_best_sentence, interleaved, of_moments_first, with_antecedents
from ruimtegraaf.answering.reading import Reader, opens_back
from ruimtegraaf.answering.retrieval import SearchHit, in_search_order, search_hits
from ruimtegraaf.answering.sentences import Sentence, as_written
from ruimtegraaf.answering.sides import place_side
from ruimtegraaf.answering.support import support as support_of
from ruimtegraaf.answering.tuning import DEFAULT, Tuning
from ruimtegraaf.answering.values import NUMERIC, ONE_VALUE, VALUED, AnswerType, names_someone, of_type, values_in
from ruimtegraaf.answering.verify import (
    Problem,
    Verdict,
    abstention_reason,
    near_answer,
    own_words_first,
    place_met,
    said_elsewhere,
    verdicts,
)
from ruimtegraaf.generator import ChatRephraser, Rephraser, faithful
from ruimtegraaf.graphqa import GraphEvidence, graph_evidence
from ruimtegraaf.index import tokens
from ruimtegraaf.lexicon import Lexicon, lexicon
from ruimtegraaf.model import Passage

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ruimtegraaf.dataset import Dataset
    from ruimtegraaf.settings import Settings

MAX_CITATIONS = 5
NEAREST_SENTENCE = 300  # what an abstention quotes of the nearest evidence (a lead-in more: compose.NEAREST_CHARS)
SIBLINGS = 3  # agreements either side of the anchor's that may join an answer to "what was agreed about X"
RELATIONS = ("trekkers", "verantwoordelijke", "ligtIn")  # graph relations whose source passage answers
KNOWN_WHOLE = ("trekkers", "ligtIn", "datum")  # relations the graph knows completely: nothing found, nothing stated
# (not "verantwoordelijke": a programme's form names its ministry, but the text says who commissions its studies)


@dataclass
class _Draft:
    """An answer being composed: its parts, each tied to a passage."""

    parts: list[tuple[str, Passage | None]]
    support: int = 0  # how many of the last parts are support sentences (after the lead, its list or agreement)

    def length(self) -> int:
        return sum(len(text) + 5 for text, _ in self.parts)


class Answerer:
    """Question answering over one dataset."""

    def __init__(self, ds: Dataset, settings: Settings, *, tuning: Tuning = DEFAULT,
                 rephraser: Rephraser | None = None) -> None:
        self.ds, self.base, self.tuning = ds, settings.base_iri, tuning
        if rephraser is None and settings.generator_url:
            rephraser = ChatRephraser(settings.generator_url)
        self.rephraser = rephraser
        self.read = Reader(ds, lexicon(ds))
        self.cover = Coverage(ds, lexicon(ds))

    @property
    def lex(self) -> Lexicon:
        return lexicon(self.ds)

    def search(self, query: str, k: int = 10) -> list[SearchHit]:
        """Hybrid search, boosted by recognised entities, duplicates folded into their originals; the first
        passages reranked by their best sentence as the answerer scores it, graph evidence first."""
        q = analyse(query, self.ds)
        self.ds.index.embed_parts(q.dense_text, [p.dense_text for p in q.parts])  # as ask() does: one call
        graph = graph_evidence(q, self.ds)
        hits, cands = self._read_passages(q, max(k, self.tuning.passages), graph.passage_ids)
        # passages stating an asked relation stay first; agreements about a named thing are read like any other
        ranked = by_best_sentence(hits, cands, self.tuning.passages, pin_graph=graph.relation != "afspraak")
        ranked = with_antecedents(ranked, cands, self.tuning.passages, self.read.antecedent, self.base)
        if q.parts:  # "… in 2020, en wat in 2025?": each part's best passages lead, in turn
            sides = []
            for part in q.parts:
                side = by_best_sentence(*self._read_passages(part, self.tuning.passages), self.tuning.passages)
                # a side of a moment: that moment's documents first
                sides.append(of_moments_first(side, self.lex.year_of, part.constraints.years))
            ranked = interleaved([*sides, ranked])
        return ranked[:k]

    def _read_passages(self, q: Question, k: int, evidence: Sequence[str] = (),
                       relation: frozenset[str] = frozenset()) -> tuple[list[SearchHit], list[Candidate]]:
        """The `k` passages found for a question (`evidence` first) and their sentences as candidates."""
        hits = search_hits(self.ds, self.base, q, k, self.tuning, evidence)
        return hits, candidates(q, hits, self.lex, self.read.analysed, self.read.next, self.tuning, relation,
                                 self.read.previous)

    def ask(self, question: str) -> Answer:
        """Answer a question from the passages, or say why the documents do not answer it."""
        q = analyse(question, self.ds)
        self.ds.index.embed_parts(q.dense_text, [p.dense_text for p in q.parts])  # all parts in one call
        graph = graph_evidence(q, self.ds)
        hits = search_hits(self.ds, self.base, q, self.tuning.passages + 2, self.tuning,
                           graph.passage_ids if self.tuning.graph_first else ())
        if q.unknown:
            return self._abstain(q, hits, "unknown", names=", ".join(f"“{u}”" for u in q.unknown))
        uncovered = self.cover.uncovered_meeting(q)
        if uncovered:
            return self._abstain(q, hits, "not_covered", meeting=uncovered, moments=self.cover.moments(q.language))
        if graph.relation in KNOWN_WHOLE and not graph.passage_ids:
            # the graph holds this relation for every thing the forms and letters state it of; none here
            return self._abstain(q, hits, "no_value")
        if graph.answer:
            cited = [self.ds.by_id[i] for i in graph.passage_ids[:MAX_CITATIONS]]
            return self._answer(q, [(graph.answer, cited[0] if cited else None)], hits, extra=cited)
        relation = frozenset(graph.passage_ids) if graph.relation in RELATIONS else frozenset()
        if relation:  # the passages the graph states the asked relation in are the answer, each cited
            return self._answer(q, self._relation(graph), hits)
        if q.parts:
            draft = self._parts(q, hits, relation)
            if draft is not None:
                return self._answer(q, draft.parts, hits)
        cands = candidates(q, hits, self.lex, self.read.analysed, self.read.next, self.tuning, relation,
                          self.read.previous)
        hits = by_best_sentence(hits, cands, self.tuning.passages)  # further citations: the best-read passages
        judged = verdicts(cands, q, self.tuning)
        good = [v for v in judged if v.answers]
        if not good:
            about = [v.candidate for v in judged if Problem.NOT_TIED not in v.problems]  # about the focus, at least
            nearest = about[0] if about else cands[0] if cands else None
            reason = abstention_reason(q, judged)
            return self._abstain(q, hits, reason, nearest=nearest,
                                 names=", ".join(f"“{w}”" for w in (q.unread if reason == "unread" else q.absent)))
        if (other := said_elsewhere(q, judged, good[0], self.tuning.elsewhere)) is not None:  # of another party
            return self._abstain(q, hits, "elsewhere", nearest=other.candidate)
        draft = self._compose(q, good[0], cands)
        return self._answer(q, self._completed(q, draft, good[1:]).parts, hits)

    # --- composition -------------------------------------------------------------------------------

    def _compose(self, q: Question, anchor: Verdict, cands: list[Candidate], budget: int | None = None,
                 lead_chars: int | None = None, support: int | None = None) -> _Draft:
        """The anchor's lead, then its list items or a little support from the same passage."""
        t = self.tuning
        budget = budget or t.answer_chars
        s = anchor.candidate.sentence
        # a single value leads with its clause; names, lists, reasons and statements are read whole
        limit = (lead_chars or t.lead_chars) if q.expected in ONE_VALUE else t.answer_chars
        draft = _Draft([(lead(s, anchor.values, limit), s.passage)])
        # "… voor deze knooppunten": first the sentence that says which, unless the anchor has the values or a list
        plain = (not anchor.values or opens_back(s.text)) and not s.text.rstrip().endswith(":")
        antecedent = self.read.antecedent(s) if plain else None
        if antecedent is not None:
            draft.parts.insert(0, (sentence_text(antecedent), antecedent.passage))
        if q.expected == AnswerType.LIST or q.kind == QuestionKind.LIST or s.text.rstrip().endswith(":"):
            room = max(budget, t.answer_chars + 200)  # a list may run longer than a plain answer
            items, after = self.read.items(s), _Draft([])
            opener = next((x for x in items[:2] if x.text.rstrip().endswith(":")), None)
            if opener is not None and q.kind == QuestionKind.LIST and not s.text.rstrip().endswith(":"):
                # the sentence after the anchor opens the list asked for ("… knock-out criteria, namelijk:"):
                # it and its items lead, the anchor follows them
                after.parts, draft.parts = draft.parts, [(sentence_text(opener), opener.passage)]
                items = self.read.items(opener)
            for item in items:
                if draft.length() + after.length() + len(item.text) > room or len(draft.parts) > t.list_items:
                    break
                draft.parts.append((sentence_text(item), item.passage))
            draft.parts, draft.support = draft.parts + after.parts, len(after.parts)
            listing = q.expected == AnswerType.LIST or q.kind == QuestionKind.LIST
            if len(draft.parts) > 2 and s.text.rstrip().endswith(":") and listing and not anchor.values:
                draft.parts.pop(0)  # a list is its items: the lead-in that opened it is in the citation
            if len(draft.parts) > 1:
                return self._fact_first(q, draft, anchor)
        if s.passage.kind == "afspraak":  # an agreement (❖ with its "o" points) is one statement: read it whole,
            for x in self.read.after(s):  # then the agreements beside it on the same topic
                if draft.length() + len(x.text) > MAX_ANSWER - 60:
                    break
                draft.parts.append((sentence_text(x), x.passage))
                draft.support += 1  # the rest of the agreement supports its first sentence
            if q.kind == QuestionKind.AGREEMENT:
                self._sibling_agreements(q, s.passage, draft, budget)
            return self._fact_first(q, draft, anchor)
        own = [x for x in self.read.sentences(s.passage) if x.start != s.start]
        # the first support sentence with a value of the asked type the anchor lacks joins however long the
        # anchor is ("Primaire oorzaak hiervoor was …" after a long anchor restating a why-question): it leads
        lacking = q.expected in VALUED and not of_type(list(anchor.values), q.expected, q.unit, s.text)
        for x in support_of(q, s, own, t.support_sentences)[:t.support_sentences if support is None else support]:
            typed = lacking and bool(of_type(values_in(x.text), q.expected, q.unit, x.text))
            if draft.length() + len(x.text) > budget and not typed:
                break
            lacking = lacking and not typed
            draft.parts.append((sentence_text(x), x.passage))
            draft.support += 1
        return self._fact_first(q, draft, anchor)

    def _sibling_agreements(self, q: Question, p: Passage, draft: _Draft, budget: int) -> None:
        """The agreements next to `p` in its list (up to `SIBLINGS` either way) that name what the question
        names, whole, in document order after those already in the draft."""
        around = [x for x in self.read.around(p, SIBLINGS) if x.kind == "afspraak"]
        names = set(q.names) or {t for t, w in q.focus.items() if w >= COMMON_NAME_IDF}
        joined: list[Passage] = []
        for sibling in around:  # nearest first
            sents = self.read.sentences(sibling)
            words = {w for x in sents for w in tokens(x.text)}
            if not any(covered(t, words) for t in names):
                continue
            if draft.length() + sum(len(x.text) + 5 for x in sents) > budget:
                break
            joined.append(sibling)
            draft.parts += [(sentence_text(x), x.passage) for x in sents]
        if joined:  # in document order, the anchor's agreement among them
            draft.parts.sort(key=lambda part: part[1].start if part[1] is not None else -1)
            draft.support = 0

    def _fact_first(self, q: Question, draft: _Draft, anchor: Verdict) -> _Draft:
        """When the anchor holds no value of the asked type (or no agreement, for what was agreed) and a
        support sentence does, that sentence leads: the asked fact comes first."""
        if len(draft.parts) < 2:
            return draft
        wanted = q.wanted

        def states(text: str) -> bool:
            if q.kind == QuestionKind.AGREEMENT:  # "spreken af dat …", or a party that commits to something
                return states_agreement(text) or bool(PARTY_SUBJECT.match(text))
            if q.expected == AnswerType.LIST and wanted not in VALUED:  # "…: a, b en c" states the list
                return enumerates(text)
            return wanted in VALUED and bool(of_type(values_in(text), wanted, q.unit, text))

        # the anchor leads when its verified values are of the asked type: organisations and places the gazetteer
        # found ("Waterschap Aa en Maas, provincie Noord-Brabant en IenW") are not in its text's own values
        own = anchor.candidate.sentence
        anchor_states = wanted in VALUED and bool(of_type(list(anchor.values), wanted, q.unit, own.text))
        if states(draft.parts[0][0]) or (anchor_states and draft.parts[0][0].strip("… ") in as_written(own)):
            return draft
        for i, (text, _) in enumerate(draft.parts[1:], start=1):
            if states(text):
                draft.support -= i >= len(draft.parts) - draft.support  # a support sentence that leads now
                draft.parts.insert(0, draft.parts.pop(i))
                break
        return draft

    def _completed(self, q: Question, draft: _Draft, others: list[Verdict]) -> _Draft:
        """Add verified sentences that say what the draft does not yet cover of the question's focus (a second
        value asked, "… and in a metropoolkern?"), while the budget lasts."""
        said = {term for text, _ in draft.parts for term in q.focus if covered(term, set(tokens(text)))}
        texts = {text for text, _ in draft.parts}
        for v in others:
            s = v.candidate.sentence
            words = set(tokens(s.text))
            new = {term for term in q.focus if term not in said and covered(term, words)}
            weight = sum(w for t, w in q.focus.items() if t in new) / (sum(q.focus.values()) or 1.0)
            if weight < self.tuning.completes or sentence_text(s) in texts:
                continue
            if draft.length() + len(s.text) > self.tuning.answer_chars:
                break
            draft.parts.append((sentence_text(s), s.passage))
            said |= new
        return draft

    def _relation(self, graph: GraphEvidence) -> list[tuple[str, Passage | None]]:
        """The passages stating a relation the graph holds (trekkers, responsible ministries, location), whole,
        in document order, as far as the answer's budget goes."""
        parts: list[tuple[str, Passage | None]] = []
        size = 0
        for pid in graph.passage_ids:
            p = self.ds.by_id[pid]
            for a in self.read.analysed(p).sentences:
                s = a.sentence
                if not names_someone(a.values):
                    continue  # a form's label ("Bestuurlijke trekkers:") says nothing by itself
                if size + len(s.text) > self.tuning.answer_chars + 200 and parts:
                    return parts
                parts.append((sentence_text(s), p))
                size += len(s.text) + 5
        return parts

    def _parts(self, q: Question, hits: list[SearchHit], relation: frozenset[str]) -> _Draft | None:
        """One short answer per part of a two-part question (per side of a comparison), each from a search
        that favours that part's years; None when no part verifies."""
        draft = _Draft([])
        silent: list[tuple[str, Passage | None]] = []
        share = max(self.tuning.answer_chars // len(q.parts), 160)
        answered, shown = 0, dict[str, int]()  # a sentence of the answer, whole → its place in the draft
        later: list[tuple[str, Passage | None]] = []
        comparison = q.kind == QuestionKind.COMPARISON
        for part in q.parts:
            moments = self._timeline(part) if comparison else {}  # the timeline of the thing the part is about
            # the thing's timeline gives the passages of that moment first ("in 2020 en in 2025 over X")
            evidence = [pid for year in part.constraints.years for pid in moments.get(year, [])]
            # of that moment's passages, those the part's own search finds lead, in its order
            evidence = in_search_order(self.ds, self.base, part, evidence, self.tuning)
            if part.kind == QuestionKind.AGREEMENT:  # "… en wat spraken zij in 2025 af": that moment's agreements first
                evidence.sort(key=lambda pid: self.ds.by_id[pid].kind != "afspraak")
            evidence = evidence[:self.tuning.passages]
            cands, good = self._part_answers(part, evidence, relation)
            if evidence:  # a side of the thing's timeline speaks of that thing: its passages of that moment first,
                good = on_timeline(part, good, evidence) if self.tuning.side_says_more else \
                    ([v for v in good if v.candidate.passage.id in evidence] or good)
            if evidence and not good:  # the timeline holds no answer: the part's own search may
                cands, good = self._part_answers(part, (), relation)
            relaxed = not good and q.kind != QuestionKind.COMPARISON and self.tuning.part_near
            if relaxed:  # another part may answer; this one then gives its sentence about the things it names
                good = near_answer(verdicts(cands, part, self.tuning), part, self.tuning)
            if not good:
                if q.kind == QuestionKind.COMPARISON and part.constraints.years:  # the side's nearest, last
                    near = next((c.sentence for c in cands if c.of_year and place_met(c, part)
                                 and sentence_text(c.sentence) not in shown), None)
                    silent.append(silent_side(part.constraints.years[0], near, q.language))
                continue
            answered += not relaxed
            others = [other for other in q.parts if other is not part]
            good = own_words_first(part, others, good, lambda v: sentence_text(v.candidate.sentence) in shown)
            whole = sentence_text(good[0].candidate.sentence)
            if whole in shown:  # the sentence that answered a part before answers this one too: once, whole
                text, passage = draft.parts[shown[whole]]
                label = moment_label(self.lex, passage, q.language) if passage is not None else ""
                labelled = q.kind == QuestionKind.COMPARISON and label and text.startswith(f"{label}: ")
                draft.parts[shown[whole]] = (f"{label}: {whole}" if labelled else whole, passage)
                continue
            sub = self._compose(part, good[0], cands, share, lead_chars=self.tuning.lead_chars // 2,
                                support=self.tuning.side_support if q.kind == QuestionKind.COMPARISON else None)
            if q.kind != QuestionKind.COMPARISON and self.tuning.support_last and sub.support:
                later += sub.parts[len(sub.parts) - sub.support:]  # every part's lead first, then the support
                sub.parts = sub.parts[:len(sub.parts) - sub.support]
            have = {text for text, _ in draft.parts}
            sub.parts = [x for x in sub.parts if x[0] not in have]
            if not sub.parts:
                continue
            at = next((j for j, (text, _) in enumerate(sub.parts) if text.strip("… ") in whole), 0)
            shown[whole] = len(draft.parts) + at
            side = place_side(part, q.parts, sub.parts[0][0])  # "Overijssel: De provincie …", else the moment
            if side is None and comparison:
                side = moment_label(self.lex, good[0].candidate.passage, q.language)
            if side:
                sub.parts[0] = (f"{side}: {sub.parts[0][0]}", sub.parts[0][1])
            draft.parts += sub.parts
        have = {text for text, _ in draft.parts}
        draft.parts += [x for x in dict.fromkeys(later) if x[0] not in have] + silent
        return draft if answered else None

    def _part_answers(self, part: Question, evidence: Sequence[str],
                      relation: frozenset[str]) -> tuple[list[Candidate], list[Verdict]]:
        """A part's candidates (`evidence` first) and those that answer it."""
        _, cands = self._read_passages(part, self.tuning.passages, evidence, relation)
        return cands, [v for v in verdicts(cands, part, self.tuning) if v.answers]

    def _timeline(self, q: Question) -> dict[int, list[str]]:
        return passages_by_year(self.ds, q)  # a method, so that a test can give a side other passages

    def _answer(self, q: Question, parts: list[tuple[str, Passage | None]], hits: list[SearchHit],
                extra: list[Passage] | None = None) -> Answer:
        """An answerable Answer: markers numbered by first use of each passage, at least three citations."""
        cited: list[Passage] = []
        out: list[AnswerPart] = []
        for text, p in parts:
            cited += [x for x in self.read.passages_of(text, p) if x not in cited]
            out.append(AnswerPart(text, cited.index(p) + 1 if p is not None else None))
        # further citations: passages that state the same value elsewhere (the figure in the letter and in the
        # programme's form) before the other best-read passages
        said = {" ".join(v.text.split()) for text, _ in parts for v in values_in(text) if v.type in NUMERIC}
        others = [*(extra or []), *(h.passage for h in hits)]
        others.sort(key=lambda p: not any(value in " ".join(p.text.split()) for value in said))
        for p in others:
            if len(cited) >= 3:
                break
            if p not in cited:
                cited.append(p)
        citations = [citation_json(self.ds, p, self.base) for p in cited[:MAX_CITATIONS]]
        text = self._rephrased(q.text, render(out), citations)
        if text != render(out):  # a rephrasing replaces the parts; it keeps the citations, not the markers
            out = [AnswerPart(text)]
        return Answer(q.text, text, True, citations, out, q.kind.value, q.expected.value, q.language, self._entities(q))

    def _abstain(self, q: Question, hits: list[SearchHit], reason: str, nearest: Candidate | None = None,
                 **words: str) -> Answer:
        """`answerable: false`, saying what is missing and citing what the documents do say nearest to it."""
        lang = q.language
        templates = ABSTAIN[lang]
        if reason == "no_value":
            words.setdefault("what", TYPE_WORDS[lang].get(q.wanted, TYPE_WORDS[lang][AnswerType.REASON]))
        if reason == "premise":  # the question without its why-word: what it takes for granted
            words.setdefault("premise", re.sub(r"^\W*(?:waarom|waardoor|why)\s+", "", q.text.strip(), flags=re.I
                                               ).rstrip(" ?"))
        parts = [AnswerPart(templates[reason].format(**words))]
        cited: list[Passage] = []
        nearest_passage: Passage | None
        if nearest is None and hits:
            sents = self.read.sentences(hits[0].passage)
            nearest_text = sentence_text(sents[0]) if sents else None
            nearest_passage = hits[0].passage
        else:
            nearest_text = sentence_text(nearest.sentence) if nearest is not None else None
            nearest_passage = nearest.passage if nearest is not None else None
        if nearest_text and nearest_passage is not None and reason != "unknown":
            cited.append(nearest_passage)
            parts.append(AnswerPart(templates["nearest"]))
            said = lead(Sentence(nearest_passage, 0, 0, nearest_text), (), NEAREST_SENTENCE)
            parts.append(AnswerPart(f"“{said}”", 1))
            if nearest is not None and nearest_text.rstrip().endswith(":"):  # a lead-in: what follows it is said
                parts += quoted_items(said, self.read.items(nearest.sentence), cited, MAX_CITATIONS)
        for h in hits if reason != "unknown" else []:  # nothing is about a name the documents lack
            if len(cited) >= 3:
                break
            if h.passage not in cited:
                cited.append(h.passage)
        citations = [citation_json(self.ds, p, self.base) for p in cited[:MAX_CITATIONS]]
        return Answer(q.text, render(parts), False, citations, parts, q.kind.value, q.expected.value, lang,
                      self._entities(q), reason)

    def _entities(self, q: Question) -> list[dict[str, str]]:
        return [{"label": e.label, "iri": e.iri, "type": e.type} for e in q.entities]

    def _rephrased(self, question: str, text: str, citations: list[dict[str, Any]]) -> str:
        """The generator's rephrasing when one is configured and it stays faithful to the quotes."""
        if self.rephraser is None:
            return text
        quotes = [c["quote"] for c in citations]
        better = self.rephraser.rephrase(question, text, quotes)
        return better if better is not None and faithful(better, quotes, MAX_ANSWER) else text


__all__ = ["Answer", "Answerer", "GraphEvidence", "citation_json"]

