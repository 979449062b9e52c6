"""Resolve a date expression against an article's publication date.

See :func:`resolve` for the conventions.  The common forms are handled by
compiled regular expressions; ``dateparser`` is only a fallback for unusual
absolute forms that name a month ("March the 3rd", "3rd of March, 2020").
"""
from __future__ import annotations

import calendar
import datetime as _dt
import functools
import re
from types import MappingProxyType
from typing import Optional

from ._lexicon import HOLIDAYS, MONTHS, NUMBER_WORDS, WEEKDAYS
from ._model import ResolvedDate

#: a period that ended more than this many days before publication is historical
HISTORICAL_DAYS = 31
#: a month-day or month without a year may lie at most this many days after
#: publication (scheduled events); otherwise the most recent past one is taken
FUTURE_WINDOW_DAYS = 31
#: expressions longer than this are not dates (and are not worth caching)
MAX_EXPRESSION_LENGTH = 80

_DAY = _dt.timedelta(days=1)

# --------------------------------------------------------------------------
# normalisation
# --------------------------------------------------------------------------

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u2013": "-", "\u2014": "-", "\u00a0": " "})
_CLOCK_RE = re.compile(
    r"\b(?:at|around|about|after|before|by|shortly after|shortly before|just after|just before)?\s*"
    r"(?:\d{1,2}(?::\d{2})?\s*(?:a\.?\s?m\b\.?|p\.?\s?m\b\.?)|\d{1,2}:\d{2}|noon|midnight)"
    r"(?:\s+(?:local time|gmt|utc|et|edt|est|bst|cet|cest))?"
)
_ABBR_DOT_RE = re.compile(r"(?<=[a-z])\.")
_COMMA_RE = re.compile(r",(?!\d)")
_SPACE_RE = re.compile(r"\s+")
_POSSESSIVE_RE = re.compile(r"(?<=[a-z0-9])'s$|(?<=s)'$")
_PREFIX_RE = re.compile(
    r"^(?:on|in|at|during|since|from|as of|as early as|as late as|around|about|circa|approximately|"
    r"sometime|some time|until|till|through|throughout|over|by|of|"
    r"the (?:morning|afternoon|evening|night) of|"
    r"early|earlier|late|later|mid|middle|the middle of|middle of|the end of|end of|"
    r"the beginning of|beginning of|the start of|start of|the first half of|first half of|"
    r"the second half of|second half of|this time|around this time|at this time)(?:\s+|-)"
)
_PART_OF_DAY_RE = re.compile(r"\s+(?:morning|afternoon|evening|night|overnight)$")
_SAME_DAY = frozenset({"today", "tonight", "this morning", "this afternoon", "this evening"})
_NUMERIC_DATE_RE = re.compile(r"\b\d{1,2}[/.]\d{1,2}(?:[/.]\d{2,4})?\b")
_THE_PERIOD_RE = re.compile(r"^the (week|month|year)$")


def _normalise(expression: str) -> str:
    s = expression.translate(_QUOTES).lower()
    s = _CLOCK_RE.sub(" ", s)
    s = _ABBR_DOT_RE.sub("", s)
    s = _COMMA_RE.sub(" ", s)
    s = _SPACE_RE.sub(" ", s).strip(" \t\n.;:!?()[]\"'-")
    s = _POSSESSIVE_RE.sub("", s)
    modified = False
    while True:
        m = _PREFIX_RE.match(s)
        if m is None:
            break
        s = s[m.end():].lstrip(" -")
        modified = True
    if modified:  # "by the end of the year" -> "this year"
        s = _THE_PERIOD_RE.sub(r"this \1", s)
    if s == "last night":
        return "yesterday"
    if s in _SAME_DAY:
        return "today"
    s = _PART_OF_DAY_RE.sub("", s)
    return s


# --------------------------------------------------------------------------
# grammar (applied to the normalised, lower-case expression)
# --------------------------------------------------------------------------

def _alt(words) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


_WD = _alt(WEEKDAYS)
_MON = _alt(MONTHS)
_NUM = r"\d{1,3}|" + _alt(NUMBER_WORDS)
_ORD = r"(?:st|nd|rd|th)?"
_YEAR = r"\d{4}"

_RELATIVE_DAY_RE = re.compile(r"(the day before yesterday|yesterday|today|tomorrow|the day after tomorrow)")
_WEEKDAY_RE = re.compile(rf"(?:(last|this|next|this past|this coming)\s+)?({_WD})")
_PERIOD_RE = re.compile(r"(last|this|next|this past|this coming)\s+(week|weekend|month|year)")
_WEEKEND_RE = re.compile(r"(?:the\s+)?weekend")
_AGO_RE = re.compile(rf"({_NUM})\s+(day|week|month|year|decade)s?\s+ago")
_ISO_RE = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})")
_MONTH_DAY_RE = re.compile(
    rf"(?:(?:{_WD})\s+)?(?:the\s+)?({_MON})\s+(?:the\s+)?(\d{{1,2}}){_ORD}(?:\s+(?:of\s+)?({_YEAR}))?"
)
_DAY_MONTH_RE = re.compile(
    rf"(?:(?:{_WD})\s+)?(?:the\s+)?(\d{{1,2}}){_ORD}\s+(?:of\s+)?({_MON})(?:\s+({_YEAR}))?"
)
_MONTH_YEAR_RE = re.compile(rf"({_MON})(?:\s+of)?\s+({_YEAR})")
_MONTH_RE = re.compile(rf"({_MON})")
_YEAR_RE = re.compile(r"(\d{4})")
_DECADE_RE = re.compile(r"(?:the\s+)?(\d{2}|')?(\d)0'?s")
_HOLIDAY_RE = re.compile(rf"({_alt(HOLIDAYS)})(?:\s+({_YEAR}))?")

#: words that make an expression too vague, relative to the narrative, or a span
_VAGUE_RE = re.compile(
    r"\b(?:soon|recent|recently|coming|upcoming|past|previous|following|next few|few|several|"
    r"some|many|earlier|later|before|after|prior|between|and|or|to|same|that|each|every|"
    r"annual|annually|daily|weekly|monthly|yearly|season|ago|decade|century|centuries)\b"
)
_HAS_MONTH_RE = re.compile(rf"\b(?:{_MON})\b")
_AMBIGUOUS_WORD_RE = re.compile(r"\b(?:may|march)\b")
_CAPITALISED_MONTH_RE = re.compile(r"\b(?:May|March|MAY|MARCH)\b")
_DIGIT_RE = re.compile(r"\d")
_HAS_YEAR_RE = re.compile(r"(?<!\d)(\d{4})(?!\d)")


# --------------------------------------------------------------------------
# calendar helpers
# --------------------------------------------------------------------------

def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _month_end(d: _dt.date) -> _dt.date:
    return d.replace(day=calendar.monthrange(d.year, d.month)[1])


def _valid_year(y: int) -> bool:
    return 1000 <= y <= 2999


def _safe_date(y: int, m: int, d: int) -> Optional[_dt.date]:
    try:
        return _dt.date(y, m, d)
    except ValueError:
        return None


def _pick_day(month: int, day: int, pub: _dt.date) -> Optional[_dt.date]:
    """Latest occurrence of month/day not later than ``FUTURE_WINDOW_DAYS`` after ``pub``."""
    limit = pub + _dt.timedelta(days=FUTURE_WINDOW_DAYS)
    for y in range(pub.year + 1, pub.year - 9, -1):  # Feb 29 may need a few years
        d = _safe_date(y, month, day)
        if d is not None and d <= limit:
            return d
    return None


def _pick_month(month: int, pub: _dt.date) -> _dt.date:
    """First day of the latest such month starting no later than the window after ``pub``."""
    limit = pub + _dt.timedelta(days=FUTURE_WINDOW_DAYS)
    d = _dt.date(pub.year + 1, month, 1)
    while d > limit:
        d = d.replace(year=d.year - 1)
    return d


def _weekday_before(pub: _dt.date, wd: int, *, allow_same: bool) -> _dt.date:
    back = (pub.weekday() - wd) % 7
    if back == 0 and not allow_same:
        back = 7
    return pub - _dt.timedelta(days=back)


def _number(token: str) -> Optional[int]:
    if token.isdigit():
        return int(token)
    return NUMBER_WORDS.get(token)


# --------------------------------------------------------------------------
# the rules
# --------------------------------------------------------------------------

# A rule returns (date, precision, end) where ``end`` is the last day of the
# period for the historical test, or None.
_Result = Optional[tuple[_dt.date, str, _dt.date]]


def _day(d: _dt.date) -> _Result:
    return d, "day", d


def _week(d: _dt.date) -> _Result:
    # week-level: a concrete day in the period, coarse precision
    return d, "month", d


def _month(d: _dt.date) -> _Result:
    return d, "month", _month_end(d)


def _year(y: int, last: Optional[int] = None) -> _Result:
    if not _valid_year(y):
        return None
    return _dt.date(y, 1, 1), "year", _dt.date(last if last is not None else y, 12, 31)


def _rule_relative_day(s: str, pub: _dt.date) -> _Result:
    m = _RELATIVE_DAY_RE.fullmatch(s)
    if m is None:
        return None
    offset = {"the day before yesterday": -2, "yesterday": -1, "today": 0,
              "tomorrow": 1, "the day after tomorrow": 2}[m.group(1)]
    return _day(pub + offset * _DAY)


def _rule_weekday(s: str, pub: _dt.date) -> _Result:
    m = _WEEKDAY_RE.fullmatch(s)
    if m is None:
        return None
    mod, wd = m.group(1), WEEKDAYS[m.group(2)]
    if mod is None:
        return _day(_weekday_before(pub, wd, allow_same=True))
    if mod in ("last", "this past"):
        return _day(_weekday_before(pub, wd, allow_same=False))
    if mod in ("next", "this coming"):
        ahead = (wd - pub.weekday()) % 7 or 7
        return _day(pub + ahead * _DAY)
    # "this Friday": that day of the publication's Monday-Sunday week
    return _day(pub + (wd - pub.weekday()) * _DAY)


def _saturday_of_week(pub: _dt.date) -> _dt.date:
    return pub + (5 - pub.weekday()) * _DAY


def _rule_period(s: str, pub: _dt.date) -> _Result:
    if _WEEKEND_RE.fullmatch(s):  # "the weekend": the most recent one (news convention)
        return _week(_weekday_before(pub, 5, allow_same=True))
    m = _PERIOD_RE.fullmatch(s)
    if m is None:
        return None
    mod, unit = m.group(1), m.group(2)
    step = {"last": -1, "this past": -1, "this": 0, "next": 1, "this coming": 1}[mod]
    if unit == "week":
        return _week(pub + 7 * step * _DAY)
    if unit == "weekend":
        return _week(_saturday_of_week(pub) + 7 * step * _DAY)
    if unit == "month":
        y, mo = _add_months(pub.year, pub.month, step)
        return _month(_dt.date(y, mo, 1))
    return _year(pub.year + step)


def _rule_ago(s: str, pub: _dt.date) -> _Result:
    m = _AGO_RE.fullmatch(s)
    if m is None:
        return None
    n = _number(m.group(1))
    if n is None or n > 999:
        return None
    unit = m.group(2)
    try:
        if unit == "day":
            return _day(pub - n * _DAY)
        if unit == "week":
            return _week(pub - 7 * n * _DAY)
        if unit == "month":
            y, mo = _add_months(pub.year, pub.month, -n)
            return _month(_dt.date(y, mo, 1))
        if unit == "year":
            return _year(pub.year - n)
        return _year(pub.year - 10 * n)  # decades
    except (OverflowError, ValueError):
        return None


def _rule_holiday(s: str, pub: _dt.date) -> _Result:
    m = _HOLIDAY_RE.fullmatch(s)
    if m is None:
        return None
    month, day = HOLIDAYS[m.group(1)]
    if m.group(2):
        d = _safe_date(int(m.group(2)), month, day)
    else:
        d = _pick_day(month, day, pub)
    return _day(d) if d is not None else None


def _rule_iso(s: str, pub: _dt.date) -> _Result:
    m = _ISO_RE.fullmatch(s)
    if m is None:
        return None
    d = _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    return _day(d) if d is not None and _valid_year(d.year) else None


def _month_day(month: int, day: int, year: Optional[str], pub: _dt.date) -> _Result:
    if year is not None:
        y = int(year)
        d = _safe_date(y, month, day) if _valid_year(y) else None
    else:
        d = _pick_day(month, day, pub)
    return _day(d) if d is not None else None


def _rule_month_day(s: str, pub: _dt.date) -> _Result:
    m = _MONTH_DAY_RE.fullmatch(s)
    if m is not None:
        return _month_day(MONTHS[m.group(1)], int(m.group(2)), m.group(3), pub)
    m = _DAY_MONTH_RE.fullmatch(s)
    if m is not None:
        return _month_day(MONTHS[m.group(2)], int(m.group(1)), m.group(3), pub)
    return None


def _rule_month(s: str, pub: _dt.date) -> _Result:
    m = _MONTH_YEAR_RE.fullmatch(s)
    if m is not None:
        y = int(m.group(2))
        return _month(_dt.date(y, MONTHS[m.group(1)], 1)) if _valid_year(y) else None
    m = _MONTH_RE.fullmatch(s)
    if m is not None:
        return _month(_pick_month(MONTHS[m.group(1)], pub))
    return None


def _rule_year(s: str, pub: _dt.date) -> _Result:
    m = _YEAR_RE.fullmatch(s)
    if m is not None:
        y = int(m.group(1))
        return _year(y) if 1800 <= y <= 2199 else None
    m = _DECADE_RE.fullmatch(s)
    if m is None:
        return None
    century, decade = m.group(1), int(m.group(2))
    if century is None or century == "'":  # "the '90s" / "the 90s"
        start = 2000 + 10 * decade
        if start > pub.year:
            start -= 100
    elif len(century) == 2:
        start = int(century) * 100 + 10 * decade
    else:
        return None
    return _year(start, start + 9)


_RULES = (
    _rule_relative_day,
    _rule_weekday,
    _rule_period,
    _rule_ago,
    _rule_holiday,
    _rule_iso,
    _rule_month_day,
    _rule_month,
    _rule_year,
)


# --------------------------------------------------------------------------
# dateparser fallback (unusual absolute forms only)
# --------------------------------------------------------------------------

_DATEPARSER_PRECISION = MappingProxyType({"day": "day", "time": "day", "week": "month", "month": "month",
                                          "quarter": "month", "year": "year"})


def _fallback(s: str, pub: _dt.date) -> _Result:
    if not _HAS_MONTH_RE.search(s) or _VAGUE_RE.search(s) or _NUMERIC_DATE_RE.search(s):
        return None
    try:
        from dateparser.date import DateDataParser
    except ImportError:  # pragma: no cover - dateparser is a declared dependency
        return None
    settings = {
        "PREFER_DATES_FROM": "past",
        "RELATIVE_BASE": _dt.datetime(pub.year, pub.month, pub.day),
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "REQUIRE_PARTS": ["month"],
    }
    try:
        data = DateDataParser(languages=["en"], settings=settings).get_date_data(s)
    except Exception:  # dateparser raises assorted errors on odd input
        return None
    if data is None or data.date_obj is None:
        return None
    d = data.date_obj.date()
    years = _HAS_YEAR_RE.findall(s)
    if years and int(years[-1]) != d.year:
        return None
    if not years and not (pub.year - 1 <= d.year <= pub.year + 1 and d <= pub + _dt.timedelta(days=FUTURE_WINDOW_DAYS)):
        return None  # e.g. "Dec. 32" read as December 1932
    precision = _DATEPARSER_PRECISION.get(data.period or "day", "day")
    if precision == "month":
        return _month(d.replace(day=1))
    if precision == "year":
        return _year(d.year)
    return _day(d)


# --------------------------------------------------------------------------
# public entry point
# --------------------------------------------------------------------------

def _is_historical(precision: str, end: _dt.date, pub: _dt.date) -> bool:
    if precision == "year" and end.year < pub.year:
        return True
    return (pub - end).days > HISTORICAL_DAYS


@functools.lru_cache(maxsize=1 << 16)
def _resolve_cached(expression: str, pub: _dt.date) -> Optional[ResolvedDate]:
    s = _normalise(expression)
    if not s:
        return None
    if _AMBIGUOUS_WORD_RE.search(s) and not _CAPITALISED_MONTH_RE.search(expression) and not _DIGIT_RE.search(s):
        return None  # the modal verb "may", the noun "march"
    result: _Result = None
    for rule in _RULES:
        result = rule(s, pub)
        if result is not None:
            break
    else:
        result = _fallback(s, pub)
    if result is None:
        return None
    d, precision, end = result
    return ResolvedDate(date=d, precision=precision, expression=expression,
                        historical=_is_historical(precision, end, pub))


def resolve(expression: str, publication_date: _dt.date) -> Optional[ResolvedDate]:
    """Place ``expression`` on the calendar relative to ``publication_date``.

    Returns None for non-dates and for expressions too vague to place
    ("soon", "recently", "in the coming weeks", "an early date", "years ago",
    "the next stage"), for bare clock times ("3 p.m."), for ambiguous numeric
    dates ("3/4/2021") and for spans relative to the narrative rather than to
    publication ("the previous day", "two years earlier").

    Conventions (weeks run Monday-Sunday):

    * Day-level: "today", "tonight", "this morning" -> publication date;
      "yesterday", "last night" -> the day before; "the day before yesterday";
      "tomorrow" / "the day after tomorrow" -> future days.
    * Weekdays follow the news convention: a plain weekday ("Friday", "on
      Friday", "Friday night", "late Friday") is the most recent such day
      *on or before* publication - the publication day itself if it is that
      weekday, otherwise the most recent one strictly before.  Plain weekdays
      never resolve to the future, even when the sentence is about a future
      event; the caller decides what to do with future-tense verbs.
      "last Friday" / "this past Friday" is strictly before publication (a
      week back on a Friday); "next Friday" / "this coming Friday" is the
      first one strictly after; "this Friday" is the Friday of the
      publication's Monday-Sunday week (past or future).
    * Week-level expressions have no precision of their own; they are
      reported with precision ``"month"`` and a concrete day in the period:
      "this week" -> publication date, "last week" -> publication - 7 days,
      "next week" -> publication + 7 days, "N weeks ago" -> publication - 7N
      days, "the weekend" -> the most recent Saturday on or before publication,
      "this/last/next weekend" -> the Saturday of the current / previous /
      next calendar week.
    * Months ("this month", "last month", "in March", "mid-March",
      "March 2019", "N months ago") and years ("this year", "last year",
      "in 2019", "late last year", "N years ago", "the 1990s") are reported
      as the first day of the period with precision ``"month"`` / ``"year"``.
      Modifiers such as early/mid/late, earlier/later and "the end of" do not
      change the period.
    * Month-days without a year ("March 3", "3 March", "Dec. 12", "on
      Sunday, March 7") and bare months ("in March") take the latest
      occurrence that is not more than ``FUTURE_WINDOW_DAYS`` (31) days after
      publication: mostly the past, but a date (or the month) just ahead of
      publication is read as a scheduled future event.  An explicit year
      always wins.  A leading weekday is not checked against the date.
    * Future references ("tomorrow", "next week", "next month", "next
      year", "next Friday", "in April" just before April) resolve to future
      dates with ``historical=False``.

    ``historical`` is True for year-precision expressions in an earlier
    calendar year and for any period that ended more than ``HISTORICAL_DAYS``
    (31) days before publication.

    Results are cached per (expression, publication date).
    """
    if not expression or len(expression) > MAX_EXPRESSION_LENGTH:
        return None
    if isinstance(publication_date, _dt.datetime):
        publication_date = publication_date.date()
    elif not isinstance(publication_date, _dt.date):
        raise TypeError(f"publication_date must be a datetime.date, not {type(publication_date).__name__}")
    return _resolve_cached(expression, publication_date)
