"""The names of the months, once: Dutch as the documents write them, English for the pages."""

from __future__ import annotations

MONTHS_NL = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
             "november", "december")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December")
MONTHS_NL_PATTERN = "(?:" + "|".join(MONTHS_NL) + ")"  # a regular expression for any Dutch month name
# month name (Dutch or English, lower case) → its number
MONTH_NUMBERS = {m.casefold(): i for names in (MONTHS_NL, MONTHS_EN) for i, m in enumerate(names, start=1)}
