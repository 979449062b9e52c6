"""Fast regex scan for date expressions in running text.

Used when the NLP model's DATE entities miss something.  Month and weekday
names must be capitalised (news copy), so the modal verb "may" and the noun
"march" are never matched; the month "May" is only matched when a day or a
year is attached ("May 5", "5 May", "May 2019", "mid-May 2019") or with
"early/mid/late" ("mid-May"), never as "in May" (a surname in British news).
Bare clock times ("3 p.m."), scores ("2-1") and counts ("15,000") are not
matched.  Function words ("on", "in", "last", ...) are case-insensitive.
"""
from __future__ import annotations

import re

from ._lexicon import MONTH_NAMES, WEEKDAY_NAMES


def _alt(words) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


_WEEKDAY = "(?:" + _alt(w.capitalize() for w in WEEKDAY_NAMES) + ")"
_ABBR = ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec")
# every month, including May and abbreviations: only used with a day or a year
_MONTH_ANY = "(?:" + _alt([m.capitalize() for m in MONTH_NAMES]) + "|(?:" + _alt(_ABBR) + r")\.?)"
# full names without May: may stand alone after "in"
_MONTH_SAFE = "(?:" + _alt(m.capitalize() for m in MONTH_NAMES if m != "may") + ")"
_MONTH_FULL = "(?:" + _alt(m.capitalize() for m in MONTH_NAMES) + ")"

_DAYNUM = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d:])"
_YEARNUM = r"(?:1[89]\d\d|20\d\d)(?![\d%]|[,.\-/]\d)"
_ON = r"(?:(?i:on)\s+)?"
_MOD = r"(?:(?i:early|mid|late)(?:\s+|-))"
_PART = r"(?:\s+(?i:morning|afternoon|evening|night))?"
_UNIT_WORDS = r"one|two|three|four|five|six|seven|eight|nine"
_NUMWORD = (
    r"(?:\d{1,3}|(?i:a couple of|a dozen|a single|an?|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    rf"(?:[- ](?:{_UNIT_WORDS}))?|{_UNIT_WORDS}))"
)
# newspapers and named days that are not dates
_NOT_AFTER_WEEKDAY = r"(?!\s+(?:Times|Telegraph|Express|Mirror|Post|Herald|Mail|Independent|Tribune|Observer|Sun|Star|Sport|School|Night Live)\b)"
_NOT_BEFORE_WEEKDAY = r"(?<!Good )(?<!Black )(?<!Bloody )(?<!Palm )(?<!Easter )(?<!Ash )(?<!Holy )(?<!Cyber )(?<!Super )"

_MONTH_DAY = rf"{_MONTH_ANY}\s+{_DAYNUM}(?:,?\s+{_YEARNUM})?"
_DAY_MONTH = rf"(?<![\d,.\-/]){_DAYNUM}\s+(?:(?i:of)\s+)?{_MONTH_ANY}(?:,?\s+{_YEARNUM})?"

_PATTERNS = (
    # "on Sunday, March 7", "Friday 12 March 2021"
    rf"{_ON}{_WEEKDAY},?\s+(?:{_MONTH_DAY}|{_DAY_MONTH})",
    # "on March 3, 2020", "Dec. 12", "3 March", "the 3rd of March"
    rf"{_ON}(?:{_MOD})?{_MONTH_DAY}",
    rf"{_ON}(?:(?i:the)\s+)?{_DAY_MONTH}",
    # "in March 2019", "mid-May 2019", "September 2020"
    rf"(?:(?i:in|since|during|until|by)\s+)?{_MOD}?{_MONTH_ANY},?\s+{_YEARNUM}",
    # "in March", "in early March", "mid-March", "late May"
    rf"(?:(?i:in|since|during|until)\s+)?{_MOD}{_MONTH_FULL}\b",
    rf"(?i:in|since|during|until)\s+{_MONTH_SAFE}\b",
    # ISO dates
    r"(?:19|20)\d\d-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?![\d\-])",
    # holidays
    rf"{_ON}(?:New Year['\u2019]s (?:Day|Eve)|Christmas (?:Day|Eve))",
    # "the day before yesterday", "yesterday morning", "tonight", "earlier today"
    rf"(?:(?i:earlier|later|late|early)\s+)?(?:(?i:the day before|the day after)\s+)?(?<!USA )(?i:yesterday|today|tonight|tomorrow){_PART}",
    r"(?:(?i:earlier|later|late|early)\s+)?(?i:last night|this morning|this afternoon|this evening)",
    # "late last year", "earlier this month", "next week", "this time last year"
    r"(?<![Tt]he )(?:(?i:earlier|later|early|late|this time)\s+)?(?i:last|this past|this coming|this|next)\s+(?i:week|weekend|month|year)\b",
    r"(?i:over|during)\s+the\s+(?i:weekend)\b",
    # weekdays
    rf"(?:(?i:on|last|this past|this coming|this|next|early|late|earlier|later)\s+)?{_NOT_BEFORE_WEEKDAY}{_WEEKDAY}{_NOT_AFTER_WEEKDAY}{_PART}",
    # "two days ago", "a year ago"
    rf"{_NUMWORD}\s+(?i:days?|weeks?|months?|years?|decades?)\s+(?i:ago)",
    # "in 2019", "in early 2019", "mid-2019", "in the 1990s"
    rf"(?i:in|since|during|until|by)\s+{_MOD}?{_YEARNUM}",
    rf"(?i:early|mid|late)-{_YEARNUM}",
    rf"(?:(?i:in|since|during)\s+)?(?i:the)\s+{_MOD}?(?:1[89]|20)\d0s\b",
)

# (?<!\w)(?=[0-9A-Za-z]): only try at word starts (twice as fast as \b)
_FINDER_RE = re.compile(r"(?<!\w)(?=[0-9A-Za-z])(?:" + "|".join(f"(?:{p})" for p in _PATTERNS) + r")\b")


def find_expressions(text: str) -> list[tuple[int, int, str]]:
    """Return ``(start, end, expression)`` for every date expression in ``text``.

    Offsets are character offsets into ``text`` (``text[start:end] ==
    expression``); matches do not overlap and are in text order.  Leading
    "on"/"in" and "last"/"this"/"next" are part of the match, as are a
    trailing "morning"/"night" and early/mid/late modifiers; pass the
    expression to :func:`eventcoder.dates.resolve` to place it.
    """
    return [(m.start(), m.end(), m.group()) for m in _FINDER_RE.finditer(text)]
