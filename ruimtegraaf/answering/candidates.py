"""Candidates: the sentences of the retrieved passages, each with its typed values and what it covers.

A candidate knows how much of the question's focus the sentence covers on its own (`coverage`) and with
its passage, headings and list lead-in (`context`), which typed values it holds, whether its document is
of a year the question names, and a `score` that orders candidates (weights in `Tuning`).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Mapping, Sequence, Set
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ruimtegraaf.answering.asking import QuestionKind, named_as_party
from ruimtegraaf.answering.lists import says_count
from ruimtegraaf.answering.question import Question
from ruimtegraaf.answering.retrieval import SearchHit
from ruimtegraaf.answering.sentences import Sentence, resumed, sentences, without_bullet
from ruimtegraaf.answering.tuning import Tuning
from ruimtegraaf.answering.values import NUMERIC, PORTFOLIO_WORDS, VALUED, AnswerType, Value, of_type, values_in
from ruimtegraaf.embed import fold
from ruimtegraaf.index import tokens
from ruimtegraaf.lexicon import DocumentFacts, Lexicon
from ruimtegraaf.months import MONTH_NUMBERS

if TYPE_CHECKING:
    from ruimtegraaf.model import Passage

    PassageCache = Callable[[Passage], "AnalysedPassage"]  # a passage → its analysis, cached by the caller

PLACE_TYPES = ("Provincie", "NovexGebied", "Gemeente", "Landsdeel")
SIGNATURE_CHARS = 160  # an office with a long portfolio and a name with titles; a longer sentence says more
_SIGNED = frozenset(tokens("ondertekend ondertekende ondertekening brief"))  # what a signature tells
# a question about what is planned or wanted, and a date a sentence marks as past ("1 april jl.")
_AHEAD = re.compile(r"\b(?:wil|willen|wilde|wilden|zal|zullen|gaat|gaan|gepland|planned|intends?|will)\b", re.I)
_PAST = re.compile(r"(?:^|\s)(?:jl\b|j\.l\.|jongstleden|l\.l\.|laatstleden)", re.I)
# an office with its portfolio: "minister van IenW", or without "van" ("staatssecretaris Herstel Groningen")
_PORTFOLIO = re.compile(rf"\s+(?:(?:van|voor)\s+[A-Z]|{PORTFOLIO_WORDS}\b)")
_MANY = frozenset({AnswerType.LIST, AnswerType.PLACE, AnswerType.ORGANISATION, AnswerType.PERSON})
# "spreken af dat", "is afgesproken om", "zijn overeengekomen"; not a reference back ("zoals afgesproken op …")
_AGREEMENT_SENTENCE = re.compile(r"\b(?:spreken|spraken|spreekt)\b(?:\s+[\w-]+){0,4}\s+af\b|"
                                 r"\b(?:afgesproken|overeengekomen)\s+(?:dat|om)\b|^\W*afgesproken\b|"
                                 r"\bkomen\b(?:\s+[\w-]+){0,3}\s+overeen\b|\bzeg(?:t|gen)\b(?:\s+\S+){0,6}?\s+toe\b",
                                 re.I)

# a letter's head and greeting ("Briefnummer : 109 Onderwerp : …", "Ons kenmerk …", "Geachte leden, …"): the
# letter's particulars, never an answer nor the nearest evidence for one
_LETTERHEAD = re.compile(r"\b(?:Briefnummer|Ons kenmerk|Uw kenmerk|Behandeld door|Retouradres)\b|"
                         r"^\W*(?:Geachte|Aan\s*:)", re.I)

# "welk deel van de bijdrage", "what share of the budget": a part is told as a percentage or as the amount
_SHARE_Q = re.compile(r"\b(?:welk(?:e)?\s+(?:\w+\s+)?(?:deel|aandeel)|what (?:\w+ )?(?:share|part|proportion))\b", re.I)


@dataclass(frozen=True)
class Candidate:
    """A sentence that may answer, with what the stages after this one decide on."""

    sentence: Sentence
    hit: SearchHit  # the retrieved passage it comes from (its own, or the one before it)
    values: tuple[Value, ...]
    coverage: float  # focus share (idf-weighted) the sentence covers
    context: float  # focus share the sentence with its passage, headings and lead-in covers
    covered: frozenset[str]  # focus terms the sentence and its headings/lead-in cover
    covered_wide: frozenset[str]  # … and the sentence before it, and its passage when that is short
    covered_before: frozenset[str]  # … in the sentence before it (which it may continue)
    of_year: bool  # its document is of a year the question names
    names_place: bool  # it names a place the question is about
    following: bool  # it belongs to the passage after the retrieved one
    things: frozenset[str] = frozenset()  # IRIs of the things its sentence or its headings name
    place_in_section: bool = False  # its passage, headings or the passage before under them name a place asked
    score: float = 0.0
    names: tuple[tuple[int, int, str], ...] = field(default=(), compare=False)  # gazetteer (start, end, type)
    heading_kinds: frozenset[str] = frozenset()  # types of the things its headings name, the asked places aside
    opens_list: bool = False  # it ends in ":", or without a full stop right before a bullet ("… zijn" "• X")
    year: int | None = None  # the year of its document
    date: str | None = None  # the date of its document (ISO, perhaps only year and month)

    @property
    def passage(self) -> Passage:
        return self.sentence.passage


# a sentence whose subject is a party: what it does is what was agreed ("De provincie Gelderland brengt …")
PARTY_SUBJECT = re.compile(r"^\W*(?:het\s+|de\s+)?(?:rijk|regio|provincies?|gemeenten?|ministeries?|waterschappen|"
                           r"waterschap|minister|staatssecretaris|kabinet|rijk en regio)\b(?!\s*[:,])", re.I)


def states_agreement(sentence: str) -> bool:
    """True for a sentence that says what parties agreed ("Rijk en Regio spreken af dat …").

    >>> states_agreement("Rijk en Regio spreken af dat de gemeente een voorstel indient.")
    True
    >>> states_agreement("Zoals afgesproken op het BO MIRT is gezocht naar oplossingen.")
    False
    """
    return bool(_AGREEMENT_SENTENCE.search(sentence))


def covered(term: str, words: Set[str]) -> bool:
    """A question term is covered by a text's terms, also as the head of a compound or inflected form.

    >>> covered("vrij", {"vrijgemaakt"}), covered("arbeidsplaats", {"arbeid"})
    (True, False)
    """
    if term in words:
        return True
    if len(term) < 4:
        return False
    prefix = term[:7]  # a word that starts with the term, or (for a long term) shares its first seven letters
    if not isinstance(words, frozenset):
        return any(w.startswith(prefix) for w in words)
    ordered = _sorted(words)  # the words a prefix starts stand together in sorted order: one lookup
    i = bisect.bisect_left(ordered, prefix)
    return i < len(ordered) and ordered[i].startswith(prefix)


@functools.lru_cache(maxsize=16384)
def _sorted(words: frozenset[str]) -> tuple[str, ...]:
    """A passage's or sentence's terms in order, made once however many questions test them."""
    return tuple(sorted(words))


def share(focus: dict[str, float], words: Set[str]) -> tuple[float, frozenset[str]]:
    """The weighted share of the focus that `words` cover, and which focus terms they cover."""
    total = sum(focus.values()) or 1.0
    hit = frozenset(t for t in focus if covered(t, words))
    return sum(w for t, w in focus.items() if t in hit) / total, hit  # in focus order: the same sum every run


@dataclass(frozen=True)
class Analysed:
    """A sentence analysed once and kept with its passage: its index terms, typed values and named things."""

    sentence: Sentence
    words: frozenset[str]
    values: tuple[Value, ...]
    names: tuple[tuple[int, int, str], ...]  # (start, end, type) of the things a gazetteer found in it
    things: frozenset[str]  # their IRIs
    letterhead: bool = False  # a letter's head or greeting: never a candidate


@dataclass(frozen=True)
class AnalysedPassage:
    """A passage's sentences analysed, with the words of its headings and lead-in and of its text."""

    sentences: tuple[Analysed, ...]
    context_words: frozenset[str]
    passage_words: frozenset[str]


def analysed(p: Passage, text: str, lex: Lexicon, resumes: Passage | None = None) -> AnalysedPassage:
    """Split and analyse a passage (the answerer caches this per passage: see `PassageCache`); its last
    sentence runs on into `resumes`, the passage after the footnotes that cut it."""
    out = []
    day = lex.date_of(p)
    own = sentences(p, text)
    for s in resumed(own, sentences(resumes, text)) if resumes is not None else own:
        matches = lex.named_in(s.text)
        names = tuple((m.start, m.end, m.named.type) for m in matches)
        taken = [(a, b) for a, b, _ in names]  # municipalities and water boards, by the register's rules
        bodies = lex.register.find(s.text, day, taken)
        names += tuple((f.start, f.end, f.body.kind) for f in bodies)
        values = tuple(values_in(s.text, list(names)))
        words = frozenset(tokens(s.text)) | (_SIGNED if signature(s.text, values) else frozenset())
        things = frozenset(m.named.iri for m in matches) | frozenset(f.body.iri for f in bodies)
        out.append(Analysed(s, words, values, names, things,
                            bool(_LETTERHEAD.search(s.text))))
    # a passage speaks of what its headings, its lead-in and its document's own title name ("Handreiking
    # … (VNG, IPO en UvW)"): the title is the heading above all others
    facts = lex.documents.get((p.document, p.subdocument))
    title = facts.title.split(" | ")[0] if facts is not None else ""
    context = frozenset(tokens(" ".join(p.heading_path) + " " + (p.lead_in or "") + " " + title))
    return AnalysedPassage(tuple(out), context, frozenset(tokens(p.text)) | context)


def signature(text: str, values: Sequence[Value]) -> bool:
    """The sentence is a letter's signature: an office, its portfolio, then the office holder's name and
    nothing more ("De minister van …, drs. A.B. Jansen"). It says who signed the letter.

    >>> from ruimtegraaf.answering.values import values_in
    >>> t = "De minister van Infrastructuur, drs. A.B. Jansen"
    >>> signature(t, values_in(t)), signature("Minister Jansen zegt € 5 mln. toe.", values_in("Minister Jansen"))
    (True, False)
    """
    people = [v for v in values if v.type == AnswerType.PERSON]
    office = next((v for v in people if v.unit == "office"), None)
    name = next((v for v in reversed(people) if v.unit != "office"), None)
    return (len(text) <= SIGNATURE_CHARS and office is not None and name is not None and office.start <= 4
            and name.end >= len(text.rstrip(" .")) and "," in text[office.end:name.start])


def _hits_of(focus: dict[str, float], words: frozenset[str]) -> frozenset[str]:
    """The focus terms `words` cover."""
    return frozenset(t for t in focus if covered(t, words))


def candidates(q: Question, hits: list[SearchHit], lex: Lexicon, passage: PassageCache,
               following: dict[str, Passage], tuning: Tuning,
               relation: frozenset[str] = frozenset(), preceding: Mapping[str, Passage] | None = None,
               ) -> list[Candidate]:
    """Every sentence of the top passages (and of the passage after each, for a value that stands in the
    next bullet), scored; best first."""
    out: list[Candidate] = []
    named_kind: set[str] = set()  # passages of a kind of document the question names ("volgens de MIRT-brief")
    places = {e.iri for e in q.constraints.places}
    located = bool(places) and q.expected in NUMERIC
    place_kinds = {e.type for e in q.constraints.places}
    focus = q.focus
    total = sum(focus.values()) or 1.0

    def elsewhere(a: Analysed) -> bool:
        """The sentence names another place of the kind asked and not the asked one ("De provincie Gelderland
        brengt …" for a question about Utrecht)."""
        return bool(place_kinds & {kind for _, _, kind in a.names}) and not a.things & places

    @functools.cache
    def heading_kinds(p: Passage) -> frozenset[str]:
        """The types of the things a passage's headings and its document's own title name, the asked places
        aside (once per passage)."""
        named = lex.heading_named.get(p.id, frozenset()) | lex.title_named.get((p.document, p.subdocument), frozenset())
        return frozenset(kind for iri, kind in named if iri not in places)

    # a question about a place (not one asking which places or parties) …
    asks_places = q.kind == QuestionKind.LIST or q.expected in (AnswerType.PLACE, AnswerType.ORGANISATION,
                                                                AnswerType.LIST)
    about_place = not asks_places and (any(m.named.type in PLACE_TYPES for m in lex.named_in(q.text))
                                       or bool(lex.register.find(q.text)))

    def own_place(a: Analysed) -> bool:
        """… and a sentence naming places, none of them the question's: it speaks of those, and does not continue
        what the sentence before it said of another ("Ook in X liggen kansen." "In Eindhoven liggen …")."""
        if not about_place:
            return False
        named = [t for start, end, kind in a.names if kind in PLACE_TYPES for t in tokens(a.sentence.text[start:end])]
        return bool(named) and not any(t in focus for t in named)

    def weight(terms: frozenset[str]) -> float:
        return sum(w for t, w in focus.items() if t in terms) / total  # in focus order, not the set's

    for hit in hits[:tuning.passages]:
        p = hit.passage
        ap = passage(p)
        year = lex.year_of.get((p.document, p.subdocument))
        facts = lex.documents.get((p.document, p.subdocument))
        of_year = year in q.constraints.years
        if of_kind(facts, q.constraints.documents):
            named_kind.add(p.id)
        nxt = following.get(p.id)
        extra = passage(nxt).sentences if nxt is not None else ()
        titled = {iri for iri, _ in lex.title_named.get((p.document, p.subdocument), frozenset())}
        heading_things = frozenset(iri for iri in q.things if p.id in lex.in_heading.get(iri, ()) or iri in titled)
        # (only a figure asked for a placed thing looks past the sentence and its headings: verify.place_met)
        in_section = located and any(names_place(q, x) for x in _section(p, preceding or {}))
        in_context = _hits_of(focus, ap.context_words)
        if place_kinds:  # what the passage says of another place of the kind asked is not said of the asked one
            here = [a.words for a in ap.sentences if not elsewhere(a)]
            in_passage = _hits_of(focus, ap.context_words.union(*here))
        else:
            in_passage = _hits_of(focus, ap.passage_words)
        # a short passage (a bullet, a form field) is one statement: its words are every sentence's context
        in_near = in_context | (in_passage if len(p.text) <= tuning.short_passage else frozenset())
        before: frozenset[str] = frozenset()
        read = [*ap.sentences, *extra]
        for i, a in enumerate(read):
            own = _hits_of(focus, a.words)
            before = frozenset() if own_place(a) else before
            # a sentence speaks of what its headings name; one that completes the sentence before it
            # ("… koplopergebieden. Vanuit Noord zijn …") also of what that one says
            cov = max(weight(own | (in_context if tuning.heading_coverage else frozenset())),
                      0.8 * weight(own | in_context | before))
            c = Candidate(a.sentence, hit, a.values, cov, weight(in_passage | own), own | in_context,
                          own | in_near | before, before, of_year, bool(places) and bool(a.things & places),
                          i >= len(ap.sentences), a.things | heading_things, in_section, names=a.names,
                          heading_kinds=heading_kinds(a.sentence.passage),
                          opens_list=opens_list(a.sentence, read[i + 1].sentence if i + 1 < len(read) else None),
                          year=year, date=facts.date if facts else None)
            before = frozenset() if elsewhere(a) else own  # … unless that one is said of another place
            if not a.letterhead:
                out.append(c)
    out = [_scored(c, q, tuning, c.hit.passage.id in relation, c.passage.id in named_kind) for c in out]
    out.sort(key=lambda c: -c.score)
    return out


def opens_list(s: Sentence, after: Sentence | None) -> bool:
    """A sentence opens a list when it ends in ":", or (a colon lost in the PDF's text) it ends without a full
    stop and the sentence after it in its passage is a bullet ("De vijf locaties … zijn" "• Kickerbloem")."""
    text = s.text.rstrip()
    if text.endswith(":"):
        return True
    return (after is not None and after.passage is s.passage and not text.endswith((".", "!", "?", ";"))
            and without_bullet(after.text) != after.text.strip())


def _section(p: Passage, preceding: Mapping[str, Passage]) -> list[Passage]:
    """The passage and the one before it under the same heading (past footnotes a page break put between)."""
    before = preceding.get(p.id)
    while before is not None and before.kind == "footnote":
        before = preceding.get(before.id)
    return [p] if before is None else [p, before]


def names_place(q: Question, p: Passage) -> bool:
    """The passage or its headings name a place the question is about, by its label ("Arnhem – Nijmegen" is
    "Arnhem-Nijmegen")."""
    text = spaced(" ".join((*p.heading_path, p.text)))
    return any(spaced(place.label) in text for place in q.constraints.places)


@functools.lru_cache(maxsize=4096)
def spaced(text: str) -> str:
    """Folded words between single spaces and at both ends, without the dashes and marks between them."""
    return " " + " ".join(re.findall(r"\w+", fold(text))) + " "


def typed_values(c: Candidate, q: Question) -> list[Value]:
    """The candidate's values of the type the question expects, minus those the question itself states."""
    wanted = q.wanted
    if wanted not in VALUED:
        return []
    found = of_type(list(c.values), wanted, q.unit, c.sentence.text)
    if wanted == AnswerType.ORGANISATION and not q.unit:  # provinces and municipalities are parties too (a kind
        # asked, "welke gemeente", "which contractor", took its own kind already)
        found += of_type(list(c.values), AnswerType.PLACE)
    if wanted == AnswerType.PERCENTAGE and _SHARE_Q.search(q.text):  # a part of a whole: a share, or a part of
        for kind in (AnswerType.MONEY, AnswerType.COUNT) if q.unit else (AnswerType.MONEY,):  # the amount …
            amounts = of_type(list(c.values), kind, q.unit, c.sentence.text)  # … stated beside the whole's
            found += amounts if len({_plain(v.text) for v in amounts}) >= 2 else []
    if wanted == AnswerType.PERSON:
        named = [v for v in found if v.unit != "office" and not _overlaps_name(v, c)]
        offices = [v for v in found if v.unit == "office" and _PORTFOLIO.match(c.sentence.text, v.end)]
        # "wie": a body that acts ("het Coördinatiebureau …") when no one person or office is named
        found = named or ([] if q.unit == "name" else offices or of_type(list(c.values), AnswerType.ORGANISATION,
                                                                          "body"))
    asked = _plain(q.text)
    found = [v for v in found if (_plain(v.text) not in asked and _plain(v.text) not in q.labels)
             or (wanted == AnswerType.ORGANISATION and named_as_party(v, c.sentence.text, q.text))]
    inside = _WITHIN.search(q.text)
    if wanted == AnswerType.PLACE and inside:  # "welke locatie binnen de gemeente X": no other gemeente is in X
        found = [v for v in found if v.unit != _WITHIN_KIND[inside.group(1).casefold()]]
    if wanted == AnswerType.DATE and _AHEAD.search(q.text):  # a plan's date: not one the sentence marks as past
        found = [v for v in found if not (_PAST.search(v.text) or _PAST.match(c.sentence.text, v.end))]
    return sorted(found, key=lambda v: _restates_year(v, q))  # the asked date before the year asked about


# a place the question asks inside of, by its kind (a register's or gazetteer's type)
_WITHIN = re.compile(r"\b(?:binnen|within)\s+(?:de\s+|het\s+|the\s+)?(gemeente|provincie|municipality|province)\b",
                     re.I)
_WITHIN_KIND = {"gemeente": "Gemeente", "municipality": "Gemeente", "provincie": "Provincie", "province": "Provincie"}


def _restates_year(v: Value, q: Question) -> bool:
    """A date that is only a year the question itself names ("op het BO MIRT 2025" for "… volgens de brief
    van juni 2025, wanneer …"): the question knows that year already, so another date answers it first."""
    year = _YEAR_ONLY.fullmatch(v.text) if v.type == AnswerType.DATE else None
    named_month = any(w.casefold() in MONTH_NUMBERS for w in v.text.split())
    return year is not None and not named_month and int(year.group(1)) in q.constraints.years


_YEAR_ONLY = re.compile(r"[^\d]*?\b((?:19|20)\d\d)")  # a year with words before it, no day, month or period


def _plain(text: str) -> str:
    """Folded, with hyphens as spaces and single spaces: "Oost-Nederland" and "Oost Nederland" compare equal."""
    return " ".join(fold(text).replace("-", " ").strip(" .").split())


def _overlaps_name(v: Value, c: Candidate) -> bool:
    """A "person" that is really a place or organisation the gazetteer knows."""
    return any(s < v.end and v.start < e for s, e, _ in c.names)


def named_terms(c: Candidate, q: Question) -> set[str]:
    """The question's terms for the things the sentence names, by whichever of their labels ("RWS" for the
    question's "Rijkswaterstaat")."""
    return {term for iri in c.things for term in q.things.get(iri, ())}


def names_share(c: Candidate, q: Question) -> float:
    """Share of the weight of the names in the question that the sentence, its headings or the sentence
    before it carry (a thing named by another of its labels counts)."""
    names = {term: q.focus[term] for term in q.names if term in q.focus}
    if not names:
        return 0.0
    terms = set(c.covered) | set(c.covered_before) | named_terms(c, q)
    return sum(w for term, w in names.items() if term in terms) / sum(names.values())


def _detail_share(c: Candidate, q: Question) -> float:
    """Share of the weight of the focus terms that are not names (the asked detail: "fase" in "North Sea Port
    District: in welke fase …") that the sentence and its headings cover; 0 when the question names nothing."""
    detail = {term: w for term, w in q.focus.items() if term not in q.names}
    if not detail or len(detail) == len(q.focus):
        return 0.0
    return sum(w for term, w in detail.items() if term in c.covered) / sum(detail.values())


def of_kind(facts: DocumentFacts | None, kinds: Sequence[str]) -> bool:
    """The (sub-)document is of a kind the question names, by its title or its bundle's ("Provinciaal
    Startpakket"). Only kinds one title names: "brief" names many letters, and the spatial arrangements
    of most provinces stand in the agreement list, not in a document of their own."""
    if facts is None or not kinds:
        return False
    title = fold(facts.title)
    return any(kind in _TITLED_KINDS and kind in title for kind in kinds)


# a sentence that reports what was discussed ("Verder is gesproken over …"), not what was agreed
_DISCUSSION = re.compile(r"\b(?:besproken|gesproken|bespraken|bespreekt|spraken over|sprak over)\b", re.I)


def _agreement_score(sentence: str, t: Tuning) -> float:
    """For "what was agreed": a bonus for a sentence stating an agreement, a penalty for one reporting only
    a discussion."""
    if states_agreement(sentence):
        return t.agreement_bonus
    return -t.discussed_penalty if _DISCUSSION.search(sentence) else 0.0


_TITLED_KINDS = frozenset({"mirt-brief", "startpakket", "afsprakenlijst", "handreiking"})  # as titles write them


def _scored(c: Candidate, q: Question, t: Tuning, in_relation: bool, named_kind: bool = False) -> Candidate:
    retrieval = 1.0 / (1.0 + (c.hit.rank - 1) * 0.5)
    values = typed_values(c, q)
    # names, places and organisations answer lists: more of them, more of an answer (up to three)
    many = len({v.text for v in values}) if q.expected in _MANY else min(len(values), 1)
    # a list's lead-in; one without its colon (a form's label may be one too) only when a list is asked
    leads_in = c.opens_list and (q.expected == AnswerType.LIST or (c.sentence.text.rstrip().endswith(":")
                                                                 and q.expected == AnswerType.STATEMENT))
    score = (t.sentence_weight * c.coverage + t.context_weight * c.context + t.retrieval_weight * retrieval
             + t.value_bonus * min(many, 3) / (3 if q.expected in _MANY else 1)
             + (t.lead_in_bonus if leads_in else 0.0)
             + (t.count_bonus if c.hit.counted and (leads_in or c.sentence.passage.kind == "bullet") else 0.0)
             + (t.says_count_bonus if q.count and q.expected == AnswerType.LIST and says_count(c.sentence.text, q.count)
                else 0.0)
             + (t.year_bonus if c.of_year else 0.0)
             + (t.document_bonus if named_kind else 0.0)
             + (t.year_named_bonus if any(str(y) in c.sentence.text for y in q.constraints.years) else 0.0)
             + (t.place_bonus if c.names_place else 0.0)
             + (_agreement_score(c.sentence.text, t) if q.kind == QuestionKind.AGREEMENT else 0.0)
             + t.names_bonus * names_share(c, q)
             + t.detail_weight * _detail_share(c, q)
             + (t.relation_bonus if in_relation else 0.0)
             - (t.following_penalty if c.following else 0.0))
    return replace(c, score=score)
