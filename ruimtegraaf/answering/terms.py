"""A question's index terms: its words (an English question's Dutch glossary words), misspellings corrected
against the corpus, and the capitalised names the corpus lacks (`unknown`) or ordinary words it lacks
(`absent`), which the answerer reports instead of guessing."""

from __future__ import annotations

import re

from ruimtegraaf.answering.asking import ENGLISH_WORDS, FRAMING_WORDS, STATE_VERBS
from ruimtegraaf.glossary import CORPUS_EN_NL, EN_NL, translate
from ruimtegraaf.index import tokens
from ruimtegraaf.lexicon import Lexicon

_EN_WORDS = frozenset(tokens(" ".join(ENGLISH_WORDS)) + list(EN_NL))
_CORPUS_EN = frozenset(tokens(" ".join(CORPUS_EN_NL)))  # English words for the documents' words: no names
_EN_SMALL = ENGLISH_WORDS | frozenset("a an around as also after before under up out all both more most not".split())
# the words of document kinds: constraints on the document, not what the answer is about
DOCUMENT_WORDS = frozenset(tokens("startpakket factsheet brief kamerbrief mirt-brief afsprakenlijst handreiking "
                                   "document documenten bol bol-brief pakket statenbrief snn-brief nota bijlage"))


def _capital_parts(word: str) -> list[str]:
    """The terms of a name's capitalised parts: "IPO-gremium" names the IPO, not a "gremium" (a word the
    documents write as "gremia"); "Zuid-Limburg" is both its parts."""
    return [t for part in word.split("-") if part[:1].isupper() for t in tokens(part)]


# a moment said around a year ("eind 2022", "begin 2023", "end of 2024") or "ten tijde van": when, not what about
_WHEN = re.compile(r"\b(?:eind|begin|medio|halverwege|end|early|mid|late)(?:\s+(?:van|of))?\s+(?=(?:19|20)\d\d\b)|"
                   r"\bten tijde van\b|\bat the time of\b", re.I)


# a quote opens where no letter stands before it: "Defence's … region's" quotes nothing
QUOTED = re.compile(r"(?<!\w)[\"'‘“]([^\"'’”]+)[\"'’”](?!\w)|\(([^)]+)\)")


def question_terms(question: str, lex: Lexicon, *, english: bool) -> tuple[list[str], list[str], list[str],
                                                                           list[str]]:
    """Index terms, misspellings corrected against the corpus; capitalised names the corpus lacks; other words
    it lacks; and of those, the ones that are not even two corpus words joined ("kerkenvisies", not "kustvisie")."""
    question = _WHEN.sub(" ", question)
    # names: capitalised words not at the start, and words with inner capitals ("KenE", "NZKG"); in an
    # English question only whole capitalised words count ("N-roads" is an English compound of a name)
    name = r"(?<![\w-])[A-Z][a-zà-ÿ]+(?![\w-])" if english else r"\b[A-Z][\w-]+"
    capitalised = {t for w in re.findall(rf"(?<![.?!:]\s)(?<!^){name}", question) for t in _capital_parts(w)}
    capitalised |= {t for w in re.findall(r"\b[A-Z][a-z]+[A-Z][\w-]*|\b[A-Z]{2,}[\w-]*", question)
                    for t in _capital_parts(w)}
    if english:  # Dutch words for the English ones we know, names as written; other English words carry nothing
        dutch, _ = translate(question)
        # … the first word only when the corpus has it as written: "Besides" is English, not a misspelt "beide"
        first = re.match(r"\W*([A-Z][\w-]+)", question)
        foreign = first.group(1) if first and not all(t in lex.df for t in tokens(first.group(1))) else None
        names = " ".join(w for w in re.findall(r"\b[A-Z][\w-]+|\d[\d.,]*", question)
                         if w.casefold() not in EN_NL and w.casefold() not in ENGLISH_WORDS and w != foreign)
        # quoted and parenthesised words are often the Dutch term itself ("(ontwerptafel vrede en veiligheid)")
        # (not their small English words: "(around the seaports)" adds no "the")
        quoted = " ".join(w for pair in QUOTED.findall(question) for part in pair for w in part.split()
                          if w.casefold() not in _EN_SMALL)
        source = f"{dutch} {names} {quoted}"
    else:
        source = STATE_VERBS.sub(" ", question)
    found, unknown, absent, lacking = [], [], [], []
    for t in dict.fromkeys(tokens(source)):
        if t in FRAMING_WORDS:
            continue
        whole = t not in lex.df and bool(lex.split_compound(t))  # two corpus words ("laag|vlieg"): no typo
        fixed = None if whole else lex.correct(t)
        if fixed is None and (t in capitalised or whole):  # a name written apart from the head of its compound
            fixed = lex.completed(t)
        if fixed is None:
            known = t in _EN_WORDS or t in DOCUMENT_WORDS or t in lex.title_words or (english and t in _CORPUS_EN)
            if t in capitalised and not t[:1].isdigit() and not whole and not known:  # (t is no corpus word)
                unknown.append(next((w for w in re.findall(r"[\w-]+", question) if t in tokens(w)), t))
            elif t not in capitalised and not t[:1].isdigit() and not known and len(t) > 3 and t not in lex.joined:
                written = [w for w in re.findall(r"[\w-]+", question) if t in tokens(w)][:1]  # as the question has it
                absent += written
                lacking += [] if whole else written
            continue
        found.append(fixed)
    return found, unknown, absent, lacking
