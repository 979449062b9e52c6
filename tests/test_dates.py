"""Tests for eventcoder.dates: resolving date expressions and finding them in text."""
from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from eventcoder.dates import (
    FUTURE_WINDOW_DAYS,
    HISTORICAL_DAYS,
    PRECISIONS,
    ResolvedDate,
    find_expressions,
    resolve,
)

D = dt.date
SAT = D(2021, 3, 13)  # a Saturday
FRI = D(2021, 3, 12)  # a Friday
MON = D(2021, 3, 15)  # a Monday
WED = D(2021, 3, 10)  # a Wednesday

# (expression, publication date, expected date, precision, historical)
RESOLVE_CASES = [
    # weekdays: news convention, never the future
    ("on Friday", SAT, D(2021, 3, 12), "day", False),
    ("Friday", SAT, D(2021, 3, 12), "day", False),
    ("Friday night", SAT, D(2021, 3, 12), "day", False),
    ("Friday morning", SAT, D(2021, 3, 12), "day", False),
    ("late on Friday", SAT, D(2021, 3, 12), "day", False),
    ("Friday's", SAT, D(2021, 3, 12), "day", False),
    ("on Friday", FRI, D(2021, 3, 12), "day", False),
    ("on Saturday", SAT, D(2021, 3, 13), "day", False),
    ("on Sunday", SAT, D(2021, 3, 7), "day", False),
    ("Thursday", WED, D(2021, 3, 4), "day", False),
    ("on Monday", WED, D(2021, 3, 8), "day", False),
    ("Friday at 3 p.m.", SAT, D(2021, 3, 12), "day", False),
    ("last Friday", FRI, D(2021, 3, 5), "day", False),
    ("last Friday", SAT, D(2021, 3, 12), "day", False),
    ("this past Tuesday", WED, D(2021, 3, 9), "day", False),
    ("next Friday", FRI, D(2021, 3, 19), "day", False),
    ("next Friday", WED, D(2021, 3, 12), "day", False),
    ("this Friday", WED, D(2021, 3, 12), "day", False),
    ("this Monday", WED, D(2021, 3, 8), "day", False),
    # days relative to publication
    ("today", SAT, SAT, "day", False),
    ("tonight", SAT, SAT, "day", False),
    ("this morning", SAT, SAT, "day", False),
    ("earlier today", SAT, SAT, "day", False),
    ("yesterday", SAT, D(2021, 3, 12), "day", False),
    ("yesterday afternoon", SAT, D(2021, 3, 12), "day", False),
    ("last night", D(2021, 3, 1), D(2021, 2, 28), "day", False),
    ("the day before yesterday", SAT, D(2021, 3, 11), "day", False),
    ("tomorrow", SAT, D(2021, 3, 14), "day", False),
    ("the day after tomorrow", SAT, D(2021, 3, 15), "day", False),
    ("two days ago", SAT, D(2021, 3, 11), "day", False),
    ("40 days ago", SAT, D(2021, 2, 1), "day", True),
    # week-level: a concrete day in the week, precision 'month'
    ("last week", SAT, D(2021, 3, 6), "month", False),
    ("early last week", SAT, D(2021, 3, 6), "month", False),
    ("this week", SAT, SAT, "month", False),
    ("earlier this week", SAT, SAT, "month", False),
    ("next week", SAT, D(2021, 3, 20), "month", False),
    ("three weeks ago", SAT, D(2021, 2, 20), "month", False),
    ("a week ago", SAT, D(2021, 3, 6), "month", False),
    ("six weeks ago", SAT, D(2021, 1, 30), "month", True),
    ("over the weekend", MON, D(2021, 3, 13), "month", False),
    ("the weekend", SAT, SAT, "month", False),
    ("last weekend", MON, D(2021, 3, 13), "month", False),
    ("this weekend", WED, D(2021, 3, 13), "month", False),
    ("next weekend", WED, D(2021, 3, 20), "month", False),
    # months: first day of the month
    ("last month", SAT, D(2021, 2, 1), "month", False),
    ("this month", SAT, D(2021, 3, 1), "month", False),
    ("earlier this month", SAT, D(2021, 3, 1), "month", False),
    ("next month", SAT, D(2021, 4, 1), "month", False),
    ("last month", D(2021, 1, 5), D(2020, 12, 1), "month", False),
    ("in March", SAT, D(2021, 3, 1), "month", False),
    ("mid-March", SAT, D(2021, 3, 1), "month", False),
    ("in early February", SAT, D(2021, 2, 1), "month", False),
    ("in January", SAT, D(2021, 1, 1), "month", True),
    ("in December", SAT, D(2020, 12, 1), "month", True),
    ("in April", SAT, D(2021, 4, 1), "month", False),  # next month: within the window
    ("in June", SAT, D(2020, 6, 1), "month", True),
    ("in March 2019", SAT, D(2019, 3, 1), "month", True),
    ("in March 2019", D(2019, 3, 20), D(2019, 3, 1), "month", False),
    ("September 2020", SAT, D(2020, 9, 1), "month", True),
    ("late May 2019", SAT, D(2019, 5, 1), "month", True),
    ("six months ago", SAT, D(2020, 9, 1), "month", True),
    ("a month ago", SAT, D(2021, 2, 1), "month", False),
    # years: January 1
    ("last year", SAT, D(2020, 1, 1), "year", True),
    ("last year", D(2021, 1, 2), D(2020, 1, 1), "year", True),
    ("late last year", SAT, D(2020, 1, 1), "year", True),
    ("this time last year", SAT, D(2020, 1, 1), "year", True),
    ("this year", SAT, D(2021, 1, 1), "year", False),
    ("earlier this year", SAT, D(2021, 1, 1), "year", False),
    ("by the end of the year", SAT, D(2021, 1, 1), "year", False),
    ("next year", SAT, D(2022, 1, 1), "year", False),
    ("in 2019", SAT, D(2019, 1, 1), "year", True),
    ("2019", SAT, D(2019, 1, 1), "year", True),
    ("in 2021", SAT, D(2021, 1, 1), "year", False),
    ("in early 2015", SAT, D(2015, 1, 1), "year", True),
    ("mid-2019", SAT, D(2019, 1, 1), "year", True),
    ("in 2023", SAT, D(2023, 1, 1), "year", False),
    ("a year ago", SAT, D(2020, 1, 1), "year", True),
    ("two years ago", SAT, D(2019, 1, 1), "year", True),
    ("twenty-five years ago", SAT, D(1996, 1, 1), "year", True),
    ("two decades ago", SAT, D(2001, 1, 1), "year", True),
    ("the 1990s", SAT, D(1990, 1, 1), "year", True),
    ("in the 2020s", SAT, D(2020, 1, 1), "year", False),
    ("the '80s", SAT, D(1980, 1, 1), "year", True),
    # month-day without a year: latest occurrence up to FUTURE_WINDOW_DAYS ahead
    ("on March 3", SAT, D(2021, 3, 3), "day", False),
    ("March 3", SAT, D(2021, 3, 3), "day", False),
    ("3 March", SAT, D(2021, 3, 3), "day", False),
    ("the 3rd of March", SAT, D(2021, 3, 3), "day", False),
    ("March 3rd", SAT, D(2021, 3, 3), "day", False),
    ("March the 3rd", SAT, D(2021, 3, 3), "day", False),
    ("on Sunday, March 7", SAT, D(2021, 3, 7), "day", False),
    ("Friday 12 March", SAT, D(2021, 3, 12), "day", False),
    ("Dec. 12", SAT, D(2020, 12, 12), "day", True),
    ("Sept. 5", SAT, D(2020, 9, 5), "day", True),
    ("Feb 9", SAT, D(2021, 2, 9), "day", True),  # 32 days before: historical
    ("Feb 10", SAT, D(2021, 2, 10), "day", False),  # 31 days before: not yet
    ("March 20", SAT, D(2021, 3, 20), "day", False),  # scheduled, one week ahead
    ("on April 10", SAT, D(2021, 4, 10), "day", False),
    ("May 5", SAT, D(2020, 5, 5), "day", True),
    ("January 5", D(2020, 12, 28), D(2021, 1, 5), "day", False),
    ("Dec. 28", D(2021, 1, 3), D(2020, 12, 28), "day", False),
    ("Feb. 29", SAT, D(2020, 2, 29), "day", True),
    # explicit years
    ("March 3, 2020", SAT, D(2020, 3, 3), "day", True),
    ("on 3 March 2020", SAT, D(2020, 3, 3), "day", True),
    ("3rd of March, 2020", SAT, D(2020, 3, 3), "day", True),
    ("Wednesday, March 10, 2021", SAT, D(2021, 3, 10), "day", False),
    ("2021-03-01", SAT, D(2021, 3, 1), "day", False),
    ("2020 March 5", SAT, D(2020, 3, 5), "day", True),  # dateparser fallback
    # holidays
    ("on New Year's Day", SAT, D(2021, 1, 1), "day", True),
    ("Christmas Eve", D(2021, 12, 20), D(2021, 12, 24), "day", False),
]


@pytest.mark.parametrize("expression,pub,expected,precision,historical", RESOLVE_CASES)
def test_resolve(expression, pub, expected, precision, historical):
    r = resolve(expression, pub)
    assert r is not None, expression
    assert (r.date, r.precision, r.historical) == (expected, precision, historical)
    assert r.expression == expression
    assert r.precision in PRECISIONS


UNRESOLVABLE = [
    "an early date",
    "the next stage",
    "soon",
    "recently",
    "in recent years",
    "in the coming weeks",
    "the past week",
    "over the last year",
    "years ago",
    "a few days ago",
    "the previous day",
    "two years earlier",
    "the same day",
    "in two weeks",
    "3 p.m.",
    "at midnight",
    "on 3/4/2021",
    "12.03.2021",
    "2-1",
    "15,000",
    "March 3 to 5",
    "February 30",
    "Dec. 32",
    "may",
    "march",
    "summer",
    "annual",
    "",
    "   ",
    "x" * 500,
]


@pytest.mark.parametrize("expression", UNRESOLVABLE)
def test_resolve_returns_none(expression):
    assert resolve(expression, SAT) is None


def test_plain_weekday_never_future():
    start = D(2021, 3, 1)
    for offset in range(14):
        pub = start + dt.timedelta(days=offset)
        for name in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"):
            r = resolve(f"on {name}", pub)
            assert r.date <= pub
            assert (pub - r.date).days < 7
            assert r.date.strftime("%A") == name


def test_historical_threshold():
    pub = D(2021, 6, 30)
    edge = pub - dt.timedelta(days=HISTORICAL_DAYS)
    assert resolve(f"{HISTORICAL_DAYS} days ago", pub).historical is False
    assert resolve(f"{HISTORICAL_DAYS + 1} days ago", pub).historical is True
    assert resolve(f"{HISTORICAL_DAYS} days ago", pub).date == edge


def test_future_window():
    pub = D(2021, 3, 13)
    ahead = pub + dt.timedelta(days=FUTURE_WINDOW_DAYS)
    assert resolve(ahead.strftime("%B %d").replace(" 0", " "), pub).date == ahead
    beyond = ahead + dt.timedelta(days=1)
    assert resolve(beyond.strftime("%B %d").replace(" 0", " "), pub).date == beyond.replace(year=2020)


def test_accepts_datetime_publication():
    r = resolve("yesterday", dt.datetime(2021, 3, 13, 22, 15))
    assert r.date == D(2021, 3, 12)


def test_rejects_bad_publication_type():
    with pytest.raises(TypeError):
        resolve("yesterday", "2021-03-13")


def test_result_is_frozen_and_cached():
    r = resolve("last Thursday", SAT)
    assert isinstance(r, ResolvedDate)
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.precision = "year"  # type: ignore[misc]
    assert resolve("last Thursday", SAT) is r


def test_case_and_punctuation_insensitive():
    assert resolve("ON FRIDAY.", SAT).date == D(2021, 3, 12)
    assert resolve("Last Year's", SAT).date == D(2020, 1, 1)
    assert resolve("New Year\u2019s Day", SAT).date == D(2021, 1, 1)


# --------------------------------------------------------------------------
# find_expressions
# --------------------------------------------------------------------------

PARAGRAPH = (
    "KHARTOUM - Militia fighters attacked a market town on Tuesday night, two local "
    "officials said on Thursday. Aid groups reported that 12,000 residents had fled since "
    "mid-February, and a convoy was turned back on Sunday, March 7. The governor, who took "
    "office in 2019, said talks broken off in November 2020 may resume next week. A truce "
    "agreed three weeks ago collapsed yesterday at 4 p.m. after a 3-1 vote by the council. "
    "The Sunday Times reported that the army may deploy more troops. Peace talks last year "
    "stalled; a similar crisis in the 1990s lasted until Dec. 12, 1998."
)

EXPECTED_IN_PARAGRAPH = [
    "on Tuesday night",
    "on Thursday",
    "since mid-February",
    "on Sunday, March 7",
    "in 2019",
    "in November 2020",
    "next week",
    "three weeks ago",
    "yesterday",
    "last year",
    "in the 1990s",
    "Dec. 12, 1998",
]


def test_find_expressions_paragraph():
    found = find_expressions(PARAGRAPH)
    assert [text for _, _, text in found] == EXPECTED_IN_PARAGRAPH
    for start, end, text in found:
        assert PARAGRAPH[start:end] == text
    # spot-check absolute offsets
    start = PARAGRAPH.index("on Sunday, March 7")
    assert found[3] == (start, start + len("on Sunday, March 7"), "on Sunday, March 7")
    assert found[0][0] == PARAGRAPH.index("on Tuesday")


def test_found_expressions_resolve():
    pub = D(2021, 3, 13)
    resolved = {text: resolve(text, pub) for _, _, text in find_expressions(PARAGRAPH)}
    assert all(r is not None for r in resolved.values()), resolved
    assert resolved["on Tuesday night"].date == D(2021, 3, 9)
    assert resolved["on Sunday, March 7"].date == D(2021, 3, 7)
    assert resolved["Dec. 12, 1998"].historical is True
    assert resolved["next week"].historical is False


FIND_CASES = [
    ("The vote is set for May 5.", ["May 5"]),
    ("Rebels took the city on 5 May 2019.", ["on 5 May 2019"]),
    ("They met in May 2019 and in early June.", ["in May 2019", "in early June"]),
    ("Confidence in May has collapsed.", []),
    ("Officials may meet later.", []),
    ("May God protect them, he said.", []),
    ("The march began at 3 p.m. and drew 15,000 people.", []),
    ("The team won 2-1 on the road.", []),
    ("Over the last year, prices rose.", []),
    ("Protests continued on Good Friday.", []),
    ("The Sunday Times said so.", []),
    ("USA Today reported the deal.", []),
    ("He said it Saturday morning.", ["Saturday morning"]),
    ("Talks resume tomorrow and end the day after tomorrow.", ["tomorrow", "the day after tomorrow"]),
    ("It was signed Sept. 5 in Geneva.", ["Sept. 5"]),
    ("Budget growth hit 7% in 2020.", ["in 2020"]),
    ("The 2019-20 season was cancelled in 2020-21.", []),
    ("Officials said earlier this month that the plan, drafted a year ago, stood.",
     ["earlier this month", "a year ago"]),
    ("The accord, signed 2021-02-28, holds.", ["2021-02-28"]),
    ("Crowds gathered on New Year's Eve.", ["on New Year's Eve"]),
    ("This morning the ministry said it would respond this weekend.", ["This morning", "this weekend"]),
    ("Fighting flared over the weekend.", ["over the weekend"]),
    ("Today, the minister resigned.", ["Today"]),
]


@pytest.mark.parametrize("text,expected", FIND_CASES)
def test_find_expressions_cases(text, expected):
    found = find_expressions(text)
    assert [t for _, _, t in found] == expected
    for start, end, t in found:
        assert text[start:end] == t


def test_find_expressions_empty():
    assert find_expressions("") == []
    assert find_expressions("No dates here at all.") == []
