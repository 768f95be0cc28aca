"""Support: the sentences of the anchor's passage that go with the anchor in an answer, best first.

Those holding a value of the asked type or a focus term the anchor lacks (another item of the same list)
come first, then the sentences right after it on the question's terms (or giving the reason a why-question
asks). For a yes/no question whose anchor only poses the question ("In de RFL is besproken of een planMER
nodig is"), the sentence after it is the yes or no ("Dit is niet het geval …") and always joins.
"""

from __future__ import annotations

from collections.abc import Sequence

from ruimtegraaf.answering.asking import QuestionKind
from ruimtegraaf.answering.candidates import covered
from ruimtegraaf.answering.question import Question
from ruimtegraaf.answering.sentences import Sentence, poses_question
from ruimtegraaf.answering.values import VALUED, AnswerType, of_type, values_in
from ruimtegraaf.index import tokens

FOLLOWS = 400  # characters after the anchor within which a sentence counts as following it
KEEP = 0.5  # the least value a support sentence has (following alone, 0.25, is not enough)


def support(q: Question, s: Sentence, own: Sequence[Sentence], limit: int) -> list[Sentence]:
    """At most `limit` sentences of `own` (the anchor's passage without the anchor `s`) that go with `s`, in
    document order."""
    said = {t for t in q.focus if covered(t, set(tokens(s.text)))}
    wanted = q.wanted
    reply = min((x.start for x in own if x.start > s.start), default=-1) \
        if q.kind == QuestionKind.YES_NO and poses_question(s.text) else -1

    def value(x: Sentence) -> float:
        words = set(tokens(x.text))
        new = sum(q.focus[t] for t in q.focus if t not in said and covered(t, words)) / (sum(q.focus.values()) or 1)
        values = values_in(x.text)
        typed = bool(of_type(values, wanted, q.unit, x.text)) if wanted in VALUED else False
        follows = x.start > s.start and x.start - s.end < FOLLOWS
        on_topic = any(covered(t, words) for t in q.focus)
        reason = q.kind == QuestionKind.WHY and follows and bool(of_type(values, AnswerType.REASON))
        return (2.0 * typed + 2.0 * new + 1.0 * reason + 0.5 * (follows and on_topic) + 0.25 * follows
                + 4.0 * (x.start == reply))

    scored = sorted(((value(x), x) for x in own), key=lambda pair: -pair[0])  # each sentence valued once
    ranked = [x for v, x in scored if v >= KEEP]
    return sorted(ranked[:limit], key=lambda x: x.start)
