"""Line classification (ingest.lines): what a line of a source text is."""

from __future__ import annotations

from ingest.lines import Line, classify, split_lines

_BODY = [
    "Rijk en regio werken in Aland al enige jaren samen aan een gezamenlijke aanpak",
    "van de woningbouw, de bereikbaarheid en de ruimte voor werk in de hele regio.",
    "Daarbij wordt ook verkend op welke wijze betrokken overheden en partners kunnen",
    "bijdragen aan de financiering van de maatregelen die daarvoor nodig zijn.",
]


def _classified(*extra: str) -> list[Line]:
    text = "\n".join([*_BODY, "", *extra, *_BODY]) + "\n"
    lines = split_lines(text, 0, len(text))
    classify(lines, set(), in_form=False)
    return lines


def test_a_title_as_long_as_a_full_line_is_a_heading_when_the_writer_broke_it() -> None:
    title = "Verstedelijkingsstrategieën Aland, Bestad en Cedorp Centraal in de Vallei"
    lines = _classified(title, " In het overleg van 2024 hebben Rijk en regio afgesproken om een strategie",
                        "op te stellen voor deze drie gebieden, met de eerste stappen dit jaar.")
    (line,) = [ln for ln in lines if ln.text == title]
    assert (line.kind, line.label) == ("heading", title)


def test_a_full_line_that_reads_as_a_sentence_stays_running_text() -> None:
    first = "Bij het overleg in Aland is onder meer gesproken over plannen Bestad"
    lines = _classified(first, "Noord, de afspraken over de bereikbaarheid en de ruimte voor werk.")
    (line,) = [ln for ln in lines if ln.text == first]
    assert line.kind == "text"


def test_a_title_the_layout_wrapped_stays_running_text() -> None:
    # the next line's first word would not have fitted on it: the layout broke the line, not the writer
    first = "Waddenzee, Droogmakerij Bestad, Grachtengordel van Aland en de Hollandse Cedorp"
    lines = _classified(first, "Waterliniesverdedigingswerken en nog meer erfgoed horen bij de lijst.")
    (line,) = [ln for ln in lines if ln.text == first]
    assert line.kind == "text"
