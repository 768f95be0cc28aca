"""The timeline section of an entity page: per moment, newest first, the passages about a thing with their
sources (the JSON of the same timeline is api/timeline.py; both read `ruimtegraaf.timeline.timeline_of`)."""

from __future__ import annotations

from dataclasses import dataclass

from api.pages.render import collapse, doc_label, passage_href
from ruimtegraaf.dataset import Dataset
from ruimtegraaf.timeline import Timeline, timeline_of

SHOWN_PER_MOMENT = 5  # entries shown per moment before "show all"
WORDS = {"nl": {"timeline": "Tijdlijn", "timeline_intro": "Wat de documenten over dit onderwerp zeggen, per moment; "
                "het nieuwste eerst. Elke passage opent het document op de geciteerde plek.",
                "passages_n": "{n} passages", "passage_1": "1 passage"},
         "en": {"timeline": "Timeline", "timeline_intro": "What the documents say about this, by moment, newest "
                "first. Each passage opens the document at the cited place.",
                "passages_n": "{n} passages", "passage_1": "1 passage"}}


@dataclass
class Entry:
    """A passage on the timeline: its first words, its heading path and its source."""

    text: str
    note: str
    source: str
    href: str | None


@dataclass
class Moment:
    """One moment (a BO Leefomgeving, a startpakket …) and the passages of it about the thing."""

    key: str
    label: str
    date: str | None
    count: str
    shown: list[Entry]
    rest: list[Entry]


@dataclass
class TimelineSection:
    """What the entity page shows of a thing's timeline."""

    title: str
    intro: str
    moments: list[Moment]


def timeline_section(ds: Dataset, iri: str, lang: str) -> TimelineSection | None:
    """What the entity page shows of a thing's timeline: per moment, newest first, entries with source links."""
    try:
        found: Timeline | None = timeline_of(ds, iri, lang)
    except ValueError:
        return None
    if found is None or not found.moments:
        return None
    words = WORDS.get(lang, WORDS["nl"])
    moments = []
    for moment, entries in found.moments:
        items = []
        for e in entries:
            p = e.passage
            label = doc_label(ds, p.document, p.subdocument, p.start)
            page = f", p. {p.page}" if p.page else ""
            items.append(Entry(_cut(collapse(e.quote)), " › ".join(_cut(h, 60) for h in p.heading_path),
                               label.short + page, passage_href(ds, p.id, lang)))
        count = words["passage_1"] if len(items) == 1 else words["passages_n"].format(n=len(items))
        moments.append(Moment(moment.key, moment.label, moment.date, count, items[:SHOWN_PER_MOMENT],
                              items[SHOWN_PER_MOMENT:]))
    return TimelineSection(words["timeline"], words["timeline_intro"], moments)


def _cut(text: str, size: int = 160) -> str:
    """The first `size` characters of a text, cut at a word boundary (whitespace kept as it is)."""
    return text if len(text) <= size else text[:size].rsplit(" ", 1)[0] + " …"
