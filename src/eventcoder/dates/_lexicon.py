"""Word tables shared by the resolver and the finder (immutable constants)."""
from __future__ import annotations

from types import MappingProxyType

#: full month names, 1-based
MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)

#: lower-case month name or abbreviation (without the dot) -> month number
MONTHS = MappingProxyType({
    **{name: i for i, name in enumerate(MONTH_NAMES, start=1)},
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7,
    "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
})

#: full weekday names, Monday = 0 (``datetime.date.weekday()``)
WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

WEEKDAYS = MappingProxyType({
    **{name: i for i, name in enumerate(WEEKDAY_NAMES)},
    "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3,
    "fri": 4, "sat": 5, "sun": 6,
})

_UNITS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
    "seventeen", "eighteen", "nineteen",
)
_TENS = MappingProxyType({"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
                          "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90})

#: number words accepted in "N days ago" (plus digits, handled by the parser)
NUMBER_WORDS = MappingProxyType({
    "a": 1, "an": 1, "a single": 1, "a couple of": 2, "a dozen": 12,
    **{w: i for i, w in enumerate(_UNITS) if i},
    **_TENS,
    **{f"{t}-{u}": tv + ui for t, tv in _TENS.items() for ui, u in enumerate(_UNITS[1:10], start=1)},
    **{f"{t} {u}": tv + ui for t, tv in _TENS.items() for ui, u in enumerate(_UNITS[1:10], start=1)},
})

#: fixed-date holidays: normalised name -> (month, day)
HOLIDAYS = MappingProxyType({
    "new year's day": (1, 1),
    "new years day": (1, 1),
    "new year's eve": (12, 31),
    "new years eve": (12, 31),
    "christmas day": (12, 25),
    "christmas eve": (12, 24),
    "christmas": (12, 25),
})
