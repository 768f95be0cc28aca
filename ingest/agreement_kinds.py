"""The kind of an agreement, read from its verbs: adopting (vaststelling), noting (kennisname), money
(financiële afspraak), effort (inspanningsverplichting), else a process agreement (procesafspraak)."""

from __future__ import annotations

import re

KINDS = ("vaststelling", "procesafspraak", "financiele-afspraak", "kennisname", "inspanningsverplichting")

_NOTICE = re.compile(r"\b(?:nemen|neemt)\b[^.;]{0,60}?\bkennis\b|\bconstat(?:eren|eert)\b"
                     r"|\b(?:er|onder)kenn?(?:en|t),? dat\b", re.I)
_ALSO_ACTS = re.compile(r"\ben\s+(?:besluiten|werken|continueren|spreken|stellen|zetten|maken)\b", re.I)
_MONEY_TOPIC = re.compile(r"^(?:De\s+)?(?:Rijksbijdrage|bijdrage|kostenverdeling|co-?financiering)\b"
                          r"|\bverdeelsleutel\b", re.I)
_MONEY_VERB = re.compile(r"beschikba|\btoe\b|toegezegd|uitkeren|uitgekeerd|bijdrage (?:te doen|van)|financier"
                         r"|gereserveerd|reserveert|\bdekken\b", re.I)
_ADOPT = re.compile(
    r"\bstell?(?:en|t)\b(?:(?!\bvast\b)(?:[^.;:]|\.(?=\S))){0,150}\bvast\b(?!\s+te\b)(?!\s+dat\b)"
    r"|\b(?:heeft|hebben)\b[^.;]{0,120}\bvastgesteld\b|^Vaststellen\s+van\b|\bstemm?(?:en|t)\s+in\s+met\b"
    r"|\bonderschrijv(?:en|t)\b|\bonderschreven\b|\baan\s+te\s+wijzen\b|\bbenoem(?:en|t)\b[^.;]{0,160}\btot\b"
    r"|\bondertekenen\b|\bzijn\s+het\s+(?:erover\s+)?eens\b", re.I)
_ADOPT_PASSIVE = re.compile(r"\b(?:wordt|worden)\s+vastgesteld\b", re.I)
_FUTURE = re.compile(r"\b(?:zal|zullen)\b", re.I)
_NOT_ADOPTING = re.compile(r"^(?:de\s+intentie\b|(?:in|tijdens|op)\s+het\s+BO\b)", re.I)
_EFFORT = re.compile(r"\bcommitte(?:ren|ert)\s+zich\b|\bzeg(?:t|gen)\b[^.;]{0,80}\btoe\b|\binspanningsverplichting\b"
                     r"|\bspann?(?:en|t)\s+zich\b|\bin\s+te\s+zetten\s+om\b|\bzet(?:ten)?\s+zich\b[^.;]{0,40}\bin\b",
                     re.I)


def classify(text: str, *, has_amounts: bool = False) -> str:
    """The kind of an agreement from its verbs: adopting, noting, money, effort, else a process agreement.

    >>> classify("Rijk en Regio nemen kennis van de voortgang."), classify("Rijk en Regio stellen X vast.")
    ('kennisname', 'vaststelling')
    """
    sentences = [s for s in re.split(r"(?<=[.;])\s+", text) if s]
    first = sentences[0] if sentences else ""
    notice = _NOTICE.search(first)
    if notice and not _ALSO_ACTS.search(first[notice.end():]):
        return "kennisname"
    if _MONEY_TOPIC.search(text) or (has_amounts and _MONEY_VERB.search(text)):
        return "financiele-afspraak"
    for s in sentences:
        if _NOT_ADOPTING.match(s):
            continue
        if _ADOPT.search(s) or (_ADOPT_PASSIVE.search(s) and not _FUTURE.search(s)):
            return "vaststelling"
    if _EFFORT.search(text):
        return "inspanningsverplichting"
    return "procesafspraak"
