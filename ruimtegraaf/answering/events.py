"""Events in questions and sentences: the moment a date is asked of, and the negative event a why-question
takes for granted.

The moment: "wanneer start de bouw", "when will the platform be taken into use".

A plan has several dates: its study starts, a decision falls, the work is done, it opens. A question asking
the date of one of them is not answered by a sentence dating another ("Eind 2023 is de studiefase gestart"
for "wanneer wordt het perron in gebruik genomen?"). The kinds below are closed classes of words, Dutch and
English. When the question names one, the sentence that dates it names it too: measured 6 December on
dev and probes 1-3, 5, 6, requiring it refused one more unanswerable question of half A and one held out
and lost no answer, where only refusing a sentence that names another kind refused none (the next
sentence, naming no kind, "In 2027 zijn keuzes nodig", answered instead).

The negative event: "waarom is de regeling afgeschaft?" takes the abolition for granted; the sentence that
gives its reason must state it (`NEGATIVE_STATED`), or the documents do not confirm the premise.
"""

from __future__ import annotations

import functools
import re
from enum import StrEnum


class Event(StrEnum):
    """The kinds of moment a date may be of."""

    START = "start"
    DECISION = "decision"
    SIGNING = "signing"
    COMPLETION = "completion"
    OPENING = "opening"


_WORDS: dict[Event, str] = {
    # not "startpakket", "starter package" (a document) nor "begin 2023" (a time: early 2023)
    Event.START: r"start|starts|started|starten|startte|gestart|begint|beginnen|begon|begonnen|aanvang|starting|"
                 r"begun|commenc\w*|launch\w*",
    Event.DECISION: r"vastgesteld|vaststell\w*|vast\s+te\s+stellen|stell?en\s+(?:\w+\s+){0,4}vast|besluit\w*|"
                    r"besloten|adopt\w*|decided|decision|decide",
    Event.SIGNING: r"ondertek\w*|getekend|signed|signing|sign",
    Event.COMPLETION: r"gereed|opgeleverd|oplever\w*|afgerond|afronding|voltooi\w*|klaar|completed?|completion|"
                      r"finished|finish|ready",
    Event.OPENING: r"in\s+gebruik|ingebruikname|opengesteld|openstelling|geopend|taken\s+into\s+use|"
                   r"(?:be|is|was|being)\s+opened|opening|into\s+service|in\s+service",
}
_PATTERNS = {event: re.compile(rf"\b(?:{words})\b", re.I) for event, words in _WORDS.items()}


@functools.lru_cache(maxsize=4096)
def events_in(text: str) -> frozenset[Event]:
    """The kinds of moment a text names (remembered: verification asks it of the question for every candidate).

    >>> sorted(events_in("Eind 2023 is de Planning- en Studiefase gestart."))
    [<Event.START: 'start'>]
    >>> sorted(events_in("When is the platform expected to be taken into use?"))
    [<Event.OPENING: 'opening'>]
    """
    return frozenset(event for event, pattern in _PATTERNS.items() if pattern.search(text))


def misses_event(asked: frozenset[Event], sentence: str) -> bool:
    """Whether a question asks the date of a kind of moment that the sentence does not name.

    >>> misses_event(frozenset({Event.OPENING}), "Eind 2023 is de studiefase gestart.")
    True
    >>> misses_event(frozenset({Event.OPENING}), "In 2027 zijn keuzes over het vervolg nodig.")
    True
    >>> misses_event(frozenset({Event.OPENING}), "De openstelling volgt in 2027.")
    False
    >>> misses_event(frozenset(), "In 2027 volgt de volgende stap.")
    False
    """
    return bool(asked) and not (asked & events_in(sentence))


# negative events, as a why-question may take them for granted and as a document's sentence states them
_NEGATIVE = (r"geschrapt|schrappen|schrapt|gestopt|stopgezet|afgeblazen|geannuleerd|afgelast|uitgesteld|geblokkeerd|"
             r"tegengehouden|verworpen|teruggetrokken|geweigerd|afgewezen|buiten\s+\w+(?:\s+\w+)?\s+gehouden|"
             r"laten vallen|ingetrokken|afgeschaft|afschaffen|opgeheven|opheffen")
# … the question's (English too), which the documents may well contradict
NEGATIVE_PREMISE = re.compile(rf"\b(?:{_NEGATIVE}|weigerde|weigeren|beëindigd|beëindigen|postponed|called off|"
                              r"scrapped|scrap|dropped|drop|cancel(?:l?ed)?|refused?|rejected|reject|abandoned|"
                              r"kept\s+\w+\s+out|excluded|abolished|abolish|discontinued|left\s+out|omitted|"
                              r"weggelaten|withdr[ae]wn?|withdraws?|pull(?:ed|s)?\s+out|trok(?:ken)?\s+(?:[\w€,.-]+\s+){0,10}terug|"
                              # a decision not to act ("decide not to index", "besloten de regeling niet …")
                              r"(?:decided|decide|chose|choose)\s+not\s+to|"
                              r"(?:besloten|besloot|besluiten)\s+(?:om\s+)?(?:[\w-]+\s+){0,3}?niet)\b", re.I)
# … and the sentence's (Dutch)
NEGATIVE_STATED = re.compile(rf"\b(?:{_NEGATIVE}|stoppen|weiger\w*|niet\s+opgenomen|niet\s+(?:\w+\s+)?ondertekend|"
                             r"afgezien|schaft\w*\s+(?:\w+\s+){0,3}af|beëindig\w*)\b", re.I)
