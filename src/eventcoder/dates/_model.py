"""The value type returned by :func:`eventcoder.dates.resolve`."""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

#: allowed values of :attr:`ResolvedDate.precision`
PRECISIONS = ("day", "month", "year")


@dataclass(frozen=True)
class ResolvedDate:
    """A date expression placed on the calendar.

    ``date``
        A representative day.  For ``precision == "day"`` it is the day itself;
        for calendar months and years it is the *first* day of the period
        (``2021-03-01``, ``2020-01-01``).  Week-level expressions ("last week",
        "three weeks ago", "the weekend") are reported with precision
        ``"month"`` and keep a concrete day inside the period; see
        :func:`eventcoder.dates.resolve`.
    ``precision``
        ``"day"``, ``"month"`` or ``"year"``: how much of ``date`` is meaningful.
    ``expression``
        The expression as given to :func:`~eventcoder.dates.resolve`.
    ``historical``
        True when the expression clearly points to the past beyond the news
        cycle: an earlier calendar year at year precision ("last year",
        "in 2015", "two years ago"), or a period that ended more than
        :data:`~eventcoder.dates.HISTORICAL_DAYS` days before publication.
    """

    date: _dt.date
    precision: str
    expression: str
    historical: bool

